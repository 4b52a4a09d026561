import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import { isFatal, mapDuckDBError, scrubPaths } from './errors.js';
import { QueryMetrics } from './metrics.js';
import { DatabaseHandle, DatabasePool, type PoolLimits } from './pool.js';
import { PreparedRegistry } from './prepared.js';
import { QueryGuard } from './runner.js';
import { openSandboxed, type SandboxLimits } from './sandbox.js';
import { Slots } from './slots.js';
import { TenantFiles } from './tenant-files.js';

export interface EngineLimits {
  readonly sandbox: SandboxLimits;
  readonly pool: PoolLimits;
  /** Query timeout when a request gives none, and the most a request may ask for. */
  readonly defaultTimeoutMs: number;
  readonly maxTimeoutMs: number;
  /** Rows and (estimated) bytes of one unary result; streams have no such cap. */
  readonly maxResultRows: number;
  readonly maxResultBytes: number;
  readonly preparedTtlMs: number;
  readonly maxPreparedPerTenant: number;
  readonly extensionsAllowed: ReadonlySet<string>;
  /** Whether InstallExtension may download an allowed extension that is not installed yet. */
  readonly extensionDownload: boolean;
  /** Largest file an import may stage. */
  readonly maxImportBytes: number;
  /** Statements executing at once in the process (see slots.ts). */
  readonly maxConcurrentQueries: number;
}

/** How long a statement may run and what cancels it. */
export interface RunOptions {
  /** 0 = the server's default. */
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** A connection to one database for one call, with its timeout guard and failure handling. */
export class Session {
  private finished = false;

  constructor(
    private readonly context: EngineContext,
    readonly files: TenantFiles,
    readonly handle: DatabaseHandle,
    readonly connection: DuckDBConnection,
    readonly guard: QueryGuard,
    private readonly field: string,
    private readonly releaseLease: () => void,
    private readonly done: (outcome: 'ok' | 'failed' | 'timeout') => void,
  ) {}

  /** The status to report for a failure (interruptions first, then DuckDB's error, paths removed). */
  fail(err: unknown, field = this.field): unknown {
    const cause = this.guard.failure(err);
    if (isFatal(cause)) this.handle.broken = true;
    return this.context.mapError(cause, field, this.files);
  }

  close(outcome: 'ok' | 'failed' | 'timeout'): void {
    if (this.finished) return;
    this.finished = true;
    this.guard.dispose();
    this.handle.release(this.connection);
    this.releaseLease();
    this.done(outcome);
  }
}

/** What every engine part shares: the pool, prepared statements, limits, metrics. */
export class EngineContext {
  readonly pool: DatabasePool;
  readonly prepared: PreparedRegistry;
  readonly metrics = new QueryMetrics();
  readonly slots: Slots;

  constructor(
    readonly dataDir: string,
    readonly limits: EngineLimits,
    readonly logger: Logger,
    extensionsFor: (files: TenantFiles, name: string) => Promise<string[]>,
  ) {
    this.slots = new Slots(limits.maxConcurrentQueries);
    this.prepared = new PreparedRegistry(limits.preparedTtlMs, limits.maxPreparedPerTenant);
    this.pool = new DatabasePool(
      limits.pool,
      limits.sandbox,
      {
        extensionsFor,
        beforeClose: (handle) => this.prepared.closeFor(handle),
        afterClose: async (handle, counts) => {
          if (!handle.name || !(await handle.files.exists(handle.name))) return;
          await handle.files.updateMeta(handle.name, (meta) => {
            meta.lastAccessed = new Date(handle.lastUsed).toISOString();
            if (counts) {
              meta.tableCount = counts.tableCount;
              meta.viewCount = counts.viewCount;
            }
          });
        },
      },
      logger,
    );
  }

  files(tenant: Tenant): TenantFiles {
    return new TenantFiles(this.dataDir, tenant);
  }

  /** The timeout a request gets: its own (capped) or the default. */
  timeout(requestedMs: number, field = 'timeout_ms'): number {
    if (requestedMs < 0) throw ServiceError.invalidArgument(field, 'must not be negative');
    if (requestedMs === 0) return this.limits.defaultTimeoutMs;
    return Math.min(requestedMs, this.limits.maxTimeoutMs);
  }

  mapError(err: unknown, field: string, files: TenantFiles): unknown {
    const replacements: Array<[string, string]> = [
      [files.paths.staging, '<staging>'],
      [files.paths.root, '<tenant>'],
      [this.dataDir, '<data>'],
    ];
    return mapDuckDBError(err, field, (message) => scrubPaths(message, replacements));
  }

  /** Opens a session on a database (the database stays leased until the session closes). */
  async session(files: TenantFiles, database: string, field: string, options: RunOptions): Promise<Session> {
    const done = this.metrics.start();
    let lease: { handle: DatabaseHandle; release: () => void } | undefined;
    try {
      lease = await this.pool.lease(files, database);
      const connection = await lease.handle.connect();
      const guard = new QueryGuard(connection, this.timeout(options.timeoutMs), options.signal, this.slots);
      return new Session(this, files, lease.handle, connection, guard, field, lease.release, done);
    } catch (err) {
      lease?.release();
      done('failed');
      throw this.mapError(err, field, files);
    }
  }

  /** Runs `work` in a session and closes it, mapping failures to statuses. */
  async run<T>(
    files: TenantFiles,
    database: string,
    field: string,
    options: RunOptions,
    work: (session: Session) => Promise<T>,
  ): Promise<T> {
    const session = await this.session(files, database, field, options);
    return this.finish(session, work);
  }

  /** Like run(), on a scratch in-memory database with the same sandbox, discarded afterwards. */
  async runScratch<T>(
    files: TenantFiles,
    field: string,
    options: RunOptions,
    work: (session: Session) => Promise<T>,
  ): Promise<T> {
    const done = this.metrics.start();
    const spill = files.spillDir(`scratch-${randomUUID()}`);
    let handle: DatabaseHandle | undefined;
    let session: Session;
    try {
      await files.ensureDirectories();
      const sandbox = await openSandboxed(':memory:', files.paths.staging, spill, this.limits.sandbox, []);
      handle = new DatabaseHandle(files, '', sandbox);
      const connection = await handle.connect();
      const guard = new QueryGuard(connection, this.timeout(options.timeoutMs), options.signal, this.slots);
      session = new Session(this, files, handle, connection, guard, field, () => undefined, done);
    } catch (err) {
      await handle?.close().catch(() => undefined);
      await rm(spill, { recursive: true, force: true });
      done('failed');
      throw this.mapError(err, field, files);
    }
    try {
      return await this.finish(session, work);
    } finally {
      await handle.close().catch(() => undefined);
      await rm(spill, { recursive: true, force: true });
    }
  }

  private async finish<T>(session: Session, work: (session: Session) => Promise<T>): Promise<T> {
    try {
      const result = await session.guard.hold(() => work(session));
      session.guard.check();
      session.close('ok');
      return result;
    } catch (err) {
      const failure = session.fail(err);
      session.close(
        failure instanceof ServiceError && failure.code === GrpcStatus.DEADLINE_EXCEEDED
          ? 'timeout'
          : 'failed',
      );
      throw failure;
    }
  }

  async close(): Promise<void> {
    this.prepared.closeAll();
    await this.pool.closeAll();
  }
}
