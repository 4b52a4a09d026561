from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
DIRECTION_BACKWARD: Direction
DIRECTION_FORWARD: Direction
DIRECTION_UNSPECIFIED: Direction
EXPORT_STATE_COMPLETED: ExportState
EXPORT_STATE_FAILED: ExportState
EXPORT_STATE_RUNNING: ExportState
EXPORT_STATE_UNSPECIFIED: ExportState
LOG_LEVEL_DEBUG: LogLevel
LOG_LEVEL_ERROR: LogLevel
LOG_LEVEL_FATAL: LogLevel
LOG_LEVEL_INFO: LogLevel
LOG_LEVEL_UNSPECIFIED: LogLevel
LOG_LEVEL_WARN: LogLevel
RESULT_TYPE_MATRIX: ResultType
RESULT_TYPE_STREAMS: ResultType
RESULT_TYPE_UNSPECIFIED: ResultType
RESULT_TYPE_VECTOR: ResultType

class DailyIngestion(_message.Message):
    __slots__ = ["bytes", "date", "entries"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    DATE_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    date: str
    entries: int
    def __init__(self, date: _Optional[str] = ..., entries: _Optional[int] = ..., bytes: _Optional[int] = ...) -> None: ...

class DeleteLogsRequest(_message.Message):
    __slots__ = ["end", "query", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DeleteLogsResponse(_message.Message):
    __slots__ = ["deleted_entries", "pending"]
    DELETED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    deleted_entries: int
    pending: bool
    def __init__(self, deleted_entries: _Optional[int] = ..., pending: bool = ...) -> None: ...

class DeleteStreamRequest(_message.Message):
    __slots__ = ["end", "start", "stream_id"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STREAM_ID_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    start: _timestamp_pb2.Timestamp
    stream_id: str
    def __init__(self, stream_id: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DeleteStreamResponse(_message.Message):
    __slots__ = ["deleted_entries", "pending"]
    DELETED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    PENDING_FIELD_NUMBER: _ClassVar[int]
    deleted_entries: int
    pending: bool
    def __init__(self, deleted_entries: _Optional[int] = ..., pending: bool = ...) -> None: ...

class ExportLogsRequest(_message.Message):
    __slots__ = ["bucket_name", "direction", "end", "object_key", "query", "start"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    direction: Direction
    end: _timestamp_pb2.Timestamp
    object_key: str
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., direction: _Optional[_Union[Direction, str]] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ...) -> None: ...

class ExportLogsResponse(_message.Message):
    __slots__ = ["bucket_name", "complete", "etag", "export_id", "exported_bytes", "exported_entries", "object_key"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPLETE_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_BYTES_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    EXPORT_ID_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    complete: bool
    etag: str
    export_id: str
    exported_bytes: int
    exported_entries: int
    object_key: str
    def __init__(self, export_id: _Optional[str] = ..., exported_entries: _Optional[int] = ..., exported_bytes: _Optional[int] = ..., complete: bool = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., etag: _Optional[str] = ...) -> None: ...

class GetExportStatusRequest(_message.Message):
    __slots__ = ["export_id"]
    EXPORT_ID_FIELD_NUMBER: _ClassVar[int]
    export_id: str
    def __init__(self, export_id: _Optional[str] = ...) -> None: ...

class GetExportStatusResponse(_message.Message):
    __slots__ = ["bucket_name", "completed_at", "created_at", "error_message", "export_id", "exported_bytes", "exported_entries", "object_key", "query", "state"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ERROR_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_BYTES_FIELD_NUMBER: _ClassVar[int]
    EXPORTED_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    EXPORT_ID_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    completed_at: _timestamp_pb2.Timestamp
    created_at: _timestamp_pb2.Timestamp
    error_message: str
    export_id: str
    exported_bytes: int
    exported_entries: int
    object_key: str
    query: str
    state: ExportState
    def __init__(self, export_id: _Optional[str] = ..., state: _Optional[_Union[ExportState, str]] = ..., query: _Optional[str] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., exported_entries: _Optional[int] = ..., exported_bytes: _Optional[int] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., completed_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., error_message: _Optional[str] = ...) -> None: ...

class GetLabelValuesRequest(_message.Message):
    __slots__ = ["end", "label_name", "query", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    LABEL_NAME_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    label_name: str
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, label_name: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., query: _Optional[str] = ...) -> None: ...

class GetLabelValuesResponse(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, values: _Optional[_Iterable[str]] = ...) -> None: ...

class GetLabelsRequest(_message.Message):
    __slots__ = ["end", "query", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., query: _Optional[str] = ...) -> None: ...

class GetLabelsResponse(_message.Message):
    __slots__ = ["labels"]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, labels: _Optional[_Iterable[str]] = ...) -> None: ...

class GetStatisticsRequest(_message.Message):
    __slots__ = ["end", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    start: _timestamp_pb2.Timestamp
    def __init__(self, start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetStatisticsResponse(_message.Message):
    __slots__ = ["entries_by_level", "entries_by_service", "ingestion", "quota", "streams_count", "total_bytes", "total_entries"]
    class EntriesByLevelEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    class EntriesByServiceEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ENTRIES_BY_LEVEL_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_BY_SERVICE_FIELD_NUMBER: _ClassVar[int]
    INGESTION_FIELD_NUMBER: _ClassVar[int]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    STREAMS_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BYTES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries_by_level: _containers.ScalarMap[str, int]
    entries_by_service: _containers.ScalarMap[str, int]
    ingestion: _containers.RepeatedCompositeFieldContainer[DailyIngestion]
    quota: QuotaStatus
    streams_count: int
    total_bytes: int
    total_entries: int
    def __init__(self, total_entries: _Optional[int] = ..., total_bytes: _Optional[int] = ..., streams_count: _Optional[int] = ..., entries_by_level: _Optional[_Mapping[str, int]] = ..., entries_by_service: _Optional[_Mapping[str, int]] = ..., ingestion: _Optional[_Iterable[_Union[DailyIngestion, _Mapping]]] = ..., quota: _Optional[_Union[QuotaStatus, _Mapping]] = ...) -> None: ...

class GetStreamInfoRequest(_message.Message):
    __slots__ = ["end", "start", "stream_id"]
    END_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STREAM_ID_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    start: _timestamp_pb2.Timestamp
    stream_id: str
    def __init__(self, stream_id: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetStreamInfoResponse(_message.Message):
    __slots__ = ["stream"]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    stream: StreamInfo
    def __init__(self, stream: _Optional[_Union[StreamInfo, _Mapping]] = ...) -> None: ...

class GetUserQuotaRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetUserQuotaResponse(_message.Message):
    __slots__ = ["quota"]
    QUOTA_FIELD_NUMBER: _ClassVar[int]
    quota: QuotaStatus
    def __init__(self, quota: _Optional[_Union[QuotaStatus, _Mapping]] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["deep_check"]
    DEEP_CHECK_FIELD_NUMBER: _ClassVar[int]
    deep_check: bool
    def __init__(self, deep_check: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["backend", "can_read", "can_write", "checked_at", "details", "healthy", "message", "status"]
    class DetailsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CAN_READ_FIELD_NUMBER: _ClassVar[int]
    CAN_WRITE_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    backend: str
    can_read: bool
    can_write: bool
    checked_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, str]
    healthy: bool
    message: str
    status: str
    def __init__(self, healthy: bool = ..., status: _Optional[str] = ..., backend: _Optional[str] = ..., message: _Optional[str] = ..., can_write: bool = ..., can_read: bool = ..., details: _Optional[_Mapping[str, str]] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class LabelViolation(_message.Message):
    __slots__ = ["label", "rule"]
    LABEL_FIELD_NUMBER: _ClassVar[int]
    RULE_FIELD_NUMBER: _ClassVar[int]
    label: str
    rule: str
    def __init__(self, label: _Optional[str] = ..., rule: _Optional[str] = ...) -> None: ...

class ListStreamsRequest(_message.Message):
    __slots__ = ["end", "page_size", "page_token", "selector", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    SELECTOR_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    page_size: int
    page_token: str
    selector: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, selector: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., page_size: _Optional[int] = ..., page_token: _Optional[str] = ...) -> None: ...

class ListStreamsResponse(_message.Message):
    __slots__ = ["next_page_token", "streams", "total_count"]
    NEXT_PAGE_TOKEN_FIELD_NUMBER: _ClassVar[int]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    next_page_token: str
    streams: _containers.RepeatedCompositeFieldContainer[StreamInfo]
    total_count: int
    def __init__(self, streams: _Optional[_Iterable[_Union[StreamInfo, _Mapping]]] = ..., next_page_token: _Optional[str] = ..., total_count: _Optional[int] = ...) -> None: ...

class LogEntry(_message.Message):
    __slots__ = ["labels", "line", "timestamp"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.ScalarMap[str, str]
    line: str
    timestamp: _timestamp_pb2.Timestamp
    def __init__(self, timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., line: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class PushLogBatchRequest(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LogEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[LogEntry, _Mapping]]] = ...) -> None: ...

class PushLogBatchResponse(_message.Message):
    __slots__ = ["accepted_bytes", "accepted_count", "duplicate_count", "rejected"]
    ACCEPTED_BYTES_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    accepted_bytes: int
    accepted_count: int
    duplicate_count: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedEntry]
    def __init__(self, accepted_count: _Optional[int] = ..., duplicate_count: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedEntry, _Mapping]]] = ..., accepted_bytes: _Optional[int] = ...) -> None: ...

class PushLogRequest(_message.Message):
    __slots__ = ["entry"]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    entry: LogEntry
    def __init__(self, entry: _Optional[_Union[LogEntry, _Mapping]] = ...) -> None: ...

class PushLogResponse(_message.Message):
    __slots__ = ["duplicate", "stream_id"]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    STREAM_ID_FIELD_NUMBER: _ClassVar[int]
    duplicate: bool
    stream_id: str
    def __init__(self, stream_id: _Optional[str] = ..., duplicate: bool = ...) -> None: ...

class PushLogStreamRequest(_message.Message):
    __slots__ = ["streams"]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    streams: _containers.RepeatedCompositeFieldContainer[StreamEntries]
    def __init__(self, streams: _Optional[_Iterable[_Union[StreamEntries, _Mapping]]] = ...) -> None: ...

class PushLogStreamResponse(_message.Message):
    __slots__ = ["accepted_bytes", "accepted_count", "duplicate_count", "rejected"]
    ACCEPTED_BYTES_FIELD_NUMBER: _ClassVar[int]
    ACCEPTED_COUNT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_COUNT_FIELD_NUMBER: _ClassVar[int]
    REJECTED_FIELD_NUMBER: _ClassVar[int]
    accepted_bytes: int
    accepted_count: int
    duplicate_count: int
    rejected: _containers.RepeatedCompositeFieldContainer[RejectedEntry]
    def __init__(self, accepted_count: _Optional[int] = ..., duplicate_count: _Optional[int] = ..., rejected: _Optional[_Iterable[_Union[RejectedEntry, _Mapping]]] = ..., accepted_bytes: _Optional[int] = ...) -> None: ...

class PushSimpleLogRequest(_message.Message):
    __slots__ = ["extra_labels", "level", "message", "service", "timestamp"]
    class ExtraLabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    EXTRA_LABELS_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    SERVICE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    extra_labels: _containers.ScalarMap[str, str]
    level: LogLevel
    message: str
    service: str
    timestamp: _timestamp_pb2.Timestamp
    def __init__(self, message: _Optional[str] = ..., service: _Optional[str] = ..., level: _Optional[_Union[LogLevel, str]] = ..., extra_labels: _Optional[_Mapping[str, str]] = ..., timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PushSimpleLogResponse(_message.Message):
    __slots__ = ["duplicate", "stream_id"]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    STREAM_ID_FIELD_NUMBER: _ClassVar[int]
    duplicate: bool
    stream_id: str
    def __init__(self, stream_id: _Optional[str] = ..., duplicate: bool = ...) -> None: ...

class QueryLogsRequest(_message.Message):
    __slots__ = ["direction", "end", "limit", "query", "start"]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    direction: Direction
    end: _timestamp_pb2.Timestamp
    limit: int
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ..., direction: _Optional[_Union[Direction, str]] = ...) -> None: ...

class QueryLogsResponse(_message.Message):
    __slots__ = ["entries", "stats"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LogEntry]
    stats: QueryStatistics
    def __init__(self, entries: _Optional[_Iterable[_Union[LogEntry, _Mapping]]] = ..., stats: _Optional[_Union[QueryStatistics, _Mapping]] = ...) -> None: ...

class QueryRangeRequest(_message.Message):
    __slots__ = ["direction", "end", "limit", "query", "start", "step"]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STEP_FIELD_NUMBER: _ClassVar[int]
    direction: Direction
    end: _timestamp_pb2.Timestamp
    limit: int
    query: str
    start: _timestamp_pb2.Timestamp
    step: _duration_pb2.Duration
    def __init__(self, query: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., step: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., limit: _Optional[int] = ..., direction: _Optional[_Union[Direction, str]] = ...) -> None: ...

class QueryRangeResponse(_message.Message):
    __slots__ = ["matrix", "result_type", "stats", "streams"]
    MATRIX_FIELD_NUMBER: _ClassVar[int]
    RESULT_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    matrix: _containers.RepeatedCompositeFieldContainer[Series]
    result_type: ResultType
    stats: QueryStatistics
    streams: _containers.RepeatedCompositeFieldContainer[Stream]
    def __init__(self, result_type: _Optional[_Union[ResultType, str]] = ..., streams: _Optional[_Iterable[_Union[Stream, _Mapping]]] = ..., matrix: _Optional[_Iterable[_Union[Series, _Mapping]]] = ..., stats: _Optional[_Union[QueryStatistics, _Mapping]] = ...) -> None: ...

class QueryRequest(_message.Message):
    __slots__ = ["direction", "limit", "query", "time"]
    DIRECTION_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TIME_FIELD_NUMBER: _ClassVar[int]
    direction: Direction
    limit: int
    query: str
    time: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., limit: _Optional[int] = ..., direction: _Optional[_Union[Direction, str]] = ...) -> None: ...

class QueryResponse(_message.Message):
    __slots__ = ["result_type", "stats", "vector"]
    RESULT_TYPE_FIELD_NUMBER: _ClassVar[int]
    STATS_FIELD_NUMBER: _ClassVar[int]
    VECTOR_FIELD_NUMBER: _ClassVar[int]
    result_type: ResultType
    stats: QueryStatistics
    vector: _containers.RepeatedCompositeFieldContainer[Series]
    def __init__(self, result_type: _Optional[_Union[ResultType, str]] = ..., vector: _Optional[_Iterable[_Union[Series, _Mapping]]] = ..., stats: _Optional[_Union[QueryStatistics, _Mapping]] = ...) -> None: ...

class QueryStatistics(_message.Message):
    __slots__ = ["entries_returned", "exec_time_seconds", "series_returned"]
    ENTRIES_RETURNED_FIELD_NUMBER: _ClassVar[int]
    EXEC_TIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    SERIES_RETURNED_FIELD_NUMBER: _ClassVar[int]
    entries_returned: int
    exec_time_seconds: float
    series_returned: int
    def __init__(self, exec_time_seconds: _Optional[float] = ..., entries_returned: _Optional[int] = ..., series_returned: _Optional[int] = ...) -> None: ...

class QueryStatsRequest(_message.Message):
    __slots__ = ["end", "query", "start"]
    END_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    end: _timestamp_pb2.Timestamp
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueryStatsResponse(_message.Message):
    __slots__ = ["bytes", "entries", "streams"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    entries: int
    streams: int
    def __init__(self, streams: _Optional[int] = ..., entries: _Optional[int] = ..., bytes: _Optional[int] = ...) -> None: ...

class QuotaStatus(_message.Message):
    __slots__ = ["daily_bytes_limit", "ingestion_available_bytes", "ingestion_burst_bytes", "ingestion_rate_bytes_per_second", "quota_exceeded", "resets_at", "retention", "today_bytes_used", "today_entries", "today_rejected_pushes"]
    DAILY_BYTES_LIMIT_FIELD_NUMBER: _ClassVar[int]
    INGESTION_AVAILABLE_BYTES_FIELD_NUMBER: _ClassVar[int]
    INGESTION_BURST_BYTES_FIELD_NUMBER: _ClassVar[int]
    INGESTION_RATE_BYTES_PER_SECOND_FIELD_NUMBER: _ClassVar[int]
    QUOTA_EXCEEDED_FIELD_NUMBER: _ClassVar[int]
    RESETS_AT_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    TODAY_BYTES_USED_FIELD_NUMBER: _ClassVar[int]
    TODAY_ENTRIES_FIELD_NUMBER: _ClassVar[int]
    TODAY_REJECTED_PUSHES_FIELD_NUMBER: _ClassVar[int]
    daily_bytes_limit: int
    ingestion_available_bytes: int
    ingestion_burst_bytes: int
    ingestion_rate_bytes_per_second: int
    quota_exceeded: bool
    resets_at: _timestamp_pb2.Timestamp
    retention: _duration_pb2.Duration
    today_bytes_used: int
    today_entries: int
    today_rejected_pushes: int
    def __init__(self, daily_bytes_limit: _Optional[int] = ..., today_bytes_used: _Optional[int] = ..., today_entries: _Optional[int] = ..., ingestion_rate_bytes_per_second: _Optional[int] = ..., ingestion_burst_bytes: _Optional[int] = ..., ingestion_available_bytes: _Optional[int] = ..., retention: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., quota_exceeded: bool = ..., resets_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., today_rejected_pushes: _Optional[int] = ...) -> None: ...

class RejectedEntry(_message.Message):
    __slots__ = ["index", "reason"]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    index: int
    reason: str
    def __init__(self, index: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class Sample(_message.Message):
    __slots__ = ["timestamp", "value"]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    timestamp: _timestamp_pb2.Timestamp
    value: float
    def __init__(self, timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., value: _Optional[float] = ...) -> None: ...

class Series(_message.Message):
    __slots__ = ["metric", "samples"]
    class MetricEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    METRIC_FIELD_NUMBER: _ClassVar[int]
    SAMPLES_FIELD_NUMBER: _ClassVar[int]
    metric: _containers.ScalarMap[str, str]
    samples: _containers.RepeatedCompositeFieldContainer[Sample]
    def __init__(self, metric: _Optional[_Mapping[str, str]] = ..., samples: _Optional[_Iterable[_Union[Sample, _Mapping]]] = ...) -> None: ...

class Stream(_message.Message):
    __slots__ = ["entries", "labels"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[StreamEntry]
    labels: _containers.ScalarMap[str, str]
    def __init__(self, labels: _Optional[_Mapping[str, str]] = ..., entries: _Optional[_Iterable[_Union[StreamEntry, _Mapping]]] = ...) -> None: ...

class StreamEntries(_message.Message):
    __slots__ = ["labels", "lines", "positions", "timestamps_ns"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LINES_FIELD_NUMBER: _ClassVar[int]
    POSITIONS_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMPS_NS_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.ScalarMap[str, str]
    lines: _containers.RepeatedScalarFieldContainer[str]
    positions: _containers.RepeatedScalarFieldContainer[int]
    timestamps_ns: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, labels: _Optional[_Mapping[str, str]] = ..., timestamps_ns: _Optional[_Iterable[int]] = ..., lines: _Optional[_Iterable[str]] = ..., positions: _Optional[_Iterable[int]] = ...) -> None: ...

class StreamEntry(_message.Message):
    __slots__ = ["line", "timestamp"]
    LINE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    line: str
    timestamp: _timestamp_pb2.Timestamp
    def __init__(self, timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., line: _Optional[str] = ...) -> None: ...

class StreamInfo(_message.Message):
    __slots__ = ["bytes", "entry_count", "first_entry_at", "labels", "last_entry_at", "stream_id"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BYTES_FIELD_NUMBER: _ClassVar[int]
    ENTRY_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_ENTRY_AT_FIELD_NUMBER: _ClassVar[int]
    LABELS_FIELD_NUMBER: _ClassVar[int]
    LAST_ENTRY_AT_FIELD_NUMBER: _ClassVar[int]
    STREAM_ID_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    entry_count: int
    first_entry_at: _timestamp_pb2.Timestamp
    labels: _containers.ScalarMap[str, str]
    last_entry_at: _timestamp_pb2.Timestamp
    stream_id: str
    def __init__(self, stream_id: _Optional[str] = ..., labels: _Optional[_Mapping[str, str]] = ..., entry_count: _Optional[int] = ..., bytes: _Optional[int] = ..., first_entry_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_entry_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TailLogsRequest(_message.Message):
    __slots__ = ["delay_for", "limit", "query", "start"]
    DELAY_FOR_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    delay_for: _duration_pb2.Duration
    limit: int
    query: str
    start: _timestamp_pb2.Timestamp
    def __init__(self, query: _Optional[str] = ..., delay_for: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., limit: _Optional[int] = ..., start: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class TailLogsResponse(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[LogEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[LogEntry, _Mapping]]] = ...) -> None: ...

class ValidateLabelsRequest(_message.Message):
    __slots__ = ["labels"]
    class LabelsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    LABELS_FIELD_NUMBER: _ClassVar[int]
    labels: _containers.ScalarMap[str, str]
    def __init__(self, labels: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ValidateLabelsResponse(_message.Message):
    __slots__ = ["valid", "violations"]
    VALID_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    valid: bool
    violations: _containers.RepeatedCompositeFieldContainer[LabelViolation]
    def __init__(self, valid: bool = ..., violations: _Optional[_Iterable[_Union[LabelViolation, _Mapping]]] = ...) -> None: ...

class LogLevel(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class Direction(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ResultType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ExportState(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
