import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBClient, GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseFile, tenantPaths } from '../../packages/server/src/services/duckdb/names.js';
import { scratchDir, startStack, type TestStack, uniqueUser } from '../support/stack.js';

const denied = { code: GrpcStatus.PERMISSION_DENIED };

/**
 * Tenant SQL is code: these tests try to escape the sandbox every way DuckDB offers and prove each
 * attempt fails, leaves no trace outside the tenant's area, and leaks nothing about the server.
 */
describe('DuckDB sandbox', () => {
  let stack: TestStack;
  let alice: DuckDBClient;
  let mallory: DuckDBClient;
  let aliceId: string;
  let malloryId: string;
  let outside: string;

  beforeAll(async () => {
    outside = await scratchDir('duckdb-outside');
    stack = await startStack(['minio', 'duckdb'], {
      DUCKDB_MEMORY_LIMIT: '64MB',
      DUCKDB_THREADS: '1',
      DUCKDB_MAX_TEMP_SIZE: '16MB',
    });
    aliceId = uniqueUser('alice');
    malloryId = uniqueUser('mallory');
    alice = stack.client('duckdb', { userId: aliceId, throwOnError: true });
    mallory = stack.client('duckdb', { userId: malloryId, throwOnError: true });
    await alice.createDatabase('secret');
    await alice.executeStatement('secret', "CREATE TABLE plans AS SELECT 'world domination' AS plan");
    await mallory.createDatabase('work');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const aliceFile = () =>
    databaseFile(
      tenantPaths(join(stack.dataDir, 'duckdb'), { userId: aliceId, organizationId: 'default-org' }),
      'secret',
    );

  it('refuses every way of reading a server file', async () => {
    const attempts = [
      "SELECT * FROM read_csv('/etc/passwd')",
      "SELECT * FROM read_csv_auto('/etc/passwd')",
      "SELECT * FROM read_text('/etc/passwd')",
      "SELECT * FROM read_blob('/etc/passwd')",
      "SELECT * FROM read_json('/etc/passwd')",
      "SELECT * FROM read_parquet('/etc/passwd')",
      "SELECT * FROM '/etc/passwd.csv'",
      "SELECT * FROM '/etc/hostname.parquet'",
      "SELECT * FROM glob('/etc/*')",
      "SELECT * FROM sniff_csv('/etc/passwd')",
      "SELECT * FROM parquet_metadata('/etc/passwd')",
      "SELECT * FROM read_text('/proc/self/environ')",
      "SELECT * FROM read_text('file:///etc/passwd')",
    ];
    for (const sql of attempts) {
      const failure = await mallory.executeQuery('work', sql).then(
        () => undefined,
        (err: { code: number; details: string }) => err,
      );
      expect(failure, sql).toMatchObject(denied);
      expect(failure!.details, sql).not.toMatch(/root:x:0:0/);
    }
    await mallory.executeStatement('work', 'CREATE TABLE t (line VARCHAR)');
    await expect(mallory.executeStatement('work', "COPY t FROM '/etc/passwd'")).rejects.toMatchObject(denied);
    expect(await mallory.executeQuery('work', 'SELECT count(*) AS n FROM t')).toEqual([{ n: 0 }]);
  });

  it('cannot reach another tenant’s database, by path or by name', async () => {
    const file = aliceFile();
    expect(existsSync(file)).toBe(true);
    await expect(mallory.executeStatement('work', `ATTACH '${file}' AS stolen`)).rejects.toMatchObject(
      denied,
    );
    await expect(mallory.executeQuery('work', `SELECT * FROM read_blob('${file}')`)).rejects.toMatchObject(
      denied,
    );
    await expect(
      mallory.executeQuery('work', `SELECT * FROM glob('${join(stack.dataDir, 'duckdb', 'tenants')}/**')`),
    ).rejects.toMatchObject(denied);
    // A path that starts inside the caller's own staging area and climbs out of it.
    const own = tenantPaths(join(stack.dataDir, 'duckdb'), {
      userId: malloryId,
      organizationId: 'default-org',
    });
    const climb = `${own.staging}/../../../${file.slice(join(stack.dataDir, 'duckdb', 'tenants').length + 1)}`;
    await expect(mallory.executeStatement('work', `ATTACH '${climb}' AS stolen`)).rejects.toMatchObject(
      denied,
    );
    // The same database name is simply another database.
    expect((await mallory.listDatabases())!.map((d) => d.name)).toEqual(['work']);
    await expect(mallory.executeQuery('secret', 'SELECT * FROM plans')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await mallory.createDatabase('secret');
    await expect(mallory.executeQuery('secret', 'SELECT * FROM plans')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    expect(await alice.executeQuery('secret', 'SELECT plan FROM plans')).toEqual([
      { plan: 'world domination' },
    ]);
  });

  it('cannot write outside its area', async () => {
    const target = join(outside, 'leak.csv');
    await expect(mallory.executeStatement('work', `COPY (SELECT 42) TO '${target}'`)).rejects.toMatchObject(
      denied,
    );
    await expect(
      mallory.executeStatement('work', `EXPORT DATABASE '${join(outside, 'dump')}'`),
    ).rejects.toMatchObject(denied);
    await expect(
      mallory.executeStatement('work', `ATTACH '${join(outside, 'new.duckdb')}' AS planted`),
    ).rejects.toMatchObject(denied);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(join(outside, 'dump'))).toBe(false);
    expect(existsSync(join(outside, 'new.duckdb'))).toBe(false);
  });

  it('cannot change its settings, and the locked settings are what the server set', async () => {
    for (const sql of [
      'SET enable_external_access = true',
      "SET allowed_directories = ['/']",
      "SET memory_limit = '100GB'",
      'RESET memory_limit',
      'SET threads = 64',
      "PRAGMA memory_limit = '10GB'",
      'SET lock_configuration = false',
      "SET temp_directory = '/tmp'",
      'SET autoinstall_known_extensions = true',
    ]) {
      await expect(mallory.executeStatement('work', sql), sql).rejects.toMatchObject(denied);
    }
    const [settings] = (await mallory.executeQuery(
      'work',
      `SELECT current_setting('enable_external_access') AS external,
              current_setting('lock_configuration') AS locked,
              current_setting('memory_limit') AS memory,
              current_setting('threads') AS threads,
              current_setting('allowed_directories') AS allowed`,
    ))!;
    expect(settings).toMatchObject({ external: false, locked: true, memory: '61.0 MiB', threads: 1 });
    const own = tenantPaths(join(stack.dataDir, 'duckdb'), {
      userId: malloryId,
      organizationId: 'default-org',
    });
    for (const dir of settings!.allowed as string[]) expect(dir.startsWith(`${own.staging}/`)).toBe(true);
  });

  it('cannot install or load extensions by SQL', async () => {
    for (const sql of [
      'INSTALL httpfs',
      'LOAD httpfs',
      `LOAD '${join(outside, 'evil.duckdb_extension')}'`,
      "INSTALL spatial FROM 'http://127.0.0.1:1/'",
      'FORCE INSTALL httpfs',
    ]) {
      await expect(mallory.executeStatement('work', sql), sql).rejects.toMatchObject(denied);
    }
    await expect(mallory.installExtension('work', 'httpfs')).rejects.toMatchObject(denied);
  });

  it('cannot exhaust memory: a query beyond the limit fails and the server carries on', async () => {
    await expect(
      mallory.executeQuery(
        'work',
        'SELECT max(len(l)) AS n FROM (SELECT list(i) AS l FROM range(30000000) t(i))',
      ),
    ).rejects.toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
    expect(await mallory.executeQuery('work', 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
  });

  it('interrupts a query at its timeout and keeps serving', async () => {
    const started = Date.now();
    await expect(
      mallory.executeQuery('work', 'SELECT count(*) FROM range(100000000000) a', { queryTimeoutMs: 300 }),
    ).rejects.toMatchObject({ code: GrpcStatus.DEADLINE_EXCEEDED });
    expect(Date.now() - started).toBeLessThan(5_000);
    const stream = mallory.executeQueryStream('work', 'SELECT * FROM range(100000000000)', {
      queryTimeoutMs: 300,
    });
    await expect(
      (async () => {
        for await (const _ of stream) await new Promise((r) => setTimeout(r, 50));
      })(),
    ).rejects.toMatchObject({ code: GrpcStatus.DEADLINE_EXCEEDED });
    expect((await mallory.getMetrics())!.timedOutQueries).toBeGreaterThanOrEqual(2);
    expect(await mallory.executeQuery('work', 'SELECT 2 AS two')).toEqual([{ two: 2 }]);
  });

  it('stops a query when the caller cancels', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    await expect(
      mallory.executeQuery('work', 'SELECT count(*) FROM range(100000000000) a', {
        signal: controller.signal,
      }),
    ).rejects.toMatchObject({ code: GrpcStatus.CANCELLED });
    // The server interrupts the statement too: nothing is left running.
    const deadline = Date.now() + 5_000;
    while ((await mallory.getMetrics())!.activeQueries > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await mallory.getMetrics())!.activeQueries).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('quotes every caller name: injection through names and fragments fails', async () => {
    await mallory.executeStatement('work', 'CREATE TABLE keep AS SELECT 1 AS x');
    const evil = 'x"; DROP TABLE keep; --';
    await mallory.createTable('work', evil, { a: 'INTEGER' });
    expect(await mallory.listTables('work')).toContain(evil);
    await expect(
      mallory.createTable('work', 'typed', { a: 'INTEGER); DROP TABLE keep; --' }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(
      mallory.createTable('work', 'defaulted', [
        { name: 'a', type: 'INTEGER', default: '1); DROP TABLE keep; --' },
      ]),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(mallory.createView('work', 'v', 'SELECT 1; DROP TABLE keep')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    await expect(
      mallory.exportToMinio('work', "SELECT 1) TO '/tmp/x.csv' (FORMAT csv); SELECT (1", 'b', 'x.csv'),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect(await mallory.executeQuery('work', 'SELECT x FROM keep')).toEqual([{ x: 1 }]);
  });

  it('refuses database names that could leave the tenant’s directory', async () => {
    for (const name of ['../secret', 'a/b', '.', '..', '', 'x'.repeat(64), 'a\u0000b', '-x', 'ä']) {
      await expect(mallory.createDatabase(name), JSON.stringify(name)).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'database_name',
      });
    }
  });

  it('keeps server paths out of error messages', async () => {
    const failure = await mallory
      .executeQuery('work', `SELECT * FROM read_csv('${aliceFile()}')`)
      .catch((err: { details: string }) => err);
    expect((failure as { details: string }).details).not.toContain(stack.dataDir);
    const minio = stack.client('minio', { userId: malloryId, throwOnError: true });
    await minio.createBucket('junk');
    await minio.uploadObject('junk', 'broken.parquet', 'this is not parquet');
    const importFailure = await mallory
      .importFromMinio('work', 'broken', 'junk', 'broken.parquet')
      .catch((err: { code: number; details: string }) => err);
    expect(importFailure).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    expect((importFailure as { details: string }).details).not.toContain(stack.dataDir);
    expect((importFailure as { details: string }).details).toContain('<staging>');
  });

  it('keeps prepared statements to the tenant that prepared them', async () => {
    const statement = (await alice.prepareStatement(
      'secret',
      'SELECT plan FROM plans WHERE length(plan) > $1',
    ))!;
    await expect(mallory.executePrepared(statement.statementId, { params: [0] })).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    expect(await mallory.closePreparedStatement(statement.statementId)).toBe(false);
    expect((await alice.executePrepared(statement.statementId, { params: [0] }))!.rows).toEqual([
      { plan: 'world domination' },
    ]);
    expect(await alice.closePreparedStatement(statement.statementId)).toBe(true);
  });
});
