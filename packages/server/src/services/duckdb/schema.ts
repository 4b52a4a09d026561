import type { MessageInitShape } from '@bufbuild/protobuf';
import { type DuckDBConnection, type DuckDBType, DuckDBTypeId, StatementType } from '@duckdb/node-api';
import type { duckdb } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import { qualifiedName, quoteIdentifier, quoteLiteral, validateIdentifier } from './names.js';
import { toProtoValue } from './values.js';

type ValueInit = MessageInitShape<typeof duckdb.ValueSchema>;

export interface ColumnSpec {
  name: string;
  dataType: string;
  /** Undefined or true: NULL allowed. Only false adds NOT NULL. */
  nullable: boolean | undefined;
  defaultValue: string;
  primaryKey: boolean;
  unique: boolean;
  comment: string;
}

export interface ColumnRecord {
  name: string;
  dataType: string;
  nullable: boolean;
  defaultValue: string;
  primaryKey: boolean;
  unique: boolean;
  comment: string;
}

export interface TableRecord {
  name: string;
  schema: string;
  columns: ColumnRecord[];
  rowCount: number;
  sizeBytes: number;
  comment: string;
}

export interface ColumnStatsRecord {
  name: string;
  dataType: string;
  min: ValueInit | undefined;
  max: ValueInit | undefined;
  nullCount: number;
  distinctCount: number;
}

export interface ViewRecord {
  name: string;
  schema: string;
  sql: string;
  columns: Array<{ name: string; type: string }>;
}

export interface MacroRecord {
  name: string;
  parameters: string[];
  type: string;
  definition: string;
}

const MAX_TYPE = 512;
const MAX_EXPRESSION = 4096;

function validateFragment(value: string, field: string, max: number): string {
  if (value.length > max) throw ServiceError.invalidArgument(field, `must be at most ${max} characters`);
  if (value.includes('\u0000')) throw ServiceError.invalidArgument(field, 'must not contain NUL');
  return value;
}

/**
 * Refuses SQL the server composed from caller fragments unless it is exactly one statement of the
 * expected kind: a fragment can change its own table's definition, never smuggle in another statement.
 */
export async function requireSingleStatement(
  connection: DuckDBConnection,
  sql: string,
  expected: StatementType | undefined,
  field: string,
): Promise<void> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count !== 1) {
    throw ServiceError.invalidArgument(field, 'must not contain more than one statement');
  }
  if (expected !== undefined) {
    const prepared = await extracted.prepare(0);
    try {
      if (prepared.statementType !== expected) {
        throw ServiceError.invalidArgument(field, `must be a ${StatementType[expected]} statement`);
      }
    } finally {
      prepared.destroySync();
    }
  }
}

export function createTableSql(
  schema: string,
  table: string,
  columns: ColumnSpec[],
  primaryKeys: string[],
  ifNotExists: boolean,
): string {
  if (columns.length === 0) throw ServiceError.invalidArgument('columns', 'at least one column is required');
  const seen = new Set<string>();
  const defs = columns.map((c, i) => {
    const field = `columns[${i}]`;
    validateIdentifier(c.name, `${field}.name`);
    if (seen.has(c.name.toLowerCase()))
      throw ServiceError.invalidArgument(`${field}.name`, `duplicate column "${c.name}"`);
    seen.add(c.name.toLowerCase());
    if (!c.dataType.trim()) throw ServiceError.invalidArgument(`${field}.data_type`, 'is required');
    validateFragment(c.dataType, `${field}.data_type`, MAX_TYPE);
    validateFragment(c.defaultValue, `${field}.default_value`, MAX_EXPRESSION);
    const parts = [quoteIdentifier(c.name), c.dataType];
    if (c.nullable === false) parts.push('NOT NULL');
    if (c.defaultValue) parts.push(`DEFAULT (${c.defaultValue})`);
    if (c.primaryKey) parts.push('PRIMARY KEY');
    if (c.unique) parts.push('UNIQUE');
    return parts.join(' ');
  });
  if (primaryKeys.length > 0) {
    if (columns.some((c) => c.primaryKey))
      throw ServiceError.invalidArgument(
        'primary_keys',
        'use primary_keys or primary_key on columns, not both',
      );
    for (const key of primaryKeys) {
      if (!seen.has(key.toLowerCase()))
        throw ServiceError.invalidArgument('primary_keys', `"${key}" is not one of the columns`);
    }
    defs.push(`PRIMARY KEY (${primaryKeys.map(quoteIdentifier).join(', ')})`);
  }
  return `CREATE TABLE ${ifNotExists ? 'IF NOT EXISTS ' : ''}${qualifiedName(schema, table)} (${defs.join(', ')})`;
}

