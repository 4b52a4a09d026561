/**
 * Guide § Example: Complete Workflow — upload raw CSV to object storage, import and aggregate it by month
 * in DuckDB, store the monthly rows in Supabase and read them back for reporting.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DuckDBClient, MinIOClient, SupabaseClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export const SALES_CSV = fileURLToPath(new URL('./data/sales_data.csv', import.meta.url));

export async function analyticsWorkflow(env: ExampleEnv, userId = 'data_analyst') {
  // 1. Upload raw data to MinIO
  env.print('=== Step 1: Upload raw data ===');
  {
    await using minio = new MinIOClient({
      host: env.host,
      port: env.port('minio'),
      userId,
      enableCompression: false,
    });
    await minio.createBucket('rawdata');
    await minio.uploadObject('rawdata', 'sales_2025.csv', await readFile(SALES_CSV), {
      contentType: 'text/csv',
    });
  }

  // 2. Process data with DuckDB
  env.print('\n=== Step 2: Process with DuckDB ===');
  let results: Array<Record<string, unknown>> = [];
  {
    await using duckdb = new DuckDBClient({
      host: env.host,
      port: env.port('duckdb'),
      userId,
      enableCompression: false,
    });
    await duckdb.createDatabase('analytics');
    await duckdb.importFromMinio('analytics', 'sales', 'rawdata', 'sales_2025.csv', { fileFormat: 'csv' });
    results =
      (await duckdb.executeQuery(
        'analytics',
        `SELECT
           DATE_TRUNC('month', sale_date) AS month,
           SUM(amount)::DECIMAL(12, 2) AS total_sales,
           COUNT(*) AS num_transactions
         FROM sales
         GROUP BY month
         ORDER BY month`,
      )) ?? [];
    env.print(`Monthly aggregation: ${JSON.stringify(results)}`);
  }

  // 3. Store results in Supabase
  env.print('\n=== Step 3: Store in Supabase ===');
  let report: Array<Record<string, unknown>> = [];
  {
    await using supabase = new SupabaseClient({
      host: env.host,
      port: env.port('supabase'),
      userId,
      enableCompression: false,
    });
    await supabase.insert('monthly_sales', results);
    report =
      (await supabase.query('monthly_sales', {
        select: 'month, total_sales, num_transactions',
        order: 'month.desc',
        limit: 12,
      })) ?? [];
    env.print(`Last 12 months: ${JSON.stringify(report)}`);
  }
  env.print('\n✅ Analytics workflow completed!');
  return { results, report };
}

export async function run(env: ExampleEnv) {
  return analyticsWorkflow(env);
}
