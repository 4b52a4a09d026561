import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ServiceError } from '../../platform/errors.js';
import { parseColumnType, parseDefault } from './ddl-types.js';
import { defaultTenantRole, isIdentifier, quoteIdent, quoteLiteral, validateTableName } from './names.js';

describe('column types and defaults for CreateTable', () => {
  it('accepts the supported types and writes them canonically', () => {
    const cases: Array<[string, string, number]> = [
      ['text', 'text', 0],
      ['VARCHAR(20)', 'varchar(20)', 0],
      ['character varying (20)', 'varchar(20)', 0],
      ['numeric(10, 2)', 'numeric(10,2)', 0],
      ['int8', 'bigint', 0],
      ['double precision', 'double precision', 0],
      ['timestamp with time zone', 'timestamptz', 0],
      ['text[]', 'text[]', 0],
      ['jsonb', 'jsonb', 0],
      ['vector(1536)', 'vector(1536)', 1536],
      ['bigserial', 'bigserial', 0],
    ];
    for (const [input, sql, dimension] of cases) {
      expect(parseColumnType('type', input), input).toEqual({ sql, vectorDimension: dimension });
    }
  });

  it('refuses anything else by name', () => {
    for (const input of [
      'text); DROP TABLE x; --',
      'regclass',
      'vector',
      'vector(0)',
      'vector(20000)',
      'bigserial[]',
      'text(1,2)',
      'int(4)',
      '',
    ]) {
      expect(() => parseColumnType('columns[0].type', input), input).toThrow(ServiceError);
    }
  });

  it('accepts literal and well-known defaults and re-quotes strings', () => {
    expect(parseDefault('d', '42')).toBe('42');
    expect(parseDefault('d', '-1.5')).toBe('-1.5');
    expect(parseDefault('d', "'it''s'")).toBe("'it''s'");
    expect(parseDefault('d', "'{}'::jsonb")).toBe("'{}'::jsonb");
    expect(parseDefault('d', 'NOW()')).toBe('now()');
    expect(parseDefault('d', 'gen_random_uuid()')).toBe('gen_random_uuid()');
    expect(parseDefault('d', 'TRUE')).toBe('true');
    for (const bad of [
      "'x'); DROP TABLE y; --",
      'pg_sleep(10)',
      "'a' || 'b'",
      "now()'",
      '1; SELECT 1',
      "'\u0000'",
    ]) {
      expect(() => parseDefault('d', bad), bad).toThrow(ServiceError);
    }
  });

  it('never lets default text escape its literal', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (inner) => {
        try {
          const sql = parseDefault('d', `'${inner.replaceAll("'", "''")}'`);
          // One literal, quotes doubled inside: no statement can follow it.
          expect(sql).toMatch(/^'(?:[^']|'')*'$/);
        } catch (err) {
          expect(err).toBeInstanceOf(ServiceError);
        }
      }),
    );
  });
});

describe('names', () => {
  it('accepts identifiers only', () => {
    expect(isIdentifier('users')).toBe(true);
    expect(isIdentifier('_x1')).toBe(true);
    for (const bad of ['1a', 'a-b', 'a b', 'a"b', 'a;b', 'ä', '', 'x'.repeat(64)])
      expect(isIdentifier(bad), bad).toBe(false);
    expect(() => validateTableName('pg_authid')).toThrow(/reserved/);
  });

  it('quotes identifiers and literals', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("o'brien")).toBe("'o''brien'");
    expect(() => quoteLiteral('a\u0000')).toThrow();
  });

  it('derives one tenant role per database and schema, never a shared one', () => {
    expect(defaultTenantRole('db1', 'public')).toMatch(/^isa_tenant_[0-9a-f]{10}$/);
    expect(defaultTenantRole('db1', 'public')).toBe(defaultTenantRole('db1', 'public'));
    expect(defaultTenantRole('db1', 'public')).not.toBe(defaultTenantRole('db2', 'public'));
    expect(defaultTenantRole('db1', 'public')).not.toBe(defaultTenantRole('db1', 'other'));
  });
});
