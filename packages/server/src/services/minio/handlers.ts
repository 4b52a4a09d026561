import { type Timestamp, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { minio } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import { headerAndChunks, mapConcurrent, rechunk } from '../../platform/streams.js';
import type { Tenant } from '../../platform/tenancy.js';
import {
  ownBucketName,
  physicalBucket,
  validateContentType,
  validateKeyPrefix,
  validateMetadata,
  validateObjectKey,
  validateTags,
} from './names.js';
import {
  allowsAnonymous,
  type CannedPolicy,
  cannedPolicy,
  classifyPolicy,
  customPolicyToPhysical,
  policyToOwnNames,
} from './policy.js';
import { type LifecycleRuleRecord, MAX_PART_NUMBER, type ObjectRecord, type ObjectStore } from './store.js';

const { PolicyType, MetadataDirective } = minio;

/** Size of the chunks GetObject streams; large enough to amortise per-message cost. */
export const DOWNLOAD_CHUNK_BYTES = 256 * 1024;
const MAX_LIST_KEYS = 1000;
const MAX_EXPIRY_SECONDS = 7 * 24 * 3600;

const ts = (date: Date): Timestamp => timestampFromDate(date);

function objectInfo(record: ObjectRecord) {
  return {
    key: record.key,
    size: BigInt(record.size),
    etag: record.etag,
    contentType: record.contentType,
    lastModified: ts(record.lastModified),
    metadata: record.metadata,
    versionId: record.versionId,
    isLatest: record.isLatest,
    deleteMarker: record.deleteMarker,
    storageClass: 'STANDARD',
  };
}

/** Rewrites the stores' generic "bucket not found" into the caller's own words. */
async function about<T>(bucket: string, key: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (
      err instanceof ServiceError &&
      (err.code === GrpcStatus.NOT_FOUND || err.code === GrpcStatus.ALREADY_EXISTS)
    ) {
      const what = err.message.startsWith('bucket')
        ? `bucket "${bucket}"`
        : err.message.startsWith('object version')
          ? `version of "${key}" in bucket "${bucket}"`
          : err.message.startsWith('multipart upload')
            ? `multipart upload for "${key}" in bucket "${bucket}"`
            : `object "${key}" in bucket "${bucket}"`;
      const verb = err.code === GrpcStatus.NOT_FOUND ? 'not found' : 'already exists';
      throw new ServiceError(err.code, `${what} ${verb}`, { cause: err });
    }
    throw err;
  }
}

function expiry(seconds: bigint, field = 'expiry_seconds'): number {
  const value = Number(seconds);
  if (value === 0) return 3600;
  if (value < 1 || value > MAX_EXPIRY_SECONDS)
    throw ServiceError.invalidArgument(field, 'must be between 1 second and 7 days');
  return value;
}

function versionId(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 1024 || !/^[\w.+=/-]+$/.test(value))
    throw ServiceError.invalidArgument('version_id', 'is not a valid version id');
  return value;
}

function validateLifecycle(rules: minio.LifecycleRule[]): LifecycleRuleRecord[] {
  if (rules.length > 1000) throw ServiceError.invalidArgument('rules', 'at most 1000 rules');
  const ids = new Set<string>();
  return rules.map((rule, i) => {
    const field = `rules[${i}]`;
    if (rule.id === '' || rule.id.length > 255)
      throw ServiceError.invalidArgument(`${field}.id`, 'must be 1-255 characters');
    if (ids.has(rule.id)) throw ServiceError.invalidArgument(`${field}.id`, `duplicate rule id "${rule.id}"`);
    ids.add(rule.id);
    validateKeyPrefix(rule.prefix, `${field}.prefix`);
    const days = [
      rule.expirationDays,
      rule.noncurrentVersionExpirationDays,
      rule.abortIncompleteMultipartUploadDays,
    ];
    if (days.some((d) => d < 0)) throw ServiceError.invalidArgument(field, 'days must not be negative');
    if (days.every((d) => d === 0)) {
      throw ServiceError.invalidArgument(
        field,
        'needs at least one action (expiration, noncurrent expiration or abort days)',
      );
    }
    return {
      id: rule.id,
      enabled: rule.enabled,
      prefix: rule.prefix,
      expirationDays: rule.expirationDays,
      noncurrentVersionExpirationDays: rule.noncurrentVersionExpirationDays,
      abortIncompleteMultipartUploadDays: rule.abortIncompleteMultipartUploadDays,
    };
  });
}

