import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../errors.js';
import { MQTTClient } from './mqtt.js';

/** A port nothing listens on. */
function deadPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1));
    });
  });
}

describe('MQTTClient', () => {
  it('keeps BaseClient.connect() (wait for the channel) next to the guide’s connect(clientId)', async () => {
    const port = await deadPort();
    const client = new MQTTClient({
      host: '127.0.0.1',
      port,
      logger: null,
      enableRetry: false,
      timeoutMs: 300,
    });
    expect(await client.connect(200)).toBe(false);
    expect(await client.connect()).toBe(false);
    // The guide's connect: a failed call resolves to null (the SDK's failure policy) ...
    expect(await client.connect('device-001')).toBeNull();
    // ... or throws IsaCloudError with throwOnError.
    await expect(client.connect('device-001', { throwOnError: true })).rejects.toMatchObject({
      service: 'MQTT',
      operation: 'connect',
      code: GrpcStatus.UNAVAILABLE,
    });
    await client.close();
  });

  it('refuses an unknown device status before calling the server', async () => {
    const client = new MQTTClient({ port: await deadPort(), logger: null, throwOnError: true });
    await expect(client.updateDeviceStatus('d', 'broken' as 'online')).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'status',
    });
    await client.close();
  });
});
