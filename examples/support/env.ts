import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SERVICE_CATALOG, type ServiceName } from '@isa-cloud/sdk';

/**
 * Where an example finds the platform. Run by hand (`npm run example <name>`) it is the dev stack of
 * `npm start` on the guide's ports; the example tests pass their own stack instead.
 */
export interface ExampleEnv {
  readonly host: string;
  port(service: ServiceName): number;
  readonly consulHost: string;
  readonly consulPort: number;
  /** Where the example prints what the guide prints. */
  print(line: string): void;
  /** A scratch directory for files the example writes (e.g. file.txt to upload). */
  readonly workDir: string;
}

export function envFromProcess(): ExampleEnv {
  const host = process.env.ISA_EXAMPLE_HOST ?? 'localhost';
  return {
    host,
    port: (service) =>
      Number(process.env[`ISA_${service.toUpperCase()}_PORT`] ?? SERVICE_CATALOG.get(service)?.defaultPort),
    consulHost: process.env.ISA_EXAMPLE_CONSUL_HOST ?? host,
    consulPort: Number(process.env.ISA_REGISTRY_PORT ?? 8500),
    print: (line) => console.log(line),
    workDir: mkdtempSync(join(tmpdir(), 'isa-example-')),
  };
}
