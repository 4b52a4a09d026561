/**
 * MQTT through the service vs the `mqtt` package directly, in the same run against the same broker:
 * QoS 1 publish throughput (unary, batch, client stream) and publish→subscriber latency.
 *   npx tsx bench/mqtt.ts [--messages 50000] [--unary 10000] [--size 64] [--latency 2000] [--embedded]
 * Default broker: MQTT_URL (mqtt://127.0.0.1:1883, the machine's Mosquitto). With --embedded the service
 * runs its own aedes broker and "direct" connects to that broker's TCP listener.
 * The service runs in its own process (`isa-cloud serve mqtt`).
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { MQTTClient, type MQTTMessage } from '@isa-cloud/sdk';
import { connectAsync, type MqttClient } from 'mqtt';
import { freePort } from '../packages/server/src/platform/managed-process.js';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    messages: { type: 'string', default: '50000' },
    unary: { type: 'string', default: '10000' },
    size: { type: 'string', default: '64' },
    latency: { type: 'string', default: '2000' },
    embedded: { type: 'boolean', default: false },
  },
});
const MESSAGES = Number(values.messages);
const UNARY = Number(values.unary);
const SIZE = Number(values.size);
const LATENCY_SAMPLES = Number(values.latency);
const CONCURRENCY = 64;
const WINDOW = 1000;
const OPS = { username: 'bench', password: 'bench-password-12345' };
const payload = Buffer.alloc(SIZE, 97);
const user = `bench_${process.pid}`;
const rows: Array<[string, string, string, string]> = [];
const rate = (n: number, ms: number) => n / (ms / 1000);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const dataDir = join(tmpdir(), `bench-mqtt-${process.pid}`);
let brokerUrl = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';
let env: Record<string, string> = { MQTT_URL: brokerUrl, ISA_DATA_DIR: dataDir };
let credentials: { username?: string; password?: string } = {};
if (values.embedded) {
  const port = await freePort();
  brokerUrl = `mqtt://127.0.0.1:${port}`;
  env = {
    ISA_DATA_DIR: dataDir,
    MQTT_EMBEDDED_PORT: String(port),
    MQTT_EMBEDDED_USERNAME: OPS.username,
    MQTT_EMBEDDED_PASSWORD: OPS.password,
  };
  credentials = OPS;
}

/** Runs `count` calls with at most `limit` in flight. */
async function pool(count: number, limit: number, call: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < count) await call(next++);
    }),
  );
}

/** Counts what arrives on the broker at a topic, to check every publish really got there. */
async function counter(topic: string) {
  const sub = await connectAsync(brokerUrl, { clientId: `bench-count-${process.pid}`, ...credentials });
  let n = 0;
  sub.on('message', () => {
    n++;
  });
  await sub.subscribeAsync(topic, { qos: 0 });
  return {
    async until(expected: number) {
      const deadline = Date.now() + 60_000;
      while (n < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const got = n;
      n = 0;
      if (got < expected) throw new Error(`only ${got} of ${expected} messages arrived at the broker`);
    },
    stop: () => sub.endAsync(),
  };
}

/** Publishes `count` QoS 1 messages with at most WINDOW waiting for PUBACK, as the service does. */
async function directPublish(client: MqttClient, topic: string, count: number): Promise<void> {
  await pool(count, WINDOW, () => client.publishAsync(topic, payload, { qos: 1 }));
}

async function latencies(
  publish: (at: number) => Promise<unknown>,
  received: () => Promise<number>,
  samples: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < samples + 100; i++) {
    const sent = performance.now();
    await publish(sent);
    const arrived = await received();
    if (i >= 100) out.push(arrived - sent);
  }
  return out.sort((a, b) => a - b);
}

/** Resolves each arrival time in order, for a subscriber that pushes arrivals. */
function arrivals() {
  const waiting: Array<(at: number) => void> = [];
  const early: number[] = [];
  return {
    arrived(at: number) {
      const w = waiting.shift();
      if (w) w(at);
      else early.push(at);
    },
    next(): Promise<number> {
      const at = early.shift();
      return at !== undefined ? Promise.resolve(at) : new Promise((r) => waiting.push(r));
    },
  };
}

