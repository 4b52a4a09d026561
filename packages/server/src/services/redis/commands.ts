import type { DescMessage, MessageInitShape } from '@bufbuild/protobuf';
import { redis } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { RedisArg, RedisCommand } from './backend.js';
import { physicalChannel, physicalKey, validateName } from './names.js';
import {
  bulk,
  bulkOrEmpty,
  bytesArg,
  count,
  delta,
  duration,
  EXPIRATION,
  finite,
  index,
  integer,
  list,
  MAX_ITEMS,
  MAX_KEYS,
  score,
  scoreArg,
  text,
} from './values.js';

const { SetCondition } = redis;

/**
 * One Redis command compiled from a request — physical names, checked arguments — and how to read its
 * reply into the response. The unary RPCs run one each; ExecuteBatch sends many in one round trip, so
 * both go through exactly the same validation and tenancy.
 */
export interface Compiled<R> extends RedisCommand {
  parse(reply: unknown): R;
  /** Rewords Redis's error for this command in the caller's terms (optional). */
  refine?(err: Error): Error;
}

type Init<S extends DescMessage> = MessageInitShape<S>;
type Compiler<Req, S extends DescMessage> = (tenant: Tenant, req: Req, at: string) => Compiled<Init<S>>;

function command<R>(name: string, args: RedisArg[], parse: (reply: unknown) => R): Compiled<R> {
  return { name, args, parse };
}

const key = (tenant: Tenant, name: string, at: string, field = 'key') =>
  physicalKey(tenant, name, `${at}${field}`);

function keys(tenant: Tenant, names: readonly string[], at: string, field = 'keys'): string[] {
  count(names, `${at}${field}`, MAX_KEYS);
  return names.map((n, i) => physicalKey(tenant, n, `${at}${field}[${i}]`));
}

function items(values: readonly Uint8Array[], at: string, field: string): Buffer[] {
  count(values, `${at}${field}`, MAX_ITEMS);
  return values.map(bytesArg);
}

const fieldName = (name: string, at: string, field: string) => validateName(name, `${at}${field}`, 'fields');

const flag = (reply: unknown) => integer(reply) === 1n;
const buffers = (reply: unknown) => list(reply).map(bulkOrEmpty);
const strings = (reply: unknown) => list(reply).map(text);
const optional = (reply: unknown) => {
  const value = bulk(reply);
  return value === undefined ? { found: false } : { found: true, value };
};

/** Alternating member, score replies (WITHSCORES). */
function members(reply: unknown): Array<{ member: Buffer; score: number }> {
  const flat = list(reply);
  const out: Array<{ member: Buffer; score: number }> = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    out.push({ member: bulkOrEmpty(flat[i]), score: score(flat[i + 1]) });
  return out;
}

function setArgs(
  req: { ttl?: redis.SetRequest['ttl']; condition: redis.SetCondition; keepTtl: boolean },
  at: string,
) {
  const args: RedisArg[] = [];
  if (req.ttl !== undefined) {
    if (req.keepTtl) throw ServiceError.invalidArgument(`${at}keep_ttl`, 'cannot be combined with ttl');
    args.push('PX', duration(req.ttl, `${at}ttl`, EXPIRATION));
  } else if (req.keepTtl) {
    args.push('KEEPTTL');
  }
  if (req.condition === SetCondition.IF_NOT_EXISTS) args.push('NX');
  else if (req.condition === SetCondition.IF_EXISTS) args.push('XX');
  else if (req.condition !== SetCondition.UNSPECIFIED) {
    throw ServiceError.invalidArgument(`${at}condition`, 'unknown condition');
  }
  return args;
}

function zaddCondition(condition: redis.SetCondition, at: string): RedisArg[] {
  if (condition === SetCondition.IF_NOT_EXISTS) return ['NX'];
  if (condition === SetCondition.IF_EXISTS) return ['XX'];
  if (condition !== SetCondition.UNSPECIFIED)
    throw ServiceError.invalidArgument(`${at}condition`, 'unknown condition');
  return [];
}

