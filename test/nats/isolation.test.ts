import { GrpcStatus, type NATSClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '../../packages/server/src/services/nats/direct.js';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { cleanupTenant, expectCode, SYSTEM_NATS_URL, startNatsStack, take, tenantClient } from './support.js';

/** Every test here tries to reach another tenant's data through the service and proves it cannot. */
describe('NATS tenant isolation', () => {
  let stack: TestStack;
  let alice: NATSClient;
  let mallory: NATSClient;
  let direct: NatsConnection;

  beforeAll(async () => {
    stack = await startNatsStack();
    alice = tenantClient(stack);
    mallory = tenantClient(stack);
    direct = await connect({ servers: SYSTEM_NATS_URL });
  });

  afterAll(async () => {
    await cleanupTenant(alice);
    await cleanupTenant(mallory);
    await direct?.close();
    await stack?.stop();
  });

  it('keeps wildcard subscriptions inside the tenant: ">" sees only your own subjects', async () => {
    const everything = await mallory.subscribe('>');
    const star = await mallory.subscribe('*.*.*');
    await alice.publish('events.user.login', 'secret');
    await alice.publish('a', 'secret');
    // Messages that reach NATS outside every namespace, or in another tenant's, are not seen either.
    direct.publish('events.user.login', 'outside');
    direct.publish(`isa.${alice.userId}.default-org.events.user.login`, 'raw');
    await direct.flush();
    await mallory.publish('own.sentinel.x', 'mine');
    const [first] = await take(everything!, 1);
    expect(first).toMatchObject({ subject: 'own.sentinel.x' });
    expect((await take(star!, 1))[0]).toMatchObject({ subject: 'own.sentinel.x' });
    everything!.close();
    star!.close();
  });

  it('cannot publish into, request from, or answer for another tenant', async () => {
    const aliceSub = await alice.subscribe('inbox.>');
    await mallory.publish('inbox.alice', 'spoof');
    await expectCode(mallory.request('inbox.alice', 'hello?', { timeoutSeconds: 1 }), GrpcStatus.NOT_FOUND);
    // Naming the physical subject only nests it deeper inside mallory's own namespace.
    await mallory.publish(`isa.${alice.userId}.default-org.inbox.alice`, 'spoof');
    await alice.publish('inbox.sentinel', 'real');
    expect((await take(aliceSub!, 1))[0]!.subject).toBe('inbox.sentinel');
    aliceSub!.close();

    // A reply subject handed out by alice's request is hers: mallory publishing to it reaches nothing.
    const responder = await alice.subscribe('svc.echo');
    const pending = alice.request('svc.echo', 'ping', { timeoutSeconds: 2 });
    const [req] = await take(responder!, 1);
    await mallory.publish(req!.replyTo, 'forged');
    await alice.publish(req!.replyTo, 'genuine');
    expect((await pending)!.data.toString()).toBe('genuine');
    responder!.close();
  });

  it('refuses system subjects and reserved names outright', async () => {
    for (const subject of ['$JS.API.STREAM.LIST', '$KV.config.>', '$O.files.>', '$SYS.>', '$JS.ACK.>']) {
      await expectCode(mallory.subscribe(subject), GrpcStatus.INVALID_ARGUMENT, 'subject');
    }
    await expectCode(mallory.request('$JS.API.INFO', ''), GrpcStatus.INVALID_ARGUMENT, 'subject');
    await expectCode(
      mallory.createStream('sneaky', ['$KV.>']),
      GrpcStatus.INVALID_ARGUMENT,
      'config.subjects[0]',
    );
  });

  it('keeps streams, consumers and messages apart even under the same names', async () => {
    await alice.createStream('orders', ['orders.*'], { storage: 'memory' });
    await alice.publishToStream('orders', 'orders.new', 'alice-order');
    await alice.createConsumer('orders', 'shipping');

    await expectCode(mallory.getStreamInfo('orders'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.pullMessages('orders', 'shipping'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.publishToStream('orders', 'orders.new', 'x'), GrpcStatus.FAILED_PRECONDITION);
    await expectCode(mallory.purgeStream('orders'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.deleteStream('orders'), GrpcStatus.NOT_FOUND);
    expect((await mallory.listStreams())!.map((s) => s.name)).not.toContain('orders');

    // The same names for mallory are a different stream with the same subjects, no overlap error.
    await mallory.createStream('orders', ['orders.*'], { storage: 'memory' });
    await mallory.publishToStream('orders', 'orders.new', 'mallory-order');
    await mallory.createConsumer('orders', 'shipping');
    const malloryGot = await mallory.pullMessages('orders', 'shipping');
    expect(malloryGot!.map((m) => m.data.toString())).toEqual(['mallory-order']);
    const aliceGot = await alice.pullMessages('orders', 'shipping');
    expect(aliceGot!.map((m) => m.data.toString())).toEqual(['alice-order']);
    expect((await alice.getStreamInfo('orders'))!.messages).toBe(1);

    // Alice's ack token does not work for mallory, not even on mallory's own stream and consumer of the same names.
    await expectCode(
      mallory.ackMessage('orders', 'shipping', aliceGot![0]!),
      GrpcStatus.INVALID_ARGUMENT,
      'ack_token',
    );
    await expectCode(
      mallory.ackMessage('orders', 'shipping', aliceGot![0]!.sequence + 100),
      GrpcStatus.NOT_FOUND,
    );
    // A hand-made token pointing at alice's physical stream is refused too.
    const forged = Buffer.from(
      `$JS.ACK.isa_${alice.userId!.replaceAll('_', '__')}_-default-org_-orders.shipping.1.1.1.1.0`,
    ).toString('base64url');
    await expectCode(
      mallory.ackMessage('orders', 'shipping', { ackToken: forged }),
      GrpcStatus.INVALID_ARGUMENT,
      'ack_token',
    );
    await alice.ackMessage('orders', 'shipping', aliceGot![0]!);
  });

  it('keeps KV buckets and object stores apart', async () => {
    await alice.kvPut('config', 'db.password', 'alice-secret');
    await alice.objectPut('files', 'private.txt', 'alice-file');
    await expectCode(mallory.kvGet('config', 'db.password'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.kvKeys('config'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.kvWatch('config'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.kvHistory('config', 'db.password'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.objectGet('files', 'private.txt'), GrpcStatus.NOT_FOUND);
    await expectCode(mallory.objectList('files'), GrpcStatus.NOT_FOUND);
    expect((await mallory.kvListBuckets())!.map((b) => b.bucket)).not.toContain('config');
    expect((await mallory.objectListBuckets())!.map((b) => b.bucket)).not.toContain('files');

    await mallory.kvPut('config', 'db.password', 'mallory-value');
    await mallory.objectPut('files', 'private.txt', 'mallory-file');
    expect((await alice.kvGet('config', 'db.password'))!.value.toString()).toBe('alice-secret');
    expect((await alice.objectGet('files', 'private.txt'))!.data.toString()).toBe('alice-file');
    await mallory.kvDeleteBucket('config');
    expect((await alice.kvGet('config', 'db.password'))!.value.toString()).toBe('alice-secret');
    // Stream listings never show KV or object buckets, not even one's own.
    expect((await alice.listStreams())!.map((s) => s.name)).toEqual(['orders']);
  });

  it('never confuses tenants whose ids differ only in where "_" and "-" fall', async () => {
    const suffix = uniqueUser('x').slice(2);
    const pairs: Array<[string, string]> = [
      [`a_${suffix}`, 'b_c'],
      [`a`, `${suffix}_b_c`],
    ];
    const [one, two] = pairs.map(([userId, organizationId]) =>
      stack.client('nats', { userId, organizationId, throwOnError: true }),
    );
    try {
      await one!.kvPut('shared', 'k', 'one');
      await two!.kvPut('shared', 'k', 'two');
      await one!.createStream('s', ['s.*'], { storage: 'memory' });
      await expectCode(two!.getStreamInfo('s'), GrpcStatus.NOT_FOUND);
      expect((await one!.kvGet('shared', 'k'))!.value.toString()).toBe('one');
      expect((await two!.kvGet('shared', 'k'))!.value.toString()).toBe('two');
      const orgA = stack.client('nats', {
        userId: `u_${suffix}`,
        organizationId: 'org-a',
        throwOnError: true,
      });
      const orgB = stack.client('nats', {
        userId: `u_${suffix}`,
        organizationId: 'org-b',
        throwOnError: true,
      });
      await orgA.kvPut('per-org', 'k', 'a');
      await expectCode(orgB.kvGet('per-org', 'k'), GrpcStatus.NOT_FOUND);
      await cleanupTenant(orgA);
    } finally {
      await cleanupTenant(one);
      await cleanupTenant(two);
    }
  });

  it('refuses tenant ids that could reach into other namespaces', async () => {
    for (const userId of ['*', '>', 'a.b', 'a b', '$SYS']) {
      const sneaky = stack.client('nats', { userId, throwOnError: true });
      await expectCode(sneaky.subscribe('x'), GrpcStatus.INVALID_ARGUMENT);
      await expectCode(sneaky.kvGet('config', 'k'), GrpcStatus.INVALID_ARGUMENT);
    }
    await expectCode(
      stack.client('nats', { throwOnError: true }).publish('x', 'y'),
      GrpcStatus.UNAUTHENTICATED,
    );
  });
});
