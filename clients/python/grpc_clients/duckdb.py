"""OLAP analytics (DuckDB), port 50052."""

from __future__ import annotations

from typing import Any, Iterable, Iterator

import grpc

from ._base import BaseClient, Health, chunks_of
from ._catalog import SERVICES
from ._convert import enum_number, to_dict
from .duckdb_values import columns_of, decode_rows, from_value, to_parameters
from .proto.isa.duckdb.v1 import duckdb_pb2 as pb

CHUNK = 256 * 1024
# A call given a server-side query timeout waits that long plus this margin, so the server decides.
_DEADLINE_MARGIN = 5.0


def _format(file_format: str | None) -> int:
    return enum_number(pb.FileFormat.DESCRIPTOR, file_format) if file_format else pb.FILE_FORMAT_UNSPECIFIED


def _mode(mode: str | None) -> int:
    return pb.IMPORT_MODE_UNSPECIFIED if mode in (None, 'auto') else enum_number(pb.ImportMode.DESCRIPTOR, mode)


def _strings(options: dict[str, Any] | None) -> dict[str, str]:
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in (options or {}).items()}


def _result(r: Any) -> dict[str, Any]:
    return {
        'columns': columns_of(r.columns),
        'rows': decode_rows(list(r.columns), r.rows if r.HasField('rows') else None),
        'row_count': r.row_count,
        'truncated': r.truncated,
        'affected_rows': getattr(r, 'affected_rows', 0),
        'execution_time_ms': r.execution_time_ms,
    }


def _columns(schema: dict[str, str] | list[dict[str, Any]]) -> list[pb.ColumnDefinition]:
    items = [{'name': k, 'type': v} for k, v in schema.items()] if isinstance(schema, dict) else schema
    out = []
    for c in items:
        column = pb.ColumnDefinition(
            name=c['name'], data_type=c.get('type', c.get('data_type', '')),
            default_value=str(c.get('default', c.get('default_value', '')) or ''),
            primary_key=bool(c.get('primary_key', False)), unique=bool(c.get('unique', False)),
            comment=c.get('comment', ''))
        if c.get('nullable') is not None:
            column.nullable = bool(c['nullable'])
        out.append(column)
    return out