/** Every single-command operation, by the RPC's (and the batch case's) name. */
export const compilers = {
  set: ((t, r, at) =>
    command('SET', [key(t, r.key, at), bytesArg(r.value), ...setArgs(r, at)], (reply) => ({
      applied: reply !== null,
    }))) satisfies Compiler<redis.SetRequest, typeof redis.SetResponseSchema>,

  setWithExpiration: ((t, r, at) =>
    command(
      'SET',
      [key(t, r.key, at), bytesArg(r.value), 'PX', duration(r.expiration, `${at}expiration`, EXPIRATION)],
      () => ({}),
    )) satisfies Compiler<redis.SetWithExpirationRequest, typeof redis.SetWithExpirationResponseSchema>,

  get: ((t, r, at) => command('GET', [key(t, r.key, at)], optional)) satisfies Compiler<
    redis.GetRequest,
    typeof redis.GetResponseSchema
  >,

  getMultiple: ((t, r, at) =>
    command('MGET', keys(t, r.keys, at), (reply) => ({
      values: list(reply).map((v, i) => {
        const value = bulk(v);
        return value === undefined
          ? { key: r.keys[i]!, found: false }
          : { key: r.keys[i]!, found: true, value };
      }),
    }))) satisfies Compiler<redis.GetMultipleRequest, typeof redis.GetMultipleResponseSchema>,

  setMultiple: ((t, r, at) => {
    count(r.values, `${at}values`, MAX_KEYS);
    const args = r.values.flatMap((kv, i) => [key(t, kv.key, at, `values[${i}].key`), bytesArg(kv.value)]);
    return r.onlyIfNoneExist
      ? command('MSETNX', args, (reply) => ({ applied: flag(reply) }))
      : command('MSET', args, () => ({ applied: true }));
  }) satisfies Compiler<redis.SetMultipleRequest, typeof redis.SetMultipleResponseSchema>,

  increment: ((t, r, at) =>
    command('INCRBY', [key(t, r.key, at), delta(r.delta)], (reply) => ({
      value: integer(reply),
    }))) satisfies Compiler<redis.IncrementRequest, typeof redis.IncrementResponseSchema>,

  decrement: ((t, r, at) =>
    command('DECRBY', [key(t, r.key, at), delta(r.delta)], (reply) => ({
      value: integer(reply),
    }))) satisfies Compiler<redis.DecrementRequest, typeof redis.DecrementResponseSchema>,

  incrementFloat: ((t, r, at) =>
    command('INCRBYFLOAT', [key(t, r.key, at), finite(r.delta, `${at}delta`)], (reply) => ({
      value: score(reply),
    }))) satisfies Compiler<redis.IncrementFloatRequest, typeof redis.IncrementFloatResponseSchema>,

  append: ((t, r, at) =>
    command('APPEND', [key(t, r.key, at), bytesArg(r.value)], (reply) => ({
      length: integer(reply),
    }))) satisfies Compiler<redis.AppendRequest, typeof redis.AppendResponseSchema>,

  // UNLINK: same count as DEL, but a big value is freed in the background instead of blocking Redis.
  delete: ((t, r, at) =>
    command('UNLINK', [key(t, r.key, at)], (reply) => ({ deletedCount: integer(reply) }))) satisfies Compiler<
    redis.DeleteRequest,
    typeof redis.DeleteResponseSchema
  >,

  deleteMultiple: ((t, r, at) =>
    command('UNLINK', keys(t, r.keys, at), (reply) => ({ deletedCount: integer(reply) }))) satisfies Compiler<
    redis.DeleteMultipleRequest,
    typeof redis.DeleteMultipleResponseSchema
  >,

  exists: ((t, r, at) =>
    command('EXISTS', [key(t, r.key, at)], (reply) => ({ exists: flag(reply) }))) satisfies Compiler<
    redis.ExistsRequest,
    typeof redis.ExistsResponseSchema
  >,

  expire: ((t, r, at) =>
    command(
      'PEXPIRE',
      [key(t, r.key, at), duration(r.expiration, `${at}expiration`, EXPIRATION)],
      (reply) => ({ applied: flag(reply) }),
    )) satisfies Compiler<redis.ExpireRequest, typeof redis.ExpireResponseSchema>,

  persist: ((t, r, at) =>
    command('PERSIST', [key(t, r.key, at)], (reply) => ({ applied: flag(reply) }))) satisfies Compiler<
    redis.PersistRequest,
    typeof redis.PersistResponseSchema
  >,

  getTTL: ((t, r, at) =>
    command('PTTL', [key(t, r.key, at)], (reply) => {
      const ms = integer(reply);
      // Whole seconds rounded as Redis's own TTL command does; -1/-2 pass through.
      return { ttlMs: ms, ttlSeconds: ms < 0n ? ms : (ms + 500n) / 1000n };
    })) satisfies Compiler<redis.GetTTLRequest, typeof redis.GetTTLResponseSchema>,

  rename: ((t, r, at) => {
    const from = key(t, r.oldKey, at, 'old_key');
    const to = key(t, r.newKey, at, 'new_key');
    const compiled = r.onlyIfNewMissing
      ? command('RENAMENX', [from, to], (reply) => {
          if (!flag(reply)) throw ServiceError.alreadyExists(`key "${r.newKey}"`);
          return {};
        })
      : command('RENAME', [from, to], () => ({}));
    return {
      ...compiled,
      refine: (err: Error) =>
        err instanceof ServiceError && err.code === GrpcStatus.NOT_FOUND
          ? ServiceError.notFound(`key "${r.oldKey}"`)
          : err,
    };
  }) satisfies Compiler<redis.RenameRequest, typeof redis.RenameResponseSchema>,

  hSet: ((t, r, at) => {
    count(r.fields, `${at}fields`, MAX_ITEMS);
    const args = r.fields.flatMap((f, i) => [
      fieldName(f.field, at, `fields[${i}].field`),
      bytesArg(f.value),
    ]);
    return command('HSET', [key(t, r.key, at), ...args], (reply) => ({ addedCount: integer(reply) }));
  }) satisfies Compiler<redis.HSetRequest, typeof redis.HSetResponseSchema>,

  hGet: ((t, r, at) =>
    command('HGET', [key(t, r.key, at), fieldName(r.field, at, 'field')], optional)) satisfies Compiler<
    redis.HGetRequest,
    typeof redis.HGetResponseSchema
  >,

  hGetAll: ((t, r, at) =>
    command('HGETALL', [key(t, r.key, at)], (reply) => {
      const flat = list(reply);
      const fields: Array<{ field: string; value: Buffer }> = [];
      for (let i = 0; i + 1 < flat.length; i += 2)
        fields.push({ field: text(flat[i]), value: bulkOrEmpty(flat[i + 1]) });
      return { fields };
    })) satisfies Compiler<redis.HGetAllRequest, typeof redis.HGetAllResponseSchema>,

  hDelete: ((t, r, at) => {
    count(r.fields, `${at}fields`, MAX_ITEMS);
    const names = r.fields.map((f, i) => fieldName(f, at, `fields[${i}]`));
    return command('HDEL', [key(t, r.key, at), ...names], (reply) => ({ deletedCount: integer(reply) }));
  }) satisfies Compiler<redis.HDeleteRequest, typeof redis.HDeleteResponseSchema>,

  hExists: ((t, r, at) =>
    command('HEXISTS', [key(t, r.key, at), fieldName(r.field, at, 'field')], (reply) => ({
      exists: flag(reply),
    }))) satisfies Compiler<redis.HExistsRequest, typeof redis.HExistsResponseSchema>,

  hKeys: ((t, r, at) =>
    command('HKEYS', [key(t, r.key, at)], (reply) => ({ fields: strings(reply) }))) satisfies Compiler<
    redis.HKeysRequest,
    typeof redis.HKeysResponseSchema
  >,

  hValues: ((t, r, at) =>
    command('HVALS', [key(t, r.key, at)], (reply) => ({ values: buffers(reply) }))) satisfies Compiler<
    redis.HValuesRequest,
    typeof redis.HValuesResponseSchema
  >,

  hIncrement: ((t, r, at) =>
    command('HINCRBY', [key(t, r.key, at), fieldName(r.field, at, 'field'), delta(r.delta)], (reply) => ({
      value: integer(reply),
    }))) satisfies Compiler<redis.HIncrementRequest, typeof redis.HIncrementResponseSchema>,

  hLen: ((t, r, at) =>
    command('HLEN', [key(t, r.key, at)], (reply) => ({ length: integer(reply) }))) satisfies Compiler<
    redis.HLenRequest,
    typeof redis.HLenResponseSchema
  >,

  lPush: ((t, r, at) =>
    command('LPUSH', [key(t, r.key, at), ...items(r.values, at, 'values')], (reply) => ({
      length: integer(reply),
    }))) satisfies Compiler<redis.LPushRequest, typeof redis.LPushResponseSchema>,

  rPush: ((t, r, at) =>
    command('RPUSH', [key(t, r.key, at), ...items(r.values, at, 'values')], (reply) => ({
      length: integer(reply),
    }))) satisfies Compiler<redis.RPushRequest, typeof redis.RPushResponseSchema>,

  lPop: ((t, r, at) => command('LPOP', [key(t, r.key, at)], optional)) satisfies Compiler<
    redis.LPopRequest,
    typeof redis.LPopResponseSchema
  >,

  rPop: ((t, r, at) => command('RPOP', [key(t, r.key, at)], optional)) satisfies Compiler<
    redis.RPopRequest,
    typeof redis.RPopResponseSchema
  >,

  lRange: ((t, r, at) =>
    command('LRANGE', [key(t, r.key, at), index(r.start), index(r.stop)], (reply) => ({
      values: buffers(reply),
    }))) satisfies Compiler<redis.LRangeRequest, typeof redis.LRangeResponseSchema>,

  lLen: ((t, r, at) =>
    command('LLEN', [key(t, r.key, at)], (reply) => ({ length: integer(reply) }))) satisfies Compiler<
    redis.LLenRequest,
    typeof redis.LLenResponseSchema
  >,

  lIndex: ((t, r, at) => command('LINDEX', [key(t, r.key, at), index(r.index)], optional)) satisfies Compiler<
    redis.LIndexRequest,
    typeof redis.LIndexResponseSchema
  >,

  lTrim: ((t, r, at) =>
    command('LTRIM', [key(t, r.key, at), index(r.start), index(r.stop)], () => ({}))) satisfies Compiler<
    redis.LTrimRequest,
    typeof redis.LTrimResponseSchema
  >,

  sAdd: ((t, r, at) =>
    command('SADD', [key(t, r.key, at), ...items(r.members, at, 'members')], (reply) => ({
      addedCount: integer(reply),
    }))) satisfies Compiler<redis.SAddRequest, typeof redis.SAddResponseSchema>,

  sRemove: ((t, r, at) =>
    command('SREM', [key(t, r.key, at), ...items(r.members, at, 'members')], (reply) => ({
      removedCount: integer(reply),
    }))) satisfies Compiler<redis.SRemoveRequest, typeof redis.SRemoveResponseSchema>,

  sMembers: ((t, r, at) =>
    command('SMEMBERS', [key(t, r.key, at)], (reply) => ({ members: buffers(reply) }))) satisfies Compiler<
    redis.SMembersRequest,
    typeof redis.SMembersResponseSchema
  >,

  sIsMember: ((t, r, at) =>
    command('SISMEMBER', [key(t, r.key, at), bytesArg(r.member)], (reply) => ({
      isMember: flag(reply),
    }))) satisfies Compiler<redis.SIsMemberRequest, typeof redis.SIsMemberResponseSchema>,

  sCard: ((t, r, at) =>
    command('SCARD', [key(t, r.key, at)], (reply) => ({ count: integer(reply) }))) satisfies Compiler<
    redis.SCardRequest,
    typeof redis.SCardResponseSchema
  >,

  sUnion: ((t, r, at) =>
    command('SUNION', keys(t, r.keys, at), (reply) => ({ members: buffers(reply) }))) satisfies Compiler<
    redis.SUnionRequest,
    typeof redis.SUnionResponseSchema
  >,

  sInter: ((t, r, at) =>
    command('SINTER', keys(t, r.keys, at), (reply) => ({ members: buffers(reply) }))) satisfies Compiler<
    redis.SInterRequest,
    typeof redis.SInterResponseSchema
  >,

  sDiff: ((t, r, at) =>
    command('SDIFF', keys(t, r.keys, at), (reply) => ({ members: buffers(reply) }))) satisfies Compiler<
    redis.SDiffRequest,
    typeof redis.SDiffResponseSchema
  >,

  zAdd: ((t, r, at) => {
    count(r.members, `${at}members`, MAX_ITEMS);
    const pairs = r.members.flatMap((m, i) => [
      scoreArg(m.score, `${at}members[${i}].score`),
      bytesArg(m.member),
    ]);
    return command('ZADD', [key(t, r.key, at), ...zaddCondition(r.condition, at), ...pairs], (reply) => ({
      addedCount: integer(reply),
    }));
  }) satisfies Compiler<redis.ZAddRequest, typeof redis.ZAddResponseSchema>,

  zRemove: ((t, r, at) =>
    command('ZREM', [key(t, r.key, at), ...items(r.members, at, 'members')], (reply) => ({
      removedCount: integer(reply),
    }))) satisfies Compiler<redis.ZRemoveRequest, typeof redis.ZRemoveResponseSchema>,

  zRange: ((t, r, at) =>
    command(
      r.reverse ? 'ZREVRANGE' : 'ZRANGE',
      [key(t, r.key, at), index(r.start), index(r.stop), 'WITHSCORES'],
      (reply) => ({ members: members(reply) }),
    )) satisfies Compiler<redis.ZRangeRequest, typeof redis.ZRangeResponseSchema>,

  zRangeByScore: ((t, r, at) => {
    const min = scoreArg(r.minScore, `${at}min_score`);
    const max = scoreArg(r.maxScore, `${at}max_score`);
    if (r.minScore > r.maxScore) {
      throw ServiceError.invalidArgument(`${at}min_score`, 'must not be greater than max_score');
    }
    if (r.offset < 0n) throw ServiceError.invalidArgument(`${at}offset`, 'must not be negative');
    const low = r.minExclusive ? `(${min}` : min;
    const high = r.maxExclusive ? `(${max}` : max;
    const limit =
      r.offset > 0n || r.count > 0n
        ? ['LIMIT', r.offset.toString(), (r.count > 0n ? r.count : -1n).toString()]
        : [];
    return r.reverse
      ? command('ZREVRANGEBYSCORE', [key(t, r.key, at), high, low, 'WITHSCORES', ...limit], (reply) => ({
          members: members(reply),
        }))
      : command('ZRANGEBYSCORE', [key(t, r.key, at), low, high, 'WITHSCORES', ...limit], (reply) => ({
          members: members(reply),
        }));
  }) satisfies Compiler<redis.ZRangeByScoreRequest, typeof redis.ZRangeByScoreResponseSchema>,

  zRank: ((t, r, at) =>
    command(r.reverse ? 'ZREVRANK' : 'ZRANK', [key(t, r.key, at), bytesArg(r.member)], (reply) =>
      reply === null ? { found: false } : { found: true, rank: integer(reply) },
    )) satisfies Compiler<redis.ZRankRequest, typeof redis.ZRankResponseSchema>,

  zScore: ((t, r, at) =>
    command('ZSCORE', [key(t, r.key, at), bytesArg(r.member)], (reply) =>
      reply === null ? { found: false } : { found: true, score: score(reply) },
    )) satisfies Compiler<redis.ZScoreRequest, typeof redis.ZScoreResponseSchema>,

  zCard: ((t, r, at) =>
    command('ZCARD', [key(t, r.key, at)], (reply) => ({ count: integer(reply) }))) satisfies Compiler<
    redis.ZCardRequest,
    typeof redis.ZCardResponseSchema
  >,

  zIncrement: ((t, r, at) =>
    command('ZINCRBY', [key(t, r.key, at), finite(r.delta, `${at}delta`), bytesArg(r.member)], (reply) => ({
      score: score(reply),
    }))) satisfies Compiler<redis.ZIncrementRequest, typeof redis.ZIncrementResponseSchema>,

  zRemoveRangeByRank: ((t, r, at) =>
    command('ZREMRANGEBYRANK', [key(t, r.key, at), index(r.start), index(r.stop)], (reply) => ({
      removedCount: integer(reply),
    }))) satisfies Compiler<redis.ZRemoveRangeByRankRequest, typeof redis.ZRemoveRangeByRankResponseSchema>,

  publish: ((t, r, at) =>
    command('PUBLISH', [physicalChannel(t, r.channel, `${at}channel`), bytesArg(r.message)], (reply) => ({
      subscriberCount: integer(reply),
    }))) satisfies Compiler<redis.PublishRequest, typeof redis.PublishResponseSchema>,
};

export type CompiledOperation = keyof typeof compilers;
