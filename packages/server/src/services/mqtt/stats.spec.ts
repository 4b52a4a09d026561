import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import {
  clientMetrics,
  type DayRecord,
  dayTotals,
  parseDayRecord,
  TrafficStats,
  topicTotals,
  utcDay,
} from './stats.js';

const logger = createLogger('silent');
const alice: Tenant = { userId: 'alice', organizationId: 'default-org' };
const bob: Tenant = { userId: 'bob', organizationId: 'default-org' };

function collector() {
  const written: Array<{ tenant: Tenant; record: DayRecord }> = [];
  return {
    written,
    write: async (tenant: Tenant, record: DayRecord) => void written.push({ tenant, record }),
  };
}

describe('traffic statistics', () => {
  it('counts per tenant, topic and client, and writes only what changed', async () => {
    const sink = collector();
    const stats = new TrafficStats('i1', sink.write, 60_000, { maxKeys: 100 }, logger);
    stats.recordPublish(alice, 'dev-1', 'a/t', 10, true);
    stats.recordPublish(alice, 'dev-1', 'a/t', 5, true);
    stats.recordPublish(alice, undefined, 'a/u', 1, true);
    stats.recordPublish(alice, 'dev-1', 'a/t', 3, false);
    stats.recordDelivery(alice, 'dev-1', 7);
    stats.recordPublish(bob, undefined, 'b', 2, true);
    await stats.flush();
    expect(sink.written.map((w) => w.tenant.userId).sort()).toEqual(['alice', 'bob']);
    const a = sink.written.find((w) => w.tenant === alice)!.record;
    expect(a).toMatchObject({
      instance: 'i1',
      day: utcDay(Date.now()),
      sent: 3,
      bytesSent: 16,
      errors: 1,
      received: 1,
    });
    expect(a.topics['a/t']!.slice(0, 2)).toEqual([2, 15]);
    expect(a.clients['dev-1']).toMatchObject({ s: 2, bs: 15, e: 1, r: 1, br: 7 });
    expect(stats.local(alice)).toMatchObject({ sent: 3 });
    await stats.flush();
    expect(sink.written).toHaveLength(2);
    stats.recordDelivery(bob, undefined, 1);
    await stats.close();
    expect(sink.written).toHaveLength(3);
  });

  it('keeps at most maxKeys topics and clients per record, counting the rest', async () => {
    const sink = collector();
    const stats = new TrafficStats('i1', sink.write, 60_000, { maxKeys: 2 }, logger);
    for (let i = 0; i < 5; i++) stats.recordPublish(alice, `c${i}`, `t${i}`, 1, true);
    const record = stats.local(alice)!;
    expect(Object.keys(record.topics)).toHaveLength(2);
    expect(record.topicsOverflow).toBe(3);
    expect(Object.keys(record.clients)).toHaveLength(2);
    expect(record.clientsOverflow).toBe(3);
    expect(record.sent).toBe(5);
    await stats.close();
  });

  it('retries a failed write with the next flush', async () => {
    let fail = true;
    const written: DayRecord[] = [];
    const stats = new TrafficStats(
      'i1',
      async (_t, record) => {
        if (fail) throw new Error('broker away');
        written.push(record);
      },
      60_000,
      { maxKeys: 10 },
      logger,
    );
    stats.recordPublish(alice, undefined, 't', 1, true);
    await stats.flush();
    expect(written).toEqual([]);
    fail = false;
    await stats.flush();
    expect(written.map((r) => r.sent)).toEqual([1]);
  });

  it('adds up records of several instances and days', () => {
    const day = utcDay(Date.now());
    const yesterday = utcDay(Date.now() - 86_400_000);
    const base = parseDayRecord(Buffer.from(JSON.stringify({ v: 1, day, instance: 'x' })))!;
    const r1: DayRecord = {
      ...base,
      sent: 2,
      bytesSent: 4,
      topics: { t: [2, 4, 100] },
      clients: { d: { s: 2, r: 0, bs: 4, br: 0, e: 0, last: 100, h: { '3': [2, 0] } } },
    };
    const r2: DayRecord = {
      ...base,
      instance: 'y',
      sent: 1,
      bytesSent: 1,
      topics: { t: [1, 1, 200], u: [1, 9, 50] },
    };
    const r3: DayRecord = {
      ...base,
      day: yesterday,
      sent: 5,
      clients: { d: { s: 5, r: 1, bs: 5, br: 1, e: 1, last: 50, h: { '23': [6, 1] } } },
    };
    expect(dayTotals([r1, r2, r3], day)).toMatchObject({ sent: 3, bytesSent: 5 });
    expect([...topicTotals([r1, r2]).entries()]).toEqual([
      ['t', { count: 3, bytes: 5, last: 200 }],
      ['u', { count: 1, bytes: 9, last: 50 }],
    ]);
    const all = clientMetrics([r1, r2, r3], 'd', 0, Number.MAX_SAFE_INTEGER);
    expect(all).toMatchObject({ sent: 7, received: 1, lastSeen: 100 });
    expect([...all.hours.values()]).toEqual([
      [2, 0],
      [6, 1],
    ]);
    const todayStart = Date.parse(`${day}T00:00:00Z`);
    const onlyToday = clientMetrics([r1, r3], 'd', todayStart, todayStart + 86_400_000);
    expect(onlyToday.sent).toBe(2);
    expect([...onlyToday.hours.keys()]).toEqual([todayStart + 3 * 3600_000]);
    expect(parseDayRecord(Buffer.from('not json'))).toBeUndefined();
    expect(parseDayRecord(Buffer.from('{"v":2}'))).toBeUndefined();
  });
});
