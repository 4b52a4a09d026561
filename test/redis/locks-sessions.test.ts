import { GrpcStatus, type RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { cleanupTenants, directRedis, expectCode, startRedisStack } from './support.js';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('redis locks and sessions', () => {
  let stack: TestStack;
  let direct: Redis;
  const user = uniqueUser('redis');
  const clients: RedisClient[] = [];
  const client = (options: { organizationId?: string; userId?: string } = {}) => {
    const c = stack.client('redis', { userId: user, throwOnError: true, ...options });
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    stack = await startRedisStack();
    direct = directRedis();
  });
  afterAll(async () => {
    await cleanupTenants(direct, [user]);
    await cleanupTenants(direct, [user], 'acme');
    for (const c of clients) if (c.userId !== user) await cleanupTenants(direct, [c.userId!]);
    direct?.disconnect();
    await stack?.stop();
  });

  describe('locks', () => {
    it('never lets two clients hold the same lock, and fencing tokens only grow', async () => {
      const workers = Array.from({ length: 6 }, () => client());
      let holder: number | undefined;
      const tokens: number[] = [];
      let overlaps = 0;
      await Promise.all(
        workers.map(async (w, id) => {
          for (let round = 0; round < 8; round++) {
            const lock = (await w.acquireLock('critical', { ttlSeconds: 10, waitTimeoutSeconds: 20 }))!;
            expect(lock.acquired).toBe(true);
            if (holder !== undefined) overlaps++;
            holder = id;
            tokens.push(lock.fencingToken);
            // A read-modify-write that loses updates unless the lock really excludes the others.
            const value = Number((await w.get('guarded')) ?? '0');
            await sleep(2);
            await w.set('guarded', String(value + 1));
            if (holder !== id) overlaps++;
            holder = undefined;
            expect(await w.releaseLock('critical', lock.lockId)).toBe(true);
          }
        }),
      );
      expect(overlaps).toBe(0);
      expect(await workers[0]!.get('guarded')).toBe('48');
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]!).toBeGreaterThan(tokens[i - 1]!);
    });

    it('lets only the owner release or renew, with random lock ids', async () => {
      const a = client();
      const b = client();
      const lock = (await a.acquireLock('owned', { ttlSeconds: 30, waitTimeoutSeconds: 0 }))!;
      expect(lock).toMatchObject({ acquired: true });
      expect(lock.lockId).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(lock.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 25_000);
      const forged = 'A'.repeat(22);
      expect(await b.releaseLock('owned', forged)).toBe(false);
      expect(await b.renewLock('owned', forged)).toBe(false);
      expect(await b.acquireLock('owned', { waitTimeoutSeconds: 0 })).toMatchObject({
        acquired: false,
        lockId: '',
      });
      expect(await a.renewLock('owned', lock.lockId, { ttlSeconds: 60 })).toBe(true);
      expect(await direct.pttl(`isa:${user}:default-org:l:owned`)).toBeGreaterThan(55_000);
      expect(await a.releaseLock('owned', lock.lockId)).toBe(true);
      expect(await a.releaseLock('owned', lock.lockId)).toBe(false);
      const again = (await b.acquireLock('owned', { waitTimeoutSeconds: 0 }))!;
      expect(again.acquired).toBe(true);
      expect(again.lockId).not.toBe(lock.lockId);
      expect(again.fencingToken).toBeGreaterThan(lock.fencingToken);
      await b.releaseLock('owned', again.lockId);
    });

    it('an expired lock goes to the next owner and the old owner can no longer touch it', async () => {
      const a = client();
      const b = client();
      const first = (await a.acquireLock('expiring', { ttlSeconds: 0.3, waitTimeoutSeconds: 0 }))!;
      expect(first.acquired).toBe(true);
      await sleep(400);
      const second = (await b.acquireLock('expiring', { waitTimeoutSeconds: 0 }))!;
      expect(second.acquired).toBe(true);
      expect(second.fencingToken).toBeGreaterThan(first.fencingToken);
      expect(await a.releaseLock('expiring', first.lockId)).toBe(false);
      expect(await a.renewLock('expiring', first.lockId)).toBe(false);
      expect(await direct.get(`isa:${user}:default-org:l:expiring`)).toBe(second.lockId);
      await b.releaseLock('expiring', second.lockId);
    });

    it('waits for a held lock up to the wait timeout', async () => {
      const a = client();
      const b = client();
      const held = (await a.acquireLock('queue', { waitTimeoutSeconds: 0 }))!;
      const started = Date.now();
      expect(await b.acquireLock('queue', { waitTimeoutSeconds: 0.3 })).toMatchObject({ acquired: false });
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      const waiting = b.acquireLock('queue', { waitTimeoutSeconds: 5 });
      await sleep(200);
      await a.releaseLock('queue', held.lockId);
      const got = (await waiting)!;
      expect(got.acquired).toBe(true);
      expect(Date.now() - started).toBeLessThan(3000);
      await b.releaseLock('queue', got.lockId);
    });

    it('withLock runs the work under the lock and releases it', async () => {
      const a = client();
      const result = await a.withLock('job', async (lock) => {
        expect(await direct.get(`isa:${user}:default-org:l:job`)).toBe(lock.lockId);
        return 'done';
      });
      expect(result).toBe('done');
      expect(await direct.exists(`isa:${user}:default-org:l:job`)).toBe(0);
    });

    it('validates lock arguments', async () => {
      const a = client();
      await expectCode(a.acquireLock('', {}), GrpcStatus.INVALID_ARGUMENT, 'lock_key');
      await expectCode(a.acquireLock('l', { ttlSeconds: 0 }), GrpcStatus.INVALID_ARGUMENT, 'ttl');
      await expectCode(a.acquireLock('l', { ttlSeconds: 90_000 }), GrpcStatus.INVALID_ARGUMENT, 'ttl');
      await expectCode(
        a.acquireLock('l', { waitTimeoutSeconds: 301 }),
        GrpcStatus.INVALID_ARGUMENT,
        'wait_timeout',
      );
      await expectCode(a.releaseLock('l', 'short'), GrpcStatus.INVALID_ARGUMENT, 'lock_id');
      await expectCode(a.renewLock('l', '*'.repeat(22)), GrpcStatus.INVALID_ARGUMENT, 'lock_id');
    });
  });

  describe('sessions', () => {
    it('creates, reads, updates (extending its own TTL), lists and deletes — with an organization', async () => {
      const s = client({ organizationId: 'acme' });
      const id = (await s.createSession({ cart: '3 items', theme: 'dark' }, { ttlSeconds: 4 }))!;
      expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
      const session = (await s.getSession(id))!;
      expect(session).toMatchObject({
        sessionId: id,
        userId: user,
        organizationId: 'acme',
        data: { cart: '3 items', theme: 'dark' },
        ttlSeconds: 4,
      });
      expect(session.createdAt!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(session.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 2000);
      expect(session.lastAccessed).toBeInstanceOf(Date);

      await sleep(1500);
      expect(await s.updateSession(id, { cart: '4 items' }, { removeKeys: ['theme'] })).toBe(true);
      const ttl = await direct.pttl(`isa:${user}:acme:s:${id}`);
      expect(ttl).toBeGreaterThan(3500); // restarted to its own 4 s, not a fixed day
      expect(ttl).toBeLessThanOrEqual(4000);
      expect((await s.getSession(id))!.data).toEqual({ cart: '4 items' });

      await sleep(500);
      expect(await s.updateSession(id, { more: 'x' }, { extendTtl: false })).toBe(true);
      expect(await direct.pttl(`isa:${user}:acme:s:${id}`)).toBeLessThan(3600);

      const listed = (await s.listSessions())!;
      expect(listed.map((l) => l.sessionId)).toContain(id);
      expect(listed.find((l) => l.sessionId === id)!.data).toEqual({ cart: '4 items', more: 'x' });

      expect(await s.deleteSession(id)).toBe(true);
      expect(await s.deleteSession(id)).toBe(false);
      expect(await s.getSession(id)).toBeUndefined();
      expect(await s.updateSession(id, { a: 'b' })).toBe(false);
    });

    it('keeps sessions per tenant, including per organization of the same user', async () => {
      const home = client({ organizationId: 'acme' });
      const otherOrg = client({ organizationId: 'globex' });
      const stranger = client({ userId: uniqueUser('redis') });
      const id = (await home.createSession({ secret: 's' }))!;
      expect(await otherOrg.getSession(id)).toBeUndefined();
      expect(await stranger.getSession(id)).toBeUndefined();
      expect(await stranger.updateSession(id, { secret: 'stolen' })).toBe(false);
      expect(await stranger.deleteSession(id)).toBe(false);
      expect((await stranger.listSessions())!.map((l) => l.sessionId)).not.toContain(id);
      expect((await home.getSession(id))!.data).toEqual({ secret: 's' });
      await home.deleteSession(id);
      await cleanupTenants(direct, [user], 'globex');
    });

    it('expires sessions with their TTL', async () => {
      const s = client();
      const id = (await s.createSession({ a: '1' }, { ttlSeconds: 1 }))!;
      await sleep(1200);
      expect(await s.getSession(id)).toBeUndefined();
    });

    it('lists many sessions across pages', async () => {
      const s = client({ userId: uniqueUser('redis') });
      const ids = await Promise.all(Array.from({ length: 130 }, (_, i) => s.createSession({ i: String(i) })));
      const listed = (await s.listSessions())!;
      expect(new Set(listed.map((l) => l.sessionId))).toEqual(new Set(ids));
      expect(await s.listSessions({ limit: 10 })).toHaveLength(10);
    });

    it('validates session input', async () => {
      const s = client();
      await expectCode(s.getSession('not-an-id'), GrpcStatus.INVALID_ARGUMENT, 'session_id');
      await expectCode(s.getSession('../../etc/passwd0000000'), GrpcStatus.INVALID_ARGUMENT, 'session_id');
      await expectCode(s.createSession({}, { ttlSeconds: 0.5 }), GrpcStatus.INVALID_ARGUMENT, 'ttl');
      await expectCode(s.createSession({ '': 'x' }), GrpcStatus.INVALID_ARGUMENT, 'data');
      const many = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`k${i}`, 'v']));
      await expectCode(s.createSession(many), GrpcStatus.INVALID_ARGUMENT, 'data');
    });
  });
});
