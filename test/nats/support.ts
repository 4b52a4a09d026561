import type { ClientOptions, NATSClient } from '@isa-cloud/sdk';
import { expect } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

/** The machine's NATS server (JetStream enabled), shared with other tests: use unique tenants. */
export const SYSTEM_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export function startNatsStack(env: Record<string, string> = {}): Promise<TestStack> {
  return startStack(['nats'], { NATS_URL: SYSTEM_NATS_URL, ...env });
}

/** A client for a fresh tenant that throws IsaCloudError on failure. */
export function tenantClient(stack: TestStack, options: ClientOptions = {}): NATSClient {
  return stack.client('nats', { userId: uniqueUser('nats'), throwOnError: true, ...options });
}

export async function expectCode(promise: Promise<unknown>, code: number, field?: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, ...(field ? { field } : {}) });
}

/** Collects up to `count` items from a live stream, failing after `timeoutMs`. */
export async function take<T>(stream: AsyncIterable<T>, count: number, timeoutMs = 5000): Promise<T[]> {
  const out: T[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`timed out after ${out.length} of ${count} items`);
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), remaining);
      }),
    ]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`timed out after ${out.length} of ${count} items`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Polls `check` until it returns true (or fails the test after `timeoutMs`). */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Deletes every stream, KV bucket and object bucket of the client's tenant on the shared server. */
export async function cleanupTenant(client: NATSClient | undefined): Promise<void> {
  if (!client) return;
  const quiet = { throwOnError: false } as const;
  for (const s of (await client.listStreams(quiet)) ?? []) await client.deleteStream(s.name, quiet);
  for (const b of (await client.kvListBuckets(quiet)) ?? []) await client.kvDeleteBucket(b.bucket, quiet);
  for (const b of (await client.objectListBuckets(quiet)) ?? [])
    await client.objectDeleteBucket(b.bucket, quiet);
}
