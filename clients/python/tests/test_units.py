"""Units that need no server: value conversions, error decoding, retry policy, idempotency from the
proto descriptors, the factory."""

from __future__ import annotations

import datetime as dt
import struct
import uuid
from decimal import Decimal

import grpc
import pytest

import grpc_clients
from grpc_clients import Interval, IsaCloudError, RetryPolicy, Typed, get_client
from grpc_clients._base import is_idempotent
from grpc_clients._convert import duration, enum_number, timestamp, to_dict
from grpc_clients.duckdb_values import decode_rows, from_value, to_value
from grpc_clients.errors import metadata_text
from grpc_clients.proto.isa.duckdb.v1 import duckdb_pb2 as dpb
from grpc_clients.proto.isa.minio.v1 import minio_pb2 as mpb
from grpc_clients.supabase import dumps, loads


def test_columnar_rows_decode_with_nulls_and_types() -> None:
    columns = [dpb.Column(name='n', type_id=dpb.TYPE_ID_INTEGER), dpb.Column(name='day', type_id=dpb.TYPE_ID_DATE),
               dpb.Column(name='ts', type_id=dpb.TYPE_ID_TIMESTAMP_TZ), dpb.Column(name='s', type_id=dpb.TYPE_ID_VARCHAR),
               dpb.Column(name='n', type_id=dpb.TYPE_ID_DOUBLE)]
    batch = dpb.RowBatch(row_count=3, columns=[
        dpb.ColumnVector(validity=bytes([0b101]), int32s=dpb.Int32Vector(data=struct.pack('<3i', 1, 0, -3))),
        dpb.ColumnVector(int32s=dpb.Int32Vector(data=struct.pack('<3i', 0, 20376, -1))),
        dpb.ColumnVector(int64s=dpb.Int64Vector(data=struct.pack('<3q', 0, 1_500_000, 2**63 - 1))),
        dpb.ColumnVector(strings=dpb.StringVector(data='aébc'.encode(), lengths=[1, 2, 2])),
        dpb.ColumnVector(float64s=dpb.Float64Vector(data=struct.pack('<3d', 0.5, float('nan'), -1e300))),
    ])
    rows = decode_rows(columns, batch)
    assert rows[0] == {'n': 1, 'day': dt.date(1970, 1, 1), 'ts': dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc),
                       's': 'a', 'n:1': 0.5}
    assert rows[1]['n'] is None and rows[1]['day'] == dt.date(2025, 10, 15) and rows[1]['s'] == 'é'
    assert rows[2]['ts'] == float('inf') and rows[2]['day'] == dt.date(1969, 12, 31) and rows[2]['n:1'] == -1e300


@pytest.mark.parametrize('value', [
    None, True, 0, -(2**63), 2**63 - 1, 2**64 - 1, 2**100, -(2**127), 10**50, 1.25, Decimal('-123.450'), 'x', b'\x00',
    dt.date(2025, 1, 2), dt.datetime(2025, 1, 2, 3, 4, 5, 6), dt.datetime(2025, 1, 2, tzinfo=dt.timezone.utc),
    dt.time(1, 2, 3, 4), Interval(1, 2, 3), uuid.uuid4(), [1, [2, None]], {'a': {'b': 1}}, {1: 'one'},
])
def test_parameters_round_trip(value: object) -> None:
    assert from_value(to_value(value)) == value


def test_typed_parameters_and_unsupported_ones() -> None:
    assert to_value(Typed('bit', '0101')).WhichOneof('kind') == 'bit_value'
    assert from_value(to_value(dt.timedelta(days=1, seconds=2))) == Interval(0, 1, 2_000_000)
    with pytest.raises(TypeError):
        to_value(object())


