import { join } from 'node:path';
import { supabase } from '@isa-cloud/api';
import { z } from 'zod';
import { bool, positiveInt, readConfig } from '../../platform/config.js';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceModule } from '../../platform/service-module.js';
import { AdminGate } from './admin-auth.js';
import type { SqlBackend } from './backend.js';
import { PgliteBackend } from './backend-pglite.js';
import { PostgresBackend } from './backend-postgres.js';
import { Catalog } from './catalog.js';
import { createSupabaseHandlers } from './handlers.js';
import { applyMigrationsDir, BUNDLED_MIGRATIONS } from './migrations.js';
import { defaultTenantRole } from './names.js';
import { SchemaAdmin } from './schema-admin.js';
import type { VectorEnvironment } from './vectors.js';

const identifier = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
  message: 'expected an identifier ([A-Za-z_][A-Za-z0-9_]*, ≤ 63 characters)',
});
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/\S+$/, { message: 'expected postgres://user:password@host:port/database' });

export const supabaseConfigSchema = z.object({
  /** PostgreSQL to use; when neither is set, embedded PGlite (with pgvector) under the data dir. */
  SUPABASE_DATABASE_URL: postgresUrl.optional(),
  DATABASE_URL: postgresUrl.optional(),
  /** Schema of the managed tables. */
  SUPABASE_SCHEMA: identifier.default('public'),
  /** Non-superuser role tenant requests run as (created if missing); default isa_tenant_<digest of db+schema>. */
  SUPABASE_TENANT_ROLE: identifier.optional(),
  /** Token the platform admin sends (x-isa-admin-token) for schema operations; unset disables them. */
  SUPABASE_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Folder of *.sql migrations applied at start (default: the bundled guide tables). */
  SUPABASE_MIGRATIONS_DIR: z.string().optional(),
  SUPABASE_APPLY_MIGRATIONS: bool(true),
  /** Largest page a query returns and most rows one write takes. */
  SUPABASE_MAX_ROWS: positiveInt(10_000),
  SUPABASE_STATEMENT_TIMEOUT_MS: positiveInt(30_000),
  SUPABASE_POOL_SIZE: positiveInt(10),
  /** Create a missing embedding table (dimension of the first vector) on the first upsert. */
  SUPABASE_AUTO_CREATE_EMBEDDING_TABLES: bool(false),
  /** HNSW candidate list per search (pgvector's hnsw.ef_search); raised to 2 × limit when that is larger. */
  SUPABASE_HNSW_EF_SEARCH: positiveInt(40),
});

export type SupabaseConfig = z.infer<typeof supabaseConfigSchema>;

/** Calls that need no tenant: health, and the admin's schema operations (they check the admin token). */
const NO_TENANT = new Set([
  'HealthCheck',
  'CreateTable',
  'ListTables',
  'DescribeTable',
  'DropTable',
  'ApplyMigration',
  'ListMigrations',
  'CreateEmbeddingTable',
  'CreateVectorIndex',
]);

/**
 * Bootstraps the database once (role, schema, extension, migrations). A database that is down at start
 * does not stop the service: it reports NOT_SERVING and retries on the next request or health probe.
 */
class Readiness {
  private done = false;
  private running: Promise<void> | undefined;
  private lastError: unknown;
  private lastAttempt = 0;

  constructor(private readonly bootstrap: () => Promise<void>) {}

  get error(): unknown {
    return this.lastError;
  }

  async ensure(): Promise<void> {
    if (this.done) return;
    if (!this.running && this.lastError !== undefined && Date.now() - this.lastAttempt < 1000) {
      throw this.unavailable();
    }
    this.running ??= (async () => {
      this.lastAttempt = Date.now();
      try {
        await this.bootstrap();
        this.done = true;
        this.lastError = undefined;
      } catch (err) {
        this.lastError = err;
      } finally {
        this.running = undefined;
      }
    })();
    await this.running;
    if (!this.done) throw this.unavailable();
  }

  private unavailable(): ServiceError {
    const err = this.lastError;
    if (err instanceof ServiceError) return err;
    return ServiceError.unavailable(
      `the database is not ready: ${(err as Error)?.message ?? String(err)}`,
      err,
    );
  }
}

export const supabaseModule: ServiceModule = {
  name: 'supabase',
  descriptor: supabase.SupabaseService,
  async create(ctx) {
    const config = readConfig(supabaseConfigSchema, ctx.env);
    const url = config.SUPABASE_DATABASE_URL ?? config.DATABASE_URL;
    const backend: SqlBackend = url
      ? await PostgresBackend.connect({ url, poolSize: config.SUPABASE_POOL_SIZE, logger: ctx.logger })
      : await PgliteBackend.open(join(ctx.dataDir, 'pgdata'));
    const schema = config.SUPABASE_SCHEMA;
    const role = config.SUPABASE_TENANT_ROLE ?? defaultTenantRole(backend.database, schema);
    const catalog = new Catalog(backend, schema);
    const admin = new SchemaAdmin(backend, catalog, schema, role, ctx.logger);
    const migrationsDir = config.SUPABASE_MIGRATIONS_DIR ?? BUNDLED_MIGRATIONS;
    const readiness = new Readiness(async () => {
      await admin.bootstrap();
      if (config.SUPABASE_APPLY_MIGRATIONS) await applyMigrationsDir(admin, migrationsDir, ctx.logger);
    });
    await readiness
      .ensure()
      .catch((err: unknown) => ctx.logger.error({ err }, 'database bootstrap failed; retrying on demand'));
    ctx.logger.info(
      { backend: backend.kind, schema, role, pgvector: admin.vectorEnabled },
      'supabase backend selected',
    );

    const env: VectorEnvironment = {
      backend,
      catalog,
      schema,
      role,
      admin,
      maxRows: config.SUPABASE_MAX_ROWS,
      statementTimeoutMs: config.SUPABASE_STATEMENT_TIMEOUT_MS,
      // Leave room in the gRPC message for framing and the other fields.
      maxResultBytes: Math.max(64 * 1024, ctx.platform.ISA_MAX_MESSAGE_BYTES - 64 * 1024),
      autoCreateTables: config.SUPABASE_AUTO_CREATE_EMBEDDING_TABLES,
      efSearch: Math.min(1000, config.SUPABASE_HNSW_EF_SEARCH),
    };
    const health = async () => {
      try {
        await readiness.ensure();
        const probe = await admin.probe();
        return {
          healthy: true as const,
          version: probe.version,
          vector: probe.vector,
          details: {
            backend: backend.kind,
            schema,
            tenant_role: role,
            pgvector_version: probe.vectorVersion || 'not installed',
          },
        };
      } catch (err) {
        return { healthy: false as const, message: (err as Error).message || String(err) };
      }
    };
    const impl = createSupabaseHandlers({
      env,
      admin,
      gate: new AdminGate(config.SUPABASE_ADMIN_TOKEN),
      ready: () => readiness.ensure(),
      health,
      backendKind: backend.kind,
    });
    return {
      bind: (kit) => kit.bind(supabase.SupabaseService, impl, NO_TENANT),
      async probe() {
        const result = await health();
        return result.healthy
          ? { healthy: true, details: { ...result.details, postgres_version: result.version } }
          : {
              healthy: false,
              message: url
                ? `${result.message} (check SUPABASE_DATABASE_URL / DATABASE_URL)`
                : result.message,
            };
      },
      close: () => backend.close(),
    };
  },
};
