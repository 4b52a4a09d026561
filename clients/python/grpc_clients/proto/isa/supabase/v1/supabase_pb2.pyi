from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

COUNT_MODE_EXACT: CountMode
COUNT_MODE_UNSPECIFIED: CountMode
DESCRIPTOR: _descriptor.FileDescriptor
DISTANCE_METRIC_COSINE: DistanceMetric
DISTANCE_METRIC_INNER_PRODUCT: DistanceMetric
DISTANCE_METRIC_L2: DistanceMetric
DISTANCE_METRIC_UNSPECIFIED: DistanceMetric

class ApplyMigrationRequest(_message.Message):
    __slots__ = ["name", "sql"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    name: str
    sql: str
    def __init__(self, name: _Optional[str] = ..., sql: _Optional[str] = ...) -> None: ...

class ApplyMigrationResponse(_message.Message):
    __slots__ = ["applied", "managed_tables"]
    APPLIED_FIELD_NUMBER: _ClassVar[int]
    MANAGED_TABLES_FIELD_NUMBER: _ClassVar[int]
    applied: bool
    managed_tables: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, applied: bool = ..., managed_tables: _Optional[_Iterable[str]] = ...) -> None: ...

class BatchInsertError(_message.Message):
    __slots__ = ["code", "message", "row_index"]
    CODE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    ROW_INDEX_FIELD_NUMBER: _ClassVar[int]
    code: str
    message: str
    row_index: int
    def __init__(self, row_index: _Optional[int] = ..., code: _Optional[str] = ..., message: _Optional[str] = ...) -> None: ...

class BatchInsertRequest(_message.Message):
    __slots__ = ["batch_size", "rows", "table"]
    BATCH_SIZE_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    batch_size: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    table: str
    def __init__(self, table: _Optional[str] = ..., rows: _Optional[_Iterable[str]] = ..., batch_size: _Optional[int] = ...) -> None: ...

class BatchInsertResponse(_message.Message):
    __slots__ = ["error_count", "errors", "success_count", "total_count"]
    ERRORS_FIELD_NUMBER: _ClassVar[int]
    ERROR_COUNT_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    error_count: int
    errors: _containers.RepeatedCompositeFieldContainer[BatchInsertError]
    success_count: int
    total_count: int
    def __init__(self, total_count: _Optional[int] = ..., success_count: _Optional[int] = ..., error_count: _Optional[int] = ..., errors: _Optional[_Iterable[_Union[BatchInsertError, _Mapping]]] = ...) -> None: ...

class BatchUpsertEmbeddingsRequest(_message.Message):
    __slots__ = ["embeddings", "table"]
    EMBEDDINGS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    embeddings: _containers.RepeatedCompositeFieldContainer[EmbeddingData]
    table: str
    def __init__(self, table: _Optional[str] = ..., embeddings: _Optional[_Iterable[_Union[EmbeddingData, _Mapping]]] = ...) -> None: ...

class BatchUpsertEmbeddingsResponse(_message.Message):
    __slots__ = ["success_count", "total_count"]
    SUCCESS_COUNT_FIELD_NUMBER: _ClassVar[int]
    TOTAL_COUNT_FIELD_NUMBER: _ClassVar[int]
    success_count: int
    total_count: int
    def __init__(self, total_count: _Optional[int] = ..., success_count: _Optional[int] = ...) -> None: ...

class ColumnDefinition(_message.Message):
    __slots__ = ["default_value", "name", "nullable", "type", "unique"]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NULLABLE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    default_value: str
    name: str
    nullable: bool
    type: str
    unique: bool
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., nullable: bool = ..., default_value: _Optional[str] = ..., unique: bool = ...) -> None: ...

class ColumnInfo(_message.Message):
    __slots__ = ["default_value", "name", "nullable", "type", "vector_dimension"]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NULLABLE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    VECTOR_DIMENSION_FIELD_NUMBER: _ClassVar[int]
    default_value: str
    name: str
    nullable: bool
    type: str
    vector_dimension: int
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., nullable: bool = ..., default_value: _Optional[str] = ..., vector_dimension: _Optional[int] = ...) -> None: ...

class CreateEmbeddingTableRequest(_message.Message):
    __slots__ = ["dimension", "index_metric", "table"]
    DIMENSION_FIELD_NUMBER: _ClassVar[int]
    INDEX_METRIC_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    dimension: int
    index_metric: DistanceMetric
    table: str
    def __init__(self, table: _Optional[str] = ..., dimension: _Optional[int] = ..., index_metric: _Optional[_Union[DistanceMetric, str]] = ...) -> None: ...

