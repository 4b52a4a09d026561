import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort, portAccepts } from '../../packages/server/src/platform/managed-process.js';

/** A platform service in its own process (`isa-cloud serve <name>`), as in production. */
export interface ServiceProcess {
  readonly port: number;
  readonly httpPort: number;
  readonly pid: number;
  /** Resident set size now and at its peak (VmHWM), in MiB. */
  memory(): { rssMiB: number; peakMiB: number };
  /** SIGTERM: graceful shutdown (deregisters, drains). */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

export async function startServiceProcess(
  name: string,
  env: Record<string, string>,
): Promise<ServiceProcess> {
  // A free port can be taken by another test between choosing it and binding it: try again on new ones.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(name, env);
    } catch (err) {
      const fixedPort = env[`ISA_${name.toUpperCase()}_PORT`] !== undefined;
      if (attempt >= 3 || fixedPort || !/exited during start-up/.test(String(err))) throw err;
    }
  }
}

async function startOnce(name: string, env: Record<string, string>): Promise<ServiceProcess> {
  const port = Number(env[`ISA_${name.toUpperCase()}_PORT`] ?? (await freePort()));
  const httpPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['packages/cli/bin/isa-cloud.js', 'serve', name], {
    env: {
      ...process.env,
      ISA_LOG_LEVEL: 'warn',
      ...env,
      [`ISA_${name.toUpperCase()}_PORT`]: String(port),
      ISA_HTTP_PORT: String(httpPort),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const deadline = Date.now() + 30_000;
  while (!(await portAccepts(port))) {
    if (child.exitCode !== null) throw new Error(`${name} service exited during start-up`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} service did not start`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    httpPort,
    pid: child.pid!,
    memory() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
      return { rssMiB: kib('VmRSS') / 1024, peakMiB: kib('VmHWM') / 1024 };
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Requests a process has completed for one RPC (from its Prometheus metrics), by status code. */
export async function servedCalls(httpPort: number, method: string, code = 'OK'): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('isa_rpc_requests_total{') &&
        l.includes(`method="${method}"`) &&
        l.includes(`code="${code}"`),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}
