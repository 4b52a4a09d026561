import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';

/** Days of traffic kept; older day records are deleted by whoever reads them. */
export const STATS_RETENTION_DAYS = 7;

export interface ClientCounters {
  /** sent, received, bytes sent, bytes received, failed publishes */
  s: number;
  r: number;
  bs: number;
  br: number;
  e: number;
  /** last activity, ms */
  last: number;
  /** hour of day (UTC, "0".."23") → [messages sent + received, failed publishes] */
  h: Record<string, [number, number]>;
}

/** One instance's traffic for one tenant on one UTC day, as stored on the broker. */
export interface DayRecord {
  v: 1;
  day: string;
  instance: string;
  updatedAt: number;
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  errors: number;
  /** topic → [messages, bytes, last message ms] */
  topics: Record<string, [number, number, number]>;
  /** Messages on topics beyond the per-record topic limit. */
  topicsOverflow: number;
  clients: Record<string, ClientCounters>;
  clientsOverflow: number;
}

export interface StatsLimits {
  /** Distinct topics (and client ids) tracked per tenant, instance and day. */
  maxKeys: number;
}

let cachedDay = '';
let cachedDayStart = 0;

/** The UTC day of an instant, "YYYY-MM-DD" (cached: it is asked for every message). */
export function utcDay(ms: number): string {
  if (ms >= cachedDayStart && ms < cachedDayStart + 86_400_000) return cachedDay;
  const day = new Date(ms).toISOString().slice(0, 10);
  if (ms >= Date.now() - 86_400_000) {
    cachedDay = day;
    cachedDayStart = Date.parse(`${day}T00:00:00Z`);
  }
  return day;
}

function emptyRecord(day: string, instance: string): DayRecord {
  return {
    v: 1,
    day,
    instance,
    updatedAt: Date.now(),
    sent: 0,
    received: 0,
    bytesSent: 0,
    bytesReceived: 0,
    errors: 0,
    topics: Object.create(null) as DayRecord['topics'],
    topicsOverflow: 0,
    clients: Object.create(null) as DayRecord['clients'],
    clientsOverflow: 0,
  };
}

/** Parses a stored day record, or undefined when it is not one. */
export function parseDayRecord(payload: Buffer): DayRecord | undefined {
  try {
    const value = JSON.parse(payload.toString('utf8')) as Partial<DayRecord>;
    if (value.v !== 1 || typeof value.day !== 'string' || typeof value.instance !== 'string')
      return undefined;
    return {
      ...emptyRecord(value.day, value.instance),
      ...value,
      topics: Object.assign(Object.create(null), value.topics ?? {}),
      clients: Object.assign(Object.create(null), value.clients ?? {}),
    } as DayRecord;
  } catch {
    return undefined;
  }
}

interface Tracked {
  tenant: Tenant;
  record: DayRecord;
  dirty: boolean;
}

/**
 * This instance's traffic counters per tenant and UTC day, kept in memory and written to the broker (as
 * one retained record per tenant, day and instance: registry-topics.ts) every flush interval when they
 * changed. Each instance writes only its own records, so replicas never overwrite each other's counts;
 * readers add the records up. A crash loses at most one flush interval of counts.
 */
