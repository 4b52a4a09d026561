import { describe, expect, it } from 'vitest';
import { NATSLiveStream } from './nats.js';

async function* source(items: number[], failAfter?: Error): AsyncGenerator<number | undefined> {
  for (const n of items) yield n;
  yield undefined; // a stream event that is not an item
  if (failAfter) throw failAfter;
}

describe('NATSLiveStream', () => {
  it('yields items, skips non-item events, and aborts its call when the reader stops', async () => {
    const controller = new AbortController();
    const stream = new NATSLiveStream('id-1', source([1, 2, 3]), controller);
    const out: number[] = [];
    for await (const n of stream) {
      out.push(n);
      if (n === 2) break;
    }
    expect(out).toEqual([1, 2]);
    expect(controller.signal.aborted).toBe(true);
    expect(stream.id).toBe('id-1');
  });

  it('throws failures, but ends quietly after close()', async () => {
    const failing = new NATSLiveStream('a', source([1], new Error('boom')), new AbortController());
    await expect(
      (async () => {
        for await (const _ of failing) {
          // read all
        }
      })(),
    ).rejects.toThrow('boom');
    const closed = new NATSLiveStream('b', source([1], new Error('cancelled')), new AbortController());
    const seen: number[] = [];
    for await (const n of closed) {
      seen.push(n);
      closed.close();
    }
    expect(seen).toEqual([1]);
  });
});
