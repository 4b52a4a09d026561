import { type DuckDBClient, GrpcStatus, type MinIOClient } from '@isa-cloud/sdk';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeUserId } from '../../packages/server/src/services/minio/names.js';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

const CSV = 'id,name,score\n1,ada,9.5\n2,grace,8.25\n3,linus,7\n';
const NDJSON = '{"id": 4, "name": "ken", "score": 6.5}\n{"id": 5, "name": "dennis", "score": 5}\n';

describe('DuckDB and object storage', () => {
  let stack: TestStack;
  let duck: DuckDBClient;
  let minio: MinIOClient;
  let userId: string;

  beforeAll(async () => {
    stack = await startStack(['minio', 'duckdb']);
    userId = uniqueUser('objects');
    duck = stack.client('duckdb', { userId, throwOnError: true });
    minio = stack.client('minio', { userId, throwOnError: true });
    await minio.createBucket('lake');
    await minio.uploadObject('lake', 'people.csv', CSV, { contentType: 'text/csv' });
    await minio.uploadObject('lake', 'more/people.ndjson', NDJSON);
    await duck.createDatabase('lake');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('imports CSV and JSON objects: create, append, truncate, replace', async () => {
    expect(await duck.importFromMinio('lake', 'people', 'lake', 'people.csv')).toMatchObject({
      rowsImported: 3,
      tableCreated: true,
    });
    expect(await duck.importFromMinio('lake', 'people', 'lake', 'more/people.ndjson')).toMatchObject({
      rowsImported: 2,
      tableCreated: false,
    });
    expect(await duck.executeQuery('lake', 'SELECT id, name, score FROM people ORDER BY id')).toEqual([
      { id: 1, name: 'ada', score: 9.5 },
      { id: 2, name: 'grace', score: 8.25 },
      { id: 3, name: 'linus', score: 7 },
      { id: 4, name: 'ken', score: 6.5 },
      { id: 5, name: 'dennis', score: 5 },
    ]);
    await duck.importFromMinio('lake', 'people', 'lake', 'people.csv', { truncate: true, mode: 'append' });
    expect(await duck.executeQuery('lake', 'SELECT count(*) AS n FROM people')).toEqual([{ n: 3 }]);
    await expect(
      duck.importFromMinio('lake', 'people', 'lake', 'people.csv', { mode: 'create' }),
    ).rejects.toMatchObject({
      code: GrpcStatus.ALREADY_EXISTS,
    });
    await expect(
      duck.importFromMinio('lake', 'absent', 'lake', 'people.csv', { mode: 'append' }),
    ).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    expect(
      await duck.importFromMinio('lake', 'people', 'lake', 'more/people.ndjson', { mode: 'replace' }),
    ).toMatchObject({ rowsImported: 2, tableCreated: true });
    expect(await duck.executeQuery('lake', 'SELECT min(id) AS lo FROM people')).toEqual([{ lo: 4 }]);
  });

  it('passes reader options, and refuses unknown ones and bad values', async () => {
    await minio.uploadObject('lake', 'semi.txt', 'a;b\n1;x\n2;y\n');
    expect(
      await duck.importFromMinio('lake', 'semicolons', 'lake', 'semi.txt', {
        fileFormat: 'csv',
        options: { delim: ';', header: true },
      }),
    ).toMatchObject({ rowsImported: 2 });
    expect(await duck.executeQuery('lake', 'SELECT a, b FROM semicolons ORDER BY a')).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    await expect(
      duck.importFromMinio('lake', 'x', 'lake', 'semi.txt', {
        fileFormat: 'csv',
        options: { filename: true },
      }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'options' });
    await expect(
      duck.importFromMinio('lake', 'x', 'lake', 'semi.txt', {
        fileFormat: 'csv',
        options: { header: 'yes' },
      }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'options' });
    await minio.uploadObject('lake', 'data.bin', 'a\n1\n');
    await expect(duck.importFromMinio('lake', 'x', 'lake', 'data.bin')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'format',
    });
  });

  it('exports query results as CSV, Parquet and JSON objects that import back', async () => {
    await duck.executeStatement(
      'lake',
      'CREATE TABLE facts AS SELECT i AS id, i * 1.5 AS v FROM range(1000) t(i)',
    );
    for (const [key, format] of [
      ['out/facts.csv', 'csv'],
      ['out/facts.parquet', 'parquet'],
      ['out/facts.json', 'json'],
    ] as const) {
      const exported = (await duck.exportToMinio('lake', 'SELECT * FROM facts WHERE id < $1', 'lake', key, {
        params: [500],
      }))!;
      expect(exported.rowsExported, key).toBe(500);
      expect(exported.fileSize).toBe((await minio.statObject('lake', key))!.size);
      const table = `back_${format}`;
      expect(
        (await duck.importFromMinio('lake', table, 'lake', key, { fileFormat: format }))!.rowsImported,
      ).toBe(500);
      expect(await duck.executeQuery('lake', `SELECT count(*) AS n, sum(v) AS s FROM ${table}`)).toEqual([
        { n: 500, s: 187_125 },
      ]);
    }
    const head = (await minio.getObject('lake', 'out/facts.csv'))!.toString().split('\n')[0];
    expect(head).toBe('id,v');
    await expect(
      duck.exportToMinio('lake', 'SELECT 1', 'lake', 'out/facts.csv', { overwrite: false }),
    ).rejects.toMatchObject({ code: GrpcStatus.ALREADY_EXISTS });
    await expect(duck.exportToMinio('lake', 'DELETE FROM facts', 'lake', 'x.csv')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'query',
    });
    expect(await duck.executeQuery('lake', 'SELECT count(*) AS n FROM facts')).toEqual([{ n: 1000 }]);
  });

  it('queries an object in place with $FILE, with or without a database', async () => {
    expect(await duck.queryMinioFile('lake', 'lake', 'people.csv', { limit: 2 })).toEqual([
      { id: 1, name: 'ada', score: 9.5 },
      { id: 2, name: 'grace', score: 8.25 },
    ]);
    expect(
      await duck.queryMinioFile('', 'lake', 'out/facts.parquet', {
        query: 'SELECT count(*) AS n, max(id) AS top FROM $FILE WHERE v > 100',
      }),
    ).toEqual([{ n: 433, top: 499 }]);
    // Two placeholders: the same object joined with itself.
    expect(
      await duck.queryMinioFile('lake', 'lake', 'people.csv', {
        query: 'SELECT count(*) AS pairs FROM $FILE a JOIN $FILE b ON a.id < b.id',
      }),
    ).toEqual([{ pairs: 3 }]);
    await expect(
      duck.queryMinioFile('lake', 'lake', 'people.csv', { query: 'SELECT 1' }),
    ).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'query',
    });
    await expect(duck.queryMinioFile('lake', 'lake', 'nope.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
  });

  it('streams CSV, NDJSON and Parquet bytes into tables (ImportData)', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},name-${i}`).join('\n');
    async function* chunks() {
      yield Buffer.from('id,name\n');
      for (let at = 0; at < rows.length; at += 7000) yield Buffer.from(rows.slice(at, at + 7000));
    }
    const imported = (await duck.importData('lake', 'streamed', chunks(), {
      fileFormat: 'csv',
      chunkSize: 4096,
    }))!;
    expect(imported).toMatchObject({ rowsImported: 20_000, tableCreated: true });
    expect(imported.bytesReceived).toBe(Buffer.byteLength(rows) + 8);
    expect(
      await duck.executeQuery('lake', 'SELECT max(id) AS m, count(DISTINCT name) AS d FROM streamed'),
    ).toEqual([{ m: 19_999, d: 20_000 }]);
    expect((await duck.importData('lake', 'json_rows', NDJSON, { fileFormat: 'json' }))!.rowsImported).toBe(
      2,
    );
    const parquet = (await minio.getObject('lake', 'out/facts.parquet'))!;
    expect((await duck.importData('lake', 'pq', parquet, { fileFormat: 'parquet' }))!.rowsImported).toBe(500);
    await expect(
      duck.importData('lake', 'short', 'id\n1\n', { fileFormat: 'csv', totalSize: 100 }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'header.total_size' });
    await expect(duck.listTables('lake', { prefix: 'short' })).resolves.toEqual([]);
    await expect(duck.importData('lake', 'bad', 'garbage', { fileFormat: 'parquet' })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
  });

  it('keeps every object access inside the caller’s own buckets', async () => {
    const otherId = uniqueUser('other');
    const other = stack.client('duckdb', { userId: otherId, throwOnError: true });
    await other.createDatabase('lake');
    // "lake" is the other tenant's own (missing) bucket, never this tenant's.
    await expect(other.importFromMinio('lake', 't', 'lake', 'people.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(other.queryMinioFile('', 'lake', 'people.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(other.exportToMinio('lake', 'SELECT 1', 'lake', 'planted.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(other.backupDatabase('lake', 'lake')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    // Physical-looking names stay names of the caller's own namespace.
    const physical = `user-${encodeUserId(userId)}-lake`;
    await expect(other.importFromMinio('lake', 't', physical, 'people.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    for (const key of ['../people.csv', '/etc/passwd', 'a/../../b']) {
      await expect(
        other.importFromMinio('lake', 't', 'lake', key, { fileFormat: 'csv' }),
        key,
      ).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'object_key',
      });
    }
    expect(await minio.bucketExists('lake')).toBe(true);
    await expect(minio.statObject('lake', 'planted.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
  });
});

describe('DuckDB and object storage with auth', () => {
  const SECRET = 'duckdb-test-secret-long-enough-for-hs256!';
  const token = (sub: string) =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(SECRET));
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(['minio', 'duckdb'], { ISA_AUTH_MODE: 'jwt', ISA_JWT_SECRET: SECRET });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('reads objects with the caller’s own token, so only its own buckets are reachable', async () => {
    const alice = await token('alice');
    const aliceMinio = stack.client('minio', { token: alice, throwOnError: true });
    const aliceDuck = stack.client('duckdb', { token: alice, throwOnError: true });
    await aliceMinio.createBucket('data');
    await aliceMinio.uploadObject('data', 'n.csv', 'n\n1\n2\n');
    await aliceDuck.createDatabase('a');
    expect((await aliceDuck.importFromMinio('a', 'n', 'data', 'n.csv'))!.rowsImported).toBe(2);
    expect(await aliceDuck.exportToMinio('a', 'SELECT sum(n) AS s FROM n', 'data', 'sum.csv')).toMatchObject({
      rowsExported: 1,
    });
    expect((await aliceMinio.getObject('data', 'sum.csv'))!.toString()).toBe('s\n3\n');

    const bobDuck = stack.client('duckdb', { token: await token('bob'), throwOnError: true });
    await bobDuck.createDatabase('a');
    await expect(bobDuck.importFromMinio('a', 'n', 'data', 'n.csv')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(
      stack
        .client('duckdb', { token: await token('bob'), userId: 'alice', throwOnError: true })
        .listDatabases(),
    ).rejects.toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
  });
});
