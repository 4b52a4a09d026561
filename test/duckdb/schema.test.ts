import { type DuckDBClient, GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

describe('DuckDB schema', () => {
  let stack: TestStack;
  let duck: DuckDBClient;

  beforeAll(async () => {
    stack = await startStack(['duckdb']);
    duck = stack.client('duckdb', { userId: uniqueUser('schema'), throwOnError: true });
    await duck.createDatabase('shop');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('creates a table with nullability as given, keys, defaults and comments', async () => {
    const table = (await duck.createTable(
      'shop',
      'products',
      [
        { name: 'id', type: 'INTEGER', primaryKey: true },
        { name: 'sku', type: 'VARCHAR', nullable: false, unique: true },
        { name: 'price', type: 'DECIMAL(10,2)', default: '0', comment: 'in euros' },
        { name: 'tags', type: 'VARCHAR[]' },
        { name: 'added', type: 'TIMESTAMP', default: 'now()' },
      ],
      { comment: 'what we sell' },
    ))!;
    expect(table).toMatchObject({
      name: 'products',
      schemaName: 'main',
      comment: 'what we sell',
      rowCount: 0,
    });
    expect(table.columns).toEqual([
      {
        name: 'id',
        dataType: 'INTEGER',
        nullable: false,
        defaultValue: '',
        primaryKey: true,
        unique: false,
        comment: '',
      },
      {
        name: 'sku',
        dataType: 'VARCHAR',
        nullable: false,
        defaultValue: '',
        primaryKey: false,
        unique: true,
        comment: '',
      },
      {
        name: 'price',
        dataType: 'DECIMAL(10,2)',
        nullable: true,
        defaultValue: expect.stringContaining('0'),
        primaryKey: false,
        unique: false,
        comment: 'in euros',
      },
      {
        name: 'tags',
        dataType: 'VARCHAR[]',
        nullable: true,
        defaultValue: '',
        primaryKey: false,
        unique: false,
        comment: '',
      },
      {
        name: 'added',
        dataType: 'TIMESTAMP',
        nullable: true,
        defaultValue: expect.stringMatching(/now|current_timestamp/i),
        primaryKey: false,
        unique: false,
        comment: '',
      },
    ]);
    // The guide's { column: type } form leaves every column nullable.
    await duck.createTable('shop', 'loose', { a: 'INTEGER', b: 'VARCHAR' });
    expect(await duck.executeStatement('shop', 'INSERT INTO loose VALUES (NULL, NULL)')).toBe(1);
    await expect(
      duck.executeStatement('shop', 'INSERT INTO products (id, sku) VALUES (1, NULL)'),
    ).rejects.toMatchObject({
      code: GrpcStatus.FAILED_PRECONDITION,
    });
    await duck.executeStatement('shop', "INSERT INTO products (id, sku) VALUES (1, 'A')");
    await expect(
      duck.executeStatement('shop', "INSERT INTO products (id, sku) VALUES (1, 'B')"),
    ).rejects.toMatchObject({
      code: GrpcStatus.FAILED_PRECONDITION,
    });
    expect(await duck.executeQuery('shop', 'SELECT price FROM products')).toEqual([{ price: 0 }]);
  });

  it('supports composite keys, if-not-exists and schemas', async () => {
    await duck.createTable(
      'shop',
      'lines',
      { order_id: 'INTEGER', line: 'INTEGER', qty: 'INTEGER' },
      {
        primaryKeys: ['order_id', 'line'],
      },
    );
    const schema = (await duck.getTableSchema('shop', 'lines'))!;
    expect(schema.columns.filter((c) => c.primaryKey).map((c) => c.name)).toEqual(['order_id', 'line']);
    await expect(duck.createTable('shop', 'lines', { x: 'INTEGER' })).rejects.toMatchObject({
      code: GrpcStatus.ALREADY_EXISTS,
    });
    const again = (await duck.createTable('shop', 'lines', { x: 'INTEGER' }, { ifNotExists: true }))!;
    expect(again.columns.map((c) => c.name)).toEqual(['order_id', 'line', 'qty']);
    await expect(
      duck.createTable('shop', 'bad', { a: 'INTEGER' }, { primaryKeys: ['nope'] }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'primary_keys' });
    await expect(duck.createTable('shop', 'bad', { a: 'NOT_A_TYPE' })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    await expect(duck.createTable('shop', 'bad', {})).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'columns',
    });
    await duck.executeStatement('shop', 'CREATE SCHEMA archive');
    await duck.createTable('shop', 'lines', { old: 'INTEGER' }, { schemaName: 'archive' });
    expect(await duck.listTables('shop', { schemaName: 'archive' })).toEqual(['lines']);
    expect(
      (await duck.getTableSchema('shop', 'lines', { schemaName: 'archive' }))!.columns.map((c) => c.name),
    ).toEqual(['old']);
  });

  it('lists, describes and drops tables', async () => {
    await duck.createTable('shop', 'temp_a', { x: 'INTEGER' });
    await duck.createTable('shop', 'temp_b', { x: 'INTEGER' });
    expect(await duck.listTables('shop', { prefix: 'temp_' })).toEqual(['temp_a', 'temp_b']);
    const infos = (await duck.listTableInfos('shop', { prefix: 'temp_' }))!;
    expect(infos.map((t) => [t.name, t.schemaName])).toEqual([
      ['temp_a', 'main'],
      ['temp_b', 'main'],
    ]);
    expect(await duck.dropTable('shop', 'temp_a')).toBe(true);
    expect(await duck.dropTable('shop', 'temp_a')).toBe(false);
    await expect(duck.dropTable('shop', 'temp_a', { ifExists: false })).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
    await expect(duck.getTableSchema('shop', 'temp_a')).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
    expect(await duck.dropTable('shop', 'temp_b', { cascade: true })).toBe(true);
    expect(await duck.listTables('shop', { prefix: 'temp_' })).toEqual([]);
  });

  it('reports table stats: rows, size, per-column min/max/nulls/distinct', async () => {
    await duck.executeStatement(
      'shop',
      `CREATE TABLE events AS SELECT i AS id, CASE WHEN i % 10 = 0 THEN NULL ELSE i % 7 END AS kind,
         'e' || (i % 100) AS name, DATE '2024-01-01' + (i % 366)::INTEGER AS day, {'a': i} AS nested
         FROM range(20000) t(i)`,
    );
    const stats = (await duck.getTableStats('shop', 'events'))!;
    expect(stats).toMatchObject({ tableName: 'events', rowCount: 20000 });
    expect(stats.sizeBytes).toBeGreaterThan(0);
    const byName = Object.fromEntries(stats.columnStats.map((c) => [c.name, c]));
    expect(byName.id).toMatchObject({ dataType: 'BIGINT', min: 0, max: 19999, nullCount: 0 });
    expect(byName.id!.distinctCount).toBeGreaterThan(18000);
    expect(byName.kind).toMatchObject({ min: 0, max: 6, nullCount: 2000 });
    expect(byName.kind!.distinctCount).toBeGreaterThanOrEqual(6);
    expect(byName.kind!.distinctCount).toBeLessThanOrEqual(8);
    expect(byName.name).toMatchObject({ min: 'e0', max: 'e99', nullCount: 0 });
    expect(byName.day).toMatchObject({
      min: new Date('2024-01-01T00:00:00Z'),
      max: new Date('2024-12-31T00:00:00Z'),
    });
    expect(byName.nested).toMatchObject({ min: undefined, max: undefined, nullCount: 0 });
    const brief = (await duck.getTableStats('shop', 'events', { includeColumns: false }))!;
    expect(brief).toMatchObject({ rowCount: 20000, columnStats: [] });
  });

  it('creates, replaces, lists and drops views', async () => {
    const view = (await duck.createView('shop', 'cheap', 'SELECT id, sku FROM products WHERE price < 10'))!;
    expect(view).toMatchObject({ name: 'cheap', schemaName: 'main' });
    expect(view.columns).toEqual([
      { name: 'id', type: 'INTEGER' },
      { name: 'sku', type: 'VARCHAR' },
    ]);
    await expect(duck.createView('shop', 'cheap', 'SELECT 1 AS x')).rejects.toMatchObject({
      code: GrpcStatus.ALREADY_EXISTS,
    });
    await duck.createView('shop', 'cheap', 'SELECT sku FROM products', { replace: true });
    expect(await duck.executeQuery('shop', 'SELECT * FROM cheap')).toEqual([{ sku: 'A' }]);
    expect((await duck.listViews('shop'))!.map((v) => v.name)).toEqual(['cheap']);
    await expect(duck.createView('shop', 'writer', 'DELETE FROM products')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'query',
    });
    expect(await duck.dropView('shop', 'cheap')).toBe(true);
    expect(await duck.dropView('shop', 'cheap')).toBe(false);
    expect(await duck.listViews('shop')).toEqual([]);
  });

  it('creates scalar and table macros DuckDB accepts', async () => {
    const add = (await duck.createFunction('shop', 'add_tax', ['amount', 'rate'], 'amount * (1 + rate)'))!;
    expect(add).toMatchObject({ name: 'add_tax', parameters: ['amount', 'rate'], functionType: 'macro' });
    expect(await duck.executeQuery('shop', 'SELECT add_tax(100, 0.2) AS gross')).toEqual([{ gross: 120 }]);
    const table = (await duck.createFunction('shop', 'first_n', ['n'], 'SELECT * FROM range(n)', {
      table: true,
    }))!;
    expect(table.functionType).toBe('table_macro');
    expect(await duck.executeQuery('shop', 'SELECT count(*) AS c FROM first_n(5)')).toEqual([{ c: 5 }]);
    expect((await duck.listFunctions('shop'))!.map((f) => f.name).sort()).toEqual(['add_tax', 'first_n']);
    await expect(duck.createFunction('shop', 'add_tax', ['x'], 'x')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    await duck.createFunction('shop', 'add_tax', ['x'], 'x + 1', { replace: true });
    expect(await duck.executeQuery('shop', 'SELECT add_tax(1) AS y')).toEqual([{ y: 2 }]);
    await expect(duck.createFunction('shop', 'bad', ['a', 'a'], 'a')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'parameters',
    });
    expect(await duck.dropFunction('shop', 'add_tax')).toBe(true);
    expect(await duck.dropFunction('shop', 'first_n')).toBe(false);
    expect(await duck.dropFunction('shop', 'first_n', { table: true })).toBe(true);
    expect(await duck.listFunctions('shop')).toEqual([]);
  });
});
