import { ServiceError } from '../../platform/errors.js';
import type { SqlSession } from './backend.js';
import type { TableModel } from './catalog-model.js';
import { qualified, quoteIdent, TENANT_COLUMN } from './names.js';
import { parseRows, parseValues, type RowRun } from './row-input.js';
import { Emitter } from './sql/emit.js';
import { Params } from './sql/params.js';
import {
  asTenant,
  collectRows,
  managedTable,
  type TenantCall,
  type TenantEnvironment,
} from './tenant-context.js';

/**
 * Reads and writes of table rows for one tenant. Every statement is built from the table's catalog entry
 * and parameters, runs in a tenant transaction, and returns rows as JSON text made by PostgreSQL
 * (`row_to_json`), so integers keep every digit and json columns stay objects.
 */

export interface QueryInput {
  table: string;
  select: string;
  filter: string;
  order: string;
  limit: number;
  offset: number;
  count: boolean;
}

export interface WriteResult {
  rows: string[];
  count: number;
}

export interface ReturningOptions {
  /** Select syntax for the returned columns ("" = all). */
  returning: string;
  /** Return only the count. */
  minimal: boolean;
}

function pageSize(env: TenantEnvironment, limit: number, offset: number): { limit: number; offset: number } {
  if (!Number.isInteger(limit) || limit < 0)
    throw ServiceError.invalidArgument('limit', 'must not be negative');
  if (limit > env.maxRows) {
    throw ServiceError.invalidArgument(
      'limit',
      `must be at most ${env.maxRows} (page through larger results with offset)`,
    );
  }
  if (!Number.isInteger(offset) || offset < 0)
    throw ServiceError.invalidArgument('offset', 'must not be negative');
  return { limit: limit === 0 ? env.maxRows : limit, offset };
}

/** `WITH _w AS (<write> RETURNING ...) SELECT ...`: the returned rows as JSON text, or only their count. */
function returning(write: string, emitter: Emitter, options: ReturningOptions): string {
  if (options.minimal) return `WITH _w AS (${write} RETURNING 1) SELECT count(*)::int AS n FROM _w`;
  return `WITH _w AS (${write} RETURNING ${emitter.select(options.returning, 'returning')}) SELECT row_to_json(_w.*)::text AS row FROM _w`;
}

async function runWrite(
  env: TenantEnvironment,
  session: SqlSession,
  sql: string,
  params: Params,
  minimal: boolean,
): Promise<WriteResult> {
  const result = await session.query(sql, params.values);
  if (minimal) return { rows: [], count: Number(result.rows[0]?.n ?? 0) };
  const rows = collectRows(env, result.rows);
  return { rows, count: rows.length };
}

export async function query(
  env: TenantEnvironment,
  call: TenantCall,
  input: QueryInput,
): Promise<{ rows: string[]; count?: number }> {
  const table = await managedTable(env, input.table);
  const { limit, offset } = pageSize(env, input.limit, input.offset);
  const params = new Params();
  const emitter = new Emitter(table, params);
  const select = emitter.select(input.select);
  const where = emitter.filter(input.filter);
  const order = emitter.order(input.order);
  const from = qualified(env.schema, table.name);
  const sql =
    `SELECT row_to_json(_r.*)::text AS row FROM (SELECT ${select} FROM ${from}` +
    `${where ? ` WHERE ${where}` : ''}${order ? ` ORDER BY ${order}` : ''}` +
    ` LIMIT ${params.add(String(limit))} OFFSET ${params.add(String(offset))}) AS _r`;
  let countSql: { sql: string; params: Params } | undefined;
  if (input.count) {
    const countParams = new Params();
    const countWhere = new Emitter(table, countParams).filter(input.filter);
    countSql = {
      sql: `SELECT count(*)::text AS n FROM ${from}${countWhere ? ` WHERE ${countWhere}` : ''}`,
      params: countParams,
    };
  }
  return asTenant(env, call, { readOnly: true, field: 'filter' }, async (session) => {
    const rows = collectRows(env, (await session.query(sql, params.values)).rows);
    if (!countSql) return { rows };
    const counted = await session.query(countSql.sql, countSql.params.values);
    return { rows, count: Number(counted.rows[0]?.n ?? 0) };
  });
}

