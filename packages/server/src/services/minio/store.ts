import type { ProbeResult } from '../../platform/health.js';

/**
 * The object storage backend, in physical bucket names. Tenancy is not its concern: the handlers map the
 * caller's names to physical ones before calling it. Adapters: FsObjectStore (embedded, files under the
 * data dir) and S3ObjectStore (MinIO or any S3-compatible endpoint).
 *
 * Adapters throw ServiceError for the caller's mistakes (NOT_FOUND, ALREADY_EXISTS, ...), UNIMPLEMENTED
 * for what the backend cannot do, and UNAVAILABLE when the backend cannot be reached.
 */
export interface ObjectStore {
  readonly kind: 'fs' | 's3';
  health(): Promise<ProbeResult>;
  close(): Promise<void>;

  createBucket(bucket: string, options: { region: string }): Promise<BucketRecord>;
  /** The bucket must be empty. */
  deleteBucket(bucket: string): Promise<void>;
  headBucket(bucket: string): Promise<BucketRecord | undefined>;
  listBuckets(): Promise<BucketRecord[]>;
  getBucketTags(bucket: string): Promise<Record<string, string>>;
  setBucketTags(bucket: string, tags: Record<string, string>): Promise<void>;
  getVersioning(bucket: string): Promise<VersioningStatus>;
  setVersioning(bucket: string, enabled: boolean): Promise<void>;
  getLifecycle(bucket: string): Promise<LifecycleRuleRecord[]>;
  setLifecycle(bucket: string, rules: LifecycleRuleRecord[]): Promise<void>;
  /** The bucket policy document (physical names), or undefined when there is none. */
  getPolicy(bucket: string): Promise<string | undefined>;
  setPolicy(bucket: string, policy: string | undefined): Promise<void>;

  putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<ObjectRecord>;
  getObject(
    bucket: string,
    key: string,
    options: GetOptions,
  ): Promise<{ info: ObjectRecord; body: AsyncIterable<Uint8Array> }>;
  statObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord>;
  listObjects(bucket: string, options: ListOptions): Promise<ListPage>;
  listObjectVersions(bucket: string, options: ListVersionsOptions): Promise<VersionsPage>;
  copyObject(
    source: ObjectRef,
    dest: { bucket: string; key: string },
    options: CopyOptions,
  ): Promise<ObjectRecord>;
  deleteObject(bucket: string, key: string, versionId?: string): Promise<DeleteResult>;
  getObjectTags(bucket: string, key: string, versionId?: string): Promise<Record<string, string>>;
  setObjectTags(bucket: string, key: string, tags: Record<string, string>, versionId?: string): Promise<void>;

  initiateMultipart(
    bucket: string,
    key: string,
    options: { contentType: string; metadata: Record<string, string> },
  ): Promise<string>;
  uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: AsyncIterable<Uint8Array>,
  ): Promise<PartRecord>;
  completeMultipart(
    bucket: string,
    key: string,
    uploadId: string,
    parts: Array<{ partNumber: number; etag: string }>,
  ): Promise<ObjectRecord>;
  abortMultipart(bucket: string, key: string, uploadId: string): Promise<void>;
  listMultipartUploads(bucket: string, prefix: string): Promise<UploadRecord[]>;
  listParts(bucket: string, key: string, uploadId: string): Promise<PartRecord[]>;

  presignGet(bucket: string, key: string, expirySeconds: number, versionId?: string): Promise<string>;
  presignPut(bucket: string, key: string, expirySeconds: number, contentType?: string): Promise<string>;
  /** Unsigned URL of an object; it works when the bucket policy allows anonymous reads. */
  publicUrl(bucket: string, key: string): string;
}

export interface BucketRecord {
  name: string;
  createdAt: Date;
  region: string;
}

export type VersioningStatus = '' | 'Enabled' | 'Suspended';

export interface LifecycleRuleRecord {
  id: string;
  enabled: boolean;
  prefix: string;
  expirationDays: number;
  noncurrentVersionExpirationDays: number;
  abortIncompleteMultipartUploadDays: number;
}

export interface ObjectRecord {
  key: string;
  size: number;
  etag: string;
  contentType: string;
  lastModified: Date;
  metadata: Record<string, string>;
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
}

export interface PutOptions {
  contentType: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  /** When > 0, the upload must carry exactly this many bytes. */
  contentLength: number;
  signal: AbortSignal;
}

export interface GetOptions {
  versionId?: string;
  offset: number;
  /** 0 = to the end. */
  length: number;
}

export interface ListOptions {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  startAfter: string;
  continuationToken: string;
}

export interface ListPage {
  objects: ObjectRecord[];
  commonPrefixes: string[];
  isTruncated: boolean;
  nextContinuationToken: string;
}

export interface ListVersionsOptions {
  prefix: string;
  maxKeys: number;
  keyMarker: string;
  versionIdMarker: string;
}

export interface VersionsPage {
  versions: ObjectRecord[];
  isTruncated: boolean;
  nextKeyMarker: string;
  nextVersionIdMarker: string;
}

export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
}

export interface CopyOptions {
  /** Replace the metadata and content type instead of keeping the source's. */
  replaceMetadata: boolean;
  metadata: Record<string, string>;
  contentType: string;
}

export interface DeleteResult {
  versionId: string;
  deleteMarker: boolean;
}

export interface UploadRecord {
  key: string;
  uploadId: string;
  initiated: Date;
}

export interface PartRecord {
  partNumber: number;
  etag: string;
  size: number;
  lastModified: Date;
}

/** S3 requires every part but the last to be at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;
export const MAX_PART_NUMBER = 10_000;
