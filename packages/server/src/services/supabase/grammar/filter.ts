import {
  type ColumnPath,
  type Condition,
  type FilterNode,
  FTS_OPERATORS,
  type IsValue,
  OPERATORS,
  type Operator,
  QUANTIFIABLE,
} from './ast.js';
import { parseColumnPath } from './column-path.js';
import { Cursor } from './cursor.js';

/**
 * The filter language: PostgREST's grammar plus the usage guide's shorthand comparisons.
 *
 *   filter     := term ('&' term)*                       (empty: no filter)
 *   term       := ['not.'] ('and' | 'or') ['='] list     `or=(age.lt.18,age.gt.65)`
 *               | path '=' ['not.'] op ['(' mod ')'] '.' value     `age=gt.25`, `name=not.eq.Bob`
 *               | path ('>' | '>=' | '<' | '<=' | '!=' | '<>' | '=') value    `age>25`, `name=Bob`
 *   list       := '(' item (',' item)* ')'
 *   item       := ['not.'] ('and' | 'or') list | path '.' ['not.'] op ['(' mod ')'] '.' value
 *   path       := column ('->' key)* ['->>' key]
 *   value      := '"' quoted '"' | raw text up to '&' (top level) or ',' / ')' (lists; brackets nest)
 *   in value   := '(' [item (',' item)*] ')'            modifiers: (any)/(all) on comparisons and patterns
 *   is value   := null | not_null | true | false | unknown          take a '{a,b}' list
 *
 * `name=Bob` is equality unless what follows "=" is a known operator and a dot (`name=eq.Bob`); write
 * `name=eq.gt.5` to compare with the text "gt.5". Unquoted values are trimmed; quote to keep spaces or
 * to use the reserved characters `& , ( ) "` (backslash escapes `"` and `\` inside quotes).
 */

export const FILTER_LIMITS = {
  maxLength: 16_384,
  maxDepth: 16,
  maxConditions: 512,
  maxListItems: 10_000,
};

const SHORTHAND: ReadonlyArray<readonly [string, Operator]> = [
  ['>=', 'gte'],
  ['<=', 'lte'],
  ['!=', 'neq'],
  ['<>', 'neq'],
  ['>', 'gt'],
  ['<', 'lt'],
];