const service = await startServiceProcess('mqtt', env);
// The guide's advice ("disable compression"): gzip costs more than it saves on small messages.
const client = new MQTTClient({
  host: '127.0.0.1',
  port: service.port,
  userId: user,
  throwOnError: true,
  enableCompression: false,
});
const direct = await connectAsync(brokerUrl, { clientId: `bench-direct-${process.pid}`, ...credentials });
try {
  const health = await client.healthCheck({ deepCheck: true });
  const physical = `${user}/default-org/bench/pub`;
  const seen = await counter(physical);
  const session = await client.connect('bench-publisher');

  const directRun = await timed(() => directPublish(direct, physical, MESSAGES));
  await seen.until(MESSAGES);
  const directRate = rate(MESSAGES, directRun.ms);
  rows.push([`QoS 1 publish, mqtt direct (${WINDOW} in flight)`, fmt(directRate), 'msg/s', '1.00']);

  const unary = await timed(() =>
    pool(UNARY, CONCURRENCY, () => client.publish(session!.sessionId, 'bench/pub', payload, { qos: 1 })),
  );
  await seen.until(UNARY);
  const unaryRate = rate(UNARY, unary.ms);
  rows.push([
    `QoS 1 publish, SDK unary (${CONCURRENCY} in flight)`,
    fmt(unaryRate),
    'msg/s',
    (unaryRate / directRate).toFixed(2),
  ]);

  const batchSize = 1000;
  const batch = Array.from({ length: batchSize }, () => ({ topic: 'bench/pub', payload, qos: 1 as const }));
  const batches = Math.ceil(MESSAGES / batchSize);
  const batched = await timed(() => pool(batches, 4, () => client.publishBatch(session!.sessionId, batch)));
  await seen.until(batches * batchSize);
  const batchRate = rate(batches * batchSize, batched.ms);
  rows.push([
    `QoS 1 publish, SDK batch (${batchSize}/call, 4 in flight)`,
    fmt(batchRate),
    'msg/s',
    (batchRate / directRate).toFixed(2),
  ]);

  function* stream() {
    for (let i = 0; i < MESSAGES; i++) yield { topic: 'bench/pub', payload, qos: 1 as const };
  }
  const streamed = await timed(() => client.publishStream(session!.sessionId, stream()));
  await seen.until(MESSAGES);
  const streamRate = rate(MESSAGES, streamed.ms);
  rows.push([
    'QoS 1 publish, SDK client stream',
    fmt(streamRate),
    'msg/s',
    (streamRate / directRate).toFixed(2),
  ]);
  await seen.stop();

  // Latency: one QoS 1 message at a time, publish → subscriber, both ways.
  const directArrivals = arrivals();
  const directSub = await connectAsync(brokerUrl, { clientId: `bench-lat-${process.pid}`, ...credentials });
  directSub.on('message', () => directArrivals.arrived(performance.now()));
  await directSub.subscribeAsync(`${user}/default-org/bench/lat-direct`, { qos: 1 });
  const directLat = await latencies(
    () => direct.publishAsync(`${user}/default-org/bench/lat-direct`, payload, { qos: 1 }),
    () => directArrivals.next(),
    LATENCY_SAMPLES,
  );
  await directSub.endAsync();

  const sdkArrivals = arrivals();
  const sub = await client.subscribe(null, 'bench/lat', { qos: 1 });
  const reading = (async () => {
    for await (const _m of sub! as AsyncIterable<MQTTMessage>) sdkArrivals.arrived(performance.now());
  })();
  const sdkLat = await latencies(
    () => client.publish(session!.sessionId, 'bench/lat', payload, { qos: 1 }),
    () => sdkArrivals.next(),
    LATENCY_SAMPLES,
  );
  sub!.close();
  await reading.catch(() => undefined);
  const p = (s: number[], q: number) => percentile(s, q).toFixed(3);
  rows.push([
    'publish→subscriber p50 / p99, mqtt direct',
    `${p(directLat, 50)} / ${p(directLat, 99)}`,
    'ms',
    '1.00',
  ]);
  rows.push([
    'publish→subscriber p50 / p99, SDK (unary publish, stream subscriber)',
    `${p(sdkLat, 50)} / ${p(sdkLat, 99)}`,
    'ms',
    (percentile(directLat, 50) / percentile(sdkLat, 50)).toFixed(2),
  ]);
  await client.disconnect(session!.sessionId);

  console.log(`MQTT benchmark — ${new Date().toISOString()} — ${machine()}`);
  console.log(
    `broker: ${health?.details.broker_version ?? '?'} (${health?.backend} ${health?.broker}); ${SIZE}-byte payloads; service in its own process`,
  );
  console.log(`| measurement | result | unit | vs direct |\n|---|---|---|---|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`service peak RSS: ${service.memory().peakMiB.toFixed(0)} MiB`);
} finally {
  await client.close();
  await direct.endAsync();
  await service.stop();
  await rm(dataDir, { recursive: true, force: true });
}
