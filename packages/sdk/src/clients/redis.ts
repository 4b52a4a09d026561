import type { DescMessage, DescMethod, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import {
  type Duration,
  durationFromMs,
  durationMs,
  MethodOptions_IdempotencyLevel,
  type Timestamp,
  timestampDate,
} from '@bufbuild/protobuf/wkt';
import { redis, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { GrpcStatus, IsaCloudError } from '../errors.js';
import { LiveStream } from '../live-stream.js';

const { RedisService, SetCondition, KeyType, ListSide } = redis;
const rpc = RedisService.method;

/** A value to store: a string (stored as UTF-8) or bytes. */
export type RedisValue = string | Uint8Array;

/** Redis's kinds of value; "none" for a key that does not exist. */
export type RedisKeyType = 'string' | 'hash' | 'list' | 'set' | 'zset' | 'stream' | 'other' | 'none';

export interface RedisHealth {
  healthy: boolean;
  status: string;
  /** The service's connection to Redis: "ready", "connecting", "reconnecting", "end" or "absent". */
  redisStatus: string;
  /** "external" (REDIS_URL) or "managed" (a redis-server run by the service). */
  backend: string;
  message: string;
  redisVersion: string;
  redisMode: string;
  connectedClients: number;
  usedMemoryBytes: number;
  uptimeSeconds: number;
  latencyMs: number;
  checkedAt: Date | undefined;
}

export interface RedisScoredMember {
  member: string;
  score: number;
}

export interface RedisKeyInfo {
  exists: boolean;
  type: RedisKeyType;
  /** -2: no such key; -1: no expiration. */
  ttlSeconds: number;
  ttlMs: number;
  /** Bytes the key takes in Redis (MEMORY USAGE). */
  sizeBytes: number;
  /** String bytes, or elements of a hash/list/set/sorted set/stream. */
  length: number;
  encoding: string;
  /** Seconds since the last access; -1 when Redis does not track it (LFU eviction). */
  idleSeconds: number;
  lastAccessed: Date | undefined;
}

export interface RedisKeyPage {
  keys: string[];
  /** Pass it as `cursor` for the next page; "0" when the scan is complete. */
  cursor: string;
}

export interface RedisLock {
  /** False when another owner held the lock for the whole wait (then lockId is ""). */
  acquired: boolean;
  /** Your proof of ownership: releaseLock and renewLock need it. */
  lockId: string;
  /** Strictly larger for every acquisition of this lock: let resources refuse older tokens. */
  fencingToken: number;
  expiresAt: Date | undefined;
}

export interface RedisMessage {
  /** Your channel name. */
  channel: string;
  /** The pattern that matched ("" for a channel subscription). */
  pattern: string;
  /** The payload as UTF-8 text. */
  message: string;
  data: Buffer;
  receivedAt: Date | undefined;
  sequence: number;
}

export interface RedisSession {
  sessionId: string;
  userId: string;
  organizationId: string;
  data: Record<string, string>;
  createdAt: Date | undefined;
  expiresAt: Date | undefined;
  lastAccessed: Date | undefined;
  /** The session's own TTL: what updateSession extends it by. */
  ttlSeconds: number;
}

export interface RedisStatistics {
  /** Your keys (not counting sessions and locks). */
  totalKeys: number;
  keyTypeDistribution: Record<string, number>;
  sessionCount: number;
  lockCount: number;
  /** MEMORY USAGE summed over your keys, sessions and locks. */
  tenantMemoryBytes: number;
  /** Server-wide figures from INFO. */
  memoryUsedBytes: number;
  commandsProcessed: number;
  connectionsReceived: number;
  hitRate: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  connectedClients: number;
  uptimeSeconds: number;
  redisVersion: string;
}

export interface RedisUnsubscribeResult {
  /** Channel and pattern subscriptions removed. */
  removedCount: number;
  /** Subscriptions that ended because nothing was left. */
  endedCount: number;
}

const bytes = (v: RedisValue): Uint8Array => (typeof v === 'string' ? Buffer.from(v, 'utf8') : v);
const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const str = (b: Uint8Array) => buf(b).toString('utf8');
const num = (n: bigint | number | undefined) => Number(n ?? 0);
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);
const seconds = (s: number | undefined): Duration | undefined =>
  s === undefined ? undefined : durationFromMs(s * 1000);
const many = <T>(v: T | readonly T[]): T[] => (Array.isArray(v) ? [...v] : [v as T]);

function condition(nx: boolean | undefined, xx: boolean | undefined): redis.SetCondition {
  if (nx && xx) throw new TypeError('nx and xx cannot both be set');
  return nx ? SetCondition.IF_NOT_EXISTS : xx ? SetCondition.IF_EXISTS : SetCondition.UNSPECIFIED;
}

const TYPE_NAMES: Record<redis.KeyType, RedisKeyType> = {
  [KeyType.UNSPECIFIED]: 'none',
  [KeyType.STRING]: 'string',
  [KeyType.HASH]: 'hash',
  [KeyType.LIST]: 'list',
  [KeyType.SET]: 'set',
  [KeyType.ZSET]: 'zset',
  [KeyType.STREAM]: 'stream',
  [KeyType.OTHER]: 'other',
};
const TYPE_FILTER: Partial<Record<RedisKeyType, redis.KeyType>> = {
  string: KeyType.STRING,
  hash: KeyType.HASH,
  list: KeyType.LIST,
  set: KeyType.SET,
  zset: KeyType.ZSET,
  stream: KeyType.STREAM,
};
function typeFilter(type: RedisKeyType | undefined): redis.KeyType {
  if (type === undefined) return KeyType.UNSPECIFIED;
  const value = TYPE_FILTER[type];
  if (value === undefined) throw new TypeError(`type must be one of ${Object.keys(TYPE_FILTER).join(', ')}`);
  return value;
}

const scored = (members: redis.ZSetMember[]): RedisScoredMember[] =>
  members.map((m) => ({ member: str(m.member), score: m.score }));

function toSession(s: redis.SessionInfo | undefined): RedisSession {
  return {
    sessionId: s?.sessionId ?? '',
    userId: s?.userId ?? '',
    organizationId: s?.organizationId ?? '',
    data: s?.data ?? {},
    createdAt: date(s?.createdAt),
    expiresAt: date(s?.expiresAt),
    lastAccessed: date(s?.lastAccessed),
    ttlSeconds: s?.ttl ? durationMs(s.ttl) / 1000 : 0,
  };
}

type BatchCase = NonNullable<redis.BatchCommand['command']['case']>;

/**
 * One operation of the API: its RPC, its case in ExecuteBatch, how its arguments become the request and
 * how the response becomes the result. Methods and batches share it, so a command in a batch takes the
 * same arguments and gives the same result as the method of the same name.
 */
interface Op<In, Out, I extends DescMessage, O extends DescMessage> {
  readonly method: DescMethod & { input: I; output: O };
  readonly batchCase: BatchCase | undefined;
  request(input: In): MessageInitShape<I>;
  parse(response: MessageShape<O>): Out;
}

function op<In, Out, I extends DescMessage, O extends DescMessage>(
  method: DescMethod & { input: I; output: O },
  batchCase: BatchCase | undefined,
  request: (input: In) => MessageInitShape<I>,
  parse: (response: MessageShape<O>) => Out,
): Op<In, Out, I, O> {
  return { method, batchCase, request, parse };
}

interface KeyArg {
  key: string;
}

const OPS = {
  set: op(
    rpc.set,
    'set',
    (
      c: KeyArg & { value: RedisValue; ttlSeconds?: number; nx?: boolean; xx?: boolean; keepTtl?: boolean },
    ) => ({
      key: c.key,
      value: bytes(c.value),
      ttl: seconds(c.ttlSeconds),
      condition: condition(c.nx, c.xx),
      keepTtl: c.keepTtl ?? false,
    }),
    (r) => r.applied,
  ),
  get: op(
    rpc.get,
    'get',
    (c: KeyArg) => ({ key: c.key }),
    (r) => (r.found ? str(r.value) : undefined),
  ),
  mget: op(
    rpc.getMultiple,
    'getMultiple',
    (c: { keys: string[] }) => ({ keys: c.keys }),
    (r) =>
      Object.fromEntries(r.values.filter((v) => v.found).map((v) => [v.key, str(v.value)])) as Record<
        string,
        string
      >,
  ),
  mset: op(
    rpc.setMultiple,
    'setMultiple',
    (c: { values: Record<string, RedisValue>; nx?: boolean }) => ({
      values: Object.entries(c.values).map(([key, value]) => ({ key, value: bytes(value) })),
      onlyIfNoneExist: c.nx ?? false,
    }),
    (r) => r.applied,
  ),
  incr: op(
    rpc.increment,
    'increment',
    (c: KeyArg & { delta?: number }) => ({ key: c.key, delta: BigInt(c.delta ?? 1) }),
    (r) => num(r.value),
  ),
  decr: op(
    rpc.decrement,
    'decrement',
    (c: KeyArg & { delta?: number }) => ({ key: c.key, delta: BigInt(c.delta ?? 1) }),
    (r) => num(r.value),
  ),
  incrByFloat: op(
    rpc.incrementFloat,
    'incrementFloat',
    (c: KeyArg & { delta: number }) => ({ key: c.key, delta: c.delta }),
    (r) => r.value,
  ),
  append: op(
    rpc.append,
    'append',
    (c: KeyArg & { value: RedisValue }) => ({ key: c.key, value: bytes(c.value) }),
    (r) => num(r.length),
  ),
  delete: op(
    rpc.delete,
    'delete',
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.deletedCount > 0n,
  ),
  deleteMultiple: op(
    rpc.deleteMultiple,
    'deleteMultiple',
    (c: { keys: string[] }) => ({ keys: c.keys }),
    (r) => num(r.deletedCount),
  ),
  exists: op(
    rpc.exists,
    'exists',
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.exists,
  ),
  expire: op(
    rpc.expire,
    'expire',
    (c: KeyArg & { seconds: number }) => ({ key: c.key, expiration: seconds(c.seconds) }),
    (r) => r.applied,
  ),
  persist: op(
    rpc.persist,
    'persist',
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.applied,
  ),
  ttl: op(
    rpc.getTTL,
    'getTtl',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.ttlSeconds),
  ),
  pttl: op(
    rpc.getTTL,
    'getTtl',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.ttlMs),
  ),
  rename: op(
    rpc.rename,
    'rename',
    (c: { oldKey: string; newKey: string; nx?: boolean }) => ({
      oldKey: c.oldKey,
      newKey: c.newKey,
      onlyIfNewMissing: c.nx ?? false,
    }),
    () => true as const,
  ),
  hset: op(
    rpc.hSet,
    'hSet',
    (c: KeyArg & { fields: Record<string, RedisValue> }) => ({
      key: c.key,
      fields: Object.entries(c.fields).map(([field, value]) => ({ field, value: bytes(value) })),
    }),
    (r) => num(r.addedCount),
  ),
  hget: op(
    rpc.hGet,
    'hGet',
    (c: KeyArg & { field: string }) => ({ key: c.key, field: c.field }),
    (r) => (r.found ? str(r.value) : undefined),
  ),
  hgetall: op(
    rpc.hGetAll,
    'hGetAll',
    (c: KeyArg) => ({ key: c.key }),
    (r) => Object.fromEntries(r.fields.map((f) => [f.field, str(f.value)])) as Record<string, string>,
  ),
  hdelete: op(
    rpc.hDelete,
    'hDelete',
    (c: KeyArg & { fields: string[] }) => ({ key: c.key, fields: c.fields }),
    (r) => num(r.deletedCount),
  ),
  hexists: op(
    rpc.hExists,
    'hExists',
    (c: KeyArg & { field: string }) => ({ key: c.key, field: c.field }),
    (r) => r.exists,
  ),
  hkeys: op(
    rpc.hKeys,
    undefined,
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.fields,
  ),
  hvalues: op(
    rpc.hValues,
    undefined,
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.values.map(str),
  ),
  hincrement: op(
    rpc.hIncrement,
    'hIncrement',
    (c: KeyArg & { field: string; delta?: number }) => ({
      key: c.key,
      field: c.field,
      delta: BigInt(c.delta ?? 1),
    }),
    (r) => num(r.value),
  ),
  hlen: op(
    rpc.hLen,
    'hLen',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.length),
  ),
  lpush: op(
    rpc.lPush,
    'lPush',
    (c: KeyArg & { values: RedisValue[] }) => ({ key: c.key, values: c.values.map(bytes) }),
    (r) => num(r.length),
  ),
  rpush: op(
    rpc.rPush,
    'rPush',
    (c: KeyArg & { values: RedisValue[] }) => ({ key: c.key, values: c.values.map(bytes) }),
    (r) => num(r.length),
  ),
  lpop: op(
    rpc.lPop,
    'lPop',
    (c: KeyArg) => ({ key: c.key }),
    (r) => (r.found ? str(r.value) : undefined),
  ),
  rpop: op(
    rpc.rPop,
    'rPop',
    (c: KeyArg) => ({ key: c.key }),
    (r) => (r.found ? str(r.value) : undefined),
  ),
  lrange: op(
    rpc.lRange,
    'lRange',
    (c: KeyArg & { start?: number; stop?: number }) => ({
      key: c.key,
      start: BigInt(c.start ?? 0),
      stop: BigInt(c.stop ?? -1),
    }),
    (r) => r.values.map(str),
  ),
  llen: op(
    rpc.lLen,
    'lLen',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.length),
  ),
  lindex: op(
    rpc.lIndex,
    undefined,
    (c: KeyArg & { index: number }) => ({ key: c.key, index: BigInt(c.index) }),
    (r) => (r.found ? str(r.value) : undefined),
  ),
  ltrim: op(
    rpc.lTrim,
    'lTrim',
    (c: KeyArg & { start: number; stop: number }) => ({
      key: c.key,
      start: BigInt(c.start),
      stop: BigInt(c.stop),
    }),
    () => true as const,
  ),
  sadd: op(
    rpc.sAdd,
    'sAdd',
    (c: KeyArg & { members: RedisValue[] }) => ({ key: c.key, members: c.members.map(bytes) }),
    (r) => num(r.addedCount),
  ),
  sremove: op(
    rpc.sRemove,
    'sRemove',
    (c: KeyArg & { members: RedisValue[] }) => ({ key: c.key, members: c.members.map(bytes) }),
    (r) => num(r.removedCount),
  ),
  smembers: op(
    rpc.sMembers,
    'sMembers',
    (c: KeyArg) => ({ key: c.key }),
    (r) => r.members.map(str),
  ),
  sismember: op(
    rpc.sIsMember,
    'sIsMember',
    (c: KeyArg & { member: RedisValue }) => ({ key: c.key, member: bytes(c.member) }),
    (r) => r.isMember,
  ),
  scard: op(
    rpc.sCard,
    'sCard',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.count),
  ),
  zadd: op(
    rpc.zAdd,
    'zAdd',
    (c: KeyArg & { members: Record<string, number> | RedisScoredMember[]; nx?: boolean; xx?: boolean }) => ({
      key: c.key,
      members: (Array.isArray(c.members)
        ? c.members
        : Object.entries(c.members).map(([member, score]) => ({ member, score }))
      ).map((m) => ({ member: bytes(m.member), score: m.score })),
      condition: condition(c.nx, c.xx),
    }),
    (r) => num(r.addedCount),
  ),
  zrem: op(
    rpc.zRemove,
    'zRemove',
    (c: KeyArg & { members: RedisValue[] }) => ({ key: c.key, members: c.members.map(bytes) }),
    (r) => num(r.removedCount),
  ),
  zrange: op(
    rpc.zRange,
    'zRange',
    (c: KeyArg & { start?: number; stop?: number; reverse?: boolean }) => ({
      key: c.key,
      start: BigInt(c.start ?? 0),
      stop: BigInt(c.stop ?? -1),
      reverse: c.reverse ?? false,
    }),
    (r) => scored(r.members),
  ),
  zrangeByScore: op(
    rpc.zRangeByScore,
    'zRangeByScore',
    (
      c: KeyArg & {
        min: number;
        max: number;
        offset?: number;
        count?: number;
        reverse?: boolean;
        minExclusive?: boolean;
        maxExclusive?: boolean;
      },
    ) => ({
      key: c.key,
      minScore: c.min,
      maxScore: c.max,
      offset: BigInt(c.offset ?? 0),
      count: BigInt(c.count ?? -1),
      reverse: c.reverse ?? false,
      minExclusive: c.minExclusive ?? false,
      maxExclusive: c.maxExclusive ?? false,
    }),
    (r) => scored(r.members),
  ),
  zscore: op(
    rpc.zScore,
    'zScore',
    (c: KeyArg & { member: RedisValue }) => ({ key: c.key, member: bytes(c.member) }),
    (r) => (r.found ? r.score : undefined),
  ),
  zrank: op(
    rpc.zRank,
    undefined,
    (c: KeyArg & { member: RedisValue; reverse?: boolean }) => ({
      key: c.key,
      member: bytes(c.member),
      reverse: c.reverse ?? false,
    }),
    (r) => (r.found ? num(r.rank) : undefined),
  ),
  zcard: op(
    rpc.zCard,
    'zCard',
    (c: KeyArg) => ({ key: c.key }),
    (r) => num(r.count),
  ),
  zincrement: op(
    rpc.zIncrement,
    'zIncrement',
    (c: KeyArg & { member: RedisValue; delta?: number }) => ({
      key: c.key,
      member: bytes(c.member),
      delta: c.delta ?? 1,
    }),
    (r) => r.score,
  ),
  zremrangebyrank: op(
    rpc.zRemoveRangeByRank,
    undefined,
    (c: KeyArg & { start: number; stop: number }) => ({
      key: c.key,
      start: BigInt(c.start),
      stop: BigInt(c.stop),
    }),
    (r) => num(r.removedCount),
  ),
  publish: op(
    rpc.publish,
    'publish',
    (c: { channel: string; message: RedisValue }) => ({ channel: c.channel, message: bytes(c.message) }),
    (r) => num(r.subscriberCount),
  ),
};

