import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { StatementType } from '@duckdb/node-api';
import type { duckdb } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { EngineContext, RunOptions, Session } from './context.js';
import {
  affectedRows,
  bindParameters,
  type ColumnInit,
  collectRows,
  hasParameters,
  QueryGuard,
  type RowBatchInit,
  resultColumns,
  statementTypeName,
  streamRows,
  streamsRows,
} from './runner.js';
import type { TenantFiles } from './tenant-files.js';

export interface QueryOutput {
  columns: ColumnInit[];
  batch: RowBatchInit;
  rowCount: number;
  truncated: boolean;
  affectedRows: number;
}

export interface StreamPart {
  columns?: ColumnInit[];
  batch?: RowBatchInit;
}

export interface BatchItem {
  sql: string;
  parameters: duckdb.Parameters | undefined;
}

export interface BatchOutcome {
  success: boolean;
  executed: boolean;
  affectedRows: number;
  errorCode: string;
  error: string;
}

export interface PreparedInfo {
  id: string;
  parameters: Array<{ name: string; type: string }>;
  columns: ColumnInit[];
  statementType: string;
  expiresAt: Date;
}

const MAX_SQL = 1024 * 1024;

function validateSql(sql: string, field: string): string {
  if (!sql.trim()) throw ServiceError.invalidArgument(field, 'is required');
  if (sql.length > MAX_SQL) throw ServiceError.invalidArgument(field, 'must be at most 1 MiB');
  return sql;
}

/**
 * Prepares and runs every statement of `sql` but the last, and prepares the last one (bound).
 * Parameters apply to a single statement only; a script with several runs them in order.
 */
async function prepareScript(
  connection: DuckDBConnection,
  sql: string,
  parameters: duckdb.Parameters | undefined,
): Promise<{ last: DuckDBPreparedStatement; affected: number }> {
  const extracted = await connection.extractStatements(sql);
  if (extracted.count === 0) throw ServiceError.invalidArgument('sql', 'contains no statement');
  if (extracted.count > 1 && hasParameters(parameters)) {
    throw ServiceError.invalidArgument('parameters', 'parameters need a single statement (use executeBatch)');
  }
  let affected = 0;
  for (let i = 0; i < extracted.count - 1; i++) {
    const statement = await extracted.prepare(i);
    try {
      affected += await affectedRows(await statement.run(), statement.statementType);
    } finally {
      statement.destroySync();
    }
  }
  const last = await extracted.prepare(extracted.count - 1);
  try {
    bindParameters(last, parameters);
  } catch (err) {
    last.destroySync();
    throw err;
  }
  return { last, affected };
}

/** Runs a prepared (and bound) statement and reads up to `limit` rows of its result. */
async function runCollect(
  session: Session,
  statement: DuckDBPreparedStatement,
  limit: number,
  maxBytes: number,
): Promise<QueryOutput> {
  const type = statement.statementType;
  const result = streamsRows(type) ? await statement.stream() : await statement.run();
  const affected = await affectedRowsOf(result, type);
  const collected = await collectRows(result, limit, maxBytes, session.guard);
  return { ...collected, affectedRows: affected };
}

async function affectedRowsOf(
  result:
    | Awaited<ReturnType<DuckDBPreparedStatement['run']>>
    | Awaited<ReturnType<DuckDBPreparedStatement['stream']>>,
  type: StatementType,
): Promise<number> {
  // CREATE TABLE AS reports its count as a result row: read it without consuming the rows we return.
  if (type === StatementType.CREATE) return 0;
  return affectedRows(result, type);
}

export class SqlOps {
  constructor(private readonly context: EngineContext) {}

  private rowLimit(limit: number): number {
    if (limit < 0) throw ServiceError.invalidArgument('limit', 'must not be negative');
    return limit === 0
      ? this.context.limits.maxResultRows
      : Math.min(limit, this.context.limits.maxResultRows);
  }

  async query(
    files: TenantFiles,
    database: string,
    sql: string,
    parameters: duckdb.Parameters | undefined,
    limit: number,
    options: RunOptions,
  ): Promise<QueryOutput> {
    validateSql(sql, 'sql');
    const rows = this.rowLimit(limit);
    return this.context.run(files, database, 'sql', options, async (session) => {
      const { last, affected } = await prepareScript(session.connection, sql, parameters);
      try {
        const output = await runCollect(session, last, rows, this.context.limits.maxResultBytes);
        return { ...output, affectedRows: affected + output.affectedRows };
      } finally {
        last.destroySync();
      }
    });
  }

