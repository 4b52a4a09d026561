import { createHash, randomBytes } from 'node:crypto';
import { GrpcStatus, type NATSClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestStack } from '../support/stack.js';
import { cleanupTenant, expectCode, startNatsStack, take, tenantClient } from './support.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('NATS KV (NATS’s own buckets)', () => {
  let stack: TestStack;
  let client: NATSClient;

  beforeAll(async () => {
    stack = await startNatsStack();
    client = tenantClient(stack);
  });

  afterAll(async () => {
    await cleanupTenant(client);
    await stack?.stop();
  });

  it('puts and gets with revisions, creating the bucket on first put (guide: kv_put / kv_get)', async () => {
    const put = await client.kvPut('config', 'app.version', '1.0.0');
    expect(put!.revision).toBeGreaterThan(0);
    const got = await client.kvGet('config', 'app.version');
    expect(got!.value.toString()).toBe('1.0.0');
    expect(got!.revision).toBe(put!.revision);
    expect(got!.created).toBeInstanceOf(Date);
    const second = await client.kvPut('config', 'app.version', '1.1.0');
    expect(second!.revision).toBeGreaterThan(put!.revision);
    const binary = new Uint8Array([0, 1, 2, 254, 255]);
    await client.kvPut('config', 'blob', binary);
    expect([...(await client.kvGet('config', 'blob'))!.value]).toEqual([...binary]);
    await expectCode(client.kvGet('config', 'missing'), GrpcStatus.NOT_FOUND);
    await expectCode(client.kvGet('nobucket', 'k'), GrpcStatus.NOT_FOUND);
  });

  it('creates buckets with history and TTL, and reports them', async () => {
    const bucket = await client.kvCreateBucket('sessions', {
      history: 5,
      ttlMs: 60_000,
      storage: 'memory',
      description: 'd',
    });
    expect(bucket).toMatchObject({
      bucket: 'sessions',
      history: 5,
      ttlMs: 60_000,
      storage: 'memory',
      description: 'd',
    });
    await expectCode(client.kvCreateBucket('sessions'), GrpcStatus.ALREADY_EXISTS);
    for (const v of ['a', 'b', 'c']) await client.kvPut('sessions', 'user.1', v);
    const history = await client.kvHistory('sessions', 'user.1');
    expect(history!.map((e) => [e.value.toString(), e.operation])).toEqual([
      ['a', 'PUT'],
      ['b', 'PUT'],
      ['c', 'PUT'],
    ]);
    const old = await client.kvGet('sessions', 'user.1', { revision: history![0]!.revision });
    expect(old!.value.toString()).toBe('a');
    expect(await client.kvGetBucketInfo('sessions')).toMatchObject({ bucket: 'sessions', values: 3 });
    expect((await client.kvListBuckets())!.map((b) => b.bucket)).toEqual(
      expect.arrayContaining(['config', 'sessions']),
    );
    await expectCode(
      client.kvCreateBucket('toolong', { history: 65 }),
      GrpcStatus.INVALID_ARGUMENT,
      'history',
    );
  });

  it('expires values after the bucket TTL', async () => {
    await client.kvCreateBucket('ephemeral', { ttlMs: 1000, storage: 'memory' });
    await client.kvPut('ephemeral', 'k', 'v');
    expect((await client.kvGet('ephemeral', 'k'))!.value.toString()).toBe('v');
    await new Promise((r) => setTimeout(r, 1600));
    await expectCode(client.kvGet('ephemeral', 'k'), GrpcStatus.NOT_FOUND);
  });

  it('creates only if absent and updates only at the expected revision (compare-and-swap)', async () => {
    const created = await client.kvCreate('locks', 'job.1', 'owner-a');
    await expectCode(client.kvCreate('locks', 'job.1', 'owner-b'), GrpcStatus.ALREADY_EXISTS);
    const updated = await client.kvUpdate('locks', 'job.1', 'owner-c', created!.revision);
    await expectCode(client.kvUpdate('locks', 'job.1', 'owner-d', created!.revision), GrpcStatus.ABORTED);
    expect((await client.kvGet('locks', 'job.1'))!.value.toString()).toBe('owner-c');
    await expectCode(
      client.kvDelete('locks', 'job.1', { expectedRevision: created!.revision }),
      GrpcStatus.ABORTED,
    );
    expect(await client.kvDelete('locks', 'job.1', { expectedRevision: updated!.revision })).toBe(true);
    await expectCode(client.kvGet('locks', 'job.1'), GrpcStatus.NOT_FOUND);
    // After a delete the key counts as absent again.
    expect(await client.kvCreate('locks', 'job.1', 'owner-e')).toMatchObject({
      revision: expect.any(Number),
    });
  });

  it('deletes, purges and lists keys with filters', async () => {
    await client.kvCreateBucket('keys', { history: 5 });
    for (const k of ['app.a', 'app.b', 'app.sub.c', 'db.x']) await client.kvPut('keys', k, k);
    expect(await client.kvKeys('keys')).toEqual(['app.a', 'app.b', 'app.sub.c', 'db.x']);
    expect(await client.kvKeys('keys', { filter: 'app.*' })).toEqual(['app.a', 'app.b']);
    expect(await client.kvKeys('keys', { filter: 'app.>' })).toEqual(['app.a', 'app.b', 'app.sub.c']);
    await client.kvDelete('keys', 'app.a');
    await client.kvPurge('keys', 'db.x');
    expect(await client.kvKeys('keys')).toEqual(['app.b', 'app.sub.c']);
    const history = await client.kvHistory('keys', 'app.a');
    expect(history!.map((e) => e.operation)).toEqual(['PUT', 'DELETE']);
    expect((await client.kvHistory('keys', 'db.x'))!.map((e) => e.operation)).toEqual(['PURGE']);
  });

  it('watches current values and then every change', async () => {
    await client.kvPut('watched', 'a', '1');
    const watch = await client.kvWatch('watched');
    const [initial] = await take(watch!, 1);
    expect(initial).toMatchObject({ key: 'a', operation: 'PUT' });
    await client.kvPut('watched', 'b', '2');
    await client.kvDelete('watched', 'a');
    const changes = await take(watch!, 2);
    expect(changes.map((e) => [e.key, e.operation])).toEqual([
      ['b', 'PUT'],
      ['a', 'DELETE'],
    ]);
    watch!.close();
    const onlyB = await client.kvWatch('watched', { key: 'b', updatesOnly: true });
    await client.kvPut('watched', 'c', '3');
    await client.kvPut('watched', 'b', '4');
    const [update] = await take(onlyB!, 1);
    expect(update).toMatchObject({ key: 'b' });
    expect(update!.value.toString()).toBe('4');
    onlyB!.close();
    await expectCode(client.kvWatch('no-such-bucket'), GrpcStatus.NOT_FOUND);
  });

  it('refuses bad bucket names and keys', async () => {
    for (const bucket of ['a.b', 'a*', 'a b', '', '$KV']) {
      await expectCode(client.kvPut(bucket, 'k', 'v'), GrpcStatus.INVALID_ARGUMENT, 'bucket');
    }
    for (const key of ['', '.a', 'a.', 'a..b', 'a b', 'a*', '>', 'a\u0000']) {
      await expectCode(client.kvPut('config', key, 'v'), GrpcStatus.INVALID_ARGUMENT, 'key');
    }
    await expectCode(client.kvKeys('config', { filter: 'a b' }), GrpcStatus.INVALID_ARGUMENT, 'filter');
    await expectCode(
      client.kvPut('config', 'big', new Uint8Array(2 * 1024 * 1024)),
      GrpcStatus.INVALID_ARGUMENT,
      'value',
    );
  });
});

