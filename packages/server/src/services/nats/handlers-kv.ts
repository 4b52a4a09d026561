import { durationFromMs, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { nats } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { KvBucketStatus, KvRecord } from './broker.js';
import { checkPayload, durationField, intField, type NatsDeps, quote, scoped, textField } from './context.js';
import { STORAGE, STORAGE_PROTO } from './handlers-jetstream.js';
import { namePrefix, ownName, physicalName, validateKey } from './names.js';

type Impl = ServiceImpl<typeof nats.NATSService>;
const { KVOperation } = nats;

const OPERATION = {
  PUT: KVOperation.KV_OPERATION_PUT,
  DEL: KVOperation.KV_OPERATION_DELETE,
  PURGE: KVOperation.KV_OPERATION_PURGE,
} as const;

function bucketInfo(tenant: Tenant, b: KvBucketStatus) {
  return {
    bucket: ownName(tenant, b.bucket) ?? '',
    history: b.history,
    ttl: b.ttlMs > 0 ? durationFromMs(b.ttlMs) : undefined,
    maxBytes: BigInt(b.maxBytes),
    maxValueSize: b.maxValueSize,
    storage: STORAGE_PROTO[b.storage],
    values: BigInt(b.values),
    bytes: BigInt(b.bytes),
    description: b.description,
    replicas: b.replicas,
  };
}

function entry(e: KvRecord) {
  return {
    key: e.key,
    value: e.value,
    revision: BigInt(e.revision),
    created: timestampFromDate(e.created),
    operation: OPERATION[e.operation],
  };
}

export function createKvHandlers(
  deps: NatsDeps,
): Pick<
  Impl,
  | 'kVCreateBucket'
  | 'kVGetBucketInfo'
  | 'kVListBuckets'
  | 'kVDeleteBucket'
  | 'kVPut'
  | 'kVGet'
  | 'kVCreate'
  | 'kVUpdate'
  | 'kVDelete'
  | 'kVPurge'
  | 'kVKeys'
  | 'kVHistory'
  | 'kVWatch'
> {
  const bucketOf = (tenant: Tenant, bucket: string) => physicalName(tenant, bucket, 'bucket');
  const names = (bucket: string, key?: string) => ({
    'KV bucket': `KV bucket ${quote(bucket)}`,
    ...(key !== undefined ? { key: `key ${quote(key)} in KV bucket ${quote(bucket)}` } : {}),
  });

  function value(v: Uint8Array): Uint8Array {
    checkPayload(deps.broker(), v.byteLength, 'value');
    return v;
  }

  return {
    async kVCreateBucket(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const spec = {
        bucket,
        history: req.history === 0 ? 1 : intField(req.history, 'history', 1, 64),
        ttlMs: durationField(req.ttl, 'ttl', { fallback: 0 }),
        maxBytes: intField(req.maxBytes, 'max_bytes', 0),
        maxValueSize: intField(req.maxValueSize, 'max_value_size', 0),
        storage: STORAGE[req.storage as keyof typeof STORAGE] ?? invalidStorage(),
        description: textField(req.description, 'description', 4096),
        replicas: req.replicas === 0 ? 1 : intField(req.replicas, 'replicas', 1, 5),
      };
      const info = await scoped(ctx.tenant, names(req.bucket), () => deps.broker().kvCreateBucket(spec));
      return { bucket: bucketInfo(ctx.tenant, info) };
    },

    async kVGetBucketInfo(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const info = await scoped(ctx.tenant, names(req.bucket), () => deps.broker().kvBucketStatus(bucket));
      return { bucket: bucketInfo(ctx.tenant, info) };
    },

    async kVListBuckets(_req, ctx) {
      const list = await deps.broker().kvListBuckets(namePrefix(ctx.tenant));
      return {
        buckets: list.map((b) => bucketInfo(ctx.tenant, b)).sort((a, b) => a.bucket.localeCompare(b.bucket)),
      };
    },

    async kVDeleteBucket(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      await scoped(ctx.tenant, names(req.bucket), () => deps.broker().kvDeleteBucket(bucket));
      return {};
    },

    async kVPut(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const revision = await scoped(ctx.tenant, names(req.bucket, key), () =>
        deps.broker().kvPut(bucket, key, value(req.value), true),
      );
      return { revision: BigInt(revision) };
    },

    async kVGet(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const revision = intField(req.revision, 'revision', 0);
      const e = await scoped(ctx.tenant, names(req.bucket, key), () =>
        deps.broker().kvGet(bucket, key, revision),
      );
      if (!e) {
        throw ServiceError.notFound(
          revision
            ? `revision ${revision} of key ${quote(key)} in KV bucket ${quote(req.bucket)}`
            : `key ${quote(key)} in KV bucket ${quote(req.bucket)}`,
        );
      }
      return { value: e.value, revision: BigInt(e.revision), created: timestampFromDate(e.created) };
    },

    async kVCreate(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const revision = await scoped(ctx.tenant, names(req.bucket, key), () =>
        deps.broker().kvCreate(bucket, key, value(req.value), true),
      );
      return { revision: BigInt(revision) };
    },

    async kVUpdate(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const expected = intField(req.expectedRevision, 'expected_revision', 1);
      const revision = await scoped(ctx.tenant, names(req.bucket, key), () =>
        deps.broker().kvUpdate(bucket, key, value(req.value), expected),
      );
      return { revision: BigInt(revision) };
    },

    async kVDelete(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const expected = intField(req.expectedRevision, 'expected_revision', 0);
      await scoped(ctx.tenant, names(req.bucket, key), () => deps.broker().kvDelete(bucket, key, expected));
      return {};
    },

    async kVPurge(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      await scoped(ctx.tenant, names(req.bucket, key), () => deps.broker().kvPurge(bucket, key));
      return {};
    },

    async kVKeys(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const filter = req.filter ? validateKey(req.filter, 'filter', true) : '';
      const keys = await scoped(ctx.tenant, names(req.bucket), () => deps.broker().kvKeys(bucket, filter));
      return { keys };
    },

    async kVHistory(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const key = validateKey(req.key, 'key');
      const entries = await scoped(ctx.tenant, names(req.bucket, key), () =>
        deps.broker().kvHistory(bucket, key),
      );
      return { entries: entries.map(entry) };
    },

    async *kVWatch(req, ctx) {
      const tenant = ctx.tenant;
      const bucket = bucketOf(tenant, req.bucket);
      const key = req.key ? validateKey(req.key, 'key', true) : '';
      if (req.includeHistory && req.updatesOnly) {
        throw ServiceError.invalidArgument('include_history', 'cannot be combined with updates_only');
      }
      const watch = await scoped(tenant, names(req.bucket), () =>
        deps.broker().kvWatch(bucket, {
          key,
          includeHistory: req.includeHistory,
          updatesOnly: req.updatesOnly,
          ignoreDeletes: req.ignoreDeletes,
          bufferLimit: deps.bufferLimit,
        }),
      );
      const id = deps.subscriptions.add(tenant, `${req.bucket}/${key || '>'}`, () => watch.close());
      const onAbort = () => watch.close();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        yield { event: { case: 'started' as const, value: { subscriptionId: id } } };
        for await (const e of watch) yield { event: { case: 'entry' as const, value: entry(e) } };
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        watch.close();
        deps.subscriptions.remove(id);
      }
    },
  };
}

function invalidStorage(): never {
  throw new ServiceError(GrpcStatus.INVALID_ARGUMENT, 'storage: unknown value', { field: 'storage' });
}
