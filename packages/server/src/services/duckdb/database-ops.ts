import { copyFile, open, rm, stat } from 'node:fs/promises';
import { ServiceError } from '../../platform/errors.js';
import type { EngineContext } from './context.js';
import type { DatabaseHandle } from './pool.js';
import { openSandboxed } from './sandbox.js';
import type { TenantFiles } from './tenant-files.js';

export interface DatabaseRecord {
  name: string;
  sizeBytes: number;
  tableCount: number;
  viewCount: number;
  createdAt: Date;
  lastAccessed: Date;
  metadata: Record<string, string>;
  extensions: string[];
  open: boolean;
}

/** DuckDB files carry "DUCK" at byte 8: anything else is refused before DuckDB parses it. */
async function looksLikeDuckDB(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(12);
    const { bytesRead } = await handle.read(header, 0, 12, 0);
    return bytesRead === 12 && header.subarray(8, 12).toString('latin1') === 'DUCK';
  } finally {
    await handle.close();
  }
}

async function countObjects(handle: DatabaseHandle): Promise<{ tableCount: number; viewCount: number }> {
  const connection = await handle.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT (SELECT count(*) FROM duckdb_tables() WHERE NOT internal AND NOT temporary),
              (SELECT count(*) FROM duckdb_views() WHERE NOT internal AND NOT temporary)`,
    );
    const [tables, views] = reader.getRows()[0]!;
    return { tableCount: Number(tables), viewCount: Number(views) };
  } finally {
    handle.release(connection);
  }
}

export class DatabaseOps {
  constructor(private readonly context: EngineContext) {}

  /**
   * The database's record. Counts are exact when it is open (or `exact` opens it); a closed one
   * reports the counts it had when it was last closed.
   */
  async record(files: TenantFiles, name: string, exact: boolean): Promise<DatabaseRecord> {
    if (!(await files.exists(name))) throw ServiceError.notFound(`database "${name}"`);
    const live = exact
      ? await this.context.pool.withShared(files, name, countObjects)
      : await this.context.pool.peek(files, name, countObjects);
    // Read after the counts: a close that raced with them has written its record by now.
    const meta = await files.readMeta(name);
    const counts = live ?? meta;
    return {
      name,
      sizeBytes: await files.size(name),
      tableCount: counts.tableCount,
      viewCount: counts.viewCount,
      createdAt: new Date(meta.createdAt),
      lastAccessed: new Date(meta.lastAccessed),
      metadata: meta.metadata,
      extensions: meta.extensions,
      open: this.context.pool.isOpen(files, name),
    };
  }

  async create(
    files: TenantFiles,
    name: string,
    metadata: Record<string, string>,
    ifNotExists: boolean,
  ): Promise<{ record: DatabaseRecord; created: boolean }> {
    const created = await this.context.pool.withExclusive(files, name, async (access) => {
      if (await files.exists(name)) {
        if (ifNotExists) return false;
        throw ServiceError.alreadyExists(`database "${name}"`);
      }
      await files.ensureDirectories();
      await files.writeMeta(name, files.newMeta(metadata));
      try {
        await access.open({ create: true });
      } catch (err) {
        await access.close().catch(() => undefined);
        await files.remove(name);
        throw this.context.mapError(err, 'database_name', files);
      }
      return true;
    });
    return { record: await this.record(files, name, true), created };
  }

  async list(files: TenantFiles, prefix: string): Promise<DatabaseRecord[]> {
    const records: DatabaseRecord[] = [];
    for (const name of await files.list()) {
      if (!name.startsWith(prefix)) continue;
      try {
        records.push(await this.record(files, name, false));
      } catch (err) {
        // Deleted while we listed.
        if (!(err instanceof ServiceError)) throw err;
      }
    }
    return records;
  }

  /** Closes the database (interrupting its queries with `force`) and removes its files. */
  async delete(files: TenantFiles, name: string, force: boolean): Promise<void> {
    await this.context.pool.withExclusive(
      files,
      name,
      async (access) => {
        if (!(await files.exists(name))) throw ServiceError.notFound(`database "${name}"`);
        await access.close();
        await files.remove(name);
      },
      force,
    );
  }

  /**
   * Copies a consistent snapshot of the database into the staging area: with queries held off, a
   * checkpoint leaves the file complete and the log empty, so the copy is the whole database.
   */
  async snapshot(files: TenantFiles, name: string): Promise<{ file: string; size: number }> {
    const target = files.stagingFile('.duckdb');
    await this.context.pool.withExclusive(files, name, async (access) => {
      const handle = await access.open();
      const connection = await handle.connect();
      try {
        await connection.run('CHECKPOINT');
      } catch (err) {
        throw this.context.mapError(err, 'database_name', files);
      } finally {
        handle.release(connection);
      }
      await copyFile(files.databasePath(name), target);
    });
    return { file: target, size: (await stat(target)).size };
  }

  /**
   * Makes a staged DuckDB file database `name`. The file is checked to be a DuckDB database this
   * server can open (in the same sandbox) before anything existing is touched.
   */
  async restore(
    files: TenantFiles,
    name: string,
    staged: string,
    overwrite: boolean,
    metadata: Record<string, string>,
  ): Promise<DatabaseRecord> {
    try {
      if (!(await looksLikeDuckDB(staged))) {
        throw ServiceError.invalidArgument('object_key', 'the object is not a DuckDB database file');
      }
      await this.verifyOpens(files, staged);
      await this.context.pool.withExclusive(files, name, async (access) => {
        if (!overwrite && (await files.exists(name))) {
          throw ServiceError.alreadyExists(`database "${name}" (set overwrite to replace it)`);
        }
        await access.close();
        const previous = (await files.exists(name)) ? await files.readMeta(name) : undefined;
        await files.remove(name);
        await files.install(name, staged);
        await files.writeMeta(name, {
          ...files.newMeta({ ...(previous?.metadata ?? {}), ...metadata }),
          extensions: previous?.extensions ?? [],
        });
      });
      return await this.record(files, name, true);
    } finally {
      await rm(staged, { force: true });
      await rm(`${staged}.wal`, { force: true });
    }
  }

  private async verifyOpens(files: TenantFiles, staged: string): Promise<void> {
    try {
      const sandbox = await openSandboxed(
        staged,
        files.paths.staging,
        files.spillDir('restore-check'),
        this.context.limits.sandbox,
        [],
      );
      try {
        const connection = await sandbox.instance.connect();
        try {
          await connection.run('SELECT count(*) FROM duckdb_tables()');
          await connection.run('CHECKPOINT');
        } finally {
          connection.closeSync();
        }
      } finally {
        sandbox.instance.closeSync();
      }
    } catch (err) {
      const mapped = this.context.mapError(err, 'object_key', files);
      throw ServiceError.invalidArgument(
        'object_key',
        `the object is not a DuckDB database this server can open: ${mapped instanceof Error ? mapped.message : String(mapped)}`,
      );
    }
  }
}
