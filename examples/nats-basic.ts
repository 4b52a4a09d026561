/** Guide § NATS Client — basic operations: publish, request-reply, statistics. */
import { NATSClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  const options = {
    host: env.host,
    port: env.port('nats'),
    userId: 'user_123',
    organizationId: 'my-org',
    enableCompression: false,
  };
  await using client = new NATSClient(options);

  const health = await client.healthCheck({ deepCheck: true });
  env.print(`NATS status: ${health?.natsStatus}`);
  env.print(`JetStream enabled: ${health?.jetstreamEnabled}`);

  // Publish message
  await client.publish('events.user.login', '{"user_id": "123", "timestamp": "2025-10-15T10:00:00Z"}', {
    headers: { 'content-type': 'application/json' },
  });
  env.print('Published to: events.user.login');

  // Request-reply (5 second timeout). Something must answer: here a responder of the same tenant.
  await using responder = new NATSClient(options);
  const requests = await responder.subscribe('api.user.get');
  const answering = (async () => {
    for await (const message of requests ?? []) {
      if (message.replyTo) await responder.publish(message.replyTo, `{"user_id": "123", "name": "Alice"}`);
      break;
    }
  })();
  const response = await client.request('api.user.get', '{"user_id": "123"}', { timeoutSeconds: 5 });
  await answering;
  if (response) env.print(`Response: ${response.data.toString()}`);

  // Statistics
  const stats = await client.getStatistics();
  env.print(`Total streams: ${stats?.totalStreams}`);
  env.print(`Total messages: ${stats?.totalMessages}`);
  return { health, reply: response?.data.toString(), stats };
}
