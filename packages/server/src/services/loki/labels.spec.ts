import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import {
  DEFAULT_LABEL_LIMITS,
  goQuote,
  labelViolations,
  parseStreamId,
  streamId,
  validateLabels,
} from './labels.js';
import { isTenantScope, tenantScope } from './names.js';

const labelName = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_]{0,10}$/);
const labelValue = fc
  .string({ minLength: 1, maxLength: 20, unit: 'binary' })
  .filter((s) => !/[\uD800-\uDFFF]/.test(s));

describe('label rules', () => {
  it('accept Loki-valid label sets', () => {
    expect(
      labelViolations(
        { app: 'api', _private: 'x', user_id: 'anything goes: "quotes" / |' },
        DEFAULT_LABEL_LIMITS,
      ),
    ).toEqual([]);
  });

  it('name every broken rule', () => {
    const violations = labelViolations(
      { '1bad': 'x', 'has-dash': 'x', __reserved: 'x', empty: '', ['x'.repeat(1025)]: 'y' },
      DEFAULT_LABEL_LIMITS,
    );
    expect(violations.map((v) => `${v.label.slice(0, 10)}: ${v.rule}`)).toEqual([
      expect.stringMatching(/^1bad: label names must match \[a-zA-Z_\]/),
      expect.stringMatching(/^has-dash: label names must match/),
      expect.stringMatching(/^__reserved: label names starting with "__" are reserved/),
      expect.stringMatching(/^empty: label values must not be empty/),
      expect.stringMatching(/^xxxxxxxxxx: label names must be at most 1024 bytes/),
    ]);
    expect(labelViolations({}, DEFAULT_LABEL_LIMITS)).toEqual([
      { label: '', rule: 'a stream needs at least one label' },
    ]);
    const many = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`l${i}`, 'v']));
    expect(labelViolations(many, DEFAULT_LABEL_LIMITS)[0]?.rule).toMatch(/at most 15 labels/);
    expect(labelViolations({ a: 'v'.repeat(2049) }, DEFAULT_LABEL_LIMITS)[0]?.rule).toMatch(
      /at most 2048 bytes/,
    );
  });

  it('refuse with INVALID_ARGUMENT naming the label', () => {
    expect(() => validateLabels({ ok: 'x', 'bad-name': 'y' }, DEFAULT_LABEL_LIMITS, 'entry.labels')).toThrow(
      expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'entry.labels.bad-name' }),
    );
  });
});

describe('stream ids', () => {
  it('write label sets as Loki does: names sorted, values Go-quoted', () => {
    expect(streamId({ level: 'info', app: 'api' })).toBe('{app="api", level="info"}');
    expect(goQuote('a"b\\c\n\t\x01\u00a0é😀\u2028')).toBe('"a\\"b\\\\c\\n\\t\\x01\\u00a0é😀\\u2028"');
  });

  it('parse back to the same label set, whatever the values', () => {
    fc.assert(
      fc.property(fc.dictionary(labelName, labelValue, { minKeys: 1, maxKeys: 5 }), (labels) => {
        expect(parseStreamId(streamId(labels))).toEqual(labels);
      }),
    );
  });

  it('refuse anything that is not an exact label set', () => {
    for (const bad of ['app', '{app=~"x"}', '{a="1", a="2"}', '{a=""}', '{a="1"} |= "x"', '{a!="1"}']) {
      expect(() => parseStreamId(bad), bad).toThrow(
        expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'stream_id' }),
      );
    }
  });
});

describe('tenant scopes', () => {
  const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,15}$/);

  it('are {org}.{user}, Loki-valid and collision-free', () => {
    expect(tenantScope({ userId: 'alice', organizationId: 'acme' })).toBe('acme.alice');
    fc.assert(
      fc.property(id, id, id, id, (u1, o1, u2, o2) => {
        fc.pre(u1 !== u2 || o1 !== o2);
        const a = tenantScope({ userId: u1, organizationId: o1 });
        expect(a).not.toBe(tenantScope({ userId: u2, organizationId: o2 }));
        expect(isTenantScope(a)).toBe(true);
        expect(a).toMatch(/^[A-Za-z0-9!._*'()-]{1,150}$/);
        expect(a).not.toContain('|');
      }),
    );
    for (const bad of ['a|b.c', 'a.b.c', '.a', 'a.', '..', 'a b.c'])
      expect(isTenantScope(bad), bad).toBe(false);
  });
});
