import type { ServiceName } from '@isa-cloud/sdk';
import type { ExampleEnv } from '../../examples/support/env.js';
import type { EmbeddedRegistry } from '../../packages/server/src/platform/consul/embedded-registry.js';
import { startRegistry } from '../support/registry.js';
import { scratchDir, startStack, type TestStack } from '../support/stack.js';

/** The whole dev stack (every service, embedded backends, the registry) as `npm start` runs it. */
export interface ExampleStack {
  stack: TestStack;
  registry: EmbeddedRegistry;
  env(): Promise<ExampleEnv & { lines: string[] }>;
  stop(): Promise<void>;
}

export async function startExampleStack(): Promise<ExampleStack> {
  const registry = await startRegistry();
  const names: ServiceName[] = ['minio', 'duckdb', 'mqtt', 'loki', 'redis', 'nats', 'supabase'];
  const stack = await startStack(names, {
    CONSUL_HTTP_ADDR: registry.address,
    ISA_CONSUL_CHECK_INTERVAL: '300ms',
  });
  return {
    stack,
    registry,
    async env() {
      const lines: string[] = [];
      return {
        host: '127.0.0.1',
        port: (service) => stack.port(service),
        consulHost: '127.0.0.1',
        consulPort: registry.port,
        print: (line) => lines.push(line),
        workDir: await scratchDir('example'),
        lines,
      };
    },
    async stop() {
      await stack.stop();
      await registry.close();
    },
  };
}
