import { linkSync, mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isRunning, type ProcessIdentity, selfIdentity } from './process-identity.js';

/** Who holds a data directory: the lock file's content. */
export interface StackLockOwner extends ProcessIdentity {
  readonly command: string;
  readonly startedAt: string;
}

export const STACK_LOCK_FILE = 'stack.lock';

/** A second stack was asked to run on a data directory a live one holds. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: StackLockOwner,
  ) {
    super(
      `data directory ${dataDir} is in use by another isa-cloud stack (pid ${owner.pid}, started ` +
        `${owner.startedAt}: ${owner.command}); stop that one first (kill ${owner.pid}) or set ` +
        'ISA_DATA_DIR to another directory',
    );
    this.name = 'DataDirInUseError';
  }
}

function readOwner(file: string): { raw: string; owner: StackLockOwner | undefined } | undefined {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const owner = JSON.parse(raw) as StackLockOwner;
    return { raw, owner: Number.isInteger(owner.pid) ? owner : undefined };
  } catch {
    return { raw, owner: undefined };
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/**
 * Whether the lock's owner is alive. A lock naming this very pid is a previous incarnation (a container
 * restarted on the same volume runs the stack as the same pid again) unless its start time is ours too.
 */
function holdsIt(owner: StackLockOwner, self: ProcessIdentity): boolean {
  if (owner.pid === self.pid) return owner.startTime !== undefined && owner.startTime === self.startTime;
  return isRunning(owner);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A takeover guard older than this belongs to a process that died inside the few lines it guards. */
const GUARD_STALE_MS = 10_000;

/**
 * One stack per data directory. The lock is a file naming its owner (pid + kernel start time, so a
 * reused pid is not mistaken for the owner); it is created atomically with link(2), so it always has
 * its full content. A lock whose owner is dead (a stack that was SIGKILLed leaves one behind) is taken
 * over; the takeover runs under a short-lived guard file so that two starts racing for one stale lock
 * cannot both win. The lock is removed on release and on any normal exit of the process.
 */
export class StackLock {
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly dataDir: string,
    readonly file: string,
    readonly owner: StackLockOwner,
  ) {
    process.once('exit', this.onExit);
  }

  static async acquire(dataDir: string): Promise<StackLock> {
    const dir = resolve(dataDir);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, STACK_LOCK_FILE);
    const self = selfIdentity();
    const owner: StackLockOwner = {
      ...self,
      command: process.argv.slice(1).join(' ') || process.argv0,
      startedAt: new Date().toISOString(),
    };
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o644 });
    try {
      for (let attempt = 0; attempt < 200; attempt++) {
        try {
          linkSync(temp, file);
          return new StackLock(dir, file, owner);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        }
        const current = readOwner(file);
        if (!current) continue; // released in between: try again
        if (current.owner && holdsIt(current.owner, self)) throw new DataDirInUseError(dir, current.owner);
        await StackLock.removeStale(file, current.raw);
      }
      throw new Error(`cannot take the lock ${file}: other processes keep racing for it`);
    } finally {
      unlinkQuietly(temp);
    }
  }

  /** The live owner of a data directory's lock, if any. */
  static holder(dataDir: string): StackLockOwner | undefined {
    const current = readOwner(join(resolve(dataDir), STACK_LOCK_FILE));
    return current?.owner && holdsIt(current.owner, selfIdentity()) ? current.owner : undefined;
  }

  /** Removes the lock file if it still holds `staleContent`; only one racer at a time may look. */
  private static async removeStale(file: string, staleContent: string): Promise<void> {
    const guard = `${file}.takeover`;
    try {
      writeFileSync(guard, String(process.pid), { flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      try {
        if (Date.now() - statSync(guard).mtimeMs > GUARD_STALE_MS) unlinkQuietly(guard);
      } catch {
        // the guard went away meanwhile
      }
      await sleep(10 + Math.random() * 20);
      return;
    }
    try {
      if (readOwner(file)?.raw === staleContent) unlinkQuietly(file);
    } finally {
      unlinkQuietly(guard);
    }
  }

  /** Removes the lock if it is still this process's (idempotent, synchronous: runs on exit too). */
  release(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    try {
      const current = readOwner(this.file);
      if (current?.owner?.pid === this.owner.pid && current.owner.startTime === this.owner.startTime) {
        unlinkSync(this.file);
      }
    } catch {
      // nothing to release
    }
  }
}
