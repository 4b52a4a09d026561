import type { ClientOptions, RedisClient } from '@isa-cloud/sdk';
import { Redis } from 'ioredis';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

export { eventually, expectCode, take } from '../support/expect.js';

/** The machine's Redis, shared with other engineers' tests: unique tenants, never FLUSHALL/FLUSHDB. */
export const SYSTEM_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export function startRedisStack(env: Record<string, string> = {}): Promise<TestStack> {
  return startStack(['redis'], { REDIS_URL: SYSTEM_REDIS_URL, ...env });
}

/** A client for a fresh tenant that throws IsaCloudError on failure. */
export function tenantClient(stack: TestStack, options: ClientOptions = {}): RedisClient {
  return stack.client('redis', { userId: uniqueUser('redis'), throwOnError: true, ...options });
}

/** A direct connection to Redis, to look at what the service stored (physical names). */
export function directRedis(url = SYSTEM_REDIS_URL): Redis {
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 1 });
}

/** Every physical key under a tenant's root, by SCAN. */
export async function physicalKeys(direct: Redis, userId: string, org = 'default-org'): Promise<string[]> {
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await direct.scan(cursor, 'MATCH', `isa:${userId}:${org}:*`, 'COUNT', 1000);
    found.push(...keys);
    cursor = next;
  } while (cursor !== '0');
  return found.sort();
}

/** Removes every key of the given tenants (their own namespace only). */
export async function cleanupTenants(
  direct: Redis | undefined,
  userIds: string[],
  org = 'default-org',
): Promise<void> {
  if (!direct) return;
  for (const user of userIds) {
    const keys = await physicalKeys(direct, user, org);
    if (keys.length > 0) await direct.unlink(...keys);
  }
}
