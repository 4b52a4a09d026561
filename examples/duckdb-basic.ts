/** Guide § DuckDB Client — basic operations. */
import { DuckDBClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  await using client = new DuckDBClient({
    host: env.host,
    port: env.port('duckdb'),
    userId: 'user_123',
    enableCompression: false,
  });

  const healthy = (await client.healthCheck({ detailed: false }))?.healthy;
  env.print(`healthy: ${healthy}`);

  // Database operations
  await client.createDatabase('analytics', { metadata: { description: 'Analytics DB' } });
  const databases = (await client.listDatabases()) ?? [];
  env.print(`Databases: ${JSON.stringify(databases.map((db) => db.name))}`);

  // Create table (columns are nullable unless the type says NOT NULL)
  const schema = { id: 'INTEGER', name: 'VARCHAR', age: 'INTEGER', created_at: 'TIMESTAMP' };
  await client.createTable('analytics', 'users', schema);

  // Insert data
  const rows = await client.executeStatement(
    'analytics',
    "INSERT INTO users VALUES (1, 'Alice', 30, NOW()), (2, 'Bob', 25, NOW())",
  );
  env.print(`Inserted ${rows} rows`);

  // Query data
  const results =
    (await client.executeQuery('analytics', 'SELECT * FROM users WHERE age > 20 ORDER BY age DESC', {
      limit: 100,
    })) ?? [];
  for (const row of results) env.print(`  ${JSON.stringify(row)}`);

  // List tables
  const tables = await client.listTables('analytics');
  env.print(`Tables: ${JSON.stringify(tables)}`);
  return { healthy, databases: databases.map((db) => db.name), inserted: rows, results, tables };
}
