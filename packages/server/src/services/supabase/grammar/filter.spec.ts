import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FilterNode } from './ast.js';
import { GrammarError } from './cursor.js';
import { FILTER_LIMITS, parseFilter } from './filter.js';

const col = (column: string, position = 0) => ({ column, json: [], position });

function errorOf(input: string): GrammarError {
  try {
    parseFilter(input);
  } catch (err) {
    if (err instanceof GrammarError) return err;
    throw err;
  }
  throw new Error(`"${input}" parsed`);
}

describe('filter grammar', () => {
  it('reads PostgREST conditions', () => {
    expect(parseFilter('name=eq.Bob')).toEqual({
      kind: 'condition',
      negated: false,
      column: col('name'),
      op: 'eq',
      value: 'Bob',
    });
    expect(parseFilter('age=not.gte.21')).toMatchObject({ negated: true, op: 'gte', value: '21' });
    expect(parseFilter('id=in.(1,"a,b", c )')).toMatchObject({ op: 'in', values: ['1', 'a,b', 'c'] });
    expect(parseFilter('x=is.NULL')).toMatchObject({ op: 'is', is: 'null' });
    expect(parseFilter('body=wfts(english).cat -dog')).toMatchObject({
      op: 'wfts',
      config: 'english',
      value: 'cat -dog',
    });
    expect(parseFilter('name=like(any).{a*,"b,c"}')).toMatchObject({
      op: 'like',
      quantifier: 'any',
      values: ['a*', 'b,c'],
    });
    expect(parseFilter('data->a->0->>b=eq.1')).toMatchObject({
      column: {
        column: 'data',
        json: [
          { arrow: '->', key: 'a' },
          { arrow: '->', key: 0 },
          { arrow: '->>', key: 'b' },
        ],
      },
    });
  });

  it('reads the guide’s shorthand comparisons', () => {
    const shorthand: Array<[string, string, string]> = [
      ['age>25', 'gt', '25'],
      ['age<18', 'lt', '18'],
      ['age>=21', 'gte', '21'],
      ['age <= 21', 'lte', '21'],
      ['age!=3', 'neq', '3'],
      ['age<>3', 'neq', '3'],
      ['name=Bob', 'eq', 'Bob'],
      ['email=a.b@example.com', 'eq', 'a.b@example.com'],
      ['name=eq.gt.5', 'eq', 'gt.5'],
      ['name=" padded "', 'eq', ' padded '],
    ];
    for (const [input, op, value] of shorthand)
      expect(parseFilter(input), input).toMatchObject({ op, value });
  });

  it('nests and negates logical lists and joins terms with &', () => {
    const tree = parseFilter('or=(a.eq.1,and(b.gt.2,not.or(c.is.null,d.in.(x,y))))&e=neq.z') as FilterNode & {
      kind: 'and';
    };
    expect(tree.kind).toBe('and');
    expect(tree.children).toHaveLength(2);
    expect(tree.children[0]).toMatchObject({
      kind: 'or',
      children: [{ op: 'eq' }, { kind: 'and', children: [{ op: 'gt' }, { kind: 'or', negated: true }] }],
    });
    expect(parseFilter('not.and=(a.eq.1,b.eq.2)')).toMatchObject({ kind: 'and', negated: true });
    expect(parseFilter('or=(r.ov.[1,5),t.cs.{a,b})')).toMatchObject({
      children: [{ value: '[1,5)' }, { value: '{a,b}' }],
    });
  });

  it('keeps values literal: quotes, escapes and reserved characters', () => {
    expect(parseFilter('a=eq."x&y,z(w)"')).toMatchObject({ value: 'x&y,z(w)' });
    expect(parseFilter('a=eq."say \\"hi\\" \\\\ bye"')).toMatchObject({ value: 'say "hi" \\ bye' });
    expect(parseFilter("a=eq.'; DROP TABLE users; --")).toMatchObject({ value: "'; DROP TABLE users; --" });
    expect(parseFilter('or=(a.eq."1,2",b.eq.")")')).toMatchObject({
      children: [{ value: '1,2' }, { value: ')' }],
    });
    expect(parseFilter('a=eq.')).toMatchObject({ value: '' });
    expect(parseFilter('')).toBeUndefined();
    expect(parseFilter('   ')).toBeUndefined();
  });

  it('reports the position and the problem of a syntax error', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['age>>25', 5, /unexpected ">" after ">"/],
      ['=eq.1', 1, /expecting a column name/],
      ['age', 4, /expecting "=", ">"/],
      ['a.eq.1', 2, /"column=op.value"/],
      ['a=eq.1&', 8, /empty condition/],
      ['a=eq."open', 6, /unterminated quoted value/],
      ['or=(a.eq.1', 11, /expecting "," or "\)"/],
      ['or=(a.xx.1)', 7, /unknown operator "xx"/],
      ['or=()', 4, /empty or\(\) list/],
      ['a=in.(1,,2)', 9, /empty list item/],
      ['a=is.maybe', 6, /expecting null, not_null/],
      ['a=eq(most).{1}', 6, /unknown modifier "most"/],
      ['a=in(any).(1)', 6, /takes no modifier/],
      ['a=fts(x-y).q', 7, /not a valid name/],
      ['a->>b->c=eq.1', 6, /"->>" must be the last/],
      ['a=eq."x"y', 9, /after the value/],
      ['or=(a.eq.{1,2', 10, /unclosed "\{"/],
    ];
    for (const [input, position, message] of cases) {
      const err = errorOf(input);
      expect(err.position + 1, input).toBe(position);
      expect(err.problem, input).toMatch(message);
    }
  });

  it('bounds length, nesting and the number of conditions', () => {
    expect(errorOf('a=eq.'.padEnd(FILTER_LIMITS.maxLength + 1, 'x')).problem).toMatch(/longer than/);
    const deep = `${'or=('.repeat(1)}${'or('.repeat(FILTER_LIMITS.maxDepth)}a.eq.1${')'.repeat(FILTER_LIMITS.maxDepth + 1)}`;
    expect(errorOf(deep).problem).toMatch(/nested deeper/);
    const many = Array.from({ length: FILTER_LIMITS.maxConditions + 1 }, (_, i) => `a${i}=eq.1`).join('&');
    expect(errorOf(many).problem).toMatch(/more than \d+ conditions/);
  });

  it('either parses or throws a GrammarError for any input, and always terminates', () => {
    const token = fc.constantFrom(
      'a',
      'name',
      '=',
      'eq',
      'neq',
      'in',
      'is',
      'not',
      'or',
      'and',
      'fts',
      'like',
      '.',
      ',',
      '(',
      ')',
      '{',
      '}',
      '[',
      ']',
      '"',
      '\\',
      '&',
      '>',
      '<',
      '!',
      '-',
      '>>',
      '->',
      '->>',
      'null',
      '*',
      ' ',
      '1',
      "'",
      ';',
      'any',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 60 }),
          fc.array(token, { maxLength: 40 }).map((t) => t.join('')),
        ),
        (input) => {
          try {
            parseFilter(input);
          } catch (err) {
            expect(err).toBeInstanceOf(GrammarError);
            const { position } = err as GrammarError;
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(Math.max(input.length, FILTER_LIMITS.maxLength));
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
