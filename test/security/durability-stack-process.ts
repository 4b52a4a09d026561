import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import type { ServiceName } from '@isa-cloud/api';
import { type ClientOptions, type ClientTypes, getClient, type NATSClient } from '@isa-cloud/sdk';
import { freePort, portAccepts } from '../../packages/server/src/platform/managed-process.js';
import {
  identify,
  isRunning,
  type ProcessIdentity,
} from '../../packages/server/src/platform/process-identity.js';

/**
 * How a stack process is started: the one place to change when the CLI runs from compiled JavaScript.
 * The process it starts must be the stack itself (no wrapper in between), so a signal sent to its pid
 * is a signal to the stack.
 */
export function stackCommand(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: ['packages/cli/bin/isa-cloud.js', ...args] };
}

/** The embedded backends the crash tests write to (MQTT keeps sessions in memory by design). */
export const DURABLE_SERVICES: ServiceName[] = ['minio', 'duckdb', 'loki', 'redis', 'nats', 'supabase'];

export interface StackProcess {
  readonly pid: number;
  readonly identity: ProcessIdentity;
  readonly dataDir: string;
  /** What it printed so far (stdout and stderr). */
  output(): string;
  client<K extends keyof ClientTypes>(name: K, options?: ClientOptions): ClientTypes[K];
  /** Every process below the stack now (managed servers, executors), with their identities. */
  descendants(): ProcessIdentity[];
  /** SIGKILL: a crash. Resolves once the stack process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful stop. Resolves with the exit code. */
  stop(): Promise<number | null>;
  closeClients(): Promise<void>;
}

/** Environment of a stack process: private ports, the given data dir, quiet logs. */
async function stackEnv(dataDir: string, services: readonly ServiceName[], extra: Record<string, string>) {
  const ports: Record<string, number> = {};
  for (const name of services) ports[name] = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ISA_DATA_DIR: dataDir,
    ISA_HTTP_PORT: String(await freePort()),
    ISA_LOG_LEVEL: 'warn',
    ISA_HEALTH_INTERVAL_MS: '500',
    ISA_SHUTDOWN_GRACE_MS: '2000',
    ...Object.fromEntries(services.map((n) => [`ISA_${n.toUpperCase()}_PORT`, String(ports[n])])),
    ...extra,
  };
  return { ports, env };
}

function upArgs(services: readonly ServiceName[]): string[] {
  return ['up', '--only', services.join(','), '--no-registry'];
}

/** Starts `isa-cloud up` as a child process and resolves once every service is SERVING. */
export async function startStackProcess(
  dataDir: string,
  services: readonly ServiceName[] = DURABLE_SERVICES,
  extraEnv: Record<string, string> = {},
  startTimeoutMs = 60_000,
): Promise<StackProcess> {
  const { ports, env } = await stackEnv(dataDir, services, extraEnv);
  const { command, args } = stackCommand(upArgs(services));
  const child: ChildProcess = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + startTimeoutMs;
  while (!/metrics: /.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the stack exited during start-up:\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the stack did not start within ${startTimeoutMs} ms:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const notServing = output.split('\n').filter((l) => /NOT_SERVING/.test(l));
  if (notServing.length > 0) {
    child.kill('SIGKILL');
    throw new Error(`services not serving:\n${notServing.join('\n')}`);
  }
  const pid = child.pid!;
  const identity = identify(pid)!;
  const clients: Array<{ close(): Promise<void> }> = [];
  return {
    pid,
    identity,
    dataDir,
    output: () => output,
    client(name, options = {}) {
      const port = ports[name];
      if (port === undefined) throw new Error(`${name} is not in this stack`);
      const c = getClient(name, { host: '127.0.0.1', port, logger: null, ...options });
      clients.push(c);
      return c;
    },
    descendants: () => descendantsOf(pid),
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async closeClients() {
      await Promise.all(clients.splice(0).map((c) => c.close()));
    },
  };
}

/** Runs `isa-cloud up` to completion (for starts that must be refused). */
export async function runStackCommand(
  dataDir: string,
  services: readonly ServiceName[] = DURABLE_SERVICES,
  timeoutMs = 30_000,
): Promise<{ code: number | null; output: string; ms: number }> {
  const { env } = await stackEnv(dataDir, services, {});
  const { command, args } = stackCommand(upArgs(services));
  const started = Date.now();
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output, ms: Date.now() - started };
}

