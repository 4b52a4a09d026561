/**
 * Object keys sort by UTF-8 bytes in S3, which is code point order. JavaScript compares UTF-16 code
 * units, which differs only between surrogates and U+E000..U+FFFF: shift those so the orders agree.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** A sorted set of keys supporting ordered scans that stay correct while keys are added or removed. */
export class KeyIndex {
  private readonly keys: string[];

  constructor(keys: Iterable<string>) {
    this.keys = [...new Set(keys)].sort(compareKeys);
  }

  get size(): number {
    return this.keys.length;
  }

  /** First position whose key is > `after` (strictly) when `strict`, or >= otherwise. */
  private position(key: string, strict: boolean): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareKeys(this.keys[mid]!, key);
      if (c < 0 || (strict && c === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(key: string): void {
    const at = this.position(key, false);
    if (this.keys[at] !== key) this.keys.splice(at, 0, key);
  }

  delete(key: string): void {
    const at = this.position(key, false);
    if (this.keys[at] === key) this.keys.splice(at, 1);
  }

  has(key: string): boolean {
    return this.keys[this.position(key, false)] === key;
  }

  /** Keys >= `prefix` and > `after`, in order; each step re-seeks, so concurrent changes are safe. */
  *from(prefix: string, after: string): Generator<string> {
    let cursor: string | undefined = compareKeys(after, prefix) >= 0 && after !== '' ? after : undefined;
    let next = cursor === undefined ? this.position(prefix, false) : this.position(cursor, true);
    while (next < this.keys.length) {
      const key = this.keys[next]!;
      yield key;
      cursor = key;
      next = this.position(cursor, true);
    }
  }
}