type Ops = typeof OPS;
type AnyOp = Op<never, unknown, DescMessage, DescMessage>;
type InputOf<K extends keyof Ops> =
  Ops[K] extends Op<infer In, unknown, DescMessage, DescMessage> ? In : never;
type OutputOf<K extends keyof Ops> =
  Ops[K] extends Op<never, infer Out, DescMessage, DescMessage> ? Out : never;
type Batchable = {
  [K in keyof Ops]: Ops[K]['batchCase'] extends undefined ? never : K;
}[keyof Ops];

/** One command of executeBatch: `op` is the method's name, the other fields its arguments. */
export type RedisBatchCommand = { [K in Batchable]: { op: K } & InputOf<K> }[Batchable];

/** What one batch command gave: the method's result, or the error Redis (or validation) reported. */
export type RedisBatchOutcome<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; code: GrpcStatus; codeName: string; message: string };

type OutcomeOf<C> = C extends { op: infer K extends Batchable } ? RedisBatchOutcome<OutputOf<K>> : never;

export interface RedisBatchResult<C extends readonly RedisBatchCommand[]> {
  /** One per command, in order, typed after the command. */
  results: { -readonly [I in keyof C]: OutcomeOf<C[I]> };
  errorCount: number;
}

/**
 * A live subscription: iterate it with `for await`; it ends when you break out of the loop, call
 * close(), abort the signal, or Unsubscribe removes its last channel. A failure while iterating throws
 * IsaCloudError.
 */
