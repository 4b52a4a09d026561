import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { streamId } from './labels.js';
import type { LogRecord, PushEntry, RangeResult, SeriesResult } from './store.js';
import { DuckLogStore, type DuckStoreOptions } from './store-duckdb.js';
import { NS_PER_DAY, NS_PER_HOUR, NS_PER_SECOND } from './time.js';

const S = NS_PER_SECOND;
/** The store's clock in these tests: 2025-03-01T12:00:00Z. */
const NOW = 1_740_830_400n * S;
const dir = mkdtempSync(join(tmpdir(), 'loki-store-'));
let fileNo = 0;

function options(overrides: Partial<DuckStoreOptions> = {}): DuckStoreOptions {
  return {
    file: join(dir, `store-${fileNo++}.duckdb`),
    retentionNs: 30n * NS_PER_DAY,
    rules: { maxAgeNs: 7n * NS_PER_DAY, gracePeriodNs: 600n * S, outOfOrderWindowNs: NS_PER_HOUR },
    maxEntriesLimit: 5000,
    maxSeries: 500,
    maxPoints: 11_000,
    readers: 2,
    logger: pino({ level: 'silent' }),
    now: () => NOW,
    ...overrides,
  };
}

let index = 0;
function entry(labels: Record<string, string>, line: string, tsNs: bigint): PushEntry {
  return { index: index++, tsNs, line, labels, stream: streamId(labels), bytes: Buffer.byteLength(line) };
}

const at = (secondsBeforeNow: number) => NOW - BigInt(secondsBeforeNow) * S;
const hourAgo = { startNs: NOW - NS_PER_HOUR, endNs: NOW + S };

function lines(result: RangeResult): string[] {
  if (result.type !== 'streams') throw new Error('expected streams');
  return result.streams.flatMap((s) => s.entries.map((e) => e.line)).sort();
}

function matrix(result: RangeResult): SeriesResult[] {
  if (result.type !== 'matrix') throw new Error('expected a matrix');
  return result.series;
}

