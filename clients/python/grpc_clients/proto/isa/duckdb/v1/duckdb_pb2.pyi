from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf import timestamp_pb2 as _timestamp_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf.internal import enum_type_wrapper as _enum_type_wrapper
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor
FILE_FORMAT_CSV: FileFormat
FILE_FORMAT_JSON: FileFormat
FILE_FORMAT_PARQUET: FileFormat
FILE_FORMAT_UNSPECIFIED: FileFormat
IMPORT_MODE_APPEND: ImportMode
IMPORT_MODE_CREATE: ImportMode
IMPORT_MODE_REPLACE: ImportMode
IMPORT_MODE_UNSPECIFIED: ImportMode
TYPE_ID_ANY: TypeId
TYPE_ID_ARRAY: TypeId
TYPE_ID_BIGINT: TypeId
TYPE_ID_BIGNUM: TypeId
TYPE_ID_BIT: TypeId
TYPE_ID_BLOB: TypeId
TYPE_ID_BOOLEAN: TypeId
TYPE_ID_DATE: TypeId
TYPE_ID_DECIMAL: TypeId
TYPE_ID_DOUBLE: TypeId
TYPE_ID_ENUM: TypeId
TYPE_ID_FLOAT: TypeId
TYPE_ID_GEOMETRY: TypeId
TYPE_ID_HUGEINT: TypeId
TYPE_ID_INTEGER: TypeId
TYPE_ID_INTERVAL: TypeId
TYPE_ID_LIST: TypeId
TYPE_ID_MAP: TypeId
TYPE_ID_SMALLINT: TypeId
TYPE_ID_SQLNULL: TypeId
TYPE_ID_STRUCT: TypeId
TYPE_ID_TIME: TypeId
TYPE_ID_TIMESTAMP: TypeId
TYPE_ID_TIMESTAMP_MS: TypeId
TYPE_ID_TIMESTAMP_NS: TypeId
TYPE_ID_TIMESTAMP_S: TypeId
TYPE_ID_TIMESTAMP_TZ: TypeId
TYPE_ID_TIME_NS: TypeId
TYPE_ID_TIME_TZ: TypeId
TYPE_ID_TINYINT: TypeId
TYPE_ID_UBIGINT: TypeId
TYPE_ID_UHUGEINT: TypeId
TYPE_ID_UINTEGER: TypeId
TYPE_ID_UNION: TypeId
TYPE_ID_UNSPECIFIED: TypeId
TYPE_ID_USMALLINT: TypeId
TYPE_ID_UTINYINT: TypeId
TYPE_ID_UUID: TypeId
TYPE_ID_VARCHAR: TypeId
TYPE_ID_VARIANT: TypeId

