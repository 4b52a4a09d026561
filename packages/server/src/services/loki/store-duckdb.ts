import { rm } from 'node:fs/promises';
import { type DuckDBConnection, DuckDBInstance, DuckDBMapValue, type DuckDBValue } from '@duckdb/node-api';
import { ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import { type IngestRules, timestampProblem } from './ingest-rules.js';
import { compareLabels, parseStreamId, streamId } from './labels.js';
import type { Expr, LabelMatcher, LineFilter, LogQuery, MetricExpr } from './logql/ast.js';
import { innerLogQuery } from './logql/ast.js';
import { parseQuery, parseSelectorText, regexesOf, requireNonEmptyMatcher } from './logql/check.js';
import { registerExtractFunction } from './logql/extract-function.js';
import {
  compileMetric,
  compileRows,
  lineFilterSql,
  SqlParams,
  selectionCte,
  selectionWhere,
} from './logql/sql.js';
import type {
  DeleteOutcome,
  DeleteTarget,
  Direction,
  IndexStats,
  InstantOptions,
  LabelOptions,
  LogRecord,
  LogStore,
  PushEntry,
  PushOutcome,
  RangeOptions,
  RangeResult,
  ScanOptions,
  SeriesResult,
  StoreHealth,
  StreamResult,
  StreamStats,
  StreamsOptions,
  TailOptions,
  TimeRange,
} from './store.js';
import { TailHub } from './tail-hub.js';
import { NS_PER_MS } from './time.js';

export interface DuckStoreOptions {
  /** The database file (created when missing). */
  readonly file: string;
  /** Entries older than this are deleted by the sweep and never returned. */
  readonly retentionNs: bigint;
  readonly rules: IngestRules;
  /** Largest `limit` a log query may ask for (Loki: max_entries_limit_per_query). */
  readonly maxEntriesLimit: number;
  /** Most series a metric query may return (Loki: max_query_series). */
  readonly maxSeries: number;
  /** Most evaluation steps of a range query (Loki: 11,000). */
  readonly maxPoints: number;
  /** DuckDB memory_limit, e.g. "1GB". */
  readonly memoryLimit?: string;
  /** Reader connections (queries running at once). */
  readonly readers?: number;
  readonly logger: Logger;
  readonly now: () => bigint;
}

interface StreamState {
  readonly id: bigint;
  newestNs: bigint | undefined;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS streams (
     id BIGINT PRIMARY KEY,
     tenant VARCHAR NOT NULL,
     labels_key VARCHAR NOT NULL,
     labels MAP(VARCHAR, VARCHAR) NOT NULL,
     created_ns BIGINT NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS entries (
     stream_id BIGINT NOT NULL,
     ts BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     line VARCHAR NOT NULL
   )`,
  'CREATE TABLE IF NOT EXISTS health (id INTEGER PRIMARY KEY, at_ns BIGINT NOT NULL)',
];

const SCAN_PAGE = 2000;
const TAIL_PAGE = 1000;

function mapToObject(value: DuckDBValue): Record<string, string> {
  const out: Record<string, string> = {};
  if (value instanceof DuckDBMapValue) {
    for (const { key, value: v } of value.entries) out[String(key)] = v === null ? '' : String(v);
  }
  return out;
}

/** Maps DuckDB's refusals of user input (bad regexes) to INVALID_ARGUMENT; everything else stays internal. */
function queryError(err: unknown): unknown {
  if (err instanceof ServiceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/^Invalid Input Error: .*(regex|regular expression|missing|invalid)/i.test(message)) {
    return ServiceError.invalidArgument(
      'query',
      `invalid regular expression: ${message.replace(/^Invalid Input Error: /, '')}`,
    );
  }
  if (/INTERRUPT/i.test(message)) return ServiceError.aborted('the query was interrupted');
  return err;
}

/** A small pool of reader connections, each with the LogQL parser function registered. */
class ReaderPool {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: Array<(c: DuckDBConnection) => void> = [];
  private open = 0;
  private closed = false;

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly size: number,
  ) {}

  private async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw ServiceError.unavailable('the log store is closing');
    const free = this.idle.pop();
    if (free) return free;
    if (this.open < this.size) {
      this.open++;
      try {
        const connection = await this.instance.connect();
        registerExtractFunction(connection);
        return connection;
      } catch (err) {
        this.open--;
        throw err;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else if (this.closed) connection.closeSync();
    else this.idle.push(connection);
  }

  async use<T>(signal: AbortSignal | undefined, work: (c: DuckDBConnection) => Promise<T>): Promise<T> {
    signal?.throwIfAborted();
    const connection = await this.acquire();
    const interrupt = () => connection.interrupt();
    signal?.addEventListener('abort', interrupt, { once: true });
    try {
      return await work(connection);
    } catch (err) {
      throw queryError(err);
    } finally {
      signal?.removeEventListener('abort', interrupt);
      this.release(connection);
    }
  }

  close(): void {
    this.closed = true;
    for (const c of this.idle.splice(0)) c.closeSync();
  }
}

function rowsOf(reader: { getRows(): DuckDBValue[][] }): DuckDBValue[][] {
  return reader.getRows();
}

/**
 * The embedded log store: one DuckDB database under the data dir holding every tenant's streams and
 * entries, queried with the LogQL subset compiled to SQL (logql/sql.ts). Writes go through one writer
 * connection, one push at a time; reads use a pool of connections and never block writes.
 */
export class DuckLogStore implements LogStore {
  readonly kind = 'duckdb' as const;
  readonly hub = new TailHub();
  private readonly streamsByKey = new Map<string, StreamState>();
  private readonly streamsById = new Map<bigint, StreamState>();
  private nextStreamId = 1n;
  private nextSeq = 1n;
  /** The last sequence number committed (tails read up to it). */
  private committedSeq = 0n;
  private writeChain: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly options: DuckStoreOptions,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly readers: ReaderPool,
  ) {}

  static async open(options: DuckStoreOptions): Promise<DuckLogStore> {
    const config: Record<string, string> = {};
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(options.file, config);
    const writer = await instance.connect();
    const store = new DuckLogStore(options, instance, writer, new ReaderPool(instance, options.readers ?? 4));
    try {
      await store.init();
    } catch (err) {
      writer.closeSync();
      instance.closeSync();
      throw err;
    }
    return store;
  }

  private async init(): Promise<void> {
    for (const statement of SCHEMA) await this.writer.run(statement);
    await this.writer.run(
      'CREATE TEMP TABLE staging (stream_id BIGINT, ts BIGINT, seq BIGINT, line VARCHAR)',
    );
    const streams = rowsOf(
      await this.writer.runAndReadAll(
        `SELECT s.id, s.tenant, s.labels_key, m.newest
           FROM streams s LEFT JOIN (SELECT stream_id, max(ts) AS newest FROM entries GROUP BY stream_id) m
             ON m.stream_id = s.id`,
      ),
    );
    for (const [id, tenant, key, newest] of streams) {
      const state: StreamState = {
        id: id as bigint,
        newestNs: newest === null ? undefined : (newest as bigint),
      };
      this.streamsByKey.set(`${tenant}\n${key}`, state);
      this.streamsById.set(state.id, state);
      if ((id as bigint) >= this.nextStreamId) this.nextStreamId = (id as bigint) + 1n;
    }
    const [[maxSeq]] = rowsOf(
      await this.writer.runAndReadAll('SELECT coalesce(max(seq), 0) FROM entries'),
    ) as [[bigint]];
    this.nextSeq = maxSeq + 1n;
    this.committedSeq = maxSeq;
    this.options.logger.info(
      { streams: this.streamsByKey.size, file: this.options.file },
      'embedded log store opened',
    );
  }

  /** Runs writes one at a time, in order. */
  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writeChain.then(() => {
      if (this.closed) throw ServiceError.unavailable('the log store is closing');
      return work();
    });
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private retentionStart(startNs: bigint): bigint {
    const cutoff = this.options.now() - this.options.retentionNs;
    return startNs > cutoff ? startNs : cutoff;
  }

  // ---- writes ----

  push(scope: string, entries: readonly PushEntry[]): Promise<PushOutcome> {
    return this.exclusive(() => this.write(scope, entries));
  }

  private async write(scope: string, entries: readonly PushEntry[]): Promise<PushOutcome> {
    const now = this.options.now();
    const rejected: Array<{ index: number; reason: string; bytes: number }> = [];
    const created: Array<{ key: string; id: bigint; entry: PushEntry }> = [];
    const pendingNewest = new Map<bigint, bigint>();
    const staged: Array<{ entry: PushEntry; id: bigint; seq: bigint }> = [];
    // Lines already staged, by stream and timestamp: a duplicate needs the same stream and timestamp.
    const seen = new Map<string, string[]>();
    let duplicates = 0;
    let duplicateBytes = 0;
    let minTs: bigint | undefined;
    let maxTs: bigint | undefined;
    // Only an entry no newer than its stream's newest stored entry can repeat a stored one; when none
    // is, the stored data need not be searched (the common, in-order case).
    let mayRepeatStored = false;
    const pendingStreams = new Map<string, StreamState>();

    for (const entry of entries) {
      const key = `${scope}\n${entry.stream}`;
      const state = this.streamsByKey.get(key) ?? pendingStreams.get(key);
      const newest = state ? (pendingNewest.get(state.id) ?? state.newestNs) : undefined;
      const problem = timestampProblem(entry.stream, entry.tsNs, newest, now, this.options.rules);
      if (problem) {
        rejected.push({ index: entry.index, reason: problem, bytes: entry.bytes });
        continue;
      }
      let id: bigint;
      if (state) id = state.id;
      else {
        id = this.nextStreamId++;
        pendingStreams.set(key, { id, newestNs: undefined });
        created.push({ key, id, entry });
      }
      const slot = `${id}\n${entry.tsNs}`;
      const sameTime = seen.get(slot);
      if (sameTime?.includes(entry.line)) {
        duplicates++;
        duplicateBytes += entry.bytes;
        continue;
      }
      if (sameTime) sameTime.push(entry.line);
      else seen.set(slot, [entry.line]);
      if (state?.newestNs !== undefined && entry.tsNs <= state.newestNs) mayRepeatStored = true;
      staged.push({ entry, id, seq: this.nextSeq++ });
      pendingNewest.set(id, newest === undefined || entry.tsNs > newest ? entry.tsNs : newest);
      if (minTs === undefined || entry.tsNs < minTs) minTs = entry.tsNs;
      if (maxTs === undefined || entry.tsNs > maxTs) maxTs = entry.tsNs;
    }
    if (staged.length === 0) {
      return { accepted: 0, acceptedBytes: 0, duplicates, duplicateBytes, rejected };
    }

    const w = this.writer;
    let inserted: Set<bigint> | undefined;
    await w.run('BEGIN TRANSACTION');
    try {
      for (const { id, entry } of created) {
        const p = new SqlParams();
        const names = Object.keys(entry.labels).sort();
        const keys = names.map((n) => p.add(n)).join(', ');
        const values = names.map((n) => p.add(entry.labels[n]!)).join(', ');
        await w.run(
          `INSERT INTO streams VALUES (${p.bigint(id)}, ${p.add(scope)}, ${p.add(entry.stream)}, map([${keys}]::VARCHAR[], [${values}]::VARCHAR[]), ${p.bigint(now)})`,
          p.values as DuckDBValue[],
        );
      }
      const appender = mayRepeatStored
        ? await w.createAppender('staging', 'main', 'temp')
        : await w.createAppender('entries');
      try {
        for (const row of staged) {
          appender.appendBigInt(row.id);
          appender.appendBigInt(row.entry.tsNs);
          appender.appendBigInt(row.seq);
          appender.appendVarchar(row.entry.line);
          appender.endRow();
        }
        appender.flushSync();
      } finally {
        appender.closeSync();
      }
      if (mayRepeatStored) {
        // Entries already stored (same stream, timestamp and line) are duplicates: Loki ignores them.
        const result = await w.runAndReadAll(
          `INSERT INTO entries
             SELECT s.stream_id, s.ts, s.seq, s.line FROM temp.staging s
             ANTI JOIN (SELECT stream_id, ts, line FROM entries WHERE ts BETWEEN CAST($1 AS BIGINT) AND CAST($2 AS BIGINT)) e
               USING (stream_id, ts, line)
           RETURNING seq`,
          [minTs!, maxTs!],
        );
        inserted = new Set(rowsOf(result).map(([seq]) => seq as bigint));
        await w.run('DELETE FROM temp.staging');
      }
      await w.run('COMMIT');
    } catch (err) {
      await w.run('ROLLBACK').catch(() => undefined);
      if (mayRepeatStored) await w.run('DELETE FROM temp.staging').catch(() => undefined);
      throw err;
    }

    for (const { key, id } of created) {
      const state: StreamState = { id, newestNs: undefined };
      this.streamsByKey.set(key, state);
      this.streamsById.set(id, state);
    }
    let accepted = 0;
    let acceptedBytes = 0;
    for (const row of staged) {
      if (!inserted || inserted.has(row.seq)) {
        accepted++;
        acceptedBytes += row.entry.bytes;
      } else {
        duplicates++;
        duplicateBytes += row.entry.bytes;
      }
    }
    for (const [id, newest] of pendingNewest) {
      const state = this.streamsById.get(id);
      if (state && (state.newestNs === undefined || newest > state.newestNs)) state.newestNs = newest;
    }
    this.committedSeq = this.nextSeq - 1n;
    if (accepted > 0) this.hub.committed(scope, this.committedSeq);
    return { accepted, acceptedBytes, duplicates, duplicateBytes, rejected };
  }

  /** Deletes entries older than the retention period, and streams left without entries. */
  sweep(): Promise<{ deletedEntries: number; deletedStreams: number }> {
    return this.exclusive(async () => {
      const cutoff = this.options.now() - this.options.retentionNs;
      const w = this.writer;
      const deleted = rowsOf(
        await w.runAndReadAll('DELETE FROM entries WHERE ts < CAST($1 AS BIGINT) RETURNING 1', [cutoff]),
      ).length;
      const gone = rowsOf(
        await w.runAndReadAll(
          'DELETE FROM streams WHERE id NOT IN (SELECT DISTINCT stream_id FROM entries) RETURNING id, tenant, labels_key',
        ),
      );
      for (const [id, tenant, key] of gone) {
        this.streamsByKey.delete(`${tenant}\n${key}`);
        this.streamsById.delete(id as bigint);
      }
      if (deleted > 0) await w.run('CHECKPOINT');
      return { deletedEntries: deleted, deletedStreams: gone.length };
    });
  }

  async delete(scope: string, target: DeleteTarget, range: TimeRange): Promise<DeleteOutcome> {
    let matchers: readonly LabelMatcher[] = [];
    let filters: LineFilter[] = [];
    let exactKey: string | undefined;
    if (target.kind === 'stream') exactKey = streamId(target.labels);
    else {
      const expr = parseQuery(target.query);
      if (expr.kind !== 'log' || expr.pipeline.some((s) => s.kind !== 'line_filter')) {
        throw ServiceError.invalidArgument(
          'query',
          'a delete takes a stream selector with optional line filters (no parsers, label filters or metric functions)',
        );
      }
      matchers = expr.matchers;
      filters = expr.pipeline as LineFilter[];
    }
    return this.exclusive(async () => {
      if (!exactKey) await this.checkRegexes(this.writer, { kind: 'log', matchers, pipeline: filters });
      const p = new SqlParams();
      const streams = `SELECT s.id FROM streams s WHERE ${selectionWhere(scope, matchers, p)}${
        exactKey ? ` AND s.labels_key = ${p.add(exactKey)}` : ''
      }`;
      const conditions = [
        `stream_id IN (${streams})`,
        `ts >= ${p.bigint(range.startNs)}`,
        `ts < ${p.bigint(range.endNs)}`,
        ...filters.map((f) => lineFilterSql(f, p, 'line')),
      ];
      try {
        const sql = `DELETE FROM entries WHERE ${conditions.join(' AND ')} RETURNING 1`;
        return { deleted: rowsOf(await this.writer.runAndReadAll(sql, p.values as DuckDBValue[])).length };
      } catch (err) {
        throw queryError(err);
      }
    });
  }

  // ---- queries ----

  /** Checks every regex with DuckDB's engine (RE2, as Loki) and Loki's non-empty selector rule. */
  private async checkRegexes(connection: DuckDBConnection, expr: Expr | LogQuery): Promise<void> {
    const matchesEmpty = new Map<string, boolean>();
    for (const { pattern, where } of regexesOf(expr)) {
      if (matchesEmpty.has(pattern)) continue;
      try {
        const [[result]] = rowsOf(
          await connection.runAndReadAll("SELECT regexp_full_match('', $1)", [pattern]),
        ) as [[boolean]];
        matchesEmpty.set(pattern, result);
      } catch (err) {
        const message = (err as Error).message.replace(/^Invalid Input Error: /, '');
        throw ServiceError.invalidArgument(
          'query',
          `invalid regular expression in ${where} ${JSON.stringify(pattern)}: ${message}`,
        );
      }
    }
    requireNonEmptyMatcher(innerLogQuery(expr).matchers, (pattern) => matchesEmpty.get(pattern) ?? true);
  }

  private async prepare(connection: DuckDBConnection, text: string): Promise<Expr> {
    const expr = parseQuery(text);
    await this.checkRegexes(connection, expr);
    return expr;
  }

  private limitOf(limit: number): number {
    if (limit > this.options.maxEntriesLimit) {
      throw ServiceError.invalidArgument(
        'limit',
        `max entries limit per query exceeded, limit > max_entries_limit (${limit} > ${this.options.maxEntriesLimit})`,
      );
    }
    return limit;
  }

  private async logRows(
    connection: DuckDBConnection,
    scope: string,
    query: LogQuery,
    conditions: (p: SqlParams) => string[],
    order: string,
    limit: number | undefined,
  ): Promise<SeqRecord[]> {
    const p = new SqlParams();
    const rows = compileRows(scope, query, { conditions: conditions(p) }, p);
    const sql = `WITH ${rows.ctes.join(',\n')}
      SELECT ts, seq, line, labels_key, ${rows.labelsChange ? 'm' : 'NULL'} AS m FROM rows
      ORDER BY ${order}${limit === undefined ? '' : ` LIMIT ${p.add(limit)}`}`;
    const result = rowsOf(await connection.runAndReadAll(sql, p.values as DuckDBValue[]));
    const labelsOf = labelCache();
    return result.map(([ts, seq, line, key, m]) => ({
      tsNs: ts as bigint,
      seq: seq as bigint,
      line: line as string,
      labels: m === null || m === undefined ? labelsOf(key as string) : mapToObject(m),
    }));
  }

  queryRange(scope: string, text: string, options: RangeOptions): Promise<RangeResult> {
    return this.readers.use(options.signal, async (connection) => {
      const expr = await this.prepare(connection, text);
      const startNs = this.retentionStart(options.startNs);
      if (expr.kind === 'log') {
        const limit = this.limitOf(options.limit);
        const records = await this.logRows(
          connection,
          scope,
          expr,
          (p) => [`e.ts >= ${p.bigint(startNs)}`, `e.ts < ${p.bigint(options.endNs)}`],
          orderOf(options.direction),
          limit,
        );
        return { type: 'streams', streams: groupStreams(records.map(plain)) };
      }
      if (options.stepNs <= 0n) throw ServiceError.invalidArgument('step', 'must be positive');
      const points = (options.endNs - options.startNs) / options.stepNs + 1n;
      if (points > BigInt(this.options.maxPoints)) {
        throw ServiceError.invalidArgument(
          'step',
          `exceeded maximum resolution of ${this.options.maxPoints.toLocaleString('en-US')} points per timeseries. Try decreasing the query resolution (?step=XX)`,
        );
      }
      const series = await this.metric(
        connection,
        scope,
        expr,
        options.startNs,
        options.endNs,
        options.stepNs,
      );
      return { type: 'matrix', series };
    });
  }

  queryInstant(scope: string, text: string, options: InstantOptions): Promise<SeriesResult[]> {
    return this.readers.use(options.signal, async (connection) => {
      const expr = await this.prepare(connection, text);
      if (expr.kind === 'log') {
        throw ServiceError.invalidArgument(
          'query',
          'log queries are not supported as an instant query type, please change your query to a range query type',
        );
      }
      return this.metric(connection, scope, expr, options.timeNs, options.timeNs, 0n);
    });
  }

  private async metric(
    connection: DuckDBConnection,
    scope: string,
    expr: MetricExpr,
    startNs: bigint,
    endNs: bigint,
    stepNs: bigint,
  ): Promise<SeriesResult[]> {
    const p = new SqlParams();
    // Entries past the retention period count as gone even before the sweep deletes them.
    const floorNs = this.retentionStart(0n);
    const sql = compileMetric(scope, expr, { startNs, endNs, stepNs, floorNs }, this.options.maxSeries, p);
    const rows = rowsOf(await connection.runAndReadAll(sql, p.values as DuckDBValue[]));
    const bySeries = new Map<
      string,
      { metric: Record<string, string>; samples: Array<{ tsNs: bigint; value: number }> }
    >();
    const step = stepNs > 0n ? stepNs : 0n;
    for (const [kind, series, k, v] of rows) {
      if (kind === 'too_many') {
        throw ServiceError.invalidArgument(
          'query',
          `maximum number of series (${this.options.maxSeries}) reached for a single query; consider reducing query cardinality by adding more specific stream selectors, reduce the time range of the query, or aggregate results with sum by`,
        );
      }
      if (kind === 'error') {
        const labels = mapToObject(series as DuckDBValue);
        const type = labels.__error__ ?? '';
        throw ServiceError.invalidArgument(
          'query',
          `pipeline error: '${type}' for series: '${streamId(labels)}'.\n` +
            `Use a label filter to intentionally skip this error. (e.g | __error__!="${type}").\n` +
            'To skip all potential errors you can match empty errors.(e.g __error__="")',
        );
      }
      const metric = mapToObject(series as DuckDBValue);
      const id = streamId(metric);
      let entry = bySeries.get(id);
      if (!entry) {
        entry = { metric, samples: [] };
        bySeries.set(id, entry);
      }
      const at = startNs + (k as bigint) * step;
      entry.samples.push({ tsNs: at - (at % NS_PER_MS), value: v as number });
    }
    return [...bySeries.values()]
      .sort((a, b) => compareLabels(a.metric, b.metric))
      .map((s) => ({ metric: s.metric, samples: s.samples.sort((a, b) => (a.tsNs < b.tsNs ? -1 : 1)) }));
  }

  async *scan(scope: string, text: string, options: ScanOptions): AsyncIterable<LogRecord[]> {
    const { signal } = options;
    const pages: LogRecord[][] = [];
    let done = false;
    let stopped = false;
    let failure: unknown;
    let wake: (() => void) | undefined;
    // The reader runs one streaming query and hands pages over; it pauses while pages wait unread.
    let resume: (() => void) | undefined;
    const reading = this.readers.use(signal, async (connection) => {
      const expr = await this.prepare(connection, text);
      if (expr.kind !== 'log')
        throw ServiceError.invalidArgument('query', 'needs a log query, not a metric query');
      const p = new SqlParams();
      const startNs = this.retentionStart(options.startNs);
      const rows = compileRows(
        scope,
        expr,
        { conditions: [`e.ts >= ${p.bigint(startNs)}`, `e.ts < ${p.bigint(options.endNs)}`] },
        p,
      );
      const sql = `WITH ${rows.ctes.join(',\n')}
        SELECT ts, line, labels_key, ${rows.labelsChange ? 'm' : 'NULL'} AS m FROM rows ORDER BY ${orderOf(options.direction)}`;
      const result = await connection.stream(sql, p.values as DuckDBValue[]);
      const labelsOf = labelCache();
      let page: LogRecord[] = [];
      for await (const chunk of result.yieldRows()) {
        for (const [ts, line, key, m] of chunk) {
          page.push({
            tsNs: ts as bigint,
            line: line as string,
            labels: m === null || m === undefined ? labelsOf(key as string) : mapToObject(m),
          });
          if (page.length >= SCAN_PAGE) {
            pages.push(page);
            page = [];
            wake?.();
            while (pages.length > 2 && !stopped && !signal?.aborted)
              await new Promise<void>((r) => (resume = r));
            signal?.throwIfAborted();
            // The consumer went away (it stopped iterating): stop reading.
            if (stopped) return;
          }
        }
      }
      if (page.length > 0) pages.push(page);
    });
    reading.then(
      () => {
        done = true;
        wake?.();
      },
      (err: unknown) => {
        failure = err;
        done = true;
        wake?.();
      },
    );
    try {
      for (;;) {
        const page = pages.shift();
        if (page) {
          resume?.();
          yield page;
          continue;
        }
        if (done) break;
        await new Promise<void>((r) => (wake = r));
      }
      if (failure) throw failure;
    } finally {
      stopped = true;
      resume?.();
      await reading.catch(() => undefined);
    }
  }

  async *tail(scope: string, text: string, options: TailOptions): AsyncIterable<LogRecord[]> {
    const { signal } = options;
    let cursor = this.committedSeq;
    const query = await this.readers.use(signal, async (connection) => {
      const expr = await this.prepare(connection, text);
      if (expr.kind !== 'log')
        throw ServiceError.invalidArgument('query', 'tail needs a log query, not a metric query');
      return expr;
    });
    const startNs = this.retentionStart(options.startNs);
    if (options.limit > 0) {
      const snapshot = cursor;
      const recent = await this.readers.use(signal, (connection) =>
        this.logRows(
          connection,
          scope,
          query,
          (p) => [`e.ts >= ${p.bigint(startNs)}`, `e.seq <= ${p.bigint(snapshot)}`],
          orderOf('backward'),
          options.limit,
        ),
      );
      if (recent.length > 0) yield recent.map(plain).reverse();
    }
    while (!signal.aborted) {
      await this.hub.waitAfter(scope, cursor, signal);
      if (signal.aborted) break;
      if (options.delayNs > 0n) await sleep(Number(options.delayNs / NS_PER_MS), signal);
      if (signal.aborted) break;
      const from = cursor;
      const upto = this.committedSeq;
      const fresh = await this.readers.use(signal, (connection) =>
        this.logRows(
          connection,
          scope,
          query,
          (p) => [`e.seq > ${p.bigint(from)}`, `e.seq <= ${p.bigint(upto)}`, `e.ts >= ${p.bigint(startNs)}`],
          'seq ASC',
          TAIL_PAGE,
        ),
      );
      // A full page may leave entries behind: continue from the last one read, else from `upto`.
      cursor = fresh.length >= TAIL_PAGE ? fresh.at(-1)!.seq : upto;
      if (fresh.length > 0)
        yield fresh.map(plain).sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : 0));
    }
  }

  // ---- labels, streams, stats ----

  private async selection(
    connection: DuckDBConnection,
    selector: string | undefined,
  ): Promise<readonly LabelMatcher[] | undefined> {
    if (selector === undefined || selector.trim() === '') return undefined;
    const matchers = parseSelectorText(selector);
    await this.checkRegexes(connection, { kind: 'log', matchers, pipeline: [] });
    return matchers;
  }

  labelNames(scope: string, options: LabelOptions): Promise<string[]> {
    return this.readers.use(options.signal, async (connection) => {
      const matchers = await this.selection(connection, options.selector);
      const p = new SqlParams();
      const sql = `WITH ${selectionCte(scope, matchers, p)}
        SELECT DISTINCT unnest(map_keys(s.labels)) AS name FROM sel s
        WHERE EXISTS (SELECT 1 FROM entries e WHERE e.stream_id = s.id AND e.ts >= ${p.bigint(this.retentionStart(options.startNs))} AND e.ts < ${p.bigint(options.endNs)})
        ORDER BY name`;
      return rowsOf(await connection.runAndReadAll(sql, p.values as DuckDBValue[])).map(([n]) => n as string);
    });
  }

  labelValues(scope: string, name: string, options: LabelOptions): Promise<string[]> {
    return this.readers.use(options.signal, async (connection) => {
      const matchers = await this.selection(connection, options.selector);
      const p = new SqlParams();
      const sql = `WITH ${selectionCte(scope, matchers, p)}
        SELECT DISTINCT s.labels[${p.add(name)}] AS value FROM sel s
        WHERE s.labels[${p.add(name)}] IS NOT NULL
          AND EXISTS (SELECT 1 FROM entries e WHERE e.stream_id = s.id AND e.ts >= ${p.bigint(this.retentionStart(options.startNs))} AND e.ts < ${p.bigint(options.endNs)})
        ORDER BY value`;
      return rowsOf(await connection.runAndReadAll(sql, p.values as DuckDBValue[])).map(([v]) => v as string);
    });
  }

  streams(scope: string, options: StreamsOptions): Promise<StreamStats[]> {
    return this.readers.use(options.signal, async (connection) => {
      const matchers = await this.selection(connection, options.selector);
      const p = new SqlParams();
      const sql = `WITH ${selectionCte(scope, matchers, p)}
        SELECT s.labels_key, count(*), sum(strlen(e.line)), min(e.ts), max(e.ts)
        FROM entries e JOIN sel s ON e.stream_id = s.id
        WHERE e.ts >= ${p.bigint(this.retentionStart(options.startNs))} AND e.ts < ${p.bigint(options.endNs)}
        GROUP BY s.labels_key ORDER BY s.labels_key`;
      const labelsOf = labelCache();
      return rowsOf(await connection.runAndReadAll(sql, p.values as DuckDBValue[])).map(
        ([key, count, bytes, first, last]) => ({
          id: key as string,
          labels: labelsOf(key as string),
          entries: Number(count),
          bytes: Number(bytes),
          firstNs: first as bigint,
          lastNs: last as bigint,
        }),
      );
    });
  }

  indexStats(scope: string, selector: string, options: TimeRange): Promise<IndexStats> {
    return this.readers.use(options.signal, async (connection) => {
      const matchers = await this.selection(connection, selector);
      if (!matchers)
        throw ServiceError.invalidArgument('query', 'must be a stream selector such as {app="api"}');
      const p = new SqlParams();
      const sql = `WITH ${selectionCte(scope, matchers, p)}
        SELECT count(DISTINCT e.stream_id), count(*), coalesce(sum(strlen(e.line)), 0)
        FROM entries e JOIN sel s ON e.stream_id = s.id
        WHERE e.ts >= ${p.bigint(this.retentionStart(options.startNs))} AND e.ts < ${p.bigint(options.endNs)}`;
      const [[streams, entries, bytes]] = rowsOf(
        await connection.runAndReadAll(sql, p.values as DuckDBValue[]),
      ) as [[bigint, bigint, bigint]];
      return { streams: Number(streams), entries: Number(entries), bytes: Number(bytes) };
    });
  }

  // ---- lifecycle ----

  async health(deep: boolean): Promise<StoreHealth> {
    const details: Record<string, string> = {
      file: this.options.file,
      streams: String(this.streamsByKey.size),
      retention_hours: String(Number(this.options.retentionNs / 3_600_000_000_000n)),
    };
    try {
      await this.readers.use(undefined, (c) => c.run('SELECT 1'));
    } catch (err) {
      return {
        healthy: false,
        message: `DuckDB does not answer: ${(err as Error).message}`,
        canRead: false,
        canWrite: false,
        details,
      };
    }
    if (!deep) return { healthy: true, message: '', canRead: true, canWrite: true, details };
    let canWrite = false;
    try {
      await this.exclusive(() =>
        this.writer.run('INSERT OR REPLACE INTO health VALUES (1, CAST($1 AS BIGINT))', [this.options.now()]),
      );
      canWrite = true;
    } catch (err) {
      return {
        healthy: false,
        message: `DuckDB refuses writes: ${(err as Error).message}`,
        canRead: true,
        canWrite,
        details,
      };
    }
    return { healthy: true, message: '', canRead: true, canWrite, details };
  }

  async close(): Promise<void> {
    await this.exclusive(async () => {
      this.closed = true;
      await this.writer.run('CHECKPOINT').catch(() => undefined);
    }).catch(() => undefined);
    this.closed = true;
    this.readers.close();
    this.writer.closeSync();
    this.instance.closeSync();
  }

  /** Removes the database files (tests and benchmarks). */
  static async destroy(file: string): Promise<void> {
    await rm(file, { force: true });
    await rm(`${file}.wal`, { force: true });
  }
}

type SeqRecord = LogRecord & { readonly seq: bigint };

function plain(r: SeqRecord): LogRecord {
  return { tsNs: r.tsNs, line: r.line, labels: r.labels };
}

function orderOf(direction: Direction): string {
  return direction === 'forward' ? 'ts ASC, seq ASC' : 'ts DESC, seq DESC';
}

/** Stream ids → labels, parsed once per query. */
function labelCache(): (key: string) => Record<string, string> {
  const cache = new Map<string, Record<string, string>>();
  return (key) => {
    let labels = cache.get(key);
    if (!labels) {
      labels = parseStreamId(key);
      cache.set(key, labels);
    }
    return labels;
  };
}

/** Log query results as Loki returns them: one stream per label set, entries in query order. */
export function groupStreams(records: readonly LogRecord[]): StreamResult[] {
  const streams = new Map<
    string,
    { labels: Record<string, string>; entries: Array<{ tsNs: bigint; line: string }> }
  >();
  for (const r of records) {
    const id = streamId(r.labels);
    let s = streams.get(id);
    if (!s) {
      s = { labels: r.labels, entries: [] };
      streams.set(id, s);
    }
    s.entries.push({ tsNs: r.tsNs, line: r.line });
  }
  return [...streams.values()];
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
