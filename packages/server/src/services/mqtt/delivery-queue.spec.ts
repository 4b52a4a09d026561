import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { DeliveryQueue } from './delivery-queue.js';

async function drain<T>(queue: DeliveryQueue<T>): Promise<Array<{ item: T; droppedBefore: number }>> {
  const out: Array<{ item: T; droppedBefore: number }> = [];
  queue.end();
  for await (const d of queue) out.push(d);
  return out;
}

describe('delivery queue', () => {
  it('hands items to a waiting reader at once and keeps their order', async () => {
    const queue = new DeliveryQueue<number>(10, 1000, 'close');
    const iterator = queue[Symbol.asyncIterator]();
    const waiting = iterator.next();
    queue.push(1, 1);
    expect(await waiting).toEqual({ value: { item: 1, droppedBefore: 0 }, done: false });
    for (let i = 2; i <= 5; i++) queue.push(i, 1);
    expect((await drain(queue)).map((d) => d.item)).toEqual([2, 3, 4, 5]);
  });

  it('fails with RESOURCE_EXHAUSTED past its item limit (policy close), keeping nothing', async () => {
    let closed = 0;
    const queue = new DeliveryQueue<number>(3, 1000, 'close', () => closed++);
    for (let i = 0; i < 4; i++) queue.push(i, 1);
    expect(closed).toBe(1);
    expect(queue.length).toBe(0);
    await expect(queue[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
    queue.push(99, 1);
    expect(queue.length).toBe(0);
  });

  it('fails past its byte limit too', async () => {
    const queue = new DeliveryQueue<string>(100, 10, 'close');
    queue.push('a', 6);
    queue.push('b', 6);
    await expect(queue[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: GrpcStatus.RESOURCE_EXHAUSTED,
    });
  });

  it('drops the oldest (policy drop-oldest) and counts every drop exactly once', async () => {
    fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 200 }),
        async (sizes, maxItems, maxBytes) => {
          const queue = new DeliveryQueue<number>(maxItems, maxBytes, 'drop-oldest');
          for (const [i, bytes] of sizes.entries()) queue.push(i, bytes);
          expect(queue.length).toBeLessThanOrEqual(maxItems);
          expect(queue.bufferedBytes).toBeLessThanOrEqual(maxBytes);
          const out = await drain(queue);
          const items = out.map((d) => d.item);
          expect(items).toEqual([...items].sort((a, b) => a - b));
          const dropped = out.reduce((n, d) => n + d.droppedBefore, 0);
          // Drops after the last delivered item have no later item to report them.
          const trailing = sizes.length - 1 - (items.at(-1) ?? -1);
          expect(items.length + dropped + trailing).toBe(sizes.length);
          expect(queue.dropped).toBe(sizes.length - items.length);
        },
      ),
    );
  });

  it('tells the next item how many were skipped before it', async () => {
    const queue = new DeliveryQueue<string>(2, 1000, 'drop-oldest');
    for (const x of ['a', 'b', 'c', 'd']) queue.push(x, 1);
    expect(await drain(queue)).toEqual([
      { item: 'c', droppedBefore: 2 },
      { item: 'd', droppedBefore: 0 },
    ]);
  });

  it('ends after what it holds, or at once with an error', async () => {
    const queue = new DeliveryQueue<number>(5, 100, 'close');
    queue.push(1, 1);
    expect((await drain(queue)).map((d) => d.item)).toEqual([1]);
    const failing = new DeliveryQueue<number>(5, 100, 'close');
    failing.push(1, 1);
    failing.fail(new Error('gone'));
    await expect(failing[Symbol.asyncIterator]().next()).rejects.toThrow('gone');
  });
});
