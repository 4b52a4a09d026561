import { loki } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext } from '../../platform/rpc.js';
import type { ExportRegistry } from './export.js';
import type { LabelLimits } from './labels.js';
import { tenantScope } from './names.js';
import type { QuotaManager } from './quota.js';
import type { Direction, LogRecord, LogStore } from './store.js';
import { NS_PER_HOUR, nsToTimestamp, optionalTimestamp } from './time.js';

/** What every Loki handler shares. */
export interface LokiDeps {
  readonly store: LogStore;
  readonly quotas: QuotaManager;
  readonly labelLimits: LabelLimits;
  readonly retentionNs: bigint;
  readonly maxEntriesLimit: number;
  readonly exports: ExportRegistry;
  /** host:port of the object storage service (for exports). */
  objectStorageAddress(): string;
  now(): bigint;
}

/** The caller's log scope: always from the verified tenant, never from the request. */
export function scopeOf(ctx: CallContext): string {
  return tenantScope(ctx.tenant);
}

export function directionOf(direction: loki.Direction, fallback: Direction = 'backward'): Direction {
  switch (direction) {
    case loki.Direction.FORWARD:
      return 'forward';
    case loki.Direction.BACKWARD:
      return 'backward';
    default:
      return fallback;
  }
}

export interface Range {
  startNs: bigint;
  endNs: bigint;
}

/** [start, end) of a request: end defaults to now, start to `defaultSpanNs` before end. */
export function rangeOf(
  deps: LokiDeps,
  start: import('@bufbuild/protobuf/wkt').Timestamp | undefined,
  end: import('@bufbuild/protobuf/wkt').Timestamp | undefined,
  defaultSpanNs: bigint,
  allowEqual = false,
): Range {
  const endNs = optionalTimestamp(end, deps.now(), 'end');
  const startNs = optionalTimestamp(start, endNs - defaultSpanNs, 'start');
  if (startNs > endNs || (!allowEqual && startNs === endNs)) {
    throw ServiceError.invalidArgument('start', 'must be before end');
  }
  return { startNs, endNs };
}

export const ONE_HOUR = NS_PER_HOUR;
export const SIX_HOURS = 6n * NS_PER_HOUR;

export function limitOf(deps: LokiDeps, limit: number, field = 'limit'): number {
  if (limit === 0) return 100;
  if (limit > deps.maxEntriesLimit) {
    throw ServiceError.invalidArgument(
      field,
      `max entries limit per query exceeded, limit > max_entries_limit (${limit} > ${deps.maxEntriesLimit})`,
    );
  }
  return limit;
}

export function entryOf(record: LogRecord) {
  return { timestamp: nsToTimestamp(record.tsNs), line: record.line, labels: record.labels };
}
