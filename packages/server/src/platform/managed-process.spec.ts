import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  findBinary,
  freePort,
  ManagedProcess,
  type ManagedProcessRecord,
  portAccepts,
} from './managed-process.js';
import { identify, isRunning, type ProcessIdentity, selfIdentity, waitForExit } from './process-identity.js';

const REDIS = findBinary('redis-server')!;
// What a record names (and /proc/<pid>/exe shows): the executable behind any symlink.
const REDIS_EXE = realpathSync(REDIS);

function redisArgs(port: number): string[] {
  return ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scratch(): string {
  const root = process.env.ISA_TEST_ROOT ?? tmpdir();
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'managed-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A process this test owns, killed after the test whatever happens. */
function track(child: ChildProcess): ChildProcess {
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}

async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The identity of a process that has exited: what a record of a crashed stack names. */
async function deadProcess(): Promise<ProcessIdentity> {
  const child = spawn('sleep', ['30']);
  const identity = identify(child.pid!)!;
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  return identity;
}

function writeRecord(dir: string, record: ManagedProcessRecord): void {
  writeFileSync(join(dir, `${record.name}.process.json`), JSON.stringify(record));
}

describe('ManagedProcess', () => {
  it('starts a real server binary on a private port and stops it', async () => {
    expect(REDIS, 'redis-server must be installed (the test command installs it)').toBeDefined();
    const port = await freePort();
    const redis = new ManagedProcess({ name: 'redis-server', binary: REDIS, args: redisArgs(port), port });
    await redis.start();
    expect(redis.running).toBe(true);
    expect(await portAccepts(port)).toBe(true);
    await redis.stop();
    expect(redis.running).toBe(false);
    expect(await portAccepts(port)).toBe(false);
  });

  it('reports a binary that exits during start-up with its output', async () => {
    const port = await freePort();
    const broken = new ManagedProcess({ name: 'broken', binary: REDIS, args: ['--no-such-option'], port });
    await expect(broken.start()).rejects.toThrow(/exited during start-up.*no-such-option/s);
    const dir = scratch();
    const logged = new ManagedProcess({
      name: 'broken',
      binary: REDIS,
      args: ['--no-such-option'],
      port,
      stateDir: dir,
    });
    await expect(logged.start()).rejects.toThrow(/exited during start-up.*no-such-option/s);
    expect(readFileSync(join(dir, 'broken.log'), 'utf8')).toMatch(/no-such-option/);
  });

  it('finds nothing for a binary that is not installed', () => {
    expect(findBinary('definitely-not-installed-binary')).toBeUndefined();
  });

  it('records what it started in its state directory (private) and forgets it on stop', async () => {
    const dir = scratch();
    const port = await freePort();
    const redis = new ManagedProcess({
      name: 'redis-server',
      binary: REDIS,
      args: redisArgs(port),
      port,
      stateDir: dir,
    });
    await redis.start();
    const file = join(dir, 'redis-server.process.json');
    const record = JSON.parse(readFileSync(file, 'utf8')) as ManagedProcessRecord;
    expect(record).toMatchObject({ name: 'redis-server', pid: redis.pid, port, owner: selfIdentity() });
    expect(record.startTime).toBe(identify(redis.pid!)!.startTime);
    expect(statSync(file).mode & 0o077).toBe(0);
    await redis.stop();
    expect(() => statSync(file)).toThrow(/ENOENT/);
  });

  it('gives the server none of our environment', async () => {
    process.env.ISA_TEST_SECRET_FOR_CHILD = 'do-not-pass';
    try {
      const port = await freePort();
      // nats-server leaves its environment block alone (redis-server overwrites it with its title).
      const nats = new ManagedProcess({
        name: 'nats-server',
        binary: findBinary('nats-server')!,
        args: ['-a', '127.0.0.1', '-p', String(port)],
        port,
      });
      await nats.start();
      const environ = readFileSync(`/proc/${nats.pid}/environ`, 'utf8');
      await nats.stop();
      expect(environ).toContain('PATH=');
      expect(environ).not.toContain('do-not-pass');
    } finally {
      delete process.env.ISA_TEST_SECRET_FOR_CHILD;
    }
  });

  it('dies with the process that started it, even when that process is SIGKILLed', async () => {
    const port = await freePort();
    const script = `
      import { ManagedProcess } from ${JSON.stringify(new URL('./managed-process.ts', import.meta.url).pathname)};
      const p = new ManagedProcess({ name: 'redis-server', binary: ${JSON.stringify(REDIS)},
        args: ${JSON.stringify(redisArgs(port))}, port: ${port} });
      await p.start();
      console.log(p.pid);
      setInterval(() => {}, 1000);`;
    const stack = track(
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const pid = await new Promise<number>((resolve) => stack.stdout!.once('data', (d) => resolve(Number(d))));
    const server = identify(pid)!;
    cleanups.push(() => isRunning(server) && process.kill(pid, 'SIGKILL'));
    expect(server).toBeDefined();
    stack.kill('SIGKILL');
    const killedAt = Date.now();
    expect(await waitForExit(server, 5000), 'the server exits with its stack').toBe(true);
    expect(Date.now() - killedAt).toBeLessThan(5000);
    expect(await portAccepts(port)).toBe(false);
  });

  it('stops a server a dead stack left running before it starts a new one on the same data', async () => {
    const dir = scratch();
    const stalePort = await freePort();
    // What a stack that died without the parent-death signal (another OS, no setpriv) leaves behind.
    const stale = track(spawn(REDIS, redisArgs(stalePort), { stdio: 'ignore', detached: true }));
    await until(() => portAccepts(stalePort), 5000, 'the stale server');
    const staleIdentity = identify(stale.pid!)!;
    writeRecord(dir, {
      name: 'redis-server',
      ...staleIdentity,
      binary: REDIS_EXE,
      args: [],
      port: stalePort,
      startedAt: new Date().toISOString(),
      owner: await deadProcess(),
    });
    const port = await freePort();
    const fresh = new ManagedProcess({
      name: 'redis-server',
      binary: REDIS,
      args: redisArgs(port),
      port,
      stateDir: dir,
    });
    await fresh.start();
    try {
      expect(isRunning(staleIdentity), 'the stale server was stopped').toBe(false);
      expect(await portAccepts(stalePort)).toBe(false);
      expect(fresh.running).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('never signals an unrelated process that has the recorded pid', async () => {
    const dir = scratch();
    const bystander = track(spawn('sleep', ['30']));
    const identity = identify(bystander.pid!)!;
    const port = await freePort();
    const start = () =>
      new ManagedProcess({ name: 'redis-server', binary: REDIS, args: redisArgs(port), port, stateDir: dir });
    const record = {
      name: 'redis-server',
      binary: REDIS_EXE,
      args: [],
      port: 1,
      startedAt: new Date().toISOString(),
      owner: await deadProcess(),
    };
    // The pid was reused: another start time.
    writeRecord(dir, { ...record, pid: identity.pid, startTime: '1', bootId: identity.bootId });
    const first = start();
    await first.start();
    await first.stop();
    // The same process, but not the program the record names.
    writeRecord(dir, { ...record, ...identity });
    const second = start();
    await second.start();
    await second.stop();
    expect(isRunning(identity), 'the bystander is untouched').toBe(true);
  });

  it('refuses to start while the stack that started the recorded server is alive', async () => {
    const dir = scratch();
    const otherPort = await freePort();
    const other = track(spawn(REDIS, redisArgs(otherPort), { stdio: 'ignore' }));
    await until(() => portAccepts(otherPort), 5000, 'the other server');
    const liveOwner = track(spawn('sleep', ['30']));
    writeRecord(dir, {
      name: 'redis-server',
      ...identify(other.pid!)!,
      binary: REDIS_EXE,
      args: [],
      port: otherPort,
      startedAt: new Date().toISOString(),
      owner: identify(liveOwner.pid!)!,
    });
    const port = await freePort();
    const second = new ManagedProcess({
      name: 'redis-server',
      binary: REDIS,
      args: redisArgs(port),
      port,
      stateDir: dir,
    });
    await expect(second.start()).rejects.toThrow(
      new RegExp(`pid ${other.pid}\\) already runs on .*process ${liveOwner.pid}, which is still running`),
    );
    expect(isRunning(identify(other.pid!)!)).toBe(true);
    expect(await portAccepts(port)).toBe(false);
  });

  it('starts the server again by itself when it dies', async () => {
    const port = await freePort();
    const redis = new ManagedProcess({
      name: 'redis-server',
      binary: REDIS,
      args: redisArgs(port),
      port,
      restartOnExit: true,
    });
    await redis.start();
    try {
      const first = redis.pid!;
      const killedAt = Date.now();
      process.kill(first, 'SIGKILL');
      await until(
        async () => redis.pid !== undefined && redis.pid !== first && portAccepts(port),
        5000,
        'restart',
      );
      expect(Date.now() - killedAt).toBeLessThan(2000);
    } finally {
      await redis.stop();
    }
    // Stopped on purpose: it stays stopped.
    await new Promise((r) => setTimeout(r, 300));
    expect(redis.running).toBe(false);
    expect(await portAccepts(port)).toBe(false);
  });

  it('leaves nothing running when it is stopped while a restart is under way', async () => {
    const dir = scratch();
    const port = await freePort();
    const redis = new ManagedProcess({
      name: 'redis-server',
      binary: REDIS,
      args: redisArgs(port),
      port,
      stateDir: dir,
    });
    await redis.start();
    await redis.kill();
    const restart = redis.ensureRunning();
    await redis.stop();
    await expect(restart).rejects.toThrow(/stopped while it was starting/);
    await new Promise((r) => setTimeout(r, 300));
    expect(redis.running).toBe(false);
    expect(await portAccepts(port)).toBe(false);
  });
});