  async explain(
    files: TenantFiles,
    database: string,
    sql: string,
    parameters: duckdb.Parameters | undefined,
    analyze: boolean,
    options: RunOptions,
  ): Promise<string> {
    validateSql(sql, 'sql');
    return this.context.run(files, database, 'sql', options, async (session) => {
      const extracted = await session.connection.extractStatements(sql);
      if (extracted.count !== 1)
        throw ServiceError.invalidArgument('sql', 'explain takes exactly one statement');
      const { last } = await prepareScript(
        session.connection,
        `EXPLAIN ${analyze ? 'ANALYZE ' : ''}${sql}`,
        parameters,
      );
      try {
        const reader = await last.runAndReadAll();
        return reader
          .getRows()
          .map((row) => String(row[1] ?? ''))
          .join('\n');
      } finally {
        last.destroySync();
      }
    });
  }

  /**
   * Streams a query's rows in RowBatches of about `chunkRows` rows as DuckDB produces them: the
   * whole result is never held. The first part carries the columns (alone when the result is empty).
   */
  async *stream(
    files: TenantFiles,
    database: string,
    sql: string,
    parameters: duckdb.Parameters | undefined,
    limit: number,
    chunkRows: number,
    options: RunOptions,
  ): AsyncGenerator<StreamPart> {
    validateSql(sql, 'sql');
    if (limit < 0) throw ServiceError.invalidArgument('limit', 'must not be negative');
    if (chunkRows < 0 || chunkRows > 100_000)
      throw ServiceError.invalidArgument('chunk_rows', 'must be 0-100000');
    const session = await this.context.session(files, database, 'sql', options);
    let outcome: 'ok' | 'failed' | 'timeout' = 'failed';
    let statement: DuckDBPreparedStatement | undefined;
    try {
      let columns: ColumnInit[];
      let batches: AsyncGenerator<RowBatchInit>;
      try {
        statement = (await prepareScript(session.connection, sql, parameters)).last;
        const result = streamsRows(statement.statementType)
          ? await statement.stream()
          : await statement.run();
        columns = resultColumns(result);
        batches = streamRows(result, chunkRows || 2048, limit || Number.MAX_SAFE_INTEGER, session.guard);
      } catch (err) {
        throw session.fail(err);
      }
      let first = true;
      for (;;) {
        let next: IteratorResult<RowBatchInit>;
        try {
          next = await batches.next();
        } catch (err) {
          throw session.fail(err);
        }
        if (next.done) break;
        yield first ? { columns, batch: next.value } : { batch: next.value };
        first = false;
      }
      if (first) yield { columns };
      outcome = 'ok';
    } catch (err) {
      if (err instanceof ServiceError && err.code === GrpcStatus.DEADLINE_EXCEEDED) outcome = 'timeout';
      throw err;
    } finally {
      statement?.destroySync();
      session.close(outcome);
    }
  }

  async execute(
    files: TenantFiles,
    database: string,
    sql: string,
    parameters: duckdb.Parameters | undefined,
    options: RunOptions,
  ): Promise<number> {
    validateSql(sql, 'sql');
    return this.context.run(files, database, 'sql', options, async (session) => {
      const { last, affected } = await prepareScript(session.connection, sql, parameters);
      try {
        return affected + (await affectedRows(await last.run(), last.statementType));
      } finally {
        last.destroySync();
      }
    });
  }

