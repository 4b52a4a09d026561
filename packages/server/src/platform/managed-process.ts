import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, openSync, realpathSync, statSync } from 'node:fs';
import { open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, Socket } from 'node:net';
import { delimiter, join } from 'node:path';
import type { Logger } from './logger.js';
import {
  executableOf,
  identify,
  isRunning,
  isVerifiably,
  type ProcessIdentity,
  selfIdentity,
  waitForExit,
} from './process-identity.js';

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

/**
 * Writes a file only this user can read (a server's config with its secret), whatever mode an older
 * copy had: a fresh 0600 file is renamed over it, so the secret is never in a readable file.
 */
export async function writePrivateFile(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
  await rename(temp, file);
}

/**
 * What a managed process record holds: enough to find the process again after this one has died, and to
 * be sure it is that process (pid + kernel start time + boot id) before anything is signalled.
 */
export interface ManagedProcessRecord {
  readonly name: string;
  readonly pid: number;
  readonly startTime?: string;
  readonly bootId?: string;
  /** The executable's real path. */
  readonly binary: string;
  readonly args: readonly string[];
  readonly port: number;
  readonly startedAt: string;
  /** The process that started it (the stack); while it lives, nobody else may touch the server. */
  readonly owner: ProcessIdentity;
}

export interface ManagedProcessOptions {
  /** Name for logs, e.g. "redis-server". */
  name: string;
  binary: string;
  /** Never a secret: the command line is visible to every local user (/proc/<pid>/cmdline, ps). */
  args: string[];
  /** The port the process listens on; start() returns once it accepts connections. */
  port: number;
  startTimeoutMs?: number;
  logger?: Logger;
  /**
   * Where the process record (`<name>.process.json`) and its output (`<name>.log`) are kept: the data
   * directory the server owns. With it, a server left running by a stack that died is found and stopped
   * before a new one starts there. Without it, output is kept in memory only.
   */
  stateDir?: string;
  /** Start it again by itself when it exits unexpectedly (with backoff); default false. */
  restartOnExit?: boolean;
  /** The environment of the process; default a minimal one (PATH, HOME, locale), none of our variables. */
  env?: NodeJS.ProcessEnv;
  /** How long stop() and the clean-up of a stale server wait after SIGTERM before SIGKILL. */
  stopGraceMs?: number;
}

/**
 * On Linux the kernel sends the server SIGTERM when the process that started it dies, however it dies
 * (SIGKILL included): util-linux's setpriv sets the parent-death signal and then execs the server, so
 * the server keeps its own pid and nothing sits in between. Elsewhere (or without setpriv) a server can
 * outlive a crashed stack; the process record lets the next start find and stop it.
 */
const PARENT_DEATH_WRAPPER =
  process.platform === 'linux' ? findBinary('setpriv', '/usr/bin:/bin:/usr/sbin:/sbin') : undefined;

const MINIMAL_ENV_KEYS = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR'];

function minimalEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    MINIMAL_ENV_KEYS.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
  );
}

/** Output files larger than this are rotated (to `.1`) when the server starts. */
const LOG_ROTATE_BYTES = 8 * 1024 * 1024;
/** Restart backoff: 100 ms doubling to 5 s; a process that stayed up this long starts from 100 ms again. */
const RESTART_MIN_MS = 100;
const RESTART_MAX_MS = 5000;
const STABLE_UPTIME_MS = 30_000;

async function readRecord(file: string): Promise<ManagedProcessRecord | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const record = JSON.parse(text) as ManagedProcessRecord;
    return Number.isInteger(record.pid) && record.owner && Number.isInteger(record.owner.pid)
      ? record
      : undefined;
  } catch {
    return undefined;
  }
}

function realBinary(binary: string): string {
  try {
    return realpathSync(binary);
  } catch {
    return binary;
  }
}

/**
 * A backend server binary the dev stack runs itself (redis-server, nats-server) when no URL is
 * configured: started on a private port, waited for, and stopped with the stack. It dies with the stack
 * (parent-death signal), and it records what it started in its state directory so that the next start
 * stops a server a dead stack left behind instead of running a second one on the same data.
 */
