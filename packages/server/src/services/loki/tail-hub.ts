/**
 * Wakes the tails of a scope when entries are committed to it. A tail waits for a commit newer than
 * the one it has read, then reads the new entries itself; the hub only carries "something changed".
 */
export class TailHub {
  private readonly waiters = new Map<string, Set<() => void>>();
  private readonly latest = new Map<string, bigint>();

  /** The sequence number of the last commit to a scope (0 when none since start). */
  latestSeq(scope: string): bigint {
    return this.latest.get(scope) ?? 0n;
  }

  committed(scope: string, seq: bigint): void {
    this.latest.set(scope, seq);
    const waiting = this.waiters.get(scope);
    if (!waiting) return;
    this.waiters.delete(scope);
    for (const wake of waiting) wake();
  }

  /** Resolves once a commit after `seq` exists for the scope, or when the signal aborts. */
  waitAfter(scope: string, seq: bigint, signal: AbortSignal): Promise<void> {
    if (this.latestSeq(scope) > seq || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiters.get(scope);
      if (!set) {
        set = new Set();
        this.waiters.set(scope, set);
      }
      const done = () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.get(scope)?.delete(done);
        resolve();
      };
      set.add(done);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  get waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }
}
