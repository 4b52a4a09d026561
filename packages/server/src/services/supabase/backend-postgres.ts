import pg from 'pg';
import type { Logger } from '../../platform/logger.js';
import { type SqlBackend, type SqlSession, type TenantOptions, tenantPrelude } from './backend.js';

export interface PostgresOptions {
  readonly url: string;
  readonly poolSize: number;
  readonly logger: Logger;
}

function session(client: pg.PoolClient): SqlSession {
  return {
    async query(text, params = []) {
      const result = await client.query({ text, values: params as unknown[] });
      return { rows: result.rows as Array<Record<string, unknown>>, affected: result.rowCount ?? 0 };
    },
    async script(text) {
      await client.query(text);
    },
  };
}

/** PostgreSQL through a `pg` pool; each transaction holds one pooled connection. */
export class PostgresBackend implements SqlBackend {
  readonly kind = 'postgres';
  private readonly pool: pg.Pool;

  private constructor(
    pool: pg.Pool,
    readonly database: string,
    private readonly logger: Logger,
  ) {
    this.pool = pool;
  }

  static async connect(options: PostgresOptions): Promise<PostgresBackend> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize,
      idleTimeoutMillis: 30_000,
      connectionTimeoutMillis: 10_000,
      application_name: 'isa-cloud-supabase',
    });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    pool.on('error', (err) => options.logger.warn({ err }, 'idle PostgreSQL connection failed'));
    const database = new URL(options.url).pathname.replace(/^\//, '') || 'postgres';
    return new PostgresBackend(pool, decodeURIComponent(database), options.logger);
  }

  private async transaction<T>(
    begin: string,
    work: (s: SqlSession) => Promise<T>,
    options: { signal?: AbortSignal | undefined; readOnly?: boolean } = {},
  ): Promise<T> {
    const { signal } = options;
    const client = await this.pool.connect();
    let broken = false;
    const pid = (client as unknown as { processID?: number }).processID;
    const cancel = () => {
      // The statement runs on `client`; only another connection can interrupt it. The connection is not
      // reused afterwards, so a late cancel can never hit another request's statement.
      broken = true;
      if (pid !== undefined) this.pool.query('SELECT pg_cancel_backend($1)', [pid]).catch(() => undefined);
    };
    signal?.addEventListener('abort', cancel, { once: true });
    // A connection lost while checked out is reported on the client (its query fails as well); without a
    // listener that report would be an uncaught exception that takes the whole process down.
    const lost = (err: Error) => {
      broken = true;
      this.logger.warn({ err }, 'PostgreSQL connection lost during a transaction');
    };
    client.on('error', lost);
    let committing: Promise<unknown> | undefined;
    try {
      await client.query(begin);
      const result = await work(session(client));
      if (options.readOnly && !broken) {
        // A read-only transaction has nothing left to decide: its result is final. The COMMIT goes out
        // without the caller waiting a round trip for it; the connection's queue keeps it ahead of the
        // next BEGIN, and a connection whose COMMIT fails is discarded.
        committing = client.query('COMMIT').catch((err: unknown) => {
          this.logger.warn({ err }, 'COMMIT of a read-only transaction failed');
        });
      } else {
        await client.query('COMMIT');
      }
      return result;
    } catch (err) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw err;
    } finally {
      signal?.removeEventListener('abort', cancel);
      if (committing) {
        void committing.finally(() => {
          client.off('error', lost);
          client.release(broken ? true : undefined);
        });
      } else {
        client.off('error', lost);
        client.release(broken ? true : undefined);
      }
    }
  }

  asTenant<T>(
    role: string,
    schema: string,
    userId: string,
    options: TenantOptions,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T> {
    return this.transaction(`BEGIN; ${tenantPrelude(role, schema, userId, options)}`, work, options);
  }

  asOwner<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.transaction("BEGIN; SET LOCAL TimeZone = 'UTC'", work);
  }

  async close(): Promise<void> {
    await this.pool
      .end()
      .catch((err: unknown) => this.logger.warn({ err }, 'closing the PostgreSQL pool failed'));
  }
}
