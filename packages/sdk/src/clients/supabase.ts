import {
  create,
  type DescMessage,
  type DescMethod,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, SERVICE_CATALOG, supabase } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { IsaCloudError } from '../errors.js';
import { parseJson, type SupabaseValue, stringifyJson } from './supabase-json.js';

export type { SupabaseValue } from './supabase-json.js';

const { SupabaseService, CountMode, DistanceMetric } = supabase;
const rpc = SupabaseService.method;

/**
 * A row as the service returns it: integers are numbers (bigint beyond 2^53), numeric values numbers,
 * json/jsonb columns objects or arrays, timestamps ISO 8601 strings in UTC, vectors arrays of numbers.
 */
export type SupabaseRow = { [column: string]: SupabaseValue };

export interface SupabaseClientOptions extends ClientOptions {
  /** The platform admin's token (sent as "x-isa-admin-token") for schema operations. */
  adminToken?: string;
}

export interface SupabaseHealth {
  healthy: boolean;
  status: string;
  /** "pglite" (embedded) or "postgres". */
  backend: string;
  message: string;
  postgresVersion: string;
  pgvectorEnabled: boolean;
  details: Record<string, string>;
  checkedAt: Date | undefined;
}

export interface SupabaseQueryOptions extends CallOptions {
  /** "*", "id, name", "alias:column", "column::text", "data->key->>sub" (default "*"). */
  select?: string;
  /** PostgREST filter ("age=gt.25", "or=(a.eq.1,b.eq.2)") or the guide's shorthand ("age>25", "name=Bob"). */
  filter?: string;
  /** "created_at.desc", "age.asc.nullslast,name". */
  order?: string;
  /** Rows per page (default and maximum: the server's SUPABASE_MAX_ROWS). */
  limit?: number;
  offset?: number;
}

export interface SupabaseWriteOptions extends CallOptions {
  /** Columns of the returned rows, in select syntax (default all). */
  returning?: string;
}

export interface SupabaseUpsertOptions extends SupabaseWriteOptions {
  /** Columns of the unique constraint to merge on (default the primary key). */
  onConflict?: string | string[];
  /** Keep existing rows instead of updating them. */
  ignoreDuplicates?: boolean;
}

export interface SupabaseFilterOptions extends SupabaseWriteOptions {
  filter?: string;
  /** Allow an empty filter, i.e. every row of the caller's. */
  force?: boolean;
}

export interface SupabaseBatchInsertResult {
  totalCount: number;
  successCount: number;
  errorCount: number;
  errors: Array<{ rowIndex: number; code: string; message: string }>;
}

export type SupabaseMetric = 'cosine' | 'l2' | 'inner_product';

export interface SupabaseEmbedding {
  id: string;
  embedding: ArrayLike<number>;
  metadata?: Record<string, unknown>;
  /** Text for hybrid (full-text) search. */
  content?: string;
}

export interface SupabaseSearchResult {
  id: string;
  /** Cosine similarity, inner product or 1/(1+L2 distance); for hybrid search the weighted score. */
  similarity: number;
  distance: number;
  metadata: { [key: string]: SupabaseValue };
  content: string;
  /** Hybrid search: the text rank (0..1) and the vector similarity the score combines. */
  textScore: number;
  vectorScore: number;
}

export interface SupabaseSimilarityOptions extends CallOptions {
  /** Default 10. */
  limit?: number;
  /** Filter on columns or metadata keys ("category=eq.tech"). */
  filter?: string;
  /** Minimum similarity. */
  threshold?: number;
  metric?: SupabaseMetric;
}

export interface SupabaseHybridOptions extends CallOptions {
  limit?: number;
  /** Weights of text rank and vector similarity (default 0.5 each). */
  textWeight?: number;
  vectorWeight?: number;
  filter?: string;
}

export interface SupabaseColumnDefinition {
  name: string;
  /** "text", "bigserial", "numeric(10,2)", "jsonb", "timestamptz", "vector(1536)", "text[]", ... */
  type: string;
  /** Default true. */
  nullable?: boolean;
  /** "now()", "0", "'draft'", "'{}'::jsonb", "gen_random_uuid()". */
  defaultValue?: string;
  /** Unique per tenant. */
  unique?: boolean;
}

