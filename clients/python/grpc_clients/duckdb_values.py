"""DuckDB values as native Python values, and back (parameters).

Results: BOOLEAN → bool; integers (up to HUGEINT/BIGNUM) → int; FLOAT/DOUBLE → float; DECIMAL →
decimal.Decimal; VARCHAR/ENUM/JSON/BIT → str; BLOB → bytes; UUID → uuid.UUID; DATE → datetime.date;
TIME → datetime.time (TIME WITH TIME ZONE with its offset); TIMESTAMP[_S|_MS|_NS] → naive
datetime.datetime; TIMESTAMP WITH TIME ZONE → datetime.datetime in UTC; INTERVAL → Interval; LIST/ARRAY →
list; STRUCT → dict; MAP → dict; UNION → its value; NULL → None. DuckDB's infinite dates and timestamps
come back as float('inf') / float('-inf'); a timestamp outside Python's years 1-9999 as its integer count
(microseconds, or nanoseconds for TIMESTAMP_NS) since 1970-01-01.

The rows arrive columnar (one little-endian vector per column, see proto/isa/duckdb/v1/duckdb.proto);
decoding a column is one struct.unpack, not a loop over proto values.
"""

from __future__ import annotations

import datetime as dt
import struct
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

from google.protobuf.struct_pb2 import NULL_VALUE

from .proto.isa.duckdb.v1 import duckdb_pb2 as pb

UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1)
_EPOCH_DAY = dt.date(1970, 1, 1).toordinal()
_DATE_INFINITY = 2_147_483_647
_I64_MAX = (1 << 63) - 1
_U64 = (1 << 64) - 1


@dataclass(frozen=True)
class Interval:
    """A DuckDB INTERVAL: months, days and microseconds, kept apart as DuckDB keeps them."""

    months: int = 0
    days: int = 0
    micros: int = 0

    def to_timedelta(self) -> dt.timedelta:
        """The interval as a timedelta; only defined without months (a month has no fixed length)."""
        if self.months:
            raise ValueError('an interval with months has no fixed length')
        return dt.timedelta(days=self.days, microseconds=self.micros)


def _date(days: int) -> Any:
    if days >= _DATE_INFINITY:
        return float('inf')
    if days <= -_DATE_INFINITY:
        return float('-inf')
    try:
        return dt.date.fromordinal(_EPOCH_DAY + days)
    except (ValueError, OverflowError):
        return days


def _timestamp(value: int, per_second: int, aware: bool) -> Any:
    if value >= _I64_MAX:
        return float('inf')
    if value <= -_I64_MAX:
        return float('-inf')
    micros = value // (per_second // 1_000_000) if per_second > 1_000_000 else value
    try:
        at = _EPOCH + dt.timedelta(microseconds=micros)
    except OverflowError:
        return value
    return at.replace(tzinfo=UTC) if aware else at


def _time(value: int, per_second: int, offset_seconds: int | None = None) -> dt.time:
    micros = value // (per_second // 1_000_000)
    seconds, micro = divmod(micros, 1_000_000)
    hours, rest = divmod(seconds, 3600)
    tz = dt.timezone(dt.timedelta(seconds=offset_seconds)) if offset_seconds is not None else None
    if hours >= 24:  # DuckDB allows 24:00:00
        return dt.time(23, 59, 59, 999_999, tzinfo=tz)
    return dt.time(hours, rest // 60, rest % 60, micro, tzinfo=tz)


def _int128(parts: Any, signed: bool) -> int:
    value = (parts.high << 64) | parts.low
    return value - (1 << 128) if signed and value >> 127 else value


def _hashable(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _hashable(v)) for k, v in value.items())
    return value


