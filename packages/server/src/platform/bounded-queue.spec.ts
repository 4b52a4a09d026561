import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('hands items to a waiting reader and ends after queued items', async () => {
    let closed = 0;
    const q = new BoundedQueue<number>(
      10,
      () => new Error('full'),
      () => closed++,
    );
    const reading = (async () => {
      const out: number[] = [];
      for await (const n of q) out.push(n);
      return out;
    })();
    q.push(1);
    q.push(2);
    q.end();
    q.push(3);
    expect(await reading).toEqual([1, 2]);
    expect(closed).toBe(1);
  });

  it('fails instead of growing past its limit', async () => {
    let closed = 0;
    const q = new BoundedQueue<number>(
      2,
      (limit) => new Error(`more than ${limit}`),
      () => closed++,
    );
    for (let i = 0; i < 5; i++) q.push(i);
    await expect(
      (async () => {
        for await (const _ of q) {
          // nothing
        }
      })(),
    ).rejects.toThrow('more than 2');
    expect(closed).toBe(1);
  });

  it('stops its source when the reader breaks out', async () => {
    let closed = 0;
    const q = new BoundedQueue<number>(
      10,
      () => new Error('full'),
      () => closed++,
    );
    q.push(1);
    for await (const _ of q) break;
    expect(closed).toBe(1);
  });
});
