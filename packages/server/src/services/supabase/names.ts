import { createHash } from 'node:crypto';
import { ServiceError } from '../../platform/errors.js';

/**
 * Names that reach SQL. Tenancy is not a name prefix here: tenants share tables and PostgreSQL's
 * row-level security keeps their rows apart (`user_id = current_setting('isa.user_id')`). What this module
 * guarantees is that no table, column, function or role name can ever change the shape of a statement:
 * names are validated against a strict pattern and always emitted double-quoted.
 */

/** Identifiers: a letter or "_" first, then letters, digits and "_"; at most 63 bytes (PostgreSQL's limit). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Names reserved for the service's own columns and objects. */
export const TENANT_COLUMN = 'user_id';
export const TENANT_SETTING = 'isa.user_id';
export const META_SCHEMA = 'isa_meta';

export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

export function validateIdentifier(field: string, name: string, what = 'name'): string {
  if (name.length === 0) throw ServiceError.invalidArgument(field, `${what} must not be empty`);
  if (!IDENTIFIER.test(name)) {
    throw ServiceError.invalidArgument(
      field,
      `${what} "${printable(name)}" must start with a letter or "_" and contain only letters, digits and "_" (at most 63 characters)`,
    );
  }
  return name;
}

/** Table names as tenants and admins give them; tables of the service's own schema are not reachable. */
export function validateTableName(name: string, field = 'table'): string {
  validateIdentifier(field, name, 'table name');
  if (name.toLowerCase().startsWith('pg_')) {
    throw ServiceError.invalidArgument(field, 'table names starting with "pg_" are reserved');
  }
  return name;
}

/** A double-quoted identifier. Callers validate first; the quoting is the second line of defence. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"schema"."name"` */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/**
 * A single-quoted SQL literal, used only where PostgreSQL accepts no parameter (utility statements such as
 * SET) and only for values already validated against a strict pattern.
 */
export function quoteLiteral(value: string): string {
  if (value.includes('\u0000')) throw new Error('NUL in SQL literal');
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Default name of the non-superuser role tenant requests run as. Roles are cluster-wide in PostgreSQL,
 * so the name carries a digest of the database and schema: services on different databases of one
 * cluster never share (or drop) each other's role.
 */
export function defaultTenantRole(database: string, schema: string): string {
  const digest = createHash('sha256').update(`${database}\u0000${schema}`).digest('hex').slice(0, 10);
  return `isa_tenant_${digest}`;
}

/** For messages: control characters and overlong input shown safely. */
export function printable(value: string, max = 80): string {
  const clean = value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
    /[\u0000-\u001f\u007f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
