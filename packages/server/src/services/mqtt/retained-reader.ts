import { ServiceError } from '../../platform/errors.js';
import type { BrokerConnection, InboundMessage, RetainedRead, RetainedRecord } from './broker.js';
import { filterMatches } from './names.js';

interface PendingRead {
  filter: string;
  marker: string;
  found: Map<string, RetainedRecord>;
  done: () => void;
}

/**
 * Reads a broker's retained messages through MQTT itself, which has no "get": subscribe to the filter
 * and to a private marker topic, publish the marker, and collect what arrives before it. A broker sends
 * the retained messages of a new subscription before it handles the connection's next packet, and keeps
 * one outgoing order per connection, so everything retained is in before the marker (checked against
 * Mosquitto 2 and aedes). Brokers deliver at most their per-client queue (Mosquitto: 1000 queued + 20 in
 * flight) for one subscription, so reaching `limit` reports the read as possibly incomplete.
 *
 * Each pooled connection serves one read at a time.
 */
export class RetainedReader {
  private readonly idle: BrokerConnection[] = [];
  private readonly waiting: Array<{
    resolve: (connection: BrokerConnection) => void;
    reject: (err: unknown) => void;
  }> = [];
  private readonly current = new Map<BrokerConnection, PendingRead>();
  private opened = 0;
  private sequence = 0;
  private closed = false;

  constructor(
    private readonly open: (index: number) => Promise<BrokerConnection>,
    private readonly markerRoot: string,
    private readonly limit: number,
    private readonly poolSize: number,
    private readonly timeoutMs: number,
  ) {}

  async read(filter: string): Promise<RetainedRead> {
    const connection = await this.acquire();
    let healthy = true;
    try {
      return await this.readOn(connection, filter);
    } catch (err) {
      healthy = false;
      throw err;
    } finally {
      this.release(connection, healthy);
    }
  }

  private async readOn(connection: BrokerConnection, filter: string): Promise<RetainedRead> {
    const marker = `${this.markerRoot}/${connection.clientId.replaceAll('/', '_')}/${++this.sequence}`;
    const found = new Map<string, RetainedRecord>();
    let timer: NodeJS.Timeout | undefined;
    const arrived = new Promise<void>((resolve, reject) => {
      this.current.set(connection, { filter, marker, found, done: resolve });
      timer = setTimeout(
        () => reject(ServiceError.unavailable('the broker did not deliver the retained messages in time')),
        this.timeoutMs,
      );
    });
    arrived.catch(() => undefined);
    try {
      await connection.subscribe([
        { topic: filter, qos: 2 },
        { topic: marker, qos: 2 },
      ]);
      await connection.publish(marker, Buffer.from('.'), 2, false);
      await arrived;
    } finally {
      clearTimeout(timer);
      this.current.delete(connection);
      await connection.unsubscribe([filter, marker]).catch(() => undefined);
    }
    const messages = [...found.values()].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    return { messages, complete: messages.length < this.limit };
  }

  private deliver(connection: BrokerConnection, message: InboundMessage): void {
    const read = this.current.get(connection);
    if (!read) return;
    if (message.topic === read.marker) {
      read.done();
      return;
    }
    if (message.retain && filterMatches(read.filter, message.topic)) {
      read.found.set(message.topic, { topic: message.topic, payload: message.payload, qos: message.qos });
    }
  }

  private async acquire(): Promise<BrokerConnection> {
    if (this.closed) throw ServiceError.unavailable('the service is shutting down');
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.opened < this.poolSize) {
      const index = this.opened++;
      try {
        const connection = await this.open(index);
        connection.onMessage((m) => this.deliver(connection, m));
        return connection;
      } catch (err) {
        this.opened--;
        throw err;
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(connection: BrokerConnection, healthy: boolean): void {
    if (!healthy || this.closed) {
      // A read that failed may leave the connection in an unknown state: replace it.
      this.opened--;
      void connection.close();
      const next = this.waiting.shift();
      if (next) this.acquire().then(next.resolve, next.reject);
      return;
    }
    const next = this.waiting.shift();
    if (next) next.resolve(connection);
    else this.idle.push(connection);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiting.splice(0))
      w.reject(ServiceError.unavailable('the service is shutting down'));
    await Promise.all(this.idle.splice(0).map((c) => c.close()));
  }
}
