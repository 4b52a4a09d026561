import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import { KeyedMutex } from '../../platform/keyed-mutex.js';
import { compareKeys, KeyIndex } from './key-index.js';
import type { UrlSigner } from './presign.js';
import {
  type BucketRecord,
  type CopyOptions,
  type DeleteResult,
  type GetOptions,
  type LifecycleRuleRecord,
  type ListOptions,
  type ListPage,
  type ListVersionsOptions,
  MIN_PART_SIZE,
  type ObjectRecord,
  type ObjectRef,
  type ObjectStore,
  type PartRecord,
  type PutOptions,
  type UploadRecord,
  type VersioningStatus,
  type VersionsPage,
} from './store.js';

interface BucketFile {
  createdAt: number;
  region: string;
  tags: Record<string, string>;
  versioning: VersioningStatus;
  lifecycle: LifecycleRuleRecord[];
  policy?: string;
}

interface VersionEntry {
  versionId: string;
  size: number;
  etag: string;
  contentType: string;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  lastModified: number;
  deleteMarker: boolean;
  /** File under data/ holding the bytes (absent for delete markers). */
  blob?: string;
}

interface MetaFile {
  key: string;
  /** Newest first. */
  versions: VersionEntry[];
}

interface UploadFile {
  key: string;
  contentType: string;
  metadata: Record<string, string>;
  initiated: number;
}

const NULL_VERSION = 'null';
// Matches the handlers' download chunk, so reads pass through without being re-framed (copied).
const READ_CHUNK = 256 * 1024;

export const bucketNotFound = () => ServiceError.notFound('bucket');
export const objectNotFound = () => ServiceError.notFound('object');
const versionNotFound = () => ServiceError.notFound('object version');
const uploadNotFound = () => ServiceError.notFound('multipart upload');

