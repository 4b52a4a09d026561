/**
 * Supabase service throughput and latency through the SDK against the same SQL run directly, same run:
 *  1. PostgreSQL (the machine's, a private database): a query returning 1,000 rows and single-row lookups,
 *     SDK vs `pg` with the same SELECT (the ratio of throughputs).
 *  2. PGlite + pgvector: top-10 cosine similarity search over N × 1536 vectors with an HNSW index,
 *     p50 through the SDK vs the same SQL on PGlite directly, and recall@10 against exact search.
 *   npx tsx bench/supabase.ts [--vectors 10000] [--queries 200] [--seconds 5] [--concurrency 16]
 *                             [--data clustered|uniform] [--skip postgres|vector]
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { SupabaseClient } from '@isa-cloud/sdk';
import pg from 'pg';
import { tenantPrelude } from '../packages/server/src/services/supabase/backend.js';
import { defaultTenantRole } from '../packages/server/src/services/supabase/names.js';
import { createTestDatabase } from '../test/supabase/support.js';
import { machine, percentile, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    vectors: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    skip: { type: 'string', default: '' },
    /** clustered (like real embeddings) or uniform (random directions: the hardest case for HNSW). */
    data: { type: 'string', default: 'clustered' },
  },
});
const VECTORS = Number(values.vectors);
const QUERIES = Number(values.queries);
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const DIMENSION = 1536;
const ADMIN_TOKEN = randomBytes(16).toString('hex');
const root = join(tmpdir(), `isa-bench-supabase-${process.pid}`);
await mkdir(root, { recursive: true });

/** Runs `op` from `workers` loops for `seconds`; returns ops/s and the sorted latencies (ms). */
async function load(workers: number, seconds: number, op: (i: number) => Promise<unknown>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const started = performance.now();
        await op(i);
        latencies.push(performance.now() - started);
      }
    }),
  );
  const elapsed = seconds;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

const fmt = (n: number, digits = 0) => n.toFixed(digits);
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

say(`\nsupabase benchmark — ${machine()} — ${new Date().toISOString()}`);

