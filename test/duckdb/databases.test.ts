import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBClient, MinIOClient } from '@isa-cloud/sdk';
import { GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, tenantPaths } from '../../packages/server/src/services/duckdb/names.js';
import { scratchDir, startStack, type TestStack, uniqueUser } from '../support/stack.js';

describe('DuckDB databases', () => {
  let stack: TestStack;
  let duck: DuckDBClient;
  let minio: MinIOClient;
  let userId: string;

  beforeAll(async () => {
    stack = await startStack(['minio', 'duckdb'], {
      DUCKDB_IDLE_TIMEOUT_MS: '400',
      DUCKDB_MAX_OPEN_PER_TENANT: '2',
    });
    userId = uniqueUser('dbs');
    duck = stack.client('duckdb', { userId, throwOnError: true });
    minio = stack.client('minio', { userId, throwOnError: true });
    await minio.createBucket('backups');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates, lists, describes and deletes databases by the caller’s own names', async () => {
    const created = (await duck.createDatabase('reports', { metadata: { team: 'finance' } }))!;
    expect(created).toMatchObject({
      name: 'reports',
      ownerId: userId,
      organizationId: 'default-org',
      tableCount: 0,
    });
    expect(created.createdAt!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    await expect(duck.createDatabase('reports')).rejects.toMatchObject({ code: GrpcStatus.ALREADY_EXISTS });
    expect((await duck.createDatabase('reports', { ifNotExists: true }))!.metadata).toEqual({
      team: 'finance',
    });
    await duck.executeStatement(
      'reports',
      'CREATE TABLE a (x INTEGER); CREATE TABLE b (y INTEGER); CREATE VIEW v AS SELECT 1',
    );
    await duck.executeStatement('reports', 'INSERT INTO a SELECT * FROM range(1000)');
    const info = (await duck.getDatabaseInfo('reports'))!;
    expect(info).toMatchObject({ tableCount: 2, viewCount: 1, open: true });
    expect(info.sizeBytes).toBeGreaterThan(0);
    await duck.createDatabase('reports_2024');
    expect((await duck.listDatabases({ prefix: 'reports' }))!.map((d) => d.name)).toEqual([
      'reports',
      'reports_2024',
    ]);
    await duck.deleteDatabase('reports_2024');
    await expect(duck.getDatabaseInfo('reports_2024')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    await expect(duck.deleteDatabase('reports_2024')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    const file = databaseFile(
      tenantPaths(join(stack.dataDir, 'duckdb'), { userId, organizationId: 'default-org' }),
      'reports_2024',
    );
    expect(existsSync(file)).toBe(false);
    expect((await duck.listDatabases({ prefix: 'reports' }))!.map((d) => d.name)).toEqual(['reports']);
  });

  it('closes idle databases, keeps their counts, and reopens them on use', async () => {
    await duck.createDatabase('idle');
    await duck.executeStatement('idle', 'CREATE TABLE t AS SELECT 1 AS x');
    const deadline = Date.now() + 10_000;
    let listed = (await duck.listDatabases({ prefix: 'idle' }))![0]!;
    while (listed.open && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      listed = (await duck.listDatabases({ prefix: 'idle' }))![0]!;
    }
    expect(listed).toMatchObject({ open: false, tableCount: 1 });
    expect(await duck.executeQuery('idle', 'SELECT x FROM t')).toEqual([{ x: 1 }]);
    expect((await duck.getMetrics())!.poolMisses).toBeGreaterThan(0);
  });

  it('keeps at most the per-tenant number of databases open, refusing more while all are busy', async () => {
    for (const name of ['p1', 'p2', 'p3']) {
      await duck.createDatabase(name);
      await duck.executeStatement(name, `CREATE TABLE t AS SELECT '${name}' AS name`);
    }
    const controller = new AbortController();
    const busy = ['p1', 'p2'].map((name) =>
      duck
        .executeQuery(name, 'SELECT count(*) FROM range(100000000000)', { signal: controller.signal })
        .catch(() => 'stopped'),
    );
    const deadline = Date.now() + 45_000;
    const openNow = async () =>
      (await duck.listDatabases({ prefix: 'p' }))!.filter((d) => d.open).map((d) => d.name);
    while ((await openNow()).length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await openNow()).toEqual(['p1', 'p2']);
    await expect(duck.executeQuery('p3', 'SELECT name FROM t')).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
    controller.abort();
    expect(await Promise.all(busy)).toEqual(['stopped', 'stopped']);
    // The server interrupts them too; once they are over, their databases become idle.
    while ((await duck.getMetrics())!.activeQueries > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Idle ones are closed to make room.
    for (const name of ['p3', 'p1', 'p2', 'p3']) {
      expect(await duck.executeQuery(name, 'SELECT name FROM t')).toEqual([{ name }]);
    }
    expect((await duck.listDatabases({ prefix: 'p' }))!.filter((d) => d.open).length).toBeLessThanOrEqual(2);
  }, 90_000);

  it('deletes a busy database only when forced, interrupting its queries', async () => {
    await duck.createDatabase('busy');
    const running = duck
      .executeQuery('busy', 'SELECT count(*) FROM range(100000000000)', { queryTimeoutMs: 20_000 })
      .catch((err: { code: number }) => err);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await duck.deleteDatabase('busy', { force: true });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await running).toMatchObject({ code: expect.any(Number) });
    await expect(duck.getDatabaseInfo('busy')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('backs up to the caller’s bucket and restores, whole and consistent', async () => {
    await duck.createDatabase('orders');
    await duck.executeStatement(
      'orders',
      'CREATE TABLE o AS SELECT i AS id, i * 2 AS total FROM range(5000) t(i)',
    );
    await duck.createFunction('orders', 'double_it', ['x'], 'x * 2');
    const backup = (await duck.backupDatabase('orders', 'backups'))!;
    expect(backup.objectKey).toMatch(/^duckdb-backups\/orders\/.*\.duckdb$/);
    expect(backup.sizeBytes).toBeGreaterThan(0);
    expect((await minio.statObject('backups', backup.objectKey))!.size).toBe(backup.sizeBytes);

    await duck.executeStatement('orders', 'DELETE FROM o WHERE id < 4000');
    await expect(duck.restoreDatabase('backups', backup.objectKey, 'orders')).rejects.toMatchObject({
      code: GrpcStatus.ALREADY_EXISTS,
    });
    const restored = (await duck.restoreDatabase('backups', backup.objectKey, 'orders', {
      overwrite: true,
    }))!;
    expect(restored).toMatchObject({ name: 'orders', tableCount: 1 });
    expect(restored.metadata.restored_from).toBe(`backups/${backup.objectKey}`);
    expect(
      await duck.executeQuery('orders', 'SELECT count(*) AS n, sum(total) AS s, double_it(21) AS d FROM o'),
    ).toEqual([{ n: 5000, s: 24_995_000, d: 42 }]);
    const copy = (await duck.restoreDatabase('backups', backup.objectKey, 'orders_copy'))!;
    expect(copy.name).toBe('orders_copy');
    expect(await duck.executeQuery('orders_copy', 'SELECT count(*) AS n FROM o')).toEqual([{ n: 5000 }]);
  });

  it('refuses to restore what is not a DuckDB database, or is missing', async () => {
    await minio.uploadObject('backups', 'fake.duckdb', 'definitely not a database');
    await expect(duck.restoreDatabase('backups', 'fake.duckdb', 'fake')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'object_key',
    });
    await expect(duck.restoreDatabase('backups', 'missing.duckdb', 'fake')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(duck.backupDatabase('orders', 'no-such-bucket')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(duck.getDatabaseInfo('fake')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('lists extensions and enables only allow-listed ones that are installed', async () => {
    const listed = (await duck.listExtensions('orders'))!;
    expect(listed.find((e) => e.name === 'json')).toMatchObject({ loaded: true, allowed: true });
    expect(listed.find((e) => e.name === 'parquet')).toMatchObject({ loaded: true });
    expect(await duck.installExtension('orders', 'icu')).toMatchObject({
      name: 'icu',
      loaded: true,
      allowed: true,
    });
    expect((await duck.getDatabaseInfo('orders'))!.extensions).toEqual(['icu']);
    await expect(duck.installExtension('orders', 'httpfs')).rejects.toMatchObject({
      code: GrpcStatus.PERMISSION_DENIED,
    });
    // On the allow-list but not installed, and downloads are off: refused, nothing downloaded.
    await expect(duck.installExtension('orders', 'fts')).rejects.toMatchObject({
      code: GrpcStatus.FAILED_PRECONDITION,
      details: expect.stringContaining('downloads are disabled'),
    });
    await expect(duck.installExtension('orders', 'Bad Name')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'extension_name',
    });
  });

  it('reports health and metrics from the real engine', async () => {
    const health = (await duck.healthCheck({ detailed: true }))!;
    expect(health).toMatchObject({ healthy: true, status: 'SERVING' });
    expect(health.details.duckdb_version).toMatch(/^v\d+\.\d+/);
    const metrics = (await duck.getMetrics())!;
    expect(metrics.totalQueries).toBeGreaterThan(10);
    expect(metrics.avgQueryTimeMs).toBeGreaterThan(0);
    expect(metrics.openDatabases).toBeGreaterThan(0);
  });
});

describe('DuckDB durability', () => {
  it('has every committed statement on disk when the call returns (what a crash leaves)', async () => {
    const userId = uniqueUser('crash');
    const live = await startStack(['duckdb']);
    const copy = await scratchDir('duckdb-crash');
    try {
      const writer = live.client('duckdb', { userId, throwOnError: true });
      await writer.createDatabase('ledger');
      await writer.executeStatement('ledger', 'CREATE TABLE entries (id INTEGER, note VARCHAR)');
      for (let i = 0; i < 20; i++) {
        expect(
          await writer.executeStatement('ledger', 'INSERT INTO entries VALUES ($1, $2)', {
            params: [i, `n${i}`],
          }),
        ).toBe(1);
      }
      // The files exactly as they are on disk while the database is still open and never checkpointed
      // by a close: the state a killed process leaves behind.
      await cp(join(live.dataDir, 'duckdb', 'tenants'), join(copy, 'duckdb', 'tenants'), { recursive: true });
      expect(existsSync(join(copy, 'duckdb', 'tenants'))).toBe(true);
    } finally {
      await live.stop();
    }
    const recovered = await startStack(['duckdb'], { ISA_DATA_DIR: copy });
    try {
      const reader = recovered.client('duckdb', { userId, throwOnError: true });
      expect(
        await reader.executeQuery('ledger', 'SELECT count(*) AS n, max(note) AS last FROM entries'),
      ).toEqual([{ n: 20, last: 'n9' }]);
    } finally {
      await recovered.stop();
    }
  });

  it('keeps committed data across a restart of the service', async () => {
    const dataDir = await scratchDir('duckdb-durable');
    const userId = uniqueUser('durable');
    const first = await startStack(['duckdb'], { ISA_DATA_DIR: dataDir });
    const before = first.client('duckdb', { userId, throwOnError: true });
    await before.createDatabase('keep', { metadata: { k: 'v' } });
    await before.executeStatement('keep', 'CREATE TABLE t AS SELECT i FROM range(1234) r(i)');
    expect(await before.executeStatement('keep', 'INSERT INTO t VALUES (-1)')).toBe(1);
    await first.stop();

    const second = await startStack(['duckdb'], { ISA_DATA_DIR: dataDir });
    try {
      const after = second.client('duckdb', { userId, throwOnError: true });
      expect(await after.executeQuery('keep', 'SELECT count(*) AS n, min(i) AS lo FROM t')).toEqual([
        { n: 1235, lo: -1 },
      ]);
      expect((await after.getDatabaseInfo('keep'))!.metadata).toEqual({ k: 'v' });
    } finally {
      await second.stop();
    }
  });
});
