/** Guide § Supabase Client — database operations (tables come from the bundled migrations). */
import { SupabaseClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  await using client = new SupabaseClient({
    host: env.host,
    port: env.port('supabase'),
    userId: 'user_123',
    enableCompression: false,
  });

  const healthy = (await client.healthCheck())?.healthy;
  env.print(`healthy: ${healthy}`);

  // Insert data: the inserted rows come back, numbers as numbers
  const newUsers = [
    { name: 'Alice', email: 'alice@example.com', age: 30 },
    { name: 'Bob', email: 'bob@example.com', age: 25 },
    { name: 'Carol', email: 'carol@example.com', age: 17 },
  ];
  const inserted = (await client.insert('users', newUsers)) ?? [];
  env.print(`Inserted: ${JSON.stringify(inserted.map((u) => u.name))}`);

  // Query data: the guide's shorthand filter and a PostgREST order
  const users =
    (await client.query('users', {
      select: 'id, name, email',
      filter: 'age>25',
      limit: 10,
      order: 'created_at.desc',
    })) ?? [];
  env.print(`Found ${users.length} users`);

  // Update data (a filter is required: a filterless update is refused)
  const updated = (await client.update('users', { age: 26 }, { filter: 'name=eq.Bob' })) ?? [];
  env.print(`Updated ${updated.length} rows`);

  // Delete data
  const deleted = (await client.delete('users', { filter: 'age<18' })) ?? [];
  env.print(`Deleted ${deleted.length} rows`);
  return { healthy, inserted, users, updated, deleted };
}
