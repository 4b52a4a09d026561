import { ServiceError } from '../../platform/errors.js';
import { LogqlSyntaxError } from './logql/lexer.js';
import { parseSelector } from './logql/parser.js';

export type Labels = Readonly<Record<string, string>>;

/** Loki's push limits (its defaults), applied before anything is stored. */
export interface LabelLimits {
  /** Labels per stream (Loki: max_label_names_per_series). */
  readonly maxLabels: number;
  readonly maxNameBytes: number;
  readonly maxValueBytes: number;
  /** Bytes per line (Loki: max_line_size). */
  readonly maxLineBytes: number;
}

export const DEFAULT_LABEL_LIMITS: LabelLimits = {
  maxLabels: 15,
  maxNameBytes: 1024,
  maxValueBytes: 2048,
  maxLineBytes: 256 * 1024,
};

export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export interface LabelViolation {
  readonly label: string;
  readonly rule: string;
}

/** Every way a label set breaks the push rules (empty when it is valid). */
export function labelViolations(labels: Labels, limits: LabelLimits): LabelViolation[] {
  const violations: LabelViolation[] = [];
  const names = Object.keys(labels);
  if (names.length === 0) {
    violations.push({ label: '', rule: 'a stream needs at least one label' });
  }
  if (names.length > limits.maxLabels) {
    violations.push({
      label: '',
      rule: `at most ${limits.maxLabels} labels per stream (got ${names.length})`,
    });
  }
  for (const name of names) {
    const value = labels[name]!;
    if (!LABEL_NAME.test(name)) {
      violations.push({
        label: name,
        rule: 'label names must match [a-zA-Z_][a-zA-Z0-9_]* (letters, digits and "_", not starting with a digit)',
      });
    } else if (name.startsWith('__')) {
      violations.push({ label: name, rule: 'label names starting with "__" are reserved' });
    }
    if (Buffer.byteLength(name, 'utf8') > limits.maxNameBytes) {
      violations.push({ label: name, rule: `label names must be at most ${limits.maxNameBytes} bytes` });
    }
    if (value === '') {
      violations.push({ label: name, rule: 'label values must not be empty (leave the label out instead)' });
    }
    if (Buffer.byteLength(value, 'utf8') > limits.maxValueBytes) {
      violations.push({ label: name, rule: `label values must be at most ${limits.maxValueBytes} bytes` });
    }
    if (/[\uD800-\uDFFF]/u.test(value)) {
      violations.push({ label: name, rule: 'label values must be valid UTF-8' });
    }
  }
  return violations;
}

/** Throws INVALID_ARGUMENT naming the field and the first broken rule. */
export function validateLabels(labels: Labels, limits: LabelLimits, field: string): void {
  const [first] = labelViolations(labels, limits);
  if (first) {
    throw ServiceError.invalidArgument(first.label ? `${field}.${first.label}` : field, first.rule);
  }
}

export function validateLine(line: string, limits: LabelLimits, field: string): number {
  const bytes = Buffer.byteLength(line, 'utf8');
  if (bytes > limits.maxLineBytes) {
    throw ServiceError.invalidArgument(
      field,
      `lines must be at most ${limits.maxLineBytes} bytes (got ${bytes})`,
    );
  }
  return bytes;
}

const CONTROL_ESCAPES: Record<string, string> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

/** Quotes a string the way Go's strconv.Quote does, which is how Loki and Prometheus write label values. */
export function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const escaped = CONTROL_ESCAPES[ch];
    if (escaped) {
      out += escaped;
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (ch !== ' ' && /[\p{C}\p{Z}]/u.test(ch)) {
      out +=
        code > 0xffff
          ? `\\U${code.toString(16).padStart(8, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/**
 * A stream's id: its label set written `{a="1", b="2"}`, names sorted, values Go-quoted — Loki's own
 * notation for a stream, so an id is also a valid stream selector.
 */
export function streamId(labels: Labels): string {
  const names = Object.keys(labels).sort();
  return `{${names.map((name) => `${name}=${goQuote(labels[name]!)}`).join(', ')}}`;
}

/** The label set a stream id names; INVALID_ARGUMENT when the id is not `{name="value", ...}`. */
export function parseStreamId(id: string, field = 'stream_id'): Record<string, string> {
  let matchers: ReturnType<typeof parseSelector>;
  try {
    matchers = parseSelector(id);
  } catch (err) {
    const detail = err instanceof LogqlSyntaxError ? err.message : 'not a label set';
    throw ServiceError.invalidArgument(field, `must be a stream id such as {app="api"} (${detail})`);
  }
  const labels: Record<string, string> = {};
  for (const m of matchers) {
    if (m.op !== '=' || m.value === '') {
      throw ServiceError.invalidArgument(
        field,
        'must list exact labels name="value" (no regex, no !=, no empty values)',
      );
    }
    if (m.name in labels) throw ServiceError.invalidArgument(field, `label "${m.name}" appears twice`);
    labels[m.name] = m.value;
  }
  return labels;
}

/** Orders label sets as Prometheus does: pair by pair (name, then value), a prefix before a longer set. */
export function compareLabels(a: Labels, b: Labels): number {
  const x = Object.keys(a).sort();
  const y = Object.keys(b).sort();
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [nx, ny] = [x[i]!, y[i]!];
    if (nx !== ny) return nx < ny ? -1 : 1;
    const [vx, vy] = [a[nx]!, b[ny]!];
    if (vx !== vy) return vx < vy ? -1 : 1;
  }
  return x.length - y.length;
}

/** Label names sorted, for output in a stable order. */
export function sortedLabels(labels: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(labels).sort()) out[name] = labels[name]!;
  return out;
}