export class ManagedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private restarting: Promise<void> | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private restartDelayMs = RESTART_MIN_MS;
  private stopping = false;
  /** Set once the process has served: only then is an unexpected exit answered with a restart. */
  private restartArmed = false;
  private startedAtMs = 0;
  /** Counts stop() calls: a start that began before one must not spawn after it. */
  private stops = 0;
  private recorded: ManagedProcessRecord | undefined;

  constructor(private readonly options: ManagedProcessOptions) {}

  get port(): number {
    return this.options.port;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The record file, when the process has a state directory. */
  get recordFile(): string | undefined {
    return this.options.stateDir
      ? join(this.options.stateDir, `${this.options.name}.process.json`)
      : undefined;
  }

  get logFile(): string | undefined {
    return this.options.stateDir ? join(this.options.stateDir, `${this.options.name}.log`) : undefined;
  }

  async start(): Promise<void> {
    const { name, binary, args, port } = this.options;
    this.stopping = false;
    const stops = this.stops;
    await this.takeOverStale();
    const log = await this.openLog();
    if (stops !== this.stops) {
      if (log) closeSync(log.fd);
      throw new Error(`${name} was stopped while it was starting`);
    }
    const [command, argv] = PARENT_DEATH_WRAPPER
      ? [PARENT_DEATH_WRAPPER, ['--pdeathsig', 'TERM', '--', binary, ...args]]
      : [binary, args];
    let child: ChildProcess;
    try {
      child = spawn(command, argv, {
        stdio: ['ignore', log?.fd ?? 'ignore', log?.fd ?? 'pipe'],
        env: this.options.env ?? minimalEnv(),
      });
    } finally {
      if (log) closeSync(log.fd);
    }
    this.child = child;
    this.startedAtMs = Date.now();
    this.output = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4000);
    });
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.once('exit', (code, signal) => this.onExit(child, code, signal));
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err) => reject(new Error(`${name}: cannot start ${binary}: ${err.message}`)));
      child.once('exit', (code, signal) => {
        void this.recentOutput(log?.offset).then((output) =>
          reject(new Error(`${name} exited during start-up (${signal ?? `code ${code}`}): ${output}`)),
        );
      });
    });
    failed.catch(() => undefined);
    if (child.pid !== undefined) await this.writeRecord(child.pid);
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
    this.restartArmed = true;
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

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`; forgets the record. */
  async stop(graceMs = this.options.stopGraceMs ?? 5000): Promise<void> {
    this.stopping = true;
    this.stops++;
    this.restartArmed = false;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (child && this.running) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    // A restart under way either gives up before it spawns or has just lost the child killed above.
    await this.restarting?.catch(() => undefined);
    await this.forgetRecord();
  }

  /** Kills the process at once (tests use it to simulate a crash). */
  async kill(): Promise<void> {
    if (!this.child || !this.running) return;
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private onExit(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopping || child !== this.child) return;
    const uptimeMs = Date.now() - this.startedAtMs;
    this.options.logger?.warn(
      { name: this.options.name, pid: child.pid, code, signal, uptimeMs, log: this.logFile },
      `${this.options.name} exited unexpectedly`,
    );
    if (!this.options.restartOnExit || !this.restartArmed) return;
    if (uptimeMs >= STABLE_UPTIME_MS) this.restartDelayMs = RESTART_MIN_MS;
    const delay = this.restartDelayMs;
    this.restartDelayMs = Math.min(RESTART_MAX_MS, this.restartDelayMs * 2);
    this.scheduleRestart(delay);
  }

  private scheduleRestart(delayMs: number): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      if (this.stopping) return;
      this.ensureRunning().catch((err: unknown) => {
        this.options.logger?.error(
          { name: this.options.name, err: (err as Error).message },
          `${this.options.name} does not start again; retrying`,
        );
        if (!this.stopping) {
          const next = this.restartDelayMs;
          this.restartDelayMs = Math.min(RESTART_MAX_MS, next * 2);
          this.scheduleRestart(next);
        }
      });
    }, delayMs);
    this.restartTimer.unref();
  }

  /**
   * Before starting: a record left in the state directory names the server the last start ran there.
   * If the stack that started it is still alive, the directory is in use and start-up stops. If that
   * stack is dead but its server still runs (verified by pid, start time and executable), the server is
   * stopped — it must not keep writing to this data, nor rewrite its files after a new server took over.
   * A record whose pid now belongs to another process is ignored: that process is never signalled.
   */
  private async takeOverStale(): Promise<void> {
    const file = this.recordFile;
    if (!file) return;
    const record = await readRecord(file);
    if (!record) return;
    const { name, logger } = this.options;
    const self = selfIdentity();
    const ownedHere = record.owner.pid === self.pid && record.owner.startTime === self.startTime;
    if (ownedHere && record.pid === this.child?.pid) return; // our own server, restarting after it died
    const serverRuns = isVerifiably(record);
    if (!serverRuns) {
      if (identify(record.pid) && !isRunning(record)) {
        logger?.info(
          { name, pid: record.pid },
          `${name}: the recorded pid is now another process; left alone`,
        );
      }
      return;
    }
    const executable = executableOf(record.pid);
    if (executable !== undefined && executable !== record.binary) {
      logger?.info(
        { name, pid: record.pid, executable },
        `${name}: the recorded pid runs another program; left alone`,
      );
      return;
    }
    if (ownedHere || isRunning(record.owner)) {
      throw new Error(
        `${name} (pid ${record.pid}) already runs on ${this.options.stateDir}, started by process ` +
          `${record.owner.pid}, which is still running: stop it first or use another ISA_DATA_DIR`,
      );
    }
    logger?.warn(
      { name, pid: record.pid, deadOwner: record.owner.pid, startedAt: record.startedAt },
      `${name} left running by a stack that died: stopping it before starting a new one`,
    );
    const grace = this.options.stopGraceMs ?? 5000;
    try {
      process.kill(record.pid, 'SIGTERM');
      if (!(await waitForExit(record, grace))) {
        if (isVerifiably(record)) process.kill(record.pid, 'SIGKILL');
        if (!(await waitForExit(record, 5000))) throw new Error('it does not exit');
      }
    } catch (err) {
      throw new Error(
        `${name} (pid ${record.pid}) left running on ${this.options.stateDir} by a stack that died ` +
          `cannot be stopped: ${(err as Error).message}`,
      );
    }
  }

  private async writeRecord(pid: number): Promise<void> {
    const file = this.recordFile;
    if (!file) return;
    const identity = identify(pid) ?? { pid };
    const record: ManagedProcessRecord = {
      name: this.options.name,
      ...identity,
      binary: realBinary(this.options.binary),
      args: this.options.args,
      port: this.options.port,
      startedAt: new Date().toISOString(),
      owner: selfIdentity(),
    };
    await writePrivateFile(file, `${JSON.stringify(record, null, 2)}\n`);
    this.recorded = record;
  }

  private async forgetRecord(): Promise<void> {
    const file = this.recordFile;
    if (!file || !this.recorded) return;
    // Only our own record: a newer one (another start after ours) is not ours to remove.
    const current = await readRecord(file);
    if (current?.pid === this.recorded.pid && current.startTime === this.recorded.startTime) {
      await rm(file, { force: true });
    }
    this.recorded = undefined;
  }

  private async openLog(): Promise<{ fd: number; offset: number } | undefined> {
    const file = this.logFile;
    if (!file) return undefined;
    try {
      if ((await stat(file)).size > LOG_ROTATE_BYTES) await rename(file, `${file}.1`);
    } catch {
      // no log yet
    }
    const fd = openSync(file, 'a', 0o600);
    return { fd, offset: statSync(file).size };
  }

  /** What the process printed since `offset` of its log (or in memory), for start-up errors. */
  private async recentOutput(offset: number | undefined): Promise<string> {
    const file = this.logFile;
    if (!file || offset === undefined) return this.output.trim();
    try {
      const handle = await open(file, 'r');
      try {
        const size = (await handle.stat()).size;
        const from = Math.max(offset, size - 4000);
        const buffer = Buffer.alloc(size - from);
        await handle.read(buffer, 0, buffer.length, from);
        return buffer.toString('utf8').trim();
      } finally {
        await handle.close();
      }
    } catch {
      return '';
    }
  }
}