def from_value(value: pb.Value | None) -> Any:
    """One proto Value as its Python value."""
    if value is None:
        return None
    kind = value.WhichOneof('kind')
    if kind is None or kind == 'null_value':
        return None
    v = getattr(value, kind)
    if kind in ('bool_value', 'double_value', 'string_value', 'bit_value', 'text_value', 'int_value', 'uint_value'):
        return v
    if kind == 'blob_value':
        return bytes(v)
    if kind == 'hugeint_value':
        return _int128(v, True)
    if kind == 'uhugeint_value':
        return _int128(v, False)
    if kind == 'bignum_value':
        return int(v)
    if kind == 'decimal_value':
        return Decimal(v.value)
    if kind == 'date_value':
        return _date(v)
    if kind == 'time_value':
        return _time(v, 1_000_000)
    if kind == 'time_ns_value':
        return _time(v, 1_000_000_000)
    if kind == 'time_tz_value':
        return _time(v.micros, 1_000_000, v.offset_seconds)
    if kind == 'timestamp_value':
        return _timestamp(v, 1_000_000, False)
    if kind == 'timestamp_ns_value':
        return _timestamp(v, 1_000_000_000, False)
    if kind == 'timestamp_tz_value':
        return _timestamp(v, 1_000_000, True)
    if kind == 'interval_value':
        return Interval(v.months, v.days, v.micros)
    if kind == 'uuid_value':
        return uuid.UUID(v)
    if kind == 'list_value':
        return [from_value(x) for x in v.values]
    if kind == 'struct_value':
        return {f.name: from_value(f.value) for f in v.fields}
    if kind == 'map_value':
        return {_hashable(from_value(e.key)): from_value(e.value) for e in v.entries}
    if kind == 'union_value':
        return from_value(v.value)
    return None


# ---------------------------------------------------------------- columnar results

T = pb.TypeId


def _column_values(column: pb.Column, vector: pb.ColumnVector, rows: int) -> list[Any]:
    data = vector.WhichOneof('data')
    if data == 'bools':
        return [b == 1 for b in vector.bools.data[:rows]]
    if data == 'int32s':
        ints = struct.unpack(f'<{rows}i', vector.int32s.data[: rows * 4])
        return [_date(d) for d in ints] if column.type_id == T.TYPE_ID_DATE else list(ints)
    if data == 'int64s':
        ints = struct.unpack(f'<{rows}q', vector.int64s.data[: rows * 8])
        convert: Callable[[int], Any] | None = {
            T.TYPE_ID_TIMESTAMP: lambda x: _timestamp(x, 1_000_000, False),
            T.TYPE_ID_TIMESTAMP_S: lambda x: _timestamp(x, 1_000_000, False),
            T.TYPE_ID_TIMESTAMP_MS: lambda x: _timestamp(x, 1_000_000, False),
            T.TYPE_ID_TIMESTAMP_TZ: lambda x: _timestamp(x, 1_000_000, True),
            T.TYPE_ID_TIMESTAMP_NS: lambda x: _timestamp(x, 1_000_000_000, False),
            T.TYPE_ID_TIME: lambda x: _time(x, 1_000_000),
            T.TYPE_ID_TIME_NS: lambda x: _time(x, 1_000_000_000),
        }.get(column.type_id)
        return [convert(x) for x in ints] if convert else list(ints)
    if data == 'uint64s':
        return list(struct.unpack(f'<{rows}Q', vector.uint64s.data[: rows * 8]))
    if data == 'float64s':
        return list(struct.unpack(f'<{rows}d', vector.float64s.data[: rows * 8]))
    if data == 'strings':
        raw = vector.strings.data
        out: list[Any] = []
        start = 0
        for length in vector.strings.lengths[:rows]:
            out.append(raw[start : start + length].decode('utf-8'))
            start += length
        if column.type_id == T.TYPE_ID_UUID:
            return [uuid.UUID(s) if s else s for s in out]
        return out
    if data == 'values':
        return [from_value(v) for v in vector.values.values[:rows]]
    return [None] * rows


def row_keys(columns: list[pb.Column]) -> list[str]:
    """Column names, with later duplicates suffixed ":1", ":2" (as the TypeScript SDK does)."""
    seen: dict[str, int] = {}
    keys = []
    for c in columns:
        count = seen.get(c.name, 0)
        seen[c.name] = count + 1
        keys.append(c.name if count == 0 else f'{c.name}:{count}')
    return keys


