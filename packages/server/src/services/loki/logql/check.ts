import { ServiceError } from '../../../platform/errors.js';
import type { Expr, LabelMatcher, LogQuery } from './ast.js';
import { innerLogQuery } from './ast.js';
import { LogqlSyntaxError } from './lexer.js';
import { LogqlUnsupportedError, parseLogql, parseSelector } from './parser.js';

/** Loki's own wording, so the same query fails the same way on both backends. */
export const EMPTY_MATCHERS_ERROR =
  'queries require at least one regexp or equality matcher that does not have an empty-compatible value. ' +
  'For instance, app=~".*" does not meet this requirement, but app=~".+" will';

export const MAX_QUERY_LENGTH = 128 * 1024;

function position(text: string, col: number): string {
  const before = text.slice(0, col - 1);
  const line = before.split('\n').length;
  const column = col - (before.lastIndexOf('\n') + 1);
  return `line ${line}, col ${column}`;
}

function asServiceError(err: unknown, text: string, field: string): unknown {
  if (err instanceof LogqlSyntaxError) {
    return ServiceError.invalidArgument(field, `parse error at ${position(text, err.col)}: ${err.detail}`);
  }
  if (err instanceof LogqlUnsupportedError) return ServiceError.invalidArgument(field, err.message);
  return err;
}

function checkLength(text: string, field: string): void {
  if (text.trim() === '') throw ServiceError.invalidArgument(field, 'must not be empty');
  if (text.length > MAX_QUERY_LENGTH) {
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_QUERY_LENGTH} characters`);
  }
}

/** Parses LogQL into the embedded store's subset, or throws INVALID_ARGUMENT saying what is wrong. */
export function parseQuery(text: string, field = 'query'): Expr {
  checkLength(text, field);
  try {
    return parseLogql(text);
  } catch (err) {
    throw asServiceError(err, text, field);
  }
}

export function parseSelectorText(text: string, field = 'query'): LabelMatcher[] {
  checkLength(text, field);
  try {
    return parseSelector(text);
  } catch (err) {
    throw asServiceError(err, text, field);
  }
}

/** Every regular expression of a query, with where it appears. */
export function regexesOf(expr: Expr): Array<{ pattern: string; where: string }> {
  const out: Array<{ pattern: string; where: string }> = [];
  const query: LogQuery = innerLogQuery(expr);
  for (const m of query.matchers) {
    if (m.op === '=~' || m.op === '!~') out.push({ pattern: m.value, where: `matcher ${m.name}${m.op}` });
  }
  const visit = (pred: import('./ast.js').LabelPredicate) => {
    if (pred.kind === 'and' || pred.kind === 'or') {
      visit(pred.left);
      visit(pred.right);
    } else if (pred.kind === 'string' && (pred.op === '=~' || pred.op === '!~')) {
      out.push({ pattern: pred.value, where: `label filter ${pred.name}${pred.op}` });
    }
  };
  for (const stage of query.pipeline) {
    if (stage.kind === 'line_filter' && (stage.op === '|~' || stage.op === '!~')) {
      out.push({ pattern: stage.value, where: `line filter ${stage.op}` });
    } else if (stage.kind === 'label_filter') visit(stage.predicate);
  }
  return out;
}

/**
 * Loki's selector rule: at least one `=` matcher with a non-empty value or `=~` matcher whose regex
 * cannot match "". `matchesEmpty` answers for regexes (with the backend's regex engine).
 */
export function requireNonEmptyMatcher(
  matchers: readonly LabelMatcher[],
  matchesEmpty: (pattern: string) => boolean,
  field = 'query',
): void {
  const ok = matchers.some(
    (m) => (m.op === '=' && m.value !== '') || (m.op === '=~' && !matchesEmpty(m.value)),
  );
  if (!ok) throw ServiceError.invalidArgument(field, `parse error : ${EMPTY_MATCHERS_ERROR}`);
}