async function refusal(promise: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code: number; message: string };
  }
  throw new Error('expected a refusal');
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('embedded log store: LogQL', () => {
  let store: DuckLogStore;
  const T = 'org.alice';
  const query = (q: string, extra: Partial<Parameters<DuckLogStore['queryRange']>[2]> = {}) =>
    store.queryRange(T, q, { ...hourAgo, stepNs: 60n * S, limit: 1000, direction: 'backward', ...extra });

  beforeAll(async () => {
    store = await DuckLogStore.open(options());
    await store.push(T, [
      entry(
        { app: 'api', env: 'prod' },
        '{"level":"info","status":200,"msg":"GET /a","took":"1.5"}',
        at(600),
      ),
      entry({ app: 'api', env: 'prod' }, '{"level":"error","status":500,"msg":"GET /b failed"}', at(500)),
      entry({ app: 'api', env: 'dev' }, '{"level":"warn","status":404,"msg":"GET /c"}', at(400)),
      entry({ app: 'api' }, 'level=info status=201 msg="POST /d" took=abc', at(300)),
      entry({ app: 'apigw', env: 'prod' }, 'plain text line about api', at(200)),
      entry({ app: 'web', level: 'info' }, '{"level":"debug","user":{"id":"u1","name":"Ann"}}', at(100)),
    ]);
  });
  afterAll(() => store.close());

  it('matches selectors exactly, anchoring regexes and treating absent labels as ""', async () => {
    expect(lines(await query('{app="api"}'))).toHaveLength(4);
    expect(lines(await query('{app=~"api"}'))).toHaveLength(4); // anchored: not apigw
    expect(lines(await query('{app=~"api.*"}'))).toHaveLength(5);
    expect(lines(await query('{app=~"(?i)API"}'))).toHaveLength(4);
    expect(lines(await query('{app="api", env!="prod"}'))).toHaveLength(2); // dev and no env
    expect(lines(await query('{app="api", env=""}'))).toEqual([
      'level=info status=201 msg="POST /d" took=abc',
    ]);
    expect(lines(await query('{app=~".+", env!~"prod|dev"}'))).toHaveLength(2);
    expect(lines(await query('{app="nope"}'))).toEqual([]);
  });

  it('applies line filters in any combination', async () => {
    expect(lines(await query('{app=~".+"} |= "GET"'))).toHaveLength(3);
    expect(lines(await query('{app=~".+"} |= "GET" != "failed"'))).toHaveLength(2);
    expect(lines(await query('{app=~".+"} |~ "status.:?5\\\\d\\\\d"'))).toEqual([
      '{"level":"error","status":500,"msg":"GET /b failed"}',
    ]);
    expect(lines(await query('{app=~".+"} !~ "^\\\\{"'))).toHaveLength(2);
    expect(lines(await query('{app=~".+"} |= ""'))).toHaveLength(6);
  });

  it('filters on json and logfmt fields with Loki’s string and number rules', async () => {
    expect(lines(await query('{app="api"} | json | status >= 400'))).toHaveLength(2);
    expect(lines(await query('{app="api"} | json | level="error" or status=404'))).toHaveLength(2);
    expect(lines(await query('{app="api"} | json | msg=~"GET /[ab].*"'))).toHaveLength(2);
    expect(lines(await query('{app="api"} | logfmt | status == 201'))).toHaveLength(1);
    // A missing label fails a numeric filter …
    expect(lines(await query('{app="api", env="prod"} | json | took > 1'))).toHaveLength(1);
    // … a value that is not a number passes it, flagged with __error__ (Loki's LabelFilterErr).
    const flagged = await query('{app="api", env=""} | logfmt | took > 1');
    expect(flagged.type === 'streams' && flagged.streams[0]?.labels).toMatchObject({
      took: 'abc',
      __error__: 'LabelFilterErr',
      __error_details__: 'strconv.ParseFloat: parsing "abc": invalid syntax',
    });
    expect(lines(await query('{app="api", env=""} | logfmt | took > 1 | __error__=""'))).toEqual([]);
  });

  it('returns extracted labels in the result streams, renaming clashes to _extracted', async () => {
    const r = await query('{app="web"} | json');
    expect(r.type === 'streams' && r.streams.map((s) => s.labels)).toEqual([
      { app: 'web', level: 'info', level_extracted: 'debug', user_id: 'u1', user_name: 'Ann' },
    ]);
    const errors = await query('{app="apigw"} | json');
    expect(errors.type === 'streams' && errors.streams[0]?.labels).toMatchObject({
      __error__: 'JSONParserErr',
      app: 'apigw',
    });
  });

  it('orders and limits entries across streams in the requested direction, over [start, end)', async () => {
    const backward = await query('{app=~".+"}', { limit: 2 });
    expect(
      backward.type === 'streams' && backward.streams.flatMap((s) => s.entries.map((e) => e.tsNs)),
    ).toEqual([at(100), at(200)]);
    const forward = await query('{app=~".+"}', { limit: 1, direction: 'forward' });
    expect(forward.type === 'streams' && forward.streams[0]?.entries[0]?.tsNs).toBe(at(600));
    const window = await query('{app=~".+"}', { startNs: at(500), endNs: at(300) });
    expect(lines(window)).toHaveLength(2); // at(500) included, at(300) excluded
  });

  it('evaluates count_over_time over (t - range, t] at every step', async () => {
    // Steps at -600s, -500s, ..., -100s with a 100s range: each step sees the entry exactly at it.
    const r = matrix(
      await query('count_over_time({app=~".+"}[100s])', {
        startNs: at(600),
        endNs: at(100),
        stepNs: 100n * S,
      }),
    );
    expect(
      r.map((s) => [streamId(s.metric), s.samples.map((x) => [Number((NOW - x.tsNs) / S), x.value])]),
    ).toEqual([
      ['{app="api"}', [[300, 1]]],
      ['{app="api", env="dev"}', [[400, 1]]],
      [
        '{app="api", env="prod"}',
        [
          [600, 1],
          [500, 1],
        ],
      ],
      ['{app="apigw", env="prod"}', [[200, 1]]],
      ['{app="web", level="info"}', [[100, 1]]],
    ]);
  });

  it('computes rate, bytes_over_time, bytes_rate and vector aggregations', async () => {
    const instant = (q: string) =>
      store.queryInstant(T, q, { timeNs: NOW, limit: 100, direction: 'backward' });
    expect(await instant('sum(count_over_time({app=~".+"}[1h]))')).toEqual([
      { metric: {}, samples: [{ tsNs: NOW, value: 6 }] },
    ]);
    expect((await instant('sum(rate({app=~".+"}[10m]))'))[0]?.samples[0]?.value).toBeCloseTo(6 / 600);
    const bytes = [
      '{"level":"info","status":200,"msg":"GET /a","took":"1.5"}',
      '{"level":"error","status":500,"msg":"GET /b failed"}',
    ].reduce((n, l) => n + Buffer.byteLength(l), 0);
    expect((await instant('sum(bytes_over_time({app="api", env="prod"}[1h]))'))[0]?.samples[0]?.value).toBe(
      bytes,
    );
    expect((await instant('bytes_rate({app="api", env="prod"}[1h])'))[0]?.samples[0]?.value).toBeCloseTo(
      bytes / 3600,
    );
    expect(await instant('sum by (env) (count_over_time({app=~"api.*"}[1h]))')).toEqual([
      { metric: {}, samples: [{ tsNs: NOW, value: 1 }] },
      { metric: { env: 'dev' }, samples: [{ tsNs: NOW, value: 1 }] },
      { metric: { env: 'prod' }, samples: [{ tsNs: NOW, value: 3 }] },
    ]);
    expect(
      (await instant('sum without (env) (count_over_time({app=~"api.*"}[1h]))')).map((s) => [
        s.metric,
        s.samples[0]?.value,
      ]),
    ).toEqual([
      [{ app: 'api' }, 4],
      [{ app: 'apigw' }, 1],
    ]);
    expect((await instant('max(count_over_time({app=~".+"}[1h]))'))[0]?.samples[0]?.value).toBe(2);
    expect((await instant('min(count_over_time({app=~".+"}[1h]))'))[0]?.samples[0]?.value).toBe(1);
    expect((await instant('avg(count_over_time({app=~".+"}[1h]))'))[0]?.samples[0]?.value).toBe(1.2);
    expect((await instant('count(count_over_time({app=~".+"}[1h]))'))[0]?.samples[0]?.value).toBe(5);
    expect(
      (await instant('count(sum by (app) (count_over_time({app=~".+"}[1h])))'))[0]?.samples[0]?.value,
    ).toBe(3);
    expect(
      (await instant('sum by (level) (count_over_time({app="api"} | json | __error__="" [1h]))')).map((s) => [
        s.metric,
        s.samples[0]?.value,
      ]),
    ).toEqual([
      // The logfmt line is not JSON: __error__="" drops it instead of failing the query.
      [{ level: 'error' }, 1],
      [{ level: 'info' }, 1],
      [{ level: 'warn' }, 1],
    ]);
  });

  it('fails a metric query whose pipeline flagged an error, as Loki does', async () => {
    const err = await refusal(
      store.queryInstant(T, 'sum(count_over_time({app="api"} | json [1h]))', {
        timeNs: NOW,
        limit: 1,
        direction: 'backward',
      }),
    );
    expect(err).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect(err.message).toMatch(
      /pipeline error: 'JSONParserErr' for series: '\{__error__="JSONParserErr".*app="api"\}'/,
    );
    expect(err.message).toMatch(/__error__!="JSONParserErr"/);
  });

  it('refuses log queries as instant queries and bad regexes, empty-compatible selectors and limits', async () => {
    const instant = (q: string) => store.queryInstant(T, q, { timeNs: NOW, limit: 1, direction: 'backward' });
    expect((await refusal(instant('{app="api"}'))).message).toMatch(
      /log queries are not supported as an instant query type/,
    );
    expect((await refusal(query('{app=~"("}'))).message).toMatch(
      /invalid regular expression in matcher app=~ "\(": missing \)/,
    );
    expect((await refusal(query('{app="api"} |~ "["'))).message).toMatch(
      /invalid regular expression in line filter \|~/,
    );
    for (const q of ['{app=~".*"}', '{app!="x"}', '{app=""}', '{app=~"a*"}']) {
      expect((await refusal(query(q))).message, q).toMatch(
        /at least one regexp or equality matcher that does not have an empty-compatible value/,
      );
    }
    expect((await refusal(query('{app="api"}', { limit: 5001 }))).message).toMatch(
      /max entries limit per query exceeded/,
    );
    expect(
      (
        await refusal(
          query('count_over_time({app="api"}[1m])', { startNs: NOW - 12_000n * S, endNs: NOW, stepNs: S }),
        )
      ).message,
    ).toMatch(/exceeded maximum resolution of 11,000 points per timeseries/);
  });

  it('stops at the series limit', async () => {
    const small = await DuckLogStore.open(options({ maxSeries: 2 }));
    try {
      await small.push(
        T,
        ['a', 'b', 'c'].map((v) => entry({ job: 'x', v }, 'l', at(10))),
      );
      const err = await refusal(
        small.queryInstant(T, 'count_over_time({job="x"}[1m])', {
          timeNs: NOW,
          limit: 1,
          direction: 'backward',
        }),
      );
      expect(err.message).toMatch(/maximum number of series \(2\) reached for a single query/);
      expect(
        await small.queryInstant(T, 'sum(count_over_time({job="x"}[1m]))', {
          timeNs: NOW,
          limit: 1,
          direction: 'backward',
        }),
      ).toHaveLength(1);
    } finally {
      await small.close();
    }
  });

  it('answers label names, values, streams and index stats of the caller only', async () => {
    expect(await store.labelNames(T, hourAgo)).toEqual(['app', 'env', 'level']);
    expect(await store.labelValues(T, 'app', hourAgo)).toEqual(['api', 'apigw', 'web']);
    expect(await store.labelValues(T, 'env', { ...hourAgo, selector: '{app="api"}' })).toEqual([
      'dev',
      'prod',
    ]);
    expect(await store.labelNames('org.bob', hourAgo)).toEqual([]);
    // Only streams with entries in the range count.
    expect(await store.labelValues(T, 'app', { startNs: at(150), endNs: NOW })).toEqual(['web']);
    expect(await store.labelNames(T, { startNs: NOW - 2n * NS_PER_HOUR, endNs: NOW - NS_PER_HOUR })).toEqual(
      [],
    );
    const streams = await store.streams(T, { ...hourAgo, selector: '{app="api", env="prod"}' });
    expect(streams).toEqual([
      expect.objectContaining({
        id: '{app="api", env="prod"}',
        entries: 2,
        firstNs: at(600),
        lastNs: at(500),
      }),
    ]);
    expect(await store.indexStats(T, '{app=~"api.*"}', hourAgo)).toMatchObject({ streams: 4, entries: 5 });
  });

  it('never lets label values or regexes change the SQL (they are parameters)', async () => {
    for (const q of [
      `{app="x' OR '1'='1"}`,
      `{app="api\\"} OR 1=1 --"}`,
      `{app=~"x' OR true OR 'y"}`,
      `{app="api"} |= "') OR true --"`,
      `{app="api"} | json | msg="x' OR 'a'='a"`,
    ]) {
      expect(lines(await query(q)), q).toEqual([]);
    }
    expect(lines(await query('{app="api"}'))).toHaveLength(4);
    expect((await refusal(query(`{app=~"x') OR true OR ('"}`))).code).toBe(GrpcStatus.INVALID_ARGUMENT);
  });
});