const CANNED: Partial<Record<minio.PolicyType, CannedPolicy>> = {
  [PolicyType.PRIVATE]: 'private',
  [PolicyType.PUBLIC_READ]: 'public-read',
  [PolicyType.PUBLIC_WRITE]: 'public-write',
  [PolicyType.PUBLIC_READ_WRITE]: 'public-read-write',
};
const POLICY_TYPES: Record<CannedPolicy | 'custom', minio.PolicyType> = {
  private: PolicyType.PRIVATE,
  'public-read': PolicyType.PUBLIC_READ,
  'public-write': PolicyType.PUBLIC_WRITE,
  'public-read-write': PolicyType.PUBLIC_READ_WRITE,
  custom: PolicyType.CUSTOM,
};

export function createMinioHandlers(store: ObjectStore): ServiceImpl<typeof minio.MinIOService> {
  const bucketOf = (ctx: CallContext, name: string, field = 'bucket_name') =>
    physicalBucket(ctx.tenant, name, field);

  async function requireBucket(tenant: Tenant, name: string): Promise<string> {
    const physical = physicalBucket(tenant, name);
    if (!(await store.headBucket(physical))) throw ServiceError.notFound(`bucket "${name}"`);
    return physical;
  }

  /** Walks every current object of a bucket (GetBucketInfo). */
  async function usage(bucket: string): Promise<{ size: number; count: number }> {
    let size = 0;
    let count = 0;
    let token = '';
    do {
      const page = await store.listObjects(bucket, {
        prefix: '',
        delimiter: '',
        maxKeys: MAX_LIST_KEYS,
        startAfter: '',
        continuationToken: token,
      });
      for (const o of page.objects) {
        size += o.size;
        count++;
      }
      token = page.isTruncated ? page.nextContinuationToken : '';
    } while (token);
    return { size, count };
  }

  /** Deletes every object, version and pending upload of a bucket (DeleteBucket with force). */
  async function empty(bucket: string): Promise<number> {
    let deleted = 0;
    let versioned = true;
    for (;;) {
      let targets: Array<{ key: string; versionId?: string }>;
      if (versioned) {
        try {
          const page = await store.listObjectVersions(bucket, {
            prefix: '',
            maxKeys: MAX_LIST_KEYS,
            keyMarker: '',
            versionIdMarker: '',
          });
          targets = page.versions.map((v) => ({
            key: v.key,
            ...(v.versionId ? { versionId: v.versionId } : {}),
          }));
        } catch (err) {
          if (!(err instanceof ServiceError && err.code === GrpcStatus.UNIMPLEMENTED)) throw err;
          versioned = false;
          continue;
        }
      } else {
        const page = await store.listObjects(bucket, {
          prefix: '',
          delimiter: '',
          maxKeys: MAX_LIST_KEYS,
          startAfter: '',
          continuationToken: '',
        });
        targets = page.objects.map((o) => ({ key: o.key }));
      }
      if (targets.length === 0) break;
      await mapConcurrent(targets, 16, (t) => store.deleteObject(bucket, t.key, t.versionId));
      deleted += targets.length;
    }
    try {
      for (const upload of await store.listMultipartUploads(bucket, ''))
        await store.abortMultipart(bucket, upload.key, upload.uploadId);
    } catch (err) {
      if (!(err instanceof ServiceError && err.code === GrpcStatus.UNIMPLEMENTED)) throw err;
    }
    return deleted;
  }

  return {
    async healthCheck(req) {
      const checkedAt = ts(new Date());
      try {
        const result = await store.health();
        if (!result.healthy) {
          return {
            healthy: false,
            status: 'NOT_SERVING',
            backend: store.kind,
            message: result.message,
            checkedAt,
          };
        }
        return {
          healthy: true,
          status: 'SERVING',
          backend: store.kind,
          details: req.detailed ? (result.details ?? {}) : {},
          checkedAt,
        };
      } catch (err) {
        return {
          healthy: false,
          status: 'NOT_SERVING',
          backend: store.kind,
          message: (err as Error).message,
          checkedAt,
        };
      }
    },

    async createBucket(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const tags = validateTags(req.tags, 50);
      const region = req.region || 'us-east-1';
      if (!/^[a-z0-9-]{1,32}$/.test(region))
        throw ServiceError.invalidArgument('region', 'must look like "us-east-1"');
      const created = await about(req.bucketName, undefined, () => store.createBucket(physical, { region }));
      if (Object.keys(tags).length > 0) await store.setBucketTags(physical, tags);
      return {
        bucket: {
          name: req.bucketName,
          creationDate: ts(created.createdAt),
          ownerId: ctx.tenant.userId,
          organizationId: ctx.tenant.organizationId,
          region: created.region,
          tags,
        },
      };
    },

    async listBuckets(req, ctx) {
      const buckets = [];
      for (const b of await store.listBuckets()) {
        const name = ownBucketName(ctx.tenant, b.name);
        if (name === undefined || !name.startsWith(req.prefix)) continue;
        buckets.push({
          name,
          creationDate: ts(b.createdAt),
          ownerId: ctx.tenant.userId,
          organizationId: ctx.tenant.organizationId,
          region: b.region,
        });
      }
      return { buckets };
    },

    async deleteBucket(req, ctx) {
      const physical = await requireBucket(ctx.tenant, req.bucketName);
      const deleted = req.force ? await empty(physical) : 0;
      await about(req.bucketName, undefined, () => store.deleteBucket(physical));
      return { deletedObjects: BigInt(deleted) };
    },

    async getBucketInfo(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const head = await store.headBucket(physical);
      if (!head) throw ServiceError.notFound(`bucket "${req.bucketName}"`);
      const [tags, versioning, { size, count }] = await Promise.all([
        store.getBucketTags(physical).catch(() => ({})),
        store.getVersioning(physical).catch(() => ''),
        usage(physical),
      ]);
      return {
        bucket: {
          name: req.bucketName,
          creationDate: ts(head.createdAt),
          ownerId: ctx.tenant.userId,
          organizationId: ctx.tenant.organizationId,
          region: head.region,
          tags,
          sizeBytes: BigInt(size),
          objectCount: BigInt(count),
          versioningEnabled: versioning === 'Enabled',
        },
      };
    },

    async bucketExists(req, ctx) {
      return { exists: (await store.headBucket(bucketOf(ctx, req.bucketName))) !== undefined };
    },

    async setBucketTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const tags = validateTags(req.tags, 50);
      await about(req.bucketName, undefined, () => store.setBucketTags(physical, tags));
      return {};
    },

    async getBucketTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      return { tags: await about(req.bucketName, undefined, () => store.getBucketTags(physical)) };
    },

    async deleteBucketTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      await about(req.bucketName, undefined, () => store.setBucketTags(physical, {}));
      return {};
    },

    async setBucketVersioning(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      await about(req.bucketName, undefined, () => store.setVersioning(physical, req.enabled));
      return {};
    },

    async getBucketVersioning(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const status = await about(req.bucketName, undefined, () => store.getVersioning(physical));
      return { enabled: status === 'Enabled', status };
    },

    async setBucketLifecycle(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const rules = validateLifecycle(req.rules);
      await about(req.bucketName, undefined, () => store.setLifecycle(physical, rules));
      return {};
    },

    async getBucketLifecycle(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      return { rules: await about(req.bucketName, undefined, () => store.getLifecycle(physical)) };
    },

    async deleteBucketLifecycle(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      await about(req.bucketName, undefined, () => store.setLifecycle(physical, []));
      return {};
    },

    async setBucketPolicy(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      let document: string | undefined;
      if (req.policyType === PolicyType.CUSTOM) {
        if (!req.customPolicy)
          throw ServiceError.invalidArgument('custom_policy', 'is required when policy_type is CUSTOM');
        document = customPolicyToPhysical(req.customPolicy, req.bucketName, physical);
      } else {
        const canned = CANNED[req.policyType];
        if (!canned)
          throw ServiceError.invalidArgument(
            'policy_type',
            'must be PRIVATE, PUBLIC_READ, PUBLIC_WRITE, PUBLIC_READ_WRITE or CUSTOM',
          );
        document = cannedPolicy(canned, physical);
      }
      await about(req.bucketName, undefined, () => store.setPolicy(physical, document));
      return {};
    },

    async getBucketPolicy(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const document = await about(req.bucketName, undefined, () => store.getPolicy(physical));
      return {
        policyType: POLICY_TYPES[classifyPolicy(document, physical)],
        policyJson: document ? policyToOwnNames(document, physical, req.bucketName) : '',
      };
    },

    async deleteBucketPolicy(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      await about(req.bucketName, undefined, () => store.setPolicy(physical, undefined));
      return {};
    },

    async putObject(requests, ctx) {
      const { header, chunks } = await headerAndChunks(requests);
      const physical = bucketOf(ctx, header.bucketName, 'header.bucket_name');
      const key = validateObjectKey(header.objectKey, 'header.object_key');
      const options = {
        contentType: validateContentType(header.contentType, 'header.content_type'),
        metadata: validateMetadata(header.metadata, 'header.metadata'),
        tags: validateTags(header.tags, 10, 'header.tags'),
        contentLength: Number(header.contentLength),
        signal: ctx.signal,
      };
      if (options.contentLength < 0)
        throw ServiceError.invalidArgument('header.content_length', 'must not be negative');
      const record = await about(header.bucketName, key, () =>
        store.putObject(physical, key, chunks, options),
      );
      return { object: objectInfo(record) };
    },

    async *getObject(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      if (req.offset < 0n) throw ServiceError.invalidArgument('offset', 'must not be negative');
      if (req.length < 0n) throw ServiceError.invalidArgument('length', 'must not be negative');
      const vid = versionId(req.versionId);
      const { info, body } = await about(req.bucketName, key, () =>
        store.getObject(physical, key, {
          offset: Number(req.offset),
          length: Number(req.length),
          ...(vid ? { versionId: vid } : {}),
        }),
      );
      yield { part: { case: 'info', value: objectInfo(info) } };
      for await (const chunk of rechunk(body, DOWNLOAD_CHUNK_BYTES)) {
        yield { part: { case: 'chunk', value: chunk } };
      }
    },

    async statObject(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const record = await about(req.bucketName, key, () =>
        store.statObject(physical, key, versionId(req.versionId)),
      );
      return { object: objectInfo(record) };
    },

    async listObjects(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      if (req.maxKeys < 0 || req.maxKeys > MAX_LIST_KEYS)
        throw ServiceError.invalidArgument('max_keys', 'must be 0-1000 (0 means 1000)');
      // biome-ignore lint/suspicious/noControlCharactersInRegex: delimiters are printable
      if (req.delimiter.length > 16 || /[\u0000-\u001f]/.test(req.delimiter)) {
        throw ServiceError.invalidArgument('delimiter', 'must be at most 16 printable characters');
      }
      const page = await about(req.bucketName, undefined, () =>
        store.listObjects(physical, {
          prefix: validateKeyPrefix(req.prefix),
          delimiter: req.delimiter,
          maxKeys: req.maxKeys || MAX_LIST_KEYS,
          startAfter: validateKeyPrefix(req.startAfter, 'start_after'),
          continuationToken: req.continuationToken,
        }),
      );
      return {
        objects: page.objects.map(objectInfo),
        commonPrefixes: page.commonPrefixes,
        isTruncated: page.isTruncated,
        nextContinuationToken: page.nextContinuationToken,
      };
    },

    async listObjectVersions(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      if (req.maxKeys < 0 || req.maxKeys > MAX_LIST_KEYS)
        throw ServiceError.invalidArgument('max_keys', 'must be 0-1000 (0 means 1000)');
      const page = await about(req.bucketName, undefined, () =>
        store.listObjectVersions(physical, {
          prefix: validateKeyPrefix(req.prefix),
          maxKeys: req.maxKeys || MAX_LIST_KEYS,
          keyMarker: validateKeyPrefix(req.keyMarker, 'key_marker'),
          versionIdMarker: versionId(req.versionIdMarker) ?? '',
        }),
      );
      return {
        versions: page.versions.map(objectInfo),
        isTruncated: page.isTruncated,
        nextKeyMarker: page.nextKeyMarker,
        nextVersionIdMarker: page.nextVersionIdMarker,
      };
    },

    async copyObject(req, ctx) {
      const source = bucketOf(ctx, req.sourceBucket, 'source_bucket');
      const dest = bucketOf(ctx, req.destBucket, 'dest_bucket');
      const sourceKey = validateObjectKey(req.sourceKey, 'source_key');
      const destKey = validateObjectKey(req.destKey, 'dest_key');
      const replace = req.metadataDirective === MetadataDirective.REPLACE;
      const sourceVersion = versionId(req.sourceVersionId);
      if (!(await store.headBucket(dest))) throw ServiceError.notFound(`bucket "${req.destBucket}"`);
      const record = await about(req.sourceBucket, sourceKey, () =>
        store.copyObject(
          { bucket: source, key: sourceKey, ...(sourceVersion ? { versionId: sourceVersion } : {}) },
          { bucket: dest, key: destKey },
          {
            replaceMetadata: replace,
            metadata: replace ? validateMetadata(req.metadata) : {},
            contentType: replace ? validateContentType(req.contentType) : '',
          },
        ),
      );
      return { object: objectInfo(record) };
    },

    async deleteObject(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      return about(req.bucketName, key, () => store.deleteObject(physical, key, versionId(req.versionId)));
    },

    async deleteObjects(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      if (req.objects.length > 1000) throw ServiceError.invalidArgument('objects', 'at most 1000 per call');
      if (!(await store.headBucket(physical))) throw ServiceError.notFound(`bucket "${req.bucketName}"`);
      const deleted: Array<{ key: string; versionId: string }> = [];
      const errors: Array<{ key: string; versionId: string; code: string; message: string }> = [];
      await mapConcurrent(req.objects, 16, async (target, i) => {
        try {
          const key = validateObjectKey(target.key, `objects[${i}].key`);
          const result = await store.deleteObject(physical, key, versionId(target.versionId));
          deleted.push({ key: target.key, versionId: result.versionId });
        } catch (err) {
          if (!(err instanceof ServiceError)) ctx.logger.error({ err, key: target.key }, 'delete failed');
          errors.push({
            key: target.key,
            versionId: target.versionId,
            code: err instanceof ServiceError ? GrpcStatus[err.code] : 'INTERNAL',
            message: err instanceof ServiceError ? err.message : 'internal error',
          });
        }
      });
      return { deleted: req.quiet ? [] : deleted, errors };
    },

    async setObjectTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const tags = validateTags(req.tags, 10);
      await about(req.bucketName, key, () =>
        store.setObjectTags(physical, key, tags, versionId(req.versionId)),
      );
      return {};
    },

    async getObjectTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      return {
        tags: await about(req.bucketName, key, () =>
          store.getObjectTags(physical, key, versionId(req.versionId)),
        ),
      };
    },

    async deleteObjectTags(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      await about(req.bucketName, key, () =>
        store.setObjectTags(physical, key, {}, versionId(req.versionId)),
      );
      return {};
    },

    async getPresignedURL(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const seconds = expiry(req.expirySeconds);
      const vid = versionId(req.versionId);
      // Presigning does not touch the object; checking first turns a typo into NOT_FOUND now, not a 404 later.
      await about(req.bucketName, key, () => store.statObject(physical, key, vid));
      const url = await store.presignGet(physical, key, seconds, vid);
      return { url, expiresAt: ts(new Date(Date.now() + seconds * 1000)) };
    },

    async getPresignedPutURL(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const seconds = expiry(req.expirySeconds);
      const contentType = req.contentType ? validateContentType(req.contentType) : undefined;
      if (!(await store.headBucket(physical))) throw ServiceError.notFound(`bucket "${req.bucketName}"`);
      const url = await store.presignPut(physical, key, seconds, contentType);
      return { url, expiresAt: ts(new Date(Date.now() + seconds * 1000)) };
    },

    async getPublicURL(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const policy = await about(req.bucketName, key, () => store.getPolicy(physical));
      if (!allowsAnonymous(policy, 's3:GetObject', physical, key)) {
        throw ServiceError.failedPrecondition(
          `bucket "${req.bucketName}" does not allow anonymous reads of "${key}"; set a PUBLIC_READ policy first`,
        );
      }
      return { url: store.publicUrl(physical, key) };
    },

    async initiateMultipartUpload(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const uploadId = await about(req.bucketName, key, () =>
        store.initiateMultipart(physical, key, {
          contentType: validateContentType(req.contentType),
          metadata: validateMetadata(req.metadata),
        }),
      );
      return { uploadId };
    },

    async uploadPart(requests, ctx) {
      const { header, chunks } = await headerAndChunks(requests);
      const physical = bucketOf(ctx, header.bucketName, 'header.bucket_name');
      const key = validateObjectKey(header.objectKey, 'header.object_key');
      if (header.partNumber < 1 || header.partNumber > MAX_PART_NUMBER) {
        throw ServiceError.invalidArgument('header.part_number', 'must be 1-10000');
      }
      if (!header.uploadId) throw ServiceError.invalidArgument('header.upload_id', 'is required');
      const part = await about(header.bucketName, key, () =>
        store.uploadPart(physical, key, header.uploadId, header.partNumber, chunks),
      );
      return { partNumber: part.partNumber, etag: part.etag, size: BigInt(part.size) };
    },

    async completeMultipartUpload(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      if (req.parts.length === 0)
        throw ServiceError.invalidArgument('parts', 'at least one part is required');
      req.parts.forEach((p, i) => {
        if (i > 0 && p.partNumber <= req.parts[i - 1]!.partNumber) {
          throw ServiceError.invalidArgument(
            `parts[${i}]`,
            'parts must be in ascending part_number order without repeats',
          );
        }
      });
      const record = await about(req.bucketName, key, () =>
        store.completeMultipart(
          physical,
          key,
          req.uploadId,
          req.parts.map((p) => ({ partNumber: p.partNumber, etag: p.etag })),
        ),
      );
      return { object: objectInfo(record) };
    },

    async abortMultipartUpload(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      await about(req.bucketName, key, () => store.abortMultipart(physical, key, req.uploadId));
      return {};
    },

    async listMultipartUploads(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const uploads = await about(req.bucketName, undefined, () =>
        store.listMultipartUploads(physical, validateKeyPrefix(req.prefix)),
      );
      return {
        uploads: uploads.map((u) => ({ objectKey: u.key, uploadId: u.uploadId, initiated: ts(u.initiated) })),
      };
    },

    async listParts(req, ctx) {
      const physical = bucketOf(ctx, req.bucketName);
      const key = validateObjectKey(req.objectKey);
      const parts = await about(req.bucketName, key, () => store.listParts(physical, key, req.uploadId));
      return {
        parts: parts.map((p) => ({
          partNumber: p.partNumber,
          etag: p.etag,
          size: BigInt(p.size),
          lastModified: ts(p.lastModified),
        })),
      };
    },
  };
}
