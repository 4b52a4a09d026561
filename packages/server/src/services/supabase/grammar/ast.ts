/** Syntax trees of the PostgREST-style mini languages: filters, select lists and orderings. */

/** One step into a json/jsonb column: `->key` (json) or `->>key` (text); numeric keys index arrays. */
export interface JsonStep {
  readonly arrow: '->' | '->>';
  readonly key: string | number;
}

/** A column, optionally followed by a JSON path (`data->settings->>theme`). */
export interface ColumnPath {
  readonly column: string;
  readonly json: readonly JsonStep[];
  /** Offset of the column name in the input, for messages. */
  readonly position: number;
}

export const COMPARISON_OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const;
export const PATTERN_OPERATORS = ['like', 'ilike', 'match', 'imatch'] as const;
export const CONTAINMENT_OPERATORS = ['cs', 'cd', 'ov', 'sl', 'sr', 'nxr', 'nxl', 'adj'] as const;
export const FTS_OPERATORS = ['fts', 'plfts', 'phfts', 'wfts'] as const;

export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];
export type PatternOperator = (typeof PATTERN_OPERATORS)[number];
export type ContainmentOperator = (typeof CONTAINMENT_OPERATORS)[number];
export type FtsOperator = (typeof FTS_OPERATORS)[number];
export type Operator =
  | ComparisonOperator
  | PatternOperator
  | ContainmentOperator
  | FtsOperator
  | 'in'
  | 'is'
  | 'isdistinct';

export const OPERATORS: readonly Operator[] = [
  ...COMPARISON_OPERATORS,
  ...PATTERN_OPERATORS,
  ...CONTAINMENT_OPERATORS,
  ...FTS_OPERATORS,
  'in',
  'is',
  'isdistinct',
];

/** Operators that take an `(any)`/`(all)` modifier with a `{a,b}` list. */
export const QUANTIFIABLE: ReadonlySet<Operator> = new Set([...COMPARISON_OPERATORS, ...PATTERN_OPERATORS]);

export type IsValue = 'null' | 'not_null' | 'true' | 'false' | 'unknown';

export type Condition =
  | {
      readonly kind: 'condition';
      readonly negated: boolean;
      readonly column: ColumnPath;
      readonly op: ComparisonOperator | PatternOperator | ContainmentOperator | 'isdistinct';
      readonly value: string;
    }
  | {
      readonly kind: 'condition';
      readonly negated: boolean;
      readonly column: ColumnPath;
      readonly op: ComparisonOperator | PatternOperator;
      readonly quantifier: 'any' | 'all';
      readonly values: readonly string[];
    }
  | {
      readonly kind: 'condition';
      readonly negated: boolean;
      readonly column: ColumnPath;
      readonly op: 'in';
      readonly values: readonly string[];
    }
  | {
      readonly kind: 'condition';
      readonly negated: boolean;
      readonly column: ColumnPath;
      readonly op: 'is';
      readonly is: IsValue;
    }
  | {
      readonly kind: 'condition';
      readonly negated: boolean;
      readonly column: ColumnPath;
      readonly op: FtsOperator;
      /** Text search configuration, e.g. "english". */
      readonly config: string | undefined;
      readonly value: string;
    };

export interface Logical {
  readonly kind: 'and' | 'or';
  readonly negated: boolean;
  readonly children: readonly FilterNode[];
}

export type FilterNode = Condition | Logical;

export interface SelectItem {
  readonly kind: 'column';
  readonly path: ColumnPath;
  readonly alias: string | undefined;
  readonly cast: string | undefined;
}

export type Selection = { readonly kind: 'star' } | SelectItem;

export interface OrderTerm {
  readonly path: ColumnPath;
  readonly descending: boolean;
  /** undefined: PostgreSQL's default (NULLS LAST ascending, NULLS FIRST descending). */
  readonly nulls: 'first' | 'last' | undefined;
}
