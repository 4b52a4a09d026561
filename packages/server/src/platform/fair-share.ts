import { GrpcStatus, ServiceError } from './errors.js';

/**
 * An instance-wide pool of units — execution slots, blocking commands, subscriptions, calls in flight —
 * shared between tenants so that no tenant can take what the others need:
 * - a tenant holds at most `perTenant` units, so one tenant can never exhaust the pool alone;
 * - when the pool is full, waiters are served round-robin by tenant, so a tenant's backlog waits behind
 *   its own calls and not in front of other tenants' calls;
 * - a tenant may queue at most `maxQueuedPerTenant` waiters; past that its calls fail at once.
 *
 * Keys are tenant keys (`tenantKey()`); the pool knows nothing else about tenants.
 */
export interface FairShareOptions {
  /** What the units are, for messages: "DuckDB execution slots". */
  readonly what: string;
  /** Units in the whole pool. */
  readonly capacity: number;
  /** Units one tenant may hold at once (at most `capacity`). */
  readonly perTenant: number;
  /** Waiters one tenant may queue (default: unbounded). Zero makes `acquire` fail instead of waiting. */
  readonly maxQueuedPerTenant?: number;
  /** The variables that set `capacity` and `perTenant`, named in RESOURCE_EXHAUSTED messages. */
  readonly capacityVariable?: string;
  readonly perTenantVariable?: string;
}

/** Gives a unit back; calling it more than once is harmless. */
export type Release = () => void;

interface Waiter {
  readonly grant: (release: Release) => void;
}

export class FairShare {
  private readonly held = new Map<string, number>();
  /** Tenants with waiters, in the order they are to be served next (a ring: served tenants go last). */
  private readonly waiting = new Map<string, Waiter[]>();
  private inUse = 0;
  private queued = 0;
  readonly capacity: number;
  readonly perTenant: number;

  constructor(private readonly options: FairShareOptions) {
    if (!(options.capacity >= 1)) throw new Error(`${options.what}: capacity must be at least 1`);
    this.capacity = Math.floor(options.capacity);
    this.perTenant = Math.max(1, Math.min(this.capacity, Math.floor(options.perTenant)));
  }

  /** Units held now, in all or by one tenant. */
  inUseBy(key?: string): number {
    return key === undefined ? this.inUse : (this.held.get(key) ?? 0);
  }

  /** Waiters queued now, in all or for one tenant. */
  waitingFor(key?: string): number {
    return key === undefined ? this.queued : (this.waiting.get(key)?.length ?? 0);
  }

  /** Takes a unit now, or throws RESOURCE_EXHAUSTED naming the limit that is reached. */
  tryAcquire(key: string): Release {
    if (this.canGrant(key) && !this.waiting.has(key)) return this.take(key);
    throw this.exhausted(key);
  }

  /**
   * Takes a unit, waiting for one when the tenant is at its share or the pool is full. Rejects when
   * `signal` aborts first (with its reason when that is a ServiceError) or when the tenant's queue is full.
   */
  acquire(key: string, signal?: AbortSignal): Promise<Release> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    // A tenant that already waits queues behind its own waiters, even if a unit is free for it now.
    if (this.canGrant(key) && !this.waiting.has(key)) return Promise.resolve(this.take(key));
    const queue = this.waiting.get(key) ?? [];
    if (queue.length >= (this.options.maxQueuedPerTenant ?? Number.POSITIVE_INFINITY)) {
      return Promise.reject(this.exhausted(key, true));
    }
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
      };
      const onAbort = () => {
        const list = this.waiting.get(key);
        const index = list ? list.indexOf(waiter) : -1;
        if (!list || index < 0) return;
        list.splice(index, 1);
        this.queued--;
        if (list.length === 0) this.waiting.delete(key);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
      this.queued++;
      if (!this.waiting.has(key)) this.waiting.set(key, queue);
    });
  }

  /** Runs `work` holding one unit. */
  async run<T>(key: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(key, signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private canGrant(key: string): boolean {
    return this.inUse < this.capacity && (this.held.get(key) ?? 0) < this.perTenant;
  }

  private take(key: string): Release {
    this.inUse++;
    this.held.set(key, (this.held.get(key) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inUse--;
      const left = (this.held.get(key) ?? 1) - 1;
      if (left === 0) this.held.delete(key);
      else this.held.set(key, left);
      this.serveNext();
    };
  }

  /** Grants freed units to waiting tenants in ring order, skipping tenants at their share. */
  private serveNext(): void {
    while (this.inUse < this.capacity && this.queued > 0) {
      let served = false;
      for (const [key, queue] of this.waiting) {
        if ((this.held.get(key) ?? 0) >= this.perTenant) continue;
        const waiter = queue.shift()!;
        this.queued--;
        // The served tenant goes to the back of the ring.
        this.waiting.delete(key);
        if (queue.length > 0) this.waiting.set(key, queue);
        waiter.grant(this.take(key));
        served = true;
        break;
      }
      if (!served) return;
    }
  }

  private exhausted(key: string, queueFull = false): ServiceError {
    const { what, capacityVariable, perTenantVariable, maxQueuedPerTenant } = this.options;
    const message = queueFull
      ? `too many calls waiting for ${what} (limit ${maxQueuedPerTenant} per tenant); try again later`
      : (this.held.get(key) ?? 0) >= this.perTenant
        ? `${what}: this tenant's share is in use (limit ${this.perTenant} per tenant${perTenantVariable ? `, ${perTenantVariable}` : ''}); try again later`
        : `${what}: all in use on this instance (limit ${this.capacity}${capacityVariable ? `, ${capacityVariable}` : ''}); try again later`;
    return new ServiceError(GrpcStatus.RESOURCE_EXHAUSTED, message);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason instanceof ServiceError
    ? signal.reason
    : new ServiceError(GrpcStatus.CANCELLED, 'the call was cancelled while waiting for its turn');
}
