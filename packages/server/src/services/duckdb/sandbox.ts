import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from './names.js';

/** Limits every sandboxed database runs with (per open database). */
export interface SandboxLimits {
  /** DuckDB memory_limit, e.g. "512MB". */
  readonly memoryLimit: string;
  readonly threads: number;
  /** DuckDB max_temp_directory_size: how much a query may spill to disk. */
  readonly maxTempSize: string;
  /** Where the server keeps installed extensions (never inside a tenant's area). */
  readonly extensionDirectory: string;
}

export interface ExtensionState {
  readonly name: string;
  readonly loaded: boolean;
  readonly installed: boolean;
  readonly version: string;
  readonly description: string;
}

export interface Sandbox {
  readonly instance: DuckDBInstance;
  /** The extensions as they were when the configuration was locked (nothing can load after that). */
  readonly extensions: readonly ExtensionState[];
}

/** The settings a sandboxed connection must report; read back after locking. */
function expectedSettings(staging: string): Record<string, string> {
  return {
    enable_external_access: 'false',
    lock_configuration: 'true',
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    allow_persistent_secrets: 'false',
    allowed_directories: staging,
  };
}

export class SandboxError extends Error {
  override readonly name = 'SandboxError';
}

/**
 * Opens a DuckDB database (a file, or ":memory:") for one tenant's SQL.
 *
 * Before any tenant statement can run: the limits are set, the database's enabled extensions are
 * loaded, file access is restricted to the tenant's staging directory (`allowed_directories`), every
 * other external access is switched off (`enable_external_access=false`: no other files, no
 * INSTALL/LOAD, no ATTACH elsewhere, no network) and the configuration is locked so no statement can
 * undo any of it. The settings are then read back and the database refused if any differs.
 */
export async function openSandboxed(
  path: string,
  staging: string,
  spillDir: string,
  limits: SandboxLimits,
  extensions: readonly string[],
): Promise<Sandbox> {
  await mkdir(spillDir, { recursive: true });
  const stagingDir = staging.endsWith('/') ? staging : `${staging}/`;
  const instance = await DuckDBInstance.create(path, {
    memory_limit: limits.memoryLimit,
    threads: String(limits.threads),
    max_temp_directory_size: limits.maxTempSize,
    temp_directory: spillDir,
    extension_directory: limits.extensionDirectory,
    secret_directory: join(limits.extensionDirectory, 'no-secrets'),
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    allow_community_extensions: 'false',
    allow_unsigned_extensions: 'false',
    allow_persistent_secrets: 'false',
  });
  let connection: DuckDBConnection | undefined;
  try {
    connection = await instance.connect();
    // Names come from the server allow-list (validated [a-z0-9_]), so they are safe unquoted.
    for (const name of extensions) await connection.run(`LOAD ${name}`);
    const states = await readExtensions(connection);
    // TIMESTAMPTZ values are rendered in UTC whatever the server's zone (the setting exists with ICU).
    if (states.some((e) => e.name === 'icu' && e.loaded)) await connection.run(`SET TimeZone = 'UTC'`);
    await connection.run(`SET allowed_directories = [${quoteLiteral(stagingDir)}]`);
    await connection.run('SET enable_external_access = false');
    await connection.run('SET lock_configuration = true');
    await verifySettings(connection, stagingDir, limits);
    return { instance, extensions: states };
  } catch (err) {
    connection?.closeSync();
    instance.closeSync();
    throw err;
  } finally {
    connection?.closeSync();
  }
}

async function readExtensions(connection: DuckDBConnection): Promise<ExtensionState[]> {
  const reader = await connection.runAndReadAll(
    `SELECT extension_name, loaded, installed, coalesce(extension_version, ''), coalesce(description, '')
       FROM duckdb_extensions() ORDER BY extension_name`,
  );
  return reader.getRows().map((row) => ({
    name: String(row[0]),
    loaded: row[1] === true,
    installed: row[2] === true,
    version: String(row[3]),
    description: String(row[4]),
  }));
}

async function verifySettings(connection: DuckDBConnection, staging: string, limits: SandboxLimits) {
  const expected = expectedSettings(staging);
  const names = [...Object.keys(expected), 'threads'];
  const reader = await connection.runAndReadAll(
    `SELECT name, value FROM duckdb_settings() WHERE name IN (${names.map(quoteLiteral).join(', ')})`,
  );
  const actual = new Map(reader.getRows().map((row) => [String(row[0]), String(row[1])]));
  const allowed = actual.get('allowed_directories') ?? '';
  for (const [name, value] of Object.entries(expected)) {
    const got = actual.get(name);
    // DuckDB adds the spill directory (inside staging) to the allowed directories itself.
    const ok =
      name === 'allowed_directories'
        ? allowedOnlyWithin(allowed, staging)
        : got?.toLowerCase() === value.toLowerCase();
    if (!ok)
      throw new SandboxError(`sandbox setting ${name} reads back as ${got ?? 'missing'}, expected ${value}`);
  }
  if (actual.get('threads') !== String(limits.threads)) {
    throw new SandboxError(`sandbox setting threads reads back as ${actual.get('threads')}`);
  }
}

/** True when the allowed_directories list ("[/a/, /a/b/]") names only directories inside `staging`. */
function allowedOnlyWithin(list: string, staging: string): boolean {
  const inner = list.replace(/^\[|\]$/g, '').trim();
  if (inner === '') return false;
  return inner.split(',').every((entry) => entry.trim().startsWith(staging));
}
