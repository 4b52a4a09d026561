import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import type { ProbeResult } from '../../platform/health.js';
import type { Logger } from '../../platform/logger.js';
import type {
  BrokerConnection,
  ConnectionOptions,
  MqttBackend,
  Qos,
  RetainedRead,
  RetainedRecord,
} from './broker.js';
import { type ConnectionSettings, MqttConnection } from './connection.js';
import { duplexPair } from './duplex-pair.js';
import { MAX_BROKER_TOPIC_LEVELS } from './names.js';
import { RetainedLog } from './retained-log.js';

export interface ListenerOptions {
  host: string;
  port: number;
  /** Credentials a TCP client must present; it then has the whole broker (operators, tools). */
  username: string;
  password: string;
}

export interface EmbeddedBrokerOptions {
  dataDir: string;
  listener?: ListenerOptions;
  settings: ConnectionSettings;
  logger: Logger;
}

function aedesVersion(): string {
  try {
    const main = createRequire(import.meta.url).resolve('aedes');
    const pkg = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

interface RetainedSource {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown>;
}

function sameSecret(given: Buffer | undefined, expected: string): boolean {
  if (!given) return false;
  const want = Buffer.from(expected, 'utf8');
  return given.length === want.length && timingSafeEqual(given, want);
}

function authError(message: string): AuthenticateError {
  return Object.assign(new Error(message), { returnCode: 4 }) as AuthenticateError;
}

/**
 * An aedes broker in this process: the default backend, no setup needed. Sessions reach it through
 * in-memory streams (trusted: the service has already placed every topic in its tenant's namespace).
 * Retained messages — the tenants' and the service's registry — are kept in an append-only log under
 * the data dir, so they survive a restart like a Mosquitto with `persistence true`; persistent sessions'
 * queues are kept in memory only. With a listener configured, MQTT clients (operators, mosquitto_sub)
 * can connect over TCP with the listener's credentials.
 */
export class EmbeddedBroker implements MqttBackend {
  readonly kind = 'embedded' as const;
  readonly description: string;
  private readonly trusted = new WeakSet<object>();
  private server: Server | undefined;
  private restoring = true;
  private readonly version = aedesVersion();

  private constructor(
    private readonly broker: Aedes,
    private readonly log: RetainedLog,
    private readonly options: EmbeddedBrokerOptions,
  ) {
    this.description = 'embedded';
  }

  static async start(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const log = new RetainedLog(join(options.dataDir, 'retained.log'));
    const saved = await log.load();
    let self: EmbeddedBroker | undefined;
    const broker = await Aedes.createBroker({
      id: 'isa-mqtt-embedded',
      maxClientsIdLength: 512,
      maxTopicLevels: MAX_BROKER_TOPIC_LEVELS,
      heartbeatInterval: 60_000,
      authenticate: (client, username, password, done) =>
        self!.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => {
        if (client && !self!.isTrusted(client) && packet.topic.startsWith('$SYS')) {
          done(new Error('$SYS topics are reserved for the broker'));
          return;
        }
        done(null);
      },
      published: (packet, _client, done) => {
        if (!packet.retain || self!.restoring) {
          done(null);
          return;
        }
        self!.log.record(packet.topic, packet.payload as Buffer, packet.qos as Qos).then(
          () => done(null),
          (err: unknown) => done(err as Error),
        );
      },
    });
    self = new EmbeddedBroker(broker, log, options);
    broker.on('clientError', (client, err) =>
      options.logger.debug({ clientId: client?.id, err: err.message }, 'embedded broker client error'),
    );
    await self.restore(saved);
    if (options.listener) await self.listen(options.listener);
    return self;
  }

  private async restore(saved: RetainedRecord[]): Promise<void> {
    for (const r of saved) {
      await new Promise<void>((resolve, reject) =>
        this.broker.publish(
          { cmd: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: true, dup: false },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    }
    this.restoring = false;
    if (saved.length > 0) {
      this.options.logger.info({ retained: saved.length }, 'embedded broker restored retained messages');
    }
  }

  private async listen(listener: ListenerOptions): Promise<void> {
    const server = createServer((socket) => this.broker.handle(socket));
    server.listen(listener.port, listener.host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([err]) => {
        throw new Error(`cannot listen on ${listener.host}:${listener.port}: ${(err as Error).message}`);
      }),
    ]);
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : listener.port;
    (this as { description: string }).description = `embedded (mqtt://${listener.host}:${port})`;
    this.options.logger.info({ host: listener.host, port }, 'embedded MQTT broker listening for TCP clients');
  }

  /** The port of the TCP listener, when there is one. */
  get listenerPort(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  private isTrusted(client: Client): boolean {
    return this.trusted.has(client.conn);
  }

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    if (this.isTrusted(client)) {
      done(null, true);
      return;
    }
    const listener = this.options.listener;
    if (listener && username === listener.username && sameSecret(password, listener.password)) {
      done(null, true);
      return;
    }
    done(authError('bad username or password'), false);
  }

  private inProcessStream(): Duplex {
    const [clientEnd, brokerEnd] = duplexPair();
    this.trusted.add(brokerEnd);
    this.broker.handle(brokerEnd);
    return clientEnd;
  }

  connect(options: ConnectionOptions): Promise<BrokerConnection> {
    return MqttConnection.open({ stream: () => this.inProcessStream() }, options, this.options.settings);
  }

  async readRetained(filter: string): Promise<RetainedRead> {
    const messages: RetainedRecord[] = [];
    const persistence = (this.broker as unknown as { persistence: RetainedSource }).persistence;
    for await (const packet of persistence.createRetainedStreamCombi([filter])) {
      const p = packet as { topic: string; payload: Buffer; qos: Qos };
      const storedAt = this.log.storedAt(p.topic);
      messages.push({
        topic: p.topic,
        payload: Buffer.from(p.payload),
        qos: p.qos,
        ...(storedAt ? { storedAt } : {}),
      });
    }
    messages.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    return { messages, complete: true };
  }

  async brokerFacts(): Promise<Record<string, string>> {
    return {
      broker_version: `aedes ${this.version}`,
      broker_clients_connected: String(this.broker.connectedClients),
      broker_retained_messages: String(this.log.size),
      ...(this.listenerPort ? { tcp_listener: this.description } : {}),
    };
  }

  async health(): Promise<ProbeResult> {
    if (this.broker.closed) return { healthy: false, message: 'the embedded broker is closed' };
    return { healthy: true, details: { broker: this.description } };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // Closing the broker ends every client, TCP ones included; only then can the listener close.
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.log.flush();
  }
}
