from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
DEVICE_STATUS_ERROR: DeviceStatus
DEVICE_STATUS_OFFLINE: DeviceStatus
DEVICE_STATUS_ONLINE: DeviceStatus
DEVICE_STATUS_SLEEPING: DeviceStatus
DEVICE_STATUS_UNSPECIFIED: DeviceStatus
OVERFLOW_POLICY_CLOSE: OverflowPolicy
OVERFLOW_POLICY_DROP_OLDEST: OverflowPolicy
OVERFLOW_POLICY_UNSPECIFIED: OverflowPolicy

class ConnectRequest(_message.Message):
    __slots__ = ["clean_session", "client_id", "keep_alive_seconds", "password", "username", "will"]
    CLEAN_SESSION_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    KEEP_ALIVE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    WILL_FIELD_NUMBER: _ClassVar[int]
    clean_session: bool
    client_id: str
    keep_alive_seconds: int
    password: str
    username: str
    will: LastWill
    def __init__(self, client_id: _Optional[str] = ..., username: _Optional[str] = ..., password: _Optional[str] = ..., clean_session: bool = ..., keep_alive_seconds: _Optional[int] = ..., will: _Optional[_Union[LastWill, _Mapping]] = ...) -> None: ...

class ConnectResponse(_message.Message):
    __slots__ = ["session", "session_id", "session_present"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_PRESENT_FIELD_NUMBER: _ClassVar[int]
    session: SessionInfo
    session_id: str
    session_present: bool
    def __init__(self, session_id: _Optional[str] = ..., session_present: bool = ..., session: _Optional[_Union[SessionInfo, _Mapping]] = ...) -> None: ...

class DeleteRetainedMessageRequest(_message.Message):
    __slots__ = ["topic"]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    topic: str
    def __init__(self, topic: _Optional[str] = ...) -> None: ...

class DeleteRetainedMessageResponse(_message.Message):
    __slots__ = ["existed"]
    EXISTED_FIELD_NUMBER: _ClassVar[int]
    existed: bool
    def __init__(self, existed: bool = ...) -> None: ...

class DeviceInfo(_message.Message):
    __slots__ = ["active_sessions", "device_id", "device_name", "device_type", "last_seen", "metadata", "online", "organization_id", "registered_at", "status", "status_updated_at"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACTIVE_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    DEVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    LAST_SEEN_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    ONLINE_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    REGISTERED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    active_sessions: int
    device_id: str
    device_name: str
    device_type: str
    last_seen: _timestamp_pb2.Timestamp
    metadata: _containers.ScalarMap[str, str]
    online: bool
    organization_id: str
    registered_at: _timestamp_pb2.Timestamp
    status: DeviceStatus
    status_updated_at: _timestamp_pb2.Timestamp
    def __init__(self, device_id: _Optional[str] = ..., device_name: _Optional[str] = ..., device_type: _Optional[str] = ..., status: _Optional[_Union[DeviceStatus, str]] = ..., online: bool = ..., metadata: _Optional[_Mapping[str, str]] = ..., registered_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_seen: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., status_updated_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., organization_id: _Optional[str] = ..., active_sessions: _Optional[int] = ...) -> None: ...

class DisconnectRequest(_message.Message):
    __slots__ = ["publish_will", "session_id"]
    PUBLISH_WILL_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    publish_will: bool
    session_id: str
    def __init__(self, session_id: _Optional[str] = ..., publish_will: bool = ...) -> None: ...

class DisconnectResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetConnectionStatusRequest(_message.Message):
    __slots__ = ["session_id"]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class GetConnectionStatusResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: SessionInfo
    def __init__(self, session: _Optional[_Union[SessionInfo, _Mapping]] = ...) -> None: ...

class GetDeviceInfoRequest(_message.Message):
    __slots__ = ["device_id"]
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    device_id: str
    def __init__(self, device_id: _Optional[str] = ...) -> None: ...

class GetDeviceInfoResponse(_message.Message):
    __slots__ = ["device"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: DeviceInfo
    def __init__(self, device: _Optional[_Union[DeviceInfo, _Mapping]] = ...) -> None: ...

class GetDeviceMetricsRequest(_message.Message):
    __slots__ = ["device_id", "end_time", "start_time"]
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    END_TIME_FIELD_NUMBER: _ClassVar[int]
    START_TIME_FIELD_NUMBER: _ClassVar[int]
    device_id: str
    end_time: _timestamp_pb2.Timestamp
    start_time: _timestamp_pb2.Timestamp
    def __init__(self, device_id: _Optional[str] = ..., start_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., end_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetDeviceMetricsResponse(_message.Message):
    __slots__ = ["bytes_received", "bytes_sent", "device_id", "error_rate", "message_rate", "messages_received", "messages_sent"]
    BYTES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    BYTES_SENT_FIELD_NUMBER: _ClassVar[int]
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    ERROR_RATE_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_SENT_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_RATE_FIELD_NUMBER: _ClassVar[int]
    bytes_received: int
    bytes_sent: int
    device_id: str
    error_rate: _containers.RepeatedCompositeFieldContainer[TimeSeriesPoint]
    message_rate: _containers.RepeatedCompositeFieldContainer[TimeSeriesPoint]
    messages_received: int
    messages_sent: int
    def __init__(self, device_id: _Optional[str] = ..., messages_sent: _Optional[int] = ..., messages_received: _Optional[int] = ..., bytes_sent: _Optional[int] = ..., bytes_received: _Optional[int] = ..., message_rate: _Optional[_Iterable[_Union[TimeSeriesPoint, _Mapping]]] = ..., error_rate: _Optional[_Iterable[_Union[TimeSeriesPoint, _Mapping]]] = ...) -> None: ...

class GetRetainedMessageRequest(_message.Message):
    __slots__ = ["topic"]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    topic: str
    def __init__(self, topic: _Optional[str] = ...) -> None: ...

class GetRetainedMessageResponse(_message.Message):
    __slots__ = ["found", "message"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    message: RetainedMessage
    def __init__(self, found: bool = ..., message: _Optional[_Union[RetainedMessage, _Mapping]] = ...) -> None: ...

class GetStatisticsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetStatisticsResponse(_message.Message):
    __slots__ = ["active_sessions", "bytes_received_today", "bytes_sent_today", "device_type_distribution", "messages_received_today", "messages_sent_today", "online_devices", "total_devices", "total_subscriptions", "total_topics"]
    class DeviceTypeDistributionEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    ACTIVE_SESSIONS_FIELD_NUMBER: _ClassVar[int]
    BYTES_RECEIVED_TODAY_FIELD_NUMBER: _ClassVar[int]
    BYTES_SENT_TODAY_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_RECEIVED_TODAY_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_SENT_TODAY_FIELD_NUMBER: _ClassVar[int]
    ONLINE_DEVICES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_DEVICES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_TOPICS_FIELD_NUMBER: _ClassVar[int]
    active_sessions: int
    bytes_received_today: int
    bytes_sent_today: int
    device_type_distribution: _containers.ScalarMap[str, int]
    messages_received_today: int
    messages_sent_today: int
    online_devices: int
    total_devices: int
    total_subscriptions: int
    total_topics: int
    def __init__(self, total_devices: _Optional[int] = ..., online_devices: _Optional[int] = ..., total_topics: _Optional[int] = ..., total_subscriptions: _Optional[int] = ..., messages_sent_today: _Optional[int] = ..., messages_received_today: _Optional[int] = ..., active_sessions: _Optional[int] = ..., device_type_distribution: _Optional[_Mapping[str, int]] = ..., bytes_sent_today: _Optional[int] = ..., bytes_received_today: _Optional[int] = ...) -> None: ...

class GetTopicInfoRequest(_message.Message):
    __slots__ = ["topic"]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    topic: str
    def __init__(self, topic: _Optional[str] = ...) -> None: ...

class GetTopicInfoResponse(_message.Message):
    __slots__ = ["topic_info"]
    TOPIC_INFO_FIELD_NUMBER: _ClassVar[int]
    topic_info: TopicInfo
    def __init__(self, topic_info: _Optional[_Union[TopicInfo, _Mapping]] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["deep_check"]
    DEEP_CHECK_FIELD_NUMBER: _ClassVar[int]
    deep_check: bool
    def __init__(self, deep_check: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["active_connections", "backend", "broker", "broker_status", "checked_at", "details", "healthy", "message", "round_trip_ms"]
    class DetailsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    ACTIVE_CONNECTIONS_FIELD_NUMBER: _ClassVar[int]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    BROKER_FIELD_NUMBER: _ClassVar[int]
    BROKER_STATUS_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ROUND_TRIP_MS_FIELD_NUMBER: _ClassVar[int]
    active_connections: int
    backend: str
    broker: str
    broker_status: str
    checked_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, str]
    healthy: bool
    message: str
    round_trip_ms: float
    def __init__(self, healthy: bool = ..., broker_status: _Optional[str] = ..., active_connections: _Optional[int] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., message: _Optional[str] = ..., backend: _Optional[str] = ..., broker: _Optional[str] = ..., round_trip_ms: _Optional[float] = ..., details: _Optional[_Mapping[str, str]] = ...) -> None: ...

class LastWill(_message.Message):
    __slots__ = ["payload", "qos", "retain", "topic"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    RETAIN_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    qos: int
    retain: bool
    topic: str
    def __init__(self, topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ..., retain: bool = ...) -> None: ...

class ListDevicesRequest(_message.Message):
    __slots__ = ["device_type", "page", "page_size", "status"]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    device_type: str
    page: int
    page_size: int
    status: DeviceStatus
    def __init__(self, status: _Optional[_Union[DeviceStatus, str]] = ..., device_type: _Optional[str] = ..., page: _Optional[int] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListDevicesResponse(_message.Message):
    __slots__ = ["devices", "page", "page_size", "total_count"]
    DEVICES_FIELD_NUMBER: _ClassVar[int]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    devices: _containers.RepeatedCompositeFieldContainer[DeviceInfo]
    page: int
    page_size: int
    total_count: int
    def __init__(self, devices: _Optional[_Iterable[_Union[DeviceInfo, _Mapping]]] = ..., total_count: _Optional[int] = ..., page: _Optional[int] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListRetainedMessagesRequest(_message.Message):
    __slots__ = ["include_payload", "limit", "prefix", "topic_filter"]
    INCLUDE_PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FILTER_FIELD_NUMBER: _ClassVar[int]
    include_payload: bool
    limit: int
    prefix: str
    topic_filter: str
    def __init__(self, prefix: _Optional[str] = ..., topic_filter: _Optional[str] = ..., limit: _Optional[int] = ..., include_payload: bool = ...) -> None: ...

class ListRetainedMessagesResponse(_message.Message):
    __slots__ = ["messages", "truncated"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[RetainedMessage]
    truncated: bool
    def __init__(self, messages: _Optional[_Iterable[_Union[RetainedMessage, _Mapping]]] = ..., truncated: bool = ...) -> None: ...

class ListSessionsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ["sessions"]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    sessions: _containers.RepeatedCompositeFieldContainer[SessionInfo]
    def __init__(self, sessions: _Optional[_Iterable[_Union[SessionInfo, _Mapping]]] = ...) -> None: ...

class ListSubscriptionsRequest(_message.Message):
    __slots__ = ["session_id"]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class ListSubscriptionsResponse(_message.Message):
    __slots__ = ["subscriptions"]
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    subscriptions: _containers.RepeatedCompositeFieldContainer[SubscriptionInfo]
    def __init__(self, subscriptions: _Optional[_Iterable[_Union[SubscriptionInfo, _Mapping]]] = ...) -> None: ...

class ListTopicsRequest(_message.Message):
    __slots__ = ["page", "page_size", "prefix"]
    PAGE_FIELD_NUMBER: _ClassVar[int]
    PAGE_SIZE_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    page: int
    page_size: int
    prefix: str
    def __init__(self, prefix: _Optional[str] = ..., page: _Optional[int] = ..., page_size: _Optional[int] = ...) -> None: ...

class ListTopicsResponse(_message.Message):
    __slots__ = ["topics", "total_count"]
    TOPICS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    topics: _containers.RepeatedCompositeFieldContainer[TopicInfo]
    total_count: int
    def __init__(self, topics: _Optional[_Iterable[_Union[TopicInfo, _Mapping]]] = ..., total_count: _Optional[int] = ...) -> None: ...

class MQTTMessage(_message.Message):
    __slots__ = ["dropped_before", "duplicate", "payload", "qos", "received_at", "retained", "sequence", "topic"]
    DROPPED_BEFORE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_FIELD_NUMBER: _ClassVar[int]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    dropped_before: int
    duplicate: bool
    payload: bytes
    qos: int
    received_at: _timestamp_pb2.Timestamp
    retained: bool
    sequence: int
    topic: str
    def __init__(self, topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ..., retained: bool = ..., duplicate: bool = ..., received_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., sequence: _Optional[int] = ..., dropped_before: _Optional[int] = ...) -> None: ...

class PublishBatchRequest(_message.Message):
    __slots__ = ["messages", "session_id"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[PublishMessage]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[PublishMessage, _Mapping]]] = ...) -> None: ...

class PublishBatchResponse(_message.Message):
    __slots__ = ["message_ids", "published_count"]
    MESSAGE_IDS_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    message_ids: _containers.RepeatedScalarFieldContainer[str]
    published_count: int
    def __init__(self, published_count: _Optional[int] = ..., message_ids: _Optional[_Iterable[str]] = ...) -> None: ...

class PublishJSONRequest(_message.Message):
    __slots__ = ["data", "qos", "retained", "session_id", "topic"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    data: _struct_pb2.Struct
    qos: int
    retained: bool
    session_id: str
    topic: str
    def __init__(self, session_id: _Optional[str] = ..., topic: _Optional[str] = ..., data: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., qos: _Optional[int] = ..., retained: bool = ...) -> None: ...

class PublishJSONResponse(_message.Message):
    __slots__ = ["message_id", "published_at"]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., published_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PublishMessage(_message.Message):
    __slots__ = ["payload", "qos", "retained", "topic"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    qos: int
    retained: bool
    topic: str
    def __init__(self, topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ..., retained: bool = ...) -> None: ...

class PublishRequest(_message.Message):
    __slots__ = ["payload", "qos", "retained", "session_id", "topic"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    RETAINED_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    qos: int
    retained: bool
    session_id: str
    topic: str
    def __init__(self, session_id: _Optional[str] = ..., topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ..., retained: bool = ...) -> None: ...

class PublishResponse(_message.Message):
    __slots__ = ["message_id", "published_at"]
    MESSAGE_ID_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    message_id: str
    published_at: _timestamp_pb2.Timestamp
    def __init__(self, message_id: _Optional[str] = ..., published_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PublishStreamRequest(_message.Message):
    __slots__ = ["messages", "session_id"]
    MESSAGES_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    messages: _containers.RepeatedCompositeFieldContainer[PublishMessage]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ..., messages: _Optional[_Iterable[_Union[PublishMessage, _Mapping]]] = ...) -> None: ...

class PublishStreamResponse(_message.Message):
    __slots__ = ["published_count"]
    PUBLISHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    published_count: int
    def __init__(self, published_count: _Optional[int] = ...) -> None: ...

class RegisterDeviceRequest(_message.Message):
    __slots__ = ["device_id", "device_name", "device_type", "metadata"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    DEVICE_NAME_FIELD_NUMBER: _ClassVar[int]
    DEVICE_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    device_id: str
    device_name: str
    device_type: str
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, device_id: _Optional[str] = ..., device_name: _Optional[str] = ..., device_type: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class RegisterDeviceResponse(_message.Message):
    __slots__ = ["device"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: DeviceInfo
    def __init__(self, device: _Optional[_Union[DeviceInfo, _Mapping]] = ...) -> None: ...

class RetainedMessage(_message.Message):
    __slots__ = ["payload", "qos", "stored_at", "topic"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    STORED_AT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    qos: int
    stored_at: _timestamp_pb2.Timestamp
    topic: str
    def __init__(self, topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ..., stored_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SessionInfo(_message.Message):
    __slots__ = ["bytes_received", "bytes_sent", "clean_session", "client_id", "connected", "connected_at", "has_will", "keep_alive_seconds", "last_activity_at", "messages_received", "messages_sent", "reconnects", "session_id", "subscriptions"]
    BYTES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    BYTES_SENT_FIELD_NUMBER: _ClassVar[int]
    CLEAN_SESSION_FIELD_NUMBER: _ClassVar[int]
    CLIENT_ID_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_AT_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_FIELD_NUMBER: _ClassVar[int]
    HAS_WILL_FIELD_NUMBER: _ClassVar[int]
    KEEP_ALIVE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LAST_ACTIVITY_AT_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    MESSAGES_SENT_FIELD_NUMBER: _ClassVar[int]
    RECONNECTS_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    bytes_received: int
    bytes_sent: int
    clean_session: bool
    client_id: str
    connected: bool
    connected_at: _timestamp_pb2.Timestamp
    has_will: bool
    keep_alive_seconds: int
    last_activity_at: _timestamp_pb2.Timestamp
    messages_received: int
    messages_sent: int
    reconnects: int
    session_id: str
    subscriptions: int
    def __init__(self, session_id: _Optional[str] = ..., client_id: _Optional[str] = ..., connected: bool = ..., connected_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_activity_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., clean_session: bool = ..., keep_alive_seconds: _Optional[int] = ..., messages_sent: _Optional[int] = ..., messages_received: _Optional[int] = ..., bytes_sent: _Optional[int] = ..., bytes_received: _Optional[int] = ..., subscriptions: _Optional[int] = ..., reconnects: _Optional[int] = ..., has_will: bool = ...) -> None: ...

class SetRetainedMessageRequest(_message.Message):
    __slots__ = ["payload", "qos", "topic"]
    PAYLOAD_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    payload: bytes
    qos: int
    topic: str
    def __init__(self, topic: _Optional[str] = ..., payload: _Optional[bytes] = ..., qos: _Optional[int] = ...) -> None: ...

class SetRetainedMessageResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ["overflow", "session_id", "subscriptions"]
    OVERFLOW_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTIONS_FIELD_NUMBER: _ClassVar[int]
    overflow: OverflowPolicy
    session_id: str
    subscriptions: _containers.RepeatedCompositeFieldContainer[TopicSubscription]
    def __init__(self, session_id: _Optional[str] = ..., subscriptions: _Optional[_Iterable[_Union[TopicSubscription, _Mapping]]] = ..., overflow: _Optional[_Union[OverflowPolicy, str]] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ["message", "started"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    message: MQTTMessage
    started: SubscriptionStarted
    def __init__(self, started: _Optional[_Union[SubscriptionStarted, _Mapping]] = ..., message: _Optional[_Union[MQTTMessage, _Mapping]] = ...) -> None: ...

class SubscriptionInfo(_message.Message):
    __slots__ = ["active_streams", "qos", "session_id", "topic_filter"]
    ACTIVE_STREAMS_FIELD_NUMBER: _ClassVar[int]
    QOS_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FILTER_FIELD_NUMBER: _ClassVar[int]
    active_streams: int
    qos: int
    session_id: str
    topic_filter: str
    def __init__(self, topic_filter: _Optional[str] = ..., qos: _Optional[int] = ..., session_id: _Optional[str] = ..., active_streams: _Optional[int] = ...) -> None: ...

class SubscriptionStarted(_message.Message):
    __slots__ = ["granted_qos", "subscription_id"]
    GRANTED_QOS_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    granted_qos: _containers.RepeatedScalarFieldContainer[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ..., granted_qos: _Optional[_Iterable[int]] = ...) -> None: ...

class TimeSeriesPoint(_message.Message):
    __slots__ = ["timestamp", "value"]
    TIMESTAMP_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    timestamp: _timestamp_pb2.Timestamp
    value: float
    def __init__(self, timestamp: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., value: _Optional[float] = ...) -> None: ...

class TopicInfo(_message.Message):
    __slots__ = ["bytes", "has_retained_message", "last_message_time", "message_count", "subscriber_count", "topic"]
    BYTES_FIELD_NUMBER: _ClassVar[int]
    HAS_RETAINED_MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LAST_MESSAGE_TIME_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    bytes: int
    has_retained_message: bool
    last_message_time: _timestamp_pb2.Timestamp
    message_count: int
    subscriber_count: int
    topic: str
    def __init__(self, topic: _Optional[str] = ..., subscriber_count: _Optional[int] = ..., message_count: _Optional[int] = ..., bytes: _Optional[int] = ..., last_message_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., has_retained_message: bool = ...) -> None: ...

class TopicSubscription(_message.Message):
    __slots__ = ["qos", "topic_filter"]
    QOS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FILTER_FIELD_NUMBER: _ClassVar[int]
    qos: int
    topic_filter: str
    def __init__(self, topic_filter: _Optional[str] = ..., qos: _Optional[int] = ...) -> None: ...

class UnregisterDeviceRequest(_message.Message):
    __slots__ = ["device_id"]
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    device_id: str
    def __init__(self, device_id: _Optional[str] = ...) -> None: ...

class UnregisterDeviceResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class UnsubscribeRequest(_message.Message):
    __slots__ = ["session_id", "topic_filters"]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FILTERS_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    topic_filters: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, session_id: _Optional[str] = ..., topic_filters: _Optional[_Iterable[str]] = ...) -> None: ...

class UnsubscribeResponse(_message.Message):
    __slots__ = ["unsubscribed_count"]
    UNSUBSCRIBED_COUNT_FIELD_NUMBER: _ClassVar[int]
    unsubscribed_count: int
    def __init__(self, unsubscribed_count: _Optional[int] = ...) -> None: ...

class UpdateDeviceStatusRequest(_message.Message):
    __slots__ = ["device_id", "metadata", "status"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DEVICE_ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    device_id: str
    metadata: _containers.ScalarMap[str, str]
    status: DeviceStatus
    def __init__(self, device_id: _Optional[str] = ..., status: _Optional[_Union[DeviceStatus, str]] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class UpdateDeviceStatusResponse(_message.Message):
    __slots__ = ["device"]
    DEVICE_FIELD_NUMBER: _ClassVar[int]
    device: DeviceInfo
    def __init__(self, device: _Optional[_Union[DeviceInfo, _Mapping]] = ...) -> None: ...

class ValidateTopicRequest(_message.Message):
    __slots__ = ["allow_wildcards", "topic"]
    ALLOW_WILDCARDS_FIELD_NUMBER: _ClassVar[int]
    TOPIC_FIELD_NUMBER: _ClassVar[int]
    allow_wildcards: bool
    topic: str
    def __init__(self, topic: _Optional[str] = ..., allow_wildcards: bool = ...) -> None: ...

class ValidateTopicResponse(_message.Message):
    __slots__ = ["broker_topic", "message", "valid", "violations"]
    BROKER_TOPIC_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    VALID_FIELD_NUMBER: _ClassVar[int]
    VIOLATIONS_FIELD_NUMBER: _ClassVar[int]
    broker_topic: str
    message: str
    valid: bool
    violations: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, valid: bool = ..., message: _Optional[str] = ..., violations: _Optional[_Iterable[str]] = ..., broker_topic: _Optional[str] = ...) -> None: ...

class OverflowPolicy(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class DeviceStatus(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
