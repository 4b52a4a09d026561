import { randomBytes } from 'node:crypto';
import { GrpcStatus, type LokiClient, type MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode } from '../support/expect.js';
import { type TestStack, uniqueUser } from '../support/stack.js';

/** What a log backend can report; the suite checks the rest of the behaviour the same on every one. */
export interface LokiBackendFeatures {
  /** Reports how many pushed entries were duplicates (Grafana Loki ignores them silently). */
  duplicateCounts: boolean;
  /** Knows each stream's first and last entry times. */
  streamTimes: boolean;
  /** Deletes at once and counts what it deleted (Grafana Loki deletes asynchronously). */
  immediateDelete: boolean;
}

export interface LokiTarget {
  label: string;
  backend: 'duckdb' | 'loki';
  features: LokiBackendFeatures;
  start(): Promise<TestStack>;
}

const MIN = 60_000;
const until = () => new Date(Date.now() + MIN);
const since = (ms = 60 * MIN) => new Date(Date.now() - ms);

/** Retries an assertion briefly: a real Loki may make pushed entries queryable a moment later. */
async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** The log service conformance suite: the same behaviour through the SDK, whatever the backend. */
export function lokiConformance(target: LokiTarget): void {
  describe(`log service conformance: ${target.label}`, () => {
    let stack: TestStack;
    // The stack closes every client it made when it stops.
    const tenant = (): LokiClient => stack.client('loki', { userId: uniqueUser('logs'), throwOnError: true });

    beforeAll(async () => {
      stack = await target.start();
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('reports a healthy backend that can read and write', async () => {
      const health = await tenant().healthCheck({ deepCheck: true });
      expect(health).toMatchObject({
        healthy: true,
        status: 'SERVING',
        backend: target.backend,
        canRead: true,
        canWrite: true,
      });
    });

    it('pushes a line with labels and reads it back with its exact timestamp', async () => {
      const c = tenant();
      const ts = BigInt(Date.now() - 5000) * 1_000_000n + 123_456n;
      const pushed = await c.pushLog('hello world', { labels: { app: 'api', env: 'test' }, timestamp: ts });
      expect(pushed).toEqual({ streamId: '{app="api", env="test"}', duplicate: false });
      const entries = await eventually(async () => {
        const found = await c.queryLogs('{app="api"}', { startTime: since(), endTime: until() });
        expect(found).toHaveLength(1);
        return found!;
      });
      expect(entries[0]).toMatchObject({
        line: 'hello world',
        timestampNs: ts,
        labels: expect.objectContaining({ app: 'api', env: 'test' }),
      });
      expect(entries[0]!.timestamp.getTime()).toBe(Number(ts / 1_000_000n));
    });

    it('pushes simple logs with service and level labels', async () => {
      const c = tenant();
      await c.pushSimpleLog('started', 'billing', { level: 'warning', extraLabels: { region: 'eu' } });
      await c.pushSimpleLog('crashed', 'billing', { level: 'CRITICAL' });
      await c.pushSimpleLog('plain', 'billing');
      const found = await eventually(async () => {
        const r = await c.queryLogs('{service="billing"}', { direction: 'forward' });
        expect(r).toHaveLength(3);
        return r!;
      });
      expect(found.map((e) => [e.line, e.labels.level, e.labels.region])).toEqual([
        ['started', 'warn', 'eu'],
        ['crashed', 'fatal', undefined],
        ['plain', 'info', undefined],
      ]);
      await expectCode(
        c.pushSimpleLog('x', 'billing', { extraLabels: { service: 'spoofed' } }),
        GrpcStatus.INVALID_ARGUMENT,
        'extra_labels.service',
      );
      await expectCode(c.pushSimpleLog('x', ''), GrpcStatus.INVALID_ARGUMENT, 'service');
    });

    it('pushes batches, refusing the whole batch when one entry breaks the label or line rules', async () => {
      const c = tenant();
      const result = await c.pushLogBatch([
        { line: 'one', labels: { app: 'batch', n: '1' } },
        { message: 'two', labels: { app: 'batch', n: '2' } },
        { line: 'three', labels: { app: 'batch', n: '1' } },
      ]);
      expect(result).toMatchObject({ acceptedCount: 3, acceptedBytes: 11, rejectedCount: 0 });
      await expectCode(
        c.pushLogBatch([
          { line: 'fine', labels: { app: 'batch2' } },
          { line: 'bad', labels: { app: 'batch2', 'bad-name': 'x' } },
        ]),
        GrpcStatus.INVALID_ARGUMENT,
        'entries[1].labels.bad-name',
      );
      await expectCode(
        c.pushLogBatch([{ line: 'x', labels: {} }]),
        GrpcStatus.INVALID_ARGUMENT,
        'entries[0].labels',
      );
      await expectCode(
        c.pushLogBatch([{ line: 'x'.repeat(256 * 1024 + 1), labels: { app: 'batch2' } }]),
        GrpcStatus.INVALID_ARGUMENT,
        'entries[0].line',
      );
      await expectCode(
        c.pushLog('x', { labels: { __name__: 'x' } }),
        GrpcStatus.INVALID_ARGUMENT,
        'entry.labels.__name__',
      );
      expect(await c.queryLogs('{app="batch2"}')).toEqual([]);
      await eventually(async () => expect(await c.queryLogs('{app="batch"}')).toHaveLength(3));
    });

    it('streams thousands of lines in one call from a generator', async () => {
      const c = tenant();
      const base = Date.now() - 10 * MIN;
      function* lines() {
        for (let i = 0; i < 5000; i++) {
          yield {
            line: `stream line ${i}`,
            labels: { app: 'shipper', shard: String(i % 4) },
            timestamp: base + i,
          };
        }
      }
      const result = await c.pushLogStream(lines(), { batchSize: 700 });
      expect(result).toMatchObject({ acceptedCount: 5000, rejectedCount: 0 });
      // Messages group lines by stream; refused entries are still reported by their place in the source.
      const mixed = await c.pushLogStream([
        { line: 'a', labels: { app: 'mixed', s: '1' } },
        { line: 'b', labels: { app: 'mixed', s: '2' } },
        { line: 'c', labels: { app: 'mixed', s: '1' } },
        { line: 'too old', labels: { app: 'mixed', s: '2' }, timestamp: Date.now() - 9 * 24 * 60 * MIN },
        { line: 'd', labels: { app: 'mixed', s: '1' } },
      ]);
      expect(mixed).toMatchObject({
        acceptedCount: 4,
        rejected: [{ index: 3, reason: expect.stringMatching(/too old/) }],
      });
      await eventually(async () => {
        const r = await c.query('sum(count_over_time({app="shipper"}[1h]))');
        expect(r!.vector[0]?.samples[0]?.value).toBe(5000);
      });
    });

    it('accepts entries out of order within the window, refuses those Loki refuses', async () => {
      const c = tenant();
      const now = Date.now();
      await c.pushLog('newest', { labels: { app: 'ooo' }, timestamp: now - 1000 });
      await c.pushLog('five minutes behind', { labels: { app: 'ooo' }, timestamp: now - 5 * MIN });
      const batch = await c.pushLogBatch([
        { line: 'a week and a day old', labels: { app: 'ooo' }, timestamp: now - 8 * 24 * 60 * MIN },
        { line: 'in between', labels: { app: 'ooo' }, timestamp: now - 2 * MIN },
      ]);
      expect(batch).toMatchObject({
        acceptedCount: 1,
        rejectedCount: 1,
        rejected: [{ index: 0, reason: expect.stringMatching(/too old/) }],
      });
      await expectCode(
        c.pushLog('from the far future', { labels: { app: 'ooo' }, timestamp: now + 60 * MIN }),
        GrpcStatus.OUT_OF_RANGE,
        'entry.timestamp',
      );
      const forward = await eventually(async () => {
        const r = await c.queryLogs('{app="ooo"}', { direction: 'forward' });
        expect(r).toHaveLength(3);
        return r!;
      });
      expect(forward.map((e) => e.line)).toEqual(['five minutes behind', 'in between', 'newest']);
    });

    it('ignores a pushed duplicate (same labels, timestamp and line)', async () => {
      const c = tenant();
      const timestamp = Date.now() - 2000;
      await c.pushLog('once', { labels: { app: 'dup' }, timestamp });
      const again = await c.pushLog('once', { labels: { app: 'dup' }, timestamp });
      if (target.features.duplicateCounts) expect(again).toMatchObject({ duplicate: true });
      await c.pushLog('once', { labels: { app: 'dup' }, timestamp: timestamp + 1 });
      await eventually(async () => expect(await c.queryLogs('{app="dup"}')).toHaveLength(2));
    });

    it('answers range queries with streams or a matrix, and instant queries with a vector', async () => {
      const c = tenant();
      const base = Math.floor((Date.now() - 10 * MIN) / MIN) * MIN;
      await c.pushLogBatch([
        { line: 'GET /a 200', labels: { app: 'web', level: 'info' }, timestamp: base + 1000 },
        { line: 'GET /b 500', labels: { app: 'web', level: 'error' }, timestamp: base + 2000 },
        { line: 'GET /c 200', labels: { app: 'web', level: 'info' }, timestamp: base + MIN + 1000 },
      ]);
      const streams = await eventually(async () => {
        const r = await c.queryRange('{app="web"} |= "GET"', new Date(base), new Date(base + 5 * MIN), {
          limit: 10,
        });
        expect(r!.resultType).toBe('streams');
        expect(r!.streams.flatMap((s) => s.entries)).toHaveLength(3);
        return r!;
      });
      expect(streams.streams.map((s) => s.labels.level).sort()).toEqual(['error', 'info']);
      const matrix = await c.queryRange(
        'sum by (level) (count_over_time({app="web"}[1m]))',
        new Date(base + MIN),
        new Date(base + 3 * MIN),
        {
          step: 60,
        },
      );
      expect(matrix!.resultType).toBe('matrix');
      expect(
        matrix!.matrix.map((s) => [s.metric, s.samples.map((x) => [x.timestamp.getTime() - base, x.value])]),
      ).toEqual([
        [{ level: 'error' }, [[MIN, 1]]],
        [
          { level: 'info' },
          [
            [MIN, 1],
            [2 * MIN, 1],
          ],
        ],
      ]);
      const vector = await c.query('sum by (level) (count_over_time({app="web"} |= "200" [1h]))');
      expect(vector!.vector.map((s) => [s.metric, s.samples[0]?.value])).toEqual([[{ level: 'info' }, 2]]);
      await expectCode(c.query('{app="web"}'), GrpcStatus.INVALID_ARGUMENT, 'query');
      await expectCode(c.queryLogs('count_over_time({app="web"}[1m])'), GrpcStatus.INVALID_ARGUMENT, 'query');
    });

    it('extracts json and logfmt fields and filters on them', async () => {
      const c = tenant();
      await c.pushLogBatch([
        { line: '{"status":200,"path":"/ok","latency":0.2}', labels: { app: 'json' } },
        { line: '{"status":503,"path":"/down","latency":3.5}', labels: { app: 'json' } },
        { line: 'status=404 path=/missing', labels: { app: 'logfmt' } },
      ]);
      await eventually(async () => {
        const slow = await c.queryLogs('{app="json"} | json | status >= 500 and latency > 1');
        expect(slow!.map((e) => [e.line, e.labels.path])).toEqual([
          ['{"status":503,"path":"/down","latency":3.5}', '/down'],
        ]);
      });
      const missing = await c.queryLogs('{app="logfmt"} | logfmt | path=~"/miss.*"');
      expect(missing!.map((e) => e.labels.status)).toEqual(['404']);
      const byStatus = await c.query('sum by (status) (count_over_time({app="json"} | json [1h]))');
      expect(byStatus!.vector.map((s) => s.metric.status)).toEqual(['200', '503']);
    });

    it('refuses malformed queries and bad parameters with INVALID_ARGUMENT', async () => {
      const c = tenant();
      await expectCode(c.queryLogs('{app="x"'), GrpcStatus.INVALID_ARGUMENT, 'query');
      await expectCode(c.queryLogs('{app=~".*"}'), GrpcStatus.INVALID_ARGUMENT, 'query');
      await expectCode(c.queryLogs('{app="x"}', { limit: 5001 }), GrpcStatus.INVALID_ARGUMENT, 'limit');
      await expectCode(
        c.queryLogs('{app="x"}', { startTime: until(), endTime: since() }),
        GrpcStatus.INVALID_ARGUMENT,
        'start',
      );
      await expectCode(c.getLabelValues('not a label'), GrpcStatus.INVALID_ARGUMENT, 'label_name');
      await expectCode(
        c.queryRange('count_over_time({app="x"}[1m])', since(), until(), { step: 0.0001 }),
        GrpcStatus.INVALID_ARGUMENT,
        'step',
      );
    });

    it('lists labels, values, streams (paged) and stats of the caller’s logs', async () => {
      const c = tenant();
      await c.pushLogBatch(
        ['a', 'b', 'c', 'd', 'e'].map((pod, i) => ({
          line: `line ${i}`.repeat(i + 1),
          labels: { app: 'pods', pod },
        })),
      );
      await eventually(async () => expect(await c.getLabelValues('pod')).toEqual(['a', 'b', 'c', 'd', 'e']));
      expect(await c.getLabels()).toEqual(expect.arrayContaining(['app', 'pod']));
      expect(await c.getLabelValues('pod', { query: '{pod=~"[ab]"}' })).toEqual(['a', 'b']);
      const first = await c.listStreams({ pageSize: 2, selector: '{app="pods"}' });
      expect(first).toMatchObject({
        totalCount: 5,
        streams: [
          { labels: expect.objectContaining({ pod: 'a' }) },
          { labels: expect.objectContaining({ pod: 'b' }) },
        ],
      });
      const second = await c.listStreams({
        pageSize: 2,
        selector: '{app="pods"}',
        pageToken: first!.nextPageToken,
      });
      const third = await c.listStreams({
        pageSize: 2,
        selector: '{app="pods"}',
        pageToken: second!.nextPageToken,
      });
      expect([...first!.streams, ...second!.streams, ...third!.streams].map((s) => s.labels.pod)).toEqual([
        'a',
        'b',
        'c',
        'd',
        'e',
      ]);
      expect(third!.nextPageToken).toBe('');
      const info = await c.getStreamInfo(second!.streams[0]!.streamId);
      expect(info).toMatchObject({
        labels: expect.objectContaining({ pod: 'c' }),
        entryCount: 1,
        bytes: 'line 2'.length * 3,
      });
      if (target.features.streamTimes) expect(info!.firstEntryAt).toBeInstanceOf(Date);
      await expectCode(c.getStreamInfo('{app="pods", pod="zz"}'), GrpcStatus.NOT_FOUND);
      await expectCode(c.getStreamInfo('app=pods'), GrpcStatus.INVALID_ARGUMENT, 'stream_id');
      await expectCode(c.listStreams({ pageToken: 'bogus' }), GrpcStatus.INVALID_ARGUMENT, 'page_token');
      expect(await c.queryStats('{app="pods", pod=~"[abc]"}')).toMatchObject({ streams: 3, entries: 3 });
      expect(await c.validateLabels({ app: 'ok', '9lives': 'x' })).toEqual({
        valid: false,
        violations: [{ label: '9lives', rule: expect.stringMatching(/must match/) }],
      });
    });

    it('deletes one stream exactly, or what a selector with line filters matches', async () => {
      const c = tenant();
      await c.pushLogBatch([
        { line: 'keep', labels: { app: 'del' } },
        { line: 'remove me', labels: { app: 'del' } },
        { line: 'superset', labels: { app: 'del', pod: '1' } },
        { line: 'whole stream', labels: { app: 'del', pod: '2' } },
      ]);
      await eventually(async () => expect(await c.queryLogs('{app="del"}')).toHaveLength(4));
      const byQuery = await c.deleteLogs('{app="del"} |= "remove"');
      const byStream = await c.deleteStream('{app="del", pod="2"}');
      if (target.features.immediateDelete) {
        expect(byQuery).toEqual({ deletedEntries: 1, pending: false });
        expect(byStream).toEqual({ deletedEntries: 1, pending: false });
      } else {
        expect(byQuery).toMatchObject({ pending: true });
        expect(byStream).toMatchObject({ pending: true });
      }
      await eventually(async () => {
        const left = await c.queryLogs('{app="del"}', { direction: 'forward' });
        expect(left!.map((e) => e.line)).toEqual(['keep', 'superset']);
      }, 30_000);
      await expectCode(c.deleteLogs('{app="del"} | json'), GrpcStatus.INVALID_ARGUMENT, 'query');
    });

    it('tails: recent entries, then new ones as they arrive', async () => {
      const c = tenant();
      await c.pushLog('before the tail', { labels: { app: 'tail' } });
      await eventually(async () => expect(await c.queryLogs('{app="tail"}')).toHaveLength(1));
      const controller = new AbortController();
      const seen: string[] = [];
      const done = (async () => {
        for await (const e of c.tailLogs('{app="tail"} != "noise"', {
          limit: 10,
          signal: controller.signal,
        })) {
          seen.push(e.line);
          if (seen.length === 3) controller.abort();
        }
      })();
      await eventually(async () => expect(seen).toEqual(['before the tail']));
      await c.pushLog('noise', { labels: { app: 'tail' } });
      await c.pushLog('live 1', { labels: { app: 'tail' } });
      await c.pushLog('live 2', { labels: { app: 'tail' } });
      await done;
      expect(seen).toEqual(['before the tail', 'live 1', 'live 2']);
      const refused = async (q: string, opts: Parameters<LokiClient['tailLogs']>[1]) => {
        for await (const _ of c.tailLogs(q, opts)) {
          // no entries expected
        }
      };
      await expectCode(refused('{app="tail"}', { delayFor: 6 }), GrpcStatus.INVALID_ARGUMENT, 'delay_for');
      await expectCode(
        refused('count_over_time({app="tail"}[1m])', {}),
        GrpcStatus.INVALID_ARGUMENT,
        'query',
      );
    });

    it('exports a query result as NDJSON into the caller’s own bucket', async () => {
      const userId = uniqueUser('export');
      const c = stack.client('loki', { userId, throwOnError: true });
      const storage: MinIOClient = stack.client('minio', { userId, throwOnError: true });
      const bucket = `exports-${randomBytes(3).toString('hex')}`;
      await storage.createBucket(bucket);
      const base = Date.now() - 20 * MIN;
      await c.pushLogStream(
        Array.from({ length: 3000 }, (_, i) => ({
          line: `entry ${i}`,
          labels: { app: 'exp', half: String(i % 2) },
          timestamp: base + i,
        })),
      );
      await eventually(async () =>
        expect((await c.query('sum(count_over_time({app="exp"}[1h]))'))!.vector[0]?.samples[0]?.value).toBe(
          3000,
        ),
      );
      const progress: number[] = [];
      const result = await c.exportLogs(
        '{app="exp"} |= "entry"',
        new Date(base),
        until(),
        bucket,
        'logs/exp.ndjson',
        {
          onProgress: (p) => progress.push(p.exportedEntries),
        },
      );
      expect(result).toMatchObject({
        complete: true,
        exportedEntries: 3000,
        bucketName: bucket,
        objectKey: 'logs/exp.ndjson',
      });
      expect(progress[0]).toBe(0);
      const object = await storage.getObject(bucket, 'logs/exp.ndjson');
      const rows = object!
        .toString('utf8')
        .trimEnd()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              line: string;
              labels: Record<string, string>;
              timestamp_ns: string;
              timestamp: string;
            },
        );
      expect(rows).toHaveLength(3000);
      expect(rows[0]).toMatchObject({
        line: 'entry 0',
        labels: expect.objectContaining({ app: 'exp', half: '0' }),
        timestamp_ns: String(BigInt(base) * 1_000_000n),
      });
      expect(rows.at(-1)!.line).toBe('entry 2999');
      expect(result!.exportedBytes).toBe(object!.length);
      expect(await c.getExportStatus(result!.exportId)).toMatchObject({
        state: 'completed',
        exportedEntries: 3000,
        bucketName: bucket,
      });
      await expectCode(
        c.exportLogs('{app="exp"}', new Date(base), until(), 'no-such-bucket', 'x.ndjson'),
        GrpcStatus.NOT_FOUND,
      );
      await expectCode(
        c.exportLogs('{app="exp"}', new Date(base), until(), bucket, '../escape'),
        GrpcStatus.INVALID_ARGUMENT,
        'object_key',
      );
      await expectCode(c.getExportStatus('no-such-export'), GrpcStatus.NOT_FOUND);
    });

    it('reports statistics and the quota of the caller', async () => {
      const c = tenant();
      await c.pushSimpleLog('a', 'svc1', { level: 'ERROR' });
      await c.pushSimpleLog('bb', 'svc1', { level: 'INFO' });
      await c.pushSimpleLog('ccc', 'svc2', { level: 'INFO' });
      const stats = await eventually(async () => {
        const s = await c.getStatistics();
        expect(s!.totalEntries).toBe(3);
        return s!;
      });
      expect(stats).toMatchObject({
        totalBytes: 6,
        streamsCount: 3,
        entriesByLevel: { error: 1, info: 2 },
        entriesByService: { svc1: 2, svc2: 1 },
        ingestion: [{ date: new Date().toISOString().slice(0, 10), entries: 3, bytes: 6 }],
        quota: { todayBytesUsed: 6, todayEntries: 3, quotaExceeded: false, retentionSeconds: 720 * 3600 },
      });
      expect(await c.getUserQuota()).toMatchObject({ todayBytesUsed: 6, dailyBytesLimit: 10 * 1024 ** 3 });
    });
  });
}