export class RedisSubscription extends LiveStream<RedisMessage> {}

export interface RedisClientOptions extends ClientOptions {
  /**
   * Send concurrent calls together (default true): calls made in the same turn of the event loop go to
   * the server as one pipeline, the way ioredis pipelines commands on one connection. Each call still
   * gets its own result or error; a call with its own `signal` or `timeoutMs` is always sent alone.
   */
  autoPipelining?: boolean;
}

/** A call waiting to be sent with the others of its turn. */
interface Pending {
  readonly op: AnyOp;
  readonly name: string;
  readonly request: MessageInitShape<DescMessage>;
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

/** The server's limit per ExecuteBatch. */
const MAX_PIPELINE = 1000;

const idempotent = (method: DescMethod) =>
  method.idempotency !== MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN;

/**
 * In-memory cache on Redis, port 50055: strings, keys, hashes, lists, sets, sorted sets, distributed
 * locks, sessions, publish/subscribe and batches. Every key and channel is your own name: the server
 * keeps it under your tenant's prefix and no other tenant can reach it.
 *
 * Reads of something that does not exist resolve to `undefined` (a cache miss is not a failure);
 * failures resolve to `null` (or throw with `throwOnError`).
 */
export class RedisClient extends BaseClient {
  private readonly autoPipelining: boolean;
  private pending: Pending[] = [];
  private flushScheduled = false;

