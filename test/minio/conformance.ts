import { createHash, randomBytes } from 'node:crypto';
import { GrpcStatus, type MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectCode } from '../support/expect.js';
import { type TestStack, uniqueUser } from '../support/stack.js';

/** Features an S3 server may lack; the suite proves each missing one fails cleanly instead of testing it. */
export interface BackendFeatures {
  bucketTags: boolean;
  versioning: boolean;
  lifecycle: boolean;
  policies: boolean;
  /** Listing, aborting and checking the parts of multipart uploads (initiate/upload/complete always run). */
  multipartManagement: boolean;
  /** Truncated ListObjects pages with continuation tokens. */
  listPagination: boolean;
  /** ListObjects returns content type and user metadata (S3 list APIs do not). */
  richListing: boolean;
}

export interface ConformanceTarget {
  label: string;
  features: BackendFeatures;
  start(): Promise<TestStack>;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The object storage conformance suite: the same behaviour through the SDK, whatever the backend. */
export function objectStorageConformance(target: ConformanceTarget): void {
  const missing = Object.entries(target.features)
    .filter(([, supported]) => !supported)
    .map(([name]) => name);
  describe(`object storage conformance: ${target.label}`, () => {
    let stack: TestStack;
    let client: MinIOClient;
    let bucket: string;

    beforeAll(async () => {
      if (missing.length > 0)
        console.info(
          `[${target.label}] backend lacks: ${missing.join(', ')} (features the service can detect are checked to fail with UNIMPLEMENTED; the rest are not exercised)`,
        );
      stack = await target.start();
      client = stack.client('minio', { userId: uniqueUser('conf'), throwOnError: true });
      bucket = `conf-${randomBytes(3).toString('hex')}`;
      await client.createBucket(bucket);
    });

    afterAll(async () => {
      await stack?.stop();
    });

    it('reports a healthy backend', async () => {
      const health = await client.healthCheck({ detailed: true });
      expect(health).toMatchObject({
        healthy: true,
        status: 'SERVING',
        backend: target.label.startsWith('s3') ? 's3' : 'fs',
      });
    });

    it('creates, lists, inspects and deletes buckets by the caller’s own names', async () => {
      const name = `b-${randomBytes(3).toString('hex')}`;
      const created = await client.createBucket(name, { region: 'us-east-1' });
      expect(created).toMatchObject({ name, region: 'us-east-1' });
      expect(await client.bucketExists(name)).toBe(true);
      expect((await client.listBuckets())!.map((b) => b.name)).toEqual(
        expect.arrayContaining([name, bucket]),
      );
      expect((await client.listBuckets({ prefix: 'b-' }))!.map((b) => b.name)).toEqual([name]);
      await expectCode(client.createBucket(name), GrpcStatus.ALREADY_EXISTS);
      await client.uploadObject(name, 'x.txt', 'x');
      const info = await client.getBucketInfo(name);
      expect(info).toMatchObject({ name, objectCount: 1, sizeBytes: 1 });
      await expectCode(client.deleteBucket(name), GrpcStatus.FAILED_PRECONDITION);
      expect(await client.deleteBucket(name, { force: true })).toBe(1);
      expect(await client.bucketExists(name)).toBe(false);
      await expectCode(client.getBucketInfo(name), GrpcStatus.NOT_FOUND);
    });

    it('refuses bucket names that break S3 rules, naming the field and the rule', async () => {
      for (const bad of ['My-Bucket', 'my_bucket', 'ab', 'a..b', '-start', '192.168.1.1', 'x'.repeat(64)]) {
        const err = await client.createBucket(bad).catch((e: unknown) => e);
        expect(err, bad).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, field: 'bucket_name' });
      }
    });

    it('uploads and downloads an object with content type and metadata', async () => {
      const result = await client.uploadObject(bucket, 'path/to/file.txt', 'Hello World!', {
        contentType: 'text/plain',
        metadata: { author: 'alice' },
      });
      expect(result).toMatchObject({
        objectKey: 'path/to/file.txt',
        size: 12,
        etag: createHash('md5').update('Hello World!').digest('hex'),
      });
      expect((await client.getObject(bucket, 'path/to/file.txt'))!.toString()).toBe('Hello World!');
      const stat = await client.statObject(bucket, 'path/to/file.txt');
      expect(stat).toMatchObject({ size: 12, contentType: 'text/plain', metadata: { author: 'alice' } });
      expect(stat!.lastModified!.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    it('reads byte ranges', async () => {
      await client.uploadObject(bucket, 'range.bin', '0123456789');
      expect((await client.getObject(bucket, 'range.bin', { offset: 3, length: 4 }))!.toString()).toBe(
        '3456',
      );
      expect((await client.getObject(bucket, 'range.bin', { offset: 7 }))!.toString()).toBe('789');
      expect((await client.getObject(bucket, 'range.bin', { offset: 10 }))!.length).toBe(0);
      expect((await client.getObject(bucket, 'range.bin', { offset: 8, length: 100 }))!.toString()).toBe(
        '89',
      );
      await expectCode(client.getObject(bucket, 'range.bin', { offset: 11 }), GrpcStatus.OUT_OF_RANGE);
      await expectCode(client.getObject(bucket, 'nope.bin'), GrpcStatus.NOT_FOUND);
    });

    it('streams a large object both ways intact', async () => {
      const data = randomBytes(7 * 1024 * 1024 + 123);
      async function* pieces() {
        for (let at = 0; at < data.length; at += 100_000) yield data.subarray(at, at + 100_000);
      }
      const up = await client.uploadObject(bucket, 'big.bin', pieces());
      expect(up!.size).toBe(data.length);
      const down = await client.getObject(bucket, 'big.bin');
      expect(down!.length).toBe(data.length);
      expect(sha256(down!)).toBe(sha256(data));
    });

    it('lists with prefix, delimiter, start-after and a real page limit', async () => {
      const keys = ['l/a.txt', 'l/b.txt', 'l/d1/x.txt', 'l/d1/y.txt', 'l/d2/z.txt', 'l/e.txt'];
      for (const key of keys) await client.uploadObject(bucket, key, key);
      const folders = await client.listObjectsPage(bucket, { prefix: 'l/', delimiter: '/' });
      expect(folders!.objects.map((o) => o.key)).toEqual(['l/a.txt', 'l/b.txt', 'l/e.txt']);
      expect(folders!.commonPrefixes).toEqual(['l/d1/', 'l/d2/']);
      expect(
        (await client.listObjects(bucket, { prefix: 'l/', startAfter: 'l/d1/y.txt' }))!.map((o) => o.key),
      ).toEqual(['l/d2/z.txt', 'l/e.txt']);
      if (!target.features.listPagination) return;
      const seen: string[] = [];
      let token = '';
      let pages = 0;
      do {
        const page = await client.listObjectsPage(bucket, {
          prefix: 'l/',
          maxKeys: 2,
          continuationToken: token,
        });
        expect(page!.objects.length).toBeLessThanOrEqual(2);
        seen.push(...page!.objects.map((o) => o.key));
        token = page!.isTruncated ? page!.nextContinuationToken : '';
        pages++;
      } while (token);
      expect(seen).toEqual(keys);
      expect(pages).toBe(3);
      const delimited: string[] = [];
      token = '';
      do {
        const page = await client.listObjectsPage(bucket, {
          prefix: 'l/',
          delimiter: '/',
          maxKeys: 1,
          continuationToken: token,
        });
        delimited.push(...page!.objects.map((o) => o.key), ...page!.commonPrefixes);
        token = page!.isTruncated ? page!.nextContinuationToken : '';
      } while (token);
      expect(delimited).toEqual(['l/a.txt', 'l/b.txt', 'l/d1/', 'l/d2/', 'l/e.txt']);
      await expectCode(
        client.listObjects(bucket, { maxKeys: 5000 }),
        GrpcStatus.INVALID_ARGUMENT,
        'max_keys',
      );
      if (target.features.richListing) {
        const [first] = (await client.listObjects(bucket, { prefix: 'path/to/' }))!;
        expect(first).toMatchObject({ contentType: 'text/plain', metadata: { author: 'alice' } });
      }
    });

    it('copies within and across buckets, keeping or replacing metadata', async () => {
      const other = `copy-${randomBytes(3).toString('hex')}`;
      await client.createBucket(other);
      await client.uploadObject(bucket, 'src.txt', 'copy me', {
        contentType: 'text/plain',
        metadata: { a: '1' },
      });
      const kept = await client.copyObject(bucket, 'src.txt', other, 'dst.txt');
      expect(kept).toMatchObject({ key: 'dst.txt', size: 7 });
      expect(await client.statObject(other, 'dst.txt')).toMatchObject({
        contentType: 'text/plain',
        metadata: { a: '1' },
      });
      await client.copyObject(bucket, 'src.txt', bucket, 'renamed.txt', {
        metadata: { b: '2' },
        contentType: 'text/markdown',
      });
      const replaced = await client.statObject(bucket, 'renamed.txt');
      expect(replaced).toMatchObject({ contentType: 'text/markdown', metadata: { b: '2' } });
      expect((await client.getObject(other, 'dst.txt'))!.toString()).toBe('copy me');
      await expectCode(client.copyObject(bucket, 'missing.txt', other, 'x'), GrpcStatus.NOT_FOUND);
      await client.deleteBucket(other, { force: true });
    });

    it('deletes one object and many, reporting per-key errors', async () => {
      for (const key of ['d/1', 'd/2', 'd/3']) await client.uploadObject(bucket, key, key);
      expect(await client.deleteObject(bucket, 'd/1')).toMatchObject({ deleteMarker: false });
      const result = await client.deleteObjects(bucket, ['d/2', 'd/3', '../escape']);
      expect(result!.deleted.map((d) => d.key).sort()).toEqual(['d/2', 'd/3']);
      expect(result!.errors).toEqual([
        expect.objectContaining({ key: '../escape', code: 'INVALID_ARGUMENT' }),
      ]);
      expect(await client.listObjects(bucket, { prefix: 'd/' })).toEqual([]);
    });

    it('tags objects', async () => {
      await client.uploadObject(bucket, 'tagged.txt', 't', { tags: { env: 'test' } });
      expect(await client.getObjectTags(bucket, 'tagged.txt')).toEqual({ env: 'test' });
      await client.setObjectTags(bucket, 'tagged.txt', { env: 'prod', team: 'data' });
      expect(await client.getObjectTags(bucket, 'tagged.txt')).toEqual({ env: 'prod', team: 'data' });
      await client.deleteObjectTags(bucket, 'tagged.txt');
      expect(await client.getObjectTags(bucket, 'tagged.txt')).toEqual({});
      await expectCode(
        client.setObjectTags(
          bucket,
          'tagged.txt',
          Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v'])),
        ),
        GrpcStatus.INVALID_ARGUMENT,
        'tags',
      );
    });

    it('hands out presigned GET and PUT URLs that work with a plain HTTP client', async () => {
      await client.uploadObject(bucket, 'shared/report.csv', 'a,b\n1,2\n', { contentType: 'text/csv' });
      const url = await client.getPresignedUrl(bucket, 'shared/report.csv', { expirySeconds: 300 });
      const got = await fetch(url!);
      expect(got.status).toBe(200);
      expect(await got.text()).toBe('a,b\n1,2\n');
      const putUrl = await client.getPresignedPutUrl(bucket, 'shared/upload.txt', {
        expirySeconds: 300,
        contentType: 'text/plain',
      });
      const put = await fetch(putUrl!, {
        method: 'PUT',
        body: 'via url',
        headers: { 'content-type': 'text/plain' },
      });
      expect(put.status).toBe(200);
      expect((await client.getObject(bucket, 'shared/upload.txt'))!.toString()).toBe('via url');
      await expectCode(client.getPresignedUrl(bucket, 'shared/missing.txt'), GrpcStatus.NOT_FOUND);
      await expectCode(
        client.getPresignedUrl(bucket, 'shared/report.csv', { expirySeconds: 8 * 24 * 3600 }),
        GrpcStatus.INVALID_ARGUMENT,
        'expiry_seconds',
      );
    });

    it('sets, reads and removes bucket tags', async () => {
      if (!target.features.bucketTags) {
        await expectCode(client.setBucketTags(bucket, { team: 'data' }), GrpcStatus.UNIMPLEMENTED);
        return;
      }
      await client.setBucketTags(bucket, { team: 'data', cost: 'a1' });
      expect(await client.getBucketTags(bucket)).toEqual({ team: 'data', cost: 'a1' });
      await client.deleteBucketTags(bucket);
      expect(await client.getBucketTags(bucket)).toEqual({});
    });

    it('keeps versions when versioning is on', async () => {
      const name = `ver-${randomBytes(3).toString('hex')}`;
      await client.createBucket(name);
      if (!target.features.versioning) {
        await expectCode(client.setBucketVersioning(name, true), GrpcStatus.UNIMPLEMENTED);
        await client.deleteBucket(name, { force: true });
        return;
      }
      expect(await client.getBucketVersioning(name)).toBe(false);
      await client.setBucketVersioning(name, true);
      expect(await client.getBucketVersioning(name)).toBe(true);
      const v1 = await client.uploadObject(name, 'doc.txt', 'one');
      const v2 = await client.uploadObject(name, 'doc.txt', 'two');
      expect(v1!.versionId).not.toBe(v2!.versionId);
      expect((await client.getObject(name, 'doc.txt'))!.toString()).toBe('two');
      expect((await client.getObject(name, 'doc.txt', { versionId: v1!.versionId }))!.toString()).toBe('one');
      const removed = await client.deleteObject(name, 'doc.txt');
      expect(removed!.deleteMarker).toBe(true);
      await expectCode(client.getObject(name, 'doc.txt'), GrpcStatus.NOT_FOUND);
      expect(await client.listObjects(name)).toEqual([]);
      const versions = await client.listObjectVersions(name);
      expect(versions!.versions.map((v) => [v.deleteMarker, v.isLatest])).toEqual([
        [true, true],
        [false, false],
        [false, false],
      ]);
      const paged = await client.listObjectVersions(name, { maxKeys: 2 });
      expect(paged!.isTruncated).toBe(true);
      const rest = await client.listObjectVersions(name, {
        keyMarker: paged!.nextKeyMarker,
        versionIdMarker: paged!.nextVersionIdMarker,
      });
      expect(rest!.versions.map((v) => v.versionId)).toEqual([v1!.versionId]);
      await client.deleteObject(name, 'doc.txt', { versionId: removed!.versionId });
      expect((await client.getObject(name, 'doc.txt'))!.toString()).toBe('two');
      expect(await client.deleteBucket(name, { force: true })).toBe(2);
    });

    it('stores lifecycle rules and validates them', async () => {
      const rules = [{ id: 'expire-logs', prefix: 'logs/', expirationDays: 30 }];
      if (!target.features.lifecycle) {
        await expectCode(client.setBucketLifecycle(bucket, rules), GrpcStatus.UNIMPLEMENTED);
        return;
      }
      await client.setBucketLifecycle(bucket, rules);
      expect(await client.getBucketLifecycle(bucket)).toEqual([
        {
          id: 'expire-logs',
          enabled: true,
          prefix: 'logs/',
          expirationDays: 30,
          noncurrentVersionExpirationDays: 0,
          abortIncompleteMultipartUploadDays: 0,
        },
      ]);
      await expectCode(
        client.setBucketLifecycle(bucket, [{ id: 'noop' }]),
        GrpcStatus.INVALID_ARGUMENT,
        'rules[0]',
      );
      await client.deleteBucketLifecycle(bucket);
      expect(await client.getBucketLifecycle(bucket)).toEqual([]);
    });

    it('applies canned and custom policies, refusing resources outside the bucket', async () => {
      if (!target.features.policies) {
        await expectCode(client.setBucketPolicy(bucket, 'public-read'), GrpcStatus.UNIMPLEMENTED);
        return;
      }
      expect(await client.getBucketPolicy(bucket)).toEqual({ type: 'private', policy: '' });
      await client.setBucketPolicy(bucket, 'public-read');
      const policy = await client.getBucketPolicy(bucket);
      expect(policy!.type).toBe('public-read');
      expect(policy!.policy).toContain(`arn:aws:s3:::${bucket}/*`);
      const custom = JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: '*',
            Action: 's3:GetObject',
            Resource: `arn:aws:s3:::${bucket}/public/*`,
          },
        ],
      });
      await client.setBucketPolicy(bucket, custom);
      expect((await client.getBucketPolicy(bucket))!.type).toBe('custom');
      const outside = custom.replace(`arn:aws:s3:::${bucket}/`, 'arn:aws:s3:::someone-else/');
      await expectCode(client.setBucketPolicy(bucket, outside), GrpcStatus.INVALID_ARGUMENT, 'custom_policy');
      await client.deleteBucketPolicy(bucket);
      expect((await client.getBucketPolicy(bucket))!.type).toBe('private');
    });

