import { ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { MqttBackend, RetainedRecord } from './broker.js';
import type { ControlPlane } from './control.js';
import {
  DEVICE_SHARDS,
  deviceShardFilter,
  devicesFilter,
  deviceTopic,
  lastLevel,
  presenceFilter,
  presenceTopic,
  statsFilter,
  statsTopic,
} from './registry-topics.js';
import { type DayRecord, parseDayRecord, STATS_RETENTION_DAYS, utcDay } from './stats.js';

export type ReportedStatus = 'online' | 'offline' | 'sleeping' | 'error' | '';

/** A registered device as stored on the broker. */
export interface DeviceRecord {
  v: 1;
  deviceId: string;
  name: string;
  type: string;
  metadata: Record<string, string>;
  registeredAt: number;
  /** What the device (or UpdateDeviceStatus, or its last will) last reported; "" = nothing yet. */
  status: ReportedStatus;
  statusUpdatedAt: number;
  lastSeen: number;
}

/** One session as other instances see it. */
export interface PresenceSession {
  id: string;
  clientId: string;
  connectedAt: number;
  connected: boolean;
  /** The caller's own filters of the session's subscriptions. */
  filters: string[];
}

/** A tenant's live sessions and session-less streams on one instance. */
export interface PresenceRecord {
  v: 1;
  instance: string;
  /** host:port where the instance serves gRPC (calls for its sessions are forwarded there). */
  address?: string;
  updatedAt: number;
  sessions: PresenceSession[];
  /** Filters of each subscription stream that has its own connection. */
  streams: string[][];
}

function parse<T extends { v: number }>(payload: Buffer): T | undefined {
  try {
    const value = JSON.parse(payload.toString('utf8')) as T;
    return value && value.v === 1 ? value : undefined;
  } catch {
    return undefined;
  }
}

const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * The device registry, session presence and traffic statistics, stored as retained messages on the broker
 * (registry-topics.ts): shared by every instance on the same broker and as durable as the broker's
 * retained messages. Writes of one record are last-writer-wins; each instance owns its presence and
 * statistics records, so only device records are ever written by several instances, and only the same
 * tenant's calls (or its devices' status messages) write a given device.
 */
export class Registry {
  constructor(
    private readonly backend: MqttBackend,
    private readonly control: ControlPlane,
    private readonly localPresence: (tenant: Tenant) => PresenceRecord | undefined,
    private readonly localStats: (tenant: Tenant) => DayRecord | undefined,
    private readonly logger: Logger,
  ) {}

  // Devices

  async readDevice(tenant: Tenant, deviceId: string): Promise<DeviceRecord | undefined> {
    const read = await this.backend.readRetained(deviceTopic(tenant, deviceId));
    const record = read.messages[0] && parse<DeviceRecord>(read.messages[0].payload);
    return record && record.deviceId === deviceId ? record : undefined;
  }

  /**
   * Every device of the tenant. One read when the broker delivers them all at once; otherwise shard by
   * shard (each shard must then fit in the broker's per-subscription delivery limit).
   */
  async readDevices(tenant: Tenant): Promise<DeviceRecord[]> {
    const all = await this.backend.readRetained(devicesFilter(tenant));
    let messages: RetainedRecord[] = all.messages;
    if (!all.complete) {
      messages = [];
      for (let shard = 0; shard < DEVICE_SHARDS; shard++) {
        const part = await this.backend.readRetained(deviceShardFilter(tenant, shard));
        if (!part.complete) {
          throw ServiceError.resourceExhausted(
            'too many devices to list through this broker: raise its per-client queue limit (Mosquitto: max_queued_messages) or MQTT_RETAINED_READ_LIMIT',
          );
        }
        messages.push(...part.messages);
      }
    }
    const devices: DeviceRecord[] = [];
    for (const m of messages) {
      const record = parse<DeviceRecord>(m.payload);
      if (record && record.deviceId === lastLevel(m.topic)) devices.push(record);
    }
    return devices.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
  }

  writeDevice(tenant: Tenant, record: DeviceRecord): Promise<void> {
    return this.control.write(deviceTopic(tenant, record.deviceId), json(record));
  }

  deleteDevice(tenant: Tenant, deviceId: string): Promise<void> {
    return this.control.write(deviceTopic(tenant, deviceId), undefined);
  }

  // Presence

  writePresence(tenant: Tenant, record: PresenceRecord | undefined): Promise<void> {
    return this.control.write(
      presenceTopic(tenant, this.control.instanceId),
      record ? json(record) : undefined,
    );
  }

  /**
   * The tenant's sessions and streams on every live instance (this one from memory). Records of instances
   * that are gone are deleted on the way.
   */
  async readPresence(tenant: Tenant): Promise<PresenceRecord[]> {
    const read = await this.backend.readRetained(presenceFilter(tenant));
    const out: PresenceRecord[] = [];
    for (const m of read.messages) {
      const instance = lastLevel(m.topic);
      if (instance === this.control.instanceId) continue;
      if (!this.control.isAlive(instance)) {
        this.forget(m.topic);
        continue;
      }
      const record = parse<PresenceRecord>(m.payload);
      if (record) out.push(record);
    }
    const local = this.localPresence(tenant);
    if (local) out.push(local);
    return out;
  }

  /** host:port of the live instance holding one of the tenant's sessions, or undefined. */
  async locateSession(tenant: Tenant, sessionId: string): Promise<string | undefined> {
    const records = await this.readPresence(tenant);
    return records.find((r) => r.sessions.some((s) => s.id === sessionId))?.address;
  }

  // Statistics

  /** Every instance's day records of the last 7 days (this instance's today from memory). */
  async readStats(tenant: Tenant): Promise<DayRecord[]> {
    const read = await this.backend.readRetained(statsFilter(tenant));
    const oldest = utcDay(Date.now() - (STATS_RETENTION_DAYS - 1) * 86_400_000);
    const local = this.localStats(tenant);
    const out: DayRecord[] = [];
    for (const m of read.messages) {
      const record = parseDayRecord(m.payload);
      if (!record) continue;
      if (record.day < oldest) {
        this.forget(m.topic);
        continue;
      }
      if (local && record.instance === local.instance && record.day === local.day) continue;
      out.push(record);
    }
    if (local) out.push(local);
    return out;
  }

  writeStats(tenant: Tenant, record: DayRecord): Promise<void> {
    return this.control.write(statsTopic(tenant, record.day, record.instance), json(record));
  }

  private forget(topic: string): void {
    this.control.write(topic, undefined).catch((err: unknown) => {
      this.logger.debug({ err: (err as Error).message, topic }, 'stale registry record not deleted');
    });
  }
}
