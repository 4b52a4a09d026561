from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

ACK_POLICY_ALL: AckPolicy
ACK_POLICY_EXPLICIT: AckPolicy
ACK_POLICY_NONE: AckPolicy
ACK_POLICY_UNSPECIFIED: AckPolicy
DELIVER_POLICY_ALL: DeliverPolicy
DELIVER_POLICY_BY_START_SEQUENCE: DeliverPolicy
DELIVER_POLICY_BY_START_TIME: DeliverPolicy
DELIVER_POLICY_LAST: DeliverPolicy
DELIVER_POLICY_LAST_PER_SUBJECT: DeliverPolicy
DELIVER_POLICY_NEW: DeliverPolicy
DELIVER_POLICY_UNSPECIFIED: DeliverPolicy
DESCRIPTOR: _descriptor.FileDescriptor
DISCARD_POLICY_NEW: DiscardPolicy
DISCARD_POLICY_OLD: DiscardPolicy
DISCARD_POLICY_UNSPECIFIED: DiscardPolicy
KV_OPERATION_DELETE: KVOperation
KV_OPERATION_PURGE: KVOperation
KV_OPERATION_PUT: KVOperation
KV_OPERATION_UNSPECIFIED: KVOperation
REPLAY_POLICY_INSTANT: ReplayPolicy
REPLAY_POLICY_ORIGINAL: ReplayPolicy
REPLAY_POLICY_UNSPECIFIED: ReplayPolicy
RETENTION_POLICY_INTEREST: RetentionPolicy
RETENTION_POLICY_LIMITS: RetentionPolicy
RETENTION_POLICY_UNSPECIFIED: RetentionPolicy
RETENTION_POLICY_WORK_QUEUE: RetentionPolicy
STORAGE_TYPE_FILE: StorageType
STORAGE_TYPE_MEMORY: StorageType
STORAGE_TYPE_UNSPECIFIED: StorageType

class AckMessageRequest(_message.Message):
    __slots__ = ["ack_token", "consumer_name", "sequence", "stream_name"]
    ACK_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    ack_token: str
    consumer_name: str
    sequence: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ..., sequence: _Optional[int] = ..., ack_token: _Optional[str] = ...) -> None: ...

class AckMessageResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ConsumeMessagesRequest(_message.Message):
    __slots__ = ["consumer_name", "max_messages", "stream_name"]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    consumer_name: str
    max_messages: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ..., max_messages: _Optional[int] = ...) -> None: ...

