import { redis } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import { type Compiled, compilers } from './commands.js';
import { type RedisDeps, run } from './context.js';
import { ownName, physicalKey, physicalPattern } from './names.js';
import { bulkOrEmpty, count, duration, list, MAX_KEYS, text } from './values.js';

const { KeyType, ListSide } = redis;

type Impl = ServiceImpl<typeof redis.RedisService>;

export const REDIS_TYPE_NAMES: Partial<Record<redis.KeyType, string>> = {
  [KeyType.STRING]: 'string',
  [KeyType.HASH]: 'hash',
  [KeyType.LIST]: 'list',
  [KeyType.SET]: 'set',
  [KeyType.ZSET]: 'zset',
  [KeyType.STREAM]: 'stream',
};

export function keyTypeOf(name: string): redis.KeyType {
  const found = Object.entries(REDIS_TYPE_NAMES).find(([, n]) => n === name);
  return found ? (Number(found[0]) as redis.KeyType) : name === 'none' ? KeyType.UNSPECIFIED : KeyType.OTHER;
}

function typeFilter(type: redis.KeyType): string[] {
  if (type === KeyType.UNSPECIFIED) return [];
  const name = REDIS_TYPE_NAMES[type];
  if (!name)
    throw ServiceError.invalidArgument('type', 'must be one of STRING, HASH, LIST, SET, ZSET, STREAM');
  return ['TYPE', name];
}

function cursorArg(cursor: string, field = 'cursor'): string {
  if (cursor === '') return '0';
  if (!/^\d{1,20}$/.test(cursor))
    throw ServiceError.invalidArgument(field, 'must be a cursor returned by a previous page');
  return cursor;
}

function bounded(value: number, field: string, fallback: number, max: number): number {
  if (value === 0) return fallback;
  if (value < 0 || value > max) throw ServiceError.invalidArgument(field, `must be between 1 and ${max}`);
  return value;
}

/** One SCAN step over the tenant's keys: the caller's names of what it found, and the next cursor. */
async function scanStep(
  deps: RedisDeps,
  tenant: Tenant,
  match: string,
  cursor: string,
  count: number,
  extra: string[] = [],
): Promise<{ names: string[]; cursor: string }> {
  const reply = list(
    await deps.backend().call({ name: 'SCAN', args: [cursor, 'MATCH', match, 'COUNT', count, ...extra] }),
  );
  // SCAN MATCH already keeps to the prefix; checking again costs nothing and guards the boundary.
  const names = list(reply[1])
    .map((k) => ownName(tenant, 'k', text(k)))
    .filter((name): name is string => name !== undefined);
  return { names, cursor: text(reply[0]) };
}

const BLOCKING_TIMEOUT = { minMs: 1, maxMs: 300_000, range: 'between 1 ms and 5 minutes' };

/** Strings, keys, hashes, lists, sets and sorted sets. */
export function createDataHandlers(
  deps: RedisDeps,
): Omit<
  Impl,
  | 'healthCheck'
  | 'acquireLock'
  | 'releaseLock'
  | 'renewLock'
  | 'subscribe'
  | 'unsubscribe'
  | 'executeBatch'
  | 'createSession'
  | 'getSession'
  | 'updateSession'
  | 'deleteSession'
  | 'listSessions'
  | 'getStatistics'
  | 'getKeyInfo'
