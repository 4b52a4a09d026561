import type { DuckDBConnection } from '@duckdb/node-api';
import { ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { RwLock } from './rw-lock.js';
import { openSandboxed, type Sandbox, type SandboxLimits } from './sandbox.js';
import type { TenantFiles } from './tenant-files.js';

export interface PoolLimits {
  /** Open databases in the whole process. */
  readonly maxOpen: number;
  /** Open databases per tenant: with the per-database memory limit, this bounds a tenant's memory. */
  readonly maxOpenPerTenant: number;
  /** A database nobody used for this long is checkpointed and closed. */
  readonly idleTimeoutMs: number;
}

/** One open database: a sandboxed DuckDB instance and the connections running on it. */
export class DatabaseHandle {
  lastUsed = Date.now();
  /** Prepared statements living on this database; they keep it open. */
  pins = 0;
  /** Set when DuckDB reported the database broken; it is reopened before the next use. */
  broken = false;
  private readonly active = new Set<DuckDBConnection>();

  constructor(
    readonly files: TenantFiles,
    /** The caller's database name, or "" for a scratch in-memory database. */
    readonly name: string,
    readonly sandbox: Sandbox,
  ) {}

  get activeConnections(): number {
    return this.active.size;
  }

  async connect(): Promise<DuckDBConnection> {
    const connection = await this.sandbox.instance.connect();
    this.active.add(connection);
    return connection;
  }

  release(connection: DuckDBConnection): void {
    if (!this.active.delete(connection)) return;
    connection.closeSync();
  }

  interruptAll(): void {
    for (const connection of this.active) connection.interrupt();
  }

  /** Checkpoints (so the file holds everything and the log is empty), records counts, closes. */
  async close(): Promise<{ tableCount: number; viewCount: number } | undefined> {
    let counts: { tableCount: number; viewCount: number } | undefined;
    try {
      if (!this.broken) {
        const connection = await this.sandbox.instance.connect();
        try {
          if (this.name) await connection.run('CHECKPOINT');
          const reader = await connection.runAndReadAll(
            `SELECT (SELECT count(*) FROM duckdb_tables() WHERE NOT internal AND NOT temporary),
                    (SELECT count(*) FROM duckdb_views() WHERE NOT internal AND NOT temporary)`,
          );
          const [tables, views] = reader.getRows()[0] ?? [0, 0];
          counts = { tableCount: Number(tables), viewCount: Number(views) };
        } finally {
          connection.closeSync();
        }
      }
    } finally {
      for (const connection of this.active) connection.closeSync();
      this.active.clear();
      this.sandbox.instance.closeSync();
    }
    return counts;
  }
}

interface Entry {
  readonly key: string;
  readonly tenantKey: string;
  readonly lock: RwLock;
  handle?: DatabaseHandle;
  opening?: Promise<DatabaseHandle>;
}

export interface PoolHooks {
  /** Extensions to load when a database opens. */
  extensionsFor(files: TenantFiles, name: string): Promise<string[]>;
  /** Called before a handle closes (prepared statements on it must go first). */
  beforeClose(handle: DatabaseHandle): void;
  /** Called after a handle closed, with the counts it had. */
  afterClose(
    handle: DatabaseHandle,
    counts: { tableCount: number; viewCount: number } | undefined,
  ): Promise<void>;
}

/** Access to one database under the exclusive lock. */
export interface ExclusiveAccess {
  /** The open handle (opening the database when it exists and is closed; `create` makes a new file). */
  open(options?: { create?: boolean }): Promise<DatabaseHandle>;
  /** Closes the database if it is open (its files can then be replaced or removed). */
  close(): Promise<void>;
}

/**
 * Open databases, shared by the calls that use them and closed when idle. Every use holds the
 * database's readers/writer lock: queries share it, whole-database operations take it exclusively.
 */
export class DatabasePool {
  private readonly entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;
  hits = 0;
  misses = 0;

  constructor(
    private readonly limits: PoolLimits,
    private readonly sandboxLimits: SandboxLimits,
    private readonly hooks: PoolHooks,
    private readonly logger: Logger,
  ) {
    this.timer = setInterval(
      () => void this.evictIdle(Date.now()),
      Math.max(50, Math.min(30_000, limits.idleTimeoutMs / 2)),
    );
    this.timer.unref();
  }

  get openCount(): number {
    let n = 0;
    for (const entry of this.entries.values()) if (entry.handle) n++;
    return n;
  }

  isOpen(files: TenantFiles, name: string): boolean {
    return this.entries.get(keyOf(files, name))?.handle !== undefined;
  }

  /**
   * The database, open, shared with other queries until `release` is called (streams hold a lease for
   * as long as they run).
   */
  async lease(
    files: TenantFiles,
    name: string,
    touch = true,
  ): Promise<{ handle: DatabaseHandle; release: () => void }> {
    const entry = this.entry(files, name);
    const unlock = await entry.lock.shared();
    let handle: DatabaseHandle;
    try {
      handle = await this.ensureOpen(entry, files, name);
    } catch (err) {
      unlock();
      this.forget(entry);
      throw err;
    }
    if (handle.broken) {
      unlock();
      await this.withExclusive(files, name, (access) => access.close());
      return this.lease(files, name, touch);
    }
    if (touch) handle.lastUsed = Date.now();
    let released = false;
    return {
      handle,
      release: () => {
        if (released) return;
        released = true;
        if (touch) handle.lastUsed = Date.now();
        unlock();
        this.forget(entry);
      },
    };
  }

  /**
   * Runs `work` with the database open, sharing it with other queries. Without `touch` the use does
   * not count as activity (listing must not keep idle databases open).
   */
  async withShared<T>(
    files: TenantFiles,
    name: string,
    work: (handle: DatabaseHandle) => Promise<T>,
    touch = true,
  ): Promise<T> {
    const { handle, release } = await this.lease(files, name, touch);
    try {
      return await work(handle);
    } finally {
      release();
    }
  }

  /** Runs `work` on the database only if it is open right now (never opens it, never counts as use). */
  async peek<T>(
    files: TenantFiles,
    name: string,
    work: (handle: DatabaseHandle) => Promise<T>,
  ): Promise<T | undefined> {
    const entry = this.entries.get(keyOf(files, name));
    if (!entry?.handle) return undefined;
    const release = await entry.lock.shared();
    try {
      return entry.handle ? await work(entry.handle) : undefined;
    } finally {
      release();
      this.forget(entry);
    }
  }

  /**
   * Runs `work` alone on the database: it waits for running queries (or interrupts them with
   * `force`) and no query starts until it is done.
   */
  async withExclusive<T>(
    files: TenantFiles,
    name: string,
    work: (access: ExclusiveAccess) => Promise<T>,
    force = false,
  ): Promise<T> {
    const entry = this.entry(files, name);
    if (force) entry.handle?.interruptAll();
    const release = await entry.lock.exclusive();
    try {
      return await work({
        open: (options) => this.ensureOpen(entry, files, name, options?.create ?? false),
        close: () => this.closeEntry(entry),
      });
    } finally {
      release();
      this.forget(entry);
    }
  }

  /** Closes databases idle for longer than the idle timeout. */
  async evictIdle(now: number): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      const handle = entry.handle;
      if (!handle || handle.pins > 0 || now - handle.lastUsed < this.limits.idleTimeoutMs) continue;
      const release = entry.lock.tryExclusive();
      if (!release) continue;
      try {
        await this.closeEntry(entry);
      } catch (err) {
        this.logger.error({ err }, 'closing an idle database failed');
      } finally {
        release();
        this.forget(entry);
      }
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.timer);
    for (const entry of [...this.entries.values()]) {
      entry.handle?.interruptAll();
      const release = await entry.lock.exclusive();
      try {
        await this.closeEntry(entry);
      } catch (err) {
        this.logger.error({ err }, 'closing a database at shutdown failed');
      } finally {
        release();
      }
    }
    this.entries.clear();
  }

  private entry(files: TenantFiles, name: string): Entry {
    const key = keyOf(files, name);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { key, tenantKey: files.key, lock: new RwLock() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private forget(entry: Entry): void {
    if (!entry.handle && !entry.opening && entry.lock.idle && this.entries.get(entry.key) === entry) {
      this.entries.delete(entry.key);
    }
  }

  private async ensureOpen(
    entry: Entry,
    files: TenantFiles,
    name: string,
    create = false,
  ): Promise<DatabaseHandle> {
    if (entry.handle) {
      this.hits++;
      return entry.handle;
    }
    entry.opening ??= this.open(entry, files, name, create).finally(() => {
      entry.opening = undefined;
    });
    return entry.opening;
  }

  private async open(
    entry: Entry,
    files: TenantFiles,
    name: string,
    create: boolean,
  ): Promise<DatabaseHandle> {
    if (!create && !(await files.exists(name))) throw ServiceError.notFound(`database "${name}"`);
    await this.makeRoom(entry);
    this.misses++;
    await files.ensureDirectories();
    const sandbox = await openSandboxed(
      files.databasePath(name),
      files.paths.staging,
      files.spillDir(name),
      this.sandboxLimits,
      await this.hooks.extensionsFor(files, name),
    );
    const handle = new DatabaseHandle(files, name, sandbox);
    entry.handle = handle;
    return handle;
  }

  /** Closes least recently used idle databases until the tenant and the process are under their limits. */
  private async makeRoom(entry: Entry): Promise<void> {
    // Databases still opening count too: they will hold a place as soon as they are open.
    const open = () => [...this.entries.values()].filter((e) => (e.handle || e.opening) && e !== entry);
    const ofTenant = () => open().filter((e) => e.tenantKey === entry.tenantKey);
    while (ofTenant().length >= this.limits.maxOpenPerTenant) {
      if (!(await this.evictOne(ofTenant()))) {
        throw ServiceError.resourceExhausted(
          `too many of your databases are in use at once (at most ${this.limits.maxOpenPerTenant} open at a time)`,
        );
      }
    }
    while (open().length >= this.limits.maxOpen) {
      if (!(await this.evictOne(open()))) {
        throw ServiceError.resourceExhausted('the server has too many databases in use; retry shortly');
      }
    }
  }

  private async evictOne(candidates: Entry[]): Promise<boolean> {
    const ordered = candidates
      .filter((e) => e.handle && e.handle.pins === 0)
      .sort((a, b) => a.handle!.lastUsed - b.handle!.lastUsed);
    for (const candidate of ordered) {
      const release = candidate.lock.tryExclusive();
      if (!release) continue;
      try {
        await this.closeEntry(candidate);
        return true;
      } finally {
        release();
        this.forget(candidate);
      }
    }
    return false;
  }

  /**
   * Closes an entry's database (under its exclusive lock). The handle stays attached until its record
   * is written, so a concurrent listing never reads a record older than the close.
   */
  private async closeEntry(entry: Entry): Promise<void> {
    const handle = entry.handle;
    if (!handle) return;
    try {
      this.hooks.beforeClose(handle);
      const counts = await handle.close();
      await this.hooks.afterClose(handle, counts);
    } finally {
      entry.handle = undefined;
    }
  }
}

function keyOf(files: TenantFiles, name: string): string {
  return `${files.key}\u0000${name}`;
}
