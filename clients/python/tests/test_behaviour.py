"""What every client shares: None on error with one log line, raise_on_error, retries (tenacity: only
transient codes and idempotent calls), compression, lazy connection and reconnection, tenancy."""

from __future__ import annotations

import logging
import time
from typing import Any

import grpc
import pytest

from grpc_clients import IsaCloudError, MinIOClient, RetryPolicy
from proxy import Proxy
from stack import Stack

FAST = RetryPolicy(initial_backoff=0.05, max_backoff=0.2)


def test_a_failure_returns_none_and_logs_one_line(connect: Any, user: str, caplog: pytest.LogCaptureFixture) -> None:
    minio = connect('minio', user_id=user)
    with caplog.at_level(logging.ERROR, logger='grpc_clients'):
        assert minio.get_bucket_info('no-such-bucket') is None
    records = [r for r in caplog.records if r.name == 'grpc_clients']
    assert len(records) == 1
    assert records[0].getMessage().startswith('[MinIO] get_bucket_info failed: NOT_FOUND: ')


def test_raise_on_error_raises_one_exception_type_with_the_facts(connect: Any, user: str) -> None:
    minio = connect('minio', user_id=user, raise_on_error=True)
    with pytest.raises(IsaCloudError) as caught:
        minio.create_bucket('Bad_Name')
    err = caught.value
    assert isinstance(err, grpc.RpcError)
    assert (err.service, err.operation, err.code(), err.field) == (
        'MinIO', 'create_bucket', grpc.StatusCode.INVALID_ARGUMENT, 'bucket_name')
    assert err.request_id and len(err.request_id) >= 8
    assert 'bucket_name' in err.details()
    # Per call too, on a client that returns None by default.
    quiet = connect('minio', user_id=user)
    with pytest.raises(IsaCloudError):
        quiet.create_bucket('Bad_Name', raise_on_error=True)


def test_no_tenant_is_unauthenticated(connect: Any) -> None:
    anonymous = connect('minio')
    with pytest.raises(IsaCloudError) as caught:
        anonymous.list_buckets(raise_on_error=True)
    assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED


def test_an_unknown_keyword_is_a_type_error(connect: Any, user: str) -> None:
    with pytest.raises(TypeError, match='bucket_nme'):
        connect('minio', user_id=user).list_buckets(bucket_nme='x')


def test_a_second_tenant_sees_nothing_of_the_first(connect: Any, user: str) -> None:
    alice = connect('minio', user_id=user)
    bob = connect('minio', user_id=user + '_b')
    assert alice.create_bucket('shared-name') is not None
    alice.upload_object('shared-name', 'secret.txt', b'alice only')
    assert [b['name'] for b in bob.list_buckets()] == []
    assert bob.get_object('shared-name', 'secret.txt') is None
    # The same name is free for the other tenant, and holds only its own data.
    assert bob.create_bucket('shared-name') is not None
    assert bob.list_objects('shared-name') == []
    # The organization is part of the tenant for services that namespace by it (MQTT topics here).
    acme = connect('mqtt', user_id=user, organization_id='acme')
    other = connect('mqtt', user_id=user, organization_id='other')
    acme.set_retained_message('config/mode', b'acme')
    assert acme.get_retained_message('config/mode')['payload'] == b'acme'
    assert other.get_retained_message('config/mode')['found'] is False


def _counting(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if 'retrying' in r.getMessage())


def test_idempotent_calls_are_retried_on_transient_errors_and_recover(
        stack: Stack, user: str, caplog: pytest.LogCaptureFixture) -> None:
    proxy = Proxy(stack.ports['minio'])
    try:
        proxy.refuse = True
        client = MinIOClient('127.0.0.1', proxy.port, user, retry_policy=FAST, raise_on_error=True)
        with caplog.at_level(logging.DEBUG, logger='grpc_clients'):
            with pytest.raises(IsaCloudError) as caught:
                client.list_buckets()
        assert caught.value.code() == grpc.StatusCode.UNAVAILABLE
        assert _counting(caplog) == 2  # 3 attempts in all
        client.close()
    finally:
        proxy.close()
    # The service comes up between two attempts: the retried call succeeds.
    import threading

    from stack import free_port

    caplog.clear()
    port = free_port()
    late: list[Proxy] = []
    threading.Timer(0.3, lambda: late.append(Proxy(stack.ports['minio'], listen_port=port))).start()
    client = MinIOClient('127.0.0.1', port, user, raise_on_error=True,
                         channel_options=[('grpc.initial_reconnect_backoff_ms', 100)])
    try:
        with caplog.at_level(logging.DEBUG, logger='grpc_clients'):
            assert client.list_buckets() == []
        assert _counting(caplog) >= 1
    finally:
        client.close()
        for p in late:
            p.close()


def test_retry_off_means_one_attempt(stack: Stack, user: str, caplog: pytest.LogCaptureFixture) -> None:
    client = MinIOClient('127.0.0.1', 1, user, enable_retry=False, retry_policy=FAST)
    with caplog.at_level(logging.DEBUG, logger='grpc_clients'):
        assert client.list_buckets() is None
    assert _counting(caplog) == 0


