import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceName } from '@isa-cloud/api';
import { type ClientOptions, type ClientTypes, getClient } from '@isa-cloud/sdk';
import { PlatformHost } from '../../packages/server/src/platform/host.js';
import type { ServiceModule } from '../../packages/server/src/platform/service-module.js';
import { SERVICE_MODULES } from '../../packages/server/src/services/index.js';

/** A scratch directory under the run's root, removed by the caller (or at the end of the run). */
export async function scratchDir(label: string): Promise<string> {
  const dir = join(process.env.ISA_TEST_ROOT ?? tmpdir(), `${label}-${randomUUID().slice(0, 8)}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

export interface TestStack {
  readonly host: PlatformHost;
  readonly dataDir: string;
  readonly httpUrl: string;
  port(name: ServiceName): number;
  client<K extends keyof ClientTypes>(name: K, options?: ClientOptions): ClientTypes[K];
  stop(): Promise<void>;
}

/**
 * Starts the named services in this process on ephemeral ports with a private data dir, the way the
 * dev stack does, so tests never collide with a running stack or with each other.
 */
export async function startStack(
  names: ServiceName[],
  env: Record<string, string> = {},
  modules: readonly ServiceModule[] = SERVICE_MODULES,
): Promise<TestStack> {
  const dataDir = env.ISA_DATA_DIR ?? (await scratchDir('stack'));
  const ports = Object.fromEntries(names.map((n) => [`ISA_${n.toUpperCase()}_PORT`, '0']));
  const host = await PlatformHost.start({
    modules: modules.filter((m) => names.includes(m.name)),
    env: {
      ISA_HTTP_PORT: '0',
      ISA_LOG_LEVEL: process.env.ISA_TEST_LOG_LEVEL ?? 'silent',
      ISA_HEALTH_INTERVAL_MS: '500',
      ISA_SHUTDOWN_GRACE_MS: '2000',
      PATH: process.env.PATH ?? '',
      ...ports,
      ...env,
      ISA_DATA_DIR: dataDir,
    },
  });
  const clients: Array<{ close(): Promise<void> }> = [];
  return {
    host,
    dataDir,
    httpUrl: `http://127.0.0.1:${host.httpPort}`,
    port: (name) => host.endpoint(name).port,
    client(name, options = {}) {
      const c = getClient(name, {
        host: '127.0.0.1',
        port: host.endpoint(name).port,
        logger: null,
        ...options,
      });
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.close()));
      await host.stop();
      if (!env.ISA_DATA_DIR) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A tenant id no other test uses. */
export function uniqueUser(label = 'user'): string {
  return `${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
}