def decode_rows(columns: list[pb.Column], batch: pb.RowBatch | None) -> list[dict[str, Any]]:
    """The rows of a RowBatch as dicts keyed by column name."""
    if batch is None or batch.row_count == 0:
        return []
    rows = batch.row_count
    keys = row_keys(list(columns))
    values: list[list[Any]] = []
    for i, column in enumerate(columns):
        if i >= len(batch.columns):
            values.append([None] * rows)
            continue
        vector = batch.columns[i]
        col = _column_values(column, vector, rows)
        validity = vector.validity
        if validity:
            col = [v if validity[r >> 3] >> (r & 7) & 1 else None for r, v in enumerate(col)]
        values.append(col)
    return [dict(zip(keys, row)) for row in zip(*values)]


def columns_of(columns: Any) -> list[dict[str, Any]]:
    return [{'name': c.name, 'type': c.type} for c in columns]


# ---------------------------------------------------------------- parameters


@dataclass(frozen=True)
class Typed:
    """A parameter with an explicit DuckDB value kind, for values Python has no type of its own for:
    ``Typed('ubigint', 2**64 - 1)``, ``Typed('bit', '0101')``, ``Typed('timestamp_ns', nanoseconds)``."""

    kind: str
    value: Any


def _int128_parts(value: int) -> dict[str, int]:
    u = value & ((1 << 128) - 1)
    return {'high': u >> 64, 'low': u & _U64}


def _micros_since_epoch(at: dt.datetime) -> int:
    delta = (at.astimezone(UTC).replace(tzinfo=None) if at.tzinfo else at) - _EPOCH
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def to_value(value: Any) -> pb.Value:
    """A Python value as a proto Value (the inverse of from_value)."""
    if value is None:
        return pb.Value(null_value=NULL_VALUE)
    if isinstance(value, Typed):
        return pb.Value(**{f'{value.kind}_value': value.value})
    if isinstance(value, bool):
        return pb.Value(bool_value=value)
    if isinstance(value, int):
        if -(1 << 63) <= value <= _I64_MAX:
            return pb.Value(int_value=value)
        if 0 <= value <= _U64:
            return pb.Value(uint_value=value)
        if -(1 << 127) <= value < (1 << 127):
            return pb.Value(hugeint_value=_int128_parts(value))
        return pb.Value(bignum_value=str(value))
    if isinstance(value, float):
        return pb.Value(double_value=value)
    if isinstance(value, Decimal):
        return pb.Value(decimal_value=pb.Decimal(value=format(value, 'f')))
    if isinstance(value, str):
        return pb.Value(string_value=value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return pb.Value(blob_value=bytes(value))
    if isinstance(value, dt.datetime):
        micros = _micros_since_epoch(value)
        return pb.Value(timestamp_tz_value=micros) if value.tzinfo else pb.Value(timestamp_value=micros)
    if isinstance(value, dt.date):
        return pb.Value(date_value=value.toordinal() - _EPOCH_DAY)
    if isinstance(value, dt.time):
        micros = ((value.hour * 60 + value.minute) * 60 + value.second) * 1_000_000 + value.microsecond
        offset = value.utcoffset()
        if offset is not None:
            return pb.Value(time_tz_value=pb.TimeTz(micros=micros, offset_seconds=int(offset.total_seconds())))
        return pb.Value(time_value=micros)
    if isinstance(value, dt.timedelta):
        return pb.Value(interval_value=pb.Interval(days=value.days,
                                                   micros=value.seconds * 1_000_000 + value.microseconds))
    if isinstance(value, Interval):
        return pb.Value(interval_value=pb.Interval(months=value.months, days=value.days, micros=value.micros))
    if isinstance(value, uuid.UUID):
        return pb.Value(uuid_value=str(value))
    if isinstance(value, (list, tuple)):
        return pb.Value(list_value=pb.List(values=[to_value(v) for v in value]))
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return pb.Value(struct_value=pb.Struct(fields=[pb.StructField(name=k, value=to_value(v))
                                                           for k, v in value.items()]))
        return pb.Value(map_value=pb.Map(entries=[pb.MapEntry(key=to_value(k), value=to_value(v))
                                                  for k, v in value.items()]))
    raise TypeError(f'a {type(value).__name__} cannot be a DuckDB parameter')


def to_parameters(params: Any) -> pb.Parameters | None:
    """Positional (list/tuple) or named (dict) parameters."""
    if params is None:
        return None
    if isinstance(params, dict):
        return pb.Parameters(named={k: to_value(v) for k, v in params.items()})
    return pb.Parameters(positional=[to_value(v) for v in params])
