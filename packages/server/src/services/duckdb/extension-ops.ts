import { mkdir } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { ServiceError } from '../../platform/errors.js';
import type { EngineContext } from './context.js';
import { validateExtensionName } from './names.js';
import type { ExtensionState } from './sandbox.js';
import type { TenantFiles } from './tenant-files.js';

export interface ExtensionRecord extends ExtensionState {
  readonly allowed: boolean;
}

/**
 * Extensions. Tenant databases can never install or load anything themselves (their configuration is
 * locked with external access off); the server installs allow-listed extensions into its own extension
 * directory through a private admin instance that never runs tenant SQL, and loads those a database
 * enabled each time the database opens.
 */
export class ExtensionOps {
  private admin: Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> | undefined;

  constructor(private readonly context: EngineContext) {}

  private adminConnection(): Promise<DuckDBConnection> {
    this.admin ??= (async () => {
      const directory = this.context.limits.sandbox.extensionDirectory;
      await mkdir(directory, { recursive: true });
      const instance = await DuckDBInstance.create(':memory:', {
        extension_directory: directory,
        autoinstall_known_extensions: 'false',
        autoload_known_extensions: 'false',
        allow_community_extensions: 'false',
        allow_unsigned_extensions: 'false',
        threads: '1',
        memory_limit: '64MB',
      });
      return { instance, connection: await instance.connect() };
    })();
    return this.admin.then((a) => a.connection);
  }

  /** The engine's version, from the admin instance (health checks use it). */
  async version(): Promise<string> {
    const connection = await this.adminConnection();
    const reader = await connection.runAndReadAll('SELECT version()');
    return String(reader.getRows()[0]?.[0] ?? '');
  }

  private withAllowed(states: readonly ExtensionState[]): ExtensionRecord[] {
    return states.map((s) => ({ ...s, allowed: this.context.limits.extensionsAllowed.has(s.name) }));
  }

  /** The extensions as the database sees them (loaded ones are usable in its SQL). */
  async list(files: TenantFiles, database: string): Promise<ExtensionRecord[]> {
    if (!database) {
      const connection = await this.adminConnection();
      const reader = await connection.runAndReadAll(
        `SELECT extension_name, loaded, installed, coalesce(extension_version, ''), coalesce(description, '')
           FROM duckdb_extensions() ORDER BY extension_name`,
      );
      return this.withAllowed(
        reader.getRows().map((r) => ({
          name: String(r[0]),
          loaded: r[1] === true,
          installed: r[2] === true,
          version: String(r[3]),
          description: String(r[4]),
        })),
      );
    }
    return this.context.pool.withShared(files, database, async (handle) =>
      this.withAllowed(handle.sandbox.extensions),
    );
  }

  /**
   * Enables an allow-listed extension for a database: installed on the server if needed (downloading
   * only when the server is configured to), recorded for the database, and loaded by reopening it.
   */
  async install(files: TenantFiles, database: string, name: string): Promise<ExtensionRecord> {
    validateExtensionName(name);
    if (!this.context.limits.extensionsAllowed.has(name)) {
      throw ServiceError.permissionDenied(
        `extension "${name}" is not on this server's allow-list (${[...this.context.limits.extensionsAllowed].join(', ') || 'empty'})`,
      );
    }
    const loadedNow = await this.context.pool.withShared(files, database, async (handle) =>
      handle.sandbox.extensions.some((e) => e.name === name && e.loaded),
    );
    if (!loadedNow) {
      await this.ensureInstalled(name);
      await files.updateMeta(database, (meta) => {
        if (!meta.extensions.includes(name)) meta.extensions.push(name);
      });
      // The configuration of an open database is locked: it loads the extension when it reopens.
      await this.context.pool.withExclusive(files, database, (access) => access.close());
    } else {
      await files.updateMeta(database, (meta) => {
        if (!meta.extensions.includes(name)) meta.extensions.push(name);
      });
    }
    const states = await this.list(files, database);
    const state = states.find((s) => s.name === name);
    if (!state?.loaded) throw ServiceError.failedPrecondition(`extension "${name}" did not load`);
    return state;
  }

  private async ensureInstalled(name: string): Promise<void> {
    const connection = await this.adminConnection();
    const reader = await connection.runAndReadAll(
      'SELECT installed OR loaded FROM duckdb_extensions() WHERE extension_name = $1',
      [name],
    );
    if (reader.getRows()[0]?.[0] === true) return;
    if (!this.context.limits.extensionDownload) {
      throw ServiceError.failedPrecondition(
        `extension "${name}" is not installed on this server and downloads are disabled ` +
          '(install it into the server extension directory, or set DUCKDB_EXTENSION_DOWNLOAD=true)',
      );
    }
    try {
      await connection.run(`INSTALL ${name}`);
    } catch (err) {
      throw ServiceError.unavailable(`installing extension "${name}" failed: ${(err as Error).message}`, err);
    }
  }

  async close(): Promise<void> {
    const admin = await this.admin?.catch(() => undefined);
    admin?.connection.closeSync();
    admin?.instance.closeSync();
  }

  /** The extensions a database loads when it opens (those recorded and still allowed). */
  static async enabledFor(context: EngineContext, files: TenantFiles, database: string): Promise<string[]> {
    if (!database) return [];
    const meta = await files.readMeta(database);
    return meta.extensions.filter((e) => context.limits.extensionsAllowed.has(e));
  }
}
