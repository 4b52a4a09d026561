import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Timestamp } from '@bufbuild/protobuf/wkt';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { minio, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { type ByteSource, chunksOf } from '../byte-source.js';
import { GrpcStatus, IsaCloudError } from '../errors.js';

const { MinIOService, PolicyType, MetadataDirective } = minio;
const rpc = MinIOService.method;

/** Bytes to upload: a buffer, a string (UTF-8), or any (async) iterable of chunks such as a Node stream. */
export type ObjectData = ByteSource;

export interface BucketInfo {
  name: string;
  creationDate: Date | undefined;
  ownerId: string;
  organizationId: string;
  region: string;
  tags: Record<string, string>;
  /** Filled by getBucketInfo. */
  sizeBytes: number;
  objectCount: number;
  versioningEnabled: boolean;
}

export interface ObjectInfo {
  key: string;
  size: number;
  etag: string;
  contentType: string;
  lastModified: Date | undefined;
  metadata: Record<string, string>;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  storageClass: string;
}

export interface UploadResult extends ObjectInfo {
  /** The key written (the guide's `result['object_key']`). */
  objectKey: string;
}

export interface ObjectPage {
  objects: ObjectInfo[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken: string;
}

export interface VersionPage {
  versions: ObjectInfo[];
  isTruncated: boolean;
  nextKeyMarker: string;
  nextVersionIdMarker: string;
}

export interface MinIOHealth {
  healthy: boolean;
  status: string;
  backend: string;
  message: string;
  details: Record<string, string>;
  checkedAt: Date | undefined;
}

export interface LifecycleRule {
  id: string;
  enabled?: boolean;
  prefix?: string;
  expirationDays?: number;
  noncurrentVersionExpirationDays?: number;
  abortIncompleteMultipartUploadDays?: number;
}

export type CannedPolicy = 'private' | 'public-read' | 'public-write' | 'public-read-write';

export interface BucketPolicy {
  type: CannedPolicy | 'custom';
  /** The policy document ("" for private). */
  policy: string;
}

export interface UploadOptions extends CallOptions {
  contentType?: string;
  metadata?: Record<string, string>;
  tags?: Record<string, string>;
  /** Bytes per message (default 256 KiB). */
  chunkSize?: number;
  /**
   * Total bytes, when known (buffers and files are measured automatically): the server then checks it
   * and an S3 backend can stream the object in one PUT.
   */
  contentLength?: number;
}

function knownLength(data: ObjectData): number | undefined {
  if (typeof data === 'string') return Buffer.byteLength(data, 'utf8');
  if (data instanceof ArrayBuffer || data instanceof Uint8Array) return data.byteLength;
  return undefined;
}

export interface DeleteObjectsResult {
  deleted: Array<{ key: string; versionId: string }>;
  errors: Array<{ key: string; versionId: string; code: string; message: string }>;
}

export interface Part {
  partNumber: number;
  etag: string;
  size: number;
  lastModified?: Date | undefined;
}

const CANNED_TO_TYPE: Record<CannedPolicy, minio.PolicyType> = {
  private: PolicyType.PRIVATE,
  'public-read': PolicyType.PUBLIC_READ,
  'public-write': PolicyType.PUBLIC_WRITE,
  'public-read-write': PolicyType.PUBLIC_READ_WRITE,
};
const TYPE_TO_NAME: Partial<Record<minio.PolicyType, BucketPolicy['type']>> = {
  [PolicyType.PRIVATE]: 'private',
  [PolicyType.PUBLIC_READ]: 'public-read',
  [PolicyType.PUBLIC_WRITE]: 'public-write',
  [PolicyType.PUBLIC_READ_WRITE]: 'public-read-write',
  [PolicyType.CUSTOM]: 'custom',
};

const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);

function toObject(o: minio.ObjectInfo | undefined): ObjectInfo {
  return {
    key: o?.key ?? '',
    size: Number(o?.size ?? 0n),
    etag: o?.etag ?? '',
    contentType: o?.contentType ?? '',
    lastModified: date(o?.lastModified),
    metadata: o?.metadata ?? {},
    versionId: o?.versionId ?? '',
    isLatest: o?.isLatest ?? false,
    deleteMarker: o?.deleteMarker ?? false,
    storageClass: o?.storageClass ?? '',
  };
}

function toBucket(b: minio.BucketInfo | undefined): BucketInfo {
  return {
    name: b?.name ?? '',
    creationDate: date(b?.creationDate),
    ownerId: b?.ownerId ?? '',
    organizationId: b?.organizationId ?? '',
    region: b?.region ?? '',
    tags: b?.tags ?? {},
    sizeBytes: Number(b?.sizeBytes ?? 0n),
    objectCount: Number(b?.objectCount ?? 0n),
    versioningEnabled: b?.versioningEnabled ?? false,
  };
}

/** Content types worth gzip; everything else is sent as is (compressing binary wastes CPU). */
function compressible(contentType: string | undefined): boolean {
  return (
    !!contentType && /^(text\/|application\/(json|x-ndjson|xml|csv|javascript|sql|yaml))/.test(contentType)
  );
}

/**
 * Object storage (S3-compatible), port 50051. Bucket names are your own: the server stores them as
 * `user-{user id}-{name}` and no other tenant can reach them.
 */
export class MinIOClient extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super(SERVICE_CATALOG.get('minio')!, options);
  }

  healthCheck(options: { detailed?: boolean } & CallOptions = {}): Promise<MinIOHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { detailed: options.detailed ?? false }, options);
      return {
        healthy: r.healthy,
        status: r.status,
        backend: r.backend,
        message: r.message,
        details: r.details,
        checkedAt: date(r.checkedAt),
      };
    });
  }

  // ---- buckets ----

  createBucket(
    bucketName: string,
    options: { region?: string; tags?: Record<string, string> } & CallOptions = {},
  ): Promise<BucketInfo | null> {
    return this.run('createBucket', options, async () => {
      const r = await this.unary(
        rpc.createBucket,
        { bucketName, region: options.region ?? '', tags: options.tags ?? {} },
        options,
      );
      return toBucket(r.bucket);
    });
  }

  listBuckets(options: { prefix?: string } & CallOptions = {}): Promise<BucketInfo[] | null> {
    return this.run('listBuckets', options, async () => {
      const r = await this.unary(rpc.listBuckets, { prefix: options.prefix ?? '' }, options);
      return r.buckets.map(toBucket);
    });
  }

  /** Deletes a bucket; with `force` its objects, versions and pending uploads first. Resolves to the count deleted. */
  deleteBucket(bucketName: string, options: { force?: boolean } & CallOptions = {}): Promise<number | null> {
    return this.run('deleteBucket', options, async () => {
      const r = await this.unary(rpc.deleteBucket, { bucketName, force: options.force ?? false }, options);
      return Number(r.deletedObjects);
    });
  }

  getBucketInfo(bucketName: string, options?: CallOptions): Promise<BucketInfo | null> {
    return this.run('getBucketInfo', options, async () =>
      toBucket((await this.unary(rpc.getBucketInfo, { bucketName }, options)).bucket),
    );
  }

  bucketExists(bucketName: string, options?: CallOptions): Promise<boolean | null> {
    return this.run(
      'bucketExists',
      options,
      async () => (await this.unary(rpc.bucketExists, { bucketName }, options)).exists,
    );
  }

  setBucketTags(
    bucketName: string,
    tags: Record<string, string>,
    options?: CallOptions,
  ): Promise<true | null> {
    return this.run('setBucketTags', options, async () => {
      await this.unary(rpc.setBucketTags, { bucketName, tags }, options);
      return true as const;
    });
  }

  getBucketTags(bucketName: string, options?: CallOptions): Promise<Record<string, string> | null> {
    return this.run(
      'getBucketTags',
      options,
      async () => (await this.unary(rpc.getBucketTags, { bucketName }, options)).tags,
    );
  }

  deleteBucketTags(bucketName: string, options?: CallOptions): Promise<true | null> {
    return this.run('deleteBucketTags', options, async () => {
      await this.unary(rpc.deleteBucketTags, { bucketName }, options);
      return true as const;
    });
  }

  setBucketVersioning(bucketName: string, enabled: boolean, options?: CallOptions): Promise<true | null> {
    return this.run('setBucketVersioning', options, async () => {
      await this.unary(rpc.setBucketVersioning, { bucketName, enabled }, options);
      return true as const;
    });
  }

  getBucketVersioning(bucketName: string, options?: CallOptions): Promise<boolean | null> {
    return this.run(
      'getBucketVersioning',
      options,
      async () => (await this.unary(rpc.getBucketVersioning, { bucketName }, options)).enabled,
    );
  }

  setBucketLifecycle(
    bucketName: string,
    rules: LifecycleRule[],
    options?: CallOptions,
  ): Promise<true | null> {
    return this.run('setBucketLifecycle', options, async () => {
      await this.unary(
        rpc.setBucketLifecycle,
        {
          bucketName,
          rules: rules.map((r) => ({
            id: r.id,
            enabled: r.enabled ?? true,
            prefix: r.prefix ?? '',
            expirationDays: r.expirationDays ?? 0,
            noncurrentVersionExpirationDays: r.noncurrentVersionExpirationDays ?? 0,
            abortIncompleteMultipartUploadDays: r.abortIncompleteMultipartUploadDays ?? 0,
          })),
        },
        options,
      );
      return true as const;
    });
  }

  getBucketLifecycle(bucketName: string, options?: CallOptions): Promise<Required<LifecycleRule>[] | null> {
    return this.run('getBucketLifecycle', options, async () =>
      (await this.unary(rpc.getBucketLifecycle, { bucketName }, options)).rules.map((r) => ({
        id: r.id,
        enabled: r.enabled,
        prefix: r.prefix,
        expirationDays: r.expirationDays,
        noncurrentVersionExpirationDays: r.noncurrentVersionExpirationDays,
        abortIncompleteMultipartUploadDays: r.abortIncompleteMultipartUploadDays,
      })),
    );
  }

  deleteBucketLifecycle(bucketName: string, options?: CallOptions): Promise<true | null> {
    return this.run('deleteBucketLifecycle', options, async () => {
      await this.unary(rpc.deleteBucketLifecycle, { bucketName }, options);
      return true as const;
    });
  }

  /**
   * Sets a canned policy ('private', 'public-read', 'public-write', 'public-read-write') or a custom S3
   * policy document (JSON) whose resources name this bucket by your own name.
   */
  setBucketPolicy(
    bucketName: string,
    policy: CannedPolicy | string,
    options?: CallOptions,
  ): Promise<true | null> {
    return this.run('setBucketPolicy', options, async () => {
      const canned = CANNED_TO_TYPE[policy as CannedPolicy];
      await this.unary(
        rpc.setBucketPolicy,
        canned !== undefined
          ? { bucketName, policyType: canned }
          : { bucketName, policyType: PolicyType.CUSTOM, customPolicy: policy },
        options,
      );
      return true as const;
    });
  }

  getBucketPolicy(bucketName: string, options?: CallOptions): Promise<BucketPolicy | null> {
    return this.run('getBucketPolicy', options, async () => {
      const r = await this.unary(rpc.getBucketPolicy, { bucketName }, options);
      return { type: TYPE_TO_NAME[r.policyType] ?? 'private', policy: r.policyJson };
    });
  }

  deleteBucketPolicy(bucketName: string, options?: CallOptions): Promise<true | null> {
    return this.run('deleteBucketPolicy', options, async () => {
      await this.unary(rpc.deleteBucketPolicy, { bucketName }, options);
      return true as const;
    });
  }

  // ---- objects ----

  /** Streams `data` into an object; memory use stays at one chunk whatever the size of a streamed source. */
  uploadObject(
    bucketName: string,
    objectKey: string,
    data: ObjectData,
    options: UploadOptions = {},
  ): Promise<UploadResult | null> {
    return this.run('uploadObject', options, async () => {
      const chunkSize = options.chunkSize ?? 256 * 1024;
      const compress = compressible(options.contentType);
      async function* messages() {
        yield {
          message: {
            part: {
              case: 'header' as const,
              value: {
                bucketName,
                objectKey,
                contentType: options.contentType ?? '',
                metadata: options.metadata ?? {},
                tags: options.tags ?? {},
                contentLength: BigInt(options.contentLength ?? knownLength(data) ?? 0),
              },
            },
          },
          compress: true,
        };
        for await (const chunk of chunksOf(data, chunkSize))
          yield { message: { part: { case: 'chunk' as const, value: chunk } }, compress };
      }
      const r = await this.clientStream(rpc.putObject, messages(), options);
      const info = toObject(r.object);
      return { ...info, objectKey: info.key };
    });
  }

  /** Alias of uploadObject (the reference client's name). */
  putObject(
    bucketName: string,
    objectKey: string,
    data: ObjectData,
    options: UploadOptions = {},
  ): Promise<UploadResult | null> {
    return this.uploadObject(bucketName, objectKey, data, options);
  }

  async uploadFile(
    bucketName: string,
    objectKey: string,
    path: string,
    options: UploadOptions = {},
  ): Promise<UploadResult | null> {
    const size = await stat(path).then(
      (s) => s.size,
      () => undefined,
    );
    return this.uploadObject(
      bucketName,
      objectKey,
      createReadStream(path, { highWaterMark: options.chunkSize ?? 256 * 1024 }),
      {
        ...(size !== undefined ? { contentLength: size } : {}),
        ...options,
      },
    );
  }

  /**
   * Streams an object: yields its bytes chunk by chunk. Failures throw IsaCloudError (a stream cannot
   * resolve to null half-way); use getObject for the null-on-failure style.
   */
  async *getObjectStream(
    bucketName: string,
    objectKey: string,
    options: {
      offset?: number;
      length?: number;
      versionId?: string;
      onInfo?: (info: ObjectInfo) => void;
    } & CallOptions = {},
  ): AsyncGenerator<Uint8Array> {
    const start = options.offset ?? 0;
    const length = options.length ?? 0;
    let received = 0;
    let etag: string | undefined;
    // A download that breaks half-way (the instance died, the connection dropped) resumes where it
    // stopped, on any instance, as long as the object is still the same one (same ETag).
    for (let attempt = 1; ; attempt++) {
      const request = {
        bucketName,
        objectKey,
        offset: BigInt(start + received),
        length: BigInt(length > 0 ? length - received : 0),
        versionId: options.versionId ?? '',
      };
      try {
        for await (const message of this.serverStream(rpc.getObject, request, options)) {
          if (message.part.case === 'info') {
            const info = toObject(message.part.value);
            if (etag === undefined) {
              etag = info.etag;
              options.onInfo?.(info);
            } else if (info.etag !== etag) {
              throw new IsaCloudError({
                service: this.serviceName,
                operation: 'getObject',
                code: GrpcStatus.ABORTED,
                details: `object "${objectKey}" changed while it was being downloaded`,
              });
            }
          } else if (message.part.case === 'chunk') {
            received += message.part.value.byteLength;
            yield message.part.value;
          }
        }
        return;
      } catch (err) {
        const resumable =
          err instanceof IsaCloudError && err.code === GrpcStatus.UNAVAILABLE && etag !== undefined;
        if (!resumable || attempt >= this.maxAttempts || (length > 0 && received >= length)) throw err;
      }
    }
  }

  /** The object's bytes (or a range of them). */
  getObject(
    bucketName: string,
    objectKey: string,
    options: { offset?: number; length?: number; versionId?: string } & CallOptions = {},
  ): Promise<Buffer | null> {
    return this.run('getObject', options, async () => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.getObjectStream(bucketName, objectKey, options)) chunks.push(chunk);
      return Buffer.concat(chunks);
    });
  }

  /** Writes an object to a local file. */
  downloadFile(
    bucketName: string,
    objectKey: string,
    path: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<ObjectInfo | null> {
    return this.run('downloadFile', options, async () => {
      let info: ObjectInfo | undefined;
      await pipeline(
        this.getObjectStream(bucketName, objectKey, {
          ...options,
          onInfo: (i) => {
            info = i;
          },
        }),
        createWriteStream(path),
      );
      return info ?? toObject(undefined);
    });
  }

  statObject(
    bucketName: string,
    objectKey: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<ObjectInfo | null> {
    return this.run('statObject', options, async () =>
      toObject(
        (
          await this.unary(
            rpc.statObject,
            { bucketName, objectKey, versionId: options.versionId ?? '' },
            options,
          )
        ).object,
      ),
    );
  }

  /** Alias of statObject (the reference client's name). */
  getObjectMetadata(
    bucketName: string,
    objectKey: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<ObjectInfo | null> {
    return this.statObject(bucketName, objectKey, options);
  }

  /** One page of objects (at most `maxKeys`, default 1000); see listObjectsPage for continuation. */
  async listObjects(
    bucketName: string,
    options: {
      prefix?: string;
      delimiter?: string;
      maxKeys?: number;
      startAfter?: string;
      continuationToken?: string;
    } & CallOptions = {},
  ): Promise<ObjectInfo[] | null> {
    const page = await this.listObjectsPage(bucketName, options);
    return page ? page.objects : null;
  }

  listObjectsPage(
    bucketName: string,
    options: {
      prefix?: string;
      delimiter?: string;
      maxKeys?: number;
      startAfter?: string;
      continuationToken?: string;
    } & CallOptions = {},
  ): Promise<ObjectPage | null> {
    return this.run('listObjects', options, async () => {
      const r = await this.unary(
        rpc.listObjects,
        {
          bucketName,
          prefix: options.prefix ?? '',
          delimiter: options.delimiter ?? '',
          maxKeys: options.maxKeys ?? 0,
          startAfter: options.startAfter ?? '',
          continuationToken: options.continuationToken ?? '',
        },
        options,
      );
      return {
        objects: r.objects.map(toObject),
        commonPrefixes: r.commonPrefixes,
        isTruncated: r.isTruncated,
        nextContinuationToken: r.nextContinuationToken,
      };
    });
  }

  /** Every object under a prefix, following continuation tokens. Failures throw IsaCloudError. */
  async *listAllObjects(
    bucketName: string,
    options: { prefix?: string } & CallOptions = {},
  ): AsyncGenerator<ObjectInfo> {
    let continuationToken = '';
    do {
      const page = await this.listObjectsPage(bucketName, {
        ...options,
        continuationToken,
        throwOnError: true,
      });
      if (!page) return;
      yield* page.objects;
      continuationToken = page.isTruncated ? page.nextContinuationToken : '';
    } while (continuationToken);
  }

  listObjectVersions(
    bucketName: string,
    options: {
      prefix?: string;
      maxKeys?: number;
      keyMarker?: string;
      versionIdMarker?: string;
    } & CallOptions = {},
  ): Promise<VersionPage | null> {
    return this.run('listObjectVersions', options, async () => {
      const r = await this.unary(
        rpc.listObjectVersions,
        {
          bucketName,
          prefix: options.prefix ?? '',
          maxKeys: options.maxKeys ?? 0,
          keyMarker: options.keyMarker ?? '',
          versionIdMarker: options.versionIdMarker ?? '',
        },
        options,
      );
      return {
        versions: r.versions.map(toObject),
        isTruncated: r.isTruncated,
        nextKeyMarker: r.nextKeyMarker,
        nextVersionIdMarker: r.nextVersionIdMarker,
      };
    });
  }

  /** Copies source → destination (source first), within or across your buckets. */
  copyObject(
    sourceBucket: string,
    sourceKey: string,
    destBucket: string,
    destKey: string,
    options: {
      sourceVersionId?: string;
      metadata?: Record<string, string>;
      contentType?: string;
    } & CallOptions = {},
  ): Promise<ObjectInfo | null> {
    return this.run('copyObject', options, async () => {
      const replace = options.metadata !== undefined || options.contentType !== undefined;
      const r = await this.unary(
        rpc.copyObject,
        {
          sourceBucket,
          sourceKey,
          sourceVersionId: options.sourceVersionId ?? '',
          destBucket,
          destKey,
          metadataDirective: replace ? MetadataDirective.REPLACE : MetadataDirective.COPY,
          metadata: options.metadata ?? {},
          contentType: options.contentType ?? '',
        },
        options,
      );
      return toObject(r.object);
    });
  }

  deleteObject(
    bucketName: string,
    objectKey: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<{ versionId: string; deleteMarker: boolean } | null> {
    return this.run('deleteObject', options, async () => {
      const r = await this.unary(
        rpc.deleteObject,
        { bucketName, objectKey, versionId: options.versionId ?? '' },
        options,
      );
      return { versionId: r.versionId, deleteMarker: r.deleteMarker };
    });
  }

  /** Deletes many objects; per-key failures are reported in `errors` rather than failing the call. */
  deleteObjects(
    bucketName: string,
    keys: Array<string | { key: string; versionId?: string }>,
    options: { quiet?: boolean } & CallOptions = {},
  ): Promise<DeleteObjectsResult | null> {
    return this.run('deleteObjects', options, async () => {
      const objects = keys.map((k) =>
        typeof k === 'string' ? { key: k, versionId: '' } : { key: k.key, versionId: k.versionId ?? '' },
      );
      const r = await this.unary(
        rpc.deleteObjects,
        { bucketName, objects, quiet: options.quiet ?? false },
        options,
      );
      return {
        deleted: r.deleted.map((d) => ({ key: d.key, versionId: d.versionId })),
        errors: r.errors.map((e) => ({
          key: e.key,
          versionId: e.versionId,
          code: e.code,
          message: e.message,
        })),
      };
    });
  }

  setObjectTags(
    bucketName: string,
    objectKey: string,
    tags: Record<string, string>,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('setObjectTags', options, async () => {
      await this.unary(
        rpc.setObjectTags,
        { bucketName, objectKey, tags, versionId: options.versionId ?? '' },
        options,
      );
      return true as const;
    });
  }

  getObjectTags(
    bucketName: string,
    objectKey: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<Record<string, string> | null> {
    return this.run(
      'getObjectTags',
      options,
      async () =>
        (
          await this.unary(
            rpc.getObjectTags,
            { bucketName, objectKey, versionId: options.versionId ?? '' },
            options,
          )
        ).tags,
    );
  }

  deleteObjectTags(
    bucketName: string,
    objectKey: string,
    options: { versionId?: string } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('deleteObjectTags', options, async () => {
      await this.unary(
        rpc.deleteObjectTags,
        { bucketName, objectKey, versionId: options.versionId ?? '' },
        options,
      );
      return true as const;
    });
  }

  // ---- URLs ----

  /** A URL any HTTP client can GET the object from until it expires (default 1 hour, at most 7 days). */
  getPresignedUrl(
    bucketName: string,
    objectKey: string,
    options: { expirySeconds?: number; versionId?: string } & CallOptions = {},
  ): Promise<string | null> {
    return this.run('getPresignedUrl', options, async () => {
      const r = await this.unary(
        rpc.getPresignedURL,
        {
          bucketName,
          objectKey,
          expirySeconds: BigInt(options.expirySeconds ?? 3600),
          versionId: options.versionId ?? '',
        },
        options,
      );
      return r.url;
    });
  }

  /** A URL any HTTP client can PUT the object to until it expires; `contentType` then becomes mandatory. */
  getPresignedPutUrl(
    bucketName: string,
    objectKey: string,
    options: { expirySeconds?: number; contentType?: string } & CallOptions = {},
  ): Promise<string | null> {
    return this.run('getPresignedPutUrl', options, async () => {
      const r = await this.unary(
        rpc.getPresignedPutURL,
        {
          bucketName,
          objectKey,
          expirySeconds: BigInt(options.expirySeconds ?? 3600),
          contentType: options.contentType ?? '',
        },
        options,
      );
      return r.url;
    });
  }

  generatePresignedUrl(
    bucketName: string,
    objectKey: string,
    options: { method?: 'GET' | 'PUT'; expirySeconds?: number; contentType?: string } & CallOptions = {},
  ): Promise<string | null> {
    return options.method === 'PUT'
      ? this.getPresignedPutUrl(bucketName, objectKey, options)
      : this.getPresignedUrl(bucketName, objectKey, options);
  }

  /** The unsigned URL of an object in a bucket whose policy allows anonymous reads. */
  getPublicUrl(bucketName: string, objectKey: string, options?: CallOptions): Promise<string | null> {
    return this.run(
      'getPublicUrl',
      options,
      async () => (await this.unary(rpc.getPublicURL, { bucketName, objectKey }, options)).url,
    );
  }

  // ---- multipart ----

  initiateMultipartUpload(
    bucketName: string,
    objectKey: string,
    options: { contentType?: string; metadata?: Record<string, string> } & CallOptions = {},
  ): Promise<string | null> {
    return this.run('initiateMultipartUpload', options, async () => {
      const r = await this.unary(
        rpc.initiateMultipartUpload,
        { bucketName, objectKey, contentType: options.contentType ?? '', metadata: options.metadata ?? {} },
        options,
      );
      return r.uploadId;
    });
  }

  uploadPart(
    bucketName: string,
    objectKey: string,
    uploadId: string,
    partNumber: number,
    data: ObjectData,
    options: { chunkSize?: number } & CallOptions = {},
  ): Promise<Part | null> {
    return this.run('uploadPart', options, async () => {
      const chunkSize = options.chunkSize ?? 256 * 1024;
      async function* messages() {
        yield {
          message: {
            part: { case: 'header' as const, value: { bucketName, objectKey, uploadId, partNumber } },
          },
          compress: true,
        };
        for await (const chunk of chunksOf(data, chunkSize))
          yield { message: { part: { case: 'chunk' as const, value: chunk } }, compress: false };
      }
      const r = await this.clientStream(rpc.uploadPart, messages(), options);
      return { partNumber: r.partNumber, etag: r.etag, size: Number(r.size) };
    });
  }

  completeMultipartUpload(
    bucketName: string,
    objectKey: string,
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
    options?: CallOptions,
  ): Promise<ObjectInfo | null> {
    return this.run('completeMultipartUpload', options, async () =>
      toObject(
        (await this.unary(rpc.completeMultipartUpload, { bucketName, objectKey, uploadId, parts }, options))
          .object,
      ),
    );
  }

  abortMultipartUpload(
    bucketName: string,
    objectKey: string,
    uploadId: string,
    options?: CallOptions,
  ): Promise<true | null> {
    return this.run('abortMultipartUpload', options, async () => {
      await this.unary(rpc.abortMultipartUpload, { bucketName, objectKey, uploadId }, options);
      return true as const;
    });
  }

  listMultipartUploads(
    bucketName: string,
    options: { prefix?: string } & CallOptions = {},
  ): Promise<Array<{ objectKey: string; uploadId: string; initiated: Date | undefined }> | null> {
    return this.run('listMultipartUploads', options, async () =>
      (
        await this.unary(rpc.listMultipartUploads, { bucketName, prefix: options.prefix ?? '' }, options)
      ).uploads.map((u) => ({
        objectKey: u.objectKey,
        uploadId: u.uploadId,
        initiated: date(u.initiated),
      })),
    );
  }

  listParts(
    bucketName: string,
    objectKey: string,
    uploadId: string,
    options?: CallOptions,
  ): Promise<Part[] | null> {
    return this.run('listParts', options, async () =>
      (await this.unary(rpc.listParts, { bucketName, objectKey, uploadId }, options)).parts.map((p) => ({
        partNumber: p.partNumber,
        etag: p.etag,
        size: Number(p.size),
        lastModified: date(p.lastModified),
      })),
    );
  }
}
