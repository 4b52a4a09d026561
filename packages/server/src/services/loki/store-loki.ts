import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import { compareLabels, goQuote, streamId } from './labels.js';
import { formatDuration } from './logql/lexer.js';
import { isTenantScope } from './names.js';
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
import { groupStreams, sleep } from './store-duckdb.js';
import { formatNs, NS_PER_MS, NS_PER_SECOND } from './time.js';

const gzipAsync = promisify(gzip);

export interface LokiHttpOptions {
  /** Base URL, e.g. http://loki:3100 (a path prefix is kept). */
  readonly url: string;
  readonly username?: string;
  readonly password?: string;
  readonly timeoutMs: number;
  readonly tailPollMs: number;
  readonly now: () => bigint;
}

/** Entries per query_range page when paging (Loki's default max_entries_limit_per_query is 5000). */
const PAGE = 1000;
const COMPRESS_FROM_BYTES = 64 * 1024;

interface LokiResponse {
  status?: string;
  data?: {
    resultType?: string;
    result?: unknown[];
  };
}

type JsonLabels = Record<string, string>;

function asLabels(value: unknown): JsonLabels {
  const out: JsonLabels = {};
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out[k] = String(v);
  }
  return out;
}

function sampleValue(text: unknown): number {
  const s = String(text);
  if (s === '+Inf' || s === 'Inf') return Number.POSITIVE_INFINITY;
  if (s === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(s);
}

/** Loki sample times are float seconds with millisecond precision. */
function sampleTime(value: unknown): bigint {
  return BigInt(Math.round(Number(value) * 1000)) * NS_PER_MS;
}

/** Go's time.Time.String() in UTC ("2006-01-02 15:04:05.999999999 +0000 UTC"), as Loki writes times. */
export function goTimeString(ns: bigint): string {
  const iso = formatNs(ns);
  const fraction = iso.slice(20, 29).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}

function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Grafana Loki over its HTTP API. Every request carries X-Scope-OrgID set to the tenant scope the
 * handlers computed from the caller's verified tenant, so Loki keeps tenants apart; nothing a client
 * sends can choose the header. Queries are passed to Loki unchanged (full LogQL).
 *
 * Tail polls query_range (the websocket tail endpoint would need a websocket client dependency):
 * entries are delivered within about one poll interval plus `delay_for`, and entries arriving more than
 * a few poll intervals late are not delivered.
 */
export class LokiHttpStore implements LogStore {
  readonly kind = 'loki' as const;
  private readonly base: string;
  private readonly authorization: string | undefined;

  constructor(private readonly options: LokiHttpOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.authorization =
      options.username !== undefined
        ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
        : undefined;
  }

  private async call(
    scope: string | undefined,
    method: 'GET' | 'POST',
    path: string,
    init: {
      params?: URLSearchParams;
      body?: Buffer | string;
      contentType?: string;
      gzip?: boolean;
      signal?: AbortSignal | undefined;
      field?: string;
    } = {},
  ): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = { 'user-agent': 'isa-cloud-loki-service' };
    if (scope !== undefined) {
      // Defence in depth: the header is only ever a scope tenantScope() produced.
      if (!isTenantScope(scope))
        throw new Error(`refusing to send an invalid tenant scope ${JSON.stringify(scope)}`);
      headers['x-scope-orgid'] = scope;
    }
    if (this.authorization) headers.authorization = this.authorization;
    if (init.contentType) headers['content-type'] = init.contentType;
    if (init.gzip) headers['content-encoding'] = 'gzip';
    const query = init.params ? `?${init.params.toString()}` : '';
    const signals = [AbortSignal.timeout(this.options.timeoutMs), ...(init.signal ? [init.signal] : [])];
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}${query}`, {
        method,
        headers,
        ...(init.body !== undefined ? { body: init.body } : {}),
        signal: AbortSignal.any(signals),
      });
    } catch (err) {
      if (init.signal?.aborted) throw init.signal.reason;
      const reason =
        (err as Error).name === 'TimeoutError'
          ? `no answer within ${this.options.timeoutMs} ms`
          : String((err as { cause?: unknown }).cause ?? err);
      throw ServiceError.unavailable(`Loki at ${this.base} is unreachable: ${reason}`, err);
    }
    const text = await response.text();
    const { status } = response;
    if (status >= 200 && status < 300) return { status, text };
    const detail = text.trim().slice(0, 2000) || response.statusText;
    if (status === 400 || status === 422) {
      throw new ServiceError(GrpcStatus.INVALID_ARGUMENT, `${init.field ?? 'query'}: ${detail}`, {
        field: init.field ?? 'query',
      });
    }
    if (status === 429) throw ServiceError.resourceExhausted(`Loki: ${detail}`);
    if (status === 404)
      throw ServiceError.unimplemented(`Loki at ${this.base} does not serve ${path} (${detail})`);
    if (status === 401 || status === 403) {
      throw ServiceError.unavailable(
        `Loki refused the service's credentials (${status}): check LOKI_USERNAME/LOKI_PASSWORD`,
      );
    }
    throw ServiceError.unavailable(`Loki answered ${status}: ${detail}`);
  }

  private async json(
    scope: string,
    path: string,
    params: URLSearchParams,
    signal: AbortSignal | undefined,
  ): Promise<LokiResponse> {
    const { text } = await this.call(scope, 'GET', path, { params, signal });
    try {
      return JSON.parse(text) as LokiResponse;
    } catch {
      throw ServiceError.unavailable(`Loki answered ${path} with something other than JSON`);
    }
  }

  // ---- push ----

  async push(scope: string, entries: readonly PushEntry[]): Promise<PushOutcome> {
    const streams = new Map<string, { stream: JsonLabels; values: Array<[string, string]> }>();
    for (const e of entries) {
      let s = streams.get(e.stream);
      if (!s) {
        s = { stream: { ...e.labels }, values: [] };
        streams.set(e.stream, s);
      }
      s.values.push([e.tsNs.toString(), e.line]);
    }
    const json = JSON.stringify({ streams: [...streams.values()] });
    const compress = byteLength(json) >= COMPRESS_FROM_BYTES;
    const body = compress ? await gzipAsync(json) : json;
    try {
      await this.call(scope, 'POST', '/loki/api/v1/push', {
        body,
        contentType: 'application/json',
        gzip: compress,
        field: 'entries',
      });
    } catch (err) {
      if (err instanceof ServiceError && err.code === GrpcStatus.INVALID_ARGUMENT) {
        const rejected = attributeRejections(err.message.replace(/^entries: /, ''), entries);
        if (rejected) return outcomeOf(entries, rejected);
      }
      throw err;
    }
    return outcomeOf(entries, []);
  }

  // ---- queries ----

  private rangeParams(query: string, startNs: bigint, endNs: bigint, limit: number, direction: Direction) {
    return new URLSearchParams({
      query,
      start: startNs.toString(),
      end: endNs.toString(),
      limit: String(limit),
      direction,
    });
  }

  async queryRange(scope: string, query: string, options: RangeOptions): Promise<RangeResult> {
    const params = this.rangeParams(query, options.startNs, options.endNs, options.limit, options.direction);
    params.set('step', String(Number(options.stepNs) / 1e9));
    const response = await this.json(scope, '/loki/api/v1/query_range', params, options.signal);
    const type = response.data?.resultType;
    const result = response.data?.result ?? [];
    if (type === 'streams') return { type: 'streams', streams: parseStreams(result) };
    if (type === 'matrix') return { type: 'matrix', series: parseMatrix(result) };
    throw ServiceError.unavailable(`Loki answered query_range with result type ${String(type)}`);
  }

  async queryInstant(scope: string, query: string, options: InstantOptions): Promise<SeriesResult[]> {
    const params = new URLSearchParams({
      query,
      time: options.timeNs.toString(),
      limit: String(options.limit),
      direction: options.direction,
    });
    const response = await this.json(scope, '/loki/api/v1/query', params, options.signal);
    const type = response.data?.resultType;
    if (type === 'streams') {
      throw ServiceError.invalidArgument(
        'query',
        'log queries are not supported as an instant query type, please change your query to a range query type',
      );
    }
    if (type !== 'vector')
      throw ServiceError.unavailable(`Loki answered query with result type ${String(type)}`);
    return (response.data?.result ?? []).map((item) => {
      const r = item as { metric?: unknown; value?: [unknown, unknown] };
      return {
        metric: asLabels(r.metric),
        samples: r.value ? [{ tsNs: sampleTime(r.value[0]), value: sampleValue(r.value[1]) }] : [],
      };
    });
  }

  /** One page of a log query, in direction order, flattened. */
  private async page(
    scope: string,
    query: string,
    startNs: bigint,
    endNs: bigint,
    direction: Direction,
    signal: AbortSignal | undefined,
  ): Promise<LogRecord[]> {
    const response = await this.json(
      scope,
      '/loki/api/v1/query_range',
      this.rangeParams(query, startNs, endNs, PAGE, direction),
      signal,
    );
    if (response.data?.resultType !== 'streams') {
      throw ServiceError.invalidArgument('query', 'needs a log query, not a metric query');
    }
    const records = parseStreams(response.data.result ?? []).flatMap((s) =>
      s.entries.map((e) => ({ tsNs: e.tsNs, line: e.line, labels: s.labels })),
    );
    records.sort((a, b) => (a.tsNs === b.tsNs ? 0 : a.tsNs < b.tsNs === (direction === 'forward') ? -1 : 1));
    return records;
  }

  async *scan(scope: string, query: string, options: ScanOptions): AsyncIterable<LogRecord[]> {
    const forward = options.direction === 'forward';
    let startNs = options.startNs;
    let endNs = options.endNs;
    // Entries at the page boundary's timestamp already delivered (the next page starts at that time again).
    let boundary = new Set<string>();
    for (;;) {
      const records = await this.page(scope, query, startNs, endNs, options.direction, options.signal);
      const fresh = records.filter((r) => !boundary.has(entryKey(r)));
      if (fresh.length > 0) yield fresh;
      if (records.length < PAGE) return;
      const last = records.at(-1)!.tsNs;
      const atLast = records.filter((r) => r.tsNs === last);
      if (atLast.length === records.length) {
        // A whole page shares one timestamp: step past it rather than loop (Loki cannot page within one ns).
        boundary = new Set();
        if (forward) startNs = last + 1n;
        else endNs = last;
        continue;
      }
      boundary = new Set(atLast.map(entryKey));
      if (forward) startNs = last;
      else endNs = last + 1n;
    }
  }

  async *tail(scope: string, query: string, options: TailOptions): AsyncIterable<LogRecord[]> {
    const { signal } = options;
    const poll = BigInt(this.options.tailPollMs) * NS_PER_MS;
    const lookback = options.delayNs + 3n * poll + 2n * NS_PER_SECOND;
    const seen = new Map<string, bigint>();
    let lastPoll = this.options.now();
    if (options.limit > 0) {
      const recent = await this.page(scope, query, options.startNs, lastPoll, 'backward', signal);
      const backfill = recent.slice(0, options.limit).reverse();
      for (const r of backfill) seen.set(entryKey(r), r.tsNs);
      if (backfill.length > 0) yield backfill;
    }
    while (!signal.aborted) {
      await sleep(this.options.tailPollMs, signal);
      if (signal.aborted) break;
      const now = this.options.now();
      const from = lastPoll - lookback > options.startNs ? lastPoll - lookback : options.startNs;
      const upto = now - options.delayNs;
      if (upto <= from) continue;
      const fresh: LogRecord[] = [];
      for await (const page of this.scan(scope, query, {
        startNs: from,
        endNs: upto,
        direction: 'forward',
        signal,
      })) {
        for (const r of page) {
          const key = entryKey(r);
          if (seen.has(key)) continue;
          seen.set(key, r.tsNs);
          fresh.push(r);
        }
      }
      for (const [key, ts] of seen) if (ts < from - lookback) seen.delete(key);
      lastPoll = upto;
      if (fresh.length > 0) yield fresh;
    }
  }

  // ---- labels, streams, stats ----

  private timeParams(options: TimeRange): URLSearchParams {
    return new URLSearchParams({ start: options.startNs.toString(), end: options.endNs.toString() });
  }

  async labelNames(scope: string, options: LabelOptions): Promise<string[]> {
    const params = this.timeParams(options);
    if (options.selector) params.set('query', options.selector);
    const response = await this.json(scope, '/loki/api/v1/labels', params, options.signal);
    return ((response.data as unknown as string[] | undefined) ?? []).map(String).sort();
  }

  async labelValues(scope: string, name: string, options: LabelOptions): Promise<string[]> {
    const params = this.timeParams(options);
    if (options.selector) params.set('query', options.selector);
    const response = await this.json(
      scope,
      `/loki/api/v1/label/${encodeURIComponent(name)}/values`,
      params,
      options.signal,
    );
    return ((response.data as unknown as string[] | undefined) ?? []).map(String).sort();
  }

  /** Per-stream counts from instant count_over_time / bytes_over_time over the whole range. */
  private async counts(
    scope: string,
    selector: string,
    options: TimeRange,
    into: Map<string, StreamStats>,
  ): Promise<void> {
    const range = formatDuration(options.endNs - options.startNs);
    const at = {
      timeNs: options.endNs,
      limit: 100,
      direction: 'backward' as const,
      ...(options.signal ? { signal: options.signal } : {}),
    };
    const [counts, bytes] = await Promise.all([
      this.queryInstant(scope, `count_over_time(${selector}[${range}])`, at),
      this.queryInstant(scope, `bytes_over_time(${selector}[${range}])`, at),
    ]);
    const bytesById = new Map(bytes.map((s) => [streamId(s.metric), s.samples[0]?.value ?? 0]));
    for (const s of counts) {
      const id = streamId(s.metric);
      const entries = s.samples[0]?.value ?? 0;
      if (entries > 0) into.set(id, { id, labels: s.metric, entries, bytes: bytesById.get(id) ?? 0 });
    }
  }

  async streams(scope: string, options: StreamsOptions): Promise<StreamStats[]> {
    // LogQL has no "every stream" selector: every stream has at least one label, so {name=~".+"} for
    // each label name covers each stream (counted once, by its label set).
    const selectors = options.selector
      ? [options.selector]
      : (await this.labelNames(scope, options)).map((name) => `{${name}=~".+"}`);
    if (selectors.length === 0) return [];
    const params = this.timeParams(options);
    for (const selector of selectors) params.append('match[]', selector);
    const response = await this.json(scope, '/loki/api/v1/series', params, options.signal);
    const series = ((response.data as unknown as unknown[] | undefined) ?? []).map(asLabels);
    const counted = new Map<string, StreamStats>();
    for (const selector of selectors) await this.counts(scope, selector, options, counted);
    const found: StreamStats[] = [];
    for (const labels of series) {
      const stats = counted.get(streamId(labels));
      if (stats) found.push(stats);
    }
    return found.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async indexStats(scope: string, selector: string, options: TimeRange): Promise<IndexStats> {
    const params = this.timeParams(options);
    params.set('query', selector);
    const { text } = await this.call(scope, 'GET', '/loki/api/v1/index/stats', {
      params,
      signal: options.signal,
    });
    const stats = JSON.parse(text) as { streams?: number; entries?: number; bytes?: number };
    return {
      streams: Number(stats.streams ?? 0),
      entries: Number(stats.entries ?? 0),
      bytes: Number(stats.bytes ?? 0),
    };
  }

  async delete(scope: string, target: DeleteTarget, options: TimeRange): Promise<DeleteOutcome> {
    let query: string;
    if (target.kind === 'query') query = target.query;
    else {
      // Exactly this label set: every other label name of the tenant must be absent.
      const others = (await this.labelNames(scope, options)).filter((n) => !(n in target.labels));
      const matchers = [
        ...Object.keys(target.labels)
          .sort()
          .map((n) => `${n}=${goQuote(target.labels[n]!)}`),
        ...others.map((n) => `${n}=""`),
      ];
      query = `{${matchers.join(', ')}}`;
    }
    const params = new URLSearchParams({
      query,
      start: String(options.startNs / NS_PER_SECOND),
      end: String((options.endNs + NS_PER_SECOND - 1n) / NS_PER_SECOND),
    });
    await this.call(scope, 'POST', '/loki/api/v1/delete', { params, signal: options.signal });
    return { deleted: undefined };
  }

  // ---- lifecycle ----

  async health(deep: boolean): Promise<StoreHealth> {
    const details: Record<string, string> = { url: this.base };
    try {
      const { text } = await this.call(undefined, 'GET', '/ready');
      details.ready = text.trim();
    } catch (err) {
      return {
        healthy: false,
        message: err instanceof ServiceError ? err.message : `Loki at ${this.base} is not ready`,
        canRead: false,
        canWrite: false,
        details,
      };
    }
    if (!deep) return { healthy: true, message: '', canRead: true, canWrite: true, details };
    const now = this.options.now();
    try {
      await this.labelNames('isa-health.probe', { startNs: now - 60n * NS_PER_SECOND, endNs: now });
    } catch (err) {
      return {
        healthy: false,
        message: `Loki does not answer queries: ${(err as Error).message}`,
        canRead: false,
        canWrite: true,
        details,
      };
    }
    return { healthy: true, message: '', canRead: true, canWrite: true, details };
  }

  async close(): Promise<void> {}
}

