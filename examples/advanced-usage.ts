/** Guide § Advanced Usage: connection options, retry configuration, multi-tenant isolation. */
import { MinIOClient, NATSClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  // Connection options (the guide's defaults; compression works, so it may stay on)
  await using client = new MinIOClient({
    host: env.host,
    port: env.port('minio'),
    userId: 'user_123',
    lazyConnect: true, // connect at the first call (default)
    enableCompression: true, // gzip requests of 1 KiB or more
    enableRetry: true, // retry idempotent calls on transient errors (default)
    // Retry configuration: attempts and exponential backoff with jitter, 1 s to 10 s by default
    retry: { maxAttempts: 3, initialBackoffMs: 1000, maxBackoffMs: 10_000 },
    timeoutMs: 30_000, // deadline of each call
  });
  env.print(`connected: ${await client.connect(5000)}`);

  // Multi-tenant isolation: the same names, separate data.
  await using alice = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'alice_123' });
  await using bob = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'bob_456' });
  await alice.createBucket('reports');
  await alice.uploadObject('reports', 'q1.txt', 'alice only');
  const bobSees = await bob.bucketExists('reports');
  env.print(`bob sees alice's bucket: ${bobSees}`);
  await bob.createBucket('reports'); // his own "reports"
  const bobObjects = (await bob.listObjects('reports')) ?? [];
  env.print(`bob's reports: ${bobObjects.length} objects`);

  // NATS subjects are namespaced per user/organization: a subscriber of another tenant hears nothing.
  const natsOptions = { host: env.host, port: env.port('nats'), organizationId: 'acme-corp' };
  await using aliceNats = new NATSClient({ ...natsOptions, userId: 'alice_123' });
  await using bobNats = new NATSClient({ ...natsOptions, userId: 'bob_456' });
  const bobInbox = await bobNats.subscribe('events.>');
  const aliceInbox = await aliceNats.subscribe('events.>');
  await aliceNats.publish('events.report.ready', 'q1');
  const heard = { alice: 0, bob: 0 };
  const listen = async (stream: typeof aliceInbox, who: 'alice' | 'bob') => {
    for await (const _message of stream ?? []) heard[who]++;
  };
  const listening = [listen(aliceInbox, 'alice'), listen(bobInbox, 'bob')];
  await new Promise((r) => setTimeout(r, 500));
  aliceInbox?.close();
  bobInbox?.close();
  await Promise.all(listening);
  env.print(`alice heard ${heard.alice}, bob heard ${heard.bob}`);
  return { bobSeesAlicesBucket: bobSees, bobObjects: bobObjects.length, heard };
}
