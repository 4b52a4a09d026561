import type {
  LabelMatcher,
  LabelPredicate,
  LineFilter,
  LogQuery,
  MetricExpr,
  RangeAggregation,
  VectorAggregation,
} from './ast.js';

/**
 * LogQL → DuckDB SQL. Every query starts from `sel`, the caller's streams (`streams.tenant = $1`): the
 * tenant condition is the first parameter of every statement and no part of a query can remove it.
 * User text (label values, line filters, regexes) only ever reaches SQL as bound parameters; label names
 * are identifiers the parser validated and are written as escaped string literals.
 *
 * The json and logfmt stages call `loki_extract(kind, line, stream_id)`, a JavaScript function
 * registered on every connection (see extract-function.ts); everything else is plain SQL.
 */

export type SqlValue = string | bigint | number | boolean;

export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }

  /** A BIGINT parameter: JS bigints bind as HUGEINT, which would defeat DuckDB's min/max pruning. */
  bigint(value: bigint): string {
    return `CAST(${this.add(value)} AS BIGINT)`;
  }
}

export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function labelValue(map: string, name: string): string {
  return `coalesce(${map}[${sqlString(name)}], '')`;
}

function matcherSql(m: LabelMatcher, map: string, p: SqlParams): string {
  const value = labelValue(map, m.name);
  switch (m.op) {
    case '=':
      return `${value} = ${p.add(m.value)}`;
    case '!=':
      return `${value} <> ${p.add(m.value)}`;
    case '=~':
      return `regexp_full_match(${value}, ${p.add(m.value)})`;
    case '!~':
      return `NOT regexp_full_match(${value}, ${p.add(m.value)})`;
  }
}

export function lineFilterSql(f: LineFilter, p: SqlParams, column = 'e.line'): string {
  switch (f.op) {
    case '|=':
      return `contains(${column}, ${p.add(f.value)})`;
    case '!=':
      return `NOT contains(${column}, ${p.add(f.value)})`;
    case '|~':
      return `regexp_matches(${column}, ${p.add(f.value)})`;
    case '!~':
      return `NOT regexp_matches(${column}, ${p.add(f.value)})`;
  }
}

/** A number as Go's strconv.ParseFloat reads it (TRY_CAST alone also takes " 1" and "1_000"). */
const GO_FLOAT = "'[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))'";

function asNumber(map: string, name: string): string {
  const raw = `${map}[${sqlString(name)}]`;
  return `CASE WHEN regexp_full_match(${raw}, ${GO_FLOAT}) THEN TRY_CAST(${raw} AS DOUBLE) END`;
}

const NUMBER_OPS = { '==': '=', '!=': '<>', '>': '>', '>=': '>=', '<': '<', '<=': '<=' } as const;

/** Whether a row passes a label filter (Loki: a missing label fails a numeric filter, a bad number passes). */
function passSql(pred: LabelPredicate, p: SqlParams): string {
  switch (pred.kind) {
    case 'and':
      return `(${passSql(pred.left, p)} AND ${passSql(pred.right, p)})`;
    case 'or':
      return `(${passSql(pred.left, p)} OR ${passSql(pred.right, p)})`;
    case 'string':
      return matcherSql(pred, 'm', p);
    case 'number': {
      const raw = `m[${sqlString(pred.name)}]`;
      const num = asNumber('m', pred.name);
      return `(CASE WHEN ${raw} IS NULL THEN false WHEN ${num} IS NULL THEN true ELSE ${num} ${NUMBER_OPS[pred.op]} ${p.add(pred.value)} END)`;
    }
  }
}

/**
 * The text of the first label value a filter failed to read as a number, among the filters Loki
 * evaluates (the right side of "or" only when the left side fails), or NULL.
 */
function conversionFailureSql(pred: LabelPredicate, p: SqlParams): string | undefined {
  switch (pred.kind) {
    case 'string':
      return undefined;
    case 'number': {
      const raw = `m[${sqlString(pred.name)}]`;
      return `CASE WHEN ${raw} IS NOT NULL AND ${asNumber('m', pred.name)} IS NULL THEN ${raw} END`;
    }
    case 'and': {
      const parts = [conversionFailureSql(pred.left, p), conversionFailureSql(pred.right, p)].filter(
        (x): x is string => x !== undefined,
      );
      return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : `coalesce(${parts.join(', ')})`;
    }
    case 'or': {
      const left = conversionFailureSql(pred.left, p);
      const right = conversionFailureSql(pred.right, p);
      if (!left && !right) return undefined;
      const otherwise = left && right ? `coalesce(${left}, ${right})` : (left ?? right)!;
      return `CASE WHEN ${passSql(pred.left, p)} THEN ${left ?? 'NULL'} ELSE ${otherwise} END`;
    }
  }
}

