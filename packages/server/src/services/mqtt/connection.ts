import type { Duplex } from 'node:stream';
import { connect as connectUrl, type IClientOptions, MqttClient } from 'mqtt';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { BrokerConnection, ConnectionEvent, ConnectionOptions, InboundMessage, Qos } from './broker.js';

/** How a connection reaches the broker: a URL (external broker) or an in-process stream (aedes). */
export type BrokerTransport = { url: string } | { stream: () => Duplex };

export interface ConnectionSettings {
  connectTimeoutMs: number;
  /** How long a QoS 1/2 publish may wait for the broker's acknowledgement. */
  publishTimeoutMs: number;
  reconnectPeriodMs: number;
  logger: Logger;
}

interface PendingAck {
  deadline: number;
  qos: Qos;
  reject: (err: unknown) => void;
}

/** A connection that the broker closed this many times within TAKEOVER_WINDOW_MS has been taken over. */
const TAKEOVER_CLOSES = 3;
const TAKEOVER_WINDOW_MS = 30_000;

/** MQTT 3.1.1 CONNACK return codes, as the status a caller sees. */
function connackError(code: number): ServiceError {
  switch (code) {
    case 1:
      return ServiceError.unavailable('the broker does not speak MQTT 3.1.1');
    case 2:
      return ServiceError.invalidArgument('client_id', 'the broker rejected the client id');
    case 3:
      return ServiceError.unavailable('the broker is unavailable (CONNACK: server unavailable)');
    case 4:
      return ServiceError.unauthenticated('the broker rejected the username or password');
    case 5:
      // Brokers answer wrong credentials with "not authorised" too (Mosquitto does).
      return ServiceError.unauthenticated('the broker rejected the username or password (not authorised)');
    default:
      return ServiceError.unavailable(`the broker refused the connection (CONNACK code ${code})`);
  }
}

