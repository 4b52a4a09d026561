import type { DuckDBClient, MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

/** The usage guide's DuckDB examples, in the SDK's idiom, with the numbers checked. */
describe('DuckDB: the usage guide', () => {
  let stack: TestStack;
  let duck: DuckDBClient;
  let minio: MinIOClient;

  beforeAll(async () => {
    stack = await startStack(['minio', 'duckdb']);
    const userId = uniqueUser('analyst');
    duck = stack.client('duckdb', { userId, throwOnError: true });
    minio = stack.client('minio', { userId, throwOnError: true });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('runs the basic operations exactly as the guide writes them', async () => {
    expect((await duck.healthCheck())!.healthy).toBe(true);
    const created = await duck.createDatabase('analytics', { metadata: { description: 'Analytics DB' } });
    expect(created).toMatchObject({
      name: 'analytics',
      metadata: { description: 'Analytics DB' },
      tableCount: 0,
    });
    expect((await duck.listDatabases())!.map((d) => d.name)).toEqual(['analytics']);

    await duck.createTable('analytics', 'users', {
      id: 'INTEGER',
      name: 'VARCHAR',
      age: 'INTEGER',
      created_at: 'TIMESTAMP',
    });
    const inserted = await duck.executeStatement(
      'analytics',
      "INSERT INTO users VALUES (1, 'Alice', 30, NOW()), (2, 'Bob', 25, NOW())",
    );
    expect(inserted).toBe(2);

    const rows = await duck.executeQuery(
      'analytics',
      'SELECT * FROM users WHERE age > 20 ORDER BY age DESC',
      {
        limit: 100,
      },
    );
    expect(rows!.map((r) => [r.id, r.name, r.age])).toEqual([
      [1, 'Alice', 30],
      [2, 'Bob', 25],
    ]);
    expect(rows![0]!.created_at).toBeInstanceOf(Date);
    expect(Math.abs((rows![0]!.created_at as Date).getTime() - Date.now())).toBeLessThan(60_000);
    expect(await duck.listTables('analytics')).toEqual(['users']);
  });

  it('imports the uploaded sales CSV and aggregates it by month with the right numbers', async () => {
    await minio.createBucket('rawdata');
    const csv = [
      'sale_date,amount,product',
      '2025-01-05,100.50,widget',
      '2025-01-20,49.50,gadget',
      '2025-02-01,200.00,widget',
      '2025-02-14,10.25,gizmo',
      '2025-02-28,5.75,gizmo',
      '2025-03-31,1000.00,widget',
    ].join('\n');
    await minio.uploadObject('rawdata', 'sales_2025.csv', csv, { contentType: 'text/csv' });

    await duck.createDatabase('sales_analytics');
    const imported = await duck.importFromMinio('sales_analytics', 'sales', 'rawdata', 'sales_2025.csv', {
      fileFormat: 'csv',
    });
    expect(imported).toMatchObject({ rowsImported: 6, tableCreated: true });

    const results = await duck.executeQuery(
      'sales_analytics',
      `SELECT
         DATE_TRUNC('month', sale_date) as month,
         SUM(amount) as total_sales,
         COUNT(*) as num_transactions
       FROM sales
       GROUP BY month
       ORDER BY month`,
    );
    expect(results).toEqual([
      { month: new Date('2025-01-01T00:00:00Z'), total_sales: 150, num_transactions: 2 },
      { month: new Date('2025-02-01T00:00:00Z'), total_sales: 216, num_transactions: 3 },
      { month: new Date('2025-03-01T00:00:00Z'), total_sales: 1000, num_transactions: 1 },
    ]);

    const inPlace = await duck.queryMinioFile('sales_analytics', 'rawdata', 'sales_2025.csv', {
      fileFormat: 'csv',
      limit: 100,
    });
    expect(inPlace).toHaveLength(6);
    expect(inPlace![0]).toMatchObject({ amount: 100.5, product: 'widget' });
  });
});
