/** Guide § NATS Client — JetStream (list streams) and the KV store. */
import { NATSClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  await using client = new NATSClient({
    host: env.host,
    port: env.port('nats'),
    userId: 'user_123',
    organizationId: 'my-org',
  });

  // A stream to list (the guide assumes one exists)
  await client.createStream('ORDERS', ['orders.>']);
  await client.publishToStream('ORDERS', 'orders.created', '{"id": 1}');

  // List streams
  const streams = (await client.listStreams()) ?? [];
  for (const stream of streams) {
    env.print(`Stream: ${stream.name}`);
    env.print(`  Subjects: ${JSON.stringify(stream.subjects)}`);
    env.print(`  Messages: ${stream.messages}`);
    env.print(`  Bytes: ${stream.bytes}`);
  }

  // KV store: put, then get (the bucket is created on first put)
  const put = await client.kvPut('config', 'app.version', '1.0.0');
  env.print(`KV revision: ${put?.revision}`);
  const got = await client.kvGet('config', 'app.version');
  if (got) {
    env.print(`Value: ${got.value.toString()}`);
    env.print(`Revision: ${got.revision}`);
  }
  return { streams, revision: put?.revision, value: got?.value.toString(), valueRevision: got?.revision };
}