function insertSql(env: TenantEnvironment, table: TableModel, run: RowRun, params: Params): string {
  const target = qualified(env.schema, table.name);
  if (run.columns.length === 0) {
    // Rows naming no column at all: every column takes its default.
    return `INSERT INTO ${target} SELECT FROM generate_series(1, ${params.add(String(run.rows.length))}::int)`;
  }
  const columns = run.columns.map(quoteIdent).join(', ');
  return `INSERT INTO ${target} AS _t (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${target}, ${params.add(`[${run.rows.join(',')}]`)}::json)`;
}

async function writeRuns(
  env: TenantEnvironment,
  call: TenantCall,
  table: TableModel,
  runs: readonly RowRun[],
  options: ReturningOptions,
  conflict: (run: RowRun) => string,
): Promise<WriteResult> {
  const statements = runs.map((run) => {
    const params = new Params();
    const emitter = new Emitter(table, params);
    const sql = returning(`${insertSql(env, table, run, params)}${conflict(run)}`, emitter, options);
    return { sql, params };
  });
  return asTenant(env, call, { readOnly: false, field: 'rows' }, async (session) => {
    const total: WriteResult = { rows: [], count: 0 };
    for (const { sql, params } of statements) {
      const part = await runWrite(env, session, sql, params, options.minimal);
      total.rows.push(...part.rows);
      total.count += part.count;
    }
    if (!options.minimal)
      collectRows(
        env,
        total.rows.map((row) => ({ row })),
      );
    return total;
  });
}

export async function insert(
  env: TenantEnvironment,
  call: TenantCall,
  tableName: string,
  rows: readonly string[],
  options: ReturningOptions,
): Promise<WriteResult> {
  const table = await managedTable(env, tableName);
  const runs = parseRows('rows', rows, table, call.userId, env.maxRows);
  return writeRuns(env, call, table, runs, options, () => '');
}

/**
 * The unique key an upsert conflicts on: the named columns (or the primary key) match a unique index
 * exactly, or with user_id in front (managed tables scope their keys per tenant).
 */
export function conflictKey(table: TableModel, onConflict: string): string[] {
  const wanted =
    onConflict.trim() === ''
      ? table.primaryKey.filter((c) => c !== TENANT_COLUMN)
      : onConflict.split(',').map((c) => c.trim());
  if (wanted.length === 0) {
    throw ServiceError.invalidArgument(
      'on_conflict',
      `table "${table.name}" has no primary key; name the unique columns`,
    );
  }
  for (const column of wanted) {
    if (!table.columns.has(column)) {
      throw ServiceError.invalidArgument(
        'on_conflict',
        `column "${column}" does not exist in table "${table.name}"`,
      );
    }
  }
  const same = (key: readonly string[], columns: readonly string[]) =>
    key.length === columns.length && key.every((c) => columns.includes(c));
  const scoped = [TENANT_COLUMN, ...wanted.filter((c) => c !== TENANT_COLUMN)];
  const key = table.uniqueKeys.find((k) => same(k, scoped)) ?? table.uniqueKeys.find((k) => same(k, wanted));
  if (!key) {
    throw ServiceError.invalidArgument(
      'on_conflict',
      `table "${table.name}" has no primary key or unique constraint on (${wanted.join(', ')})`,
    );
  }
  return [...key];
}