    it('assembles multipart uploads and checks their parts', async () => {
      const first = randomBytes(5 * 1024 * 1024);
      const second = randomBytes(1000);
      const uploadId = (await client.initiateMultipartUpload(bucket, 'mp.bin', {
        contentType: 'application/x-test',
      }))!;
      const p1 = await client.uploadPart(bucket, 'mp.bin', uploadId, 1, first);
      const p2 = await client.uploadPart(bucket, 'mp.bin', uploadId, 2, second);
      expect([p1!.size, p2!.size]).toEqual([first.length, second.length]);
      if (!target.features.multipartManagement) {
        await expectCode(client.listMultipartUploads(bucket), GrpcStatus.UNIMPLEMENTED);
        const done = await client.completeMultipartUpload(bucket, 'mp.bin', uploadId, [p1!, p2!]);
        expect(done!.size).toBe(first.length + second.length);
        expect(sha256((await client.getObject(bucket, 'mp.bin'))!)).toBe(
          sha256(Buffer.concat([first, second])),
        );
        return;
      }
      expect((await client.listMultipartUploads(bucket))!.map((u) => u.uploadId)).toContain(uploadId);
      expect(
        (await client.listParts(bucket, 'mp.bin', uploadId))!.map((p) => [p.partNumber, p.size]),
      ).toEqual([
        [1, first.length],
        [2, second.length],
      ]);
      await expectCode(
        client.completeMultipartUpload(bucket, 'mp.bin', uploadId, [{ partNumber: 1, etag: 'wrong' }, p2!]),
        GrpcStatus.INVALID_ARGUMENT,
      );
      const done = await client.completeMultipartUpload(bucket, 'mp.bin', uploadId, [p1!, p2!]);
      expect(done).toMatchObject({ size: first.length + second.length, contentType: 'application/x-test' });
      expect(done!.etag).toMatch(/-2$/);
      expect(sha256((await client.getObject(bucket, 'mp.bin'))!)).toBe(
        sha256(Buffer.concat([first, second])),
      );
      expect((await client.listMultipartUploads(bucket))!.map((u) => u.uploadId)).not.toContain(uploadId);

      const small = (await client.initiateMultipartUpload(bucket, 'small.bin'))!;
      const s1 = await client.uploadPart(bucket, 'small.bin', small, 1, 'tiny');
      const s2 = await client.uploadPart(bucket, 'small.bin', small, 2, 'tiny');
      await expectCode(
        client.completeMultipartUpload(bucket, 'small.bin', small, [s1!, s2!]),
        GrpcStatus.INVALID_ARGUMENT,
      );
      await client.abortMultipartUpload(bucket, 'small.bin', small);
      await expectCode(client.listParts(bucket, 'small.bin', small), GrpcStatus.NOT_FOUND);
      await expectCode(client.statObject(bucket, 'small.bin'), GrpcStatus.NOT_FOUND);
    });
  });
}
