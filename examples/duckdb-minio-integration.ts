/** Guide § DuckDB Client — MinIO integration: import an object into a table, query a file in place. */
import { DuckDBClient, MinIOClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

const CSV = 'city,temperature\nBerlin,12.5\nLisbon,21.0\nOslo,4.25\n';

export async function run(env: ExampleEnv) {
  // The data to analyse lives in the tenant's object storage.
  await using minio = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'user_123' });
  await minio.createBucket('mybucket');
  await minio.uploadObject('mybucket', 'data.csv', CSV, { contentType: 'text/csv' });

  await using client = new DuckDBClient({ host: env.host, port: env.port('duckdb'), userId: 'user_123' });
  await client.createDatabase('analytics', { ifNotExists: true });

  // Import data from MinIO (the service reads the object as you: other tenants' objects are unreachable)
  const imported = await client.importFromMinio('analytics', 'imported_data', 'mybucket', 'data.csv', {
    fileFormat: 'csv',
  });
  env.print(`Imported ${imported?.rowsImported} rows`);

  // Query a MinIO file directly (without importing)
  const results =
    (await client.queryMinioFile('analytics', 'mybucket', 'data.csv', { fileFormat: 'csv', limit: 100 })) ??
    [];
  for (const row of results) env.print(`  ${JSON.stringify(row)}`);
  return { imported: imported?.rowsImported, results };
}
