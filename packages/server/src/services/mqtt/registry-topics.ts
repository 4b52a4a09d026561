import { createHash } from 'node:crypto';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Where the service keeps its own state on the broker: retained messages under `$isa/mqtt/v1/...`.
 *
 * Tenants cannot reach it: every tenant topic starts with the tenant's user id (never "$"), and
 * `#`/`+` at the start of a filter never match "$" topics (MQTT §4.7.2), so not even a broker-wide
 * wildcard subscriber sees it by accident. Tenant ids and device ids never contain "/", "+" or "#"
 * (tenancy.ts, names.ts), so each key below names exactly one tenant and one device.
 *
 *   $isa/mqtt/v1/instances/{instance}                          an instance is alive (its will deletes it)
 *   $isa/mqtt/v1/tenants/{user}/{org}/devices/{shard}/{device} a registered device
 *   $isa/mqtt/v1/tenants/{user}/{org}/sessions/{instance}      the tenant's live sessions on an instance
 *   $isa/mqtt/v1/tenants/{user}/{org}/stats/{day}/{instance}   one instance's traffic counters for a day
 *   $isa/mqtt/v1/markers/...                                   read markers (never retained)
 *
 * Devices are spread over 16 shards so that a tenant with more devices than the broker delivers for one
 * subscription can still be read shard by shard (registry.ts).
 */
export const RESERVED_ROOT = '$isa/mqtt/v1';
export const MARKER_ROOT = `${RESERVED_ROOT}/markers`;
export const DEVICE_SHARDS = 16;

const tenantRoot = (t: Tenant) => `${RESERVED_ROOT}/tenants/${t.userId}/${t.organizationId}`;

export const instanceTopic = (instanceId: string) => `${RESERVED_ROOT}/instances/${instanceId}`;
export const INSTANCES_FILTER = `${RESERVED_ROOT}/instances/+`;

export function deviceShard(deviceId: string): string {
  return createHash('sha256').update(deviceId).digest('hex').slice(0, 1);
}
export const deviceTopic = (t: Tenant, deviceId: string) =>
  `${tenantRoot(t)}/devices/${deviceShard(deviceId)}/${deviceId}`;
export const devicesFilter = (t: Tenant) => `${tenantRoot(t)}/devices/#`;
export const deviceShardFilter = (t: Tenant, shard: number) =>
  `${tenantRoot(t)}/devices/${shard.toString(16)}/+`;

export const presenceTopic = (t: Tenant, instanceId: string) => `${tenantRoot(t)}/sessions/${instanceId}`;
export const presenceFilter = (t: Tenant) => `${tenantRoot(t)}/sessions/+`;

export const statsTopic = (t: Tenant, day: string, instanceId: string) =>
  `${tenantRoot(t)}/stats/${day}/${instanceId}`;
export const statsFilter = (t: Tenant) => `${tenantRoot(t)}/stats/+/+`;

/** The last level of a registry topic (instance id, device id). */
export const lastLevel = (topic: string) => topic.slice(topic.lastIndexOf('/') + 1);

/**
 * The device status topic a device (or its last will) publishes to, in the tenant's namespace:
 * `{user}/{org}/devices/{device}/status`. Matched across tenants by the service's own connection.
 */
export const DEVICE_STATUS_FILTER = '+/+/devices/+/status';
