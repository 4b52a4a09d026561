import type { Duration, Timestamp } from '@bufbuild/protobuf/wkt';
import { loki, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { GrpcStatus, IsaCloudError } from '../errors.js';

const { LokiService, Direction, LogLevel, ResultType, ExportState } = loki;
const rpc = LokiService.method;

/**
 * A point in time: a Date, epoch milliseconds (number), epoch nanoseconds (bigint) or an RFC 3339
 * string (nanosecond fractions kept).
 */
export type LokiTime = Date | number | bigint | string;

export type LokiDirection = 'forward' | 'backward';

export type LokiLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'WARNING' | 'ERROR' | 'CRITICAL' | 'FATAL';

/** A line to push. `line` and `message` are the same thing (the guide's clients say "message"). */
export interface LokiLogInput {
  line?: string;
  message?: string;
  labels?: Record<string, string>;
  /** Default: now (set by the SDK, so a retried push is recognised as a duplicate). */
  timestamp?: LokiTime;
}

export interface LokiLogEntry {
  timestamp: Date;
  /** The exact time in nanoseconds (a Date keeps only milliseconds). */
  timestampNs: bigint;
  line: string;
  labels: Record<string, string>;
}

export interface LokiPushResult {
  /** The stream's label set, `{a="1", b="2"}`. */
  streamId: string;
  /** True when the same entry was already stored. */
  duplicate: boolean;
}

export interface LokiBatchResult {
  acceptedCount: number;
  acceptedBytes: number;
  duplicateCount: number;
  rejectedCount: number;
  /** Entries refused for their timestamps (too old, too new, too far behind their stream). */
  rejected: Array<{ index: number; reason: string }>;
}

export interface LokiStreamEntry {
  timestamp: Date;
  timestampNs: bigint;
  line: string;
}

export interface LokiStream {
  labels: Record<string, string>;
  entries: LokiStreamEntry[];
}

export interface LokiSample {
  timestamp: Date;
  value: number;
}

export interface LokiSeries {
  metric: Record<string, string>;
  samples: LokiSample[];
}

export interface LokiQueryStats {
  execTimeSeconds: number;
  entriesReturned: number;
  seriesReturned: number;
}

export interface LokiQueryRangeResult {
  resultType: 'streams' | 'matrix';
  streams: LokiStream[];
  matrix: LokiSeries[];
  stats: LokiQueryStats;
}

export interface LokiInstantResult {
  resultType: 'vector';
  /** One sample per series. */
  vector: LokiSeries[];
  stats: LokiQueryStats;
}

export interface LokiHealth {
  healthy: boolean;
  status: string;
  backend: string;
  message: string;
  canWrite: boolean;
  canRead: boolean;
  details: Record<string, string>;
  checkedAt: Date | undefined;
}

export interface LokiLabelValidation {
  valid: boolean;
  violations: Array<{ label: string; rule: string }>;
}

export interface LokiStreamInfo {
  streamId: string;
  labels: Record<string, string>;
  entryCount: number;
  bytes: number;
  /** Embedded store only. */
  firstEntryAt: Date | undefined;
  lastEntryAt: Date | undefined;
}

export interface LokiStreamPage {
  streams: LokiStreamInfo[];
  /** Pass to the next listStreams call; "" when this was the last page. */
  nextPageToken: string;
  totalCount: number;
}

export interface LokiQueryStatsResult {
  streams: number;
  entries: number;
  bytes: number;
}

export interface LokiDeleteResult {
  deletedEntries: number;
  /** Grafana Loki deletes asynchronously: then the count is unknown. */
  pending: boolean;
}

export interface LokiExportProgress {
  exportId: string;
  exportedEntries: number;
  exportedBytes: number;
  complete: boolean;
  bucketName: string;
  objectKey: string;
  etag: string;
}

export interface LokiExportStatus {
  exportId: string;
  state: 'running' | 'completed' | 'failed' | 'unknown';
  query: string;
  bucketName: string;
  objectKey: string;
  exportedEntries: number;
  exportedBytes: number;
  createdAt: Date | undefined;
  completedAt: Date | undefined;
  errorMessage: string;
}

export interface LokiQuota {
  dailyBytesLimit: number;
  todayBytesUsed: number;
  todayEntries: number;
  ingestionRateBytesPerSecond: number;
  ingestionBurstBytes: number;
  ingestionAvailableBytes: number;
  retentionSeconds: number;
  quotaExceeded: boolean;
  resetsAt: Date | undefined;
  todayRejectedPushes: number;
}

export interface LokiStatistics {
  totalEntries: number;
  totalBytes: number;
  streamsCount: number;
  entriesByLevel: Record<string, number>;
  entriesByService: Record<string, number>;
  /** Most recent day first. */
  ingestion: Array<{ date: string; entries: number; bytes: number }>;
  quota: LokiQuota;
}

export interface LokiRangeOptions {
  startTime?: LokiTime;
  endTime?: LokiTime;
}

const NS_PER_MS = 1_000_000n;
const NS_PER_SECOND = 1_000_000_000n;

let lastNs = 0n;
/** Now in ns, strictly increasing in this process: two lines pushed in one millisecond stay distinct. */
function monotonicNowNs(): bigint {
  const now = BigInt(Date.now()) * NS_PER_MS;
  lastNs = now > lastNs ? now : lastNs + 1n;
  return lastNs;
}

function invalid(operation: string, details: string): IsaCloudError {
  return new IsaCloudError({ service: 'Loki', operation, code: GrpcStatus.INVALID_ARGUMENT, details });
}

/** Nanoseconds since the epoch of a LokiTime. */
export function lokiTimeToNs(time: LokiTime): bigint {
  if (typeof time === 'bigint') return time;
  if (typeof time === 'number') {
    if (!Number.isFinite(time)) throw new TypeError(`not a time: ${time}`);
    return BigInt(Math.round(time * 1000)) * 1000n;
  }
  if (time instanceof Date) {
    const ms = time.getTime();
    if (Number.isNaN(ms)) throw new TypeError('invalid Date');
    return BigInt(ms) * NS_PER_MS;
  }
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) throw new TypeError(`not an RFC 3339 time: ${JSON.stringify(time)}`);
  const fraction = /\.(\d+)/.exec(time)?.[1] ?? '';
  const extraNs = fraction.length > 3 ? BigInt(fraction.slice(3, 9).padEnd(6, '0')) : 0n;
  return BigInt(ms) * NS_PER_MS + extraNs;
}