export async function upsert(
  env: TenantEnvironment,
  call: TenantCall,
  tableName: string,
  rows: readonly string[],
  onConflict: string,
  ignoreDuplicates: boolean,
  options: ReturningOptions,
): Promise<WriteResult> {
  const table = await managedTable(env, tableName);
  const key = conflictKey(table, onConflict);
  const runs = parseRows('rows', rows, table, call.userId, env.maxRows);
  const target = `(${key.map(quoteIdent).join(', ')})`;
  return writeRuns(env, call, table, runs, options, (run) => {
    const updates = run.columns.filter((c) => !key.includes(c));
    if (ignoreDuplicates || updates.length === 0) return ` ON CONFLICT ${target} DO NOTHING`;
    return ` ON CONFLICT ${target} DO UPDATE SET ${updates.map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`).join(', ')}`;
  });
}

function requireFilter(where: string | undefined, force: boolean, verb: string): void {
  if (!where && !force) {
    throw ServiceError.invalidArgument(
      'filter',
      `is required: a ${verb} without a filter affects every row of yours; pass force to mean that`,
    );
  }
}

export async function update(
  env: TenantEnvironment,
  call: TenantCall,
  input: { table: string; values: string; filter: string; force: boolean } & ReturningOptions,
): Promise<WriteResult> {
  const table = await managedTable(env, input.table);
  const columns = parseValues('values', input.values, table, call.userId);
  const params = new Params();
  const emitter = new Emitter(table, params);
  const where = emitter.filter(input.filter);
  requireFilter(where, input.force, 'update');
  const target = qualified(env.schema, table.name);
  const list = columns.map(quoteIdent).join(', ');
  const write =
    `UPDATE ${target} SET (${list}) = (SELECT ${list} FROM json_populate_record(NULL::${target}, ${params.add(input.values)}::json))` +
    (where ? ` WHERE ${where}` : '');
  const sql = returning(write, emitter, input);
  return asTenant(env, call, { readOnly: false, field: 'values' }, (session) =>
    runWrite(env, session, sql, params, input.minimal),
  );
}

export async function remove(
  env: TenantEnvironment,
  call: TenantCall,
  input: { table: string; filter: string; force: boolean } & ReturningOptions,
): Promise<WriteResult> {
  const table = await managedTable(env, input.table);
  const params = new Params();
  const emitter = new Emitter(table, params);
  const where = emitter.filter(input.filter);
  requireFilter(where, input.force, 'delete');
  const write = `DELETE FROM ${qualified(env.schema, table.name)}${where ? ` WHERE ${where}` : ''}`;
  const sql = returning(write, emitter, input);
  return asTenant(env, call, { readOnly: false, field: 'filter' }, (session) =>
    runWrite(env, session, sql, params, input.minimal),
  );
}

export interface BatchInsertResult {
  total: number;
  success: number;
  errors: Array<{ rowIndex: number; code: string; message: string }>;
}

/** Batches of `batchSize` rows, one transaction each, stopping at the first batch that fails. */
export async function batchInsert(
  env: TenantEnvironment,
  call: TenantCall,
  tableName: string,
  rows: readonly string[],
  batchSize: number,
  describe: (err: unknown) => { code: string; message: string },
): Promise<BatchInsertResult> {
  if (!Number.isInteger(batchSize) || batchSize < 0)
    throw ServiceError.invalidArgument('batch_size', 'must not be negative');
  const size = batchSize === 0 ? 100 : Math.min(batchSize, env.maxRows);
  const table = await managedTable(env, tableName);
  if (rows.length === 0) throw ServiceError.invalidArgument('rows', 'needs at least one row');
  // Every row is checked before anything is written.
  for (let i = 0; i < rows.length; i += env.maxRows)
    parseRows('rows', rows.slice(i, i + env.maxRows), table, call.userId, env.maxRows);
  const result: BatchInsertResult = { total: rows.length, success: 0, errors: [] };
  for (let start = 0; start < rows.length; start += size) {
    const batch = rows.slice(start, start + size);
    try {
      const runs = parseRows('rows', batch, table, call.userId, env.maxRows);
      const written = await writeRuns(env, call, table, runs, { returning: '', minimal: true }, () => '');
      result.success += written.count;
    } catch (err) {
      result.errors.push({ rowIndex: start, ...describe(err) });
      break;
    }
  }
  return result;
}
