import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import {
  escapeGlob,
  lockKeys,
  ownName,
  physicalChannel,
  physicalKey,
  physicalPattern,
  prefix,
  sessionKey,
  tenantRoot,
  validatePattern,
} from './names.js';

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,12}$/);
const tenant = fc.record({ userId: id, organizationId: id });
const key = fc
  .string({ minLength: 1, maxLength: 40 })
  // biome-ignore lint/suspicious/noControlCharactersInRegex: keys with control characters are refused by design
  .filter((k) => !/[\u0000-\u001f\u007f\uD800-\uDFFF]/.test(k));

describe('redis names', () => {
  it('follow the documented layout', () => {
    const t = { userId: 'alice', organizationId: 'acme' };
    expect(physicalKey(t, 'user:1')).toBe('isa:alice:acme:k:user:1');
    expect(physicalChannel(t, 'news')).toBe('isa:alice:acme:c:news');
    expect(lockKeys(t, 'job')).toEqual({ lock: 'isa:alice:acme:l:job', fence: 'isa:alice:acme:f:job' });
    expect(sessionKey(t, 'A'.repeat(22))).toBe(`isa:alice:acme:s:${'A'.repeat(22)}`);
    expect(physicalPattern(t, 'k', '')).toBe('isa:alice:acme:k:*');
  });

  it('never map two different (tenant, key) pairs to the same physical key', () => {
    fc.assert(
      fc.property(tenant, key, tenant, key, (t1, k1, t2, k2) => {
        const same = t1.userId === t2.userId && t1.organizationId === t2.organizationId && k1 === k2;
        expect(physicalKey(t1, k1) === physicalKey(t2, k2)).toBe(same);
      }),
    );
    // The reference's collision: user "a" with key "b:c" vs. user "a:b" with key "c" cannot happen here.
    expect(physicalKey({ userId: 'a', organizationId: 'o' }, 'b:c')).not.toBe(
      physicalKey({ userId: 'a-b', organizationId: 'o' }, 'c'),
    );
  });

  it('never let one tenant’s prefix be a prefix of another tenant’s names', () => {
    fc.assert(
      fc.property(tenant, tenant, key, (t1, t2, k) => {
        fc.pre(t1.userId !== t2.userId || t1.organizationId !== t2.organizationId);
        expect(physicalKey(t2, k).startsWith(tenantRoot(t1))).toBe(false);
        expect(ownName(t1, 'k', physicalKey(t2, k))).toBeUndefined();
        expect(ownName(t2, 'k', physicalKey(t2, k))).toBe(k);
      }),
    );
  });

  it('keep namespaces of one tenant apart', () => {
    const t = { userId: 'u', organizationId: 'o' };
    expect(ownName(t, 's', physicalKey(t, 's:x'))).toBeUndefined();
    expect(ownName(t, 'k', physicalChannel(t, 'x'))).toBeUndefined();
  });

  it('build patterns as a literal prefix followed by the caller’s glob', () => {
    fc.assert(
      fc.property(tenant, key, (t, p) => {
        fc.pre((p.match(/\*/g) ?? []).length <= 16);
        const physical = physicalPattern(t, 'k', p);
        expect(physical.startsWith(prefix(t, 'k'))).toBe(true);
        // The prefix holds no glob character, so it matches only itself.
        expect(prefix(t, 'k')).not.toMatch(/[*?[\]\\]/);
        expect(physical.slice(prefix(t, 'k').length)).toBe(p);
      }),
    );
    expect(escapeGlob('a*b?c[d]e\\f')).toBe('a\\*b\\?c\\[d\\]e\\\\f');
  });

  it('refuse bad names and patterns with the field named', () => {
    const t = { userId: 'u', organizationId: 'o' };
    const refused = (fn: () => unknown, field: string) =>
      expect(fn).toThrow(expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field }));
    refused(() => physicalKey(t, ''), 'key');
    refused(() => physicalKey(t, 'a\u0000b'), 'key');
    refused(() => physicalKey(t, 'é'.repeat(513)), 'key');
    refused(() => physicalKey(t, '\uD800'), 'key');
    refused(() => validatePattern('*'.repeat(17), 'pattern'), 'pattern');
    refused(() => sessionKey(t, 'short'), 'session_id');
    refused(() => sessionKey(t, `${'A'.repeat(21)}*`), 'session_id');
    expect(validatePattern('*'.repeat(16), 'pattern')).toBe('*'.repeat(16));
  });
});
