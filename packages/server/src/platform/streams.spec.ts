import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus, ServiceError } from './errors.js';
import { headerAndChunks, mapConcurrent, rechunk } from './streams.js';

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function* from<T>(items: T[]): AsyncGenerator<T> {
  yield* items;
}

describe('rechunk', () => {
  it('preserves every byte and frames all but the last chunk at exactly the target size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 50 }), { maxLength: 20 }),
        fc.integer({ min: 1, max: 17 }),
        async (pieces, size) => {
          const out = await collect(rechunk(from(pieces), size));
          expect(Buffer.concat(out)).toEqual(Buffer.concat(pieces));
          for (const c of out.slice(0, -1)) expect(c.byteLength).toBe(size);
          if (out.length > 0) expect(out.at(-1)!.byteLength).toBeLessThanOrEqual(size);
        },
      ),
    );
  });
});

describe('headerAndChunks', () => {
  it('returns the header and the chunks after it', async () => {
    const { header, chunks } = await headerAndChunks(
      from([
        { part: { case: 'header' as const, value: 'h' } },
        { part: { case: 'chunk' as const, value: new Uint8Array([1]) } },
        { part: { case: 'chunk' as const, value: new Uint8Array([2]) } },
      ]),
    );
    expect(header).toBe('h');
    expect(Buffer.concat(await collect(chunks))).toEqual(Buffer.from([1, 2]));
  });

  it('refuses a stream without a leading header, naming the field', async () => {
    const attempt = headerAndChunks(from([{ part: { case: 'chunk' as const, value: new Uint8Array([1]) } }]));
    await expect(attempt).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'header' });
  });

  it('refuses a second header inside the stream', async () => {
    const { chunks } = await headerAndChunks(
      from([
        { part: { case: 'header' as const, value: 1 } },
        { part: { case: 'header' as const, value: 2 } },
      ]),
    );
    await expect(collect(chunks)).rejects.toBeInstanceOf(ServiceError);
  });
});

describe('mapConcurrent', () => {
  it('keeps order and never exceeds the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
