import { Duplex } from 'node:stream';

/** One end of an in-memory connection; a write completes once the other end's reader has room. */
class PairEnd extends Duplex {
  peer!: PairEnd;
  private blockedWrite: (() => void) | undefined;

  override _read(): void {
    // Our reader wants more: let the writer on the other end continue.
    const resume = this.peer.blockedWrite;
    if (resume) {
      this.peer.blockedWrite = undefined;
      resume();
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.peer.destroyed) {
      callback(new Error('the other end of the connection is closed'));
      return;
    }
    if (this.peer.push(chunk)) callback();
    else this.blockedWrite = () => callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer.push(null);
    callback();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    const blocked = this.blockedWrite;
    this.blockedWrite = undefined;
    blocked?.();
    if (!this.peer.destroyed) this.peer.destroy();
    callback(err);
  }
}

/**
 * Two connected in-memory streams: what one side writes the other reads, with backpressure. Sessions
 * reach the embedded broker through these instead of a TCP socket (Node 20 has no stream.duplexPair).
 */
export function duplexPair(): [Duplex, Duplex] {
  const a = new PairEnd();
  const b = new PairEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