export class TrafficStats {
  private readonly tracked = new Map<string, Tracked>();
  /** Finished days not yet written. */
  private readonly retiring: Tracked[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    readonly instanceId: string,
    private readonly write: (tenant: Tenant, record: DayRecord) => Promise<void>,
    private readonly flushMs: number,
    private readonly limits: StatsLimits,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.flushMs);
    this.timer.unref();
  }

  private track(tenant: Tenant, now: number): Tracked {
    const key = `${tenant.userId}/${tenant.organizationId}`;
    const day = utcDay(now);
    let t = this.tracked.get(key);
    if (t && t.record.day !== day) {
      if (t.dirty) this.retiring.push(t);
      t = undefined;
    }
    if (!t) {
      t = { tenant, record: emptyRecord(day, this.instanceId), dirty: false };
      this.tracked.set(key, t);
    }
    t.dirty = true;
    t.record.updatedAt = now;
    return t;
  }

  private client(record: DayRecord, clientId: string): ClientCounters | undefined {
    let c = record.clients[clientId];
    if (!c) {
      if (Object.keys(record.clients).length >= this.limits.maxKeys) {
        record.clientsOverflow++;
        return undefined;
      }
      c = { s: 0, r: 0, bs: 0, br: 0, e: 0, last: 0, h: Object.create(null) };
      record.clients[clientId] = c;
    }
    return c;
  }

  private hour(c: ClientCounters, now: number, messages: number, errors: number): void {
    const h = String(new Date(now).getUTCHours());
    const slot = c.h[h] ?? [0, 0];
    slot[0] += messages;
    slot[1] += errors;
    c.h[h] = slot;
  }

  /** A publish by the tenant (through a session when clientId is given). */
  recordPublish(
    tenant: Tenant,
    clientId: string | undefined,
    topic: string,
    bytes: number,
    ok: boolean,
  ): void {
    const now = Date.now();
    const { record } = this.track(tenant, now);
    if (!ok) {
      record.errors++;
      const c = clientId ? this.client(record, clientId) : undefined;
      if (c) {
        c.e++;
        c.last = now;
        this.hour(c, now, 0, 1);
      }
      return;
    }
    record.sent++;
    record.bytesSent += bytes;
    const t = record.topics[topic];
    if (t) {
      t[0]++;
      t[1] += bytes;
      t[2] = now;
    } else if (Object.keys(record.topics).length < this.limits.maxKeys) {
      record.topics[topic] = [1, bytes, now];
    } else {
      record.topicsOverflow++;
    }
    const c = clientId ? this.client(record, clientId) : undefined;
    if (c) {
      c.s++;
      c.bs += bytes;
      c.last = now;
      this.hour(c, now, 1, 0);
    }
  }

  /** A message delivered to one of the tenant's subscription streams. */
  recordDelivery(tenant: Tenant, clientId: string | undefined, bytes: number): void {
    const now = Date.now();
    const { record } = this.track(tenant, now);
    record.received++;
    record.bytesReceived += bytes;
    const c = clientId ? this.client(record, clientId) : undefined;
    if (c) {
      c.r++;
      c.br += bytes;
      c.last = now;
      this.hour(c, now, 1, 0);
    }
  }

  /** Today's record of this instance for a tenant (fresher than the broker's copy). */
  local(tenant: Tenant): DayRecord | undefined {
    const t = this.tracked.get(`${tenant.userId}/${tenant.organizationId}`);
    return t && t.record.day === utcDay(Date.now()) ? t.record : undefined;
  }

  /** Writes every changed record now. */
  flush(): Promise<void> {
    this.flushing ??= this.writeDirty().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async writeDirty(): Promise<void> {
    const batch = [...this.retiring.splice(0), ...[...this.tracked.values()].filter((t) => t.dirty)];
    for (const t of batch) {
      t.dirty = false;
      try {
        await this.write(t.tenant, structuredClone(t.record));
      } catch (err) {
        t.dirty = true;
        if (!this.tracked.has(`${t.tenant.userId}/${t.tenant.organizationId}`)) this.retiring.push(t);
        this.logger.warn({ err: (err as Error).message }, 'traffic statistics not written; retrying');
        return;
      }
    }
    // A day's record stays in memory until the day is over (a fresh one would overwrite the stored counts).
    const today = utcDay(Date.now());
    for (const [key, t] of this.tracked) {
      if (!t.dirty && t.record.day !== today) this.tracked.delete(key);
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
    // A flush that was already running may have missed the last changes.
    if (this.retiring.length > 0 || [...this.tracked.values()].some((t) => t.dirty)) await this.flush();
  }
}

export interface TopicTotals {
  count: number;
  bytes: number;
  last: number;
}

/** Adds up the records of every instance and day. */
export function topicTotals(records: readonly DayRecord[]): Map<string, TopicTotals> {
  const totals = new Map<string, TopicTotals>();
  for (const r of records) {
    for (const [topic, [count, bytes, last]] of Object.entries(r.topics)) {
      const t = totals.get(topic) ?? { count: 0, bytes: 0, last: 0 };
      t.count += count;
      t.bytes += bytes;
      t.last = Math.max(t.last, last);
      totals.set(topic, t);
    }
  }
  return totals;
}

export function dayTotals(records: readonly DayRecord[], day: string) {
  const totals = { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0, errors: 0 };
  for (const r of records) {
    if (r.day !== day) continue;
    totals.sent += r.sent;
    totals.received += r.received;
    totals.bytesSent += r.bytesSent;
    totals.bytesReceived += r.bytesReceived;
    totals.errors += r.errors;
  }
  return totals;
}

export interface ClientMetrics {
  sent: number;
  received: number;
  bytesSent: number;
  bytesReceived: number;
  lastSeen: number;
  /** hour start (ms) → [messages, errors], only hours inside the range */
  hours: Map<number, [number, number]>;
}

/** One client id's traffic between two instants (hour resolution). */
export function clientMetrics(
  records: readonly DayRecord[],
  clientId: string,
  startMs: number,
  endMs: number,
): ClientMetrics {
  const out: ClientMetrics = {
    sent: 0,
    received: 0,
    bytesSent: 0,
    bytesReceived: 0,
    lastSeen: 0,
    hours: new Map(),
  };
  for (const r of records) {
    const c = r.clients[clientId];
    if (!c) continue;
    out.lastSeen = Math.max(out.lastSeen, c.last);
    const dayStart = Date.parse(`${r.day}T00:00:00Z`);
    let inRange = false;
    for (const [hour, [messages, errors]] of Object.entries(c.h)) {
      const at = dayStart + Number(hour) * 3600_000;
      if (at + 3600_000 <= startMs || at > endMs) continue;
      inRange = true;
      const slot = out.hours.get(at) ?? [0, 0];
      slot[0] += messages;
      slot[1] += errors;
      out.hours.set(at, slot);
    }
    // Totals are per day: a day counts when any of its active hours is in the range.
    if (inRange) {
      out.sent += c.s;
      out.received += c.r;
      out.bytesSent += c.bs;
      out.bytesReceived += c.br;
    }
  }
  return out;
}
