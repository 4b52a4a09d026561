import { type Timestamp, timestampFromMs, timestampMs, timestampNow } from '@bufbuild/protobuf/wkt';
import { mqtt } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import { KeyedMutex } from '../../platform/keyed-mutex.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import { type Tenant, validateTenantId } from '../../platform/tenancy.js';
import type { MqttDeps } from './context.js';
import { filterMatches, physicalTopic, topicViolations, validateClientId } from './names.js';
import type { DeviceRecord, PresenceRecord, ReportedStatus } from './registry.js';
import { MARKER_ROOT } from './registry-topics.js';
import { clientMetrics, dayTotals, topicTotals, utcDay } from './stats.js';

type Impl = ServiceImpl<typeof mqtt.MQTTService>;
const { DeviceStatus } = mqtt;

const ts = (ms: number): Timestamp | undefined => (ms > 0 ? timestampFromMs(ms) : undefined);
const MAX_PAGE_SIZE = 1000;
const MAX_METADATA = 64;

const STATUS_NAMES: Record<Exclude<ReportedStatus, ''>, mqtt.DeviceStatus> = {
  online: DeviceStatus.ONLINE,
  offline: DeviceStatus.OFFLINE,
  sleeping: DeviceStatus.SLEEPING,
  error: DeviceStatus.ERROR,
};

function reported(status: mqtt.DeviceStatus, field = 'status'): Exclude<ReportedStatus, ''> {
  const entry = Object.entries(STATUS_NAMES).find(([, v]) => v === status);
  if (!entry) throw ServiceError.invalidArgument(field, 'must be ONLINE, OFFLINE, SLEEPING or ERROR');
  return entry[0] as Exclude<ReportedStatus, ''>;
}

/** A status message on `devices/{id}/status`: "online", "offline", ... or {"status": "..."}. */
export function parseStatusPayload(payload: Buffer): Exclude<ReportedStatus, ''> | undefined {
  let text = payload.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      const value = (JSON.parse(text) as { status?: unknown }).status;
      text = typeof value === 'string' ? value : '';
    } catch {
      return undefined;
    }
  }
  const status = text.toLowerCase();
  return status in STATUS_NAMES ? (status as Exclude<ReportedStatus, ''>) : undefined;
}

function validateMetadata(metadata: Record<string, string>, field = 'metadata'): Record<string, string> {
  const entries = Object.entries(metadata);
  if (entries.length > MAX_METADATA)
    throw ServiceError.invalidArgument(field, `at most ${MAX_METADATA} entries`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 128) {
      throw ServiceError.invalidArgument(field, 'keys must be 1-128 characters');
    }
    if (value.length > 1024)
      throw ServiceError.invalidArgument(field, `"${key}": values must be at most 1024 characters`);
  }
  return metadata;
}

