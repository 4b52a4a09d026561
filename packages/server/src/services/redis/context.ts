import type { RedisBackend } from './backend.js';
import type { Compiled } from './commands.js';
import type { SubscriptionRegistry } from './subscriptions.js';

/** What the handlers share. */
export interface RedisDeps {
  /** The backend, or UNAVAILABLE (with what to install or set) when there is none. */
  backend(): RedisBackend;
  /** What HealthCheck reports when there is no backend at all. */
  readonly missing: string;
  readonly mode: 'external' | 'managed';
  readonly subscriptions: SubscriptionRegistry;
  /** Messages a subscription may hold for a slow reader before it is ended. */
  readonly subscribeBuffer: number;
}

/** Runs one compiled command and reads its reply. */
export async function run<R>(deps: RedisDeps, compiled: Compiled<R>): Promise<R> {
  let reply: unknown;
  try {
    reply = await deps.backend().call(compiled);
  } catch (err) {
    throw compiled.refine && err instanceof Error ? compiled.refine(err) : err;
  }
  return compiled.parse(reply);
}