class CreateEmbeddingTableResponse(_message.Message):
    __slots__ = ["created", "table"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    table: TableInfo
    def __init__(self, table: _Optional[_Union[TableInfo, _Mapping]] = ..., created: bool = ...) -> None: ...

class CreateTableRequest(_message.Message):
    __slots__ = ["columns", "if_not_exists", "primary_key", "table"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    IF_NOT_EXISTS_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEY_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnDefinition]
    if_not_exists: bool
    primary_key: _containers.RepeatedScalarFieldContainer[str]
    table: str
    def __init__(self, table: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[ColumnDefinition, _Mapping]]] = ..., primary_key: _Optional[_Iterable[str]] = ..., if_not_exists: bool = ...) -> None: ...

class CreateTableResponse(_message.Message):
    __slots__ = ["created", "table"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    table: TableInfo
    def __init__(self, table: _Optional[_Union[TableInfo, _Mapping]] = ..., created: bool = ...) -> None: ...

class CreateVectorIndexRequest(_message.Message):
    __slots__ = ["column", "ef_construction", "m", "metric", "table"]
    COLUMN_FIELD_NUMBER: _ClassVar[int]
    EF_CONSTRUCTION_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    M_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    column: str
    ef_construction: int
    m: int
    metric: DistanceMetric
    table: str
    def __init__(self, table: _Optional[str] = ..., column: _Optional[str] = ..., metric: _Optional[_Union[DistanceMetric, str]] = ..., m: _Optional[int] = ..., ef_construction: _Optional[int] = ...) -> None: ...

class CreateVectorIndexResponse(_message.Message):
    __slots__ = ["created", "index_name"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    INDEX_NAME_FIELD_NUMBER: _ClassVar[int]
    created: bool
    index_name: str
    def __init__(self, index_name: _Optional[str] = ..., created: bool = ...) -> None: ...

class DeleteEmbeddingRequest(_message.Message):
    __slots__ = ["id", "table"]
    ID_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    id: str
    table: str
    def __init__(self, table: _Optional[str] = ..., id: _Optional[str] = ...) -> None: ...

class DeleteEmbeddingResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DeleteRequest(_message.Message):
    __slots__ = ["filter", "force", "minimal", "returning", "table"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    MINIMAL_FIELD_NUMBER: _ClassVar[int]
    RETURNING_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    filter: str
    force: bool
    minimal: bool
    returning: str
    table: str
    def __init__(self, table: _Optional[str] = ..., filter: _Optional[str] = ..., force: bool = ..., returning: _Optional[str] = ..., minimal: bool = ...) -> None: ...

class DeleteResponse(_message.Message):
    __slots__ = ["count", "rows"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    count: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ...) -> None: ...

class DescribeTableRequest(_message.Message):
    __slots__ = ["table"]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    table: str
    def __init__(self, table: _Optional[str] = ...) -> None: ...

class DescribeTableResponse(_message.Message):
    __slots__ = ["table"]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    table: TableInfo
    def __init__(self, table: _Optional[_Union[TableInfo, _Mapping]] = ...) -> None: ...

class DropTableRequest(_message.Message):
    __slots__ = ["if_exists", "table"]
    IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    if_exists: bool
    table: str
    def __init__(self, table: _Optional[str] = ..., if_exists: bool = ...) -> None: ...

class DropTableResponse(_message.Message):
    __slots__ = ["dropped"]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    dropped: bool
    def __init__(self, dropped: bool = ...) -> None: ...

class EmbeddingData(_message.Message):
    __slots__ = ["content", "embedding", "id", "metadata"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    content: str
    embedding: _containers.RepeatedScalarFieldContainer[float]
    id: str
    metadata: str
    def __init__(self, id: _Optional[str] = ..., embedding: _Optional[_Iterable[float]] = ..., metadata: _Optional[str] = ..., content: _Optional[str] = ...) -> None: ...

class ExecuteRpcRequest(_message.Message):
    __slots__ = ["function_name", "params"]
    FUNCTION_NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMS_FIELD_NUMBER: _ClassVar[int]
    function_name: str
    params: str
    def __init__(self, function_name: _Optional[str] = ..., params: _Optional[str] = ...) -> None: ...

class ExecuteRpcResponse(_message.Message):
    __slots__ = ["result"]
    RESULT_FIELD_NUMBER: _ClassVar[int]
    result: str
    def __init__(self, result: _Optional[str] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["detailed"]
    DETAILED_FIELD_NUMBER: _ClassVar[int]
    detailed: bool
    def __init__(self, detailed: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["backend", "checked_at", "details", "healthy", "message", "pgvector_enabled", "postgres_version", "status"]
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
    PGVECTOR_ENABLED_FIELD_NUMBER: _ClassVar[int]
    POSTGRES_VERSION_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    backend: str
    checked_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, str]
    healthy: bool
    message: str
    pgvector_enabled: bool
    postgres_version: str
    status: str
    def __init__(self, healthy: bool = ..., status: _Optional[str] = ..., backend: _Optional[str] = ..., message: _Optional[str] = ..., postgres_version: _Optional[str] = ..., pgvector_enabled: bool = ..., details: _Optional[_Mapping[str, str]] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class HybridSearchRequest(_message.Message):
    __slots__ = ["filter", "limit", "table", "text_query", "text_weight", "vector_query", "vector_weight"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    TEXT_QUERY_FIELD_NUMBER: _ClassVar[int]
    TEXT_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    VECTOR_QUERY_FIELD_NUMBER: _ClassVar[int]
    VECTOR_WEIGHT_FIELD_NUMBER: _ClassVar[int]
    filter: str
    limit: int
    table: str
    text_query: str
    text_weight: float
    vector_query: _containers.RepeatedScalarFieldContainer[float]
    vector_weight: float
    def __init__(self, table: _Optional[str] = ..., text_query: _Optional[str] = ..., vector_query: _Optional[_Iterable[float]] = ..., limit: _Optional[int] = ..., text_weight: _Optional[float] = ..., vector_weight: _Optional[float] = ..., filter: _Optional[str] = ...) -> None: ...

class HybridSearchResponse(_message.Message):
    __slots__ = ["results"]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[VectorSearchResult]
    def __init__(self, results: _Optional[_Iterable[_Union[VectorSearchResult, _Mapping]]] = ...) -> None: ...

class InsertRequest(_message.Message):
    __slots__ = ["minimal", "returning", "rows", "table"]
    MINIMAL_FIELD_NUMBER: _ClassVar[int]
    RETURNING_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    minimal: bool
    returning: str
    rows: _containers.RepeatedScalarFieldContainer[str]
    table: str
    def __init__(self, table: _Optional[str] = ..., rows: _Optional[_Iterable[str]] = ..., returning: _Optional[str] = ..., minimal: bool = ...) -> None: ...

class InsertResponse(_message.Message):
    __slots__ = ["count", "rows"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    count: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ...) -> None: ...

class ListMigrationsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListMigrationsResponse(_message.Message):
    __slots__ = ["migrations"]
    MIGRATIONS_FIELD_NUMBER: _ClassVar[int]
    migrations: _containers.RepeatedCompositeFieldContainer[MigrationInfo]
    def __init__(self, migrations: _Optional[_Iterable[_Union[MigrationInfo, _Mapping]]] = ...) -> None: ...

class ListTablesRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class ListTablesResponse(_message.Message):
    __slots__ = ["tables"]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    tables: _containers.RepeatedCompositeFieldContainer[TableInfo]
    def __init__(self, tables: _Optional[_Iterable[_Union[TableInfo, _Mapping]]] = ...) -> None: ...

class MigrationInfo(_message.Message):
    __slots__ = ["applied_at", "checksum", "name"]
    APPLIED_AT_FIELD_NUMBER: _ClassVar[int]
    CHECKSUM_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    applied_at: _timestamp_pb2.Timestamp
    checksum: str
    name: str
    def __init__(self, name: _Optional[str] = ..., checksum: _Optional[str] = ..., applied_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueryRequest(_message.Message):
    __slots__ = ["count", "filter", "limit", "offset", "order", "select", "table"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    ORDER_FIELD_NUMBER: _ClassVar[int]
    SELECT_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    count: CountMode
    filter: str
    limit: int
    offset: int
    order: str
    select: str
    table: str
    def __init__(self, table: _Optional[str] = ..., select: _Optional[str] = ..., filter: _Optional[str] = ..., order: _Optional[str] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., count: _Optional[_Union[CountMode, str]] = ...) -> None: ...

class QueryResponse(_message.Message):
    __slots__ = ["count", "rows"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    count: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ...) -> None: ...

class SimilaritySearchRequest(_message.Message):
    __slots__ = ["filter", "limit", "metric", "query_embedding", "table", "threshold"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    METRIC_FIELD_NUMBER: _ClassVar[int]
    QUERY_EMBEDDING_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    THRESHOLD_FIELD_NUMBER: _ClassVar[int]
    filter: str
    limit: int
    metric: DistanceMetric
    query_embedding: _containers.RepeatedScalarFieldContainer[float]
    table: str
    threshold: float
    def __init__(self, table: _Optional[str] = ..., query_embedding: _Optional[_Iterable[float]] = ..., limit: _Optional[int] = ..., filter: _Optional[str] = ..., metric: _Optional[_Union[DistanceMetric, str]] = ..., threshold: _Optional[float] = ...) -> None: ...

class SimilaritySearchResponse(_message.Message):
    __slots__ = ["results"]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[VectorSearchResult]
    def __init__(self, results: _Optional[_Iterable[_Union[VectorSearchResult, _Mapping]]] = ...) -> None: ...

class TableInfo(_message.Message):
    __slots__ = ["columns", "embedding_table", "indexes", "name", "primary_key", "row_level_security"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_TABLE_FIELD_NUMBER: _ClassVar[int]
    INDEXES_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEY_FIELD_NUMBER: _ClassVar[int]
    ROW_LEVEL_SECURITY_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnInfo]
    embedding_table: bool
    indexes: _containers.RepeatedScalarFieldContainer[str]
    name: str
    primary_key: _containers.RepeatedScalarFieldContainer[str]
    row_level_security: bool
    def __init__(self, name: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[ColumnInfo, _Mapping]]] = ..., primary_key: _Optional[_Iterable[str]] = ..., row_level_security: bool = ..., embedding_table: bool = ..., indexes: _Optional[_Iterable[str]] = ...) -> None: ...

class UpdateRequest(_message.Message):
    __slots__ = ["filter", "force", "minimal", "returning", "table", "values"]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    MINIMAL_FIELD_NUMBER: _ClassVar[int]
    RETURNING_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    filter: str
    force: bool
    minimal: bool
    returning: str
    table: str
    values: str
    def __init__(self, table: _Optional[str] = ..., values: _Optional[str] = ..., filter: _Optional[str] = ..., force: bool = ..., returning: _Optional[str] = ..., minimal: bool = ...) -> None: ...

class UpdateResponse(_message.Message):
    __slots__ = ["count", "rows"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    count: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ...) -> None: ...

class UpsertEmbeddingRequest(_message.Message):
    __slots__ = ["content", "embedding", "id", "metadata", "table"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    EMBEDDING_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    content: str
    embedding: _containers.RepeatedScalarFieldContainer[float]
    id: str
    metadata: str
    table: str
    def __init__(self, table: _Optional[str] = ..., id: _Optional[str] = ..., embedding: _Optional[_Iterable[float]] = ..., metadata: _Optional[str] = ..., content: _Optional[str] = ...) -> None: ...

class UpsertEmbeddingResponse(_message.Message):
    __slots__ = ["id"]
    ID_FIELD_NUMBER: _ClassVar[int]
    id: str
    def __init__(self, id: _Optional[str] = ...) -> None: ...

class UpsertRequest(_message.Message):
    __slots__ = ["ignore_duplicates", "minimal", "on_conflict", "returning", "rows", "table"]
    IGNORE_DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    MINIMAL_FIELD_NUMBER: _ClassVar[int]
    ON_CONFLICT_FIELD_NUMBER: _ClassVar[int]
    RETURNING_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    ignore_duplicates: bool
    minimal: bool
    on_conflict: str
    returning: str
    rows: _containers.RepeatedScalarFieldContainer[str]
    table: str
    def __init__(self, table: _Optional[str] = ..., rows: _Optional[_Iterable[str]] = ..., on_conflict: _Optional[str] = ..., ignore_duplicates: bool = ..., returning: _Optional[str] = ..., minimal: bool = ...) -> None: ...

class UpsertResponse(_message.Message):
    __slots__ = ["count", "rows"]
    COUNT_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    count: int
    rows: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, rows: _Optional[_Iterable[str]] = ..., count: _Optional[int] = ...) -> None: ...

class VectorSearchResult(_message.Message):
    __slots__ = ["content", "distance", "id", "metadata", "similarity", "text_score", "vector_score"]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DISTANCE_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    SIMILARITY_FIELD_NUMBER: _ClassVar[int]
    TEXT_SCORE_FIELD_NUMBER: _ClassVar[int]
    VECTOR_SCORE_FIELD_NUMBER: _ClassVar[int]
    content: str
    distance: float
    id: str
    metadata: str
    similarity: float
    text_score: float
    vector_score: float
    def __init__(self, id: _Optional[str] = ..., similarity: _Optional[float] = ..., distance: _Optional[float] = ..., metadata: _Optional[str] = ..., content: _Optional[str] = ..., text_score: _Optional[float] = ..., vector_score: _Optional[float] = ...) -> None: ...

class CountMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class DistanceMetric(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
