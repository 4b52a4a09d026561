import type { MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

describe('presigned and public URLs of the embedded store', () => {
  let stack: TestStack;
  let client: MinIOClient;

  beforeAll(async () => {
    stack = await startStack(['minio']);
    client = stack.client('minio', { userId: uniqueUser(), throwOnError: true });
    await client.createBucket('urls');
    await client.uploadObject('urls', 'docs/readme.txt', 'hello, presigned world', {
      contentType: 'text/plain',
      metadata: { lang: 'en' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('serves GET with headers, HEAD and byte ranges', async () => {
    const url = (await client.getPresignedUrl('urls', 'docs/readme.txt', { expirySeconds: 60 }))!;
    const full = await fetch(url);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('text/plain');
    expect(full.headers.get('content-length')).toBe('22');
    expect(full.headers.get('x-amz-meta-lang')).toBe('en');
    expect(await full.text()).toBe('hello, presigned world');
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const range = await fetch(url, { headers: { range: 'bytes=7-15' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe('bytes 7-15/22');
    expect(await range.text()).toBe('presigned');
    expect((await fetch(url, { headers: { range: 'bytes=50-60' } })).status).toBe(416);
  });

  it('refuses tampered, expired and misused URLs', async () => {
    const url = new URL((await client.getPresignedUrl('urls', 'docs/readme.txt', { expirySeconds: 60 }))!);
    const tamper = (edit: (u: URL) => void) => {
      const copy = new URL(url);
      edit(copy);
      return fetch(copy);
    };
    expect(
      (
        await tamper((u) =>
          u.searchParams.set('X-Isa-Expires', String(Number(u.searchParams.get('X-Isa-Expires')) + 3600)),
        )
      ).status,
    ).toBe(403);
    expect((await tamper((u) => (u.pathname = u.pathname.replace('readme', 'other')))).status).toBe(403);
    expect((await tamper((u) => u.searchParams.set('X-Isa-Signature', '0'.repeat(64)))).status).toBe(403);
    expect((await tamper((u) => u.searchParams.delete('X-Isa-Signature'))).status).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: 'overwrite' })).status).toBe(403);
    const short = (await client.getPresignedUrl('urls', 'docs/readme.txt', { expirySeconds: 1 }))!;
    await new Promise((r) => setTimeout(r, 2100));
    const expired = await fetch(short);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('expired');
    expect((await client.getObject('urls', 'docs/readme.txt'))!.toString()).toBe('hello, presigned world');
  });

  it('enforces the content type bound into a PUT URL', async () => {
    const url = (await client.getPresignedPutUrl('urls', 'up/data.json', {
      contentType: 'application/json',
    }))!;
    expect(
      (await fetch(url, { method: 'PUT', body: '{}', headers: { 'content-type': 'text/plain' } })).status,
    ).toBe(403);
    expect(
      (await fetch(url, { method: 'PUT', body: '{"a":1}', headers: { 'content-type': 'application/json' } }))
        .status,
    ).toBe(200);
    expect(await client.statObject('urls', 'up/data.json')).toMatchObject({
      contentType: 'application/json',
      size: 7,
    });
  });

  it('serves unsigned URLs only while the bucket policy allows anonymous reads', async () => {
    await expect(client.getPublicUrl('urls', 'docs/readme.txt')).rejects.toMatchObject({
      codeName: 'FAILED_PRECONDITION',
    });
    const plain = `${stack.httpUrl}/s3/${new URL((await client.getPresignedUrl('urls', 'docs/readme.txt'))!).pathname.slice(4)}`;
    expect((await fetch(plain)).status).toBe(403);
    await client.setBucketPolicy('urls', 'public-read');
    const publicUrl = (await client.getPublicUrl('urls', 'docs/readme.txt'))!;
    expect(await (await fetch(publicUrl)).text()).toBe('hello, presigned world');
    expect((await fetch(publicUrl, { method: 'PUT', body: 'defaced' })).status).toBe(403);
    await client.setBucketPolicy('urls', 'private');
    expect((await fetch(publicUrl)).status).toBe(403);
  });
});
