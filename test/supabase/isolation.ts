import { GrpcStatus, type SupabaseClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueUser } from '../support/stack.js';
import {
  ADMIN_TOKEN,
  adminClient,
  type BackendLabel,
  startSupabase,
  type TestDatabase,
  uniqueTable,
} from './support.js';

/**
 * Tenant "mallory" tries to read, change, delete and search tenant "alice"'s rows through every RPC and
 * through crafted filters, selects, orders, table and function names. Every attempt must see only
 * mallory's own rows, or be refused; alice's rows must come out unchanged.
 */
export function supabaseIsolation(backend: BackendLabel, options: { vector: boolean }): void {
  describe(`supabase tenant isolation: ${backend}`, () => {
    let stop: () => Promise<void>;
    let database: TestDatabase | undefined;
    let alice: SupabaseClient;
    let mallory: SupabaseClient;
    let admin: SupabaseClient;
    let forger: SupabaseClient;
    let aliceIds: number[];
    const table = uniqueTable('secrets');
    const aliceUser = uniqueUser('alice');

    const aliceRows = async () => (await alice.query(table, { order: 'id', select: 'id, secret, level' }))!;

    beforeAll(async () => {
      const started = await startSupabase(backend);
      stop = started.stop;
      database = started.database;
      alice = started.stack.client('supabase', { userId: aliceUser, throwOnError: true });
      mallory = started.stack.client('supabase', { userId: uniqueUser('mallory'), throwOnError: true });
      admin = adminClient(started.stack);
      forger = adminClient(started.stack, `${ADMIN_TOKEN}x`);
      await admin.createTable(
        table,
        [
          { name: 'id', type: 'bigserial' },
          { name: 'secret', type: 'text' },
          { name: 'level', type: 'integer' },
          { name: 'doc', type: 'jsonb' },
        ],
        { primaryKey: ['id'] },
      );
      await admin.applyMigration(
        `${table}_fn`,
        `CREATE FUNCTION ${table}_all() RETURNS SETOF ${table} LANGUAGE sql STABLE AS 'SELECT * FROM ${table}';
         CREATE FUNCTION ${table}_count() RETURNS bigint LANGUAGE sql STABLE AS 'SELECT count(*) FROM ${table}';
         CREATE FUNCTION ${table}_wipe() RETURNS bigint LANGUAGE sql AS
           'WITH d AS (DELETE FROM ${table} RETURNING 1) SELECT count(*) FROM d';`,
      );
      const inserted = await alice.insert(table, [
        { secret: 'alpha', level: 1, doc: { k: 'v' } },
        { secret: 'bravo', level: 2, doc: { k: 'w' } },
      ]);
      aliceIds = inserted!.map((r) => r.id as number);
      await mallory.insert(table, { secret: 'mine', level: 9 });
    });

    afterAll(async () => {
      await admin?.close();
      await forger?.close();
      await stop?.();
    });

    it('shows a tenant only its own rows, whatever the filter says', async () => {
      const expectMine = async (filter: string) => {
        const rows = await mallory.query(table, { filter, select: 'secret' });
        expect(
          rows!.every((r) => r.secret === 'mine'),
          filter,
        ).toBe(true);
      };
      expect(await mallory.query(table, { select: 'secret' })).toEqual([{ secret: 'mine' }]);
      expect(await mallory.count(table)).toBe(1);
      await expectMine(`user_id=eq.${aliceUser}`);
      await expectMine(`or=(user_id.eq.${aliceUser},id.gt.0)`);
      await expectMine(`id=in.(${aliceIds.join(',')})`);
      await expectMine('secret=eq.alpha');
      await expectMine("secret=eq.alpha' OR '1'='1");
      await expectMine('or=(secret.eq.x,level.gte.0)');
      await expectMine('user_id=neq.nobody');
      expect(await mallory.query(table, { filter: `user_id=eq.${aliceUser}` })).toEqual([]);
      expect(await mallory.query('users', { filter: `user_id=eq.${aliceUser}` })).toEqual([]);
    });

    it('lets no write reach another tenant’s rows', async () => {
      const before = await aliceRows();
      expect(
        await mallory.update(table, { secret: 'pwned' }, { filter: `id=in.(${aliceIds.join(',')})` }),
      ).toEqual([]);
      expect(await mallory.update(table, { secret: 'pwned' }, { filter: `user_id=eq.${aliceUser}` })).toEqual(
        [],
      );
      expect(await mallory.delete(table, { filter: `id=eq.${aliceIds[0]}` })).toEqual([]);
      const forcedUpdate = await mallory.update(table, { level: 10 }, { force: true });
      expect(forcedUpdate!.map((r) => r.secret)).toEqual(['mine']);
      // An upsert naming alice's primary key creates mallory's own row: keys are scoped per tenant.
      const upserted = await mallory.upsert(table, { id: aliceIds[0], secret: 'shadow', level: 0 });
      expect(upserted).toMatchObject([{ id: aliceIds[0], secret: 'shadow' }]);
      expect(await aliceRows()).toEqual(before);
      await expect(mallory.insert(table, { secret: 'planted', user_id: aliceUser })).rejects.toMatchObject({
        code: GrpcStatus.PERMISSION_DENIED,
      });
      await expect(mallory.update(table, { user_id: aliceUser }, { force: true })).rejects.toMatchObject({
        code: GrpcStatus.PERMISSION_DENIED,
      });
      await expect(
        mallory.upsert(table, { id: aliceIds[1], user_id: aliceUser, secret: 'x' }),
      ).rejects.toMatchObject({
        code: GrpcStatus.PERMISSION_DENIED,
      });
      const batch = await mallory
        .batchInsert(table, [{ secret: 'ok' }, { secret: 'bad', user_id: aliceUser }])
        .catch((e) => e);
      expect(batch).toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
      expect(await mallory.delete(table, { force: true })).toHaveLength(2);
      expect(await aliceRows()).toEqual(before);
      expect(await alice.query(table, { filter: 'secret=eq.planted' })).toEqual([]);
    });

    it('runs functions with the caller’s rights: row-level security applies inside them', async () => {
      await mallory.insert(table, { secret: 'mine again', level: 3 });
      const seen = (await mallory.executeRpc(`${table}_all`)) as Array<Record<string, unknown>>;
      expect(seen.map((r) => r.secret)).toEqual(['mine again']);
      expect(await mallory.executeRpc(`${table}_count`)).toBe(1);
      expect(await mallory.executeRpc(`${table}_wipe`)).toBe(1);
      expect((await aliceRows()).map((r) => r.secret)).toEqual(['alpha', 'bravo']);
    });

    it('refuses crafted table, column, select, order and function names', async () => {
      const invalid = { code: GrpcStatus.INVALID_ARGUMENT };
      const tables = [
        `${table}; DROP TABLE ${table}`,
        `"${table}"`,
        `public.${table}`,
        'isa_meta.migrations',
        'pg_roles',
        'pg_catalog.pg_authid',
        `${table}--`,
        '',
      ];
      for (const name of tables) await expect(mallory.query(name), name).rejects.toMatchObject(invalid);
      for (const name of ['information_schema', 'migrations', 'no_such_table']) {
        await expect(mallory.query(name), name).rejects.toMatchObject({ code: GrpcStatus.NOT_FOUND });
      }
      const selects = [
        `secret, (SELECT secret FROM ${table})`,
        '*, pg_sleep(1)',
        'secret::text; DROP TABLE x',
        'secret AS "x", user_id',
        'x:secret::pg_catalog.text',
        'secret"',
        "doc->>k'",
      ];
      for (const select of selects) {
        await expect(mallory.query(table, { select }), select).rejects.toMatchObject({
          ...invalid,
          field: 'select',
        });
      }
      for (const order of ['id; DROP TABLE x', 'id desc', '(SELECT 1)', 'id.desc,', 'random()']) {
        await expect(mallory.query(table, { order }), order).rejects.toMatchObject({
          ...invalid,
          field: 'order',
        });
      }
      for (const fn of ['pg_read_file', 'set_config', 'current_setting', 'pg_catalog.pg_sleep', 'version']) {
        const attempt = mallory.executeRpc(fn, {});
        await expect(attempt, fn).rejects.toMatchObject({
          code: expect.toBeOneOf([GrpcStatus.NOT_FOUND, GrpcStatus.INVALID_ARGUMENT]),
        });
      }
      expect((await aliceRows()).map((r) => r.secret)).toEqual(['alpha', 'bravo']);
    });

    it('keeps injected filter values inert', async () => {
      const payloads = [
        `'; DROP TABLE ${table}; --`,
        "\\'; DELETE FROM users; --",
        '1); DELETE FROM users WHERE (1=1',
        '$1',
        `${aliceUser}') OR (true`,
        "alpha' UNION SELECT secret FROM secrets --",
      ];
      for (const payload of payloads) {
        const quoted = `"${payload.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
        expect(await mallory.query(table, { filter: `secret=eq.${quoted}` }), payload).toEqual([]);
        expect(await mallory.query(table, { filter: `secret=like.${quoted}` }), payload).toEqual([]);
        expect(
          await mallory.query(table, { filter: `or=(secret.eq.${quoted},level.eq.-1)` }),
          payload,
        ).toEqual([]);
        await mallory.query(table, { filter: `doc->>k=eq.${quoted}` });
      }
      // A wildcard is a wildcard, but only over the caller's rows.
      await mallory.insert(table, { secret: 'wild' });
      expect((await mallory.query(table, { filter: 'secret=like.%', select: 'secret' }))!).toEqual([
        { secret: 'wild' },
      ]);
      expect((await aliceRows()).map((r) => r.secret)).toEqual(['alpha', 'bravo']);
    });

    it('reserves schema operations to the admin token', async () => {
      const noToken = { code: GrpcStatus.UNAUTHENTICATED };
      await expect(
        mallory.createTable(uniqueTable('t'), [{ name: 'a', type: 'text' }]),
      ).rejects.toMatchObject(noToken);
      await expect(mallory.dropTable(table)).rejects.toMatchObject(noToken);
      await expect(mallory.applyMigration('evil', `DROP TABLE ${table}`)).rejects.toMatchObject(noToken);
      await expect(mallory.listTables()).rejects.toMatchObject(noToken);
      const denied = { code: GrpcStatus.PERMISSION_DENIED };
      await expect(forger.dropTable(table)).rejects.toMatchObject(denied);
      await expect(forger.applyMigration('evil', `DROP TABLE ${table}`)).rejects.toMatchObject(denied);
      await expect(forger.describeTable(table)).rejects.toMatchObject(denied);
      expect((await aliceRows()).length).toBe(2);
    });

    if (backend === 'postgres') {
      it('enforces the isolation in PostgreSQL itself: RLS forced, tenant role without bypass', async () => {
        const tables = await database!.sql(
          `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
             array(SELECT polname || ':' || CASE WHEN polpermissive THEN 'permissive' ELSE 'restrictive' END FROM pg_policy WHERE polrelid = c.oid ORDER BY polname) AS policies
           FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
           WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`,
        );
        expect(tables.rows.length).toBeGreaterThanOrEqual(3);
        for (const row of tables.rows) {
          expect(row, row.relname).toMatchObject({
            relrowsecurity: true,
            relforcerowsecurity: true,
            policies: ['isa_tenant_guard:restrictive', 'isa_tenant_rows:permissive'],
          });
        }
        const role = await database!.sql(
          'SELECT rolsuper, rolbypassrls, rolcanlogin FROM pg_roles WHERE rolname = $1',
          [database!.role],
        );
        expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcanlogin: false }]);
        // Below the service: the tenant role with mallory's id set sees no row of alice's, even unfiltered.
        await database!.sql('BEGIN');
        await database!.sql(`SET LOCAL ROLE ${database!.role}`);
        await database!.sql("SELECT set_config('isa.user_id', 'somebody-else', true)");
        const visible = await database!.sql(`SELECT count(*)::int AS n FROM ${table}`);
        await database!.sql("SELECT set_config('isa.user_id', '', true)");
        const none = await database!.sql(`SELECT count(*)::int AS n FROM ${table}`);
        await database!.sql('ROLLBACK');
        expect(visible.rows[0].n).toBe(0);
        expect(none.rows[0].n).toBe(0);
      });
    }

    if (options.vector) {
      it('keeps embeddings apart in search, upsert and delete', async () => {
        const docs = uniqueTable('docs');
        await admin.createEmbeddingTable(docs, 3);
        await alice.upsertEmbedding(docs, 'shared-id', [1, 0, 0], {
          metadata: { owner: 'alice', category: 'tech' },
          content: 'alice secret plans',
        });
        await alice.upsertEmbedding(docs, 'alice-only', [0, 1, 0], { metadata: { owner: 'alice' } });
        expect(await mallory.similaritySearch(docs, [1, 0, 0])).toEqual([]);
        expect(await mallory.similaritySearch(docs, [1, 0, 0], { filter: 'owner=eq.alice' })).toEqual([]);
        expect(await mallory.hybridSearch(docs, 'secret plans', [1, 0, 0])).toEqual([]);
        await expect(mallory.deleteEmbedding(docs, 'alice-only')).rejects.toMatchObject({
          code: GrpcStatus.NOT_FOUND,
        });
        // The same id is a different row per tenant.
        await mallory.upsertEmbedding(docs, 'shared-id', [0, 0, 1], { metadata: { owner: 'mallory' } });
        const mine = await mallory.similaritySearch(docs, [1, 0, 0]);
        expect(mine!.map((r) => [r.id, r.metadata.owner])).toEqual([['shared-id', 'mallory']]);
        const theirs = await alice.similaritySearch(docs, [1, 0, 0], { limit: 1 });
        expect(theirs![0]).toMatchObject({ id: 'shared-id', metadata: { owner: 'alice', category: 'tech' } });
        expect(await mallory.count(docs)).toBe(1);
        expect(await alice.count(docs)).toBe(2);
      });
    }
  });
}
