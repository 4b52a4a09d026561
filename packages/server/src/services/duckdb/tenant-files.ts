import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tenant } from '../../platform/tenancy.js';
import {
  databaseFile,
  databaseNameOf,
  encodeSegment,
  metaFile,
  type TenantPaths,
  tenantPaths,
} from './names.js';

/** What the server records about a database beside the DuckDB file (`{name}.meta.json`). */
export interface DatabaseMeta {
  createdAt: string;
  lastAccessed: string;
  metadata: Record<string, string>;
  /** Extensions enabled with InstallExtension, loaded whenever the database is opened. */
  extensions: string[];
  /** Counts as of the last time the database was closed (exact ones need it open). */
  tableCount: number;
  viewCount: number;
}

function defaultMeta(createdAt: Date): DatabaseMeta {
  return {
    createdAt: createdAt.toISOString(),
    lastAccessed: createdAt.toISOString(),
    metadata: {},
    extensions: [],
    tableCount: 0,
    viewCount: 0,
  };
}

/** A tenant's files on disk: database files, their sidecars and the staging area. */
export class TenantFiles {
  readonly paths: TenantPaths;

  constructor(
    dataDir: string,
    readonly tenant: Tenant,
  ) {
    this.paths = tenantPaths(dataDir, tenant);
  }

  /** Unique per tenant: the key of its databases in the pool. */
  get key(): string {
    return this.paths.root;
  }

  async ensureDirectories(): Promise<void> {
    await mkdir(this.paths.databases, { recursive: true });
    await mkdir(this.paths.staging, { recursive: true });
  }

  databasePath(name: string): string {
    return databaseFile(this.paths, name);
  }

  /** Where a database spills to disk when it exceeds its memory limit (inside staging, as DuckDB requires). */
  spillDir(name: string): string {
    return join(this.paths.staging, 'spill', encodeSegment(name));
  }

  /** A fresh file name in the staging area (the only place tenant SQL and imports touch). */
  stagingFile(extension: string): string {
    return join(this.paths.staging, `${randomUUID()}${extension}`);
  }

  async exists(name: string): Promise<boolean> {
    return stat(this.databasePath(name)).then(
      (s) => s.isFile(),
      () => false,
    );
  }

  async list(): Promise<string[]> {
    const files = await readdir(this.paths.databases).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [] as string[];
      throw err;
    });
    return files
      .map(databaseNameOf)
      .filter((n): n is string => n !== undefined)
      .sort();
  }

  /** Bytes of the database file and its write-ahead log. */
  async size(name: string): Promise<number> {
    const file = this.databasePath(name);
    const sizes = await Promise.all(
      [file, `${file}.wal`].map((f) =>
        stat(f).then(
          (s) => s.size,
          () => 0,
        ),
      ),
    );
    return sizes[0]! + sizes[1]!;
  }

  async readMeta(name: string): Promise<DatabaseMeta> {
    try {
      const parsed = JSON.parse(await readFile(metaFile(this.paths, name), 'utf8')) as Partial<DatabaseMeta>;
      const fallback = defaultMeta(new Date(0));
      return { ...fallback, ...parsed };
    } catch {
      // A database restored or copied in without its sidecar: its file's birth is the best we know.
      const created = await stat(this.databasePath(name)).then(
        (s) => s.birthtime,
        () => new Date(0),
      );
      return defaultMeta(created);
    }
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a sidecar. */
  async writeMeta(name: string, meta: DatabaseMeta): Promise<void> {
    const target = metaFile(this.paths, name);
    const temp = `${target}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(meta, null, 2));
    await rename(temp, target);
  }

  async updateMeta(name: string, change: (meta: DatabaseMeta) => void): Promise<DatabaseMeta> {
    const meta = await this.readMeta(name);
    change(meta);
    await this.writeMeta(name, meta);
    return meta;
  }

  newMeta(metadata: Record<string, string>): DatabaseMeta {
    return { ...defaultMeta(new Date()), metadata };
  }

  /** Removes a database's file, log and sidecar (the database must be closed). */
  async remove(name: string): Promise<void> {
    const file = this.databasePath(name);
    await Promise.all([
      rm(file, { force: true }),
      rm(`${file}.wal`, { force: true }),
      rm(`${file}.tmp`, { recursive: true, force: true }),
      rm(metaFile(this.paths, name), { force: true }),
      rm(this.spillDir(name), { recursive: true, force: true }),
    ]);
  }

  /** Moves a staged DuckDB file into place as database `name` (the database must be closed). */
  async install(name: string, stagedFile: string): Promise<void> {
    const file = this.databasePath(name);
    await rm(`${file}.wal`, { force: true });
    await rename(stagedFile, file);
  }
}
