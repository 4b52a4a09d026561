/**
 * NATS through the service vs @nats-io directly, in the same run against the same nats-server:
 * publish throughput of small messages (unary, batch, client stream), request-reply round trip,
 * and KV put/get operations per second.
 *   npx tsx bench/nats.ts [--messages 200000] [--size 64] [--requests 2000] [--kv-ops 10000]
 * Uses NATS_URL (default nats://127.0.0.1:4222, the machine's server); the service runs in its own process.
 */
import { parseArgs } from 'node:util';
import { NATSClient } from '@isa-cloud/sdk';
import { connect, Kvm } from '../packages/server/src/services/nats/direct.js';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '200000' },
    size: { type: 'string', default: '64' },
    requests: { type: 'string', default: '2000' },
    'kv-ops': { type: 'string', default: '10000' },
  },
});
const MESSAGES = Number(values.messages);
const SIZE = Number(values.size);
const REQUESTS = Number(values.requests);
const KV_OPS = Number(values['kv-ops']);
const UNARY_MESSAGES = Math.min(MESSAGES, 20_000);
const CONCURRENCY = 64;
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const payload = new Uint8Array(SIZE).fill(97);
const user = `bench_${process.pid}`;

const service = await startServiceProcess('nats', { NATS_URL });
// The guide's advice ("disable compression"): gzip costs more than it saves on small messages.
const client = new NATSClient({
  host: '127.0.0.1',
  port: service.port,
  userId: user,
  throwOnError: true,
  enableCompression: false,
});
const nc = await connect({ servers: NATS_URL });
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

/** Counts messages arriving at the physical subject, to check every publish really reached NATS. */
function counter(subject: string) {
  let n = 0;
  const sub = nc.subscribe(subject, {
    callback: () => {
      n++;
    },
  });
  return {
    async until(expected: number) {
      const deadline = Date.now() + 30_000;
      while (n < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const got = n;
      n = 0;
      if (got < expected) throw new Error(`only ${got} of ${expected} messages arrived`);
    },
    stop: () => sub.unsubscribe(),
  };
}

try {
  await client.healthCheck();
  const physical = `isa.${user}.default-org.bench.pub`;
  const seen = counter(physical);
  await nc.flush();

  // Publish throughput
  const direct = await timed(async () => {
    for (let i = 0; i < MESSAGES; i++) nc.publish(physical, payload);
    await nc.flush();
  });
  await seen.until(MESSAGES);
  const directRate = rate(MESSAGES, direct.ms);
  rows.push(['publish, @nats-io direct', fmt(directRate), 'msg/s', '1.00']);

  const unary = await timed(() =>
    pool(UNARY_MESSAGES, CONCURRENCY, () => client.publish('bench.pub', payload)),
  );
  await seen.until(UNARY_MESSAGES);
  const unaryRate = rate(UNARY_MESSAGES, unary.ms);
  rows.push([
    `publish, SDK unary (${CONCURRENCY} in flight)`,
    fmt(unaryRate),
    'msg/s',
    (unaryRate / directRate).toFixed(2),
  ]);

  const batchSize = 1000;
  const batch = Array.from({ length: batchSize }, () => ({ subject: 'bench.pub', data: payload }));
  const batched = await timed(() =>
    pool(Math.ceil(MESSAGES / batchSize), 4, () => client.publishBatch(batch)),
  );
  await seen.until(Math.ceil(MESSAGES / batchSize) * batchSize);
  const batchRate = rate(Math.ceil(MESSAGES / batchSize) * batchSize, batched.ms);
  rows.push([
    `publish, SDK batch (${batchSize}/call)`,
    fmt(batchRate),
    'msg/s',
    (batchRate / directRate).toFixed(2),
  ]);

  function* stream() {
    for (let i = 0; i < MESSAGES; i++) yield { subject: 'bench.pub', data: payload };
  }
  const streamed = await timed(() => client.publishStream(stream()));
  await seen.until(MESSAGES);
  const streamRate = rate(MESSAGES, streamed.ms);
  rows.push(['publish, SDK client stream', fmt(streamRate), 'msg/s', (streamRate / directRate).toFixed(2)]);
  seen.stop();

  // Request-reply: one responder on NATS, requests one at a time.
  const responder = nc.subscribe(`isa.${user}.default-org.bench.echo`, {
    callback: (_e, m) => {
      m.respond(m.data);
    },
  });
  await nc.flush();
  const latencies = async (call: () => Promise<unknown>) => {
    for (let i = 0; i < 100; i++) await call(); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      await call();
      samples.push(performance.now() - t);
    }
    return samples.sort((a, b) => a - b);
  };
  const directRtt = await latencies(() =>
    nc.request(`isa.${user}.default-org.bench.echo`, payload, { timeout: 5000 }),
  );
  const sdkRtt = await latencies(() => client.request('bench.echo', payload));
  responder.unsubscribe();
  const p = (s: number[], q: number) => percentile(s, q).toFixed(3);
  rows.push(['request-reply p50 / p99, direct', `${p(directRtt, 50)} / ${p(directRtt, 99)}`, 'ms', '1.00']);
  rows.push([
    'request-reply p50 / p99, SDK',
    `${p(sdkRtt, 50)} / ${p(sdkRtt, 99)}`,
    'ms',
    (percentile(directRtt, 50) / percentile(sdkRtt, 50)).toFixed(2),
  ]);

  // KV: same concurrency both ways.
  const kvm = new Kvm(nc);
  const directKv = await kvm.create(`bench_direct_${process.pid}`, { history: 1 });
  await client.kvCreateBucket('bench', { history: 1 });
  const keys = 1000;
  const kvPutDirect = await timed(() =>
    pool(KV_OPS, CONCURRENCY, (i) => directKv.put(`k${i % keys}`, payload)),
  );
  const kvPutSdk = await timed(() =>
    pool(KV_OPS, CONCURRENCY, (i) => client.kvPut('bench', `k${i % keys}`, payload)),
  );
  const kvGetDirect = await timed(() => pool(KV_OPS, CONCURRENCY, (i) => directKv.get(`k${i % keys}`)));
  const kvGetSdk = await timed(() => pool(KV_OPS, CONCURRENCY, (i) => client.kvGet('bench', `k${i % keys}`)));
  for (const [label, d, s] of [
    ['KV put', kvPutDirect.ms, kvPutSdk.ms],
    ['KV get', kvGetDirect.ms, kvGetSdk.ms],
  ] as const) {
    rows.push([`${label}, direct (${CONCURRENCY} in flight)`, fmt(rate(KV_OPS, d)), 'ops/s', '1.00']);
    rows.push([
      `${label}, SDK (${CONCURRENCY} in flight)`,
      fmt(rate(KV_OPS, s)),
      'ops/s',
      (d / s).toFixed(2),
    ]);
  }
  await directKv.destroy();
  await client.kvDeleteBucket('bench');

  console.log(`NATS benchmark — ${new Date().toISOString()} — ${machine()}`);
  console.log(
    `nats-server ${nc.info?.version} at ${NATS_URL}; ${SIZE}-byte messages; service in its own process`,
  );
  console.log(`| measurement | result | unit | vs direct |\n|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`service peak RSS: ${service.memory().peakMiB.toFixed(0)} MiB`);
} finally {
  await client.close();
  await nc.close();
  await service.stop();
}
