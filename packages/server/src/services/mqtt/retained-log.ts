import { createReadStream } from 'node:fs';
import { appendFile, mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Qos, RetainedRecord } from './broker.js';

interface LogLine {
  /** topic */
  t: string;
  q: Qos;
  /** payload, base64; empty = the retained message was removed */
  p: string;
  /** stored at, ms since the epoch */
  at: number;
}

/**
 * The embedded broker's retained messages on disk: an append-only log of every retained write (an empty
 * payload removes the topic), replayed into the broker at start and compacted when it has grown to
 * several times its live size. A write is appended before the broker's publish of it completes, so a
 * retained message published with QoS 2 survives a crash of the process once acknowledged (not a crash
 * of the machine: no fsync). aedes acknowledges QoS 0 and 1 before it stores anything.
 */
export class RetainedLog {
  private readonly live = new Map<string, RetainedRecord>();
  private lines = 0;
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  /** Reads the log, compacts it, and returns the live retained messages. */
  async load(): Promise<RetainedRecord[]> {
    await mkdir(dirname(this.file), { recursive: true });
    const exists = await stat(this.file).then(
      () => true,
      () => false,
    );
    if (exists) {
      const reader = createInterface({ input: createReadStream(this.file, 'utf8'), crlfDelay: Infinity });
      for await (const raw of reader) {
        if (!raw.trim()) continue;
        let line: LogLine;
        try {
          line = JSON.parse(raw) as LogLine;
        } catch {
          // A line cut short by a crash mid-write: everything before it is intact.
          continue;
        }
        this.apply(line);
      }
    }
    await this.compact();
    return [...this.live.values()];
  }

  get size(): number {
    return this.live.size;
  }

  storedAt(topic: string): Date | undefined {
    return this.live.get(topic)?.storedAt;
  }

  /** Records one retained write; resolves once it is in the file. */
  record(topic: string, payload: Buffer, qos: Qos): Promise<void> {
    const line: LogLine = { t: topic, q: qos, p: payload.toString('base64'), at: Date.now() };
    if (payload.length === 0) this.live.delete(topic);
    else this.live.set(topic, { topic, payload, qos, storedAt: new Date(line.at) });
    const text = `${JSON.stringify(line)}\n`;
    const write = this.tail.then(async () => {
      await appendFile(this.file, text);
      this.lines++;
      if (this.lines > 2 * this.live.size + 10_000) await this.compact();
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  /** Waits for every pending write. */
  flush(): Promise<void> {
    return this.tail;
  }

  private apply(line: LogLine): void {
    if (line.p === '') this.live.delete(line.t);
    else {
      this.live.set(line.t, {
        topic: line.t,
        payload: Buffer.from(line.p, 'base64'),
        qos: line.q,
        storedAt: new Date(line.at),
      });
    }
  }

  private async compact(): Promise<void> {
    const text = [...this.live.values()]
      .map(
        (r) =>
          `${JSON.stringify({ t: r.topic, q: r.qos, p: r.payload.toString('base64'), at: r.storedAt?.getTime() ?? 0 })}\n`,
      )
      .join('');
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, this.file);
    this.lines = this.live.size;
  }
}
