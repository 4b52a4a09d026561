/** Guide § MQTT Client — basic operations, plus what the guide leaves out: subscribing. */
import { MQTTClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  await using client = new MQTTClient({
    host: env.host,
    port: env.port('mqtt'),
    userId: 'user_123',
    organizationId: 'my-org',
    enableCompression: false,
  });

  // Health check
  const health = await client.healthCheck({ deepCheck: true });
  env.print(`Broker status: ${health?.brokerStatus}`);
  env.print(`Active connections: ${health?.activeConnections}`);

  // Connect to the MQTT broker: a real broker connection for this session
  const conn = await client.connect('device-001', { username: '', password: '' });
  if (!conn) return { health, connected: false };
  const sessionId = conn.sessionId;
  env.print(`Connected with session: ${sessionId}`);

  // Validate topic
  const valid = await client.validateTopic('sensors/temperature', { allowWildcards: false });
  env.print(`Topic valid: ${valid?.valid}`);

  // Subscribe before publishing, so the message can be seen arriving
  const subscription = await client.subscribe(sessionId, 'sensors/+', { qos: 1 });
  const received = (async () => {
    for await (const message of subscription ?? [])
      return { topic: message.topic, payload: message.payload.toString() };
    return undefined;
  })();

  // Publish message (QoS 1: resolves once the broker acknowledged it)
  const result = await client.publish(sessionId, 'sensors/temperature', Buffer.from('25.5'), {
    qos: 1,
    retained: false,
  });
  env.print(`Published message: ${result?.messageId}`);
  const message = await received;
  env.print(`Received on ${message?.topic}: ${message?.payload}`);

  // Statistics
  const stats = await client.getStatistics();
  env.print(`Total devices: ${stats?.totalDevices}`);
  env.print(`Online devices: ${stats?.onlineDevices}`);
  env.print(`Total topics: ${stats?.totalTopics}`);

  // Disconnect
  await client.disconnect(sessionId);
  return { health, connected: true, valid: valid?.valid, messageId: result?.messageId, message, stats };
}
