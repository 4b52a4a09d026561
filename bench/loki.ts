/**
 * Log service benchmarks on the embedded store (DuckDB), each against DuckDB used directly in the same run:
 *  - push throughput: N lines through LokiClient.pushLogStream (client stream) into the service, vs the
 *    same rows appended with DuckDB's Appender into the same schema in this process;
 *  - pushLog latency: one line per unary call;
 *  - a range query over the N lines, `sum by (level) (count_over_time({job="bench"}[1m]))` every minute,
 *    through LokiClient.queryRange vs the equivalent SQL run directly on the directly-loaded database.
 *   npx tsx bench/loki.ts [--lines 1000000] [--batch 2000] [--runs 5]
 */
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { LokiClient } from '@isa-cloud/sdk';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '5' },
  },
});
const LINES = Number(values.lines);
const BATCH = Number(values.batch);
const RUNS = Number(values.runs);
const LEVELS = ['debug', 'info', 'warn', 'error'];
const HOSTS = ['h0', 'h1', 'h2', 'h3', 'h4'];
const NS_PER_MS = 1_000_000n;
const MINUTE_NS = 60_000n * NS_PER_MS;

// N lines spread evenly over the last two hours (inside Loki's default one-hour out-of-order window
// and one-week age limit), in time order.
const endNs = BigInt(Date.now() - 60_000) * NS_PER_MS;
const spanNs = 2n * 60n * MINUTE_NS;
const startNs = endNs - spanNs;
const stepNs = spanNs / BigInt(LINES);

function row(i: number) {
  const level = LEVELS[i % 4]!;
  const host = HOSTS[Math.floor(i / 4) % 5]!;
  return {
    tsNs: startNs + BigInt(i) * stepNs,
    level,
    host,
    line: `level=${level} msg="request ${i}" path=/api/items/${i % 1000} status=${i % 17 === 0 ? 500 : 200} duration=${i % 250}ms`,
  };
}

const root = join(tmpdir(), `isa-bench-loki-${process.pid}`);
await mkdir(root, { recursive: true });

// ---- DuckDB directly: the same schema, loaded with the Appender ----
const direct = await DuckDBInstance.create(join(root, 'direct.duckdb'));
const db = await direct.connect();
await db.run(
  'CREATE TABLE streams (id BIGINT PRIMARY KEY, tenant VARCHAR, labels_key VARCHAR, labels MAP(VARCHAR, VARCHAR), created_ns BIGINT)',
);
await db.run('CREATE TABLE entries (stream_id BIGINT, ts BIGINT, seq BIGINT, line VARCHAR)');
let sid = 0;
for (const level of LEVELS) {
  for (const host of HOSTS) {
    await db.run(
      `INSERT INTO streams VALUES (${++sid}, 'bench.bench', $1, map(['host', 'job', 'level'], [$2, 'bench', $3]), 0)`,
      [`{host="${host}", job="bench", level="${level}"}`, host, level],
    );
  }
}
const streamOf = (level: string, host: string) =>
  LEVELS.indexOf(level) * HOSTS.length + HOSTS.indexOf(host) + 1;
const directPush = await timed(async () => {
  for (let from = 0; from < LINES; from += BATCH) {
    await db.run('BEGIN TRANSACTION');
    const appender = await db.createAppender('entries');
    for (let i = from; i < Math.min(LINES, from + BATCH); i++) {
      const r = row(i);
      appender.appendBigInt(BigInt(streamOf(r.level, r.host)));
      appender.appendBigInt(r.tsNs);
      appender.appendBigInt(BigInt(i + 1));
      appender.appendVarchar(r.line);
      appender.endRow();
    }
    appender.closeSync();
    await db.run('COMMIT');
  }
});

// ---- the service, in its own process ----
const server = await startServiceProcess('loki', {
  ISA_DATA_DIR: join(root, 'data'),
  // Quotas would (rightly) throttle a benchmark: lift them.
  LOKI_INGESTION_RATE_BYTES: String(1024 ** 3),
  LOKI_INGESTION_BURST_BYTES: String(1024 ** 3),
  LOKI_DAILY_BYTES_LIMIT: String(1024 ** 4),
});
const client = new LokiClient({
  host: '127.0.0.1',
  port: server.port,
  userId: 'bench',
  organizationId: 'bench',
  throwOnError: true,
});

