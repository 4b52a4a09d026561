"""PostgreSQL + pgvector (Supabase), port 50057."""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from decimal import Decimal
from typing import Any

from ._base import BaseClient, Health
from ._catalog import SERVICES
from ._convert import enum_number, to_dict
from .proto.isa.supabase.v1 import supabase_pb2 as pb

_DECIMAL_MARK = '\u0000isa-decimal:'
_DECIMAL_TEXT = re.compile(r'"\\u0000isa-decimal:(-?[0-9.Ee+-]+)"')


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f'{value} cannot be stored as a JSON number')
        return f'{_DECIMAL_MARK}{format(value, "f")}'
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return '\\x' + bytes(value).hex()
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if hasattr(value, 'tolist'):  # numpy arrays and scalars, when the caller uses them
        return value.tolist()
    raise TypeError(f'a {type(value).__name__} cannot be stored as JSON')


def dumps(value: Any) -> str:
    """JSON for rows: Decimal as exact JSON numbers, datetime/date/time as ISO 8601, UUID as text, bytes
    as PostgreSQL's "\\x..." hex."""
    text = json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False)
    return _DECIMAL_TEXT.sub(r'\1', text) if _DECIMAL_MARK[1:] in text else text


def loads(text: str) -> Any:
    """Rows as the service sends them: integers stay int with every digit, numeric values float."""
    return json.loads(text) if text else None


def _rows(texts: Any) -> list[dict[str, Any]]:
    return [loads(t) for t in texts]


def _search(r: Any) -> dict[str, Any]:
    out = to_dict(r)
    out['metadata'] = loads(r.metadata) if r.metadata else {}
    return out


def _metric(metric: str | None) -> int:
    return enum_number(pb.DistanceMetric.DESCRIPTOR, metric) if metric else pb.DISTANCE_METRIC_UNSPECIFIED