export interface RowWindow {
  /** SQL conditions on `e` (entries) selecting the time range (or sequence range) to read. */
  readonly conditions: string[];
}

export interface CompiledRows {
  /** CTE definitions, in order; the last one is `rows`. */
  readonly ctes: string[];
  /**
   * Whether `rows.m` can differ from the stream's labels (a parser ran or a filter flagged an error).
   * When false, `rows.m` is the stream's label map and `rows.sid` identifies the series.
   */
  readonly labelsChange: boolean;
  /** Whether rows may carry an `__error__` label (metric queries must then fail, as in Loki). */
  readonly canFail: boolean;
}

/** The condition on `streams s` selecting the caller's streams a selector matches. */
export function selectionWhere(
  scope: string,
  matchers: readonly LabelMatcher[] | undefined,
  p: SqlParams,
): string {
  const tenant = p.add(scope);
  return [`s.tenant = ${tenant}`, ...(matchers ?? []).map((m) => matcherSql(m, 's.labels', p))].join(' AND ');
}

/** CTE `sel`: the caller's streams a selector matches. */
export function selectionCte(
  scope: string,
  matchers: readonly LabelMatcher[] | undefined,
  p: SqlParams,
): string {
  return `sel AS (SELECT s.id, s.labels_key, s.labels FROM streams s WHERE ${selectionWhere(scope, matchers, p)})`;
}

/** The entries of a log query (selector, line filters, parsers, label filters) as CTE `rows`. */
export function compileRows(scope: string, query: LogQuery, window: RowWindow, p: SqlParams): CompiledRows {
  const ctes = [selectionCte(scope, query.matchers, p)];
  const lineFilters = query.pipeline.filter((s): s is LineFilter => s.kind === 'line_filter');
  const where = [...window.conditions, ...lineFilters.map((f) => lineFilterSql(f, p))];
  ctes.push(
    `r0 AS (SELECT e.stream_id AS sid, e.ts, e.seq, e.line, s.labels_key, s.labels AS m FROM entries e JOIN sel s ON e.stream_id = s.id WHERE ${where.join(' AND ')})`,
  );
  // Line filters never depend on labels and the line never changes, so they all run in r0; the
  // label stages run in order, one CTE each.
  let previous = 'r0';
  let labelsChange = false;
  let canFail = false;
  let n = 0;
  for (const stage of query.pipeline) {
    if (stage.kind === 'line_filter') continue;
    const name = `r${++n}`;
    if (stage.kind === 'parser') {
      labelsChange = true;
      canFail = true;
      ctes.push(
        `${name} AS (SELECT sid, ts, seq, line, labels_key, map_concat(m, loki_extract(${sqlString(stage.parser)}, line, labels_key)) AS m FROM ${previous})`,
      );
    } else {
      const failure = conversionFailureSql(stage.predicate, p);
      let next = 'm';
      if (failure) {
        labelsChange = true;
        canFail = true;
        next =
          `CASE WHEN coalesce(m['__error__'], '') = '' AND (${failure}) IS NOT NULL ` +
          `THEN map_concat(m, map(['__error__', '__error_details__'], ['LabelFilterErr', 'strconv.ParseFloat: parsing ' || to_json(${failure})::VARCHAR || ': invalid syntax'])) ` +
          'ELSE m END';
      }
      ctes.push(
        `${name} AS (SELECT sid, ts, seq, line, labels_key, ${next} AS m FROM ${previous} WHERE ${passSql(stage.predicate, p)})`,
      );
    }
    previous = name;
  }
  const m = labelsChange ? 'map_from_entries(list_sort(map_entries(m)))' : 'm';
  ctes.push(`rows AS (SELECT sid, ts, seq, line, labels_key, ${m} AS m FROM ${previous})`);
  return { ctes, labelsChange, canFail };
}

/** Exact floor division of BIGINT expressions by a positive divisor (DuckDB's // truncates). */
function floorDiv(a: string, b: string): string {
  return `((${a}) - (((${a}) % (${b})) + (${b})) % (${b})) // (${b})`;
}

function ceilDiv(a: string, b: string): string {
  return `(-(${floorDiv(`-(${a})`, b)}))`;
}

export interface StepWindow {
  readonly startNs: bigint;
  readonly endNs: bigint;
  /** 0 for an instant query. */
  readonly stepNs: bigint;
  /** Entries before this are ignored (the retention cutoff). */
  readonly floorNs: bigint;
}

/** The largest range of any range aggregation in the expression (how far back rows are read). */
function rangeOf(expr: MetricExpr): RangeAggregation {
  return expr.kind === 'range' ? expr : rangeOf(expr.inner);
}

const VECTOR_SQL = {
  sum: 'sum(v)',
  avg: 'avg(v)',
  min: 'min(v)',
  max: 'max(v)',
  count: 'count(*)::DOUBLE',
} as const;

