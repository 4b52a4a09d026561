import type { Labels } from './labels.js';

/**
 * The log backend, in tenant scopes (names.ts). Tenancy is decided by the handlers: every method acts
 * inside the one scope it is given. Adapters: DuckLogStore (embedded, DuckDB under the data dir) and
 * LokiHttpStore (Grafana Loki's HTTP API, the scope sent as X-Scope-OrgID).
 *
 * Adapters throw ServiceError: INVALID_ARGUMENT for queries they refuse (naming what is wrong or not
 * supported), UNAVAILABLE when the backend cannot be reached.
 */
export interface LogStore {
  readonly kind: 'duckdb' | 'loki';
  health(deep: boolean): Promise<StoreHealth>;
  close(): Promise<void>;

  /** Stores entries (already validated); entries the backend refuses for their timestamps are listed. */
  push(scope: string, entries: readonly PushEntry[]): Promise<PushOutcome>;

  /** A log query over [start, end) or a metric query evaluated every step from start to end. */
  queryRange(scope: string, query: string, options: RangeOptions): Promise<RangeResult>;
  /** A metric query evaluated at one instant. */
  queryInstant(scope: string, query: string, options: InstantOptions): Promise<SeriesResult[]>;
  /** Every entry of a log query over [start, end), in pages, in the given direction. */
  scan(scope: string, query: string, options: ScanOptions): AsyncIterable<LogRecord[]>;
  /** The most recent `limit` entries since `start`, then new entries as they arrive, until aborted. */
  tail(scope: string, query: string, options: TailOptions): AsyncIterable<LogRecord[]>;

  labelNames(scope: string, options: LabelOptions): Promise<string[]>;
  labelValues(scope: string, name: string, options: LabelOptions): Promise<string[]>;
  /** Per-stream counts in [start, end), ordered by stream id. */
  streams(scope: string, options: StreamsOptions): Promise<StreamStats[]>;
  /** Totals for a stream selector in [start, end). */
  indexStats(scope: string, selector: string, options: TimeRange): Promise<IndexStats>;
  /** Deletes the entries a selector (with line filters) or one exact stream has in [start, end). */
  delete(scope: string, target: DeleteTarget, options: TimeRange): Promise<DeleteOutcome>;
}

export interface StoreHealth {
  readonly healthy: boolean;
  readonly message: string;
  readonly canRead: boolean;
  readonly canWrite: boolean;
  readonly details: Record<string, string>;
}

export interface PushEntry {
  /** Position in the caller's request (reported back for rejected entries). */
  readonly index: number;
  readonly tsNs: bigint;
  readonly line: string;
  readonly labels: Labels;
  /** streamId(labels). */
  readonly stream: string;
  /** UTF-8 bytes of the line. */
  readonly bytes: number;
}

export interface PushOutcome {
  readonly accepted: number;
  readonly acceptedBytes: number;
  readonly duplicates: number;
  /** Bytes of the duplicate entries (already stored, so not counted again against quotas). */
  readonly duplicateBytes: number;
  readonly rejected: ReadonlyArray<{ index: number; reason: string; bytes: number }>;
}

export type Direction = 'forward' | 'backward';

export interface TimeRange {
  readonly startNs: bigint;
  readonly endNs: bigint;
  readonly signal?: AbortSignal;
}

export interface RangeOptions extends TimeRange {
  readonly stepNs: bigint;
  readonly limit: number;
  readonly direction: Direction;
}

export interface InstantOptions {
  readonly timeNs: bigint;
  readonly limit: number;
  readonly direction: Direction;
  readonly signal?: AbortSignal;
}

export interface ScanOptions extends TimeRange {
  readonly direction: Direction;
}

export interface TailOptions {
  readonly startNs: bigint;
  readonly limit: number;
  readonly delayNs: bigint;
  readonly signal: AbortSignal;
}

export interface LabelOptions extends TimeRange {
  /** Only labels of the streams this selector matches. */
  readonly selector?: string;
}

export interface StreamsOptions extends TimeRange {
  readonly selector?: string;
}

export interface LogRecord {
  readonly tsNs: bigint;
  readonly line: string;
  readonly labels: Record<string, string>;
}

export interface StreamResult {
  readonly labels: Record<string, string>;
  /** In the query's direction. */
  readonly entries: ReadonlyArray<{ tsNs: bigint; line: string }>;
}

export interface SeriesResult {
  readonly metric: Record<string, string>;
  readonly samples: ReadonlyArray<{ tsNs: bigint; value: number }>;
}

export type RangeResult =
  | { readonly type: 'streams'; readonly streams: StreamResult[] }
  | { readonly type: 'matrix'; readonly series: SeriesResult[] };

export interface StreamStats {
  readonly id: string;
  readonly labels: Record<string, string>;
  readonly entries: number;
  readonly bytes: number;
  readonly firstNs?: bigint;
  readonly lastNs?: bigint;
}

export interface IndexStats {
  readonly streams: number;
  readonly entries: number;
  readonly bytes: number;
}

export type DeleteTarget =
  | { readonly kind: 'query'; readonly query: string }
  | { readonly kind: 'stream'; readonly labels: Labels };

export interface DeleteOutcome {
  /** Undefined when the backend deletes asynchronously and cannot tell. */
  readonly deleted: number | undefined;
}
