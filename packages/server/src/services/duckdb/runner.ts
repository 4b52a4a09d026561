import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  type DuckDBConnection,
  type DuckDBDataChunk,
  type DuckDBPreparedStatement,
  type DuckDBResult,
  ResultReturnType,
  StatementType,
} from '@duckdb/node-api';
import type { duckdb } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Slots } from './slots.js';
import { ColumnBuilder, fromProtoValue } from './values.js';

export type ColumnInit = MessageInitShape<typeof duckdb.ColumnSchema>;
export type RowBatchInit = MessageInitShape<typeof duckdb.RowBatchSchema>;

/**
 * Interrupts a connection's running statement when the timeout passes or the call is cancelled, and
 * turns the resulting failure (or a stream that just stopped early) into DEADLINE_EXCEEDED/CANCELLED.
 */
export class QueryGuard {
  private reason: 'timeout' | 'cancelled' | undefined;
  private readonly timer: NodeJS.Timeout;
  private repeat: NodeJS.Timeout | undefined;
  /** Aborted with the failure when the statement is interrupted (waiting for a slot stops too). */
  private readonly stopped = new AbortController();
  private holding = false;
  private readonly onAbort = () => this.interrupt('cancelled');

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly timeoutMs: number,
    private readonly signal: AbortSignal,
    private readonly slots?: Slots,
  ) {
    this.timer = setTimeout(() => this.interrupt('timeout'), timeoutMs);
    signal.addEventListener('abort', this.onAbort, { once: true });
    if (signal.aborted) this.interrupt('cancelled');
  }

  get timedOut(): boolean {
    return this.reason === 'timeout';
  }

  private interrupt(reason: 'timeout' | 'cancelled'): void {
    if (this.reason) return;
    this.reason = reason;
    this.connection.interrupt();
    // DuckDB clears the flag when a statement starts: one queued behind busy worker threads would
    // miss a single interrupt, so it is repeated until the call is over.
    this.repeat = setInterval(() => this.connection.interrupt(), 50);
    this.stopped.abort(this.failure(undefined));
  }

  /** Runs `work` holding an execution slot (see slots.ts) for its whole duration. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    if (!this.slots || this.holding) return work();
    const release = await this.slots.acquire(this.stopped.signal);
    this.holding = true;
    try {
      return await work();
    } finally {
      this.holding = false;
      release();
    }
  }

  /** Runs one native call in a slot (streams take one per call, so slow readers hold none). */
  native<T>(call: () => Promise<T>): Promise<T> {
    return this.hold(call);
  }

  /** Throws when the statement was interrupted (an interrupted stream may end without an error). */
  check(): void {
    if (this.reason === 'timeout') {
      throw ServiceError.deadlineExceeded(
        `the query ran longer than ${this.timeoutMs} ms and was interrupted`,
      );
    }
    if (this.reason === 'cancelled') {
      throw this.signal.reason instanceof ServiceError
        ? this.signal.reason
        : new ServiceError(GrpcStatus.CANCELLED, 'the query was cancelled');
    }
  }

  /** The error to report for `err`: the interruption when there was one, else `err`. */
  failure(err: unknown): unknown {
    try {
      this.check();
    } catch (interrupted) {
      return interrupted;
    }
    return err;
  }

  dispose(): void {
    clearTimeout(this.timer);
    clearInterval(this.repeat);
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

/** Binds a statement's parameters: all positional or all named, each one exactly once. */
export function bindParameters(
  prepared: DuckDBPreparedStatement,
  parameters: duckdb.Parameters | undefined,
  field = 'parameters',
): void {
  const positional = parameters?.positional ?? [];
  const named = parameters?.named ?? {};
  const namedKeys = Object.keys(named);
  const count = prepared.parameterCount;
  if (positional.length > 0 && namedKeys.length > 0) {
    throw ServiceError.invalidArgument(field, 'give positional or named parameters, not both');
  }
  if (namedKeys.length > 0) {
    const expected = new Set<string>();
    for (let i = 1; i <= count; i++) {
      const name = prepared.parameterName(i);
      expected.add(name);
      const value = named[name];
      if (value === undefined) throw ServiceError.invalidArgument(`${field}.named`, `no value for $${name}`);
      bindOne(prepared, i, value, `${field}.named.${name}`);
    }
    const unknown = namedKeys.filter((k) => !expected.has(k));
    if (unknown.length > 0) {
      throw ServiceError.invalidArgument(
        `${field}.named`,
        `the statement has no parameter ${unknown.map((k) => `$${k}`).join(', ')}`,
      );
    }
    return;
  }
  if (positional.length !== count) {
    throw ServiceError.invalidArgument(
      field,
      `the statement takes ${count} parameter${count === 1 ? '' : 's'}, ${positional.length} given`,
    );
  }
  positional.forEach((value, i) => {
    bindOne(prepared, i + 1, value, `${field}.positional[${i}]`);
  });
}

function bindOne(prepared: DuckDBPreparedStatement, index: number, value: duckdb.Value, field: string): void {
  const bound = fromProtoValue(value, field);
  try {
    if (bound.value === null) prepared.bindNull(index);
    else prepared.bindValue(index, bound.value, bound.type);
  } catch (err) {
    throw ServiceError.invalidArgument(field, `cannot bind: ${(err as Error).message}`);
  }
}

export function hasParameters(parameters: duckdb.Parameters | undefined): boolean {
  return !!parameters && (parameters.positional.length > 0 || Object.keys(parameters.named).length > 0);
}

/** Statements whose rows are worth streaming (everything else is materialised: it is small). */
export function streamsRows(type: StatementType): boolean {
  return type === StatementType.SELECT;
}

export function statementTypeName(type: StatementType): string {
  return StatementType[type] ?? 'UNKNOWN';
}

/** The columns of a result as the API describes them. */
export function resultColumns(result: DuckDBResult): ColumnInit[] {
  const columns: ColumnInit[] = [];
  for (let i = 0; i < result.columnCount; i++) {
    const type = result.columnType(i);
    columns.push({ name: result.columnName(i), type: type.toString(), typeId: type.typeId as number });
  }
  return columns;
}

/** Rows inserted, updated or deleted (CREATE TABLE AS reports its count as a row). */
export async function affectedRows(result: DuckDBResult, type: StatementType): Promise<number> {
  if (result.returnType === ResultReturnType.CHANGED_ROWS) return result.rowsChanged;
  if (type === StatementType.CREATE && result.columnCount === 1 && result.columnName(0) === 'Count') {
    const rows = await result.getRows();
    return Number(rows[0]?.[0] ?? 0);
  }
  return 0;
}

export interface CollectedRows {
  columns: ColumnInit[];
  batch: RowBatchInit;
  rowCount: number;
  truncated: boolean;
}

/**
 * Reads at most `limit` rows (and about `maxBytes` of them) from a result into one RowBatch;
 * `truncated` tells whether more rows were left unread.
 */
export async function collectRows(
  result: DuckDBResult,
  limit: number,
  maxBytes: number,
  guard: QueryGuard,
): Promise<CollectedRows> {
  const columns = resultColumns(result);
  const builders = result.columnTypes().map((t) => new ColumnBuilder(t));
  let rows = 0;
  let truncated = false;
  const bytes = () => builders.reduce((n, b) => n + b.estimatedBytes, 0);
  for (;;) {
    const chunk = await fetch(result, guard);
    if (!chunk) break;
    const take = Math.min(chunk.rowCount, limit - rows);
    appendChunk(builders, chunk, 0, take);
    rows += take;
    if (take < chunk.rowCount) {
      truncated = true;
      break;
    }
    if (rows >= limit || bytes() >= maxBytes) {
      truncated = (await fetch(result, guard)) !== undefined;
      break;
    }
  }
  guard.check();
  return {
    columns,
    batch: { rowCount: rows, columns: builders.map((b) => b.build()) },
    rowCount: rows,
    truncated,
  };
}

/** Streams a result as RowBatches of about `chunkRows` rows, stopping after `limit` rows. */
export async function* streamRows(
  result: DuckDBResult,
  chunkRows: number,
  limit: number,
  guard: QueryGuard,
): AsyncGenerator<RowBatchInit> {
  const types = result.columnTypes();
  let builders = types.map((t) => new ColumnBuilder(t));
  let pending = 0;
  let sent = 0;
  const flush = (): RowBatchInit => {
    const batch = { rowCount: pending, columns: builders.map((b) => b.build()) };
    builders = types.map((t) => new ColumnBuilder(t));
    sent += pending;
    pending = 0;
    return batch;
  };
  while (sent + pending < limit) {
    const chunk = await fetch(result, guard);
    if (!chunk) break;
    let offset = 0;
    while (offset < chunk.rowCount && sent + pending < limit) {
      const take = Math.min(chunk.rowCount - offset, chunkRows - pending, limit - sent - pending);
      appendChunk(builders, chunk, offset, offset + take);
      offset += take;
      pending += take;
      if (pending >= chunkRows) yield flush();
    }
  }
  guard.check();
  if (pending > 0) yield flush();
}

async function fetch(result: DuckDBResult, guard: QueryGuard): Promise<DuckDBDataChunk | undefined> {
  let chunk: DuckDBDataChunk | null;
  try {
    chunk = await guard.native(() => result.fetchChunk());
  } catch (err) {
    throw guard.failure(err);
  }
  guard.check();
  return chunk && chunk.rowCount > 0 ? chunk : undefined;
}

function appendChunk(builders: ColumnBuilder[], chunk: DuckDBDataChunk, from: number, to: number): void {
  builders.forEach((builder, i) => {
    builder.append(chunk.getColumnVector(i), from, to);
  });
}
