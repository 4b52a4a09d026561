import { ServiceError } from '../../../platform/errors.js';
import type { TableModel } from '../catalog-model.js';
import type { ColumnPath, Condition, FilterNode, OrderTerm, Selection } from '../grammar/ast.js';
import { outputName } from '../grammar/column-path.js';
import { GrammarError } from '../grammar/cursor.js';
import { parseFilter } from '../grammar/filter.js';
import { parseOrder, parseSelect } from '../grammar/select.js';
import { printable, quoteIdent } from '../names.js';
import { arrayLiteral, type Params } from './params.js';

/**
 * Turns parsed filters, selects and orders into SQL fragments. Identifiers come only from the table's
 * catalog entry (every referenced column must exist) and are double-quoted; every value is a parameter.
 */

/** A column reference in SQL: a plain expression, or a metadata key of an embedding table. */
type Resolved =
  | { kind: 'sql'; expr: string; tsvector?: boolean }
  | { kind: 'metadata'; json: string; text: string };

const COMPARISON_SQL = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const PATTERN_SQL = { like: 'LIKE', ilike: 'ILIKE', match: '~', imatch: '~*' } as const;
const CONTAINMENT_SQL = {
  cs: '@>',
  cd: '<@',
  ov: '&&',
  sl: '<<',
  sr: '>>',
  nxr: '&<',
  nxl: '&>',
  adj: '-|-',
} as const;
const FTS_SQL = {
  fts: 'to_tsquery',
  plfts: 'plainto_tsquery',
  phfts: 'phraseto_tsquery',
  wfts: 'websearch_to_tsquery',
} as const;
const IS_SQL = {
  null: 'IS NULL',
  not_null: 'IS NOT NULL',
  true: 'IS TRUE',
  false: 'IS FALSE',
  unknown: 'IS UNKNOWN',
} as const;

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** PostgREST uses "*" as the LIKE wildcard (it needs no URL escaping); "%" works too. */
const likePattern = (value: string) => value.replaceAll('*', '%');

export function grammarError(field: string, err: unknown): never {
  if (err instanceof GrammarError) {
    throw ServiceError.invalidArgument(field, `PGRST100 failed to parse ${field}: ${err.message}`);
  }
  throw err;
}

export interface EmitOptions {
  /** Names that are not columns refer to keys of the jsonb `metadata` column (embedding tables). */
  readonly metadataKeys?: boolean;
}

export class Emitter {
  constructor(
    private readonly table: TableModel,
    private readonly params: Params,
    private readonly options: EmitOptions = {},
  ) {}

  /** Placeholders of a path's JSON keys, typed so PostgreSQL picks the right -> / ->> operator. */
  private keys(path: ColumnPath): string[] {
    return path.json.map((step) =>
      typeof step.key === 'number'
        ? `${this.params.add(String(step.key))}::int`
        : `${this.params.add(step.key)}::text`,
    );
  }

  private static chain(base: string, path: ColumnPath, keys: readonly string[], lastAsText = false): string {
    let expr = base;
    path.json.forEach((step, i) => {
      const arrow = lastAsText && i === path.json.length - 1 ? '->>' : step.arrow;
      expr = `(${expr}${arrow}${keys[i]})`;
    });
    return expr;
  }

  private resolve(path: ColumnPath, field: string, allowMetadata: boolean): Resolved {
    const column = this.table.columns.get(path.column);
    if (column) {
      const expr = Emitter.chain(quoteIdent(path.column), path, this.keys(path));
      return { kind: 'sql', expr, tsvector: path.json.length === 0 && column.typeName === 'tsvector' };
    }
    if (
      allowMetadata &&
      this.options.metadataKeys &&
      this.table.columns.get('metadata')?.typeName === 'jsonb'
    ) {
      const key = `${this.params.add(path.column)}::text`;
      const keys = this.keys(path);
      if (path.json.at(-1)?.arrow === '->>') {
        return { kind: 'sql', expr: Emitter.chain(`(${quoteIdent('metadata')}->${key})`, path, keys) };
      }
      const json = Emitter.chain(`(${quoteIdent('metadata')}->${key})`, path, keys);
      const text =
        path.json.length === 0
          ? `(${quoteIdent('metadata')}->>${key})`
          : Emitter.chain(`(${quoteIdent('metadata')}->${key})`, path, keys, true);
      return { kind: 'metadata', json, text };
    }
    throw ServiceError.invalidArgument(
      field,
      `column "${printable(path.column)}" does not exist in table "${this.table.name}" (at position ${path.position + 1})`,
    );
  }

  /** SQL for a filter string; undefined when the filter is empty. */
  filter(input: string, field = 'filter'): string | undefined {
    let tree: FilterNode | undefined;
    try {
      tree = parseFilter(input);
    } catch (err) {
      grammarError(field, err);
    }
    return tree && this.node(tree, field);
  }

  private node(node: FilterNode, field: string): string {
    if (node.kind === 'condition') return this.condition(node, field);
    const joined = node.children
      .map((child) => this.node(child, field))
      .join(node.kind === 'and' ? ' AND ' : ' OR ');
    return node.negated ? `NOT (${joined})` : `(${joined})`;
  }

  private condition(node: Condition, field: string): string {
    const column = this.resolve(node.column, field, true);
    const sql =
      column.kind === 'sql'
        ? this.plain(node, column.expr, column.tsvector)
        : this.metadata(node, column, field);
    return node.negated ? `NOT (${sql})` : `(${sql})`;
  }

