import { GrpcStatus, type LokiClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

const line = (bytes: number, tag = 'x') => tag.padEnd(bytes, '.');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Per-tenant quotas. The first stack refills at 1 byte/s, so only the 2000-byte burst counts and the
 * outcomes do not depend on timing; the second refills at 3000 bytes/s for the refill and daily tests.
 */
describe('log ingestion quotas: burst', () => {
  let stack: TestStack;
  const client = (): LokiClient =>
    stack.client('loki', { userId: uniqueUser('quota'), throwOnError: true, enableRetry: false });

  beforeAll(async () => {
    stack = await startStack(['loki'], {
      LOKI_INGESTION_RATE_BYTES: '1',
      LOKI_INGESTION_BURST_BYTES: '2000',
      LOKI_DAILY_BYTES_LIMIT: '100000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refuses a push larger than the burst, and a burst beyond what is left', async () => {
    const c = client();
    await expect(c.pushLog(line(2001), { labels: { app: 'q' } })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      details: expect.stringMatching(
        /ingestion rate limit exceeded \(limit: 1 bytes\/sec, burst 2000 bytes\) while attempting to ingest '1' lines totaling '2001' bytes/,
      ),
    });
    await c.pushLog(line(1900, 'a'), { labels: { app: 'q' } });
    await expect(c.pushLog(line(500, 'b'), { labels: { app: 'q' } })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
    await c.pushLog(line(100, 'c'), { labels: { app: 'q' } });
    expect((await c.queryLogs('{app="q"}'))!.map((e) => e.line[0])).toEqual(['c', 'a']);
    expect(await c.getUserQuota()).toMatchObject({
      todayBytesUsed: 2000,
      todayEntries: 2,
      todayRejectedPushes: 2,
      ingestionAvailableBytes: expect.any(Number),
    });
  });

  it('never lets concurrent pushes overrun the quota, and counts exactly what was stored', async () => {
    const c = client();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => c.pushLog(line(300, `p${i}`), { labels: { app: 'concurrent' } })),
    );
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // 6 × 300 = 1800 fits the 2000-byte burst; a seventh would not.
    expect(results.length - refused.length).toBe(6);
    for (const r of refused) expect(r.reason).toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
    expect(await c.getUserQuota()).toMatchObject({
      todayBytesUsed: 1800,
      todayEntries: 6,
      todayRejectedPushes: 14,
    });
    expect(await c.queryLogs('{app="concurrent"}')).toHaveLength(6);
  });

  it('says how much of a push stream was stored when the quota stops it', async () => {
    const c = client();
    const source = Array.from({ length: 10 }, (_, i) => ({
      line: line(300, `s${i}`),
      labels: { app: 'stream' },
    }));
    await expect(c.pushLogStream(source, { batchSize: 3 })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      details: expect.stringMatching(/\(message 2 of the stream; 6 entries were stored before it\)/),
    });
    expect(await c.queryLogs('{app="stream"}')).toHaveLength(6);
  });
});

describe('log ingestion quotas: rate and daily budget', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(['loki'], {
      LOKI_INGESTION_RATE_BYTES: '3000',
      LOKI_INGESTION_BURST_BYTES: '2000',
      LOKI_DAILY_BYTES_LIMIT: '6000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('refills the rate budget over time', async () => {
    const c = stack.client('loki', { userId: uniqueUser('quota'), throwOnError: true, enableRetry: false });
    await c.pushLog(line(1900, 'a'), { labels: { app: 'refill' } });
    await expect(c.pushLog(line(1900, 'b'), { labels: { app: 'refill' } })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
    await sleep(700); // 3000 bytes/s refill the bucket completely
    await c.pushLog(line(1900, 'c'), { labels: { app: 'refill' } });
    expect(await c.getUserQuota()).toMatchObject({ todayBytesUsed: 3800, todayRejectedPushes: 1 });
  });

  it('lets the SDK retry a rate-limited push after its backoff (pushes are idempotent)', async () => {
    const c = stack.client('loki', {
      userId: uniqueUser('quota'),
      throwOnError: true,
      retry: { initialBackoffMs: 1000, maxAttempts: 2 },
    });
    await c.pushLog(line(2000, 'a'), { labels: { app: 'retry' } });
    const started = Date.now();
    expect(await c.pushLog(line(1900, 'b'), { labels: { app: 'retry' } })).toMatchObject({
      duplicate: false,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(await c.getUserQuota()).toMatchObject({ todayBytesUsed: 3900, todayRejectedPushes: 1 });
  });

  it('enforces the daily budget and shows it in the statistics', async () => {
    const c = stack.client('loki', { userId: uniqueUser('quota'), throwOnError: true, enableRetry: false });
    for (let i = 0; i < 3; i++) {
      await c.pushLog(line(1900, String(i)), { labels: { app: 'daily' } });
      await sleep(700);
    }
    await expect(c.pushLog(line(400), { labels: { app: 'daily' } })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
      details: expect.stringMatching(
        /daily ingestion quota exceeded: 5700 of 6000 bytes used today, this push needs 400 more; the quota resets at \d{4}-\d\d-\d\dT00:00:00\.000Z/,
      ),
    });
    await c.pushLog(line(300), { labels: { app: 'daily' } });
    const stats = await c.getStatistics();
    expect(stats).toMatchObject({
      totalBytes: 6000,
      totalEntries: 4,
      quota: { dailyBytesLimit: 6000, todayBytesUsed: 6000, quotaExceeded: true, todayRejectedPushes: 1 },
    });
    expect(stats!.quota.resetsAt!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    await expect(c.pushLog('x', { labels: { app: 'daily' } })).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
  });
});