  /**
   * Runs statements in order. In a transaction, one failure rolls everything back and fails the call
   * (naming the statement); otherwise each statement reports its own outcome.
   */
  async batch(
    files: TenantFiles,
    database: string,
    statements: BatchItem[],
    transaction: boolean,
    stopOnError: boolean,
    options: RunOptions,
  ): Promise<BatchOutcome[]> {
    if (statements.length === 0)
      throw ServiceError.invalidArgument('statements', 'at least one statement is required');
    if (statements.length > 10_000)
      throw ServiceError.invalidArgument('statements', 'at most 10000 statements');
    statements.forEach((s, i) => {
      validateSql(s.sql, `statements[${i}].sql`);
    });
    return this.context.run(files, database, 'statements', options, async (session) => {
      const connection = session.connection;
      const runOne = async (item: BatchItem, index: number): Promise<number> => {
        const extracted = await connection.extractStatements(item.sql);
        if (extracted.count !== 1) {
          throw ServiceError.invalidArgument(`statements[${index}].sql`, 'must be exactly one statement');
        }
        const statement = await extracted.prepare(0);
        try {
          if (transaction && statement.statementType === StatementType.TRANSACTION) {
            throw ServiceError.invalidArgument(
              `statements[${index}].sql`,
              'transaction control (BEGIN/COMMIT/ROLLBACK) is not allowed in a transactional batch',
            );
          }
          bindParameters(statement, item.parameters, `statements[${index}].parameters`);
          return await affectedRows(await statement.run(), statement.statementType);
        } finally {
          statement.destroySync();
        }
      };
      if (transaction) {
        await connection.run('BEGIN TRANSACTION');
        const outcomes: BatchOutcome[] = [];
        try {
          for (const [index, item] of statements.entries()) {
            try {
              const affected = await runOne(item, index);
              outcomes.push({
                success: true,
                executed: true,
                affectedRows: affected,
                errorCode: '',
                error: '',
              });
            } catch (err) {
              const failure = session.fail(err, `statements[${index}].sql`);
              if (failure instanceof ServiceError) {
                throw new ServiceError(
                  failure.code,
                  `statement ${index} failed, the batch was rolled back: ${failure.message}`,
                  { field: failure.field ?? `statements[${index}].sql`, cause: failure },
                );
              }
              throw failure;
            }
          }
          await connection.run('COMMIT');
          return outcomes;
        } catch (err) {
          await connection.run('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }
      const outcomes: BatchOutcome[] = [];
      let stopped = false;
      for (const [index, item] of statements.entries()) {
        if (stopped) {
          outcomes.push({ success: false, executed: false, affectedRows: 0, errorCode: '', error: '' });
          continue;
        }
        try {
          const affected = await runOne(item, index);
          outcomes.push({ success: true, executed: true, affectedRows: affected, errorCode: '', error: '' });
        } catch (err) {
          const failure = session.fail(err, `statements[${index}].sql`);
          if (!(failure instanceof ServiceError) || failure.code === GrpcStatus.DEADLINE_EXCEEDED)
            throw failure;
          if (failure.code === GrpcStatus.CANCELLED) throw failure;
          outcomes.push({
            success: false,
            executed: true,
            affectedRows: 0,
            errorCode: GrpcStatus[failure.code] ?? String(failure.code),
            error: failure.message,
          });
          stopped = stopOnError;
        }
      }
      return outcomes;
    });
  }

  async prepare(files: TenantFiles, database: string, sql: string): Promise<PreparedInfo> {
    validateSql(sql, 'sql');
    const { handle, release } = await this.context.pool.lease(files, database).catch((err: unknown) => {
      throw this.context.mapError(err, 'database_name', files);
    });
    try {
      const connection = await handle.connect();
      let statement: DuckDBPreparedStatement | undefined;
      try {
        const extracted = await connection.extractStatements(sql);
        if (extracted.count !== 1) throw ServiceError.invalidArgument('sql', 'must be exactly one statement');
        statement = await extracted.prepare(0);
        const parameters: Array<{ name: string; type: string }> = [];
        for (let i = 1; i <= statement.parameterCount; i++) {
          let type = 'ANY';
          try {
            type = statement.parameterType(i).toString();
          } catch {
            // DuckDB leaves the type open when the statement does not determine it.
          }
          parameters.push({ name: statement.parameterName(i), type });
        }
        const columns: ColumnInit[] = [];
        for (let i = 0; i < statement.columnCount; i++) {
          const type = statement.columnType(i);
          columns.push({
            name: statement.columnName(i),
            type: type.toString(),
            typeId: type.typeId as number,
          });
        }
        const entry = this.context.prepared.add(files.key, database, handle, connection, statement);
        return {
          id: entry.id,
          parameters,
          columns,
          statementType: statementTypeName(statement.statementType),
          expiresAt: new Date(entry.expiresAt),
        };
      } catch (err) {
        statement?.destroySync();
        handle.release(connection);
        throw this.context.mapError(err, 'sql', files);
      }
    } finally {
      release();
    }
  }

  async executePrepared(
    files: TenantFiles,
    id: string,
    parameters: duckdb.Parameters | undefined,
    limit: number,
    options: RunOptions,
  ): Promise<QueryOutput> {
    const entry = this.context.prepared.get(files.key, id);
    const rows = this.rowLimit(limit);
    const timeoutMs = this.context.timeout(options.timeoutMs);
    // The shared lease keeps whole-database operations (delete, restore) out while it runs.
    const { release } = await this.context.pool.lease(files, entry.database);
    const done = this.context.metrics.start();
    let outcome: 'ok' | 'failed' | 'timeout' = 'failed';
    try {
      return await this.context.prepared.use(entry, async () => {
        const guard = new QueryGuard(entry.connection, timeoutMs, options.signal, this.context.slots);
        try {
          return await guard.hold(async () => {
            entry.statement.clearBindings();
            bindParameters(entry.statement, parameters);
            const type = entry.statement.statementType;
            const result = streamsRows(type) ? await entry.statement.stream() : await entry.statement.run();
            const affected = await affectedRowsOf(result, type);
            const collected = await collectRows(result, rows, this.context.limits.maxResultBytes, guard);
            guard.check();
            outcome = 'ok';
            return { ...collected, affectedRows: affected };
          });
        } catch (err) {
          const failure = this.context.mapError(guard.failure(err), 'parameters', files);
          if (failure instanceof ServiceError && failure.code === GrpcStatus.DEADLINE_EXCEEDED)
            outcome = 'timeout';
          throw failure;
        } finally {
          guard.dispose();
        }
      });
    } finally {
      done(outcome);
      release();
    }
  }

  closePrepared(files: TenantFiles, id: string): boolean {
    return this.context.prepared.close(files.key, id);
  }
}
