import { ServiceError } from '../../platform/errors.js';
import type { SqlBackend, SqlSession } from './backend.js';
import type { Catalog } from './catalog.js';
import type { TableModel } from './catalog-model.js';
import { validateTableName } from './names.js';
import { mapDatabaseErrors } from './pg-errors.js';

/** Limits and identities every tenant operation shares. */
export interface TenantEnvironment {
  readonly backend: SqlBackend;
  readonly catalog: Catalog;
  readonly schema: string;
  readonly role: string;
  /** Largest page a query returns, and most rows one write takes. */
  readonly maxRows: number;
  readonly statementTimeoutMs: number;
  /** Budget for the rows of one response (below the gRPC message limit). */
  readonly maxResultBytes: number;
}

/** Who is calling, and until when. */
export interface TenantCall {
  readonly userId: string;
  readonly signal: AbortSignal;
  readonly deadline: Date | undefined;
}

/** A managed table, or NOT_FOUND — the same answer for tables that do not exist and tables not managed. */
export async function managedTable(
  env: TenantEnvironment,
  name: string,
  field = 'table',
): Promise<TableModel> {
  validateTableName(name, field);
  const table = await env.catalog.table(name);
  if (!table?.managed) throw ServiceError.notFound(`table "${name}"`);
  return table;
}

/** Runs `work` in a tenant transaction with the call's deadline as statement timeout; maps SQL errors. */
export function asTenant<T>(
  env: TenantEnvironment,
  call: TenantCall,
  options: { readOnly: boolean; field: string; settings?: Readonly<Record<string, string>> },
  work: (session: SqlSession) => Promise<T>,
): Promise<T> {
  let timeoutMs = env.statementTimeoutMs;
  if (call.deadline) timeoutMs = Math.min(timeoutMs, call.deadline.getTime() - Date.now());
  if (timeoutMs <= 0) throw ServiceError.deadlineExceeded('deadline exceeded before the statement ran');
  return mapDatabaseErrors(options.field, () =>
    env.backend.asTenant(
      env.role,
      env.schema,
      call.userId,
      { readOnly: options.readOnly, timeoutMs, signal: call.signal, settings: options.settings },
      work,
    ),
  );
}

/** Collects JSON row texts, refusing a response that would outgrow the message budget. */
export function collectRows(env: TenantEnvironment, rows: ReadonlyArray<Record<string, unknown>>): string[] {
  let bytes = 0;
  const out: string[] = [];
  for (const row of rows) {
    const text = String(row.row);
    bytes += text.length + 8;
    if (bytes > env.maxResultBytes) {
      throw ServiceError.resourceExhausted(
        `the result exceeds ${env.maxResultBytes} bytes; ask for fewer rows (limit/offset) or fewer columns (select)`,
      );
    }
    out.push(text);
  }
  return out;
}
