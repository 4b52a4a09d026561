import { createHash } from 'node:crypto';
import { ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlBackend, SqlSession } from './backend.js';
import { type Catalog, POLICY_GUARD, POLICY_ROWS, readSchema } from './catalog.js';
import type { TableModel } from './catalog-model.js';
import { parseColumnType, parseDefault } from './ddl-types.js';
import {
  META_SCHEMA,
  printable,
  qualified,
  quoteIdent,
  quoteLiteral,
  TENANT_COLUMN,
  TENANT_SETTING,
  validateIdentifier,
  validateTableName,
} from './names.js';
import { mapDatabaseErrors } from './pg-errors.js';

export type VectorMetric = 'cosine' | 'l2' | 'inner_product';

export const OPERATOR_CLASS: Record<VectorMetric, string> = {
  cosine: 'vector_cosine_ops',
  l2: 'vector_l2_ops',
  inner_product: 'vector_ip_ops',
};

/** pgvector's HNSW index handles `vector` columns of up to 2,000 dimensions. */
export const HNSW_MAX_DIMENSION = 2_000;

export interface ColumnSpec {
  name: string;
  type: string;
  nullable: boolean;
  defaultValue: string;
  unique: boolean;
}

const TENANT_EXPR = `current_setting(${quoteLiteral(TENANT_SETTING)}, true)`;
const LOCK_KEY = 'isa-cloud supabase schema';

