import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as advancedUsage from '../../examples/advanced-usage.js';
import * as bestPractices from '../../examples/best-practices.js';
import * as checkHealth from '../../examples/check-health.js';
import * as completeWorkflow from '../../examples/complete-workflow.js';
import * as duckdbBasic from '../../examples/duckdb-basic.js';
import * as duckdbMinio from '../../examples/duckdb-minio-integration.js';
import * as errorHandling from '../../examples/error-handling.js';
import * as minioBasic from '../../examples/minio-basic.js';
import * as mqttBasic from '../../examples/mqtt-basic.js';
import * as natsBasic from '../../examples/nats-basic.js';
import * as natsJetstreamKv from '../../examples/nats-jetstream-kv.js';
import * as quickStart from '../../examples/quick-start.js';
import * as serviceDiscovery from '../../examples/service-discovery.js';
import * as supabaseDatabase from '../../examples/supabase-database.js';
import * as supabaseVectors from '../../examples/supabase-vectors.js';
import { eventually } from '../support/registry.js';
import { type ExampleStack, startExampleStack } from './harness.js';

/** Every section of the usage guide, run as a program against a fresh dev stack; outcomes asserted. */
describe('the usage guide, executable', () => {
  let platform: ExampleStack;
  beforeAll(async () => {
    platform = await startExampleStack();
  }, 120_000);
  afterAll(async () => {
    await platform?.stop();
  });

  it('Quick Start: factory, direct instantiation, await using', async () => {
    const env = await platform.env();
    const out = await quickStart.run(env);
    expect(out).toEqual({ health: 'SERVING', bucket: 'my-bucket', uploaded: 'file.txt' });
  });

  it('MinIO basic operations', async () => {
    const env = await platform.env();
    const out = await minioBasic.run(env);
    expect(out.healthy).toBe(true);
    expect(out.buckets).toContain('mybucket');
    expect(out.objects.map((o) => [o.key, o.size])).toEqual([['path/to/file.txt', 27]]);
    expect(await (await fetch(out.url!)).text()).toBe('Hello from the usage guide\n');
    expect(env.lines).toContain('  path/to/file.txt - 27 bytes');
  });

  it('DuckDB basic operations', async () => {
    const env = await platform.env();
    const out = await duckdbBasic.run(env);
    expect(out.healthy).toBe(true);
    expect(out.databases).toContain('analytics');
    expect(out.inserted).toBe(2);
    expect(out.results.map((r) => [r.id, r.name, r.age])).toEqual([
      [1, 'Alice', 30],
      [2, 'Bob', 25],
    ]);
    expect(out.results[0]!.created_at).toBeInstanceOf(Date);
    expect(out.tables).toContain('users');
  });

  it('DuckDB MinIO integration', async () => {
    const env = await platform.env();
    const out = await duckdbMinio.run(env);
    expect(out.imported).toBe(3);
    expect(out.results.map((r) => [r.city, r.temperature])).toEqual([
      ['Berlin', 12.5],
      ['Lisbon', 21],
      ['Oslo', 4.25],
    ]);
  });

  it('Supabase database operations', async () => {
    const env = await platform.env();
    const out = await supabaseDatabase.run(env);
    expect(out.healthy).toBe(true);
    expect(out.inserted.map((u) => [u.name, u.age])).toEqual([
      ['Alice', 30],
      ['Bob', 25],
      ['Carol', 17],
    ]);
    expect(typeof out.inserted[0]!.id).toBe('number');
    expect(out.users.map((u) => u.name)).toEqual(['Alice']);
    expect(Object.keys(out.users[0]!).sort()).toEqual(['email', 'id', 'name']);
    expect(out.updated.map((u) => [u.name, u.age])).toEqual([['Bob', 26]]);
    expect(out.deleted.map((u) => u.name)).toEqual(['Carol']);
  });

  it('Supabase vector operations: 1536-dim embeddings, batch of 100, similarity and hybrid search', async () => {
    const env = await platform.env();
    const out = await supabaseVectors.run(env);
    expect(out.docId).toBe('doc_001');
    expect(out.count).toBe(100);
    expect(out.results[0]!.id).toBe('doc_001');
    expect(out.results[0]!.similarity).toBeGreaterThan(0.99);
    expect(out.results.length).toBeLessThanOrEqual(10);
    for (const r of out.results) {
      expect(r.metadata.category).toBe('tech');
      expect(r.similarity).toBeGreaterThanOrEqual(0.7);
    }
    expect(out.hybrid[0]!.id).toBe('doc_001');
  });

  it('Complete Workflow: CSV → object storage → DuckDB monthly aggregation → Supabase', async () => {
    const env = await platform.env();
    const out = await completeWorkflow.run(env);
    // What the CSV itself sums to, month by month.
    const expected = new Map<string, { total: number; count: number }>();
    for (const line of readFileSync(completeWorkflow.SALES_CSV, 'utf8').trim().split('\n').slice(1)) {
      const [date, , , amount] = line.split(',');
      const month = date!.slice(0, 7);
      const entry = expected.get(month) ?? { total: 0, count: 0 };
      entry.total += Number(amount);
      entry.count += 1;
      expected.set(month, entry);
    }
    const monthOf = (value: unknown) =>
      (value instanceof Date ? value.toISOString() : String(value)).slice(0, 7);
    expect(out.results).toHaveLength(expected.size);
    for (const row of out.results) {
      const want = expected.get(monthOf(row.month))!;
      expect(Number(row.total_sales)).toBeCloseTo(want.total, 2);
      expect(Number(row.num_transactions)).toBe(want.count);
    }
    expect(out.report.map((r) => monthOf(r.month))).toEqual([...expected.keys()].sort().reverse());
    for (const row of out.report) {
      const want = expected.get(monthOf(row.month))!;
      expect(Number(row.total_sales)).toBeCloseTo(want.total, 2);
      expect(row.num_transactions).toBe(want.count);
    }
  });

  it('MQTT basic operations, plus subscribing', async () => {
    const env = await platform.env();
    const out = await mqttBasic.run(env);
    expect(out.health).toMatchObject({ healthy: true, brokerStatus: 'connected' });
    expect(out.connected).toBe(true);
    expect(out.valid).toBe(true);
    expect(out.messageId).toBeTruthy();
    expect(out.message).toEqual({ topic: 'sensors/temperature', payload: '25.5' });
    expect(out.stats!.totalTopics).toBeGreaterThanOrEqual(1);
  });

  it('NATS basic operations: publish, request-reply, statistics', async () => {
    const env = await platform.env();
    const out = await natsBasic.run(env);
    expect(out.health).toMatchObject({ healthy: true, jetstreamEnabled: true });
    expect(out.reply).toBe('{"user_id": "123", "name": "Alice"}');
    expect(out.stats).not.toBeNull();
  });

  it('NATS JetStream and KV', async () => {
    const env = await platform.env();
    const out = await natsJetstreamKv.run(env);
    expect(out.streams.find((s) => s.name === 'ORDERS')).toMatchObject({
      subjects: ['orders.>'],
      messages: 1,
    });
    expect(out.value).toBe('1.0.0');
    expect(out.valueRevision).toBe(out.revision);
  });

  it('Service Discovery with Consul: the helper and the ServiceDiscovery class', async () => {
    await eventually(
      async () =>
        (
          await serviceDiscovery.getServiceAddress('duckdb-grpc-service', '127.0.0.1', platform.registry.port)
        )[0],
      (host) => host !== null,
    );
    const env = await platform.env();
    const out = await serviceDiscovery.run(env);
    expect([out.host, out.port]).toEqual(['127.0.0.1', platform.stack.port('minio')]);
    expect(out.buckets).toContain('discovered');
    expect(out.healthy).toBe(true);
  });

  it('Advanced Usage: options, retry, multi-tenant isolation', async () => {
    const env = await platform.env();
    const out = await advancedUsage.run(env);
    expect(out).toEqual({ bobSeesAlicesBucket: false, bobObjects: 0, heard: { alice: 1, bob: 0 } });
  });

  it('Error Handling: null on failure, or IsaCloudError with throwOnError', async () => {
    const env = await platform.env();
    const out = await errorHandling.run(env);
    expect(out.nullResult).toBeNull();
    expect(out.logged).toHaveLength(1);
    expect(out.logged[0]).toContain('INVALID_ARGUMENT: bucket_name');
    expect(out.caught).toEqual({ code: 3, field: 'bucket_name' });
    expect(out.unreachable).toBe(true);
  });

  it('Best Practices', async () => {
    const env = await platform.env();
    const out = await bestPractices.run(env);
    expect(out).toEqual({
      compressedSize: 100_000,
      found: true,
      created: 'my-bucket-name',
      goodBucket: true,
      badBucket: false,
      mqttTopic: true,
      mqttWildcard: false,
      natsGood: true,
      natsSlash: true, // legal in NATS, but one token: events.> does not match it (docs/guide.md)
    });
  });

  it('Checking Service Health: every service healthy', async () => {
    const env = await platform.env();
    const out = await checkHealth.run(env);
    expect(out).toEqual({
      MinIO: true,
      DuckDB: true,
      MQTT: true,
      Loki: true,
      Redis: true,
      NATS: true,
      Supabase: true,
    });
  });
});