function toTimestamp(time: LokiTime | undefined): Timestamp | undefined {
  if (time === undefined) return undefined;
  const ns = lokiTimeToNs(time);
  return {
    $typeName: 'google.protobuf.Timestamp',
    seconds: ns / NS_PER_SECOND,
    nanos: Number(ns % NS_PER_SECOND),
  };
}

function secondsToDuration(seconds: number): Duration {
  const ns = BigInt(Math.round(seconds * 1e9));
  return {
    $typeName: 'google.protobuf.Duration',
    seconds: ns / NS_PER_SECOND,
    nanos: Number(ns % NS_PER_SECOND),
  };
}

function nsOf(ts: Timestamp | undefined): bigint {
  return ts ? ts.seconds * NS_PER_SECOND + BigInt(ts.nanos) : 0n;
}

function dateOf(ts: Timestamp | undefined): Date | undefined {
  return ts ? new Date(Number(nsOf(ts) / NS_PER_MS)) : undefined;
}

function entryOf(e: {
  timestamp?: Timestamp | undefined;
  line: string;
  labels?: Record<string, string>;
}): LokiLogEntry {
  const ns = nsOf(e.timestamp);
  return {
    timestamp: new Date(Number(ns / NS_PER_MS)),
    timestampNs: ns,
    line: e.line,
    labels: e.labels ?? {},
  };
}

