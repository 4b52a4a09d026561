/**
 * Redis through the service vs ioredis directly, in the same run against the same redis-server:
 * GET and SET operations per second at 1 and 32 calls in flight (with latency percentiles at 1; at 32 with
 * the SDK's automatic pipelining and without it), and a batch of 100 mixed commands through ExecuteBatch
 * vs an ioredis pipeline (and MULTI/EXEC) of the same 100.
 *   npx tsx bench/redis.ts [--ops 20000] [--size 64] [--batches 500] [--redis-url redis://host:port]
 * Without --redis-url a private redis-server on a free port is used (so other users of the machine's
 * Redis neither disturb nor are disturbed by the run); the service runs in its own process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type RedisBatchCommand, RedisClient } from '@isa-cloud/sdk';
import { Redis } from 'ioredis';
import { findBinary, freePort, ManagedProcess } from '../packages/server/src/platform/managed-process.js';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    ops: { type: 'string', default: '20000' },
    size: { type: 'string', default: '64' },
    batches: { type: 'string', default: '500' },
    'redis-url': { type: 'string' },
  },
});
const OPS = Number(values.ops);
const SIZE = Number(values.size);
const BATCHES = Number(values.batches);
const BATCH_SIZE = 100;
const SEQUENTIAL_OPS = Math.min(OPS, 5000);
const KEYS = 1000;
const value = 'v'.repeat(SIZE);
const user = `bench_${process.pid}`;

let server: ManagedProcess | undefined;
let dir: string | undefined;
let url = values['redis-url'];
if (!url) {
  const binary = findBinary('redis-server');
  if (!binary) throw new Error('redis-server is not installed; pass --redis-url');
  const port = await freePort();
  dir = await mkdtemp(join(tmpdir(), 'isa-bench-redis-'));
  server = new ManagedProcess({
    name: 'redis-bench',
    binary,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    port,
  });
  await server.start();
  url = `redis://127.0.0.1:${port}`;
}

const service = await startServiceProcess('redis', { REDIS_URL: url });
// Small values: gzip would cost more than it saves (the guide's advice, too).
const client = new RedisClient({
  host: '127.0.0.1',
  port: service.port,
  userId: user,
  throwOnError: true,
  enableCompression: false,
});
// The same calls one RPC each, to show what automatic pipelining is worth.
const unpipelined = new RedisClient({
  host: '127.0.0.1',
  port: service.port,
  userId: user,
  throwOnError: true,
  enableCompression: false,
  autoPipelining: false,
});
const direct = new Redis(url);
const prefix = `isa:${user}:default-org:k:`;
const rows: Array<[string, string, string, string]> = [];
const rate = (n: number, ms: number) => n / (ms / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** Runs `count` calls with at most `limit` in flight. */
async function pool(count: number, limit: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await call(next++);
    }),
  );
}

/** Latency of each call, one at a time, sorted. */
async function latencies(count: number, call: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await call(i);
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b);
}

