import { randomBytes } from 'node:crypto';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GrpcStatus } from '@isa-cloud/sdk';
import { describe, expect, it } from 'vitest';
import { UrlSigner } from '../../packages/server/src/services/minio/presign.js';
import { FsObjectStore } from '../../packages/server/src/services/minio/store-fs.js';
import { scratchDir, startStack, uniqueUser } from '../support/stack.js';

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield Buffer.from(text);
}

describe('embedded object store durability', () => {
  it('never shows a half-written object when an upload dies mid-stream', async () => {
    const stack = await startStack(['minio']);
    try {
      const client = stack.client('minio', { userId: 'crashy', throwOnError: true });
      await client.createBucket('atomic');
      await client.uploadObject('atomic', 'file.bin', 'version one');
      const controller = new AbortController();
      async function* dying() {
        yield randomBytes(300_000);
        controller.abort();
        await new Promise((r) => setTimeout(r, 50));
        yield randomBytes(300_000);
      }
      await expect(
        client.uploadObject('atomic', 'file.bin', dying(), { signal: controller.signal }),
      ).rejects.toMatchObject({
        code: GrpcStatus.CANCELLED,
      });
      await new Promise((r) => setTimeout(r, 200));
      expect((await client.getObject('atomic', 'file.bin'))!.toString()).toBe('version one');
      const blobs = await readdir(join(stack.dataDir, 'minio', 'buckets', 'user-crashy-atomic', 'data'));
      expect(blobs.filter((b) => b.endsWith('.tmp'))).toEqual([]);
      expect(blobs).toHaveLength(1);
    } finally {
      await stack.stop();
    }
  });

  it('keeps objects across a restart and cleans blobs a crash left behind', async () => {
    const dataDir = await scratchDir('durable');
    const user = uniqueUser('durable');
    const first = await startStack(['minio'], { ISA_DATA_DIR: dataDir });
    const data = randomBytes(2 * 1024 * 1024);
    const client = first.client('minio', { userId: user, throwOnError: true });
    await client.createBucket('keep');
    await client.uploadObject('keep', 'a/1.bin', data);
    await client.uploadObject('keep', 'a/2.txt', 'two');
    await first.stop();

    const bucketDir = join(dataDir, 'minio', 'buckets', `user-${user.replace('_', 'x5f')}-keep`);
    // What a crash between writing the bytes and committing the metadata leaves behind.
    await writeFile(join(bucketDir, 'data', 'orphan-from-a-crash'), 'garbage');
    const past = new Date(Date.now() - 60_000);
    await utimes(join(bucketDir, 'data', 'orphan-from-a-crash'), past, past);

    const second = await startStack(['minio'], { ISA_DATA_DIR: dataDir });
    try {
      const again = second.client('minio', { userId: user, throwOnError: true });
      expect((await again.listObjects('keep'))!.map((o) => o.key)).toEqual(['a/1.bin', 'a/2.txt']);
      expect(Buffer.compare((await again.getObject('keep', 'a/1.bin'))!, data)).toBe(0);
      expect(await readdir(join(bucketDir, 'data'))).not.toContain('orphan-from-a-crash');
    } finally {
      await second.stop();
    }
  });

  it('enforces lifecycle rules: expiry, noncurrent versions and stale uploads', async () => {
    const dir = await scratchDir('lifecycle');
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new FsObjectStore(dir, new UrlSigner(randomBytes(32), 'http://x'), () => now);
    await store.init();
    const signal = new AbortController().signal;
    const put = (key: string, body: string) =>
      store.putObject('b-life', key, bytes(body), {
        contentType: 'text/plain',
        metadata: {},
        tags: {},
        contentLength: 0,
        signal,
      });
    await store.createBucket('b-life', { region: 'us-east-1' });
    await put('logs/old.txt', 'old');
    await put('keep/old.txt', 'kept');
    const upload = await store.initiateMultipart('b-life', 'logs/big.bin', {
      contentType: 'x/y',
      metadata: {},
    });
    await store.setVersioning('b-life', true);
    await put('logs/versioned.txt', 'v1');
    now = new Date('2026-01-05T00:00:00Z');
    await put('logs/versioned.txt', 'v2');
    await store.setLifecycle('b-life', [
      {
        id: 'logs',
        enabled: true,
        prefix: 'logs/',
        expirationDays: 30,
        noncurrentVersionExpirationDays: 3,
        abortIncompleteMultipartUploadDays: 7,
      },
    ]);

    expect(await store.applyLifecycle(new Date('2026-01-06T00:00:00Z'))).toBe(0);
    // Day 9: the noncurrent v1 (noncurrent since day 5) is 4 days old; the upload is 8 days old.
    expect(await store.applyLifecycle(new Date('2026-01-09T00:00:00Z'))).toBe(2);
    expect(
      (
        await store.listObjectVersions('b-life', {
          prefix: 'logs/versioned',
          maxKeys: 10,
          keyMarker: '',
          versionIdMarker: '',
        })
      ).versions,
    ).toHaveLength(1);
    expect(await store.listMultipartUploads('b-life', '')).toEqual([]);
    expect(upload).toMatch(/^[0-9a-f]{32}$/);
    // Day 40: logs/old.txt and logs/versioned.txt (current) are past 30 days; keep/ is not covered.
    await store.applyLifecycle(new Date('2026-02-10T00:00:00Z'));
    const left = await store.listObjects('b-life', {
      prefix: '',
      delimiter: '',
      maxKeys: 100,
      startAfter: '',
      continuationToken: '',
    });
    expect(left.objects.map((o) => o.key)).toEqual(['keep/old.txt']);
  });
});