  private plain(node: Condition, expr: string, tsvector = false): string {
    const p = (value: string) => this.params.add(value);
    switch (node.op) {
      case 'in':
        return node.values.length === 0 ? 'false' : `${expr} = ANY(${p(arrayLiteral(node.values))})`;
      case 'is':
        return `${expr} ${IS_SQL[node.is]}`;
      case 'isdistinct':
        return `${expr} IS DISTINCT FROM ${p(node.value)}`;
      case 'fts':
      case 'plfts':
      case 'phfts':
      case 'wfts': {
        // Text is searched as PostgREST does: to_tsvector with the same configuration as the query.
        const config = node.config === undefined ? '' : `${p(node.config)}::regconfig, `;
        const document = tsvector ? expr : `to_tsvector(${config}${expr})`;
        return `${document} @@ ${FTS_SQL[node.op]}(${config}${p(node.value)})`;
      }
      case 'cs':
      case 'cd':
      case 'ov':
      case 'sl':
      case 'sr':
      case 'nxr':
      case 'nxl':
      case 'adj':
        return `${expr} ${CONTAINMENT_SQL[node.op]} ${p(node.value)}`;
      default: {
        const isPattern = node.op in PATTERN_SQL;
        const sqlOp = isPattern
          ? PATTERN_SQL[node.op as keyof typeof PATTERN_SQL]
          : COMPARISON_SQL[node.op as keyof typeof COMPARISON_SQL];
        if ('quantifier' in node) {
          const items =
            isPattern && node.op !== 'match' && node.op !== 'imatch'
              ? node.values.map(likePattern)
              : node.values;
          return `${expr} ${sqlOp} ${node.quantifier.toUpperCase()}(${p(arrayLiteral(items))})`;
        }
        const value = node.op === 'like' || node.op === 'ilike' ? likePattern(node.value) : node.value;
        return `${expr} ${sqlOp} ${p(value)}`;
      }
    }
  }

  /**
   * A metadata key: equality and patterns compare its text (`->>`), so `category=eq.tech` and
   * `index=eq.5` both match; ordering comparisons with a number compare JSON numbers numerically.
   */
  private metadata(node: Condition, column: { json: string; text: string }, field: string): string {
    const p = (value: string) => this.params.add(value);
    switch (node.op) {
      case 'is':
        if (node.is === 'true' || node.is === 'false') return `${column.json} = ${p(node.is)}::jsonb`;
        return `${column.text} ${IS_SQL[node.is]}`;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        if (!('quantifier' in node) && JSON_NUMBER.test(node.value)) {
          return `${column.json} ${COMPARISON_SQL[node.op]} ${p(node.value)}::jsonb`;
        }
        return this.plain(node, column.text);
      case 'cs':
      case 'cd':
        return `${column.json} ${CONTAINMENT_SQL[node.op]} ${p(node.value)}::jsonb`;
      case 'ov':
      case 'sl':
      case 'sr':
      case 'nxr':
      case 'nxl':
      case 'adj':
        throw ServiceError.invalidArgument(
          field,
          `operator ${node.op} does not apply to metadata key "${node.column.column}" (at position ${node.column.position + 1})`,
        );
      default:
        return this.plain(node, column.text);
    }
  }

  /** The select list (`"id", "name" AS "n"`); vector columns become real[] so they read as JSON arrays. */
  select(input: string, field = 'select'): string {
    let items: Selection[];
    try {
      items = parseSelect(input);
    } catch (err) {
      grammarError(field, err);
    }
    const names = new Set<string>();
    const out: string[] = [];
    const add = (name: string, expr: string) => {
      if (names.has(name)) {
        throw ServiceError.invalidArgument(
          field,
          `"${name}" is selected twice; give one of them an alias ("other:${name}")`,
        );
      }
      names.add(name);
      out.push(`${expr} AS ${quoteIdent(name)}`);
    };
    for (const item of items) {
      if (item.kind === 'star') {
        for (const column of this.table.columns.values()) {
          add(column.name, column.isVector ? `${quoteIdent(column.name)}::real[]` : quoteIdent(column.name));
        }
        continue;
      }
      const resolved = this.resolve(item.path, field, false) as { kind: 'sql'; expr: string };
      const isVector =
        item.path.json.length === 0 && this.table.columns.get(item.path.column)?.isVector === true;
      const cast = item.cast ?? (isVector ? 'real[]' : undefined);
      add(item.alias ?? outputName(item.path), cast ? `(${resolved.expr})::${cast}` : resolved.expr);
    }
    return out.join(', ');
  }

  /** ORDER BY terms (without the keywords); empty string when there are none. */
  order(input: string, field = 'order'): string {
    let terms: OrderTerm[];
    try {
      terms = parseOrder(input);
    } catch (err) {
      grammarError(field, err);
    }
    return terms
      .map((term) => {
        const column = this.resolve(term.path, field, true);
        const expr = column.kind === 'sql' ? column.expr : column.json;
        const nulls = term.nulls === undefined ? '' : term.nulls === 'first' ? ' NULLS FIRST' : ' NULLS LAST';
        return `${expr} ${term.descending ? 'DESC' : 'ASC'}${nulls}`;
      })
      .join(', ');
  }
}
