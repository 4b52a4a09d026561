import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { QuotaManager, UsageLedger } from './quota.js';

const logger = pino({ level: 'silent' });
const DAY = 86_400_000;

function manager(
  limits: Partial<ConstructorParameters<typeof QuotaManager>[0]> = {},
  clock = { now: Date.parse('2025-03-01T12:00:00Z') },
  ledger = new UsageLedger(undefined, logger),
) {
  const q = new QuotaManager(
    { rateBytesPerSecond: 100, burstBytes: 1000, dailyBytes: 10_000, ...limits },
    ledger,
    () => clock.now,
  );
  return { q, clock, ledger };
}

describe('ingestion quotas', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('let a burst through, then refill at the configured rate', () => {
    const { q, clock } = manager();
    q.reserve('t', 1000, 10).commit(1000, 10);
    expect(() => q.reserve('t', 1, 1)).toThrow(
      expect.objectContaining({ code: GrpcStatus.RESOURCE_EXHAUSTED }),
    );
    clock.now += 2000; // 200 bytes refilled
    q.reserve('t', 200, 1).commit(200, 1);
    expect(() => q.reserve('t', 1, 1)).toThrow(
      /ingestion rate limit exceeded \(limit: 100 bytes\/sec, burst 1000 bytes\)/,
    );
    clock.now += 60_000;
    expect(q.snapshot('t').availableBytes).toBe(1000);
  });

  it('refuse a single push larger than the burst', () => {
    const { q } = manager();
    expect(() => q.reserve('t', 1001, 1)).toThrow(
      /while attempting to ingest '1' lines totaling '1001' bytes/,
    );
  });

  it('enforce the daily budget, count refusals and reset at the next UTC day', () => {
    const { q, clock } = manager({ burstBytes: 10_000, rateBytesPerSecond: 1_000_000 });
    q.reserve('t', 9_000, 9).commit(9_000, 9);
    expect(() => q.reserve('t', 1_001, 1)).toThrow(
      expect.objectContaining({
        code: GrpcStatus.RESOURCE_EXHAUSTED,
        message: expect.stringMatching(
          /daily ingestion quota exceeded: 9000 of 10000 bytes used today.*resets at 2025-03-02T00:00:00.000Z/,
        ),
      }),
    );
    q.reserve('t', 1_000, 1).commit(1_000, 1);
    expect(q.snapshot('t')).toMatchObject({
      todayBytes: 10_000,
      todayEntries: 10,
      todayRejectedPushes: 1,
      exceeded: true,
    });
    clock.now += DAY;
    expect(q.snapshot('t')).toMatchObject({ today: '2025-03-02', todayBytes: 0, exceeded: false });
    q.reserve('t', 5_000, 1).commit(5_000, 1);
    expect(q.history('t').map((d) => [d.day, d.bytes])).toEqual([
      ['2025-03-02', 5000],
      ['2025-03-01', 10000],
    ]);
  });

  it('never let concurrent pushes overrun the budget: check and reserve are one step', () => {
    const { q } = manager({ burstBytes: 10_000, rateBytesPerSecond: 1_000_000, dailyBytes: 5_000 });
    // 20 pushes of 400 bytes in flight at once: only 12 fit (12 × 400 = 4800 ≤ 5000).
    const admitted = [];
    let refused = 0;
    for (let i = 0; i < 20; i++) {
      try {
        admitted.push(q.reserve('t', 400, 1));
      } catch {
        refused++;
      }
    }
    expect(admitted).toHaveLength(12);
    expect(refused).toBe(8);
    for (const r of admitted) r.commit(400, 1);
    expect(q.snapshot('t')).toMatchObject({ todayBytes: 4800, todayEntries: 12, todayRejectedPushes: 8 });
  });

  it('hand back what a failed push reserved, and count only stored bytes', () => {
    const { q } = manager({ dailyBytes: 1_000 });
    const failed = q.reserve('t', 900, 1);
    expect(() => q.reserve('t', 200, 1)).toThrow(/daily ingestion quota exceeded/);
    failed.release();
    failed.release(); // settling twice changes nothing
    const partial = q.reserve('t', 900, 3);
    partial.commit(300, 1); // two entries were duplicates or refused
    expect(q.snapshot('t')).toMatchObject({ todayBytes: 300, todayEntries: 1 });
    // The released push's rate budget came back; the committed one's is spent.
    expect(q.snapshot('t').availableBytes).toBe(100);
  });

  it('keep tenants apart', () => {
    const { q } = manager({ dailyBytes: 1_000 });
    q.reserve('a', 1_000, 1).commit(1_000, 1);
    expect(() => q.reserve('a', 1, 1)).toThrow();
    q.reserve('b', 1_000, 1).commit(1_000, 1);
    expect(q.snapshot('b').todayBytes).toBe(1_000);
  });

  it('persist daily usage across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    dirs.push(dir);
    const file = join(dir, 'usage.json');
    const first = manager({}, undefined, new UsageLedger(file, logger));
    first.q.reserve('t', 700, 7).commit(700, 7);
    first.ledger.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      t: { '2025-03-01': { bytes: 700, entries: 7 } },
    });
    const second = manager({}, undefined, new UsageLedger(file, logger));
    expect(second.q.snapshot('t')).toMatchObject({ todayBytes: 700, todayEntries: 7 });
  });
});
