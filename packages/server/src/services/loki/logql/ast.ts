/**
 * The LogQL subset the embedded store answers, as a syntax tree. Anything the parser cannot express
 * in these types is refused with INVALID_ARGUMENT naming what is not supported.
 */

export type MatchOp = '=' | '!=' | '=~' | '!~';

/** A stream selector matcher: `name op "value"`. Regex matchers are fully anchored, as in Loki. */
export interface LabelMatcher {
  readonly name: string;
  readonly op: MatchOp;
  readonly value: string;
}

export type LineFilterOp = '|=' | '!=' | '|~' | '!~';

export interface LineFilter {
  readonly kind: 'line_filter';
  readonly op: LineFilterOp;
  readonly value: string;
}

export interface ParserStage {
  readonly kind: 'parser';
  readonly parser: 'json' | 'logfmt';
}

export type NumberOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export type LabelPredicate =
  | { readonly kind: 'string'; readonly name: string; readonly op: MatchOp; readonly value: string }
  | { readonly kind: 'number'; readonly name: string; readonly op: NumberOp; readonly value: number }
  | {
      readonly kind: 'and' | 'or';
      readonly left: LabelPredicate;
      readonly right: LabelPredicate;
    };

export interface LabelFilterStage {
  readonly kind: 'label_filter';
  readonly predicate: LabelPredicate;
}

export type PipelineStage = LineFilter | ParserStage | LabelFilterStage;

export interface LogQuery {
  readonly kind: 'log';
  readonly matchers: readonly LabelMatcher[];
  readonly pipeline: readonly PipelineStage[];
}

export type RangeOp = 'count_over_time' | 'rate' | 'bytes_over_time' | 'bytes_rate';

export interface RangeAggregation {
  readonly kind: 'range';
  readonly op: RangeOp;
  readonly query: LogQuery;
  /** The range of the `[...]` selector, in nanoseconds. */
  readonly rangeNs: bigint;
}

export type VectorOp = 'sum' | 'avg' | 'min' | 'max' | 'count';

export interface Grouping {
  readonly without: boolean;
  readonly labels: readonly string[];
}

export interface VectorAggregation {
  readonly kind: 'vector';
  readonly op: VectorOp;
  /** Undefined: aggregate every series into one. */
  readonly grouping: Grouping | undefined;
  readonly inner: MetricExpr;
}

export type MetricExpr = RangeAggregation | VectorAggregation;

export type Expr = LogQuery | MetricExpr;

export const RANGE_OPS: readonly RangeOp[] = ['count_over_time', 'rate', 'bytes_over_time', 'bytes_rate'];
export const VECTOR_OPS: readonly VectorOp[] = ['sum', 'avg', 'min', 'max', 'count'];

/** Whether any stage of the pipeline extracts labels from the line (json, logfmt). */
export function hasParser(query: LogQuery): boolean {
  return query.pipeline.some((stage) => stage.kind === 'parser');
}

/** The log query at the bottom of a metric expression. */
export function innerLogQuery(expr: Expr): LogQuery {
  if (expr.kind === 'log') return expr;
  if (expr.kind === 'range') return expr.query;
  return innerLogQuery(expr.inner);
}
