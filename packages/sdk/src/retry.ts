import { GrpcStatus } from './errors.js';

/** When and how often a failed idempotent call is tried again. */
export interface RetryPolicy {
  /** Total attempts including the first (default 3). */
  maxAttempts: number;
  /** Backoff before the second attempt (default 1000 ms); it doubles per attempt. */
  initialBackoffMs: number;
  /** Upper bound of the backoff (default 10000 ms). */
  maxBackoffMs: number;
  /** Status codes worth retrying: transient ones only. */
  retryableCodes: readonly GrpcStatus[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialBackoffMs: 1000,
  maxBackoffMs: 10_000,
  retryableCodes: [GrpcStatus.UNAVAILABLE, GrpcStatus.RESOURCE_EXHAUSTED, GrpcStatus.ABORTED],
};

/**
 * Exponential backoff with jitter: the n-th retry waits a random time between half and all of
 * min(max, initial * 2^(n-1)), never less than the initial backoff.
 */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (retry - 1));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  return Math.max(Math.min(policy.initialBackoffMs, policy.maxBackoffMs), Math.round(jittered));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
