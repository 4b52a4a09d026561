import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { loki } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import { directionOf, type LokiDeps, rangeOf, scopeOf } from './context.js';
import { runExport } from './export.js';
import { parseStreamId, streamId } from './labels.js';
import type { QuotaSnapshot } from './quota.js';
import type { StreamStats } from './store.js';
import { nsToDuration, nsToTimestamp } from './time.js';

type Impl = ServiceImpl<typeof loki.LokiService>;

const MAX_PAGE = 1000;
const EXPORT_STATES = {
  running: loki.ExportState.RUNNING,
  completed: loki.ExportState.COMPLETED,
  failed: loki.ExportState.FAILED,
} as const;

function streamInfo(s: StreamStats) {
  return {
    streamId: s.id,
    labels: s.labels,
    entryCount: BigInt(s.entries),
    bytes: BigInt(s.bytes),
    ...(s.firstNs !== undefined ? { firstEntryAt: nsToTimestamp(s.firstNs) } : {}),
    ...(s.lastNs !== undefined ? { lastEntryAt: nsToTimestamp(s.lastNs) } : {}),
  };
}

function pageToken(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

function afterToken(token: string): string {
  const id = Buffer.from(token, 'base64url').toString('utf8');
  if (token !== '' && (pageToken(id) !== token || !id.startsWith('{'))) {
    throw ServiceError.invalidArgument('page_token', 'is not a token from a previous ListStreams response');
  }
  return id;
}

export function createAdminHandlers(
  deps: LokiDeps,
): Pick<
  Impl,
  | 'healthCheck'
  | 'listStreams'
  | 'getStreamInfo'
  | 'deleteStream'
  | 'deleteLogs'
  | 'exportLogs'
  | 'getExportStatus'
  | 'getStatistics'
  | 'getUserQuota'
> {
  const { store } = deps;
  const everything = () => deps.retentionNs;

  function quotaStatus(q: QuotaSnapshot) {
    return {
      dailyBytesLimit: BigInt(q.limits.dailyBytes),
      todayBytesUsed: BigInt(q.todayBytes),
      todayEntries: BigInt(q.todayEntries),
      ingestionRateBytesPerSecond: BigInt(q.limits.rateBytesPerSecond),
      ingestionBurstBytes: BigInt(q.limits.burstBytes),
      ingestionAvailableBytes: BigInt(q.availableBytes),
      retention: nsToDuration(deps.retentionNs),
      quotaExceeded: q.exceeded,
      resetsAt: timestampFromDate(new Date(q.resetsAtMs)),
      todayRejectedPushes: BigInt(q.todayRejectedPushes),
    };
  }

  /** One exact stream (that label set, not streams with more labels), or NOT_FOUND. */
  async function exactStream(scope: string, id: string, startNs: bigint, endNs: bigint, signal: AbortSignal) {
    const labels = parseStreamId(id);
    const canonical = streamId(labels);
    const found = (await store.streams(scope, { selector: canonical, startNs, endNs, signal })).find(
      (s) => s.id === canonical,
    );
    if (!found) throw ServiceError.notFound(`stream ${canonical} (with entries in the time range)`);
    return found;
  }

  return {
    async healthCheck(request) {
      const health = await store.health(request.deepCheck);
      return {
        healthy: health.healthy,
        status: health.healthy ? 'SERVING' : 'NOT_SERVING',
        backend: store.kind,
        message: health.message,
        canWrite: request.deepCheck ? health.canWrite : false,
        canRead: request.deepCheck ? health.canRead : false,
        details: health.details,
        checkedAt: timestampFromDate(new Date()),
      };
    },

    async listStreams(request, ctx) {
      const pageSize = request.pageSize === 0 ? 100 : request.pageSize;
      if (pageSize > MAX_PAGE) throw ServiceError.invalidArgument('page_size', `must be at most ${MAX_PAGE}`);
      const after = afterToken(request.pageToken);
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, everything());
      const all = await store.streams(scopeOf(ctx), {
        startNs,
        endNs,
        ...(request.selector ? { selector: request.selector } : {}),
        signal: ctx.signal,
      });
      // Pages follow the ids' order in JavaScript, whatever order the backend listed them in.
      all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const rest = after ? all.filter((s) => s.id > after) : all;
      const page = rest.slice(0, pageSize);
      return {
        streams: page.map(streamInfo),
        nextPageToken: rest.length > pageSize ? pageToken(page.at(-1)!.id) : '',
        totalCount: BigInt(all.length),
      };
    },

    async getStreamInfo(request, ctx) {
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, everything());
      return {
        stream: streamInfo(await exactStream(scopeOf(ctx), request.streamId, startNs, endNs, ctx.signal)),
      };
    },

    async deleteStream(request, ctx) {
      const labels = parseStreamId(request.streamId);
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, everything());
      const outcome = await store.delete(
        scopeOf(ctx),
        { kind: 'stream', labels },
        { startNs, endNs, signal: ctx.signal },
      );
      return { deletedEntries: BigInt(outcome.deleted ?? 0), pending: outcome.deleted === undefined };
    },

    async deleteLogs(request, ctx) {
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, everything());
      const outcome = await store.delete(
        scopeOf(ctx),
        { kind: 'query', query: request.query },
        { startNs, endNs, signal: ctx.signal },
      );
      return { deletedEntries: BigInt(outcome.deleted ?? 0), pending: outcome.deleted === undefined };
    },

    async *exportLogs(request, ctx) {
      if (request.bucketName === '') throw ServiceError.invalidArgument('bucket_name', 'must not be empty');
      if (request.objectKey === '') throw ServiceError.invalidArgument('object_key', 'must not be empty');
      if (request.query.trim() === '') throw ServiceError.invalidArgument('query', 'must not be empty');
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, 3_600_000_000_000n);
      const record = deps.exports.start(scopeOf(ctx), request.query, request.bucketName, request.objectKey);
      const base = { exportId: record.id, bucketName: record.bucket, objectKey: record.key };
      yield { ...base, exportedEntries: 0n, exportedBytes: 0n, complete: false };
      for await (const progress of runExport(ctx, store, record, {
        startNs,
        endNs,
        direction: directionOf(request.direction, 'forward'),
        objectStorageAddress: deps.objectStorageAddress(),
      })) {
        yield {
          ...base,
          exportedEntries: BigInt(progress.entries),
          exportedBytes: BigInt(progress.bytes),
          complete: progress.done,
          etag: progress.etag ?? '',
        };
      }
    },

    async getExportStatus(request, ctx) {
      const record = deps.exports.get(scopeOf(ctx), request.exportId);
      if (!record) throw ServiceError.notFound(`export "${request.exportId}"`);
      return {
        exportId: record.id,
        state: EXPORT_STATES[record.state],
        query: record.query,
        bucketName: record.bucket,
        objectKey: record.key,
        exportedEntries: BigInt(record.entries),
        exportedBytes: BigInt(record.bytes),
        createdAt: timestampFromDate(record.createdAt),
        ...(record.completedAt ? { completedAt: timestampFromDate(record.completedAt) } : {}),
        errorMessage: record.error ?? '',
      };
    },

    async getStatistics(request, ctx) {
      const scope = scopeOf(ctx);
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, everything());
      const streams = await store.streams(scope, { startNs, endNs, signal: ctx.signal });
      let totalEntries = 0;
      let totalBytes = 0;
      const byLevel: Record<string, bigint> = {};
      const byService: Record<string, bigint> = {};
      for (const s of streams) {
        totalEntries += s.entries;
        totalBytes += s.bytes;
        const level = s.labels.level ?? '';
        const service = s.labels.service ?? '';
        byLevel[level] = (byLevel[level] ?? 0n) + BigInt(s.entries);
        byService[service] = (byService[service] ?? 0n) + BigInt(s.entries);
      }
      return {
        totalEntries: BigInt(totalEntries),
        totalBytes: BigInt(totalBytes),
        streamsCount: BigInt(streams.length),
        entriesByLevel: byLevel,
        entriesByService: byService,
        ingestion: deps.quotas.history(scope).map((d) => ({
          date: d.day,
          entries: BigInt(d.entries),
          bytes: BigInt(d.bytes),
        })),
        quota: quotaStatus(deps.quotas.snapshot(scope)),
      };
    },

    async getUserQuota(_request, ctx) {
      return { quota: quotaStatus(deps.quotas.snapshot(scopeOf(ctx))) };
    },
  };
}
