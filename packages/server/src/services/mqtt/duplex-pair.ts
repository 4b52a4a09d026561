import { Duplex } from 'node:stream';

/** One end of an in-memory connection; a write completes once the other end's reader has room. */
class PairEnd extends Duplex {
  peer!: PairEnd;

  constructor(private readonly waitForReader: boolean) {
    // Like a socket's buffers: a publisher is held back only once a megabyte waits to be read.
    super({ readableHighWaterMark: 1 << 20, writableHighWaterMark: 1 << 20 });
  }

  /** This end's write, waiting for the peer's reader to want more. */
  private blockedWrite: ((error?: Error | null) => void) | undefined;

  override _read(): void {
    // Not synchronously: the writer would push into this stream from inside its reader's read() call.
    process.nextTick(() => this.peer.resume_());
  }

  /** Lets a write that waited for room continue (or fail, when the connection is gone). */
  resume_(error?: Error): void {
    const blocked = this.blockedWrite;
    this.blockedWrite = undefined;
    blocked?.(error);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.peer.destroyed) {
      callback(new Error('the connection is closed'));
      return;
    }
    if (this.peer.push(chunk) || !this.waitForReader) callback();
    else this.blockedWrite = callback;
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer.push(null);
    callback();
    // MQTT connections do not half-close: once one side has said all it will, the connection is over.
    // Closing both ends also frees a writer on the other side that would otherwise wait forever for
    // a reader that has stopped reading.
    setImmediate(() => this.destroy());
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    const closed = new Error('the connection is closed');
    this.resume_(closed);
    this.peer.resume_(closed);
    if (!this.peer.destroyed) this.peer.destroy();
    callback(err);
  }
}

/**
 * Two connected in-memory streams: what one side writes the other reads. Sessions reach the embedded
 * broker through these instead of a TCP socket (Node 20 has no stream.duplexPair).
 *
 * Only the client's writes wait for the broker to read (the broker throttles publishers that way). The
 * broker's writes never wait: the client end is always one of the service's own connections, which
 * reads everything at once into bounded per-stream queues, and a broker write that waits for a reader
 * that has just closed stalls the broker's delivery to everyone else (aedes waits for "drain").
 */
export function duplexPair(): [client: Duplex, broker: Duplex] {
  const a = new PairEnd(true);
  const b = new PairEnd(false);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
