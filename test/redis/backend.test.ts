import { readFile, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { checkServing, GrpcStatus, getClient, type RedisClient } from '@isa-cloud/sdk';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PlatformHost } from '../../packages/server/src/platform/host.js';
import { createLogger } from '../../packages/server/src/platform/logger.js';
import { findBinary, freePort, ManagedProcess } from '../../packages/server/src/platform/managed-process.js';
import { redisModule } from '../../packages/server/src/services/redis/index.js';
import { scratchDir, startStack, type TestStack, uniqueUser } from '../support/stack.js';
import {
  cleanupTenants,
  directRedis,
  eventually,
  expectCode,
  startRedisStack,
  take,
  tenantClient,
} from './support.js';

const REDIS_SERVER = findBinary('redis-server');

/** A redis-server of this test's own on a free port (AOF on, so data survives a restart). */
async function privateRedis(): Promise<{ server: ManagedProcess; url: string }> {
  const port = await freePort();
  const dir = await scratchDir('redis-private');
  const server = new ManagedProcess({
    name: 'redis-private',
    binary: REDIS_SERVER!,
    args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', dir],
    port,
  });
  await server.start();
  return { server, url: `redis://127.0.0.1:${port}` };
}

describe('redis backend', () => {
  describe('on the machine’s Redis', () => {
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

    it('reports health from the server itself, with a deep check', async () => {
      const health = (await r.healthCheck({ deepCheck: true }))!;
      const info = await direct.info('server');
      expect(health).toMatchObject({
        healthy: true,
        status: 'SERVING',
        redisStatus: 'ready',
        backend: 'external',
        message: '',
      });
      expect(health.redisVersion).toBe(/redis_version:(\S+)/.exec(info)![1]);
      expect(health.redisMode).toBe('standalone');
      expect(health.connectedClients).toBeGreaterThan(0);
      expect(health.usedMemoryBytes).toBeGreaterThan(0);
      expect(health.uptimeSeconds).toBeGreaterThan(0);
      expect(health.latencyMs).toBeGreaterThan(0);
      // The health check needs no tenant, and its probe key is gone afterwards.
      const anonymous = stack.client('redis', { throwOnError: true });
      expect((await anonymous.healthCheck())!.healthy).toBe(true);
      const probes: string[] = [];
      let cursor = '0';
      do {
        const [next, keys] = await direct.scan(cursor, 'MATCH', 'isa:_health:*', 'COUNT', 1000);
        probes.push(...keys);
        cursor = next;
      } while (cursor !== '0');
      expect(probes).toEqual([]);
      expect(await checkServing('127.0.0.1', stack.port('redis'), 'isa.redis.v1.RedisService')).toBe(
        'SERVING',
      );
    });

    it('counts the tenant’s own keys, sessions and locks; server figures come from INFO', async () => {
      await r.mset({ s1: 'a', s2: 'b' });
      await r.hset('h', 'f', 'v');
      await r.rpush('l', 'x');
      await r.createSession({ a: 'b' });
      await r.acquireLock('lk', { waitTimeoutSeconds: 0 });
      await r.get('s1');
      const stats = (await r.getStatistics())!;
      expect(stats).toMatchObject({
        totalKeys: 4,
        keyTypeDistribution: { string: 2, hash: 1, list: 1 },
        sessionCount: 1,
        lockCount: 1,
      });
      expect(stats.tenantMemoryBytes).toBeGreaterThan(0);
      expect(stats.memoryUsedBytes).toBeGreaterThan(stats.tenantMemoryBytes);
      expect(stats.commandsProcessed).toBeGreaterThan(0);
      expect(stats.connectionsReceived).toBeGreaterThan(0);
      expect(stats.keyspaceHits).toBeGreaterThan(0);
      expect(stats.hitRate).toBeGreaterThan(0);
      expect(stats.hitRate).toBeLessThanOrEqual(1);
      expect(stats.redisVersion).toMatch(/^\d+\.\d+/);
      const fresh = (await tenantClient(stack).getStatistics())!;
      expect(fresh).toMatchObject({ totalKeys: 0, keyTypeDistribution: {}, sessionCount: 0, lockCount: 0 });
    });
  });

  describe('with small limits', () => {
    let stack: TestStack;
    let r: RedisClient;

    beforeAll(async () => {
      stack = await startRedisStack({
        REDIS_SUBSCRIBE_BUFFER: '10',
        REDIS_MAX_SUBSCRIPTIONS: '2',
        REDIS_MAX_BLOCKING: '1',
      });
      r = tenantClient(stack);
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('ends a subscription whose reader falls behind, instead of dropping messages or growing memory', async () => {
      const sub = (await r.subscribe('flood'))!;
      const big = 'x'.repeat(64 * 1024);
      const published = await r.executeBatch(
        Array.from({ length: 60 }, () => ({ op: 'publish' as const, channel: 'flood', message: big })),
      );
      expect(published!.errorCount).toBe(0);
      await new Promise((done) => setTimeout(done, 500));
      let received = 0;
      await expect(
        (async () => {
          for await (const _ of sub) received++;
        })(),
      ).rejects.toMatchObject({
        code: GrpcStatus.RESOURCE_EXHAUSTED,
        details: expect.stringMatching(/REDIS_SUBSCRIBE_BUFFER/),
      });
      expect(received).toBeLessThan(60);
    });

    it('refuses subscriptions and blocking pops beyond the instance limits', async () => {
      const a = (await r.subscribe('one'))!;
      const b = (await r.subscribe('two'))!;
      await expectCode(r.subscribe('three'), GrpcStatus.RESOURCE_EXHAUSTED);
      a.close();
      const opened: Array<{ close(): void }> = [];
      await eventually(
        async () => {
          const third = await r.subscribe('three').catch(() => null);
          if (third) opened.push(third);
          return third !== null;
        },
        5000,
        'slot freed',
      );
      for (const s of [b, ...opened]) s.close();

      const waiting = r.blpop('limit:q', 2);
      await new Promise((done) => setTimeout(done, 200));
      await expectCode(r.blpop('limit:q2', 1), GrpcStatus.RESOURCE_EXHAUSTED);
      expect(await waiting).toBeUndefined();
    });
  });

  describe('with a private Redis that restarts', () => {
    let redis: Awaited<ReturnType<typeof privateRedis>>;
    let stack: TestStack;

    beforeAll(async () => {
      redis = await privateRedis();
      stack = await startStack(['redis'], { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: '2000' });
    });
    afterAll(async () => {
      await stack?.stop();
      await redis?.server.stop();
    });

    it('fails fast with UNAVAILABLE while Redis is down, and recovers on its own when it is back', async () => {
      const user = uniqueUser('redis');
      const r = stack.client('redis', { userId: user, throwOnError: true, enableRetry: false });
      await r.set('survives', 'the restart');
      const sub = (await r.subscribe('events'))!;
      expect(await r.publish('events', 'before')).toBe(1);
      expect((await take(sub, 1))[0]!.message).toBe('before');

      await redis.server.stop();
      const started = Date.now();
      await expectCode(r.get('survives'), GrpcStatus.UNAVAILABLE);
      await expectCode(r.set('during', 'outage'), GrpcStatus.UNAVAILABLE);
      expect(Date.now() - started).toBeLessThan(5000);
      await eventually(async () => !(await r.healthCheck())!.healthy, 5000, 'health NOT_SERVING');
      expect((await r.healthCheck())!.message).toMatch(/not reachable/);
      await eventually(
        async () =>
          (await checkServing('127.0.0.1', stack.port('redis'), 'isa.redis.v1.RedisService')) ===
          'NOT_SERVING',
        5000,
        'grpc.health NOT_SERVING',
      );

      await redis.server.start();
      await eventually(
        async () => (await r.get('survives').catch(() => null)) === 'the restart',
        10_000,
        'reconnect',
      );
      expect((await r.healthCheck())!).toMatchObject({ healthy: true, redisStatus: 'ready' });
      // The subscription came back by itself (messages published during the outage are lost, as in Redis).
      await eventually(async () => (await r.publish('events', 'after')) === 1, 10_000, 'resubscribed');
      expect((await take(sub, 1))[0]!.message).toBe('after');
      sub.close();
    });

    it('never writes a value into the logs, even when a write fails', async () => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      });
      const host = await PlatformHost.start({
        modules: [redisModule],
        logger: createLogger('trace', sink),
        env: {
          ISA_HTTP_PORT: '0',
          ISA_REDIS_PORT: '0',
          ISA_DATA_DIR: await scratchDir('redis-logs'),
          ISA_HEALTH_INTERVAL_MS: '500',
          REDIS_URL: redis.url,
        },
      });
      const secret = `s3cr3t-${uniqueUser()}`;
      const r = getClient('redis', {
        host: '127.0.0.1',
        port: host.endpoint('redis').port,
        userId: uniqueUser('redis'),
        throwOnError: true,
        enableRetry: false,
      });
      try {
        await r.set('token', secret);
        await expectCode(r.incr('token'), GrpcStatus.FAILED_PRECONDITION);
        await r.executeBatch([
          { op: 'set', key: 'batch', value: secret },
          { op: 'lpush', key: 'token', values: [secret] },
        ]);
        await r.createSession({ password: secret });
        await redis.server.stop();
        await expectCode(r.set('token', secret), GrpcStatus.UNAVAILABLE);
        await expectCode(r.hset('h', 'f', secret), GrpcStatus.UNAVAILABLE);
      } finally {
        await redis.server.start();
        await r.close();
        await host.stop();
      }
      expect(lines.length).toBeGreaterThan(5);
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    });
  });

  describe('managed redis-server (no REDIS_URL)', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startStack(['redis']);
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('starts its own password-protected redis-server and serves from it', async () => {
      const r = stack.client('redis', { userId: uniqueUser('redis'), throwOnError: true });
      expect(await r.set('k', 'v')).toBe(true);
      expect(await r.get('k')).toBe('v');
      expect(await r.healthCheck()).toMatchObject({ healthy: true, backend: 'managed' });

      const configFile = join(stack.dataDir, 'redis', 'redis.conf');
      expect((await stat(configFile)).mode & 0o077).toBe(0);
      const config = await readFile(configFile, 'utf8');
      const port = Number(/^port (\d+)$/m.exec(config)![1]);
      const password = /^requirepass (\S+)$/m.exec(config)![1]!;
      // Without the password, Redis refuses everything (a raw RESP request, no client library in between).
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write('GET anything\r\n'));
        socket.once('data', (data) => {
          resolve(String(data));
          socket.destroy();
        });
        socket.once('error', reject);
      });
      expect(reply).toMatch(/^-NOAUTH/);

      // A crash of the managed server: the health probe starts it again on the same port.
      const admin = new Redis({ port, password, maxRetriesPerRequest: 0, retryStrategy: () => null });
      admin.on('error', () => undefined);
      const pid = Number(/process_id:(\d+)/.exec(await admin.info('server'))![1]);
      admin.disconnect();
      process.kill(pid, 'SIGKILL');
      await eventually(
        async () => (await r.set('after-crash', 'ok').catch(() => null)) === true,
        15_000,
        'restarted',
      );
      expect(await r.get('after-crash')).toBe('ok');
    });
  });

  describe('without REDIS_URL and without redis-server', () => {
    let stack: TestStack;

    beforeAll(async () => {
      stack = await startStack(['redis'], { REDIS_SERVER_BIN: '/nonexistent/redis-server' });
    });
    afterAll(async () => {
      await stack?.stop();
    });

    it('is NOT_SERVING and says what to install or set', async () => {
      const r = stack.client('redis', {
        userId: uniqueUser('redis'),
        throwOnError: true,
        enableRetry: false,
      });
      const health = (await r.healthCheck())!;
      expect(health).toMatchObject({ healthy: false, status: 'NOT_SERVING', redisStatus: 'absent' });
      expect(health.message).toMatch(/install redis-server/);
      expect(health.message).toMatch(/REDIS_URL/);
      await expect(r.get('k')).rejects.toMatchObject({
        code: GrpcStatus.UNAVAILABLE,
        details: expect.stringMatching(/install redis-server.*REDIS_URL/),
      });
      expect(await checkServing('127.0.0.1', stack.port('redis'), 'isa.redis.v1.RedisService')).toBe(
        'NOT_SERVING',
      );
    });
  });
});