/** A brute-force evaluation of count_over_time by (level) — the reference the compiled SQL must match. */
function reference(
  entries: Array<{ level: string; tsNs: bigint }>,
  startNs: bigint,
  endNs: bigint,
  stepNs: bigint,
  rangeNs: bigint,
): Map<string, Array<[bigint, number]>> {
  const out = new Map<string, Array<[bigint, number]>>();
  for (let t = startNs; t <= endNs; t += stepNs) {
    const counts = new Map<string, number>();
    for (const e of entries)
      if (e.tsNs > t - rangeNs && e.tsNs <= t) counts.set(e.level, (counts.get(e.level) ?? 0) + 1);
    for (const [level, n] of counts) {
      const series = out.get(level) ?? [];
      series.push([t - (t % 1_000_000n), n]);
      out.set(level, series);
    }
  }
  return out;
}

describe('embedded log store: metric windows match a brute-force evaluation', () => {
  it('for random entries, steps and ranges', async () => {
    const store = await DuckLogStore.open(options());
    try {
      const base = NOW - 3600n * S;
      let scope = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              level: fc.constantFrom('a', 'b', 'c'),
              offsetMs: fc.integer({ min: 0, max: 120_000 }),
            }),
            {
              minLength: 1,
              maxLength: 40,
            },
          ),
          fc.integer({ min: 0, max: 60_000 }),
          fc.integer({ min: 10, max: 60_000 }),
          fc.integer({ min: 1, max: 90_000 }),
          async (raw, startMs, stepMs, rangeMs) => {
            const tenant = `org.p${scope++}`;
            const entries = raw.map((r, i) => ({
              level: r.level,
              tsNs: base + BigInt(r.offsetMs) * 1_000_000n + BigInt(i),
            }));
            await store.push(
              tenant,
              entries.map((e, i) => entry({ job: 'p', level: e.level }, `line ${i}`, e.tsNs)),
            );
            const startNs = base + BigInt(startMs) * 1_000_000n;
            const endNs = startNs + 60_000n * 1_000_000n;
            const stepNs = BigInt(stepMs) * 1_000_000n;
            const rangeNs = BigInt(rangeMs) * 1_000_000n;
            const result = await store.queryRange(
              tenant,
              `sum by (level) (count_over_time({job="p"}[${rangeMs}ms]))`,
              {
                startNs,
                endNs,
                stepNs,
                limit: 100,
                direction: 'backward',
              },
            );
            const got = new Map(
              matrix(result).map((s) => [
                s.metric.level ?? '',
                s.samples.map((x) => [x.tsNs, x.value] as [bigint, number]),
              ]),
            );
            expect(got).toEqual(reference(entries, startNs, endNs, stepNs, rangeNs));
          },
        ),
        { numRuns: 40 },
      );
    } finally {
      await store.close();
    }
  });
});

