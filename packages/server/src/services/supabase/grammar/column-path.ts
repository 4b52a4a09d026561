import type { ColumnPath, JsonStep } from './ast.js';
import type { Cursor } from './cursor.js';

const JSON_KEY = /[A-Za-z0-9_]/;

/** `column`, `column->key`, `column->0->>key`: `->>` (text) may only come last. */
export function parseColumnPath(c: Cursor, what = 'a column name'): ColumnPath {
  const position = c.pos;
  const column = c.identifier();
  if (column === undefined) c.fail(`unexpected ${c.describe()}, expecting ${what}`);
  const json: JsonStep[] = [];
  while (c.startsWith('->')) {
    if (json.at(-1)?.arrow === '->>') c.fail('"->>" must be the last step of a JSON path');
    const arrow = c.startsWith('->>') ? '->>' : '->';
    c.pos += arrow.length;
    const start = c.pos;
    while (JSON_KEY.test(c.peek())) c.pos++;
    const key = c.text.slice(start, c.pos);
    if (key === '') c.fail(`unexpected ${c.describe()}, expecting a JSON key after "${arrow}"`);
    if (key.length > 255) c.fail('JSON key is longer than 255 characters', start);
    json.push({ arrow, key: /^\d{1,9}$/.test(key) ? Number(key) : key });
    if (json.length > 16) c.fail('JSON path has more than 16 steps', start);
  }
  return { column, json, position };
}

/** The JSON key a selected path is known by: its last key, else the column. */
export function outputName(path: ColumnPath): string {
  const last = path.json.at(-1);
  return last === undefined ? path.column : String(last.key);
}