export interface SupabaseColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  defaultValue: string;
  vectorDimension: number;
}

export interface SupabaseTableInfo {
  name: string;
  columns: SupabaseColumnInfo[];
  primaryKey: string[];
  rowLevelSecurity: boolean;
  embeddingTable: boolean;
  indexes: string[];
}

export interface SupabaseMigration {
  name: string;
  checksum: string;
  appliedAt: Date | undefined;
}

const METRICS: Record<SupabaseMetric, supabase.DistanceMetric> = {
  cosine: DistanceMetric.COSINE,
  l2: DistanceMetric.L2,
  inner_product: DistanceMetric.INNER_PRODUCT,
};

const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);
const rowsOf = (texts: readonly string[]) => texts.map((t) => parseJson(t) as SupabaseRow);
const jsonOrEmpty = (value: Record<string, unknown> | undefined) =>
  value === undefined ? '' : stringifyJson(value);

function metricOf(metric: SupabaseMetric | undefined): supabase.DistanceMetric {
  if (metric === undefined) return DistanceMetric.UNSPECIFIED;
  const value = METRICS[metric];
  if (value === undefined)
    throw new TypeError(`unknown metric "${metric}": expected cosine, l2 or inner_product`);
  return value;
}

function toResult(r: supabase.VectorSearchResult): SupabaseSearchResult {
  return {
    id: r.id,
    similarity: r.similarity,
    distance: r.distance,
    metadata: (r.metadata ? parseJson(r.metadata) : {}) as { [key: string]: SupabaseValue },
    content: r.content,
    textScore: r.textScore,
    vectorScore: r.vectorScore,
  };
}

function toTable(t: supabase.TableInfo | undefined): SupabaseTableInfo {
  return {
    name: t?.name ?? '',
    columns: (t?.columns ?? []).map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      defaultValue: c.defaultValue,
      vectorDimension: c.vectorDimension,
    })),
    primaryKey: t?.primaryKey ?? [],
    rowLevelSecurity: t?.rowLevelSecurity ?? false,
    embeddingTable: t?.embeddingTable ?? false,
    indexes: t?.indexes ?? [],
  };
}

/**
 * PostgreSQL + pgvector (the guide's SupabaseClient). Rows are isolated per tenant by row-level security on
 * the server. Schema operations (createTable, applyMigration, ...) need `adminToken`.
 */
export class SupabaseClient extends BaseClient {
  private readonly adminToken: string | undefined;
  private readonly defaultTimeoutMs: number;

  constructor(options: SupabaseClientOptions = {}) {
    super(SERVICE_CATALOG.get('supabase')!, options);
    this.adminToken = options.adminToken;
    this.defaultTimeoutMs = options.timeoutMs ?? 30_000;
  }

