import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeResult } from '../../platform/health.js';
import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import { EngineContext, type EngineLimits } from './context.js';
import { DatabaseOps } from './database-ops.js';
import { ExtensionOps } from './extension-ops.js';
import { FileOps } from './file-ops.js';
import { SchemaOps } from './schema-ops.js';
import { SqlOps } from './sql-ops.js';
import type { TenantFiles } from './tenant-files.js';

export interface EngineMetrics {
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

/**
 * The analytics backend the handlers call: per-tenant DuckDB files, each opened in a sandbox. DuckDB
 * is embedded by nature, so this one adapter is both the production and the embedded backend.
 */
export class DuckDBEngine {
  private readonly context: EngineContext;
  readonly databases: DatabaseOps;
  readonly sql: SqlOps;
  readonly schema: SchemaOps;
  readonly files: FileOps;
  readonly extensions: ExtensionOps;

  constructor(
    private readonly dataDir: string,
    readonly limits: EngineLimits,
    logger: Logger,
  ) {
    const context: EngineContext = new EngineContext(dataDir, limits, logger, (files, name) =>
      ExtensionOps.enabledFor(context, files, name),
    );
    this.context = context;
    this.databases = new DatabaseOps(context);
    this.sql = new SqlOps(context);
    this.schema = new SchemaOps(context);
    this.files = new FileOps(context);
    this.extensions = new ExtensionOps(context);
  }

  tenantFiles(tenant: Tenant): TenantFiles {
    return this.context.files(tenant);
  }

  /** The timeout a request gets (its own, capped, or the default). */
  timeout(requestedMs: number): number {
    return this.context.timeout(requestedMs);
  }

  metrics(): EngineMetrics {
    const m = this.context.metrics;
    return {
      totalQueries: m.total,
      failedQueries: m.failed,
      timedOutQueries: m.timedOut,
      avgQueryTimeMs: m.averageMs,
      p95QueryTimeMs: m.percentileMs(95),
      openDatabases: this.context.pool.openCount,
      activeQueries: m.active,
      preparedStatements: this.context.prepared.size,
      poolHits: this.context.pool.hits,
      poolMisses: this.context.pool.misses,
    };
  }

  /** Really runs a query on the engine and writes to the data directory. */
  async health(): Promise<ProbeResult> {
    try {
      const version = await this.extensions.version();
      await mkdir(this.dataDir, { recursive: true });
      const probe = join(this.dataDir, `.probe-${randomUUID()}`);
      await writeFile(probe, 'ok');
      await rm(probe, { force: true });
      const metrics = this.metrics();
      return {
        healthy: true,
        details: {
          duckdb_version: version,
          open_databases: String(metrics.openDatabases),
          active_queries: String(metrics.activeQueries),
          memory_limit_per_database: this.limits.sandbox.memoryLimit,
          threads_per_database: String(this.limits.sandbox.threads),
        },
      };
    } catch (err) {
      return {
        healthy: false,
        message: `DuckDB engine or data directory unusable: ${(err as Error).message} (check ISA_DATA_DIR is writable)`,
      };
    }
  }

  async close(): Promise<void> {
    await this.context.close();
    await this.extensions.close();
  }
}
