import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../../platform/errors.js';
import type { ColumnModel, TableModel } from '../catalog-model.js';
import { Emitter } from './emit.js';
import { arrayLiteral, Params } from './params.js';

function column(name: string, typeName: string, extra: Partial<ColumnModel> = {}): ColumnModel {
  return {
    name,
    type: typeName,
    typeName,
    nullable: true,
    defaultValue: null,
    generated: false,
    vectorDimension: 0,
    isVector: false,
    ...extra,
  };
}

const TABLE: TableModel = {
  name: 'items',
  columns: new Map(
    [
      column('id', 'int8'),
      column('user_id', 'text'),
      column('name', 'text'),
      column('qty', 'int4'),
      column('tags', '_text'),
      column('data', 'jsonb'),
      column('body', 'text'),
      column('fts', 'tsvector'),
      column('metadata', 'jsonb'),
      column('embedding', 'vector', { isVector: true, vectorDimension: 3 }),
    ].map((c) => [c.name, c]),
  ),
  primaryKey: ['user_id', 'id'],
  uniqueKeys: [['user_id', 'id']],
  indexes: [],
  managed: true,
};

function emit(filter: string, options = {}): { sql: string | undefined; params: Array<string | null> } {
  const params = new Params();
  const sql = new Emitter(TABLE, params, options).filter(filter);
  return { sql, params: params.values };
}