try {
  await client.healthCheck();
  // Warm-up both paths (connections, JIT, script cache).
  await pool(2000, 32, (i) => client.set(`k${i % KEYS}`, value));
  await pool(2000, 32, (i) => direct.set(`${prefix}k${i % KEYS}`, value));

  for (const op of ['SET', 'GET'] as const) {
    const viaSdk = (i: number) =>
      op === 'SET' ? client.set(`k${i % KEYS}`, value) : client.get(`k${i % KEYS}`);
    const viaDirect = (i: number) =>
      op === 'SET' ? direct.set(`${prefix}k${i % KEYS}`, value) : direct.get(`${prefix}k${i % KEYS}`);

    const d1 = await latencies(SEQUENTIAL_OPS, viaDirect);
    const s1 = await latencies(SEQUENTIAL_OPS, viaSdk);
    const sum = (s: number[]) => s.reduce((a, b) => a + b, 0);
    const d1Rate = rate(SEQUENTIAL_OPS, sum(d1));
    const s1Rate = rate(SEQUENTIAL_OPS, sum(s1));
    rows.push([`${op}, ioredis direct, 1 in flight`, fmt(d1Rate), 'ops/s', '1.00']);
    rows.push([`${op}, SDK, 1 in flight`, fmt(s1Rate), 'ops/s', (s1Rate / d1Rate).toFixed(2)]);
    const p = (s: number[]) => `${percentile(s, 50).toFixed(3)} / ${percentile(s, 99).toFixed(3)}`;
    rows.push([`${op} latency p50 / p99, direct`, p(d1), 'ms', '']);
    rows.push([`${op} latency p50 / p99, SDK`, p(s1), 'ms', '']);

    const viaUnary = (i: number) =>
      op === 'SET' ? unpipelined.set(`k${i % KEYS}`, value) : unpipelined.get(`k${i % KEYS}`);
    const d32 = await timed(() => pool(OPS, 32, viaDirect));
    const s32 = await timed(() => pool(OPS, 32, viaSdk));
    const u32 = await timed(() => pool(Math.min(OPS, 10_000), 32, viaUnary));
    const d32Rate = rate(OPS, d32.ms);
    const s32Rate = rate(OPS, s32.ms);
    const u32Rate = rate(Math.min(OPS, 10_000), u32.ms);
    rows.push([`${op}, ioredis direct, 32 in flight`, fmt(d32Rate), 'ops/s', '1.00']);
    rows.push([
      `${op}, SDK, 32 in flight (auto-pipelined)`,
      fmt(s32Rate),
      'ops/s',
      (s32Rate / d32Rate).toFixed(2),
    ]);
    rows.push([
      `${op}, SDK, 32 in flight, one RPC per call`,
      fmt(u32Rate),
      'ops/s',
      (u32Rate / d32Rate).toFixed(2),
    ]);
  }

  // A batch of 100 mixed commands (50 SET, 50 GET), one batch at a time.
  const commands: RedisBatchCommand[] = Array.from({ length: BATCH_SIZE }, (_, i) =>
    i % 2 === 0 ? { op: 'set', key: `b${i}`, value } : { op: 'get', key: `b${i - 1}` },
  );
  const directBatch = async () => {
    const pipeline = direct.pipeline();
    for (let i = 0; i < BATCH_SIZE; i++) {
      if (i % 2 === 0) pipeline.set(`${prefix}b${i}`, value);
      else pipeline.get(`${prefix}b${i - 1}`);
    }
    const results = await pipeline.exec();
    if (results?.length !== BATCH_SIZE) throw new Error('pipeline lost results');
  };
  const sdkBatch = async () => {
    const result = await client.executeBatch(commands);
    if (result?.results.length !== BATCH_SIZE || result.errorCount !== 0) throw new Error('batch failed');
  };
  for (const [label, run] of [
    ['pipeline', false],
    ['MULTI/EXEC', true],
  ] as const) {
    const d = await timed(async () => {
      for (let i = 0; i < BATCHES; i++) {
        if (run) {
          const tx = direct.multi();
          for (let j = 0; j < BATCH_SIZE; j++) {
            if (j % 2 === 0) tx.set(`${prefix}b${j}`, value);
            else tx.get(`${prefix}b${j - 1}`);
          }
          await tx.exec();
        } else await directBatch();
      }
    });
    const s = await timed(async () => {
      for (let i = 0; i < BATCHES; i++) {
        if (run) await client.executeBatch(commands, { transaction: true });
        else await sdkBatch();
      }
    });
    const dRate = rate(BATCHES, d.ms);
    const sRate = rate(BATCHES, s.ms);
    rows.push([`batch of ${BATCH_SIZE} (${label}), ioredis direct`, fmt(dRate), 'batches/s', '1.00']);
    rows.push([
      `batch of ${BATCH_SIZE} (${label}), SDK executeBatch`,
      fmt(sRate),
      'batches/s',
      (sRate / dRate).toFixed(2),
    ]);
  }

  const info = await direct.info('server');
  console.log(`Redis benchmark — ${new Date().toISOString()} — ${machine()}`);
  console.log(
    `redis-server ${/redis_version:(\S+)/.exec(info)?.[1]} at ${server ? 'a private port' : url}; ${SIZE}-byte values; ` +
      `${OPS} ops at 32 in flight, ${SEQUENTIAL_OPS} at 1; ${BATCHES} batches; service in its own process; SDK without gzip`,
  );
  console.log('| measurement | result | unit | vs direct |\n|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`service peak RSS: ${service.memory().peakMiB.toFixed(0)} MiB`);
} finally {
  let cursor = '0';
  do {
    const [next, keys] = await direct.scan(cursor, 'MATCH', `isa:${user}:*`, 'COUNT', 1000);
    if (keys.length > 0) await direct.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  await client.close();
  await unpipelined.close();
  direct.disconnect();
  await service.stop();
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}
