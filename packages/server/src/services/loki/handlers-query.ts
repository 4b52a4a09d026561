import { loki } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import {
  directionOf,
  entryOf,
  type LokiDeps,
  limitOf,
  ONE_HOUR,
  rangeOf,
  SIX_HOURS,
  scopeOf,
} from './context.js';
import { LABEL_NAME } from './labels.js';
import type { SeriesResult, StreamResult } from './store.js';
import { durationToNs, NS_PER_MS, NS_PER_SECOND, nsToTimestamp, optionalTimestamp } from './time.js';

type Impl = ServiceImpl<typeof loki.LokiService>;

const MAX_TAIL_DELAY_NS = 5n * NS_PER_SECOND;

function seriesOf(series: SeriesResult) {
  return {
    metric: series.metric,
    samples: series.samples.map((s) => ({ timestamp: nsToTimestamp(s.tsNs), value: s.value })),
  };
}

function streamOf(stream: StreamResult) {
  return {
    labels: stream.labels,
    entries: stream.entries.map((e) => ({ timestamp: nsToTimestamp(e.tsNs), line: e.line })),
  };
}

function stats(started: number, entries: number, series: number) {
  return {
    execTimeSeconds: (performance.now() - started) / 1000,
    entriesReturned: BigInt(entries),
    seriesReturned: BigInt(series),
  };
}

/** Loki's default step: (end - start) / 250, at least one second, in whole seconds. */
export function defaultStepNs(startNs: bigint, endNs: bigint): bigint {
  const seconds = (endNs - startNs) / NS_PER_SECOND / 250n;
  return (seconds > 1n ? seconds : 1n) * NS_PER_SECOND;
}

export function createQueryHandlers(
  deps: LokiDeps,
): Pick<
  Impl,
  'queryLogs' | 'query' | 'queryRange' | 'tailLogs' | 'queryStats' | 'getLabels' | 'getLabelValues'
> {
  const { store } = deps;

  return {
    async queryLogs(request, ctx) {
      const started = performance.now();
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, ONE_HOUR);
      const direction = directionOf(request.direction);
      const result = await store.queryRange(scopeOf(ctx), request.query, {
        startNs,
        endNs,
        stepNs: defaultStepNs(startNs, endNs),
        limit: limitOf(deps, request.limit),
        direction,
        signal: ctx.signal,
      });
      if (result.type !== 'streams') {
        throw ServiceError.invalidArgument(
          'query',
          'QueryLogs takes a log query such as {app="api"} |= "error"; run metric queries with Query or QueryRange',
        );
      }
      const entries = result.streams.flatMap((s) =>
        s.entries.map((e) => ({ tsNs: e.tsNs, line: e.line, labels: s.labels })),
      );
      // Across streams in the requested direction; a stable sort keeps each stream's own order on ties.
      entries.sort((a, b) =>
        a.tsNs === b.tsNs ? 0 : a.tsNs < b.tsNs === (direction === 'forward') ? -1 : 1,
      );
      return { entries: entries.map(entryOf), stats: stats(started, entries.length, result.streams.length) };
    },

    async query(request, ctx) {
      const started = performance.now();
      const timeNs = optionalTimestamp(request.time, deps.now(), 'time');
      const vector = await store.queryInstant(scopeOf(ctx), request.query, {
        timeNs,
        limit: limitOf(deps, request.limit),
        direction: directionOf(request.direction),
        signal: ctx.signal,
      });
      return {
        resultType: loki.ResultType.VECTOR,
        vector: vector.map(seriesOf),
        stats: stats(started, 0, vector.length),
      };
    },

    async queryRange(request, ctx) {
      const started = performance.now();
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, ONE_HOUR, true);
      const stepNs = durationToNs(request.step) ?? defaultStepNs(startNs, endNs);
      if (stepNs <= 0n) throw ServiceError.invalidArgument('step', 'must be positive');
      if (stepNs % NS_PER_MS !== 0n) throw ServiceError.invalidArgument('step', 'must be whole milliseconds');
      const result = await store.queryRange(scopeOf(ctx), request.query, {
        startNs,
        endNs,
        stepNs,
        limit: limitOf(deps, request.limit),
        direction: directionOf(request.direction),
        signal: ctx.signal,
      });
      if (result.type === 'streams') {
        const entries = result.streams.reduce((n, s) => n + s.entries.length, 0);
        return {
          resultType: loki.ResultType.STREAMS,
          streams: result.streams.map(streamOf),
          stats: stats(started, entries, result.streams.length),
        };
      }
      return {
        resultType: loki.ResultType.MATRIX,
        matrix: result.series.map(seriesOf),
        stats: stats(started, 0, result.series.length),
      };
    },

    async *tailLogs(request, ctx) {
      const delayNs = durationToNs(request.delayFor) ?? 0n;
      if (delayNs < 0n || delayNs > MAX_TAIL_DELAY_NS) {
        throw ServiceError.invalidArgument('delay_for', 'must be between 0 and 5 seconds');
      }
      const startNs = optionalTimestamp(request.start, deps.now() - ONE_HOUR, 'start');
      const limit = limitOf(deps, request.limit);
      for await (const batch of store.tail(scopeOf(ctx), request.query, {
        startNs,
        limit,
        delayNs,
        signal: ctx.signal,
      })) {
        yield { entries: batch.map(entryOf) };
      }
    },

    async queryStats(request, ctx) {
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, ONE_HOUR);
      const s = await store.indexStats(scopeOf(ctx), request.query, { startNs, endNs, signal: ctx.signal });
      return { streams: BigInt(s.streams), entries: BigInt(s.entries), bytes: BigInt(s.bytes) };
    },

    async getLabels(request, ctx) {
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, SIX_HOURS);
      const labels = await store.labelNames(scopeOf(ctx), {
        startNs,
        endNs,
        ...(request.query ? { selector: request.query } : {}),
        signal: ctx.signal,
      });
      return { labels };
    },

    async getLabelValues(request, ctx) {
      if (!LABEL_NAME.test(request.labelName)) {
        throw ServiceError.invalidArgument('label_name', 'must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)');
      }
      const { startNs, endNs } = rangeOf(deps, request.start, request.end, SIX_HOURS);
      const values = await store.labelValues(scopeOf(ctx), request.labelName, {
        startNs,
        endNs,
        ...(request.query ? { selector: request.query } : {}),
        signal: ctx.signal,
      });
      return { values };
    },
  };
}
