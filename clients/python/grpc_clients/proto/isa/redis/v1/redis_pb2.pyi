from google.protobuf import duration_pb2 as _duration_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
KEY_TYPE_HASH: KeyType
KEY_TYPE_LIST: KeyType
KEY_TYPE_OTHER: KeyType
KEY_TYPE_SET: KeyType
KEY_TYPE_STREAM: KeyType
KEY_TYPE_STRING: KeyType
KEY_TYPE_UNSPECIFIED: KeyType
KEY_TYPE_ZSET: KeyType
LIST_SIDE_LEFT: ListSide
LIST_SIDE_RIGHT: ListSide
LIST_SIDE_UNSPECIFIED: ListSide
SET_CONDITION_IF_EXISTS: SetCondition
SET_CONDITION_IF_NOT_EXISTS: SetCondition
SET_CONDITION_UNSPECIFIED: SetCondition

class AcquireLockRequest(_message.Message):
    __slots__ = ["lock_key", "ttl", "wait_timeout"]
    LOCK_KEY_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    WAIT_TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    lock_key: str
    ttl: _duration_pb2.Duration
    wait_timeout: _duration_pb2.Duration
    def __init__(self, lock_key: _Optional[str] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., wait_timeout: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class AcquireLockResponse(_message.Message):
    __slots__ = ["acquired", "expires_at", "fencing_token", "lock_id"]
    ACQUIRED_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    FENCING_TOKEN_FIELD_NUMBER: _ClassVar[int]
    LOCK_ID_FIELD_NUMBER: _ClassVar[int]
    acquired: bool
    expires_at: _timestamp_pb2.Timestamp
    fencing_token: int
    lock_id: str
    def __init__(self, acquired: bool = ..., lock_id: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., fencing_token: _Optional[int] = ...) -> None: ...

class AppendRequest(_message.Message):
    __slots__ = ["key", "value"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: str
    value: bytes
    def __init__(self, key: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class AppendResponse(_message.Message):
    __slots__ = ["length"]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    length: int
    def __init__(self, length: _Optional[int] = ...) -> None: ...

class BatchCommand(_message.Message):
    __slots__ = ["append", "decrement", "delete", "delete_multiple", "exists", "expire", "get", "get_multiple", "get_ttl", "h_delete", "h_exists", "h_get", "h_get_all", "h_increment", "h_len", "h_set", "increment", "increment_float", "l_len", "l_pop", "l_push", "l_range", "l_trim", "persist", "publish", "r_pop", "r_push", "rename", "s_add", "s_card", "s_is_member", "s_members", "s_remove", "set", "set_multiple", "z_add", "z_card", "z_increment", "z_range", "z_range_by_score", "z_remove", "z_score"]
    APPEND_FIELD_NUMBER: _ClassVar[int]
    DECREMENT_FIELD_NUMBER: _ClassVar[int]
    DELETE_FIELD_NUMBER: _ClassVar[int]
    DELETE_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_FIELD_NUMBER: _ClassVar[int]
    GET_FIELD_NUMBER: _ClassVar[int]
    GET_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    GET_TTL_FIELD_NUMBER: _ClassVar[int]
    H_DELETE_FIELD_NUMBER: _ClassVar[int]
    H_EXISTS_FIELD_NUMBER: _ClassVar[int]
    H_GET_ALL_FIELD_NUMBER: _ClassVar[int]
    H_GET_FIELD_NUMBER: _ClassVar[int]
    H_INCREMENT_FIELD_NUMBER: _ClassVar[int]
    H_LEN_FIELD_NUMBER: _ClassVar[int]
    H_SET_FIELD_NUMBER: _ClassVar[int]
    INCREMENT_FIELD_NUMBER: _ClassVar[int]
    INCREMENT_FLOAT_FIELD_NUMBER: _ClassVar[int]
    L_LEN_FIELD_NUMBER: _ClassVar[int]
    L_POP_FIELD_NUMBER: _ClassVar[int]
    L_PUSH_FIELD_NUMBER: _ClassVar[int]
    L_RANGE_FIELD_NUMBER: _ClassVar[int]
    L_TRIM_FIELD_NUMBER: _ClassVar[int]
    PERSIST_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_FIELD_NUMBER: _ClassVar[int]
    RENAME_FIELD_NUMBER: _ClassVar[int]
    R_POP_FIELD_NUMBER: _ClassVar[int]
    R_PUSH_FIELD_NUMBER: _ClassVar[int]
    SET_FIELD_NUMBER: _ClassVar[int]
    SET_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    S_ADD_FIELD_NUMBER: _ClassVar[int]
    S_CARD_FIELD_NUMBER: _ClassVar[int]
    S_IS_MEMBER_FIELD_NUMBER: _ClassVar[int]
    S_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    S_REMOVE_FIELD_NUMBER: _ClassVar[int]
    Z_ADD_FIELD_NUMBER: _ClassVar[int]
    Z_CARD_FIELD_NUMBER: _ClassVar[int]
    Z_INCREMENT_FIELD_NUMBER: _ClassVar[int]
    Z_RANGE_BY_SCORE_FIELD_NUMBER: _ClassVar[int]
    Z_RANGE_FIELD_NUMBER: _ClassVar[int]
    Z_REMOVE_FIELD_NUMBER: _ClassVar[int]
    Z_SCORE_FIELD_NUMBER: _ClassVar[int]
    append: AppendRequest
    decrement: DecrementRequest
    delete: DeleteRequest
    delete_multiple: DeleteMultipleRequest
    exists: ExistsRequest
    expire: ExpireRequest
    get: GetRequest
    get_multiple: GetMultipleRequest
    get_ttl: GetTTLRequest
    h_delete: HDeleteRequest
    h_exists: HExistsRequest
    h_get: HGetRequest
    h_get_all: HGetAllRequest
    h_increment: HIncrementRequest
    h_len: HLenRequest
    h_set: HSetRequest
    increment: IncrementRequest
    increment_float: IncrementFloatRequest
    l_len: LLenRequest
    l_pop: LPopRequest
    l_push: LPushRequest
    l_range: LRangeRequest
    l_trim: LTrimRequest
    persist: PersistRequest
    publish: PublishRequest
    r_pop: RPopRequest
    r_push: RPushRequest
    rename: RenameRequest
    s_add: SAddRequest
    s_card: SCardRequest
    s_is_member: SIsMemberRequest
    s_members: SMembersRequest
    s_remove: SRemoveRequest
    set: SetRequest
    set_multiple: SetMultipleRequest
    z_add: ZAddRequest
    z_card: ZCardRequest
    z_increment: ZIncrementRequest
    z_range: ZRangeRequest
    z_range_by_score: ZRangeByScoreRequest
    z_remove: ZRemoveRequest
    z_score: ZScoreRequest
    def __init__(self, set: _Optional[_Union[SetRequest, _Mapping]] = ..., get: _Optional[_Union[GetRequest, _Mapping]] = ..., get_multiple: _Optional[_Union[GetMultipleRequest, _Mapping]] = ..., set_multiple: _Optional[_Union[SetMultipleRequest, _Mapping]] = ..., increment: _Optional[_Union[IncrementRequest, _Mapping]] = ..., decrement: _Optional[_Union[DecrementRequest, _Mapping]] = ..., increment_float: _Optional[_Union[IncrementFloatRequest, _Mapping]] = ..., append: _Optional[_Union[AppendRequest, _Mapping]] = ..., delete: _Optional[_Union[DeleteRequest, _Mapping]] = ..., delete_multiple: _Optional[_Union[DeleteMultipleRequest, _Mapping]] = ..., exists: _Optional[_Union[ExistsRequest, _Mapping]] = ..., expire: _Optional[_Union[ExpireRequest, _Mapping]] = ..., persist: _Optional[_Union[PersistRequest, _Mapping]] = ..., get_ttl: _Optional[_Union[GetTTLRequest, _Mapping]] = ..., rename: _Optional[_Union[RenameRequest, _Mapping]] = ..., h_set: _Optional[_Union[HSetRequest, _Mapping]] = ..., h_get: _Optional[_Union[HGetRequest, _Mapping]] = ..., h_get_all: _Optional[_Union[HGetAllRequest, _Mapping]] = ..., h_delete: _Optional[_Union[HDeleteRequest, _Mapping]] = ..., h_exists: _Optional[_Union[HExistsRequest, _Mapping]] = ..., h_increment: _Optional[_Union[HIncrementRequest, _Mapping]] = ..., h_len: _Optional[_Union[HLenRequest, _Mapping]] = ..., l_push: _Optional[_Union[LPushRequest, _Mapping]] = ..., r_push: _Optional[_Union[RPushRequest, _Mapping]] = ..., l_pop: _Optional[_Union[LPopRequest, _Mapping]] = ..., r_pop: _Optional[_Union[RPopRequest, _Mapping]] = ..., l_range: _Optional[_Union[LRangeRequest, _Mapping]] = ..., l_len: _Optional[_Union[LLenRequest, _Mapping]] = ..., l_trim: _Optional[_Union[LTrimRequest, _Mapping]] = ..., s_add: _Optional[_Union[SAddRequest, _Mapping]] = ..., s_remove: _Optional[_Union[SRemoveRequest, _Mapping]] = ..., s_members: _Optional[_Union[SMembersRequest, _Mapping]] = ..., s_is_member: _Optional[_Union[SIsMemberRequest, _Mapping]] = ..., s_card: _Optional[_Union[SCardRequest, _Mapping]] = ..., z_add: _Optional[_Union[ZAddRequest, _Mapping]] = ..., z_remove: _Optional[_Union[ZRemoveRequest, _Mapping]] = ..., z_range: _Optional[_Union[ZRangeRequest, _Mapping]] = ..., z_range_by_score: _Optional[_Union[ZRangeByScoreRequest, _Mapping]] = ..., z_score: _Optional[_Union[ZScoreRequest, _Mapping]] = ..., z_increment: _Optional[_Union[ZIncrementRequest, _Mapping]] = ..., z_card: _Optional[_Union[ZCardRequest, _Mapping]] = ..., publish: _Optional[_Union[PublishRequest, _Mapping]] = ...) -> None: ...

class BatchError(_message.Message):
    __slots__ = ["code", "field", "message"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    field: str
    message: str
    def __init__(self, code: _Optional[int] = ..., message: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class BatchResult(_message.Message):
    __slots__ = ["append", "decrement", "delete", "delete_multiple", "error", "exists", "expire", "get", "get_multiple", "get_ttl", "h_delete", "h_exists", "h_get", "h_get_all", "h_increment", "h_len", "h_set", "increment", "increment_float", "l_len", "l_pop", "l_push", "l_range", "l_trim", "persist", "publish", "r_pop", "r_push", "rename", "s_add", "s_card", "s_is_member", "s_members", "s_remove", "set", "set_multiple", "z_add", "z_card", "z_increment", "z_range", "z_range_by_score", "z_remove", "z_score"]
    APPEND_FIELD_NUMBER: _ClassVar[int]
    DECREMENT_FIELD_NUMBER: _ClassVar[int]
    DELETE_FIELD_NUMBER: _ClassVar[int]
    DELETE_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    EXPIRE_FIELD_NUMBER: _ClassVar[int]
    GET_FIELD_NUMBER: _ClassVar[int]
    GET_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    GET_TTL_FIELD_NUMBER: _ClassVar[int]
    H_DELETE_FIELD_NUMBER: _ClassVar[int]
    H_EXISTS_FIELD_NUMBER: _ClassVar[int]
    H_GET_ALL_FIELD_NUMBER: _ClassVar[int]
    H_GET_FIELD_NUMBER: _ClassVar[int]
    H_INCREMENT_FIELD_NUMBER: _ClassVar[int]
    H_LEN_FIELD_NUMBER: _ClassVar[int]
    H_SET_FIELD_NUMBER: _ClassVar[int]
    INCREMENT_FIELD_NUMBER: _ClassVar[int]
    INCREMENT_FLOAT_FIELD_NUMBER: _ClassVar[int]
    L_LEN_FIELD_NUMBER: _ClassVar[int]
    L_POP_FIELD_NUMBER: _ClassVar[int]
    L_PUSH_FIELD_NUMBER: _ClassVar[int]
    L_RANGE_FIELD_NUMBER: _ClassVar[int]
    L_TRIM_FIELD_NUMBER: _ClassVar[int]
    PERSIST_FIELD_NUMBER: _ClassVar[int]
    PUBLISH_FIELD_NUMBER: _ClassVar[int]
    RENAME_FIELD_NUMBER: _ClassVar[int]
    R_POP_FIELD_NUMBER: _ClassVar[int]
    R_PUSH_FIELD_NUMBER: _ClassVar[int]
    SET_FIELD_NUMBER: _ClassVar[int]
    SET_MULTIPLE_FIELD_NUMBER: _ClassVar[int]
    S_ADD_FIELD_NUMBER: _ClassVar[int]
    S_CARD_FIELD_NUMBER: _ClassVar[int]
    S_IS_MEMBER_FIELD_NUMBER: _ClassVar[int]
    S_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    S_REMOVE_FIELD_NUMBER: _ClassVar[int]
    Z_ADD_FIELD_NUMBER: _ClassVar[int]
    Z_CARD_FIELD_NUMBER: _ClassVar[int]
    Z_INCREMENT_FIELD_NUMBER: _ClassVar[int]
    Z_RANGE_BY_SCORE_FIELD_NUMBER: _ClassVar[int]
    Z_RANGE_FIELD_NUMBER: _ClassVar[int]
    Z_REMOVE_FIELD_NUMBER: _ClassVar[int]
    Z_SCORE_FIELD_NUMBER: _ClassVar[int]
    append: AppendResponse
    decrement: DecrementResponse
    delete: DeleteResponse
    delete_multiple: DeleteMultipleResponse
    error: BatchError
    exists: ExistsResponse
    expire: ExpireResponse
    get: GetResponse
    get_multiple: GetMultipleResponse
    get_ttl: GetTTLResponse
    h_delete: HDeleteResponse
    h_exists: HExistsResponse
    h_get: HGetResponse
    h_get_all: HGetAllResponse
    h_increment: HIncrementResponse
    h_len: HLenResponse
    h_set: HSetResponse
    increment: IncrementResponse
    increment_float: IncrementFloatResponse
    l_len: LLenResponse
    l_pop: LPopResponse
    l_push: LPushResponse
    l_range: LRangeResponse
    l_trim: LTrimResponse
    persist: PersistResponse
    publish: PublishResponse
    r_pop: RPopResponse
    r_push: RPushResponse
    rename: RenameResponse
    s_add: SAddResponse
    s_card: SCardResponse
    s_is_member: SIsMemberResponse
    s_members: SMembersResponse
    s_remove: SRemoveResponse
    set: SetResponse
    set_multiple: SetMultipleResponse
    z_add: ZAddResponse
    z_card: ZCardResponse
    z_increment: ZIncrementResponse
    z_range: ZRangeResponse
    z_range_by_score: ZRangeByScoreResponse
    z_remove: ZRemoveResponse
    z_score: ZScoreResponse
    def __init__(self, set: _Optional[_Union[SetResponse, _Mapping]] = ..., get: _Optional[_Union[GetResponse, _Mapping]] = ..., get_multiple: _Optional[_Union[GetMultipleResponse, _Mapping]] = ..., set_multiple: _Optional[_Union[SetMultipleResponse, _Mapping]] = ..., increment: _Optional[_Union[IncrementResponse, _Mapping]] = ..., decrement: _Optional[_Union[DecrementResponse, _Mapping]] = ..., increment_float: _Optional[_Union[IncrementFloatResponse, _Mapping]] = ..., append: _Optional[_Union[AppendResponse, _Mapping]] = ..., delete: _Optional[_Union[DeleteResponse, _Mapping]] = ..., delete_multiple: _Optional[_Union[DeleteMultipleResponse, _Mapping]] = ..., exists: _Optional[_Union[ExistsResponse, _Mapping]] = ..., expire: _Optional[_Union[ExpireResponse, _Mapping]] = ..., persist: _Optional[_Union[PersistResponse, _Mapping]] = ..., get_ttl: _Optional[_Union[GetTTLResponse, _Mapping]] = ..., rename: _Optional[_Union[RenameResponse, _Mapping]] = ..., h_set: _Optional[_Union[HSetResponse, _Mapping]] = ..., h_get: _Optional[_Union[HGetResponse, _Mapping]] = ..., h_get_all: _Optional[_Union[HGetAllResponse, _Mapping]] = ..., h_delete: _Optional[_Union[HDeleteResponse, _Mapping]] = ..., h_exists: _Optional[_Union[HExistsResponse, _Mapping]] = ..., h_increment: _Optional[_Union[HIncrementResponse, _Mapping]] = ..., h_len: _Optional[_Union[HLenResponse, _Mapping]] = ..., l_push: _Optional[_Union[LPushResponse, _Mapping]] = ..., r_push: _Optional[_Union[RPushResponse, _Mapping]] = ..., l_pop: _Optional[_Union[LPopResponse, _Mapping]] = ..., r_pop: _Optional[_Union[RPopResponse, _Mapping]] = ..., l_range: _Optional[_Union[LRangeResponse, _Mapping]] = ..., l_len: _Optional[_Union[LLenResponse, _Mapping]] = ..., l_trim: _Optional[_Union[LTrimResponse, _Mapping]] = ..., s_add: _Optional[_Union[SAddResponse, _Mapping]] = ..., s_remove: _Optional[_Union[SRemoveResponse, _Mapping]] = ..., s_members: _Optional[_Union[SMembersResponse, _Mapping]] = ..., s_is_member: _Optional[_Union[SIsMemberResponse, _Mapping]] = ..., s_card: _Optional[_Union[SCardResponse, _Mapping]] = ..., z_add: _Optional[_Union[ZAddResponse, _Mapping]] = ..., z_remove: _Optional[_Union[ZRemoveResponse, _Mapping]] = ..., z_range: _Optional[_Union[ZRangeResponse, _Mapping]] = ..., z_range_by_score: _Optional[_Union[ZRangeByScoreResponse, _Mapping]] = ..., z_score: _Optional[_Union[ZScoreResponse, _Mapping]] = ..., z_increment: _Optional[_Union[ZIncrementResponse, _Mapping]] = ..., z_card: _Optional[_Union[ZCardResponse, _Mapping]] = ..., publish: _Optional[_Union[PublishResponse, _Mapping]] = ..., error: _Optional[_Union[BatchError, _Mapping]] = ...) -> None: ...

class BlockingPopRequest(_message.Message):
    __slots__ = ["keys", "side", "timeout"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    SIDE_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    side: ListSide
    timeout: _duration_pb2.Duration
    def __init__(self, keys: _Optional[_Iterable[str]] = ..., timeout: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., side: _Optional[_Union[ListSide, str]] = ...) -> None: ...

class BlockingPopResponse(_message.Message):
    __slots__ = ["found", "key", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    key: str
    value: bytes
    def __init__(self, found: bool = ..., key: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class CreateSessionRequest(_message.Message):
    __slots__ = ["data", "ttl"]
    class DataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    data: _containers.ScalarMap[str, str]
    ttl: _duration_pb2.Duration
    def __init__(self, data: _Optional[_Mapping[str, str]] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class CreateSessionResponse(_message.Message):
    __slots__ = ["expires_at", "session_id"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    session_id: str
    def __init__(self, session_id: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class DecrementRequest(_message.Message):
    __slots__ = ["delta", "key"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    delta: int
    key: str
    def __init__(self, key: _Optional[str] = ..., delta: _Optional[int] = ...) -> None: ...

class DecrementResponse(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class DeleteMultipleRequest(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class DeleteMultipleResponse(_message.Message):
    __slots__ = ["deleted_count"]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...

class DeleteRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class DeleteResponse(_message.Message):
    __slots__ = ["deleted_count"]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...

class DeleteSessionRequest(_message.Message):
    __slots__ = ["session_id"]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class DeleteSessionResponse(_message.Message):
    __slots__ = ["deleted"]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    deleted: bool
    def __init__(self, deleted: bool = ...) -> None: ...

class ExecuteBatchRequest(_message.Message):
    __slots__ = ["commands", "independent", "transaction"]
    COMMANDS_FIELD_NUMBER: _ClassVar[int]
    INDEPENDENT_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    commands: _containers.RepeatedCompositeFieldContainer[BatchCommand]
    independent: bool
    transaction: bool
    def __init__(self, commands: _Optional[_Iterable[_Union[BatchCommand, _Mapping]]] = ..., transaction: bool = ..., independent: bool = ...) -> None: ...

class ExecuteBatchResponse(_message.Message):
    __slots__ = ["error_count", "results"]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    error_count: int
    results: _containers.RepeatedCompositeFieldContainer[BatchResult]
    def __init__(self, results: _Optional[_Iterable[_Union[BatchResult, _Mapping]]] = ..., error_count: _Optional[int] = ...) -> None: ...

class ExistsRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class ExistsResponse(_message.Message):
    __slots__ = ["exists"]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    exists: bool
    def __init__(self, exists: bool = ...) -> None: ...

class ExpireRequest(_message.Message):
    __slots__ = ["expiration", "key"]
    EXPIRATION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    expiration: _duration_pb2.Duration
    key: str
    def __init__(self, key: _Optional[str] = ..., expiration: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class ExpireResponse(_message.Message):
    __slots__ = ["applied"]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    applied: bool
    def __init__(self, applied: bool = ...) -> None: ...

class GetKeyInfoRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class GetKeyInfoResponse(_message.Message):
    __slots__ = ["encoding", "exists", "idle_seconds", "last_accessed", "length", "size_bytes", "ttl_ms", "ttl_seconds", "type"]
    ENCODING_FIELD_NUMBER: _ClassVar[int]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    IDLE_SECONDS_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESSED_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    TTL_MS_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    encoding: str
    exists: bool
    idle_seconds: int
    last_accessed: _timestamp_pb2.Timestamp
    length: int
    size_bytes: int
    ttl_ms: int
    ttl_seconds: int
    type: KeyType
    def __init__(self, exists: bool = ..., type: _Optional[_Union[KeyType, str]] = ..., ttl_seconds: _Optional[int] = ..., ttl_ms: _Optional[int] = ..., size_bytes: _Optional[int] = ..., length: _Optional[int] = ..., encoding: _Optional[str] = ..., idle_seconds: _Optional[int] = ..., last_accessed: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetMultipleRequest(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class GetMultipleResponse(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[KeyValue]
    def __init__(self, values: _Optional[_Iterable[_Union[KeyValue, _Mapping]]] = ...) -> None: ...

class GetRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class GetResponse(_message.Message):
    __slots__ = ["found", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    value: bytes
    def __init__(self, found: bool = ..., value: _Optional[bytes] = ...) -> None: ...

class GetSessionRequest(_message.Message):
    __slots__ = ["session_id"]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ...) -> None: ...

class GetSessionResponse(_message.Message):
    __slots__ = ["session"]
    SESSION_FIELD_NUMBER: _ClassVar[int]
    session: SessionInfo
    def __init__(self, session: _Optional[_Union[SessionInfo, _Mapping]] = ...) -> None: ...

class GetStatisticsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetStatisticsResponse(_message.Message):
    __slots__ = ["commands_processed", "connected_clients", "connections_received", "hit_rate", "key_type_distribution", "keyspace_hits", "keyspace_misses", "lock_count", "memory_used_bytes", "redis_version", "session_count", "tenant_memory_bytes", "total_keys", "uptime_seconds"]
    class KeyTypeDistributionEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: int
        def __init__(self, key: _Optional[str] = ..., value: _Optional[int] = ...) -> None: ...
    COMMANDS_PROCESSED_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_CLIENTS_FIELD_NUMBER: _ClassVar[int]
    CONNECTIONS_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    HIT_RATE_FIELD_NUMBER: _ClassVar[int]
    KEYSPACE_HITS_FIELD_NUMBER: _ClassVar[int]
    KEYSPACE_MISSES_FIELD_NUMBER: _ClassVar[int]
    KEY_TYPE_DISTRIBUTION_FIELD_NUMBER: _ClassVar[int]
    LOCK_COUNT_FIELD_NUMBER: _ClassVar[int]
    MEMORY_USED_BYTES_FIELD_NUMBER: _ClassVar[int]
    REDIS_VERSION_FIELD_NUMBER: _ClassVar[int]
    SESSION_COUNT_FIELD_NUMBER: _ClassVar[int]
    TENANT_MEMORY_BYTES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_KEYS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    commands_processed: int
    connected_clients: int
    connections_received: int
    hit_rate: float
    key_type_distribution: _containers.ScalarMap[str, int]
    keyspace_hits: int
    keyspace_misses: int
    lock_count: int
    memory_used_bytes: int
    redis_version: str
    session_count: int
    tenant_memory_bytes: int
    total_keys: int
    uptime_seconds: int
    def __init__(self, total_keys: _Optional[int] = ..., key_type_distribution: _Optional[_Mapping[str, int]] = ..., session_count: _Optional[int] = ..., lock_count: _Optional[int] = ..., tenant_memory_bytes: _Optional[int] = ..., memory_used_bytes: _Optional[int] = ..., commands_processed: _Optional[int] = ..., connections_received: _Optional[int] = ..., hit_rate: _Optional[float] = ..., keyspace_hits: _Optional[int] = ..., keyspace_misses: _Optional[int] = ..., connected_clients: _Optional[int] = ..., uptime_seconds: _Optional[int] = ..., redis_version: _Optional[str] = ...) -> None: ...

class GetTTLRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class GetTTLResponse(_message.Message):
    __slots__ = ["ttl_ms", "ttl_seconds"]
    TTL_MS_FIELD_NUMBER: _ClassVar[int]
    TTL_SECONDS_FIELD_NUMBER: _ClassVar[int]
    ttl_ms: int
    ttl_seconds: int
    def __init__(self, ttl_seconds: _Optional[int] = ..., ttl_ms: _Optional[int] = ...) -> None: ...

class HDeleteRequest(_message.Message):
    __slots__ = ["fields", "key"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedScalarFieldContainer[str]
    key: str
    def __init__(self, key: _Optional[str] = ..., fields: _Optional[_Iterable[str]] = ...) -> None: ...

class HDeleteResponse(_message.Message):
    __slots__ = ["deleted_count"]
    DELETED_COUNT_FIELD_NUMBER: _ClassVar[int]
    deleted_count: int
    def __init__(self, deleted_count: _Optional[int] = ...) -> None: ...

class HExistsRequest(_message.Message):
    __slots__ = ["field", "key"]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    field: str
    key: str
    def __init__(self, key: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class HExistsResponse(_message.Message):
    __slots__ = ["exists"]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    exists: bool
    def __init__(self, exists: bool = ...) -> None: ...

class HGetAllRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class HGetAllResponse(_message.Message):
    __slots__ = ["fields"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[HashField]
    def __init__(self, fields: _Optional[_Iterable[_Union[HashField, _Mapping]]] = ...) -> None: ...

class HGetRequest(_message.Message):
    __slots__ = ["field", "key"]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    field: str
    key: str
    def __init__(self, key: _Optional[str] = ..., field: _Optional[str] = ...) -> None: ...

class HGetResponse(_message.Message):
    __slots__ = ["found", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    value: bytes
    def __init__(self, found: bool = ..., value: _Optional[bytes] = ...) -> None: ...

class HIncrementRequest(_message.Message):
    __slots__ = ["delta", "field", "key"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    delta: int
    field: str
    key: str
    def __init__(self, key: _Optional[str] = ..., field: _Optional[str] = ..., delta: _Optional[int] = ...) -> None: ...

class HIncrementResponse(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class HKeysRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class HKeysResponse(_message.Message):
    __slots__ = ["fields"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, fields: _Optional[_Iterable[str]] = ...) -> None: ...

class HLenRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class HLenResponse(_message.Message):
    __slots__ = ["length"]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    length: int
    def __init__(self, length: _Optional[int] = ...) -> None: ...

class HSetRequest(_message.Message):
    __slots__ = ["fields", "key"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[HashField]
    key: str
    def __init__(self, key: _Optional[str] = ..., fields: _Optional[_Iterable[_Union[HashField, _Mapping]]] = ...) -> None: ...

class HSetResponse(_message.Message):
    __slots__ = ["added_count"]
    ADDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    added_count: int
    def __init__(self, added_count: _Optional[int] = ...) -> None: ...

class HValuesRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class HValuesResponse(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, values: _Optional[_Iterable[bytes]] = ...) -> None: ...

class HashField(_message.Message):
    __slots__ = ["field", "value"]
    FIELD_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    field: str
    value: bytes
    def __init__(self, field: _Optional[str] = ..., value: _Optional[bytes] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["deep_check"]
    DEEP_CHECK_FIELD_NUMBER: _ClassVar[int]
    deep_check: bool
    def __init__(self, deep_check: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["backend", "checked_at", "connected_clients", "healthy", "latency_ms", "message", "redis_mode", "redis_status", "redis_version", "status", "uptime_seconds", "used_memory_bytes"]
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    CONNECTED_CLIENTS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    LATENCY_MS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    REDIS_MODE_FIELD_NUMBER: _ClassVar[int]
    REDIS_STATUS_FIELD_NUMBER: _ClassVar[int]
    REDIS_VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    UPTIME_SECONDS_FIELD_NUMBER: _ClassVar[int]
    USED_MEMORY_BYTES_FIELD_NUMBER: _ClassVar[int]
    backend: str
    checked_at: _timestamp_pb2.Timestamp
    connected_clients: int
    healthy: bool
    latency_ms: float
    message: str
    redis_mode: str
    redis_status: str
    redis_version: str
    status: str
    uptime_seconds: int
    used_memory_bytes: int
    def __init__(self, healthy: bool = ..., status: _Optional[str] = ..., redis_status: _Optional[str] = ..., backend: _Optional[str] = ..., message: _Optional[str] = ..., redis_version: _Optional[str] = ..., redis_mode: _Optional[str] = ..., connected_clients: _Optional[int] = ..., used_memory_bytes: _Optional[int] = ..., uptime_seconds: _Optional[int] = ..., latency_ms: _Optional[float] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class IncrementFloatRequest(_message.Message):
    __slots__ = ["delta", "key"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    delta: float
    key: str
    def __init__(self, key: _Optional[str] = ..., delta: _Optional[float] = ...) -> None: ...

class IncrementFloatResponse(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: float
    def __init__(self, value: _Optional[float] = ...) -> None: ...

class IncrementRequest(_message.Message):
    __slots__ = ["delta", "key"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    delta: int
    key: str
    def __init__(self, key: _Optional[str] = ..., delta: _Optional[int] = ...) -> None: ...

class IncrementResponse(_message.Message):
    __slots__ = ["value"]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: int
    def __init__(self, value: _Optional[int] = ...) -> None: ...

class KeyValue(_message.Message):
    __slots__ = ["found", "key", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    key: str
    value: bytes
    def __init__(self, key: _Optional[str] = ..., value: _Optional[bytes] = ..., found: bool = ...) -> None: ...

class LIndexRequest(_message.Message):
    __slots__ = ["index", "key"]
    INDEX_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    index: int
    key: str
    def __init__(self, key: _Optional[str] = ..., index: _Optional[int] = ...) -> None: ...

class LIndexResponse(_message.Message):
    __slots__ = ["found", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    value: bytes
    def __init__(self, found: bool = ..., value: _Optional[bytes] = ...) -> None: ...

class LLenRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class LLenResponse(_message.Message):
    __slots__ = ["length"]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    length: int
    def __init__(self, length: _Optional[int] = ...) -> None: ...

class LPopRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class LPopResponse(_message.Message):
    __slots__ = ["found", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    value: bytes
    def __init__(self, found: bool = ..., value: _Optional[bytes] = ...) -> None: ...

class LPushRequest(_message.Message):
    __slots__ = ["key", "values"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    key: str
    values: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, key: _Optional[str] = ..., values: _Optional[_Iterable[bytes]] = ...) -> None: ...

class LPushResponse(_message.Message):
    __slots__ = ["length"]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    length: int
    def __init__(self, length: _Optional[int] = ...) -> None: ...

class LRangeRequest(_message.Message):
    __slots__ = ["key", "start", "stop"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STOP_FIELD_NUMBER: _ClassVar[int]
    key: str
    start: int
    stop: int
    def __init__(self, key: _Optional[str] = ..., start: _Optional[int] = ..., stop: _Optional[int] = ...) -> None: ...

class LRangeResponse(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, values: _Optional[_Iterable[bytes]] = ...) -> None: ...

class LTrimRequest(_message.Message):
    __slots__ = ["key", "start", "stop"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STOP_FIELD_NUMBER: _ClassVar[int]
    key: str
    start: int
    stop: int
    def __init__(self, key: _Optional[str] = ..., start: _Optional[int] = ..., stop: _Optional[int] = ...) -> None: ...

class LTrimResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListKeysRequest(_message.Message):
    __slots__ = ["limit", "pattern", "type"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    limit: int
    pattern: str
    type: KeyType
    def __init__(self, pattern: _Optional[str] = ..., limit: _Optional[int] = ..., type: _Optional[_Union[KeyType, str]] = ...) -> None: ...

class ListKeysResponse(_message.Message):
    __slots__ = ["keys", "truncated"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    truncated: bool
    def __init__(self, keys: _Optional[_Iterable[str]] = ..., truncated: bool = ...) -> None: ...

class ListSessionsRequest(_message.Message):
    __slots__ = ["count", "cursor"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    count: int
    cursor: str
    def __init__(self, cursor: _Optional[str] = ..., count: _Optional[int] = ...) -> None: ...

class ListSessionsResponse(_message.Message):
    __slots__ = ["next_cursor", "sessions"]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    SESSIONS_FIELD_NUMBER: _ClassVar[int]
    next_cursor: str
    sessions: _containers.RepeatedCompositeFieldContainer[SessionInfo]
    def __init__(self, sessions: _Optional[_Iterable[_Union[SessionInfo, _Mapping]]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class PersistRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class PersistResponse(_message.Message):
    __slots__ = ["applied"]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    applied: bool
    def __init__(self, applied: bool = ...) -> None: ...

class PublishRequest(_message.Message):
    __slots__ = ["channel", "message"]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    channel: str
    message: bytes
    def __init__(self, channel: _Optional[str] = ..., message: _Optional[bytes] = ...) -> None: ...

class PublishResponse(_message.Message):
    __slots__ = ["subscriber_count"]
    SUBSCRIBER_COUNT_FIELD_NUMBER: _ClassVar[int]
    subscriber_count: int
    def __init__(self, subscriber_count: _Optional[int] = ...) -> None: ...

class RPopRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class RPopResponse(_message.Message):
    __slots__ = ["found", "value"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    value: bytes
    def __init__(self, found: bool = ..., value: _Optional[bytes] = ...) -> None: ...

class RPushRequest(_message.Message):
    __slots__ = ["key", "values"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    key: str
    values: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, key: _Optional[str] = ..., values: _Optional[_Iterable[bytes]] = ...) -> None: ...

class RPushResponse(_message.Message):
    __slots__ = ["length"]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    length: int
    def __init__(self, length: _Optional[int] = ...) -> None: ...

class RedisMessage(_message.Message):
    __slots__ = ["channel", "message", "pattern", "received_at", "sequence"]
    CHANNEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    RECEIVED_AT_FIELD_NUMBER: _ClassVar[int]
    SEQUENCE_FIELD_NUMBER: _ClassVar[int]
    channel: str
    message: bytes
    pattern: str
    received_at: _timestamp_pb2.Timestamp
    sequence: int
    def __init__(self, channel: _Optional[str] = ..., pattern: _Optional[str] = ..., message: _Optional[bytes] = ..., received_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., sequence: _Optional[int] = ...) -> None: ...

class ReleaseLockRequest(_message.Message):
    __slots__ = ["lock_id", "lock_key"]
    LOCK_ID_FIELD_NUMBER: _ClassVar[int]
    LOCK_KEY_FIELD_NUMBER: _ClassVar[int]
    lock_id: str
    lock_key: str
    def __init__(self, lock_key: _Optional[str] = ..., lock_id: _Optional[str] = ...) -> None: ...

class ReleaseLockResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class RenameRequest(_message.Message):
    __slots__ = ["new_key", "old_key", "only_if_new_missing"]
    NEW_KEY_FIELD_NUMBER: _ClassVar[int]
    OLD_KEY_FIELD_NUMBER: _ClassVar[int]
    ONLY_IF_NEW_MISSING_FIELD_NUMBER: _ClassVar[int]
    new_key: str
    old_key: str
    only_if_new_missing: bool
    def __init__(self, old_key: _Optional[str] = ..., new_key: _Optional[str] = ..., only_if_new_missing: bool = ...) -> None: ...

class RenameResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class RenewLockRequest(_message.Message):
    __slots__ = ["lock_id", "lock_key", "ttl"]
    LOCK_ID_FIELD_NUMBER: _ClassVar[int]
    LOCK_KEY_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    lock_id: str
    lock_key: str
    ttl: _duration_pb2.Duration
    def __init__(self, lock_key: _Optional[str] = ..., lock_id: _Optional[str] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class RenewLockResponse(_message.Message):
    __slots__ = ["expires_at"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class SAddRequest(_message.Message):
    __slots__ = ["key", "members"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    key: str
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, key: _Optional[str] = ..., members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SAddResponse(_message.Message):
    __slots__ = ["added_count"]
    ADDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    added_count: int
    def __init__(self, added_count: _Optional[int] = ...) -> None: ...

class SCardRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class SCardResponse(_message.Message):
    __slots__ = ["count"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class SDiffRequest(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class SDiffResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SInterRequest(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class SInterResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SIsMemberRequest(_message.Message):
    __slots__ = ["key", "member"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    key: str
    member: bytes
    def __init__(self, key: _Optional[str] = ..., member: _Optional[bytes] = ...) -> None: ...

class SIsMemberResponse(_message.Message):
    __slots__ = ["is_member"]
    IS_MEMBER_FIELD_NUMBER: _ClassVar[int]
    is_member: bool
    def __init__(self, is_member: bool = ...) -> None: ...

class SMembersRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class SMembersResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SRemoveRequest(_message.Message):
    __slots__ = ["key", "members"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    key: str
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, key: _Optional[str] = ..., members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class SRemoveResponse(_message.Message):
    __slots__ = ["removed_count"]
    REMOVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    removed_count: int
    def __init__(self, removed_count: _Optional[int] = ...) -> None: ...

class SUnionRequest(_message.Message):
    __slots__ = ["keys"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, keys: _Optional[_Iterable[str]] = ...) -> None: ...

class SUnionResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class ScanKeysRequest(_message.Message):
    __slots__ = ["count", "cursor", "pattern", "type"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    CURSOR_FIELD_NUMBER: _ClassVar[int]
    PATTERN_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    count: int
    cursor: str
    pattern: str
    type: KeyType
    def __init__(self, pattern: _Optional[str] = ..., cursor: _Optional[str] = ..., count: _Optional[int] = ..., type: _Optional[_Union[KeyType, str]] = ...) -> None: ...

class ScanKeysResponse(_message.Message):
    __slots__ = ["keys", "next_cursor"]
    KEYS_FIELD_NUMBER: _ClassVar[int]
    NEXT_CURSOR_FIELD_NUMBER: _ClassVar[int]
    keys: _containers.RepeatedScalarFieldContainer[str]
    next_cursor: str
    def __init__(self, keys: _Optional[_Iterable[str]] = ..., next_cursor: _Optional[str] = ...) -> None: ...

class SessionInfo(_message.Message):
    __slots__ = ["created_at", "data", "expires_at", "last_accessed", "organization_id", "session_id", "ttl", "user_id"]
    class DataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESSED_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    created_at: _timestamp_pb2.Timestamp
    data: _containers.ScalarMap[str, str]
    expires_at: _timestamp_pb2.Timestamp
    last_accessed: _timestamp_pb2.Timestamp
    organization_id: str
    session_id: str
    ttl: _duration_pb2.Duration
    user_id: str
    def __init__(self, session_id: _Optional[str] = ..., user_id: _Optional[str] = ..., organization_id: _Optional[str] = ..., data: _Optional[_Mapping[str, str]] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_accessed: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SetMultipleRequest(_message.Message):
    __slots__ = ["only_if_none_exist", "values"]
    ONLY_IF_NONE_EXIST_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    only_if_none_exist: bool
    values: _containers.RepeatedCompositeFieldContainer[KeyValue]
    def __init__(self, values: _Optional[_Iterable[_Union[KeyValue, _Mapping]]] = ..., only_if_none_exist: bool = ...) -> None: ...

class SetMultipleResponse(_message.Message):
    __slots__ = ["applied"]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    applied: bool
    def __init__(self, applied: bool = ...) -> None: ...

class SetRequest(_message.Message):
    __slots__ = ["condition", "keep_ttl", "key", "ttl", "value"]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    KEEP_TTL_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    TTL_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    condition: SetCondition
    keep_ttl: bool
    key: str
    ttl: _duration_pb2.Duration
    value: bytes
    def __init__(self, key: _Optional[str] = ..., value: _Optional[bytes] = ..., ttl: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ..., condition: _Optional[_Union[SetCondition, str]] = ..., keep_ttl: bool = ...) -> None: ...

class SetResponse(_message.Message):
    __slots__ = ["applied"]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    applied: bool
    def __init__(self, applied: bool = ...) -> None: ...

class SetWithExpirationRequest(_message.Message):
    __slots__ = ["expiration", "key", "value"]
    EXPIRATION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    expiration: _duration_pb2.Duration
    key: str
    value: bytes
    def __init__(self, key: _Optional[str] = ..., value: _Optional[bytes] = ..., expiration: _Optional[_Union[_duration_pb2.Duration, _Mapping]] = ...) -> None: ...

class SetWithExpirationResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ["channels", "patterns"]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedScalarFieldContainer[str]
    patterns: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, channels: _Optional[_Iterable[str]] = ..., patterns: _Optional[_Iterable[str]] = ...) -> None: ...

class SubscribeResponse(_message.Message):
    __slots__ = ["message", "started"]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STARTED_FIELD_NUMBER: _ClassVar[int]
    message: RedisMessage
    started: SubscriptionStarted
    def __init__(self, started: _Optional[_Union[SubscriptionStarted, _Mapping]] = ..., message: _Optional[_Union[RedisMessage, _Mapping]] = ...) -> None: ...

class SubscriptionStarted(_message.Message):
    __slots__ = ["subscription_id"]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ...) -> None: ...

class UnsubscribeRequest(_message.Message):
    __slots__ = ["channels", "patterns", "subscription_id"]
    CHANNELS_FIELD_NUMBER: _ClassVar[int]
    PATTERNS_FIELD_NUMBER: _ClassVar[int]
    SUBSCRIPTION_ID_FIELD_NUMBER: _ClassVar[int]
    channels: _containers.RepeatedScalarFieldContainer[str]
    patterns: _containers.RepeatedScalarFieldContainer[str]
    subscription_id: str
    def __init__(self, subscription_id: _Optional[str] = ..., channels: _Optional[_Iterable[str]] = ..., patterns: _Optional[_Iterable[str]] = ...) -> None: ...

class UnsubscribeResponse(_message.Message):
    __slots__ = ["ended_count", "removed_count"]
    ENDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    REMOVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    ended_count: int
    removed_count: int
    def __init__(self, removed_count: _Optional[int] = ..., ended_count: _Optional[int] = ...) -> None: ...

class UpdateSessionRequest(_message.Message):
    __slots__ = ["data", "extend_ttl", "remove_keys", "session_id"]
    class DataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATA_FIELD_NUMBER: _ClassVar[int]
    EXTEND_TTL_FIELD_NUMBER: _ClassVar[int]
    REMOVE_KEYS_FIELD_NUMBER: _ClassVar[int]
    SESSION_ID_FIELD_NUMBER: _ClassVar[int]
    data: _containers.ScalarMap[str, str]
    extend_ttl: bool
    remove_keys: _containers.RepeatedScalarFieldContainer[str]
    session_id: str
    def __init__(self, session_id: _Optional[str] = ..., data: _Optional[_Mapping[str, str]] = ..., extend_ttl: bool = ..., remove_keys: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdateSessionResponse(_message.Message):
    __slots__ = ["expires_at"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    def __init__(self, expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ZAddRequest(_message.Message):
    __slots__ = ["condition", "key", "members"]
    CONDITION_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    condition: SetCondition
    key: str
    members: _containers.RepeatedCompositeFieldContainer[ZSetMember]
    def __init__(self, key: _Optional[str] = ..., members: _Optional[_Iterable[_Union[ZSetMember, _Mapping]]] = ..., condition: _Optional[_Union[SetCondition, str]] = ...) -> None: ...

class ZAddResponse(_message.Message):
    __slots__ = ["added_count"]
    ADDED_COUNT_FIELD_NUMBER: _ClassVar[int]
    added_count: int
    def __init__(self, added_count: _Optional[int] = ...) -> None: ...

class ZCardRequest(_message.Message):
    __slots__ = ["key"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    key: str
    def __init__(self, key: _Optional[str] = ...) -> None: ...

class ZCardResponse(_message.Message):
    __slots__ = ["count"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    count: int
    def __init__(self, count: _Optional[int] = ...) -> None: ...

class ZIncrementRequest(_message.Message):
    __slots__ = ["delta", "key", "member"]
    DELTA_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    delta: float
    key: str
    member: bytes
    def __init__(self, key: _Optional[str] = ..., member: _Optional[bytes] = ..., delta: _Optional[float] = ...) -> None: ...

class ZIncrementResponse(_message.Message):
    __slots__ = ["score"]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    score: float
    def __init__(self, score: _Optional[float] = ...) -> None: ...

class ZRangeByScoreRequest(_message.Message):
    __slots__ = ["count", "key", "max_exclusive", "max_score", "min_exclusive", "min_score", "offset", "reverse"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MAX_EXCLUSIVE_FIELD_NUMBER: _ClassVar[int]
    MAX_SCORE_FIELD_NUMBER: _ClassVar[int]
    MIN_EXCLUSIVE_FIELD_NUMBER: _ClassVar[int]
    MIN_SCORE_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    REVERSE_FIELD_NUMBER: _ClassVar[int]
    count: int
    key: str
    max_exclusive: bool
    max_score: float
    min_exclusive: bool
    min_score: float
    offset: int
    reverse: bool
    def __init__(self, key: _Optional[str] = ..., min_score: _Optional[float] = ..., max_score: _Optional[float] = ..., min_exclusive: bool = ..., max_exclusive: bool = ..., offset: _Optional[int] = ..., count: _Optional[int] = ..., reverse: bool = ...) -> None: ...

class ZRangeByScoreResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[ZSetMember]
    def __init__(self, members: _Optional[_Iterable[_Union[ZSetMember, _Mapping]]] = ...) -> None: ...

class ZRangeRequest(_message.Message):
    __slots__ = ["key", "reverse", "start", "stop"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    REVERSE_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STOP_FIELD_NUMBER: _ClassVar[int]
    key: str
    reverse: bool
    start: int
    stop: int
    def __init__(self, key: _Optional[str] = ..., start: _Optional[int] = ..., stop: _Optional[int] = ..., reverse: bool = ...) -> None: ...

class ZRangeResponse(_message.Message):
    __slots__ = ["members"]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    members: _containers.RepeatedCompositeFieldContainer[ZSetMember]
    def __init__(self, members: _Optional[_Iterable[_Union[ZSetMember, _Mapping]]] = ...) -> None: ...

class ZRankRequest(_message.Message):
    __slots__ = ["key", "member", "reverse"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    REVERSE_FIELD_NUMBER: _ClassVar[int]
    key: str
    member: bytes
    reverse: bool
    def __init__(self, key: _Optional[str] = ..., member: _Optional[bytes] = ..., reverse: bool = ...) -> None: ...

class ZRankResponse(_message.Message):
    __slots__ = ["found", "rank"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    RANK_FIELD_NUMBER: _ClassVar[int]
    found: bool
    rank: int
    def __init__(self, found: bool = ..., rank: _Optional[int] = ...) -> None: ...

class ZRemoveRangeByRankRequest(_message.Message):
    __slots__ = ["key", "start", "stop"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    STOP_FIELD_NUMBER: _ClassVar[int]
    key: str
    start: int
    stop: int
    def __init__(self, key: _Optional[str] = ..., start: _Optional[int] = ..., stop: _Optional[int] = ...) -> None: ...

class ZRemoveRangeByRankResponse(_message.Message):
    __slots__ = ["removed_count"]
    REMOVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    removed_count: int
    def __init__(self, removed_count: _Optional[int] = ...) -> None: ...

class ZRemoveRequest(_message.Message):
    __slots__ = ["key", "members"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBERS_FIELD_NUMBER: _ClassVar[int]
    key: str
    members: _containers.RepeatedScalarFieldContainer[bytes]
    def __init__(self, key: _Optional[str] = ..., members: _Optional[_Iterable[bytes]] = ...) -> None: ...

class ZRemoveResponse(_message.Message):
    __slots__ = ["removed_count"]
    REMOVED_COUNT_FIELD_NUMBER: _ClassVar[int]
    removed_count: int
    def __init__(self, removed_count: _Optional[int] = ...) -> None: ...

class ZScoreRequest(_message.Message):
    __slots__ = ["key", "member"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    key: str
    member: bytes
    def __init__(self, key: _Optional[str] = ..., member: _Optional[bytes] = ...) -> None: ...

class ZScoreResponse(_message.Message):
    __slots__ = ["found", "score"]
    FOUND_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    found: bool
    score: float
    def __init__(self, found: bool = ..., score: _Optional[float] = ...) -> None: ...

class ZSetMember(_message.Message):
    __slots__ = ["member", "score"]
    MEMBER_FIELD_NUMBER: _ClassVar[int]
    SCORE_FIELD_NUMBER: _ClassVar[int]
    member: bytes
    score: float
    def __init__(self, member: _Optional[bytes] = ..., score: _Optional[float] = ...) -> None: ...

class SetCondition(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class KeyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ListSide(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
