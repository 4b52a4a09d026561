import type { SqlBackend, SqlSession } from './backend.js';
import type { ColumnModel, TableModel } from './catalog-model.js';
import { TENANT_COLUMN } from './names.js';

export const POLICY_ROWS = 'isa_tenant_rows';
export const POLICY_GUARD = 'isa_tenant_guard';

/** Tables, columns and indexes of one schema, as JSON text per table (see `readSchema`). */
const SCHEMA_SQL = `
SELECT c.relname AS name,
  (c.relrowsecurity AND c.relforcerowsecurity) AS rls,
  (SELECT count(*) FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname IN ('${POLICY_ROWS}', '${POLICY_GUARD}'))::int AS policies,
  (SELECT json_agg(json_build_object(
      'name', a.attname, 'type', format_type(a.atttypid, a.atttypmod), 'typeName', t.typname,
      'notNull', a.attnotnull, 'default', pg_get_expr(d.adbin, d.adrelid),
      'generated', a.attgenerated <> '', 'typmod', a.atttypmod) ORDER BY a.attnum)
    FROM pg_attribute a
    JOIN pg_type t ON t.oid = a.atttypid
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)::text AS columns,
  (SELECT json_agg(json_build_object(
      'name', ic.relname, 'primary', i.indisprimary, 'unique', i.indisunique,
      'usable', i.indpred IS NULL AND NOT (0 = ANY (i.indkey::int2[])),
      'columns', (SELECT json_agg(a.attname ORDER BY k.ord)
                  FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum)))
    FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
    WHERE i.indrelid = c.oid)::text AS indexes
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
ORDER BY c.relname`;

interface RawColumn {
  name: string;
  type: string;
  typeName: string;
  notNull: boolean;
  default: string | null;
  generated: boolean;
  typmod: number;
}

interface RawIndex {
  name: string;
  primary: boolean;
  unique: boolean;
  usable: boolean;
  columns: string[] | null;
}

/** Every table of `schema` as the service models it. */
export async function readSchema(session: SqlSession, schema: string): Promise<Map<string, TableModel>> {
  const result = await session.query(SCHEMA_SQL, [schema]);
  const tables = new Map<string, TableModel>();
  for (const row of result.rows) {
    const rawColumns = JSON.parse(String(row.columns ?? '[]')) as RawColumn[];
    const rawIndexes = (JSON.parse(String(row.indexes ?? 'null')) ?? []) as RawIndex[];
    const columns = new Map<string, ColumnModel>();
    for (const c of rawColumns) {
      const isVector = c.typeName === 'vector';
      columns.set(c.name, {
        name: c.name,
        type: c.type,
        typeName: c.typeName,
        nullable: !c.notNull,
        defaultValue: c.default,
        generated: c.generated,
        isVector,
        vectorDimension: isVector && c.typmod > 0 ? c.typmod : 0,
      });
    }
    const primary = rawIndexes.find((i) => i.primary);
    const name = String(row.name);
    tables.set(name, {
      name,
      columns,
      primaryKey: primary?.columns ?? [],
      uniqueKeys: rawIndexes.filter((i) => i.unique && i.usable && i.columns).map((i) => i.columns!),
      indexes: rawIndexes.map((i) => i.name).sort(),
      managed:
        row.rls === true &&
        Number(row.policies) === 2 &&
        ['text', 'varchar'].includes(columns.get(TENANT_COLUMN)?.typeName ?? ''),
    });
  }
  return tables;
}

/**
 * A cached view of the managed schema. Tenant requests resolve tables and columns here (so unknown
 * names are refused before any SQL runs); schema operations invalidate it, and it expires after a few
 * seconds so changes made by other replicas are seen.
 */
export class Catalog {
  private snapshot: Map<string, TableModel> | undefined;
  private loadedAt = 0;
  private loading: Promise<Map<string, TableModel>> | undefined;

  constructor(
    private readonly backend: SqlBackend,
    private readonly schema: string,
    private readonly ttlMs = 5_000,
    /** A miss reloads at most this often, so requests for unknown tables cannot hammer the catalog. */
    private readonly missReloadMs = 250,
  ) {}

  invalidate(): void {
    this.snapshot = undefined;
  }

  private load(): Promise<Map<string, TableModel>> {
    this.loading ??= this.backend
      .asOwner((s) => readSchema(s, this.schema))
      .then((tables) => {
        this.snapshot = tables;
        this.loadedAt = Date.now();
        return tables;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  async tables(): Promise<Map<string, TableModel>> {
    if (this.snapshot && Date.now() - this.loadedAt < this.ttlMs) return this.snapshot;
    return this.load();
  }

  /** A table of the schema (managed or not), or undefined. */
  async table(name: string): Promise<TableModel | undefined> {
    const found = (await this.tables()).get(name);
    if (found || Date.now() - this.loadedAt < this.missReloadMs) return found;
    return (await this.load()).get(name);
  }
}
