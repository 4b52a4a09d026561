/** What the service knows about one managed table (read from PostgreSQL's catalog). */
export interface ColumnModel {
  readonly name: string;
  /** format_type(): "integer", "character varying(20)", "vector(1536)", "text[]". */
  readonly type: string;
  /** pg_type.typname: "int4", "vector", "_text". */
  readonly typeName: string;
  readonly nullable: boolean;
  readonly defaultValue: string | null;
  readonly generated: boolean;
  /** Dimension of a vector column; 0 for other columns (and for vectors without a fixed dimension). */
  readonly vectorDimension: number;
  readonly isVector: boolean;
}

export interface TableModel {
  readonly name: string;
  /** In table order. */
  readonly columns: ReadonlyMap<string, ColumnModel>;
  readonly primaryKey: readonly string[];
  /** Column sets of unique indexes (the primary key included). */
  readonly uniqueKeys: ReadonlyArray<readonly string[]>;
  readonly indexes: readonly string[];
  /** user_id column, RLS enabled and forced, the service's policies present. */
  readonly managed: boolean;
}

/** An embedding table: id, metadata and a vector column named "embedding". */
export function isEmbeddingTable(table: TableModel): boolean {
  return (
    table.columns.get('embedding')?.isVector === true &&
    table.columns.has('id') &&
    table.columns.get('metadata')?.typeName === 'jsonb'
  );
}
