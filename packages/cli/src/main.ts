import { parseArgs } from 'node:util';
import { SERVICE_CATALOG, type ServiceName } from '@isa-cloud/api';
import { showAvailableServices } from '@isa-cloud/sdk';
import {
  createLogger,
  loadEnvironment,
  PlatformHost,
  readPlatformConfig,
  SERVICE_MODULES,
} from '@isa-cloud/server';
import { runMinioCommand } from './minio-commands.js';

const USAGE = `isa-cloud — run and use the isa-cloud platform

  isa-cloud up [--only minio,duckdb,...]   start the dev stack (every service, embedded backends)
  isa-cloud serve <service>                run exactly one service (for production / replicas)
  isa-cloud status [--host H]              show each service's port and live health
  isa-cloud minio <verb> ...               object storage: buckets | mb | ls | put | get | url  (--user ID)

Configuration comes from environment variables (see README); ISA_CONFIG_FILE names a JSON file of them.`;

function pickModules(names: string[]) {
  const unknown = names.filter((n) => !SERVICE_MODULES.some((m) => m.name === n));
  if (unknown.length > 0) {
    throw new Error(
      `unknown service(s): ${unknown.join(', ')}; available: ${SERVICE_MODULES.map((m) => m.name).join(', ')}`,
    );
  }
  return SERVICE_MODULES.filter((m) => names.includes(m.name));
}

async function runHost(names: string[]): Promise<void> {
  const env = loadEnvironment();
  const config = readPlatformConfig(env);
  const logger = createLogger(config.ISA_LOG_LEVEL === 'info' ? 'warn' : config.ISA_LOG_LEVEL);
  const host = await PlatformHost.start({ modules: pickModules(names), env, logger });
  console.log(`isa-cloud: ${host.endpoints.length} service(s) up — data in ${config.ISA_DATA_DIR}`);
  console.log(`${'Service'.padEnd(10)} ${'Address'.padEnd(22)} Status`);
  for (const e of host.endpoints) {
    const entry = SERVICE_CATALOG.get(e.name);
    const status = e.health.serving ? 'SERVING' : `NOT_SERVING — ${e.health.message}`;
    console.log(`${(entry?.displayName ?? e.name).padEnd(10)} ${`${e.host}:${e.port}`.padEnd(22)} ${status}`);
  }
  console.log(
    `metrics: http://${host.endpoints[0]?.host ?? '127.0.0.1'}:${host.httpPort}/metrics — Ctrl-C stops the stack`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      console.error(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: draining calls and stopping…`);
    host.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up': {
      const { values } = parseArgs({ args: rest, options: { only: { type: 'string' } } });
      const names = values.only
        ? values.only.split(',').map((s) => s.trim())
        : SERVICE_MODULES.map((m) => m.name);
      await runHost(names);
      return;
    }
    case 'serve': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) throw new Error('usage: isa-cloud serve <service>');
      await runHost(positionals);
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

export type { ServiceName };
