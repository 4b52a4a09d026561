import { redis } from '@isa-cloud/api';
import { z } from 'zod';
import { positiveInt, readConfig } from '../../platform/config.js';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import { defineService } from '../../platform/service-module.js';
import type { RedisBackend } from './backend.js';
import { IoRedisBackend, redactUrl } from './backend-ioredis.js';
import { createRedisHandlers } from './handlers.js';
import { ManagedRedisServer } from './managed-server.js';
import { SubscriptionRegistry } from './subscriptions.js';

export const redisConfigSchema = z.object({
  /** redis://[:password@]host:port[/db] or rediss:// (TLS); when unset the service runs its own redis-server. */
  REDIS_URL: z
    .string()
    .refine((v) => /^rediss?:\/\/[^\s]+$/.test(v), {
      message: 'expected redis://[user:password@]host:port[/db] or rediss://...',
    })
    .optional(),
  /** The binary run when REDIS_URL is unset: a name on PATH or a path. */
  REDIS_SERVER_BIN: z.string().default('redis-server'),
  /** A command without an answer after this long fails with UNAVAILABLE (blocking pops excepted). */
  REDIS_COMMAND_TIMEOUT_MS: positiveInt(5000),
  /** How long start-up waits for the first connection before serving (and reporting NOT_SERVING). */
  REDIS_CONNECT_WAIT_MS: positiveInt(5000),
  /** Subscribe streams (one Redis connection each) open at once on this instance. */
  REDIS_MAX_SUBSCRIPTIONS: positiveInt(1000),
  /** Messages a subscription may hold for a slow reader before it is ended with RESOURCE_EXHAUSTED. */
  REDIS_SUBSCRIBE_BUFFER: positiveInt(10_000),
  /** Blocking pops waiting at once on this instance (each holds a Redis connection while it waits). */
  REDIS_MAX_BLOCKING: positiveInt(100),
});

const INSTALL_HINT =
  'install redis-server (Debian: apt-get install redis-server) or set REDIS_URL to a running Redis (redis://host:6379)';

export const redisModule = defineService({
  name: 'redis',
  descriptor: redis.RedisService,
  async create(ctx) {
    const config = readConfig(redisConfigSchema, ctx.env);
    let backend: IoRedisBackend | undefined;
    let managed: ManagedRedisServer | undefined;
    let missing = '';
    const connection = {
      logger: ctx.logger,
      commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
      maxBlocking: config.REDIS_MAX_BLOCKING,
      maxSubscribers: config.REDIS_MAX_SUBSCRIPTIONS,
    };

    if (config.REDIS_URL) {
      backend = new IoRedisBackend({ ...connection, url: config.REDIS_URL, kind: 'external' });
    } else {
      const binary = ManagedRedisServer.locate(config.REDIS_SERVER_BIN);
      if (!binary) {
        missing = `REDIS_URL is not set and ${config.REDIS_SERVER_BIN} is not installed: ${INSTALL_HINT}`;
      } else {
        try {
          managed = await ManagedRedisServer.start(binary, ctx.dataDir, ctx.logger);
          backend = new IoRedisBackend({ ...connection, url: managed.url, kind: 'managed' });
        } catch (err) {
          missing = `cannot start ${binary}: ${(err as Error).message}; ${INSTALL_HINT}`;
        }
      }
    }
    // Serve once Redis is there; a Redis that is down does not hold up start-up for longer.
    if (backend && !(await backend.ready(config.REDIS_CONNECT_WAIT_MS))) {
      ctx.logger.warn(
        { url: config.REDIS_URL ? redactUrl(config.REDIS_URL) : 'managed' },
        'Redis not reachable yet; connecting in the background',
      );
    }
    if (missing) ctx.logger.error({ reason: missing }, 'Redis is not available');
    else ctx.logger.info({ backend: managed ? 'managed' : 'external' }, 'Redis backend selected');

    const handlers = createRedisHandlers({
      backend(): RedisBackend {
        if (!backend) throw ServiceError.unavailable(missing);
        return backend;
      },
      missing,
      mode: config.REDIS_URL ? 'external' : 'managed',
      subscriptions: new SubscriptionRegistry(),
      subscribeBuffer: config.REDIS_SUBSCRIBE_BUFFER,
    });

    return {
      impl: handlers,
      async probe(): Promise<ProbeResult> {
        if (!backend) return { healthy: false, message: missing };
        if (managed) {
          try {
            await managed.ensureRunning();
          } catch (err) {
            return {
              healthy: false,
              message: `managed redis-server does not start: ${(err as Error).message}`,
            };
          }
        }
        return backend.health();
      },
      async close() {
        await backend?.close();
        await managed?.stop();
      },
    };
  },
});
