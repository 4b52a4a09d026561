import { basename, relative } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import {
  databaseFile,
  databaseNameOf,
  decodeSegment,
  encodeSegment,
  quoteIdentifier,
  quoteLiteral,
  tenantPaths,
  validateDatabaseName,
} from './names.js';

const tenantId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const dbName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,20}$/);

describe('DuckDB tenant directories and file names', () => {
  it('encode ids reversibly into [a-z0-9_] only', () => {
    expect(encodeSegment('user_123')).toBe('user_5f123');
    expect(encodeSegment('Alice')).toBe('_41lice');
    fc.assert(
      fc.property(tenantId, (id) => {
        const encoded = encodeSegment(id);
        expect(encoded).toMatch(/^[a-z0-9_]+$/);
        expect(decodeSegment(encoded)).toBe(id);
      }),
    );
  });

  it('never give two different tenants the same directory, even on case-insensitive file systems', () => {
    fc.assert(
      fc.property(tenantId, tenantId, tenantId, tenantId, (u1, o1, u2, o2) => {
        fc.pre(u1 !== u2 || o1 !== o2);
        const a = tenantPaths('/data', { userId: u1, organizationId: o1 }).root;
        const b = tenantPaths('/data', { userId: u2, organizationId: o2 }).root;
        expect(a.toLowerCase()).not.toBe(b.toLowerCase());
        // Neither directory contains the other.
        expect(relative(a, b).startsWith('..')).toBe(true);
      }),
    );
    const upper = tenantPaths('/data', { userId: 'Bob', organizationId: 'default-org' }).root;
    const lower = tenantPaths('/data', { userId: 'bob', organizationId: 'default-org' }).root;
    expect(upper.toLowerCase()).not.toBe(lower.toLowerCase());
  });

  it('keep every database file inside its tenant’s databases directory and map it back', () => {
    fc.assert(
      fc.property(tenantId, dbName, (user, name) => {
        const paths = tenantPaths('/data', { userId: user, organizationId: 'o' });
        const file = databaseFile(paths, name);
        expect(relative(paths.databases, file)).toBe(basename(file));
        expect(databaseNameOf(basename(file))).toBe(name);
      }),
    );
    expect(databaseNameOf('analytics.meta.json')).toBeUndefined();
    expect(databaseNameOf('..duckdb')).toBeUndefined();
    expect(databaseNameOf('_zz.duckdb')).toBeUndefined();
  });

  it('accept the guide’s database names and refuse path-like ones with the field named', () => {
    expect(validateDatabaseName('analytics')).toBe('analytics');
    for (const bad of ['', '../x', 'a/b', 'a.b', '1abc', 'x'.repeat(64), 'a b', 'ä']) {
      expect(() => validateDatabaseName(bad), bad).toThrow(
        expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'database_name' }),
      );
    }
  });

  it('quote identifiers and literals so no text can end them early', () => {
    expect(quoteIdentifier('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    fc.assert(
      fc.property(fc.string(), (text) => {
        const quoted = quoteIdentifier(text);
        // Inside the quotes every quote is doubled: the first lone quote is the closing one.
        expect(quoted.slice(1, -1).replaceAll('""', '')).not.toContain('"');
      }),
    );
  });
});