function entryKey(r: LogRecord): string {
  return `${streamId(r.labels)}\n${r.tsNs}\n${r.line}`;
}

function parseStreams(result: unknown[]): StreamResult[] {
  const records: LogRecord[] = [];
  for (const item of result) {
    const s = item as { stream?: unknown; values?: unknown[] };
    const labels = asLabels(s.stream);
    for (const value of s.values ?? []) {
      const [ts, line] = value as [string, string];
      records.push({ tsNs: BigInt(ts), line: String(line), labels });
    }
  }
  return groupStreams(records);
}

function parseMatrix(result: unknown[]): SeriesResult[] {
  return result
    .map((item) => {
      const s = item as { metric?: unknown; values?: Array<[unknown, unknown]> };
      return {
        metric: asLabels(s.metric),
        samples: (s.values ?? []).map(([t, v]) => ({ tsNs: sampleTime(t), value: sampleValue(v) })),
      };
    })
    .sort((a, b) => compareLabels(a.metric, b.metric));
}

function outcomeOf(
  entries: readonly PushEntry[],
  rejected: Array<{ index: number; reason: string; bytes: number }>,
): PushOutcome {
  const refused = new Set(rejected.map((r) => r.index));
  let accepted = 0;
  let acceptedBytes = 0;
  for (const e of entries) {
    if (refused.has(e.index)) continue;
    accepted++;
    acceptedBytes += e.bytes;
  }
  return { accepted, acceptedBytes, duplicates: 0, duplicateBytes: 0, rejected };
}

