/** Bytes to send: a buffer, a string (UTF-8), or any (async) iterable of chunks such as a Node stream. */
export type ByteSource = Uint8Array | ArrayBuffer | string | AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** Splits a byte source into chunks of at most `size` bytes, without copying. */
export async function* chunksOf(data: ByteSource, size: number): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') data = Buffer.from(data, 'utf8');
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (data instanceof Uint8Array) {
    for (let at = 0; at < data.byteLength; at += size) yield data.subarray(at, at + size);
    return;
  }
  for await (const piece of data as AsyncIterable<Uint8Array>) {
    for (let at = 0; at < piece.byteLength; at += size) yield piece.subarray(at, at + size);
  }
}
