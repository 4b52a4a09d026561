"""Protobuf messages as plain Python values: dicts keyed by the proto field names, int for every
integer, datetime (UTC) for timestamps, timedelta for durations, bytes for bytes, enum values as their
lower-case names without the enum's prefix ("public_read"), None for an unset message field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import EnumDescriptor, FieldDescriptor
from google.protobuf.duration_pb2 import Duration
from google.protobuf.message import Message
from google.protobuf.timestamp_pb2 import Timestamp

UTC = dt.timezone.utc
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)


def enum_prefix(enum: EnumDescriptor) -> str:
    names = [v.name for v in enum.values]
    unspecified = next((n for n in names if n.endswith('_UNSPECIFIED')), None)
    return unspecified[: -len('UNSPECIFIED')] if unspecified else ''


def enum_name(enum: EnumDescriptor, number: int) -> str | None:
    value = enum.values_by_number.get(number)
    if value is None:
        return str(number)
    name = value.name[len(enum_prefix(enum)) :]
    return None if name == 'UNSPECIFIED' else name.lower()


def enum_number(enum: EnumDescriptor, name: str | int | None) -> int:
    """The number of an enum value given by its short name ("public_read", "PUBLIC-READ") or number."""
    if name is None:
        return 0
    if isinstance(name, int):
        return name
    wanted = enum_prefix(enum) + str(name).upper().replace('-', '_')
    value = enum.values_by_name.get(wanted) or enum.values_by_name.get(str(name))
    if value is None:
        choices = ', '.join(v.name[len(enum_prefix(enum)) :].lower() for v in enum.values if v.number)
        raise ValueError(f'unknown {enum.name} "{name}": expected one of {choices}')
    return value.number


def timestamp(value: dt.datetime | dt.date | float | int | None) -> Timestamp | None:
    """A Timestamp from a datetime (naive means UTC), a date, or seconds since the epoch."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo else value.replace(tzinfo=UTC)
        delta = aware - _EPOCH
        micros = (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds
    elif isinstance(value, dt.date):
        micros = (value - dt.date(1970, 1, 1)).days * 86_400_000_000
    else:
        micros = round(float(value) * 1_000_000)
    seconds, rest = divmod(micros, 1_000_000)
    return Timestamp(seconds=seconds, nanos=rest * 1000)


def duration(value: dt.timedelta | float | int | None) -> Duration | None:
    """A Duration from a timedelta or a number of seconds."""
    if value is None:
        return None
    seconds = value.total_seconds() if isinstance(value, dt.timedelta) else float(value)
    whole = int(seconds)
    return Duration(seconds=whole, nanos=round((seconds - whole) * 1e9))


def to_datetime(t: Timestamp) -> dt.datetime:
    return _EPOCH + dt.timedelta(seconds=t.seconds, microseconds=t.nanos // 1000)


def to_timedelta(d: Duration) -> dt.timedelta:
    return dt.timedelta(seconds=d.seconds, microseconds=d.nanos // 1000)


def _scalar(field: FieldDescriptor, value: Any) -> Any:
    if field.type == FieldDescriptor.TYPE_ENUM:
        return enum_name(field.enum_type, value)
    if field.type == FieldDescriptor.TYPE_MESSAGE:
        return to_value(value)
    return value


def to_value(message: Message) -> Any:
    """A message as a Python value (well-known types become their natural Python value)."""
    name = message.DESCRIPTOR.full_name
    if name == 'google.protobuf.Timestamp':
        return to_datetime(message)  # type: ignore[arg-type]
    if name == 'google.protobuf.Duration':
        return to_timedelta(message)  # type: ignore[arg-type]
    if name in ('google.protobuf.Struct', 'google.protobuf.Value', 'google.protobuf.ListValue'):
        return json_format.MessageToDict(message)
    return to_dict(message)


def to_dict(message: Message) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in message.DESCRIPTOR.fields:
        oneof = field.containing_oneof
        real_oneof = oneof is not None and not (len(oneof.fields) == 1 and oneof.name == f'_{field.name}')
        value = getattr(message, field.name)
        if field.label == FieldDescriptor.LABEL_REPEATED:
            entry = field.message_type
            if entry is not None and entry.GetOptions().map_entry:
                value_field = entry.fields_by_name['value']
                out[field.name] = {k: _scalar(value_field, v) for k, v in value.items()}
            else:
                out[field.name] = [_scalar(field, v) for v in value]
        elif real_oneof:
            if message.WhichOneof(oneof.name) == field.name:
                out[field.name] = _scalar(field, value)
        elif field.type == FieldDescriptor.TYPE_MESSAGE or (oneof is not None):
            out[field.name] = _scalar(field, value) if message.HasField(field.name) else None
        else:
            out[field.name] = _scalar(field, value)
    return out
