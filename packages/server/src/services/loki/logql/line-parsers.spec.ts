import { describe, expect, it } from 'vitest';
import { extractLabels } from './extract-function.js';
import { extractJson, extractLogfmt, JsonLineError, sanitizeKey } from './line-parsers.js';

function json(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  extractJson(line, (k, v) => {
    out[k] = v;
  });
  return out;
}

function logfmt(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  extractLogfmt(line, (k, v) => {
    out[k] = v;
  });
  return out;
}

describe('| json', () => {
  it('flattens nested objects with "_", keeps number text, skips arrays and nulls', () => {
    expect(
      json(
        '{"level":"info","status":200,"dur":1.50,"ok":true,"req":{"path":"/x","hdr":{"ua":"curl"}},"tags":["a"],"n":null}',
      ),
    ).toEqual({
      level: 'info',
      status: '200',
      dur: '1.50',
      ok: 'true',
      req_path: '/x',
      req_hdr_ua: 'curl',
    });
  });

  it('sanitises keys as Loki does', () => {
    expect(json('{"a.b":"1","x-y z":"2","1st":"3","é":"4","o":{"2nd":"5"}}')).toEqual({
      a_b: '1',
      x_y_z: '2',
      _1st: '3',
      _: '4',
      o_2nd: '5',
    });
    expect(sanitizeKey('  trim me  ', true)).toBe('trim_me');
    expect(sanitizeKey('9', false)).toBe('9');
  });

  it('decodes string escapes', () => {
    expect(json('{"msg":"a \\"quoted\\" \\u00e9\\n"}')).toEqual({ msg: 'a "quoted" é\n' });
  });

  it('reports malformed lines after emitting what came before', () => {
    const seen: string[] = [];
    expect(() => extractJson('{"a":"1","b":', (k) => seen.push(k))).toThrow(JsonLineError);
    expect(seen).toEqual(['a']);
    for (const bad of ['not json', '[1,2]', '"str"', '{"a":1} trailing', '{"a":tru}', '{"a":"\\q"}']) {
      expect(() => json(bad), bad).toThrow(JsonLineError);
    }
    expect(json('  {"a":1}  ')).toEqual({ a: '1' });
  });

  it('renames fields the stream already has to <name>_extracted and flags errors', () => {
    const stream = '{app="api", level="info"}';
    expect(Object.fromEntries(extractLabels('json', '{"level":"warn","app":"x","y":"1"}', stream))).toEqual({
      level_extracted: 'warn',
      app_extracted: 'x',
      y: '1',
    });
    expect(Object.fromEntries(extractLabels('json', 'plain text', stream))).toEqual({
      __error__: 'JSONParserErr',
      __error_details__: expect.stringContaining('JSON object'),
    });
  });
});

describe('| logfmt', () => {
  it('extracts key=value pairs, quoted values with escapes and empty values', () => {
    expect(logfmt('level=info msg="hello \\"world\\"" dur=12ms path=/a/b empty= tab="a\\tb"')).toEqual({
      level: 'info',
      msg: 'hello "world"',
      dur: '12ms',
      path: '/a/b',
      empty: '',
      tab: 'a\tb',
    });
  });

  it('skips standalone keys and invalid tokens (Loki non-strict mode)', () => {
    expect(logfmt('standalone a=1 "quoted"=x b=c"d e=2 f="unterminated')).toEqual({ a: '1', e: '2' });
    expect(logfmt('')).toEqual({});
    expect(logfmt('x.y=1 2nd=2')).toEqual({ x_y: '1', _2nd: '2' });
  });

  it('never flags an error in non-strict mode', () => {
    expect(extractLabels('logfmt', '{"json":"line"}', '{a="b"}').has('__error__')).toBe(false);
  });
});