/** Every live process whose parent chain leads to `root`. */
export function descendantsOf(root: number): ProcessIdentity[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // exited meanwhile
    }
  }
  const found: ProcessIdentity[] = [];
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    const identity = identify(pid);
    if (identity) found.push(identity);
    queue.push(...(children.get(pid) ?? []));
  }
  return found;
}

/** Waits until none of `processes` runs any more; resolves with how long that took, or throws. */
export async function allGone(processes: readonly ProcessIdentity[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const alive = processes.filter((p) => isRunning(p));
    if (alive.length === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      const names = alive.map((p) => `${p.pid} ${readFileSync(`/proc/${p.pid}/cmdline`, 'utf8')}`);
      throw new Error(`still running ${timeoutMs} ms after the stack died: ${names.join('; ')}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs `write(i)` for i = 0, 1, ... on `concurrency` loops until `stop()` says so; records what was acknowledged. */
export class WriteLoad {
  readonly acknowledged = new Set<number>();
  failed = 0;
  private next = 0;
  private stopped = false;
  private readonly loops: Promise<void>[];

  constructor(
    write: (i: number) => Promise<unknown>,
    concurrency: number,
    private readonly limit = Number.POSITIVE_INFINITY,
  ) {
    this.loops = Array.from({ length: concurrency }, async () => {
      while (!this.stopped && this.next < this.limit) {
        const i = this.next++;
        try {
          await write(i);
          this.acknowledged.add(i);
        } catch {
          this.failed++;
          // After a crash every call fails until the test stops the load; do not spin.
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    });
  }

  get attempted(): number {
    return this.next;
  }

  /** Stops issuing writes and waits for those in flight to be answered (or to fail). */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }
}

/**
 * After a managed server was killed: how long until the service started a new one (a new pid in the
 * record, accepting connections), and until a call through the service succeeds again.
 */
export async function measureRecovery(
  recordFile: string,
  killedPid: number,
  killedAt: number,
  call: () => Promise<unknown>,
  timeoutMs = 15_000,
): Promise<{ restartMs: number; serviceMs: number }> {
  const deadline = killedAt + timeoutMs;
  let restartMs = -1;
  for (;;) {
    const record = JSON.parse(readFileSync(recordFile, 'utf8')) as { pid: number; port: number };
    if (record.pid !== killedPid && (await portAccepts(record.port))) {
      restartMs = Date.now() - killedAt;
      break;
    }
    if (Date.now() > deadline) throw new Error('the managed server was not started again');
    await new Promise((r) => setTimeout(r, 10));
  }
  for (;;) {
    if (
      await call().then(
        () => true,
        () => false,
      )
    )
      return { restartMs, serviceMs: Date.now() - killedAt };
    if (Date.now() > deadline) throw new Error('the service did not recover');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every message in a stream, by sequence (a pull consumer reading until the stream's count is reached). */
export async function readStream(c: NATSClient, stream: string): Promise<Map<number, string>> {
  const { messages } = (await c.getStreamInfo(stream))!;
  await c.createConsumer(stream, 'check', { deliverPolicy: 'all', ackPolicy: 'none' });
  const stored = new Map<number, string>();
  while (stored.size < messages) {
    const batch = await c.pullMessages(stream, 'check', { batchSize: 1000, maxWaitMs: 1000 });
    if (!batch || batch.length === 0) break;
    for (const m of batch) stored.set(m.sequence, m.data.toString());
  }
  return stored;
}
