import { GrpcStatus, type SupabaseClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode } from '../support/expect.js';
import { uniqueUser } from '../support/stack.js';
import { adminClient, type BackendLabel, seededVectors, startSupabase, uniqueTable } from './support.js';

/**
 * The Supabase conformance suite: the same behaviour through the SDK on either backend. Vector cases run
 * only where pgvector exists; the suite says which.
 */
export function supabaseConformance(backend: BackendLabel, options: { vector: boolean }): void {
  describe(`supabase conformance: ${backend}`, () => {
    let stop: () => Promise<void>;
    let client: SupabaseClient;
    let admin: SupabaseClient;
    const items = uniqueTable('items');

    beforeAll(async () => {
      console.info(
        `[supabase ${backend}] vector cases ${options.vector ? 'run on this backend' : 'skipped: pgvector is not installed here (they run on PGlite)'}`,
      );
      const started = await startSupabase(backend);
      stop = started.stop;
      client = started.stack.client('supabase', { userId: uniqueUser('conf'), throwOnError: true });
      admin = adminClient(started.stack);
      await admin.createTable(
        items,
        [
          { name: 'id', type: 'bigserial' },
          { name: 'name', type: 'text', nullable: false },
          { name: 'qty', type: 'integer', defaultValue: '0' },
          { name: 'price', type: 'numeric(10,2)' },
          { name: 'big', type: 'bigint' },
          { name: 'ratio', type: 'double precision' },
          { name: 'tags', type: 'text[]' },
          { name: 'data', type: 'jsonb' },
          { name: 'active', type: 'boolean', defaultValue: 'true' },
          { name: 'born', type: 'date' },
          { name: 'seen', type: 'timestamptz', defaultValue: 'now()' },
          { name: 'body', type: 'text' },
          { name: 'sku', type: 'text', unique: true },
        ],
        { primaryKey: ['id'] },
      );
    });

    afterAll(async () => {
      await admin?.close();
      await stop?.();
    });

    it('reports a healthy backend with its PostgreSQL version and pgvector state', async () => {
      const health = await client.healthCheck({ detailed: true });
      expect(health).toMatchObject({
        healthy: true,
        status: 'SERVING',
        backend,
        pgvectorEnabled: options.vector,
      });
      expect(health!.postgresVersion).toMatch(/^PostgreSQL \d+/);
      expect(health!.details.tenant_role).toMatch(/^isa_tenant_/);
    });

    it('runs the usage guide’s database operations', async () => {
      const inserted = await client.insert('users', [
        { name: 'Alice', email: 'alice@example.com', age: 30 },
        { name: 'Bob', email: 'bob@example.com', age: 25 },
        { name: 'Kid', email: 'kid@example.com', age: 12 },
      ]);
      expect(inserted).toHaveLength(3);
      expect(inserted![0]).toMatchObject({ name: 'Alice', email: 'alice@example.com', age: 30 });
      expect(typeof inserted![0]!.id).toBe('number');
      const users = await client.query('users', {
        select: 'id, name, email',
        filter: 'age>25',
        limit: 10,
        order: 'created_at.desc',
      });
      expect(users).toEqual([{ id: inserted![0]!.id, name: 'Alice', email: 'alice@example.com' }]);
      const updated = await client.update('users', { age: 26 }, { filter: 'name=eq.Bob' });
      expect(updated).toHaveLength(1);
      expect(updated![0]).toMatchObject({ name: 'Bob', age: 26 });
      const deleted = await client.delete('users', { filter: 'age<18' });
      expect(deleted!.map((r) => r.name)).toEqual(['Kid']);
      expect((await client.query('users', { order: 'name' }))!.map((r) => r.name)).toEqual(['Alice', 'Bob']);
    });

    it('stores the guide’s monthly sales from an analytics result', async () => {
      await client.insert('monthly_sales', [
        { month: '2025-01-01', total_sales: 1234.5, num_transactions: 10 },
        { month: '2025-02-01T00:00:00.000Z', total_sales: 99.99, num_transactions: 3 },
      ]);
      const report = await client.query('monthly_sales', {
        select: 'month, total_sales, num_transactions',
        order: 'month.desc',
        limit: 12,
      });
      expect(report).toEqual([
        { month: '2025-02-01', total_sales: 99.99, num_transactions: 3 },
        { month: '2025-01-01', total_sales: 1234.5, num_transactions: 10 },
      ]);
    });

    it('returns numbers as numbers, big integers exactly, JSON as objects and timestamps as ISO strings', async () => {
      const [row] = (await client.insert(items, {
        name: 'typed',
        qty: 7,
        price: 12.5,
        big: 9007199254740993n,
        ratio: 0.25,
        tags: ['a', 'b'],
        data: { nested: { list: [1, 2.5, 'x'], flag: true }, n: null },
        born: '2000-02-29',
        seen: new Date('2025-10-15T10:00:00.123Z'),
      }))!;
      expect(row).toMatchObject({
        name: 'typed',
        qty: 7,
        price: 12.5,
        big: 9007199254740993n,
        ratio: 0.25,
        tags: ['a', 'b'],
        data: { nested: { list: [1, 2.5, 'x'], flag: true }, n: null },
        active: true,
        born: '2000-02-29',
        seen: '2025-10-15T10:00:00.123+00:00',
        body: null,
      });
      expect(Number.isInteger(row!.id)).toBe(true);
      expect(new Date(row!.seen as string).toISOString()).toBe('2025-10-15T10:00:00.123Z');
      const [small] = (await client.insert(items, { name: 'small', big: 42 }))!;
      expect(small!.big).toBe(42);
    });

    describe('filters', () => {
      const seed = [
        {
          name: 'apple',
          qty: 5,
          price: 1.5,
          tags: ['fruit', 'red'],
          data: { color: 'red', size: 3 },
          active: true,
          body: 'The quick brown fox jumps',
          sku: 'A-1',
        },
        {
          name: 'banana',
          qty: 12,
          price: 0.25,
          tags: ['fruit', 'yellow'],
          data: { color: 'yellow', size: 7 },
          active: false,
          body: 'Lazy dogs sleep all day',
          sku: 'B,2',
        },
        {
          name: 'Cherry',
          qty: 0,
          price: null,
          tags: ['fruit', 'red', 'small'],
          data: { color: 'red', size: 1 },
          active: true,
          body: 'quick cherries and foxes',
          sku: 'C&3',
        },
        {
          name: 'durian',
          qty: 30,
          price: 9.99,
          tags: [],
          data: { color: 'green' },
          active: null,
          body: null,
          sku: 'D"4',
        },
      ];
      let table: string;
      const names = async (filter: string, order = 'name') =>
        (await client.query(table, { filter, order, select: 'name' }))!.map((r) => r.name);

      beforeAll(async () => {
        table = uniqueTable('filters');
        await admin.createTable(
          table,
          [
            { name: 'id', type: 'bigserial' },
            { name: 'name', type: 'text' },
            { name: 'qty', type: 'integer' },
            { name: 'price', type: 'numeric' },
            { name: 'tags', type: 'text[]' },
            { name: 'data', type: 'jsonb' },
            { name: 'active', type: 'boolean' },
            { name: 'body', type: 'text' },
            { name: 'sku', type: 'text' },
          ],
          { primaryKey: ['id'] },
        );
        await client.insert(table, seed);
      });

      it('compares with the PostgREST operators', async () => {
        expect(await names('name=eq.apple')).toEqual(['apple']);
        expect(await names('name=neq.apple')).toEqual(['Cherry', 'banana', 'durian']);
        expect(await names('qty=gt.5')).toEqual(['banana', 'durian']);
        expect(await names('qty=gte.5')).toEqual(['apple', 'banana', 'durian']);
        expect(await names('qty=lt.5')).toEqual(['Cherry']);
        expect(await names('qty=lte.5')).toEqual(['Cherry', 'apple']);
        expect(await names('price=gt.1')).toEqual(['apple', 'durian']);
        expect(await names('name=isdistinct.apple')).toEqual(['Cherry', 'banana', 'durian']);
      });

      it('takes the guide’s shorthand comparisons', async () => {
        expect(await names('qty>5')).toEqual(['banana', 'durian']);
        expect(await names('qty>=5')).toEqual(['apple', 'banana', 'durian']);
        expect(await names('qty<5')).toEqual(['Cherry']);
        expect(await names('qty<=5')).toEqual(['Cherry', 'apple']);
        expect(await names('qty!=5')).toEqual(['Cherry', 'banana', 'durian']);
        expect(await names('qty<>5')).toEqual(['Cherry', 'banana', 'durian']);
        expect(await names('name=banana')).toEqual(['banana']);
        expect(await names('qty > 5 & name = durian')).toEqual(['durian']);
      });

      it('matches patterns, lists and null/boolean tests', async () => {
        expect(await names('name=like.*an*')).toEqual(['banana', 'durian']);
        expect(await names('name=like.%an%')).toEqual(['banana', 'durian']);
        expect(await names('name=ilike.c*')).toEqual(['Cherry']);
        expect(await names('name=match.^[a-c]')).toEqual(['apple', 'banana']);
        expect(await names('name=imatch.^C')).toEqual(['Cherry']);
        expect(await names('name=in.(apple,durian,nope)')).toEqual(['apple', 'durian']);
        expect(await names('qty=in.(0,30)')).toEqual(['Cherry', 'durian']);
        expect(await names('name=in.()')).toEqual([]);
        expect(await names('price=is.null')).toEqual(['Cherry']);
        expect(await names('price=not.is.null')).toEqual(['apple', 'banana', 'durian']);
        expect(await names('body=is.not_null')).toEqual(['Cherry', 'apple', 'banana']);
        expect(await names('active=is.true')).toEqual(['Cherry', 'apple']);
        expect(await names('active=is.false')).toEqual(['banana']);
        expect(await names('active=is.unknown')).toEqual(['durian']);
        expect(await names('name=like(any).{a*,d*}')).toEqual(['apple', 'durian']);
        expect(await names('name=like(all).{*a*,*n*}')).toEqual(['banana', 'durian']);
        expect(await names('qty=gt(any).{10,20}')).toEqual(['banana', 'durian']);
      });

      it('tests arrays and JSON with containment operators and JSON paths', async () => {
        expect(await names('tags=cs.{red}')).toEqual(['Cherry', 'apple']);
        expect(await names('tags=cd.{fruit,red}')).toEqual(['apple', 'durian']);
        expect(await names('tags=ov.{yellow,small}')).toEqual(['Cherry', 'banana']);
        expect(await names('data=cs.{"color":"red"}')).toEqual(['Cherry', 'apple']);
        expect(await names('data->>color=eq.red')).toEqual(['Cherry', 'apple']);
        expect(await names('data->size=gt.2')).toEqual(['apple', 'banana']);
        expect(await names('data->>size=is.null')).toEqual(['durian']);
      });

      it('runs full-text search in its four forms', async () => {
        expect(await names('body=fts.lazy')).toEqual(['banana']);
        expect(await names('body=fts(simple)."quick & fox"')).toEqual(['apple']);
        expect(await names('body=fts(english)."quick & fox"')).toEqual(['Cherry', 'apple']);
        // Unquoted, "&" separates conditions: this is `body=fts.quick` and a condition on "fox".
        await expectCode(
          client.query(table, { filter: 'body=fts.quick & fox' }),
          GrpcStatus.INVALID_ARGUMENT,
          'filter',
        );
        expect(await names('body=plfts(english).lazy dog')).toEqual(['banana']);
        expect(await names('body=phfts(english).quick brown')).toEqual(['apple']);
        expect(await names('body=wfts(english).quick -brown')).toEqual(['Cherry']);
      });

      it('negates, nests and combines conditions', async () => {
        expect(await names('name=not.eq.apple')).toEqual(['Cherry', 'banana', 'durian']);
        expect(await names('or=(qty.lt.1,qty.gt.20)')).toEqual(['Cherry', 'durian']);
        expect(await names('not.or=(qty.lt.1,qty.gt.20)')).toEqual(['apple', 'banana']);
        expect(await names('and=(qty.gt.1,or(name.eq.apple,name.eq.durian))')).toEqual(['apple', 'durian']);
        expect(await names('or=(and(qty.gte.5,active.is.true),tags.cs.{yellow})')).toEqual([
          'apple',
          'banana',
        ]);
        expect(await names('or=(name.not.like.*a*,data->>color.eq.green)')).toEqual(['Cherry', 'durian']);
        expect(await names('qty=gt.1&active=is.true')).toEqual(['apple']);
      });

      it('takes quoted values with reserved characters', async () => {
        expect(await names('sku=eq."B,2"')).toEqual(['banana']);
        expect(await names('sku=eq."C&3"')).toEqual(['Cherry']);
        expect(await names('sku=eq."D\\"4"')).toEqual(['durian']);
        expect(await names('sku=in.("B,2","C&3")')).toEqual(['Cherry', 'banana']);
        expect(await names('or=(sku.eq."B,2",sku.eq.A-1)')).toEqual(['apple', 'banana']);
        expect(await names("name=eq.o'brien")).toEqual([]);
      });

      it('refuses bad filters with INVALID_ARGUMENT naming the position and the problem', async () => {
        const bad: Array<[string, RegExp]> = [
          ['qty>>25', /PGRST100.*unexpected ">" after ">".*position 5/],
          ['qty=eq.1&=eq.2', /expecting a column name.*position 10/],
          ['name=eq."unterminated', /unterminated quoted value.*position 9/],
          ['or=(name.eq.a,name.zz.b)', /unknown operator "zz"/],
          ['or=()', /empty or\(\) list/],
          ['qty=gt.1&', /empty condition/],
          ['nope=eq.1', /column "nope" does not exist in table/],
          ['qty=eq.notanumber', /invalid input syntax for type integer/],
          ['name=is.maybe', /expecting null, not_null, true, false or unknown/],
          ['name=eq(some).{a}', /unknown modifier "some"/],
        ];
        for (const [filter, message] of bad) {
          const attempt = client.query(table, { filter });
          await expect(attempt, filter).rejects.toMatchObject({
            code: GrpcStatus.INVALID_ARGUMENT,
            field: 'filter',
          });
          await expect(client.query(table, { filter }), filter).rejects.toThrow(message);
        }
      });

      it('selects columns with renames, casts and JSON paths', async () => {
        const rows = await client.query(table, {
          select: 'label:name, qty::text, data->>color, size:data->size, price',
          filter: 'name=eq.apple',
        });
        expect(rows).toEqual([{ label: 'apple', qty: '5', color: 'red', size: 3, price: 1.5 }]);
        await expectCode(
          client.query(table, { select: 'name, name' }),
          GrpcStatus.INVALID_ARGUMENT,
          'select',
        );
        await expectCode(client.query(table, { select: 'missing' }), GrpcStatus.INVALID_ARGUMENT, 'select');
        await expectCode(
          client.query(table, { select: 'name::regclass' }),
          GrpcStatus.INVALID_ARGUMENT,
          'select',
        );
      });

      it('orders by several columns with directions and null placement', async () => {
        const order = async (o: string) =>
          (await client.query(table, { order: o, select: 'name' }))!.map((r) => r.name);
        expect(await order('qty.desc')).toEqual(['durian', 'banana', 'apple', 'Cherry']);
        expect(await order('price.asc.nullsfirst')).toEqual(['Cherry', 'banana', 'apple', 'durian']);
        expect(await order('price.desc.nullslast')).toEqual(['durian', 'apple', 'banana', 'Cherry']);
        expect(await order('active.desc.nullslast,name.asc')).toEqual([
          'Cherry',
          'apple',
          'banana',
          'durian',
        ]);
        expect(await order('data->>color,name.desc')).toEqual(['durian', 'apple', 'Cherry', 'banana']);
        await expectCode(
          client.query(table, { order: 'name.sideways' }),
          GrpcStatus.INVALID_ARGUMENT,
          'order',
        );
      });

      it('pages with limit and offset and counts exactly', async () => {
        const page = await client.queryWithCount(table, {
          order: 'qty',
          limit: 2,
          offset: 1,
          select: 'name',
        });
        expect(page).toEqual({ rows: [{ name: 'apple' }, { name: 'banana' }], count: 4 });
        expect(await client.count(table, { filter: 'tags=cs.{red}' })).toBe(2);
        await expectCode(client.query(table, { limit: -1 }), GrpcStatus.INVALID_ARGUMENT, 'limit');
        await expectCode(client.query(table, { limit: 1_000_000 }), GrpcStatus.INVALID_ARGUMENT, 'limit');
        await expectCode(client.query(table, { offset: -3 }), GrpcStatus.INVALID_ARGUMENT, 'offset');
      });
    });

    describe('writes', () => {
      it('inserts rows naming different columns, keeping defaults, and returns chosen columns', async () => {
        const rows = await client.insert(
          items,
          [{ name: 'w1', qty: 3 }, { name: 'w2' }, { name: 'w3', qty: 9 }],
          {
            returning: 'name, qty, active',
          },
        );
        expect(rows).toEqual([
          { name: 'w1', qty: 3, active: true },
          { name: 'w2', qty: 0, active: true },
          { name: 'w3', qty: 9, active: true },
        ]);
      });

      it('refuses writes that break the table’s rules with precise codes', async () => {
        await expectCode(client.insert(items, { qty: 1 }), GrpcStatus.INVALID_ARGUMENT, 'rows');
        await expectCode(
          client.insert(items, { name: 'x', nope: 1 }),
          GrpcStatus.INVALID_ARGUMENT,
          'rows[0]',
        );
        await expectCode(
          client.insert(items, { name: 'x', qty: 'many' }),
          GrpcStatus.INVALID_ARGUMENT,
          'rows',
        );
        await expectCode(client.insert(items, []), GrpcStatus.INVALID_ARGUMENT, 'rows');
        await client.insert(items, { name: 'dup', sku: 'SKU-1' });
        await expectCode(client.insert(items, { name: 'dup2', sku: 'SKU-1' }), GrpcStatus.ALREADY_EXISTS);
        await expectCode(client.insert('no_such_table', { a: 1 }), GrpcStatus.NOT_FOUND);
      });

      it('upserts on the primary key and on a unique column, or keeps duplicates', async () => {
        const [first] = (await client.insert(items, { name: 'up', qty: 1, sku: 'UP-1' }))!;
        const merged = await client.upsert(items, { id: first!.id, name: 'up', qty: 2 });
        expect(merged).toMatchObject([{ id: first!.id, qty: 2, sku: 'UP-1' }]);
        const bySku = await client.upsert(items, { sku: 'UP-1', name: 'up', qty: 3 }, { onConflict: 'sku' });
        expect(bySku).toMatchObject([{ id: first!.id, qty: 3 }]);
        const kept = await client.upsert(
          items,
          { sku: 'UP-1', name: 'up', qty: 4 },
          { onConflict: 'sku', ignoreDuplicates: true },
        );
        expect(kept).toEqual([]);
        expect(await client.query(items, { filter: 'sku=eq.UP-1', select: 'qty' })).toEqual([{ qty: 3 }]);
        await expectCode(
          client.upsert(items, { name: 'x' }, { onConflict: 'name' }),
          GrpcStatus.INVALID_ARGUMENT,
          'on_conflict',
        );
      });

      it('requires a filter for update and delete unless forced', async () => {
        const table = uniqueTable('force');
        await admin.createTable(table, [{ name: 'n', type: 'integer' }]);
        await client.insert(table, [{ n: 1 }, { n: 2 }]);
        // A row naming no column takes every default.
        expect(await client.insert(table, [{}])).toMatchObject([{ n: null }]);
        await expectCode(client.update(table, { n: 0 }), GrpcStatus.INVALID_ARGUMENT, 'filter');
        await expectCode(client.delete(table), GrpcStatus.INVALID_ARGUMENT, 'filter');
        await expectCode(client.delete(table, { filter: '  ' }), GrpcStatus.INVALID_ARGUMENT, 'filter');
        expect(await client.update(table, { n: 5 }, { force: true })).toHaveLength(3);
        expect(await client.delete(table, { force: true })).toHaveLength(3);
        expect(await client.query(table)).toEqual([]);
      });

      it('updates several columns from JSON, big integers included', async () => {
        const [row] = (await client.insert(items, { name: 'upd', qty: 1 }))!;
        const updated = await client.update(
          items,
          { qty: 2, big: -9007199254740995n, data: { a: [1] } },
          { filter: `id=eq.${row!.id}` },
        );
        expect(updated).toMatchObject([{ qty: 2, big: -9007199254740995n, data: { a: [1] } }]);
        await expectCode(
          client.update(items, {}, { filter: `id=eq.${row!.id}` }),
          GrpcStatus.INVALID_ARGUMENT,
          'values',
        );
      });

      it('inserts in batches and stops at the first failing batch', async () => {
        const rows = Array.from({ length: 25 }, (_, i) => ({ name: `b${i}`, qty: i }));
        expect(await client.batchInsert(items, rows, { batchSize: 10 })).toEqual({
          totalCount: 25,
          successCount: 25,
          errorCount: 0,
          errors: [],
        });
        const failing = rows.map((r, i) => (i === 13 ? { qty: 1 } : { ...r, name: `c${i}` }));
        const result = await client.batchInsert(items, failing, { batchSize: 10 });
        expect(result).toMatchObject({ totalCount: 25, successCount: 10, errorCount: 15 });
        expect(result!.errors).toEqual([
          { rowIndex: 10, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/not-null|null value/) },
        ]);
        expect(await client.count(items, { filter: 'name=like.c*' })).toBe(10);
      });
    });

    describe('rpc', () => {
      beforeAll(async () => {
        await admin.applyMigration(
          `${items}_functions`,
          `CREATE FUNCTION ${items}_add(a integer, b integer DEFAULT 1) RETURNS integer LANGUAGE sql AS 'SELECT a + b';
           CREATE FUNCTION ${items}_named(min_qty integer) RETURNS SETOF ${items} LANGUAGE sql STABLE AS
             'SELECT * FROM ${items} WHERE qty >= min_qty ORDER BY id';
           CREATE FUNCTION ${items}_echo(doc jsonb, ids bigint[], label text) RETURNS jsonb LANGUAGE sql AS
             $$SELECT jsonb_build_object('doc', doc, 'ids', to_jsonb(ids), 'label', label)$$;
           CREATE FUNCTION ${items}_touch(label text) RETURNS void LANGUAGE sql AS
             $$INSERT INTO ${items} (name) VALUES (label)$$;
           CREATE FUNCTION ${items}_definer() RETURNS integer LANGUAGE sql SECURITY DEFINER AS 'SELECT 1';`,
        );
      });

      it('calls functions with named arguments and defaults', async () => {
        expect(await client.executeRpc(`${items}_add`, { a: 2, b: 40 })).toBe(42);
        expect(await client.executeRpc(`${items}_add`, { a: 2 })).toBe(3);
        expect(
          await client.executeRpc(`${items}_echo`, {
            doc: { x: [1, 'y'] },
            ids: [1, 9007199254740993n],
            label: "it's",
          }),
        ).toEqual({ doc: { x: [1, 'y'] }, ids: [1, 9007199254740993n], label: "it's" });
        expect(await client.executeRpc(`${items}_touch`, { label: 'via rpc' })).toBeNull();
        expect(await client.count(items, { filter: 'name=eq.via rpc' })).toBe(1);
      });

      it('returns set-returning functions as arrays of rows', async () => {
        await client.insert(items, { name: 'rpc-row', qty: 1000 });
        const rows = (await client.executeRpc(`${items}_named`, { min_qty: 1000 })) as Array<
          Record<string, unknown>
        >;
        expect(rows.map((r) => r.name)).toEqual(['rpc-row']);
      });

      it('refuses unknown functions, wrong arguments and SECURITY DEFINER functions', async () => {
        await expectCode(client.executeRpc('no_such_function'), GrpcStatus.NOT_FOUND);
        await expectCode(client.executeRpc(`${items}_add`, { c: 1 }), GrpcStatus.INVALID_ARGUMENT, 'params');
        await expectCode(client.executeRpc(`${items}_add`, { b: 1 }), GrpcStatus.INVALID_ARGUMENT, 'params');
        await expectCode(
          client.executeRpc(`${items}_add`, { a: 'x' }),
          GrpcStatus.INVALID_ARGUMENT,
          'params',
        );
        await expectCode(client.executeRpc(`${items}_definer`), GrpcStatus.PERMISSION_DENIED);
        await expectCode(client.executeRpc('pg_sleep', { seconds: 1 }), GrpcStatus.NOT_FOUND);
        await expectCode(client.executeRpc('bad name()'), GrpcStatus.INVALID_ARGUMENT, 'function_name');
      });
    });

    describe('schema operations', () => {
      it('creates, describes, lists and drops managed tables with user_id and row-level security', async () => {
        const table = uniqueTable('schema');
        const info = await admin.createTable(
          table,
          [
            { name: 'code', type: 'varchar(12)', nullable: false },
            { name: 'status', type: 'text', defaultValue: "'draft'" },
            { name: 'meta', type: 'jsonb', defaultValue: "'{}'::jsonb" },
            { name: 'uid', type: 'uuid', defaultValue: 'gen_random_uuid()' },
          ],
          { primaryKey: ['code'] },
        );
        expect(info).toMatchObject({
          name: table,
          primaryKey: ['user_id', 'code'],
          rowLevelSecurity: true,
          embeddingTable: false,
        });
        expect(info!.columns.map((c) => c.name)).toEqual(['user_id', 'code', 'status', 'meta', 'uid']);
        expect((await admin.listTables())!.map((t) => t.name)).toEqual(
          expect.arrayContaining([table, 'users', 'monthly_sales']),
        );
        expect(await admin.describeTable(table)).toEqual(info);
        await expectCode(admin.createTable(table, [{ name: 'x', type: 'text' }]), GrpcStatus.ALREADY_EXISTS);
        expect(await admin.createTable(table, [{ name: 'x', type: 'text' }], { ifNotExists: true })).toEqual(
          info,
        );
        const [row] = (await client.insert(table, { code: 'c1' }))!;
        expect(row).toMatchObject({ code: 'c1', status: 'draft', meta: {} });
        expect(row!.uid).toMatch(/^[0-9a-f-]{36}$/);
        expect(await admin.dropTable(table)).toBe(true);
        expect(await admin.dropTable(table, { ifExists: true })).toBe(false);
        await expectCode(admin.describeTable(table), GrpcStatus.NOT_FOUND);
      });

      it('validates column definitions', async () => {
        const t = uniqueTable('bad');
        const attempts: Array<[Parameters<SupabaseClient['createTable']>[1], string]> = [
          [[{ name: 'user_id', type: 'text' }], 'columns[0].name'],
          [[{ name: 'a b', type: 'text' }], 'columns[0].name'],
          [[{ name: 'a', type: 'text); DROP TABLE users; --' }], 'columns[0].type'],
          [
            [{ name: 'a', type: 'text', defaultValue: "'x'); DROP TABLE users; --" }],
            'columns[0].default_value',
          ],
          [[{ name: 'a', type: 'text', defaultValue: 'pg_read_file(1)' }], 'columns[0].default_value'],
          [[{ name: 'a', type: 'vector' }], 'columns[0].type'],
          [[], 'columns'],
        ];
        for (const [columns, field] of attempts) {
          await expectCode(admin.createTable(t, columns), GrpcStatus.INVALID_ARGUMENT, field);
        }
        await expectCode(
          admin.createTable('pg_evil', [{ name: 'a', type: 'text' }]),
          GrpcStatus.INVALID_ARGUMENT,
          'table',
        );
        expect(await client.count('users', {})).toBeGreaterThanOrEqual(0);
      });

      it('applies migrations once by name and refuses a changed one', async () => {
        const name = uniqueTable('mig');
        const sql = `CREATE TABLE ${name} (id bigserial PRIMARY KEY, label text)`;
        expect(await admin.applyMigration(name, sql)).toEqual({ applied: true, managedTables: [name] });
        expect(await admin.applyMigration(name, sql)).toEqual({ applied: false, managedTables: [] });
        await expectCode(admin.applyMigration(name, `${sql} -- changed`), GrpcStatus.FAILED_PRECONDITION);
        await expectCode(
          admin.applyMigration(`${name}_broken`, 'CREATE TABLE ('),
          GrpcStatus.INVALID_ARGUMENT,
          'sql',
        );
        const migrations = (await admin.listMigrations())!.map((m) => m.name);
        expect(migrations).toEqual(expect.arrayContaining(['001_users', '002_monthly_sales', name]));
        expect(migrations).not.toContain(`${name}_broken`);
        const described = await admin.describeTable(name);
        expect(described).toMatchObject({ rowLevelSecurity: true });
        expect(described!.columns.map((c) => c.name)).toContain('user_id');
        expect(await client.insert(name, { label: 'after migration' })).toMatchObject([
          { label: 'after migration' },
        ]);
      });
    });

    if (options.vector)
      describe('vectors', () => {
        let table: string;
        const vectorOf = seededVectors(7);

        beforeAll(async () => {
          table = uniqueTable('emb');
          const info = await admin.createEmbeddingTable(table, 8);
          expect(info).toMatchObject({ embeddingTable: true, rowLevelSecurity: true });
        });

        it('upserts, searches by each metric with threshold and metadata filter, and deletes', async () => {
          const base = vectorOf(8);
          const near = base.map((v, i) => (i === 0 ? v + 0.01 : v));
          const far = base.map((v) => -v);
          expect(
            await client.upsertEmbedding(table, 'base', base, {
              metadata: { category: 'tech', rank: 1 },
              content: 'vector databases',
            }),
          ).toBe('base');
          expect(
            await client.batchUpsertEmbeddings(table, [
              { id: 'near', embedding: near, metadata: { category: 'tech', rank: 2 } },
              { id: 'far', embedding: far, metadata: { category: 'food', rank: 3 } },
            ]),
          ).toBe(2);
          const cosine = await client.similaritySearch(table, base, { limit: 3 });
          expect(cosine!.map((r) => r.id)).toEqual(['base', 'near', 'far']);
          expect(cosine![0]!.similarity).toBeCloseTo(1, 5);
          expect(cosine![2]!.similarity).toBeCloseTo(-1, 5);
          expect(cosine![0]!.metadata).toEqual({ category: 'tech', rank: 1 });
          expect(cosine![0]!.content).toBe('vector databases');
          const l2 = await client.similaritySearch(table, base, { metric: 'l2', limit: 3 });
          expect(l2!.map((r) => r.id)).toEqual(['base', 'near', 'far']);
          expect(l2![0]!.distance).toBeCloseTo(0, 5);
          const ip = await client.similaritySearch(table, base, { metric: 'inner_product', limit: 1 });
          expect(ip![0]!.similarity).toBeCloseTo(
            base.reduce((s, v) => s + v * v, 0),
            4,
          );
          expect((await client.similaritySearch(table, base, { threshold: 0.9 }))!.map((r) => r.id)).toEqual([
            'base',
            'near',
          ]);
          expect(
            (await client.similaritySearch(table, base, { filter: 'category=eq.food' }))!.map((r) => r.id),
          ).toEqual(['far']);
          expect(
            (await client.similaritySearch(table, base, { filter: 'rank>1' }))!.map((r) => r.id),
          ).toEqual(['near', 'far']);
          expect(
            (await client.similaritySearch(table, base, { filter: 'id=in.(base,far)' }))!.map((r) => r.id),
          ).toEqual(['base', 'far']);
          await client.upsertEmbedding(table, 'far', base, { metadata: { category: 'moved' } });
          expect(
            (await client.similaritySearch(table, base, { filter: 'category=eq.moved' }))![0]!.similarity,
          ).toBeCloseTo(1, 5);
          expect(await client.deleteEmbedding(table, 'far')).toBe(true);
          await expectCode(client.deleteEmbedding(table, 'far'), GrpcStatus.NOT_FOUND);
        });

        it('rejects dimension mismatches and bad vectors clearly', async () => {
          await expect(client.upsertEmbedding(table, 'x', [1, 2, 3])).rejects.toMatchObject({
            code: GrpcStatus.INVALID_ARGUMENT,
            field: 'embedding',
            details: expect.stringMatching(/has 3 dimensions, but table .* 8 dimensions/),
          });
          await expectCode(
            client.similaritySearch(table, [1, 2]),
            GrpcStatus.INVALID_ARGUMENT,
            'query_embedding',
          );
          await expectCode(
            client.upsertEmbedding(table, 'x', [Number.NaN, 0, 0, 0, 0, 0, 0, 0]),
            GrpcStatus.INVALID_ARGUMENT,
            'embedding[0]',
          );
          await expectCode(client.upsertEmbedding(table, '', vectorOf(8)), GrpcStatus.INVALID_ARGUMENT, 'id');
          await expectCode(
            client.batchUpsertEmbeddings(table, [
              { id: 'a', embedding: vectorOf(8) },
              { id: 'b', embedding: [1] },
            ]),
            GrpcStatus.INVALID_ARGUMENT,
            'embeddings[1].embedding',
          );
          await expectCode(client.similaritySearch(items, vectorOf(8)), GrpcStatus.FAILED_PRECONDITION);
          await expectCode(
            client.similaritySearch(table, vectorOf(8), { filter: 'tags=ov.{a}' }),
            GrpcStatus.INVALID_ARGUMENT,
            'filter',
          );
        });

        it('combines text rank and vector similarity with the given weights', async () => {
          const hybrid = uniqueTable('hyb');
          await admin.createEmbeddingTable(hybrid, 4);
          await client.batchUpsertEmbeddings(hybrid, [
            {
              id: 'ml',
              embedding: [0, 1, 0, 0],
              content: 'machine learning with neural networks',
              metadata: { title: 'ML' },
            },
            {
              id: 'cook',
              embedding: [1, 0, 0, 0],
              content: 'cooking pasta at home',
              metadata: { title: 'Food' },
            },
            { id: 'mixed', embedding: [0.7, 0.7, 0, 0], metadata: { title: 'machine learning recipes' } },
          ]);
          const query = [1, 0, 0, 0];
          const textFirst = await client.hybridSearch(hybrid, 'machine learning', query, {
            textWeight: 1,
            vectorWeight: 0,
          });
          expect(
            textFirst!
              .slice(0, 2)
              .map((r) => r.id)
              .sort(),
          ).toEqual(['mixed', 'ml']);
          expect(textFirst![0]!.textScore).toBeGreaterThan(0);
          const vectorFirst = await client.hybridSearch(hybrid, 'machine learning', query, {
            textWeight: 0,
            vectorWeight: 1,
          });
          expect(vectorFirst!.map((r) => r.id)).toEqual(['cook', 'mixed', 'ml']);
          const both = await client.hybridSearch(hybrid, 'machine learning', query, {
            textWeight: 0.5,
            vectorWeight: 0.5,
            limit: 1,
          });
          expect(both!.map((r) => r.id)).toEqual(['mixed']);
          expect(both![0]!.similarity).toBeCloseTo(
            0.5 * both![0]!.textScore + 0.5 * both![0]!.vectorScore,
            6,
          );
          const filtered = await client.hybridSearch(hybrid, 'machine learning', query, {
            filter: 'title=eq.ML',
          });
          expect(filtered!.map((r) => r.id)).toEqual(['ml']);
          await expectCode(client.hybridSearch(hybrid, '', []), GrpcStatus.INVALID_ARGUMENT, 'text_query');
          await expectCode(
            client.hybridSearch(hybrid, 'x', query, { textWeight: -1 }),
            GrpcStatus.INVALID_ARGUMENT,
            'text_weight',
          );
        });

        it('runs the usage guide’s vector operations on the 1536-dimension documents table', async () => {
          const random = seededVectors(42);
          const embedding = random(1536);
          expect(
            await client.upsertEmbedding('documents', 'doc_001', embedding, {
              metadata: { title: 'Test Document', category: 'tech' },
            }),
          ).toBe('doc_001');
          const queryEmbedding = embedding.map((v, i) => (i % 100 === 0 ? v * 0.9 : v));
          const results = await client.similaritySearch('documents', queryEmbedding, {
            limit: 10,
            filter: 'category=eq.tech',
            threshold: 0.7,
          });
          expect(results!.map((r) => r.id)).toEqual(['doc_001']);
          expect(results![0]!.metadata).toEqual({ title: 'Test Document', category: 'tech' });
          const hybrid = await client.hybridSearch('documents', 'test document', queryEmbedding, {
            limit: 10,
            textWeight: 0.5,
            vectorWeight: 0.5,
          });
          expect(hybrid![0]).toMatchObject({ id: 'doc_001' });
          expect(hybrid![0]!.textScore).toBeGreaterThan(0);
          const data = Array.from({ length: 100 }, (_, i) => ({
            id: `doc_${String(i).padStart(3, '0')}`,
            embedding: random(1536),
            metadata: { title: `Document ${i}`, index: i },
          }));
          expect(await client.batchUpsertEmbeddings('documents', data)).toBe(100);
          expect(await client.count('documents', {})).toBe(100);
        });

        it('creates HNSW indexes with parameters and refuses bad ones', async () => {
          const created = await admin.createVectorIndex(table, { metric: 'l2', m: 8, efConstruction: 32 });
          expect(created).toEqual({ indexName: `${table}_embedding_hnsw_l2`, created: true });
          expect(await admin.createVectorIndex(table, { metric: 'l2' })).toEqual({
            indexName: `${table}_embedding_hnsw_l2`,
            created: false,
          });
          expect((await admin.describeTable(table))!.indexes).toContain(`${table}_embedding_hnsw_l2`);
          await expectCode(admin.createVectorIndex(table, { m: 1 }), GrpcStatus.INVALID_ARGUMENT, 'm');
          await expectCode(
            admin.createVectorIndex(table, { column: 'metadata' }),
            GrpcStatus.INVALID_ARGUMENT,
            'column',
          );
          await expectCode(admin.createEmbeddingTable(table, 16), GrpcStatus.ALREADY_EXISTS);
        });
      });

    if (!options.vector)
      describe('without pgvector', () => {
        it('refuses vector operations with FAILED_PRECONDITION saying what to install', async () => {
          await expect(client.similaritySearch('documents', [1, 2, 3])).rejects.toMatchObject({
            code: GrpcStatus.FAILED_PRECONDITION,
            details: expect.stringMatching(/pgvector/),
          });
          await expectCode(client.upsertEmbedding('documents', 'a', [1]), GrpcStatus.FAILED_PRECONDITION);
          await expectCode(admin.createEmbeddingTable(uniqueTable('emb'), 3), GrpcStatus.FAILED_PRECONDITION);
          expect((await admin.listTables())!.map((t) => t.name)).not.toContain('documents');
        });
      });
  });
}
