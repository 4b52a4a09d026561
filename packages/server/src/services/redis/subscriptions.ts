import type { Tenant } from '../../platform/tenancy.js';

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
