/** Tokens of LogQL. Strings are decoded (Go escapes in "...", raw in `...`). */
export type Token =
  | { readonly type: 'punct'; readonly value: string; readonly col: number }
  | { readonly type: 'op'; readonly value: string; readonly col: number }
  | { readonly type: 'ident'; readonly value: string; readonly col: number }
  | { readonly type: 'string'; readonly value: string; readonly col: number }
  | { readonly type: 'number'; readonly value: string; readonly col: number }
  /** A number with a unit: a duration (5m) or a byte size (10KB). */
  | { readonly type: 'unit'; readonly value: string; readonly col: number }
  | { readonly type: 'eof'; readonly value: ''; readonly col: number };

export class LogqlSyntaxError extends Error {
  override readonly name = 'LogqlSyntaxError';
  constructor(
    readonly col: number,
    readonly detail: string,
  ) {
    super(`parse error at col ${col}: ${detail}`);
  }
}

/** Longest first, so "|=" wins over "|" and "=~" over "=". */
const OPERATORS = [
  '|=',
  '|~',
  '|>',
  '!=',
  '!~',
  '!>',
  '=~',
  '==',
  '>=',
  '<=',
  '|',
  '=',
  '>',
  '<',
  '+',
  '-',
  '*',
  '/',
  '%',
  '^',
];
const PUNCT = new Set(['{', '}', '(', ')', '[', ']', ',']);

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  '"': '"',
  "'": "'",
};

/** Decodes a Go interpreted string literal body (the part between the quotes). */
function decodeGoString(body: string, col: number): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[i + 1];
    if (next === undefined) throw new LogqlSyntaxError(col + i, 'unterminated escape sequence');
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i++;
      continue;
    }
    const hexLength = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      if (hex.length !== hexLength || !/^[0-9a-fA-F]+$/.test(hex)) {
        throw new LogqlSyntaxError(col + i, `invalid escape sequence \\${next}${hex}`);
      }
      const code = Number.parseInt(hex, 16);
      if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        throw new LogqlSyntaxError(
          col + i,
          `escape sequence \\${next}${hex} is not a valid Unicode code point`,
        );
      }
      // \x writes a byte in Go; for the ASCII range that is the same character.
      if (next === 'x' && code > 0x7f) {
        throw new LogqlSyntaxError(col + i, `\\x${hex} is not valid UTF-8 on its own; use \\u00${hex}`);
      }
      out += String.fromCodePoint(code);
      i += 1 + hexLength;
      continue;
    }
    if (/[0-7]/.test(next)) {
      const octal = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(octal) || Number.parseInt(octal, 8) > 0x7f) {
        throw new LogqlSyntaxError(col + i, `invalid octal escape \\${octal}`);
      }
      out += String.fromCharCode(Number.parseInt(octal, 8));
      i += 3;
      continue;
    }
    throw new LogqlSyntaxError(col + i, `unknown escape sequence \\${next}`);
  }
  return out;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const col = i + 1;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '#') {
      // A comment runs to the end of the line, as in Loki.
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\') j++;
        if (text[j] === '\n') throw new LogqlSyntaxError(j + 1, 'newline in string');
        j++;
      }
      if (j >= text.length) throw new LogqlSyntaxError(col, 'unterminated string');
      tokens.push({ type: 'string', value: decodeGoString(text.slice(i + 1, j), col + 1), col });
      i = j + 1;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end < 0) throw new LogqlSyntaxError(col, 'unterminated raw string');
      tokens.push({ type: 'string', value: text.slice(i + 1, end), col });
      i = end + 1;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^(?:\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+)([a-zA-Z]+(?:\d+[a-zA-Z]+)*)?/.exec(
        text.slice(i),
      )!;
      tokens.push({ type: match[1] ? 'unit' : 'number', value: match[0], col });
      i += match[0].length;
      continue;
    }
    if (/[a-zA-Z_]/.test(ch)) {
      const match = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ type: 'ident', value: match[0], col });
      i += match[0].length;
      continue;
    }
    if (PUNCT.has(ch)) {
      tokens.push({ type: 'punct', value: ch, col });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ type: 'op', value: op, col });
      i += op.length;
      continue;
    }
    throw new LogqlSyntaxError(col, `unexpected character ${JSON.stringify(ch)}`);
  }
  tokens.push({ type: 'eof', value: '', col: text.length + 1 });
  return tokens;
}

const DURATION_UNITS: Record<string, bigint> = {
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
  y: 31_536_000_000_000_000n,
};

/** A Prometheus-style duration ("5m", "1h30m", "500ms") in nanoseconds, or undefined. */
export function parseDuration(text: string): bigint | undefined {
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(text)) return undefined;
  let total = 0n;
  for (const [, amount, unit] of text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) {
    total += BigInt(amount!) * DURATION_UNITS[unit!]!;
  }
  return total;
}

/** Formats nanoseconds (whole milliseconds) as a Prometheus-style duration: 90s → "1m30s". */
export function formatDuration(ns: bigint): string {
  let rest = ns - (ns % DURATION_UNITS.ms!);
  let out = '';
  for (const unit of ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const) {
    const size = DURATION_UNITS[unit]!;
    if (rest >= size) {
      out += `${rest / size}${unit}`;
      rest %= size;
    }
  }
  return out || '0s';
}
