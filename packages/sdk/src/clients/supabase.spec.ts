import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson, stringifyJson } from './supabase-json.js';

describe('Supabase row JSON', () => {
  it('reads integers as numbers, and integers beyond 2^53 as bigint with every digit', () => {
    expect(
      parseJson(
        '{"id":1,"n":1.5,"big":9007199254740993,"neg":-9223372036854775808,"s":"12345678901234567890"}',
      ),
    ).toEqual({
      id: 1,
      n: 1.5,
      big: 9007199254740993n,
      neg: -9223372036854775808n,
      s: '12345678901234567890',
    });
    expect(parseJson('{"safe":9007199254740991,"e":1e300,"f":12345678901234567.5}')).toEqual({
      safe: 9007199254740991,
      e: 1e300,
      f: Number('12345678901234567.5'),
    });
    expect(parseJson('[{"a":[9007199254740993, {"b": null}]}, true, false, "x\\"y"]')).toEqual([
      { a: [9007199254740993n, { b: null }] },
      true,
      false,
      'x"y',
    ]);
  });

  it('keeps a __proto__ key as data', () => {
    const parsed = parseJson('{"__proto__":{"polluted":12345678901234567890}}') as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes bigint as JSON numbers and typed arrays as arrays', () => {
    expect(
      stringifyJson({ a: 9007199254740993n, b: [1n, -2n], c: new Float32Array([0.5, 1]), d: new Date(0) }),
    ).toBe('{"a":9007199254740993,"b":[1,-2],"c":[0.5,1],"d":"1970-01-01T00:00:00.000Z"}');
    expect(stringifyJson({ s: '\u0000isa-bigint:5' })).toBe('{"s":"\\u0000isa-bigint:5"}');
    expect(() => stringifyJson(undefined)).toThrow(TypeError);
  });

  it('round-trips any JSON value, big integers included', () => {
    const value = fc.letrec((tie) => ({
      json: fc.oneof(
        { depthSize: 'small' },
        fc.constant(null),
        fc.boolean(),
        fc
          .double({ noNaN: true, noDefaultInfinity: true })
          .filter((d) => !Object.is(d, -0) && !(Number.isInteger(d) && !Number.isSafeInteger(d))),
        fc.bigInt().filter((b) => b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)),
        fc.string(),
        fc.array(tie('json'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('json'), { maxKeys: 4 }),
      ),
    })).json;
    fc.assert(
      fc.property(value, (v) => {
        expect(parseJson(stringifyJson(v))).toEqual(v);
      }),
    );
  });

  it('rejects malformed JSON like JSON.parse', () => {
    for (const bad of ['{"a":12345678901234567890', '[1,]', '{"a" 1}', '12345678901234567 x']) {
      expect(() => parseJson(bad), bad).toThrow(SyntaxError);
    }
  });
});
