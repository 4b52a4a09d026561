import { GrpcStatus, type NATSClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '../../packages/server/src/services/nats/direct.js';
import type { TestStack } from '../support/stack.js';
import { eventually, expectCode, SYSTEM_NATS_URL, startNatsStack, take, tenantClient } from './support.js';

describe('NATS core messaging', () => {
  let stack: TestStack;
  let client: NATSClient;
  let direct: NatsConnection;

  beforeAll(async () => {
    stack = await startNatsStack();
    client = tenantClient(stack);
    direct = await connect({ servers: SYSTEM_NATS_URL });
  });

  afterAll(async () => {
    await direct?.close();
    await stack?.stop();
  });

  it('reports health from the real server (guide: health_check(deep_check=True))', async () => {
    const health = await client.healthCheck({ deepCheck: true });
    expect(health).toMatchObject({
      healthy: true,
      natsStatus: 'CONNECTED',
      jetstreamEnabled: true,
      backend: 'external',
      message: '',
    });
    expect(health!.serverVersion).toMatch(/^2\.\d+\.\d+/);
    expect(health!.rttMs).toBeGreaterThan(0);
  });

  it('publishes with headers and reply-to, and subscribers see them in their own names', async () => {
    const sub = await client.subscribe('events.user.*');
    const result = await client.publish('events.user.login', '{"user_id": "123"}', {
      headers: { 'content-type': 'application/json' },
      replyTo: 'replies.login',
    });
    expect(result).toBe(true);
    const [message] = await take(sub!, 1);
    expect(message).toMatchObject({
      subject: 'events.user.login',
      headers: { 'content-type': 'application/json' },
      replyTo: 'replies.login',
      sequence: 1,
    });
    expect(message!.data.toString()).toBe('{"user_id": "123"}');
    expect(message!.receivedAt).toBeInstanceOf(Date);
    sub!.close();
  });

  it('matches wildcards: "*" one token, ">" the rest', async () => {
    const star = await client.subscribe('wild.*.end');
    const rest = await client.subscribe('wild.>');
    for (const subject of ['wild.a.end', 'wild.a.b.end', 'wild.x']) await client.publish(subject, subject);
    const fromStar = await take(star!, 1);
    const fromRest = await take(rest!, 3);
    expect(fromStar.map((m) => m.subject)).toEqual(['wild.a.end']);
    expect(fromRest.map((m) => m.subject)).toEqual(['wild.a.end', 'wild.a.b.end', 'wild.x']);
    // Nothing else arrived on "*": the next message it sees is this sentinel.
    await client.publish('wild.z.end', 'sentinel');
    expect((await take(star!, 1))[0]!.subject).toBe('wild.z.end');
    star!.close();
    rest!.close();
  });

  it('delivers each message to one member of a queue group, and to every plain subscriber', async () => {
    const a = await client.queueSubscribe('jobs.run', 'workers');
    const b = await client.subscribe('jobs.run', { queueGroup: 'workers' });
    const all = await client.subscribe('jobs.run');
    await client.publishBatch(
      Array.from({ length: 40 }, (_, i) => ({ subject: 'jobs.run', data: String(i) })),
    );
    const everything = await take(all!, 40);
    expect(everything.map((m) => m.data.toString())).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    const seen: string[] = [];
    const drain = async (s: typeof a) => {
      for await (const m of s!) {
        seen.push(m.data.toString());
        if (seen.length === 40) break;
      }
    };
    await Promise.race([drain(a), drain(b)]);
    await eventually(() => seen.length >= 40, 5000, 'queue members received everything');
    expect(new Set(seen).size).toBe(40);
    expect(seen).toHaveLength(40);
    for (const s of [a, b, all]) s!.close();
  });

  it('publishes batches atomically with respect to validation', async () => {
    const sub = await client.subscribe('batch.>');
    const result = await client.publishBatch([
      { subject: 'batch.one', data: '1', headers: { n: '1' } },
      { subject: 'batch.two', data: new Uint8Array([0, 255]) },
    ]);
    expect(result).toEqual({ publishedCount: 2 });
    const received = await take(sub!, 2);
    expect(received.map((m) => m.subject)).toEqual(['batch.one', 'batch.two']);
    expect([...received[1]!.data]).toEqual([0, 255]);
    await expectCode(
      client.publishBatch([
        { subject: 'batch.ok', data: 'x' },
        { subject: 'batch..bad', data: 'y' },
      ]),
      GrpcStatus.INVALID_ARGUMENT,
      'messages[1].subject',
    );
    await client.publish('batch.sentinel', 'z');
    expect((await take(sub!, 1))[0]!.subject).toBe('batch.sentinel');
    sub!.close();
  });

  it('publishes a client stream of messages', async () => {
    const sub = await client.subscribe('stream.pub');
    function* messages() {
      for (let i = 0; i < 500; i++) yield { subject: 'stream.pub', data: `m${i}` };
    }
    expect(await client.publishStream(messages())).toEqual({ publishedCount: 500 });
    const received = await take(sub!, 500);
    expect(received[499]!.data.toString()).toBe('m499');
    // An async source that produces slowly: each message is sent without waiting for more.
    async function* slow() {
      for (let i = 0; i < 3; i++) {
        yield { subject: 'stream.pub', data: `slow${i}` };
        const [m] = await take(sub!, 1);
        expect(m!.data.toString()).toBe(`slow${i}`);
      }
    }
    expect(await client.publishStream(slow())).toEqual({ publishedCount: 3 });
    function* withBad() {
      yield { subject: 'stream.pub', data: 'ok' };
      yield { subject: 'bad subject', data: 'no' };
    }
    const err = await client.publishStream(withBad()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'messages[1].subject' });
    expect((err as Error).message).toMatch(/after 1 messages were published/);
    sub!.close();
  });

  it('returns the reply’s data from request-reply (the reference client always returned None)', async () => {
    const responder = await client.subscribe('api.user.get');
    const serving = (async () => {
      for await (const m of responder!) {
        const request = JSON.parse(m.data.toString()) as { user_id: string };
        await client.publish(m.replyTo, JSON.stringify({ id: request.user_id, name: 'Alice' }), {
          headers: { status: 'ok' },
        });
      }
    })();
    const response = await client.request('api.user.get', '{"user_id": "123"}', { timeoutSeconds: 5 });
    expect(JSON.parse(response!.data.toString())).toEqual({ id: '123', name: 'Alice' });
    expect(response!.headers).toEqual({ status: 'ok' });
    expect(response!.subject).toMatch(/^_INBOX\./);
    responder!.close();
    await serving;
  });

  it('reports "no responders" as its own error, and a silent responder as a deadline', async () => {
    const err = await client.request('nobody.listens', 'x').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: GrpcStatus.NOT_FOUND });
    expect((err as Error).message).toMatch(/no responders/);
    const silent = await client.subscribe('slow.service');
    const started = Date.now();
    await expectCode(
      client.request('slow.service', 'x', { timeoutSeconds: 0.3 }),
      GrpcStatus.DEADLINE_EXCEEDED,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    silent!.close();
  });

  it('supports the reference client’s callback style with a timeout', async () => {
    const seen: string[] = [];
    const counting = client.subscribeWithCallback(
      'cb.*',
      (m) => {
        seen.push(m.subject);
      },
      { maxMessages: 2, timeoutSeconds: 10 },
    );
    // The callback style gives no "live" signal: publish until the subscription has seen two.
    for (let i = 0; seen.length < 2 && i < 50; i++) {
      await client.publish(`cb.m${i}`, 'x');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await counting).toBe(2);
    expect(seen).toHaveLength(2);
    const started = Date.now();
    expect(await client.subscribeWithCallback('cb.none', () => undefined, { timeoutSeconds: 0.3 })).toBe(0);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('ends subscriptions on Unsubscribe, by subject or by id', async () => {
    const one = await client.subscribe('unsub.a');
    const two = await client.subscribe('unsub.b');
    expect(await client.unsubscribe('unsub.a')).toBe(1);
    expect(await take(one!, 1)).toEqual([]);
    expect(await client.unsubscribe({ subscriptionId: two!.id })).toBe(1);
    expect(await take(two!, 1)).toEqual([]);
    expect(await client.unsubscribe('unsub.a')).toBe(0);
    const other = tenantClient(stack);
    const mine = await client.subscribe('unsub.c');
    expect(await other.unsubscribe({ subscriptionId: mine!.id })).toBe(0);
    mine!.close();
  });

  it('removes the NATS subscription when the gRPC stream ends (the reference leaked them)', async () => {
    const user = `leak_${Date.now()}`;
    const mine = stack.client('nats', { userId: user, throwOnError: true });
    const physical = `isa.${user}.default-org.leak.check`;
    const before = (await mine.healthCheck())!.activeSubscriptions;
    const sub = await mine.subscribe('leak.check');
    // While subscribed, NATS routes a request to the subscription (which does not answer: a timeout).
    await expect(direct.request(physical, 'x', { timeout: 300 })).rejects.toThrow(/timeout/i);
    for await (const _ of sub!) break;
    await eventually(
      async () => (await mine.healthCheck())!.activeSubscriptions === before,
      5000,
      'registry empty',
    );
    // Gone from NATS too: the same request now fails at once with "no responders".
    await eventually(
      () =>
        direct.request(physical, 'x', { timeout: 300 }).then(
          () => false,
          (e: Error) => /no responders/i.test(e.message),
        ),
      5000,
      'NATS subscription removed',
    );
    const aborted = new AbortController();
    const viaSignal = await mine.subscribe('leak.check', { signal: aborted.signal });
    expect(viaSignal).not.toBeNull();
    aborted.abort();
    await eventually(
      () =>
        direct.request(physical, 'x', { timeout: 300 }).then(
          () => false,
          (e: Error) => /no responders/i.test(e.message),
        ),
      5000,
      'NATS subscription removed after abort',
    );
  });

  it('refuses bad subjects, headers and payloads with the field and the rule', async () => {
    const cases: Array<[string, RegExp]> = [
      ['', /must not be empty/],
      ['a..b', /non-empty tokens/],
      ['.a', /non-empty tokens/],
      ['a b', /whitespace/],
      ['a.*', /wildcards/],
      ['a.>', /wildcards/],
      ['a.b*', /wildcards|whole tokens/],
      ['$JS.API.STREAM.LIST', /system subjects/],
      ['$SYS.REQ.SERVER.PING', /system subjects/],
      ['$KV.config.app', /system subjects/],
      ['x'.repeat(300), /at most 256/],
    ];
    for (const [subject, rule] of cases) {
      const err = await client.publish(subject, 'x').catch((e: unknown) => e);
      expect(err, subject).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'subject' });
      expect((err as Error).message).toMatch(rule);
    }
    await expectCode(client.subscribe('a.>.b'), GrpcStatus.INVALID_ARGUMENT, 'subject');
    await expectCode(client.subscribe('$JS.>'), GrpcStatus.INVALID_ARGUMENT, 'subject');
    await expectCode(
      client.subscribe('ok', { queueGroup: 'bad group' }),
      GrpcStatus.INVALID_ARGUMENT,
      'queue_group',
    );
    await expectCode(client.publish('ok', 'x', { replyTo: 'a.*' }), GrpcStatus.INVALID_ARGUMENT, 'reply_to');
    await expectCode(
      client.publish('ok', 'x', { headers: { 'Nats-Msg-Id': '1' } }),
      GrpcStatus.INVALID_ARGUMENT,
      'headers',
    );
    await expectCode(
      client.publish('ok', 'x', { headers: { 'bad name': '1' } }),
      GrpcStatus.INVALID_ARGUMENT,
      'headers',
    );
    await expectCode(
      client.publish('ok', 'x', { headers: { ok: 'line\r\nbreak' } }),
      GrpcStatus.INVALID_ARGUMENT,
      'headers',
    );
    await expectCode(
      client.publish('ok', new Uint8Array(2 * 1024 * 1024)),
      GrpcStatus.INVALID_ARGUMENT,
      'data',
    );
    await expectCode(
      client.request('ok', 'x', { timeoutSeconds: 400 }),
      GrpcStatus.INVALID_ARGUMENT,
      'timeout',
    );
    await expectCode(
      client.unsubscribe({ subscriptionId: '../x' }),
      GrpcStatus.INVALID_ARGUMENT,
      'subscription_id',
    );
  });

  it('ends a subscription whose reader is too slow instead of buffering without bound', async () => {
    const small = await startNatsStack({ NATS_SUBSCRIBE_BUFFER: '50' });
    try {
      const c = tenantClient(small);
      const sub = await c.subscribe('flood');
      // The gRPC stream has its own buffers; flood far past them and the service's 50-message queue.
      const big = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 4; i++) {
        await c.publishBatch(Array.from({ length: 100 }, () => ({ subject: 'flood', data: big })));
      }
      const err = await (async () => {
        await new Promise((r) => setTimeout(r, 500));
        for await (const _ of sub!) {
          // read slowly
        }
      })().catch((e: unknown) => e);
      expect(err).toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
    } finally {
      await small.stop();
    }
  });
});
