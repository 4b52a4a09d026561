import { hostname } from 'node:os';
import type { Logger } from '../../platform/logger.js';
import type { BrokerConnection, InboundMessage, MqttBackend, Qos } from './broker.js';
import { serviceClientId } from './names.js';
import { DEVICE_STATUS_FILTER, INSTANCES_FILTER, instanceTopic, lastLevel } from './registry-topics.js';

export interface ControlEvents {
  /** A message on some tenant's `devices/{id}/status` topic. */
  deviceStatus(topic: string, payload: Buffer, retained: boolean): void;
  /** The control connection is back after a broker outage: republish what the broker may have lost. */
  reconnected(): void;
}

const EMPTY = Buffer.alloc(0);

function heartbeatOf(payload: Buffer): number {
  try {
    const at = (JSON.parse(payload.toString('utf8')) as { heartbeatAt?: unknown }).heartbeatAt;
    return typeof at === 'number' ? at : 0;
  } catch {
    return 0;
  }
}

/**
 * The service instance's own broker connection. It announces the instance as alive with a retained
 * record whose last will deletes it — so when an instance dies, the broker itself tells every other
 * instance, and the sessions that instance held stop counting (registry.ts). It follows the set of live
 * instances, watches device status topics, writes the registry, and carries publishes made without a
 * session.
 */
/** How often an instance refreshes its alive record, and how old a record may be before it is ignored. */
const HEARTBEAT_MS = 60_000;
const STALE_MS = 3 * HEARTBEAT_MS;

export class ControlPlane {
  /** Live instances → when their alive record was last written (ms). */
  private readonly alive = new Map<string, number>();
  private heartbeat: NodeJS.Timeout | undefined;

  private constructor(
    private readonly connection: BrokerConnection,
    private readonly backend: MqttBackend,
    readonly instanceId: string,
    private readonly events: ControlEvents,
    private readonly logger: Logger,
  ) {}

  static async start(
    backend: MqttBackend,
    instanceId: string,
    events: ControlEvents,
    logger: Logger,
  ): Promise<ControlPlane> {
    const connection = await backend.connect({
      clientId: serviceClientId(instanceId, 'control'),
      clean: true,
      // Short, so the broker notices a dead instance (and publishes its will) within ~20 s.
      keepAliveSeconds: 15,
      will: { topic: instanceTopic(instanceId), payload: EMPTY, qos: 1, retain: true },
      reconnect: true,
    });
    const control = new ControlPlane(connection, backend, instanceId, events, logger);
    connection.onMessage((m) => control.route(m));
    connection.onEvent((event) => {
      if (event.type === 'connected' && event.reconnect) {
        void control.announce().then(
          () => events.reconnected(),
          (err: unknown) => logger.warn({ err: (err as Error).message }, 'cannot re-announce instance'),
        );
      }
    });
    await control.announce();
    // The mqtt package renews these subscriptions itself after a reconnect.
    await connection.subscribe([
      { topic: INSTANCES_FILTER, qos: 1 },
      { topic: DEVICE_STATUS_FILTER, qos: 1 },
    ]);
    if (backend.kind === 'embedded') await control.forgetPreviousInstances();
    control.heartbeat = setInterval(() => {
      if (!connection.connected) return;
      void control
        .announce()
        .catch((err: unknown) =>
          logger.warn({ err: (err as Error).message }, 'cannot refresh the instance record'),
        );
    }, HEARTBEAT_MS);
    control.heartbeat.unref();
    return control;
  }

  /**
   * Whether an instance is alive: its record exists (its will deletes it when its connection dies) and
   * was refreshed recently (a record can outlive its instance when the broker itself restarted meanwhile).
   */
  isAlive(instanceId: string): boolean {
    if (instanceId === this.instanceId) return true;
    const at = this.alive.get(instanceId);
    return at !== undefined && Date.now() - at < STALE_MS;
  }

  get aliveCount(): number {
    let n = 0;
    for (const id of this.alive.keys()) if (this.isAlive(id)) n++;
    return n;
  }

  get connected(): boolean {
    return this.connection.connected;
  }

  /** Publishes (refreshes) this instance's alive record. */
  private async announce(): Promise<void> {
    const record = { instance: this.instanceId, host: hostname(), pid: process.pid, heartbeatAt: Date.now() };
    await this.connection.publish(
      instanceTopic(this.instanceId),
      Buffer.from(JSON.stringify(record)),
      1,
      true,
    );
    this.alive.set(this.instanceId, record.heartbeatAt);
  }

  /**
   * The embedded broker lives and dies with this process, so an instance record it restored from disk
   * belongs to a previous run whose will never fired: delete it.
   */
  private async forgetPreviousInstances(): Promise<void> {
    const read = await this.backend.readRetained(INSTANCES_FILTER);
    for (const m of read.messages) {
      const id = lastLevel(m.topic);
      if (id === this.instanceId) continue;
      this.alive.delete(id);
      await this.write(m.topic, undefined);
    }
  }

  private route(message: InboundMessage): void {
    if (message.topic.startsWith('$')) {
      const id = lastLevel(message.topic);
      if (id === this.instanceId) return;
      if (message.payload.length === 0) this.alive.delete(id);
      else this.alive.set(id, heartbeatOf(message.payload));
      return;
    }
    try {
      this.events.deviceStatus(message.topic, message.payload, message.retain);
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, topic: message.topic }, 'device status not applied');
    }
  }

  /**
   * Writes (or, with no payload, deletes) one retained registry record; resolves once the broker has
   * stored it. QoS 2, because a broker may acknowledge QoS 1 before it stores the message (aedes sends
   * PUBACK first), while PUBREC comes only after the message is published and retained.
   */
  write(topic: string, payload: Buffer | undefined): Promise<void> {
    return this.connection.publish(topic, payload ?? EMPTY, 2, true);
  }

  /** A tenant's publish made without a session. */
  publish(topic: string, payload: Uint8Array, qos: Qos, retain: boolean): Promise<void> {
    return this.connection.publish(topic, payload, qos, retain);
  }

  async close(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    try {
      await this.write(instanceTopic(this.instanceId), undefined);
    } catch {
      // The will deletes it when the broker notices the connection is gone.
    }
    await this.connection.close();
  }
}