class DuckDBClient(BaseClient):
    """Analytics on DuckDB. Databases are addressed by your own names ("analytics"); the server keeps
    each tenant's databases apart and runs every statement sandboxed. Rows come back as dicts of native
    Python values (see grpc_clients.duckdb_values)."""

    SERVICE = SERVICES['duckdb']

    def _q(self, call: dict[str, Any], query_timeout: float | None) -> dict[str, Any]:
        if query_timeout and 'timeout' not in call:
            return {**call, 'timeout': query_timeout + _DEADLINE_MARGIN}
        return call

    def health_check(self, detailed: bool = False, **call: Any) -> Health | None:
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(detailed=detailed), call))))

    def get_metrics(self, **call: Any) -> dict[str, Any] | None:
        return self._run('get_metrics', call, lambda: to_dict(self._unary('GetMetrics', pb.GetMetricsRequest(), call)))

    # ---- databases ----

    def create_database(self, db_name: str, metadata: dict[str, str] | None = None, if_not_exists: bool = False,
                        **call: Any) -> dict[str, Any] | None:
        return self._run('create_database', call, lambda: to_dict(self._unary('CreateDatabase', pb.CreateDatabaseRequest(
            database_name=db_name, metadata=_strings(metadata), if_not_exists=if_not_exists), call).database))

    def list_databases(self, prefix: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_databases', call, lambda: [to_dict(d) for d in self._unary(
            'ListDatabases', pb.ListDatabasesRequest(prefix=prefix), call).databases])

    def get_database_info(self, db_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('get_database_info', call, lambda: to_dict(self._unary(
            'GetDatabaseInfo', pb.GetDatabaseInfoRequest(database_name=db_name), call).database))

    def delete_database(self, db_name: str, force: bool = False, **call: Any) -> bool | None:
        return self._done('delete_database', 'DeleteDatabase', pb.DeleteDatabaseRequest(
            database_name=db_name, force=force), call)

    def backup_database(self, db_name: str, bucket_name: str, object_key: str = '', **call: Any) -> dict[str, Any] | None:
        """A consistent snapshot into one of your buckets (key default duckdb-backups/{db}/{time}.duckdb)."""
        return self._run('backup_database', call, lambda: to_dict(self._unary('BackupDatabase', pb.BackupDatabaseRequest(
            database_name=db_name, bucket_name=bucket_name, object_key=object_key), call)))

    def restore_database(self, bucket_name: str, object_key: str, db_name: str, overwrite: bool = False,
                         **call: Any) -> dict[str, Any] | None:
        return self._run('restore_database', call, lambda: to_dict(self._unary('RestoreDatabase', pb.RestoreDatabaseRequest(
            bucket_name=bucket_name, object_key=object_key, database_name=db_name, overwrite=overwrite), call).database))

    # ---- SQL ----

    def query(self, db_name: str, sql: str, params: Any = None, limit: int = 0, query_timeout: float | None = None,
              **call: Any) -> dict[str, Any] | None:
        """A query's rows with its columns, row_count, truncated and execution_time_ms."""
        return self._run('execute_query', call, lambda: _result(self._unary('ExecuteQuery', pb.ExecuteQueryRequest(
            database_name=db_name, sql=sql, parameters=to_parameters(params), limit=limit,
            timeout_ms=int((query_timeout or 0) * 1000)), self._q(call, query_timeout))))

    def execute_query(self, db_name: str, sql: str, params: Any = None, limit: int = 0,
                      query_timeout: float | None = None, **call: Any) -> list[dict[str, Any]] | None:
        """The rows of a query as dicts keyed by column name. `params`: a list for positional ($1, ?)
        or a dict for named ($name) parameters."""
        result = self.query(db_name, sql, params=params, limit=limit, query_timeout=query_timeout, **call)
        return None if result is None else result['rows']

    def explain_query(self, db_name: str, sql: str, analyze: bool = False, params: Any = None,
                      **call: Any) -> str | None:
        return self._run('explain_query', call, lambda: self._unary('ExecuteQuery', pb.ExecuteQueryRequest(
            database_name=db_name, sql=sql, parameters=to_parameters(params), explain=True, analyze=analyze),
            call).query_plan)

    def execute_query_stream(self, db_name: str, sql: str, params: Any = None, limit: int = 0,
                             chunk_rows: int = 0, query_timeout: float | None = None,
                             **call: Any) -> Iterator[list[dict[str, Any]]]:
        """The rows in batches as the server produces them (raises IsaCloudError on failure)."""
        _, messages = self._server_stream('ExecuteQueryStream', pb.ExecuteQueryStreamRequest(
            database_name=db_name, sql=sql, parameters=to_parameters(params), limit=limit,
            timeout_ms=int((query_timeout or 0) * 1000), chunk_rows=chunk_rows), call)
        columns: list[Any] | None = None
        for message in messages:
            if columns is None:
                columns = list(message.columns)
            if message.HasField('rows') and message.rows.row_count:
                yield decode_rows(columns, message.rows)

    def execute_statement(self, db_name: str, sql: str, params: Any = None, query_timeout: float | None = None,
                          **call: Any) -> int | None:
        """Runs a statement (or a script); returns the rows it inserted, updated or deleted."""
        return self._run('execute_statement', call, lambda: self._unary('ExecuteStatement', pb.ExecuteStatementRequest(
            database_name=db_name, sql=sql, parameters=to_parameters(params),
            timeout_ms=int((query_timeout or 0) * 1000)), self._q(call, query_timeout)).affected_rows)

    def execute_batch(self, db_name: str, statements: list[str | dict[str, Any]], use_transaction: bool = True,
                      stop_on_error: bool = False, **call: Any) -> dict[str, Any] | None:
        """Statements (SQL strings or {'sql', 'params'}) in order, by default in one transaction."""
        batch = [pb.BatchStatement(sql=s) if isinstance(s, str) else
                 pb.BatchStatement(sql=s['sql'], parameters=to_parameters(s.get('params'))) for s in statements]
        return self._run('execute_batch', call, lambda: to_dict(self._unary('ExecuteBatch', pb.ExecuteBatchRequest(
            database_name=db_name, statements=batch, transaction=use_transaction, stop_on_error=stop_on_error), call)))

    def prepare_statement(self, db_name: str, sql: str, **call: Any) -> dict[str, Any] | None:
        """{'statement_id', 'parameters', 'columns', 'statement_type', 'expires_at'}."""
        def work() -> dict[str, Any]:
            r = self._unary('PrepareStatement', pb.PrepareStatementRequest(database_name=db_name, sql=sql), call)
            out = to_dict(r)
            out['columns'] = columns_of(r.columns)
            return out
        return self._run('prepare_statement', call, work)

    def execute_prepared(self, statement_id: str, params: Any = None, limit: int = 0, **call: Any) -> dict[str, Any] | None:
        return self._run('execute_prepared', call, lambda: _result(self._unary('ExecutePrepared', pb.ExecutePreparedRequest(
            statement_id=statement_id, parameters=to_parameters(params), limit=limit), call)))

    def close_prepared_statement(self, statement_id: str, **call: Any) -> bool | None:
        """False when it had already expired or been closed."""
        return self._run('close_prepared_statement', call, lambda: self._unary(
            'ClosePreparedStatement', pb.ClosePreparedStatementRequest(statement_id=statement_id), call).closed)

    # ---- schema ----

    def create_table(self, db_name: str, table_name: str, schema: dict[str, str] | list[dict[str, Any]],
                     primary_keys: list[str] | None = None, if_not_exists: bool = False, comment: str = '',
                     schema_name: str = '', **call: Any) -> dict[str, Any] | None:
        """Creates a table from {column: type} (the guide's form) or column dicts (name, type, nullable,
        default, primary_key, unique, comment). Columns accept NULL unless nullable=False."""
        return self._run('create_table', call, lambda: to_dict(self._unary('CreateTable', pb.CreateTableRequest(
            database_name=db_name, table_name=table_name, columns=_columns(schema), primary_keys=primary_keys or [],
            if_not_exists=if_not_exists, comment=comment, schema_name=schema_name), call).table))

    def list_table_infos(self, db_name: str, schema_name: str = '', prefix: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_tables', call, lambda: [to_dict(t) for t in self._unary('ListTables', pb.ListTablesRequest(
            database_name=db_name, schema_name=schema_name, prefix=prefix), call).tables])

    def list_tables(self, db_name: str, schema_name: str = '', prefix: str = '', **call: Any) -> list[str] | None:
        """The names of the database's tables."""
        tables = self.list_table_infos(db_name, schema_name=schema_name, prefix=prefix, **call)
        return None if tables is None else [t['name'] for t in tables]

    def get_table_schema(self, db_name: str, table_name: str, schema_name: str = '', **call: Any) -> dict[str, Any] | None:
        return self._run('get_table_schema', call, lambda: to_dict(self._unary('GetTableSchema', pb.GetTableSchemaRequest(
            database_name=db_name, table_name=table_name, schema_name=schema_name), call).table))

    def drop_table(self, db_name: str, table_name: str, if_exists: bool = True, cascade: bool = False,
                   schema_name: str = '', **call: Any) -> bool | None:
        """Whether a table was dropped (False: there was none and if_exists was set)."""
        return self._run('drop_table', call, lambda: self._unary('DropTable', pb.DropTableRequest(
            database_name=db_name, table_name=table_name, if_exists=if_exists, cascade=cascade,
            schema_name=schema_name), call).dropped)

    def get_table_stats(self, db_name: str, table_name: str, include_columns: bool = True, schema_name: str = '',
                        **call: Any) -> dict[str, Any] | None:
        def work() -> dict[str, Any]:
            r = self._unary('GetTableStats', pb.GetTableStatsRequest(
                database_name=db_name, table_name=table_name, include_columns=include_columns,
                schema_name=schema_name), call)
            out = to_dict(r)
            out['columns'] = [{'name': c.name, 'data_type': c.data_type,
                               'min': from_value(c.min) if c.HasField('min') else None,
                               'max': from_value(c.max) if c.HasField('max') else None,
                               'null_count': c.null_count, 'distinct_count': c.distinct_count} for c in r.columns]
            return out
        return self._run('get_table_stats', call, work)

    def create_view(self, db_name: str, view_name: str, query: str, replace: bool = False, schema_name: str = '',
                    **call: Any) -> dict[str, Any] | None:
        return self._run('create_view', call, lambda: to_dict(self._unary('CreateView', pb.CreateViewRequest(
            database_name=db_name, view_name=view_name, query=query, replace=replace, schema_name=schema_name),
            call).view))

    def list_views(self, db_name: str, schema_name: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_views', call, lambda: [to_dict(v) for v in self._unary('ListViews', pb.ListViewsRequest(
            database_name=db_name, schema_name=schema_name), call).views])

    def drop_view(self, db_name: str, view_name: str, if_exists: bool = True, schema_name: str = '',
                  **call: Any) -> bool | None:
        return self._run('drop_view', call, lambda: self._unary('DropView', pb.DropViewRequest(
            database_name=db_name, view_name=view_name, if_exists=if_exists, schema_name=schema_name), call).dropped)

    def create_function(self, db_name: str, function_name: str, parameters: list[str], body: str,
                        table: bool = False, replace: bool = False, **call: Any) -> dict[str, Any] | None:
        """A DuckDB macro: `body` is an expression over `parameters`, or with table=True a query."""
        return self._run('create_function', call, lambda: to_dict(self._unary('CreateFunction', pb.CreateFunctionRequest(
            database_name=db_name, function_name=function_name, parameters=parameters, body=body,
            table_function=table, replace=replace), call).function))

    def list_functions(self, db_name: str, **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_functions', call, lambda: [to_dict(f) for f in self._unary(
            'ListFunctions', pb.ListFunctionsRequest(database_name=db_name), call).functions])

    def drop_function(self, db_name: str, function_name: str, if_exists: bool = True, table: bool = False,
                      **call: Any) -> bool | None:
        return self._run('drop_function', call, lambda: self._unary('DropFunction', pb.DropFunctionRequest(
            database_name=db_name, function_name=function_name, if_exists=if_exists, table_function=table),
            call).dropped)

    # ---- object storage ----

    def import_from_minio(self, db_name: str, table_name: str, bucket: str, object_key: str,
                          file_format: str | None = None, mode: str | None = None, truncate: bool = False,
                          options: dict[str, Any] | None = None, schema_name: str = '',
                          query_timeout: float | None = None, **call: Any) -> dict[str, Any] | None:
        """Loads a CSV/Parquet/JSON object of one of your buckets into a table (created when missing):
        {'rows_imported', 'execution_time_ms', 'table_created'}. mode: auto, create, append, replace."""
        return self._run('import_from_minio', call, lambda: to_dict(self._unary('ImportFromMinIO', pb.ImportFromMinIORequest(
            database_name=db_name, table_name=table_name, bucket_name=bucket, object_key=object_key,
            format=_format(file_format), mode=_mode(mode), truncate=truncate, options=_strings(options),
            timeout_ms=int((query_timeout or 0) * 1000), schema_name=schema_name), self._q(call, query_timeout))))

    def export_to_minio(self, db_name: str, query: str, bucket: str, object_key: str, file_format: str | None = None,
                        overwrite: bool = True, options: dict[str, Any] | None = None, params: Any = None,
                        query_timeout: float | None = None, **call: Any) -> dict[str, Any] | None:
        """Writes a query's result (or a table) as a CSV/Parquet/JSON object into one of your buckets."""
        return self._run('export_to_minio', call, lambda: to_dict(self._unary('ExportToMinIO', pb.ExportToMinIORequest(
            database_name=db_name, query=query, bucket_name=bucket, object_key=object_key, format=_format(file_format),
            options=_strings(options), overwrite=overwrite, timeout_ms=int((query_timeout or 0) * 1000),
            parameters=to_parameters(params)), self._q(call, query_timeout))))

    def query_minio_file(self, db_name: str, bucket: str, object_key: str, file_format: str | None = None,
                         query: str = '', limit: int = 100, options: dict[str, Any] | None = None,
                         query_timeout: float | None = None, **call: Any) -> list[dict[str, Any]] | None:
        """Queries an object in place; `query` uses $FILE for it (default "SELECT * FROM $FILE")."""
        return self._run('query_minio_file', call, lambda: _result(self._unary('QueryMinIOFile', pb.QueryMinIOFileRequest(
            database_name=db_name, bucket_name=bucket, object_key=object_key, format=_format(file_format), query=query,
            options=_strings(options), limit=limit, timeout_ms=int((query_timeout or 0) * 1000)),
            self._q(call, query_timeout)))['rows'])

    def import_data(self, db_name: str, table_name: str, data: bytes | str | Any | Iterable[bytes], file_format: str,
                    mode: str | None = None, truncate: bool = False, options: dict[str, Any] | None = None,
                    total_size: int | None = None, schema_name: str = '', chunk_size: int = CHUNK,
                    **call: Any) -> dict[str, Any] | None:
        """Streams CSV/Parquet/NDJSON bytes (bytes, str, a binary file, an iterable of chunks) into a table."""
        if total_size is None and isinstance(data, (bytes, bytearray, str)):
            total_size = len(data.encode('utf-8') if isinstance(data, str) else data)

        def requests() -> Iterator[pb.ImportDataRequest]:
            yield pb.ImportDataRequest(header=pb.ImportDataHeader(
                database_name=db_name, table_name=table_name, format=_format(file_format), mode=_mode(mode),
                truncate=truncate, options=_strings(options), total_size=total_size or 0, schema_name=schema_name))
            for chunk in chunks_of(data, chunk_size):
                yield pb.ImportDataRequest(chunk=chunk)

        compression = grpc.Compression.NoCompression if file_format == 'parquet' else None
        return self._run('import_data', call, lambda: to_dict(self._client_stream(
            'ImportData', requests(), call, compression=compression)))

    def import_file(self, db_name: str, table_name: str, file_path: str, file_format: str | None = None,
                    **options: Any) -> dict[str, Any] | None:
        """Streams a local file into a table (format from the file's extension by default)."""
        lower = file_path.lower()
        fmt = file_format or ('parquet' if lower.endswith('.parquet') else
                              'json' if lower.endswith(('.json', '.ndjson', '.jsonl')) else 'csv')
        import os

        def work() -> dict[str, Any] | None:
            with open(file_path, 'rb') as handle:
                return self.import_data(db_name, table_name, handle, fmt,
                                        **{'total_size': os.fstat(handle.fileno()).st_size, **options,
                                           'raise_on_error': True})
        return self._run('import_file', {k: v for k, v in options.items() if k == 'raise_on_error'}, work)

    # ---- extensions ----

    def list_extensions(self, db_name: str = '', **call: Any) -> list[dict[str, Any]] | None:
        return self._run('list_extensions', call, lambda: [to_dict(e) for e in self._unary(
            'ListExtensions', pb.ListExtensionsRequest(database_name=db_name), call).extensions])

    def install_extension(self, db_name: str, extension_name: str, **call: Any) -> dict[str, Any] | None:
        return self._run('install_extension', call, lambda: to_dict(self._unary('InstallExtension', pb.InstallExtensionRequest(
            database_name=db_name, extension_name=extension_name), call).extension))
