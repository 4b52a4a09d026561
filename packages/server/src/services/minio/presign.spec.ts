import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type SignedRequest, UrlSigner } from './presign.js';

describe('UrlSigner', () => {
  const signer = new UrlSigner(randomBytes(32), 'http://localhost:50050');
  const request: SignedRequest = {
    method: 'GET',
    bucket: 'user-a-b',
    key: 'dir/file name.txt',
    expires: 2_000_000_000,
    versionId: '',
    contentType: '',
  };
  const signatureOf = (url: string) => new URL(url).searchParams.get('X-Isa-Signature')!;

  it('verifies its own signature and encodes keys per path segment', () => {
    const url = signer.sign(request);
    expect(url.startsWith('http://localhost:50050/s3/user-a-b/dir/file%20name.txt?')).toBe(true);
    expect(signer.verify(request, signatureOf(url), 1_000_000_000_000)).toEqual({ ok: true });
  });

  it('refuses any change to what was signed, and expired URLs', () => {
    const signature = signatureOf(signer.sign(request));
    for (const change of [
      { key: 'dir/other.txt' },
      { bucket: 'user-b-b' },
      { method: 'PUT' as const },
      { expires: request.expires + 1 },
      { versionId: 'v1' },
      { contentType: 'text/plain' },
    ]) {
      expect(signer.verify({ ...request, ...change }, signature, 0)).toEqual({
        ok: false,
        reason: 'signature does not match',
      });
    }
    expect(signer.verify(request, signature, (request.expires + 1) * 1000)).toEqual({
      ok: false,
      reason: 'URL has expired',
    });
    expect(signer.verify(request, 'zz', 0).ok).toBe(false);
    const other = new UrlSigner(randomBytes(32), 'http://localhost:50050');
    expect(other.verify(request, signature, 0).ok).toBe(false);
  });
});