def test_non_idempotent_calls_are_not_retried_once_sent(stack: Stack, user: str,
                                                        caplog: pytest.LogCaptureFixture) -> None:
    # Request is not idempotent: a transient failure after it was sent must not repeat it. The proxy drops
    # the connection while the call waits on the server.
    from grpc_clients import NATSClient

    proxy = Proxy(stack.ports['nats'])
    try:
        client = NATSClient('127.0.0.1', proxy.port, user, retry_policy=FAST, raise_on_error=True)
        stream = client.subscribe('jobs.reset')  # a connection to the service exists
        stream.close()
        import threading

        threading.Timer(0.3, proxy.drop_connections).start()
        with caplog.at_level(logging.DEBUG, logger='grpc_clients'):
            with pytest.raises(IsaCloudError) as caught:
                # Request (not idempotent) waits for a reply that never comes; the reset ends it.
                client.request('nobody.answers.slowly', b'x', timeout_seconds=5)
        assert caught.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.NOT_FOUND)
        assert _counting(caplog) == 0
        client.close()
    finally:
        proxy.close()


def test_request_gzip_is_sent_and_responses_arrive_uncompressed(stack: Stack, user: str) -> None:
    proxy = Proxy(stack.ports['minio'])
    payload = ('the same line of text again and again\n' * 40000).encode()  # 1.5 MB, very compressible
    try:
        sent = {}
        for compression in (True, False):
            with MinIOClient('127.0.0.1', proxy.port, user, enable_compression=compression,
                             raise_on_error=True) as client:
                client.create_bucket(f'gzip-{str(compression).lower()}')
                proxy.reset_counts()
                assert client.upload_object(f'gzip-{str(compression).lower()}', 'big.txt', payload,
                                            content_type='text/plain')['size'] == len(payload)
                sent[compression] = proxy.up
                proxy.reset_counts()
                assert client.get_object(f'gzip-{str(compression).lower()}', 'big.txt') == payload
                sent[f'down-{compression}'] = proxy.down
        assert sent[True] < len(payload) / 20 < sent[False]
        # The server (grpc-js) does not compress responses: the download is full size either way.
        assert sent['down-True'] > len(payload) and sent['down-False'] > len(payload)
    finally:
        proxy.close()


def test_lazy_connect_and_reconnect_after_close(connect: Any, user: str, stack: Stack) -> None:
    client = MinIOClient('127.0.0.1', stack.ports['minio'], user)
    assert client._transport._channel is None  # nothing dialled before the first call
    assert client.list_buckets() == []
    client.close()
    # A closed client reconnects at its next call (the guide's "automatic reconnection").
    assert client.list_buckets() == []
    client.close()
    eager = MinIOClient('127.0.0.1', stack.ports['minio'], user, lazy_connect=False)
    assert eager._transport._channel is not None and eager.wait_for_ready(5)
    eager.close()


def test_defaults_honour_the_environment(stack: Stack, user: str, monkeypatch: pytest.MonkeyPatch) -> None:
    for key, value in stack.client_env.items():
        monkeypatch.setenv(key, value)
    with MinIOClient(user_id=user) as client:
        assert (client.host, client.port) == ('127.0.0.1', stack.ports['minio'])
        assert client.health_check()['healthy'] is True


def test_health_is_falsy_when_unhealthy() -> None:
    from grpc_clients import Health

    assert not Health({'healthy': False, 'status': 'NOT_SERVING'})
    assert Health({'healthy': True})


def test_deadline_is_deadline_exceeded(connect: Any, user: str) -> None:
    redis = connect('redis', user_id=user, raise_on_error=True)
    started = time.monotonic()
    with pytest.raises(IsaCloudError) as caught:
        redis.blpop('empty-list', 5, timeout=0.5)
    assert caught.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED
    assert time.monotonic() - started < 3


def test_a_download_that_breaks_resumes_where_it_stopped(stack: Stack, user: str) -> None:
    data = bytes(range(256)) * 12_000  # 3 MB, incompressible enough
    with MinIOClient('127.0.0.1', stack.ports['minio'], user, raise_on_error=True) as direct:
        direct.create_bucket('resume')
        direct.upload_object('resume', 'big.bin', data)
    proxy = Proxy(stack.ports['minio'])
    try:
        with MinIOClient('127.0.0.1', proxy.port, user, raise_on_error=True) as client:
            proxy.drop_after_down = 1_000_000
            assert client.get_object('resume', 'big.bin') == data
        assert proxy.accepted >= 2 and proxy.drop_after_down is None
    finally:
        proxy.close()


def test_service_table_reports_unreachable_services() -> None:
    from grpc_clients import check_serving, show_available_services
    from stack import free_port

    port = free_port()
    assert check_serving('127.0.0.1', port, 'isa.minio.v1.MinIOService', timeout=1) == 'UNREACHABLE'
    rows = show_available_services(host='127.0.0.1', ports={'minio': port}, timeout=1, print_table=False)
    assert next(r for r in rows if r['name'] == 'minio')['status'] == 'UNREACHABLE'


@pytest.mark.parametrize('service', ['minio', 'duckdb', 'mqtt', 'loki', 'redis', 'nats', 'supabase'])
def test_every_client_retries_its_idempotent_calls(service: str, caplog: pytest.LogCaptureFixture) -> None:
    from grpc_clients import get_client
    from stack import free_port

    client = get_client(service, host='127.0.0.1', port=free_port(), user_id='u', retry_policy=FAST)
    with caplog.at_level(logging.DEBUG, logger='grpc_clients'):
        assert client.health_check() is None
    assert _counting(caplog) == 2
    client.close()