function asServiceError(err: unknown, what: string): ServiceError {
  if (err instanceof ServiceError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return ServiceError.unavailable(`${what}: ${message}`, err);
}

/**
 * One MQTT connection made with the `mqtt` package. Reconnects after the broker drops it when asked to
 * (sessions), and gives up when the broker keeps closing it right after it connected — what a broker
 * does when another connection takes over the same client id — instead of fighting over the id.
 */
export class MqttConnection implements BrokerConnection {
  private readonly messageListeners: Array<(message: InboundMessage) => void> = [];
  /**
   * Messages that arrived before anyone listened: a broker sends a persistent session's queued messages
   * right after CONNACK, before the caller of open() could register its listener.
   */
  private early: InboundMessage[] | undefined = [];
  private readonly pendingAcks = new Set<PendingAck>();
  private ackSweep: NodeJS.Timeout | undefined;
  private readonly eventListeners: Array<(event: ConnectionEvent) => void> = [];
  private readonly recentCloses: number[] = [];
  private closing = false;
  private ended = false;
  private wasConnected = false;
  sessionPresent = false;

  private constructor(
    private readonly client: MqttClient,
    readonly clientId: string,
    private readonly options: ConnectionOptions,
    private readonly settings: ConnectionSettings,
  ) {}

  static async open(
    transport: BrokerTransport,
    options: ConnectionOptions,
    settings: ConnectionSettings,
  ): Promise<MqttConnection> {
    const clientOptions: IClientOptions = {
      protocolVersion: 4,
      clientId: options.clientId,
      clean: options.clean,
      keepalive: options.keepAliveSeconds,
      // The first attempt must succeed or fail the Connect call; reconnects are enabled once it did.
      reconnectPeriod: 0,
      connectTimeout: settings.connectTimeoutMs,
      resubscribe: true,
      queueQoSZero: false,
      ...(options.username ? { username: options.username } : {}),
      ...(options.password ? { password: options.password } : {}),
      ...(options.will
        ? {
            will: {
              topic: options.will.topic,
              payload: Buffer.from(options.will.payload),
              qos: options.will.qos,
              retain: options.will.retain,
            },
          }
        : {}),
    };
    const client =
      'url' in transport
        ? connectUrl(transport.url, clientOptions)
        : new MqttClient(transport.stream, clientOptions);
    const connection = new MqttConnection(client, options.clientId, options, settings);
    await connection.firstConnect();
    return connection;
  }

  get connected(): boolean {
    return this.client.connected;
  }

  private firstConnect(): Promise<void> {
    const client = this.client;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      // Only our own listeners are ever removed: the mqtt package keeps its connection state in its own.
      const onError = (err: Error & { code?: unknown }) => {
        if (typeof err.code === 'number') fail(connackError(err.code));
        else fail(asServiceError(err, 'cannot connect to the MQTT broker'));
      };
      const onClose = () => fail(ServiceError.unavailable('cannot connect to the MQTT broker'));
      const onConnect = (connack: { sessionPresent: boolean }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.removeListener('error', onError);
        client.removeListener('close', onClose);
        this.noDelay();
        this.sessionPresent = connack.sessionPresent;
        this.wasConnected = true;
        this.attach();
        resolve();
      };
      const timer = setTimeout(
        () => fail(ServiceError.unavailable('the broker did not answer the connection in time')),
        this.settings.connectTimeoutMs + 1000,
      );
      const fail = (err: ServiceError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        client.removeListener('connect', onConnect);
        client.removeListener('close', onClose);
        client.removeListener('error', onError);
        client.on('error', () => undefined);
        client.end(true);
        reject(err);
      };
      client.once('connect', onConnect);
      client.on('error', onError);
      client.once('close', onClose);
    });
  }

  /** Wires the steady-state listeners once the first CONNACK arrived. */
  private attach(): void {
    const client = this.client;
    if (this.options.reconnect) client.options.reconnectPeriod = this.settings.reconnectPeriodMs;
    client.on('message', (topic, payload, packet) => {
      const message: InboundMessage = {
        topic,
        payload,
        qos: packet.qos as Qos,
        retain: packet.retain,
        duplicate: packet.dup,
        receivedAt: Date.now(),
      };
      if (this.early) this.early.push(message);
      else for (const listener of this.messageListeners) listener(message);
    });
    client.on('error', (err) => {
      this.settings.logger.debug({ err, clientId: this.clientId }, 'mqtt connection error');
    });
    client.on('connect', (connack) => {
      this.noDelay();
      this.sessionPresent = connack.sessionPresent;
      this.wasConnected = true;
      this.emit({ type: 'connected', sessionPresent: connack.sessionPresent, reconnect: true });
    });
    client.on('close', () => {
      if (this.closing || this.ended) return;
      if (this.wasConnected) {
        this.wasConnected = false;
        const now = Date.now();
        this.recentCloses.push(now);
        while (this.recentCloses.length > 0 && this.recentCloses[0]! < now - TAKEOVER_WINDOW_MS) {
          this.recentCloses.shift();
        }
        if (this.recentCloses.length >= TAKEOVER_CLOSES) {
          this.finish('another connection keeps taking over this client id');
          return;
        }
        this.emit({ type: 'disconnected', reason: 'the broker connection dropped' });
      }
      if (!this.options.reconnect) this.finish('the broker closed the connection');
    });
  }

  /** Acknowledgements are tiny and latency-bound: do not let Nagle's algorithm hold them back. */
  private noDelay(): void {
    const stream = this.client.stream as { setNoDelay?: (on: boolean) => void } | undefined;
    stream?.setNoDelay?.(true);
  }

  private finish(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    if (this.ackSweep) clearInterval(this.ackSweep);
    this.client.end(true);
    this.emit({ type: 'closed', reason });
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  onMessage(listener: (message: InboundMessage) => void): void {
    this.messageListeners.push(listener);
    const early = this.early;
    this.early = undefined;
    for (const message of early ?? []) listener(message);
  }

  onEvent(listener: (event: ConnectionEvent) => void): void {
    this.eventListeners.push(listener);
  }

  publish(topic: string, payload: Uint8Array, qos: Qos, retain: boolean): Promise<void> {
    if (this.ended) return Promise.reject(ServiceError.failedPrecondition('the connection is closed'));
    if (!this.client.connected) {
      return Promise.reject(
        ServiceError.unavailable('the broker connection is down (it reconnects automatically)'),
      );
    }
    return new Promise<void>((resolve, reject) => {
      const waiting = qos > 0 ? this.awaitAck(qos, reject) : undefined;
      this.client.publish(
        topic,
        Buffer.isBuffer(payload)
          ? payload
          : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
        { qos, retain },
        (err) => {
          if (waiting) this.pendingAcks.delete(waiting);
          if (err) reject(asServiceError(err, 'publish failed'));
          else resolve();
        },
      );
    });
  }

  /**
   * Tracks a QoS 1/2 publish until its acknowledgement, failing it after the publish timeout. One sweep
   * timer serves every pending publish (a timer each costs more than the publish at high rates).
   */
  private awaitAck(qos: Qos, reject: (err: unknown) => void): PendingAck {
    const pending: PendingAck = { deadline: Date.now() + this.settings.publishTimeoutMs, qos, reject };
    this.pendingAcks.add(pending);
    if (!this.ackSweep) {
      this.ackSweep = setInterval(() => this.sweepAcks(), Math.min(1000, this.settings.publishTimeoutMs));
      this.ackSweep.unref();
    }
    return pending;
  }

  private sweepAcks(): void {
    const now = Date.now();
    for (const pending of this.pendingAcks) {
      if (pending.deadline > now) continue;
      this.pendingAcks.delete(pending);
      pending.reject(
        ServiceError.unavailable(
          `the broker did not acknowledge the QoS ${pending.qos} publish within ${this.settings.publishTimeoutMs} ms`,
        ),
      );
    }
    if (this.pendingAcks.size === 0 && this.ackSweep) {
      clearInterval(this.ackSweep);
      this.ackSweep = undefined;
    }
  }

  subscribe(filters: ReadonlyArray<{ topic: string; qos: Qos }>): Promise<Qos[]> {
    if (!this.client.connected) {
      return Promise.reject(ServiceError.unavailable('the broker connection is down'));
    }
    const request: Record<string, { qos: Qos }> = {};
    for (const f of filters) request[f.topic] = { qos: Math.max(f.qos, request[f.topic]?.qos ?? 0) as Qos };
    return new Promise<Qos[]>((resolve, reject) => {
      this.client.subscribe(request, (err, granted) => {
        if (err) {
          const code = (err as { code?: unknown }).code;
          reject(
            code === 128
              ? new ServiceError(GrpcStatus.PERMISSION_DENIED, 'the broker refused the subscription')
              : asServiceError(err, 'subscribe failed'),
          );
          return;
        }
        const byTopic = new Map((granted ?? []).map((g) => [g.topic, g.qos as Qos]));
        resolve(filters.map((f) => byTopic.get(f.topic) ?? f.qos));
      });
    });
  }

  unsubscribe(filters: readonly string[]): Promise<void> {
    if (filters.length === 0 || this.ended) return Promise.resolve();
    if (!this.client.connected) {
      // The broker forgets a clean session's subscriptions anyway; mqtt.js must not resubscribe them.
      const resubscribe = (this.client as unknown as { _resubscribeTopics: Record<string, unknown> })
        ._resubscribeTopics;
      for (const f of filters) delete resubscribe[f];
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.client.unsubscribe([...filters], (err) =>
        err ? reject(asServiceError(err, 'unsubscribe failed')) : resolve(),
      );
    });
  }

  close(abrupt = false): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.closing = true;
    this.ended = true;
    if (this.ackSweep) clearInterval(this.ackSweep);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.client.end(true);
        resolve();
      }, 2000);
      this.client.end(abrupt, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    }).finally(() => this.emit({ type: 'closed', reason: abrupt ? 'dropped' : 'disconnected' }));
  }
}
