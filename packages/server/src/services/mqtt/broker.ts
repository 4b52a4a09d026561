import type { ProbeResult } from '../../platform/health.js';

/**
 * The MQTT backend, in physical names (topics and client ids already inside a tenant's namespace: see
 * names.ts). Tenancy is not its concern. Adapters: EmbeddedBroker (aedes in this process, durable
 * retained messages, optional TCP listener) and ExternalBroker (any MQTT 3.1.1 broker at MQTT_URL).
 * Both hand out real MQTT connections made with the `mqtt` package; they differ in how a connection
 * reaches the broker, how retained state is read, and what the broker can tell about itself.
 *
 * Methods throw ServiceError: UNAVAILABLE while the broker cannot be reached, UNAUTHENTICATED /
 * PERMISSION_DENIED for what the broker refuses.
 */
export interface MqttBackend {
  readonly kind: 'embedded' | 'external';
  /** Where the broker is, for health output: a URL without credentials, or "embedded (...)". */
  readonly description: string;
  /** Opens one MQTT connection; resolves once the broker accepted it (CONNACK). */
  connect(options: ConnectionOptions): Promise<BrokerConnection>;
  /**
   * The retained messages matching a filter. `complete` is false when the broker may have held back
   * some (external brokers deliver at most their per-client queue limit for one subscription).
   */
  readRetained(filter: string): Promise<RetainedRead>;
  /** What the broker says about itself ($SYS facts, connected clients, version). */
  brokerFacts(): Promise<Record<string, string>>;
  health(): Promise<ProbeResult>;
  close(): Promise<void>;
}

export type Qos = 0 | 1 | 2;

export interface ConnectionOptions {
  clientId: string;
  username?: string;
  password?: string;
  clean: boolean;
  keepAliveSeconds: number;
  will?: { topic: string; payload: Uint8Array; qos: Qos; retain: boolean };
  /** Re-establish the connection after it drops (sessions do; one-shot readers do not). */
  reconnect: boolean;
}

export interface InboundMessage {
  topic: string;
  payload: Buffer;
  qos: Qos;
  /** Sent because it was retained when the subscription was made. */
  retain: boolean;
  duplicate: boolean;
  /** When it reached the service (ms). */
  receivedAt: number;
}

export interface RetainedRecord {
  topic: string;
  payload: Buffer;
  qos: Qos;
  storedAt?: Date;
}

export interface RetainedRead {
  messages: RetainedRecord[];
  complete: boolean;
}

export type ConnectionEvent =
  | { type: 'connected'; sessionPresent: boolean; reconnect: boolean }
  | { type: 'disconnected'; reason: string }
  /** The connection ended for good (closed by us, or by the broker without reconnecting). */
  | { type: 'closed'; reason: string };

/** One live MQTT connection. */
export interface BrokerConnection {
  readonly clientId: string;
  readonly sessionPresent: boolean;
  readonly connected: boolean;
  publish(topic: string, payload: Uint8Array, qos: Qos, retain: boolean): Promise<void>;
  /** Subscribes; resolves to the granted QoS per filter. A refused filter throws PERMISSION_DENIED. */
  subscribe(filters: ReadonlyArray<{ topic: string; qos: Qos }>): Promise<Qos[]>;
  unsubscribe(filters: readonly string[]): Promise<void>;
  onMessage(listener: (message: InboundMessage) => void): void;
  onEvent(listener: (event: ConnectionEvent) => void): void;
  /**
   * Ends the connection. `abrupt` drops it without an MQTT DISCONNECT, so the broker publishes the last
   * will; otherwise the will is discarded.
   */
  close(abrupt?: boolean): Promise<void>;
}
