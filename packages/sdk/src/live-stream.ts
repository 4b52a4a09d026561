/**
 * A live server stream (subscription, consumer, watch): iterate it with `for await`; it ends when you
 * break out of the loop, call close(), abort the call's signal, or the server ends it. A failure while
 * iterating throws IsaCloudError; a close() while a message is awaited ends the loop quietly.
 */
export class LiveStream<T> implements AsyncIterable<T> {
  private closed = false;

  constructor(
    /** The server's id for the stream (the services' Unsubscribe calls take it). */
    readonly id: string,
    private readonly source: AsyncGenerator<T | undefined>,
    private readonly controller: AbortController,
  ) {}

  close(): void {
    this.closed = true;
    this.controller.abort();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    try {
      for (;;) {
        let next: IteratorResult<T | undefined>;
        try {
          next = await this.source.next();
        } catch (err) {
          if (this.closed) return;
          throw err;
        }
        if (next.done) return;
        if (next.value !== undefined) yield next.value;
      }
    } finally {
      this.close();
      await this.source.return(undefined).catch(() => undefined);
    }
  }
}
