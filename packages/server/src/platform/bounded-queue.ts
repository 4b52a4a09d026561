/**
 * A queue between a push source (broker callbacks) and one async reader (a gRPC stream), bounded so that a
 * slow reader cannot grow the server's memory without limit: past `limit` items the queue fails with
 * `overflow()`'s error instead of dropping messages silently.
 */
export class BoundedQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private head = 0;
  private waiter: ((result: IteratorResult<T>) => void) | undefined;
  private failWaiter: ((err: unknown) => void) | undefined;
  private done = false;
  private error: unknown;

  constructor(
    private readonly limit: number,
    private readonly overflow: (limit: number) => Error,
    private readonly onClose: () => void = () => undefined,
  ) {}

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    if (this.done) return;
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = undefined;
      this.failWaiter = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.size >= this.limit) {
      this.fail(this.overflow(this.limit));
      return;
    }
    this.items.push(item);
  }

  /** Ends the queue after the items already in it. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    this.wake();
  }

  /** Ends the queue at once with an error (items still queued are dropped). */
  fail(err: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = err;
    this.items.length = 0;
    this.head = 0;
    this.onClose();
    this.wake();
  }

  private wake(): void {
    if (!this.waiter) return;
    const resolve = this.waiter;
    const reject = this.failWaiter!;
    this.waiter = undefined;
    this.failWaiter = undefined;
    if (this.error !== undefined) reject(this.error);
    else resolve({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.size > 0) {
      const value = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items.splice(0, this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.done) {
      return this.error !== undefined
        ? Promise.reject(this.error)
        : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiter = resolve;
      this.failWaiter = reject;
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => this.next(),
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
