import { durationFromMs, timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { nats } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import { headerAndChunks } from '../../platform/streams.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { ObjBucketStatus, ObjRecord } from './broker.js';
import { durationField, intField, type NatsDeps, quote, scoped, textField } from './context.js';
import { STORAGE, STORAGE_PROTO } from './handlers-jetstream.js';
import { namePrefix, ownName, physicalName, validateObjectName } from './names.js';

type Impl = ServiceImpl<typeof nats.NATSService>;

const MAX_METADATA_BYTES = 8 * 1024;

function bucketInfo(tenant: Tenant, b: ObjBucketStatus) {
  return {
    bucket: ownName(tenant, b.bucket) ?? '',
    description: b.description,
    ttl: b.ttlMs > 0 ? durationFromMs(b.ttlMs) : undefined,
    storage: STORAGE_PROTO[b.storage],
    size: BigInt(b.size),
    replicas: b.replicas,
    sealed: b.sealed,
  };
}

function stored(tenant: Tenant, o: ObjRecord) {
  return {
    bucket: ownName(tenant, o.bucket) ?? '',
    name: o.name,
    description: o.description,
    size: BigInt(o.size),
    chunks: o.chunks,
    digest: o.digest,
    modified: timestampFromDate(o.modified),
    metadata: o.metadata,
    nuid: o.nuid,
  };
}

/** Object metadata: names of 1-128 characters without control characters, 8 KiB in all. */
function validateMetadata(
  metadata: Record<string, string>,
  field = 'header.metadata',
): Record<string, string> {
  let total = 0;
  for (const [k, v] of Object.entries(metadata)) {
    if (k.length === 0 || k.length > 128 || /\p{Cc}/u.test(k)) {
      throw ServiceError.invalidArgument(
        field,
        `"${k}": names must be 1-128 characters without control characters`,
      );
    }
    textField(v, `${field}.${k}`, MAX_METADATA_BYTES);
    total += k.length + v.length;
  }
  if (total > MAX_METADATA_BYTES) throw ServiceError.invalidArgument(field, 'must be at most 8 KiB in all');
  return metadata;
}

export function createObjectHandlers(
  deps: NatsDeps,
): Pick<
  Impl,
  | 'objectCreateBucket'
  | 'objectListBuckets'
  | 'objectDeleteBucket'
  | 'objectPut'
  | 'objectGet'
  | 'objectGetInfo'
  | 'objectList'
  | 'objectDelete'
> {
  const bucketOf = (tenant: Tenant, bucket: string, field = 'bucket') => physicalName(tenant, bucket, field);
  const names = (bucket: string, name?: string) => ({
    'object bucket': `object bucket ${quote(bucket)}`,
    ...(name !== undefined ? { object: `object ${quote(name)} in bucket ${quote(bucket)}` } : {}),
  });

  return {
    async objectCreateBucket(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const storage = STORAGE[req.storage as keyof typeof STORAGE];
      if (!storage) throw ServiceError.invalidArgument('storage', `unknown value ${req.storage}`);
      const spec = {
        bucket,
        description: textField(req.description, 'description', 4096),
        ttlMs: durationField(req.ttl, 'ttl', { fallback: 0 }),
        storage,
        maxBytes: intField(req.maxBytes, 'max_bytes', 0),
        replicas: req.replicas === 0 ? 1 : intField(req.replicas, 'replicas', 1, 5),
      };
      const info = await scoped(ctx.tenant, names(req.bucket), () => deps.broker().objCreateBucket(spec));
      return { bucket: bucketInfo(ctx.tenant, info) };
    },

    async objectListBuckets(_req, ctx) {
      const list = await deps.broker().objListBuckets(namePrefix(ctx.tenant));
      return {
        buckets: list.map((b) => bucketInfo(ctx.tenant, b)).sort((a, b) => a.bucket.localeCompare(b.bucket)),
      };
    },

    async objectDeleteBucket(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      await scoped(ctx.tenant, names(req.bucket), () => deps.broker().objDeleteBucket(bucket));
      return {};
    },

    async objectPut(requests, ctx) {
      const { header, chunks } = await headerAndChunks(requests);
      const bucket = bucketOf(ctx.tenant, header.bucket, 'header.bucket');
      const name = validateObjectName(header.name, 'header.name');
      const meta = {
        name,
        description: textField(header.description, 'header.description', 4096),
        metadata: validateMetadata(header.metadata),
      };
      const info = await scoped(ctx.tenant, names(header.bucket, name), () =>
        deps.broker().objPut(bucket, meta, chunks, true),
      );
      return { object: stored(ctx.tenant, info) };
    },

    async *objectGet(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const name = validateObjectName(req.name);
      const { info, body } = await scoped(ctx.tenant, names(req.bucket, name), () =>
        deps.broker().objGet(bucket, name),
      );
      yield { part: { case: 'info' as const, value: stored(ctx.tenant, info) } };
      for await (const chunk of body) {
        if (ctx.signal.aborted) return;
        yield { part: { case: 'chunk' as const, value: chunk } };
      }
    },

    async objectGetInfo(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const name = validateObjectName(req.name);
      const info = await scoped(ctx.tenant, names(req.bucket, name), () =>
        deps.broker().objInfo(bucket, name),
      );
      return { object: stored(ctx.tenant, info) };
    },

    async objectList(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const list = await scoped(ctx.tenant, names(req.bucket), () => deps.broker().objList(bucket));
      return { objects: list.map((o) => stored(ctx.tenant, o)).sort((a, b) => a.name.localeCompare(b.name)) };
    },

    async objectDelete(req, ctx) {
      const bucket = bucketOf(ctx.tenant, req.bucket);
      const name = validateObjectName(req.name);
      await scoped(ctx.tenant, names(req.bucket, name), () => deps.broker().objDelete(bucket, name));
      return {};
    },
  };
}
