import { loki } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import { type LokiDeps, scopeOf } from './context.js';
import { labelViolations, streamId, validateLabels, validateLine } from './labels.js';
import type { PushEntry, PushOutcome } from './store.js';
import { optionalTimestamp } from './time.js';

type Impl = ServiceImpl<typeof loki.LokiService>;

const LEVEL_LABELS: Record<loki.LogLevel, string> = {
  [loki.LogLevel.UNSPECIFIED]: 'info',
  [loki.LogLevel.DEBUG]: 'debug',
  [loki.LogLevel.INFO]: 'info',
  [loki.LogLevel.WARN]: 'warn',
  [loki.LogLevel.ERROR]: 'error',
  [loki.LogLevel.FATAL]: 'fatal',
};

interface Totals {
  accepted: number;
  acceptedBytes: number;
  duplicates: number;
  rejected: Array<{ index: bigint; reason: string }>;
}

function totalsOf(outcome: PushOutcome): Totals {
  return {
    accepted: outcome.accepted,
    acceptedBytes: outcome.acceptedBytes,
    duplicates: outcome.duplicates,
    rejected: outcome.rejected.map((r) => ({ index: BigInt(r.index), reason: r.reason })),
  };
}

export function createPushHandlers(
  deps: LokiDeps,
): Pick<Impl, 'pushLog' | 'pushLogBatch' | 'pushLogStream' | 'pushSimpleLog' | 'validateLabels'> {
  /** Validates entries (all of them, before anything is stored) into what the store takes. */
  function prepare(
    entries: readonly loki.LogEntry[],
    field: (i: number) => string,
    firstIndex = 0,
  ): PushEntry[] {
    const now = deps.now();
    return entries.map((entry, i) => {
      const f = field(i);
      validateLabels(entry.labels, deps.labelLimits, `${f}.labels`);
      const bytes = validateLine(entry.line, deps.labelLimits, `${f}.line`);
      return {
        index: firstIndex + i,
        tsNs: optionalTimestamp(entry.timestamp, now, `${f}.timestamp`),
        line: entry.line,
        labels: entry.labels,
        stream: streamId(entry.labels),
        bytes,
      };
    });
  }

  /** Validates a push-stream message (lines grouped by stream), numbering entries from `firstIndex`. */
  function prepareStreams(streams: readonly loki.StreamEntries[], firstIndex: number): PushEntry[] {
    const now = deps.now();
    const out: PushEntry[] = [];
    streams.forEach((group, g) => {
      const field = `streams[${g}]`;
      validateLabels(group.labels, deps.labelLimits, `${field}.labels`);
      if (group.timestampsNs.length !== group.lines.length && group.timestampsNs.length !== 0) {
        throw ServiceError.invalidArgument(
          `${field}.timestamps_ns`,
          `must have one timestamp per line (${group.lines.length}), or none; got ${group.timestampsNs.length}`,
        );
      }
      if (group.positions.length !== group.lines.length && group.positions.length !== 0) {
        throw ServiceError.invalidArgument(
          `${field}.positions`,
          `must have one position per line (${group.lines.length}), or none; got ${group.positions.length}`,
        );
      }
      const stream = streamId(group.labels);
      group.lines.forEach((line, i) => {
        const ts = group.timestampsNs[i] ?? 0n;
        if (ts < 0n)
          throw ServiceError.invalidArgument(`${field}.timestamps_ns[${i}]`, 'must not be negative');
        const position = group.positions[i];
        out.push({
          index: position === undefined ? firstIndex + out.length : Number(position),
          tsNs: ts === 0n ? now : ts,
          line,
          labels: group.labels,
          stream,
          bytes: validateLine(line, deps.labelLimits, `${field}.lines[${i}]`),
        });
      });
    });
    return out;
  }

  /** Quota check, store, and usage accounting for one batch. */
  async function store(ctx: CallContext, entries: PushEntry[]): Promise<PushOutcome> {
    if (entries.length === 0)
      return { accepted: 0, acceptedBytes: 0, duplicates: 0, duplicateBytes: 0, rejected: [] };
    const scope = scopeOf(ctx);
    const bytes = entries.reduce((sum, e) => sum + e.bytes, 0);
    const reservation = deps.quotas.reserve(scope, bytes, entries.length);
    try {
      const outcome = await deps.store.push(scope, entries);
      reservation.commit(outcome.acceptedBytes, outcome.accepted);
      return outcome;
    } catch (err) {
      reservation.release();
      throw err;
    }
  }

  async function pushOne(ctx: CallContext, entry: loki.LogEntry, field: string) {
    const [prepared] = prepare([entry], () => field);
    const outcome = await store(ctx, [prepared!]);
    const rejected = outcome.rejected[0];
    if (rejected) throw ServiceError.outOfRange(`${field}.timestamp`, rejected.reason);
    return { streamId: prepared!.stream, duplicate: outcome.duplicates > 0 };
  }

  return {
    async pushLog(request, ctx) {
      if (!request.entry) throw ServiceError.invalidArgument('entry', 'is required');
      return pushOne(ctx, request.entry, 'entry');
    },

    async pushSimpleLog(request, ctx) {
      if (request.service === '') throw ServiceError.invalidArgument('service', 'must not be empty');
      for (const reserved of ['service', 'level']) {
        if (reserved in request.extraLabels) {
          throw ServiceError.invalidArgument(
            `extra_labels.${reserved}`,
            `"${reserved}" is set from the ${reserved} field; leave it out of extra_labels`,
          );
        }
      }
      const level = LEVEL_LABELS[request.level];
      if (level === undefined) throw ServiceError.invalidArgument('level', 'is not a known log level');
      const entry = {
        $typeName: 'isa.loki.v1.LogEntry',
        line: request.message,
        labels: { ...request.extraLabels, service: request.service, level },
        ...(request.timestamp ? { timestamp: request.timestamp } : {}),
      } as loki.LogEntry;
      return pushOne(ctx, entry, 'message');
    },

    async pushLogBatch(request, ctx) {
      const entries = prepare(request.entries, (i) => `entries[${i}]`);
      const totals = totalsOf(await store(ctx, entries));
      return {
        acceptedCount: BigInt(totals.accepted),
        acceptedBytes: BigInt(totals.acceptedBytes),
        duplicateCount: BigInt(totals.duplicates),
        rejected: totals.rejected,
      };
    },

    async pushLogStream(requests, ctx) {
      let index = 0;
      let message = 0;
      let accepted = 0;
      let acceptedBytes = 0;
      let duplicates = 0;
      const rejected: Array<{ index: bigint; reason: string }> = [];
      const write = async (entries: PushEntry[], number: number) => {
        try {
          const outcome = await store(ctx, entries);
          accepted += outcome.accepted;
          acceptedBytes += outcome.acceptedBytes;
          duplicates += outcome.duplicates;
          for (const r of outcome.rejected) rejected.push({ index: BigInt(r.index), reason: r.reason });
        } catch (err) {
          if (err instanceof ServiceError && accepted > 0) {
            throw new ServiceError(
              err.code,
              `${err.message} (message ${number} of the stream; ${accepted} entries were stored before it)`,
              { cause: err, ...(err.field ? { field: err.field } : {}) },
            );
          }
          throw err;
        }
      };
      // One message is written while the next is received and validated; writes stay in order.
      let writing: Promise<void> = Promise.resolve();
      for await (const request of requests) {
        let entries: PushEntry[];
        try {
          entries = prepareStreams(request.streams, index);
        } catch (err) {
          await writing; // a failure of the message before comes first
          throw err;
        }
        index += entries.length;
        await writing;
        writing = write(entries, message++);
        writing.catch(() => undefined); // observed by the next await
      }
      await writing;
      return {
        acceptedCount: BigInt(accepted),
        acceptedBytes: BigInt(acceptedBytes),
        duplicateCount: BigInt(duplicates),
        rejected,
      };
    },

    async validateLabels(request) {
      const violations = labelViolations(request.labels, deps.labelLimits);
      return { valid: violations.length === 0, violations };
    },
  };
}
