import { GrpcStatus, ServiceError } from '../../platform/errors.js';

/**
 * How many DuckDB statements may execute at once in this process.
 *
 * @duckdb/node-api runs every statement on a libuv worker thread for as long as the statement runs,
 * and those threads also serve every file system call of the process (all services in it). With as
 * many long queries as worker threads, even reading a small file waits for a query to end. The
 * slots keep at least two worker threads free: set UV_THREADPOOL_SIZE (default 4) higher to allow
 * more concurrent queries.
 */
export function defaultSlots(env: Readonly<Record<string, string | undefined>> = process.env): number {
  const threads = Number(env.UV_THREADPOOL_SIZE) || 4;
  return Math.max(1, threads - 2);
}

/** A counting semaphore whose waiters can give up (timeout, cancel). */
export class Slots {
  private free: number;
  private readonly waiters: Array<{ grant: () => void; signal: AbortSignal | undefined }> = [];

  constructor(readonly size: number) {
    this.free = size;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /** Waits for a slot; rejects when `signal` aborts first. Returns the release function. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        signal,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.releaser());
        },
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next.grant();
      else this.free++;
    };
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof ServiceError
    ? signal.reason
    : new ServiceError(GrpcStatus.CANCELLED, 'the query was cancelled while waiting to run');
}
