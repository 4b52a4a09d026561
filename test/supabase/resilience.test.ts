import { createServer, type Server, Socket } from 'node:net';
import { GrpcStatus, type SupabaseClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';
import { ADMIN_TOKEN, adminClient, createTestDatabase, type TestDatabase } from './support.js';

/**
 * A TCP relay in front of the machine's PostgreSQL that the test can open and cut, so the service sees
 * the database vanish and come back without anyone touching the shared server.
 */
class Relay {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly port: number,
    private readonly target: number,
  ) {}

  async open(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      upstream.connect(this.target, '127.0.0.1', () => {
        client.pipe(upstream);
        upstream.pipe(client);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
  }

  /** Stops listening and cuts every open connection. */
  async cut(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

async function eventually<T>(work: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await work();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

describe('supabase on PostgreSQL: outages, timeouts and cancellation', () => {
  let database: TestDatabase;
  let relay: Relay;
  let stack: TestStack;
  let client: SupabaseClient;
  let admin: SupabaseClient;

  beforeAll(async () => {
    database = await createTestDatabase();
    relay = new Relay(await freePort(), 5432);
    const url = new URL(database.url);
    url.port = String(relay.port);
    // The database is unreachable when the service starts.
    stack = await startStack(['supabase'], {
      SUPABASE_ADMIN_TOKEN: ADMIN_TOKEN,
      DATABASE_URL: url.toString(),
      SUPABASE_STATEMENT_TIMEOUT_MS: '20000',
    });
    client = stack.client('supabase', { userId: uniqueUser('res'), throwOnError: true, enableRetry: false });
    admin = adminClient(stack);
  });

  afterAll(async () => {
    await admin?.close();
    await stack?.stop();
    await relay?.cut();
    await database?.drop();
  });

  it('starts without its database, reports NOT_SERVING and refuses work with UNAVAILABLE', async () => {
    const health = await client.healthCheck();
    expect(health).toMatchObject({ healthy: false, status: 'NOT_SERVING', backend: 'postgres' });
    expect(health!.message).toMatch(/database|connect|ECONNREFUSED/i);
    await expect(client.query('users')).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
  });

  it('bootstraps and serves once the database is reachable', async () => {
    await relay.open();
    const rows = await eventually(() => client.insert('users', { name: 'late', age: 1 }));
    expect(rows).toMatchObject([{ name: 'late' }]);
    expect(await client.healthCheck()).toMatchObject({ healthy: true, status: 'SERVING' });
  });

  it('answers UNAVAILABLE while the connection is cut, then reconnects', async () => {
    await relay.cut();
    await expect(client.query('users')).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    await relay.open();
    expect(await eventually(() => client.query('users', { select: 'name' }))).toEqual([{ name: 'late' }]);
  });

  it('ends a statement at the caller’s deadline and cancels it in the database', async () => {
    await admin.applyMigration(
      'slow',
      'CREATE FUNCTION slow_call() RETURNS integer LANGUAGE sql AS $$SELECT 1 FROM pg_sleep(30)$$',
    );
    const started = Date.now();
    await expect(client.executeRpc('slow_call', {}, { timeoutMs: 1500 })).rejects.toMatchObject({
      code: GrpcStatus.DEADLINE_EXCEEDED,
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    const running = async () =>
      (
        await database.sql(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%slow_call%' AND state = 'active' AND pid <> pg_backend_pid()",
        )
      ).rows[0].n as number;
    await eventually(async () => expect(await running()).toBe(0), 8_000);
    expect(await client.executeRpc('slow_call', {}, { timeoutMs: 100 }).catch((e) => e.code)).toBe(
      GrpcStatus.DEADLINE_EXCEEDED,
    );
    expect(await client.count('users')).toBe(1);
  });
});
