import { spawn } from 'node:child_process';
import type { ClientOptions, MQTTClient } from '@isa-cloud/sdk';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

export { eventually, expectCode } from '../support/expect.js';

/** The machine's Mosquitto, shared with other tests: use unique tenants and topics. */
export const SYSTEM_MQTT_URL = process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883';

export interface MqttTarget {
  label: string;
  backend: 'embedded' | 'external';
  start(env?: Record<string, string>): Promise<TestStack>;
}

export const EMBEDDED: MqttTarget = {
  label: 'embedded (aedes)',
  backend: 'embedded',
  start: (env = {}) => startStack(['mqtt'], { MQTT_STATS_FLUSH_MS: '200', ...env }),
};

export const MOSQUITTO: MqttTarget = {
  label: 'external (Mosquitto)',
  backend: 'external',
  start: (env = {}) =>
    startStack(['mqtt'], { MQTT_URL: SYSTEM_MQTT_URL, MQTT_STATS_FLUSH_MS: '200', ...env }),
};

/** A client for a fresh tenant that throws IsaCloudError on failure. */
export function tenantClient(stack: TestStack, options: ClientOptions = {}): MQTTClient {
  return stack.client('mqtt', { userId: uniqueUser('mqtt'), throwOnError: true, ...options });
}

interface Reader<T> {
  iterator: AsyncIterator<T>;
  /** A next() still waiting from an earlier call: the item it brings belongs to the next caller. */
  pending: Promise<IteratorResult<T>> | undefined;
}

const readers = new WeakMap<object, Reader<unknown>>();

/** One iterator per stream, shared by take() and collectFor(), so no item is lost between calls. */
function readerOf<T>(stream: AsyncIterable<T>): Reader<T> {
  let reader = readers.get(stream) as Reader<T> | undefined;
  if (!reader) {
    reader = { iterator: stream[Symbol.asyncIterator](), pending: undefined };
    readers.set(stream, reader as Reader<unknown>);
  }
  return reader;
}

async function nextWithin<T>(reader: Reader<T>, ms: number): Promise<IteratorResult<T> | 'timeout'> {
  reader.pending ??= reader.iterator.next();
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([
    reader.pending,
    new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), Math.max(0, ms));
    }),
  ]);
  clearTimeout(timer);
  if (result !== 'timeout') reader.pending = undefined;
  return result;
}

/** Collects `count` items from a live stream, failing after `timeoutMs`. */
export async function take<T>(stream: AsyncIterable<T>, count: number, timeoutMs = 5000): Promise<T[]> {
  const reader = readerOf(stream);
  const out: T[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const next = await nextWithin(reader, deadline - Date.now());
    if (next === 'timeout') throw new Error(`timed out after ${out.length} of ${count} items`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Resolves to what arrives within `ms` (for proving that nothing arrives). */
export async function collectFor<T>(stream: AsyncIterable<T>, ms: number): Promise<T[]> {
  const reader = readerOf(stream);
  const out: T[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const next = await nextWithin(reader, deadline - Date.now());
    if (next === 'timeout' || next.done) return out;
    out.push(next.value);
  }
}

export interface BrokerObserver {
  port: number;
  username?: string;
  password?: string;
}

/**
 * Runs mosquitto_sub against the broker itself — its own view of where messages land, independent of
 * this service. `ready` resolves once the subscription is live; `stop()` ends it and returns the
 * "topic payload" lines it printed.
 */
export function mosquittoSub(
  broker: BrokerObserver,
  topics: string[],
): { ready: Promise<void>; stop(): Promise<string[]> } {
  const argv = ['-h', '127.0.0.1', '-p', String(broker.port), '-v', '-d', '-q', '1', '-W', '30'];
  for (const t of topics) argv.push('-t', t);
  if (broker.username) argv.push('-u', broker.username, '-P', broker.password ?? '');
  // Line-buffered, so "SUBACK" shows as soon as it happens (stdout to a pipe is block-buffered).
  const child = spawn('stdbuf', ['-oL', 'mosquitto_sub', ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let resolveReady!: () => void;
  let rejectReady!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (out.includes('SUBACK')) resolveReady();
  });
  let err = '';
  child.stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      rejectReady(new Error(`mosquitto_sub ended before subscribing: ${out} ${err}`));
      resolve();
    });
  });
  return {
    ready,
    async stop() {
      // Let in-flight deliveries arrive before ending the subscriber.
      await new Promise((r) => setTimeout(r, 300));
      child.kill('SIGTERM');
      await exited;
      return out
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l && !/^(Client |Subscribed|Timed out)/.test(l));
    },
  };
}
