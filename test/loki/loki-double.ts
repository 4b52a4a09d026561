import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { GrpcStatus, ServiceError } from '../../packages/server/src/platform/errors.js';
import { LABEL_NAME, streamId } from '../../packages/server/src/services/loki/labels.js';
import { parseDuration } from '../../packages/server/src/services/loki/logql/lexer.js';
import type { PushEntry, SeriesResult } from '../../packages/server/src/services/loki/store.js';
import { DuckLogStore } from '../../packages/server/src/services/loki/store-duckdb.js';
import { goTimeString } from '../../packages/server/src/services/loki/store-loki.js';
import {
  NS_PER_DAY,
  NS_PER_HOUR,
  NS_PER_SECOND,
  nowNs,
} from '../../packages/server/src/services/loki/time.js';
import { scratchDir } from '../support/stack.js';

/**
 * A double of Grafana Loki's documented HTTP API (Loki cannot be installed on these machines), used to
 * test the service's Loki adapter. It speaks the documented request and response formats:
 *
 * - POST /loki/api/v1/push (JSON, optionally gzip), 204 on success; 400 naming refused entries
 * - GET|POST /loki/api/v1/query_range and /query: {"status":"success","data":{"resultType","result"}}
 * - GET /loki/api/v1/labels, /label/<name>/values, /series (match[]), /index/stats
 * - POST /loki/api/v1/delete, GET /ready
 *
 * Multi-tenancy is on (auth_enabled: true): every API call needs X-Scope-OrgID (401 "no org id"
 * otherwise), and tenants are kept apart. Queries are evaluated by the service's embedded LogQL engine,
 * so this double answers the same LogQL subset; it records every request so tests can check headers.
 */
export interface LokiDouble {
  readonly url: string;
  readonly requests: RecordedRequest[];
  stop(): Promise<void>;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly orgId: string | undefined;
  readonly params: URLSearchParams;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
}

/** Loki's time parameters: nanoseconds, (float) seconds, or RFC 3339. */
function parseTime(value: string | null, fallback: bigint): bigint {
  if (value === null || value === '') return fallback;
  if (/^\d+$/.test(value)) return value.length >= 16 ? BigInt(value) : BigInt(value) * NS_PER_SECOND;
  if (/^\d+\.\d+$/.test(value)) return BigInt(Math.round(Number(value) * 1e9));
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new HttpError(400, `invalid time ${JSON.stringify(value)}`);
  return BigInt(ms) * 1_000_000n;
}

function parseStep(value: string | null, startNs: bigint, endNs: bigint): bigint {
  if (value === null || value === '') {
    const seconds = (endNs - startNs) / NS_PER_SECOND / 250n;
    return (seconds > 1n ? seconds : 1n) * NS_PER_SECOND;
  }
  const duration = parseDuration(value);
  if (duration !== undefined) return duration;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new HttpError(
      400,
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
  }
  return BigInt(Math.round(seconds * 1e9));
}

function seconds(ns: bigint): number {
  return Number(ns / 1_000_000n) / 1000;
}

function formatValue(v: number): string {
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(v);
}

function matrixJson(series: SeriesResult[]) {
  return series.map((s) => ({
    metric: s.metric,
    values: s.samples.map((x) => [seconds(x.tsNs), formatValue(x.value)]),
  }));
}

