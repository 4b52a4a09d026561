import type {
  Expr,
  Grouping,
  LabelMatcher,
  LabelPredicate,
  LineFilterOp,
  LogQuery,
  MatchOp,
  MetricExpr,
  NumberOp,
  PipelineStage,
  RangeOp,
  VectorOp,
} from './ast.js';
import { RANGE_OPS, VECTOR_OPS } from './ast.js';
import { LogqlSyntaxError, parseDuration, type Token, tokenize } from './lexer.js';

/** Raised for valid LogQL that the embedded store does not answer. */
export class LogqlUnsupportedError extends Error {
  override readonly name = 'LogqlUnsupportedError';
}

const SUPPORTED_SUMMARY =
  'the embedded log store supports stream selectors (= != =~ !~), line filters (|= != |~ !~), ' +
  '| json and | logfmt with label filters, count_over_time, rate, bytes_over_time, bytes_rate, ' +
  'and sum/avg/min/max/count with by or without';

function unsupported(what: string): LogqlUnsupportedError {
  return new LogqlUnsupportedError(`${what} is not supported (${SUPPORTED_SUMMARY})`);
}

/** Pipeline stages of LogQL that exist but the embedded store does not run. */
const UNSUPPORTED_STAGES = new Set([
  'line_format',
  'label_format',
  'regexp',
  'pattern',
  'unpack',
  'unwrap',
  'drop',
  'keep',
  'decolorize',
  'distinct',
]);

