import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Logger } from './logger.js';

/** A free TCP port on 127.0.0.1 (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The absolute path of `binary` on PATH (or in the usual sbin directories), or undefined. */
export function findBinary(binary: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...path.split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin']) {
    if (!dir) continue;
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function portAccepts(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

export interface ManagedProcessOptions {
  /** Name for logs, e.g. "redis-server". */
  name: string;
  binary: string;
  args: string[];
  /** The port the process listens on; start() returns once it accepts connections. */
  port: number;
  startTimeoutMs?: number;
  logger?: Logger;
}

/**
 * A backend server binary the dev stack runs itself (redis-server, nats-server) when no URL is
 * configured: started on a private port, waited for, and stopped with the stack.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stderr = '';
  private restarting: Promise<void> | undefined;

  constructor(private readonly options: ManagedProcessOptions) {}

  get port(): number {
    return this.options.port;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    const { name, binary, args, port } = this.options;
    const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    this.stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err) => reject(new Error(`${name}: cannot start ${binary}: ${err.message}`)));
      child.once('exit', (code, signal) =>
        reject(
          new Error(`${name} exited during start-up (${signal ?? `code ${code}`}): ${this.stderr.trim()}`),
        ),
      );
    });
    failed.catch(() => undefined);
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 15_000);
    for (;;) {
      const ready = await Promise.race([portAccepts(port), failed]);
      if (ready) break;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`${name} did not accept connections on port ${port} within the start-up timeout`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    this.options.logger?.info({ name, port, pid: child.pid }, `${name} started`);
  }

  /** Starts the process again if it has died (concurrent callers share one restart). */
  ensureRunning(): Promise<void> {
    if (this.running) return Promise.resolve();
    this.restarting ??= (async () => {
      this.options.logger?.warn(
        { name: this.options.name },
        `${this.options.name} is not running; starting it again`,
      );
      await this.start();
    })().finally(() => {
      this.restarting = undefined;
    });
    return this.restarting;
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  /** Kills the process at once (tests use it to simulate a crash). */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
