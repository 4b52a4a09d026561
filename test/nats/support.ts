import type { ClientOptions, NATSClient } from '@isa-cloud/sdk';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

export { eventually, expectCode, take } from '../support/expect.js';

/** The machine's NATS server (JetStream enabled), shared with other tests: use unique tenants. */
export const SYSTEM_NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

export function startNatsStack(env: Record<string, string> = {}): Promise<TestStack> {
  return startStack(['nats'], { NATS_URL: SYSTEM_NATS_URL, ...env });
}

/** A client for a fresh tenant that throws IsaCloudError on failure. */
export function tenantClient(stack: TestStack, options: ClientOptions = {}): NATSClient {
  return stack.client('nats', { userId: uniqueUser('nats'), throwOnError: true, ...options });
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
