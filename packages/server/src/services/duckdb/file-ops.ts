import { stat } from 'node:fs/promises';
import { StatementType } from '@duckdb/node-api';
import type { duckdb } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { EngineContext, RunOptions, Session } from './context.js';
import { copyOptions, type Format, readFunction } from './file-formats.js';
import { qualifiedName, quoteLiteral, validateIdentifier } from './names.js';
import { bindParameters, collectRows } from './runner.js';
import { requireSingleStatement, tableExists } from './schema.js';
import type { QueryOutput } from './sql-ops.js';
import type { TenantFiles } from './tenant-files.js';

export type ImportMode = 'auto' | 'create' | 'append' | 'replace';

export interface ImportSpec {
  schema: string;
  table: string;
  /** A file in the tenant's staging area. */
  file: string;
  format: Format;
  mode: ImportMode;
  truncate: boolean;
  options: Record<string, string>;
  /** The request field the data came from, for errors about it. */
  field: string;
}

const FILE_PLACEHOLDER = /\$FILE\b/g;

/** Loading staged files into tables, writing query results to staged files, querying files in place. */
export class FileOps {
  constructor(private readonly context: EngineContext) {}

  /** Loads a staged file into a table in one transaction; returns the rows added. */
  async importFile(
    files: TenantFiles,
    database: string,
    spec: ImportSpec,
    options: RunOptions,
  ): Promise<{ rows: number; created: boolean }> {
    validateIdentifier(spec.table, 'table_name');
    const source = readFunction(spec.format, spec.file, spec.options);
    const target = qualifiedName(spec.schema, spec.table);
    return this.context.run(files, database, spec.field, options, async ({ connection }) => {
      await connection.run('BEGIN TRANSACTION');
      try {
        const exists = await tableExists(connection, spec.schema, spec.table);
        let created = false;
        let rows: number;
        if (spec.mode === 'replace' || (!exists && (spec.mode === 'auto' || spec.mode === 'create'))) {
          const result = await connection.run(
            `CREATE ${spec.mode === 'replace' ? 'OR REPLACE ' : ''}TABLE ${target} AS SELECT * FROM ${source}`,
          );
          rows = Number((await result.getRows())[0]?.[0] ?? 0);
          created = true;
        } else if (exists && spec.mode !== 'create') {
          if (spec.truncate) await connection.run(`DELETE FROM ${target}`);
          rows = (await connection.run(`INSERT INTO ${target} BY NAME SELECT * FROM ${source}`)).rowsChanged;
        } else if (exists) {
          throw ServiceError.alreadyExists(`table "${spec.table}" (mode CREATE needs a new table)`);
        } else {
          throw ServiceError.notFound(`table "${spec.table}" (mode APPEND needs an existing table)`);
        }
        await connection.run('COMMIT');
        return { rows, created };
      } catch (err) {
        await connection.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  /** Writes a SELECT's result to a staged file; returns the rows written and the file's size. */
  async exportQuery(
    files: TenantFiles,
    database: string,
    query: string,
    parameters: duckdb.Parameters | undefined,
    file: string,
    format: Format,
    writerOptions: Record<string, string>,
    options: RunOptions,
  ): Promise<{ rows: number; bytes: number }> {
    if (!query.trim()) throw ServiceError.invalidArgument('query', 'is required');
    const copy = `COPY (${query}) TO ${quoteLiteral(file)} ${copyOptions(format, writerOptions)}`;
    const rows = await this.context.run(files, database, 'query', options, async ({ connection }) => {
      await requireSingleStatement(connection, query, StatementType.SELECT, 'query');
      await requireSingleStatement(connection, copy, StatementType.COPY, 'query');
      const extracted = await connection.extractStatements(copy);
      const statement = await extracted.prepare(0);
      try {
        bindParameters(statement, parameters);
        const result = await statement.run();
        return result.rowsChanged || Number((await result.getRows())[0]?.[0] ?? 0);
      } finally {
        statement.destroySync();
      }
    });
    return { rows, bytes: (await stat(file)).size };
  }

  /**
   * Runs a SELECT in which `$FILE` stands for the staged file read as a table, in the database (or
   * in a scratch in-memory database when none is named).
   */
  async queryFile(
    files: TenantFiles,
    database: string,
    query: string,
    file: string,
    format: Format,
    readerOptions: Record<string, string>,
    limit: number,
    options: RunOptions,
  ): Promise<QueryOutput> {
    const text = query.trim() || 'SELECT * FROM $FILE';
    if (!/\$FILE\b/.test(text)) throw ServiceError.invalidArgument('query', 'must contain $FILE');
    const reader = readFunction(format, file, readerOptions);
    // A function replacement: "$" patterns in the reader text must not be expanded.
    const sql = text.replace(FILE_PLACEHOLDER, () => reader);
    if (limit < 0) throw ServiceError.invalidArgument('limit', 'must not be negative');
    const rows =
      limit === 0 ? this.context.limits.maxResultRows : Math.min(limit, this.context.limits.maxResultRows);
    const work = async ({ connection, guard }: Session) => {
      await requireSingleStatement(connection, sql, StatementType.SELECT, 'query');
      const result = await connection.stream(sql);
      const collected = await collectRows(result, rows, this.context.limits.maxResultBytes, guard);
      return { ...collected, affectedRows: 0 };
    };
    return database
      ? this.context.run(files, database, 'query', options, work)
      : this.context.runScratch(files, 'query', options, work);
  }
}
