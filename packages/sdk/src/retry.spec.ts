import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffMs, DEFAULT_RETRY_POLICY } from './retry.js';

describe('backoffMs', () => {
  it('stays between the initial and the maximum backoff', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (retry, r) => {
        const ms = backoffMs(DEFAULT_RETRY_POLICY, retry, () => r);
        expect(ms).toBeGreaterThanOrEqual(1000);
        expect(ms).toBeLessThanOrEqual(10_000);
      }),
    );
  });

  it('grows exponentially until the cap', () => {
    const top = (retry: number) => backoffMs(DEFAULT_RETRY_POLICY, retry, () => 1);
    expect([1, 2, 3, 4, 5].map(top)).toEqual([1000, 2000, 4000, 8000, 10_000]);
  });
});
