import { durationFromMs } from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { delta, duration, EXPIRATION, score, scoreArg } from './values.js';

describe('redis values', () => {
  it('reads and writes scores, infinities included', () => {
    expect(score(Buffer.from('1.5'))).toBe(1.5);
    expect(score(Buffer.from('inf'))).toBe(Number.POSITIVE_INFINITY);
    expect(score(Buffer.from('-inf'))).toBe(Number.NEGATIVE_INFINITY);
    expect(scoreArg(Number.POSITIVE_INFINITY, 's')).toBe('+inf');
    expect(scoreArg(-2.25, 's')).toBe('-2.25');
    expect(() => scoreArg(Number.NaN, 's')).toThrow(
      expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT }),
    );
  });

  it('treats a zero delta as 1, as the reference API did', () => {
    expect(delta(0n)).toBe('1');
    expect(delta(-5n)).toBe('-5');
    expect(delta(9223372036854775807n)).toBe('9223372036854775807');
  });

  it('checks durations against their rule', () => {
    expect(duration(durationFromMs(1500), 'ttl', EXPIRATION)).toBe(1500);
    const refused = (ms: number | undefined) =>
      expect(() => duration(ms === undefined ? undefined : durationFromMs(ms), 'ttl', EXPIRATION)).toThrow(
        expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'ttl' }),
      );
    refused(undefined);
    refused(0);
    refused(0.5);
    refused(-1000);
    refused(3651 * 24 * 3600_000);
    expect(duration(undefined, 'ttl', { ...EXPIRATION, fallbackMs: 42 })).toBe(42);
  });
});