> {
  const one =
    <Req, R>(compile: (tenant: Tenant, req: Req, at: string) => Compiled<R>) =>
    (req: Req, ctx: CallContext) =>
      run(deps, compile(ctx.tenant, req, ''));

  return {
    set: one(compilers.set),
    get: one(compilers.get),
    getMultiple: one(compilers.getMultiple),
    setMultiple: one(compilers.setMultiple),
    setWithExpiration: one(compilers.setWithExpiration),
    increment: one(compilers.increment),
    decrement: one(compilers.decrement),
    incrementFloat: one(compilers.incrementFloat),
    append: one(compilers.append),
    delete: one(compilers.delete),
    deleteMultiple: one(compilers.deleteMultiple),
    exists: one(compilers.exists),
    expire: one(compilers.expire),
    persist: one(compilers.persist),
    getTTL: one(compilers.getTTL),
    rename: one(compilers.rename),
    hSet: one(compilers.hSet),
    hGet: one(compilers.hGet),
    hGetAll: one(compilers.hGetAll),
    hDelete: one(compilers.hDelete),
    hExists: one(compilers.hExists),
    hKeys: one(compilers.hKeys),
    hValues: one(compilers.hValues),
    hIncrement: one(compilers.hIncrement),
    hLen: one(compilers.hLen),
    lPush: one(compilers.lPush),
    rPush: one(compilers.rPush),
    lPop: one(compilers.lPop),
    rPop: one(compilers.rPop),
    lRange: one(compilers.lRange),
    lLen: one(compilers.lLen),
    lIndex: one(compilers.lIndex),
    lTrim: one(compilers.lTrim),
    sAdd: one(compilers.sAdd),
    sRemove: one(compilers.sRemove),
    sMembers: one(compilers.sMembers),
    sIsMember: one(compilers.sIsMember),
    sCard: one(compilers.sCard),
    sUnion: one(compilers.sUnion),
    sInter: one(compilers.sInter),
    sDiff: one(compilers.sDiff),
    zAdd: one(compilers.zAdd),
    zRemove: one(compilers.zRemove),
    zRange: one(compilers.zRange),
    zRangeByScore: one(compilers.zRangeByScore),
    zRank: one(compilers.zRank),
    zScore: one(compilers.zScore),
    zCard: one(compilers.zCard),
    zIncrement: one(compilers.zIncrement),
    zRemoveRangeByRank: one(compilers.zRemoveRangeByRank),
    publish: one(compilers.publish),

    async listKeys(req, ctx) {
      const tenant = ctx.tenant;
      const limit = bounded(req.limit, 'limit', 100, 10_000);
      const match = physicalPattern(tenant, 'k', req.pattern);
      const type = typeFilter(req.type);
      // Keep scanning until one key more than the limit is seen (so `truncated` is exact) or the scan ends.
      const found = new Set<string>();
      let cursor = '0';
      do {
        ctx.signal.throwIfAborted();
        const step = await scanStep(deps, tenant, match, cursor, Math.max(limit, 100), type);
        for (const name of step.names) found.add(name);
        cursor = step.cursor;
      } while (cursor !== '0' && found.size <= limit);
      const keys = [...found];
      return { keys: keys.slice(0, limit), truncated: keys.length > limit };
    },

    async scanKeys(req, ctx) {
      const tenant = ctx.tenant;
      const step = await scanStep(
        deps,
        tenant,
        physicalPattern(tenant, 'k', req.pattern),
        cursorArg(req.cursor),
        bounded(req.count, 'count', 100, 10_000),
        typeFilter(req.type),
      );
      return { keys: step.names, nextCursor: step.cursor };
    },

    async blockingPop(req, ctx) {
      const tenant = ctx.tenant;
      count(req.keys, 'keys', MAX_KEYS);
      const physical = req.keys.map((k, i) => physicalKey(tenant, k, `keys[${i}]`));
      const ms = duration(req.timeout, 'timeout', BLOCKING_TIMEOUT);
      let name: string;
      if (req.side === ListSide.RIGHT) name = 'BRPOP';
      else if (req.side === ListSide.LEFT || req.side === ListSide.UNSPECIFIED) name = 'BLPOP';
      else throw ServiceError.invalidArgument('side', 'must be LEFT or RIGHT');
      const reply = await deps
        .backend()
        .blocking({ name, args: [...physical, (ms / 1000).toFixed(3)] }, ctx.signal);
      if (reply === null) return { found: false };
      const [listKey, value] = list(reply);
      return {
        found: true,
        key: ownName(tenant, 'k', text(listKey)) ?? '',
        value: bulkOrEmpty(value),
      };
    },
  };
}
