import { type DuckDBClient, DuckDBInterval, DuckDBParam } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

/** Every DuckDB type comes back as the documented TypeScript value, with its real column type. */
describe('DuckDB typed values', () => {
  let stack: TestStack;
  let duck: DuckDBClient;

  beforeAll(async () => {
    stack = await startStack(['duckdb']);
    duck = stack.client('duckdb', { userId: uniqueUser('types'), throwOnError: true });
    await duck.createDatabase('types');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const one = async (sql: string) => {
    const result = (await duck.query('types', sql))!;
    return { row: result.rows[0]!, columns: result.columns };
  };

  it('keeps integers exact beyond 2^53', async () => {
    const { row, columns } = await one(
      `SELECT 42::TINYINT AS tiny, 9007199254740993::BIGINT AS big, '-9223372036854775808'::BIGINT AS min64,
              18446744073709551615::UBIGINT AS umax, 170141183460469231731687303715884105727::HUGEINT AS hmax,
              '-170141183460469231731687303715884105728'::HUGEINT AS hmin,
              340282366920938463463374607431768211455::UHUGEINT AS uhmax, 12::HUGEINT AS hsmall,
              4294967295::UINTEGER AS u32`,
    );
    expect(row).toEqual({
      tiny: 42,
      big: 9007199254740993n,
      min64: -9223372036854775808n,
      umax: 18446744073709551615n,
      hmax: 170141183460469231731687303715884105727n,
      hmin: -170141183460469231731687303715884105728n,
      uhmax: 340282366920938463463374607431768211455n,
      hsmall: 12,
      u32: 4294967295,
    });
    expect(columns.map((c) => c.type)).toEqual([
      'TINYINT',
      'BIGINT',
      'BIGINT',
      'UBIGINT',
      'HUGEINT',
      'HUGEINT',
      'UHUGEINT',
      'HUGEINT',
      'UINTEGER',
    ]);
  });

  it('returns decimals exactly: numbers up to 15 digits, text beyond', async () => {
    const { row, columns } = await one(
      `SELECT 123.45::DECIMAL(10,2) AS price, 12345678901234567890.123456789012345678::DECIMAL(38,18) AS wide,
              -0.001::DECIMAL(4,3) AS tiny, 'NaN'::DOUBLE AS nan, 'inf'::DOUBLE AS inf, 1.5::FLOAT AS f`,
    );
    expect(row.price).toBe(123.45);
    expect(row.wide).toBe('12345678901234567890.123456789012345678');
    expect(row.tiny).toBe(-0.001);
    expect(row.nan).toBeNaN();
    expect(row.inf).toBe(Number.POSITIVE_INFINITY);
    expect(row.f).toBe(1.5);
    expect(columns.slice(0, 2).map((c) => c.type)).toEqual(['DECIMAL(10,2)', 'DECIMAL(38,18)']);
    // Sums widen to DECIMAL(38,s); values with at most 15 significant digits stay numbers.
    const sum = await one(
      'SELECT sum(v) AS total FROM (VALUES (1.10::DECIMAL(10,2)), (2.20::DECIMAL(10,2))) t(v)',
    );
    expect(sum.row.total).toBe(3.3);
    expect(sum.columns[0]!.type).toBe('DECIMAL(38,2)');
  });

  it('returns dates and times as Dates and time-of-day text', async () => {
    const { row, columns } = await one(
      `SELECT DATE '2024-02-29' AS d, DATE '1969-12-31' AS before_epoch, TIME '13:45:30.123456' AS t,
              TIMETZ '13:45:30+05:30' AS ttz, TIMESTAMP '2024-02-29 13:45:30.123456' AS ts,
              TIMESTAMPTZ '2024-02-29 13:45:30+02' AS tstz, '2024-02-29 13:45:30.123456789'::TIMESTAMP_NS AS tns,
              '2024-02-29 13:45:30'::TIMESTAMP_S AS ts_s, '2024-02-29 13:45:30.5'::TIMESTAMP_MS AS ts_ms,
              'infinity'::TIMESTAMP AS forever, '-infinity'::DATE AS dawn,
              TIMESTAMP '1960-01-01 00:00:00.0005' AS old`,
    );
    expect(row).toEqual({
      d: new Date('2024-02-29T00:00:00Z'),
      before_epoch: new Date('1969-12-31T00:00:00Z'),
      t: '13:45:30.123456',
      ttz: '13:45:30+05:30',
      ts: new Date('2024-02-29T13:45:30.123Z'),
      tstz: new Date('2024-02-29T11:45:30Z'),
      tns: new Date('2024-02-29T13:45:30.123Z'),
      ts_s: new Date('2024-02-29T13:45:30Z'),
      ts_ms: new Date('2024-02-29T13:45:30.500Z'),
      forever: Number.POSITIVE_INFINITY,
      dawn: Number.NEGATIVE_INFINITY,
      old: new Date('1960-01-01T00:00:00.000Z'),
    });
    expect(columns.map((c) => c.type)).toEqual([
      'DATE',
      'DATE',
      'TIME',
      'TIME WITH TIME ZONE',
      'TIMESTAMP',
      'TIMESTAMP WITH TIME ZONE',
      'TIMESTAMP_NS',
      'TIMESTAMP_S',
      'TIMESTAMP_MS',
      'TIMESTAMP',
      'DATE',
      'TIMESTAMP',
    ]);
  });

  it('returns intervals, UUIDs, blobs, bits, enums and NULLs', async () => {
    await duck.executeStatement('types', "CREATE TYPE mood AS ENUM ('sad', 'happy')");
    const { row, columns } = await one(
      `SELECT INTERVAL '1 year 2 months 3 days 04:05:06.000007' AS i,
              '550e8400-e29b-41d4-a716-446655440000'::UUID AS u, '\\xDE\\xAD\\xBE\\xEF'::BLOB AS b,
              '10110'::BIT AS bits, 'happy'::mood AS m, NULL AS n, NULL::INTEGER AS ni, true AS yes`,
    );
    expect(row.i).toBeInstanceOf(DuckDBInterval);
    expect(row.i).toMatchObject({ months: 14, days: 3, micros: 14_706_000_007 });
    expect(row.u).toBe('550e8400-e29b-41d4-a716-446655440000');
    expect(Buffer.from(row.b as Uint8Array).toString('hex')).toBe('deadbeef');
    expect(row.bits).toBe('10110');
    expect(row.m).toBe('happy');
    expect(row.n).toBeNull();
    expect(row.ni).toBeNull();
    expect(row.yes).toBe(true);
    expect(columns.map((c) => c.type)).toEqual([
      'INTERVAL',
      'UUID',
      'BLOB',
      'BIT',
      "ENUM('sad', 'happy')",
      'INTEGER',
      'INTEGER',
      'BOOLEAN',
    ]);
  });

  it('returns nested values as arrays, objects and Maps', async () => {
    const { row, columns } = await one(
      `SELECT [1, 2, NULL] AS list, [[1.5], []] AS nested, {'name': 'Ada', 'born': DATE '1815-12-10',
              'langs': ['en', 'fr']} AS person, MAP {'a': 1, 'b': 2} AS m, MAP {1: [true]} AS m2,
              [1, 2, 3]::INTEGER[3] AS arr, union_value(num := 7)::UNION(num INTEGER, str VARCHAR) AS un,
              [{'k': 9007199254740993::BIGINT}] AS deep`,
    );
    expect(row.list).toEqual([1, 2, null]);
    expect(row.nested).toEqual([[1.5], []]);
    expect(row.person).toEqual({ name: 'Ada', born: new Date('1815-12-10T00:00:00Z'), langs: ['en', 'fr'] });
    expect(row.m).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
      ]),
    );
    expect(row.m2).toEqual(new Map([[1, [true]]]));
    expect(row.arr).toEqual([1, 2, 3]);
    expect(row.un).toBe(7);
    expect(row.deep).toEqual([{ k: 9007199254740993n }]);
    expect(columns.map((c) => c.type)).toEqual([
      'INTEGER[]',
      'DECIMAL(2,1)[][]',
      'STRUCT("name" VARCHAR, "born" DATE, "langs" VARCHAR[])',
      'MAP(VARCHAR, INTEGER)',
      'MAP(INTEGER, BOOLEAN[])',
      'INTEGER[3]',
      'UNION("num" INTEGER, "str" VARCHAR)',
      'STRUCT("k" BIGINT)[]',
    ]);
  });

  it('keeps NULLs in every vector kind and across many rows', async () => {
    const rows = await duck.executeQuery(
      'types',
      `SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS n,
              CASE WHEN i % 4 = 0 THEN NULL ELSE i * 1.5 END::DOUBLE AS d,
              CASE WHEN i % 5 = 0 THEN NULL ELSE 'v' || i END AS s,
              CASE WHEN i % 6 = 0 THEN NULL ELSE i % 2 = 0 END AS b,
              CASE WHEN i % 7 = 0 THEN NULL ELSE TIMESTAMP '2020-01-01' + to_days(i) END AS ts,
              CASE WHEN i % 8 = 0 THEN NULL ELSE i::HUGEINT END AS h
         FROM range(5000) t(i) ORDER BY i`,
    );
    expect(rows).toHaveLength(5000);
    rows!.forEach((row, i) => {
      expect(row.n).toBe(i % 3 === 0 ? null : i);
      expect(row.d).toBe(i % 4 === 0 ? null : i * 1.5);
      expect(row.s).toBe(i % 5 === 0 ? null : `v${i}`);
      expect(row.b).toBe(i % 6 === 0 ? null : i % 2 === 0);
      expect(row.ts).toEqual(i % 7 === 0 ? null : new Date(Date.UTC(2020, 0, 1 + i)));
      expect(row.h).toBe(i % 8 === 0 ? null : i);
    });
  });

  it('decodes non-ASCII text correctly', async () => {
    expect(
      await duck.executeQuery(
        'types',
        "SELECT 'naïve ☕' AS a, '' AS empty, '日本語' AS b UNION ALL SELECT 'x', 'y', 'z'",
      ),
    ).toEqual([
      { a: 'naïve ☕', empty: '', b: '日本語' },
      { a: 'x', empty: 'y', b: 'z' },
    ]);
  });

  it('round-trips typed parameters into columns and back', async () => {
    await duck.executeStatement(
      'types',
      `CREATE TABLE everything (i INTEGER, big BIGINT, h HUGEINT, d DECIMAL(20,4), s VARCHAR, b BLOB,
         day DATE, t TIME, ts TIMESTAMP, tstz TIMESTAMPTZ, iv INTERVAL, u UUID, l INTEGER[],
         st STRUCT(a INTEGER, b VARCHAR), m MAP(VARCHAR, DOUBLE), flag BOOLEAN, n VARCHAR)`,
    );
    const values = [
      7,
      9007199254740993n,
      -170141183460469231731687303715884105728n,
      DuckDBParam.decimal('1234567890123456.7891'),
      'text',
      new Uint8Array([0, 255, 10]),
      DuckDBParam.date('2024-02-29'),
      DuckDBParam.time('23:59:59.999999'),
      DuckDBParam.timestamp(new Date('2024-02-29T13:45:30.123Z')),
      new Date('2024-02-29T13:45:30.123Z'),
      new DuckDBInterval(1, 2, 3_000_000),
      DuckDBParam.uuid('550e8400-e29b-41d4-a716-446655440000'),
      [1, null, 3],
      { a: 1, b: 'x' },
      new Map([['pi', 3.14]]),
      true,
      null,
    ];
    const inserted = await duck.executeStatement(
      'types',
      `INSERT INTO everything VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
      { params: values },
    );
    expect(inserted).toBe(1);
    const [row] = (await duck.executeQuery('types', 'SELECT * FROM everything'))!;
    expect(row).toEqual({
      i: 7,
      big: 9007199254740993n,
      h: -170141183460469231731687303715884105728n,
      d: '1234567890123456.7891',
      s: 'text',
      b: new Uint8Array([0, 255, 10]),
      day: new Date('2024-02-29T00:00:00Z'),
      t: '23:59:59.999999',
      ts: new Date('2024-02-29T13:45:30.123Z'),
      tstz: new Date('2024-02-29T13:45:30.123Z'),
      iv: new DuckDBInterval(1, 2, 3_000_000),
      u: '550e8400-e29b-41d4-a716-446655440000',
      l: [1, null, 3],
      st: { a: 1, b: 'x' },
      m: new Map([['pi', 3.14]]),
      flag: true,
      n: null,
    });
    // A value read back binds again unchanged.
    const again = await duck.executeQuery(
      'types',
      'SELECT count(*) AS n FROM everything WHERE big = $1 AND h = $2 AND iv = $3 AND l = $4 AND st = $5 AND day = $6',
      { params: [row!.big, row!.h, row!.iv, row!.l, row!.st, row!.day] },
    );
    expect(again).toEqual([{ n: 1 }]);
  });
});
