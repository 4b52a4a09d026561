import type { OrderTerm, Selection } from './ast.js';
import { parseColumnPath } from './column-path.js';
import { Cursor } from './cursor.js';

/**
 * Casts a select may apply (`price::text`). A closed list: a type name is spliced into SQL, so only
 * names known to be plain type names are accepted.
 */
export const ALLOWED_CASTS: ReadonlySet<string> = new Set([
  'text',
  'varchar',
  'int',
  'int2',
  'int4',
  'int8',
  'integer',
  'smallint',
  'bigint',
  'numeric',
  'decimal',
  'real',
  'float4',
  'float8',
  'boolean',
  'bool',
  'json',
  'jsonb',
  'date',
  'time',
  'timestamp',
  'timestamptz',
  'interval',
  'uuid',
]);

export const SELECT_LIMITS = { maxLength: 8192, maxItems: 256 };

/**
 * `*`, `id, name`, `alias:column`, `column::text`, `alias:data->settings->>theme::text`.
 * An empty select is `*`.
 */
export function parseSelect(input: string): Selection[] {
  const c = new Cursor(input);
  if (input.length > SELECT_LIMITS.maxLength)
    c.fail(`select is longer than ${SELECT_LIMITS.maxLength} characters`);
  c.skipSpaces();
  if (c.done) return [{ kind: 'star' }];
  const items: Selection[] = [];
  for (;;) {
    c.skipSpaces();
    if (c.accept('*')) {
      items.push({ kind: 'star' });
    } else {
      const start = c.pos;
      let alias: string | undefined;
      const first = c.identifier();
      if (first === undefined) c.fail(`unexpected ${c.describe()}, expecting a column name or "*"`);
      if (c.peek() === ':' && c.peek(1) !== ':') {
        c.pos++;
        alias = first;
      } else {
        c.pos = start;
      }
      const path = parseColumnPath(c);
      if (c.peek() === '(') c.fail('embedded resources and functions are not supported in select');
      let cast: string | undefined;
      if (c.accept('::')) {
        const at = c.pos;
        const type = c.identifier()?.toLowerCase();
        if (type === undefined || !ALLOWED_CASTS.has(type)) {
          c.fail(
            `cannot cast to "${type ?? c.describe()}": allowed casts are ${[...ALLOWED_CASTS].join(', ')}`,
            at,
          );
        }
        cast = type;
      }
      items.push({ kind: 'column', path, alias, cast });
    }
    if (items.length > SELECT_LIMITS.maxItems) c.fail(`more than ${SELECT_LIMITS.maxItems} selected columns`);
    c.skipSpaces();
    if (c.done) return items;
    c.expect(',', 'between selected columns');
  }
}

/** `created_at.desc`, `age.asc.nullslast,name`. */
export function parseOrder(input: string): OrderTerm[] {
  const c = new Cursor(input);
  if (input.length > SELECT_LIMITS.maxLength)
    c.fail(`order is longer than ${SELECT_LIMITS.maxLength} characters`);
  c.skipSpaces();
  if (c.done) return [];
  const terms: OrderTerm[] = [];
  for (;;) {
    c.skipSpaces();
    const path = parseColumnPath(c);
    let descending = false;
    let nulls: OrderTerm['nulls'];
    let sawDirection = false;
    while (c.accept('.')) {
      const at = c.pos;
      const word = c.identifier()?.toLowerCase();
      if ((word === 'asc' || word === 'desc') && !sawDirection && nulls === undefined) {
        descending = word === 'desc';
        sawDirection = true;
      } else if ((word === 'nullsfirst' || word === 'nullslast') && nulls === undefined) {
        nulls = word === 'nullsfirst' ? 'first' : 'last';
      } else {
        c.fail(
          `unexpected ${word ? `"${word}"` : c.describe()}, expecting asc, desc, nullsfirst or nullslast`,
          at,
        );
      }
    }
    terms.push({ path, descending, nulls });
    if (terms.length > SELECT_LIMITS.maxItems) c.fail(`more than ${SELECT_LIMITS.maxItems} order terms`);
    c.skipSpaces();
    if (c.done) return terms;
    c.expect(',', 'between order terms');
  }
}
