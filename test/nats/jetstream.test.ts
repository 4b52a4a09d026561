import { GrpcStatus, type NATSClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { cleanupTenant, eventually, expectCode, startNatsStack, take, tenantClient } from './support.js';

describe('NATS JetStream', () => {
  let stack: TestStack;
  let client: NATSClient;

  beforeAll(async () => {
    stack = await startNatsStack();
    client = tenantClient(stack);
  });

  afterAll(async () => {
    await cleanupTenant(client);
    await stack?.stop();
  });

  it('creates, inspects, lists, updates and deletes streams (guide: list_streams fields)', async () => {
    const created = await client.createStream('orders', ['orders.>'], {
      retention: 'limits',
      storage: 'memory',
      maxMsgs: 1000,
      maxAgeMs: 3600_000,
      description: 'order events',
    });
    expect(created).toMatchObject({
      name: 'orders',
      subjects: ['orders.>'],
      messages: 0,
      config: {
        storage: 'memory',
        maxMsgs: 1000,
        maxAgeMs: 3600_000,
        description: 'order events',
        replicas: 1,
      },
    });
    await expectCode(client.createStream('orders', ['orders.>']), GrpcStatus.ALREADY_EXISTS);
    await client.publishToStream('orders', 'orders.new', '{"id": 1}');
    const listed = (await client.listStreams())!.find((s) => s.name === 'orders');
    expect(listed).toMatchObject({ name: 'orders', subjects: ['orders.>'], messages: 1 });
    expect(listed!.bytes).toBeGreaterThan(0);
    const updated = await client.updateStream('orders', ['orders.>', 'refunds.*'], {
      storage: 'memory',
      maxMsgs: 5,
    });
    expect(updated!.config).toMatchObject({ subjects: ['orders.>', 'refunds.*'], maxMsgs: 5 });
    expect((await client.getStreamInfo('orders'))!.subjects).toEqual(['orders.>', 'refunds.*']);
    await expectCode(
      client.updateStream('orders', ['orders.>'], { storage: 'file' }),
      GrpcStatus.FAILED_PRECONDITION,
    );
    expect(await client.deleteStream('orders')).toBe(true);
    await expectCode(client.getStreamInfo('orders'), GrpcStatus.NOT_FOUND);
    await expectCode(client.deleteStream('orders'), GrpcStatus.NOT_FOUND);
  });

  it('defaults a stream’s subjects to its name, inside the namespace', async () => {
    const s = await client.createStream('plain', [], { storage: 'memory' });
    expect(s!.subjects).toEqual(['plain']);
    expect(await client.publishToStream('plain', 'plain', 'x')).toMatchObject({ sequence: 1 });
  });

  it('acknowledges stream publishes with sequences and detects duplicates by message id', async () => {
    await client.createStream('payments', ['pay.*'], { storage: 'memory', duplicateWindowMs: 60_000 });
    const first = await client.publishToStream('payments', 'pay.in', 'a', {
      messageId: 'tx-1',
      headers: { k: 'v' },
    });
    expect(first).toEqual({ streamName: 'payments', sequence: 1, duplicate: false });
    const again = await client.publishToStream('payments', 'pay.in', 'a', { messageId: 'tx-1' });
    expect(again).toEqual({ streamName: 'payments', sequence: 1, duplicate: true });
    expect(await client.publishToStream('payments', 'pay.out', 'b', { messageId: 'tx-2' })).toMatchObject({
      sequence: 2,
    });
    await expectCode(
      client.publishToStream('payments', 'pay.in', 'c', { expectedLastSequence: 1 }),
      GrpcStatus.ABORTED,
    );
    expect(
      await client.publishToStream('payments', 'pay.in', 'c', { expectedLastSequence: 2 }),
    ).toMatchObject({ sequence: 3 });
    await expectCode(client.publishToStream('payments', 'nowhere.x', 'c'), GrpcStatus.FAILED_PRECONDITION);
    await client.createStream('other', ['other.*'], { storage: 'memory' });
    // The subject is stored by "other", so naming "payments" fails instead of silently writing elsewhere.
    await expectCode(client.publishToStream('payments', 'other.x', 'c'), GrpcStatus.FAILED_PRECONDITION);
    const stats = await client.getStreamStats('payments');
    expect(stats).toMatchObject({
      streamName: 'payments',
      messages: 3,
      firstSeq: 1,
      lastSeq: 3,
      numSubjects: 2,
    });
    expect(stats!.messageRate).toBeGreaterThan(0);
  });

  it('applies retention and limits: work queues drop acknowledged messages, discard-new refuses', async () => {
    await client.createStream('work', ['work.*'], { retention: 'workqueue', storage: 'memory' });
    await client.publishToStream('work', 'work.a', '1');
    await client.publishToStream('work', 'work.a', '2');
    await client.createConsumer('work', 'w');
    const got = await client.pullMessages('work', 'w', { batchSize: 1 });
    await client.ackMessage('work', 'w', got![0]!);
    await eventually(
      async () => (await client.getStreamInfo('work'))!.messages === 1,
      5000,
      'acked message removed',
    );

    await client.createStream('capped', ['capped.*'], { storage: 'memory', maxMsgs: 2, discard: 'new' });
    await client.publishToStream('capped', 'capped.a', '1');
    await client.publishToStream('capped', 'capped.a', '2');
    await expectCode(client.publishToStream('capped', 'capped.a', '3'), GrpcStatus.RESOURCE_EXHAUSTED);
    await client.createStream('rolling', ['rolling.*'], { storage: 'memory', maxMsgs: 2 });
    for (const v of ['1', '2', '3']) await client.publishToStream('rolling', 'rolling.a', v);
    expect(await client.getStreamInfo('rolling')).toMatchObject({ messages: 2, firstSeq: 2, lastSeq: 3 });
  });

  it('purges all, by subject, or keeping the newest', async () => {
    await client.createStream('logs', ['logs.*'], { storage: 'memory' });
    for (let i = 0; i < 6; i++)
      await client.publishToStream('logs', i % 2 ? 'logs.odd' : 'logs.even', String(i));
    // (nats-server 2.9's memory store cannot "keep" after an interior delete, so keep comes first.)
    expect(await client.purgeStream('logs', { keep: 4 })).toBe(2);
    expect(await client.purgeStream('logs', { subject: 'logs.odd' })).toBe(2);
    expect(await client.purgeStream('logs', { upToSequence: 5 })).toBe(1);
    expect((await client.getStreamInfo('logs'))!.messages).toBe(1);
    expect(await client.purgeStream('logs')).toBe(1);
    await expectCode(
      client.purgeStream('logs', { keep: 1, upToSequence: 3 }),
      GrpcStatus.INVALID_ARGUMENT,
      'keep',
    );
  });

  it('pulls with explicit acks: ack removes, nak redelivers, term never redelivers', async () => {
    await client.createStream('tasks', ['tasks.>'], { storage: 'memory' });
    for (let i = 1; i <= 4; i++) await client.publishToStream('tasks', `tasks.t${i}`, `task ${i}`);
    const consumer = await client.createConsumer('tasks', 'worker', { ackWaitMs: 60_000 });
    expect(consumer).toMatchObject({ name: 'worker', durable: true, ackPolicy: 'explicit', numPending: 4 });
    await expectCode(client.createConsumer('tasks', 'worker'), GrpcStatus.ALREADY_EXISTS);

    const started = Date.now();
    const batch = await client.pullMessages('tasks', 'worker', { batchSize: 10, maxWaitMs: 5000 });
    expect(Date.now() - started).toBeLessThan(2000); // returns what is there, without waiting out max_wait
    expect(batch!.map((m) => m.sequence)).toEqual([1, 2, 3, 4]);
    expect(batch![0]).toMatchObject({ subject: 'tasks.t1', numDelivered: 1, consumerSequence: 1 });
    const [m1, , m3, m4] = batch!;
    await client.ackMessage('tasks', 'worker', m1!);
    await client.ackMessage('tasks', 'worker', 2); // by sequence, on the instance that delivered it
    await client.nakMessage('tasks', 'worker', m3!);
    await client.termMessage('tasks', 'worker', m4!);

    const again = await client.pullMessages('tasks', 'worker', { batchSize: 10 });
    expect(again!.map((m) => [m.sequence, m.numDelivered])).toEqual([[3, 2]]);
    await client.ackMessage('tasks', 'worker', again![0]!);
    expect(await client.pullMessages('tasks', 'worker', { batchSize: 10 })).toEqual([]);
    const info = await client.getConsumerInfo('tasks', 'worker');
    expect(info).toMatchObject({ numAckPending: 0, numPending: 0, numRedelivered: 0, ackFloorStreamSeq: 4 });
    await expectCode(client.ackMessage('tasks', 'worker', 2), GrpcStatus.NOT_FOUND);
    await expectCode(
      client.ackMessage('tasks', 'worker', { ackToken: 'not a token' }),
      GrpcStatus.INVALID_ARGUMENT,
      'ack_token',
    );
  });

  it('redelivers an unacknowledged message after ack_wait, and honours a nak delay', async () => {
    await client.createStream('retry', ['retry.x'], { storage: 'memory' });
    await client.publishToStream('retry', 'retry.x', 'once');
    await client.createConsumer('retry', 'slow', { ackWaitMs: 1000 });
    const [first] = (await client.pullMessages('retry', 'slow'))!;
    expect(first!.numDelivered).toBe(1);
    const [second] = (await client.pullMessages('retry', 'slow', { maxWaitMs: 4000 }))!;
    expect(second).toMatchObject({ sequence: first!.sequence, numDelivered: 2 });
    await client.nakMessage('retry', 'slow', second!, { delayMs: 1500 });
    const early = Date.now();
    const [third] = (await client.pullMessages('retry', 'slow', { maxWaitMs: 5000 }))!;
    expect(Date.now() - early).toBeGreaterThanOrEqual(1000);
    expect(third!.numDelivered).toBe(3);
    await client.ackMessage('retry', 'slow', third!);
  });

  it('filters consumers by subject, delivers by policy, and supports ephemeral consumers', async () => {
    await client.createStream('events', ['ev.>'], { storage: 'memory' });
    for (const s of ['ev.a.1', 'ev.b.1', 'ev.a.2']) await client.publishToStream('events', s, s);
    await client.createConsumer('events', 'only-a', { filterSubject: 'ev.a.*' });
    expect((await client.pullMessages('events', 'only-a'))!.map((m) => m.subject)).toEqual([
      'ev.a.1',
      'ev.a.2',
    ]);
    await client.createConsumer('events', 'from-2', {
      deliverPolicy: 'by_start_sequence',
      optStartSeq: 2,
      ackPolicy: 'none',
    });
    expect((await client.pullMessages('events', 'from-2'))!.map((m) => m.sequence)).toEqual([2, 3]);
    await client.createConsumer('events', 'last', { deliverPolicy: 'last' });
    expect((await client.pullMessages('events', 'last'))!.map((m) => m.sequence)).toEqual([3]);
    const ephemeral = await client.createConsumer('events', '', {
      durable: false,
      inactiveThresholdMs: 60_000,
    });
    expect(ephemeral!.durable).toBe(false);
    expect(ephemeral!.name).not.toBe('');
    expect((await client.pullMessages('events', ephemeral!.name))!).toHaveLength(3);
    const names = (await client.listConsumers('events'))!.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['only-a', 'from-2', 'last', ephemeral!.name]));
    expect(await client.deleteConsumer('events', 'last')).toBe(true);
    await expectCode(client.getConsumerInfo('events', 'last'), GrpcStatus.NOT_FOUND);
    await expectCode(client.pullMessages('events', 'last'), GrpcStatus.NOT_FOUND);
    await expectCode(
      client.createConsumer('events', 'bad', { deliverPolicy: 'by_start_sequence' }),
      GrpcStatus.INVALID_ARGUMENT,
      'config.opt_start_seq',
    );
  });

  it('streams messages continuously from a consumer (ConsumeMessages)', async () => {
    await client.createStream('feed', ['feed.*'], { storage: 'memory' });
    await client.createConsumer('feed', 'reader');
    const live = await client.consumeMessages('feed', 'reader', { maxMessages: 10 });
    for (let i = 0; i < 25; i++) await client.publishToStream('feed', 'feed.item', `item ${i}`);
    const got = await take(live!, 25);
    expect(got.map((m) => m.data.toString())).toEqual(Array.from({ length: 25 }, (_, i) => `item ${i}`));
    for (const m of got) await client.ackMessage('feed', 'reader', m);
    live!.close();
    await eventually(
      async () => (await client.getConsumerInfo('feed', 'reader'))!.numAckPending === 0,
      5000,
      'all acked',
    );
    await expectCode(client.consumeMessages('feed', 'missing'), GrpcStatus.NOT_FOUND);
  });

  it('counts the tenant’s streams, consumers, messages and bytes (guide: get_statistics)', async () => {
    const fresh = tenantClient(stack);
    try {
      expect(await fresh.getStatistics()).toMatchObject({ totalStreams: 0, totalMessages: 0 });
      await fresh.createStream('s1', ['s1.*'], { storage: 'memory' });
      await fresh.createStream('s2', ['s2.*'], { storage: 'memory' });
      await fresh.createConsumer('s1', 'c');
      for (let i = 0; i < 3; i++) await fresh.publishToStream('s1', 's1.x', 'abc');
      await fresh.publishToStream('s2', 's2.x', 'abc');
      await fresh.kvPut('cfg', 'k', 'v');
      const stats = await fresh.getStatistics();
      expect(stats).toMatchObject({
        totalStreams: 2,
        totalConsumers: 1,
        totalMessages: 4,
        kvBuckets: 1,
        objectBuckets: 0,
      });
      expect(stats!.totalBytes).toBeGreaterThan(0);
    } finally {
      await cleanupTenant(fresh);
    }
  });

  it('refuses names and configurations that would break the namespace', async () => {
    for (const name of ['a.b', 'a*', 'a>', 'a b', '', 'x'.repeat(65), '../x']) {
      await expectCode(client.createStream(name, ['ok.*']), GrpcStatus.INVALID_ARGUMENT, 'config.name');
    }
    await expectCode(
      client.createStream('ok', ['$JS.API.>']),
      GrpcStatus.INVALID_ARGUMENT,
      'config.subjects[0]',
    );
    await expectCode(
      client.createStream('ok', ['a', 'b c']),
      GrpcStatus.INVALID_ARGUMENT,
      'config.subjects[1]',
    );
    await expectCode(
      client.createStream('ok', ['a'], { replicas: 9 }),
      GrpcStatus.INVALID_ARGUMENT,
      'config.replicas',
    );
    await expectCode(client.createStream('ok', ['a'], { replicas: 3 }), GrpcStatus.FAILED_PRECONDITION);
    await expectCode(client.getStreamInfo('a.b'), GrpcStatus.INVALID_ARGUMENT, 'stream_name');
    await expectCode(client.createConsumer('orders', 'a.b'), GrpcStatus.INVALID_ARGUMENT, 'config.name');
    await expectCode(client.pullMessages('orders', '*'), GrpcStatus.INVALID_ARGUMENT, 'consumer_name');
    await expectCode(
      client.pullMessages('orders', 'c', { batchSize: 5000 }),
      GrpcStatus.INVALID_ARGUMENT,
      'batch_size',
    );
    await expectCode(
      client.pullMessages('orders', 'c', { maxWaitMs: 10 }),
      GrpcStatus.INVALID_ARGUMENT,
      'max_wait',
    );
    await expectCode(
      client.publishToStream('orders', 'x', 'y', { headers: { 'Nats-Rollup': 'all' } }),
      GrpcStatus.INVALID_ARGUMENT,
      'headers',
    );
  });
});