function validateText(value: string, field: string, max: number): string {
  if (value.length > max) throw ServiceError.invalidArgument(field, `must be at most ${max} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value))
    throw ServiceError.invalidArgument(field, 'must not contain control characters');
  return value;
}

interface DeviceView {
  info: ReturnType<typeof deviceInfo>;
  status: mqtt.DeviceStatus;
  online: boolean;
}

function deviceInfo(
  tenant: Tenant,
  record: DeviceRecord,
  presence: readonly PresenceRecord[],
  lastActivity: number,
) {
  const sessions = presence.flatMap((p) => p.sessions).filter((s) => s.clientId === record.deviceId);
  const online = sessions.some((s) => s.connected);
  let status: mqtt.DeviceStatus;
  if (record.status === 'sleeping' || record.status === 'error') status = STATUS_NAMES[record.status];
  else if (online || record.status === 'online') status = DeviceStatus.ONLINE;
  else status = DeviceStatus.OFFLINE;
  const lastSeen = Math.max(
    record.lastSeen,
    lastActivity,
    ...sessions.map((s) => (s.connected ? presenceTime(presence, s.id) : s.connectedAt)),
  );
  return {
    deviceId: record.deviceId,
    deviceName: record.name,
    deviceType: record.type,
    status,
    online,
    metadata: record.metadata,
    registeredAt: ts(record.registeredAt),
    lastSeen: ts(lastSeen),
    statusUpdatedAt: ts(record.statusUpdatedAt),
    organizationId: tenant.organizationId,
    activeSessions: BigInt(sessions.length),
  };
}

/** A connected session was seen when its instance last wrote its presence. */
function presenceTime(presence: readonly PresenceRecord[], sessionId: string): number {
  return presence.find((p) => p.sessions.some((s) => s.id === sessionId))?.updatedAt ?? 0;
}

function view(
  tenant: Tenant,
  record: DeviceRecord,
  presence: readonly PresenceRecord[],
  lastActivity = 0,
): DeviceView {
  const info = deviceInfo(tenant, record, presence, lastActivity);
  return { info, status: info.status, online: info.online };
}

function page(pageValue: number, sizeValue: number): { page: number; size: number } {
  if (pageValue < 0) throw ServiceError.invalidArgument('page', 'must be 1 or more');
  if (sizeValue < 0 || sizeValue > MAX_PAGE_SIZE) {
    throw ServiceError.invalidArgument('page_size', `must be between 1 and ${MAX_PAGE_SIZE}`);
  }
  return { page: pageValue || 1, size: sizeValue || 50 };
}

/** Live subscriptions (sessions' and streams') whose filter matches a topic. */
function subscribersOf(presence: readonly PresenceRecord[], topic: string): number {
  let count = 0;
  for (const p of presence) {
    for (const s of p.sessions) count += s.filters.filter((f) => filterMatches(f, topic)).length;
    for (const filters of p.streams) count += filters.some((f) => filterMatches(f, topic)) ? 1 : 0;
  }
  return count;
}

const underPrefix = (topic: string, prefix: string) =>
  prefix === '' || topic === prefix || topic.startsWith(`${prefix}/`);

export function createRegistryHandlers(
  deps: MqttDeps,
): Pick<
  Impl,
  | 'healthCheck'
  | 'registerDevice'
  | 'unregisterDevice'
  | 'listDevices'
  | 'getDeviceInfo'
  | 'updateDeviceStatus'
  | 'getDeviceMetrics'
  | 'getTopicInfo'
  | 'listTopics'
  | 'validateTopic'
  | 'getStatistics'
> & { applyDeviceStatus(topic: string, payload: Buffer, retained: boolean): void } {
  // Device records are read, changed and written back; one device's changes must not interleave.
  const deviceLocks = new KeyedMutex();
  const lockKey = (t: Tenant, id: string) => `${t.userId}/${t.organizationId}/${id}`;

  async function lastActivityOf(tenant: Tenant, deviceId: string): Promise<number> {
    const records = await deps.core().registry.readStats(tenant);
    return clientMetrics(records, deviceId, 0, Number.MAX_SAFE_INTEGER).lastSeen;
  }

  return {
    async healthCheck(req) {
      let control: ReturnType<MqttDeps['core']>['control'] | undefined;
      let problem = '';
      try {
        control = deps.core().control;
      } catch (err) {
        problem = (err as Error).message;
      }
      const backendHealth = await deps.backend.health();
      if (!backendHealth.healthy) problem ||= backendHealth.message;
      if (control && !control.connected)
        problem ||= 'the service has lost its broker connection (reconnecting)';
      const response = {
        healthy: problem === '',
        brokerStatus: control?.connected ? 'connected' : 'disconnected',
        activeConnections: BigInt(deps.sessions.activeConnections),
        checkedAt: timestampNow(),
        message: problem,
        backend: deps.backend.kind,
        broker: deps.backend.description,
        roundTripMs: 0,
        details: {} as Record<string, string>,
      };
      if (req.deepCheck && control && problem === '') {
        try {
          const started = performance.now();
          await control.publish(`${MARKER_ROOT}/health/${deps.instanceId}`, Buffer.from('.'), 1, false);
          response.roundTripMs = performance.now() - started;
          response.details = {
            ...(await deps.backend.brokerFacts()),
            service_instances: String(control.aliveCount),
            instance_id: deps.instanceId,
          };
        } catch (err) {
          response.healthy = false;
          response.message = `deep check failed: ${(err as Error).message}`;
        }
      }
      return response;
    },

    async registerDevice(req, ctx) {
      const tenant = ctx.tenant;
      const deviceId = validateClientId(req.deviceId, 'device_id');
      const record: DeviceRecord = {
        v: 1,
        deviceId,
        name: validateText(req.deviceName || deviceId, 'device_name', 256),
        type: validateText(req.deviceType || 'sensor', 'device_type', 64),
        metadata: validateMetadata(req.metadata),
        registeredAt: Date.now(),
        status: '',
        statusUpdatedAt: 0,
        lastSeen: 0,
      };
      const { registry } = deps.core();
      return deviceLocks.run(lockKey(tenant, deviceId), async () => {
        if (await registry.readDevice(tenant, deviceId)) {
          throw ServiceError.alreadyExists(`device "${deviceId}"`);
        }
        await registry.writeDevice(tenant, record);
        const presence = await registry.readPresence(tenant);
        return { device: view(tenant, record, presence).info };
      });
    },

    async unregisterDevice(req, ctx) {
      const tenant = ctx.tenant;
      const deviceId = validateClientId(req.deviceId, 'device_id');
      const { registry } = deps.core();
      await deviceLocks.run(lockKey(tenant, deviceId), async () => {
        if (!(await registry.readDevice(tenant, deviceId)))
          throw ServiceError.notFound(`device "${deviceId}"`);
        await registry.deleteDevice(tenant, deviceId);
      });
      return {};
    },

    async listDevices(req, ctx) {
      const tenant = ctx.tenant;
      const { page: pageNo, size } = page(req.page, req.pageSize);
      if (req.deviceType) validateText(req.deviceType, 'device_type', 64);
      const { registry } = deps.core();
      const [records, presence, stats] = await Promise.all([
        registry.readDevices(tenant),
        registry.readPresence(tenant),
        registry.readStats(tenant),
      ]);
      const views = records
        .filter((r) => !req.deviceType || r.type === req.deviceType)
        .map((r) =>
          view(tenant, r, presence, clientMetrics(stats, r.deviceId, 0, Number.MAX_SAFE_INTEGER).lastSeen),
        )
        .filter((v) => req.status === DeviceStatus.UNSPECIFIED || v.status === req.status);
      return {
        devices: views.slice((pageNo - 1) * size, pageNo * size).map((v) => v.info),
        totalCount: BigInt(views.length),
        page: pageNo,
        pageSize: size,
      };
    },

    async getDeviceInfo(req, ctx) {
      const tenant = ctx.tenant;
      const deviceId = validateClientId(req.deviceId, 'device_id');
      const { registry } = deps.core();
      const record = await registry.readDevice(tenant, deviceId);
      if (!record) throw ServiceError.notFound(`device "${deviceId}"`);
      const [presence, last] = await Promise.all([
        registry.readPresence(tenant),
        lastActivityOf(tenant, deviceId),
      ]);
      return { device: view(tenant, record, presence, last).info };
    },

    async updateDeviceStatus(req, ctx) {
      const tenant = ctx.tenant;
      const deviceId = validateClientId(req.deviceId, 'device_id');
      const status = reported(req.status);
      const changes = validateMetadata(req.metadata);
      const { registry } = deps.core();
      const record = await deviceLocks.run(lockKey(tenant, deviceId), async () => {
        const current = await registry.readDevice(tenant, deviceId);
        if (!current) throw ServiceError.notFound(`device "${deviceId}"`);
        const metadata = { ...current.metadata };
        for (const [key, value] of Object.entries(changes)) {
          if (value === '') delete metadata[key];
          else metadata[key] = value;
        }
        validateMetadata(metadata);
        const now = Date.now();
        const next: DeviceRecord = { ...current, metadata, status, statusUpdatedAt: now, lastSeen: now };
        await registry.writeDevice(tenant, next);
        return next;
      });
      const presence = await registry.readPresence(tenant);
      return { device: view(tenant, record, presence).info };
    },

    async getDeviceMetrics(req, ctx) {
      const tenant = ctx.tenant;
      const deviceId = validateClientId(req.deviceId, 'device_id');
      const end = req.endTime ? Number(timestampMs(req.endTime)) : Date.now();
      const start = req.startTime ? Number(timestampMs(req.startTime)) : end - 24 * 3600_000;
      if (start > end) throw ServiceError.invalidArgument('start_time', 'must not be after end_time');
      const { registry } = deps.core();
      if (!(await registry.readDevice(tenant, deviceId))) throw ServiceError.notFound(`device "${deviceId}"`);
      const metrics = clientMetrics(await registry.readStats(tenant), deviceId, start, end);
      const hours = [...metrics.hours.entries()].sort((a, b) => a[0] - b[0]);
      return {
        deviceId,
        messagesSent: BigInt(metrics.sent),
        messagesReceived: BigInt(metrics.received),
        bytesSent: BigInt(metrics.bytesSent),
        bytesReceived: BigInt(metrics.bytesReceived),
        messageRate: hours.map(([at, [messages]]) => ({ timestamp: timestampFromMs(at), value: messages })),
        errorRate: hours.map(([at, [, errors]]) => ({ timestamp: timestampFromMs(at), value: errors })),
      };
    },

    async getTopicInfo(req, ctx) {
      const tenant = ctx.tenant;
      const physical = physicalTopic(tenant, req.topic);
      const { registry } = deps.core();
      const [stats, presence, retained] = await Promise.all([
        registry.readStats(tenant),
        registry.readPresence(tenant),
        deps.backend.readRetained(physical),
      ]);
      const totals = topicTotals(stats).get(req.topic);
      return {
        topicInfo: {
          topic: req.topic,
          subscriberCount: BigInt(subscribersOf(presence, req.topic)),
          messageCount: BigInt(totals?.count ?? 0),
          bytes: BigInt(totals?.bytes ?? 0),
          lastMessageTime: ts(totals?.last ?? 0),
          hasRetainedMessage: retained.messages.some((m) => m.topic === physical),
        },
      };
    },

    async listTopics(req, ctx) {
      const tenant = ctx.tenant;
      const prefix = req.prefix.replace(/\/+$/, '');
      if (prefix) physicalTopic(tenant, prefix, 'prefix');
      const { page: pageNo, size } = page(req.page, req.pageSize);
      const { registry } = deps.core();
      const [stats, presence] = await Promise.all([
        registry.readStats(tenant),
        registry.readPresence(tenant),
      ]);
      const topics = [...topicTotals(stats).entries()]
        .filter(([topic]) => underPrefix(topic, prefix))
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      const shown = topics.slice((pageNo - 1) * size, pageNo * size);
      const retained = await Promise.all(
        shown.map(async ([topic]) => {
          const physical = physicalTopic(tenant, topic);
          const read = await deps.backend.readRetained(physical);
          return read.messages.some((m) => m.topic === physical);
        }),
      );
      return {
        topics: shown.map(([topic, t], i) => ({
          topic,
          subscriberCount: BigInt(subscribersOf(presence, topic)),
          messageCount: BigInt(t.count),
          bytes: BigInt(t.bytes),
          lastMessageTime: ts(t.last),
          hasRetainedMessage: retained[i]!,
        })),
        totalCount: BigInt(topics.length),
      };
    },

    async validateTopic(req, ctx) {
      const tenant = ctx.tenant;
      const violations = topicViolations(tenant, req.topic, req.allowWildcards);
      return {
        valid: violations.length === 0,
        message: violations.length === 0 ? 'ok' : violations.join('; '),
        violations,
        brokerTopic: violations.length === 0 ? `${tenant.userId}/${tenant.organizationId}/${req.topic}` : '',
      };
    },

    async getStatistics(_req, ctx) {
      const tenant = ctx.tenant;
      const { registry } = deps.core();
      const [devices, presence, stats] = await Promise.all([
        registry.readDevices(tenant),
        registry.readPresence(tenant),
        registry.readStats(tenant),
      ]);
      const views = devices.map((d) => view(tenant, d, presence));
      const distribution: Record<string, bigint> = {};
      for (const d of devices) distribution[d.type] = (distribution[d.type] ?? 0n) + 1n;
      const today = dayTotals(stats, utcDay(Date.now()));
      const subscriptions = presence.reduce(
        (n, p) =>
          n +
          p.sessions.reduce((m, s) => m + s.filters.length, 0) +
          p.streams.reduce((m, f) => m + f.length, 0),
        0,
      );
      return {
        totalDevices: BigInt(devices.length),
        onlineDevices: BigInt(views.filter((v) => v.status === DeviceStatus.ONLINE).length),
        totalTopics: BigInt(topicTotals(stats).size),
        totalSubscriptions: BigInt(subscriptions),
        messagesSentToday: BigInt(today.sent),
        messagesReceivedToday: BigInt(today.received),
        activeSessions: BigInt(presence.reduce((n, p) => n + p.sessions.length, 0)),
        deviceTypeDistribution: distribution,
        bytesSentToday: BigInt(today.bytesSent),
        bytesReceivedToday: BigInt(today.bytesReceived),
      };
    },

    /** A device (or its last will) reported its status on `{user}/{org}/devices/{id}/status`. */
    applyDeviceStatus(topic, payload, retained) {
      const [userId, organizationId, , deviceId] = topic.split('/');
      const status = parseStatusPayload(payload);
      if (!userId || !organizationId || !deviceId || !status) return;
      let tenant: Tenant;
      try {
        tenant = {
          userId: validateTenantId('user_id', userId),
          organizationId: validateTenantId('organization_id', organizationId),
        };
        validateClientId(deviceId, 'device_id');
      } catch {
        return;
      }
      let registry: ReturnType<MqttDeps['core']>['registry'];
      try {
        registry = deps.core().registry;
      } catch {
        return;
      }
      void deviceLocks
        .run(lockKey(tenant, deviceId), async () => {
          const current = await registry.readDevice(tenant, deviceId);
          if (!current) return;
          // A retained status is re-sent on every (re)subscription: only a change is written.
          if (retained && current.status === status) return;
          const now = Date.now();
          await registry.writeDevice(tenant, { ...current, status, statusUpdatedAt: now, lastSeen: now });
        })
        .catch(() => undefined);
    },
  };
}