export function commentSql(kind: 'TABLE' | 'COLUMN' | 'VIEW', target: string, comment: string): string {
  validateFragment(comment, 'comment', MAX_EXPRESSION);
  return `COMMENT ON ${kind} ${target} IS ${quoteLiteral(comment)}`;
}

async function rows(connection: DuckDBConnection, sql: string, values: string[] = []) {
  const reader = await connection.runAndReadAll(sql, values);
  return reader.getRows();
}

export async function tableExists(
  connection: DuckDBConnection,
  schema: string,
  table: string,
): Promise<boolean> {
  const found = await rows(
    connection,
    'SELECT 1 FROM duckdb_tables() WHERE schema_name = $1 AND table_name = $2 AND NOT temporary',
    [schema, table],
  );
  return found.length > 0;
}

export async function viewExists(
  connection: DuckDBConnection,
  schema: string,
  view: string,
): Promise<boolean> {
  const found = await rows(
    connection,
    'SELECT 1 FROM duckdb_views() WHERE schema_name = $1 AND view_name = $2 AND NOT internal',
    [schema, view],
  );
  return found.length > 0;
}

export async function listTables(
  connection: DuckDBConnection,
  schema: string,
  prefix: string,
): Promise<TableRecord[]> {
  const found = await rows(
    connection,
    `SELECT table_name, schema_name, estimated_size, coalesce(comment, '')
       FROM duckdb_tables()
      WHERE NOT internal AND NOT temporary AND ($1 = '' OR schema_name = $1) AND starts_with(table_name, $2)
      ORDER BY schema_name, table_name`,
    [schema, prefix],
  );
  return found.map((r) => ({
    name: String(r[0]),
    schema: String(r[1]),
    columns: [],
    rowCount: Number(r[2]),
    sizeBytes: 0,
    comment: String(r[3]),
  }));
}

export async function describeTable(
  connection: DuckDBConnection,
  schema: string,
  table: string,
): Promise<TableRecord> {
  const info = await rows(
    connection,
    `SELECT coalesce(comment, '') FROM duckdb_tables()
      WHERE schema_name = $1 AND table_name = $2 AND NOT temporary`,
    [schema, table],
  );
  if (info.length === 0) throw ServiceError.notFound(`table "${schema}.${table}"`);
  const columns = await rows(
    connection,
    `SELECT column_name, data_type, is_nullable, coalesce(column_default, ''), coalesce(comment, '')
       FROM duckdb_columns() WHERE schema_name = $1 AND table_name = $2 ORDER BY column_index`,
    [schema, table],
  );
  const constraints = await rows(
    connection,
    `SELECT constraint_type, constraint_column_names FROM duckdb_constraints()
      WHERE schema_name = $1 AND table_name = $2 AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')`,
    [schema, table],
  );
  const keyColumns = (type: string) =>
    new Set(
      constraints
        .filter((c) => c[0] === type)
        .flatMap((c) => ((c[1] as { items?: unknown[] } | null)?.items ?? []).map(String)),
    );
  const primary = keyColumns('PRIMARY KEY');
  const unique = keyColumns('UNIQUE');
  const count = await rows(connection, `SELECT count(*) FROM ${qualifiedName(schema, table)}`);
  return {
    name: table,
    schema,
    comment: String(info[0]![0]),
    rowCount: Number(count[0]![0]),
    sizeBytes: 0,
    columns: columns.map((c) => ({
      name: String(c[0]),
      dataType: String(c[1]),
      nullable: c[2] === true,
      defaultValue: String(c[3]),
      primaryKey: primary.has(String(c[0])),
      unique: unique.has(String(c[0])),
      comment: String(c[4]),
    })),
  };
}

/** Bytes of the storage blocks holding a table (after a checkpoint, so recent writes count). */
export async function tableSizeBytes(
  connection: DuckDBConnection,
  schema: string,
  table: string,
): Promise<number> {
  try {
    await connection.run('CHECKPOINT');
  } catch {
    // Another transaction is open: the estimate then leaves out what is still only in the log.
  }
  const found = await rows(
    connection,
    `SELECT (SELECT count(DISTINCT block_id) FROM pragma_storage_info(${quoteLiteral(qualifiedName(schema, table))})
              WHERE persistent) * (SELECT block_size FROM pragma_database_size())`,
  );
  return Number(found[0]?.[0] ?? 0);
}

