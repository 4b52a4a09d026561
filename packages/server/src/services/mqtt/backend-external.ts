import type { ProbeResult } from '../../platform/health.js';
import type { BrokerConnection, ConnectionOptions, MqttBackend, RetainedRead } from './broker.js';
import { type ConnectionSettings, MqttConnection } from './connection.js';
import { serviceClientId } from './names.js';
import { RetainedReader } from './retained-reader.js';

export interface ExternalBrokerOptions {
  url: string;
  /** The service's own credentials, used for its connections and for sessions that bring none. */
  username?: string;
  password?: string;
  instanceId: string;
  markerRoot: string;
  /** Retained messages one subscription can deliver (the broker's per-client queue limit). */
  retainedReadLimit: number;
  settings: ConnectionSettings;
}

/** The URL without credentials, for logs and health output. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return 'mqtt://(invalid url)';
  }
}

/** Any MQTT 3.1.1 broker (Mosquitto, EMQX, HiveMQ, ...) at MQTT_URL. */
export class ExternalBroker implements MqttBackend {
  readonly kind = 'external' as const;
  readonly description: string;
  private readonly reader: RetainedReader;

  constructor(private readonly options: ExternalBrokerOptions) {
    this.description = redactUrl(options.url);
    this.reader = new RetainedReader(
      (index) =>
        this.connect({
          clientId: serviceClientId(options.instanceId, `reader-${index}`),
          clean: true,
          keepAliveSeconds: 60,
          reconnect: true,
        }),
      options.markerRoot,
      options.retainedReadLimit,
      4,
      Math.max(5000, options.settings.publishTimeoutMs),
    );
  }

  connect(options: ConnectionOptions): Promise<BrokerConnection> {
    const own = options.username ? {} : { username: this.options.username, password: this.options.password };
    return MqttConnection.open({ url: this.options.url }, { ...options, ...own }, this.options.settings);
  }

  readRetained(filter: string): Promise<RetainedRead> {
    return this.reader.read(filter);
  }

  async brokerFacts(): Promise<Record<string, string>> {
    const read = await this.reader.read('$SYS/broker/#');
    const facts: Record<string, string> = {};
    const wanted: Record<string, string> = {
      '$SYS/broker/version': 'broker_version',
      '$SYS/broker/uptime': 'broker_uptime',
      '$SYS/broker/clients/connected': 'broker_clients_connected',
      '$SYS/broker/clients/total': 'broker_clients_total',
      '$SYS/broker/subscriptions/count': 'broker_subscriptions',
      '$SYS/broker/retained messages/count': 'broker_retained_messages',
      '$SYS/broker/messages/received': 'broker_messages_received',
      '$SYS/broker/messages/sent': 'broker_messages_sent',
    };
    for (const m of read.messages) {
      const key = wanted[m.topic];
      if (key) facts[key] = m.payload.toString('utf8').slice(0, 200);
    }
    return facts;
  }

  async health(): Promise<ProbeResult> {
    return { healthy: true, details: { broker: this.description } };
  }

  async close(): Promise<void> {
    await this.reader.close();
  }
}