def test_messages_become_plain_dicts() -> None:
    info = mpb.ObjectInfo(key='k', size=2**40, last_modified=timestamp(dt.datetime(2025, 1, 1)))
    out = to_dict(info)
    assert out['size'] == 2**40 and out['last_modified'] == dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc)
    assert to_dict(mpb.GetBucketPolicyResponse(policy_type=mpb.POLICY_TYPE_PUBLIC_READ))['policy_type'] == 'public_read'
    assert to_dict(mpb.GetObjectResponse(chunk=b'x')) == {'chunk': b'x'}
    assert enum_number(mpb.PolicyType.DESCRIPTOR, 'public-read-write') == mpb.POLICY_TYPE_PUBLIC_READ_WRITE
    with pytest.raises(ValueError, match='expected one of'):
        enum_number(mpb.PolicyType.DESCRIPTOR, 'open')
    assert duration(1.5).seconds == 1 and duration(1.5).nanos == 500_000_000


def test_supabase_json_keeps_digits_and_types() -> None:
    text = dumps({'d': Decimal('12345678901234567890.12'), 'when': dt.date(2025, 1, 1), 'b': b'\x01', 'n': 2**70})
    assert text == '{"d": 12345678901234567890.12, "when": "2025-01-01", "b": "\\\\x01", "n": 1180591620717411303424}'
    assert loads('{"n": 1180591620717411303424}') == {'n': 2**70}
    with pytest.raises(ValueError):
        dumps({'x': Decimal('NaN')})


def test_error_metadata_is_decoded_defensively() -> None:
    assert metadata_text('rows%5B0%5D.name') == 'rows[0].name'
    assert metadata_text(b'bucket_name') == 'bucket_name'
    assert metadata_text('100% sure') == '100% sure'


class FakeRpcError(grpc.RpcError):
    """The shape grpcio gives a failed call (a unit test of the error mapping, not a backend)."""

    def code(self) -> grpc.StatusCode:
        return grpc.StatusCode.INVALID_ARGUMENT

    def details(self) -> str:
        return 'bad'

    def trailing_metadata(self) -> tuple[tuple[str, str], ...]:
        return (('isa-request-id', 'r-1'), ('isa-field-bin', b'sql%20text'))


def test_errors_carry_service_operation_code_field_and_request_id() -> None:
    err = IsaCloudError.of(FakeRpcError(), 'DuckDB', 'execute_query')
    assert (err.service, err.operation, err.code(), err.details(), err.field, err.request_id) == (
        'DuckDB', 'execute_query', grpc.StatusCode.INVALID_ARGUMENT, 'bad', 'sql text', 'r-1')
    assert str(err) == '[DuckDB] execute_query failed: INVALID_ARGUMENT: bad (field sql text, request id r-1)'


def test_retry_policy_backoff_stays_between_one_and_ten_seconds() -> None:
    policy = RetryPolicy()
    for retry in range(1, 8):
        for _ in range(50):
            assert 1.0 <= policy.backoff(retry) <= 10.0
    assert policy.max_attempts == 3


def test_idempotency_comes_from_the_proto() -> None:
    service = mpb.DESCRIPTOR.services_by_name['MinIOService']
    assert is_idempotent(service.methods_by_name['ListBuckets'])
    assert is_idempotent(service.methods_by_name['DeleteObject'])
    assert not is_idempotent(service.methods_by_name['CreateBucket'])
    assert not is_idempotent(service.methods_by_name['PutObject'])


def test_factory_names_and_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv('ISA_DUCKDB_PORT', raising=False)
    monkeypatch.delenv('ISA_CLOUD_HOST', raising=False)
    client = get_client('DuckDB', user_id='u')
    assert isinstance(client, grpc_clients.DuckDBClient) and (client.host, client.port) == ('localhost', 50052)
    with pytest.raises(ValueError, match='Unknown service'):
        get_client('mongodb')
    assert grpc_clients.list_services() == ['minio', 'duckdb', 'mqtt', 'loki', 'redis', 'nats', 'supabase']


def test_the_guides_proto_module_names() -> None:
    from grpc_clients.proto import duckdb_service_pb2, minio_service_pb2_grpc

    assert [f.name for f in duckdb_service_pb2.CreateDatabaseRequest.DESCRIPTOR.fields] == [
        'database_name', 'metadata', 'if_not_exists']
    assert hasattr(minio_service_pb2_grpc, 'MinIOServiceStub')