describe('embedded log store: ingestion', () => {
  const T = 'org.ingest';

  it('accepts out-of-order entries within the window and refuses what Loki refuses', async () => {
    const store = await DuckLogStore.open(options());
    try {
      const s = { app: 'ooo' };
      expect(
        await store.push(T, [entry(s, 'newest', at(60)), entry(s, 'older, within an hour', at(1800))]),
      ).toMatchObject({
        accepted: 2,
        rejected: [],
      });
      const outcome = await store.push(T, [
        entry(s, 'two hours behind', at(7260)),
        entry(s, 'from next week', NOW + 7n * NS_PER_DAY),
        entry(s, 'from last month', NOW - 8n * NS_PER_DAY),
        entry(s, 'fine', at(30)),
      ]);
      expect(outcome.accepted).toBe(1);
      expect(outcome.rejected.map((r) => r.reason)).toEqual([
        expect.stringMatching(
          /^entry too far behind, entry timestamp is: 2025-03-01T09:59:00\.000000000Z, oldest acceptable timestamp is: 2025-03-01T10:59:00/,
        ),
        expect.stringMatching(/^entry for stream '\{app="ooo"\}' has timestamp too new: 2025-03-08/),
        expect.stringMatching(
          /^entry for stream '\{app="ooo"\}' has timestamp too old: 2025-02-21.*oldest acceptable timestamp is: 2025-02-22/,
        ),
      ]);
      // The window follows the newest entry of each stream, not of the tenant.
      expect(
        (await store.push(T, [entry({ app: 'other' }, 'old but first of its stream', at(6 * 86_400))]))
          .accepted,
      ).toBe(1);
      const r = await store.queryRange(T, '{app="ooo"}', {
        startNs: NOW - 86_400n * S,
        endNs: NOW,
        stepNs: S,
        limit: 10,
        direction: 'forward',
      });
      expect(r.type === 'streams' && r.streams[0]?.entries.map((e) => e.line)).toEqual([
        'older, within an hour',
        'newest',
        'fine',
      ]);
    } finally {
      await store.close();
    }
  });

  it('ignores duplicates (same stream, timestamp and line), within a push and across pushes', async () => {
    const store = await DuckLogStore.open(options());
    try {
      const ts = at(10);
      const first = await store.push(T, [
        entry({ a: '1' }, 'x', ts),
        entry({ a: '1' }, 'x', ts),
        entry({ a: '1' }, 'y', ts),
      ]);
      expect(first).toMatchObject({ accepted: 2, duplicates: 1, duplicateBytes: 1 });
      const again = await store.push(T, [
        entry({ a: '1' }, 'x', ts),
        entry({ a: '2' }, 'x', ts),
        entry({ a: '1' }, 'x', ts + 1n),
      ]);
      expect(again).toMatchObject({ accepted: 2, duplicates: 1, acceptedBytes: 2 });
      expect((await store.indexStats(T, '{a=~".+"}', hourAgo)).entries).toBe(4);
    } finally {
      await store.close();
    }
  });

  it('keeps everything across a restart, including each stream’s newest entry for the window', async () => {
    const opts = options();
    const first = await DuckLogStore.open(opts);
    await first.push(T, [entry({ app: 'keep' }, 'stored', at(10))]);
    await first.close();
    const second = await DuckLogStore.open(opts);
    try {
      expect(
        lines(
          await second.queryRange(T, '{app="keep"}', {
            ...hourAgo,
            stepNs: S,
            limit: 10,
            direction: 'backward',
          }),
        ),
      ).toEqual(['stored']);
      const outcome = await second.push(T, [entry({ app: 'keep' }, 'too far behind', at(7200))]);
      expect(outcome.rejected).toHaveLength(1);
      expect((await second.push(T, [entry({ app: 'keep' }, 'stored', at(10))])).duplicates).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('hides entries past the retention period and sweeps them away', async () => {
    const clock = { now: NOW };
    const store = await DuckLogStore.open(options({ retentionNs: NS_PER_HOUR, now: () => clock.now }));
    try {
      await store.push(T, [entry({ app: 'ret' }, 'old', at(3000)), entry({ app: 'ret' }, 'new', at(60))]);
      const all = {
        startNs: NOW - NS_PER_DAY,
        endNs: NOW + S,
        stepNs: S,
        limit: 10,
        direction: 'backward' as const,
      };
      expect(lines(await store.queryRange(T, '{app="ret"}', all))).toEqual(['new', 'old']);
      clock.now = NOW + 1200n * S; // "old" is now 70 minutes old
      expect(lines(await store.queryRange(T, '{app="ret"}', all))).toEqual(['new']);
      expect(
        await store.queryInstant(T, 'count_over_time({app="ret"}[1d])', {
          timeNs: clock.now,
          limit: 1,
          direction: 'backward',
        }),
      ).toEqual([{ metric: { app: 'ret' }, samples: [{ tsNs: clock.now, value: 1 }] }]);
      expect(await store.sweep()).toEqual({ deletedEntries: 1, deletedStreams: 0 });
      clock.now = NOW + 2n * NS_PER_HOUR;
      expect(await store.sweep()).toEqual({ deletedEntries: 1, deletedStreams: 1 });
      expect(await store.streams(T, { startNs: 0n, endNs: clock.now })).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('deletes what a selector with line filters matches, or exactly one stream', async () => {
    const store = await DuckLogStore.open(options());
    try {
      await store.push(T, [
        entry({ app: 'd' }, 'keep me', at(30)),
        entry({ app: 'd' }, 'drop me', at(20)),
        entry({ app: 'd', pod: '1' }, 'superset stream', at(10)),
      ]);
      await store.push('org.neighbour', [entry({ app: 'd' }, 'drop me', at(20))]);
      expect(await store.delete(T, { kind: 'query', query: '{app="d"} |= "drop"' }, hourAgo)).toEqual({
        deleted: 1,
      });
      expect(await store.delete(T, { kind: 'stream', labels: { app: 'd' } }, hourAgo)).toEqual({
        deleted: 1,
      });
      expect(
        lines(
          await store.queryRange(T, '{app="d"}', { ...hourAgo, stepNs: S, limit: 10, direction: 'backward' }),
        ),
      ).toEqual(['superset stream']);
      expect(
        lines(
          await store.queryRange('org.neighbour', '{app="d"}', {
            ...hourAgo,
            stepNs: S,
            limit: 10,
            direction: 'backward',
          }),
        ),
      ).toEqual(['drop me']);
      expect(
        (await refusal(store.delete(T, { kind: 'query', query: '{app="d"} | json' }, hourAgo))).message,
      ).toMatch(/a delete takes a stream selector with optional line filters/);
    } finally {
      await store.close();
    }
  });
});

describe('embedded log store: scan and tail', () => {
  it('holds new entries back for delay_for before sending them', async () => {
    const store = await DuckLogStore.open(options());
    try {
      const controller = new AbortController();
      const tail = store.tail('org.delay', '{app="d"}', {
        startNs: NOW - NS_PER_HOUR,
        limit: 0,
        delayNs: 400_000_000n,
        signal: controller.signal,
      });
      const first = tail[Symbol.asyncIterator]().next();
      await new Promise((r) => setTimeout(r, 50));
      const pushed = performance.now();
      await store.push('org.delay', [entry({ app: 'd' }, 'late', at(1))]);
      const { value } = await first;
      expect(performance.now() - pushed).toBeGreaterThanOrEqual(380);
      expect((value as LogRecord[]).map((r) => r.line)).toEqual(['late']);
      controller.abort();
    } finally {
      await store.close();
    }
  });

  it('scans every entry in order, across pages', async () => {
    const store = await DuckLogStore.open(options());
    try {
      const n = 4500;
      const batch = Array.from({ length: n }, (_, i) =>
        entry({ app: 'scan' }, `line ${i}`, at(3000) + BigInt(i) * 1_000_000n),
      );
      await store.push('org.scan', batch);
      const seen: LogRecord[] = [];
      for await (const page of store.scan('org.scan', '{app="scan"}', { ...hourAgo, direction: 'forward' }))
        seen.push(...page);
      expect(seen).toHaveLength(n);
      expect(seen.map((r) => r.line)).toEqual(batch.map((e) => e.line));
      expect(seen[0]?.labels).toEqual({ app: 'scan' });
    } finally {
      await store.close();
    }
  });

  it('tails: recent entries first, then new ones as they are committed, until aborted', async () => {
    const clock = { now: NOW };
    const store = await DuckLogStore.open(options({ now: () => clock.now }));
    try {
      await store.push(
        'org.tail',
        [1, 2, 3].map((i) => entry({ app: 't' }, `old ${i}`, at(100 - i))),
      );
      const controller = new AbortController();
      const got: string[] = [];
      const tail = (async () => {
        for await (const batch of store.tail('org.tail', '{app="t"} != "skip"', {
          startNs: NOW - NS_PER_HOUR,
          limit: 2,
          delayNs: 0n,
          signal: controller.signal,
        })) {
          got.push(...batch.map((r) => r.line));
          if (got.length >= 4) controller.abort();
        }
      })();
      await new Promise((r) => setTimeout(r, 100));
      await store.push('org.other', [entry({ app: 't' }, 'another tenant', at(1))]);
      await store.push('org.tail', [
        entry({ app: 't' }, 'skip this', at(2)),
        entry({ app: 't' }, 'new 1', at(1)),
      ]);
      await store.push('org.tail', [entry({ app: 't' }, 'new 2', at(0))]);
      await tail;
      expect(got).toEqual(['old 2', 'old 3', 'new 1', 'new 2']);
      expect(store.hub.waiting).toBe(0);
    } finally {
      await store.close();
    }
  });
});