function directionOf(direction: LokiDirection | undefined): loki.Direction {
  return direction === 'forward'
    ? Direction.FORWARD
    : direction === 'backward'
      ? Direction.BACKWARD
      : Direction.UNSPECIFIED;
}

function seriesOf(s: loki.Series): LokiSeries {
  return {
    metric: s.metric,
    samples: s.samples.map((x) => ({ timestamp: dateOf(x.timestamp)!, value: x.value })),
  };
}

function statsOf(s: loki.QueryStatistics | undefined): LokiQueryStats {
  return {
    execTimeSeconds: s?.execTimeSeconds ?? 0,
    entriesReturned: Number(s?.entriesReturned ?? 0n),
    seriesReturned: Number(s?.seriesReturned ?? 0n),
  };
}

function streamInfoOf(s: loki.StreamInfo | undefined): LokiStreamInfo {
  return {
    streamId: s?.streamId ?? '',
    labels: s?.labels ?? {},
    entryCount: Number(s?.entryCount ?? 0n),
    bytes: Number(s?.bytes ?? 0n),
    firstEntryAt: dateOf(s?.firstEntryAt),
    lastEntryAt: dateOf(s?.lastEntryAt),
  };
}

function quotaOf(q: loki.QuotaStatus | undefined): LokiQuota {
  return {
    dailyBytesLimit: Number(q?.dailyBytesLimit ?? 0n),
    todayBytesUsed: Number(q?.todayBytesUsed ?? 0n),
    todayEntries: Number(q?.todayEntries ?? 0n),
    ingestionRateBytesPerSecond: Number(q?.ingestionRateBytesPerSecond ?? 0n),
    ingestionBurstBytes: Number(q?.ingestionBurstBytes ?? 0n),
    ingestionAvailableBytes: Number(q?.ingestionAvailableBytes ?? 0n),
    retentionSeconds: Number(q?.retention?.seconds ?? 0n),
    quotaExceeded: q?.quotaExceeded ?? false,
    resetsAt: dateOf(q?.resetsAt),
    todayRejectedPushes: Number(q?.todayRejectedPushes ?? 0n),
  };
}

function batchOf(r: {
  acceptedCount: bigint;
  acceptedBytes: bigint;
  duplicateCount: bigint;
  rejected: loki.RejectedEntry[];
}): LokiBatchResult {
  return {
    acceptedCount: Number(r.acceptedCount),
    acceptedBytes: Number(r.acceptedBytes),
    duplicateCount: Number(r.duplicateCount),
    rejectedCount: r.rejected.length,
    rejected: r.rejected.map((x) => ({ index: Number(x.index), reason: x.reason })),
  };
}

const LEVELS: Record<string, loki.LogLevel> = {
  DEBUG: LogLevel.DEBUG,
  INFO: LogLevel.INFO,
  WARN: LogLevel.WARN,
  WARNING: LogLevel.WARN,
  ERROR: LogLevel.ERROR,
  CRITICAL: LogLevel.FATAL,
  FATAL: LogLevel.FATAL,
};

const EXPORT_STATES: Record<number, LokiExportStatus['state']> = {
  [ExportState.RUNNING]: 'running',
  [ExportState.COMPLETED]: 'completed',
  [ExportState.FAILED]: 'failed',
};

function wireEntry(operation: string, input: LokiLogInput, index?: number) {
  const line = input.line ?? input.message;
  if (line === undefined) {
    throw invalid(
      operation,
      `${index === undefined ? 'the entry' : `entry ${index}`} has neither line nor message`,
    );
  }
  return {
    line,
    labels: input.labels ?? {},
    timestamp: toTimestamp(input.timestamp ?? monotonicNowNs()),
  };
}