describe('SQL emission', () => {
  it('binds every value as a parameter and quotes every identifier', () => {
    expect(emit('name=eq.Bob')).toEqual({ sql: '("name" = $1)', params: ['Bob'] });
    expect(emit('qty>25&name=like.*ob*')).toEqual({
      sql: '(("qty" > $1) AND ("name" LIKE $2))',
      params: ['25', '%ob%'],
    });
    expect(emit('or=(qty.lt.1,not.and(name.eq.a,qty.is.null))')).toEqual({
      sql: '(("qty" < $1) OR NOT (("name" = $2) AND ("qty" IS NULL)))',
      params: ['1', 'a'],
    });
    expect(emit('name=in.(a,"b,c")')).toEqual({ sql: '("name" = ANY($1))', params: ['{"a","b,c"}'] });
    expect(emit('name=in.()')).toEqual({ sql: '(false)', params: [] });
    expect(emit('name=not.ilike(all).{a*,*b}')).toEqual({
      sql: 'NOT ("name" ILIKE ALL($1))',
      params: ['{"a%","%b"}'],
    });
    expect(emit('tags=cs.{a,b}')).toEqual({ sql: '("tags" @> $1)', params: ['{a,b}'] });
    expect(emit('data->a->>b=eq.1')).toEqual({
      sql: '((("data"->$1::text)->>$2::text) = $3)',
      params: ['a', 'b', '1'],
    });
    expect(emit('data->0=eq.1')).toEqual({ sql: '(("data"->$1::int) = $2)', params: ['0', '1'] });
  });

  it('searches text with to_tsvector in the query’s configuration, tsvector columns directly', () => {
    expect(emit('body=fts(english).cat')).toEqual({
      sql: '(to_tsvector($1::regconfig, "body") @@ to_tsquery($1::regconfig, $2))',
      params: ['english', 'cat'],
    });
    expect(emit('fts=wfts.cat dog')).toEqual({
      sql: '("fts" @@ websearch_to_tsquery($1))',
      params: ['cat dog'],
    });
  });

  it('maps unknown names to metadata keys only where asked, comparing numbers as JSON', () => {
    expect(() => emit('category=eq.tech')).toThrow(/column "category" does not exist in table "items"/);
    expect(emit('category=eq.tech', { metadataKeys: true })).toEqual({
      sql: '(("metadata"->>$1::text) = $2)',
      params: ['category', 'tech'],
    });
    expect(emit('rank>2', { metadataKeys: true })).toEqual({
      sql: '(("metadata"->$1::text) > $2::jsonb)',
      params: ['rank', '2'],
    });
    expect(emit('flag=is.true', { metadataKeys: true })).toEqual({
      sql: '(("metadata"->$1::text) = $2::jsonb)',
      params: ['flag', 'true'],
    });
  });

  it('keeps hostile values out of the SQL text (escaping as supabase-js tests it)', () => {
    const hostile = [
      "'; DROP TABLE items; --",
      '") OR 1=1 --',
      '$1',
      '\\',
      'a\u0000b',
      '🙂 unicode',
      "O'Reilly",
      '%_*',
    ];
    for (const value of hostile) {
      const quoted = `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
      const { sql, params } = emit(`name=eq.${quoted}`);
      expect(sql).toBe('("name" = $1)');
      expect(params).toEqual([value]);
      const list = emit(`name=in.(${quoted},x)`);
      expect(list.sql).toBe('("name" = ANY($1))');
    }
    expect(arrayLiteral(['a"b', 'c\\d', 'e,f', '{g}'])).toBe('{"a\\"b","c\\\\d","e,f","{g}"}');
  });

  it('selects with renames, casts, JSON paths and vectors as arrays', () => {
    const select = (input: string) => new Emitter(TABLE, new Params()).select(input);
    expect(select('id, n:name, qty::text, data->a->>b, embedding')).toBe(
      '"id" AS "id", "name" AS "n", ("qty")::text AS "qty", (("data"->$1::text)->>$2::text) AS "b", ("embedding")::real[] AS "embedding"',
    );
    expect(select('')).toContain('"embedding"::real[] AS "embedding"');
    expect(select('name->>1')).toBe('("name"->>$1::int) AS "1"');
    expect(() => select('name, name')).toThrow(/selected twice/);
    expect(() => select('qty::regclass')).toThrow(/cannot cast/);
    expect(() => select('rel(*)')).toThrow(/embedded resources/);
    expect(() => select('nope')).toThrow(/column "nope" does not exist/);
  });

  it('orders by several terms', () => {
    const order = (input: string) => new Emitter(TABLE, new Params()).order(input);
    expect(order('qty.desc.nullslast,name')).toBe('"qty" DESC NULLS LAST, "name" ASC');
    expect(order('')).toBe('');
    expect(() => order('qty.desc.asc')).toThrow(/expecting asc, desc, nullsfirst or nullslast/);
  });

  it('turns any filter, select or order into quoted, parameterised SQL or an INVALID_ARGUMENT', () => {
    const token = fc.constantFrom(
      'name',
      'qty',
      'data',
      'tags',
      'body',
      'nope',
      'user_id',
      '=',
      'eq.',
      'gt.',
      'like.',
      'in.',
      'is.',
      'cs.',
      'fts(english).',
      'not.',
      'or=',
      'and',
      '(',
      ')',
      ',',
      '.',
      '"',
      '\\',
      '&',
      '->',
      '->>',
      '{',
      '}',
      '*',
      "'",
      ';',
      '--',
      '/*',
      'DROP TABLE items',
      '$1',
      ' ',
      '1',
      'null',
      'asc',
      'desc',
      ':',
      '::',
      'text',
      '>',
      '<',
      '!',
    );
    const input = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 50 }),
      fc.array(token, { maxLength: 30 }).map((t) => t.join('')),
    );
    const known = new Set([...TABLE.columns.keys()]);
    fc.assert(
      fc.property(input, fc.constantFrom('filter', 'select', 'order'), (text, kind) => {
        const params = new Params();
        const emitter = new Emitter(TABLE, params, { metadataKeys: kind === 'filter' });
        let sql: string | undefined;
        try {
          sql =
            kind === 'filter'
              ? emitter.filter(text)
              : kind === 'select'
                ? emitter.select(text)
                : emitter.order(text);
        } catch (err) {
          expect(err).toBeInstanceOf(ServiceError);
          expect((err as ServiceError).code).toBe(3);
          return;
        }
        if (sql === undefined) return;
        // Identifiers are known columns, or output names after AS made of word characters (aliases and
        // JSON keys); nothing else of the input appears outside parameters.
        for (const [, as, name] of sql.matchAll(/(AS )?"((?:[^"]|"")*)"/g)) {
          expect(known.has(name!) || (as !== undefined && /^\w+$/.test(name!)), name).toBe(true);
        }
        const bare = sql.replaceAll(/"(?:[^"]|"")*"/g, '').replaceAll(/\$\d+/g, '');
        expect(bare).not.toMatch(/['";]|--|\/\*/);
        expect(bare).toMatch(/^[A-Za-z_0-9 ()<>=!~*&@|:,.[\]-]*$/);
        const placeholders = new Set([...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        for (const n of placeholders) expect(n).toBeLessThanOrEqual(params.values.length);
      }),
      { numRuns: 3000 },
    );
  });
});
