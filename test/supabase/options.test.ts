import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GrpcStatus, type SupabaseClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, uniqueUser } from '../support/stack.js';
import { adminClient, startSupabase } from './support.js';

/** Settings: a migrations folder of one's own, row limits, embedding tables made on first upsert. */
describe('supabase settings (PGlite)', () => {
  let stop: () => Promise<void>;
  let client: SupabaseClient;
  let admin: SupabaseClient;

  beforeAll(async () => {
    const migrations = await scratchDir('supabase-migrations');
    await mkdir(migrations, { recursive: true });
    await writeFile(
      join(migrations, '001_notes.sql'),
      'CREATE TABLE notes (id bigserial PRIMARY KEY, body text);',
    );
    await writeFile(join(migrations, '002_notes_index.sql'), 'CREATE INDEX notes_body_idx ON notes (body);');
    await writeFile(join(migrations, 'README.txt'), 'not a migration');
    const started = await startSupabase('pglite', {
      SUPABASE_MIGRATIONS_DIR: migrations,
      SUPABASE_MAX_ROWS: '5',
      SUPABASE_AUTO_CREATE_EMBEDDING_TABLES: 'true',
      SUPABASE_ADMIN_TOKEN: 'a-different-admin-token-for-this-stack',
    });
    stop = started.stop;
    client = started.stack.client('supabase', { userId: uniqueUser('opt'), throwOnError: true });
    admin = adminClient(started.stack, 'a-different-admin-token-for-this-stack');
  });

  afterAll(async () => {
    await admin?.close();
    await stop?.();
  });

  it('applies the configured migrations folder at start, in name order, under tenant management', async () => {
    const names = (await admin.listMigrations())!.map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['001_notes', '002_notes_index']));
    const notes = await admin.describeTable('notes');
    expect(notes).toMatchObject({ rowLevelSecurity: true });
    expect(notes!.indexes).toContain('notes_body_idx');
    expect(await client.insert('notes', { body: 'hello' })).toMatchObject([{ body: 'hello' }]);
  });

  it('caps pages and writes at SUPABASE_MAX_ROWS', async () => {
    await client.insert(
      'notes',
      [1, 2, 3, 4, 5].map((i) => ({ body: `n${i}` })),
    );
    expect(await client.query('notes')).toHaveLength(5);
    expect(await client.count('notes')).toBe(6);
    await expect(client.query('notes', { limit: 6 })).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'limit',
    });
    await expect(
      client.insert(
        'notes',
        [1, 2, 3, 4, 5, 6].map((i) => ({ body: `m${i}` })),
      ),
    ).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'rows',
    });
    const batch = await client.batchInsert(
      'notes',
      [1, 2, 3, 4, 5, 6, 7].map((i) => ({ body: `b${i}` })),
      { batchSize: 3 },
    );
    expect(batch).toMatchObject({ totalCount: 7, successCount: 7, errorCount: 0 });
  });

  it('creates a missing embedding table on the first upsert, sized by that vector', async () => {
    expect(await client.upsertEmbedding('auto_docs', 'a', [0.1, 0.2, 0.3, 0.4], { metadata: { k: 1 } })).toBe(
      'a',
    );
    const table = await admin.describeTable('auto_docs');
    expect(table).toMatchObject({ embeddingTable: true, rowLevelSecurity: true });
    expect(table!.columns.find((c) => c.name === 'embedding')!.vectorDimension).toBe(4);
    await expect(client.upsertEmbedding('auto_docs', 'b', [1, 2])).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
    expect((await client.similaritySearch('auto_docs', [0.1, 0.2, 0.3, 0.4]))!.map((r) => r.id)).toEqual([
      'a',
    ]);
  });
});

describe('supabase without an admin token', () => {
  it('disables schema operations but still applies the bundled migrations', async () => {
    const started = await startSupabase('postgres', { SUPABASE_ADMIN_TOKEN: '' });
    const admin = adminClient(started.stack, 'whatever-token-you-like');
    try {
      await expect(admin.listTables()).rejects.toMatchObject({
        code: GrpcStatus.PERMISSION_DENIED,
        details: expect.stringMatching(/SUPABASE_ADMIN_TOKEN/),
      });
      const client = started.stack.client('supabase', { userId: uniqueUser('plain'), throwOnError: true });
      expect(await client.insert('users', { name: 'guide' })).toMatchObject([{ name: 'guide' }]);
    } finally {
      await admin.close();
      await started.stop();
    }
  });
});
