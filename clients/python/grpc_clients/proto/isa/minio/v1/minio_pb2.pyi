from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
METADATA_DIRECTIVE_COPY: MetadataDirective
METADATA_DIRECTIVE_REPLACE: MetadataDirective
METADATA_DIRECTIVE_UNSPECIFIED: MetadataDirective
POLICY_TYPE_CUSTOM: PolicyType
POLICY_TYPE_PRIVATE: PolicyType
POLICY_TYPE_PUBLIC_READ: PolicyType
POLICY_TYPE_PUBLIC_READ_WRITE: PolicyType
POLICY_TYPE_PUBLIC_WRITE: PolicyType
POLICY_TYPE_UNSPECIFIED: PolicyType

class AbortMultipartUploadRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "upload_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    upload_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., upload_id: _Optional[str] = ...) -> None: ...

class AbortMultipartUploadResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class BucketExistsRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class BucketExistsResponse(_message.Message):
    __slots__ = ["exists"]
    EXISTS_FIELD_NUMBER: _ClassVar[int]
    exists: bool
    def __init__(self, exists: bool = ...) -> None: ...

class BucketInfo(_message.Message):
    __slots__ = ["creation_date", "name", "object_count", "organization_id", "owner_id", "region", "size_bytes", "tags", "versioning_enabled"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREATION_DATE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_COUNT_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    VERSIONING_ENABLED_FIELD_NUMBER: _ClassVar[int]
    creation_date: _timestamp_pb2.Timestamp
    name: str
    object_count: int
    organization_id: str
    owner_id: str
    region: str
    size_bytes: int
    tags: _containers.ScalarMap[str, str]
    versioning_enabled: bool
    def __init__(self, name: _Optional[str] = ..., creation_date: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., owner_id: _Optional[str] = ..., organization_id: _Optional[str] = ..., region: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ..., size_bytes: _Optional[int] = ..., object_count: _Optional[int] = ..., versioning_enabled: bool = ...) -> None: ...

class CompleteMultipartUploadRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "parts", "upload_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    parts: _containers.RepeatedCompositeFieldContainer[CompletedPart]
    upload_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., upload_id: _Optional[str] = ..., parts: _Optional[_Iterable[_Union[CompletedPart, _Mapping]]] = ...) -> None: ...

class CompleteMultipartUploadResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: ObjectInfo
    def __init__(self, object: _Optional[_Union[ObjectInfo, _Mapping]] = ...) -> None: ...