class SupabaseClient(BaseClient):
    """PostgreSQL tables with PostgREST-style filters and pgvector search. Rows are dicts; the server
    keeps tenants apart with real row-level security. Schema operations need ``admin_token``."""

    SERVICE = SERVICES['supabase']

    def __init__(self, *args: Any, admin_token: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.admin_token = admin_token

    def health_check(self, detailed: bool = False, **call: Any) -> Health | None:
        """healthy, status, backend ("pglite"/"postgres"), postgres_version, pgvector_enabled, ..."""
        return self._run('health_check', call, lambda: Health(to_dict(self._unary(
            'HealthCheck', pb.HealthCheckRequest(detailed=detailed), call))))

    # ---- rows ----

    def _query(self, table: str, select: str, filter: str, order: str, limit: int, offset: int, count: bool,
               call: dict[str, Any]) -> Any:
        return self._unary('Query', pb.QueryRequest(
            table=table, select=select, filter=filter, order=order, limit=limit, offset=offset,
            count=pb.COUNT_MODE_EXACT if count else pb.COUNT_MODE_UNSPECIFIED), call)

    def query(self, table: str, select: str = '*', filter: str = '', limit: int = 0, order: str = '',
              offset: int = 0, **call: Any) -> list[dict[str, Any]] | None:
        """The matching rows. `filter`: PostgREST ("age=gt.25", "or=(a.eq.1,b.eq.2)") or the guide's
        shorthand ("age>25", "name=Bob"); `order`: "created_at.desc"."""
        return self._run('query', call, lambda: _rows(self._query(
            table, select, filter, order, limit, offset, False, call).rows))

    def query_with_count(self, table: str, select: str = '*', filter: str = '', limit: int = 0, order: str = '',
                         offset: int = 0, **call: Any) -> dict[str, Any] | None:
        """{'rows': [...], 'count': rows matching the filter (ignoring limit and offset)}."""
        def work() -> dict[str, Any]:
            r = self._query(table, select, filter, order, limit, offset, True, call)
            return {'rows': _rows(r.rows), 'count': r.count}
        return self._run('query_with_count', call, work)

    def count(self, table: str, filter: str = '', **call: Any) -> int | None:
        return self._run('count', call, lambda: self._query(table, '', filter, '', 1, 0, True, call).count)

    def insert(self, table: str, data: dict[str, Any] | list[dict[str, Any]], returning: str = '',
               **call: Any) -> list[dict[str, Any]] | None:
        """Inserts one row or many; returns the inserted rows (with their defaults and ids)."""
        rows = [data] if isinstance(data, dict) else list(data)
        return self._run('insert', call, lambda: _rows(self._unary('Insert', pb.InsertRequest(
            table=table, rows=[dumps(r) for r in rows], returning=returning), call).rows))

    def upsert(self, table: str, data: dict[str, Any] | list[dict[str, Any]], on_conflict: str | list[str] = '',
               ignore_duplicates: bool = False, returning: str = '', **call: Any) -> list[dict[str, Any]] | None:
        """Inserts, or updates rows whose unique key (default the primary key) exists."""
        rows = [data] if isinstance(data, dict) else list(data)
        conflict = ','.join(on_conflict) if isinstance(on_conflict, (list, tuple)) else on_conflict
        return self._run('upsert', call, lambda: _rows(self._unary('Upsert', pb.UpsertRequest(
            table=table, rows=[dumps(r) for r in rows], on_conflict=conflict, ignore_duplicates=ignore_duplicates,
            returning=returning), call).rows))

    def update(self, table: str, data: dict[str, Any], filter: str = '', force: bool = False, returning: str = '',
               **call: Any) -> list[dict[str, Any]] | None:
        """Updates the matching rows; returns them. A filter is required unless force=True."""
        return self._run('update', call, lambda: _rows(self._unary('Update', pb.UpdateRequest(
            table=table, values=dumps(data), filter=filter, force=force, returning=returning), call).rows))

    def delete(self, table: str, filter: str = '', force: bool = False, returning: str = '',
               **call: Any) -> list[dict[str, Any]] | None:
        """Deletes the matching rows; returns them. A filter is required unless force=True."""
        return self._run('delete', call, lambda: _rows(self._unary('Delete', pb.DeleteRequest(
            table=table, filter=filter, force=force, returning=returning), call).rows))

    def batch_insert(self, table: str, rows: list[dict[str, Any]], batch_size: int = 0, **call: Any) -> dict[str, Any] | None:
        """Inserts in batches (one transaction each), stopping at the first failing batch."""
        return self._run('batch_insert', call, lambda: to_dict(self._unary('BatchInsert', pb.BatchInsertRequest(
            table=table, rows=[dumps(r) for r in rows], batch_size=batch_size), call)))

    def execute_rpc(self, function_name: str, params: dict[str, Any] | None = None, **call: Any) -> Any:
        """Calls a SQL function with named arguments; returns its result (a list for set-returning ones)."""
        return self._run('execute_rpc', call, lambda: loads(self._unary('ExecuteRpc', pb.ExecuteRpcRequest(
            function_name=function_name, params=dumps(params or {})), call).result))

    # ---- vectors ----

    def upsert_embedding(self, table: str, doc_id: str, embedding: list[float], metadata: dict[str, Any] | None = None,
                         content: str = '', **call: Any) -> str | None:
        """Stores one embedding (with metadata and text for hybrid search); returns its id."""
        return self._run('upsert_embedding', call, lambda: self._unary('UpsertEmbedding', pb.UpsertEmbeddingRequest(
            table=table, id=doc_id, embedding=list(embedding), metadata=dumps(metadata) if metadata else '',
            content=content), call).id)

    def batch_upsert_embeddings(self, table: str, embeddings: list[dict[str, Any]], **call: Any) -> int | None:
        """Items: {'id', 'embedding', 'metadata'?, 'content'?}; returns how many were written."""
        items = [pb.EmbeddingData(id=str(e['id']), embedding=list(e['embedding']),
                                  metadata=dumps(e['metadata']) if e.get('metadata') else '',
                                  content=e.get('content', '')) for e in embeddings]
        return self._run('batch_upsert_embeddings', call, lambda: self._unary(
            'BatchUpsertEmbeddings', pb.BatchUpsertEmbeddingsRequest(table=table, embeddings=items), call).success_count)

    def delete_embedding(self, table: str, doc_id: str, **call: Any) -> bool | None:
        return self._done('delete_embedding', 'DeleteEmbedding', pb.DeleteEmbeddingRequest(table=table, id=doc_id), call)

    def similarity_search(self, table: str, query_embedding: list[float], limit: int = 10, filter: str = '',
                          threshold: float | None = None, metric: str | None = None,
                          **call: Any) -> list[dict[str, Any]] | None:
        """Nearest documents: dicts with id, similarity, distance, metadata (a dict), content. `filter`
        may name metadata keys ("category=eq.tech"); metric: cosine (default), l2, inner_product."""
        request = pb.SimilaritySearchRequest(table=table, query_embedding=list(query_embedding), limit=limit,
                                             filter=filter, metric=_metric(metric))
        if threshold is not None:
            request.threshold = threshold
        return self._run('similarity_search', call, lambda: [_search(r) for r in self._unary(
            'SimilaritySearch', request, call).results])

    def hybrid_search(self, table: str, text_query: str, vector_query: list[float], limit: int = 10,
                      text_weight: float = 0.5, vector_weight: float = 0.5, filter: str = '',
                      **call: Any) -> list[dict[str, Any]] | None:
        """Full-text rank and vector similarity combined: dicts with id, similarity (the weighted
        score), text_score, vector_score, metadata, content."""
        return self._run('hybrid_search', call, lambda: [_search(r) for r in self._unary('HybridSearch', pb.HybridSearchRequest(
            table=table, text_query=text_query, vector_query=list(vector_query), limit=limit, text_weight=text_weight,
            vector_weight=vector_weight, filter=filter), call).results])

    # ---- schema (platform admin) ----

    def _admin(self, call: dict[str, Any]) -> dict[str, Any]:
        metadata = list(call.get('metadata') or ())
        if self.admin_token:
            metadata.append(('x-isa-admin-token', self.admin_token))
        return {**call, 'metadata': metadata}


    def _admin_call(self, operation: str, rpc: str, request: Any, call: dict[str, Any], pick: Any) -> Any:
        """A schema call: the admin token and no tenant in its metadata, sent once (no retries: schema
        operations change the database)."""
        def work() -> Any:
            method = self._method(rpc)
            metadata = self._admin(call)['metadata']
            timeout = call.get('timeout', self.timeout)
            return pick(self._attempt(method, lambda multi, _: multi(request, timeout=timeout, metadata=metadata)))
        return self._run(operation, call, work)

    def create_table(self, table: str, columns: list[dict[str, Any]], primary_key: list[str] | None = None,
                     if_not_exists: bool = False, **call: Any) -> dict[str, Any] | None:
        """Columns: {'name', 'type', 'nullable' (default True), 'default_value', 'unique'}."""
        defs = [pb.ColumnDefinition(name=c['name'], type=c['type'], nullable=c.get('nullable', True),
                                    default_value=str(c.get('default_value', c.get('default', '')) or ''),
                                    unique=c.get('unique', False)) for c in columns]
        return self._admin_call('create_table', 'CreateTable', pb.CreateTableRequest(
            table=table, columns=defs, primary_key=primary_key or [], if_not_exists=if_not_exists), call,
            lambda r: to_dict(r.table))

    def list_tables(self, **call: Any) -> list[dict[str, Any]] | None:
        return self._admin_call('list_tables', 'ListTables', pb.ListTablesRequest(), call,
                                lambda r: [to_dict(t) for t in r.tables])

    def describe_table(self, table: str, **call: Any) -> dict[str, Any] | None:
        return self._admin_call('describe_table', 'DescribeTable', pb.DescribeTableRequest(table=table), call,
                                lambda r: to_dict(r.table))

    def drop_table(self, table: str, if_exists: bool = False, **call: Any) -> bool | None:
        return self._admin_call('drop_table', 'DropTable', pb.DropTableRequest(table=table, if_exists=if_exists), call,
                                lambda r: r.dropped)

    def apply_migration(self, name: str, sql: str, **call: Any) -> dict[str, Any] | None:
        """Runs migration SQL once by name: {'applied', 'managed_tables'}."""
        return self._admin_call('apply_migration', 'ApplyMigration', pb.ApplyMigrationRequest(name=name, sql=sql), call,
                                to_dict)

    def list_migrations(self, **call: Any) -> list[dict[str, Any]] | None:
        return self._admin_call('list_migrations', 'ListMigrations', pb.ListMigrationsRequest(), call,
                                lambda r: [to_dict(m) for m in r.migrations])

    def create_embedding_table(self, table: str, dimension: int, metric: str | None = None, **call: Any) -> dict[str, Any] | None:
        return self._admin_call('create_embedding_table', 'CreateEmbeddingTable', pb.CreateEmbeddingTableRequest(
            table=table, dimension=dimension, index_metric=_metric(metric)), call, lambda r: to_dict(r.table))

    def create_vector_index(self, table: str, column: str = '', metric: str | None = None, m: int = 0,
                            ef_construction: int = 0, **call: Any) -> dict[str, Any] | None:
        return self._admin_call('create_vector_index', 'CreateVectorIndex', pb.CreateVectorIndexRequest(
            table=table, column=column, metric=_metric(metric), m=m, ef_construction=ef_construction), call, to_dict)
