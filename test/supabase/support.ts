import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SupabaseClient } from '@isa-cloud/sdk';
import pg from 'pg';
import { defaultTenantRole } from '../../packages/server/src/services/supabase/names.js';
import { scratchDir, startStack, type TestStack } from '../support/stack.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** The machine's PostgreSQL (CI and dev), reached as the superuser with trust auth. */
export const POSTGRES_ADMIN_URL =
  process.env.SUPABASE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** The tenant role the service derives for this database. */
  readonly role: string;
  /** Runs SQL as the superuser on this database (for checks below the service). */
  sql(text: string, params?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

/** A private database on the machine's PostgreSQL, dropped (with the service's role) at the end. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `isa_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const role = defaultTenantRole(name, 'public');
  return {
    name,
    url: url.toString(),
    role,
    sql: (text, params) => client.query(text, params),
    async drop() {
      await client.end().catch(() => undefined);
      const cleanup = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await cleanup.end();
      }
    },
  };
}

/** Whether the machine's PostgreSQL can load pgvector (Debian bookworm's PostgreSQL 15 cannot). */
export async function postgresHasVector(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    const result = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'");
    return result.rowCount === 1;
  } finally {
    await client.end();
  }
}

const TEMPLATE_WAIT_MS = 120_000;

/**
 * A PGlite data directory initialised once per test run (initdb costs seconds of CPU) and copied for each
 * stack, so every stack still gets a private database.
 */
export async function pgliteTemplate(): Promise<string> {
  const root = process.env.ISA_TEST_ROOT ?? join(tmpdir(), 'isa-cloud-test-supabase');
  const dir = join(root, 'supabase-pglite-template');
  const ready = join(dir, 'READY');
  const lock = join(root, 'supabase-pglite-template.lock');
  await mkdir(root, { recursive: true });
  const deadline = Date.now() + TEMPLATE_WAIT_MS;
  for (;;) {
    if ((await readFile(ready, 'utf8').catch(() => '')) === 'ok') return join(dir, 'data');
    try {
      await mkdir(lock);
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for the PGlite template');
      await new Promise((r) => setTimeout(r, 200));
      continue;
    }
    try {
      const stack = await startStack(['supabase'], { ISA_DATA_DIR: join(dir, 'data') });
      await stack.stop();
      await writeFile(ready, 'ok');
    } catch (err) {
      await rm(lock, { recursive: true, force: true });
      throw err;
    }
  }
}

export type BackendLabel = 'pglite' | 'postgres';

/** A client carrying an admin token (the stack's factory only knows the common options). */
export function adminClient(stack: TestStack, adminToken = ADMIN_TOKEN): SupabaseClient {
  return new SupabaseClient({
    host: '127.0.0.1',
    port: stack.port('supabase'),
    adminToken,
    throwOnError: true,
    logger: null,
  });
}

/** A stack running only the Supabase service on the chosen backend. */
export async function startSupabase(
  backend: BackendLabel,
  env: Record<string, string> = {},
): Promise<{ stack: TestStack; database?: TestDatabase; stop(): Promise<void> }> {
  if (backend === 'postgres') {
    const database = await createTestDatabase();
    try {
      const stack = await startStack(['supabase'], {
        SUPABASE_ADMIN_TOKEN: ADMIN_TOKEN,
        DATABASE_URL: database.url,
        ...env,
      });
      return {
        stack,
        database,
        async stop() {
          await stack.stop();
          await database.drop();
        },
      };
    } catch (err) {
      await database.drop();
      throw err;
    }
  }
  const dataDir = await scratchDir('supabase');
  await cp(await pgliteTemplate(), dataDir, { recursive: true });
  const stack = await startStack(['supabase'], {
    SUPABASE_ADMIN_TOKEN: ADMIN_TOKEN,
    ISA_DATA_DIR: dataDir,
    ...env,
  });
  return {
    stack,
    async stop() {
      await stack.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A deterministic pseudo-random unit vector source, so tests can predict nearest neighbours. */
export function seededVectors(seed: number): (dimension: number) => number[] {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return ((state >>> 0) / 0xffffffff) * 2 - 1;
  };
  return (dimension) => Array.from({ length: dimension }, next);
}

/** A short unique table name. */
export const uniqueTable = (label: string) => `${label}_${randomBytes(4).toString('hex')}`;
