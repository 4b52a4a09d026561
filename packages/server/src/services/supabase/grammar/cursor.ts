import { printable } from '../names.js';

/** A syntax error at an offset of the input, reported PostgREST-style (PGRST100). */
export class GrammarError extends Error {
  override readonly name = 'GrammarError';

  constructor(
    /** 0-based offset of the problem. */
    readonly position: number,
    readonly problem: string,
  ) {
    super(`${problem} (at position ${position + 1})`);
  }
}

const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[A-Za-z0-9_]/;

/** A read position in one input string, with the small helpers every parser here needs. */
export class Cursor {
  pos = 0;

  constructor(readonly text: string) {}

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text[this.pos + offset] ?? '';
  }

  startsWith(token: string): boolean {
    return this.text.startsWith(token, this.pos);
  }

  /** Consumes `token` when it comes next. */
  accept(token: string): boolean {
    if (!this.startsWith(token)) return false;
    this.pos += token.length;
    return true;
  }

  expect(token: string, context: string): void {
    if (!this.accept(token)) this.fail(`unexpected ${this.describe()}, expecting "${token}" ${context}`);
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\n' || this.peek() === '\r') {
      this.pos++;
    }
  }

  /** What comes next, for messages: `"x"` or "end of input". */
  describe(): string {
    return this.done ? 'end of input' : `"${printable(this.peek())}"`;
  }

  fail(problem: string, at = this.pos): never {
    throw new GrammarError(at, problem);
  }

  /** An identifier (`[A-Za-z_][A-Za-z0-9_]*`, at most 63 characters), or undefined when none starts here. */
  identifier(): string | undefined {
    if (!IDENTIFIER_START.test(this.peek())) return undefined;
    const start = this.pos;
    while (IDENTIFIER_PART.test(this.peek())) this.pos++;
    const name = this.text.slice(start, this.pos);
    if (name.length > 63) this.fail(`name "${printable(name, 20)}" is longer than 63 characters`, start);
    return name;
  }

  /** A double-quoted string with backslash escapes; the cursor is on the opening quote. */
  quoted(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      if (this.done) this.fail('unterminated quoted value', start);
      const ch = this.text[this.pos++]!;
      if (ch === '"') return out;
      if (ch === '\\') {
        if (this.done) this.fail('unterminated quoted value', start);
        out += this.text[this.pos++];
      } else {
        out += ch;
      }
    }
  }
}