// ---- 1. PostgreSQL: rows ----
if (!values.skip.includes('postgres')) {
  const database = await createTestDatabase();
  const server = await startServiceProcess('supabase', {
    DATABASE_URL: database.url,
    SUPABASE_ADMIN_TOKEN: ADMIN_TOKEN,
    ISA_DATA_DIR: join(root, 'pg-data'),
  });
  const options = {
    host: '127.0.0.1',
    port: server.port,
    throwOnError: true,
    enableCompression: false,
  } as const;
  const admin = new SupabaseClient({ ...options, adminToken: ADMIN_TOKEN });
  const client = new SupabaseClient({ ...options, userId: 'bench' });
  await admin.createTable(
    'bench_rows',
    [
      { name: 'id', type: 'bigserial' },
      { name: 'name', type: 'text' },
      { name: 'email', type: 'text' },
      { name: 'age', type: 'integer' },
      { name: 'score', type: 'double precision' },
      { name: 'tags', type: 'jsonb' },
      { name: 'created_at', type: 'timestamptz', defaultValue: 'now()' },
    ],
    { primaryKey: ['id'] },
  );
  const rows = Array.from({ length: 10_000 }, (_, i) => ({
    name: `user ${i}`,
    email: `user${i}@example.com`,
    age: i % 90,
    score: i / 7,
    tags: { plan: i % 3 ? 'free' : 'pro', n: i },
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await client.insert('bench_rows', rows.slice(i, i + 1000), { returning: 'id' });
  // Another tenant's rows in the same table, as in production.
  const other = new SupabaseClient({ ...options, userId: 'other' });
  for (let i = 0; i < rows.length; i += 1000)
    await other.insert('bench_rows', rows.slice(i, i + 1000), { returning: 'id' });
  const ids = (await client.query('bench_rows', { select: 'id', limit: 10_000 }))!.map((r) => Number(r.id));

  const pool = new pg.Pool({ connectionString: database.url, max: 10 });
  const columns = 'id, user_id, name, email, age, score, tags, created_at';
  const pageSql = `SELECT ${columns} FROM bench_rows WHERE user_id = $1 ORDER BY id LIMIT 1000`;
  const lookupSql = `SELECT ${columns} FROM bench_rows WHERE user_id = $1 AND id = $2`;
  const pick = (i: number) => ids[(i * 7919) % ids.length]!;
  const check = (await client.query('bench_rows', { order: 'id', limit: 1000 }))!;
  if (check.length !== 1000) throw new Error('expected 1000 rows');

  const results: Array<[string, number, Awaited<ReturnType<typeof load>>, Awaited<ReturnType<typeof load>>]> =
    [];
  for (const workers of [1, CONCURRENCY]) {
    results.push([
      '1,000-row query',
      workers,
      await load(workers, SECONDS, () => pool.query(pageSql, ['bench'])),
      await load(workers, SECONDS, () => client.query('bench_rows', { order: 'id', limit: 1000 })),
    ]);
    results.push([
      'single-row lookup',
      workers,
      await load(workers, SECONDS, (i) => pool.query(lookupSql, ['bench', pick(i)])),
      await load(workers, SECONDS, (i) => client.query('bench_rows', { filter: `id=eq.${pick(i)}` })),
    ]);
  }
  say(
    `\nPostgreSQL ${(await pool.query('SHOW server_version')).rows[0].server_version}, 2 × 10,000 rows (two tenants), ${SECONDS} s per cell`,
  );
  say(
    '| operation | concurrent callers | pg direct ops/s | through SDK ops/s | ratio | pg p50 ms | SDK p50 ms | SDK p99 ms |',
  );
  say('|---|---|---|---|---|---|---|---|');
  for (const [op, workers, direct, sdk] of results) {
    say(
      `| ${op} | ${workers} | ${fmt(direct.perSecond)} | ${fmt(sdk.perSecond)} | ${fmt(sdk.perSecond / direct.perSecond, 2)} | ${fmt(direct.p50, 2)} | ${fmt(sdk.p50, 2)} | ${fmt(sdk.p99, 2)} |`,
    );
  }
  await pool.end();
  await Promise.all([admin.close(), client.close(), other.close()]);
  await server.stop();
  await database.drop();
}

// ---- 2. PGlite + pgvector: similarity search ----
if (!values.skip.includes('vector')) {
  // Clustered data (like real embeddings): 200 centres, each vector a noisy copy of one; queries are noisy
  // copies of stored vectors, so each has true near neighbours.
  let seed = 12345;
  const random = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0xffffffff - 0.5;
  };
  const normalise = (v: Float32Array) => {
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    for (let i = 0; i < v.length; i++) v[i]! /= norm;
    return v;
  };
  const centres = Array.from({ length: 200 }, () =>
    normalise(Float32Array.from({ length: DIMENSION }, random)),
  );
  const noisy = (base: Float32Array, amount: number) => normalise(base.map((x) => x + random() * amount));
  const uniform = values.data === 'uniform';
  const data = Array.from({ length: VECTORS }, (_, i) =>
    uniform
      ? normalise(Float32Array.from({ length: DIMENSION }, random))
      : noisy(centres[i % centres.length]!, 0.08),
  );
  const queries = Array.from({ length: QUERIES }, (_, i) =>
    uniform
      ? normalise(Float32Array.from({ length: DIMENSION }, random))
      : noisy(data[(i * 104729) % VECTORS]!, 0.05),
  );
  const exact = queries.map((q) => {
    const scored = data.map((v, i) => {
      let dot = 0;
      for (let k = 0; k < DIMENSION; k++) dot += q[k]! * v[k]!;
      return [dot, i] as const;
    });
    scored.sort((a, b) => b[0] - a[0]);
    return new Set(scored.slice(0, 10).map(([, i]) => `v${i}`));
  });

  const dataDir = join(root, 'pglite-data');
  const server = await startServiceProcess('supabase', {
    SUPABASE_ADMIN_TOKEN: ADMIN_TOKEN,
    ISA_DATA_DIR: dataDir,
  });
  const options = {
    host: '127.0.0.1',
    port: server.port,
    throwOnError: true,
    enableCompression: false,
    timeoutMs: 600_000,
  } as const;
  const admin = new SupabaseClient({ ...options, adminToken: ADMIN_TOKEN });
  const client = new SupabaseClient({ ...options, userId: 'bench' });
  await admin.applyMigration(
    'bench_vectors',
    `CREATE TABLE bench_vectors (id text NOT NULL, user_id text NOT NULL DEFAULT current_setting('isa.user_id', true),
       metadata jsonb NOT NULL DEFAULT '{}', embedding vector(${DIMENSION}) NOT NULL, PRIMARY KEY (user_id, id))`,
  );
  const loaded = await timed(async () => {
    for (let i = 0; i < VECTORS; i += 200) {
      await client.batchUpsertEmbeddings(
        'bench_vectors',
        data
          .slice(i, i + 200)
          .map((embedding, k) => ({ id: `v${i + k}`, embedding, metadata: { n: i + k } })),
      );
    }
  });
  const indexed = await timed(() => admin.createVectorIndex('bench_vectors', { metric: 'cosine' }));
  say(
    `\nPGlite 0.5.14 + pgvector, ${VECTORS} × ${DIMENSION} ${uniform ? 'uniformly random' : 'clustered'} vectors: loaded through the SDK in ${fmt(loaded.ms / 1000, 1)} s, HNSW index (m 16, ef_construction 64) built in ${fmt(indexed.ms / 1000, 1)} s`,
  );

  const sdkHits: string[][] = [];
  const sdkTimes: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const [i, q] of queries.entries()) {
      const started = performance.now();
      const hits = await client.similaritySearch('bench_vectors', q, { limit: 10 });
      if (round === 1) {
        sdkTimes.push(performance.now() - started);
        sdkHits[i] = hits!.map((h) => h.id);
      }
    }
  }
  await Promise.all([admin.close(), client.close()]);
  await server.stop();

  // The same search on the same data, straight on PGlite: as plain SQL with the tenant as a constant, and
  // as the very transaction the service runs (tenant role, RLS, the same settings), without gRPC.
  const db = await PGlite.create({ dataDir: join(dataDir, 'supabase', 'pgdata'), extensions: { vector } });
  await db.exec("SET hnsw.ef_search = 40; SET hnsw.iterative_scan = 'relaxed_order'");
  const literal = (q: Float32Array) => `[${Array.from(q).join(',')}]`;
  const plainSql = `SELECT id, metadata::text AS metadata, (embedding <=> $1::vector)::float8 AS distance
               FROM bench_vectors WHERE user_id = 'bench' ORDER BY embedding <=> $1::vector LIMIT 10`;
  const rlsSql = `SELECT id, metadata::text AS metadata, (embedding <=> $1::vector)::float8 AS distance
               FROM public.bench_vectors ORDER BY embedding <=> $1::vector LIMIT 10`;
  const prelude = tenantPrelude(defaultTenantRole('postgres', 'public'), 'public', 'bench', {
    readOnly: true,
    timeoutMs: 30_000,
    settings: { 'hnsw.ef_search': '40', 'hnsw.iterative_scan': 'relaxed_order' },
  });
  const plan = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN ${plainSql.replaceAll('$1', `'${literal(queries[0]!)}'`)}`,
  );
  const rlsPlan = await db.transaction(async (tx) => {
    await tx.exec(prelude);
    return tx.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${rlsSql.replaceAll('$1', `'${literal(queries[0]!)}'`)}`,
    );
  });
  const measure = async (run: (q: Float32Array) => Promise<string[]>) => {
    const times: number[] = [];
    const hits: string[][] = [];
    for (let round = 0; round < 2; round++) {
      for (const [i, q] of queries.entries()) {
        const started = performance.now();
        const ids = await run(q);
        if (round === 1) {
          times.push(performance.now() - started);
          hits[i] = ids;
        }
      }
    }
    return { times: times.sort((a, b) => a - b), hits };
  };
  const direct = await measure(async (q) =>
    (await db.query<{ id: string }>(plainSql, [literal(q)])).rows.map((r) => r.id),
  );
  const directTenant = await measure((q) =>
    db.transaction(async (tx) => {
      await tx.exec(prelude);
      return (await tx.query<{ id: string }>(rlsSql, [literal(q)])).rows.map((r) => r.id);
    }),
  );
  await db.close();
  const recall = (hits: string[][]) =>
    hits.reduce((sum, ids, i) => sum + ids.filter((id) => exact[i]!.has(id)).length / 10, 0) / hits.length;
  sdkTimes.sort((a, b) => a - b);
  const scan = (rows: Array<{ 'QUERY PLAN': string }>) =>
    rows.map((r) => r['QUERY PLAN'].trim()).find((l) => /Index Scan|Seq Scan|Bitmap/.test(l)) ?? '?';
  say(`plan, plain SQL: ${scan(plan.rows)}`);
  say(`plan, tenant transaction (RLS): ${scan(rlsPlan.rows)}`);
  say('| top-10 cosine search | p50 ms | p99 ms | recall@10 vs exact |');
  say('|---|---|---|---|');
  say(
    `| PGlite directly, plain SQL | ${fmt(percentile(direct.times, 50), 2)} | ${fmt(percentile(direct.times, 99), 2)} | ${fmt(recall(direct.hits), 3)} |`,
  );
  say(
    `| PGlite directly, the service's tenant transaction | ${fmt(percentile(directTenant.times, 50), 2)} | ${fmt(percentile(directTenant.times, 99), 2)} | ${fmt(recall(directTenant.hits), 3)} |`,
  );
  say(
    `| through the SDK (gRPC, worker thread, RLS transaction) | ${fmt(percentile(sdkTimes, 50), 2)} | ${fmt(percentile(sdkTimes, 99), 2)} | ${fmt(recall(sdkHits), 3)} |`,
  );
  say(
    `p50 ratio SDK / direct plain SQL: ${fmt(percentile(sdkTimes, 50) / percentile(direct.times, 50), 2)}× over ${QUERIES} queries`,
  );
}

await rm(root, { recursive: true, force: true });