function newVersionId(): string {
  // Time-ordered so versions of a key sort by age, random so ids cannot be guessed.
  return `${Date.now().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;
}

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}

function toRecord(key: string, v: VersionEntry, isLatest: boolean): ObjectRecord {
  return {
    key,
    size: v.size,
    etag: v.etag,
    contentType: v.contentType,
    lastModified: new Date(v.lastModified),
    metadata: v.metadata,
    versionId: v.versionId,
    isLatest,
    deleteMarker: v.deleteMarker,
  };
}

interface Written {
  blob: string;
  size: number;
  etag: string;
}

/**
 * The embedded object store: every bucket is a directory under the data dir. Object bytes live in
 * immutable blob files; a key's versions live in one small JSON file replaced atomically (write, fsync,
 * rename), so a crash mid-upload never leaves a half object visible: the blob is only referenced once
 * it is complete. Keys are kept in a sorted in-memory index per bucket for listing with delimiters and
 * continuation tokens.
 */
export class FsObjectStore implements ObjectStore {
  readonly kind = 'fs' as const;
  private readonly root: string;
  private readonly indexes = new Map<string, Promise<KeyIndex>>();
  private readonly locks = new KeyedMutex();
  private readonly startedAt = Date.now();

  constructor(
    dataDir: string,
    private readonly signer: UrlSigner,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.root = join(dataDir, 'buckets');
  }

  async init(): Promise<void> {
    await mkdir(this.root, { recursive: true });
  }

  async health(): Promise<ProbeResult> {
    // Written beside the buckets, not among them, so a listing never meets it.
    // One file per probe: the background monitor and a HealthCheck call may probe at the same time.
    const probe = join(this.root, '..', `.probe-${randomUUID()}`);
    await writeFile(probe, 'ok');
    await unlink(probe);
    return { healthy: true, details: { backend: 'fs', root: this.root } };
  }

  async close(): Promise<void> {}

  // ---- buckets ----

  private dir(bucket: string, ...parts: string[]): string {
    return join(this.root, bucket, ...parts);
  }

  private async readBucket(bucket: string): Promise<BucketFile> {
    try {
      return JSON.parse(await readFile(this.dir(bucket, 'bucket.json'), 'utf8')) as BucketFile;
    } catch (err) {
      if (isMissing(err)) throw bucketNotFound();
      throw err;
    }
  }

  private async updateBucket(bucket: string, change: (b: BucketFile) => void): Promise<void> {
    await this.locks.run(`bucket:${bucket}`, async () => {
      const current = await this.readBucket(bucket);
      change(current);
      await writeAtomic(this.dir(bucket, 'bucket.json'), JSON.stringify(current));
    });
  }

  async createBucket(bucket: string, options: { region: string }): Promise<BucketRecord> {
    try {
      await mkdir(this.dir(bucket));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw ServiceError.alreadyExists('bucket');
      throw err;
    }
    await Promise.all(['meta', 'data', 'uploads'].map((d) => mkdir(this.dir(bucket, d))));
    const file: BucketFile = {
      createdAt: this.now().getTime(),
      region: options.region,
      tags: {},
      versioning: '',
      lifecycle: [],
    };
    await writeAtomic(this.dir(bucket, 'bucket.json'), JSON.stringify(file));
    return { name: bucket, createdAt: new Date(file.createdAt), region: file.region };
  }

  async deleteBucket(bucket: string): Promise<void> {
    await this.readBucket(bucket);
    const index = await this.index(bucket);
    if (index.size > 0)
      throw ServiceError.failedPrecondition('bucket is not empty (use force to delete its objects)');
    await rm(this.dir(bucket), { recursive: true, force: true });
    this.indexes.delete(bucket);
  }

  async headBucket(bucket: string): Promise<BucketRecord | undefined> {
    try {
      const b = await this.readBucket(bucket);
      return { name: bucket, createdAt: new Date(b.createdAt), region: b.region };
    } catch (err) {
      if (err instanceof ServiceError) return undefined;
      throw err;
    }
  }

  async listBuckets(): Promise<BucketRecord[]> {
    const names = (await readdir(this.root)).filter((name) => !name.startsWith('.'));
    const found = await Promise.all(names.map((n) => this.headBucket(n)));
    return found
      .filter((b): b is BucketRecord => b !== undefined)
      .sort((a, b) => compareKeys(a.name, b.name));
  }

  async getBucketTags(bucket: string): Promise<Record<string, string>> {
    return (await this.readBucket(bucket)).tags;
  }

  async setBucketTags(bucket: string, tags: Record<string, string>): Promise<void> {
    await this.updateBucket(bucket, (b) => {
      b.tags = tags;
    });
  }

  async getVersioning(bucket: string): Promise<VersioningStatus> {
    return (await this.readBucket(bucket)).versioning;
  }

  async setVersioning(bucket: string, enabled: boolean): Promise<void> {
    await this.updateBucket(bucket, (b) => {
      if (enabled) b.versioning = 'Enabled';
      else if (b.versioning === 'Enabled') b.versioning = 'Suspended';
    });
  }

  async getLifecycle(bucket: string): Promise<LifecycleRuleRecord[]> {
    return (await this.readBucket(bucket)).lifecycle;
  }

  async setLifecycle(bucket: string, rules: LifecycleRuleRecord[]): Promise<void> {
    await this.updateBucket(bucket, (b) => {
      b.lifecycle = rules;
    });
  }

  async getPolicy(bucket: string): Promise<string | undefined> {
    return (await this.readBucket(bucket)).policy;
  }

  async setPolicy(bucket: string, policy: string | undefined): Promise<void> {
    await this.updateBucket(bucket, (b) => {
      if (policy === undefined) delete b.policy;
      else b.policy = policy;
    });
  }

  // ---- key index and per-key metadata ----

  private metaPath(bucket: string, key: string): string {
    return this.dir(bucket, 'meta', `${createHash('sha256').update(key).digest('hex')}.json`);
  }

  private async readMeta(bucket: string, key: string): Promise<MetaFile | undefined> {
    try {
      return JSON.parse(await readFile(this.metaPath(bucket, key), 'utf8')) as MetaFile;
    } catch (err) {
      if (isMissing(err)) return undefined;
      throw err;
    }
  }

  /** Loads (once) the sorted key list of a bucket, and removes blobs no metadata refers to. */
  private index(bucket: string): Promise<KeyIndex> {
    let pending = this.indexes.get(bucket);
    if (!pending) {
      pending = this.loadIndex(bucket);
      this.indexes.set(bucket, pending);
      pending.catch(() => this.indexes.delete(bucket));
    }
    return pending;
  }

  private async loadIndex(bucket: string): Promise<KeyIndex> {
    await this.readBucket(bucket);
    const keys: string[] = [];
    const referenced = new Set<string>();
    for (const file of await readdir(this.dir(bucket, 'meta'))) {
      if (!file.endsWith('.json')) continue;
      const meta = JSON.parse(await readFile(this.dir(bucket, 'meta', file), 'utf8')) as MetaFile;
      keys.push(meta.key);
      for (const v of meta.versions) if (v.blob) referenced.add(v.blob);
    }
    // Blobs left by a crash between writing the bytes and committing the metadata. Only files older than
    // this process are candidates: a blob written since start-up may be about to be committed.
    for (const blob of await readdir(this.dir(bucket, 'data'))) {
      if (referenced.has(blob)) continue;
      const path = this.dir(bucket, 'data', blob);
      const modified = await stat(path).then(
        (s) => s.mtimeMs,
        () => Number.POSITIVE_INFINITY,
      );
      if (modified < this.startedAt) await rm(path, { force: true });
    }
    return new KeyIndex(keys);
  }

  private async writeMeta(bucket: string, meta: MetaFile): Promise<void> {
    const index = await this.index(bucket);
    if (meta.versions.length === 0) {
      await rm(this.metaPath(bucket, meta.key), { force: true });
      index.delete(meta.key);
    } else {
      await writeAtomic(this.metaPath(bucket, meta.key), JSON.stringify(meta));
      index.add(meta.key);
    }
  }

  private async dropBlobs(bucket: string, versions: VersionEntry[]): Promise<void> {
    await Promise.all(
      versions.filter((v) => v.blob).map((v) => rm(this.dir(bucket, 'data', v.blob!), { force: true })),
    );
  }

  /** Streams bytes into a new blob file (fsynced) and returns its name, size and MD5. */
  private async writeBlob(
    dir: string,
    body: AsyncIterable<Uint8Array>,
    options: { contentLength?: number; signal?: AbortSignal },
  ): Promise<Written> {
    const blob = randomUUID();
    const tmp = join(dir, `${blob}.tmp`);
    const hash = createHash('md5');
    let size = 0;
    const handle = await open(tmp, 'wx');
    let pending: Promise<unknown> = Promise.resolve();
    try {
      for await (const chunk of body) {
        options.signal?.throwIfAborted();
        size += chunk.byteLength;
        if (options.contentLength && size > options.contentLength) {
          throw ServiceError.invalidArgument(
            'content_length',
            `more than the declared ${options.contentLength} bytes arrived`,
          );
        }
        // One write in flight while the next chunk is hashed and received: disk and CPU overlap, and
        // memory stays at two chunks.
        await pending;
        pending = handle.write(chunk);
        hash.update(chunk);
      }
      await pending;
      options.signal?.throwIfAborted();
      if (options.contentLength && size !== options.contentLength) {
        throw ServiceError.invalidArgument(
          'content_length',
          `declared ${options.contentLength} bytes, got ${size}`,
        );
      }
      await handle.sync();
    } catch (err) {
      await pending.catch(() => undefined);
      await handle.close();
      await rm(tmp, { force: true });
      throw err;
    }
    await handle.close();
    await rename(tmp, join(dir, blob));
    return { blob, size, etag: hash.digest('hex') };
  }

  /** Makes a written blob the key's current version, following the bucket's versioning state. */
  private async commit(
    bucket: string,
    key: string,
    written: Written | undefined,
    attrs: { contentType: string; metadata: Record<string, string>; tags: Record<string, string> },
  ): Promise<VersionEntry> {
    const versioning = (await this.readBucket(bucket)).versioning;
    return this.locks.run(`key:${bucket}/${key}`, async () => {
      const meta = (await this.readMeta(bucket, key)) ?? { key, versions: [] };
      const entry: VersionEntry = {
        versionId: versioning === 'Enabled' ? newVersionId() : NULL_VERSION,
        size: written?.size ?? 0,
        etag: written?.etag ?? '',
        contentType: attrs.contentType,
        metadata: attrs.metadata,
        tags: attrs.tags,
        lastModified: this.now().getTime(),
        deleteMarker: written === undefined,
        ...(written ? { blob: written.blob } : {}),
      };
      let dropped: VersionEntry[];
      if (versioning === '') {
        dropped = meta.versions;
        meta.versions = [entry];
      } else {
        dropped = meta.versions.filter((v) => v.versionId === entry.versionId);
        meta.versions = [entry, ...meta.versions.filter((v) => v.versionId !== entry.versionId)];
      }
      await this.writeMeta(bucket, meta);
      await this.dropBlobs(bucket, dropped);
      return entry;
    });
  }

  // ---- objects ----

  async putObject(
    bucket: string,
    key: string,
    body: AsyncIterable<Uint8Array>,
    options: PutOptions,
  ): Promise<ObjectRecord> {
    await this.readBucket(bucket);
    await this.index(bucket);
    const written = await this.writeBlob(this.dir(bucket, 'data'), body, options);
    try {
      const entry = await this.commit(bucket, key, written, options);
      return toRecord(key, entry, true);
    } catch (err) {
      await rm(this.dir(bucket, 'data', written.blob), { force: true });
      throw err;
    }
  }

  private async findVersion(
    bucket: string,
    key: string,
    versionId?: string,
  ): Promise<{ meta: MetaFile; version: VersionEntry }> {
    await this.readBucket(bucket);
    const meta = await this.readMeta(bucket, key);
    if (!meta) throw objectNotFound();
    if (versionId) {
      const version = meta.versions.find((v) => v.versionId === versionId);
      if (!version) throw versionNotFound();
      return { meta, version };
    }
    const latest = meta.versions[0];
    if (!latest || latest.deleteMarker) throw objectNotFound();
    return { meta, version: latest };
  }

  async statObject(bucket: string, key: string, versionId?: string): Promise<ObjectRecord> {
    const { meta, version } = await this.findVersion(bucket, key, versionId);
    return toRecord(key, version, meta.versions[0] === version);
  }

  async getObject(
    bucket: string,
    key: string,
    options: GetOptions,
  ): Promise<{ info: ObjectRecord; body: AsyncIterable<Uint8Array> }> {
    // A concurrent overwrite may remove the blob between reading the metadata and opening it: retry once.
    for (let attempt = 0; ; attempt++) {
      const { meta, version } = await this.findVersion(bucket, key, options.versionId);
      if (version.deleteMarker) throw ServiceError.failedPrecondition('that version is a delete marker');
      if (options.offset > version.size) {
        throw ServiceError.outOfRange('offset', `is beyond the end of the object (${version.size} bytes)`);
      }
      const end = options.length > 0 ? Math.min(version.size, options.offset + options.length) : version.size;
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(this.dir(bucket, 'data', version.blob!), 'r');
      } catch (err) {
        if (isMissing(err) && attempt === 0) continue;
        throw err;
      }
      const info = toRecord(key, version, meta.versions[0] === version);
      if (end === options.offset) {
        await handle.close();
        return { info, body: emptyBody() };
      }
      const body = createReadStream('', {
        fd: handle,
        start: options.offset,
        end: end - 1,
        highWaterMark: READ_CHUNK,
      });
      return { info, body };
    }
  }

  async listObjects(bucket: string, options: ListOptions): Promise<ListPage> {
    await this.readBucket(bucket);
    const index = await this.index(bucket);
    const page: ListPage = { objects: [], commonPrefixes: [], isTruncated: false, nextContinuationToken: '' };
    let resumeAfter = options.startAfter;
    let skipPrefix = '';
    if (options.continuationToken) {
      const token = decodeToken(options.continuationToken);
      if (token.prefix) skipPrefix = token.value;
      if (compareKeys(token.value, resumeAfter) > 0) resumeAfter = token.value;
    }
    let last: { value: string; prefix: boolean } | undefined;
    for (const key of index.from(options.prefix, resumeAfter)) {
      if (!key.startsWith(options.prefix)) break;
      if (skipPrefix && key.startsWith(skipPrefix)) continue;
      let entry: { kind: 'prefix'; value: string } | { kind: 'object'; record: ObjectRecord } | undefined;
      if (options.delimiter) {
        const at = key.indexOf(options.delimiter, options.prefix.length);
        if (at >= 0) {
          const common = key.slice(0, at + options.delimiter.length);
          if (last?.prefix && last.value === common) continue;
          entry = { kind: 'prefix', value: common };
        }
      }
      if (!entry) {
        const meta = await this.readMeta(bucket, key);
        const latest = meta?.versions[0];
        if (!latest || latest.deleteMarker) continue;
        entry = { kind: 'object', record: toRecord(key, latest, true) };
      }
      if (page.objects.length + page.commonPrefixes.length >= options.maxKeys) {
        page.isTruncated = true;
        page.nextContinuationToken = encodeToken(last!);
        break;
      }
      if (entry.kind === 'prefix') {
        page.commonPrefixes.push(entry.value);
        last = { value: entry.value, prefix: true };
        skipPrefix = entry.value;
      } else {
        page.objects.push(entry.record);
        last = { value: entry.record.key, prefix: false };
      }
    }
    return page;
  }

  async listObjectVersions(bucket: string, options: ListVersionsOptions): Promise<VersionsPage> {
    await this.readBucket(bucket);
    const index = await this.index(bucket);
    const page: VersionsPage = {
      versions: [],
      isTruncated: false,
      nextKeyMarker: '',
      nextVersionIdMarker: '',
    };
    // Resume inside the marker key (after its marker version), then continue with the following keys.
    const startKey = options.keyMarker;
    for (const key of index.from(options.prefix, startKey ? prefixBefore(startKey) : '')) {
      if (!key.startsWith(options.prefix)) break;
      if (startKey && compareKeys(key, startKey) < 0) continue;
      const meta = await this.readMeta(bucket, key);
      if (!meta) continue;
      let versions = meta.versions.map((v, i) => toRecord(key, v, i === 0));
      if (startKey && key === startKey) {
        if (!options.versionIdMarker) continue;
        const at = versions.findIndex((v) => v.versionId === options.versionIdMarker);
        versions = at >= 0 ? versions.slice(at + 1) : [];
      }
      for (const v of versions) {
        if (page.versions.length >= options.maxKeys) {
          const lastVersion = page.versions[page.versions.length - 1]!;
          page.isTruncated = true;
          page.nextKeyMarker = lastVersion.key;
          page.nextVersionIdMarker = lastVersion.versionId;
          return page;
        }
        page.versions.push(v);
      }
    }
    return page;
  }

  async copyObject(
    source: ObjectRef,
    dest: { bucket: string; key: string },
    options: CopyOptions,
  ): Promise<ObjectRecord> {
    const { info, body } = await this.getObject(source.bucket, source.key, {
      ...(source.versionId ? { versionId: source.versionId } : {}),
      offset: 0,
      length: 0,
    });
    const { version } = await this.findVersion(source.bucket, source.key, source.versionId);
    return this.putObject(dest.bucket, dest.key, body, {
      contentType: options.replaceMetadata ? options.contentType : info.contentType,
      metadata: options.replaceMetadata ? options.metadata : info.metadata,
      tags: version.tags,
      contentLength: 0,
      signal: AbortSignal.timeout(24 * 3600 * 1000),
    });
  }

  async deleteObject(bucket: string, key: string, versionId?: string): Promise<DeleteResult> {
    const versioning = (await this.readBucket(bucket)).versioning;
    if (!versionId && versioning !== '') {
      // Versioned buckets keep the data: a delete marker becomes the current version.
      const marker = await this.commit(bucket, key, undefined, { contentType: '', metadata: {}, tags: {} });
      return { versionId: marker.versionId, deleteMarker: true };
    }
    return this.locks.run(`key:${bucket}/${key}`, async () => {
      const meta = await this.readMeta(bucket, key);
      if (!meta) return { versionId: versionId ?? '', deleteMarker: false };
      const target = versionId ?? NULL_VERSION;
      const removed = meta.versions.filter((v) => v.versionId === target);
      meta.versions = meta.versions.filter((v) => v.versionId !== target);
      await this.writeMeta(bucket, meta);
      await this.dropBlobs(bucket, removed);
      return { versionId: versionId ?? '', deleteMarker: removed[0]?.deleteMarker ?? false };
    });
  }

  async getObjectTags(bucket: string, key: string, versionId?: string): Promise<Record<string, string>> {
    return (await this.findVersion(bucket, key, versionId)).version.tags;
  }

  async setObjectTags(
    bucket: string,
    key: string,
    tags: Record<string, string>,
    versionId?: string,
  ): Promise<void> {
    await this.readBucket(bucket);
    await this.locks.run(`key:${bucket}/${key}`, async () => {
      const { meta, version } = await this.findVersion(bucket, key, versionId);
      version.tags = tags;
      await this.writeMeta(bucket, meta);
    });
  }

  // ---- multipart ----

  private uploadDir(bucket: string, uploadId: string): string {
    if (!/^[0-9a-f]{32}$/.test(uploadId)) throw uploadNotFound();
    return this.dir(bucket, 'uploads', uploadId);
  }

  private async readUpload(bucket: string, key: string, uploadId: string): Promise<UploadFile> {
    await this.readBucket(bucket);
    let upload: UploadFile;
    try {
      upload = JSON.parse(
        await readFile(join(this.uploadDir(bucket, uploadId), 'upload.json'), 'utf8'),
      ) as UploadFile;
    } catch (err) {
      if (isMissing(err)) throw uploadNotFound();
      throw err;
    }
    if (upload.key !== key) throw uploadNotFound();
    return upload;
  }

  async initiateMultipart(
    bucket: string,
    key: string,
    options: { contentType: string; metadata: Record<string, string> },
  ): Promise<string> {
    await this.readBucket(bucket);
    const uploadId = randomBytes(16).toString('hex');
    const dir = this.uploadDir(bucket, uploadId);
    await mkdir(dir);
    const upload: UploadFile = { key, ...options, initiated: this.now().getTime() };
    await writeAtomic(join(dir, 'upload.json'), JSON.stringify(upload));
    return uploadId;
  }

  async uploadPart(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    body: AsyncIterable<Uint8Array>,
  ): Promise<PartRecord> {
    await this.readUpload(bucket, key, uploadId);
    const dir = this.uploadDir(bucket, uploadId);
    const written = await this.writeBlob(dir, body, {});
    const part: PartRecord & { blob: string } = {
      partNumber,
      etag: written.etag,
      size: written.size,
      lastModified: this.now(),
      blob: written.blob,
    };
    return this.locks.run(`upload:${uploadId}`, async () => {
      const file = join(dir, `part-${partNumber}.json`);
      const previous = await readFile(file, 'utf8').then(
        (s) => JSON.parse(s) as { blob: string },
        () => undefined,
      );
      try {
        await writeAtomic(file, JSON.stringify(part));
      } catch (err) {
        await rm(join(dir, written.blob), { force: true });
        if (isMissing(err)) throw uploadNotFound();
        throw err;
      }
      if (previous) await rm(join(dir, previous.blob), { force: true });
      return { partNumber, etag: part.etag, size: part.size, lastModified: part.lastModified };
    });
  }

  private async readParts(bucket: string, uploadId: string): Promise<Array<PartRecord & { blob: string }>> {
    const dir = this.uploadDir(bucket, uploadId);
    const parts: Array<PartRecord & { blob: string }> = [];
    for (const file of await readdir(dir)) {
      if (!/^part-\d+\.json$/.test(file)) continue;
      const raw = JSON.parse(await readFile(join(dir, file), 'utf8')) as PartRecord & {
        blob: string;
        lastModified: string;
      };
      parts.push({ ...raw, lastModified: new Date(raw.lastModified) });
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(
    bucket: string,
    key: string,
    uploadId: string,
    requested: Array<{ partNumber: number; etag: string }>,
  ): Promise<ObjectRecord> {
    const upload = await this.readUpload(bucket, key, uploadId);
    return this.locks.run(`upload:${uploadId}`, async () => {
      const stored = new Map((await this.readParts(bucket, uploadId)).map((p) => [p.partNumber, p]));
      const chosen = requested.map((r, i) => {
        const part = stored.get(r.partNumber);
        if (!part || part.etag !== r.etag.replace(/"/g, '')) {
          throw ServiceError.invalidArgument(
            `parts[${i}]`,
            `part ${r.partNumber} with that ETag was not uploaded`,
          );
        }
        if (i < requested.length - 1 && part.size < MIN_PART_SIZE) {
          throw ServiceError.invalidArgument(
            `parts[${i}]`,
            `part ${r.partNumber} is smaller than 5 MiB and is not the last part`,
          );
        }
        return part;
      });
      const partsDir = this.uploadDir(bucket, uploadId);
      async function* concatenated(): AsyncGenerator<Uint8Array> {
        for (const part of chosen)
          yield* createReadStream(join(partsDir, part.blob), { highWaterMark: READ_CHUNK });
      }
      await this.index(bucket);
      const written = await this.writeBlob(this.dir(bucket, 'data'), concatenated(), {});
      const etagHash = createHash('md5');
      for (const part of chosen) etagHash.update(Buffer.from(part.etag, 'hex'));
      written.etag = `${etagHash.digest('hex')}-${chosen.length}`;
      const entry = await this.commit(bucket, key, written, {
        contentType: upload.contentType,
        metadata: upload.metadata,
        tags: {},
      });
      await this.discardUpload(bucket, uploadId);
      return toRecord(key, entry, true);
    });
  }

  private async discardUpload(bucket: string, uploadId: string): Promise<void> {
    await rm(this.uploadDir(bucket, uploadId), { recursive: true, force: true });
  }

  async abortMultipart(bucket: string, key: string, uploadId: string): Promise<void> {
    await this.readUpload(bucket, key, uploadId);
    await this.locks.run(`upload:${uploadId}`, () => this.discardUpload(bucket, uploadId));
  }

  async listMultipartUploads(bucket: string, prefix: string): Promise<UploadRecord[]> {
    await this.readBucket(bucket);
    const uploads: UploadRecord[] = [];
    for (const uploadId of await readdir(this.dir(bucket, 'uploads'))) {
      const raw = await readFile(join(this.uploadDir(bucket, uploadId), 'upload.json'), 'utf8').catch(
        () => undefined,
      );
      if (!raw) continue;
      const upload = JSON.parse(raw) as UploadFile;
      if (upload.key.startsWith(prefix))
        uploads.push({ key: upload.key, uploadId, initiated: new Date(upload.initiated) });
    }
    return uploads.sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime());
  }

  async listParts(bucket: string, key: string, uploadId: string): Promise<PartRecord[]> {
    await this.readUpload(bucket, key, uploadId);
    return (await this.readParts(bucket, uploadId)).map(({ blob: _blob, ...part }) => part);
  }

  // ---- URLs ----

  async presignGet(bucket: string, key: string, expirySeconds: number, versionId?: string): Promise<string> {
    await this.readBucket(bucket);
    return this.signer.sign({
      method: 'GET',
      bucket,
      key,
      expires: Math.floor(this.now().getTime() / 1000) + expirySeconds,
      versionId: versionId ?? '',
      contentType: '',
    });
  }

  async presignPut(
    bucket: string,
    key: string,
    expirySeconds: number,
    contentType?: string,
  ): Promise<string> {
    await this.readBucket(bucket);
    return this.signer.sign({
      method: 'PUT',
      bucket,
      key,
      expires: Math.floor(this.now().getTime() / 1000) + expirySeconds,
      versionId: '',
      contentType: contentType ?? '',
    });
  }

  publicUrl(bucket: string, key: string): string {
    return this.signer.objectPath(bucket, key);
  }

  // ---- lifecycle ----

  /** Applies every bucket's lifecycle rules as of `now`; returns how many versions/uploads it removed. */
  async applyLifecycle(now: Date = this.now()): Promise<number> {
    let removed = 0;
    const day = 24 * 3600 * 1000;
    for (const { name: bucket } of await this.listBuckets()) {
      const rules = (await this.getLifecycle(bucket)).filter((r) => r.enabled);
      if (rules.length === 0) continue;
      const index = await this.index(bucket);
      for (const rule of rules) {
        for (const key of [...index.from(rule.prefix, '')]) {
          if (!key.startsWith(rule.prefix)) break;
          const meta = await this.readMeta(bucket, key);
          const latest = meta?.versions[0];
          if (!meta || !latest) continue;
          if (
            rule.expirationDays > 0 &&
            !latest.deleteMarker &&
            now.getTime() - latest.lastModified >= rule.expirationDays * day
          ) {
            await this.deleteObject(bucket, key);
            removed++;
          }
          if (rule.noncurrentVersionExpirationDays > 0) {
            const fresh = (await this.readMeta(bucket, key))?.versions ?? [];
            // A version becomes noncurrent when the next newer version is written.
            for (let i = 1; i < fresh.length; i++) {
              const since = fresh[i - 1]!.lastModified;
              if (now.getTime() - since >= rule.noncurrentVersionExpirationDays * day) {
                await this.deleteObject(bucket, key, fresh[i]!.versionId);
                removed++;
              }
            }
          }
        }
        if (rule.abortIncompleteMultipartUploadDays > 0) {
          for (const upload of await this.listMultipartUploads(bucket, rule.prefix)) {
            if (now.getTime() - upload.initiated.getTime() >= rule.abortIncompleteMultipartUploadDays * day) {
              await this.abortMultipart(bucket, upload.key, upload.uploadId);
              removed++;
            }
          }
        }
      }
    }
    return removed;
  }

  /** Total size and count of current objects (GetBucketInfo). */
  async usage(bucket: string): Promise<{ sizeBytes: number; objectCount: number }> {
    await this.readBucket(bucket);
    let sizeBytes = 0;
    let objectCount = 0;
    for (const key of (await this.index(bucket)).from('', '')) {
      const latest = (await this.readMeta(bucket, key))?.versions[0];
      if (latest && !latest.deleteMarker) {
        sizeBytes += latest.size;
        objectCount++;
      }
    }
    return { sizeBytes, objectCount };
  }

  /** Files in a bucket's blob directory; tests use it to prove nothing half-written is left behind. */
  async blobFiles(bucket: string): Promise<string[]> {
    return readdir(this.dir(bucket, 'data'));
  }
}

async function* emptyBody(): AsyncGenerator<Uint8Array> {}

function encodeToken(last: { value: string; prefix: boolean }): string {
  return Buffer.from(`${last.prefix ? 'p' : 'k'}:${last.value}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): { value: string; prefix: boolean } {
  const raw = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^[pk]:/.test(raw))
    throw ServiceError.invalidArgument('continuation_token', 'is not a token this service issued');
  return { prefix: raw[0] === 'p', value: raw.slice(2) };
}

/** The largest string sorting before `key`, for "start at key" scans over an index that starts after. */
function prefixBefore(key: string): string {
  return key.slice(0, -1);
}