/**
 * Loki answers a push in which some entries were refused for their timestamps with 400 and a text
 * naming them (the others are stored). Attributes each named entry to the request's entries by stream
 * and timestamp; undefined when the text is about something else (then the whole push failed).
 */
export function attributeRejections(
  text: string,
  entries: readonly PushEntry[],
): Array<{ index: number; reason: string; bytes: number }> | undefined {
  const rejected: Array<{ index: number; reason: string; bytes: number }> = [];
  const taken = new Set<number>();
  const find = (stream: string | undefined, time: string) =>
    entries.find(
      (e) =>
        !taken.has(e.index) &&
        (stream === undefined || e.stream === stream) &&
        (goTimeString(e.tsNs) === time ||
          formatNs(e.tsNs) === time ||
          `${formatNs(e.tsNs).slice(0, 19)}Z` === time ||
          e.tsNs.toString() === time),
    );
  let recognised = false;
  // Distributor format: "entry for stream '{...}' has timestamp too old: T, oldest acceptable timestamp is: T".
  for (const m of text.matchAll(
    /entry for stream '(.*?)' has timestamp too (?:old|new): (.+?)(?:, oldest acceptable|\n|$)/g,
  )) {
    recognised = true;
    const entry = find(m[1], m[2]!);
    const line = text.slice(m.index).split('\n')[0]!;
    if (entry) {
      taken.add(entry.index);
      rejected.push({ index: entry.index, reason: line, bytes: entry.bytes });
    }
  }
  // Ingester format: "entry with timestamp T ignored, reason: 'R',\n...total ignored: N out of M for stream: S".
  for (const block of text.split(/(?<=for stream: \{[^\n]*\})\n?/)) {
    const stream = /for stream: (\{.*\})\s*$/.exec(block)?.[1];
    for (const m of block.matchAll(/entry with timestamp (.+?) ignored, reason: '(.*?)',?\n/g)) {
      recognised = true;
      const entry = find(stream, m[1]!);
      if (entry) {
        taken.add(entry.index);
        rejected.push({ index: entry.index, reason: m[2]!, bytes: entry.bytes });
      }
    }
  }
  if (!recognised) return undefined;
  return rejected;
}
