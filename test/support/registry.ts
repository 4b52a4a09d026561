import { EmbeddedRegistry } from '../../packages/server/src/platform/consul/embedded-registry.js';
import { createLogger } from '../../packages/server/src/platform/logger.js';

/** The embedded Consul-compatible registry on a free port. */
export async function startRegistry(
  options: { token?: string; port?: number } = {},
): Promise<EmbeddedRegistry> {
  const registry = new EmbeddedRegistry({
    logger: createLogger(process.env.ISA_TEST_LOG_LEVEL ?? 'silent'),
    reapIntervalMs: 200,
    ...(options.token ? { token: options.token } : {}),
  });
  await registry.listen(options.port ?? 0);
  return registry;
}

/** Polls until `accept` holds; a probe that throws (a server restarting) counts as "not yet". */
export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (accept(value)) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `condition not reached in ${timeoutMs} ms; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
