import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';
import {
  brokerClientId,
  filterMatches,
  ownTopic,
  physicalFilter,
  physicalTopic,
  serviceClientId,
  streamClientId,
  topicViolations,
  validateClientId,
  validateQos,
} from './names.js';

const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,12}$/);
const tenantArb = fc.record({ userId: id, organizationId: id });
const level = fc.oneof(
  fc.constantFrom('', 'a', 'b', 'sensors', 'default-org', '..', '.', 'x y', 'ü', '$x', 'user_1'),
  fc.stringMatching(/^[a-z0-9_-]{1,6}$/),
);
const topicArb = fc
  .array(level, { minLength: 1, maxLength: 6 })
  .map((levels) => levels.join('/'))
  .filter((t) => t.length > 0 && !t.startsWith('$'));
const filterArb = fc
  .array(fc.oneof(level, fc.constant('+')), { minLength: 1, maxLength: 6 })
  .chain((levels) => fc.boolean().map((hash) => [...levels, ...(hash ? ['#'] : [])].join('/')))
  .filter((f) => f.length > 0 && !f.startsWith('$'));
const alice: Tenant = { userId: 'alice', organizationId: 'acme' };

function invalid(run: () => unknown, field: string, rule: RegExp): void {
  try {
    run();
  } catch (err) {
    expect(err).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field });
    expect((err as Error).message).toMatch(rule);
    return;
  }
  throw new Error('expected INVALID_ARGUMENT');
}

