import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Tenant } from '../../platform/tenancy.js';
import {
  namePrefix,
  ownName,
  ownSubject,
  physicalName,
  physicalSubject,
  subjectPrefix,
  validateHeaders,
  validateKey,
  validateSubject,
} from './names.js';

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/);
const tenant = fc.record({ userId: id, organizationId: id });
const name = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
const token = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
const subject = fc.array(token, { minLength: 1, maxLength: 4 }).map((t) => t.join('.'));
const same = (a: Tenant, b: Tenant) => a.userId === b.userId && a.organizationId === b.organizationId;

/** NATS subject matching, to check that a tenant's pattern can only ever match its own subjects. */
function matches(pattern: string, concrete: string): boolean {
  const p = pattern.split('.');
  const c = concrete.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return c.length > i;
    if (i >= c.length || (p[i] !== '*' && p[i] !== c[i])) return false;
  }
  return p.length === c.length;
}

describe('NATS names', () => {
  it('maps different (tenant, name) pairs to different physical names', () => {
    fc.assert(
      fc.property(tenant, name, tenant, name, (t1, n1, t2, n2) => {
        fc.pre(!(same(t1, t2) && n1 === n2));
        expect(physicalName(t1, n1, 'f')).not.toBe(physicalName(t2, n2, 'f'));
      }),
      { numRuns: 2000 },
    );
  });

  it('never lets one tenant’s name prefix cover another tenant’s names', () => {
    fc.assert(
      fc.property(tenant, tenant, name, (t1, t2, n) => {
        fc.pre(!same(t1, t2));
        expect(physicalName(t2, n, 'f').startsWith(namePrefix(t1))).toBe(false);
        expect(ownName(t1, physicalName(t2, n, 'f'))).toBeUndefined();
        expect(ownName(t2, physicalName(t2, n, 'f'))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the classic collisions apart', () => {
    const a = physicalName({ userId: 'a_b', organizationId: 'c' }, 'x', 'f');
    const b = physicalName({ userId: 'a', organizationId: 'b_c' }, 'x', 'f');
    const c = physicalName({ userId: 'a', organizationId: 'b' }, 'c_-x', 'f');
    expect(new Set([a, b, c]).size).toBe(3);
  });

  it('confines every subscription pattern to the tenant’s namespace', () => {
    const pattern = fc
      .array(fc.oneof(token, fc.constant('*')), { minLength: 0, maxLength: 3 })
      .chain((t) => fc.oneof(fc.constant(t), fc.constant([...t, '>'])))
      .filter((t) => t.length > 0)
      .map((t) => t.join('.'));
    fc.assert(
      fc.property(tenant, tenant, pattern, subject, (t1, t2, p, s) => {
        fc.pre(!same(t1, t2));
        const physicalPattern = physicalSubject(t1, p, 'subject', true);
        expect(matches(physicalPattern, physicalSubject(t2, s, 'subject', false))).toBe(false);
        for (const system of ['$JS.API.STREAM.LIST', '$KV.b.k', '$SYS.REQ.SERVER.PING', '_INBOX.x', s]) {
          expect(matches(physicalPattern, system)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips subjects through the namespace', () => {
    fc.assert(
      fc.property(tenant, subject, (t, s) => {
        expect(ownSubject(t, physicalSubject(t, s, 'subject', false))).toBe(s);
        expect(physicalSubject(t, s, 'subject', false).startsWith(subjectPrefix(t))).toBe(true);
      }),
    );
  });

  it('rejects what would break the namespace', () => {
    for (const bad of ['', 'a..b', 'a.', ' a', 'a\tb', 'a.>.b', 'a*', '$JS.x', '$SYS']) {
      expect(() => validateSubject(bad, 'subject', true), bad).toThrow(/subject/);
    }
    expect(() => validateSubject('a.*', 'subject', false)).toThrow(/wildcards/);
    expect(validateSubject('a.*.>', 'subject', true)).toBe('a.*.>');
    for (const bad of ['a.b', 'a*', 'a>', 'a b', '', 'a/b']) {
      expect(() => physicalName({ userId: 'u', organizationId: 'o' }, bad, 'name'), bad).toThrow(/name/);
    }
    expect(() =>
      physicalName({ userId: 'u'.repeat(64), organizationId: 'o'.repeat(64) }, 'n'.repeat(64), 'name'),
    ).not.toThrow();
    expect(() => validateKey('a.>', 'key')).toThrow();
    expect(validateKey('a.>', 'filter', true)).toBe('a.>');
    expect(() => validateHeaders({ 'Nats-Msg-Id': 'x' })).toThrow(/reserved/);
    expect(() => validateHeaders({ ok: 'a\nb' })).toThrow(/control/);
  });
});
