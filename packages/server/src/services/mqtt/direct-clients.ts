import type { Tenant } from '../../platform/tenancy.js';
import type { PresenceRecord, PresenceSession } from './registry.js';

const key = (t: Tenant) => `${t.userId}/${t.organizationId}`;

/**
 * Tenants' MQTT clients connected straight to the embedded broker's TCP listener (devices), so their
 * presence counts like a session's: a device is online while connected, on whatever path it came.
 */
export class DirectClients {
  private readonly byTenant = new Map<string, Map<string, number>>();

  add(tenant: Tenant, clientId: string): void {
    let clients = this.byTenant.get(key(tenant));
    if (!clients) {
      clients = new Map();
      this.byTenant.set(key(tenant), clients);
    }
    clients.set(clientId, Date.now());
  }

  remove(tenant: Tenant, clientId: string): void {
    const clients = this.byTenant.get(key(tenant));
    clients?.delete(clientId);
    if (clients?.size === 0) this.byTenant.delete(key(tenant));
  }

  sessions(tenant: Tenant): PresenceSession[] {
    return [...(this.byTenant.get(key(tenant)) ?? new Map<string, number>()).entries()].map(
      ([clientId, connectedAt]) => ({
        id: `direct:${clientId}`,
        clientId,
        connectedAt,
        connected: true,
        filters: [],
      }),
    );
  }
}

/** This instance's presence for a tenant: its sessions and streams plus directly connected clients. */
export function mergePresence(
  instanceId: string,
  address: string,
  own: PresenceRecord | undefined,
  direct: PresenceSession[],
): PresenceRecord | undefined {
  if (!own && direct.length === 0) return undefined;
  const base = own ?? {
    v: 1 as const,
    instance: instanceId,
    updatedAt: Date.now(),
    sessions: [],
    streams: [],
  };
  return { ...base, address, sessions: [...base.sessions, ...direct] };
}