function groupKeySql(agg: VectorAggregation): string {
  if (!agg.grouping) return 'map([]::VARCHAR[], []::VARCHAR[])';
  const names = `[${agg.grouping.labels.map(sqlString).join(', ')}]::VARCHAR[]`;
  const keep = agg.grouping.without ? `NOT list_contains(${names}, x.key)` : `list_contains(${names}, x.key)`;
  // Prometheus semantics: a label with an empty value does not exist, so it never forms a group.
  return `map_from_entries(list_filter(map_entries(series), x -> ${keep} AND x.value <> ''))`;
}

/**
 * A metric query: every range aggregation evaluated at steps start, start+step, ... ≤ end over the
 * window (t - range, t] (Loki's rule), then vector aggregations. The statement returns the samples, or
 * an `error` row naming a series that carries `__error__`, or a `too_many` row past `maxSeries`.
 */
export function compileMetric(
  scope: string,
  expr: MetricExpr,
  window: StepWindow,
  maxSeries: number,
  p: SqlParams,
): string {
  const range = rangeOf(expr);
  const { startNs, endNs, stepNs, floorNs } = window;
  const steps = stepNs > 0n ? (endNs - startNs) / stepNs : 0n;
  const step = stepNs > 0n ? stepNs : 1n;
  const rows = compileRows(
    scope,
    range.query,
    {
      conditions: [
        `e.ts > ${p.bigint(startNs - range.rangeNs)}`,
        `e.ts <= ${p.bigint(endNs)}`,
        `e.ts >= ${p.bigint(floorNs)}`,
      ],
    },
    p,
  );
  const S = p.bigint(startNs);
  const P = p.bigint(step);
  const R = p.bigint(range.rangeNs);
  const K = p.bigint(steps);
  const ctes = [...rows.ctes];
  // Step indexes each entry counts in: t_k - R < ts ≤ t_k with t_k = S + k·P.
  const lo = `greatest(${ceilDiv(`ts - ${S}`, P)}, 0)`;
  const hi = `least(${ceilDiv(`ts + ${R} - ${S}`, P)} - 1, ${K})`;
  const series = rows.labelsChange ? 'm' : 'sid';
  ctes.push(
    `spans AS (SELECT ${series} AS series, strlen(line) AS bytes, ${lo} AS lo, ${hi} AS hi FROM rows)`,
  );
  // When the range is no longer than the step, an entry falls in at most one step: no fan-out needed.
  const expand =
    range.rangeNs <= step
      ? 'SELECT series, bytes, lo AS k FROM spans WHERE lo <= hi'
      : 'SELECT series, bytes, unnest(range(lo, hi + 1)) AS k FROM spans WHERE lo <= hi';
  const seconds = Number(range.rangeNs) / 1e9;
  const value = {
    count_over_time: 'count(*)::DOUBLE',
    rate: `count(*) / ${seconds}`,
    bytes_over_time: 'sum(bytes)::DOUBLE',
    bytes_rate: `sum(bytes) / ${seconds}`,
  }[range.op];
  ctes.push(`ranged AS (SELECT series, k, ${value} AS v FROM (${expand}) GROUP BY series, k)`);
  if (!rows.labelsChange) {
    // Series were grouped by stream id (cheap); give them their labels now.
    ctes.push(
      'l0 AS MATERIALIZED (SELECT s.labels AS series, r.k, r.v FROM ranged r JOIN sel s ON s.id = r.series)',
    );
  } else {
    ctes.push('l0 AS MATERIALIZED (SELECT series, k, v FROM ranged)');
  }
  // Vector aggregations, innermost first.
  const vectors: VectorAggregation[] = [];
  for (let e: MetricExpr = expr; e.kind === 'vector'; e = e.inner) vectors.unshift(e);
  let previous = 'l0';
  vectors.forEach((agg, i) => {
    const name = `l${i + 1}`;
    ctes.push(
      `${name} AS (SELECT ${groupKeySql(agg)} AS series, k, ${VECTOR_SQL[agg.op]} AS v FROM ${previous} GROUP BY ALL)`,
    );
    previous = name;
  });
  ctes.push(`final AS MATERIALIZED (SELECT series, k, v FROM ${previous})`);
  const limit = p.add(maxSeries);
  const parts = [
    `SELECT 'sample' AS kind, series, k, v FROM final WHERE (SELECT count(DISTINCT series) FROM final) <= ${limit}`,
    `SELECT 'too_many', NULL, NULL, NULL WHERE (SELECT count(DISTINCT series) FROM final) > ${limit}`,
  ];
  if (rows.canFail) {
    parts.push(
      "(SELECT 'error', series, NULL, NULL FROM l0 WHERE coalesce(series['__error__'], '') <> '' LIMIT 1)",
    );
  }
  return `WITH ${ctes.join(',\n')}\n${parts.join('\nUNION ALL\n')}`;
}
