import { StatementType } from '@duckdb/node-api';
import { ServiceError } from '../../platform/errors.js';
import type { EngineContext, RunOptions } from './context.js';
import { qualifiedName, quoteIdentifier, validateIdentifier } from './names.js';
import {
  type ColumnSpec,
  type ColumnStatsRecord,
  columnStats,
  commentSql,
  createMacroSql,
  createTableSql,
  describeTable,
  listMacros,
  listTables,
  listViews,
  type MacroRecord,
  requireSingleStatement,
  type TableRecord,
  tableExists,
  tableSizeBytes,
  type ViewRecord,
  viewExists,
} from './schema.js';
import type { TenantFiles } from './tenant-files.js';

export interface TableStats {
  name: string;
  rowCount: number;
  sizeBytes: number;
  columns: ColumnStatsRecord[];
}

export function schemaOf(schema: string, field = 'schema_name'): string {
  return schema === '' ? 'main' : validateIdentifier(schema, field);
}

/** Tables, views and macros, through server-built SQL with every name quoted. */
export class SchemaOps {
  constructor(private readonly context: EngineContext) {}

  async createTable(
    files: TenantFiles,
    database: string,
    schema: string,
    table: string,
    columns: ColumnSpec[],
    primaryKeys: string[],
    ifNotExists: boolean,
    comment: string,
    options: RunOptions,
  ): Promise<{ table: TableRecord; created: boolean }> {
    validateIdentifier(table, 'table_name');
    const sql = createTableSql(schema, table, columns, primaryKeys, ifNotExists);
    return this.context.run(files, database, 'columns', options, async ({ connection }) => {
      await requireSingleStatement(connection, sql, StatementType.CREATE, 'columns');
      if (await tableExists(connection, schema, table)) {
        if (!ifNotExists) throw ServiceError.alreadyExists(`table "${table}"`);
        return { table: await describeTable(connection, schema, table), created: false };
      }
      await connection.run('BEGIN TRANSACTION');
      try {
        await connection.run(sql);
        const target = qualifiedName(schema, table);
        if (comment) await connection.run(commentSql('TABLE', target, comment));
        for (const c of columns) {
          if (c.comment)
            await connection.run(commentSql('COLUMN', `${target}.${quoteIdentifier(c.name)}`, c.comment));
        }
        await connection.run('COMMIT');
      } catch (err) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
      return { table: await describeTable(connection, schema, table), created: true };
    });
  }

  listTables(
    files: TenantFiles,
    database: string,
    schema: string,
    prefix: string,
    options: RunOptions,
  ): Promise<TableRecord[]> {
    return this.context.run(files, database, 'database_name', options, ({ connection }) =>
      listTables(connection, schema, prefix),
    );
  }

  describeTable(
    files: TenantFiles,
    database: string,
    schema: string,
    table: string,
    options: RunOptions,
  ): Promise<TableRecord> {
    validateIdentifier(table, 'table_name');
    return this.context.run(files, database, 'table_name', options, ({ connection }) =>
      describeTable(connection, schema, table),
    );
  }

  dropTable(
    files: TenantFiles,
    database: string,
    schema: string,
    table: string,
    ifExists: boolean,
    cascade: boolean,
    options: RunOptions,
  ): Promise<boolean> {
    validateIdentifier(table, 'table_name');
    return this.context.run(files, database, 'table_name', options, async ({ connection }) => {
      if (!(await tableExists(connection, schema, table))) {
        if (ifExists) return false;
        throw ServiceError.notFound(`table "${table}"`);
      }
      await connection.run(`DROP TABLE ${qualifiedName(schema, table)}${cascade ? ' CASCADE' : ''}`);
      return true;
    });
  }

