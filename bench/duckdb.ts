/**
 * Analytics throughput: a 1M-row x 5-column result streamed through the SDK vs the same result read
 * in-process with @duckdb/node-api, and a 10M-row aggregation through the service vs in-process, all
 * in the same run on the same data (generated inside DuckDB with range()).
 *   npx tsx bench/duckdb.ts [--rows 1000000] [--agg-rows 10000000] [--repeat 5]
 */
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { DuckDBClient } from '@isa-cloud/sdk';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    'agg-rows': { type: 'string', default: '10000000' },
    repeat: { type: 'string', default: '5' },
  },
});
const rows = Number(values.rows);
const aggRows = Number(values['agg-rows']);
const repeat = Number(values.repeat);

/** Five mixed columns: INTEGER, BIGINT, DOUBLE, VARCHAR, TIMESTAMP. */
const streamTable = `CREATE TABLE mixed AS
  SELECT i::INTEGER AS id, (i * 1000003)::BIGINT AS big, i / 3.0 AS ratio, 'name-' || i AS label,
         TIMESTAMP '2024-01-01' + to_seconds(i) AS at
    FROM range(${rows}) r(i)`;
const aggTable = `CREATE TABLE facts AS
  SELECT i AS id, i % 1000 AS k, ((i * 7919) % 10007)::DOUBLE / 10007 AS v FROM range(${aggRows}) r(i)`;
const aggQuery = 'SELECT k, sum(v) AS total, count(*) AS n, avg(v) AS mean FROM facts GROUP BY k ORDER BY k';

const root = join(tmpdir(), `isa-bench-duckdb-${process.pid}`);
await mkdir(root, { recursive: true });
const service = await startServiceProcess('duckdb', {
  ISA_DATA_DIR: join(root, 'data'),
  DUCKDB_QUERY_TIMEOUT_MS: '600000',
  DUCKDB_MEMORY_LIMIT: '1GB',
});
const client = new DuckDBClient({
  host: '127.0.0.1',
  port: service.port,
  userId: 'bench',
  throwOnError: true,
  timeoutMs: 600_000,
});
const local = await DuckDBInstance.create(join(root, 'local.duckdb'), { threads: '2', memory_limit: '1GB' });
const connection = await local.connect();

try {
  console.log(`DuckDB benchmark — ${new Date().toISOString()}`);
  console.log(machine());
  await client.createDatabase('bench');
  await client.executeStatement('bench', streamTable);
  await connection.run(streamTable);

  // ---- 1: stream the whole table
  const viaSdk: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const sdk = await timed(async () => {
      let n = 0;
      for await (const batch of client.executeQueryStream('bench', 'SELECT * FROM mixed', {
        chunkRows: 8192,
      }))
        n += batch.length;
      return n;
    });
    if (sdk.result !== rows) throw new Error(`SDK streamed ${sdk.result} rows, expected ${rows}`);
    viaSdk.push(sdk.ms);
    const direct = await timed(async () => {
      let n = 0;
      const result = await connection.stream('SELECT * FROM mixed');
      for await (const batch of result.yieldRowObjectJs()) n += batch.length;
      return n;
    });
    if (direct.result !== rows) throw new Error(`in-process read ${direct.result} rows, expected ${rows}`);
    inProcess.push(direct.ms);
  }
  const sdkMs = percentile(
    [...viaSdk].sort((a, b) => a - b),
    50,
  );
  const directMs = percentile(
    [...inProcess].sort((a, b) => a - b),
    50,
  );
  const rate = (ms: number) => Math.round(rows / (ms / 1000));
  console.log(
    `\nStream ${rows} rows x 5 columns (INTEGER, BIGINT, DOUBLE, VARCHAR, TIMESTAMP), median of ${repeat}`,
  );
  console.log(`  SDK executeQueryStream (row objects)   ${sdkMs.toFixed(0)} ms  ${rate(sdkMs)} rows/s`);
  console.log(`  in-process yieldRowObjectJs()          ${directMs.toFixed(0)} ms  ${rate(directMs)} rows/s`);
  console.log(`  ratio SDK / in-process throughput      ${(directMs / sdkMs).toFixed(2)} (goal >= 0.25)`);

  // ---- 2: aggregate 10M rows
  await client.executeStatement('bench', aggTable);
  await connection.run(aggTable);
  const aggSdk: number[] = [];
  const aggDirect: number[] = [];
  let sdkGroups = 0;
  let directGroups = 0;
  for (let i = 0; i < repeat; i++) {
    const sdk = await timed(() => client.executeQuery('bench', aggQuery));
    sdkGroups = sdk.result!.length;
    aggSdk.push(sdk.ms);
    const direct = await timed(async () => (await connection.runAndReadAll(aggQuery)).getRowObjectsJS());
    directGroups = direct.result.length;
    aggDirect.push(direct.ms);
  }
  if (sdkGroups !== 1000 || directGroups !== 1000) throw new Error('aggregation returned the wrong groups');
  const aggSdkMs = percentile(
    [...aggSdk].sort((a, b) => a - b),
    50,
  );
  const aggDirectMs = percentile(
    [...aggDirect].sort((a, b) => a - b),
    50,
  );
  console.log(`\nAggregate ${aggRows} rows into 1000 groups (sum, count, avg), median of ${repeat}`);
  console.log(`  SDK executeQuery                       ${aggSdkMs.toFixed(0)} ms`);
  console.log(`  in-process runAndReadAll               ${aggDirectMs.toFixed(0)} ms`);
  console.log(
    `  SDK time / in-process time             ${(aggSdkMs / aggDirectMs).toFixed(2)} (goal <= 1.5)`,
  );
  const memory = service.memory();
  console.log(`\nservice process peak RSS ${memory.peakMiB.toFixed(0)} MiB`);
} finally {
  connection.closeSync();
  local.closeSync();
  await client.close();
  await service.stop();
  await rm(root, { recursive: true, force: true });
}
