/**
 * The `| json` and `| logfmt` stages, following Loki's rules: nested JSON keys are joined with "_",
 * characters outside [A-Za-z0-9_] become "_", a key starting with a digit gets a leading "_", arrays and
 * nulls are skipped, numbers keep their text, and an extracted name that is already a stream label gets
 * the suffix "_extracted".
 */

export type LabelSink = (name: string, value: string) => void;

export class JsonLineError extends Error {
  override readonly name = 'JsonLineError';
}

const VALID_NAME_CHAR = /[A-Za-z0-9_]/;
const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;

/** Loki's sanitizeLabelKey: trims, prefixes a leading digit with "_", replaces invalid characters. */
export function sanitizeKey(key: string, prefixDigit: boolean): string {
  const trimmed = key.trim();
  if (trimmed === '') return '';
  let out = prefixDigit && /^[0-9]/.test(trimmed) ? '_' : '';
  for (const ch of trimmed) out += VALID_NAME_CHAR.test(ch) ? ch : '_';
  return out;
}

/** A small JSON reader that keeps numbers' text and reports what it extracted before an error. */
class JsonWalker {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly emit: (path: readonly string[], value: string) => void,
  ) {}

  run(): void {
    this.ws();
    if (this.text[this.i] !== '{') throw new JsonLineError('expecting a JSON object');
    this.object([]);
    this.ws();
    if (this.i < this.text.length)
      throw new JsonLineError(`unexpected data after the object at offset ${this.i}`);
  }

  private ws(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private fail(what: string): never {
    throw new JsonLineError(`${what} at offset ${this.i}`);
  }

  private object(path: readonly string[]): void {
    this.i++; // {
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail('expecting a quoted key');
      const key = this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail('expecting ":"');
      this.i++;
      this.ws();
      this.value([...path, key]);
      this.ws();
      const next = this.text[this.i];
      if (next === ',') {
        this.i++;
        continue;
      }
      if (next === '}') {
        this.i++;
        return;
      }
      this.fail('expecting "," or "}"');
    }
  }

  /** Reads one value; `path` undefined means "inside an array": checked, not extracted. */
  private value(path: readonly string[] | undefined): void {
    const ch = this.text[this.i];
    if (ch === '{') {
      if (path) this.object(path);
      else this.skipObject();
      return;
    }
    if (ch === '[') {
      this.skipArray();
      return;
    }
    if (ch === '"') {
      const text = this.string();
      if (path) this.emit(path, text);
      return;
    }
    for (const [literal, text] of [
      ['true', 'true'],
      ['false', 'false'],
      ['null', undefined],
    ] as const) {
      if (this.text.startsWith(literal, this.i)) {
        this.i += literal.length;
        if (path && text !== undefined) this.emit(path, text);
        return;
      }
    }
    NUMBER.lastIndex = this.i;
    const number = NUMBER.exec(this.text);
    if (!number) this.fail('expecting a value');
    this.i += number[0].length;
    if (path) this.emit(path, number[0]);
  }

  private skipObject(): void {
    this.i++; // {
    this.ws();
    if (this.text[this.i] === '}') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail('expecting a quoted key');
      this.string();
      this.ws();
      if (this.text[this.i] !== ':') this.fail('expecting ":"');
      this.i++;
      this.ws();
      this.value(undefined);
      this.ws();
      const next = this.text[this.i];
      this.i++;
      if (next === ',') continue;
      if (next === '}') return;
      this.i--;
      this.fail('expecting "," or "}"');
    }
  }

  private skipArray(): void {
    this.i++; // [
    this.ws();
    if (this.text[this.i] === ']') {
      this.i++;
      return;
    }
    for (;;) {
      this.ws();
      this.value(undefined);
      this.ws();
      const next = this.text[this.i];
      this.i++;
      if (next === ',') continue;
      if (next === ']') return;
      this.i--;
      this.fail('expecting "," or "]"');
    }
  }

  private string(): string {
    const start = this.i;
    this.i++;
    let raw = false;
    while (this.i < this.text.length) {
      const ch = this.text[this.i]!;
      if (ch === '\\') {
        raw = true;
        this.i += 2;
        continue;
      }
      if (ch === '"') {
        this.i++;
        const body = this.text.slice(start, this.i);
        if (!raw) return body.slice(1, -1);
        try {
          return JSON.parse(body) as string;
        } catch {
          this.i = start;
          this.fail('invalid escape in string');
        }
      }
      if (ch < ' ') this.fail('control character in string');
      this.i++;
    }
    this.i = start;
    this.fail('unterminated string');
  }
}

/**
 * Extracts a JSON line's fields. `sink` receives sanitised names (before the "_extracted" rule, which
 * needs the stream's labels); throws JsonLineError (after emitting what came before) on malformed lines.
 */
export function extractJson(line: string, sink: LabelSink): void {
  new JsonWalker(line, (path, value) => {
    let name = '';
    for (const part of path) {
      if (name === '') name = sanitizeKey(part, true);
      else {
        const piece = sanitizeKey(part, false);
        if (piece !== '') name += `_${piece}`;
      }
    }
    if (name !== '') sink(name, value);
  }).run();
}

const LOGFMT_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Extracts logfmt `key=value` pairs the way Loki's default (non-strict) mode does: invalid tokens and
 * keys without "=" are skipped, quoted values may use JSON escapes.
 */
export function extractLogfmt(line: string, sink: LabelSink): void {
  let i = 0;
  const n = line.length;
  const isSpace = (ch: string | undefined) => ch !== undefined && ch <= ' ';
  while (i < n) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && !isSpace(line[i]) && line[i] !== '=' && line[i] !== '"') i++;
    const key = line.slice(keyStart, i);
    if (line[i] === '"' || key === '') {
      // Not a key: skip this token.
      while (i < n && !isSpace(line[i])) i++;
      continue;
    }
    if (line[i] !== '=') continue; // a standalone key: skipped by default, as in Loki
    i++; // =
    let value = '';
    let valid = true;
    if (line[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const ch = line[i]!;
        if (ch === '"') {
          closed = true;
          i++;
          break;
        }
        if (ch === '\\') {
          const next = line[i + 1];
          if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
            value += String.fromCharCode(Number.parseInt(line.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          const escaped = next === undefined ? undefined : LOGFMT_ESCAPES[next];
          if (escaped === undefined) {
            valid = false;
            i += 2;
            continue;
          }
          value += escaped;
          i += 2;
          continue;
        }
        value += ch;
        i++;
      }
      if (!closed) valid = false;
    } else {
      const valueStart = i;
      while (i < n && !isSpace(line[i])) {
        if (line[i] === '"' || line[i] === '=') valid = false;
        i++;
      }
      value = line.slice(valueStart, i);
    }
    if (!valid) continue;
    const name = sanitizeKey(key, true);
    if (name !== '') sink(name, value);
  }
}