/** Loki's text for entries refused at push (distributor and ingester formats). */
function rejectionText(
  scope: string,
  entries: PushEntry[],
  rejected: ReadonlyArray<{ index: number; reason: string }>,
): string {
  const byIndex = new Map(entries.map((e) => [e.index, e]));
  const lines: string[] = [];
  const behind = new Map<string, Array<{ entry: PushEntry; reason: string }>>();
  for (const r of rejected) {
    const entry = byIndex.get(r.index)!;
    if (r.reason.startsWith('entry too far behind')) {
      const list = behind.get(entry.stream) ?? [];
      list.push({ entry, reason: r.reason });
      behind.set(entry.stream, list);
    } else {
      // The distributor writes times as RFC 3339 with whole seconds.
      lines.push(r.reason.replace(/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})\.\d{9}Z/g, '$1Z'));
    }
  }
  for (const [stream, list] of behind) {
    const total = entries.filter((e) => e.stream === stream).length;
    const body = list
      .map((x) => `entry with timestamp ${goTimeString(x.entry.tsNs)} ignored, reason: '${x.reason}',\n`)
      .join('');
    lines.push(`${body}user '${scope}', total ignored: ${list.length} out of ${total} for stream: ${stream}`);
  }
  return lines.join('\n');
}

export async function startLokiDouble(): Promise<LokiDouble> {
  const dir = await scratchDir('loki-double');
  await mkdir(dir, { recursive: true });
  const store = await DuckLogStore.open({
    file: join(dir, `double-${randomUUID().slice(0, 8)}.duckdb`),
    retentionNs: 31n * NS_PER_DAY,
    rules: {
      maxAgeNs: 7n * NS_PER_DAY,
      gracePeriodNs: 600n * NS_PER_SECOND,
      outOfOrderWindowNs: NS_PER_HOUR,
    },
    maxEntriesLimit: 5000,
    maxSeries: 500,
    maxPoints: 11_000,
    readers: 2,
    logger: pino({ level: 'silent' }),
    now: nowNs,
  });
  const requests: RecordedRequest[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://double');
    const orgHeader = req.headers['x-scope-orgid'];
    const orgId = Array.isArray(orgHeader) ? orgHeader.join(',') : orgHeader;
    let params = url.searchParams;
    const body = await readBody(req);
    if (
      req.method === 'POST' &&
      req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')
    ) {
      params = new URLSearchParams(body.toString('utf8'));
    }
    requests.push({ method: req.method ?? 'GET', path: url.pathname, orgId, params });
    const path = url.pathname;
    const send = (status: number, payload?: unknown) => {
      if (payload === undefined) {
        res.writeHead(status);
        res.end();
        return;
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (path === '/ready') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ready\n');
      return;
    }
    if (!path.startsWith('/loki/api/v1/')) throw new HttpError(404, '404 page not found');
    if (!orgId) throw new HttpError(401, 'no org id');
    // Loki refuses tenant ids it cannot use as one tenant (multi-tenant queries are off).
    if (
      orgId.includes('|') ||
      orgId.length > 150 ||
      orgId === '.' ||
      orgId === '..' ||
      !/^[A-Za-z0-9!._*'()-]+$/.test(orgId)
    ) {
      throw new HttpError(400, `tenant ID ${JSON.stringify(orgId)} is not valid`);
    }
    const now = nowNs();

    if (path === '/loki/api/v1/push' && req.method === 'POST') {
      if (!req.headers['content-type']?.startsWith('application/json')) {
        throw new HttpError(415, 'the double accepts JSON pushes only');
      }
      const parsed = JSON.parse(body.toString('utf8')) as {
        streams?: Array<{ stream?: Record<string, string>; values?: Array<[string, string]> }>;
      };
      const entries: PushEntry[] = [];
      for (const s of parsed.streams ?? []) {
        const labels = s.stream ?? {};
        if (Object.keys(labels).length === 0)
          throw new HttpError(400, 'error at least one label pair is required per stream');
        for (const name of Object.keys(labels)) {
          if (!LABEL_NAME.test(name))
            throw new HttpError(400, `error parsing labels: invalid label name ${name}`);
        }
        for (const [ts, line] of s.values ?? []) {
          if (!/^\d+$/.test(ts)) throw new HttpError(400, `invalid timestamp ${ts}`);
          entries.push({
            index: entries.length,
            tsNs: BigInt(ts),
            line,
            labels,
            stream: streamId(labels),
            bytes: Buffer.byteLength(line, 'utf8'),
          });
        }
      }
      const outcome = await store.push(orgId, entries);
      if (outcome.rejected.length > 0) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(rejectionText(orgId, entries, outcome.rejected));
        return;
      }
      send(204);
      return;
    }

    if (path === '/loki/api/v1/query_range') {
      const endNs = parseTime(params.get('end'), now);
      const startNs = parseTime(params.get('start'), endNs - NS_PER_HOUR);
      const limit = Number(params.get('limit') ?? 100);
      const direction = params.get('direction') === 'forward' ? 'forward' : 'backward';
      const result = await store.queryRange(orgId, params.get('query') ?? '', {
        startNs,
        endNs,
        stepNs: parseStep(params.get('step'), startNs, endNs),
        limit,
        direction,
      });
      const data =
        result.type === 'streams'
          ? {
              resultType: 'streams',
              result: result.streams.map((s) => ({
                stream: s.labels,
                values: s.entries.map((e) => [e.tsNs.toString(), e.line]),
              })),
            }
          : { resultType: 'matrix', result: matrixJson(result.series) };
      send(200, { status: 'success', data: { ...data, stats: { summary: {} } } });
      return;
    }

    if (path === '/loki/api/v1/query') {
      const timeNs = parseTime(params.get('time'), now);
      const vector = await store.queryInstant(orgId, params.get('query') ?? '', {
        timeNs,
        limit: Number(params.get('limit') ?? 100),
        direction: 'backward',
      });
      send(200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: vector.map((s) => ({
            metric: s.metric,
            value: [seconds(s.samples[0]!.tsNs), formatValue(s.samples[0]!.value)],
          })),
          stats: { summary: {} },
        },
      });
      return;
    }

    const endNs = parseTime(params.get('end'), now);
    const startNs = parseTime(params.get('start'), endNs - 6n * NS_PER_HOUR);
    if (path === '/loki/api/v1/labels') {
      const query = params.get('query');
      const names = await store.labelNames(orgId, { startNs, endNs, ...(query ? { selector: query } : {}) });
      send(200, { status: 'success', data: names });
      return;
    }
    const values = /^\/loki\/api\/v1\/label\/([^/]+)\/values$/.exec(path);
    if (values) {
      const query = params.get('query');
      const list = await store.labelValues(orgId, decodeURIComponent(values[1]!), {
        startNs,
        endNs,
        ...(query ? { selector: query } : {}),
      });
      send(200, { status: 'success', data: list });
      return;
    }
    if (path === '/loki/api/v1/series') {
      const found = new Map<string, Record<string, string>>();
      for (const match of params.getAll('match[]')) {
        for (const s of await store.streams(orgId, { selector: match, startNs, endNs }))
          found.set(s.id, s.labels);
      }
      send(200, { status: 'success', data: [...found.values()] });
      return;
    }
    if (path === '/loki/api/v1/index/stats') {
      const s = await store.indexStats(orgId, params.get('query') ?? '', { startNs, endNs });
      send(200, { streams: s.streams, chunks: s.streams, bytes: s.bytes, entries: s.entries });
      return;
    }
    if (path === '/loki/api/v1/delete' && req.method === 'POST') {
      await store.delete(
        orgId,
        { kind: 'query', query: params.get('query') ?? '' },
        {
          startNs: parseTime(params.get('start'), 0n),
          endNs: parseTime(params.get('end'), now) + NS_PER_SECOND,
        },
      );
      send(204);
      return;
    }
    throw new HttpError(404, '404 page not found');
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      let status = 500;
      let message = err instanceof Error ? err.message : String(err);
      if (err instanceof HttpError) status = err.status;
      else if (err instanceof ServiceError) {
        status = err.code === GrpcStatus.INVALID_ARGUMENT || err.code === GrpcStatus.OUT_OF_RANGE ? 400 : 500;
        if (err.field && message.startsWith(`${err.field}: `)) message = message.slice(err.field.length + 2);
      }
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(message);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
