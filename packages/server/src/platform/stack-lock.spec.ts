import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identify, type ProcessIdentity, selfIdentity } from './process-identity.js';
import { DataDirInUseError, STACK_LOCK_FILE, StackLock, type StackLockOwner } from './stack-lock.js';

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function scratch(): string {
  const root = process.env.ISA_TEST_ROOT ?? tmpdir();
  mkdirSync(root, { recursive: true });
  const dir = mkdtempSync(join(root, 'lock-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function liveProcess(): ChildProcess {
  const child = spawn('sleep', ['30']);
  cleanups.push(() => child.kill('SIGKILL'));
  return child;
}

function writeLock(dir: string, identity: ProcessIdentity): StackLockOwner {
  const owner = { ...identity, command: 'isa-cloud up', startedAt: '2026-01-01T00:00:00.000Z' };
  writeFileSync(join(dir, STACK_LOCK_FILE), JSON.stringify(owner));
  return owner;
}

describe('StackLock', () => {
  it('names its owner while held and is gone once released', async () => {
    const dir = scratch();
    const lock = await StackLock.acquire(dir);
    const content = JSON.parse(readFileSync(join(dir, STACK_LOCK_FILE), 'utf8')) as StackLockOwner;
    expect(content).toMatchObject(selfIdentity());
    expect(StackLock.holder(dir)).toMatchObject({ pid: process.pid });
    lock.release();
    expect(existsSync(join(dir, STACK_LOCK_FILE))).toBe(false);
    expect(StackLock.holder(dir)).toBeUndefined();
    lock.release(); // idempotent
  });

  it('refuses a second stack while the owner lives, naming the owner and the way out', async () => {
    const dir = scratch();
    const other = liveProcess();
    writeLock(dir, identify(other.pid!)!);
    const refused = await StackLock.acquire(dir).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(DataDirInUseError);
    expect((refused as Error).message).toMatch(
      new RegExp(`data directory .* is in use by another isa-cloud stack \\(pid ${other.pid}.*ISA_DATA_DIR`),
    );
    // Refused by this process too: one stack per directory, even in one process.
    const lock = await StackLock.acquire(scratch());
    await expect(StackLock.acquire(lock.dataDir)).rejects.toBeInstanceOf(DataDirInUseError);
    lock.release();
  });

  it('takes over a lock whose owner died (a SIGKILLed stack)', async () => {
    const dir = scratch();
    const child = spawn('sleep', ['30']);
    const dead = identify(child.pid!)!;
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    writeLock(dir, dead);
    const lock = await StackLock.acquire(dir);
    expect(lock.owner.pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now belongs to another process, or to a former run of this one', async () => {
    const dir = scratch();
    const reused = liveProcess();
    writeLock(dir, { ...identify(reused.pid!)!, startTime: '1' });
    (await StackLock.acquire(dir)).release();
    // A restarted container runs the stack with the same pid again.
    writeLock(dir, { ...selfIdentity(), startTime: '1' });
    (await StackLock.acquire(dir)).release();
    // A lock file that is not a lock (a crash while the disk was full).
    writeFileSync(join(dir, STACK_LOCK_FILE), '');
    (await StackLock.acquire(dir)).release();
  });

  it('lets exactly one of several racing stacks take over one stale lock', async () => {
    const dir = scratch();
    writeLock(dir, { pid: 999_999_999, startTime: '1', bootId: selfIdentity().bootId });
    // All racers start at the same moment, once each has loaded.
    const startAt = Date.now() + 1500;
    const script = `
      await new Promise((r) => setTimeout(r, ${startAt} - Date.now()));
      import { StackLock } from ${JSON.stringify(new URL('./stack-lock.ts', import.meta.url).pathname)};
      try {
        await StackLock.acquire(${JSON.stringify(dir)});
        console.log('won');
        setTimeout(() => process.exit(0), 1500);
      } catch (err) {
        console.log(err.name);
      }`;
    const racers = Array.from({ length: 4 }, () =>
      spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const results = await Promise.all(
      racers.map(
        (child) =>
          new Promise<string>((resolve) => {
            let out = '';
            child.stdout!.on('data', (d) => {
              out += d;
            });
            child.once('exit', () => resolve(out.trim()));
          }),
      ),
    );
    expect(results.filter((r) => r === 'won')).toHaveLength(1);
    expect(results.filter((r) => r === 'DataDirInUseError')).toHaveLength(3);
    // The winner exited normally: its lock went with it.
    expect(existsSync(join(dir, STACK_LOCK_FILE))).toBe(false);
  });
});
