import { mkdir } from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { type SqlBackend, type SqlSession, type TenantOptions, tenantPrelude } from './backend.js';

/**
 * Parameters go to PostgreSQL as text, as `pg` sends them, so PostgreSQL itself parses (and rejects) them
 * by the inferred type. PGlite's own serializers would reject "yes" for a boolean in JavaScript instead.
 * PGlite looks serializers up by type id on this object, so one answer for every id is enough.
 */
const AS_TEXT = new Proxy({} as Record<number, (value: unknown) => string>, {
  get: () => (value: unknown) => String(value),
});

function session(tx: Transaction): SqlSession {
  return {
    async query(text, params = []) {
      const result = await tx.query<Record<string, unknown>>(text, params as unknown[], {
        serializers: AS_TEXT,
      });
      return { rows: result.rows, affected: result.affectedRows ?? 0 };
    },
    async script(text) {
      await tx.exec(text);
    },
  };
}

/**
 * PostgreSQL embedded in the process (PGlite, WebAssembly) with pgvector, stored under the data dir.
 * PGlite runs one transaction at a time; it has no statement timeout or cancellation.
 */
export class PgliteBackend implements SqlBackend {
  readonly kind = 'pglite';
  readonly database = 'postgres';

  private constructor(private readonly db: PGlite) {}

  static async open(dataDir: string): Promise<PgliteBackend> {
    await mkdir(dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir, extensions: { vector } });
    return new PgliteBackend(db);
  }

  asTenant<T>(
    role: string,
    schema: string,
    userId: string,
    options: TenantOptions,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.exec(tenantPrelude(role, schema, userId, options));
      return work(session(tx));
    });
  }

  asOwner<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.exec("SET LOCAL TimeZone = 'UTC'");
      return work(session(tx));
    });
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