class BackupDatabaseRequest(_message.Message):
    __slots__ = ["bucket_name", "database_name", "object_key"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    database_name: str
    object_key: str
    def __init__(self, database_name: _Optional[str] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ...) -> None: ...

class BackupDatabaseResponse(_message.Message):
    __slots__ = ["backup_time", "bucket_name", "object_key", "size_bytes"]
    BACKUP_TIME_FIELD_NUMBER: _ClassVar[int]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    backup_time: _timestamp_pb2.Timestamp
    bucket_name: str
    object_key: str
    size_bytes: int
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., size_bytes: _Optional[int] = ..., backup_time: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class BatchResult(_message.Message):
    __slots__ = ["affected_rows", "error", "error_code", "executed", "success"]
    AFFECTED_ROWS_FIELD_NUMBER: _ClassVar[int]
    ERROR_CODE_FIELD_NUMBER: _ClassVar[int]
    ERROR_FIELD_NUMBER: _ClassVar[int]
    EXECUTED_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    affected_rows: int
    error: str
    error_code: str
    executed: bool
    success: bool
    def __init__(self, success: bool = ..., affected_rows: _Optional[int] = ..., error_code: _Optional[str] = ..., error: _Optional[str] = ..., executed: bool = ...) -> None: ...

class BatchStatement(_message.Message):
    __slots__ = ["parameters", "sql"]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    parameters: Parameters
    sql: str
    def __init__(self, sql: _Optional[str] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ...) -> None: ...

class BoolVector(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class ClosePreparedStatementRequest(_message.Message):
    __slots__ = ["statement_id"]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    statement_id: str
    def __init__(self, statement_id: _Optional[str] = ...) -> None: ...

class ClosePreparedStatementResponse(_message.Message):
    __slots__ = ["closed"]
    CLOSED_FIELD_NUMBER: _ClassVar[int]
    closed: bool
    def __init__(self, closed: bool = ...) -> None: ...

class Column(_message.Message):
    __slots__ = ["name", "type", "type_id"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TYPE_ID_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    type_id: TypeId
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ..., type_id: _Optional[_Union[TypeId, str]] = ...) -> None: ...

class ColumnDefinition(_message.Message):
    __slots__ = ["comment", "data_type", "default_value", "name", "nullable", "primary_key", "unique"]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DATA_TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NULLABLE_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEY_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    comment: str
    data_type: str
    default_value: str
    name: str
    nullable: bool
    primary_key: bool
    unique: bool
    def __init__(self, name: _Optional[str] = ..., data_type: _Optional[str] = ..., nullable: bool = ..., default_value: _Optional[str] = ..., primary_key: bool = ..., unique: bool = ..., comment: _Optional[str] = ...) -> None: ...

class ColumnInfo(_message.Message):
    __slots__ = ["comment", "data_type", "default_value", "name", "nullable", "primary_key", "unique"]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DATA_TYPE_FIELD_NUMBER: _ClassVar[int]
    DEFAULT_VALUE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NULLABLE_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEY_FIELD_NUMBER: _ClassVar[int]
    UNIQUE_FIELD_NUMBER: _ClassVar[int]
    comment: str
    data_type: str
    default_value: str
    name: str
    nullable: bool
    primary_key: bool
    unique: bool
    def __init__(self, name: _Optional[str] = ..., data_type: _Optional[str] = ..., nullable: bool = ..., default_value: _Optional[str] = ..., primary_key: bool = ..., unique: bool = ..., comment: _Optional[str] = ...) -> None: ...

class ColumnStats(_message.Message):
    __slots__ = ["data_type", "distinct_count", "max", "min", "name", "null_count"]
    DATA_TYPE_FIELD_NUMBER: _ClassVar[int]
    DISTINCT_COUNT_FIELD_NUMBER: _ClassVar[int]
    MAX_FIELD_NUMBER: _ClassVar[int]
    MIN_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NULL_COUNT_FIELD_NUMBER: _ClassVar[int]
    data_type: str
    distinct_count: int
    max: Value
    min: Value
    name: str
    null_count: int
    def __init__(self, name: _Optional[str] = ..., data_type: _Optional[str] = ..., min: _Optional[_Union[Value, _Mapping]] = ..., max: _Optional[_Union[Value, _Mapping]] = ..., null_count: _Optional[int] = ..., distinct_count: _Optional[int] = ...) -> None: ...

class ColumnVector(_message.Message):
    __slots__ = ["bools", "float64s", "int32s", "int64s", "strings", "uint64s", "validity", "values"]
    BOOLS_FIELD_NUMBER: _ClassVar[int]
    FLOAT64S_FIELD_NUMBER: _ClassVar[int]
    INT32S_FIELD_NUMBER: _ClassVar[int]
    INT64S_FIELD_NUMBER: _ClassVar[int]
    STRINGS_FIELD_NUMBER: _ClassVar[int]
    UINT64S_FIELD_NUMBER: _ClassVar[int]
    VALIDITY_FIELD_NUMBER: _ClassVar[int]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    bools: BoolVector
    float64s: Float64Vector
    int32s: Int32Vector
    int64s: Int64Vector
    strings: StringVector
    uint64s: UInt64Vector
    validity: bytes
    values: ValueVector
    def __init__(self, validity: _Optional[bytes] = ..., bools: _Optional[_Union[BoolVector, _Mapping]] = ..., int32s: _Optional[_Union[Int32Vector, _Mapping]] = ..., int64s: _Optional[_Union[Int64Vector, _Mapping]] = ..., uint64s: _Optional[_Union[UInt64Vector, _Mapping]] = ..., float64s: _Optional[_Union[Float64Vector, _Mapping]] = ..., strings: _Optional[_Union[StringVector, _Mapping]] = ..., values: _Optional[_Union[ValueVector, _Mapping]] = ...) -> None: ...

class CreateDatabaseRequest(_message.Message):
    __slots__ = ["database_name", "if_not_exists", "metadata"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    IF_NOT_EXISTS_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    if_not_exists: bool
    metadata: _containers.ScalarMap[str, str]
    def __init__(self, database_name: _Optional[str] = ..., metadata: _Optional[_Mapping[str, str]] = ..., if_not_exists: bool = ...) -> None: ...

class CreateDatabaseResponse(_message.Message):
    __slots__ = ["database"]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    database: DatabaseInfo
    def __init__(self, database: _Optional[_Union[DatabaseInfo, _Mapping]] = ...) -> None: ...

class CreateFunctionRequest(_message.Message):
    __slots__ = ["body", "database_name", "function_name", "parameters", "replace", "table_function"]
    BODY_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    REPLACE_FIELD_NUMBER: _ClassVar[int]
    TABLE_FUNCTION_FIELD_NUMBER: _ClassVar[int]
    body: str
    database_name: str
    function_name: str
    parameters: _containers.RepeatedScalarFieldContainer[str]
    replace: bool
    table_function: bool
    def __init__(self, database_name: _Optional[str] = ..., function_name: _Optional[str] = ..., parameters: _Optional[_Iterable[str]] = ..., body: _Optional[str] = ..., table_function: bool = ..., replace: bool = ...) -> None: ...

class CreateFunctionResponse(_message.Message):
    __slots__ = ["function"]
    FUNCTION_FIELD_NUMBER: _ClassVar[int]
    function: FunctionInfo
    def __init__(self, function: _Optional[_Union[FunctionInfo, _Mapping]] = ...) -> None: ...

class CreateTableRequest(_message.Message):
    __slots__ = ["columns", "comment", "database_name", "if_not_exists", "primary_keys", "schema_name", "table_name"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    IF_NOT_EXISTS_FIELD_NUMBER: _ClassVar[int]
    PRIMARY_KEYS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnDefinition]
    comment: str
    database_name: str
    if_not_exists: bool
    primary_keys: _containers.RepeatedScalarFieldContainer[str]
    schema_name: str
    table_name: str
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[ColumnDefinition, _Mapping]]] = ..., primary_keys: _Optional[_Iterable[str]] = ..., if_not_exists: bool = ..., comment: _Optional[str] = ..., schema_name: _Optional[str] = ...) -> None: ...

class CreateTableResponse(_message.Message):
    __slots__ = ["created", "table"]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    created: bool
    table: TableInfo
    def __init__(self, table: _Optional[_Union[TableInfo, _Mapping]] = ..., created: bool = ...) -> None: ...