  healthCheck(options: { detailed?: boolean } & CallOptions = {}): Promise<SupabaseHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { detailed: options.detailed ?? false }, options);
      return {
        healthy: r.healthy,
        status: r.status,
        backend: r.backend,
        message: r.message,
        postgresVersion: r.postgresVersion,
        pgvectorEnabled: r.pgvectorEnabled,
        details: r.details,
        checkedAt: date(r.checkedAt),
      };
    });
  }

  // ---- rows ----

  /** The guide's `query(table, select=, filter=, limit=, order=)`: the matching rows. */
  query(table: string, options: SupabaseQueryOptions = {}): Promise<SupabaseRow[] | null> {
    return this.run('query', options, async () =>
      rowsOf((await this.queryRequest(table, options, false)).rows),
    );
  }

  /** Rows of one page and the exact number of rows matching the filter. */
  queryWithCount(
    table: string,
    options: SupabaseQueryOptions = {},
  ): Promise<{ rows: SupabaseRow[]; count: number } | null> {
    return this.run('queryWithCount', options, async () => {
      const r = await this.queryRequest(table, options, true);
      return { rows: rowsOf(r.rows), count: Number(r.count ?? 0n) };
    });
  }

  /** The number of rows matching the filter. */
  count(
    table: string,
    options: Pick<SupabaseQueryOptions, 'filter'> & CallOptions = {},
  ): Promise<number | null> {
    return this.run('count', options, async () => {
      const r = await this.queryRequest(table, { ...options, limit: 1, select: '' }, true);
      return Number(r.count ?? 0n);
    });
  }

  private queryRequest(table: string, options: SupabaseQueryOptions, count: boolean) {
    return this.unary(
      rpc.query,
      {
        table,
        select: options.select ?? '',
        filter: options.filter ?? '',
        order: options.order ?? '',
        limit: options.limit ?? 0,
        offset: options.offset ?? 0,
        count: count ? CountMode.EXACT : CountMode.UNSPECIFIED,
      },
      options,
    );
  }

  /** Inserts one row or many; resolves to the inserted rows (with their defaults and ids). */
  insert(
    table: string,
    rows: Record<string, unknown> | ReadonlyArray<Record<string, unknown>>,
    options: SupabaseWriteOptions = {},
  ): Promise<SupabaseRow[] | null> {
    return this.run('insert', options, async () => {
      const list = Array.isArray(rows) ? rows : [rows];
      const r = await this.unary(
        rpc.insert,
        { table, rows: list.map((row) => stringifyJson(row)), returning: options.returning ?? '' },
        options,
      );
      return rowsOf(r.rows);
    });
  }

  /** Inserts, or updates rows whose unique key exists; resolves to the written rows. */
  upsert(
    table: string,
    rows: Record<string, unknown> | ReadonlyArray<Record<string, unknown>>,
    options: SupabaseUpsertOptions = {},
  ): Promise<SupabaseRow[] | null> {
    return this.run('upsert', options, async () => {
      const list = Array.isArray(rows) ? rows : [rows];
      const onConflict = Array.isArray(options.onConflict)
        ? options.onConflict.join(',')
        : (options.onConflict ?? '');
      const r = await this.unary(
        rpc.upsert,
        {
          table,
          rows: list.map((row) => stringifyJson(row)),
          onConflict,
          ignoreDuplicates: options.ignoreDuplicates ?? false,
          returning: options.returning ?? '',
        },
        options,
      );
      return rowsOf(r.rows);
    });
  }

  /** The guide's `update(table, values, filter=)`: resolves to the updated rows. A filter is required unless `force`. */
  update(
    table: string,
    values: Record<string, unknown>,
    options: SupabaseFilterOptions = {},
  ): Promise<SupabaseRow[] | null> {
    return this.run('update', options, async () => {
      const r = await this.unary(
        rpc.update,
        {
          table,
          values: stringifyJson(values),
          filter: options.filter ?? '',
          force: options.force ?? false,
          returning: options.returning ?? '',
        },
        options,
      );
      return rowsOf(r.rows);
    });
  }

  /** The guide's `delete(table, filter=)`: resolves to the deleted rows. A filter is required unless `force`. */
  delete(table: string, options: SupabaseFilterOptions = {}): Promise<SupabaseRow[] | null> {
    return this.run('delete', options, async () => {
      const r = await this.unary(
        rpc.delete,
        {
          table,
          filter: options.filter ?? '',
          force: options.force ?? false,
          returning: options.returning ?? '',
        },
        options,
      );
      return rowsOf(r.rows);
    });
  }

  /** Inserts in batches (one transaction each), stopping at the first failing batch. */
  batchInsert(
    table: string,
    rows: ReadonlyArray<Record<string, unknown>>,
    options: { batchSize?: number } & CallOptions = {},
  ): Promise<SupabaseBatchInsertResult | null> {
    return this.run('batchInsert', options, async () => {
      const r = await this.unary(
        rpc.batchInsert,
        { table, rows: rows.map((row) => stringifyJson(row)), batchSize: options.batchSize ?? 0 },
        options,
      );
      return {
        totalCount: Number(r.totalCount),
        successCount: Number(r.successCount),
        errorCount: Number(r.errorCount),
        errors: r.errors.map((e) => ({ rowIndex: e.rowIndex, code: e.code, message: e.message })),
      };
    });
  }

  /** Calls a SQL function with named arguments; resolves to its result (an array for set-returning ones). */
  executeRpc(
    functionName: string,
    params: Record<string, unknown> = {},
    options: CallOptions = {},
  ): Promise<SupabaseValue | null> {
    return this.run('executeRpc', options, async () => {
      const r = await this.unary(rpc.executeRpc, { functionName, params: stringifyJson(params) }, options);
      return parseJson(r.result);
    });
  }

  // ---- vectors ----

  /** The guide's `upsert_embedding(table, doc_id, embedding, metadata)`: resolves to the id. */
  upsertEmbedding(
    table: string,
    docId: string,
    embedding: ArrayLike<number>,
    options: { metadata?: Record<string, unknown>; content?: string } & CallOptions = {},
  ): Promise<string | null> {
    return this.run('upsertEmbedding', options, async () => {
      const r = await this.unary(
        rpc.upsertEmbedding,
        {
          table,
          id: docId,
          embedding: Array.from(embedding),
          metadata: jsonOrEmpty(options.metadata),
          content: options.content ?? '',
        },
        options,
      );
      return r.id;
    });
  }

  /** The guide's `batch_upsert_embeddings(table, items)`: resolves to the number written. */
  batchUpsertEmbeddings(
    table: string,
    embeddings: readonly SupabaseEmbedding[],
    options: CallOptions = {},
  ): Promise<number | null> {
    return this.run('batchUpsertEmbeddings', options, async () => {
      const r = await this.unary(
        rpc.batchUpsertEmbeddings,
        {
          table,
          embeddings: embeddings.map((e) => ({
            id: e.id,
            embedding: Array.from(e.embedding),
            metadata: jsonOrEmpty(e.metadata),
            content: e.content ?? '',
          })),
        },
        options,
      );
      return Number(r.successCount);
    });
  }

  deleteEmbedding(table: string, docId: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('deleteEmbedding', options, async () => {
      await this.unary(rpc.deleteEmbedding, { table, id: docId }, options);
      return true as const;
    });
  }

  /** The guide's `similarity_search(table, query_embedding, limit=, filter=, threshold=)`. */
  similaritySearch(
    table: string,
    queryEmbedding: ArrayLike<number>,
    options: SupabaseSimilarityOptions = {},
  ): Promise<SupabaseSearchResult[] | null> {
    return this.run('similaritySearch', options, async () => {
      const r = await this.unary(
        rpc.similaritySearch,
        {
          table,
          queryEmbedding: Array.from(queryEmbedding),
          limit: options.limit ?? 0,
          filter: options.filter ?? '',
          metric: metricOf(options.metric),
          ...(options.threshold === undefined ? {} : { threshold: options.threshold }),
        },
        options,
      );
      return r.results.map(toResult);
    });
  }

  /** The guide's `hybrid_search(table, text_query, vector_query, limit=, text_weight=, vector_weight=)`. */
  hybridSearch(
    table: string,
    textQuery: string,
    vectorQuery: ArrayLike<number>,
    options: SupabaseHybridOptions = {},
  ): Promise<SupabaseSearchResult[] | null> {
    return this.run('hybridSearch', options, async () => {
      const r = await this.unary(
        rpc.hybridSearch,
        {
          table,
          textQuery,
          vectorQuery: Array.from(vectorQuery),
          limit: options.limit ?? 0,
          textWeight: options.textWeight ?? 0,
          vectorWeight: options.vectorWeight ?? 0,
          filter: options.filter ?? '',
        },
        options,
      );
      return r.results.map(toResult);
    });
  }

  // ---- schema (platform admin) ----

  /**
   * One schema call with the admin token in its metadata. Schema operations change the database, so they
   * are sent once (no retries).
   */
  private async admin<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options: CallOptions,
  ): Promise<MessageShape<O>> {
    const metadata = new grpc.Metadata();
    if (this.adminToken) metadata.set('x-isa-admin-token', this.adminToken);
    const timeout = options.timeoutMs ?? this.defaultTimeoutMs;
    try {
      const channel = await this.transport.channel();
      return (await channel.unary(method, create(method.input, request) as AnyMessage, {
        metadata,
        deadline: new Date(Date.now() + timeout),
        signal: options.signal,
      })) as MessageShape<O>;
    } catch (raw) {
      throw IsaCloudError.from(raw, this.serviceName, method.localName);
    }
  }

  createTable(
    table: string,
    columns: readonly SupabaseColumnDefinition[],
    options: { primaryKey?: string[]; ifNotExists?: boolean } & CallOptions = {},
  ): Promise<SupabaseTableInfo | null> {
    return this.run('createTable', options, async () => {
      const r = await this.admin(
        rpc.createTable,
        {
          table,
          columns: columns.map((c) => ({
            name: c.name,
            type: c.type,
            nullable: c.nullable ?? true,
            defaultValue: c.defaultValue ?? '',
            unique: c.unique ?? false,
          })),
          primaryKey: options.primaryKey ?? [],
          ifNotExists: options.ifNotExists ?? false,
        },
        options,
      );
      return toTable(r.table);
    });
  }

  listTables(options: CallOptions = {}): Promise<SupabaseTableInfo[] | null> {
    return this.run('listTables', options, async () =>
      (await this.admin(rpc.listTables, {}, options)).tables.map(toTable),
    );
  }

  describeTable(table: string, options: CallOptions = {}): Promise<SupabaseTableInfo | null> {
    return this.run('describeTable', options, async () =>
      toTable((await this.admin(rpc.describeTable, { table }, options)).table),
    );
  }

  /** Resolves to true when the table was dropped, false when it did not exist (with ifExists). */
  dropTable(table: string, options: { ifExists?: boolean } & CallOptions = {}): Promise<boolean | null> {
    return this.run(
      'dropTable',
      options,
      async () =>
        (await this.admin(rpc.dropTable, { table, ifExists: options.ifExists ?? false }, options)).dropped,
    );
  }

  /** Runs migration SQL once by name; every table of the schema then gets user_id and row-level security. */
  applyMigration(
    name: string,
    sql: string,
    options: CallOptions = {},
  ): Promise<{ applied: boolean; managedTables: string[] } | null> {
    return this.run('applyMigration', options, async () => {
      const r = await this.admin(rpc.applyMigration, { name, sql }, options);
      return { applied: r.applied, managedTables: r.managedTables };
    });
  }

  listMigrations(options: CallOptions = {}): Promise<SupabaseMigration[] | null> {
    return this.run('listMigrations', options, async () =>
      (await this.admin(rpc.listMigrations, {}, options)).migrations.map((m) => ({
        name: m.name,
        checksum: m.checksum,
        appliedAt: date(m.appliedAt),
      })),
    );
  }

  /** An embeddings table (id, content, metadata, embedding vector(dimension)) with an HNSW index. */
  createEmbeddingTable(
    table: string,
    dimension: number,
    options: { metric?: SupabaseMetric } & CallOptions = {},
  ): Promise<SupabaseTableInfo | null> {
    return this.run('createEmbeddingTable', options, async () => {
      const r = await this.admin(
        rpc.createEmbeddingTable,
        { table, dimension, indexMetric: metricOf(options.metric) },
        options,
      );
      return toTable(r.table);
    });
  }

  createVectorIndex(
    table: string,
    options: {
      column?: string;
      metric?: SupabaseMetric;
      m?: number;
      efConstruction?: number;
    } & CallOptions = {},
  ): Promise<{ indexName: string; created: boolean } | null> {
    return this.run('createVectorIndex', options, async () => {
      const r = await this.admin(
        rpc.createVectorIndex,
        {
          table,
          column: options.column ?? '',
          metric: metricOf(options.metric),
          m: options.m ?? 0,
          efConstruction: options.efConstruction ?? 0,
        },
        options,
      );
      return { indexName: r.indexName, created: r.created };
    });
  }
}
