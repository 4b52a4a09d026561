import type { Duration, Timestamp } from '@bufbuild/protobuf/wkt';
import { ServiceError } from '../../platform/errors.js';

/** Log timestamps are nanoseconds since the epoch (Loki's resolution), as bigints. */
export const NS_PER_MS = 1_000_000n;
export const NS_PER_SECOND = 1_000_000_000n;
export const NS_PER_HOUR = 3_600n * NS_PER_SECOND;
export const NS_PER_DAY = 24n * NS_PER_HOUR;

export function nowNs(): bigint {
  return BigInt(Date.now()) * NS_PER_MS;
}

export function timestampToNs(ts: Timestamp): bigint {
  return ts.seconds * NS_PER_SECOND + BigInt(ts.nanos);
}

export function nsToTimestamp(ns: bigint): Timestamp {
  let seconds = ns / NS_PER_SECOND;
  let nanos = ns % NS_PER_SECOND;
  if (nanos < 0n) {
    seconds -= 1n;
    nanos += NS_PER_SECOND;
  }
  return { $typeName: 'google.protobuf.Timestamp', seconds, nanos: Number(nanos) };
}

export function nsToDuration(ns: bigint): Duration {
  return {
    $typeName: 'google.protobuf.Duration',
    seconds: ns / NS_PER_SECOND,
    nanos: Number(ns % NS_PER_SECOND),
  };
}

/** A request timestamp in ns, or `fallback` when it is unset; years before 1970 or after 2262 are refused. */
export function optionalTimestamp(ts: Timestamp | undefined, fallback: bigint, field: string): bigint {
  if (!ts) return fallback;
  const ns = timestampToNs(ts);
  if (ts.seconds < 0n || ns > 9_223_372_036_854_775_807n) {
    throw ServiceError.invalidArgument(field, 'must be between 1970 and 2262');
  }
  return ns;
}

export function durationToNs(d: Duration | undefined): bigint | undefined {
  if (!d) return undefined;
  return d.seconds * NS_PER_SECOND + BigInt(d.nanos);
}

/** RFC 3339 with nanoseconds, e.g. 2024-01-02T03:04:05.123456789Z. */
export function formatNs(ns: bigint): string {
  const ms = ns / NS_PER_MS;
  const iso = new Date(Number(ms)).toISOString();
  const fraction = (((ns % NS_PER_SECOND) + NS_PER_SECOND) % NS_PER_SECOND).toString().padStart(9, '0');
  return `${iso.slice(0, 19)}.${fraction}Z`;
}

/** The UTC day of a time in ns, "YYYY-MM-DD". */
export function utcDay(ns: bigint): string {
  return new Date(Number(ns / NS_PER_MS)).toISOString().slice(0, 10);
}