describe('NATS object store (NATS’s own)', () => {
  let stack: TestStack;
  let client: NATSClient;

  beforeAll(async () => {
    stack = await startNatsStack();
    client = tenantClient(stack);
  });

  afterAll(async () => {
    await cleanupTenant(client);
    await stack?.stop();
  });

  it('puts (client stream) and gets (server stream) large objects intact', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const put = await client.objectPut('files', 'dir/report.bin', data, {
      description: 'quarterly',
      metadata: { owner: 'alice' },
    });
    expect(put).toMatchObject({
      bucket: 'files',
      name: 'dir/report.bin',
      size: data.byteLength,
      description: 'quarterly',
    });
    expect(put!.chunks).toBeGreaterThan(1);
    expect(put!.digest).toMatch(/^SHA-256=/);
    expect(put!.objectId).not.toBe('');
    const got = await client.objectGet('files', 'dir/report.bin');
    expect(got!.data.byteLength).toBe(data.byteLength);
    expect(sha(got!.data)).toBe(sha(data));
    expect(got).toMatchObject({ name: 'dir/report.bin', metadata: { owner: 'alice' } });
    const info = await client.objectGetInfo('files', 'dir/report.bin');
    expect(info).toMatchObject({ size: data.byteLength, description: 'quarterly' });
  });

  it('lists, replaces and deletes objects; missing ones are NOT_FOUND', async () => {
    await client.objectPut('docs', 'a.txt', 'A');
    await client.objectPut('docs', 'b.txt', 'B');
    await client.objectPut('docs', 'a.txt', 'A2');
    expect((await client.objectList('docs'))!.map((o) => [o.name, o.size])).toEqual([
      ['a.txt', 2],
      ['b.txt', 1],
    ]);
    expect((await client.objectGet('docs', 'a.txt'))!.data.toString()).toBe('A2');
    expect(await client.objectDelete('docs', 'a.txt')).toBe(true);
    expect((await client.objectList('docs'))!.map((o) => o.name)).toEqual(['b.txt']);
    await expectCode(client.objectGet('docs', 'a.txt'), GrpcStatus.NOT_FOUND);
    await expectCode(client.objectGetInfo('docs', 'a.txt'), GrpcStatus.NOT_FOUND);
    await expectCode(client.objectDelete('docs', 'a.txt'), GrpcStatus.NOT_FOUND);
    await expectCode(client.objectList('nobucket'), GrpcStatus.NOT_FOUND);
  });

  it('manages buckets explicitly', async () => {
    const created = await client.objectCreateBucket('archive', { storage: 'memory', description: 'old' });
    expect(created).toMatchObject({
      bucket: 'archive',
      storage: 'memory',
      description: 'old',
      sealed: false,
    });
    await expectCode(client.objectCreateBucket('archive'), GrpcStatus.ALREADY_EXISTS);
    expect((await client.objectListBuckets())!.map((b) => b.bucket)).toContain('archive');
    expect(await client.objectDeleteBucket('archive')).toBe(true);
    expect((await client.objectListBuckets())!.map((b) => b.bucket)).not.toContain('archive');
  });

  it('never stores a cancelled upload', async () => {
    const aborted = new AbortController();
    async function* body() {
      yield randomBytes(256 * 1024);
      aborted.abort();
      await new Promise((r) => setTimeout(r, 200));
      yield randomBytes(256 * 1024);
    }
    const result = await client.objectPut('partial', 'p.bin', body(), {
      signal: aborted.signal,
      throwOnError: false,
    });
    expect(result).toBeNull();
    await new Promise((r) => setTimeout(r, 300));
    await expectCode(client.objectGetInfo('partial', 'p.bin'), GrpcStatus.NOT_FOUND);
  });

  it('refuses bad names and headers', async () => {
    await expectCode(client.objectPut('bad.bucket', 'x', 'y'), GrpcStatus.INVALID_ARGUMENT, 'header.bucket');
    await expectCode(client.objectPut('files', '', 'y'), GrpcStatus.INVALID_ARGUMENT, 'header.name');
    await expectCode(client.objectPut('files', 'a\nb', 'y'), GrpcStatus.INVALID_ARGUMENT, 'header.name');
    await expectCode(client.objectGet('files', 'x'.repeat(1025)), GrpcStatus.INVALID_ARGUMENT, 'name');
  });
});
