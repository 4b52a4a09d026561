import type { Tenant } from '../../platform/tenancy.js';

/**
 * A queue between Redis's push callbacks and one gRPC stream, bounded so that a slow reader cannot grow
 * the server's memory without limit: past `limit` items it fails (the stream ends with the error)
 * instead of dropping messages silently.
 */
export class BoundedQueue<T> implements AsyncIterable<T> {
  private items: T[] = [];
  private waiter: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private done = false;
  private error: unknown;

  constructor(
    private readonly limit: number,
    private readonly overflow: () => Error,
  ) {}

  push(item: T): void {
    if (this.done) return;
    if (this.waiter) {
      const { resolve } = this.waiter;
      this.waiter = undefined;
      resolve({ value: item, done: false });
      return;
    }
    if (this.items.length >= this.limit) {
      this.fail(this.overflow());
      return;
    }
    this.items.push(item);
  }

  /** Ends after the items already queued. */
  end(): void {
    if (this.done) return;
    this.done = true;
    this.wake();
  }

  /** Ends at once with an error; queued items are dropped. */
  fail(err: unknown): void {
    if (this.done) return;
    this.done = true;
    this.error = err;
    this.items = [];
    this.wake();
  }

  private wake(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = undefined;
    if (this.error !== undefined) waiter.reject(this.error);
    else waiter.resolve({ value: undefined, done: true });
  }

  private next(): Promise<IteratorResult<T>> {
    if (this.items.length > 0) return Promise.resolve({ value: this.items.shift()!, done: false });
    if (this.done) {
      return this.error !== undefined
        ? Promise.reject(this.error)
        : Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
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

/** One live Subscribe stream on this instance. Channel and pattern names are the caller's own. */
export interface LiveSubscription {
  readonly id: string;
  readonly channels: Set<string>;
  readonly patterns: Set<string>;
  /** Removes channels/patterns on Redis (the sets are updated by the caller). */
  unsubscribe(channels: string[], patterns: string[]): Promise<void>;
  /** Ends the stream. */
  end(): void;
}

const tenantKey = (t: Tenant) => `${t.userId}\u0000${t.organizationId}`;

/** The live subscriptions of each tenant on this instance, so Unsubscribe can reach them. */
export class SubscriptionRegistry {
  private readonly byTenant = new Map<string, Map<string, LiveSubscription>>();

  add(tenant: Tenant, subscription: LiveSubscription): void {
    const key = tenantKey(tenant);
    let subs = this.byTenant.get(key);
    if (!subs) {
      subs = new Map();
      this.byTenant.set(key, subs);
    }
    subs.set(subscription.id, subscription);
  }

  remove(tenant: Tenant, id: string): void {
    const key = tenantKey(tenant);
    const subs = this.byTenant.get(key);
    subs?.delete(id);
    if (subs?.size === 0) this.byTenant.delete(key);
  }

  /** Only the tenant's own: another tenant's subscription id is simply not found. */
  get(tenant: Tenant, id: string): LiveSubscription | undefined {
    return this.byTenant.get(tenantKey(tenant))?.get(id);
  }

  list(tenant: Tenant): LiveSubscription[] {
    return [...(this.byTenant.get(tenantKey(tenant))?.values() ?? [])];
  }

  get size(): number {
    let n = 0;
    for (const subs of this.byTenant.values()) n += subs.size;
    return n;
  }
}