describe('topic namespacing', () => {
  it('places topics under {user_id}/{organization_id}/ as the guide says, and back', () => {
    expect(physicalTopic(alice, 'sensors/temperature')).toBe('alice/acme/sensors/temperature');
    expect(physicalFilter(alice, '#')).toBe('alice/acme/#');
    expect(physicalFilter(alice, '+/temp')).toBe('alice/acme/+/temp');
    expect(ownTopic(alice, 'alice/acme/sensors/temperature')).toBe('sensors/temperature');
    expect(ownTopic(alice, 'alice/other/sensors')).toBeUndefined();
    expect(ownTopic(alice, 'alice/acme/')).toBeUndefined();
    fc.assert(
      fc.property(tenantArb, topicArb, (t, topic) => {
        expect(ownTopic(t, physicalTopic(t, topic))).toBe(topic);
      }),
    );
  });

  it('never lets a filter of one tenant match a topic of another', () => {
    fc.assert(
      fc.property(tenantArb, tenantArb, filterArb, topicArb, (a, b, filter, topic) => {
        fc.pre(a.userId !== b.userId || a.organizationId !== b.organizationId);
        expect(filterMatches(physicalFilter(a, filter), physicalTopic(b, topic))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('never maps two different (tenant, topic) pairs to one broker topic', () => {
    fc.assert(
      fc.property(tenantArb, topicArb, tenantArb, topicArb, (a, ta, b, tb) => {
        fc.pre(a.userId !== b.userId || a.organizationId !== b.organizationId || ta !== tb);
        expect(physicalTopic(a, ta)).not.toBe(physicalTopic(b, tb));
      }),
    );
  });

  it('refuses what MQTT forbids, naming the rule', () => {
    invalid(() => physicalTopic(alice, ''), 'topic', /must not be empty/);
    invalid(() => physicalTopic(alice, 'a/+'), 'topic', /only for subscription filters/);
    invalid(() => physicalTopic(alice, 'a/#'), 'topic', /only for subscription filters/);
    invalid(() => physicalTopic(alice, 'a\u0000b'), 'topic', /NUL/);
    invalid(() => physicalTopic(alice, 'a\u001fb'), 'topic', /control characters/);
    invalid(() => physicalTopic(alice, 'a\u0085b'), 'topic', /control characters/);
    invalid(() => physicalTopic(alice, 'a\uD800b'), 'topic', /unpaired surrogate/);
    invalid(() => physicalTopic(alice, 'a\uDC00'), 'topic', /unpaired surrogate/);
    invalid(() => physicalTopic(alice, '$SYS/broker'), 'topic', /belong to the broker/);
    invalid(
      () => physicalFilter(alice, 'a/#/b'),
      'topic_filter',
      /"#" must be a whole level and the last one/,
    );
    invalid(() => physicalFilter(alice, 'a#'), 'topic_filter', /"#" must be a whole level/);
    invalid(() => physicalFilter(alice, 'a+/b'), 'topic_filter', /"\+" must be a whole level/);
    invalid(() => physicalFilter(alice, '$SYS/#'), 'topic_filter', /belong to the broker/);
    // Valid UTF-8 beyond the BMP is fine; so are empty levels, as MQTT allows.
    expect(physicalTopic(alice, 'emoji/😀')).toBe('alice/acme/emoji/😀');
    expect(physicalTopic(alice, 'a//b')).toBe('alice/acme/a//b');
  });

  it('counts the namespace in MQTT’s 65535-byte and the broker’s 100-level limits', () => {
    const room = 65535 - Buffer.byteLength('alice/acme/');
    expect(physicalTopic(alice, 'x'.repeat(room))).toHaveLength(65535);
    invalid(() => physicalTopic(alice, 'x'.repeat(room + 1)), 'topic', new RegExp(`at most ${room} bytes`));
    // Multi-byte characters count as bytes, not characters.
    invalid(() => physicalTopic(alice, 'é'.repeat(room / 2 + 1)), 'topic', /bytes in UTF-8/);
    const levels = (n: number) => Array.from({ length: n }, () => 'l').join('/');
    expect(topicViolations(alice, levels(98), false)).toEqual([]);
    invalid(() => physicalTopic(alice, levels(99)), 'topic', /at most 98 levels/);
  });

  it('reports every violation at once', () => {
    expect(topicViolations(alice, '$a/+\u0000', false)).toEqual([
      'must not contain U+0000 (NUL)',
      'must not start with "$": such topics ($SYS, ...) belong to the broker',
      'must not contain "+" or "#": wildcards are only for subscription filters',
    ]);
  });
});

describe('MQTT filter matching', () => {
  it('follows MQTT §4.7', () => {
    const cases: Array<[string, string, boolean]> = [
      ['a/b', 'a/b', true],
      ['a/+', 'a/b', true],
      ['a/+', 'a/b/c', false],
      ['a/+', 'a', false],
      ['a/#', 'a', true],
      ['a/#', 'a/b/c', true],
      ['#', 'a/b', true],
      ['+/+', 'a/b', true],
      ['+', '', true],
      ['a/+/c', 'a//c', true],
      ['#', '$SYS/x', false],
      ['+/x', '$SYS/x', false],
      ['$SYS/#', '$SYS/x', true],
      ['a/b', 'a/b/c', false],
    ];
    for (const [filter, topic, matches] of cases)
      expect(filterMatches(filter, topic), `${filter} ~ ${topic}`).toBe(matches);
  });
});

describe('client ids', () => {
  it('accept safe ids and refuse separators, wildcards and control characters', () => {
    expect(validateClientId('device-001')).toBe('device-001');
    expect(validateClientId('a.b:c@d_e')).toBe('a.b:c@d_e');
    for (const bad of ['', 'a/b', 'a+b', 'a#b', '$sys', 'a b', 'a\u0000', '-x', 'x'.repeat(129)]) {
      expect(() => validateClientId(bad), bad).toThrow(/client_id/);
    }
  });

  it('are namespaced on the broker so two tenants’ device-001 never collide', () => {
    expect(brokerClientId(alice, 'device-001')).toBe('alice/acme/device-001');
    fc.assert(
      fc.property(tenantArb, id, tenantArb, id, (a, ca, b, cb) => {
        fc.pre(a.userId !== b.userId || a.organizationId !== b.organizationId || ca !== cb);
        expect(brokerClientId(a, ca)).not.toBe(brokerClientId(b, cb));
      }),
    );
    // The service's own ids have no "/", a stream's has "~": neither can be a caller's.
    expect(serviceClientId('abc', 'control')).not.toContain('/');
    expect(streamClientId(alice, 'r')).toBe('alice/acme/~stream-r');
    expect(() => validateClientId('~stream-r')).toThrow();
  });

  it('validate QoS levels', () => {
    expect(validateQos(2)).toBe(2);
    invalid(() => validateQos(3), 'qos', /must be 0, 1 or 2/);
  });
});
