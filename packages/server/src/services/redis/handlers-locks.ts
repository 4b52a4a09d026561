import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { timestampFromMs } from '@bufbuild/protobuf/wkt';
import type { redis } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { RedisDeps } from './context.js';
import { lockKeys, validateRandomId } from './names.js';
import { ACQUIRE_LOCK, RELEASE_LOCK, RENEW_LOCK } from './scripts.js';
import { duration, integer } from './values.js';

type Impl = ServiceImpl<typeof redis.RedisService>;

const LOCK_TTL = { fallbackMs: 10_000, minMs: 1, maxMs: 24 * 3600_000, range: 'between 1 ms and 24 h' };
const LOCK_WAIT = { fallbackMs: 0, minMs: 0, maxMs: 300_000, range: 'between 0 and 5 minutes' };
/** Retry delays while waiting for a lock: short at first, then capped (with jitter against herds). */
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

function notOwner(name: string): ServiceError {
  return ServiceError.failedPrecondition(
    `lock "${name}" is not held by this lock_id (it expired, was released, or another owner holds it)`,
  );
}

/**
 * Distributed locks: SET NX PX with a random 128-bit owner token, and a fencing counter incremented in
 * the same script, so every acquisition gets a strictly larger token. Release and renew compare the
 * token inside a script, so only the owner can end or extend a lock, even when it expires in between.
 */
export function createLockHandlers(deps: RedisDeps): Pick<Impl, 'acquireLock' | 'releaseLock' | 'renewLock'> {
  return {
    async acquireLock(req, ctx) {
      const { lock, fence } = lockKeys(ctx.tenant, req.lockKey);
      const ttl = duration(req.ttl, 'ttl', LOCK_TTL);
      const wait = duration(req.waitTimeout, 'wait_timeout', LOCK_WAIT);
      const token = randomBytes(16).toString('base64url');
      const giveUpAt = Date.now() + wait;
      let delay = FIRST_RETRY_MS;
      for (;;) {
        const fencingToken = integer(await deps.backend().script(ACQUIRE_LOCK, [lock, fence], [token, ttl]));
        if (fencingToken > 0n) {
          return {
            acquired: true,
            lockId: token,
            fencingToken,
            expiresAt: timestampFromMs(Date.now() + ttl),
          };
        }
        const remaining = giveUpAt - Date.now();
        if (remaining <= 0) return { acquired: false };
        await sleep(Math.min(remaining, delay * (0.5 + Math.random())), undefined, { signal: ctx.signal });
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    },

    async releaseLock(req, ctx) {
      const { lock } = lockKeys(ctx.tenant, req.lockKey);
      validateRandomId(req.lockId, 'lock_id', 'lock id');
      const released = integer(await deps.backend().script(RELEASE_LOCK, [lock], [req.lockId]));
      if (released !== 1n) throw notOwner(req.lockKey);
      return {};
    },

    async renewLock(req, ctx) {
      const { lock } = lockKeys(ctx.tenant, req.lockKey);
      validateRandomId(req.lockId, 'lock_id', 'lock id');
      const ttl = duration(req.ttl, 'ttl', LOCK_TTL);
      const renewed = integer(await deps.backend().script(RENEW_LOCK, [lock], [req.lockId, ttl]));
      if (renewed !== 1n) throw notOwner(req.lockKey);
      return { expiresAt: timestampFromMs(Date.now() + ttl) };
    },
  };
}
