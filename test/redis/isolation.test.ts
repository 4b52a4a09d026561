import { GrpcStatus, type RedisClient } from '@isa-cloud/sdk';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStack, uniqueUser } from '../support/stack.js';
import { cleanupTenants, directRedis, expectCode, physicalKeys, startRedisStack, take } from './support.js';

/**
 * Mallory tries to reach Alice's keys, channels, locks and sessions through every kind of RPC and with
 * crafted names and patterns; every attempt must stay inside Mallory's own namespace or be refused.
 */
describe('redis tenant isolation', () => {
  let stack: TestStack;
  let direct: Redis;
  let alice: RedisClient;
  let mallory: RedisClient;
  const aliceId = uniqueUser('alice');
  const malloryId = uniqueUser('mallory');
  const alicePrefix = `isa:${aliceId}:default-org:k:`;
  const extraUsers: Array<[string, string]> = [];

  beforeAll(async () => {
    stack = await startRedisStack();
    direct = directRedis();
    alice = stack.client('redis', { userId: aliceId, throwOnError: true });
    mallory = stack.client('redis', { userId: malloryId, throwOnError: true });
    await alice.set('secret', 'alice-only');
    await alice.hset('profile', { ssn: '123' });
    await alice.sadd('friends', ['bob']);
    await alice.zadd('scores', { alice: 1 });
    await alice.rpush('inbox', ['hi']);
  });
  afterAll(async () => {
    await cleanupTenants(direct, [aliceId, malloryId]);
    for (const [user, org] of extraUsers) await cleanupTenants(direct, [user], org);
    direct?.disconnect();
    await stack?.stop();
  });

  const aliceUntouched = async () => {
    expect(await direct.get(`${alicePrefix}secret`)).toBe('alice-only');
    expect(await alice.get('secret')).toBe('alice-only');
    expect(await alice.hgetall('profile')).toEqual({ ssn: '123' });
  };

  it('gives each tenant its own value for the same key name', async () => {
    expect(await mallory.get('secret')).toBeUndefined();
    await mallory.set('secret', 'mallory');
    expect(await mallory.get('secret')).toBe('mallory');
    await aliceUntouched();
    expect(await mallory.hgetall('profile')).toEqual({});
    expect(await mallory.smembers('friends')).toEqual([]);
    expect(await mallory.lrange('inbox')).toEqual([]);
    expect(await mallory.exists('scores')).toBe(false);
    await mallory.delete('secret');
  });

  it('keeps crafted key names (separators, paths, physical names, globs) inside the own namespace', async () => {
    const crafted = [
      `isa:${aliceId}:default-org:k:secret`,
      `../${aliceId}/secret`,
      `:${aliceId}:default-org:k:secret`,
      `${aliceId}:default-org:k:secret`,
      '*',
      '?ecret',
      '[s]ecret',
      'secret\\',
      'k:secret',
    ];
    for (const key of crafted) {
      expect(await mallory.get(key)).toBeUndefined();
      await mallory.set(key, 'overwrite?');
      expect(await mallory.getKeyInfo(key)).toMatchObject({ exists: true, type: 'string' });
    }
    await aliceUntouched();
    // Every crafted key landed, literally, under Mallory's prefix.
    const mine = await physicalKeys(direct, malloryId);
    expect(mine.sort()).toEqual(crafted.map((k) => `isa:${malloryId}:default-org:k:${k}`).sort());
    // Glob characters in keys are literal: deleting "*" deletes that one key, not all.
    expect(await mallory.delete('*')).toBe(true);
    expect(await mallory.exists('?ecret')).toBe(true);
    await mallory.deleteMultiple(crafted);
    expect(await physicalKeys(direct, malloryId)).toEqual([]);
  });

  it('never lets a pattern or SCAN reach another tenant', async () => {
    await mallory.set('own', 'v');
    const patterns = [
      '*',
      '**',
      '?*',
      '[a-z]*',
      '[^a]*',
      '\\*',
      '*:*',
      '*secret*',
      'isa:*',
      `isa:${aliceId}:*`,
      `*${aliceId}*`,
      '../*',
      '[',
      '\\',
    ];
    for (const pattern of patterns) {
      const keys = (await mallory.listKeys(pattern, { limit: 10_000 }))!;
      expect(keys.filter((k) => k !== 'own')).toEqual([]);
      const page = (await mallory.scanKeys({ pattern, count: 10_000 }))!;
      expect(page.keys.filter((k) => k !== 'own')).toEqual([]);
    }
    expect(await mallory.listKeys('*')).toEqual(['own']);
    expect((await alice.listKeys('*'))!.sort()).toEqual(['friends', 'inbox', 'profile', 'scores', 'secret']);
    await mallory.delete('own');
  });

  it('keeps multi-key commands, renames and batches inside the namespace', async () => {
    await mallory.sadd('mine', ['x']);
    expect(await mallory.sunion(['mine', 'friends', `${alicePrefix}friends`])).toEqual(['x']);
    expect(await mallory.mget(['secret', `${alicePrefix}secret`])).toEqual({});
    await expectCode(mallory.rename(`${alicePrefix}secret`, 'stolen'), GrpcStatus.NOT_FOUND);
    await mallory.set('bait', 'v');
    await mallory.rename('bait', `../../${alicePrefix}secret`);
    await aliceUntouched();
    const batch = (await mallory.executeBatch([
      { op: 'get', key: `${alicePrefix}secret` },
      { op: 'delete', key: 'secret' },
      { op: 'hgetall', key: 'profile' },
    ]))!;
    expect(batch.results).toEqual([
      { ok: true, value: undefined },
      { ok: true, value: false },
      { ok: true, value: {} },
    ]);
    await aliceUntouched();
    const stats = (await mallory.getStatistics())!;
    expect(stats.totalKeys).toBe(2);
    expect(await mallory.deleteMultiple(['mine', `../../${alicePrefix}secret`])).toBe(2);
  });

  it('keeps locks per tenant: the same name is a different lock, and lock ids do not cross', async () => {
    const held = (await alice.acquireLock('deploy', { waitTimeoutSeconds: 0, ttlSeconds: 30 }))!;
    const other = (await mallory.acquireLock('deploy', { waitTimeoutSeconds: 0 }))!;
    expect(other.acquired).toBe(true);
    expect(await mallory.releaseLock('deploy', held.lockId)).toBe(false);
    expect(await direct.get(`isa:${aliceId}:default-org:l:deploy`)).toBe(held.lockId);
    expect(await mallory.releaseLock('deploy', other.lockId)).toBe(true);
    expect(await alice.releaseLock('deploy', held.lockId)).toBe(true);
  });

  it('keeps channels per tenant, for exact and pattern subscriptions', async () => {
    const aliceAll = (await alice.psubscribe(['*', '[a-z]*', '?*']))!;
    const malloryAll = (await mallory.psubscribe(['*', `isa:${aliceId}:*`]))!;
    // Redis counts one delivery per matching pattern: Mallory's "*" only, then Alice's three.
    expect(await mallory.publish('alerts', 'from mallory')).toBe(1);
    expect(await alice.publish('alerts', 'from alice')).toBe(3);
    const fromAlice = await take(aliceAll, 3);
    expect(fromAlice.map((x) => x.message)).toEqual(['from alice', 'from alice', 'from alice']);
    expect(fromAlice.map((x) => x.pattern).sort()).toEqual(['*', '?*', '[a-z]*']);
    const [m] = await take(malloryAll, 1);
    expect(m).toMatchObject({ channel: 'alerts', message: 'from mallory', pattern: '*' });
    // Mallory cannot end Alice's subscription by its id.
    await expectCode(mallory.unsubscribe({ subscriptionId: aliceAll.id }), GrpcStatus.NOT_FOUND);
    expect(await mallory.unsubscribe([], { patterns: ['*'] })).toEqual({ removedCount: 1, endedCount: 0 });
    expect(await mallory.publish('alerts', 'nobody')).toBe(0);
    expect(await alice.publish('alerts', 'still there')).toBe(3);
    expect((await take(aliceAll, 1))[0]!.message).toBe('still there');
    aliceAll.close();
    malloryAll.close();
  });

  it('keeps sessions per tenant', async () => {
    const id = (await alice.createSession({ role: 'admin' }))!;
    expect(await mallory.getSession(id)).toBeUndefined();
    expect(await mallory.updateSession(id, { role: 'mallory' })).toBe(false);
    expect(await mallory.deleteSession(id)).toBe(false);
    expect(await mallory.listSessions()).toEqual([]);
    expect((await alice.getSession(id))!.data).toEqual({ role: 'admin' });
  });

  it('separates organizations and tenants whose ids look alike', async () => {
    const base = uniqueUser('p');
    const pairs: Array<[string, string]> = [
      [base, 'q-r'],
      [`${base}-q`, 'r'],
      [`${base}_q`, 'r'],
      [base, 'q'],
    ];
    extraUsers.push(...pairs);
    const clients = pairs.map(([userId, organizationId]) =>
      stack.client('redis', { userId, organizationId, throwOnError: true }),
    );
    await Promise.all(clients.map((c, i) => c.set('k', `tenant-${i}`)));
    for (const [i, c] of clients.entries()) {
      expect(await c.get('k')).toBe(`tenant-${i}`);
      expect(await c.listKeys('*')).toEqual(['k']);
    }
  });

  it('refuses tenant ids that could reach into another prefix', async () => {
    for (const userId of [`${aliceId}:default-org:k`, '*', 'a?b', 'a[b]', '_health', 'has space']) {
      const evil = stack.client('redis', { userId, throwOnError: true });
      await expectCode(evil.get('secret'), GrpcStatus.INVALID_ARGUMENT, 'user_id');
    }
    const evilOrg = stack.client('redis', {
      userId: malloryId,
      organizationId: 'default-org:k:x',
      throwOnError: true,
    });
    await expectCode(evilOrg.get('secret'), GrpcStatus.INVALID_ARGUMENT, 'organization_id');
    const anonymous = stack.client('redis', { throwOnError: true });
    await expect(anonymous.get('secret')).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    await aliceUntouched();
  });
});
