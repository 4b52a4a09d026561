"""Logs (Loki: LogQL over the tenant's streams), port 50054."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Iterator, Optional, Union

from ._base import BaseClient, Health
from ._catalog import SERVICES
from ._convert import duration, enum_number, timestamp, to_dict
from .proto.isa.loki.v1 import loki_pb2 as pb

# A time: a datetime (naive means UTC) or seconds since the epoch.
Time = Optional[Union[dt.datetime, float, int]]

_LEVELS = {'debug': 'debug', 'info': 'info', 'warn': 'warn', 'warning': 'warn', 'error': 'error',
           'fatal': 'fatal', 'critical': 'fatal'}


def _entry(e: Any) -> dict[str, Any]:
    out = to_dict(e)
    out['message'] = out['line']
    return out


def _log(item: dict[str, Any]) -> pb.LogEntry:
    return pb.LogEntry(line=item.get('message', item.get('line', '')), labels=item.get('labels') or {},
                       timestamp=timestamp(item.get('timestamp') or dt.datetime.now(dt.timezone.utc)))


def _direction(direction: str | None) -> int:
    return enum_number(pb.Direction.DESCRIPTOR, direction) if direction else pb.DIRECTION_UNSPECIFIED


class LokiClient(BaseClient):
    """Push and query logs. Every stream is the tenant's own (Loki's X-Scope-OrgID on the server side)."""

    SERVICE = SERVICES['loki']

    def health_check(self, deep_check: bool = False, **call: Any) -> Health | None:
        """healthy, status, backend, can_write, can_read, ..."""
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(deep_check=deep_check), call))))

    # ---- push ----

    def push_log(self, message: str, labels: dict[str, str] | None = None, timestamp: Time = None,
                 **call: Any) -> dict[str, Any] | None:
        """{'stream_id', 'duplicate'}; the time defaults to now."""
        return self._run('push_log', call, lambda: to_dict(self._unary('PushLog', pb.PushLogRequest(
            entry=_log({'message': message, 'labels': labels, 'timestamp': timestamp})), call)))

    def push_simple_log(self, message: str, service: str, level: str = 'INFO', extra_labels: dict[str, str] | None = None,
                        timestamp: Time = None, **call: Any) -> dict[str, Any] | None:
        """A line labelled with service and level (debug, info, warn, error, fatal)."""
        def work() -> dict[str, Any]:
            name = _LEVELS.get(level.lower())
            if name is None:
                raise ValueError(f'unknown level "{level}": expected one of debug, info, warn, error, fatal')
            at = timestamp if timestamp is not None else dt.datetime.now(dt.timezone.utc)
            return to_dict(self._unary('PushSimpleLog', pb.PushSimpleLogRequest(
                message=message, service=service, level=enum_number(pb.LogLevel.DESCRIPTOR, name),
                extra_labels=extra_labels or {}, timestamp=_ts(at)), call))
        return self._run('push_simple_log', call, work)

    def push_log_batch(self, entries: list[dict[str, Any]], **call: Any) -> dict[str, Any] | None:
        """Entries: {'message', 'labels', 'timestamp'?}: {'accepted_count', 'duplicate_count', 'rejected', ...}."""
        return self._run('push_log_batch', call, lambda: to_dict(self._unary('PushLogBatch', pb.PushLogBatchRequest(
            entries=[_log(e) for e in entries]), call)))

    def push_log_stream(self, entries: Iterable[dict[str, Any]], batch_size: int = 500, **call: Any) -> dict[str, Any] | None:
        """Streams a (possibly endless) iterable of entries, grouped per label set."""
        def requests() -> Iterator[pb.PushLogStreamRequest]:
            batch: list[dict[str, Any]] = []
            sent = 0
            for item in entries:
                batch.append(item)
                if len(batch) >= batch_size:
                    yield _stream_request(batch, sent)
                    sent += len(batch)
                    batch = []
            if batch:
                yield _stream_request(batch, sent)
        return self._run('push_log_stream', call, lambda: to_dict(self._client_stream('PushLogStream', requests(), call)))

    def validate_labels(self, labels: dict[str, str], **call: Any) -> dict[str, Any] | None:
        """{'valid', 'violations': [{'label', 'rule'}]}."""
        return self._run('validate_labels', call, lambda: to_dict(self._unary(
            'ValidateLabels', pb.ValidateLabelsRequest(labels=labels), call)))

    # ---- query ----

    def query_logs(self, query: str, limit: int = 100, start_time: Time = None, end_time: Time = None,
                   direction: str | None = None, **call: Any) -> list[dict[str, Any]] | None:
        """Log lines matching a LogQL query: dicts with timestamp, line (and message), labels."""
        return self._run('query_logs', call, lambda: [_entry(e) for e in self._unary('QueryLogs', pb.QueryLogsRequest(
            query=query, start=_ts(start_time), end=_ts(end_time), limit=limit, direction=_direction(direction)),
            call).entries])

    def query(self, query: str, time: Time = None, limit: int = 0, direction: str | None = None,
              **call: Any) -> dict[str, Any] | None:
        """An instant (metric) query: {'result_type', 'vector': [{'metric', 'samples'}], 'stats'}."""
        return self._run('query', call, lambda: to_dict(self._unary('Query', pb.QueryRequest(
            query=query, time=_ts(time), limit=limit, direction=_direction(direction)), call)))

    def query_range(self, query: str, start_time: Time, end_time: Time, step: float | None = None, limit: int = 0,
                    direction: str | None = None, **call: Any) -> dict[str, Any] | None:
        """{'result_type', 'streams', 'matrix', 'stats'}; step in seconds."""
        return self._run('query_range', call, lambda: to_dict(self._unary('QueryRange', pb.QueryRangeRequest(
            query=query, start=_ts(start_time), end=_ts(end_time), step=duration(step), limit=limit,
            direction=_direction(direction)), call)))

    def tail_logs(self, query: str, delay_for: float | None = None, limit: int = 0, start: Time = None,
                  **call: Any) -> Iterator[dict[str, Any]]:
        """New lines as they arrive (raises IsaCloudError on failure; stop with the call's timeout or
        by leaving the loop)."""
        _, messages = self._server_stream('TailLogs', pb.TailLogsRequest(
            query=query, delay_for=duration(delay_for), limit=limit, start=_ts(start)), call)
        for message in messages:
            for e in message.entries:
                yield _entry(e)

    def query_stats(self, query: str, start_time: Time = None, end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        """{'streams', 'entries', 'bytes'}."""
        return self._run('query_stats', call, lambda: to_dict(self._unary('QueryStats', pb.QueryStatsRequest(
            query=query, start=_ts(start_time), end=_ts(end_time)), call)))

    def get_labels(self, query: str = '', start_time: Time = None, end_time: Time = None, **call: Any) -> list[str] | None:
        return self._run('get_labels', call, lambda: list(self._unary('GetLabels', pb.GetLabelsRequest(
            query=query, start=_ts(start_time), end=_ts(end_time)), call).labels))

    def get_label_values(self, label: str, query: str = '', start_time: Time = None, end_time: Time = None,
                         **call: Any) -> list[str] | None:
        return self._run('get_label_values', call, lambda: list(self._unary('GetLabelValues', pb.GetLabelValuesRequest(
            label_name=label, query=query, start=_ts(start_time), end=_ts(end_time)), call).values))

    # ---- streams ----

    def list_streams(self, selector: str = '', page_size: int = 0, page_token: str = '', start_time: Time = None,
                     end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        """{'streams', 'next_page_token', 'total_count'}."""
        return self._run('list_streams', call, lambda: to_dict(self._unary('ListStreams', pb.ListStreamsRequest(
            selector=selector, start=_ts(start_time), end=_ts(end_time), page_size=page_size,
            page_token=page_token), call)))

    def get_stream_info(self, stream_id: str, start_time: Time = None, end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        return self._run('get_stream_info', call, lambda: to_dict(self._unary('GetStreamInfo', pb.GetStreamInfoRequest(
            stream_id=stream_id, start=_ts(start_time), end=_ts(end_time)), call).stream))

    def delete_stream(self, stream_id: str, start_time: Time = None, end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        """{'deleted_entries', 'pending'}."""
        return self._run('delete_stream', call, lambda: to_dict(self._unary('DeleteStream', pb.DeleteStreamRequest(
            stream_id=stream_id, start=_ts(start_time), end=_ts(end_time)), call)))

    def delete_logs(self, query: str, start_time: Time = None, end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        return self._run('delete_logs', call, lambda: to_dict(self._unary('DeleteLogs', pb.DeleteLogsRequest(
            query=query, start=_ts(start_time), end=_ts(end_time)), call)))

    # ---- export ----

    def export_logs(self, query: str, start_time: Time, end_time: Time, bucket_name: str, object_key: str,
                    direction: str | None = None, callback: Any = None, **call: Any) -> dict[str, Any] | None:
        """Writes the matching lines (NDJSON) to an object of your bucket; `callback(progress)` sees each
        progress message. Returns the last one ({'export_id', 'exported_entries', 'complete', 'etag', ...})."""
        def work() -> dict[str, Any]:
            _, messages = self._server_stream('ExportLogs', pb.ExportLogsRequest(
                query=query, start=_ts(start_time), end=_ts(end_time), direction=_direction(direction),
                bucket_name=bucket_name, object_key=object_key), call)
            last: dict[str, Any] = {}
            for message in messages:
                last = to_dict(message)
                if callback is not None:
                    callback(last)
            return last
        return self._run('export_logs', call, work)

    def get_export_status(self, export_id: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_export_status', call, lambda: to_dict(self._unary(
            'GetExportStatus', pb.GetExportStatusRequest(export_id=export_id), call)))

    # ---- statistics ----

    def get_statistics(self, start_time: Time = None, end_time: Time = None, **call: Any) -> dict[str, Any] | None:
        return self._run('get_statistics', call, lambda: to_dict(self._unary('GetStatistics', pb.GetStatisticsRequest(
            start=_ts(start_time), end=_ts(end_time)), call)))

    def get_user_quota(self, **call: Any) -> dict[str, Any] | None:
        return self._run('get_user_quota', call, lambda: to_dict(self._unary(
            'GetUserQuota', pb.GetUserQuotaRequest(), call).quota))


_ts = timestamp


def _stream_request(batch: list[dict[str, Any]], first: int) -> pb.PushLogStreamRequest:
    """One request of entries grouped per label set; positions keep the caller's order, so rejected
    entries are reported by their index in the whole stream."""
    groups: dict[tuple[tuple[str, str], ...], pb.StreamEntries] = {}
    for index, item in enumerate(batch, start=first):
        labels = item.get('labels') or {}
        key = tuple(sorted(labels.items()))
        group = groups.get(key)
        if group is None:
            group = groups[key] = pb.StreamEntries(labels=labels)
        at = _ts(item.get('timestamp') or dt.datetime.now(dt.timezone.utc))
        assert at is not None
        group.timestamps_ns.append(at.seconds * 1_000_000_000 + at.nanos)
        group.lines.append(item.get('message', item.get('line', '')))
        group.positions.append(index)
    return pb.PushLogStreamRequest(streams=list(groups.values()))
