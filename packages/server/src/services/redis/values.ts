import type { Duration } from '@bufbuild/protobuf/wkt';
import { ServiceError } from '../../platform/errors.js';

/** Keys named in one multi-key request (MGET, DEL, SUNION, BLPOP, ...). */
export const MAX_KEYS = 1000;
/** Values, members or fields in one request (RPUSH, SADD, ZADD, HSET, ...). */
export const MAX_ITEMS = 10_000;

const EMPTY = Buffer.alloc(0);

/** A request's bytes as a Buffer without copying. */
export function bytesArg(value: Uint8Array): Buffer {
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** A reply that should be a bulk string (or nil). */
export function bulk(reply: unknown): Buffer | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (Buffer.isBuffer(reply)) return reply;
  return Buffer.from(String(reply));
}

export function bulkOrEmpty(reply: unknown): Buffer {
  return bulk(reply) ?? EMPTY;
}

export function text(reply: unknown): string {
  return bulkOrEmpty(reply).toString('utf8');
}

export function integer(reply: unknown): bigint {
  if (typeof reply === 'number') return BigInt(reply);
  if (typeof reply === 'bigint') return reply;
  if (Buffer.isBuffer(reply) || typeof reply === 'string') return BigInt(reply.toString());
  throw new Error('unexpected reply from Redis (expected an integer)');
}

export function list(reply: unknown): unknown[] {
  if (Array.isArray(reply)) return reply;
  if (reply === null || reply === undefined) return [];
  throw new Error('unexpected reply from Redis (expected an array)');
}

/** Redis writes scores as decimal strings, with "inf" and "-inf" for the infinities. */
export function score(reply: unknown): number {
  const s = text(reply).toLowerCase();
  if (s === 'inf' || s === '+inf') return Number.POSITIVE_INFINITY;
  if (s === '-inf') return Number.NEGATIVE_INFINITY;
  const n = Number(s);
  if (Number.isNaN(n)) throw new Error('unexpected reply from Redis (expected a score)');
  return n;
}

export function scoreArg(value: number, field: string): string {
  if (Number.isNaN(value)) throw ServiceError.invalidArgument(field, 'must be a number (not NaN)');
  if (value === Number.POSITIVE_INFINITY) return '+inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  return String(value);
}

export function finite(value: number, field: string): string {
  if (!Number.isFinite(value)) throw ServiceError.invalidArgument(field, 'must be a finite number');
  return String(value);
}

/** An int64 delta where 0 means 1 (the reference API's convention). */
export function delta(value: bigint): string {
  return (value === 0n ? 1n : value).toString();
}

export function count(items: readonly unknown[], field: string, max: number): void {
  if (items.length === 0) throw ServiceError.invalidArgument(field, 'must name at least one');
  if (items.length > max) {
    throw ServiceError.invalidArgument(field, `at most ${max} per request (got ${items.length})`);
  }
}

export interface DurationRule {
  /** Used when the field is unset; undefined makes the field required. */
  fallbackMs?: number;
  minMs: number;
  maxMs: number;
  /** How the limits read in messages, e.g. "1 ms to 24 h". */
  range: string;
}

/** A Duration field in whole milliseconds, checked against its rule. */
export function duration(value: Duration | undefined, field: string, rule: DurationRule): number {
  if (value === undefined) {
    if (rule.fallbackMs === undefined)
      throw ServiceError.invalidArgument(field, `is required (${rule.range})`);
    return rule.fallbackMs;
  }
  if (value.seconds < 0n || value.nanos < 0) {
    throw ServiceError.invalidArgument(field, 'must not be negative');
  }
  // Whole milliseconds: Redis's finest unit; a sub-millisecond remainder is dropped.
  const ms = Number(value.seconds) * 1000 + Math.floor(value.nanos / 1e6);
  if (!Number.isFinite(ms) || ms < rule.minMs || ms > rule.maxMs) {
    throw ServiceError.invalidArgument(field, `must be ${rule.range}`);
  }
  return ms;
}

const DAY_MS = 24 * 3600_000;

/** Key expirations: 1 ms to 10 years (Redis itself allows more, but nothing sensible needs it). */
export const EXPIRATION: DurationRule = {
  minMs: 1,
  maxMs: 3650 * DAY_MS,
  range: 'between 1 ms and 10 years',
};

/** A start/stop index as Redis wants it. */
export function index(value: bigint): string {
  return value.toString();
}