/** An object name derived from a table name, shortened with a digest when PostgreSQL would truncate it. */
export function derivedName(table: string, suffix: string): string {
  const name = `${table}_${suffix}`;
  if (name.length <= 63) return name;
  const digest = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${table.slice(0, 63 - suffix.length - 10)}_${digest}_${suffix}`.slice(0, 63);
}

/**
 * Schema operations, reserved to the platform admin: tables, migrations, embedding tables and vector
 * indexes. Every table of the managed schema is brought under tenant management: a `user_id` column
 * defaulting to the caller, row-level security enabled and forced, a permissive policy that lets a tenant
 * see only its rows and a restrictive one that no other policy can widen, and privileges for the tenant
 * role on exactly those tables.
 */
export class SchemaAdmin {
  private vector = false;
  private vectorVersion = '';
  private version = '';

  constructor(
    private readonly backend: SqlBackend,
    readonly catalog: Catalog,
    readonly schema: string,
    readonly role: string,
    private readonly logger: Logger,
  ) {}

  get vectorEnabled(): boolean {
    return this.vector;
  }

  /** pgvector 0.8 added iterative index scans (filtered searches keep scanning until they find enough). */
  get iterativeScans(): boolean {
    const [major = 0, minor = 0] = this.vectorVersion.split('.').map(Number);
    return major > 0 || minor >= 8;
  }

  get postgresVersion(): string {
    return this.version;
  }

  private table(name: string): string {
    return qualified(this.schema, name);
  }

  private async lock(s: SqlSession): Promise<void> {
    await s.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
  }

  /** Roles, the service's own schema, the vector extension, then every table under management. */
  async bootstrap(): Promise<void> {
    await this.backend.asOwner(async (s) => {
      await this.lock(s);
      const schema = quoteIdent(this.schema);
      const role = quoteIdent(this.role);
      await s.script(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(META_SCHEMA)};
        CREATE TABLE IF NOT EXISTS ${qualified(META_SCHEMA, 'migrations')} (
          name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
        CREATE SCHEMA IF NOT EXISTS ${schema}`);
      const existing = await s.query('SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1', [
        this.role,
      ]);
      if (existing.rows.length === 0) {
        await s.script(
          `CREATE ROLE ${role} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT`,
        );
      } else if (existing.rows[0]!.rolsuper === true || existing.rows[0]!.rolbypassrls === true) {
        throw ServiceError.failedPrecondition(
          `role "${this.role}" is a superuser or bypasses row-level security; tenant requests cannot run as it (set SUPABASE_TENANT_ROLE to another name)`,
        );
      }
      const member = await s.query(
        "SELECT pg_has_role(current_user, $1, 'MEMBER') AS member, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser",
        [this.role],
      );
      if (member.rows[0]!.member !== true && member.rows[0]!.superuser !== true) {
        await s.script(`GRANT ${role} TO CURRENT_USER`);
      }
      await s.script(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
      const vector = await s.query(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') AS available, EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'vector') AS installed, version() AS version",
      );
      this.version = String(vector.rows[0]!.version);
      if (vector.rows[0]!.available === true && vector.rows[0]!.installed !== true) {
        await s.script('CREATE EXTENSION IF NOT EXISTS vector');
      }
      await this.readVectorVersion(s);
      await this.manageAll(s, false);
    });
    this.catalog.invalidate();
  }

  private async readVectorVersion(s: SqlSession): Promise<void> {
    const result = await s.query(
      "SELECT version() AS version, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS vector",
    );
    this.version = String(result.rows[0]!.version);
    this.vectorVersion = typeof result.rows[0]!.vector === 'string' ? result.rows[0]!.vector : '';
    this.vector = this.vectorVersion !== '';
  }

  /** PostgreSQL's version and whether pgvector is installed right now (for health). */
  async probe(): Promise<{ version: string; vector: boolean; vectorVersion: string }> {
    await this.backend.asOwner((s) => this.readVectorVersion(s));
    return { version: this.version, vector: this.vector, vectorVersion: this.vectorVersion };
  }

  /**
   * Brings every table of the schema under management. `strict` (after a migration) fails on a table that
   * cannot be managed; otherwise (at start) such a table is left closed to tenants and logged.
   */
  async manageAll(s: SqlSession, strict: boolean): Promise<string[]> {
    const tables = await readSchema(s, this.schema);
    const changed: string[] = [];
    for (const table of tables.values()) {
      try {
        if (await this.manage(s, table)) changed.push(table.name);
      } catch (err) {
        if (strict) throw err;
        this.logger.error({ err, table: table.name }, 'table left closed to tenants: it cannot be managed');
        await s.script(`REVOKE ALL ON ${this.table(table.name)} FROM ${quoteIdent(this.role)}`);
      }
    }
    return changed;
  }

  /** Adds what tenant management needs to one table; true when anything was missing. */
  private async manage(s: SqlSession, table: TableModel): Promise<boolean> {
    const name = this.table(table.name);
    const role = quoteIdent(this.role);
    const tenant = table.columns.get(TENANT_COLUMN);
    if (tenant && !['text', 'varchar'].includes(tenant.typeName)) {
      throw ServiceError.failedPrecondition(
        `table "${table.name}" has a user_id column of type ${tenant.type}; managed tables need user_id text`,
      );
    }
    const statements: string[] = [];
    if (!tenant) {
      statements.push(
        `ALTER TABLE ${name} ADD COLUMN ${quoteIdent(TENANT_COLUMN)} text NOT NULL DEFAULT ${TENANT_EXPR}`,
      );
    } else if (!tenant.defaultValue?.includes(TENANT_SETTING)) {
      statements.push(
        `ALTER TABLE ${name} ALTER COLUMN ${quoteIdent(TENANT_COLUMN)} SET DEFAULT ${TENANT_EXPR}`,
      );
    }
    const check = `${quoteIdent(TENANT_COLUMN)} = ${TENANT_EXPR}`;
    if (!table.managed) {
      statements.push(
        `ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY`,
        `DROP POLICY IF EXISTS ${quoteIdent(POLICY_ROWS)} ON ${name}`,
        `CREATE POLICY ${quoteIdent(POLICY_ROWS)} ON ${name} AS PERMISSIVE FOR ALL TO PUBLIC USING (${check}) WITH CHECK (${check})`,
        `DROP POLICY IF EXISTS ${quoteIdent(POLICY_GUARD)} ON ${name}`,
        `CREATE POLICY ${quoteIdent(POLICY_GUARD)} ON ${name} AS RESTRICTIVE FOR ALL TO PUBLIC USING (${check}) WITH CHECK (${check})`,
      );
    }
    const indexed = await s.query(
      `SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = $1::regclass AND a.attname = $2) AS indexed`,
      [`${quoteIdent(this.schema)}.${quoteIdent(table.name)}`, TENANT_COLUMN],
    );
    if (indexed.rows[0]!.indexed !== true) {
      statements.push(
        `CREATE INDEX ${quoteIdent(derivedName(table.name, 'user_id_idx'))} ON ${name} (${quoteIdent(TENANT_COLUMN)})`,
      );
    }
    statements.push(
      `GRANT SELECT, INSERT, UPDATE, DELETE ON ${name} TO ${role}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${quoteIdent(this.schema)} TO ${role}`,
    );
    await s.script(statements.join(';\n'));
    return !table.managed || !tenant;
  }

  private async admin<T>(field: string, work: (s: SqlSession) => Promise<T>): Promise<T> {
    try {
      return await mapDatabaseErrors(field, () =>
        this.backend.asOwner(async (s) => {
          await this.lock(s);
          return work(s);
        }),
      );
    } finally {
      this.catalog.invalidate();
    }
  }

  async listTables(): Promise<TableModel[]> {
    return [...(await this.catalog.tables()).values()].filter((t) => t.managed);
  }

  async describeTable(name: string): Promise<TableModel> {
    validateTableName(name);
    const table = await this.catalog.table(name);
    if (!table?.managed) throw ServiceError.notFound(`table "${name}"`);
    return table;
  }

  async createTable(
    name: string,
    columns: readonly ColumnSpec[],
    primaryKey: readonly string[],
    ifNotExists: boolean,
  ): Promise<{ table: TableModel; created: boolean }> {
    validateTableName(name);
    if (columns.length === 0)
      throw ServiceError.invalidArgument('columns', 'a table needs at least one column');
    if (columns.length > 1000) throw ServiceError.invalidArgument('columns', 'at most 1000 columns');
    const seen = new Set<string>();
    const lines: string[] = [`${quoteIdent(TENANT_COLUMN)} text NOT NULL DEFAULT ${TENANT_EXPR}`];
    const uniques: string[] = [];
    columns.forEach((column, i) => {
      const field = `columns[${i}]`;
      validateIdentifier(`${field}.name`, column.name, 'column name');
      if (column.name === TENANT_COLUMN) {
        throw ServiceError.invalidArgument(`${field}.name`, 'user_id is added to every table automatically');
      }
      if (seen.has(column.name))
        throw ServiceError.invalidArgument(`${field}.name`, `duplicate column "${column.name}"`);
      seen.add(column.name);
      const type = parseColumnType(`${field}.type`, column.type);
      const parts = [quoteIdent(column.name), type.sql];
      if (!column.nullable && !type.sql.endsWith('serial')) parts.push('NOT NULL');
      if (column.defaultValue.trim() !== '')
        parts.push(`DEFAULT ${parseDefault(`${field}.default_value`, column.defaultValue)}`);
      lines.push(parts.join(' '));
      if (column.unique) uniques.push(`UNIQUE (${quoteIdent(TENANT_COLUMN)}, ${quoteIdent(column.name)})`);
    });
    const pk = primaryKey.map((column, i) => {
      validateIdentifier(`primary_key[${i}]`, column, 'column name');
      if (!seen.has(column))
        throw ServiceError.invalidArgument(`primary_key[${i}]`, `"${column}" is not a column of the table`);
      return quoteIdent(column);
    });
    if (new Set(primaryKey).size !== primaryKey.length)
      throw ServiceError.invalidArgument('primary_key', 'lists a column twice');
    if (pk.length > 0) lines.push(`PRIMARY KEY (${quoteIdent(TENANT_COLUMN)}, ${pk.join(', ')})`);
    lines.push(...uniques);
    const created = await this.admin('columns', async (s) => {
      const exists = (await readSchema(s, this.schema)).has(name);
      if (exists) {
        if (!ifNotExists) throw ServiceError.alreadyExists(`table "${name}"`);
        return false;
      }
      await s.script(`CREATE TABLE ${this.table(name)} (\n  ${lines.join(',\n  ')}\n)`);
      await this.manageAll(s, true);
      return true;
    });
    return { table: await this.describeTable(name), created };
  }

  async dropTable(name: string, ifExists: boolean): Promise<boolean> {
    validateTableName(name);
    return this.admin('table', async (s) => {
      const exists = (await readSchema(s, this.schema)).has(name);
      if (!exists) {
        if (ifExists) return false;
        throw ServiceError.notFound(`table "${name}"`);
      }
      await s.script(`DROP TABLE ${this.table(name)}`);
      return true;
    });
  }

  async applyMigration(name: string, sql: string): Promise<{ applied: boolean; managed: string[] }> {
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(name)) {
      throw ServiceError.invalidArgument(
        'name',
        'must be 1-128 characters from letters, digits, "_", "-" and "."',
      );
    }
    if (sql.trim() === '') throw ServiceError.invalidArgument('sql', 'must not be empty');
    const checksum = createHash('sha256').update(sql).digest('hex');
    return this.admin('sql', async (s) => {
      const previous = await s.query(
        `SELECT checksum FROM ${qualified(META_SCHEMA, 'migrations')} WHERE name = $1`,
        [name],
      );
      if (previous.rows.length > 0) {
        if (previous.rows[0]!.checksum !== checksum) {
          throw ServiceError.failedPrecondition(
            `migration "${printable(name)}" was applied before with different SQL; migrations are immutable, add a new one`,
          );
        }
        return { applied: false, managed: [] };
      }
      await s.script(`SET LOCAL search_path TO ${quoteIdent(this.schema)}, public`);
      await s.script(sql);
      await s.script(`SET LOCAL search_path TO ${quoteIdent(this.schema)}, public`);
      await s.query(`INSERT INTO ${qualified(META_SCHEMA, 'migrations')} (name, checksum) VALUES ($1, $2)`, [
        name,
        checksum,
      ]);
      return { applied: true, managed: await this.manageAll(s, true) };
    });
  }

  async listMigrations(): Promise<Array<{ name: string; checksum: string; appliedAt: Date }>> {
    return this.backend.asOwner(async (s) => {
      const result = await s.query(
        `SELECT name, checksum, to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS applied_at
         FROM ${qualified(META_SCHEMA, 'migrations')} ORDER BY name`,
      );
      return result.rows.map((r) => ({
        name: String(r.name),
        checksum: String(r.checksum),
        appliedAt: new Date(String(r.applied_at)),
      }));
    });
  }

  private requireVector(): void {
    if (!this.vector) {
      throw ServiceError.failedPrecondition(
        'the pgvector extension is not available in this database: install it (Debian: postgresql-<version>-pgvector) or use the embedded PGlite backend',
      );
    }
  }

  async createEmbeddingTable(
    name: string,
    dimension: number,
    metric: VectorMetric,
  ): Promise<{ table: TableModel; created: boolean }> {
    validateTableName(name);
    this.requireVector();
    if (!Number.isInteger(dimension) || dimension < 1 || dimension > 16_000) {
      throw ServiceError.invalidArgument('dimension', 'must be between 1 and 16000');
    }
    const created = await this.admin('table', async (s) => {
      const existing = (await readSchema(s, this.schema)).get(name);
      if (existing) {
        const dim = existing.columns.get('embedding')?.vectorDimension;
        if (dim !== dimension) {
          throw ServiceError.alreadyExists(
            `table "${name}" (${dim ? `with embedding dimension ${dim}` : 'not an embedding table'})`,
          );
        }
        return false;
      }
      await s.script(this.embeddingTableSql(name, dimension, metric));
      await this.manageAll(s, true);
      return true;
    });
    return { table: await this.describeTable(name), created };
  }

  /** DDL of an embedding table: also used when tables are created on first upsert. */
  embeddingTableSql(name: string, dimension: number, metric: VectorMetric): string {
    const table = this.table(name);
    const statements = [
      `CREATE TABLE ${table} (
        id text NOT NULL,
        ${quoteIdent(TENANT_COLUMN)} text NOT NULL DEFAULT ${TENANT_EXPR},
        content text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        embedding vector(${Math.floor(dimension)}) NOT NULL,
        fts tsvector GENERATED ALWAYS AS (
          to_tsvector('english'::regconfig, coalesce(content, '')) || jsonb_to_tsvector('english'::regconfig, metadata, '["string"]'::jsonb)
        ) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (${quoteIdent(TENANT_COLUMN)}, id)
      )`,
      `CREATE INDEX ${quoteIdent(derivedName(name, 'fts_idx'))} ON ${table} USING gin (fts)`,
    ];
    if (dimension <= HNSW_MAX_DIMENSION) {
      statements.push(
        `CREATE INDEX ${quoteIdent(derivedName(name, `embedding_hnsw_${metric}`))} ON ${table} USING hnsw (embedding ${OPERATOR_CLASS[metric]})`,
      );
    }
    return statements.join(';\n');
  }

  /** Creates the table of a first upsert (SUPABASE_AUTO_CREATE_EMBEDDING_TABLES). */
  async ensureEmbeddingTable(name: string, dimension: number): Promise<void> {
    this.requireVector();
    await this.admin('table', async (s) => {
      if ((await readSchema(s, this.schema)).has(name)) return;
      await s.script(this.embeddingTableSql(name, dimension, 'cosine'));
      await this.manageAll(s, true);
    });
  }

  async createVectorIndex(
    name: string,
    column: string,
    metric: VectorMetric,
    m: number,
    efConstruction: number,
  ): Promise<{ indexName: string; created: boolean }> {
    validateTableName(name);
    validateIdentifier('column', column, 'column name');
    this.requireVector();
    const table = await this.describeTable(name);
    const model = table.columns.get(column);
    if (!model?.isVector)
      throw ServiceError.invalidArgument('column', `"${column}" is not a vector column of table "${name}"`);
    if (model.vectorDimension === 0) {
      throw ServiceError.failedPrecondition(`column "${column}" has no fixed dimension; HNSW needs one`);
    }
    if (model.vectorDimension > HNSW_MAX_DIMENSION) {
      throw ServiceError.failedPrecondition(
        `column "${column}" has ${model.vectorDimension} dimensions; HNSW indexes vectors of at most ${HNSW_MAX_DIMENSION}`,
      );
    }
    const options: string[] = [];
    if (m !== 0) {
      if (!Number.isInteger(m) || m < 2 || m > 100)
        throw ServiceError.invalidArgument('m', 'must be between 2 and 100');
      options.push(`m = ${m}`);
    }
    if (efConstruction !== 0) {
      if (!Number.isInteger(efConstruction) || efConstruction < 4 || efConstruction > 1000) {
        throw ServiceError.invalidArgument('ef_construction', 'must be between 4 and 1000');
      }
      if (efConstruction < 2 * (m || 16))
        throw ServiceError.invalidArgument('ef_construction', 'must be at least 2 × m');
      options.push(`ef_construction = ${efConstruction}`);
    }
    const indexName = derivedName(name, `${column}_hnsw_${metric}`);
    const created = await this.admin('table', async (s) => {
      const exists = await s.query(
        'SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
        [this.schema, indexName],
      );
      if (exists.rows.length > 0) return false;
      await s.script(
        `CREATE INDEX ${quoteIdent(indexName)} ON ${this.table(name)} USING hnsw (${quoteIdent(column)} ${OPERATOR_CLASS[metric]})${options.length ? ` WITH (${options.join(', ')})` : ''}`,
      );
      // Fresh statistics let the planner weigh the new index (PGlite runs no autovacuum to gather them).
      await s.script(`ANALYZE ${this.table(name)}`);
      return true;
    });
    return { indexName, created };
  }
}
