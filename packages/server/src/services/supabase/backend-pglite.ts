import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import {
  type SqlBackend,
  type SqlResult,
  type SqlSession,
  type TenantOptions,
  tenantPrelude,
} from './backend.js';

type Request =
  | { op: 'begin'; prelude: string; first?: { text: string; params: ReadonlyArray<string | null> } }
  | { op: 'query'; tx: number; text: string; params: ReadonlyArray<string | null> }
  | { op: 'exec'; tx: number; text: string }
  | { op: 'commit' | 'rollback'; tx: number }
  | { op: 'close' };

interface Reply {
  id?: number;
  ready?: boolean;
  result?: unknown;
  error?: { message: string; code?: string } & Record<string, unknown>;
}

/** An error PGlite reported in the worker, with its SQLSTATE and fields, as pg would report it. */
class DatabaseError extends Error {
  override readonly name = 'DatabaseError';

  constructor(fields: { message: string } & Record<string, unknown>) {
    super(fields.message);
    Object.assign(this, fields);
  }
}

/**
 * PostgreSQL embedded in the process (PGlite, WebAssembly) with pgvector, stored under the data dir. The
 * database lives on a worker thread (`pglite-worker.mjs`) so long statements never block the gRPC
 * server. PGlite runs one transaction at a time; it has no statement timeout or cancellation.
 */
export class PgliteBackend implements SqlBackend {
  readonly kind = 'pglite';
  readonly database = 'postgres';
  private readonly pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  private nextId = 1;
  private failure: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => {
      if (reply.id === undefined) return;
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error) waiter?.reject(new DatabaseError(reply.error));
      else waiter?.resolve(reply.result);
    });
    const fail = (err: Error) => {
      // Shaped like a lost connection, so callers answer UNAVAILABLE.
      this.failure = Object.assign(new Error(`the embedded database stopped: ${err.message}`), {
        code: 'CONNECTION_CLOSED',
      });
      for (const waiter of this.pending.values()) waiter.reject(this.failure);
      this.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`worker exited with code ${code}`)));
  }

  static async open(dataDir: string): Promise<PgliteBackend> {
    await mkdir(dataDir, { recursive: true });
    const worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), { workerData: { dataDir } });
    await new Promise<void>((resolve, reject) => {
      const onMessage = (reply: Reply) => {
        if (!reply.ready) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return new PgliteBackend(worker);
  }

  private call<T>(request: Request): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ id, ...request });
    });
  }

  private async transaction<T>(
    prelude: string,
    readOnly: boolean,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T> {
    // The transaction begins with its first statement (one message to the worker instead of two); a
    // failure there has already been rolled back by the worker.
    let tx: number | undefined;
    const begin = async (first?: { text: string; params: ReadonlyArray<string | null> }) => {
      const opened = await this.call<{ tx: number; result: SqlResult | null }>({
        op: 'begin',
        prelude,
        ...(first ? { first } : {}),
      });
      tx = opened.tx;
      return opened.result;
    };
    const session: SqlSession = {
      query: async (text, params = []) => {
        if (tx === undefined) return (await begin({ text, params }))!;
        return this.call<SqlResult>({ op: 'query', tx, text, params });
      },
      script: async (text) => {
        if (tx === undefined) await begin();
        await this.call({ op: 'exec', tx: tx!, text });
      },
    };
    let result: T;
    try {
      result = await work(session);
    } catch (err) {
      if (tx !== undefined) await this.call({ op: 'rollback', tx }).catch(() => undefined);
      throw err;
    }
    if (tx === undefined) return result;
    // A read-only transaction's result is final: its COMMIT need not hold up the caller (the worker
    // finishes it before it begins the next transaction).
    const commit = this.call({ op: 'commit', tx });
    if (readOnly) commit.catch(() => undefined);
    else await commit;
    return result;
  }

  asTenant<T>(
    role: string,
    schema: string,
    userId: string,
    options: TenantOptions,
    work: (session: SqlSession) => Promise<T>,
  ): Promise<T> {
    return this.transaction(tenantPrelude(role, schema, userId, options), options.readOnly, work);
  }

  asOwner<T>(work: (session: SqlSession) => Promise<T>): Promise<T> {
    return this.transaction("SET LOCAL TimeZone = 'UTC'", false, work);
  }

  async close(): Promise<void> {
    if (!this.failure) await this.call({ op: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