class CreateViewRequest(_message.Message):
    __slots__ = ["database_name", "query", "replace", "schema_name", "view_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    REPLACE_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    VIEW_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    query: str
    replace: bool
    schema_name: str
    view_name: str
    def __init__(self, database_name: _Optional[str] = ..., view_name: _Optional[str] = ..., query: _Optional[str] = ..., replace: bool = ..., schema_name: _Optional[str] = ...) -> None: ...

class CreateViewResponse(_message.Message):
    __slots__ = ["view"]
    VIEW_FIELD_NUMBER: _ClassVar[int]
    view: ViewInfo
    def __init__(self, view: _Optional[_Union[ViewInfo, _Mapping]] = ...) -> None: ...

class DatabaseInfo(_message.Message):
    __slots__ = ["created_at", "extensions", "last_accessed", "metadata", "name", "open", "organization_id", "owner_id", "size_bytes", "table_count", "view_count"]
    class MetadataEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    LAST_ACCESSED_FIELD_NUMBER: _ClassVar[int]
    METADATA_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    OPEN_FIELD_NUMBER: _ClassVar[int]
    ORGANIZATION_ID_FIELD_NUMBER: _ClassVar[int]
    OWNER_ID_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    TABLE_COUNT_FIELD_NUMBER: _ClassVar[int]
    VIEW_COUNT_FIELD_NUMBER: _ClassVar[int]
    created_at: _timestamp_pb2.Timestamp
    extensions: _containers.RepeatedScalarFieldContainer[str]
    last_accessed: _timestamp_pb2.Timestamp
    metadata: _containers.ScalarMap[str, str]
    name: str
    open: bool
    organization_id: str
    owner_id: str
    size_bytes: int
    table_count: int
    view_count: int
    def __init__(self, name: _Optional[str] = ..., owner_id: _Optional[str] = ..., organization_id: _Optional[str] = ..., size_bytes: _Optional[int] = ..., table_count: _Optional[int] = ..., view_count: _Optional[int] = ..., created_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., last_accessed: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ..., metadata: _Optional[_Mapping[str, str]] = ..., extensions: _Optional[_Iterable[str]] = ..., open: bool = ...) -> None: ...

class Decimal(_message.Message):
    __slots__ = ["scale", "value", "width"]
    SCALE_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    WIDTH_FIELD_NUMBER: _ClassVar[int]
    scale: int
    value: str
    width: int
    def __init__(self, value: _Optional[str] = ..., width: _Optional[int] = ..., scale: _Optional[int] = ...) -> None: ...

class DeleteDatabaseRequest(_message.Message):
    __slots__ = ["database_name", "force"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORCE_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    force: bool
    def __init__(self, database_name: _Optional[str] = ..., force: bool = ...) -> None: ...

class DeleteDatabaseResponse(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class DropFunctionRequest(_message.Message):
    __slots__ = ["database_name", "function_name", "if_exists", "table_function"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_NAME_FIELD_NUMBER: _ClassVar[int]
    IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    TABLE_FUNCTION_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    function_name: str
    if_exists: bool
    table_function: bool
    def __init__(self, database_name: _Optional[str] = ..., function_name: _Optional[str] = ..., if_exists: bool = ..., table_function: bool = ...) -> None: ...

class DropFunctionResponse(_message.Message):
    __slots__ = ["dropped"]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    dropped: bool
    def __init__(self, dropped: bool = ...) -> None: ...

class DropTableRequest(_message.Message):
    __slots__ = ["cascade", "database_name", "if_exists", "schema_name", "table_name"]
    CASCADE_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    cascade: bool
    database_name: str
    if_exists: bool
    schema_name: str
    table_name: str
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., if_exists: bool = ..., cascade: bool = ..., schema_name: _Optional[str] = ...) -> None: ...

class DropTableResponse(_message.Message):
    __slots__ = ["dropped"]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    dropped: bool
    def __init__(self, dropped: bool = ...) -> None: ...

class DropViewRequest(_message.Message):
    __slots__ = ["database_name", "if_exists", "schema_name", "view_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    IF_EXISTS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    VIEW_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    if_exists: bool
    schema_name: str
    view_name: str
    def __init__(self, database_name: _Optional[str] = ..., view_name: _Optional[str] = ..., if_exists: bool = ..., schema_name: _Optional[str] = ...) -> None: ...

class DropViewResponse(_message.Message):
    __slots__ = ["dropped"]
    DROPPED_FIELD_NUMBER: _ClassVar[int]
    dropped: bool
    def __init__(self, dropped: bool = ...) -> None: ...

class ExecuteBatchRequest(_message.Message):
    __slots__ = ["database_name", "statements", "stop_on_error", "timeout_ms", "transaction"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    STOP_ON_ERROR_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    TRANSACTION_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    statements: _containers.RepeatedCompositeFieldContainer[BatchStatement]
    stop_on_error: bool
    timeout_ms: int
    transaction: bool
    def __init__(self, database_name: _Optional[str] = ..., statements: _Optional[_Iterable[_Union[BatchStatement, _Mapping]]] = ..., transaction: bool = ..., stop_on_error: bool = ..., timeout_ms: _Optional[int] = ...) -> None: ...

class ExecuteBatchResponse(_message.Message):
    __slots__ = ["results", "total_execution_time_ms"]
    RESULTS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    results: _containers.RepeatedCompositeFieldContainer[BatchResult]
    total_execution_time_ms: float
    def __init__(self, results: _Optional[_Iterable[_Union[BatchResult, _Mapping]]] = ..., total_execution_time_ms: _Optional[float] = ...) -> None: ...

class ExecutePreparedRequest(_message.Message):
    __slots__ = ["limit", "parameters", "statement_id", "timeout_ms"]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    limit: int
    parameters: Parameters
    statement_id: str
    timeout_ms: int
    def __init__(self, statement_id: _Optional[str] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ..., limit: _Optional[int] = ..., timeout_ms: _Optional[int] = ...) -> None: ...

class ExecutePreparedResponse(_message.Message):
    __slots__ = ["affected_rows", "columns", "execution_time_ms", "row_count", "rows", "truncated"]
    AFFECTED_ROWS_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    affected_rows: int
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    execution_time_ms: float
    row_count: int
    rows: RowBatch
    truncated: bool
    def __init__(self, columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ..., rows: _Optional[_Union[RowBatch, _Mapping]] = ..., row_count: _Optional[int] = ..., truncated: bool = ..., execution_time_ms: _Optional[float] = ..., affected_rows: _Optional[int] = ...) -> None: ...

class ExecuteQueryRequest(_message.Message):
    __slots__ = ["analyze", "database_name", "explain", "limit", "parameters", "sql", "timeout_ms"]
    ANALYZE_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    EXPLAIN_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    analyze: bool
    database_name: str
    explain: bool
    limit: int
    parameters: Parameters
    sql: str
    timeout_ms: int
    def __init__(self, database_name: _Optional[str] = ..., sql: _Optional[str] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ..., limit: _Optional[int] = ..., timeout_ms: _Optional[int] = ..., explain: bool = ..., analyze: bool = ...) -> None: ...

class ExecuteQueryResponse(_message.Message):
    __slots__ = ["affected_rows", "columns", "execution_time_ms", "query_plan", "row_count", "rows", "truncated"]
    AFFECTED_ROWS_FIELD_NUMBER: _ClassVar[int]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    QUERY_PLAN_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    affected_rows: int
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    execution_time_ms: float
    query_plan: str
    row_count: int
    rows: RowBatch
    truncated: bool
    def __init__(self, columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ..., rows: _Optional[_Union[RowBatch, _Mapping]] = ..., row_count: _Optional[int] = ..., truncated: bool = ..., execution_time_ms: _Optional[float] = ..., query_plan: _Optional[str] = ..., affected_rows: _Optional[int] = ...) -> None: ...

class ExecuteQueryStreamRequest(_message.Message):
    __slots__ = ["chunk_rows", "database_name", "limit", "parameters", "sql", "timeout_ms"]
    CHUNK_ROWS_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    chunk_rows: int
    database_name: str
    limit: int
    parameters: Parameters
    sql: str
    timeout_ms: int
    def __init__(self, database_name: _Optional[str] = ..., sql: _Optional[str] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ..., limit: _Optional[int] = ..., timeout_ms: _Optional[int] = ..., chunk_rows: _Optional[int] = ...) -> None: ...

class ExecuteQueryStreamResponse(_message.Message):
    __slots__ = ["columns", "execution_time_ms", "last", "rows", "total_rows"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    LAST_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    TOTAL_ROWS_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    execution_time_ms: float
    last: bool
    rows: RowBatch
    total_rows: int
    def __init__(self, columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ..., rows: _Optional[_Union[RowBatch, _Mapping]] = ..., last: bool = ..., total_rows: _Optional[int] = ..., execution_time_ms: _Optional[float] = ...) -> None: ...

class ExecuteStatementRequest(_message.Message):
    __slots__ = ["database_name", "parameters", "sql", "timeout_ms"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    parameters: Parameters
    sql: str
    timeout_ms: int
    def __init__(self, database_name: _Optional[str] = ..., sql: _Optional[str] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ..., timeout_ms: _Optional[int] = ...) -> None: ...

class ExecuteStatementResponse(_message.Message):
    __slots__ = ["affected_rows", "execution_time_ms"]
    AFFECTED_ROWS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    affected_rows: int
    execution_time_ms: float
    def __init__(self, affected_rows: _Optional[int] = ..., execution_time_ms: _Optional[float] = ...) -> None: ...

class ExportToMinIORequest(_message.Message):
    __slots__ = ["bucket_name", "database_name", "format", "object_key", "options", "overwrite", "parameters", "query", "timeout_ms"]
    class OptionsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    OVERWRITE_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    database_name: str
    format: FileFormat
    object_key: str
    options: _containers.ScalarMap[str, str]
    overwrite: bool
    parameters: Parameters
    query: str
    timeout_ms: int
    def __init__(self, database_name: _Optional[str] = ..., query: _Optional[str] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., options: _Optional[_Mapping[str, str]] = ..., overwrite: bool = ..., timeout_ms: _Optional[int] = ..., parameters: _Optional[_Union[Parameters, _Mapping]] = ...) -> None: ...

class ExportToMinIOResponse(_message.Message):
    __slots__ = ["execution_time_ms", "file_size", "rows_exported"]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    FILE_SIZE_FIELD_NUMBER: _ClassVar[int]
    ROWS_EXPORTED_FIELD_NUMBER: _ClassVar[int]
    execution_time_ms: float
    file_size: int
    rows_exported: int
    def __init__(self, rows_exported: _Optional[int] = ..., file_size: _Optional[int] = ..., execution_time_ms: _Optional[float] = ...) -> None: ...

class ExtensionInfo(_message.Message):
    __slots__ = ["allowed", "description", "installed", "loaded", "name", "version"]
    ALLOWED_FIELD_NUMBER: _ClassVar[int]
    DESCRIPTION_FIELD_NUMBER: _ClassVar[int]
    INSTALLED_FIELD_NUMBER: _ClassVar[int]
    LOADED_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    allowed: bool
    description: str
    installed: bool
    loaded: bool
    name: str
    version: str
    def __init__(self, name: _Optional[str] = ..., loaded: bool = ..., installed: bool = ..., version: _Optional[str] = ..., description: _Optional[str] = ..., allowed: bool = ...) -> None: ...

class Float64Vector(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class FunctionInfo(_message.Message):
    __slots__ = ["definition", "function_type", "name", "parameters"]
    DEFINITION_FIELD_NUMBER: _ClassVar[int]
    FUNCTION_TYPE_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    definition: str
    function_type: str
    name: str
    parameters: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, name: _Optional[str] = ..., parameters: _Optional[_Iterable[str]] = ..., function_type: _Optional[str] = ..., definition: _Optional[str] = ...) -> None: ...

class GetDatabaseInfoRequest(_message.Message):
    __slots__ = ["database_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    def __init__(self, database_name: _Optional[str] = ...) -> None: ...

class GetDatabaseInfoResponse(_message.Message):
    __slots__ = ["database"]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    database: DatabaseInfo
    def __init__(self, database: _Optional[_Union[DatabaseInfo, _Mapping]] = ...) -> None: ...

class GetMetricsRequest(_message.Message):
    __slots__ = []
    def __init__(self) -> None: ...

class GetMetricsResponse(_message.Message):
    __slots__ = ["active_queries", "avg_query_time_ms", "failed_queries", "open_databases", "p95_query_time_ms", "pool_hits", "pool_misses", "prepared_statements", "timed_out_queries", "total_queries"]
    ACTIVE_QUERIES_FIELD_NUMBER: _ClassVar[int]
    AVG_QUERY_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    FAILED_QUERIES_FIELD_NUMBER: _ClassVar[int]
    OPEN_DATABASES_FIELD_NUMBER: _ClassVar[int]
    P95_QUERY_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    POOL_HITS_FIELD_NUMBER: _ClassVar[int]
    POOL_MISSES_FIELD_NUMBER: _ClassVar[int]
    PREPARED_STATEMENTS_FIELD_NUMBER: _ClassVar[int]
    TIMED_OUT_QUERIES_FIELD_NUMBER: _ClassVar[int]
    TOTAL_QUERIES_FIELD_NUMBER: _ClassVar[int]
    active_queries: int
    avg_query_time_ms: float
    failed_queries: int
    open_databases: int
    p95_query_time_ms: float
    pool_hits: int
    pool_misses: int
    prepared_statements: int
    timed_out_queries: int
    total_queries: int
    def __init__(self, total_queries: _Optional[int] = ..., failed_queries: _Optional[int] = ..., timed_out_queries: _Optional[int] = ..., avg_query_time_ms: _Optional[float] = ..., p95_query_time_ms: _Optional[float] = ..., open_databases: _Optional[int] = ..., active_queries: _Optional[int] = ..., prepared_statements: _Optional[int] = ..., pool_hits: _Optional[int] = ..., pool_misses: _Optional[int] = ...) -> None: ...

class GetTableSchemaRequest(_message.Message):
    __slots__ = ["database_name", "schema_name", "table_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    schema_name: str
    table_name: str
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., schema_name: _Optional[str] = ...) -> None: ...

class GetTableSchemaResponse(_message.Message):
    __slots__ = ["table"]
    TABLE_FIELD_NUMBER: _ClassVar[int]
    table: TableInfo
    def __init__(self, table: _Optional[_Union[TableInfo, _Mapping]] = ...) -> None: ...

class GetTableStatsRequest(_message.Message):
    __slots__ = ["database_name", "include_columns", "schema_name", "table_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    INCLUDE_COLUMNS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    include_columns: bool
    schema_name: str
    table_name: str
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., include_columns: bool = ..., schema_name: _Optional[str] = ...) -> None: ...

class GetTableStatsResponse(_message.Message):
    __slots__ = ["columns", "row_count", "size_bytes", "table_name"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnStats]
    row_count: int
    size_bytes: int
    table_name: str
    def __init__(self, table_name: _Optional[str] = ..., row_count: _Optional[int] = ..., size_bytes: _Optional[int] = ..., columns: _Optional[_Iterable[_Union[ColumnStats, _Mapping]]] = ...) -> None: ...

class HealthCheckRequest(_message.Message):
    __slots__ = ["detailed"]
    DETAILED_FIELD_NUMBER: _ClassVar[int]
    detailed: bool
    def __init__(self, detailed: bool = ...) -> None: ...

class HealthCheckResponse(_message.Message):
    __slots__ = ["checked_at", "details", "healthy", "message", "status"]
    class DetailsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    DETAILS_FIELD_NUMBER: _ClassVar[int]
    HEALTHY_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    checked_at: _timestamp_pb2.Timestamp
    details: _containers.ScalarMap[str, str]
    healthy: bool
    message: str
    status: str
    def __init__(self, healthy: bool = ..., status: _Optional[str] = ..., message: _Optional[str] = ..., details: _Optional[_Mapping[str, str]] = ..., checked_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class ImportDataHeader(_message.Message):
    __slots__ = ["database_name", "format", "mode", "options", "schema_name", "table_name", "total_size", "truncate"]
    class OptionsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SIZE_FIELD_NUMBER: _ClassVar[int]
    TRUNCATE_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    format: FileFormat
    mode: ImportMode
    options: _containers.ScalarMap[str, str]
    schema_name: str
    table_name: str
    total_size: int
    truncate: bool
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., mode: _Optional[_Union[ImportMode, str]] = ..., truncate: bool = ..., options: _Optional[_Mapping[str, str]] = ..., total_size: _Optional[int] = ..., schema_name: _Optional[str] = ...) -> None: ...

class ImportDataRequest(_message.Message):
    __slots__ = ["chunk", "header"]
    CHUNK_FIELD_NUMBER: _ClassVar[int]
    HEADER_FIELD_NUMBER: _ClassVar[int]
    chunk: bytes
    header: ImportDataHeader
    def __init__(self, header: _Optional[_Union[ImportDataHeader, _Mapping]] = ..., chunk: _Optional[bytes] = ...) -> None: ...

class ImportDataResponse(_message.Message):
    __slots__ = ["bytes_received", "execution_time_ms", "rows_imported", "table_created"]
    BYTES_RECEIVED_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    ROWS_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    TABLE_CREATED_FIELD_NUMBER: _ClassVar[int]
    bytes_received: int
    execution_time_ms: float
    rows_imported: int
    table_created: bool
    def __init__(self, rows_imported: _Optional[int] = ..., bytes_received: _Optional[int] = ..., execution_time_ms: _Optional[float] = ..., table_created: bool = ...) -> None: ...

class ImportFromMinIORequest(_message.Message):
    __slots__ = ["bucket_name", "database_name", "format", "mode", "object_key", "options", "schema_name", "table_name", "timeout_ms", "truncate"]
    class OptionsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    MODE_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    TABLE_NAME_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    TRUNCATE_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    database_name: str
    format: FileFormat
    mode: ImportMode
    object_key: str
    options: _containers.ScalarMap[str, str]
    schema_name: str
    table_name: str
    timeout_ms: int
    truncate: bool
    def __init__(self, database_name: _Optional[str] = ..., table_name: _Optional[str] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., mode: _Optional[_Union[ImportMode, str]] = ..., truncate: bool = ..., options: _Optional[_Mapping[str, str]] = ..., timeout_ms: _Optional[int] = ..., schema_name: _Optional[str] = ...) -> None: ...

class ImportFromMinIOResponse(_message.Message):
    __slots__ = ["execution_time_ms", "rows_imported", "table_created"]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    ROWS_IMPORTED_FIELD_NUMBER: _ClassVar[int]
    TABLE_CREATED_FIELD_NUMBER: _ClassVar[int]
    execution_time_ms: float
    rows_imported: int
    table_created: bool
    def __init__(self, rows_imported: _Optional[int] = ..., execution_time_ms: _Optional[float] = ..., table_created: bool = ...) -> None: ...

class InstallExtensionRequest(_message.Message):
    __slots__ = ["database_name", "extension_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    EXTENSION_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    extension_name: str
    def __init__(self, database_name: _Optional[str] = ..., extension_name: _Optional[str] = ...) -> None: ...

class InstallExtensionResponse(_message.Message):
    __slots__ = ["extension"]
    EXTENSION_FIELD_NUMBER: _ClassVar[int]
    extension: ExtensionInfo
    def __init__(self, extension: _Optional[_Union[ExtensionInfo, _Mapping]] = ...) -> None: ...

class Int128(_message.Message):
    __slots__ = ["high", "low"]
    HIGH_FIELD_NUMBER: _ClassVar[int]
    LOW_FIELD_NUMBER: _ClassVar[int]
    high: int
    low: int
    def __init__(self, high: _Optional[int] = ..., low: _Optional[int] = ...) -> None: ...

class Int32Vector(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class Int64Vector(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class Interval(_message.Message):
    __slots__ = ["days", "micros", "months"]
    DAYS_FIELD_NUMBER: _ClassVar[int]
    MICROS_FIELD_NUMBER: _ClassVar[int]
    MONTHS_FIELD_NUMBER: _ClassVar[int]
    days: int
    micros: int
    months: int
    def __init__(self, months: _Optional[int] = ..., days: _Optional[int] = ..., micros: _Optional[int] = ...) -> None: ...

class List(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[Value]
    def __init__(self, values: _Optional[_Iterable[_Union[Value, _Mapping]]] = ...) -> None: ...

class ListDatabasesRequest(_message.Message):
    __slots__ = ["prefix"]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    prefix: str
    def __init__(self, prefix: _Optional[str] = ...) -> None: ...

class ListDatabasesResponse(_message.Message):
    __slots__ = ["databases"]
    DATABASES_FIELD_NUMBER: _ClassVar[int]
    databases: _containers.RepeatedCompositeFieldContainer[DatabaseInfo]
    def __init__(self, databases: _Optional[_Iterable[_Union[DatabaseInfo, _Mapping]]] = ...) -> None: ...

class ListExtensionsRequest(_message.Message):
    __slots__ = ["database_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    def __init__(self, database_name: _Optional[str] = ...) -> None: ...

class ListExtensionsResponse(_message.Message):
    __slots__ = ["extensions"]
    EXTENSIONS_FIELD_NUMBER: _ClassVar[int]
    extensions: _containers.RepeatedCompositeFieldContainer[ExtensionInfo]
    def __init__(self, extensions: _Optional[_Iterable[_Union[ExtensionInfo, _Mapping]]] = ...) -> None: ...

class ListFunctionsRequest(_message.Message):
    __slots__ = ["database_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    def __init__(self, database_name: _Optional[str] = ...) -> None: ...

class ListFunctionsResponse(_message.Message):
    __slots__ = ["functions"]
    FUNCTIONS_FIELD_NUMBER: _ClassVar[int]
    functions: _containers.RepeatedCompositeFieldContainer[FunctionInfo]
    def __init__(self, functions: _Optional[_Iterable[_Union[FunctionInfo, _Mapping]]] = ...) -> None: ...

class ListTablesRequest(_message.Message):
    __slots__ = ["database_name", "prefix", "schema_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    PREFIX_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    prefix: str
    schema_name: str
    def __init__(self, database_name: _Optional[str] = ..., schema_name: _Optional[str] = ..., prefix: _Optional[str] = ...) -> None: ...

class ListTablesResponse(_message.Message):
    __slots__ = ["tables"]
    TABLES_FIELD_NUMBER: _ClassVar[int]
    tables: _containers.RepeatedCompositeFieldContainer[TableInfo]
    def __init__(self, tables: _Optional[_Iterable[_Union[TableInfo, _Mapping]]] = ...) -> None: ...

class ListViewsRequest(_message.Message):
    __slots__ = ["database_name", "schema_name"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    schema_name: str
    def __init__(self, database_name: _Optional[str] = ..., schema_name: _Optional[str] = ...) -> None: ...

class ListViewsResponse(_message.Message):
    __slots__ = ["views"]
    VIEWS_FIELD_NUMBER: _ClassVar[int]
    views: _containers.RepeatedCompositeFieldContainer[ViewInfo]
    def __init__(self, views: _Optional[_Iterable[_Union[ViewInfo, _Mapping]]] = ...) -> None: ...

class Map(_message.Message):
    __slots__ = ["entries"]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    entries: _containers.RepeatedCompositeFieldContainer[MapEntry]
    def __init__(self, entries: _Optional[_Iterable[_Union[MapEntry, _Mapping]]] = ...) -> None: ...

class MapEntry(_message.Message):
    __slots__ = ["key", "value"]
    KEY_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    key: Value
    value: Value
    def __init__(self, key: _Optional[_Union[Value, _Mapping]] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...

class ParameterInfo(_message.Message):
    __slots__ = ["name", "type"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    name: str
    type: str
    def __init__(self, name: _Optional[str] = ..., type: _Optional[str] = ...) -> None: ...

class Parameters(_message.Message):
    __slots__ = ["named", "positional"]
    class NamedEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: Value
        def __init__(self, key: _Optional[str] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...
    NAMED_FIELD_NUMBER: _ClassVar[int]
    POSITIONAL_FIELD_NUMBER: _ClassVar[int]
    named: _containers.MessageMap[str, Value]
    positional: _containers.RepeatedCompositeFieldContainer[Value]
    def __init__(self, positional: _Optional[_Iterable[_Union[Value, _Mapping]]] = ..., named: _Optional[_Mapping[str, Value]] = ...) -> None: ...

class PrepareStatementRequest(_message.Message):
    __slots__ = ["database_name", "sql"]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    database_name: str
    sql: str
    def __init__(self, database_name: _Optional[str] = ..., sql: _Optional[str] = ...) -> None: ...

class PrepareStatementResponse(_message.Message):
    __slots__ = ["columns", "expires_at", "parameters", "statement_id", "statement_type"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EXPIRES_AT_FIELD_NUMBER: _ClassVar[int]
    PARAMETERS_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    STATEMENT_TYPE_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    expires_at: _timestamp_pb2.Timestamp
    parameters: _containers.RepeatedCompositeFieldContainer[ParameterInfo]
    statement_id: str
    statement_type: str
    def __init__(self, statement_id: _Optional[str] = ..., parameters: _Optional[_Iterable[_Union[ParameterInfo, _Mapping]]] = ..., columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ..., statement_type: _Optional[str] = ..., expires_at: _Optional[_Union[_timestamp_pb2.Timestamp, _Mapping]] = ...) -> None: ...

class QueryMinIOFileRequest(_message.Message):
    __slots__ = ["bucket_name", "database_name", "format", "limit", "object_key", "options", "query", "timeout_ms"]
    class OptionsEntry(_message.Message):
        __slots__ = ["key", "value"]
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    FORMAT_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    QUERY_FIELD_NUMBER: _ClassVar[int]
    TIMEOUT_MS_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    database_name: str
    format: FileFormat
    limit: int
    object_key: str
    options: _containers.ScalarMap[str, str]
    query: str
    timeout_ms: int
    def __init__(self, database_name: _Optional[str] = ..., bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., format: _Optional[_Union[FileFormat, str]] = ..., query: _Optional[str] = ..., options: _Optional[_Mapping[str, str]] = ..., limit: _Optional[int] = ..., timeout_ms: _Optional[int] = ...) -> None: ...

class QueryMinIOFileResponse(_message.Message):
    __slots__ = ["columns", "execution_time_ms", "row_count", "rows", "truncated"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    EXECUTION_TIME_MS_FIELD_NUMBER: _ClassVar[int]
    ROWS_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    TRUNCATED_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    execution_time_ms: float
    row_count: int
    rows: RowBatch
    truncated: bool
    def __init__(self, columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ..., rows: _Optional[_Union[RowBatch, _Mapping]] = ..., row_count: _Optional[int] = ..., truncated: bool = ..., execution_time_ms: _Optional[float] = ...) -> None: ...

class RestoreDatabaseRequest(_message.Message):
    __slots__ = ["bucket_name", "database_name", "object_key", "overwrite"]
    BUCKET_NAME_FIELD_NUMBER: _ClassVar[int]
    DATABASE_NAME_FIELD_NUMBER: _ClassVar[int]
    OBJECT_KEY_FIELD_NUMBER: _ClassVar[int]
    OVERWRITE_FIELD_NUMBER: _ClassVar[int]
    bucket_name: str
    database_name: str
    object_key: str
    overwrite: bool
    def __init__(self, bucket_name: _Optional[str] = ..., object_key: _Optional[str] = ..., database_name: _Optional[str] = ..., overwrite: bool = ...) -> None: ...

class RestoreDatabaseResponse(_message.Message):
    __slots__ = ["database"]
    DATABASE_FIELD_NUMBER: _ClassVar[int]
    database: DatabaseInfo
    def __init__(self, database: _Optional[_Union[DatabaseInfo, _Mapping]] = ...) -> None: ...

class RowBatch(_message.Message):
    __slots__ = ["columns", "row_count"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnVector]
    row_count: int
    def __init__(self, row_count: _Optional[int] = ..., columns: _Optional[_Iterable[_Union[ColumnVector, _Mapping]]] = ...) -> None: ...

class StringVector(_message.Message):
    __slots__ = ["data", "lengths"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    LENGTHS_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    lengths: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, data: _Optional[bytes] = ..., lengths: _Optional[_Iterable[int]] = ...) -> None: ...

class Struct(_message.Message):
    __slots__ = ["fields"]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    fields: _containers.RepeatedCompositeFieldContainer[StructField]
    def __init__(self, fields: _Optional[_Iterable[_Union[StructField, _Mapping]]] = ...) -> None: ...

class StructField(_message.Message):
    __slots__ = ["name", "value"]
    NAME_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    name: str
    value: Value
    def __init__(self, name: _Optional[str] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...

class TableInfo(_message.Message):
    __slots__ = ["columns", "comment", "name", "row_count", "schema_name", "size_bytes"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    COMMENT_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    ROW_COUNT_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_BYTES_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[ColumnInfo]
    comment: str
    name: str
    row_count: int
    schema_name: str
    size_bytes: int
    def __init__(self, name: _Optional[str] = ..., schema_name: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[ColumnInfo, _Mapping]]] = ..., row_count: _Optional[int] = ..., size_bytes: _Optional[int] = ..., comment: _Optional[str] = ...) -> None: ...

class TimeTz(_message.Message):
    __slots__ = ["micros", "offset_seconds"]
    MICROS_FIELD_NUMBER: _ClassVar[int]
    OFFSET_SECONDS_FIELD_NUMBER: _ClassVar[int]
    micros: int
    offset_seconds: int
    def __init__(self, micros: _Optional[int] = ..., offset_seconds: _Optional[int] = ...) -> None: ...

class UInt64Vector(_message.Message):
    __slots__ = ["data"]
    DATA_FIELD_NUMBER: _ClassVar[int]
    data: bytes
    def __init__(self, data: _Optional[bytes] = ...) -> None: ...

class Union(_message.Message):
    __slots__ = ["tag", "value"]
    TAG_FIELD_NUMBER: _ClassVar[int]
    VALUE_FIELD_NUMBER: _ClassVar[int]
    tag: str
    value: Value
    def __init__(self, tag: _Optional[str] = ..., value: _Optional[_Union[Value, _Mapping]] = ...) -> None: ...

class Value(_message.Message):
    __slots__ = ["bignum_value", "bit_value", "blob_value", "bool_value", "date_value", "decimal_value", "double_value", "hugeint_value", "int_value", "interval_value", "list_value", "map_value", "null_value", "string_value", "struct_value", "text_value", "time_ns_value", "time_tz_value", "time_value", "timestamp_ns_value", "timestamp_tz_value", "timestamp_value", "uhugeint_value", "uint_value", "union_value", "uuid_value"]
    BIGNUM_VALUE_FIELD_NUMBER: _ClassVar[int]
    BIT_VALUE_FIELD_NUMBER: _ClassVar[int]
    BLOB_VALUE_FIELD_NUMBER: _ClassVar[int]
    BOOL_VALUE_FIELD_NUMBER: _ClassVar[int]
    DATE_VALUE_FIELD_NUMBER: _ClassVar[int]
    DECIMAL_VALUE_FIELD_NUMBER: _ClassVar[int]
    DOUBLE_VALUE_FIELD_NUMBER: _ClassVar[int]
    HUGEINT_VALUE_FIELD_NUMBER: _ClassVar[int]
    INTERVAL_VALUE_FIELD_NUMBER: _ClassVar[int]
    INT_VALUE_FIELD_NUMBER: _ClassVar[int]
    LIST_VALUE_FIELD_NUMBER: _ClassVar[int]
    MAP_VALUE_FIELD_NUMBER: _ClassVar[int]
    NULL_VALUE_FIELD_NUMBER: _ClassVar[int]
    STRING_VALUE_FIELD_NUMBER: _ClassVar[int]
    STRUCT_VALUE_FIELD_NUMBER: _ClassVar[int]
    TEXT_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_NS_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_TZ_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIMESTAMP_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIME_NS_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIME_TZ_VALUE_FIELD_NUMBER: _ClassVar[int]
    TIME_VALUE_FIELD_NUMBER: _ClassVar[int]
    UHUGEINT_VALUE_FIELD_NUMBER: _ClassVar[int]
    UINT_VALUE_FIELD_NUMBER: _ClassVar[int]
    UNION_VALUE_FIELD_NUMBER: _ClassVar[int]
    UUID_VALUE_FIELD_NUMBER: _ClassVar[int]
    bignum_value: str
    bit_value: str
    blob_value: bytes
    bool_value: bool
    date_value: int
    decimal_value: Decimal
    double_value: float
    hugeint_value: Int128
    int_value: int
    interval_value: Interval
    list_value: List
    map_value: Map
    null_value: _struct_pb2.NullValue
    string_value: str
    struct_value: Struct
    text_value: str
    time_ns_value: int
    time_tz_value: TimeTz
    time_value: int
    timestamp_ns_value: int
    timestamp_tz_value: int
    timestamp_value: int
    uhugeint_value: Int128
    uint_value: int
    union_value: Union
    uuid_value: str
    def __init__(self, null_value: _Optional[_Union[_struct_pb2.NullValue, str]] = ..., bool_value: bool = ..., int_value: _Optional[int] = ..., uint_value: _Optional[int] = ..., hugeint_value: _Optional[_Union[Int128, _Mapping]] = ..., uhugeint_value: _Optional[_Union[Int128, _Mapping]] = ..., double_value: _Optional[float] = ..., decimal_value: _Optional[_Union[Decimal, _Mapping]] = ..., string_value: _Optional[str] = ..., blob_value: _Optional[bytes] = ..., date_value: _Optional[int] = ..., time_value: _Optional[int] = ..., time_tz_value: _Optional[_Union[TimeTz, _Mapping]] = ..., timestamp_value: _Optional[int] = ..., timestamp_ns_value: _Optional[int] = ..., timestamp_tz_value: _Optional[int] = ..., interval_value: _Optional[_Union[Interval, _Mapping]] = ..., uuid_value: _Optional[str] = ..., list_value: _Optional[_Union[List, _Mapping]] = ..., struct_value: _Optional[_Union[Struct, _Mapping]] = ..., map_value: _Optional[_Union[Map, _Mapping]] = ..., union_value: _Optional[_Union[Union, _Mapping]] = ..., bit_value: _Optional[str] = ..., bignum_value: _Optional[str] = ..., time_ns_value: _Optional[int] = ..., text_value: _Optional[str] = ...) -> None: ...

class ValueVector(_message.Message):
    __slots__ = ["values"]
    VALUES_FIELD_NUMBER: _ClassVar[int]
    values: _containers.RepeatedCompositeFieldContainer[Value]
    def __init__(self, values: _Optional[_Iterable[_Union[Value, _Mapping]]] = ...) -> None: ...

class ViewInfo(_message.Message):
    __slots__ = ["columns", "name", "schema_name", "sql"]
    COLUMNS_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SCHEMA_NAME_FIELD_NUMBER: _ClassVar[int]
    SQL_FIELD_NUMBER: _ClassVar[int]
    columns: _containers.RepeatedCompositeFieldContainer[Column]
    name: str
    schema_name: str
    sql: str
    def __init__(self, name: _Optional[str] = ..., schema_name: _Optional[str] = ..., sql: _Optional[str] = ..., columns: _Optional[_Iterable[_Union[Column, _Mapping]]] = ...) -> None: ...

class TypeId(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class FileFormat(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []

class ImportMode(int, metaclass=_enum_type_wrapper.EnumTypeWrapper):
    __slots__ = []
