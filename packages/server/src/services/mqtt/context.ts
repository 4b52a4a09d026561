import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { MqttBackend } from './broker.js';
import type { ControlPlane } from './control.js';
import type { SessionForwarder } from './forwarding.js';
import type { Registry } from './registry.js';
import type { SessionManager } from './sessions.js';
import type { TrafficStats } from './stats.js';

/** What every handler group shares. */
export interface MqttDeps {
  readonly instanceId: string;
  /** Calls for sessions held by another instance go there. */
  readonly forwarder: SessionForwarder;
  readonly backend: MqttBackend;
  readonly sessions: SessionManager;
  readonly stats: TrafficStats;
  /** The control plane and registry; throws UNAVAILABLE (saying why) while the broker cannot be reached. */
  core(): { control: ControlPlane; registry: Registry };
  /** Writes the tenant's presence now (best effort). */
  syncPresence(tenant: Tenant): Promise<void>;
  readonly limits: MqttLimits;
}

export interface MqttLimits {
  maxPayloadBytes: number;
  maxBatchMessages: number;
  /** QoS >= 1 publishes a PublishStream keeps waiting for acknowledgements at once. */
  streamWindow: number;
}

export function checkPayload(limits: MqttLimits, bytes: number, field = 'payload'): void {
  if (bytes > limits.maxPayloadBytes) {
    throw ServiceError.invalidArgument(
      field,
      `is ${bytes} bytes; at most ${limits.maxPayloadBytes} bytes are allowed (MQTT_MAX_PAYLOAD_BYTES)`,
    );
  }
}

let messageSequence = 0;

/** The service's id for a published message: unique per instance run, ordered within it. */
export function nextMessageId(instanceId: string): string {
  messageSequence++;
  return `${instanceId}-${messageSequence.toString(36)}`;
}

/**
 * Limits how many publishes wait for their acknowledgement at once (PublishStream): `acquire` resolves
 * when there is room, so a fast client cannot pile up unbounded pending publishes.
 */
export class Window {
  private pending = 0;
  private waiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async acquire(): Promise<void> {
    while (this.pending >= this.size) await new Promise<void>((r) => this.waiters.push(r));
    this.pending++;
  }

  release(): void {
    this.pending--;
    this.waiters.shift()?.();
    if (this.pending === 0) for (const r of this.idleWaiters.splice(0)) r();
  }

  /** Resolves when nothing is pending. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }
}
