import { parseArgs } from 'node:util';
import { SERVICE_CATALOG } from '@isa-cloud/api';
import { showAvailableServices } from '@isa-cloud/sdk';
import {
  createLogger,
  EmbeddedRegistry,
  type Logger,
  loadEnvironment,
  PlatformHost,
  readPlatformConfig,
  SERVICE_MODULES,
  StackLock,
} from '@isa-cloud/server';
import { runMinioCommand } from './minio-commands.js';

const USAGE = `isa-cloud — run and use the isa-cloud platform

  isa-cloud up [--only minio,...] [--replicas N] [--no-registry]
                                 the dev stack: every service on embedded backends, plus an embedded
                                 Consul-compatible registry on :8500 (ISA_REGISTRY_PORT) they register in
  isa-cloud serve <service> [--replicas N]
                                 exactly one service (production); registers in Consul when
                                 CONSUL_HTTP_ADDR is set
  isa-cloud registry [--port P]  only the embedded registry
  isa-cloud status [--host H]    each service's port and live health
  isa-cloud minio <verb> ...     object storage: buckets | mb | ls | put | get | url  (--user ID)

Configuration comes from environment variables (see README); ISA_CONFIG_FILE names a JSON file of them.`;

function pickModules(names: string[]) {
  const unknown = names.filter((n) => !SERVICE_MODULES.some((m) => m.name === n));
  if (unknown.length > 0) {
    const available = SERVICE_MODULES.map((m) => m.name).join(', ');
    throw new Error(`unknown service(s): ${unknown.join(', ')}; available: ${available}`);
  }
  return SERVICE_MODULES.filter((m) => names.includes(m.name));
}

function replicaCount(value: string | undefined): number {
  const replicas = Number(value ?? '1');
  if (!Number.isInteger(replicas) || replicas < 1 || replicas > 16)
    throw new Error('--replicas must be 1-16');
  return replicas;
}

async function startRegistry(port: number, logger: Logger): Promise<EmbeddedRegistry> {
  const token = process.env.ISA_REGISTRY_TOKEN;
  const registry = new EmbeddedRegistry({ logger, ...(token ? { token } : {}) });
  try {
    await registry.listen(port);
  } catch (err) {
    throw new Error(
      `cannot start the embedded registry on port ${port} (${(err as Error).message}); set ISA_REGISTRY_PORT, ` +
        'point CONSUL_HTTP_ADDR at a running Consul, or pass --no-registry',
    );
  }
  return registry;
}

function onSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: draining calls and stopping…`);
    stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

async function runHost(
  names: string[],
  options: { replicas: number; registry: boolean; exclusive: boolean },
): Promise<void> {
  let env = loadEnvironment();
  const config = readPlatformConfig(env);
  const logger = createLogger(config.ISA_LOG_LEVEL === 'info' ? 'warn' : config.ISA_LOG_LEVEL);
  // The dev stack owns its data directory: a second `up` on it stops here, before it binds any port.
  // (`serve` replicas may share one: with production backends they keep nothing there.)
  const lock = options.exclusive ? await StackLock.acquire(config.ISA_DATA_DIR) : undefined;
  let registry: EmbeddedRegistry | undefined;
  if (options.registry && !env.CONSUL_HTTP_ADDR && !env.CONSUL_HOST) {
    registry = await startRegistry(Number(env.ISA_REGISTRY_PORT ?? 8500), logger);
    env = { ...env, CONSUL_HTTP_ADDR: registry.address };
  }
  const host = await PlatformHost.start({
    modules: pickModules(names),
    env,
    logger,
    replicas: options.replicas,
    ...(lock ? { lock } : {}),
  });
  console.log(`isa-cloud: ${host.endpoints.length} service endpoint(s) up — data in ${config.ISA_DATA_DIR}`);
  console.log(`${'Service'.padEnd(10)} ${'Address'.padEnd(22)} Status`);
  for (const e of host.endpoints) {
    const name = SERVICE_CATALOG.get(e.name)?.displayName ?? e.name;
    const status = e.health.serving ? 'SERVING' : `NOT_SERVING — ${e.health.message}`;
    console.log(`${name.padEnd(10)} ${`${e.host}:${e.port}`.padEnd(22)} ${status}`);
  }
  if (registry) console.log(`registry (Consul HTTP API): ${registry.address}`);
  else if (env.CONSUL_HTTP_ADDR || env.CONSUL_HOST) {
    console.log(`registering with Consul at ${env.CONSUL_HTTP_ADDR ?? env.CONSUL_HOST}`);
  }
  console.log(`metrics: http://${host.advertisedHost}:${host.httpPort}/metrics — Ctrl-C stops`);
  onSignals(async () => {
    await host.stop();
    await registry?.close();
  });
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { values } = parseArgs({
        args: rest,
        options: {
          only: { type: 'string' },
          replicas: { type: 'string' },
          'no-registry': { type: 'boolean', default: false },
        },
      });
      const names = values.only
        ? values.only.split(',').map((s) => s.trim())
        : SERVICE_MODULES.map((m) => m.name);
      await runHost(names, {
        replicas: replicaCount(values.replicas),
        registry: !values['no-registry'],
        exclusive: true,
      });
      return;
    }
    case 'serve': {
      const { positionals, values } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { replicas: { type: 'string' } },
      });
      if (positionals.length !== 1) throw new Error('usage: isa-cloud serve <service>');
      await runHost(positionals, {
        replicas: replicaCount(values.replicas),
        registry: false,
        exclusive: false,
      });
      return;
    }
    case 'registry': {
      const { values } = parseArgs({
        args: rest,
        options: { port: { type: 'string', default: process.env.ISA_REGISTRY_PORT ?? '8500' } },
      });
      const registry = await startRegistry(
        Number(values.port),
        createLogger(process.env.ISA_LOG_LEVEL ?? 'info'),
      );
      console.log(`embedded registry (Consul HTTP API) on ${registry.address} — Ctrl-C stops it`);
      onSignals(() => registry.close());
      return;
    }
    case 'status': {
      const { values } = parseArgs({
        args: rest,
        options: { host: { type: 'string', default: 'localhost' } },
      });
      const rows = await showAvailableServices({ host: values.host });
      process.exitCode = rows.every((r) => r.status === 'SERVING') ? 0 : 1;
      return;
    }
    case 'minio':
      await runMinioCommand(rest);
      return;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}"\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`isa-cloud: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
