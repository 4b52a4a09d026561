import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../../platform/errors.js';
import { parseQuery } from './check.js';
import { formatDuration, parseDuration } from './lexer.js';
import { parseLogql, parseSelector } from './parser.js';

function refused(query: string): { code: number; message: string } {
  try {
    parseQuery(query);
  } catch (err) {
    return err as { code: number; message: string };
  }
  throw new Error(`${query} was accepted`);
}

describe('LogQL parser', () => {
  it('parses stream selectors with every matcher and both string kinds', () => {
    expect(parseLogql('{app="api", env!="dev", pod=~`api-.*`, ns!~"kube\\\\-.*"}')).toEqual({
      kind: 'log',
      matchers: [
        { name: 'app', op: '=', value: 'api' },
        { name: 'env', op: '!=', value: 'dev' },
        { name: 'pod', op: '=~', value: 'api-.*' },
        { name: 'ns', op: '!~', value: 'kube\\-.*' },
      ],
      pipeline: [],
    });
  });

  it('decodes Go escapes in double-quoted strings and keeps backquoted strings raw', () => {
    const q = parseLogql('{a="tab\\tquote\\"nl\\n\\u00e9\\x41\\101"} |= `raw\\n`');
    expect(q).toMatchObject({
      matchers: [{ value: 'tab\tquote"nl\né' + 'AA' }],
      pipeline: [{ kind: 'line_filter', op: '|=', value: 'raw\\n' }],
    });
  });

  it('parses line filters, parsers and label filters in order', () => {
    const q = parseLogql(
      '{app="api"} |= "error" != "timeout" |~ "5.." !~ "(?i)health" | json | status >= 500 | logfmt',
    );
    expect(q.kind === 'log' && q.pipeline.map((s) => s.kind)).toEqual([
      'line_filter',
      'line_filter',
      'line_filter',
      'line_filter',
      'parser',
      'label_filter',
      'parser',
    ]);
  });

  it('gives "and" precedence over "or" and accepts "," and juxtaposition as "and"', () => {
    const q = parseLogql('{a="b"} | x="1" or y="2" and z="3", w=~"4.*" | (p > 1 or q <= -2.5e1) r!="s"');
    expect(q).toMatchObject({
      pipeline: [
        {
          predicate: {
            kind: 'or',
            left: { kind: 'string', name: 'x' },
            right: {
              kind: 'and',
              left: { kind: 'and', left: { name: 'y' }, right: { name: 'z' } },
              right: { kind: 'string', name: 'w', op: '=~' },
            },
          },
        },
        {
          predicate: {
            kind: 'and',
            left: {
              kind: 'or',
              left: { kind: 'number', name: 'p', op: '>', value: 1 },
              right: { kind: 'number', name: 'q', op: '<=', value: -25 },
            },
            right: { kind: 'string', name: 'r', op: '!=' },
          },
        },
      ],
    });
  });

  it('reads `= 200` as a numeric comparison and `= "200"` as a string one', () => {
    expect(parseLogql('{a="b"} | status = 200')).toMatchObject({
      pipeline: [{ predicate: { kind: 'number', op: '==', value: 200 } }],
    });
    expect(parseLogql('{a="b"} | status = "200"')).toMatchObject({
      pipeline: [{ predicate: { kind: 'string', op: '=', value: '200' } }],
    });
  });

  it('parses range and vector aggregations in both grouping positions', () => {
    expect(parseLogql('sum by (level, app) (count_over_time({app="api"} |= "x" [5m]))')).toEqual({
      kind: 'vector',
      op: 'sum',
      grouping: { without: false, labels: ['level', 'app'] },
      inner: {
        kind: 'range',
        op: 'count_over_time',
        rangeNs: 300_000_000_000n,
        query: {
          kind: 'log',
          matchers: [{ name: 'app', op: '=', value: 'api' }],
          pipeline: [{ kind: 'line_filter', op: '|=', value: 'x' }],
        },
      },
    });
    expect(parseLogql('max(rate({a="b"}[1h30m])) without (pod)')).toMatchObject({
      op: 'max',
      grouping: { without: true, labels: ['pod'] },
      inner: { op: 'rate', rangeNs: 5_400_000_000_000n },
    });
    // Loki also accepts the range right after the selector.
    expect(parseLogql('bytes_over_time({a="b"}[10s] | json)')).toMatchObject({
      op: 'bytes_over_time',
      rangeNs: 10_000_000_000n,
      query: { pipeline: [{ kind: 'parser', parser: 'json' }] },
    });
    expect(parseLogql('count(sum by (a) (bytes_rate({a="b"}[1m])))')).toMatchObject({
      op: 'count',
      inner: { op: 'sum', inner: { op: 'bytes_rate' } },
    });
  });

  it('reports syntax errors with line and column', () => {
    expect(refused('{app="api"')).toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      message: expect.stringMatching(/^query: parse error at line 1, col 11: expected "," or "}"/),
    });
    expect(refused('{app="api"}\n |= ')).toMatchObject({
      message: expect.stringMatching(/line 2, col 5: expected a quoted string but found end of query/),
    });
    expect(refused('{}').message).toMatch(/at least one label matcher/);
    expect(refused('{app="a').message).toMatch(/unterminated string/);
    expect(refused('{a="\\q"}').message).toMatch(/unknown escape sequence \\q/);
    expect(refused('count_over_time({a="b"}[5 m])').message).toMatch(/expected a duration/);
    expect(refused('{a="b"}[5m]').message).toMatch(/only valid inside a metric function/);
    expect(refused('count_over_time({a="b"})').message).toMatch(/expected "\[" but found "\)"/);
    expect(refused('frobnicate({a="b"})').message).toMatch(/unknown function or keyword "frobnicate"/);
    expect(refused('   ').message).toMatch(/must not be empty/);
  });

  it('names what is not supported instead of answering something else', () => {
    const cases: Array<[string, RegExp]> = [
      ['{a="b"} | line_format "{{.x}}"', /\| line_format is not supported/],
      ['{a="b"} | label_format x=y', /\| label_format is not supported/],
      ['{a="b"} | regexp "(?P<x>.)"', /\| regexp is not supported/],
      ['{a="b"} | pattern "<x>"', /\| pattern is not supported/],
      ['{a="b"} | unpack', /\| unpack is not supported/],
      ['{a="b"} | json x="y"', /parameters to \| json/],
      ['{a="b"} |= "x" or "y"', /"or" between line filter values/],
      ['{a="b"} |= ip("1.2.3.4")', /line filter function ip/],
      ['{a="b"} |> "<_> x"', /pattern line filter/],
      ['{a="b"} | size > 20KB', /duration and byte-size label filters/],
      ['{a="b"} | d > 5s', /duration and byte-size label filters/],
      ['topk(5, count_over_time({a="b"}[1m]))', /the function topk/],
      ['avg_over_time({a="b"} | unwrap x [1m])', /the function avg_over_time/],
      ['sum(count_over_time({a="b"}[1m])) / 2', /binary operator "\/"/],
      ['count_over_time({a="b"}[1m]) or vector(0)', /binary operator "or"/],
      ['count_over_time({a="b"}[1m] offset 1h)', /offset modifier/],
      ['count_over_time({a="b"}[1m]) by (x)', /grouping on count_over_time/],
      ['42', /number literal/],
    ];
    for (const [query, message] of cases) {
      const err = refused(query);
      expect(err.code, query).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(err.message, query).toMatch(message);
      expect(err.message, query).toMatch(/not supported|supported \(/);
    }
  });

  it('parses stream ids and selectors alone', () => {
    expect(parseSelector('{a="1", b="x y"}')).toEqual([
      { name: 'a', op: '=', value: '1' },
      { name: 'b', op: '=', value: 'x y' },
    ]);
    expect(() => parseSelector('{a="1"} |= "x"')).toThrow(/only a stream selector/);
  });
});

describe('durations', () => {
  it('parse Prometheus-style durations into nanoseconds and format them back', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseDuration('250ms')).toBe(250_000_000n);
    expect(parseDuration('2d')).toBe(172_800_000_000_000n);
    expect(parseDuration('1.5m')).toBeUndefined();
    expect(parseDuration('5')).toBeUndefined();
    expect(formatDuration(5_400_000_000_000n)).toBe('1h30m');
    expect(formatDuration(86_400_123_000_000n)).toBe('1d123ms');
    expect(parseDuration(formatDuration(3_723_004_000_000n))).toBe(3_723_004_000_000n);
  });
});
