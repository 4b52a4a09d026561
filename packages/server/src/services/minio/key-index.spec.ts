import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareKeys, KeyIndex } from './key-index.js';

describe('compareKeys', () => {
  it('orders keys like their UTF-8 bytes (S3 order)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        const bytes = Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
        expect(Math.sign(compareKeys(a, b))).toBe(bytes);
      }),
    );
  });
});

describe('KeyIndex', () => {
  it('scans keys in order from a prefix and after a marker', () => {
    const index = new KeyIndex(['b/2', 'a', 'b/1', 'c', 'b/3']);
    expect([...index.from('b/', '')]).toEqual(['b/1', 'b/2', 'b/3', 'c']);
    expect([...index.from('b/', 'b/1')]).toEqual(['b/2', 'b/3', 'c']);
    expect([...index.from('', 'b/9')]).toEqual(['c']);
  });

  it('keeps a scan correct when keys change underneath it', () => {
    const index = new KeyIndex(['a', 'c', 'e']);
    const seen: string[] = [];
    for (const key of index.from('', '')) {
      seen.push(key);
      if (key === 'a') {
        index.add('b');
        index.delete('c');
      }
    }
    expect(seen).toEqual(['a', 'b', 'e']);
    expect(index.has('c')).toBe(false);
    expect(index.size).toBe(3);
  });
});
