import { expect } from 'vitest';

/** Expects a call to fail with this gRPC status code (and, when given, naming this field). */
export async function expectCode(promise: Promise<unknown>, code: number, field?: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ code, ...(field ? { field } : {}) });
}

/** Collects up to `count` items from a live stream, failing after `timeoutMs`. */
export async function take<T>(stream: AsyncIterable<T>, count: number, timeoutMs = 5000): Promise<T[]> {
  const out: T[] = [];
  const iterator = stream[Symbol.asyncIterator]();
  const deadline = Date.now() + timeoutMs;
  while (out.length < count) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new Error(`timed out after ${out.length} of ${count} items`);
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      iterator.next(),
      new Promise<'timeout'>((r) => {
        timer = setTimeout(() => r('timeout'), remaining);
      }),
    ]);
    clearTimeout(timer);
    if (next === 'timeout') throw new Error(`timed out after ${out.length} of ${count} items`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** Polls `check` until it returns true, failing after `timeoutMs`. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