  tableStats(
    files: TenantFiles,
    database: string,
    schema: string,
    table: string,
    includeColumns: boolean,
    options: RunOptions,
  ): Promise<TableStats> {
    validateIdentifier(table, 'table_name');
    return this.context.run(files, database, 'table_name', options, async ({ connection }) => {
      if (!(await tableExists(connection, schema, table))) throw ServiceError.notFound(`table "${table}"`);
      const stats = includeColumns
        ? await columnStats(connection, schema, table)
        : { rowCount: (await describeTable(connection, schema, table)).rowCount, columns: [] };
      return {
        name: table,
        rowCount: stats.rowCount,
        sizeBytes: await tableSizeBytes(connection, schema, table),
        columns: stats.columns,
      };
    });
  }

  createView(
    files: TenantFiles,
    database: string,
    schema: string,
    view: string,
    query: string,
    replace: boolean,
    options: RunOptions,
  ): Promise<ViewRecord> {
    validateIdentifier(view, 'view_name');
    if (!query.trim()) throw ServiceError.invalidArgument('query', 'is required');
    return this.context.run(files, database, 'query', options, async ({ connection }) => {
      await requireSingleStatement(connection, query, StatementType.SELECT, 'query');
      if (!replace && (await viewExists(connection, schema, view))) {
        throw ServiceError.alreadyExists(`view "${view}" (set replace to redefine it)`);
      }
      const sql = `CREATE ${replace ? 'OR REPLACE ' : ''}VIEW ${qualifiedName(schema, view)} AS ${query}`;
      await requireSingleStatement(connection, sql, StatementType.CREATE, 'query');
      await connection.run(sql);
      const found = (await listViews(connection, schema)).find((v) => v.name === view);
      if (!found) throw ServiceError.notFound(`view "${view}"`);
      return found;
    });
  }

  listViews(
    files: TenantFiles,
    database: string,
    schema: string,
    options: RunOptions,
  ): Promise<ViewRecord[]> {
    return this.context.run(files, database, 'database_name', options, ({ connection }) =>
      listViews(connection, schema),
    );
  }

  dropView(
    files: TenantFiles,
    database: string,
    schema: string,
    view: string,
    ifExists: boolean,
    options: RunOptions,
  ): Promise<boolean> {
    validateIdentifier(view, 'view_name');
    return this.context.run(files, database, 'view_name', options, async ({ connection }) => {
      if (!(await viewExists(connection, schema, view))) {
        if (ifExists) return false;
        throw ServiceError.notFound(`view "${view}"`);
      }
      await connection.run(`DROP VIEW ${qualifiedName(schema, view)}`);
      return true;
    });
  }

  createMacro(
    files: TenantFiles,
    database: string,
    name: string,
    parameters: string[],
    body: string,
    table: boolean,
    replace: boolean,
    options: RunOptions,
  ): Promise<MacroRecord> {
    const sql = createMacroSql(name, parameters, body, table, replace);
    return this.context.run(files, database, 'body', options, async ({ connection }) => {
      await requireSingleStatement(connection, sql, StatementType.CREATE, 'body');
      await connection.run(sql);
      const found = (await listMacros(connection)).find((m) => m.name === name);
      if (!found) throw ServiceError.notFound(`function "${name}"`);
      return found;
    });
  }

  listMacros(files: TenantFiles, database: string, options: RunOptions): Promise<MacroRecord[]> {
    return this.context.run(files, database, 'database_name', options, ({ connection }) =>
      listMacros(connection),
    );
  }

  dropMacro(
    files: TenantFiles,
    database: string,
    name: string,
    ifExists: boolean,
    table: boolean,
    options: RunOptions,
  ): Promise<boolean> {
    validateIdentifier(name, 'function_name');
    return this.context.run(files, database, 'function_name', options, async ({ connection }) => {
      const exists = (await listMacros(connection)).some(
        (m) => m.name === name && (m.type === 'table_macro') === table,
      );
      if (!exists) {
        if (ifExists) return false;
        throw ServiceError.notFound(`${table ? 'table ' : ''}function "${name}"`);
      }
      await connection.run(`DROP MACRO ${table ? 'TABLE ' : ''}${quoteIdentifier(name)}`);
      return true;
    });
  }
}
