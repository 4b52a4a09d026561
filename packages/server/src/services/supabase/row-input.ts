import { ServiceError } from '../../platform/errors.js';
import type { TableModel } from './catalog-model.js';
import { isIdentifier, printable, TENANT_COLUMN } from './names.js';

/** Consecutive input rows naming the same columns: one INSERT each, so omitted columns keep their defaults. */
export interface RowRun {
  /** Columns named by the rows (user_id excluded: it always comes from the tenant). */
  readonly columns: readonly string[];
  /** The rows' JSON texts, passed to PostgreSQL unchanged so every digit of every number survives. */
  readonly rows: readonly string[];
  /** Index of the run's first row in the request. */
  readonly first: number;
}

function parseObject(field: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw ServiceError.invalidArgument(field, `is not valid JSON (${(err as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw ServiceError.invalidArgument(field, 'must be a JSON object of column names to values');
  }
  return value as Record<string, unknown>;
}

/**
 * The columns a JSON object writes. Unknown and generated columns are refused by name; `user_id` may only
 * name the caller (rows are always written for the caller).
 */
export function writableColumns(
  field: string,
  row: Record<string, unknown>,
  table: TableModel,
  userId: string,
): string[] {
  const columns: string[] = [];
  for (const [key, value] of Object.entries(row)) {
    if (key === TENANT_COLUMN) {
      if (value !== userId) {
        throw ServiceError.permissionDenied(
          `${field}.user_id: rows are always written for the calling tenant`,
        );
      }
      continue;
    }
    const column = isIdentifier(key) ? table.columns.get(key) : undefined;
    if (!column) {
      throw ServiceError.invalidArgument(
        field,
        `column "${printable(key)}" does not exist in table "${table.name}"`,
      );
    }
    if (column.generated)
      throw ServiceError.invalidArgument(field, `column "${key}" is generated and cannot be written`);
    columns.push(key);
  }
  return columns.sort();
}

export function parseRows(
  field: string,
  rows: readonly string[],
  table: TableModel,
  userId: string,
  maxRows: number,
): RowRun[] {
  if (rows.length === 0) throw ServiceError.invalidArgument(field, 'needs at least one row');
  if (rows.length > maxRows) throw ServiceError.invalidArgument(field, `at most ${maxRows} rows per request`);
  const runs: Array<{ columns: string[]; rows: string[]; first: number }> = [];
  rows.forEach((text, i) => {
    const columns = writableColumns(`${field}[${i}]`, parseObject(`${field}[${i}]`, text), table, userId);
    const last = runs.at(-1);
    if (last && last.columns.join(',') === columns.join(',')) last.rows.push(text);
    else runs.push({ columns, rows: [text], first: i });
  });
  return runs;
}

/** The JSON object of an update. */
export function parseValues(field: string, text: string, table: TableModel, userId: string): string[] {
  if (text.trim() === '')
    throw ServiceError.invalidArgument(field, 'must name at least one column to change');
  const columns = writableColumns(field, parseObject(field, text), table, userId);
  if (columns.length === 0)
    throw ServiceError.invalidArgument(field, 'must name at least one column to change');
  return columns;
}

/** A JSON object given as text (metadata, RPC params); empty text is {}. */
export function parseJsonObject(
  field: string,
  text: string,
): { text: string; value: Record<string, unknown> } {
  if (text.trim() === '') return { text: '{}', value: {} };
  return { text, value: parseObject(field, text) };
}
