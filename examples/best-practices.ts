/** Guide § Best Practices, each one as code. */
import { MinIOClient, MQTTClient, NATSClient, ServiceDiscovery } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  // 1. Always clean up: `await using` closes the connection at the end of the block.
  {
    await using client = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'user_123' });
    await client.createBucket('practices');
  }

  // 2. Compression: it works here (the guide's warning is history), and only gzips requests of 1 KiB+.
  await using compressed = new MinIOClient({
    host: env.host,
    port: env.port('minio'),
    userId: 'user_123',
    enableCompression: true,
  });
  const big = await compressed.uploadObject('practices', 'report.csv', 'day,total\n'.repeat(10_000), {
    contentType: 'text/csv',
  });
  env.print(`compressed upload: ${big?.size} bytes`);

  // 3. Use service discovery in production instead of fixed addresses.
  await using discovery = new ServiceDiscovery({ consulHost: env.consulHost, consulPort: env.consulPort });
  await using viaConsul = discovery.getClient('minio', { userId: 'user_123' });
  const found = await viaConsul.bucketExists('practices');
  env.print(`found through Consul: ${found}`);

  // 4. Handle errors gracefully: null means failure, anything else is the result.
  const result = await compressed.createBucket('my-bucket-name');
  if (result === null) env.print('Failed to create bucket (see the log line above)');
  else env.print(`Created bucket: ${result.name}`);

  // 5. Use appropriate isolation: user data per user, organization data per organization.
  await using mqtt = new MQTTClient({
    host: env.host,
    port: env.port('mqtt'),
    userId: 'alice_123',
    organizationId: 'acme-corp',
  });

  // 6. Validate naming conventions: buckets lowercase without underscores, MQTT "/" topics, NATS "." subjects.
  const goodBucket = await compressed.createBucket('my-bucket-name-2');
  const badBucket = await compressed.createBucket('my_bucket_name');
  const mqttTopic = await mqtt.validateTopic('sensors/temperature/room1');
  const mqttDotted = await mqtt.validateTopic('sensors/+/room1');
  await using nats = new NATSClient({
    host: env.host,
    port: env.port('nats'),
    userId: 'alice_123',
    organizationId: 'acme-corp',
  });
  const natsGood = await nats.publish('events.user.login', 'ok');
  // Legal for NATS, but one single token: subscribers of events.> never see it.
  const natsSlash = await nats.publish('events/user/login', 'one token');
  env.print(
    `bucket my-bucket-name-2: ${goodBucket ? '✅' : '❌'}, my_bucket_name: ${badBucket ? '✅' : '❌'}`,
  );
  env.print(
    `MQTT sensors/temperature/room1: ${mqttTopic?.valid ? '✅' : '❌'}, wildcard as a publish topic: ${mqttDotted?.valid ? '✅' : '❌'}`,
  );
  env.print(
    `NATS events.user.login: ${natsGood ? '✅' : '❌'}, events/user/login: ${natsSlash ? '✅' : '❌'}`,
  );
  return {
    compressedSize: big?.size,
    found,
    created: result?.name,
    goodBucket: goodBucket !== null,
    badBucket: badBucket !== null,
    mqttTopic: mqttTopic?.valid,
    mqttWildcard: mqttDotted?.valid,
    natsGood: natsGood === true,
    natsSlash: natsSlash !== null,
  };
}