function exportProgressOf(r: loki.ExportLogsResponse): LokiExportProgress {
  return {
    exportId: r.exportId,
    exportedEntries: Number(r.exportedEntries),
    exportedBytes: Number(r.exportedBytes),
    complete: r.complete,
    bucketName: r.bucketName,
    objectKey: r.objectKey,
    etag: r.etag,
  };
}

/**
 * Log aggregation (Grafana Loki or the embedded store), port 50054. Every call acts in your own log
 * scope: labels are your own, and no selector can reach another tenant's streams.
 */
export class LokiClient extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super(SERVICE_CATALOG.get('loki')!, options);
  }

  healthCheck(options: { deepCheck?: boolean } & CallOptions = {}): Promise<LokiHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { deepCheck: options.deepCheck ?? false }, options);
      return {
        healthy: r.healthy,
        status: r.status,
        backend: r.backend,
        message: r.message,
        canWrite: r.canWrite,
        canRead: r.canRead,
        details: r.details,
        checkedAt: dateOf(r.checkedAt),
      };
    });
  }

  // ---- push ----

  /** Pushes one line with labels; resolves once it is stored. */
  pushLog(
    message: string,
    options: { labels?: Record<string, string>; timestamp?: LokiTime } & CallOptions = {},
  ): Promise<LokiPushResult | null> {
    return this.run('pushLog', options, async () => {
      const entry = wireEntry('pushLog', { line: message, ...options });
      const r = await this.unary(rpc.pushLog, { entry }, options);
      return { streamId: r.streamId, duplicate: r.duplicate };
    });
  }

  /** One line with `service` and `level` labels (levels: DEBUG, INFO, WARN(ING), ERROR, CRITICAL/FATAL). */
  pushSimpleLog(
    message: string,
    service: string,
    options: {
      level?: LokiLogLevel | Lowercase<LokiLogLevel>;
      extraLabels?: Record<string, string>;
      timestamp?: LokiTime;
    } & CallOptions = {},
  ): Promise<LokiPushResult | null> {
    return this.run('pushSimpleLog', options, async () => {
      const level = LEVELS[(options.level ?? 'INFO').toUpperCase()];
      if (level === undefined)
        throw invalid('pushSimpleLog', `unknown level ${JSON.stringify(options.level)}`);
      const r = await this.unary(
        rpc.pushSimpleLog,
        {
          message,
          service,
          level,
          extraLabels: options.extraLabels ?? {},
          timestamp: toTimestamp(options.timestamp ?? monotonicNowNs()),
        },
        options,
      );
      return { streamId: r.streamId, duplicate: r.duplicate };
    });
  }

  /** Pushes many lines in one call; invalid labels or lines refuse the whole batch. */
  pushLogBatch(entries: LokiLogInput[], options?: CallOptions): Promise<LokiBatchResult | null> {
    return this.run('pushLogBatch', options, async () => {
      const wire = entries.map((e, i) => wireEntry('pushLogBatch', e, i));
      return batchOf(await this.unary(rpc.pushLogBatch, { entries: wire }, options));
    });
  }

  /**
   * Streams lines from a (possibly endless) source in one call, in messages of at most `batchSize` lines
   * or `batchBytes` bytes, each grouping its lines by stream (labels travel once per stream and message,
   * as in Loki's own push API). Resolves once the source ends and every line is stored; rejected entries
   * are reported by their position in the source.
   */
  pushLogStream(
    source: Iterable<LokiLogInput> | AsyncIterable<LokiLogInput>,
    options: { batchSize?: number; batchBytes?: number } & CallOptions = {},
  ): Promise<LokiBatchResult | null> {
    return this.run('pushLogStream', options, async () => {
      const batchSize = options.batchSize ?? 1000;
      const batchBytes = options.batchBytes ?? 1024 * 1024;
      async function* messages() {
        let groups = new Map<
          string,
          { labels: Record<string, string>; ts: bigint[]; lines: string[]; from: number[] }
        >();
        let count = 0;
        let bytes = 0;
        let index = 0;
        const flush = () => {
          // Positions tell the server each line's place in the source, so rejected entries are
          // reported in the caller's numbering without the SDK keeping a map of a possibly endless stream.
          const streams = [...groups.values()].map((g) => ({
            labels: g.labels,
            timestampsNs: g.ts,
            lines: g.lines,
            positions: g.from.map(BigInt),
          }));
          groups = new Map();
          count = 0;
          bytes = 0;
          return { message: { streams }, compress: true };
        };
        for await (const input of source) {
          const line = input.line ?? input.message;
          if (line === undefined)
            throw invalid('pushLogStream', `entry ${index} has neither line nor message`);
          const labels = input.labels ?? {};
          const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
          let group = groups.get(key);
          if (!group) {
            group = { labels, ts: [], lines: [], from: [] };
            groups.set(key, group);
          }
          group.ts.push(input.timestamp === undefined ? monotonicNowNs() : lokiTimeToNs(input.timestamp));
          group.lines.push(line);
          group.from.push(index++);
          count++;
          bytes += line.length;
          if (count >= batchSize || bytes >= batchBytes) yield flush();
        }
        if (count > 0) yield flush();
      }
      return batchOf(await this.clientStream(rpc.pushLogStream, messages(), options));
    });
  }

  validateLabels(labels: Record<string, string>, options?: CallOptions): Promise<LokiLabelValidation | null> {
    return this.run('validateLabels', options, async () => {
      const r = await this.unary(rpc.validateLabels, { labels }, options);
      return { valid: r.valid, violations: r.violations.map((v) => ({ label: v.label, rule: v.rule })) };
    });
  }

  // ---- queries ----

  /** A log query over [startTime, endTime) (default: the last hour), newest first unless `direction`. */
  queryLogs(
    query: string,
    options: { limit?: number; direction?: LokiDirection } & LokiRangeOptions & CallOptions = {},
  ): Promise<LokiLogEntry[] | null> {
    return this.run('queryLogs', options, async () => {
      const r = await this.unary(
        rpc.queryLogs,
        {
          query,
          start: toTimestamp(options.startTime),
          end: toTimestamp(options.endTime),
          limit: options.limit ?? 100,
          direction: directionOf(options.direction),
        },
        options,
      );
      return r.entries.map(entryOf);
    });
  }

  /** An instant metric query at `time` (default now). */
  query(
    query: string,
    options: { time?: LokiTime; limit?: number; direction?: LokiDirection } & CallOptions = {},
  ): Promise<LokiInstantResult | null> {
    return this.run('query', options, async () => {
      const r = await this.unary(
        rpc.query,
        {
          query,
          time: toTimestamp(options.time),
          limit: options.limit ?? 100,
          direction: directionOf(options.direction),
        },
        options,
      );
      return { resultType: 'vector' as const, vector: r.vector.map(seriesOf), stats: statsOf(r.stats) };
    });
  }

  /**
   * A range query: streams for a log query, a matrix for a metric query evaluated every `step` seconds
   * (default: (end - start) / 250, at least one second).
   */
  queryRange(
    query: string,
    startTime: LokiTime,
    endTime: LokiTime,
    options: { step?: number; limit?: number; direction?: LokiDirection } & CallOptions = {},
  ): Promise<LokiQueryRangeResult | null> {
    return this.run('queryRange', options, async () => {
      const r = await this.unary(
        rpc.queryRange,
        {
          query,
          start: toTimestamp(startTime),
          end: toTimestamp(endTime),
          step: options.step === undefined ? undefined : secondsToDuration(options.step),
          limit: options.limit ?? 1000,
          direction: directionOf(options.direction),
        },
        options,
      );
      return {
        resultType: r.resultType === ResultType.MATRIX ? ('matrix' as const) : ('streams' as const),
        streams: r.streams.map((s) => ({
          labels: s.labels,
          entries: s.entries.map((e) => {
            const { timestamp, timestampNs, line } = entryOf(e);
            return { timestamp, timestampNs, line };
          }),
        })),
        matrix: r.matrix.map(seriesOf),
        stats: statsOf(r.stats),
      };
    });
  }

  /**
   * Tails a log query: the most recent `limit` entries since `start` (default the last hour), then each
   * new entry as it arrives, until the loop ends or `signal` aborts. Failures throw IsaCloudError.
   */
  async *tailLogs(
    query: string,
    options: { delayFor?: number; limit?: number; start?: LokiTime } & CallOptions = {},
  ): AsyncGenerator<LokiLogEntry> {
    const request = {
      query,
      delayFor: secondsToDuration(options.delayFor ?? 0),
      limit: options.limit ?? 100,
      start: toTimestamp(options.start),
    };
    try {
      for await (const r of this.serverStream(rpc.tailLogs, request, options)) {
        for (const e of r.entries) yield entryOf(e);
      }
    } catch (err) {
      // Aborting the signal is how a caller stops tailing: the stream then simply ends.
      if (options.signal?.aborted) return;
      throw err;
    }
  }

  queryStats(
    query: string,
    startTime?: LokiTime,
    endTime?: LokiTime,
    options?: CallOptions,
  ): Promise<LokiQueryStatsResult | null> {
    return this.run('queryStats', options, async () => {
      const r = await this.unary(
        rpc.queryStats,
        { query, start: toTimestamp(startTime), end: toTimestamp(endTime) },
        options,
      );
      return { streams: Number(r.streams), entries: Number(r.entries), bytes: Number(r.bytes) };
    });
  }

  /** Label names in use (default: the last six hours), optionally only those of a selector's streams. */
  getLabels(options: { query?: string } & LokiRangeOptions & CallOptions = {}): Promise<string[] | null> {
    return this.run('getLabels', options, async () => {
      const r = await this.unary(
        rpc.getLabels,
        {
          start: toTimestamp(options.startTime),
          end: toTimestamp(options.endTime),
          query: options.query ?? '',
        },
        options,
      );
      return r.labels;
    });
  }

  getLabelValues(
    labelName: string,
    options: { query?: string } & LokiRangeOptions & CallOptions = {},
  ): Promise<string[] | null> {
    return this.run('getLabelValues', options, async () => {
      const r = await this.unary(
        rpc.getLabelValues,
        {
          labelName,
          start: toTimestamp(options.startTime),
          end: toTimestamp(options.endTime),
          query: options.query ?? '',
        },
        options,
      );
      return r.values;
    });
  }

  // ---- streams ----

  listStreams(
    options: { selector?: string; pageSize?: number; pageToken?: string } & LokiRangeOptions &
      CallOptions = {},
  ): Promise<LokiStreamPage | null> {
    return this.run('listStreams', options, async () => {
      const r = await this.unary(
        rpc.listStreams,
        {
          selector: options.selector ?? '',
          start: toTimestamp(options.startTime),
          end: toTimestamp(options.endTime),
          pageSize: options.pageSize ?? 0,
          pageToken: options.pageToken ?? '',
        },
        options,
      );
      return {
        streams: r.streams.map(streamInfoOf),
        nextPageToken: r.nextPageToken,
        totalCount: Number(r.totalCount),
      };
    });
  }

  getStreamInfo(
    streamId: string,
    options: LokiRangeOptions & CallOptions = {},
  ): Promise<LokiStreamInfo | null> {
    return this.run('getStreamInfo', options, async () => {
      const r = await this.unary(
        rpc.getStreamInfo,
        { streamId, start: toTimestamp(options.startTime), end: toTimestamp(options.endTime) },
        options,
      );
      return streamInfoOf(r.stream);
    });
  }

  /** Deletes one stream's entries (default: all of them). */
  deleteStream(
    streamId: string,
    options: LokiRangeOptions & CallOptions = {},
  ): Promise<LokiDeleteResult | null> {
    return this.run('deleteStream', options, async () => {
      const r = await this.unary(
        rpc.deleteStream,
        { streamId, start: toTimestamp(options.startTime), end: toTimestamp(options.endTime) },
        options,
      );
      return { deletedEntries: Number(r.deletedEntries), pending: r.pending };
    });
  }

  /** Deletes what a stream selector (with optional line filters) matches. */
  deleteLogs(query: string, options: LokiRangeOptions & CallOptions = {}): Promise<LokiDeleteResult | null> {
    return this.run('deleteLogs', options, async () => {
      const r = await this.unary(
        rpc.deleteLogs,
        { query, start: toTimestamp(options.startTime), end: toTimestamp(options.endTime) },
        options,
      );
      return { deletedEntries: Number(r.deletedEntries), pending: r.pending };
    });
  }

  // ---- export ----

  /**
   * Writes a log query's result as NDJSON to `objectKey` in one of your buckets in object storage
   * (oldest first unless `direction`). `onProgress` sees progress; resolves to the final state.
   */
  exportLogs(
    query: string,
    startTime: LokiTime,
    endTime: LokiTime,
    bucketName: string,
    objectKey: string,
    options: { direction?: LokiDirection; onProgress?: (p: LokiExportProgress) => void } & CallOptions = {},
  ): Promise<LokiExportProgress | null> {
    return this.run('exportLogs', options, async () => {
      const request = {
        query,
        start: toTimestamp(startTime),
        end: toTimestamp(endTime),
        direction: directionOf(options.direction),
        bucketName,
        objectKey,
      };
      let last: LokiExportProgress | undefined;
      for await (const r of this.serverStream(rpc.exportLogs, request, options)) {
        last = exportProgressOf(r);
        options.onProgress?.(last);
      }
      if (!last?.complete) {
        throw new IsaCloudError({
          service: 'Loki',
          operation: 'exportLogs',
          code: GrpcStatus.UNAVAILABLE,
          details: 'the export ended before it completed',
        });
      }
      return last;
    });
  }

  getExportStatus(exportId: string, options?: CallOptions): Promise<LokiExportStatus | null> {
    return this.run('getExportStatus', options, async () => {
      const r = await this.unary(rpc.getExportStatus, { exportId }, options);
      return {
        exportId: r.exportId,
        state: EXPORT_STATES[r.state] ?? 'unknown',
        query: r.query,
        bucketName: r.bucketName,
        objectKey: r.objectKey,
        exportedEntries: Number(r.exportedEntries),
        exportedBytes: Number(r.exportedBytes),
        createdAt: dateOf(r.createdAt),
        completedAt: dateOf(r.completedAt),
        errorMessage: r.errorMessage,
      };
    });
  }

  // ---- usage ----

  getStatistics(options: LokiRangeOptions & CallOptions = {}): Promise<LokiStatistics | null> {
    return this.run('getStatistics', options, async () => {
      const r = await this.unary(
        rpc.getStatistics,
        { start: toTimestamp(options.startTime), end: toTimestamp(options.endTime) },
        options,
      );
      const numbers = (m: Record<string, bigint>) =>
        Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v)]));
      return {
        totalEntries: Number(r.totalEntries),
        totalBytes: Number(r.totalBytes),
        streamsCount: Number(r.streamsCount),
        entriesByLevel: numbers(r.entriesByLevel),
        entriesByService: numbers(r.entriesByService),
        ingestion: r.ingestion.map((d) => ({
          date: d.date,
          entries: Number(d.entries),
          bytes: Number(d.bytes),
        })),
        quota: quotaOf(r.quota),
      };
    });
  }

  getUserQuota(options?: CallOptions): Promise<LokiQuota | null> {
    return this.run('getUserQuota', options, async () =>
      quotaOf((await this.unary(rpc.getUserQuota, {}, options)).quota),
    );
  }
}
