import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GrpcStatus, type MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack } from '../support/stack.js';

/**
 * Tenant B tries to reach tenant A's data through every object storage RPC and through crafted names;
 * every attempt must land in B's own namespace (or be refused), never in A's.
 */
describe('object storage tenant isolation', () => {
  let stack: TestStack;
  let alice: MinIOClient;
  let mallory: MinIOClient;

  beforeAll(async () => {
    stack = await startStack(['minio']);
    alice = stack.client('minio', { userId: 'alice', throwOnError: true });
    mallory = stack.client('minio', { userId: 'mallory', throwOnError: true });
    await alice.createBucket('secrets', { tags: { owner: 'alice' } });
    await alice.uploadObject('secrets', 'plans.txt', 'top secret');
    await alice.setBucketPolicy('secrets', 'private');
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows each tenant only its own buckets, even with the same names', async () => {
    expect((await mallory.listBuckets())!.map((b) => b.name)).toEqual([]);
    expect(await mallory.bucketExists('secrets')).toBe(false);
    await mallory.createBucket('secrets');
    expect((await mallory.listObjects('secrets'))!).toEqual([]);
    expect((await alice.getObject('secrets', 'plans.txt'))!.toString()).toBe('top secret');
    await mallory.deleteBucket('secrets');
    expect(await alice.bucketExists('secrets')).toBe(true);
  });

  it('refuses every object and bucket RPC on the other tenant’s bucket', async () => {
    const notFound = { code: GrpcStatus.NOT_FOUND };
    await expect(mallory.getObject('secrets', 'plans.txt')).rejects.toMatchObject(notFound);
    await expect(mallory.statObject('secrets', 'plans.txt')).rejects.toMatchObject(notFound);
    await expect(mallory.listObjects('secrets')).rejects.toMatchObject(notFound);
    await expect(mallory.getBucketInfo('secrets')).rejects.toMatchObject(notFound);
    await expect(mallory.getBucketTags('secrets')).rejects.toMatchObject(notFound);
    await expect(mallory.getBucketPolicy('secrets')).rejects.toMatchObject(notFound);
    await expect(mallory.setBucketPolicy('secrets', 'public-read')).rejects.toMatchObject(notFound);
    await expect(mallory.setBucketVersioning('secrets', true)).rejects.toMatchObject(notFound);
    await expect(mallory.deleteObject('secrets', 'plans.txt')).rejects.toMatchObject(notFound);
    await expect(mallory.deleteObjects('secrets', ['plans.txt'])).rejects.toMatchObject(notFound);
    await expect(mallory.setObjectTags('secrets', 'plans.txt', { x: 'y' })).rejects.toMatchObject(notFound);
    await expect(mallory.getPresignedUrl('secrets', 'plans.txt')).rejects.toMatchObject(notFound);
    await expect(mallory.getPresignedPutUrl('secrets', 'plans.txt')).rejects.toMatchObject(notFound);
    await expect(mallory.uploadObject('secrets', 'plans.txt', 'overwritten')).rejects.toMatchObject(notFound);
    await expect(mallory.initiateMultipartUpload('secrets', 'x')).rejects.toMatchObject(notFound);
    await expect(mallory.deleteBucket('secrets', { force: true })).rejects.toMatchObject(notFound);
    await mallory.createBucket('loot');
    await expect(mallory.copyObject('secrets', 'plans.txt', 'loot', 'stolen.txt')).rejects.toMatchObject(
      notFound,
    );
    expect((await alice.getObject('secrets', 'plans.txt'))!.toString()).toBe('top secret');
    expect(await alice.getBucketTags('secrets')).toEqual({ owner: 'alice' });
  });

  it('keeps a physical-looking bucket name inside the caller’s namespace', async () => {
    // "user-alice-secrets" is alice's physical bucket; for mallory it is just a name of her own.
    expect(await mallory.bucketExists('user-alice-secrets')).toBe(false);
    await mallory.createBucket('user-alice-secrets');
    expect(await mallory.listObjects('user-alice-secrets')).toEqual([]);
    const dirs = await readdir(join(stack.dataDir, 'minio', 'buckets'));
    expect(dirs).toContain('user-mallory-user-alice-secrets');
    expect(dirs).toContain('user-alice-secrets');
  });

  it('refuses path tricks in keys and names', async () => {
    await mallory.createBucket('tricks');
    for (const key of ['../user-alice-secrets/plans.txt', '..', 'a/../../b', 'a\\..\\b', '/etc/passwd']) {
      await expect(mallory.uploadObject('tricks', key, 'x'), key).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'header.object_key',
      });
      await expect(mallory.getObject('tricks', key), key).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'object_key',
      });
    }
    for (const name of ['../secrets', 'secrets/..', 'a/b', '*', 'user-alice-*']) {
      await expect(mallory.getBucketInfo(name), name).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'bucket_name',
      });
    }
    expect((await mallory.listBuckets({ prefix: 'user-alice' }))!.map((b) => b.name)).toEqual([
      'user-alice-secrets',
    ]);
  });

  it('refuses a policy that would open another tenant’s bucket', async () => {
    await mallory.createBucket('bait');
    const policy = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: 's3:GetObject',
          Resource: 'arn:aws:s3:::user-alice-secrets/*',
        },
      ],
    });
    await expect(mallory.setBucketPolicy('bait', policy)).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
    });
  });

  it('does not let a presigned URL be redirected to another tenant’s bucket', async () => {
    await mallory.createBucket('mine');
    await mallory.uploadObject('mine', 'plans.txt', 'mallory');
    const url = new URL((await mallory.getPresignedUrl('mine', 'plans.txt'))!);
    url.pathname = url.pathname.replace('user-mallory-mine', 'user-alice-secrets');
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('top secret');
    expect((await fetch(`${stack.httpUrl}/s3/user-alice-secrets/plans.txt`)).status).toBe(403);
  });
});
