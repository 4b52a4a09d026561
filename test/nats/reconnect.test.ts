import { GrpcStatus, type NATSClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBinary, freePort, ManagedProcess } from '../../packages/server/src/platform/managed-process.js';
import { scratchDir, startStack, type TestStack } from '../support/stack.js';
import { eventually, expectCode, take, tenantClient } from './support.js';

/**
 * A NATS outage in the middle of live work: a PRIVATE nats-server (never the machine's shared one) is
 * stopped and started again on the same port with the same store, and every live stream — a core
 * subscription, a JetStream consumer and a KV watcher — must carry on by itself.
 */
describe('NATS reconnection after an outage', () => {
  let server: ManagedProcess;
  let stack: TestStack;
  let client: NATSClient;

  beforeAll(async () => {
    const binary = findBinary('nats-server');
    expect(binary, 'nats-server must be installed').toBeDefined();
    const port = await freePort();
    server = new ManagedProcess({
      name: 'nats-server',
      binary: binary!,
      args: ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', await scratchDir('nats-store')],
      port,
    });
    await server.start();
    stack = await startStack(['nats'], { NATS_URL: `nats://127.0.0.1:${port}` });
    client = tenantClient(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await server?.stop();
  });

  it('resumes subscriptions, consumers and KV watchers by itself, and fails cleanly while down', async () => {
    await client.createStream('jobs', ['jobs.*'], { storage: 'file' });
    await client.createConsumer('jobs', 'worker');
    await client.kvCreateBucket('cfg', { storage: 'file' });

    const sub = await client.subscribe('ping.*');
    const consumer = await client.consumeMessages('jobs', 'worker', { maxMessages: 5 });
    const watch = await client.kvWatch('cfg', { updatesOnly: true });
    const subIt = sub![Symbol.asyncIterator]();
    const consumerIt = consumer![Symbol.asyncIterator]();
    const watchIt = watch![Symbol.asyncIterator]();
    const next = <T>(it: AsyncIterator<T>) => take({ [Symbol.asyncIterator]: () => it }, 1, 30_000);

    await client.publish('ping.before', '1');
    await client.publishToStream('jobs', 'jobs.x', 'before');
    await client.kvPut('cfg', 'mode', 'before');
    expect((await next(subIt))[0]!.subject).toBe('ping.before');
    const [job] = await next(consumerIt);
    expect(job!.data.toString()).toBe('before');
    await client.ackMessage('jobs', 'worker', job!);
    expect((await next(watchIt))[0]!.value.toString()).toBe('before');

    await server.stop();
    await eventually(
      async () => (await client.healthCheck())!.natsStatus === 'RECONNECTING',
      10_000,
      'outage seen',
    );
    await expectCode(client.publish('ping.during', 'x'), GrpcStatus.UNAVAILABLE);
    await expectCode(client.kvPut('cfg', 'mode', 'during'), GrpcStatus.UNAVAILABLE);
    expect(await client.healthCheck()).toMatchObject({ healthy: false, natsStatus: 'RECONNECTING' });
    await stack.host.checkHealth();
    expect(stack.host.endpoint('nats').health.serving).toBe(false);

    await server.start();
    await eventually(
      async () => (await client.healthCheck({ deepCheck: true }))!.healthy,
      20_000,
      'reconnected',
    );
    // The platform's probe has its own time limit, which a loaded machine can exceed once: poll it.
    await eventually(
      async () => {
        await stack.host.checkHealth();
        return stack.host.endpoint('nats').health.serving;
      },
      20_000,
      'SERVING again',
    );

    // JetStream needs a moment after a restart before it takes writes; the service reports that as
    // UNAVAILABLE, which callers retry.
    await eventually(
      () =>
        client
          .publishToStream('jobs', 'jobs.x', 'after', { messageId: 'after-1', throwOnError: false })
          .then((r) => r !== null),
      20_000,
      'JetStream writable again',
    );
    await client.publish('ping.after', '2');
    await client.kvPut('cfg', 'mode', 'after');

    expect((await next(subIt))[0]!.subject).toBe('ping.after');
    const [resumed] = await next(consumerIt);
    expect(resumed!.data.toString()).toBe('after');
    await client.ackMessage('jobs', 'worker', resumed!);
    expect((await next(watchIt))[0]!.value.toString()).toBe('after');
    // The durable consumer kept its state across the restart: nothing is pending or redelivered.
    expect(await client.getConsumerInfo('jobs', 'worker')).toMatchObject({ numAckPending: 0, numPending: 0 });

    sub!.close();
    consumer!.close();
    watch!.close();
  });
});
