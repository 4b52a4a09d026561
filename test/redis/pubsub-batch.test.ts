import { GrpcStatus, type RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import {
  cleanupTenants,
  directRedis,
  eventually,
  expectCode,
  startRedisStack,
  take,
  tenantClient,
} from './support.js';

describe('redis publish/subscribe and batches', () => {
  let stack: TestStack;
  let r: RedisClient;
  let direct: Redis;

  beforeAll(async () => {
    stack = await startRedisStack();
    r = tenantClient(stack);
    direct = directRedis();
  });
  afterAll(async () => {
    await cleanupTenants(direct, [r.userId!]);
    direct?.disconnect();
    await stack?.stop();
  });

  describe('publish/subscribe', () => {
    it('delivers to channel and pattern subscribers; publish counts real receivers', async () => {
      expect(await r.publish('news', 'nobody listens')).toBe(0);
      const exact = (await r.subscribe('news'))!;
      const pattern = (await r.psubscribe('news*'))!;
      expect(exact.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await r.publish('news', 'hello')).toBe(2);
      expect(await r.publish('newsflash', Buffer.from([1, 2, 3]))).toBe(1);
      const [m1] = await take(exact, 1);
      expect(m1).toMatchObject({ channel: 'news', pattern: '', message: 'hello', sequence: 1 });
      expect(m1!.receivedAt).toBeInstanceOf(Date);
      const [p1, p2] = await take(pattern, 2);
      expect(p1).toMatchObject({ channel: 'news', pattern: 'news*', message: 'hello' });
      expect(p2).toMatchObject({ channel: 'newsflash', pattern: 'news*', sequence: 2 });
      expect([...p2!.data]).toEqual([1, 2, 3]);
      exact.close();
      pattern.close();
      await eventually(async () => (await r.publish('news', 'x')) === 0, 5000, 'subscribers gone');
    });

    it('subscribes to several channels and patterns at once', async () => {
      const sub = (await r.subscribe(['a', 'b'], { patterns: ['c.*'] }))!;
      await r.publish('b', '1');
      await r.publish('c.x', '2');
      await r.publish('a', '3');
      const got = await take(sub, 3);
      expect(got.map((m) => `${m.channel}:${m.message}`)).toEqual(['b:1', 'c.x:2', 'a:3']);
      sub.close();
    });

    it('unsubscribes channels on Redis and ends a subscription with nothing left', async () => {
      const sub = (await r.subscribe(['u1', 'u2']))!;
      expect(await r.unsubscribe('u1')).toEqual({ removedCount: 1, endedCount: 0 });
      expect(await r.publish('u1', 'dropped')).toBe(0);
      expect(await r.publish('u2', 'kept')).toBe(1);
      expect((await take(sub, 1))[0]!.message).toBe('kept');
      expect(await r.unsubscribe(['u2', 'never'])).toEqual({ removedCount: 1, endedCount: 1 });
      expect(await take(sub, 1)).toEqual([]); // the stream ended

      const byId = (await r.subscribe('u3'))!;
      expect(await r.unsubscribe({ subscriptionId: byId.id })).toEqual({ removedCount: 1, endedCount: 1 });
      expect(await take(byId, 1)).toEqual([]);
      await expectCode(r.unsubscribe({ subscriptionId: byId.id }), GrpcStatus.NOT_FOUND);
    });

    it('the callback style handles messages until maxMessages', async () => {
      const seen: string[] = [];
      const done = r.subscribeWithCallback('cb', (m) => void seen.push(m.message), {
        maxMessages: 2,
        timeoutSeconds: 5,
      });
      await eventually(async () => (await r.publish('cb', 'one')) === 1, 5000, 'callback subscribed');
      await r.publish('cb', 'two');
      expect(await done).toBe(2);
      expect(seen).toEqual(['one', 'two']);
    });

    it('validates channels and patterns', async () => {
      await expectCode(r.subscribe([]), GrpcStatus.INVALID_ARGUMENT, 'channels');
      await expectCode(r.subscribe(['ok', '']), GrpcStatus.INVALID_ARGUMENT, 'channels[1]');
      await expectCode(r.psubscribe('*'.repeat(17)), GrpcStatus.INVALID_ARGUMENT, 'patterns[0]');
      await expectCode(r.publish('', 'x'), GrpcStatus.INVALID_ARGUMENT, 'channel');
      await expectCode(r.unsubscribe([]), GrpcStatus.INVALID_ARGUMENT, 'channels');
    });
  });

  describe('batches', () => {
    it('runs mixed commands in a pipeline with one typed result each', async () => {
      const batch = (await r.executeBatch([
        { op: 'set', key: 'b:str', value: 'v', ttlSeconds: 60 },
        { op: 'get', key: 'b:str' },
        { op: 'incr', key: 'b:n', delta: 5 },
        { op: 'hset', key: 'b:h', fields: { f: '1', g: '2' } },
        { op: 'hgetall', key: 'b:h' },
        { op: 'rpush', key: 'b:l', values: ['x', 'y'] },
        { op: 'lrange', key: 'b:l' },
        { op: 'sadd', key: 'b:s', members: ['m'] },
        { op: 'zadd', key: 'b:z', members: { a: 1.5 } },
        { op: 'zrange', key: 'b:z' },
        { op: 'ttl', key: 'b:str' },
        { op: 'get', key: 'b:missing' },
        { op: 'mget', keys: ['b:str', 'b:missing'] },
        { op: 'delete', key: 'b:n' },
        { op: 'publish', channel: 'b:chan', message: 'hi' },
      ]))!;
      expect(batch.errorCount).toBe(0);
      const values = batch.results.map((res) => (res.ok ? res.value : res));
      expect(values).toEqual([
        true,
        'v',
        5,
        2,
        { f: '1', g: '2' },
        2,
        ['x', 'y'],
        1,
        1,
        [{ member: 'a', score: 1.5 }],
        60,
        undefined,
        { 'b:str': 'v' },
        true,
        0,
      ]);
      // Typed after the command: the compiler knows results[1] holds a string.
      const second = batch.results[1];
      if (second.ok) expect(second.value?.toUpperCase()).toBe('V');
    });

    it('reports each failing command on its own without failing the others', async () => {
      await r.set('b:text', 'abc');
      const batch = (await r.executeBatch([
        { op: 'incr', key: 'b:text' },
        { op: 'set', key: 'b:after', value: 'ok' },
        { op: 'lpush', key: 'b:text', values: ['x'] },
        { op: 'rename', oldKey: 'b:nothing', newKey: 'b:x' },
      ]))!;
      expect(batch.errorCount).toBe(3);
      expect(batch.results[0]).toMatchObject({
        ok: false,
        code: GrpcStatus.FAILED_PRECONDITION,
        codeName: 'FAILED_PRECONDITION',
      });
      expect(batch.results[1]).toEqual({ ok: true, value: true });
      expect(batch.results[2]).toMatchObject({ ok: false, code: GrpcStatus.FAILED_PRECONDITION });
      expect(batch.results[3]).toMatchObject({ ok: false, code: GrpcStatus.NOT_FOUND });
      expect(await r.get('b:after')).toBe('ok');
    });

    it('runs a transaction as MULTI/EXEC, consecutive even while another connection writes', async () => {
      const execCalls = async () => {
        const stats = await direct.info('commandstats');
        return Number(/cmdstat_exec:calls=(\d+)/.exec(stats)?.[1] ?? 0);
      };
      const physical = `isa:${r.userId}:default-org:k:b:counter`;
      await r.set('b:counter', '0');
      const before = await execCalls();
      let stop = false;
      let noise = 0;
      const writer = (async () => {
        while (!stop) {
          await direct.incrby(physical, 1000);
          noise++;
        }
      })();
      for (let i = 0; i < 20; i++) {
        const tx = (await r.executeBatch(
          [
            { op: 'incr', key: 'b:counter', delta: 1 },
            { op: 'incr', key: 'b:counter', delta: 1 },
            { op: 'incr', key: 'b:counter', delta: 1 },
          ],
          { transaction: true },
        ))!;
        const [a, b, c] = tx.results.map((res) => (res.ok ? res.value : Number.NaN));
        expect(b).toBe(a! + 1);
        expect(c).toBe(b! + 1);
      }
      stop = true;
      await writer;
      expect(noise).toBeGreaterThan(0);
      expect((await execCalls()) - before).toBeGreaterThanOrEqual(20);
      expect(await r.get('b:counter')).toBe(String(60 + noise * 1000));
    });

    it('validates every command before sending any', async () => {
      await expectCode(
        r.executeBatch([
          { op: 'set', key: 'b:never-written', value: 'v' },
          { op: 'get', key: '' },
        ]),
        GrpcStatus.INVALID_ARGUMENT,
        'commands[1].key',
      );
      expect(await r.exists('b:never-written')).toBe(false);
      await expectCode(r.executeBatch([]), GrpcStatus.INVALID_ARGUMENT, 'commands');
      await expectCode(
        r.executeBatch(Array.from({ length: 1001 }, () => ({ op: 'get' as const, key: 'k' }))),
        GrpcStatus.INVALID_ARGUMENT,
        'commands',
      );
    });
  });
});