function* lines() {
  for (let i = 0; i < LINES; i++) {
    const r = row(i);
    yield { line: r.line, labels: { job: 'bench', level: r.level, host: r.host }, timestamp: r.tsNs };
  }
}
const sdkPush = await timed(() => client.pushLogStream(lines(), { batchSize: BATCH }));
if (sdkPush.result?.acceptedCount !== LINES)
  throw new Error(`pushed ${sdkPush.result?.acceptedCount} of ${LINES}`);

const latencies: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = await timed(() => client.pushLog(`latency probe ${i}`, { labels: { job: 'latency' } }));
  latencies.push(t.ms);
}
latencies.sort((a, b) => a - b);

// ---- the range query: through the SDK vs the same SQL on the direct database ----
const query = 'sum by (level) (count_over_time({job="bench"}[1m]))';
const qStart = new Date(Number(startNs / NS_PER_MS) + 60_000);
const qEnd = new Date(Number(endNs / NS_PER_MS));
const qStartNs = BigInt(qStart.getTime()) * NS_PER_MS;
const qEndNs = BigInt(qEnd.getTime()) * NS_PER_MS;
// With range = step, each entry counts at exactly one step: k = ceil((ts - start) / step).
const sql = `
  SELECT s.labels['level'] AS level, -((-(e.ts - $1::BIGINT)) // $3::BIGINT) AS k, count(*) AS n
  FROM entries e JOIN streams s ON s.id = e.stream_id
  WHERE s.tenant = 'bench.bench' AND s.labels['job'] = 'bench'
    AND e.ts > $1::BIGINT - $3::BIGINT AND e.ts <= $2::BIGINT
  GROUP BY ALL`;
const directTimes: number[] = [];
const sdkTimes: number[] = [];
let directTotal = 0;
let sdkTotal = 0;
for (let run = 0; run < RUNS; run++) {
  const d = await timed(() => db.runAndReadAll(sql, [qStartNs, qEndNs, MINUTE_NS]));
  directTimes.push(d.ms);
  directTotal = d.result.getRows().reduce((n, r) => n + Number(r[2]), 0);
  const s = await timed(() => client.queryRange(query, qStart, qEnd, { step: 60 }));
  sdkTimes.push(s.ms);
  sdkTotal = s.result!.matrix.reduce((n, series) => n + series.samples.reduce((m, x) => m + x.value, 0), 0);
}
if (directTotal !== sdkTotal) throw new Error(`the two answers differ: ${directTotal} vs ${sdkTotal}`);
directTimes.sort((a, b) => a - b);
sdkTimes.sort((a, b) => a - b);
const median = (xs: number[]) => percentile(xs, 50);

console.log(`\nlog service, embedded store (DuckDB), ${LINES.toLocaleString('en-US')} lines — ${machine()}`);
console.log('| measurement | DuckDB directly | through the SDK | ratio |');
console.log('|---|---|---|---|');
const directRate = LINES / (directPush.ms / 1000);
const sdkRate = LINES / (sdkPush.ms / 1000);
console.log(
  `| push ${LINES.toLocaleString('en-US')} lines (batches of ${BATCH}) | ${Math.round(directRate).toLocaleString('en-US')} lines/s (Appender) | ${Math.round(sdkRate).toLocaleString('en-US')} lines/s (pushLogStream) | ${(sdkRate / directRate).toFixed(2)} |`,
);
console.log(
  `| range query, ${query}, ${sdkTotal.toLocaleString('en-US')} lines in ${Math.round(Number(qEndNs - qStartNs) / 6e10)} steps, median of ${RUNS} | ${median(directTimes).toFixed(0)} ms | ${median(sdkTimes).toFixed(0)} ms | ${(median(directTimes) / median(sdkTimes)).toFixed(2)} |`,
);
console.log(
  `| pushLog (one line per call), 300 calls | — | p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms | — |`,
);
console.log(
  `server RSS after the run: ${server.memory().rssMiB.toFixed(0)} MiB (peak ${server.memory().peakMiB.toFixed(0)} MiB)`,
);

await client.close();
await server.stop();
db.closeSync();
direct.closeSync();
await rm(root, { recursive: true, force: true });
