/**
 * JSON for Supabase rows without losing digits: integers beyond Number.MAX_SAFE_INTEGER become bigint when
 * read, and bigint values are written as plain JSON numbers. Everything else is standard JSON.
 */

/** A JSON value as the Supabase client returns it. */
export type SupabaseValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | SupabaseValue[]
  | { [key: string]: SupabaseValue };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;

class LosslessParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): SupabaseValue {
    const value = this.value();
    this.space();
    if (this.pos !== this.text.length) this.fail('unexpected data after the JSON value');
    return value;
  }

  private fail(message: string): never {
    throw new SyntaxError(`${message} at position ${this.pos}`);
  }

  private space(): void {
    WHITESPACE.lastIndex = this.pos;
    WHITESPACE.exec(this.text);
    this.pos = WHITESPACE.lastIndex;
  }

  private value(): SupabaseValue {
    this.space();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') return this.string();
    if (this.text.startsWith('true', this.pos)) return this.literal('true', true);
    if (this.text.startsWith('false', this.pos)) return this.literal('false', false);
    if (this.text.startsWith('null', this.pos)) return this.literal('null', null);
    return this.number();
  }

  private literal<T>(word: string, value: T): T {
    this.pos += word.length;
    return value;
  }

  private number(): number | bigint {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail('unexpected character');
    this.pos = NUMBER.lastIndex;
    const literal = match[0];
    const value = Number(literal);
    if (!Number.isSafeInteger(value) && /^-?\d+$/.test(literal)) return BigInt(literal);
    return value;
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined) this.fail('unterminated string');
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') break;
      else this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private array(): SupabaseValue[] {
    this.pos++;
    const out: SupabaseValue[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.space();
      const ch = this.text[this.pos++];
      if (ch === ']') return out;
      if (ch !== ',') this.fail('expected "," or "]"');
    }
  }

  private object(): { [key: string]: SupabaseValue } {
    this.pos++;
    const out: { [key: string]: SupabaseValue } = {};
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail('expected a key');
      const key = this.string();
      this.space();
      if (this.text[this.pos++] !== ':') this.fail('expected ":"');
      Object.defineProperty(out, key, {
        value: this.value(),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.space();
      const ch = this.text[this.pos++];
      if (ch === '}') return out;
      if (ch !== ',') this.fail('expected "," or "}"');
    }
  }
}

/** JSON.parse, except that integers too large for a double keep every digit as bigint. */
export function parseJson(text: string): SupabaseValue {
  // Only a run of 16+ digits can hold an unsafe integer; everything else takes the native parser.
  if (!/\d{16}/.test(text)) return JSON.parse(text) as SupabaseValue;
  return new LosslessParser(text).parse();
}

const BIGINT_MARK = '\u0000isa-bigint:';
const BIGINT_TEXT = /"\\u0000isa-bigint:(-?\d+)"/g;

/** JSON.stringify, except that bigint values become JSON numbers and typed arrays JSON arrays. */
export function stringifyJson(value: unknown): string {
  let sawBigint = false;
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') {
      sawBigint = true;
      return `${BIGINT_MARK}${v}`;
    }
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>);
    return v;
  });
  if (text === undefined) throw new TypeError('value cannot be represented as JSON');
  return sawBigint ? text.replace(BIGINT_TEXT, '$1') : text;
}