/** Every LogQL function name, so an unsupported one is reported as such rather than as a typo. */
const KNOWN_FUNCTIONS = new Set([
  'avg_over_time',
  'sum_over_time',
  'min_over_time',
  'max_over_time',
  'stddev_over_time',
  'stdvar_over_time',
  'quantile_over_time',
  'first_over_time',
  'last_over_time',
  'absent_over_time',
  'rate_counter',
  'stddev',
  'stdvar',
  'topk',
  'bottomk',
  'sort',
  'sort_desc',
  'label_replace',
  'vector',
  'approx_topk',
]);

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  private get current(): Token {
    return this.tokens[this.index]!;
  }

  private peek(offset = 1): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  private advance(): Token {
    const token = this.current;
    if (token.type !== 'eof') this.index++;
    return token;
  }

  private is(type: Token['type'], value?: string): boolean {
    return this.current.type === type && (value === undefined || this.current.value === value);
  }

  private describe(token: Token): string {
    if (token.type === 'eof') return 'end of query';
    if (token.type === 'string') return `string ${JSON.stringify(token.value)}`;
    return `"${token.value}"`;
  }

  private fail(expected: string): never {
    throw new LogqlSyntaxError(
      this.current.col,
      `expected ${expected} but found ${this.describe(this.current)}`,
    );
  }

  private expect(type: Token['type'], value?: string, what = value ? `"${value}"` : type): Token {
    if (!this.is(type, value)) this.fail(what);
    return this.advance();
  }

  parseQuery(): Expr {
    if (this.is('eof')) throw new LogqlSyntaxError(1, 'the query is empty');
    const expr = this.parseExpr();
    this.rejectBinary();
    if (!this.is('eof')) this.fail('end of query');
    return expr;
  }

  private rejectBinary(): void {
    const t = this.current;
    const binary =
      (t.type === 'op' &&
        ['+', '-', '*', '/', '%', '^', '==', '!=', '>', '>=', '<', '<='].includes(t.value)) ||
      (t.type === 'ident' && ['and', 'or', 'unless'].includes(t.value));
    if (binary) throw unsupported(`the binary operator "${t.value}"`);
  }

  private parseExpr(): Expr {
    if (this.is('punct', '{')) return this.parseLogQuery();
    if (this.is('punct', '(')) {
      this.advance();
      const inner = this.parseExpr();
      this.rejectBinary();
      this.expect('punct', ')');
      return inner;
    }
    if (this.is('ident')) return this.parseMetric();
    if (this.is('number') || this.is('unit')) throw unsupported('a number literal as a query');
    if (this.is('op', '-')) throw unsupported('a number literal as a query');
    this.fail('a stream selector "{...}" or a metric function');
  }

  private parseMetric(): MetricExpr {
    const name = this.current.value;
    if ((RANGE_OPS as readonly string[]).includes(name)) return this.parseRange(name as RangeOp);
    if ((VECTOR_OPS as readonly string[]).includes(name)) return this.parseVector(name as VectorOp);
    if (KNOWN_FUNCTIONS.has(name)) throw unsupported(`the function ${name}`);
    throw new LogqlSyntaxError(this.current.col, `unknown function or keyword "${name}"`);
  }

  private parseMetricOperand(): MetricExpr {
    const expr = this.parseExpr();
    if (expr.kind === 'log') {
      throw new LogqlSyntaxError(
        this.current.col,
        'a vector aggregation needs a metric expression such as count_over_time({...}[5m]), not a log query',
      );
    }
    return expr;
  }

  private parseGrouping(): Grouping {
    const without = this.advance().value === 'without';
    this.expect('punct', '(');
    const labels: string[] = [];
    while (!this.is('punct', ')')) {
      const label = this.expect('ident', undefined, 'a label name');
      labels.push(label.value);
      if (!this.is('punct', ',')) break;
      this.advance();
    }
    this.expect('punct', ')');
    return { without, labels };
  }

  private parseVector(op: VectorOp): MetricExpr {
    this.advance();
    let grouping: Grouping | undefined;
    if (this.is('ident', 'by') || this.is('ident', 'without')) grouping = this.parseGrouping();
    this.expect('punct', '(');
    if (this.is('number')) throw unsupported(`a parameter to ${op}`);
    const inner = this.parseMetricOperand();
    this.rejectBinary();
    if (this.is('punct', ',')) throw unsupported(`a second argument to ${op}`);
    this.expect('punct', ')');
    if (this.is('ident', 'by') || this.is('ident', 'without')) {
      if (grouping) throw new LogqlSyntaxError(this.current.col, 'grouping given twice');
      grouping = this.parseGrouping();
    }
    return { kind: 'vector', op, grouping, inner };
  }

  private parseRangeSelector(): bigint {
    const open = this.expect('punct', '[');
    const token = this.advance();
    const rangeNs = token.type === 'unit' ? parseDuration(token.value) : undefined;
    if (rangeNs === undefined || rangeNs <= 0n) {
      throw new LogqlSyntaxError(
        open.col + 1,
        `expected a duration such as 5m but found ${this.describe(token)}`,
      );
    }
    this.expect('punct', ']');
    return rangeNs;
  }

  private parseRange(op: RangeOp): MetricExpr {
    this.advance();
    this.expect('punct', '(');
    let rangeNs: bigint | undefined;
    let query: LogQuery;
    if (this.is('punct', '(')) {
      // count_over_time(({...} |= "x")[5m])
      this.advance();
      query = this.parseLogQuery();
      this.expect('punct', ')');
      rangeNs = this.parseRangeSelector();
    } else {
      const selector = this.parseSelector();
      // Loki also accepts the range right after the selector: count_over_time({...}[5m] |= "x").
      if (this.is('punct', '[')) rangeNs = this.parseRangeSelector();
      const pipeline = this.parsePipeline();
      if (rangeNs === undefined) rangeNs = this.parseRangeSelector();
      else if (this.is('punct', '[')) throw new LogqlSyntaxError(this.current.col, 'range given twice');
      query = { kind: 'log', matchers: selector, pipeline };
    }
    if (this.is('ident', 'offset')) throw unsupported('the offset modifier');
    if (this.is('punct', ',')) throw unsupported(`a second argument to ${op}`);
    this.expect('punct', ')');
    if (this.is('ident', 'by') || this.is('ident', 'without')) {
      throw unsupported(`grouping on ${op} (group with sum by (...) instead)`);
    }
    return { kind: 'range', op, query, rangeNs };
  }

  parseLogQuery(): LogQuery {
    const matchers = this.parseSelector();
    const pipeline = this.parsePipeline();
    if (this.is('punct', '[')) {
      throw new LogqlSyntaxError(
        this.current.col,
        'a range [...] is only valid inside a metric function such as count_over_time',
      );
    }
    return { kind: 'log', matchers, pipeline };
  }

  parseSelector(): LabelMatcher[] {
    this.expect('punct', '{', '"{"');
    const matchers: LabelMatcher[] = [];
    while (!this.is('punct', '}')) {
      const name = this.expect('ident', undefined, 'a label name');
      const op = this.current;
      if (op.type !== 'op' || !['=', '!=', '=~', '!~'].includes(op.value)) this.fail('=, !=, =~ or !~');
      this.advance();
      const value = this.expect('string', undefined, 'a quoted label value');
      matchers.push({ name: name.value, op: op.value as MatchOp, value: value.value });
      if (!this.is('punct', ',')) break;
      this.advance();
    }
    this.expect('punct', '}', '"," or "}"');
    if (matchers.length === 0) {
      throw new LogqlSyntaxError(this.current.col, 'a stream selector needs at least one label matcher');
    }
    return matchers;
  }

  private parsePipeline(): PipelineStage[] {
    const stages: PipelineStage[] = [];
    for (;;) {
      const t = this.current;
      if (t.type !== 'op') return stages;
      if (t.value === '|>' || t.value === '!>') throw unsupported(`the pattern line filter "${t.value}"`);
      if (['|=', '|~', '!=', '!~'].includes(t.value)) {
        this.advance();
        if (this.is('ident')) throw unsupported(`the line filter function ${this.current.value}(...)`);
        const value = this.expect('string', undefined, 'a quoted string');
        if (this.is('ident', 'or')) throw unsupported('"or" between line filter values');
        stages.push({ kind: 'line_filter', op: t.value as LineFilterOp, value: value.value });
        continue;
      }
      if (t.value !== '|') return stages;
      this.advance();
      if (this.is('ident')) {
        const name = this.current.value;
        if (name === 'json' || name === 'logfmt') {
          this.advance();
          if (this.is('ident') || this.is('string')) throw unsupported(`parameters to | ${name}`);
          if (this.is('op', '-')) throw unsupported(`flags of | ${name}`);
          stages.push({ kind: 'parser', parser: name });
          continue;
        }
        if (UNSUPPORTED_STAGES.has(name)) throw unsupported(`the pipeline stage | ${name}`);
      }
      stages.push({ kind: 'label_filter', predicate: this.parseOr() });
    }
  }

  private parseOr(): LabelPredicate {
    let left = this.parseAnd();
    while (this.is('ident', 'or')) {
      this.advance();
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): LabelPredicate {
    let left = this.parsePrimary();
    for (;;) {
      if (this.is('ident', 'and') || this.is('punct', ',')) {
        this.advance();
        left = { kind: 'and', left, right: this.parsePrimary() };
        continue;
      }
      // Juxtaposed filters are joined with "and", as in Loki: | a="x" b="y".
      if (this.is('ident') && !this.is('ident', 'or') && this.peek().type === 'op') {
        left = { kind: 'and', left, right: this.parsePrimary() };
        continue;
      }
      if (this.is('punct', '(')) {
        left = { kind: 'and', left, right: this.parsePrimary() };
        continue;
      }
      return left;
    }
  }

  private parsePrimary(): LabelPredicate {
    if (this.is('punct', '(')) {
      this.advance();
      const inner = this.parseOr();
      this.expect('punct', ')');
      return inner;
    }
    const name = this.expect('ident', undefined, 'a label name or a pipeline stage');
    const op = this.current;
    if (op.type !== 'op' || !['=', '!=', '=~', '!~', '==', '>', '>=', '<', '<='].includes(op.value)) {
      this.fail(`a comparison after label "${name.value}"`);
    }
    this.advance();
    const value = this.current;
    if (value.type === 'string') {
      this.advance();
      if (!['=', '!=', '=~', '!~'].includes(op.value)) {
        throw new LogqlSyntaxError(
          op.col,
          `"${op.value}" compares numbers; compare strings with =, !=, =~ or !~`,
        );
      }
      return { kind: 'string', name: name.value, op: op.value as MatchOp, value: value.value };
    }
    let negative = false;
    if (value.type === 'op' && value.value === '-') {
      negative = true;
      this.advance();
    }
    const number = this.current;
    if (number.type === 'number') {
      this.advance();
      if (op.value === '=~' || op.value === '!~') {
        throw new LogqlSyntaxError(op.col, `"${op.value}" needs a quoted regular expression`);
      }
      const parsed = Number(number.value) * (negative ? -1 : 1);
      const numberOp = (op.value === '=' ? '==' : op.value) as NumberOp;
      return { kind: 'number', name: name.value, op: numberOp, value: parsed };
    }
    if (number.type === 'unit') throw unsupported(`duration and byte-size label filters (${number.value})`);
    if (number.type === 'ident') throw unsupported(`the label filter function ${number.value}(...)`);
    this.fail('a quoted string or a number');
  }
}

/** Parses LogQL into the supported subset; throws LogqlSyntaxError or LogqlUnsupportedError. */
export function parseLogql(text: string): Expr {
  return new Parser(tokenize(text)).parseQuery();
}

/** Parses a stream selector alone, such as `{app="api", env=~"prod|dev"}`. */
export function parseSelector(text: string): LabelMatcher[] {
  const parser = new Parser(tokenize(text));
  const query = parser.parseLogQuery();
  if (query.pipeline.length > 0) throw new LogqlSyntaxError(1, 'expected only a stream selector {...}');
  return [...query.matchers];
}
