/**
 * A first-come first-served readers/writer lock. Queries hold it shared; whole-database operations
 * (delete, backup, restore, reopen) hold it exclusively, so they never see a half-finished query and
 * no query starts while they run. A waiting writer blocks later readers, so writers cannot starve.
 */
export class RwLock {
  private readers = 0;
  private writer = false;
  private readonly queue: Array<{ exclusive: boolean; grant: () => void }> = [];

  get idle(): boolean {
    return this.readers === 0 && !this.writer && this.queue.length === 0;
  }

  get activeReaders(): number {
    return this.readers;
  }

  shared(): Promise<() => void> {
    return this.acquire(false);
  }

  exclusive(): Promise<() => void> {
    return this.acquire(true);
  }

  /** The exclusive lock when it is free right now, else undefined (never waits). */
  tryExclusive(): (() => void) | undefined {
    if (!this.idle) return undefined;
    this.writer = true;
    return this.releaser(true);
  }

  private acquire(exclusive: boolean): Promise<() => void> {
    return new Promise((resolve) => {
      this.queue.push({ exclusive, grant: () => resolve(this.releaser(exclusive)) });
      this.drain();
    });
  }

  private releaser(exclusive: boolean): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (exclusive) this.writer = false;
      else this.readers--;
      this.drain();
    };
  }

  private drain(): void {
    while (this.queue.length > 0 && !this.writer) {
      const head = this.queue[0]!;
      if (head.exclusive) {
        if (this.readers > 0) return;
        this.queue.shift();
        this.writer = true;
        head.grant();
        return;
      }
      this.queue.shift();
      this.readers++;
      head.grant();
    }
  }
}