class ConsumeMessagesResponse(_message.Message):
    __slots__ = ["message", "started"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    message: JetStreamMessage
    started: ConsumeStarted
    def __init__(self, started: _Optional[_Union[ConsumeStarted, _Mapping]] = ..., message: _Optional[_Union[JetStreamMessage, _Mapping]] = ...) -> None: ...

class ConsumeStarted(_message.Message):
    __slots__ = ["subscription_id"]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class ConsumerConfig(_message.Message):
    __slots__ = ["ack_policy", "ack_wait", "deliver_policy", "description", "durable", "filter_subjects", "inactive_threshold", "max_ack_pending", "max_deliver", "name", "opt_start_seq", "opt_start_time", "replay_policy"]
    ACK_POLICY_FIELD_NUMBER: _ClassVar[int]
    ACK_WAIT_FIELD_NUMBER: _ClassVar[int]
    DELIVER_POLICY_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DURABLE_FIELD_NUMBER: _ClassVar[int]
    FILTER_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    INACTIVE_THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    MAX_ACK_PENDING_FIELD_NUMBER: _ClassVar[int]
    MAX_DELIVER_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPT_START_SEQ_FIELD_NUMBER: _ClassVar[int]
    OPT_START_TIME_FIELD_NUMBER: _ClassVar[int]
    REPLAY_POLICY_FIELD_NUMBER: _ClassVar[int]
    ack_policy: AckPolicy
    ack_wait: _duration_pb2.Duration
    deliver_policy: DeliverPolicy
    description: str
    durable: bool
    filter_subjects: _containers.RepeatedScalarFieldContainer[str]
    inactive_threshold: _duration_pb2.Duration
    max_ack_pending: int
    max_deliver: int
    name: str
    opt_start_seq: int
    opt_start_time: _timestamp_pb2.Timestamp
    replay_policy: ReplayPolicy
    def __init__(self, name: _Optional[str] = ..., durable: bool = ..., filter_subjects: _Optional[_Iterable[str]] = ..., deliver_policy: _Optional[_Union[DeliverPolicy, str]] = ..., ack_policy: _Optional[_Union[AckPolicy, str]] = ..., ack_wait: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_deliver: _Optional[int] = ..., replay_policy: _Optional[_Union[ReplayPolicy, str]] = ..., opt_start_seq: _Optional[int] = ..., opt_start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., max_ack_pending: _Optional[int] = ..., inactive_threshold: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., description: _Optional[str] = ...) -> None: ...

class ConsumerInfo(_message.Message):
    __slots__ = ["config", "created", "name", "state", "stream_name"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    config: ConsumerConfig
    created: _timestamp_pb2.Timestamp
    name: str
    state: ConsumerState
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., name: _Optional[str] = ..., config: _Optional[_Union[ConsumerConfig, _Mapping]] = ..., state: _Optional[_Union[ConsumerState, _Mapping]] = ..., created: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ConsumerState(_message.Message):
    __slots__ = ["ack_floor_consumer_seq", "ack_floor_stream_seq", "delivered_consumer_seq", "delivered_stream_seq", "num_ack_pending", "num_pending", "num_redelivered", "num_waiting"]
    ACK_FLOOR_CONSUMER_SEQ_FIELD_NUMBER: _ClassVar[int]
    ACK_FLOOR_STREAM_SEQ_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_CONSUMER_SEQ_FIELD_NUMBER: _ClassVar[int]
    DELIVERED_STREAM_SEQ_FIELD_NUMBER: _ClassVar[int]
    NUM_ACK_PENDING_FIELD_NUMBER: _ClassVar[int]
    NUM_PENDING_FIELD_NUMBER: _ClassVar[int]
    NUM_REDELIVERED_FIELD_NUMBER: _ClassVar[int]
    NUM_WAITING_FIELD_NUMBER: _ClassVar[int]
    ack_floor_consumer_seq: int
    ack_floor_stream_seq: int
    delivered_consumer_seq: int
    delivered_stream_seq: int
    num_ack_pending: int
    num_pending: int
    num_redelivered: int
    num_waiting: int
    def __init__(self, delivered_consumer_seq: _Optional[int] = ..., delivered_stream_seq: _Optional[int] = ..., ack_floor_consumer_seq: _Optional[int] = ..., ack_floor_stream_seq: _Optional[int] = ..., num_ack_pending: _Optional[int] = ..., num_redelivered: _Optional[int] = ..., num_waiting: _Optional[int] = ..., num_pending: _Optional[int] = ...) -> None: ...

class CreateConsumerRequest(_message.Message):
    __slots__ = ["config", "stream_name"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    config: ConsumerConfig
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., config: _Optional[_Union[ConsumerConfig, _Mapping]] = ...) -> None: ...

class CreateConsumerResponse(_message.Message):
    __slots__ = ["consumer"]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    consumer: ConsumerInfo
    def __init__(self, consumer: _Optional[_Union[ConsumerInfo, _Mapping]] = ...) -> None: ...

class CreateStreamRequest(_message.Message):
    __slots__ = ["config"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: StreamConfig
    def __init__(self, config: _Optional[_Union[StreamConfig, _Mapping]] = ...) -> None: ...

class CreateStreamResponse(_message.Message):
    __slots__ = ["stream"]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    stream: StreamInfo
    def __init__(self, stream: _Optional[_Union[StreamInfo, _Mapping]] = ...) -> None: ...

class DeleteConsumerRequest(_message.Message):
    __slots__ = ["consumer_name", "stream_name"]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    consumer_name: str
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ...) -> None: ...

class DeleteConsumerResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteStreamRequest(_message.Message):
    __slots__ = ["stream_name"]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ...) -> None: ...

class DeleteStreamResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetConsumerInfoRequest(_message.Message):
    __slots__ = ["consumer_name", "stream_name"]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    consumer_name: str
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ...) -> None: ...

class GetConsumerInfoResponse(_message.Message):
    __slots__ = ["consumer"]
    CONSUMER_FIELD_NUMBER: _ClassVar[int]
    consumer: ConsumerInfo
    def __init__(self, consumer: _Optional[_Union[ConsumerInfo, _Mapping]] = ...) -> None: ...

class GetStatisticsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetStatisticsResponse(_message.Message):
    __slots__ = ["connections", "in_bytes", "in_msgs", "kv_buckets", "object_buckets", "out_bytes", "out_msgs", "server_stats_available", "total_bytes", "total_consumers", "total_messages", "total_streams"]
    CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    IN_BYTES_FIELD_NUMBER: _ClassVar[int]
    IN_MSGS_FIELD_NUMBER: _ClassVar[int]
    KV_BUCKETS_FIELD_NUMBER: _ClassVar[int]
    OBJECT_BUCKETS_FIELD_NUMBER: _ClassVar[int]
    OUT_BYTES_FIELD_NUMBER: _ClassVar[int]
    OUT_MSGS_FIELD_NUMBER: _ClassVar[int]
    SERVER_STATS_AVAILABLE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_BYTES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_CONSUMERS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_MESSAGES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_STREAMS_FIELD_NUMBER: _ClassVar[int]
    connections: int
    in_bytes: int
    in_msgs: int
    kv_buckets: int
    object_buckets: int
    out_bytes: int
    out_msgs: int
    server_stats_available: bool
    total_bytes: int
    total_consumers: int
    total_messages: int
    total_streams: int
    def __init__(self, total_streams: _Optional[int] = ..., total_consumers: _Optional[int] = ..., total_messages: _Optional[int] = ..., total_bytes: _Optional[int] = ..., kv_buckets: _Optional[int] = ..., object_buckets: _Optional[int] = ..., server_stats_available: bool = ..., connections: _Optional[int] = ..., in_msgs: _Optional[int] = ..., out_msgs: _Optional[int] = ..., in_bytes: _Optional[int] = ..., out_bytes: _Optional[int] = ...) -> None: ...

class GetStreamInfoRequest(_message.Message):
    __slots__ = ["stream_name"]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ...) -> None: ...

class GetStreamInfoResponse(_message.Message):
    __slots__ = ["stream"]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    stream: StreamInfo
    def __init__(self, stream: _Optional[_Union[StreamInfo, _Mapping]] = ...) -> None: ...

class GetStreamStatsRequest(_message.Message):
    __slots__ = ["stream_name"]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ...) -> None: ...

