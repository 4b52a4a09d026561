import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * HMAC-SHA256 signed URLs for the embedded backend, served by the stack's HTTP listener under /s3/.
 * The signature covers the method, bucket, key, expiry, version and required content type, so changing
 * any of them (or the expiry) invalidates the URL.
 */
export interface SignedRequest {
  method: 'GET' | 'PUT';
  bucket: string;
  key: string;
  expires: number;
  versionId: string;
  contentType: string;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export class UrlSigner {
  constructor(
    private readonly key: Buffer,
    private readonly baseUrl: string,
  ) {}

  objectPath(bucket: string, key: string): string {
    return `${this.baseUrl}/s3/${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  }

  sign(request: SignedRequest): string {
    const query = new URLSearchParams({
      'X-Isa-Method': request.method,
      'X-Isa-Expires': String(request.expires),
    });
    if (request.versionId) query.set('versionId', request.versionId);
    if (request.contentType) query.set('X-Isa-Content-Type', request.contentType);
    query.set('X-Isa-Signature', this.signature(request));
    return `${this.objectPath(request.bucket, request.key)}?${query.toString()}`;
  }

  verify(request: SignedRequest, signature: string, now = Date.now()): VerifyResult {
    const expected = Buffer.from(this.signature(request), 'hex');
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, reason: 'signature does not match' };
    }
    if (now / 1000 > request.expires) return { ok: false, reason: 'URL has expired' };
    return { ok: true };
  }

  private signature(r: SignedRequest): string {
    return createHmac('sha256', this.key)
      .update([r.method, r.bucket, r.key, String(r.expires), r.versionId, r.contentType].join('\n'))
      .digest('hex');
  }
}
