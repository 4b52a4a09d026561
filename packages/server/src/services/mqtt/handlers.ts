import type { mqtt } from '@isa-cloud/api';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { MqttDeps } from './context.js';
import { createMessagingHandlers } from './handlers-messaging.js';
import { createRegistryHandlers } from './handlers-registry.js';

export interface MqttHandlers {
  impl: ServiceImpl<typeof mqtt.MQTTService>;
  /** Applies a device status message seen by the control connection. */
  applyDeviceStatus(topic: string, payload: Buffer, retained: boolean): void;
}

export function createMqttHandlers(deps: MqttDeps): MqttHandlers {
  const { applyDeviceStatus, ...registry } = createRegistryHandlers(deps);
  return { impl: { ...createMessagingHandlers(deps), ...registry }, applyDeviceStatus };
}
