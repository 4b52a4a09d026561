import { ServiceError } from '../../platform/errors.js';
import { printable, quoteLiteral } from './names.js';

/**
 * Column types and defaults an admin may give CreateTable. Both end up in DDL text (PostgreSQL takes no
 * parameters there), so they are parsed against closed grammars and re-emitted canonically: no input
 * text reaches SQL except digits and re-quoted string literals.
 */

const BASE_TYPES = new Map<string, { sql: string; args: 0 | 1 | 2; argsRequired?: boolean; array?: boolean }>(
  [
    ['text', { sql: 'text', args: 0 }],
    ['varchar', { sql: 'varchar', args: 1 }],
    ['character varying', { sql: 'varchar', args: 1 }],
    ['char', { sql: 'char', args: 1 }],
    ['character', { sql: 'char', args: 1 }],
    ['integer', { sql: 'integer', args: 0 }],
    ['int', { sql: 'integer', args: 0 }],
    ['int4', { sql: 'integer', args: 0 }],
    ['smallint', { sql: 'smallint', args: 0 }],
    ['int2', { sql: 'smallint', args: 0 }],
    ['bigint', { sql: 'bigint', args: 0 }],
    ['int8', { sql: 'bigint', args: 0 }],
    ['serial', { sql: 'serial', args: 0, array: false }],
    ['bigserial', { sql: 'bigserial', args: 0, array: false }],
    ['smallserial', { sql: 'smallserial', args: 0, array: false }],
    ['numeric', { sql: 'numeric', args: 2 }],
    ['decimal', { sql: 'numeric', args: 2 }],
    ['real', { sql: 'real', args: 0 }],
    ['float4', { sql: 'real', args: 0 }],
    ['double precision', { sql: 'double precision', args: 0 }],
    ['float8', { sql: 'double precision', args: 0 }],
    ['boolean', { sql: 'boolean', args: 0 }],
    ['bool', { sql: 'boolean', args: 0 }],
    ['json', { sql: 'json', args: 0 }],
    ['jsonb', { sql: 'jsonb', args: 0 }],
    ['date', { sql: 'date', args: 0 }],
    ['time', { sql: 'time', args: 0 }],
    ['timetz', { sql: 'timetz', args: 0 }],
    ['timestamp', { sql: 'timestamp', args: 0 }],
    ['timestamp without time zone', { sql: 'timestamp', args: 0 }],
    ['timestamptz', { sql: 'timestamptz', args: 0 }],
    ['timestamp with time zone', { sql: 'timestamptz', args: 0 }],
    ['interval', { sql: 'interval', args: 0 }],
    ['uuid', { sql: 'uuid', args: 0 }],
    ['bytea', { sql: 'bytea', args: 0 }],
    ['tsvector', { sql: 'tsvector', args: 0 }],
    ['inet', { sql: 'inet', args: 0 }],
    ['cidr', { sql: 'cidr', args: 0 }],
    ['vector', { sql: 'vector', args: 1, argsRequired: true, array: false }],
  ],
);

export const MAX_VECTOR_DIMENSION = 16_000;

export interface ColumnType {
  /** Canonical SQL, e.g. "numeric(10,2)", "text[]", "vector(1536)". */
  readonly sql: string;
  readonly vectorDimension: number;
}

const TYPE_SYNTAX = /^([a-z][a-z0-9 ]*?)\s*(?:\(\s*(\d{1,5})\s*(?:,\s*(\d{1,5})\s*)?\))?\s*(\[\])?$/;

export function parseColumnType(field: string, input: string): ColumnType {
  const text = input.trim().toLowerCase().replace(/\s+/g, ' ');
  const match = TYPE_SYNTAX.exec(text);
  const base = match ? BASE_TYPES.get(match[1]!) : undefined;
  if (!match || !base) {
    throw ServiceError.invalidArgument(
      field,
      `unsupported column type "${printable(input)}"; use one of ${[...new Set([...BASE_TYPES.values()].map((t) => t.sql))].join(', ')} (with (n) where it applies, [] for arrays)`,
    );
  }
  const args = [match[2], match[3]].filter((a): a is string => a !== undefined).map(Number);
  if (args.length > base.args)
    throw ServiceError.invalidArgument(field, `type ${base.sql} takes at most ${base.args} modifier(s)`);
  if (base.argsRequired && args.length === 0) {
    throw ServiceError.invalidArgument(field, `type ${base.sql} needs its dimension, e.g. ${base.sql}(1536)`);
  }
  if (match[4] && base.array === false)
    throw ServiceError.invalidArgument(field, `type ${base.sql} cannot be an array`);
  if (base.sql === 'vector' && (args[0]! < 1 || args[0]! > MAX_VECTOR_DIMENSION)) {
    throw ServiceError.invalidArgument(
      field,
      `vector dimension must be between 1 and ${MAX_VECTOR_DIMENSION}`,
    );
  }
  if (args.some((a) => a < 1 && base.sql !== 'numeric'))
    throw ServiceError.invalidArgument(field, 'type modifiers must be positive');
  const sql = `${base.sql}${args.length ? `(${args.join(',')})` : ''}${match[4] ? '[]' : ''}`;
  return { sql, vectorDimension: base.sql === 'vector' ? args[0]! : 0 };
}

const DEFAULT_FUNCTIONS = new Map([
  ['now()', 'now()'],
  ['current_timestamp', 'CURRENT_TIMESTAMP'],
  ['current_date', 'CURRENT_DATE'],
  ['clock_timestamp()', 'clock_timestamp()'],
  ['gen_random_uuid()', 'gen_random_uuid()'],
]);

/**
 * Defaults: a number, a 'single-quoted' string, true, false, null, or one of now(), current_timestamp,
 * current_date, clock_timestamp(), gen_random_uuid(); any of them optionally cast (`'{}'::jsonb`).
 */
export function parseDefault(field: string, input: string): string {
  if (input.includes('\u0000')) throw ServiceError.invalidArgument(field, 'must not contain NUL characters');
  let text = input.trim();
  let cast = '';
  const castAt = text.lastIndexOf('::');
  if (castAt > 0 && !text.slice(castAt).includes("'")) {
    cast = `::${parseColumnType(field, text.slice(castAt + 2)).sql}`;
    text = text.slice(0, castAt).trim();
  }
  if (/^-?\d{1,30}(\.\d{1,30})?$/.test(text)) return `${text}${cast}`;
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false' || lower === 'null') return `${lower}${cast}`;
  const fn = DEFAULT_FUNCTIONS.get(lower.replace(/\s+/g, ''));
  if (fn) return `${fn}${cast}`;
  if (/^'(?:[^']|'')*'$/s.test(text))
    return `${quoteLiteral(text.slice(1, -1).replaceAll("''", "'"))}${cast}`;
  throw ServiceError.invalidArgument(
    field,
    `unsupported default "${printable(input)}": use a number, a 'quoted string', true, false, null, now(), current_timestamp, current_date or gen_random_uuid(), optionally with ::type`,
  );
}