class CompletedPart(_message.Message):
    __slots__ = ["etag", "part_number"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    etag: str
    part_number: int
    def __init__(self, part_number: _Optional[int] = ..., etag: _Optional[str] = ...) -> None: ...

class CopyObjectRequest(_message.Message):
    __slots__ = ["content_type", "dest_bucket", "dest_key", "metadata", "metadata_directive", "source_bucket", "source_key", "source_version_id"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DEST_BUCKET_FIELD_NUMBER: _ClassVar[int]
    DEST_KEY_FIELD_NUMBER: _ClassVar[int]
    METADATA_DIRECTIVE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    SOURCE_BUCKET_FIELD_NUMBER: _ClassVar[int]
    SOURCE_KEY_FIELD_NUMBER: _ClassVar[int]
    SOURCE_VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    dest_bucket: str
    dest_key: str
    metadata: _containers.ScalarMap[str, str]
    metadata_directive: MetadataDirective
    source_bucket: str
    source_key: str
    source_version_id: str
    def __init__(self, source_bucket: _Optional[str] = ..., source_key: _Optional[str] = ..., source_version_id: _Optional[str] = ..., dest_bucket: _Optional[str] = ..., dest_key: _Optional[str] = ..., metadata_directive: _Optional[_Union[MetadataDirective, str]] = ..., metadata: _Optional[_Mapping[str, str]] = ..., content_type: _Optional[str] = ...) -> None: ...

class CopyObjectResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: ObjectInfo
    def __init__(self, object: _Optional[_Union[ObjectInfo, _Mapping]] = ...) -> None: ...

class CreateBucketRequest(_message.Message):
    __slots__ = ["bucket_name", "region", "tags"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    REGION_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    region: str
    tags: _containers.ScalarMap[str, str]
    def __init__(self, bucket_name: _Optional[str] = ..., region: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class CreateBucketResponse(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: BucketInfo
    def __init__(self, bucket: _Optional[_Union[BucketInfo, _Mapping]] = ...) -> None: ...

class DeleteBucketLifecycleRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class DeleteBucketLifecycleResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteBucketPolicyRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class DeleteBucketPolicyResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteBucketRequest(_message.Message):
    __slots__ = ["bucket_name", "force"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    force: bool
    def __init__(self, bucket_name: _Optional[str] = ..., force: bool = ...) -> None: ...

class DeleteBucketResponse(_message.Message):
    __slots__ = ["deleted_objects"]
    DELETED_OBJECTS_FIELD_NUMBER: _ClassVar[int]
    deleted_objects: int
    def __init__(self, deleted_objects: _Optional[int] = ...) -> None: ...

class DeleteBucketTagsRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class DeleteBucketTagsResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteError(_message.Message):
    __slots__ = ["code", "key", "message", "version_id"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    code: str
    key: str
    message: str
    version_id: str
    def __init__(self, key: _Optional[str] = ..., version_id: _Optional[str] = ..., code: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class DeleteObjectRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., version_id: _Optional[str] = ...) -> None: ...

class DeleteObjectResponse(_message.Message):
    __slots__ = ["delete_marker", "version_id"]
    DELETE_MARKER_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    delete_marker: bool
    version_id: str
    def __init__(self, version_id: _Optional[str] = ..., delete_marker: bool = ...) -> None: ...

class DeleteObjectTagsRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., version_id: _Optional[str] = ...) -> None: ...

class DeleteObjectTagsResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteObjectsRequest(_message.Message):
    __slots__ = ["bucket_name", "objects", "quiet"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_FIELD_NUMBER: _ClassVar[int]
    QUIET_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    objects: _containers.RepeatedCompositeFieldContainer[ObjectIdentifier]
    quiet: bool
    def __init__(self, bucket_name: _Optional[str] = ..., objects: _Optional[_Iterable[_Union[ObjectIdentifier, _Mapping]]] = ..., quiet: bool = ...) -> None: ...

class DeleteObjectsResponse(_message.Message):
    __slots__ = ["deleted", "errors"]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    deleted: _containers.RepeatedCompositeFieldContainer[ObjectIdentifier]
    errors: _containers.RepeatedCompositeFieldContainer[DeleteError]
    def __init__(self, deleted: _Optional[_Iterable[_Union[ObjectIdentifier, _Mapping]]] = ..., errors: _Optional[_Iterable[_Union[DeleteError, _Mapping]]] = ...) -> None: ...

class GetBucketInfoRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class GetBucketInfoResponse(_message.Message):
    __slots__ = ["bucket"]
    BUCKET_FIELD_NUMBER: _ClassVar[int]
    bucket: BucketInfo
    def __init__(self, bucket: _Optional[_Union[BucketInfo, _Mapping]] = ...) -> None: ...

class GetBucketLifecycleRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class GetBucketLifecycleResponse(_message.Message):
    __slots__ = ["rules"]
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[LifecycleRule]
    def __init__(self, rules: _Optional[_Iterable[_Union[LifecycleRule, _Mapping]]] = ...) -> None: ...

class GetBucketPolicyRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class GetBucketPolicyResponse(_message.Message):
    __slots__ = ["policy_json", "policy_type"]
    POLICY_JSON_FIELD_NUMBER: _ClassVar[int]
    POLICY_TYPE_FIELD_NUMBER: _ClassVar[int]
    policy_json: str
    policy_type: PolicyType
    def __init__(self, policy_type: _Optional[_Union[PolicyType, str]] = ..., policy_json: _Optional[str] = ...) -> None: ...

class GetBucketTagsRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class GetBucketTagsResponse(_message.Message):
    __slots__ = ["tags"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TAGS_FIELD_NUMBER: _ClassVar[int]
    tags: _containers.ScalarMap[str, str]
    def __init__(self, tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetBucketVersioningRequest(_message.Message):
    __slots__ = ["bucket_name"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    def __init__(self, bucket_name: _Optional[str] = ...) -> None: ...

class GetBucketVersioningResponse(_message.Message):
    __slots__ = ["enabled", "status"]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    enabled: bool
    status: str
    def __init__(self, enabled: bool = ..., status: _Optional[str] = ...) -> None: ...

class GetObjectRequest(_message.Message):
    __slots__ = ["bucket_name", "length", "object_key", "offset", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    LENGTH_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    length: int
    object_key: str
    offset: int
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., offset: _Optional[int] = ..., length: _Optional[int] = ..., version_id: _Optional[str] = ...) -> None: ...

class GetObjectResponse(_message.Message):
    __slots__ = ["chunk", "info"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    INFO_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    info: ObjectInfo
    def __init__(self, info: _Optional[_Union[ObjectInfo, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class GetObjectTagsRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., version_id: _Optional[str] = ...) -> None: ...

class GetObjectTagsResponse(_message.Message):
    __slots__ = ["tags"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    TAGS_FIELD_NUMBER: _ClassVar[int]
    tags: _containers.ScalarMap[str, str]
    def __init__(self, tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class GetPresignedPutURLRequest(_message.Message):
    __slots__ = ["bucket_name", "content_type", "expiry_seconds", "object_key"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    content_type: str
    expiry_seconds: int
    object_key: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., expiry_seconds: _Optional[int] = ..., content_type: _Optional[str] = ...) -> None: ...

class GetPresignedPutURLResponse(_message.Message):
    __slots__ = ["expires_at", "url"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    url: str
    def __init__(self, url: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetPresignedURLRequest(_message.Message):
    __slots__ = ["bucket_name", "expiry_seconds", "object_key", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPIRY_SECONDS_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    expiry_seconds: int
    object_key: str
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., expiry_seconds: _Optional[int] = ..., version_id: _Optional[str] = ...) -> None: ...

class GetPresignedURLResponse(_message.Message):
    __slots__ = ["expires_at", "url"]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    expires_at: _timestamp_pb2.Timestamp
    url: str
    def __init__(self, url: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class GetPublicURLRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ...) -> None: ...

class GetPublicURLResponse(_message.Message):
    __slots__ = ["url"]
    URL_FIELD_NUMBER: _ClassVar[int]
    url: str
    def __init__(self, url: _Optional[str] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["detailed"]
    DETAILED_FIELD_NUMBER: _ClassVar[int]
    detailed: bool
    def __init__(self, detailed: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["backend", "checked_at", "details", "healthy", "message", "status"]
    class DetailsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BACKEND_FIELD_NUMBER: _ClassVar[int]
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    backend: str
    checked_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, str]
    healthy: bool
    message: str
    status: str
    def __init__(self, healthy: bool = ..., status: _Optional[str] = ..., backend: _Optional[str] = ..., message: _Optional[str] = ..., details: _Optional[_Mapping[str, str]] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class InitiateMultipartUploadRequest(_message.Message):
    __slots__ = ["bucket_name", "content_type", "metadata", "object_key"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    content_type: str
    metadata: _containers.ScalarMap[str, str]
    object_key: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., content_type: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ...) -> None: ...

class InitiateMultipartUploadResponse(_message.Message):
    __slots__ = ["upload_id"]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    upload_id: str
    def __init__(self, upload_id: _Optional[str] = ...) -> None: ...

class LifecycleRule(_message.Message):
    __slots__ = ["abort_incomplete_multipart_upload_days", "enabled", "expiration_days", "id", "noncurrent_version_expiration_days", "prefix"]
    ABORT_INCOMPLETE_MULTIPART_UPLOAD_DAYS_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    EXPIRATION_DAYS_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    NONCURRENT_VERSION_EXPIRATION_DAYS_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    abort_incomplete_multipart_upload_days: int
    enabled: bool
    expiration_days: int
    id: str
    noncurrent_version_expiration_days: int
    prefix: str
    def __init__(self, id: _Optional[str] = ..., enabled: bool = ..., prefix: _Optional[str] = ..., expiration_days: _Optional[int] = ..., noncurrent_version_expiration_days: _Optional[int] = ..., abort_incomplete_multipart_upload_days: _Optional[int] = ...) -> None: ...

class ListBucketsRequest(_message.Message):
    __slots__ = ["prefix"]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    prefix: str
    def __init__(self, prefix: _Optional[str] = ...) -> None: ...

class ListBucketsResponse(_message.Message):
    __slots__ = ["buckets"]
    BUCKETS_FIELD_NUMBER: _ClassVar[int]
    buckets: _containers.RepeatedCompositeFieldContainer[BucketInfo]
    def __init__(self, buckets: _Optional[_Iterable[_Union[BucketInfo, _Mapping]]] = ...) -> None: ...

class ListMultipartUploadsRequest(_message.Message):
    __slots__ = ["bucket_name", "prefix"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    prefix: str
    def __init__(self, bucket_name: _Optional[str] = ..., prefix: _Optional[str] = ...) -> None: ...

class ListMultipartUploadsResponse(_message.Message):
    __slots__ = ["uploads"]
    UPLOADS_FIELD_NUMBER: _ClassVar[int]
    uploads: _containers.RepeatedCompositeFieldContainer[MultipartUpload]
    def __init__(self, uploads: _Optional[_Iterable[_Union[MultipartUpload, _Mapping]]] = ...) -> None: ...

class ListObjectVersionsRequest(_message.Message):
    __slots__ = ["bucket_name", "key_marker", "max_keys", "prefix", "version_id_marker"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    KEY_MARKER_FIELD_NUMBER: _ClassVar[int]
    MAX_KEYS_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_MARKER_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    key_marker: str
    max_keys: int
    prefix: str
    version_id_marker: str
    def __init__(self, bucket_name: _Optional[str] = ..., prefix: _Optional[str] = ..., max_keys: _Optional[int] = ..., key_marker: _Optional[str] = ..., version_id_marker: _Optional[str] = ...) -> None: ...

class ListObjectVersionsResponse(_message.Message):
    __slots__ = ["is_truncated", "next_key_marker", "next_version_id_marker", "versions"]
    IS_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    NEXT_KEY_MARKER_FIELD_NUMBER: _ClassVar[int]
    NEXT_VERSION_ID_MARKER_FIELD_NUMBER: _ClassVar[int]
    VERSIONS_FIELD_NUMBER: _ClassVar[int]
    is_truncated: bool
    next_key_marker: str
    next_version_id_marker: str
    versions: _containers.RepeatedCompositeFieldContainer[ObjectInfo]
    def __init__(self, versions: _Optional[_Iterable[_Union[ObjectInfo, _Mapping]]] = ..., is_truncated: bool = ..., next_key_marker: _Optional[str] = ..., next_version_id_marker: _Optional[str] = ...) -> None: ...

class ListObjectsRequest(_message.Message):
    __slots__ = ["bucket_name", "continuation_token", "delimiter", "max_keys", "prefix", "start_after"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTINUATION_TOKEN_FIELD_NUMBER: _ClassVar[int]
    DELIMITER_FIELD_NUMBER: _ClassVar[int]
    MAX_KEYS_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    START_AFTER_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    continuation_token: str
    delimiter: str
    max_keys: int
    prefix: str
    start_after: str
    def __init__(self, bucket_name: _Optional[str] = ..., prefix: _Optional[str] = ..., delimiter: _Optional[str] = ..., max_keys: _Optional[int] = ..., start_after: _Optional[str] = ..., continuation_token: _Optional[str] = ...) -> None: ...

class ListObjectsResponse(_message.Message):
    __slots__ = ["common_prefixes", "is_truncated", "next_continuation_token", "objects"]
    COMMON_PREFIXES_FIELD_NUMBER: _ClassVar[int]
    IS_TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    NEXT_CONTINUATION_TOKEN_FIELD_NUMBER: _ClassVar[int]
    OBJECTS_FIELD_NUMBER: _ClassVar[int]
    common_prefixes: _containers.RepeatedScalarFieldContainer[str]
    is_truncated: bool
    next_continuation_token: str
    objects: _containers.RepeatedCompositeFieldContainer[ObjectInfo]
    def __init__(self, objects: _Optional[_Iterable[_Union[ObjectInfo, _Mapping]]] = ..., common_prefixes: _Optional[_Iterable[str]] = ..., is_truncated: bool = ..., next_continuation_token: _Optional[str] = ...) -> None: ...

class ListPartsRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "upload_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    upload_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., upload_id: _Optional[str] = ...) -> None: ...

class ListPartsResponse(_message.Message):
    __slots__ = ["parts"]
    PARTS_FIELD_NUMBER: _ClassVar[int]
    parts: _containers.RepeatedCompositeFieldContainer[Part]
    def __init__(self, parts: _Optional[_Iterable[_Union[Part, _Mapping]]] = ...) -> None: ...

class MultipartUpload(_message.Message):
    __slots__ = ["initiated", "object_key", "upload_id"]
    INITIATED_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    initiated: _timestamp_pb2.Timestamp
    object_key: str
    upload_id: str
    def __init__(self, object_key: _Optional[str] = ..., upload_id: _Optional[str] = ..., initiated: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ObjectIdentifier(_message.Message):
    __slots__ = ["key", "version_id"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    key: str
    version_id: str
    def __init__(self, key: _Optional[str] = ..., version_id: _Optional[str] = ...) -> None: ...

class ObjectInfo(_message.Message):
    __slots__ = ["content_type", "delete_marker", "etag", "is_latest", "key", "last_modified", "metadata", "size", "storage_class", "version_id"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    DELETE_MARKER_FIELD_NUMBER: _ClassVar[int]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    IS_LATEST_FIELD_NUMBER: _ClassVar[int]
    KEY_FIELD_NUMBER: _ClassVar[int]
    LAST_MODIFIED_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    STORAGE_CLASS_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    content_type: str
    delete_marker: bool
    etag: str
    is_latest: bool
    key: str
    last_modified: _timestamp_pb2.Timestamp
    metadata: _containers.ScalarMap[str, str]
    size: int
    storage_class: str
    version_id: str
    def __init__(self, key: _Optional[str] = ..., size: _Optional[int] = ..., etag: _Optional[str] = ..., content_type: _Optional[str] = ..., last_modified: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., metadata: _Optional[_Mapping[str, str]] = ..., version_id: _Optional[str] = ..., is_latest: bool = ..., delete_marker: bool = ..., storage_class: _Optional[str] = ...) -> None: ...

class Part(_message.Message):
    __slots__ = ["etag", "last_modified", "part_number", "size"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    LAST_MODIFIED_FIELD_NUMBER: _ClassVar[int]
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    etag: str
    last_modified: _timestamp_pb2.Timestamp
    part_number: int
    size: int
    def __init__(self, part_number: _Optional[int] = ..., etag: _Optional[str] = ..., size: _Optional[int] = ..., last_modified: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class PutObjectHeader(_message.Message):
    __slots__ = ["bucket_name", "content_length", "content_type", "metadata", "object_key", "tags"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    CONTENT_LENGTH_FIELD_NUMBER: _ClassVar[int]
    CONTENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    content_length: int
    content_type: str
    metadata: _containers.ScalarMap[str, str]
    object_key: str
    tags: _containers.ScalarMap[str, str]
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., content_type: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., tags: _Optional[_Mapping[str, str]] = ..., content_length: _Optional[int] = ...) -> None: ...

class PutObjectRequest(_message.Message):
    __slots__ = ["chunk", "header"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    header: PutObjectHeader
    def __init__(self, header: _Optional[_Union[PutObjectHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class PutObjectResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: ObjectInfo
    def __init__(self, object: _Optional[_Union[ObjectInfo, _Mapping]] = ...) -> None: ...

class SetBucketLifecycleRequest(_message.Message):
    __slots__ = ["bucket_name", "rules"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    rules: _containers.RepeatedCompositeFieldContainer[LifecycleRule]
    def __init__(self, bucket_name: _Optional[str] = ..., rules: _Optional[_Iterable[_Union[LifecycleRule, _Mapping]]] = ...) -> None: ...

class SetBucketLifecycleResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SetBucketPolicyRequest(_message.Message):
    __slots__ = ["bucket_name", "custom_policy", "policy_type"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    CUSTOM_POLICY_FIELD_NUMBER: _ClassVar[int]
    POLICY_TYPE_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    custom_policy: str
    policy_type: PolicyType
    def __init__(self, bucket_name: _Optional[str] = ..., policy_type: _Optional[_Union[PolicyType, str]] = ..., custom_policy: _Optional[str] = ...) -> None: ...

class SetBucketPolicyResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SetBucketTagsRequest(_message.Message):
    __slots__ = ["bucket_name", "tags"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    tags: _containers.ScalarMap[str, str]
    def __init__(self, bucket_name: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SetBucketTagsResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SetBucketVersioningRequest(_message.Message):
    __slots__ = ["bucket_name", "enabled"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    enabled: bool
    def __init__(self, bucket_name: _Optional[str] = ..., enabled: bool = ...) -> None: ...

class SetBucketVersioningResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class SetObjectTagsRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "tags", "version_id"]
    class TagsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    tags: _containers.ScalarMap[str, str]
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., version_id: _Optional[str] = ..., tags: _Optional[_Mapping[str, str]] = ...) -> None: ...

class SetObjectTagsResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class StatObjectRequest(_message.Message):
    __slots__ = ["bucket_name", "object_key", "version_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    VERSION_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    version_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., version_id: _Optional[str] = ...) -> None: ...

class StatObjectResponse(_message.Message):
    __slots__ = ["object"]
    OBJECT_FIELD_NUMBER: _ClassVar[int]
    object: ObjectInfo
    def __init__(self, object: _Optional[_Union[ObjectInfo, _Mapping]] = ...) -> None: ...

class UploadPartHeader(_message.Message):
    __slots__ = ["bucket_name", "object_key", "part_number", "upload_id"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    UPLOAD_ID_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    object_key: str
    part_number: int
    upload_id: str
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., upload_id: _Optional[str] = ..., part_number: _Optional[int] = ...) -> None: ...

class UploadPartRequest(_message.Message):
    __slots__ = ["chunk", "header"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    header: UploadPartHeader
    def __init__(self, header: _Optional[_Union[UploadPartHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class UploadPartResponse(_message.Message):
    __slots__ = ["etag", "part_number", "size"]
    ETAG_FIELD_NUMBER: _ClassVar[int]
    PART_NUMBER_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    etag: str
    part_number: int
    size: int
    def __init__(self, part_number: _Optional[int] = ..., etag: _Optional[str] = ..., size: _Optional[int] = ...) -> None: ...

class PolicyType(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class MetadataDirective(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
