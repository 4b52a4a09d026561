import { quoteIdent, quoteLiteral, TENANT_SETTING } from './names.js';

/**
 * Rows of one statement as objects keyed by column name. Statements select only text, int4 and boolean
 * values (rows themselves travel as JSON text), which both drivers decode the same way.
 */
export interface SqlResult {
  readonly rows: ReadonlyArray<Record<string, unknown>>;
  readonly affected: number;
}

/** One open transaction. */
export interface SqlSession {
  /** One statement with positional parameters ($1, $2, ...). */
  query(text: string, params?: ReadonlyArray<string | null>): Promise<SqlResult>;
  /** Several statements without parameters (migrations, DDL). */
  script(text: string): Promise<void>;
}

export interface TenantOptions {
  readonly readOnly: boolean;
  /** statement_timeout of the transaction. */
  readonly timeoutMs: number;
  /** Aborted when the caller gives up: the running statement is cancelled where the backend allows it. */
  readonly signal?: AbortSignal | undefined;
  /** More transaction-local settings (name → value), e.g. index scan tuning; names must be known ones. */
  readonly settings?: Readonly<Record<string, string>>;
}

/** Settings a tenant transaction may carry besides its own: pgvector's index scan parameters. */
const EXTRA_SETTINGS = new Set(['hnsw.ef_search', 'hnsw.iterative_scan']);

/**
 * The database behind the service: PostgreSQL through `pg`, or PGlite embedded. Both give the same two
 * kinds of transaction; everything above this interface is plain SQL.
 */
export interface SqlBackend {
  readonly kind: 'postgres' | 'pglite';
  /** Current database name. */
  readonly database: string;
  /**
   * A transaction as the non-superuser tenant role with `isa.user_id` set locally: row-level security
   * applies to everything it runs.
   */
  asTenant<T>(
    role: string,
    schema: string,
    userId: string,
    options: TenantOptions,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T>;
  /** A transaction as the service's own (owner) role: schema operations and catalog reads. */
  asOwner<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * The statements that open a tenant transaction (after BEGIN). The role and schema come from validated
 * configuration, the user id from a validated tenant id; SET accepts no parameters, so they are quoted.
 */
export function tenantPrelude(
  role: string,
  schema: string,
  userId: string,
  options: Pick<TenantOptions, 'readOnly' | 'timeoutMs' | 'settings'>,
): string {
  const timeout = Math.max(1, Math.floor(options.timeoutMs));
  const extra = Object.entries(options.settings ?? {}).map(([name, value]) => {
    if (!EXTRA_SETTINGS.has(name)) throw new Error(`setting ${name} is not allowed in a tenant transaction`);
    return `, set_config(${quoteLiteral(name)}, ${quoteLiteral(value)}, true)`;
  });
  return [
    options.readOnly ? 'SET TRANSACTION READ ONLY' : '',
    `SET LOCAL ROLE ${quoteIdent(role)}`,
    `SET LOCAL search_path TO ${quoteIdent(schema)}, public`,
    `SELECT set_config(${quoteLiteral(TENANT_SETTING)}, ${quoteLiteral(userId)}, true), set_config('TimeZone', 'UTC', true), set_config('statement_timeout', '${timeout}', true)${extra.join('')}`,
  ]
    .filter(Boolean)
    .join('; ');
}
