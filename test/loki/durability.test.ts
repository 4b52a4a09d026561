import { rm } from 'node:fs/promises';
import { GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDir, startStack, uniqueUser } from '../support/stack.js';

const HOUR = 3_600_000;

describe('embedded log store durability', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('keeps logs, stream windows and daily usage across a restart', async () => {
    const dataDir = await scratchDir('loki-durable');
    dirs.push(dataDir);
    const userId = uniqueUser('durable');
    const env = { ISA_DATA_DIR: dataDir };
    const first = await startStack(['loki'], env);
    const now = Date.now();
    try {
      const c = first.client('loki', { userId, throwOnError: true });
      await c.pushLogStream(
        Array.from({ length: 1000 }, (_, i) => ({
          line: `kept ${i}`,
          labels: { app: 'durable' },
          timestamp: now - 1000 + i,
        })),
      );
    } finally {
      await first.stop();
    }
    const second = await startStack(['loki'], env);
    try {
      const c = second.client('loki', { userId, throwOnError: true });
      expect((await c.query('sum(count_over_time({app="durable"}[1h]))'))!.vector[0]?.samples[0]?.value).toBe(
        1000,
      );
      expect(await c.getUserQuota()).toMatchObject({ todayEntries: 1000 });
      // The stream's newest entry survived too: an entry two hours behind it is still refused.
      await expect(
        c.pushLog('late', { labels: { app: 'durable' }, timestamp: now - 2 * HOUR }),
      ).rejects.toMatchObject({
        code: GrpcStatus.OUT_OF_RANGE,
        details: expect.stringMatching(/entry too far behind/),
      });
      expect(await c.pushLog('kept 0', { labels: { app: 'durable' }, timestamp: now - 1000 })).toMatchObject({
        duplicate: true,
      });
    } finally {
      await second.stop();
    }
  });

  it('applies retention by age: old entries disappear from queries and are swept from disk', async () => {
    const stack = await startStack(['loki'], {
      LOKI_RETENTION_HOURS: '1',
      LOKI_MAX_ENTRY_AGE_HOURS: '3',
      LOKI_RETENTION_SWEEP_MS: '200',
    });
    try {
      const c = stack.client('loki', { userId: uniqueUser('retention'), throwOnError: true });
      const result = await c.pushLogBatch([
        { line: 'two hours old', labels: { app: 'ret' }, timestamp: Date.now() - 2 * HOUR },
        { line: 'fresh', labels: { app: 'ret', v: '2' }, timestamp: Date.now() - 1000 },
      ]);
      expect(result).toMatchObject({ acceptedCount: 2 });
      const everything = {
        startTime: new Date(Date.now() - 3 * HOUR),
        endTime: new Date(Date.now() + 60_000),
      };
      expect((await c.queryLogs('{app="ret"}', everything))!.map((e) => e.line)).toEqual(['fresh']);
      // The sweep deletes the old entry and its stream from the database; health counts the streams.
      const deadline = Date.now() + 5000;
      while ((await c.healthCheck())!.details.streams !== '1') {
        if (Date.now() > deadline) throw new Error('the retention sweep did not run');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await c.listStreams(everything))!.streams.map((s) => s.streamId)).toEqual([
        '{app="ret", v="2"}',
      ]);
      expect((await c.getUserQuota())!.retentionSeconds).toBe(3600);
    } finally {
      await stack.stop();
    }
  });
});
