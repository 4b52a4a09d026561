import { join } from 'node:path';
import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Where a tenant's DuckDB files live, and the rules for every name a caller gives us.
 *
 * Layout under the service's data dir:
 *
 *     tenants/{enc(organization id)}/{enc(user id)}/
 *         databases/{enc(database name)}.duckdb        the database (+ .duckdb.wal while open)
 *         databases/{enc(database name)}.meta.json     creation time, metadata, enabled extensions
 *         staging/                                     the only directory the tenant's SQL may touch
 *
 * `enc` keeps [a-z0-9] and writes every other character as "_" followed by two hex digits of its code
 * ("user_123" → "user_5f123", "Alice" → "_41lice"). "_" is itself escaped, so it only ever introduces
 * an escape and the encoding decodes uniquely: two different ids or names never share a directory or
 * file, and capitals are escaped so case-insensitive file systems cannot merge "A" and "a". Encoded
 * segments never contain "/", "." or "..", so a name can never leave its directory. Organization and
 * user are separate directory levels, so (user, org) pairs cannot collide either.
 */
export function encodeSegment(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code > 0x7f) throw new Error('encodeSegment: only ASCII names reach the file system');
    out += /[a-z0-9]/.test(ch) ? ch : `_${code.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export function decodeSegment(encoded: string): string | undefined {
  let out = '';
  for (let i = 0; i < encoded.length; i++) {
    const ch = encoded[i]!;
    if (/[a-z0-9]/.test(ch)) {
      out += ch;
    } else if (ch === '_' && /^[0-9a-f]{2}$/.test(encoded.slice(i + 1, i + 3))) {
      out += String.fromCharCode(Number.parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      return undefined;
    }
  }
  return out;
}

/** The absolute directories of one tenant. */
export interface TenantPaths {
  readonly root: string;
  readonly databases: string;
  readonly staging: string;
}

export function tenantPaths(dataDir: string, tenant: Tenant): TenantPaths {
  const root = join(dataDir, 'tenants', encodeSegment(tenant.organizationId), encodeSegment(tenant.userId));
  return { root, databases: join(root, 'databases'), staging: join(root, 'staging') };
}

export const DATABASE_SUFFIX = '.duckdb';
export const META_SUFFIX = '.meta.json';

export function databaseFile(paths: TenantPaths, name: string): string {
  return join(paths.databases, encodeSegment(name) + DATABASE_SUFFIX);
}

export function metaFile(paths: TenantPaths, name: string): string {
  return join(paths.databases, encodeSegment(name) + META_SUFFIX);
}

/** The database name a file in `databases/` belongs to, or undefined for any other file. */
export function databaseNameOf(fileName: string): string | undefined {
  if (!fileName.endsWith(DATABASE_SUFFIX)) return undefined;
  const name = decodeSegment(fileName.slice(0, -DATABASE_SUFFIX.length));
  return name !== undefined && DATABASE_NAME.test(name) ? name : undefined;
}

const DATABASE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

/** Database names: 1-63 characters from [A-Za-z0-9_-], starting with a letter ("analytics"). */
export function validateDatabaseName(name: string, field = 'database_name'): string {
  if (name === '') throw ServiceError.invalidArgument(field, 'is required');
  if (!DATABASE_NAME.test(name)) {
    throw ServiceError.invalidArgument(
      field,
      'must be 1-63 characters from letters, digits, "_" and "-", starting with a letter (e.g. "analytics")',
    );
  }
  return name;
}

const MAX_IDENTIFIER = 128;

/**
 * Table, view, column, schema and function names. Any printable text is accepted because every one
 * is quoted with quoteIdentifier(), never spliced into SQL as is.
 */
export function validateIdentifier(name: string, field: string): string {
  if (name === '') throw ServiceError.invalidArgument(field, 'is required');
  if (name.length > MAX_IDENTIFIER)
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_IDENTIFIER} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw ServiceError.invalidArgument(field, 'must not contain control characters');
  return name;
}

/** A SQL identifier in double quotes, with embedded quotes doubled. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."name"` (or just `"name"` when no schema is given). */
export function qualifiedName(schema: string, name: string): string {
  return schema ? `${quoteIdentifier(schema)}.${quoteIdentifier(name)}` : quoteIdentifier(name);
}

/** A SQL string literal, with embedded quotes doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

const EXTENSION_NAME = /^[a-z][a-z0-9_]{0,63}$/;

export function validateExtensionName(name: string, field = 'extension_name'): string {
  if (!EXTENSION_NAME.test(name)) {
    throw ServiceError.invalidArgument(field, 'must be a DuckDB extension name such as "json" or "icu"');
  }
  return name;
}

/** Metadata attached to a database: at most 64 entries of short printable text. */
export function validateMetadata(
  metadata: Record<string, string>,
  field = 'metadata',
): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > 64) throw ServiceError.invalidArgument(field, 'at most 64 entries');
  for (const [key, value] of entries) {
    if (key === '' || key.length > 128)
      throw ServiceError.invalidArgument(field, 'keys must be 1-128 characters');
    if (value.length > 1024)
      throw ServiceError.invalidArgument(field, `"${key}": values must be at most 1024 characters`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    if (/[\u0000-\u001f\u007f]/.test(key + value))
      throw ServiceError.invalidArgument(field, `"${key}": must not contain control characters`);
  }
  return metadata;
}
