import { cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../packages/server/src/platform/errors.js';
import { PgliteBackend } from '../../packages/server/src/services/supabase/backend-pglite.js';
import { Catalog } from '../../packages/server/src/services/supabase/catalog.js';
import { defaultTenantRole } from '../../packages/server/src/services/supabase/names.js';
import * as rows from '../../packages/server/src/services/supabase/rows.js';
import { SchemaAdmin } from '../../packages/server/src/services/supabase/schema-admin.js';
import type {
  TenantCall,
  TenantEnvironment,
} from '../../packages/server/src/services/supabase/tenant-context.js';
import { scratchDir } from '../support/stack.js';
import { pgliteTemplate } from './support.js';

/**
 * Property tests of the filter, select and order languages against a real PostgreSQL (PGlite): whatever
 * the input, the service either runs safe SQL that returns only the caller's rows, or refuses it with
 * INVALID_ARGUMENT. Anything else — a syntax error in generated SQL, another tenant's row, a changed
 * table — fails the property.
 */
describe('filter, select and order fuzzing against PostgreSQL', () => {
  let dir: string;
  let backend: PgliteBackend;
  let env: TenantEnvironment;
  const bob: TenantCall = { userId: 'bob', signal: new AbortController().signal, deadline: undefined };
  const alice: TenantCall = { ...bob, userId: 'alice' };

  beforeAll(async () => {
    dir = await scratchDir('supabase-fuzz');
    await cp(await pgliteTemplate(), dir, { recursive: true });
    backend = await PgliteBackend.open(join(dir, 'supabase', 'pgdata'));
    const role = defaultTenantRole(backend.database, 'public');
    const catalog = new Catalog(backend, 'public');
    const admin = new SchemaAdmin(backend, catalog, 'public', role, pino({ level: 'silent' }));
    await admin.bootstrap();
    await admin.createTable(
      'fuzz',
      [
        { name: 'id', type: 'bigserial', nullable: true, defaultValue: '', unique: false },
        { name: 'name', type: 'text', nullable: true, defaultValue: '', unique: false },
        { name: 'qty', type: 'integer', nullable: true, defaultValue: '', unique: false },
        { name: 'price', type: 'numeric', nullable: true, defaultValue: '', unique: false },
        { name: 'tags', type: 'text[]', nullable: true, defaultValue: '', unique: false },
        { name: 'data', type: 'jsonb', nullable: true, defaultValue: '', unique: false },
        { name: 'active', type: 'boolean', nullable: true, defaultValue: '', unique: false },
        { name: 'born', type: 'date', nullable: true, defaultValue: '', unique: false },
      ],
      ['id'],
      false,
    );
    env = {
      backend,
      catalog,
      schema: 'public',
      role,
      maxRows: 1000,
      statementTimeoutMs: 10_000,
      maxResultBytes: 1 << 22,
    };
    const sample = (who: string) =>
      [
        {
          name: `${who}-a`,
          qty: 1,
          price: 1.5,
          tags: ['x', 'y'],
          data: { k: 'v', n: 1 },
          active: true,
          born: '2000-01-01',
        },
        {
          name: `${who}-b`,
          qty: 20,
          price: null,
          tags: [],
          data: { k: 'w', n: 2, arr: [1, 2] },
          active: false,
          born: null,
        },
        { name: "o'brien", qty: -3, price: 0, tags: ['x'], data: null, active: null, born: '1999-12-31' },
      ].map((r) => JSON.stringify(r));
    await rows.insert(env, alice, 'fuzz', sample('alice'), { returning: '', minimal: true });
    await rows.insert(env, bob, 'fuzz', sample('bob'), { returning: '', minimal: true });
  });

  afterAll(async () => {
    await backend?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const columns = fc.constantFrom(
    'name',
    'qty',
    'price',
    'tags',
    'data',
    'active',
    'born',
    'user_id',
    'id',
    'data->>k',
    'data->n',
    'data->arr->0',
    'nope',
  );
  const operators = fc.constantFrom(
    'eq',
    'neq',
    'gt',
    'gte',
    'lt',
    'lte',
    'like',
    'ilike',
    'match',
    'imatch',
    'is',
    'isdistinct',
    'cs',
    'cd',
    'ov',
    'sl',
    'adj',
    'fts',
    'plfts',
    'phfts',
    'wfts',
    'fts(english)',
    'wfts(simple)',
    'eq(any)',
    'like(all)',
    'in',
  );
  const values = fc.oneof(
    fc.constantFrom(
      'alice',
      'alice-a',
      'bob-a',
      "o'brien",
      '1',
      '-3',
      '20',
      '1.5',
      'null',
      'true',
      'false',
      'unknown',
      'not_null',
      '{x}',
      '{x,y}',
      '{"k":"v"}',
      '[1,2)',
      '(1,2)',
      '(alice,bob)',
      '*a*',
      '%',
      '2000-01-01',
      "'; DROP TABLE fuzz; --",
      "alice' OR '1'='1",
      '$1',
      '\\',
      '',
    ),
    fc.string({ maxLength: 12 }),
    fc.integer().map(String),
  );
  const quoteIfWanted = (value: string, quote: boolean) =>
    quote ? `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : value;
  const randomCondition = fc
    .tuple(columns, fc.boolean(), operators, values, fc.boolean())
    .map(([column, negated, op, value, quote]) => ({
      column,
      op: `${negated ? 'not.' : ''}${op}`,
      value: quoteIfWanted(value, quote),
    }));
  /** Conditions that fit their column's type, so most of them reach the database and run. */
  const typed = (column: string, ops: string[], vals: fc.Arbitrary<string>) =>
    fc.tuple(fc.constant(column), fc.constantFrom(...ops), vals);
  const word = fc.constantFrom(
    'alice-a',
    'bob-a',
    'bob-b',
    "o'brien",
    'x',
    '',
    '*b*',
    '%o%',
    'b',
    "'; DROP TABLE fuzz; --",
  );
  const int = fc.integer({ min: -5, max: 25 }).map(String);
  const typedCondition = fc
    .tuple(
      fc.oneof(
        typed('name', ['eq', 'neq', 'gt', 'lt', 'like', 'ilike', 'isdistinct'], word),
        typed(
          'name',
          ['in', 'like(any)', 'eq(any)'],
          fc.array(word, { maxLength: 3 }).map((w) => `(${w.map((v) => quoteIfWanted(v, true)).join(',')})`),
        ),
        typed('qty', ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'isdistinct'], int),
        typed(
          'qty',
          ['in'],
          fc.array(int, { maxLength: 4 }).map((v) => `(${v.join(',')})`),
        ),
        typed('price', ['gt', 'lt', 'eq'], fc.constantFrom('0', '1.5', '-1', '2.25')),
        typed('tags', ['cs', 'cd', 'ov'], fc.constantFrom('{x}', '{x,y}', '{}', '{y,z}')),
        typed('data', ['cs', 'cd'], fc.constantFrom('{"k":"v"}', '{"n":2}', '{}')),
        typed('data->>k', ['eq', 'neq', 'like'], fc.constantFrom('v', 'w', 'z', '*')),
        typed('data->n', ['gt', 'lt', 'eq'], int),
        typed('active', ['is'], fc.constantFrom('true', 'false', 'null', 'not_null', 'unknown')),
        typed('born', ['gt', 'lt', 'eq'], fc.constantFrom('2000-01-01', '1999-12-31', '1970-01-01')),
        typed('user_id', ['eq', 'neq', 'like'], fc.constantFrom('alice', 'bob', '*', '%')),
        typed('name', ['fts', 'plfts', 'wfts(simple)'], fc.constantFrom('alice', 'bob', 'brien')),
      ),
      fc.boolean(),
      fc.boolean(),
    )
    .map(([[column, op, value], negated, quote]) => ({
      column,
      op: `${negated ? 'not.' : ''}${op}`,
      value: /^[({]/.test(value) ? value : quoteIfWanted(value, quote),
    }));
  const condition = fc.oneof(
    { arbitrary: typedCondition, weight: 4 },
    { arbitrary: randomCondition, weight: 1 },
  );
  const { tree } = fc.letrec<{ tree: string; item: string }>((tie) => ({
    item: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      condition.map((c) => `${c.column}.${c.op}.${c.value}`),
      fc
        .tuple(
          fc.boolean(),
          fc.constantFrom('and', 'or'),
          fc.array(tie('item'), { minLength: 1, maxLength: 3 }),
        )
        .map(([negated, kind, items]) => `${negated ? 'not.' : ''}${kind}(${items.join(',')})`),
    ),
    tree: fc.oneof(
      condition.map((c) => `${c.column}=${c.op}.${c.value}`),
      fc
        .tuple(columns, fc.constantFrom('>', '<', '>=', '<=', '!=', '='), values)
        .map(([c, op, v]) => `${c}${op}${v}`),
      fc
        .tuple(
          fc.boolean(),
          fc.constantFrom('and', 'or'),
          fc.array(tie('item'), { minLength: 1, maxLength: 3 }),
        )
        .map(([negated, kind, items]) => `${negated ? 'not.' : ''}${kind}=(${items.join(',')})`),
    ),
  }));
  const filters = fc.oneof(
    { arbitrary: fc.array(tree, { minLength: 1, maxLength: 3 }).map((terms) => terms.join('&')), weight: 4 },
    { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  );

  const outcomes = { ran: 0, refused: 0 };

  /** Runs one query as bob: only bob's rows, or a deliberate refusal. */
  async function check(input: { filter?: string; select?: string; order?: string }): Promise<void> {
    try {
      const result = await rows.query(env, bob, {
        table: 'fuzz',
        select: input.select === undefined ? 'user_id' : input.select,
        filter: input.filter ?? '',
        order: input.order ?? '',
        limit: 0,
        offset: 0,
        count: true,
      });
      if (input.select === undefined) {
        for (const row of result.rows) expect(JSON.parse(row)).toEqual({ user_id: 'bob' });
      }
      expect(result.count).toBeLessThanOrEqual(3);
      outcomes.ran++;
    } catch (err) {
      if (!(err instanceof ServiceError)) throw err;
      expect(err.code, err.message).toBe(3);
      outcomes.refused++;
      if (process.env.FUZZ_DEBUG) console.log(err.message);
    }
  }

  it('answers any filter with bob’s rows only, or INVALID_ARGUMENT', async () => {
    await fc.assert(
      fc.asyncProperty(filters, (filter) => check({ filter })),
      { numRuns: 400 },
    );
  });

  it('answers any select and order with bob’s rows only, or INVALID_ARGUMENT', async () => {
    const words = fc.constantFrom(
      'name',
      'qty',
      'data->>k',
      'x:qty',
      'qty::text',
      'tags',
      '*',
      ',',
      '.',
      'desc',
      'nullslast',
      ' ',
      "'",
      ';',
      '(',
      ')',
      '::regclass',
      'user_id',
    );
    const soup = fc.oneof(
      fc.array(words, { maxLength: 8 }).map((w) => w.join('')),
      fc.string({ maxLength: 20 }),
    );
    const selects = fc.oneof(
      {
        arbitrary: fc
          .array(
            fc.constantFrom(
              'name',
              'qty',
              'x:qty',
              'qty::text',
              'data->>k',
              'n:data->n::int',
              'tags',
              'born',
              'nope',
            ),
            { maxLength: 4 },
          )
          .map((w) => w.join(', ')),
        weight: 3,
      },
      { arbitrary: soup, weight: 1 },
    );
    const orders = fc.oneof(
      {
        arbitrary: fc
          .array(
            fc.constantFrom(
              'name',
              'qty.desc',
              'data->>k.asc.nullsfirst',
              'born.nullslast',
              'price.desc.nullsfirst',
              'user_id',
            ),
            { maxLength: 3 },
          )
          .map((w) => w.join(',')),
        weight: 3,
      },
      { arbitrary: soup, weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(selects, orders, async (select, order) => {
        await check({ select: `user_id${select ? `, ${select}` : ''}`, order });
        await check({ order });
      }),
      { numRuns: 200 },
    );
  });

  it('leaves the other tenant’s rows untouched after all of it', async () => {
    // The generators reach the database often enough for the properties to mean something.
    expect(outcomes.ran).toBeGreaterThan(200);
    expect(outcomes.refused).toBeGreaterThan(100);
    const result = await rows.query(env, alice, {
      table: 'fuzz',
      select: 'name',
      filter: '',
      order: 'name',
      limit: 0,
      offset: 0,
      count: false,
    });
    expect(result.rows.map((r) => JSON.parse(r).name)).toEqual(['alice-a', 'alice-b', "o'brien"]);
  });
});