class GetStreamStatsResponse(_message.Message):
    __slots__ = ["byte_rate", "bytes", "consumer_count", "first_seq", "last_seq", "message_rate", "messages", "num_subjects", "stream_name"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    BYTE_RATE_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEQ_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_RATE_FIELD_NUMBER: _ClassVar[int]
    NUM_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    byte_rate: float
    bytes: int
    consumer_count: int
    first_seq: int
    last_seq: int
    message_rate: float
    messages: int
    num_subjects: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., messages: _Optional[int] = ..., bytes: _Optional[int] = ..., consumer_count: _Optional[int] = ..., first_seq: _Optional[int] = ..., last_seq: _Optional[int] = ..., num_subjects: _Optional[int] = ..., message_rate: _Optional[float] = ..., byte_rate: _Optional[float] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["deep_check"]
    DEEP_CHECK_FIELD_NUMBER: _ClassVar[int]
    deep_check: bool
    def __init__(self, deep_check: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["active_subscriptions", "backend", "checked_at", "connections", "healthy", "jetstream_enabled", "message", "nats_status", "rtt_ms", "server_version"]
    ACTIVE_SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    JETSTREAM_ENABLED_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    NATS_STATUS_FIELD_NUMBER: _ClassVar[int]
    RTT_MS_FIELD_NUMBER: _ClassVar[int]
    SERVER_VERSION_FIELD_NUMBER: _ClassVar[int]
    active_subscriptions: int
    backend: str
    checked_at: _timestamp_pb2.Timestamp
    connections: int
    healthy: bool
    jetstream_enabled: bool
    message: str
    nats_status: str
    rtt_ms: float
    server_version: str
    def __init__(self, healthy: bool = ..., nats_status: _Optional[str] = ..., jetstream_enabled: bool = ..., connections: _Optional[int] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., message: _Optional[str] = ..., backend: _Optional[str] = ..., server_version: _Optional[str] = ..., rtt_ms: _Optional[float] = ..., active_subscriptions: _Optional[int] = ...) -> None: ...

class JetStreamMessage(_message.Message):
    __slots__ = ["ack_token", "consumer_sequence", "data", "headers", "num_delivered", "num_pending", "sequence", "subject", "timestamp"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACK_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    NUM_DELIVERED_FIELD_NUMBER: _ClassVar[int]
    NUM_PENDING_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    ack_token: str
    consumer_sequence: int
    data: bytes
    headers: _containers.ScalarMap[str, str]
    num_delivered: int
    num_pending: int
    sequence: int
    subject: str
    timestamp: _timestamp_pb2.Timestamp
    def __init__(self, subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., sequence: _Optional[int] = ..., consumer_sequence: _Optional[int] = ..., num_delivered: _Optional[int] = ..., num_pending: _Optional[int] = ..., timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., ack_token: _Optional[str] = ...) -> None: ...

class KVBucketInfo(_message.Message):
    __slots__ = ["bucket", "bytes", "description", "history", "max_bytes", "max_value_size", "replicas", "storage", "ttl", "values"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_VALUE_SIZE_FIELD_NUMBER: _ClassVar[int]
    REPLICAS_FIELD_NUMBER: _ClassVar[int]
    STORAGE_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    bytes: int
    description: str
    history: int
    max_bytes: int
    max_value_size: int
    replicas: int
    storage: StorageType
    ttl: _duration_pb2.Duration
    values: int
    def __init__(self, bucket: _Optional[str] = ..., history: _Optional[int] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_bytes: _Optional[int] = ..., max_value_size: _Optional[int] = ..., storage: _Optional[_Union[StorageType, str]] = ..., values: _Optional[int] = ..., bytes: _Optional[int] = ..., description: _Optional[str] = ..., replicas: _Optional[int] = ...) -> None: ...

class KVCreateBucketRequest(_message.Message):
    __slots__ = ["bucket", "description", "history", "max_bytes", "max_value_size", "replicas", "storage", "ttl"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    HISTORY_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_VALUE_SIZE_FIELD_NUMBER: _ClassVar[int]
    REPLICAS_FIELD_NUMBER: _ClassVar[int]
    STORAGE_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    description: str
    history: int
    max_bytes: int
    max_value_size: int
    replicas: int
    storage: StorageType
    ttl: _duration_pb2.Duration
    def __init__(self, bucket: _Optional[str] = ..., history: _Optional[int] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_bytes: _Optional[int] = ..., max_value_size: _Optional[int] = ..., storage: _Optional[_Union[StorageType, str]] = ..., description: _Optional[str] = ..., replicas: _Optional[int] = ...) -> None: ...

class KVCreateBucketResponse(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: KVBucketInfo
    def __init__(self, bucket: _Optional[_Union[KVBucketInfo, _Mapping]] = ...) -> None: ...

class KVCreateRequest(_message.Message):
    __slots__ = ["bucket", "key", "value"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    key: str
    value: bytes
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class KVCreateResponse(_message.Message):
    __slots__ = ["revision"]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    revision: int
    def __init__(self, revision: _Optional[int] = ...) -> None: ...

class KVDeleteBucketRequest(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    def __init__(self, bucket: _Optional[str] = ...) -> None: ...

class KVDeleteBucketResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class KVDeleteRequest(_message.Message):
    __slots__ = ["bucket", "expected_revision", "key"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    expected_revision: int
    key: str
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., expected_revision: _Optional[int] = ...) -> None: ...

class KVDeleteResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class KVEntry(_message.Message):
    __slots__ = ["created", "key", "operation", "revision", "value"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    OPERATION_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    created: _timestamp_pb2.Timestamp
    key: str
    operation: KVOperation
    revision: int
    value: bytes
    def __init__(self, key: _Optional[str] = ..., value: _Optional[bytes] = ..., revision: _Optional[int] = ..., created: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., operation: _Optional[_Union[KVOperation, str]] = ...) -> None: ...

class KVGetBucketInfoRequest(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    def __init__(self, bucket: _Optional[str] = ...) -> None: ...

class KVGetBucketInfoResponse(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: KVBucketInfo
    def __init__(self, bucket: _Optional[_Union[KVBucketInfo, _Mapping]] = ...) -> None: ...

class KVGetRequest(_message.Message):
    __slots__ = ["bucket", "key", "revision"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    key: str
    revision: int
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., revision: _Optional[int] = ...) -> None: ...

class KVGetResponse(_message.Message):
    __slots__ = ["created", "revision", "value"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    created: _timestamp_pb2.Timestamp
    revision: int
    value: bytes
    def __init__(self, value: _Optional[bytes] = ..., revision: _Optional[int] = ..., created: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class KVHistoryRequest(_message.Message):
    __slots__ = ["bucket", "key"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    key: str
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ...) -> None: ...

class KVHistoryResponse(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[KVEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[KVEntry, _Mapping]]] = ...) -> None: ...

class KVKeysRequest(_message.Message):
    __slots__ = ["bucket", "filter"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    filter: str
    def __init__(self, bucket: _Optional[str] = ..., filter: _Optional[str] = ...) -> None: ...

class KVKeysResponse(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class KVListBucketsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class KVListBucketsResponse(_message.Message):
    __slots__ = ["buckets"]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[KVBucketInfo]
    def __init__(self, buckets: _Optional[_Iterable[_Union[KVBucketInfo, _Mapping]]] = ...) -> None: ...

class KVPurgeRequest(_message.Message):
    __slots__ = ["bucket", "key"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    key: str
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ...) -> None: ...

class KVPurgeResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class KVPutRequest(_message.Message):
    __slots__ = ["bucket", "key", "value"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    key: str
    value: bytes
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class KVPutResponse(_message.Message):
    __slots__ = ["revision"]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    revision: int
    def __init__(self, revision: _Optional[int] = ...) -> None: ...

class KVUpdateRequest(_message.Message):
    __slots__ = ["bucket", "expected_revision", "key", "value"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_REVISION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    expected_revision: int
    key: str
    value: bytes
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., value: _Optional[bytes] = ..., expected_revision: _Optional[int] = ...) -> None: ...

class KVUpdateResponse(_message.Message):
    __slots__ = ["revision"]
    REVISION_FIELD_NUMBER: _ClassVar[int]
    revision: int
    def __init__(self, revision: _Optional[int] = ...) -> None: ...

class KVWatchRequest(_message.Message):
    __slots__ = ["bucket", "ignore_deletes", "include_history", "key", "updates_only"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    IGNORE_DELETES_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_HISTORY_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    UPDATES_ONLY_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    ignore_deletes: bool
    include_history: bool
    key: str
    updates_only: bool
    def __init__(self, bucket: _Optional[str] = ..., key: _Optional[str] = ..., include_history: bool = ..., updates_only: bool = ..., ignore_deletes: bool = ...) -> None: ...

class KVWatchResponse(_message.Message):
    __slots__ = ["entry", "started"]
    ENTRY_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    entry: KVEntry
    started: KVWatchStarted
    def __init__(self, started: _Optional[_Union[KVWatchStarted, _Mapping]] = ..., entry: _Optional[_Union[KVEntry, _Mapping]] = ...) -> None: ...

class KVWatchStarted(_message.Message):
    __slots__ = ["subscription_id"]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class ListConsumersRequest(_message.Message):
    __slots__ = ["stream_name"]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ...) -> None: ...

class ListConsumersResponse(_message.Message):
    __slots__ = ["consumers"]
    CONSUMERS_FIELD_NUMBER: _ClassVar[int]
    consumers: _containers.RepeatedCompositeFieldContainer[ConsumerInfo]
    def __init__(self, consumers: _Optional[_Iterable[_Union[ConsumerInfo, _Mapping]]] = ...) -> None: ...

class ListStreamsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListStreamsResponse(_message.Message):
    __slots__ = ["streams"]
    STREAMS_FIELD_NUMBER: _ClassVar[int]
    streams: _containers.RepeatedCompositeFieldContainer[StreamInfo]
    def __init__(self, streams: _Optional[_Iterable[_Union[StreamInfo, _Mapping]]] = ...) -> None: ...

class NakMessageRequest(_message.Message):
    __slots__ = ["ack_token", "consumer_name", "delay", "sequence", "stream_name"]
    ACK_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    DELAY_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    ack_token: str
    consumer_name: str
    delay: _duration_pb2.Duration
    sequence: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ..., sequence: _Optional[int] = ..., ack_token: _Optional[str] = ..., delay: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class NakMessageResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class NatsMessage(_message.Message):
    __slots__ = ["data", "headers", "received_at", "reply_to", "sequence", "subject"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    headers: _containers.ScalarMap[str, str]
    received_at: _timestamp_pb2.Timestamp
    reply_to: str
    sequence: int
    subject: str
    def __init__(self, subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., reply_to: _Optional[str] = ..., received_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., sequence: _Optional[int] = ...) -> None: ...

class ObjectBucketInfo(_message.Message):
    __slots__ = ["bucket", "description", "replicas", "sealed", "size", "storage", "ttl"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    REPLICAS_FIELD_NUMBER: _ClassVar[int]
    SEALED_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    description: str
    replicas: int
    sealed: bool
    size: int
    storage: StorageType
    ttl: _duration_pb2.Duration
    def __init__(self, bucket: _Optional[str] = ..., description: _Optional[str] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., storage: _Optional[_Union[StorageType, str]] = ..., size: _Optional[int] = ..., replicas: _Optional[int] = ..., sealed: bool = ...) -> None: ...

class ObjectCreateBucketRequest(_message.Message):
    __slots__ = ["bucket", "description", "max_bytes", "replicas", "storage", "ttl"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    REPLICAS_FIELD_NUMBER: _ClassVar[int]
    STORAGE_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    description: str
    max_bytes: int
    replicas: int
    storage: StorageType
    ttl: _duration_pb2.Duration
    def __init__(self, bucket: _Optional[str] = ..., description: _Optional[str] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., storage: _Optional[_Union[StorageType, str]] = ..., max_bytes: _Optional[int] = ..., replicas: _Optional[int] = ...) -> None: ...

class ObjectCreateBucketResponse(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: ObjectBucketInfo
    def __init__(self, bucket: _Optional[_Union[ObjectBucketInfo, _Mapping]] = ...) -> None: ...

class ObjectDeleteBucketRequest(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    def __init__(self, bucket: _Optional[str] = ...) -> None: ...

class ObjectDeleteBucketResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ObjectDeleteRequest(_message.Message):
    __slots__ = ["bucket", "name"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    name: str
    def __init__(self, bucket: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ObjectDeleteResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ObjectGetInfoRequest(_message.Message):
    __slots__ = ["bucket", "name"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    name: str
    def __init__(self, bucket: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ObjectGetInfoResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: StoredObject
    def __init__(self, object: _Optional[_Union[StoredObject, _Mapping]] = ...) -> None: ...

class ObjectGetRequest(_message.Message):
    __slots__ = ["bucket", "name"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    name: str
    def __init__(self, bucket: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class ObjectGetResponse(_message.Message):
    __slots__ = ["chunk", "info"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    info: StoredObject
    def __init__(self, info: _Optional[_Union[StoredObject, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class ObjectListBucketsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ObjectListBucketsResponse(_message.Message):
    __slots__ = ["buckets"]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[ObjectBucketInfo]
    def __init__(self, buckets: _Optional[_Iterable[_Union[ObjectBucketInfo, _Mapping]]] = ...) -> None: ...

class ObjectListRequest(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    def __init__(self, bucket: _Optional[str] = ...) -> None: ...

class ObjectListResponse(_message.Message):
    __slots__ = ["objects"]
    OBJECTS_FIELD_NUMBER: _ClassVar[int]
    objects: _containers.RepeatedCompositeFieldContainer[StoredObject]
    def __init__(self, objects: _Optional[_Iterable[_Union[StoredObject, _Mapping]]] = ...) -> None: ...

class ObjectPutHeader(_message.Message):
    __slots__ = ["bucket", "description", "metadata", "name"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    description: str
    metadata: _containers.ScalarMap[str, str]
    name: str
    def __init__(self, bucket: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class ObjectPutRequest(_message.Message):
    __slots__ = ["chunk", "header"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    header: ObjectPutHeader
    def __init__(self, header: _Optional[_Union[ObjectPutHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class ObjectPutResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: StoredObject
    def __init__(self, object: _Optional[_Union[StoredObject, _Mapping]] = ...) -> None: ...

class OutgoingMessage(_message.Message):
    __slots__ = ["data", "headers", "reply_to", "subject"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    headers: _containers.ScalarMap[str, str]
    reply_to: str
    subject: str
    def __init__(self, subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., reply_to: _Optional[str] = ...) -> None: ...

class PublishBatchRequest(_message.Message):
    __slots__ = ["messages"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[OutgoingMessage]
    def __init__(self, messages: _Optional[_Iterable[_Union[OutgoingMessage, _Mapping]]] = ...) -> None: ...

class PublishBatchResponse(_message.Message):
    __slots__ = ["published_count"]
    PUBLISHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    published_count: int
    def __init__(self, published_count: _Optional[int] = ...) -> None: ...

class PublishRequest(_message.Message):
    __slots__ = ["data", "headers", "reply_to", "subject"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    REPLY_TO_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    headers: _containers.ScalarMap[str, str]
    reply_to: str
    subject: str
    def __init__(self, subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., reply_to: _Optional[str] = ...) -> None: ...

class PublishResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class PublishStreamRequest(_message.Message):
    __slots__ = ["messages"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[OutgoingMessage]
    def __init__(self, messages: _Optional[_Iterable[_Union[OutgoingMessage, _Mapping]]] = ...) -> None: ...

class PublishStreamResponse(_message.Message):
    __slots__ = ["published_count"]
    PUBLISHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    published_count: int
    def __init__(self, published_count: _Optional[int] = ...) -> None: ...

class PublishToStreamRequest(_message.Message):
    __slots__ = ["data", "expected_last_sequence", "headers", "message_id", "stream_name", "subject"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXPECTED_LAST_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    expected_last_sequence: int
    headers: _containers.ScalarMap[str, str]
    message_id: str
    stream_name: str
    subject: str
    def __init__(self, stream_name: _Optional[str] = ..., subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., message_id: _Optional[str] = ..., expected_last_sequence: _Optional[int] = ...) -> None: ...

class PublishToStreamResponse(_message.Message):
    __slots__ = ["duplicate", "sequence", "stream_name"]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    duplicate: bool
    sequence: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., sequence: _Optional[int] = ..., duplicate: bool = ...) -> None: ...

class PullMessagesRequest(_message.Message):
    __slots__ = ["batch_size", "consumer_name", "max_wait", "stream_name"]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    MAX_WAIT_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    batch_size: int
    consumer_name: str
    max_wait: _duration_pb2.Duration
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ..., batch_size: _Optional[int] = ..., max_wait: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class PullMessagesResponse(_message.Message):
    __slots__ = ["messages"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[JetStreamMessage]
    def __init__(self, messages: _Optional[_Iterable[_Union[JetStreamMessage, _Mapping]]] = ...) -> None: ...

class PurgeStreamRequest(_message.Message):
    __slots__ = ["keep", "stream_name", "subject", "up_to_sequence"]
    KEEP_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    UP_TO_SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    keep: int
    stream_name: str
    subject: str
    up_to_sequence: int
    def __init__(self, stream_name: _Optional[str] = ..., subject: _Optional[str] = ..., keep: _Optional[int] = ..., up_to_sequence: _Optional[int] = ...) -> None: ...

class PurgeStreamResponse(_message.Message):
    __slots__ = ["purged"]
    PURGED_FIELD_NUMBER: _ClassVar[int]
    purged: int
    def __init__(self, purged: _Optional[int] = ...) -> None: ...

class QueueSubscribeRequest(_message.Message):
    __slots__ = ["queue_group", "subject"]
    QUEUE_GROUP_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    queue_group: str
    subject: str
    def __init__(self, subject: _Optional[str] = ..., queue_group: _Optional[str] = ...) -> None: ...

class QueueSubscribeResponse(_message.Message):
    __slots__ = ["message", "started"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    message: NatsMessage
    started: SubscriptionStarted
    def __init__(self, started: _Optional[_Union[SubscriptionStarted, _Mapping]] = ..., message: _Optional[_Union[NatsMessage, _Mapping]] = ...) -> None: ...

class RequestRequest(_message.Message):
    __slots__ = ["data", "headers", "subject", "timeout"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    headers: _containers.ScalarMap[str, str]
    subject: str
    timeout: _duration_pb2.Duration
    def __init__(self, subject: _Optional[str] = ..., data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., timeout: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class RequestResponse(_message.Message):
    __slots__ = ["data", "headers", "subject"]
    class HeadersEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    HEADERS_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    headers: _containers.ScalarMap[str, str]
    subject: str
    def __init__(self, data: _Optional[bytes] = ..., headers: _Optional[_Mapping[str, str]] = ..., subject: _Optional[str] = ...) -> None: ...

class StoredObject(_message.Message):
    __slots__ = ["bucket", "chunks", "description", "digest", "metadata", "modified", "name", "nuid", "size"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    CHUNKS_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DIGEST_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    MODIFIED_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NUID_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    bucket: str
    chunks: int
    description: str
    digest: str
    metadata: _containers.ScalarMap[str, str]
    modified: _timestamp_pb2.Timestamp
    name: str
    nuid: str
    size: int
    def __init__(self, bucket: _Optional[str] = ..., name: _Optional[str] = ..., description: _Optional[str] = ..., size: _Optional[int] = ..., chunks: _Optional[int] = ..., digest: _Optional[str] = ..., modified: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., metadata: _Optional[_Mapping[str, str]] = ..., nuid: _Optional[str] = ...) -> None: ...

class StreamConfig(_message.Message):
    __slots__ = ["description", "discard", "discard_new_per_subject", "duplicate_window", "max_age", "max_bytes", "max_consumers", "max_msg_size", "max_msgs", "max_msgs_per_subject", "name", "replicas", "retention", "storage", "subjects"]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    DISCARD_FIELD_NUMBER: _ClassVar[int]
    DISCARD_NEW_PER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_WINDOW_FIELD_NUMBER: _ClassVar[int]
    MAX_AGE_FIELD_NUMBER: _ClassVar[int]
    MAX_BYTES_FIELD_NUMBER: _ClassVar[int]
    MAX_CONSUMERS_FIELD_NUMBER: _ClassVar[int]
    MAX_MSGS_FIELD_NUMBER: _ClassVar[int]
    MAX_MSGS_PER_SUBJECT_FIELD_NUMBER: _ClassVar[int]
    MAX_MSG_SIZE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    REPLICAS_FIELD_NUMBER: _ClassVar[int]
    RETENTION_FIELD_NUMBER: _ClassVar[int]
    STORAGE_FIELD_NUMBER: _ClassVar[int]
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    description: str
    discard: DiscardPolicy
    discard_new_per_subject: bool
    duplicate_window: _duration_pb2.Duration
    max_age: _duration_pb2.Duration
    max_bytes: int
    max_consumers: int
    max_msg_size: int
    max_msgs: int
    max_msgs_per_subject: int
    name: str
    replicas: int
    retention: RetentionPolicy
    storage: StorageType
    subjects: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., subjects: _Optional[_Iterable[str]] = ..., retention: _Optional[_Union[RetentionPolicy, str]] = ..., storage: _Optional[_Union[StorageType, str]] = ..., max_msgs: _Optional[int] = ..., max_bytes: _Optional[int] = ..., max_age: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., max_msg_size: _Optional[int] = ..., max_msgs_per_subject: _Optional[int] = ..., max_consumers: _Optional[int] = ..., replicas: _Optional[int] = ..., discard: _Optional[_Union[DiscardPolicy, str]] = ..., discard_new_per_subject: bool = ..., duplicate_window: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., description: _Optional[str] = ...) -> None: ...

class StreamInfo(_message.Message):
    __slots__ = ["config", "created", "name", "state", "subjects"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    config: StreamConfig
    created: _timestamp_pb2.Timestamp
    name: str
    state: StreamState
    subjects: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., subjects: _Optional[_Iterable[str]] = ..., config: _Optional[_Union[StreamConfig, _Mapping]] = ..., state: _Optional[_Union[StreamState, _Mapping]] = ..., created: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class StreamState(_message.Message):
    __slots__ = ["bytes", "consumer_count", "first_seq", "first_ts", "last_seq", "last_ts", "messages", "num_deleted", "num_subjects"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_COUNT_FIELD_NUMBER: _ClassVar[int]
    FIRST_SEQ_FIELD_NUMBER: _ClassVar[int]
    FIRST_TS_FIELD_NUMBER: _ClassVar[int]
    LAST_SEQ_FIELD_NUMBER: _ClassVar[int]
    LAST_TS_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    NUM_DELETED_FIELD_NUMBER: _ClassVar[int]
    NUM_SUBJECTS_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    consumer_count: int
    first_seq: int
    first_ts: _timestamp_pb2.Timestamp
    last_seq: int
    last_ts: _timestamp_pb2.Timestamp
    messages: int
    num_deleted: int
    num_subjects: int
    def __init__(self, messages: _Optional[int] = ..., bytes: _Optional[int] = ..., first_seq: _Optional[int] = ..., last_seq: _Optional[int] = ..., first_ts: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_ts: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., num_subjects: _Optional[int] = ..., consumer_count: _Optional[int] = ..., num_deleted: _Optional[int] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ["queue_group", "subject"]
    QUEUE_GROUP_FIELD_NUMBER: _ClassVar[int]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    queue_group: str
    subject: str
    def __init__(self, subject: _Optional[str] = ..., queue_group: _Optional[str] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ["message", "started"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    message: NatsMessage
    started: SubscriptionStarted
    def __init__(self, started: _Optional[_Union[SubscriptionStarted, _Mapping]] = ..., message: _Optional[_Union[NatsMessage, _Mapping]] = ...) -> None: ...

class SubscriptionStarted(_message.Message):
    __slots__ = ["subscription_id"]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class TermMessageRequest(_message.Message):
    __slots__ = ["ack_token", "consumer_name", "sequence", "stream_name"]
    ACK_TOKEN_FIELD_NUMBER: _ClassVar[int]
    CONSUMER_NAME_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    STREAM_NAME_FIELD_NUMBER: _ClassVar[int]
    ack_token: str
    consumer_name: str
    sequence: int
    stream_name: str
    def __init__(self, stream_name: _Optional[str] = ..., consumer_name: _Optional[str] = ..., sequence: _Optional[int] = ..., ack_token: _Optional[str] = ...) -> None: ...

class TermMessageResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class UnsubscribeRequest(_message.Message):
    __slots__ = ["subject", "subscription_id"]
    SUBJECT_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subject: str
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ..., subject: _Optional[str] = ...) -> None: ...

class UnsubscribeResponse(_message.Message):
    __slots__ = ["ended"]
    ENDED_FIELD_NUMBER: _ClassVar[int]
    ended: int
    def __init__(self, ended: _Optional[int] = ...) -> None: ...

class UpdateStreamRequest(_message.Message):
    __slots__ = ["config"]
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    config: StreamConfig
    def __init__(self, config: _Optional[_Union[StreamConfig, _Mapping]] = ...) -> None: ...

class UpdateStreamResponse(_message.Message):
    __slots__ = ["stream"]
    STREAM_FIELD_NUMBER: _ClassVar[int]
    stream: StreamInfo
    def __init__(self, stream: _Optional[_Union[StreamInfo, _Mapping]] = ...) -> None: ...

class StorageType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class RetentionPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class DiscardPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class DeliverPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class AckPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ReplayPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class KVOperation(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
