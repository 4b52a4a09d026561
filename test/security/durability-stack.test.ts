import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import type { ManagedProcessRecord } from '../../packages/server/src/platform/managed-process.js';
import type { ProcessIdentity } from '../../packages/server/src/platform/process-identity.js';
import { STACK_LOCK_FILE } from '../../packages/server/src/platform/stack-lock.js';
import { scratchDir, uniqueUser } from '../support/stack.js';
import {
  allGone,
  readStream,
  runStackCommand,
  type StackProcess,
  startStackProcess,
  WriteLoad,
  waitFor,
} from './durability-stack-process.js';

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const UPLOADS = 16;
const UPLOAD_CHUNKS = 8;
const CHUNK_BYTES = 128 * 1024;
/** Caps that keep verification within the services' read limits (Loki 5,000 entries, Supabase 10,000 rows). */
const LOKI_MAX = 4500;
const SUPABASE_MAX = 9000;

function record(dataDir: string, service: string, name: string): ManagedProcessRecord | undefined {
  const file = join(dataDir, service, `${name}.process.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ManagedProcessRecord) : undefined;
}

/**
 * The whole dev stack (`isa-cloud up`, its own process) is SIGKILLed while every embedded backend takes
 * writes; a new stack on the same data dir must find every acknowledged write, and the dead stack must
 * leave no process behind.
 */
describe('SIGKILL of the whole stack during writes', () => {
  const user = uniqueUser('crash');
  const opts = { userId: user, throwOnError: true, enableRetry: false, timeoutMs: 10_000 } as const;
  let dataDir = '';
  let first: StackProcess | undefined;
  let second: StackProcess | undefined;
  const acked: Record<string, number> = {};
  const found: Record<string, number> = {};
  const bodies = new Map<string, string>();
  const uploadsAcked = new Set<string>();
  let loads: Record<'redis' | 'nats' | 'duckdb' | 'loki' | 'supabase', WriteLoad>;
  const natsSequences = new Map<number, number>();
  let stackDescendants: ProcessIdentity[] = [];
  let goneAfterMs = -1;
  let secondStartMs = -1;

  afterAll(async () => {
    await first?.closeClients();
    await second?.closeClients();
    await first?.kill();
    await second?.kill();
    console.info(
      `[durability] stack SIGKILL: acknowledged/found ${Object.keys(acked)
        .map((k) => `${k} ${acked[k]}/${found[k] ?? '?'}`)
        .join(', ')}; ${stackDescendants.length} child processes gone ${goneAfterMs} ms after the kill; ` +
        `restarted stack serving after ${secondStartMs} ms`,
    );
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('takes writes on every backend and is SIGKILLed in the middle of them', async () => {
    dataDir = await scratchDir('stack-kill');
    first = await startStackProcess(dataDir);
    const stack = first;
    const redis = stack.client('redis', opts);
    const nats = stack.client('nats', opts);
    const duckdb = stack.client('duckdb', opts);
    const loki = stack.client('loki', opts);
    const supabase = stack.client('supabase', opts);
    const minio = stack.client('minio', opts);
    await minio.createBucket('crash');
    await duckdb.createDatabase('crash');
    await duckdb.executeStatement('crash', 'CREATE TABLE t (i INTEGER)');
    await nats.createStream('crash', ['crash.>'], { storage: 'file' });

    const t0 = Date.now();
    loads = {
      redis: new WriteLoad((i) => redis.set(`k${i}`, `v${i}`), 4),
      nats: new WriteLoad(async (i) => {
        const ack = await nats.publishToStream('crash', 'crash.m', `m${i}`);
        natsSequences.set(ack!.sequence, i);
      }, 4),
      duckdb: new WriteLoad((i) => duckdb.executeStatement('crash', `INSERT INTO t VALUES (${i})`), 2),
      loki: new WriteLoad(
        (i) => loki.pushLog(`line ${i}`, { labels: { app: 'crash' }, timestamp: t0 + i }),
        2,
        LOKI_MAX,
      ),
      supabase: new WriteLoad(
        (i) => supabase.insert('users', { name: `n${i}`, age: i % 100 }),
        2,
        SUPABASE_MAX,
      ),
    };
    await waitFor(
      () => Object.values(loads).every((l) => l.acknowledged.size >= 20),
      20_000,
      'every backend to acknowledge writes',
    );

    // 16 streamed uploads, started one after another: the kill lands while some are on the wire.
    let uploading = 0;
    const uploads = Array.from({ length: UPLOADS }, async (_, j) => {
      await sleep(j * 100);
      const chunks = Array.from({ length: UPLOAD_CHUNKS }, () => randomBytes(CHUNK_BYTES));
      const key = `object-${j}`;
      bodies.set(key, sha(Buffer.concat(chunks)));
      async function* slowly() {
        for (const chunk of chunks) {
          yield chunk;
          await sleep(15);
        }
      }
      uploading++;
      try {
        await minio.uploadObject('crash', key, slowly());
        uploadsAcked.add(key);
      } catch {
        // cut off by the kill
      } finally {
        uploading--;
      }
    });
    await waitFor(() => uploadsAcked.size >= 3 && uploading > 0, 20_000, 'uploads under way');
    stackDescendants = stack.descendants();
    const killedAt = Date.now();
    await stack.kill();
    const gone = allGone(stackDescendants, 10_000).then(() => Date.now() - killedAt);
    await Promise.all([...Object.values(loads).map((l) => l.stop()), ...uploads]);
    goneAfterMs = await gone;
    for (const [name, load] of Object.entries(loads)) acked[name] = load.acknowledged.size;
    acked.minio = uploadsAcked.size;
    await stack.closeClients();

    // Every backend was written to right up to the kill, and some uploads were cut off by it.
    for (const load of Object.values(loads)) {
      expect(load.acknowledged.size).toBeGreaterThan(20);
      expect(load.failed).toBeGreaterThan(0);
    }
    expect(uploadsAcked.size).toBeGreaterThan(0);
    expect(uploadsAcked.size).toBeLessThan(UPLOADS);
  });

  it('leaves no process behind: the managed servers died with the stack', () => {
    const redisServer = record(dataDir, 'redis', 'redis-server');
    const natsServer = record(dataDir, 'nats', 'nats-server');
    expect(redisServer?.owner.pid).toBe(first!.pid);
    expect(natsServer?.owner.pid).toBe(first!.pid);
    const pids = stackDescendants.map((p) => p.pid);
    expect(pids).toContain(redisServer!.pid);
    expect(pids).toContain(natsServer!.pid);
    expect(goneAfterMs).toBeGreaterThanOrEqual(0);
    expect(goneAfterMs).toBeLessThan(10_000);
  });

  it('starts again on the same data dir (taking over the dead stack’s lock) and finds every acknowledged write', async () => {
    expect(existsSync(join(dataDir, STACK_LOCK_FILE)), 'the dead stack left its lock').toBe(true);
    const started = Date.now();
    second = await startStackProcess(dataDir);
    secondStartMs = Date.now() - started;
    const stack = second;

    const redis = stack.client('redis', opts);
    const keys = [...loads.redis.acknowledged].map((i) => `k${i}`);
    const values: Record<string, string> = {};
    for (let i = 0; i < keys.length; i += 1000)
      Object.assign(values, await redis.mget(keys.slice(i, i + 1000)));
    found.redis = [...loads.redis.acknowledged].filter((i) => values[`k${i}`] === `v${i}`).length;

    const nats = stack.client('nats', opts);
    const seen = await readStream(nats, 'crash');
    found.nats = [...natsSequences].filter(([seq, i]) => seen.get(seq) === `m${i}`).length;

    const duckdb = stack.client('duckdb', opts);
    const rows = (await duckdb.query('crash', 'SELECT i FROM t'))!.rows.map((r) => Number(r.i));
    const inDuck = new Set(rows);
    found.duckdb = [...loads.duckdb.acknowledged].filter((i) => inDuck.has(i)).length;

    const loki = stack.client('loki', opts);
    const entries = await loki.queryLogs('{app="crash"}', {
      limit: 5000,
      startTime: new Date(Date.now() - 3_600_000),
      endTime: new Date(Date.now() + 3_600_000),
    });
    const lines = new Set(entries!.map((e) => e.line));
    found.loki = [...loads.loki.acknowledged].filter((i) => lines.has(`line ${i}`)).length;

    const supabase = stack.client('supabase', opts);
    const users = await supabase.query('users', { select: 'name', limit: 10_000 });
    const names = new Set(users!.map((u) => u.name));
    found.supabase = [...loads.supabase.acknowledged].filter((i) => names.has(`n${i}`)).length;

    const minio = stack.client('minio', opts);
    let complete = 0;
    for (const key of bodies.keys()) {
      const got = await minio.getObject('crash', key).catch((err: { code?: number }) => err);
      if (Buffer.isBuffer(got)) {
        // Acknowledged or not, an object that is there is whole.
        expect(sha(got), `${key} is complete`).toBe(bodies.get(key));
        if (uploadsAcked.has(key)) complete++;
      } else {
        expect(uploadsAcked.has(key), `${key} was acknowledged but is missing`).toBe(false);
        expect(got).toMatchObject({ code: GrpcStatus.NOT_FOUND });
      }
    }
    found.minio = complete;
    const listed = await minio.listObjects('crash');
    for (const o of listed!) expect(o.size).toBe(UPLOAD_CHUNKS * CHUNK_BYTES);

    expect(found).toEqual(acked);
  });

  it('refuses a second stack on the same data dir, naming the running one', async () => {
    const refused = await runStackCommand(dataDir);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(
      new RegExp(
        `data directory .* is in use by another isa-cloud stack \\(pid ${second!.pid}\\b.*ISA_DATA_DIR`,
      ),
    );
    // It stopped before starting anything: the running stack's servers are still the recorded ones.
    expect(record(dataDir, 'redis', 'redis-server')?.owner.pid).toBe(second!.pid);
    expect(record(dataDir, 'nats', 'nats-server')?.owner.pid).toBe(second!.pid);
  });

  it('stops cleanly: no process, lock or record is left', async () => {
    const stack = second!;
    const children = stack.descendants();
    expect(children.length).toBeGreaterThanOrEqual(2);
    await stack.closeClients();
    expect(await stack.stop()).toBe(0);
    expect(await allGone(children, 10_000)).toBeLessThan(10_000);
    expect(existsSync(join(dataDir, STACK_LOCK_FILE))).toBe(false);
    expect(record(dataDir, 'redis', 'redis-server')).toBeUndefined();
    expect(record(dataDir, 'nats', 'nats-server')).toBeUndefined();
  });
});