/** Types min()/max() order meaningfully; nested types get no min/max. */
function orderable(type: DuckDBType): boolean {
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
    case DuckDBTypeId.ARRAY:
    case DuckDBTypeId.STRUCT:
    case DuckDBTypeId.MAP:
    case DuckDBTypeId.UNION:
    case DuckDBTypeId.VARIANT:
    case DuckDBTypeId.GEOMETRY:
      return false;
    default:
      return true;
  }
}

export async function columnStats(
  connection: DuckDBConnection,
  schema: string,
  table: string,
): Promise<{ rowCount: number; columns: ColumnStatsRecord[] }> {
  const described = await connection.runAndReadAll(`SELECT * FROM ${qualifiedName(schema, table)} LIMIT 0`);
  const names = described.columnNames();
  const types = described.columnTypes();
  const selects = ['count(*)'];
  names.forEach((name, i) => {
    const column = quoteIdentifier(name);
    selects.push(
      orderable(types[i]!) ? `min(${column})` : 'NULL',
      orderable(types[i]!) ? `max(${column})` : 'NULL',
      `count(*) - count(${column})`,
      `approx_count_distinct(${column})`,
    );
  });
  const reader = await connection.runAndReadAll(
    `SELECT ${selects.join(', ')} FROM ${qualifiedName(schema, table)}`,
  );
  const row = reader.getRows()[0]!;
  return {
    rowCount: Number(row[0]),
    columns: names.map((name, i) => {
      const at = 1 + i * 4;
      const type = types[i]!;
      const min = row[at] ?? null;
      const max = row[at + 1] ?? null;
      return {
        name,
        dataType: type.toString(),
        min: min === null ? undefined : toProtoValue(min, type),
        max: max === null ? undefined : toProtoValue(max, type),
        nullCount: Number(row[at + 2]),
        distinctCount: Number(row[at + 3]),
      };
    }),
  };
}

export async function listViews(connection: DuckDBConnection, schema: string): Promise<ViewRecord[]> {
  const views = await rows(
    connection,
    `SELECT view_name, schema_name, sql FROM duckdb_views()
      WHERE NOT internal AND NOT temporary AND ($1 = '' OR schema_name = $1) ORDER BY schema_name, view_name`,
    [schema],
  );
  const columns = await rows(
    connection,
    `SELECT c.schema_name, c.table_name, c.column_name, c.data_type
       FROM duckdb_columns() c JOIN duckdb_views() v ON c.schema_name = v.schema_name AND c.table_name = v.view_name
      WHERE NOT v.internal ORDER BY c.column_index`,
  );
  return views.map((v) => ({
    name: String(v[0]),
    schema: String(v[1]),
    sql: String(v[2]),
    columns: columns
      .filter((c) => c[0] === v[1] && c[1] === v[0])
      .map((c) => ({ name: String(c[2]), type: String(c[3]) })),
  }));
}

export async function listMacros(connection: DuckDBConnection): Promise<MacroRecord[]> {
  const found = await rows(
    connection,
    `SELECT DISTINCT function_name, parameters, function_type, coalesce(macro_definition, '')
       FROM duckdb_functions()
      WHERE NOT internal AND function_type IN ('macro', 'table_macro') AND database_name = current_database()
      ORDER BY function_name`,
  );
  return found.map((f) => ({
    name: String(f[0]),
    parameters: ((f[1] as { items?: unknown[] } | null)?.items ?? []).map(String),
    type: String(f[2]),
    definition: String(f[3]),
  }));
}

export function createMacroSql(
  name: string,
  parameters: string[],
  body: string,
  table: boolean,
  replace: boolean,
): string {
  validateIdentifier(name, 'function_name');
  parameters.forEach((p, i) => {
    validateIdentifier(p, `parameters[${i}]`);
  });
  if (new Set(parameters.map((p) => p.toLowerCase())).size !== parameters.length)
    throw ServiceError.invalidArgument('parameters', 'duplicate parameter names');
  if (!body.trim()) throw ServiceError.invalidArgument('body', 'is required');
  validateFragment(body, 'body', 64 * 1024);
  const params = parameters.map(quoteIdentifier).join(', ');
  return `CREATE ${replace ? 'OR REPLACE ' : ''}MACRO ${quoteIdentifier(name)}(${params}) AS ${table ? 'TABLE ' : ''}${body}`;
}
