import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteBucketLifecycleCommand,
  DeleteBucketPolicyCommand,
  DeleteBucketTaggingCommand,
  DeleteObjectCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { isConnectionError, ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import type {
  BucketRecord,
  CopyOptions,
  DeleteResult,
  GetOptions,
  LifecycleRuleRecord,
  ListOptions,
  ListPage,
  ListVersionsOptions,
  ObjectRecord,
  ObjectRef,
  ObjectStore,
  PartRecord,
  PutOptions,
  UploadRecord,
  VersioningStatus,
  VersionsPage,
} from './store.js';

// The AWS SDK warns on every start that releases after January 2027 will need Node 22. The lockfile pins
// a release that supports Node 20 (the platform's floor), so the warning is only noise for operators.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface S3StoreConfig {
  endpoint: string;
  /** Host clients use in presigned and public URLs, when it differs from `endpoint`. */
  publicEndpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

const UPLOAD_PART_SIZE = 8 * 1024 * 1024;

const unquote = (etag: string | undefined) => (etag ?? '').replace(/"/g, '');

/** Turns an S3 failure into the platform's status codes; `subject` names what was addressed. */
function mapError(err: unknown, subject: 'bucket' | 'object' | 'upload' = 'object'): never {
  if (err instanceof ServiceError) throw err;
  if (isConnectionError(err)) throw ServiceError.unavailable('object storage backend unreachable', err);
  if (err instanceof S3ServiceException) {
    const status = err.$metadata.httpStatusCode;
    switch (err.name) {
      case 'NoSuchBucket':
        throw ServiceError.notFound('bucket');
      case 'NoSuchKey':
        throw ServiceError.notFound('object');
      case 'NoSuchVersion':
        throw ServiceError.notFound('object version');
      case 'NoSuchUpload':
        throw ServiceError.notFound('multipart upload');
      case 'NotFound':
        throw ServiceError.notFound(subject === 'upload' ? 'multipart upload' : subject);
      case 'BucketAlreadyOwnedByYou':
      case 'BucketAlreadyExists':
        throw ServiceError.alreadyExists('bucket');
      case 'BucketNotEmpty':
        throw ServiceError.failedPrecondition('bucket is not empty (use force to delete its objects)');
      case 'InvalidPart':
      case 'InvalidPartOrder':
      case 'EntityTooSmall':
        throw ServiceError.invalidArgument('parts', err.message);
      case 'InvalidRange':
        throw ServiceError.outOfRange('offset', 'is beyond the end of the object');
      case 'MethodNotAllowed':
      case 'NotImplemented':
        throw ServiceError.unimplemented(
          `the object storage backend does not support this operation (${err.message})`,
        );
      case 'AccessDenied':
      case 'InvalidAccessKeyId':
      case 'SignatureDoesNotMatch':
        throw ServiceError.unavailable('object storage backend refused the service credentials', err);
    }
    if (status === 501 || status === 405)
      throw ServiceError.unimplemented('the object storage backend does not support this operation');
    if (status === 503 || status === 502)
      throw ServiceError.unavailable('object storage backend unavailable', err);
  }
  throw err;
}

function s3Error(err: unknown, name: string): boolean {
  return (
    err instanceof S3ServiceException && (err.name === name || err.name === name.replace('Configuration', ''))
  );
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

async function* webToIterable(body: unknown): AsyncIterable<Uint8Array> {
  if (body === undefined || body === null) return;
  yield* body as AsyncIterable<Uint8Array>;
}

/** Any S3-compatible endpoint (MinIO in production, s3rver in tests), path-style. */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly publicBase: string;

  constructor(private readonly config: S3StoreConfig) {
    const common = {
      region: config.region,
      forcePathStyle: true,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Trailing checksums use aws-chunked uploads that older S3 servers (and s3rver) reject.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
      maxAttempts: 2,
    };
    this.client = new S3Client({ ...common, endpoint: config.endpoint });
    // Signatures cover the host, so URLs for outside clients are signed against the public endpoint.
    this.publicBase = (config.publicEndpoint ?? config.endpoint).replace(/\/+$/, '');
    this.presigner = config.publicEndpoint
      ? new S3Client({ ...common, endpoint: config.publicEndpoint })
      : this.client;
  }

  async health(): Promise<ProbeResult> {
    try {
      await this.client.send(new ListBucketsCommand({}));
      return { healthy: true, details: { backend: 's3', endpoint: this.config.endpoint } };
    } catch (err) {
      return {
        healthy: false,
        message: `S3 endpoint ${this.config.endpoint} not usable: ${(err as Error).message}`,
      };
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
    if (this.presigner !== this.client) this.presigner.destroy();
  }

  private async call<T>(work: () => Promise<T>, subject?: 'bucket' | 'object' | 'upload'): Promise<T> {
    try {
      return await work();
    } catch (err) {
      mapError(err, subject);
    }
  }

  // ---- buckets ----

  async createBucket(bucket: string, options: { region: string }): Promise<BucketRecord> {
    await this.call(() =>
      this.client.send(
        new CreateBucketCommand({
          Bucket: bucket,
          ...(options.region && options.region !== 'us-east-1'
            ? { CreateBucketConfiguration: { LocationConstraint: options.region as never } }
            : {}),
        }),
      ),
    );
    const head = await this.headBucket(bucket);
    return head ?? { name: bucket, createdAt: new Date(), region: options.region };
  }

  async deleteBucket(bucket: string): Promise<void> {
    await this.call(() => this.client.send(new DeleteBucketCommand({ Bucket: bucket })), 'bucket');
  }

  async headBucket(bucket: string): Promise<BucketRecord | undefined> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      if (err instanceof S3ServiceException && (err.name === 'NotFound' || err.name === 'NoSuchBucket'))
        return undefined;
      mapError(err, 'bucket');
    }
    const listed = (await this.listBuckets()).find((b) => b.name === bucket);
    let region = this.config.region;
    try {
      const location = await this.client.send(new GetBucketLocationCommand({ Bucket: bucket }));
      region = location.LocationConstraint || 'us-east-1';
    } catch {
      // Not every S3 server answers GetBucketLocation; the configured region is the right default.
    }
    return { name: bucket, createdAt: listed?.createdAt ?? new Date(0), region };
  }

  async listBuckets(): Promise<BucketRecord[]> {
    const out = await this.call(() => this.client.send(new ListBucketsCommand({})));
    return (out.Buckets ?? []).map((b) => ({
      name: b.Name ?? '',
      createdAt: b.CreationDate ?? new Date(0),
      region: this.config.region,
    }));
  }

  async getBucketTags(bucket: string): Promise<Record<string, string>> {
    try {
      const out = await this.client.send(new GetBucketTaggingCommand({ Bucket: bucket }));
      return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
    } catch (err) {
      if (s3Error(err, 'NoSuchTagSet') || s3Error(err, 'NoSuchTagSetError')) return {};
      mapError(err, 'bucket');
    }
  }

  async setBucketTags(bucket: string, tags: Record<string, string>): Promise<void> {
    if (Object.keys(tags).length === 0) {
      await this.call(() => this.client.send(new DeleteBucketTaggingCommand({ Bucket: bucket })), 'bucket');
      return;
    }
    await this.call(
      () =>
        this.client.send(
          new PutBucketTaggingCommand({
            Bucket: bucket,
            Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
          }),
        ),
      'bucket',
    );
  }

  async getVersioning(bucket: string): Promise<VersioningStatus> {
    const out = await this.call(
      () => this.client.send(new GetBucketVersioningCommand({ Bucket: bucket })),
      'bucket',
    );
    return out.Status === 'Enabled' ? 'Enabled' : out.Status === 'Suspended' ? 'Suspended' : '';
  }

  async setVersioning(bucket: string, enabled: boolean): Promise<void> {
    try {
      await this.client.send(
        new PutBucketVersioningCommand({
          Bucket: bucket,
          VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended' },
        }),
      );
    } catch (err) {
      // Servers without versioning (s3rver) take the request for a bucket creation and say it exists.
      if (s3Error(err, 'BucketAlreadyExists') || s3Error(err, 'BucketAlreadyOwnedByYou')) {
        throw ServiceError.unimplemented('the object storage backend does not support versioning');
      }
      mapError(err, 'bucket');
    }
  }

  async getLifecycle(bucket: string): Promise<LifecycleRuleRecord[]> {
    try {
      const out = await this.client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }));
      return (out.Rules ?? []).map((r) => ({
        id: r.ID ?? '',
        enabled: r.Status === 'Enabled',
        prefix: r.Filter?.Prefix ?? r.Prefix ?? '',
        expirationDays: r.Expiration?.Days ?? 0,
        noncurrentVersionExpirationDays: r.NoncurrentVersionExpiration?.NoncurrentDays ?? 0,
        abortIncompleteMultipartUploadDays: r.AbortIncompleteMultipartUpload?.DaysAfterInitiation ?? 0,
      }));
    } catch (err) {
      if (s3Error(err, 'NoSuchLifecycleConfiguration')) return [];
      mapError(err, 'bucket');
    }
  }

  async setLifecycle(bucket: string, rules: LifecycleRuleRecord[]): Promise<void> {
    if (rules.length === 0) {
      await this.call(() => this.client.send(new DeleteBucketLifecycleCommand({ Bucket: bucket })), 'bucket');
      return;
    }
    await this.call(
      () =>
        this.client.send(
          new PutBucketLifecycleConfigurationCommand({
            Bucket: bucket,
            LifecycleConfiguration: {
              Rules: rules.map((r) => ({
                ID: r.id,
                Status: r.enabled ? 'Enabled' : 'Disabled',
                Filter: { Prefix: r.prefix },
                ...(r.expirationDays ? { Expiration: { Days: r.expirationDays } } : {}),
                ...(r.noncurrentVersionExpirationDays
                  ? { NoncurrentVersionExpiration: { NoncurrentDays: r.noncurrentVersionExpirationDays } }
                  : {}),
                ...(r.abortIncompleteMultipartUploadDays
                  ? {
                      AbortIncompleteMultipartUpload: {
                        DaysAfterInitiation: r.abortIncompleteMultipartUploadDays,
                      },
                    }
                  : {}),
              })),
            },
          }),
        ),
      'bucket',
    );
  }

  async getPolicy(bucket: string): Promise<string | undefined> {
    try {
      return (await this.client.send(new GetBucketPolicyCommand({ Bucket: bucket }))).Policy;
    } catch (err) {
      if (s3Error(err, 'NoSuchBucketPolicy')) return undefined;
      mapError(err, 'bucket');
    }
  }

  async setPolicy(bucket: string, policy: string | undefined): Promise<void> {
    await this.call(
      () =>
        policy === undefined
          ? this.client.send(new DeleteBucketPolicyCommand({ Bucket: bucket }))
          : this.client.send(new PutBucketPolicyCommand({ Bucket: bucket, Policy: policy })),
      'bucket',
    );
  }

  // ---- objects ----

  async putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<ObjectRecord> {
    let size = 0;
    const counted = async function* () {
      for await (const chunk of body) {
        size += chunk.byteLength;
        if (options.contentLength && size > options.contentLength) {
          throw ServiceError.invalidArgument(
            'content_length',
            `more than the declared ${options.contentLength} bytes arrived`,
          );
        }
        yield chunk;
      }
      if (options.contentLength && size !== options.contentLength) {
        throw ServiceError.invalidArgument(
          'content_length',
          `declared ${options.contentLength} bytes, got ${size}`,
        );
      }
    };
    const source = Readable.from(counted());
    // The SDK may stop reading (the server answered, or it gave up); a later error of the source must not
    // become an unhandled 'error' event. The upload's own promise carries any failure that matters.
    source.on('error', () => undefined);
    const params = {
      Bucket: bucket,
      Key: key,
      Body: source,
      ContentType: options.contentType,
      Metadata: options.metadata,
    };
    let out: { ETag?: string | undefined; VersionId?: string | undefined };
    if (options.contentLength > 0) {
      // Known length: one streaming PUT, no buffering, and no multipart support needed from the server.
      out = await this.call(
        () =>
          this.client.send(new PutObjectCommand({ ...params, ContentLength: options.contentLength }), {
            abortSignal: options.signal,
          }),
        'bucket',
      );
    } else {
      // lib-storage sends small bodies as one PUT and large ones as a multipart upload, holding at most
      // queueSize parts in memory whatever the object size.
      const upload = new Upload({
        client: this.client,
        partSize: UPLOAD_PART_SIZE,
        queueSize: 2,
        leavePartsOnError: false,
        params,
      });
      const onAbort = () => void upload.abort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      try {
        out = await this.call(() => upload.done(), 'bucket');
      } finally {
        options.signal.removeEventListener('abort', onAbort);
      }
    }
    // Tags go in a request of their own: not every S3 server honours the x-amz-tagging upload header.
    if (Object.keys(options.tags).length > 0)
      await this.setObjectTags(bucket, key, options.tags, out.VersionId);
    return {
      key,
      size,
      etag: unquote(out.ETag),
      contentType: options.contentType,
      lastModified: new Date(),
      metadata: options.metadata,
      versionId: out.VersionId ?? '',
      isLatest: true,
      deleteMarker: false,
    };
  }

  async statObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord> {
    const out = await this.call(
      () =>
        this.client.send(
          new HeadObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
        ),
      'object',
    );
    return {
      key,
      size: out.ContentLength ?? 0,
      etag: unquote(out.ETag),
      contentType: out.ContentType ?? 'application/octet-stream',
      lastModified: out.LastModified ?? new Date(0),
      metadata: out.Metadata ?? {},
      versionId: out.VersionId ?? '',
      isLatest: true,
      deleteMarker: out.DeleteMarker ?? false,
    };
  }

  async getObject(
    bucket: string,
    key: string,
    options: GetOptions,
  ): Promise<{ info: ObjectRecord; body: AsyncIterable<Uint8Array> }> {
    const ranged = options.offset > 0 || options.length > 0;
    const range = ranged
      ? `bytes=${options.offset}-${options.length > 0 ? options.offset + options.length - 1 : ''}`
      : undefined;
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: bucket,
          Key: key,
          ...(options.versionId ? { VersionId: options.versionId } : {}),
          ...(range ? { Range: range } : {}),
        }),
      );
      const total = out.ContentRange ? Number(out.ContentRange.split('/')[1]) : (out.ContentLength ?? 0);
      return {
        info: {
          key,
          size: total,
          etag: unquote(out.ETag),
          contentType: out.ContentType ?? 'application/octet-stream',
          lastModified: out.LastModified ?? new Date(0),
          metadata: out.Metadata ?? {},
          versionId: out.VersionId ?? '',
          isLatest: true,
          deleteMarker: false,
        },
        body: webToIterable(out.Body),
      };
    } catch (err) {
      if (s3Error(err, 'InvalidRange')) {
        // S3 refuses a range starting exactly at the end; that is an empty read, not an error.
        const info = await this.statObject(bucket, key, options.versionId);
        if (options.offset === info.size) return { info, body: emptyBody() };
        throw ServiceError.outOfRange('offset', `is beyond the end of the object (${info.size} bytes)`);
      }
      mapError(err, 'object');
    }
  }

  async listObjects(bucket: string, options: ListOptions): Promise<ListPage> {
    const out = await this.call(
      () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            MaxKeys: options.maxKeys,
            ...(options.prefix ? { Prefix: options.prefix } : {}),
            ...(options.delimiter ? { Delimiter: options.delimiter } : {}),
            ...(options.startAfter ? { StartAfter: options.startAfter } : {}),
            ...(options.continuationToken ? { ContinuationToken: options.continuationToken } : {}),
          }),
        ),
      'bucket',
    );
    return {
      objects: (out.Contents ?? []).map((o) => ({
        key: o.Key ?? '',
        size: o.Size ?? 0,
        etag: unquote(o.ETag),
        contentType: '',
        lastModified: o.LastModified ?? new Date(0),
        metadata: {},
        versionId: '',
        isLatest: true,
        deleteMarker: false,
      })),
      commonPrefixes: (out.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''),
      isTruncated: out.IsTruncated ?? false,
      nextContinuationToken: out.NextContinuationToken ?? '',
    };
  }

  async listObjectVersions(bucket: string, options: ListVersionsOptions): Promise<VersionsPage> {
    const out = await this.call(
      () =>
        this.client.send(
          new ListObjectVersionsCommand({
            Bucket: bucket,
            MaxKeys: options.maxKeys,
            ...(options.prefix ? { Prefix: options.prefix } : {}),
            ...(options.keyMarker ? { KeyMarker: options.keyMarker } : {}),
            ...(options.versionIdMarker ? { VersionIdMarker: options.versionIdMarker } : {}),
          }),
        ),
      'bucket',
    );
    const versions: ObjectRecord[] = [
      ...(out.Versions ?? []).map((v) => ({
        key: v.Key ?? '',
        size: v.Size ?? 0,
        etag: unquote(v.ETag),
        contentType: '',
        lastModified: v.LastModified ?? new Date(0),
        metadata: {},
        versionId: v.VersionId ?? '',
        isLatest: v.IsLatest ?? false,
        deleteMarker: false,
      })),
      ...(out.DeleteMarkers ?? []).map((m) => ({
        key: m.Key ?? '',
        size: 0,
        etag: '',
        contentType: '',
        lastModified: m.LastModified ?? new Date(0),
        metadata: {},
        versionId: m.VersionId ?? '',
        isLatest: m.IsLatest ?? false,
        deleteMarker: true,
      })),
    ].sort((a, b) =>
      a.key < b.key ? -1 : a.key > b.key ? 1 : b.lastModified.getTime() - a.lastModified.getTime(),
    );
    return {
      versions,
      isTruncated: out.IsTruncated ?? false,
      nextKeyMarker: out.NextKeyMarker ?? '',
      nextVersionIdMarker: out.NextVersionIdMarker ?? '',
    };
  }

  async copyObject(
    source: ObjectRef,
    dest: { bucket: string; key: string },
    options: CopyOptions,
  ): Promise<ObjectRecord> {
    const copySource = `${source.bucket}/${source.key.split('/').map(encodeURIComponent).join('/')}${
      source.versionId ? `?versionId=${encodeURIComponent(source.versionId)}` : ''
    }`;
    await this.call(
      () =>
        this.client.send(
          new CopyObjectCommand({
            Bucket: dest.bucket,
            Key: dest.key,
            CopySource: copySource,
            ...(options.replaceMetadata
              ? { MetadataDirective: 'REPLACE', Metadata: options.metadata, ContentType: options.contentType }
              : { MetadataDirective: 'COPY' }),
          }),
        ),
      'object',
    );
    return this.statObject(dest.bucket, dest.key);
  }

  async deleteObject(bucket: string, key: string, versionId?: string): Promise<DeleteResult> {
    const out = await this.call(
      () =>
        this.client.send(
          new DeleteObjectCommand({
            Bucket: bucket,
            Key: key,
            ...(versionId ? { VersionId: versionId } : {}),
          }),
        ),
      'bucket',
    );
    return { versionId: out.VersionId ?? versionId ?? '', deleteMarker: out.DeleteMarker ?? false };
  }

  async getObjectTags(bucket: string, key: string, versionId?: string): Promise<Record<string, string>> {
    const out = await this.call(
      () =>
        this.client.send(
          new GetObjectTaggingCommand({
            Bucket: bucket,
            Key: key,
            ...(versionId ? { VersionId: versionId } : {}),
          }),
        ),
      'object',
    );
    return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  }

  async setObjectTags(
    bucket: string,
    key: string,
    tags: Record<string, string>,
    versionId?: string,
  ): Promise<void> {
    await this.call(
      () =>
        this.client.send(
          new PutObjectTaggingCommand({
            Bucket: bucket,
            Key: key,
            ...(versionId ? { VersionId: versionId } : {}),
            Tagging: { TagSet: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })) },
          }),
        ),
      'object',
    );
  }

  // ---- multipart ----

  async initiateMultipart(
    bucket: string,
    key: string,
    options: { contentType: string; metadata: Record<string, string> },
  ): Promise<string> {
    const out = await this.call(
      () =>
        this.client.send(
          new CreateMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            ContentType: options.contentType,
            Metadata: options.metadata,
          }),
        ),
      'bucket',
    );
    return out.UploadId ?? '';
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: AsyncIterable<Uint8Array>,
  ): Promise<PartRecord> {
    // UploadPart needs the length up front: spool the part to a temporary file so memory stays bounded.
    const dir = join(tmpdir(), 'isa-cloud-parts');
    await mkdir(dir, { recursive: true });
    const file = join(dir, randomUUID());
    let size = 0;
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        for await (const chunk of body) {
          size += chunk.byteLength;
          await handle.write(chunk);
        }
      } finally {
        await handle.close();
      }
      const out = await this.call(
        () =>
          this.client.send(
            new UploadPartCommand({
              Bucket: bucket,
              Key: key,
              UploadId: uploadId,
              PartNumber: partNumber,
              ContentLength: size,
              Body: createReadStream(file),
            }),
          ),
        'upload',
      );
      return { partNumber, etag: unquote(out.ETag), size, lastModified: new Date() };
    } finally {
      await rm(file, { force: true });
    }
  }

  async completeMultipart(
    bucket: string,
    key: string,
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
  ): Promise<ObjectRecord> {
    await this.call(
      () =>
        this.client.send(
          new CompleteMultipartUploadCommand({
            Bucket: bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })) },
          }),
        ),
      'upload',
    );
    return this.statObject(bucket, key);
  }

  async abortMultipart(bucket: string, key: string, uploadId: string): Promise<void> {
    await this.call(
      () =>
        this.client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId })),
      'upload',
    );
  }

  async listMultipartUploads(bucket: string, prefix: string): Promise<UploadRecord[]> {
    const out = await this.call(
      () =>
        this.client.send(
          new ListMultipartUploadsCommand({ Bucket: bucket, ...(prefix ? { Prefix: prefix } : {}) }),
        ),
      'bucket',
    );
    return (out.Uploads ?? []).map((u) => ({
      key: u.Key ?? '',
      uploadId: u.UploadId ?? '',
      initiated: u.Initiated ?? new Date(0),
    }));
  }

  async listParts(bucket: string, key: string, uploadId: string): Promise<PartRecord[]> {
    const out = await this.call(
      () => this.client.send(new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId })),
      'upload',
    );
    return (out.Parts ?? []).map((p) => ({
      partNumber: p.PartNumber ?? 0,
      etag: unquote(p.ETag),
      size: p.Size ?? 0,
      lastModified: p.LastModified ?? new Date(0),
    }));
  }

  // ---- URLs ----

  presignGet(bucket: string, key: string, expirySeconds: number, versionId?: string): Promise<string> {
    return getSignedUrl(
      this.presigner,
      new GetObjectCommand({ Bucket: bucket, Key: key, ...(versionId ? { VersionId: versionId } : {}) }),
      { expiresIn: expirySeconds },
    );
  }

  presignPut(bucket: string, key: string, expirySeconds: number, contentType?: string): Promise<string> {
    return getSignedUrl(
      this.presigner,
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ...(contentType ? { ContentType: contentType } : {}),
      }),
      { expiresIn: expirySeconds, ...(contentType ? { signableHeaders: new Set(['content-type']) } : {}) },
    );
  }

  publicUrl(bucket: string, key: string): string {
    return `${this.publicBase}/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }
}
