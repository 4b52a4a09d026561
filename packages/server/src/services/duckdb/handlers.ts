import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { type Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { duckdb } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import { headerAndChunks } from '../../platform/streams.js';
import type { RunOptions } from './context.js';
import type { DatabaseRecord } from './database-ops.js';
import type { DuckDBEngine } from './engine.js';
import type { ExtensionRecord } from './extension-ops.js';
import { CONTENT_TYPES, type Format, resolveFormat, stagedExtension } from './file-formats.js';
import type { ImportMode } from './file-ops.js';
import { validateDatabaseName, validateIdentifier, validateMetadata } from './names.js';
import type { ObjectBridge } from './objects.js';
import type { ColumnSpec, TableRecord } from './schema.js';
import { schemaOf } from './schema-ops.js';
import type { QueryOutput } from './sql-ops.js';

const { ImportMode: Mode, FileFormat } = duckdb;

const ts = (date: Date): Timestamp => timestampFromDate(date);
const elapsed = (started: number) => performance.now() - started;

function databaseInfo(record: DatabaseRecord, ctx: CallContext) {
  return {
    name: record.name,
    ownerId: ctx.tenant.userId,
    organizationId: ctx.tenant.organizationId,
    sizeBytes: BigInt(record.sizeBytes),
    tableCount: record.tableCount,
    viewCount: record.viewCount,
    createdAt: ts(record.createdAt),
    lastAccessed: ts(record.lastAccessed),
    metadata: record.metadata,
    extensions: record.extensions,
    open: record.open,
  };
}

function tableInfo(table: TableRecord) {
  return {
    name: table.name,
    schemaName: table.schema,
    rowCount: BigInt(table.rowCount),
    sizeBytes: BigInt(table.sizeBytes),
    comment: table.comment,
    columns: table.columns.map((c) => ({ ...c })),
  };
}

function extensionInfo(e: ExtensionRecord) {
  return {
    name: e.name,
    loaded: e.loaded,
    installed: e.installed,
    version: e.version,
    description: e.description,
    allowed: e.allowed,
  };
}

function rowsOf(output: QueryOutput) {
  return {
    columns: output.columns,
    rows: output.batch,
    rowCount: BigInt(output.rowCount),
    truncated: output.truncated,
    affectedRows: BigInt(output.affectedRows),
  };
}

function importMode(mode: duckdb.ImportMode, field: string): ImportMode {
  switch (mode) {
    case Mode.UNSPECIFIED:
      return 'auto';
    case Mode.CREATE:
      return 'create';
    case Mode.APPEND:
      return 'append';
    case Mode.REPLACE:
      return 'replace';
    default:
      throw ServiceError.invalidArgument(field, 'must be CREATE, APPEND, REPLACE or unset');
  }
}

function limitOf(value: number | bigint, field = 'limit'): number {
  const n = Number(value);
  if (n < 0) throw ServiceError.invalidArgument(field, 'must not be negative');
  return n;
}

function backupKey(database: string, at: Date): string {
  return `duckdb-backups/${database}/${at.toISOString().replaceAll(':', '-')}.duckdb`;
}

export function createDuckDBHandlers(
  engine: DuckDBEngine,
  objects: ObjectBridge,
): ServiceImpl<typeof duckdb.DuckDBService> {
  const run = (ctx: CallContext, timeoutMs = 0): RunOptions => ({ timeoutMs, signal: ctx.signal });
  const files = (ctx: CallContext) => engine.tenantFiles(ctx.tenant);
  const db = (name: string) => validateDatabaseName(name);

  /** Downloads an object of the caller's into its staging area, runs `work` on it, removes it. */
  async function withStagedObject<T>(
    ctx: CallContext,
    bucket: string,
    key: string,
    extension: string,
    work: (file: string) => Promise<T>,
  ): Promise<T> {
    const tenant = files(ctx);
    await tenant.ensureDirectories();
    const file = tenant.stagingFile(extension);
    try {
      await objects.download(ctx, bucket, key, file);
      return await work(file);
    } finally {
      await rm(file, { force: true });
    }
  }

  return {
    async healthCheck(req) {
      const checkedAt = ts(new Date());
      const result = await engine.health();
      if (!result.healthy)
        return { healthy: false, status: 'NOT_SERVING', message: result.message, checkedAt };
      return {
        healthy: true,
        status: 'SERVING',
        details: req.detailed ? (result.details ?? {}) : {},
        checkedAt,
      };
    },

    async getMetrics() {
      const m = engine.metrics();
      return {
        totalQueries: BigInt(m.totalQueries),
        failedQueries: BigInt(m.failedQueries),
        timedOutQueries: BigInt(m.timedOutQueries),
        avgQueryTimeMs: m.avgQueryTimeMs,
        p95QueryTimeMs: m.p95QueryTimeMs,
        openDatabases: m.openDatabases,
        activeQueries: m.activeQueries,
        preparedStatements: m.preparedStatements,
        poolHits: BigInt(m.poolHits),
        poolMisses: BigInt(m.poolMisses),
      };
    },

    // ---------------------------------------------------------------- databases

    async createDatabase(req, ctx) {
      const name = db(req.databaseName);
      const metadata = validateMetadata(req.metadata);
      const { record } = await engine.databases.create(files(ctx), name, metadata, req.ifNotExists);
      return { database: databaseInfo(record, ctx) };
    },

    async listDatabases(req, ctx) {
      const records = await engine.databases.list(files(ctx), req.prefix);
      return { databases: records.map((r) => databaseInfo(r, ctx)) };
    },

    async getDatabaseInfo(req, ctx) {
      return {
        database: databaseInfo(await engine.databases.record(files(ctx), db(req.databaseName), true), ctx),
      };
    },

    async deleteDatabase(req, ctx) {
      await engine.databases.delete(files(ctx), db(req.databaseName), req.force);
      return {};
    },

    async backupDatabase(req, ctx) {
      const name = db(req.databaseName);
      const tenant = files(ctx);
      const at = new Date();
      const key = req.objectKey || backupKey(name, at);
      const { file, size } = await engine.databases.snapshot(tenant, name);
      try {
        await objects.upload(ctx, req.bucketName, key, file, 'application/vnd.duckdb', true);
      } finally {
        await rm(file, { force: true });
      }
      return { bucketName: req.bucketName, objectKey: key, sizeBytes: BigInt(size), backupTime: ts(at) };
    },

    async restoreDatabase(req, ctx) {
      const name = db(req.databaseName);
      const tenant = files(ctx);
      await tenant.ensureDirectories();
      const staged = tenant.stagingFile('.duckdb');
      await objects.download(ctx, req.bucketName, req.objectKey, staged);
      const record = await engine.databases.restore(tenant, name, staged, req.overwrite, {
        restored_from: `${req.bucketName}/${req.objectKey}`,
      });
      return { database: databaseInfo(record, ctx) };
    },

    // ---------------------------------------------------------------- SQL

    async executeQuery(req, ctx) {
      const name = db(req.databaseName);
      const started = performance.now();
      if (req.explain || req.analyze) {
        const plan = await engine.sql.explain(
          files(ctx),
          name,
          req.sql,
          req.parameters,
          req.analyze,
          run(ctx, req.timeoutMs),
        );
        return { queryPlan: plan, executionTimeMs: elapsed(started) };
      }
      const output = await engine.sql.query(
        files(ctx),
        name,
        req.sql,
        req.parameters,
        limitOf(req.limit),
        run(ctx, req.timeoutMs),
      );
      return { ...rowsOf(output), executionTimeMs: elapsed(started) };
    },

    async *executeQueryStream(req, ctx) {
      const name = db(req.databaseName);
      const started = performance.now();
      let total = 0;
      let pending: MessageInitShape<typeof duckdb.ExecuteQueryStreamResponseSchema> | undefined;
      const parts = engine.sql.stream(
        files(ctx),
        name,
        req.sql,
        req.parameters,
        limitOf(req.limit),
        req.chunkRows,
        run(ctx, req.timeoutMs),
      );
      // One part is held back so the last message can say it is the last.
      for await (const part of parts) {
        if (pending) yield pending;
        total += part.batch?.rowCount ?? 0;
        pending = { columns: part.columns ?? [], ...(part.batch ? { rows: part.batch } : {}) };
      }
      if (pending)
        yield { ...pending, last: true, totalRows: BigInt(total), executionTimeMs: elapsed(started) };
    },

    async executeStatement(req, ctx) {
      const started = performance.now();
      const affected = await engine.sql.execute(
        files(ctx),
        db(req.databaseName),
        req.sql,
        req.parameters,
        run(ctx, req.timeoutMs),
      );
      return { affectedRows: BigInt(affected), executionTimeMs: elapsed(started) };
    },

    async executeBatch(req, ctx) {
      const started = performance.now();
      const results = await engine.sql.batch(
        files(ctx),
        db(req.databaseName),
        req.statements.map((s) => ({ sql: s.sql, parameters: s.parameters })),
        req.transaction,
        req.stopOnError,
        run(ctx, req.timeoutMs),
      );
      return {
        results: results.map((r) => ({ ...r, affectedRows: BigInt(r.affectedRows) })),
        totalExecutionTimeMs: elapsed(started),
      };
    },

    async prepareStatement(req, ctx) {
      const info = await engine.sql.prepare(files(ctx), db(req.databaseName), req.sql);
      return {
        statementId: info.id,
        parameters: info.parameters,
        columns: info.columns,
        statementType: info.statementType,
        expiresAt: ts(info.expiresAt),
      };
    },

    async executePrepared(req, ctx) {
      if (!req.statementId) throw ServiceError.invalidArgument('statement_id', 'is required');
      const started = performance.now();
      const output = await engine.sql.executePrepared(
        files(ctx),
        req.statementId,
        req.parameters,
        limitOf(req.limit),
        run(ctx, req.timeoutMs),
      );
      return { ...rowsOf(output), executionTimeMs: elapsed(started) };
    },

    async closePreparedStatement(req, ctx) {
      return { closed: engine.sql.closePrepared(files(ctx), req.statementId) };
    },

    // ---------------------------------------------------------------- schema

    async createTable(req, ctx) {
      const columns: ColumnSpec[] = req.columns.map((c) => ({
        name: c.name,
        dataType: c.dataType,
        nullable: c.nullable,
        defaultValue: c.defaultValue,
        primaryKey: c.primaryKey,
        unique: c.unique,
        comment: c.comment,
      }));
      const { table, created } = await engine.schema.createTable(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.tableName,
        columns,
        req.primaryKeys,
        req.ifNotExists,
        req.comment,
        run(ctx),
      );
      return { table: tableInfo(table), created };
    },

    async listTables(req, ctx) {
      const schema = req.schemaName ? validateIdentifier(req.schemaName, 'schema_name') : '';
      const tables = await engine.schema.listTables(
        files(ctx),
        db(req.databaseName),
        schema,
        req.prefix,
        run(ctx),
      );
      return { tables: tables.map(tableInfo) };
    },

    async getTableSchema(req, ctx) {
      const table = await engine.schema.describeTable(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.tableName,
        run(ctx),
      );
      return { table: tableInfo(table) };
    },

    async dropTable(req, ctx) {
      const dropped = await engine.schema.dropTable(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.tableName,
        req.ifExists,
        req.cascade,
        run(ctx),
      );
      return { dropped };
    },

    async getTableStats(req, ctx) {
      const stats = await engine.schema.tableStats(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.tableName,
        req.includeColumns,
        run(ctx),
      );
      return {
        tableName: stats.name,
        rowCount: BigInt(stats.rowCount),
        sizeBytes: BigInt(stats.sizeBytes),
        columns: stats.columns.map((c) => ({
          name: c.name,
          dataType: c.dataType,
          min: c.min,
          max: c.max,
          nullCount: BigInt(c.nullCount),
          distinctCount: BigInt(c.distinctCount),
        })),
      };
    },

    async createView(req, ctx) {
      const view = await engine.schema.createView(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.viewName,
        req.query,
        req.replace,
        run(ctx),
      );
      return { view: { name: view.name, schemaName: view.schema, sql: view.sql, columns: view.columns } };
    },

    async listViews(req, ctx) {
      const schema = req.schemaName ? validateIdentifier(req.schemaName, 'schema_name') : '';
      const views = await engine.schema.listViews(files(ctx), db(req.databaseName), schema, run(ctx));
      return {
        views: views.map((v) => ({ name: v.name, schemaName: v.schema, sql: v.sql, columns: v.columns })),
      };
    },

    async dropView(req, ctx) {
      const dropped = await engine.schema.dropView(
        files(ctx),
        db(req.databaseName),
        schemaOf(req.schemaName),
        req.viewName,
        req.ifExists,
        run(ctx),
      );
      return { dropped };
    },

    async createFunction(req, ctx) {
      const macro = await engine.schema.createMacro(
        files(ctx),
        db(req.databaseName),
        req.functionName,
        req.parameters,
        req.body,
        req.tableFunction,
        req.replace,
        run(ctx),
      );
      return {
        function: {
          name: macro.name,
          parameters: macro.parameters,
          functionType: macro.type,
          definition: macro.definition,
        },
      };
    },

    async listFunctions(req, ctx) {
      const macros = await engine.schema.listMacros(files(ctx), db(req.databaseName), run(ctx));
      return {
        functions: macros.map((m) => ({
          name: m.name,
          parameters: m.parameters,
          functionType: m.type,
          definition: m.definition,
        })),
      };
    },

    async dropFunction(req, ctx) {
      const dropped = await engine.schema.dropMacro(
        files(ctx),
        db(req.databaseName),
        req.functionName,
        req.ifExists,
        req.tableFunction,
        run(ctx),
      );
      return { dropped };
    },

    // ---------------------------------------------------------------- object storage

    async importFromMinIO(req, ctx) {
      const name = db(req.databaseName);
      validateIdentifier(req.tableName, 'table_name');
      const format = resolveFormat(req.format, req.objectKey);
      const mode = importMode(req.mode, 'mode');
      const schema = schemaOf(req.schemaName);
      const started = performance.now();
      const { rows, created } = await withStagedObject(
        ctx,
        req.bucketName,
        req.objectKey,
        stagedExtension(format, req.objectKey),
        (file) =>
          engine.files.importFile(
            files(ctx),
            name,
            {
              schema,
              table: req.tableName,
              file,
              format,
              mode,
              truncate: req.truncate,
              options: req.options,
              field: 'object_key',
            },
            run(ctx, req.timeoutMs),
          ),
      );
      return { rowsImported: BigInt(rows), executionTimeMs: elapsed(started), tableCreated: created };
    },

    async exportToMinIO(req, ctx) {
      const name = db(req.databaseName);
      const format = resolveFormat(req.format, req.objectKey);
      const tenant = files(ctx);
      await tenant.ensureDirectories();
      const file = tenant.stagingFile(`.${format}`);
      const started = performance.now();
      try {
        const { rows, bytes } = await engine.files.exportQuery(
          tenant,
          name,
          req.query,
          req.parameters,
          file,
          format,
          req.options,
          run(ctx, req.timeoutMs),
        );
        await objects.upload(ctx, req.bucketName, req.objectKey, file, CONTENT_TYPES[format], req.overwrite);
        return { rowsExported: BigInt(rows), fileSize: BigInt(bytes), executionTimeMs: elapsed(started) };
      } finally {
        await rm(file, { force: true });
      }
    },

    async queryMinIOFile(req, ctx) {
      const name = req.databaseName ? db(req.databaseName) : '';
      const format = resolveFormat(req.format, req.objectKey);
      const started = performance.now();
      const output = await withStagedObject(
        ctx,
        req.bucketName,
        req.objectKey,
        stagedExtension(format, req.objectKey),
        (file) =>
          engine.files.queryFile(
            files(ctx),
            name,
            req.query,
            file,
            format,
            req.options,
            limitOf(req.limit),
            run(ctx, req.timeoutMs),
          ),
      );
      const { affectedRows: _, ...rows } = rowsOf(output);
      return { ...rows, executionTimeMs: elapsed(started) };
    },

    async importData(requests, ctx) {
      const { header, chunks } = await headerAndChunks(requests);
      const name = db(header.databaseName);
      validateIdentifier(header.tableName, 'header.table_name');
      if (header.format === FileFormat.UNSPECIFIED) {
        throw ServiceError.invalidArgument('header.format', 'is required (CSV, PARQUET or JSON)');
      }
      const format: Format = resolveFormat(header.format, '', 'header.format');
      const mode = importMode(header.mode, 'header.mode');
      const schema = schemaOf(header.schemaName, 'header.schema_name');
      const expected = Number(header.totalSize);
      if (expected < 0) throw ServiceError.invalidArgument('header.total_size', 'must not be negative');
      const limit = engine.limits.maxImportBytes;
      if (expected > limit) {
        throw ServiceError.resourceExhausted(
          `imports are limited to ${limit} bytes (header.total_size is ${expected})`,
        );
      }
      const tenant = files(ctx);
      await tenant.ensureDirectories();
      const file = tenant.stagingFile(`.${format}`);
      const started = performance.now();
      let received = 0;
      async function* counted() {
        for await (const chunk of chunks) {
          received += chunk.byteLength;
          if (received > limit) throw ServiceError.resourceExhausted(`imports are limited to ${limit} bytes`);
          yield chunk;
        }
      }
      try {
        await pipeline(counted(), createWriteStream(file));
        if (expected > 0 && received !== expected) {
          throw ServiceError.invalidArgument(
            'header.total_size',
            `announced ${expected} bytes but the stream carried ${received}`,
          );
        }
        const { rows, created } = await engine.files.importFile(
          tenant,
          name,
          {
            schema,
            table: header.tableName,
            file,
            format,
            mode,
            truncate: header.truncate,
            options: header.options,
            field: 'chunk',
          },
          run(ctx),
        );
        return {
          rowsImported: BigInt(rows),
          bytesReceived: BigInt(received),
          executionTimeMs: elapsed(started),
          tableCreated: created,
        };
      } finally {
        await rm(file, { force: true });
      }
    },

    // ---------------------------------------------------------------- extensions

    async listExtensions(req, ctx) {
      const name = req.databaseName ? db(req.databaseName) : '';
      return { extensions: (await engine.extensions.list(files(ctx), name)).map(extensionInfo) };
    },

    async installExtension(req, ctx) {
      const extension = await engine.extensions.install(files(ctx), db(req.databaseName), req.extensionName);
      return { extension: extensionInfo(extension) };
    },
  };
}
