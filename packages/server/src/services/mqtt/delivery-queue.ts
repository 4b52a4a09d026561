import { ServiceError } from '../../platform/errors.js';

export type OverflowPolicy = 'close' | 'drop-oldest';

export interface Delivery<T> {
  item: T;
  /** Items dropped (drop-oldest) between the previous delivery and this one. */
  droppedBefore: number;
}

interface Entry<T> {
  item: T;
  bytes: number;
  droppedBefore: number;
}

/**
 * The buffer between a broker connection (which pushes messages as they arrive and must never wait) and
 * one gRPC stream (which takes them as fast as its client reads). It holds at most `maxItems` items and
 * `maxBytes` bytes, so a slow reader cannot grow the server's memory without bound; when full, the
 * policy decides: `close` fails the stream with RESOURCE_EXHAUSTED (nothing is lost silently),
 * `drop-oldest` drops the oldest items and tells the reader how many with the next delivery.
 */
export class DeliveryQueue<T> implements AsyncIterable<Delivery<T>> {
  private entries: Entry<T>[] = [];
  private head = 0;
  private bytes = 0;
  /** Drops not yet attached to an entry (the queue was emptied by dropping). */
  private carry = 0;
  private waiter:
    | { resolve: (r: IteratorResult<Delivery<T>>) => void; reject: (e: unknown) => void }
    | undefined;
  private done = false;
  private error: unknown;
  dropped = 0;

  constructor(
    private readonly maxItems: number,
    private readonly maxBytes: number,
    private readonly policy: OverflowPolicy,
    private readonly onClose: () => void = () => undefined,
  ) {}

  get length(): number {
    return this.entries.length - this.head;
  }

  get bufferedBytes(): number {
    return this.bytes;
  }

  push(item: T, bytes: number): void {
    if (this.done) return;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      const droppedBefore = this.carry;
      this.carry = 0;
      resolve({ value: { item, droppedBefore }, done: false });
      return;
    }
    if (this.length + 1 > this.maxItems || this.bytes + bytes > this.maxBytes) {
      if (this.policy === 'close') {
        this.fail(
          ServiceError.resourceExhausted(
            `the subscriber fell behind: more than ${this.maxItems} messages or ${this.maxBytes} bytes waited to be read (overflow policy CLOSE; use DROP_OLDEST to skip messages instead)`,
          ),
        );
        return;
      }
      while (this.length > 0 && (this.length + 1 > this.maxItems || this.bytes + bytes > this.maxBytes)) {
        this.dropOldest();
      }
      if (bytes > this.maxBytes) {
        // Larger than the whole buffer: it can only be dropped.
        this.carry++;
        this.dropped++;
        return;
      }
    }
    this.entries.push({ item, bytes, droppedBefore: this.carry });
    this.carry = 0;
    this.bytes += bytes;
  }

  private dropOldest(): void {
    const oldest = this.entries[this.head]!;
    this.entries[this.head] = undefined as unknown as Entry<T>;
    this.head++;
    this.bytes -= oldest.bytes;
    this.dropped++;
    const lost = oldest.droppedBefore + 1;
    if (this.length > 0) this.entries[this.head]!.droppedBefore += lost;
    else this.carry += lost;
    this.compact();
  }

  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.head);
      this.head = 0;
    }
  }

  /** Removes and returns everything queued now. */
  takeAll(): Delivery<T>[] {
    const out = this.entries.slice(this.head).map((e) => ({ item: e.item, droppedBefore: e.droppedBefore }));
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    return out;
  }

  /** Ends the queue after the items already in it. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.onClose();
    this.wake();
  }

  /** Ends the queue at once with an error (queued items are discarded). */
  fail(err: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = err;
    this.entries = [];
    this.head = 0;
    this.bytes = 0;
    this.onClose();
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    if (this.error !== undefined) waiter.reject(this.error);
    else waiter.resolve({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<Delivery<T>>> {
    if (this.length > 0) {
      const entry = this.entries[this.head]!;
      this.entries[this.head] = undefined as unknown as Entry<T>;
      this.head++;
      this.bytes -= entry.bytes;
      this.compact();
      return Promise.resolve({
        value: { item: entry.item, droppedBefore: entry.droppedBefore },
        done: false,
      });
    }
    if (this.done) {
      return this.error !== undefined
        ? Promise.reject(this.error)
        : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery<T>> {
    return {
      next: () => this.next(),
      return: () => {
        this.end();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