  constructor(options: RedisClientOptions = {}) {
    super(SERVICE_CATALOG.get('redis')!, options);
    this.autoPipelining = options.autoPipelining ?? true;
  }

  /** Runs one operation: pipelined with the other calls of this turn, or as its own RPC. */
  private exec<K extends keyof Ops>(name: K, input: InputOf<K>, options: CallOptions | undefined) {
    const o = OPS[name] as unknown as AnyOp;
    return this.run(name, options, async () => {
      const request = o.request(input as never);
      if (this.autoPipelining && o.batchCase && !options?.signal && options?.timeoutMs === undefined) {
        return (await this.enqueue(name, o, request)) as OutputOf<K>;
      }
      return o.parse(await this.unary(o.method, request, options)) as OutputOf<K>;
    });
  }

  private enqueue(name: string, op: AnyOp, request: MessageInitShape<DescMessage>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.push({ op, name, request, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        // After the current turn's microtasks: every call made in this turn joins the same pipeline.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const calls = this.pending;
    this.pending = [];
    if (calls.length === 1) {
      void this.sendAlone(calls[0]!);
      return;
    }
    for (let at = 0; at < calls.length; at += MAX_PIPELINE) {
      void this.sendTogether(calls.slice(at, at + MAX_PIPELINE));
    }
  }

  /** One call as its own RPC, with its own retry policy. */
  private async sendAlone(call: Pending): Promise<void> {
    try {
      call.resolve(call.op.parse(await this.unary(call.op.method, call.request)));
    } catch (err) {
      call.reject(err);
    }
  }

  private async sendTogether(calls: Pending[]): Promise<void> {
    let response: redis.ExecuteBatchResponse;
    try {
      response = await this.unary(rpc.executeBatch, {
        commands: calls.map((c) => ({
          command: { case: c.op.batchCase, value: c.request },
        })) as MessageInitShape<typeof redis.BatchCommandSchema>[],
        independent: true,
      });
    } catch (err) {
      // The pipeline failed as a whole (e.g. the service is unreachable): each call gets what its own RPC
      // would have had — idempotent ones are sent again alone (with their retries), the others fail.
      for (const call of calls) {
        if (idempotent(call.op.method)) void this.sendAlone(call);
        else call.reject(err instanceof IsaCloudError ? this.as(call.name, err) : err);
      }
      return;
    }
    calls.forEach((call, i) => {
      const result = response.results[i]?.result;
      if (result?.case === 'error') {
        const { code, message, field } = result.value;
        call.reject(
          new IsaCloudError({
            service: this.serviceName,
            operation: call.name,
            code: code as GrpcStatus,
            details: message,
            field: field || undefined,
          }),
        );
      } else if (result?.case === undefined) {
        call.reject(
          new IsaCloudError({
            service: this.serviceName,
            operation: call.name,
            code: GrpcStatus.UNKNOWN,
            details: 'no result from the server',
          }),
        );
      } else {
        try {
          call.resolve(call.op.parse(result.value as never));
        } catch (err) {
          call.reject(err);
        }
      }
    });
  }

  private as(operation: string, err: IsaCloudError): IsaCloudError {
    return new IsaCloudError({
      service: err.service,
      operation,
      code: err.code,
      details: err.details,
      field: err.field,
      requestId: err.requestId,
      cause: err,
    });
  }

  healthCheck(options: { deepCheck?: boolean } & CallOptions = {}): Promise<RedisHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { deepCheck: options.deepCheck ?? false }, options);
      return {
        healthy: r.healthy,
        status: r.status,
        redisStatus: r.redisStatus,
        backend: r.backend,
        message: r.message,
        redisVersion: r.redisVersion,
        redisMode: r.redisMode,
        connectedClients: num(r.connectedClients),
        usedMemoryBytes: num(r.usedMemoryBytes),
        uptimeSeconds: num(r.uptimeSeconds),
        latencyMs: r.latencyMs,
        checkedAt: date(r.checkedAt),
      };
    });
  }

  // Strings

  /**
   * Sets a value; `ttlSeconds` expires it, `nx` writes only a new key, `xx` only an existing one.
   * Resolves to false when the condition was not met.
   */
  set(
    key: string,
    value: RedisValue,
    options: { ttlSeconds?: number; nx?: boolean; xx?: boolean; keepTtl?: boolean } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.exec('set', { key, value, ...options }, options);
  }

  /** The value as text, or undefined when the key does not exist. */
  get(key: string, options: CallOptions = {}): Promise<string | undefined | null> {
    return this.exec('get', { key }, options);
  }

  /** The value as bytes, or undefined when the key does not exist. */
  getBuffer(key: string, options: CallOptions = {}): Promise<Buffer | undefined | null> {
    return this.run('getBuffer', options, async () => {
      const r = await this.unary(rpc.get, { key }, options);
      return r.found ? buf(r.value) : undefined;
    });
  }

  /** Sets a value that expires after `ttlSeconds`. */
  setWithTtl(
    key: string,
    value: RedisValue,
    ttlSeconds: number,
    options: CallOptions = {},
  ): Promise<true | null> {
    return this.run('setWithTtl', options, async () => {
      await this.unary(
        rpc.setWithExpiration,
        { key, value: bytes(value), expiration: seconds(ttlSeconds) },
        options,
      );
      return true as const;
    });
  }

  /** Sets every key at once (MSET, atomic); with `nx` only if none of them exists (false otherwise). */
  mset(
    values: Record<string, RedisValue>,
    options: { nx?: boolean } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.exec('mset', { values, nx: options.nx }, options);
  }

  /** The keys that exist, with their values (an empty string is a value, not a missing key). */
  mget(keys: string[], options: CallOptions = {}): Promise<Record<string, string> | null> {
    return this.exec('mget', { keys }, options);
  }

  /** Adds `delta` (default 1) to an integer value; resolves to the new value. */
  incr(key: string, delta = 1, options: CallOptions = {}): Promise<number | null> {
    return this.exec('incr', { key, delta }, options);
  }

  decr(key: string, delta = 1, options: CallOptions = {}): Promise<number | null> {
    return this.exec('decr', { key, delta }, options);
  }

  /** Adds a (possibly negative, fractional) `delta`; resolves to the new value. */
  incrByFloat(key: string, delta: number, options: CallOptions = {}): Promise<number | null> {
    return this.exec('incrByFloat', { key, delta }, options);
  }

  /** Appends to a string; resolves to its new length. */
  append(key: string, value: RedisValue, options: CallOptions = {}): Promise<number | null> {
    return this.exec('append', { key, value }, options);
  }

  // Keys

  /** Resolves to true when the key existed. */
  delete(key: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('delete', { key }, options);
  }

  /** Resolves to how many of the keys existed. */
  deleteMultiple(keys: string[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('deleteMultiple', { keys }, options);
  }

  exists(key: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('exists', { key }, options);
  }

  /** Resolves to false when the key does not exist. */
  expire(key: string, seconds: number, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('expire', { key, seconds }, options);
  }

  /** Removes the expiration; false when the key does not exist or had none. */
  persist(key: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('persist', { key }, options);
  }

  /** Seconds to live; -2 when the key does not exist, -1 when it never expires. */
  ttl(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('ttl', { key }, options);
  }

  /** Milliseconds to live, with the same -2 and -1. */
  pttl(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('pttl', { key }, options);
  }

  /** Renames a key (NOT_FOUND when it does not exist); with `nx`, ALREADY_EXISTS instead of overwriting. */
  rename(oldKey: string, newKey: string, options: { nx?: boolean } & CallOptions = {}): Promise<true | null> {
    return this.exec('rename', { oldKey, newKey, nx: options.nx }, options);
  }

  /**
   * Up to `limit` (default 100) of your keys matching a glob pattern ("*", "?", "[a-z]", "\" escapes),
   * found with SCAN.
   */
  listKeys(
    pattern = '*',
    options: { limit?: number; type?: RedisKeyType } & CallOptions = {},
  ): Promise<string[] | null> {
    return this.run('listKeys', options, async () => {
      const r = await this.unary(
        rpc.listKeys,
        { pattern, limit: options.limit ?? 100, type: typeFilter(options.type) },
        options,
      );
      return r.keys;
    });
  }

  /** One page of a SCAN: start with cursor "0" and continue with each page's cursor until it is "0". */
  scanKeys(
    options: { pattern?: string; cursor?: string; count?: number; type?: RedisKeyType } & CallOptions = {},
  ): Promise<RedisKeyPage | null> {
    return this.run('scanKeys', options, async () => {
      const r = await this.unary(
        rpc.scanKeys,
        {
          pattern: options.pattern ?? '*',
          cursor: options.cursor ?? '0',
          count: options.count ?? 0,
          type: typeFilter(options.type),
        },
        options,
      );
      return { keys: r.keys, cursor: r.nextCursor };
    });
  }

  getKeyInfo(key: string, options: CallOptions = {}): Promise<RedisKeyInfo | null> {
    return this.run('getKeyInfo', options, async () => {
      const r = await this.unary(rpc.getKeyInfo, { key }, options);
      return {
        exists: r.exists,
        type: r.exists ? TYPE_NAMES[r.type] : 'none',
        ttlSeconds: num(r.ttlSeconds),
        ttlMs: num(r.ttlMs),
        sizeBytes: num(r.sizeBytes),
        length: num(r.length),
        encoding: r.encoding,
        idleSeconds: r.exists ? num(r.idleSeconds) : -1,
        lastAccessed: date(r.lastAccessed),
      };
    });
  }

  // Hashes

  /** Sets one field, or every field of a record; resolves to how many fields were new. */
  hset(key: string, field: string, value: RedisValue, options?: CallOptions): Promise<number | null>;
  hset(key: string, fields: Record<string, RedisValue>, options?: CallOptions): Promise<number | null>;
  hset(
    key: string,
    fieldOrFields: string | Record<string, RedisValue>,
    valueOrOptions?: RedisValue | CallOptions,
    maybeOptions: CallOptions = {},
  ): Promise<number | null> {
    if (typeof fieldOrFields === 'string') {
      return this.exec(
        'hset',
        { key, fields: { [fieldOrFields]: valueOrOptions as RedisValue } },
        maybeOptions,
      );
    }
    return this.exec(
      'hset',
      { key, fields: fieldOrFields },
      (valueOrOptions as CallOptions | undefined) ?? {},
    );
  }

  hget(key: string, field: string, options: CallOptions = {}): Promise<string | undefined | null> {
    return this.exec('hget', { key, field }, options);
  }

  hgetall(key: string, options: CallOptions = {}): Promise<Record<string, string> | null> {
    return this.exec('hgetall', { key }, options);
  }

  /** Resolves to how many of the fields existed. */
  hdelete(key: string, fields: string | string[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('hdelete', { key, fields: many(fields) }, options);
  }

  hexists(key: string, field: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('hexists', { key, field }, options);
  }

  hkeys(key: string, options: CallOptions = {}): Promise<string[] | null> {
    return this.exec('hkeys', { key }, options);
  }

  hvalues(key: string, options: CallOptions = {}): Promise<string[] | null> {
    return this.exec('hvalues', { key }, options);
  }

  hincrement(key: string, field: string, delta = 1, options: CallOptions = {}): Promise<number | null> {
    return this.exec('hincrement', { key, field, delta }, options);
  }

  hlen(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('hlen', { key }, options);
  }

  // Lists

  /** Pushes at the head; resolves to the list's new length. */
  lpush(key: string, values: RedisValue | RedisValue[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('lpush', { key, values: many(values) }, options);
  }

  /** Pushes at the tail; resolves to the list's new length. */
  rpush(key: string, values: RedisValue | RedisValue[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('rpush', { key, values: many(values) }, options);
  }

  lpop(key: string, options: CallOptions = {}): Promise<string | undefined | null> {
    return this.exec('lpop', { key }, options);
  }

  rpop(key: string, options: CallOptions = {}): Promise<string | undefined | null> {
    return this.exec('rpop', { key }, options);
  }

  /**
   * Pops the head of the first non-empty list, waiting up to `timeoutSeconds` for one; resolves to
   * undefined when the time passes.
   */
  blpop(
    keys: string | string[],
    timeoutSeconds: number,
    options: CallOptions = {},
  ): Promise<{ key: string; value: string } | undefined | null> {
    return this.blockingPop('blpop', many(keys), timeoutSeconds, ListSide.LEFT, options);
  }

  /** As blpop, from the tail. */
  brpop(
    keys: string | string[],
    timeoutSeconds: number,
    options: CallOptions = {},
  ): Promise<{ key: string; value: string } | undefined | null> {
    return this.blockingPop('brpop', many(keys), timeoutSeconds, ListSide.RIGHT, options);
  }

  private blockingPop(
    operation: string,
    keys: string[],
    timeoutSeconds: number,
    side: redis.ListSide,
    options: CallOptions,
  ) {
    // The call must outlive the wait it asks for.
    const call = { ...options, timeoutMs: options.timeoutMs ?? timeoutSeconds * 1000 + 10_000 };
    return this.run(operation, options, async () => {
      const r = await this.unary(rpc.blockingPop, { keys, timeout: seconds(timeoutSeconds), side }, call);
      return r.found ? { key: r.key, value: str(r.value) } : undefined;
    });
  }

  lrange(key: string, start = 0, stop = -1, options: CallOptions = {}): Promise<string[] | null> {
    return this.exec('lrange', { key, start, stop }, options);
  }

  llen(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('llen', { key }, options);
  }

  lindex(key: string, index: number, options: CallOptions = {}): Promise<string | undefined | null> {
    return this.exec('lindex', { key, index }, options);
  }

  ltrim(key: string, start: number, stop: number, options: CallOptions = {}): Promise<true | null> {
    return this.exec('ltrim', { key, start, stop }, options);
  }

  // Sets

  /** Resolves to how many members were new. */
  sadd(key: string, members: RedisValue | RedisValue[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('sadd', { key, members: many(members) }, options);
  }

  /** Resolves to how many members were in the set. */
  sremove(
    key: string,
    members: RedisValue | RedisValue[],
    options: CallOptions = {},
  ): Promise<number | null> {
    return this.exec('sremove', { key, members: many(members) }, options);
  }

  smembers(key: string, options: CallOptions = {}): Promise<string[] | null> {
    return this.exec('smembers', { key }, options);
  }

  sismember(key: string, member: RedisValue, options: CallOptions = {}): Promise<boolean | null> {
    return this.exec('sismember', { key, member }, options);
  }

  scard(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('scard', { key }, options);
  }

  sunion(keys: string[], options: CallOptions = {}): Promise<string[] | null> {
    return this.run('sunion', options, async () =>
      (await this.unary(rpc.sUnion, { keys }, options)).members.map(str),
    );
  }

  sinter(keys: string[], options: CallOptions = {}): Promise<string[] | null> {
    return this.run('sinter', options, async () =>
      (await this.unary(rpc.sInter, { keys }, options)).members.map(str),
    );
  }

  /** Members of the first set that are in none of the others. */
  sdiff(keys: string[], options: CallOptions = {}): Promise<string[] | null> {
    return this.run('sdiff', options, async () =>
      (await this.unary(rpc.sDiff, { keys }, options)).members.map(str),
    );
  }

  // Sorted sets

  /** Adds members with scores ({ member: score } or [{ member, score }]); resolves to how many were new. */
  zadd(
    key: string,
    members: Record<string, number> | RedisScoredMember[],
    options: { nx?: boolean; xx?: boolean } & CallOptions = {},
  ): Promise<number | null> {
    return this.exec('zadd', { key, members, nx: options.nx, xx: options.xx }, options);
  }

  /** Members by rank (0-based, inclusive; negative from the end); with `withScores`, with their scores. */
  zrange(
    key: string,
    start?: number,
    stop?: number,
    options?: { withScores?: false; reverse?: boolean } & CallOptions,
  ): Promise<string[] | null>;
  zrange(
    key: string,
    start: number,
    stop: number,
    options: { withScores: true; reverse?: boolean } & CallOptions,
  ): Promise<RedisScoredMember[] | null>;
  zrange(
    key: string,
    start = 0,
    stop = -1,
    options: { withScores?: boolean; reverse?: boolean } & CallOptions = {},
  ): Promise<string[] | RedisScoredMember[] | null> {
    return this.run('zrange', options, async () => {
      const o = OPS.zrange;
      const members = o.parse(
        await this.unary(o.method, o.request({ key, start, stop, reverse: options.reverse }), options),
      );
      return options.withScores ? members : members.map((m) => m.member);
    });
  }

  /** Resolves to how many members were in the set. */
  zrem(key: string, members: RedisValue | RedisValue[], options: CallOptions = {}): Promise<number | null> {
    return this.exec('zrem', { key, members: many(members) }, options);
  }

  /** Removes members by rank (atomically on the server); resolves to how many. */
  zremrangebyrank(
    key: string,
    start: number,
    stop: number,
    options: CallOptions = {},
  ): Promise<number | null> {
    return this.exec('zremrangebyrank', { key, start, stop }, options);
  }

  /**
   * Members with min <= score <= max (bounds may be -Infinity/Infinity, or exclusive), with their
   * scores, after skipping `offset`, at most `count`.
   */
  zrangeByScore(
    key: string,
    min: number,
    max: number,
    options: {
      offset?: number;
      count?: number;
      reverse?: boolean;
      minExclusive?: boolean;
      maxExclusive?: boolean;
    } & CallOptions = {},
  ): Promise<RedisScoredMember[] | null> {
    return this.exec('zrangeByScore', { key, min, max, ...options }, options);
  }

  /** 0-based rank (lowest score first, or highest with `reverse`), or undefined when not a member. */
  zrank(
    key: string,
    member: RedisValue,
    options: { reverse?: boolean } & CallOptions = {},
  ): Promise<number | undefined | null> {
    return this.exec('zrank', { key, member, reverse: options.reverse }, options);
  }

  zscore(key: string, member: RedisValue, options: CallOptions = {}): Promise<number | undefined | null> {
    return this.exec('zscore', { key, member }, options);
  }

  zcard(key: string, options: CallOptions = {}): Promise<number | null> {
    return this.exec('zcard', { key }, options);
  }

  /** Adds `delta` (default 1) to a member's score; resolves to the new score. */
  zincrement(key: string, member: RedisValue, delta = 1, options: CallOptions = {}): Promise<number | null> {
    return this.exec('zincrement', { key, member, delta }, options);
  }

  // Locks

  /**
   * Acquires a lock for `ttlSeconds` (default 10), trying for up to `waitTimeoutSeconds` (default 5)
   * while another owner holds it. Check `acquired`; keep `lockId` to release or renew it.
   */
  acquireLock(
    lockKey: string,
    options: { ttlSeconds?: number; waitTimeoutSeconds?: number } & CallOptions = {},
  ): Promise<RedisLock | null> {
    const wait = options.waitTimeoutSeconds ?? 5;
    const call = { ...options, timeoutMs: options.timeoutMs ?? wait * 1000 + 10_000 };
    return this.run('acquireLock', options, async () => {
      const r = await this.unary(
        rpc.acquireLock,
        { lockKey, ttl: seconds(options.ttlSeconds ?? 10), waitTimeout: seconds(wait) },
        call,
      );
      return {
        acquired: r.acquired,
        lockId: r.lockId,
        fencingToken: num(r.fencingToken),
        expiresAt: date(r.expiresAt),
      };
    });
  }

  /** True when released; false when you no longer held it (it expired or another owner took it). */
  releaseLock(lockKey: string, lockId: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.run('releaseLock', options, () =>
      ownerOnly(this.unary(rpc.releaseLock, { lockKey, lockId }, options)),
    );
  }

  /** Extends your lock to `ttlSeconds` (default 10) from now; false when you no longer hold it. */
  renewLock(
    lockKey: string,
    lockId: string,
    options: { ttlSeconds?: number } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.run('renewLock', options, () =>
      ownerOnly(
        this.unary(rpc.renewLock, { lockKey, lockId, ttl: seconds(options.ttlSeconds ?? 10) }, options),
      ),
    );
  }

  /**
   * Runs `work` while holding the lock, then releases it. Resolves to work's result, or to undefined
   * when the lock could not be acquired within the wait.
   */
  withLock<T>(
    lockKey: string,
    work: (lock: RedisLock) => Promise<T>,
    options: { ttlSeconds?: number; waitTimeoutSeconds?: number } & CallOptions = {},
  ): Promise<T | undefined | null> {
    return this.run('withLock', options, async () => {
      const lock = await this.acquireLock(lockKey, { ...options, throwOnError: true });
      if (!lock?.acquired) return undefined;
      try {
        return await work(lock);
      } finally {
        await this.releaseLock(lockKey, lock.lockId, { throwOnError: false });
      }
    });
  }

  // Publish/subscribe

  /** Resolves to how many subscribers received the message. */
  publish(channel: string, message: RedisValue, options: CallOptions = {}): Promise<number | null> {
    return this.exec('publish', { channel, message }, options);
  }

  /**
   * Subscribes to channels (and, with `patterns`, to glob patterns over channel names). Resolves once
   * Redis has confirmed the subscription, to a stream of messages.
   */
  subscribe(
    channels: string | string[],
    options: { patterns?: string[] } & CallOptions = {},
  ): Promise<RedisSubscription | null> {
    return this.openSubscription('subscribe', many(channels), options.patterns ?? [], options);
  }

  /** Subscribes to glob patterns over your channel names ("news.*"). */
  psubscribe(patterns: string | string[], options: CallOptions = {}): Promise<RedisSubscription | null> {
    return this.openSubscription('psubscribe', [], many(patterns), options);
  }

  private openSubscription(
    operation: string,
    channels: string[],
    patterns: string[],
    options: CallOptions,
  ): Promise<RedisSubscription | null> {
    return this.run(operation, options, async () => {
      const live = await this.openConfirmedStream(
        operation,
        rpc.subscribe,
        { channels, patterns },
        options,
        (r) => {
          if (r.event.case === 'started') return { started: r.event.value.subscriptionId };
          if (r.event.case !== 'message') return {};
          const m = r.event.value;
          return {
            item: {
              channel: m.channel,
              pattern: m.pattern,
              message: str(m.message),
              data: buf(m.message),
              receivedAt: date(m.receivedAt),
              sequence: num(m.sequence),
            },
          };
        },
      );
      return new RedisSubscription(live.started, live.items, live.controller);
    });
  }

  /**
   * The reference client's callback style: calls `callback` for each message until `timeoutSeconds`
   * (default 60) pass or `maxMessages` arrived; resolves to the number of messages handled.
   */
  subscribeWithCallback(
    channels: string | string[],
    callback: (message: RedisMessage) => void | Promise<void>,
    options: { patterns?: string[]; timeoutSeconds?: number; maxMessages?: number } & CallOptions = {},
  ): Promise<number | null> {
    return this.run('subscribe', options, async () => {
      const timeout = AbortSignal.timeout((options.timeoutSeconds ?? 60) * 1000);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const subscription = await this.subscribe(channels, { ...options, signal, throwOnError: true });
      let count = 0;
      for await (const message of subscription!) {
        await callback(message);
        if (++count >= (options.maxMessages ?? Number.POSITIVE_INFINITY)) break;
      }
      return count;
    });
  }

  /**
   * Removes channels (and `patterns`) from your subscriptions served by the same instance, or ends one
   * subscription by id.
   */
  unsubscribe(
    target: string | string[] | { subscriptionId: string },
    options: { patterns?: string[] } & CallOptions = {},
  ): Promise<RedisUnsubscribeResult | null> {
    return this.run('unsubscribe', options, async () => {
      const request =
        typeof target === 'object' && !Array.isArray(target)
          ? { subscriptionId: target.subscriptionId }
          : { channels: many(target), patterns: options.patterns ?? [] };
      const r = await this.unary(rpc.unsubscribe, request, options);
      return { removedCount: num(r.removedCount), endedCount: num(r.endedCount) };
    });
  }

  // Batch

  /**
   * Runs mixed commands in one round trip — a pipeline, or with `transaction` a MULTI/EXEC (no other
   * client's command runs in between). Each command is `{ op: <method name>, ...its arguments }` and
   * gets its own outcome, typed after it. Redis has no rollback: in a transaction a failing command
   * does not undo the others.
   */
  executeBatch<const C extends readonly RedisBatchCommand[]>(
    commands: C,
    options: { transaction?: boolean } & CallOptions = {},
  ): Promise<RedisBatchResult<C> | null> {
    return this.run('executeBatch', options, async () => {
      const used = commands.map((c) => OPS[c.op] as unknown as AnyOp);
      const r = await this.unary(
        rpc.executeBatch,
        {
          commands: commands.map((c, i) => ({
            command: { case: used[i]!.batchCase, value: used[i]!.request(c as never) },
          })) as MessageInitShape<typeof redis.BatchCommandSchema>[],
          transaction: options.transaction ?? false,
        },
        options,
      );
      const results = r.results.map((result, i): RedisBatchOutcome => {
        if (result.result.case === 'error') {
          const code = result.result.value.code as GrpcStatus;
          return {
            ok: false,
            code,
            codeName: GrpcStatus[code] ?? String(code),
            message: result.result.value.message,
          };
        }
        if (result.result.case === undefined) {
          return { ok: false, code: GrpcStatus.UNKNOWN, codeName: 'UNKNOWN', message: 'no result' };
        }
        return { ok: true, value: used[i]!.parse(result.result.value as never) };
      });
      return { results: results as RedisBatchResult<C>['results'], errorCount: num(r.errorCount) };
    });
  }

  // Sessions

  /** Creates a session holding `data` for `ttlSeconds` (default 3600); resolves to its id. */
  createSession(
    data: Record<string, string>,
    options: { ttlSeconds?: number } & CallOptions = {},
  ): Promise<string | null> {
    return this.run('createSession', options, async () => {
      const r = await this.unary(
        rpc.createSession,
        { data, ttl: seconds(options.ttlSeconds ?? 3600) },
        options,
      );
      return r.sessionId;
    });
  }

  /** The session, or undefined when it does not exist (or expired). */
  getSession(sessionId: string, options: CallOptions = {}): Promise<RedisSession | undefined | null> {
    return this.run('getSession', options, async () => {
      try {
        return toSession((await this.unary(rpc.getSession, { sessionId }, options)).session);
      } catch (err) {
        if (err instanceof IsaCloudError && err.code === GrpcStatus.NOT_FOUND) return undefined;
        throw err;
      }
    });
  }

  /**
   * Merges `data` into the session (and removes `removeKeys`); `extendTtl` (default true) restarts the
   * session's own TTL. Resolves to false when the session does not exist.
   */
  updateSession(
    sessionId: string,
    data: Record<string, string>,
    options: { extendTtl?: boolean; removeKeys?: string[] } & CallOptions = {},
  ): Promise<boolean | null> {
    return this.run('updateSession', options, async () => {
      try {
        await this.unary(
          rpc.updateSession,
          { sessionId, data, extendTtl: options.extendTtl ?? true, removeKeys: options.removeKeys ?? [] },
          options,
        );
        return true;
      } catch (err) {
        if (err instanceof IsaCloudError && err.code === GrpcStatus.NOT_FOUND) return false;
        throw err;
      }
    });
  }

  /** Resolves to true when the session existed. */
  deleteSession(sessionId: string, options: CallOptions = {}): Promise<boolean | null> {
    return this.run(
      'deleteSession',
      options,
      async () => (await this.unary(rpc.deleteSession, { sessionId }, options)).deleted,
    );
  }

  /** Your sessions (up to `limit`, default 1000), page by page from the server. */
  listSessions(options: { limit?: number } & CallOptions = {}): Promise<RedisSession[] | null> {
    return this.run('listSessions', options, async () => {
      const limit = options.limit ?? 1000;
      const seen = new Map<string, RedisSession>();
      let cursor = '0';
      do {
        const r = await this.unary(rpc.listSessions, { cursor, count: 100 }, options);
        for (const s of r.sessions) seen.set(s.sessionId, toSession(s));
        cursor = r.nextCursor;
      } while (cursor !== '0' && seen.size < limit);
      return [...seen.values()].slice(0, limit);
    });
  }

  // Monitoring

  getStatistics(options: CallOptions = {}): Promise<RedisStatistics | null> {
    return this.run('getStatistics', options, async () => {
      const r = await this.unary(rpc.getStatistics, {}, options);
      return {
        totalKeys: num(r.totalKeys),
        keyTypeDistribution: Object.fromEntries(
          Object.entries(r.keyTypeDistribution).map(([type, count]) => [type, num(count)]),
        ),
        sessionCount: num(r.sessionCount),
        lockCount: num(r.lockCount),
        tenantMemoryBytes: num(r.tenantMemoryBytes),
        memoryUsedBytes: num(r.memoryUsedBytes),
        commandsProcessed: num(r.commandsProcessed),
        connectionsReceived: num(r.connectionsReceived),
        hitRate: r.hitRate,
        keyspaceHits: num(r.keyspaceHits),
        keyspaceMisses: num(r.keyspaceMisses),
        connectedClients: num(r.connectedClients),
        uptimeSeconds: num(r.uptimeSeconds),
        redisVersion: r.redisVersion,
      };
    });
  }
}

/** Release and renew: FAILED_PRECONDITION from the server means "not the owner", which is false here. */
async function ownerOnly(call: Promise<unknown>): Promise<boolean> {
  try {
    await call;
    return true;
  } catch (err) {
    if (err instanceof IsaCloudError && err.code === GrpcStatus.FAILED_PRECONDITION) return false;
    throw err;
  }
}
