import { GrpcStatus, type RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { cleanupTenants, directRedis, expectCode, startRedisStack, tenantClient } from './support.js';

describe('redis hashes, lists, sets and sorted sets', () => {
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

  describe('hashes', () => {
    it('counts new fields from Redis and reads them back', async () => {
      expect(await r.hset('user:1', { name: 'Ada', lang: 'en' })).toBe(2);
      expect(await r.hset('user:1', 'name', 'Ada L.')).toBe(0); // updated, not new
      expect(await r.hset('user:1', { name: 'Ada', city: 'London' })).toBe(1);
      expect(await r.hget('user:1', 'name')).toBe('Ada');
      expect(await r.hget('user:1', 'nope')).toBeUndefined();
      expect(await r.hgetall('user:1')).toEqual({ name: 'Ada', lang: 'en', city: 'London' });
      expect((await r.hkeys('user:1'))!.sort()).toEqual(['city', 'lang', 'name']);
      expect((await r.hvalues('user:1'))!.sort()).toEqual(['Ada', 'London', 'en']);
      expect(await r.hlen('user:1')).toBe(3);
      expect(await r.hexists('user:1', 'lang')).toBe(true);
      expect(await r.hdelete('user:1', ['lang', 'missing'])).toBe(1);
      expect(await r.hexists('user:1', 'lang')).toBe(false);
      expect(await r.hgetall('no-such-hash')).toEqual({});
    });

    it('increments fields', async () => {
      expect(await r.hincrement('stats', 'visits')).toBe(1);
      expect(await r.hincrement('stats', 'visits', 41)).toBe(42);
      await r.hset('stats', 'label', 'x');
      await expectCode(r.hincrement('stats', 'label'), GrpcStatus.FAILED_PRECONDITION);
    });

    it('validates fields', async () => {
      await expectCode(r.hset('h', {}), GrpcStatus.INVALID_ARGUMENT, 'fields');
      await expectCode(r.hset('h', '', 'v'), GrpcStatus.INVALID_ARGUMENT, 'fields[0].field');
      await expectCode(r.hget('h', 'a\u0000b'), GrpcStatus.INVALID_ARGUMENT, 'field');
    });
  });

  describe('lists', () => {
    it('pushes and pops at both ends with lengths from Redis', async () => {
      expect(await r.rpush('q', ['a', 'b'])).toBe(2);
      expect(await r.lpush('q', 'z')).toBe(3);
      expect(await r.rpush('q', 'c')).toBe(4);
      expect(await r.lrange('q')).toEqual(['z', 'a', 'b', 'c']);
      expect(await r.lrange('q', 1, 2)).toEqual(['a', 'b']);
      expect(await r.llen('q')).toBe(4);
      expect(await r.lindex('q', -1)).toBe('c');
      expect(await r.lindex('q', 99)).toBeUndefined();
      expect(await r.lpop('q')).toBe('z');
      expect(await r.rpop('q')).toBe('c');
      expect(await r.ltrim('q', 0, 0)).toBe(true);
      expect(await r.lrange('q')).toEqual(['a']);
      expect(await r.lpop('q')).toBe('a');
      expect(await r.lpop('q')).toBeUndefined();
      expect(await r.llen('q')).toBe(0);
    });

    it('blocking pop returns at once when a list has elements, and from the first non-empty one', async () => {
      await r.rpush('jobs:b', ['b1', 'b2']);
      expect(await r.blpop(['jobs:a', 'jobs:b'], 1)).toEqual({ key: 'jobs:b', value: 'b1' });
      expect(await r.brpop('jobs:b', 1)).toEqual({ key: 'jobs:b', value: 'b2' });
    });

    it('blocking pop waits for a push and times out with undefined', async () => {
      const started = Date.now();
      expect(await r.blpop('jobs:empty', 0.3)).toBeUndefined();
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);

      const waiting = r.blpop('jobs:later', 5);
      await new Promise((done) => setTimeout(done, 200));
      await r.rpush('jobs:later', 'arrived');
      expect(await waiting).toEqual({ key: 'jobs:later', value: 'arrived' });
    });

    it('a cancelled blocking pop stops waiting and takes nothing', async () => {
      const controller = new AbortController();
      const waiting = r.blpop('jobs:cancel', 30, { signal: controller.signal });
      await new Promise((done) => setTimeout(done, 200));
      controller.abort();
      await expectCode(waiting, GrpcStatus.CANCELLED);
      // The server dropped its wait: a value pushed now stays in the list.
      await new Promise((done) => setTimeout(done, 200));
      await r.rpush('jobs:cancel', 'kept');
      expect(await r.lrange('jobs:cancel')).toEqual(['kept']);
    });

    it('blocking pop validates its timeout and keys', async () => {
      await expectCode(r.blpop('k', 0), GrpcStatus.INVALID_ARGUMENT, 'timeout');
      await expectCode(r.blpop('k', 301), GrpcStatus.INVALID_ARGUMENT, 'timeout');
      await expectCode(r.blpop([], 1), GrpcStatus.INVALID_ARGUMENT, 'keys');
    });

    it('refuses an empty push', async () => {
      await expectCode(r.rpush('q', []), GrpcStatus.INVALID_ARGUMENT, 'values');
    });
  });

  describe('sets', () => {
    it('counts added and removed members from Redis', async () => {
      expect(await r.sadd('s1', ['a', 'b', 'c', 'a'])).toBe(3);
      expect(await r.sadd('s1', ['c', 'd'])).toBe(1);
      expect(await r.sremove('s1', ['d', 'zz'])).toBe(1);
      expect((await r.smembers('s1'))!.sort()).toEqual(['a', 'b', 'c']);
      expect(await r.sismember('s1', 'a')).toBe(true);
      expect(await r.sismember('s1', 'z')).toBe(false);
      expect(await r.scard('s1')).toBe(3);
      expect(await r.scard('none')).toBe(0);
    });

    it('computes union, intersection and difference', async () => {
      await r.sadd('s2', ['b', 'c', 'e']);
      await r.sadd('s3', ['c']);
      expect((await r.sunion(['s1', 's2']))!.sort()).toEqual(['a', 'b', 'c', 'e']);
      expect((await r.sinter(['s1', 's2', 's3']))!.sort()).toEqual(['c']);
      expect((await r.sdiff(['s1', 's2']))!.sort()).toEqual(['a']);
    });
  });

  describe('sorted sets', () => {
    it('adds with scores and counts new members', async () => {
      expect(await r.zadd('board', { alice: 10, bob: 20, carol: 30 })).toBe(3);
      expect(
        await r.zadd('board', [
          { member: 'alice', score: 15 },
          { member: 'dave', score: 5 },
        ]),
      ).toBe(1);
      expect(await r.zadd('board', { erin: 1 }, { xx: true })).toBe(0);
      expect(await r.zscore('board', 'erin')).toBeUndefined();
      expect(await r.zadd('board', { alice: 99 }, { nx: true })).toBe(0);
      expect(await r.zscore('board', 'alice')).toBe(15);
      expect(await r.zcard('board')).toBe(4);
    });

    it('ranges by rank with and without scores, both directions', async () => {
      expect(await r.zrange('board')).toEqual(['dave', 'alice', 'bob', 'carol']);
      expect(await r.zrange('board', 0, 1, { withScores: true })).toEqual([
        { member: 'dave', score: 5 },
        { member: 'alice', score: 15 },
      ]);
      expect(await r.zrange('board', 0, 0, { reverse: true })).toEqual(['carol']);
      expect(await r.zrank('board', 'bob')).toBe(2);
      expect(await r.zrank('board', 'bob', { reverse: true })).toBe(1);
      expect(await r.zrank('board', 'nobody')).toBeUndefined();
    });

    it('ranges by score with real scores, offset, count, exclusive bounds and infinities', async () => {
      expect(await r.zrangeByScore('board', 10, 30)).toEqual([
        { member: 'alice', score: 15 },
        { member: 'bob', score: 20 },
        { member: 'carol', score: 30 },
      ]);
      expect(await r.zrangeByScore('board', 10, 30, { offset: 1, count: 1 })).toEqual([
        { member: 'bob', score: 20 },
      ]);
      expect(await r.zrangeByScore('board', 15, 30, { minExclusive: true, maxExclusive: true })).toEqual([
        { member: 'bob', score: 20 },
      ]);
      expect(
        (await r.zrangeByScore('board', Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, {
          reverse: true,
          count: 2,
        }))!.map((m) => m.member),
      ).toEqual(['carol', 'bob']);
      await r.zadd('board', { top: Number.POSITIVE_INFINITY });
      expect(await r.zscore('board', 'top')).toBe(Number.POSITIVE_INFINITY);
      await expectCode(r.zrangeByScore('board', 5, 1), GrpcStatus.INVALID_ARGUMENT, 'min_score');
      await expectCode(r.zrangeByScore('board', 0, 1, { offset: -1 }), GrpcStatus.INVALID_ARGUMENT, 'offset');
      await expectCode(r.zadd('board', { bad: Number.NaN }), GrpcStatus.INVALID_ARGUMENT, 'members[0].score');
    });

    it('increments scores, removes members and removes by rank atomically', async () => {
      expect(await r.zincrement('board', 'dave', 2.5)).toBe(7.5);
      expect(await r.zincrement('board', 'newbie')).toBe(1);
      expect(await r.zrem('board', ['newbie', 'ghost'])).toBe(1);
      expect(await r.zremrangebyrank('board', 0, 1)).toBe(2); // dave, alice
      expect(await r.zrange('board')).toEqual(['bob', 'carol', 'top']);
    });
  });
});