const IS_VALUES: readonly IsValue[] = ['null', 'not_null', 'true', 'false', 'unknown'];
const FTS: ReadonlySet<Operator> = new Set(FTS_OPERATORS);
const OPERATOR_SET: ReadonlySet<string> = new Set(OPERATORS);
const OPERATOR_HEAD = /^(not\.)?([a-z]+)(\(([^()]*)\))?\./;
const LOGIC_HEAD = /^(not\.)?(and|or)(=?)\(/;

type Context = 'top' | 'list';

interface OperatorHead {
  negated: boolean;
  op: Operator;
  modifier: string | undefined;
  modifierAt: number;
  length: number;
}

class FilterParser {
  private conditions = 0;

  constructor(private readonly c: Cursor) {}

  parse(): FilterNode | undefined {
    const c: Cursor = this.c;
    c.skipSpaces();
    if (c.done) return undefined;
    const terms: FilterNode[] = [this.topTerm()];
    c.skipSpaces();
    while (!c.done) {
      if (c.peek() !== '&') c.fail(`unexpected ${c.describe()}, expecting "&" or the end of the filter`);
      c.pos++;
      c.skipSpaces();
      if (c.done || c.peek() === '&') c.fail('empty condition after "&"');
      terms.push(this.topTerm());
      c.skipSpaces();
    }
    return terms.length === 1 ? terms[0] : { kind: 'and', negated: false, children: terms };
  }

  private topTerm(): FilterNode {
    const c: Cursor = this.c;
    const logic = LOGIC_HEAD.exec(c.text.slice(c.pos, c.pos + 9));
    if (logic) {
      c.pos += logic[0].length - 1;
      return this.logical(logic[2] as 'and' | 'or', Boolean(logic[1]), 1);
    }
    const column = parseColumnPath(c);
    c.skipSpaces();
    for (const [token, op] of SHORTHAND) {
      if (c.accept(token)) return this.condition(column, false, op, this.shorthandValue(token));
    }
    if (c.accept('=')) {
      const head = this.operatorHead();
      if (head) {
        c.pos += head.length;
        return this.tail(column, head, 'top');
      }
      return this.condition(column, false, 'eq', this.shorthandValue('='));
    }
    if (c.peek() === '.') {
      c.fail(
        'unexpected ".": write "column=op.value" (the "column.op.value" form belongs inside and=(...) or or=(...))',
      );
    }
    c.fail(
      `unexpected ${c.describe()}, expecting "=", ">", ">=", "<", "<=" or "!=" after "${column.column}"`,
    );
  }

  private logical(kind: 'and' | 'or', negated: boolean, depth: number): FilterNode {
    const c: Cursor = this.c;
    if (depth > FILTER_LIMITS.maxDepth) c.fail(`and/or nested deeper than ${FILTER_LIMITS.maxDepth} levels`);
    const open = c.pos;
    c.expect('(', `to open the ${kind} list`);
    const children: FilterNode[] = [];
    c.skipSpaces();
    if (c.peek() === ')') c.fail(`empty ${kind}() list`, open);
    for (;;) {
      c.skipSpaces();
      children.push(this.listItem(depth));
      c.skipSpaces();
      if (c.accept(')')) break;
      if (!c.accept(',')) c.fail(`unexpected ${c.describe()}, expecting "," or ")" in the ${kind} list`);
    }
    return { kind, negated, children };
  }

  private listItem(depth: number): FilterNode {
    const c: Cursor = this.c;
    const logic = LOGIC_HEAD.exec(c.text.slice(c.pos, c.pos + 9));
    if (logic && logic[3] === '') {
      c.pos += logic[0].length - 1;
      return this.logical(logic[2] as 'and' | 'or', Boolean(logic[1]), depth + 1);
    }
    const column = parseColumnPath(c);
    if (c.peek() !== '.') {
      c.fail(`unexpected ${c.describe()}, expecting "." and an operator after "${column.column}"`);
    }
    c.pos++;
    const head = this.operatorHead();
    if (!head) {
      const word = /^(not\.)?([A-Za-z_]*)/.exec(c.text.slice(c.pos))?.[2] ?? '';
      c.fail(
        word
          ? `unknown operator "${word}", expecting one of ${OPERATORS.join(', ')}`
          : `unexpected ${c.describe()}, expecting an operator (${OPERATORS.join(', ')})`,
      );
    }
    c.pos += head.length;
    return this.tail(column, head, 'list');
  }

  /** Recognises `[not.]op[(mod)].` at the cursor without consuming it. */
  private operatorHead(): OperatorHead | undefined {
    const c: Cursor = this.c;
    const match = OPERATOR_HEAD.exec(c.text.slice(c.pos, c.pos + 80));
    if (!match || !OPERATOR_SET.has(match[2]!)) return undefined;
    const op = match[2] as Operator;
    const modifier = match[4];
    const modifierAt = c.pos + (match[1]?.length ?? 0) + op.length + 1;
    if (modifier !== undefined) {
      if (FTS.has(op)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(modifier)) {
          c.fail(`text search configuration "${modifier}" is not a valid name`, modifierAt);
        }
      } else if (QUANTIFIABLE.has(op)) {
        if (modifier !== 'any' && modifier !== 'all') {
          c.fail(`unknown modifier "${modifier}" for ${op}, expecting (any) or (all)`, modifierAt);
        }
      } else {
        c.fail(`operator ${op} takes no modifier`, modifierAt);
      }
    }
    return { negated: Boolean(match[1]), op, modifier, modifierAt, length: match[0].length };
  }

  private tail(column: ColumnPath, head: OperatorHead, context: Context): Condition {
    const c: Cursor = this.c;
    const { op, negated, modifier } = head;
    if (op === 'in') {
      const values = this.list('(', ')');
      this.end(context);
      return this.count({ kind: 'condition', negated, column, op, values });
    }
    if (op === 'is') {
      const at = c.pos;
      const word = /^[A-Za-z_]+/.exec(c.text.slice(c.pos))?.[0] ?? '';
      const is = word.toLowerCase() as IsValue;
      if (!IS_VALUES.includes(is)) {
        c.fail(
          `unexpected ${word ? `"${word}"` : c.describe()}, expecting null, not_null, true, false or unknown`,
          at,
        );
      }
      c.pos += word.length;
      this.end(context);
      return this.count({ kind: 'condition', negated, column, op, is });
    }
    if (modifier === 'any' || modifier === 'all') {
      const values = this.list('{', '}');
      this.end(context);
      return this.count({
        kind: 'condition',
        negated,
        column,
        op: op as 'eq',
        quantifier: modifier,
        values,
      });
    }
    if (FTS.has(op)) {
      return this.count({
        kind: 'condition',
        negated,
        column,
        op: op as 'fts',
        config: modifier,
        value: this.value(context),
      });
    }
    return this.condition(column, negated, op, this.value(context));
  }

  private condition(column: ColumnPath, negated: boolean, op: Operator, value: string): Condition {
    return this.count({ kind: 'condition', negated, column, op: op as 'eq', value });
  }

  private count(condition: Condition): Condition {
    if (++this.conditions > FILTER_LIMITS.maxConditions) {
      this.c.fail(`more than ${FILTER_LIMITS.maxConditions} conditions`);
    }
    return condition;
  }

  /** After an `is` word or a list: the end of the term. */
  private end(context: Context): void {
    const c: Cursor = this.c;
    const save = c.pos;
    c.skipSpaces();
    const next = c.peek();
    const ok = context === 'top' ? c.done || next === '&' : next === ',' || next === ')';
    if (!ok) c.fail(`unexpected ${c.describe()} after the value`);
    c.pos = save;
  }

  /** The value of a shorthand comparison; `age>>25` is a typo, not a comparison with ">25". */
  private shorthandValue(operator: string): string {
    const c: Cursor = this.c;
    c.skipSpaces();
    if (/^[<>=!]/.test(c.peek())) {
      c.fail(
        `unexpected ${c.describe()} after "${operator}", expecting a value (quote values that start with it)`,
      );
    }
    return this.value('top');
  }

  /** A scalar value: quoted, or raw up to the end of the term. */
  private value(context: Context): string {
    const c: Cursor = this.c;
    if (c.peek() === '"') {
      const text = c.quoted();
      this.end(context);
      return text;
    }
    const start = c.pos;
    if (context === 'top') {
      while (!c.done && c.peek() !== '&') c.pos++;
      return c.text.slice(start, c.pos).trim();
    }
    const opened: string[] = [];
    for (; !c.done; c.pos++) {
      const ch = c.peek();
      if (ch === '(' || ch === '[' || ch === '{') opened.push(ch);
      else if (ch === ')' || ch === ']' || ch === '}') {
        if (opened.length === 0) {
          if (ch === ')') break;
          c.fail(`unbalanced "${ch}" in value; quote the value to use it`);
        }
        opened.pop();
      } else if (ch === ',' && opened.length === 0) break;
    }
    if (opened.length > 0) c.fail(`unclosed "${opened.at(-1)}" in value`, start);
    return c.text.slice(start, c.pos).trim();
  }

  /** `(a,b,"c,d")` or `{a,b}`: items quoted or raw, raw ones trimmed. */
  private list(open: string, close: string): string[] {
    const c: Cursor = this.c;
    const at = c.pos;
    c.expect(open, `to start the list`);
    const items: string[] = [];
    c.skipSpaces();
    if (c.accept(close)) return items;
    for (;;) {
      c.skipSpaces();
      if (c.peek() === '"') {
        items.push(c.quoted());
        c.skipSpaces();
      } else {
        const start = c.pos;
        while (!c.done && c.peek() !== ',' && c.peek() !== close && c.peek() !== '"') c.pos++;
        const item = c.text.slice(start, c.pos).trim();
        if (item === '') c.fail('empty list item (quote it as "" for an empty string)', start);
        items.push(item);
      }
      if (items.length > FILTER_LIMITS.maxListItems)
        c.fail(`list longer than ${FILTER_LIMITS.maxListItems} items`, at);
      if (c.accept(close)) return items;
      if (!c.accept(',')) c.fail(`unexpected ${c.describe()}, expecting "," or "${close}" in the list`);
    }
  }
}

/** Parses a filter; undefined means "no filter". Throws GrammarError with the offset of the problem. */
export function parseFilter(input: string): FilterNode | undefined {
  const c = new Cursor(input);
  if (input.length > FILTER_LIMITS.maxLength) {
    c.fail(`filter is longer than ${FILTER_LIMITS.maxLength} characters`, FILTER_LIMITS.maxLength);
  }
  return new FilterParser(c).parse();
}
