import { GrpcStatus, type RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { cleanupTenants, directRedis, expectCode, startRedisStack, tenantClient } from './support.js';

describe('redis strings and keys', () => {
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

  it('sets and gets text and binary values; a miss is undefined, not a failure', async () => {
    expect(await r.set('greeting', 'héllo ✓')).toBe(true);
    expect(await r.get('greeting')).toBe('héllo ✓');
    const binary = Buffer.from([0, 255, 1, 128, 10, 13]);
    await r.set('blob', binary);
    expect(await r.getBuffer('blob')).toEqual(binary);
    expect(await r.get('missing')).toBeUndefined();
    expect(await r.getBuffer('missing')).toBeUndefined();
    await r.set('empty', '');
    expect(await r.get('empty')).toBe('');
  });

  it('stores keys under the tenant prefix, as documented', async () => {
    await r.set('where:am:i', 'here');
    expect(await direct.get(`isa:${r.userId}:default-org:k:where:am:i`)).toBe('here');
  });

  it('honours NX, XX, TTL and KEEPTTL', async () => {
    expect(await r.set('nx', 'first', { nx: true })).toBe(true);
    expect(await r.set('nx', 'second', { nx: true })).toBe(false);
    expect(await r.get('nx')).toBe('first');
    expect(await r.set('xx-missing', 'v', { xx: true })).toBe(false);
    expect(await r.exists('xx-missing')).toBe(false);
    expect(await r.set('nx', 'third', { xx: true })).toBe(true);
    expect(await r.get('nx')).toBe('third');

    await r.set('ttl', 'v', { ttlSeconds: 100 });
    const ttl = (await r.ttl('ttl'))!;
    expect(ttl).toBeGreaterThan(95);
    expect(ttl).toBeLessThanOrEqual(100);
    await r.set('ttl', 'v2', { keepTtl: true });
    expect(await r.ttl('ttl')).toBeGreaterThan(95);
    await r.set('ttl', 'v3');
    expect(await r.ttl('ttl')).toBe(-1);

    expect(await r.setWithTtl('short', 'v', 0.2)).toBe(true);
    expect(await r.pttl('short')).toBeGreaterThan(0);
    await new Promise((done) => setTimeout(done, 300));
    expect(await r.get('short')).toBeUndefined();
  });

  it('tells "no expiry" (-1) from "no such key" (-2)', async () => {
    await r.set('forever', 'v');
    expect(await r.ttl('forever')).toBe(-1);
    expect(await r.pttl('forever')).toBe(-1);
    expect(await r.ttl('nothing-here')).toBe(-2);
    expect(await r.pttl('nothing-here')).toBe(-2);
    expect(await r.expire('forever', 50)).toBe(true);
    expect(await r.ttl('forever')).toBeGreaterThan(45);
    expect(await r.persist('forever')).toBe(true);
    expect(await r.ttl('forever')).toBe(-1);
    expect(await r.persist('forever')).toBe(false);
    expect(await r.expire('nothing-here', 50)).toBe(false);
  });

  it('mset/mget keep empty values and report only existing keys', async () => {
    expect(await r.mset({ a: '1', b: '', c: '3' })).toBe(true);
    expect(await r.mget(['a', 'b', 'nope', 'c'])).toEqual({ a: '1', b: '', c: '3' });
    expect(await r.mset({ a: 'x', fresh: 'y' }, { nx: true })).toBe(false);
    expect(await r.get('a')).toBe('1');
    expect(await r.exists('fresh')).toBe(false);
  });

  it('increments and decrements integers and floats', async () => {
    expect(await r.incr('counter')).toBe(1);
    expect(await r.incr('counter', 10)).toBe(11);
    expect(await r.decr('counter')).toBe(10);
    expect(await r.decr('counter', 15)).toBe(-5);
    expect(await r.incrByFloat('float', 1.5)).toBe(1.5);
    expect(await r.incrByFloat('float', -0.25)).toBe(1.25);
    await r.set('text', 'abc');
    await expectCode(r.incr('text'), GrpcStatus.FAILED_PRECONDITION);
    await r.set('big', '9223372036854775807');
    await expectCode(r.incr('big'), GrpcStatus.OUT_OF_RANGE);
    await expectCode(r.incrByFloat('float', Number.NaN), GrpcStatus.INVALID_ARGUMENT, 'delta');
  });

  it('appends and reports the length Redis returns', async () => {
    expect(await r.append('log', 'abc')).toBe(3);
    expect(await r.append('log', 'dé')).toBe(6);
    expect(await r.get('log')).toBe('abcdé');
  });

  it('counts deletions from Redis, not from the request', async () => {
    await r.mset({ d1: '1', d2: '2' });
    expect(await r.delete('d1')).toBe(true);
    expect(await r.delete('d1')).toBe(false);
    expect(await r.deleteMultiple(['d1', 'd2', 'never'])).toBe(1);
  });

  it('renames within the tenant, with NOT_FOUND and ALREADY_EXISTS', async () => {
    await r.set('old', 'v');
    expect(await r.rename('old', 'new')).toBe(true);
    expect(await r.get('new')).toBe('v');
    expect(await r.exists('old')).toBe(false);
    await expectCode(r.rename('old', 'other'), GrpcStatus.NOT_FOUND);
    await r.set('taken', 't');
    await expectCode(r.rename('new', 'taken', { nx: true }), GrpcStatus.ALREADY_EXISTS);
    expect(await r.get('taken')).toBe('t');
  });

  it('lists and scans keys by pattern and type with SCAN', async () => {
    const scan = tenantClient(stack);
    try {
      for (let i = 0; i < 25; i++) await scan.set(`user:${String(i).padStart(2, '0')}`, 'v');
      await scan.hset('user:hash', 'f', 'v');
      await scan.set('other', 'v');
      const users = (await scan.listKeys('user:*', { limit: 1000 }))!;
      expect(users).toHaveLength(26);
      expect(users.every((k) => k.startsWith('user:'))).toBe(true);
      expect(await scan.listKeys('user:?5')).toEqual(expect.arrayContaining(['user:05', 'user:15']));
      expect((await scan.listKeys('user:[01]*'))!.sort()).toHaveLength(20);
      expect(await scan.listKeys('*', { type: 'hash' })).toEqual(['user:hash']);
      expect(await scan.listKeys('*', { limit: 5 })).toHaveLength(5);
      expect((await scan.listKeys())!.length).toBe(27);

      const seen = new Set<string>();
      let cursor = '0';
      let pages = 0;
      do {
        const page = (await scan.scanKeys({ pattern: 'user:*', cursor, count: 5 }))!;
        for (const k of page.keys) seen.add(k);
        cursor = page.cursor;
        pages++;
      } while (cursor !== '0' && pages < 1000);
      expect(seen.size).toBe(26);
      await expectCode(scan.scanKeys({ cursor: 'not-a-cursor' }), GrpcStatus.INVALID_ARGUMENT, 'cursor');
    } finally {
      await cleanupTenants(direct, [scan.userId!]);
    }
  });

  it('describes keys: type, TTL, size, length, encoding, idle time', async () => {
    await r.set('info:s', 'hello', { ttlSeconds: 60 });
    const s = (await r.getKeyInfo('info:s'))!;
    expect(s).toMatchObject({ exists: true, type: 'string', length: 5 });
    expect(s.ttlSeconds).toBeGreaterThan(55);
    expect(s.sizeBytes).toBeGreaterThan(0);
    expect(s.encoding).toBe('embstr');
    expect(s.idleSeconds).toBeGreaterThanOrEqual(0);
    expect(s.lastAccessed).toBeInstanceOf(Date);
    await r.rpush('info:l', ['a', 'b', 'c']);
    expect(await r.getKeyInfo('info:l')).toMatchObject({
      exists: true,
      type: 'list',
      length: 3,
      ttlSeconds: -1,
    });
    await r.zadd('info:z', { a: 1 });
    expect(await r.getKeyInfo('info:z')).toMatchObject({ type: 'zset', length: 1 });
    expect(await r.getKeyInfo('info:none')).toMatchObject({ exists: false, type: 'none', ttlSeconds: -2 });
  });

  it('refuses bad keys and arguments with INVALID_ARGUMENT naming the field', async () => {
    await expectCode(r.set('', 'v'), GrpcStatus.INVALID_ARGUMENT, 'key');
    await expectCode(r.get('bad\nkey'), GrpcStatus.INVALID_ARGUMENT, 'key');
    await expectCode(r.get('x'.repeat(1025)), GrpcStatus.INVALID_ARGUMENT, 'key');
    await expectCode(r.set('k', 'v', { ttlSeconds: -1 }), GrpcStatus.INVALID_ARGUMENT, 'ttl');
    await expectCode(r.set('k', 'v', { ttlSeconds: 0 }), GrpcStatus.INVALID_ARGUMENT, 'ttl');
    await expectCode(
      r.set('k', 'v', { ttlSeconds: 10, keepTtl: true }),
      GrpcStatus.INVALID_ARGUMENT,
      'keep_ttl',
    );
    await expectCode(r.expire('k', 0), GrpcStatus.INVALID_ARGUMENT, 'expiration');
    await expectCode(r.mget([]), GrpcStatus.INVALID_ARGUMENT, 'keys');
    await expectCode(r.deleteMultiple(['ok', '']), GrpcStatus.INVALID_ARGUMENT, 'keys[1]');
    await expectCode(r.listKeys('*'.repeat(17)), GrpcStatus.INVALID_ARGUMENT, 'pattern');
    await expectCode(r.listKeys('*', { limit: 10_001 }), GrpcStatus.INVALID_ARGUMENT, 'limit');
    await expectCode(
      r.mget(Array.from({ length: 1001 }, (_, i) => `k${i}`)),
      GrpcStatus.INVALID_ARGUMENT,
      'keys',
    );
  });

  it('reports a wrong-type operation as FAILED_PRECONDITION', async () => {
    await r.set('plain', 'v');
    await expectCode(r.lpush('plain', 'x'), GrpcStatus.FAILED_PRECONDITION);
    await expectCode(r.hget('plain', 'f'), GrpcStatus.FAILED_PRECONDITION);
    expect(await r.get('plain')).toBe('v');
  });

  it('resolves to null and logs once without throwOnError', async () => {
    const errors: string[] = [];
    const quiet = stack.client('redis', {
      userId: r.userId!,
      logger: { error: (message) => errors.push(message) },
    });
    expect(await quiet.get('')).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('INVALID_ARGUMENT');
  });
});
