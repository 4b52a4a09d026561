import { ServiceError } from './errors.js';

/** A streamed upload message: a oneof whose first case is the header and every later case a chunk. */
interface Framed<H> {
  part:
    | { case: 'header'; value: H }
    | { case: 'chunk'; value: Uint8Array }
    | { case: undefined; value?: undefined };
}

/**
 * Splits a client stream of `{ header | chunk }` messages into its header and an iterable of chunks,
 * refusing streams that do not start with exactly one header.
 */
export async function headerAndChunks<H>(
  requests: AsyncIterable<Framed<H>>,
): Promise<{ header: H; chunks: AsyncIterable<Uint8Array> }> {
  const iterator = requests[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done || first.value.part.case !== 'header') {
    throw ServiceError.invalidArgument('header', 'the first message of the stream must be the header');
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      if (next.value.part.case !== 'chunk') {
        throw ServiceError.invalidArgument('chunk', 'only the first message of the stream may be a header');
      }
      yield next.value.part.value;
    }
  }
  return { header: first.value.part.value, chunks: chunks() };
}

/**
 * Re-frames a byte stream into chunks of about `size` bytes: small reads are joined (fewer, larger
 * messages are much cheaper on gRPC) and large ones split (messages stay under the size limit).
 */
export async function* rechunk(source: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Uint8Array> {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  for await (const piece of source) {
    let chunk = piece;
    while (chunk.byteLength > 0) {
      if (pendingBytes === 0 && chunk.byteLength >= size) {
        yield chunk.subarray(0, size);
        chunk = chunk.subarray(size);
        continue;
      }
      const take = Math.min(size - pendingBytes, chunk.byteLength);
      pending.push(chunk.subarray(0, take));
      pendingBytes += take;
      chunk = chunk.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
}

/** Runs `work` over items with at most `limit` in flight, keeping results in order. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(workers);
  return results;
}
