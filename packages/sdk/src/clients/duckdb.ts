import { createReadStream } from 'node:fs';
import type { DescMessage, DescMethod, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { duckdb, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { chunksOf } from '../byte-source.js';
import {
  type DuckDBColumn,
  type DuckDBParamValue,
  type DuckDBRow,
  type DuckDBSqlValue,
  decodeRows,
  fromProtoValue,
  toColumns,
  toProtoParameters,
} from './duckdb-values.js';

export {
  type DuckDBColumn,
  DuckDBInterval,
  DuckDBParam,
  type DuckDBParamValue,
  type DuckDBRow,
  type DuckDBSqlValue,
  DuckDBTypedParam,
} from './duckdb-values.js';

const { DuckDBService, FileFormat, ImportMode } = duckdb;
const rpc = DuckDBService.method;

const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);
const QUERY_DEADLINE_MARGIN_MS = 5_000;

/** Statement parameters: an array for positional ($1, ?), an object for named ($name). */
export type DuckDBParams = DuckDBParamValue[] | Record<string, DuckDBParamValue>;

export type DuckDBFileFormat = 'csv' | 'parquet' | 'json';
export type DuckDBImportMode = 'auto' | 'create' | 'append' | 'replace';

const FORMATS: Record<DuckDBFileFormat, duckdb.FileFormat> = {
  csv: FileFormat.CSV,
  parquet: FileFormat.PARQUET,
  json: FileFormat.JSON,
};
const MODES: Record<DuckDBImportMode, duckdb.ImportMode> = {
  auto: ImportMode.UNSPECIFIED,
  create: ImportMode.CREATE,
  append: ImportMode.APPEND,
  replace: ImportMode.REPLACE,
};

const formatOf = (format: DuckDBFileFormat | undefined) =>
  format ? FORMATS[format] : FileFormat.UNSPECIFIED;

export interface DuckDBHealth {
  healthy: boolean;
  status: string;
  message: string;
  details: Record<string, string>;
  checkedAt: Date | undefined;
}

export interface DuckDBMetrics {
  totalQueries: number;
  failedQueries: number;
  timedOutQueries: number;
  avgQueryTimeMs: number;
  p95QueryTimeMs: number;
  openDatabases: number;
  activeQueries: number;
  preparedStatements: number;
  poolHits: number;
  poolMisses: number;
}

export interface DuckDBDatabaseInfo {
  /** Your own name for the database ("analytics"). */
  name: string;
  ownerId: string;
  organizationId: string;
  sizeBytes: number;
  tableCount: number;
  viewCount: number;
  createdAt: Date | undefined;
  lastAccessed: Date | undefined;
  metadata: Record<string, string>;
  extensions: string[];
  open: boolean;
}

export interface DuckDBQueryResult {
  columns: DuckDBColumn[];
  rows: DuckDBRow[];
  rowCount: number;
  /** More rows existed than the limit (or the server's cap) let through. */
  truncated: boolean;
  affectedRows: number;
  executionTimeMs: number;
}

export interface DuckDBBatchStatement {
  sql: string;
  params?: DuckDBParams;
}

export interface DuckDBBatchResult {
  results: Array<{
    success: boolean;
    executed: boolean;
    affectedRows: number;
    errorCode: string;
    error: string;
  }>;
  totalExecutionTimeMs: number;
}

export interface DuckDBPreparedStatementInfo {
  statementId: string;
  parameters: Array<{ name: string; type: string }>;
  columns: DuckDBColumn[];
  statementType: string;
  expiresAt: Date | undefined;
}

export interface DuckDBColumnDefinition {
  name: string;
  /** "INTEGER", "VARCHAR", "DECIMAL(10,2)", "INTEGER[]", ... */
  type: string;
  /** Default true; only false adds NOT NULL. */
  nullable?: boolean;
  /** A SQL expression ("0", "'n/a'", "now()"). */
  default?: string;
  primaryKey?: boolean;
  unique?: boolean;
  comment?: string;
}

export interface DuckDBColumnInfo {
  name: string;
  dataType: string;
  nullable: boolean;
  defaultValue: string;
  primaryKey: boolean;
  unique: boolean;
  comment: string;
}

export interface DuckDBTableInfo {
  name: string;
  schemaName: string;
  columns: DuckDBColumnInfo[];
  rowCount: number;
  sizeBytes: number;
  comment: string;
}

export interface DuckDBColumnStats {
  name: string;
  dataType: string;
  min: DuckDBSqlValue | undefined;
  max: DuckDBSqlValue | undefined;
  nullCount: number;
  distinctCount: number;
}

export interface DuckDBTableStats {
  tableName: string;
  rowCount: number;
  sizeBytes: number;
  columnStats: DuckDBColumnStats[];
}

export interface DuckDBViewInfo {
  name: string;
  schemaName: string;
  sql: string;
  columns: Array<{ name: string; type: string }>;
}

export interface DuckDBFunctionInfo {
  name: string;
  parameters: string[];
  functionType: string;
  definition: string;
}

export interface DuckDBExtensionInfo {
  name: string;
  loaded: boolean;
  installed: boolean;
  version: string;
  description: string;
  allowed: boolean;
}

export interface DuckDBImportResult {
  rowsImported: number;
  executionTimeMs: number;
  tableCreated: boolean;
}

export interface DuckDBExportResult {
  rowsExported: number;
  fileSize: number;
  executionTimeMs: number;
}

export interface DuckDBBackupResult {
  bucketName: string;
  objectKey: string;
  sizeBytes: number;
  backupTime: Date | undefined;
}

/** Per-call options of the SQL methods. */
export interface DuckDBQueryOptions extends CallOptions {
  params?: DuckDBParams;
  /** At most this many rows (default: the server's cap, 100000 unless configured). */
  limit?: number;
  /** Server-side timeout: the query is interrupted after this long (default: the server's). */
  queryTimeoutMs?: number;
}

export interface DuckDBImportOptions extends CallOptions {
  /** Default: from the object key's extension. */
  fileFormat?: DuckDBFileFormat;
  mode?: DuckDBImportMode;
  /** Empty an existing table before appending. */
  truncate?: boolean;
  /** Reader options (CSV: header, delim, dateformat, ...). */
  options?: Record<string, string | number | boolean>;
  schemaName?: string;
  queryTimeoutMs?: number;
}

/** Bytes to stream into importData: a buffer, a string, or any (async) iterable of chunks. */
export type DuckDBImportSource = Uint8Array | string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

const stringify = (options: Record<string, string | number | boolean> | undefined) =>
  Object.fromEntries(Object.entries(options ?? {}).map(([k, v]) => [k, String(v)]));

function databaseInfo(d: duckdb.DatabaseInfo | undefined): DuckDBDatabaseInfo {
  return {
    name: d?.name ?? '',
    ownerId: d?.ownerId ?? '',
    organizationId: d?.organizationId ?? '',
    sizeBytes: Number(d?.sizeBytes ?? 0n),
    tableCount: d?.tableCount ?? 0,
    viewCount: d?.viewCount ?? 0,
    createdAt: date(d?.createdAt),
    lastAccessed: date(d?.lastAccessed),
    metadata: d?.metadata ?? {},
    extensions: d?.extensions ?? [],
    open: d?.open ?? false,
  };
}

function tableInfo(t: duckdb.TableInfo | undefined): DuckDBTableInfo {
  return {
    name: t?.name ?? '',
    schemaName: t?.schemaName ?? '',
    rowCount: Number(t?.rowCount ?? 0n),
    sizeBytes: Number(t?.sizeBytes ?? 0n),
    comment: t?.comment ?? '',
    columns: (t?.columns ?? []).map((c) => ({
      name: c.name,
      dataType: c.dataType,
      nullable: c.nullable,
      defaultValue: c.defaultValue,
      primaryKey: c.primaryKey,
      unique: c.unique,
      comment: c.comment,
    })),
  };
}

function extensionInfo(e: duckdb.ExtensionInfo | undefined): DuckDBExtensionInfo {
  return {
    name: e?.name ?? '',
    loaded: e?.loaded ?? false,
    installed: e?.installed ?? false,
    version: e?.version ?? '',
    description: e?.description ?? '',
    allowed: e?.allowed ?? false,
  };
}

function queryResult(r: {
  columns: duckdb.Column[];
  rows?: duckdb.RowBatch | undefined;
  rowCount: bigint;
  truncated: boolean;
  executionTimeMs: number;
  affectedRows?: bigint;
}): DuckDBQueryResult {
  const columns = toColumns(r.columns);
  return {
    columns,
    rows: decodeRows(columns, r.rows),
    rowCount: Number(r.rowCount),
    truncated: r.truncated,
    affectedRows: Number(r.affectedRows ?? 0n),
    executionTimeMs: r.executionTimeMs,
  };
}

function columnDefinitions(
  schema: Record<string, string> | DuckDBColumnDefinition[],
): MessageInitShape<typeof duckdb.ColumnDefinitionSchema>[] {
  const list: DuckDBColumnDefinition[] = Array.isArray(schema)
    ? schema
    : Object.entries(schema).map(([name, type]) => ({ name, type }));
  return list.map((c) => ({
    name: c.name,
    dataType: c.type,
    ...(c.nullable === undefined ? {} : { nullable: c.nullable }),
    defaultValue: c.default ?? '',
    primaryKey: c.primaryKey ?? false,
    unique: c.unique ?? false,
    comment: c.comment ?? '',
  }));
}

/**
 * OLAP analytics (DuckDB), port 50052. Databases are addressed by your own names ("analytics"); the
 * server keeps each tenant's databases apart and runs every statement in a sandbox that can reach no
 * file but your own staging area.
 */
export class DuckDBClient extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super(SERVICE_CATALOG.get('duckdb')!, options);
  }

  /**
   * A call given a server-side query timeout (queryTimeoutMs) and no deadline of its own waits that
   * long plus a margin, so the server's timeout, not the client default, decides.
   */
  protected override unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options?: CallOptions & { queryTimeoutMs?: number },
  ): Promise<MessageShape<O>> {
    const deadline =
      options?.timeoutMs === undefined && options?.queryTimeoutMs
        ? { ...options, timeoutMs: options.queryTimeoutMs + QUERY_DEADLINE_MARGIN_MS }
        : options;
    return super.unary(method, request, deadline);
  }

  healthCheck(options: { detailed?: boolean } & CallOptions = {}): Promise<DuckDBHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { detailed: options.detailed ?? false }, options);
      return {
        healthy: r.healthy,
        status: r.status,
        message: r.message,
        details: r.details,
        checkedAt: date(r.checkedAt),
      };
    });
  }

  getMetrics(options?: CallOptions): Promise<DuckDBMetrics | null> {
    return this.run('getMetrics', options, async () => {
      const r = await this.unary(rpc.getMetrics, {}, options);
      return {
        totalQueries: Number(r.totalQueries),
        failedQueries: Number(r.failedQueries),
        timedOutQueries: Number(r.timedOutQueries),
        avgQueryTimeMs: r.avgQueryTimeMs,
        p95QueryTimeMs: r.p95QueryTimeMs,
        openDatabases: r.openDatabases,
        activeQueries: r.activeQueries,
        preparedStatements: r.preparedStatements,
        poolHits: Number(r.poolHits),
        poolMisses: Number(r.poolMisses),
      };
    });
  }

  // ---- databases ----

  createDatabase(
    dbName: string,
    options: { metadata?: Record<string, string>; ifNotExists?: boolean } & CallOptions = {},
  ): Promise<DuckDBDatabaseInfo | null> {
    return this.run('createDatabase', options, async () => {
      const r = await this.unary(
        rpc.createDatabase,
        { databaseName: dbName, metadata: options.metadata ?? {}, ifNotExists: options.ifNotExists ?? false },
        options,
      );
      return databaseInfo(r.database);
    });
  }

  listDatabases(options: { prefix?: string } & CallOptions = {}): Promise<DuckDBDatabaseInfo[] | null> {
    return this.run('listDatabases', options, async () =>
      (await this.unary(rpc.listDatabases, { prefix: options.prefix ?? '' }, options)).databases.map(
        databaseInfo,
      ),
    );
  }

  getDatabaseInfo(dbName: string, options?: CallOptions): Promise<DuckDBDatabaseInfo | null> {
    return this.run('getDatabaseInfo', options, async () =>
      databaseInfo((await this.unary(rpc.getDatabaseInfo, { databaseName: dbName }, options)).database),
    );
  }

  /** Deletes a database; `force` interrupts queries running on it instead of waiting for them. */
  deleteDatabase(dbName: string, options: { force?: boolean } & CallOptions = {}): Promise<true | null> {
    return this.run('deleteDatabase', options, async () => {
      await this.unary(rpc.deleteDatabase, { databaseName: dbName, force: options.force ?? false }, options);
      return true as const;
    });
  }

  /** Copies a consistent snapshot into one of your buckets (key default: duckdb-backups/{db}/{time}.duckdb). */
  backupDatabase(
    dbName: string,
    bucketName: string,
    options: { objectKey?: string } & CallOptions = {},
  ): Promise<DuckDBBackupResult | null> {
    return this.run('backupDatabase', options, async () => {
      const r = await this.unary(
        rpc.backupDatabase,
        { databaseName: dbName, bucketName, objectKey: options.objectKey ?? '' },
        options,
      );
      return {
        bucketName: r.bucketName,
        objectKey: r.objectKey,
        sizeBytes: Number(r.sizeBytes),
        backupTime: date(r.backupTime),
      };
    });
  }

  restoreDatabase(
    bucketName: string,
    objectKey: string,
    dbName: string,
    options: { overwrite?: boolean } & CallOptions = {},
  ): Promise<DuckDBDatabaseInfo | null> {
    return this.run('restoreDatabase', options, async () => {
      const r = await this.unary(
        rpc.restoreDatabase,
        { bucketName, objectKey, databaseName: dbName, overwrite: options.overwrite ?? false },
        options,
      );
      return databaseInfo(r.database);
    });
  }

  // ---- SQL ----

  /** The rows of a query as objects keyed by column name (see query() for columns and counts). */
  async executeQuery(
    dbName: string,
    sql: string,
    options: DuckDBQueryOptions = {},
  ): Promise<DuckDBRow[] | null> {
    const result = await this.query(dbName, sql, options);
    return result === null ? null : result.rows;
  }

  /** A query's rows with its columns, counts and timing. */
  query(dbName: string, sql: string, options: DuckDBQueryOptions = {}): Promise<DuckDBQueryResult | null> {
    return this.run('executeQuery', options, async () => {
      const r = await this.unary(
        rpc.executeQuery,
        {
          databaseName: dbName,
          sql,
          parameters: toProtoParameters(options.params),
          limit: options.limit ?? 0,
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return queryResult(r);
    });
  }

  /** DuckDB's plan for a statement (`analyze` runs it and adds timings). */
  explainQuery(
    dbName: string,
    sql: string,
    options: { analyze?: boolean } & DuckDBQueryOptions = {},
  ): Promise<string | null> {
    return this.run('explainQuery', options, async () => {
      const r = await this.unary(
        rpc.executeQuery,
        {
          databaseName: dbName,
          sql,
          parameters: toProtoParameters(options.params),
          explain: true,
          analyze: options.analyze ?? false,
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return r.queryPlan;
    });
  }

  /**
   * Streams a query's rows in batches as the server produces them (memory stays at one batch on both
   * sides). Failures throw IsaCloudError; stop early by breaking out of the loop.
   */
  async *executeQueryStream(
    dbName: string,
    sql: string,
    options: Omit<DuckDBQueryOptions, 'throwOnError'> & {
      /** Rows per batch (default 2048). */
      chunkRows?: number;
      onColumns?: (columns: DuckDBColumn[]) => void;
    } = {},
  ): AsyncGenerator<DuckDBRow[]> {
    let columns: DuckDBColumn[] = [];
    const request = {
      databaseName: dbName,
      sql,
      parameters: toProtoParameters(options.params),
      limit: BigInt(options.limit ?? 0),
      timeoutMs: options.queryTimeoutMs ?? 0,
      chunkRows: options.chunkRows ?? 0,
    };
    let first = true;
    for await (const message of this.serverStream(rpc.executeQueryStream, request, options)) {
      if (first) {
        columns = toColumns(message.columns);
        options.onColumns?.(columns);
        first = false;
      }
      if (message.rows && message.rows.rowCount > 0) yield decodeRows(columns, message.rows);
    }
  }

  /** Runs a statement (or a script of several); resolves to the rows it inserted, updated or deleted. */
  executeStatement(
    dbName: string,
    sql: string,
    options: Omit<DuckDBQueryOptions, 'limit'> = {},
  ): Promise<number | null> {
    return this.run('executeStatement', options, async () => {
      const r = await this.unary(
        rpc.executeStatement,
        {
          databaseName: dbName,
          sql,
          parameters: toProtoParameters(options.params),
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return Number(r.affectedRows);
    });
  }

  /**
   * Runs statements in order; by default in one transaction (all or nothing, a failure rejects the
   * call). Without a transaction each statement reports its own outcome.
   */
  executeBatch(
    dbName: string,
    statements: Array<string | DuckDBBatchStatement>,
    options: { useTransaction?: boolean; stopOnError?: boolean; queryTimeoutMs?: number } & CallOptions = {},
  ): Promise<DuckDBBatchResult | null> {
    return this.run('executeBatch', options, async () => {
      const r = await this.unary(
        rpc.executeBatch,
        {
          databaseName: dbName,
          statements: statements.map((s) =>
            typeof s === 'string' ? { sql: s } : { sql: s.sql, parameters: toProtoParameters(s.params) },
          ),
          transaction: options.useTransaction ?? true,
          stopOnError: options.stopOnError ?? false,
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return {
        results: r.results.map((x) => ({
          success: x.success,
          executed: x.executed,
          affectedRows: Number(x.affectedRows),
          errorCode: x.errorCode,
          error: x.error,
        })),
        totalExecutionTimeMs: r.totalExecutionTimeMs,
      };
    });
  }

  /** Prepares a statement on the server; run it with executePrepared, release it with closePreparedStatement. */
  prepareStatement(
    dbName: string,
    sql: string,
    options?: CallOptions,
  ): Promise<DuckDBPreparedStatementInfo | null> {
    return this.run('prepareStatement', options, async () => {
      const r = await this.unary(rpc.prepareStatement, { databaseName: dbName, sql }, options);
      return {
        statementId: r.statementId,
        parameters: r.parameters.map((p) => ({ name: p.name, type: p.type })),
        columns: toColumns(r.columns),
        statementType: r.statementType,
        expiresAt: date(r.expiresAt),
      };
    });
  }

  executePrepared(statementId: string, options: DuckDBQueryOptions = {}): Promise<DuckDBQueryResult | null> {
    return this.run('executePrepared', options, async () => {
      const r = await this.unary(
        rpc.executePrepared,
        {
          statementId,
          parameters: toProtoParameters(options.params),
          limit: options.limit ?? 0,
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return queryResult(r);
    });
  }

  /** Resolves to false when the statement had already expired or been closed. */
  closePreparedStatement(statementId: string, options?: CallOptions): Promise<boolean | null> {
    return this.run(
      'closePreparedStatement',
      options,
      async () => (await this.unary(rpc.closePreparedStatement, { statementId }, options)).closed,
    );
  }

  // ---- schema ----

  /**
   * Creates a table from `{ column: type }` (the guide's form) or column definitions. Columns accept
   * NULL unless a definition says `nullable: false`.
   */
  createTable(
    dbName: string,
    tableName: string,
    schema: Record<string, string> | DuckDBColumnDefinition[],
    options: {
      primaryKeys?: string[];
      ifNotExists?: boolean;
      comment?: string;
      schemaName?: string;
    } & CallOptions = {},
  ): Promise<DuckDBTableInfo | null> {
    return this.run('createTable', options, async () => {
      const r = await this.unary(
        rpc.createTable,
        {
          databaseName: dbName,
          tableName,
          columns: columnDefinitions(schema),
          primaryKeys: options.primaryKeys ?? [],
          ifNotExists: options.ifNotExists ?? false,
          comment: options.comment ?? '',
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      return tableInfo(r.table);
    });
  }

  /** The names of the database's tables. */
  async listTables(
    dbName: string,
    options: { schemaName?: string; prefix?: string } & CallOptions = {},
  ): Promise<string[] | null> {
    const tables = await this.listTableInfos(dbName, options);
    return tables === null ? null : tables.map((t) => t.name);
  }

  /** The database's tables with DuckDB's row estimates (columns: getTableSchema). */
  listTableInfos(
    dbName: string,
    options: { schemaName?: string; prefix?: string } & CallOptions = {},
  ): Promise<DuckDBTableInfo[] | null> {
    return this.run('listTables', options, async () =>
      (
        await this.unary(
          rpc.listTables,
          { databaseName: dbName, schemaName: options.schemaName ?? '', prefix: options.prefix ?? '' },
          options,
        )
      ).tables.map(tableInfo),
    );
  }

  getTableSchema(
    dbName: string,
    tableName: string,
    options: { schemaName?: string } & CallOptions = {},
  ): Promise<DuckDBTableInfo | null> {
    return this.run('getTableSchema', options, async () =>
      tableInfo(
        (
          await this.unary(
            rpc.getTableSchema,
            { databaseName: dbName, tableName, schemaName: options.schemaName ?? '' },
            options,
          )
        ).table,
      ),
    );
  }

  /** Resolves to whether a table was dropped (false: it did not exist and `ifExists` was set). */
  dropTable(
    dbName: string,
    tableName: string,
    options: { ifExists?: boolean; cascade?: boolean; schemaName?: string } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.run('dropTable', options, async () => {
      const r = await this.unary(
        rpc.dropTable,
        {
          databaseName: dbName,
          tableName,
          ifExists: options.ifExists ?? true,
          cascade: options.cascade ?? false,
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      return r.dropped;
    });
  }

  getTableStats(
    dbName: string,
    tableName: string,
    options: { includeColumns?: boolean; schemaName?: string } & CallOptions = {},
  ): Promise<DuckDBTableStats | null> {
    return this.run('getTableStats', options, async () => {
      const r = await this.unary(
        rpc.getTableStats,
        {
          databaseName: dbName,
          tableName,
          includeColumns: options.includeColumns ?? true,
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      return {
        tableName: r.tableName,
        rowCount: Number(r.rowCount),
        sizeBytes: Number(r.sizeBytes),
        columnStats: r.columns.map((c) => ({
          name: c.name,
          dataType: c.dataType,
          min: c.min ? fromProtoValue(c.min) : undefined,
          max: c.max ? fromProtoValue(c.max) : undefined,
          nullCount: Number(c.nullCount),
          distinctCount: Number(c.distinctCount),
        })),
      };
    });
  }

  createView(
    dbName: string,
    viewName: string,
    query: string,
    options: { replace?: boolean; schemaName?: string } & CallOptions = {},
  ): Promise<DuckDBViewInfo | null> {
    return this.run('createView', options, async () => {
      const r = await this.unary(
        rpc.createView,
        {
          databaseName: dbName,
          viewName,
          query,
          replace: options.replace ?? false,
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      const v = r.view;
      return {
        name: v?.name ?? '',
        schemaName: v?.schemaName ?? '',
        sql: v?.sql ?? '',
        columns: (v?.columns ?? []).map((c) => ({ name: c.name, type: c.type })),
      };
    });
  }

  listViews(
    dbName: string,
    options: { schemaName?: string } & CallOptions = {},
  ): Promise<DuckDBViewInfo[] | null> {
    return this.run('listViews', options, async () =>
      (
        await this.unary(
          rpc.listViews,
          { databaseName: dbName, schemaName: options.schemaName ?? '' },
          options,
        )
      ).views.map((v) => ({
        name: v.name,
        schemaName: v.schemaName,
        sql: v.sql,
        columns: v.columns.map((c) => ({ name: c.name, type: c.type })),
      })),
    );
  }

  dropView(
    dbName: string,
    viewName: string,
    options: { ifExists?: boolean; schemaName?: string } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.run('dropView', options, async () => {
      const r = await this.unary(
        rpc.dropView,
        {
          databaseName: dbName,
          viewName,
          ifExists: options.ifExists ?? true,
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      return r.dropped;
    });
  }

  /**
   * Creates a DuckDB macro: `body` is an expression over the parameters, or with `table: true` a
   * query (a table macro).
   */
  createFunction(
    dbName: string,
    functionName: string,
    parameters: string[],
    body: string,
    options: { table?: boolean; replace?: boolean } & CallOptions = {},
  ): Promise<DuckDBFunctionInfo | null> {
    return this.run('createFunction', options, async () => {
      const r = await this.unary(
        rpc.createFunction,
        {
          databaseName: dbName,
          functionName,
          parameters,
          body,
          tableFunction: options.table ?? false,
          replace: options.replace ?? false,
        },
        options,
      );
      const f = r.function;
      return {
        name: f?.name ?? '',
        parameters: f?.parameters ?? [],
        functionType: f?.functionType ?? '',
        definition: f?.definition ?? '',
      };
    });
  }

  listFunctions(dbName: string, options?: CallOptions): Promise<DuckDBFunctionInfo[] | null> {
    return this.run('listFunctions', options, async () =>
      (await this.unary(rpc.listFunctions, { databaseName: dbName }, options)).functions.map((f) => ({
        name: f.name,
        parameters: f.parameters,
        functionType: f.functionType,
        definition: f.definition,
      })),
    );
  }

  dropFunction(
    dbName: string,
    functionName: string,
    options: { ifExists?: boolean; table?: boolean } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.run('dropFunction', options, async () => {
      const r = await this.unary(
        rpc.dropFunction,
        {
          databaseName: dbName,
          functionName,
          ifExists: options.ifExists ?? true,
          tableFunction: options.table ?? false,
        },
        options,
      );
      return r.dropped;
    });
  }

  // ---- object storage ----

  /** Loads a CSV/Parquet/JSON object of one of your buckets into a table (created when missing). */
  importFromMinio(
    dbName: string,
    tableName: string,
    bucket: string,
    objectKey: string,
    options: DuckDBImportOptions = {},
  ): Promise<DuckDBImportResult | null> {
    return this.run('importFromMinio', options, async () => {
      const r = await this.unary(
        rpc.importFromMinIO,
        {
          databaseName: dbName,
          tableName,
          bucketName: bucket,
          objectKey,
          format: formatOf(options.fileFormat),
          mode: MODES[options.mode ?? 'auto'],
          truncate: options.truncate ?? false,
          options: stringify(options.options),
          timeoutMs: options.queryTimeoutMs ?? 0,
          schemaName: options.schemaName ?? '',
        },
        options,
      );
      return {
        rowsImported: Number(r.rowsImported),
        executionTimeMs: r.executionTimeMs,
        tableCreated: r.tableCreated,
      };
    });
  }

  /** Writes a query's result as a CSV/Parquet/JSON object into one of your buckets. */
  exportToMinio(
    dbName: string,
    query: string,
    bucket: string,
    objectKey: string,
    options: {
      fileFormat?: DuckDBFileFormat;
      overwrite?: boolean;
      options?: Record<string, string | number | boolean>;
      params?: DuckDBParams;
      queryTimeoutMs?: number;
    } & CallOptions = {},
  ): Promise<DuckDBExportResult | null> {
    return this.run('exportToMinio', options, async () => {
      const r = await this.unary(
        rpc.exportToMinIO,
        {
          databaseName: dbName,
          query,
          bucketName: bucket,
          objectKey,
          format: formatOf(options.fileFormat),
          options: stringify(options.options),
          overwrite: options.overwrite ?? true,
          timeoutMs: options.queryTimeoutMs ?? 0,
          parameters: toProtoParameters(options.params),
        },
        options,
      );
      return {
        rowsExported: Number(r.rowsExported),
        fileSize: Number(r.fileSize),
        executionTimeMs: r.executionTimeMs,
      };
    });
  }

  /**
   * Queries an object in place: `query` uses `$FILE` for the object as a table (default
   * "SELECT * FROM $FILE"). `dbName` may be "" to use a scratch database.
   */
  async queryMinioFile(
    dbName: string,
    bucket: string,
    objectKey: string,
    options: {
      fileFormat?: DuckDBFileFormat;
      query?: string;
      limit?: number;
      options?: Record<string, string | number | boolean>;
      queryTimeoutMs?: number;
    } & CallOptions = {},
  ): Promise<DuckDBRow[] | null> {
    return this.run('queryMinioFile', options, async () => {
      const r = await this.unary(
        rpc.queryMinIOFile,
        {
          databaseName: dbName,
          bucketName: bucket,
          objectKey,
          format: formatOf(options.fileFormat),
          query: options.query ?? '',
          options: stringify(options.options),
          limit: options.limit ?? 100,
          timeoutMs: options.queryTimeoutMs ?? 0,
        },
        options,
      );
      return queryResult(r).rows;
    });
  }

  /** Streams CSV/Parquet/NDJSON bytes (a buffer, string, file stream...) into a table. */
  importData(
    dbName: string,
    tableName: string,
    data: DuckDBImportSource,
    options: DuckDBImportOptions & { fileFormat: DuckDBFileFormat; totalSize?: number; chunkSize?: number },
  ): Promise<(DuckDBImportResult & { bytesReceived: number }) | null> {
    return this.run('importData', options, async () => {
      const size =
        options.totalSize ??
        (typeof data === 'string'
          ? Buffer.byteLength(data)
          : data instanceof Uint8Array
            ? data.byteLength
            : 0);
      const chunkSize = options.chunkSize ?? 256 * 1024;
      async function* messages() {
        yield {
          message: {
            part: {
              case: 'header' as const,
              value: {
                databaseName: dbName,
                tableName,
                format: FORMATS[options.fileFormat],
                mode: MODES[options.mode ?? 'auto'],
                truncate: options.truncate ?? false,
                options: stringify(options.options),
                totalSize: BigInt(size),
                schemaName: options.schemaName ?? '',
              },
            },
          },
          compress: true,
        };
        for await (const chunk of chunksOf(data, chunkSize)) {
          yield {
            message: { part: { case: 'chunk' as const, value: chunk } },
            compress: options.fileFormat !== 'parquet',
          };
        }
      }
      const r = await this.clientStream(rpc.importData, messages(), options);
      return {
        rowsImported: Number(r.rowsImported),
        bytesReceived: Number(r.bytesReceived),
        executionTimeMs: r.executionTimeMs,
        tableCreated: r.tableCreated,
      };
    });
  }

  /** Streams a local file into a table (the format defaults to the file's extension). */
  importFile(
    dbName: string,
    tableName: string,
    path: string,
    options: DuckDBImportOptions = {},
  ): Promise<(DuckDBImportResult & { bytesReceived: number }) | null> {
    const fileFormat =
      options.fileFormat ??
      (/\.parquet$/i.test(path) ? 'parquet' : /\.(json|ndjson|jsonl)$/i.test(path) ? 'json' : 'csv');
    return this.importData(dbName, tableName, createReadStream(path, { highWaterMark: 256 * 1024 }), {
      ...options,
      fileFormat,
    });
  }

  // ---- extensions ----

  /** Extensions as a database sees them ("" for the server's own list). */
  listExtensions(dbName = '', options?: CallOptions): Promise<DuckDBExtensionInfo[] | null> {
    return this.run('listExtensions', options, async () =>
      (await this.unary(rpc.listExtensions, { databaseName: dbName }, options)).extensions.map(extensionInfo),
    );
  }

  /** Enables an extension of the server's allow-list for a database. */
  installExtension(
    dbName: string,
    extensionName: string,
    options?: CallOptions,
  ): Promise<DuckDBExtensionInfo | null> {
    return this.run('installExtension', options, async () =>
      extensionInfo(
        (await this.unary(rpc.installExtension, { databaseName: dbName, extensionName }, options)).extension,
      ),
    );
  }
}
