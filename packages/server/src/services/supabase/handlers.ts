import { type Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { supabase } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import type { AdminGate } from './admin-auth.js';
import { isEmbeddingTable, type TableModel } from './catalog-model.js';
import { TENANT_COLUMN } from './names.js';
import { fromDatabaseError } from './pg-errors.js';
import * as rows from './rows.js';
import { executeRpc } from './rpc.js';
import type { SchemaAdmin, VectorMetric } from './schema-admin.js';
import type { TenantCall } from './tenant-context.js';
import type { VectorEnvironment } from './vectors.js';
import * as vectors from './vectors.js';

const { CountMode, DistanceMetric } = supabase;

const METRICS: Record<supabase.DistanceMetric, VectorMetric> = {
  [DistanceMetric.UNSPECIFIED]: 'cosine',
  [DistanceMetric.COSINE]: 'cosine',
  [DistanceMetric.L2]: 'l2',
  [DistanceMetric.INNER_PRODUCT]: 'inner_product',
};

function metric(value: supabase.DistanceMetric, field = 'metric'): VectorMetric {
  const found = METRICS[value];
  if (!found) throw ServiceError.invalidArgument(field, `unknown metric ${value}`);
  return found;
}

const ts = (date: Date): Timestamp => timestampFromDate(date);

export function tableInfo(table: TableModel) {
  return {
    name: table.name,
    columns: [...table.columns.values()].map((c) => ({
      name: c.name,
      type: c.type,
      nullable: c.nullable,
      defaultValue: c.defaultValue ?? '',
      vectorDimension: c.vectorDimension,
    })),
    primaryKey: [...table.primaryKey],
    rowLevelSecurity: table.managed,
    embeddingTable: isEmbeddingTable(table),
    indexes: [...table.indexes],
  };
}

/** A failed batch as the client sees it: the status name and the message, never backend internals. */
function describeFailure(err: unknown): { code: string; message: string } {
  const mapped = fromDatabaseError(err, 'rows');
  if (mapped instanceof ServiceError)
    return { code: GrpcStatus[mapped.code] ?? String(mapped.code), message: mapped.message };
  return { code: 'INTERNAL', message: 'internal error (see the server log)' };
}

export interface HandlerDeps {
  readonly env: VectorEnvironment;
  readonly admin: SchemaAdmin;
  readonly gate: AdminGate;
  /** Resolves when the database is bootstrapped; throws UNAVAILABLE while it cannot be. */
  ready(): Promise<void>;
  health(): Promise<
    | { healthy: true; version: string; vector: boolean; details: Record<string, string> }
    | { healthy: false; message: string }
  >;
  readonly backendKind: string;
}

export function createSupabaseHandlers(deps: HandlerDeps): ServiceImpl<typeof supabase.SupabaseService> {
  const { env, admin, gate } = deps;

  async function tenant(ctx: CallContext): Promise<TenantCall> {
    const call = { userId: ctx.tenant.userId, signal: ctx.signal, deadline: ctx.deadline };
    await deps.ready();
    return call;
  }

  async function asAdmin(ctx: CallContext): Promise<void> {
    gate.check(ctx);
    await deps.ready();
  }

  return {
    async healthCheck(req) {
      const checkedAt = ts(new Date());
      const result = await deps.health();
      if (!result.healthy) {
        return {
          healthy: false,
          status: 'NOT_SERVING',
          backend: deps.backendKind,
          message: result.message,
          checkedAt,
        };
      }
      return {
        healthy: true,
        status: 'SERVING',
        backend: deps.backendKind,
        postgresVersion: result.version,
        pgvectorEnabled: result.vector,
        details: req.detailed ? result.details : {},
        checkedAt,
      };
    },

    async query(req, ctx) {
      const result = await rows.query(env, await tenant(ctx), {
        table: req.table,
        select: req.select,
        filter: req.filter,
        order: req.order,
        limit: req.limit,
        offset: req.offset,
        count: req.count === CountMode.EXACT,
      });
      return { rows: result.rows, ...(result.count === undefined ? {} : { count: BigInt(result.count) }) };
    },

    async insert(req, ctx) {
      const result = await rows.insert(env, await tenant(ctx), req.table, req.rows, {
        returning: req.returning,
        minimal: req.minimal,
      });
      return { rows: result.rows, count: BigInt(result.count) };
    },

    async upsert(req, ctx) {
      const result = await rows.upsert(
        env,
        await tenant(ctx),
        req.table,
        req.rows,
        req.onConflict,
        req.ignoreDuplicates,
        {
          returning: req.returning,
          minimal: req.minimal,
        },
      );
      return { rows: result.rows, count: BigInt(result.count) };
    },

    async update(req, ctx) {
      const result = await rows.update(env, await tenant(ctx), {
        table: req.table,
        values: req.values,
        filter: req.filter,
        force: req.force,
        returning: req.returning,
        minimal: req.minimal,
      });
      return { rows: result.rows, count: BigInt(result.count) };
    },

    async delete(req, ctx) {
      const result = await rows.remove(env, await tenant(ctx), {
        table: req.table,
        filter: req.filter,
        force: req.force,
        returning: req.returning,
        minimal: req.minimal,
      });
      return { rows: result.rows, count: BigInt(result.count) };
    },

    async batchInsert(req, ctx) {
      const result = await rows.batchInsert(
        env,
        await tenant(ctx),
        req.table,
        req.rows,
        req.batchSize,
        describeFailure,
      );
      return {
        totalCount: BigInt(result.total),
        successCount: BigInt(result.success),
        errorCount: BigInt(result.total - result.success),
        errors: result.errors,
      };
    },

    async executeRpc(req, ctx) {
      return { result: await executeRpc(env, await tenant(ctx), req.functionName, req.params) };
    },

    async upsertEmbedding(req, ctx) {
      await vectors.upsertEmbeddings(
        env,
        await tenant(ctx),
        req.table,
        [{ id: req.id, embedding: req.embedding, metadata: req.metadata, content: req.content }],
        (_, name) => name,
      );
      return { id: req.id };
    },

    async batchUpsertEmbeddings(req, ctx) {
      const count = await vectors.upsertEmbeddings(
        env,
        await tenant(ctx),
        req.table,
        req.embeddings.map((e) => ({
          id: e.id,
          embedding: e.embedding,
          metadata: e.metadata,
          content: e.content,
        })),
        (i, name) => `embeddings[${i}].${name}`,
      );
      return { totalCount: BigInt(req.embeddings.length), successCount: BigInt(count) };
    },

    async deleteEmbedding(req, ctx) {
      await vectors.deleteEmbedding(env, await tenant(ctx), req.table, req.id);
      return {};
    },

    async similaritySearch(req, ctx) {
      const results = await vectors.similaritySearch(env, await tenant(ctx), {
        table: req.table,
        query: req.queryEmbedding,
        limit: req.limit,
        filter: req.filter,
        metric: metric(req.metric),
        threshold: req.threshold,
      });
      return { results };
    },

    async hybridSearch(req, ctx) {
      const results = await vectors.hybridSearch(env, await tenant(ctx), {
        table: req.table,
        text: req.textQuery,
        vector: req.vectorQuery,
        limit: req.limit,
        textWeight: req.textWeight,
        vectorWeight: req.vectorWeight,
        filter: req.filter,
      });
      return { results };
    },

    async createTable(req, ctx) {
      await asAdmin(ctx);
      const result = await admin.createTable(
        req.table,
        req.columns.map((c) => ({
          name: c.name,
          type: c.type,
          nullable: c.nullable,
          defaultValue: c.defaultValue,
          unique: c.unique,
        })),
        req.primaryKey.filter((c) => c !== TENANT_COLUMN),
        req.ifNotExists,
      );
      return { table: tableInfo(result.table), created: result.created };
    },

    async listTables(_req, ctx) {
      await asAdmin(ctx);
      return { tables: (await admin.listTables()).map(tableInfo) };
    },

    async describeTable(req, ctx) {
      await asAdmin(ctx);
      return { table: tableInfo(await admin.describeTable(req.table)) };
    },

    async dropTable(req, ctx) {
      await asAdmin(ctx);
      return { dropped: await admin.dropTable(req.table, req.ifExists) };
    },

    async applyMigration(req, ctx) {
      await asAdmin(ctx);
      const result = await admin.applyMigration(req.name, req.sql);
      return { applied: result.applied, managedTables: result.managed };
    },

    async listMigrations(_req, ctx) {
      await asAdmin(ctx);
      const migrations = await admin.listMigrations();
      return {
        migrations: migrations.map((m) => ({
          name: m.name,
          checksum: m.checksum,
          appliedAt: ts(m.appliedAt),
        })),
      };
    },

    async createEmbeddingTable(req, ctx) {
      await asAdmin(ctx);
      const result = await admin.createEmbeddingTable(
        req.table,
        req.dimension,
        metric(req.indexMetric, 'index_metric'),
      );
      return { table: tableInfo(result.table), created: result.created };
    },

    async createVectorIndex(req, ctx) {
      await asAdmin(ctx);
      return admin.createVectorIndex(
        req.table,
        req.column || 'embedding',
        metric(req.metric),
        req.m,
        req.efConstruction,
      );
    },
  };
}
