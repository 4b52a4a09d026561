import { readFileSync, readlinkSync } from 'node:fs';

/**
 * Who a process is, beyond its pid: pids are reused, so a record that names only a pid could make us
 * signal an unrelated process. On Linux the kernel's start time of the process (clock ticks since boot)
 * and the boot id make the pair unique; elsewhere only the pid is known and callers stay conservative.
 */
export interface ProcessIdentity {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat: when the process started, in clock ticks since boot (Linux). */
  readonly startTime?: string;
  /** /proc/sys/kernel/random/boot_id: start times only compare within one boot (Linux). */
  readonly bootId?: string;
}

const HAS_PROC = process.platform === 'linux';

let cachedBootId: string | undefined;

function currentBootId(): string | undefined {
  if (!HAS_PROC) return undefined;
  cachedBootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return cachedBootId;
}

interface ProcStat {
  readonly state: string;
  readonly startTime: string;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const startTime = fields[19];
    return state && startTime ? { state, startTime } : undefined;
  } catch {
    return undefined;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The identity of a live process, or undefined when there is none with this pid (zombies count as gone). */
export function identify(pid: number): ProcessIdentity | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (!HAS_PROC) return pidExists(pid) ? { pid } : undefined;
  const stat = readStat(pid);
  if (!stat || stat.state === 'Z' || stat.state === 'X') return undefined;
  return { pid, startTime: stat.startTime, bootId: currentBootId() };
}

/** This process. */
export function selfIdentity(): ProcessIdentity {
  return identify(process.pid) ?? { pid: process.pid };
}

/**
 * Whether the process a record names is still running. Without a recorded start time (a record from a
 * platform without /proc) a live pid counts as the same process: that errs on the side of never taking
 * over what might still be in use.
 */
export function isRunning(recorded: ProcessIdentity): boolean {
  const now = identify(recorded.pid);
  if (!now) return false;
  if (recorded.startTime === undefined || now.startTime === undefined) return true;
  return now.startTime === recorded.startTime && now.bootId === recorded.bootId;
}

/**
 * Whether `recorded` is still running *and* is verifiably that process, so signalling it is safe. Stricter
 * than isRunning: without a start time to compare, the answer is no.
 */
export function isVerifiably(recorded: ProcessIdentity): boolean {
  const now = identify(recorded.pid);
  return (
    now?.startTime !== undefined &&
    recorded.startTime !== undefined &&
    now.startTime === recorded.startTime &&
    now.bootId === recorded.bootId
  );
}

/**
 * The executable a live process runs (Linux; same user or root). Servers may rewrite their own command
 * line (redis-server shows "redis-server 127.0.0.1:port"), so the executable is the reliable name.
 */
export function executableOf(pid: number): string | undefined {
  try {
    return readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
  } catch {
    return undefined;
  }
}

/** The argument vector of a live process (Linux), as the kernel shows it to every local user. */
export function commandLineOf(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return raw.split('\0').filter((part, i, all) => part !== '' || i < all.length - 1);
  } catch {
    return undefined;
  }
}

/** Resolves true once the recorded process is gone, false if it is still running after `timeoutMs`. */
export async function waitForExit(recorded: ProcessIdentity, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(recorded)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}
