import { type DuckDBClient, type DuckDBColumn, GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

describe('DuckDB SQL', () => {
  let stack: TestStack;
  let duck: DuckDBClient;

  beforeAll(async () => {
    stack = await startStack(['duckdb'], { DUCKDB_MAX_RESULT_ROWS: '5000' });
    duck = stack.client('duckdb', { userId: uniqueUser('sql'), throwOnError: true });
    await duck.createDatabase('db');
    await duck.executeStatement(
      'db',
      "CREATE TABLE nums AS SELECT i AS n, i % 10 AS bucket, 'row ' || i AS label FROM range(10000) t(i)",
    );
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('applies the limit and says when a result was cut', async () => {
    const limited = (await duck.query('db', 'SELECT n FROM nums ORDER BY n', { limit: 3 }))!;
    expect(limited.rows).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(limited).toMatchObject({ rowCount: 3, truncated: true });
    const exact = (await duck.query('db', 'SELECT n FROM nums ORDER BY n LIMIT 3', { limit: 3 }))!;
    expect(exact).toMatchObject({ rowCount: 3, truncated: false });
    // Without a limit the server's cap applies (5000 here), and says so.
    const capped = (await duck.query('db', 'SELECT n FROM nums'))!;
    expect(capped).toMatchObject({ rowCount: 5000, truncated: true });
    expect(capped.columns).toEqual([{ name: 'n', type: 'BIGINT', typeId: expect.any(Number) }]);
  });

  it('binds positional and named parameters, and says what is missing', async () => {
    expect(
      await duck.executeQuery('db', 'SELECT n, label FROM nums WHERE n = $1 OR n = ?', { params: [5, 7] }),
    ).toEqual([
      { n: 5, label: 'row 5' },
      { n: 7, label: 'row 7' },
    ]);
    expect(
      await duck.executeQuery('db', 'SELECT count(*) AS c FROM nums WHERE bucket = $b AND label LIKE $p', {
        params: { b: 3, p: 'row 1%' },
      }),
    ).toEqual([{ c: 111 }]);
    await expect(duck.executeQuery('db', 'SELECT $1 + $2 AS x', { params: [1] })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'parameters',
    });
    await expect(duck.executeQuery('db', 'SELECT $a AS x', { params: { b: 1 } })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'parameters.named',
    });
    await expect(
      duck.executeQuery('db', 'SELECT $1::INTEGER AS x', { params: ['abc'] }),
    ).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
  });

  it('returns DuckDB’s message for bad SQL as INVALID_ARGUMENT', async () => {
    const failures = [
      ['SELEC 1', /Parser Error/],
      ['SELECT * FROM missing_table', /Catalog Error.*missing_table/],
      ['SELECT nope FROM nums', /Binder Error.*nope/],
      ["SELECT 'x'::INTEGER", /Conversion Error/],
      ['', /required/],
    ] as const;
    for (const [sql, message] of failures) {
      await expect(duck.executeQuery('db', sql), sql).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        details: expect.stringMatching(message),
      });
    }
    await expect(duck.executeQuery('nope', 'SELECT 1')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
  });

  it('runs scripts, returns the last result, and counts affected rows', async () => {
    const result = (await duck.query(
      'db',
      'CREATE TABLE script (x INTEGER); INSERT INTO script VALUES (1), (2), (3); SELECT sum(x) AS s FROM script',
    ))!;
    expect(result.rows).toEqual([{ s: 3 + 3 }]);
    expect(result.affectedRows).toBe(3);
    expect(await duck.executeStatement('db', 'UPDATE script SET x = x * 10 WHERE x > 1')).toBe(2);
    expect(await duck.executeStatement('db', 'DELETE FROM script')).toBe(3);
    expect(await duck.executeStatement('db', 'CREATE TABLE copy AS SELECT * FROM nums WHERE n < 42')).toBe(
      42,
    );
    const returning = (await duck.query('db', 'INSERT INTO script VALUES (9) RETURNING x * 2 AS doubled'))!;
    expect(returning.rows).toEqual([{ doubled: 18 }]);
  });

  it('explains a plan without running it, and analyzes when asked', async () => {
    const plan = await duck.explainQuery('db', 'SELECT bucket, count(*) FROM nums GROUP BY bucket');
    expect(plan).toMatch(/HASH_GROUP_BY|GROUP_BY/);
    const analyzed = await duck.explainQuery('db', 'SELECT count(*) FROM nums', { analyze: true });
    expect(analyzed).toMatch(/Total Time|Query Profiling/i);
    await expect(duck.explainQuery('db', 'SELECT 1; SELECT 2')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
  });

  it('streams rows in chunks, whole and in order, without the unary cap', async () => {
    let columns: DuckDBColumn[] = [];
    const sizes: number[] = [];
    let expected = 0;
    for await (const batch of duck.executeQueryStream('db', 'SELECT n, label FROM nums ORDER BY n', {
      chunkRows: 1000,
      onColumns: (c) => {
        columns = c;
      },
    })) {
      sizes.push(batch.length);
      for (const row of batch) expect(row).toEqual({ n: expected, label: `row ${expected++}` });
    }
    expect(expected).toBe(10_000);
    expect(sizes).toEqual(Array(10).fill(1000));
    expect(columns.map((c) => c.name)).toEqual(['n', 'label']);
  });

  it('answers an empty streamed result with its columns and no rows', async () => {
    let columns: DuckDBColumn[] = [];
    const batches = [];
    for await (const batch of duck.executeQueryStream('db', 'SELECT n FROM nums WHERE n < 0', {
      onColumns: (c) => {
        columns = c;
      },
    })) {
      batches.push(batch);
    }
    expect(batches).toEqual([]);
    expect(columns).toEqual([{ name: 'n', type: 'BIGINT', typeId: expect.any(Number) }]);
  });

  it('stops a stream at its limit and when the caller breaks out', async () => {
    let total = 0;
    for await (const batch of duck.executeQueryStream('db', 'SELECT n FROM nums', {
      limit: 2500,
      chunkRows: 1000,
    }))
      total += batch.length;
    expect(total).toBe(2500);
    let seen = 0;
    for await (const batch of duck.executeQueryStream('db', 'SELECT * FROM range(1000000000)', {
      chunkRows: 500,
    })) {
      seen += batch.length;
      if (seen >= 1000) break;
    }
    expect(seen).toBe(1000);
    const deadline = Date.now() + 5_000;
    while ((await duck.getMetrics())!.activeQueries > 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect((await duck.getMetrics())!.activeQueries).toBe(0);
  });

  it('reports a failing stream as an error, not as a short result', async () => {
    const consume = async () => {
      for await (const _ of duck.executeQueryStream(
        'db',
        "SELECT CASE WHEN n = 9000 THEN 'x'::INTEGER ELSE n END FROM nums",
        {
          chunkRows: 100,
        },
      )) {
        // drain
      }
    };
    await expect(consume()).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
  });

  it('runs a transactional batch all-or-nothing, naming the failing statement', async () => {
    await duck.executeStatement('db', 'CREATE TABLE ledger (id INTEGER PRIMARY KEY, amount INTEGER)');
    const ok = (await duck.executeBatch('db', [
      'INSERT INTO ledger VALUES (1, 10)',
      { sql: 'INSERT INTO ledger VALUES ($1, $2), ($3, $4)', params: [2, 20, 3, 30] },
      'UPDATE ledger SET amount = amount + 1',
    ]))!;
    expect(ok.results.map((r) => [r.success, r.affectedRows])).toEqual([
      [true, 1],
      [true, 2],
      [true, 3],
    ]);
    await expect(
      duck.executeBatch('db', ['INSERT INTO ledger VALUES (4, 40)', 'INSERT INTO ledger VALUES (1, 99)']),
    ).rejects.toMatchObject({
      code: GrpcStatus.FAILED_PRECONDITION,
      details: expect.stringContaining('statement 1 failed'),
    });
    expect(await duck.executeQuery('db', 'SELECT id, amount FROM ledger ORDER BY id')).toEqual([
      { id: 1, amount: 11 },
      { id: 2, amount: 21 },
      { id: 3, amount: 31 },
    ]);
    await expect(
      duck.executeBatch('db', ['INSERT INTO ledger VALUES (5, 5)', 'COMMIT']),
    ).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'statements[1].sql',
    });
  });

  it('runs a batch without a transaction statement by statement', async () => {
    await duck.executeStatement('db', 'CREATE TABLE loose (id INTEGER PRIMARY KEY)');
    const statements = [
      'INSERT INTO loose VALUES (1)',
      'INSERT INTO loose VALUES (1)',
      'INSERT INTO loose VALUES (2)',
    ];
    const each = (await duck.executeBatch('db', statements, { useTransaction: false }))!;
    expect(each.results.map((r) => [r.success, r.executed, r.errorCode])).toEqual([
      [true, true, ''],
      [false, true, 'FAILED_PRECONDITION'],
      [true, true, ''],
    ]);
    expect(each.results[1]!.error).toMatch(/Constraint Error|Duplicate key/);
    const stopped = (await duck.executeBatch(
      'db',
      ['INSERT INTO loose VALUES (2)', 'INSERT INTO loose VALUES (3)'],
      { useTransaction: false, stopOnError: true },
    ))!;
    expect(stopped.results.map((r) => [r.success, r.executed])).toEqual([
      [false, true],
      [false, false],
    ]);
    expect(await duck.executeQuery('db', 'SELECT id FROM loose ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('prepares statements on the server with their parameter types and reuses them', async () => {
    const statement = (await duck.prepareStatement(
      'db',
      'SELECT n * 2 AS x, label FROM nums WHERE label LIKE $1 AND n = $2',
    ))!;
    expect(statement.statementType).toBe('SELECT');
    expect(statement.parameters).toEqual([
      { name: '1', type: 'VARCHAR' },
      { name: '2', type: 'BIGINT' },
    ]);
    expect(statement.columns.map((c) => [c.name, c.type])).toEqual([
      ['x', 'BIGINT'],
      ['label', 'VARCHAR'],
    ]);
    expect(statement.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    for (const n of [3, 4, 5]) {
      const result = (await duck.executePrepared(statement.statementId, { params: ['row%', n] }))!;
      expect(result.rows).toEqual([{ x: 2 * n, label: `row ${n}` }]);
    }
    expect((await duck.getMetrics())!.preparedStatements).toBeGreaterThanOrEqual(1);
    const insert = (await duck.prepareStatement('db', 'INSERT INTO loose VALUES ($id)'))!;
    expect(insert.parameters).toEqual([{ name: 'id', type: 'INTEGER' }]);
    expect((await duck.executePrepared(insert.statementId, { params: { id: 77 } }))!.affectedRows).toBe(1);
    expect(await duck.closePreparedStatement(statement.statementId)).toBe(true);
    expect(await duck.closePreparedStatement(statement.statementId)).toBe(false);
    await expect(duck.executePrepared(statement.statementId, { params: ['row%', 1] })).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(duck.prepareStatement('db', 'SELECT 1; SELECT 2')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
  });

  it('resolves failures to null without throwOnError, as the guide documents', async () => {
    const quiet = stack.client('duckdb', { userId: uniqueUser('quiet') });
    expect(await quiet.executeQuery('nope', 'SELECT 1')).toBeNull();
    expect(await quiet.createDatabase('ok')).not.toBeNull();
    expect(await quiet.executeStatement('ok', 'SELEC')).toBeNull();
  });
});
