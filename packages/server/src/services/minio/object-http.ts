import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { HttpHandler } from '../../platform/http.js';
import type { Logger } from '../../platform/logger.js';
import { validateBucketName, validateObjectKey } from './names.js';
import { allowsAnonymous } from './policy.js';
import type { UrlSigner } from './presign.js';
import type { FsObjectStore } from './store-fs.js';

const HTTP_STATUS: Partial<Record<GrpcStatus, number>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 400,
  [GrpcStatus.NOT_FOUND]: 404,
  [GrpcStatus.OUT_OF_RANGE]: 416,
  [GrpcStatus.PERMISSION_DENIED]: 403,
  [GrpcStatus.FAILED_PRECONDITION]: 409,
};

function reply(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(`${message}\n`);
}

function parseRange(
  header: string | undefined,
  size: number,
): { offset: number; length: number } | 'invalid' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'invalid';
  if (m[1] === '') {
    const suffix = Math.min(Number(m[2]), size);
    return { offset: size - suffix, length: suffix };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'invalid';
  return { offset: start, length: end - start + 1 };
}

/**
 * Serves the embedded store's presigned and public URLs under /s3/<bucket>/<key>: a signed URL is
 * checked (signature, expiry, method, content type); an unsigned one is allowed only when the bucket
 * policy grants that action to anonymous callers.
 */
export function objectHttpHandler(store: FsObjectStore, signer: UrlSigner, logger: Logger): HttpHandler {
  return async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (method !== 'GET' && method !== 'PUT') return reply(res, 405, 'only GET, HEAD and PUT are supported');
    const slash = path.indexOf('/');
    let bucket: string;
    let key: string;
    try {
      bucket = validateBucketName(decodeURIComponent(path.slice(0, slash)));
      key = validateObjectKey(
        path
          .slice(slash + 1)
          .split('/')
          .map(decodeURIComponent)
          .join('/'),
      );
    } catch {
      return reply(res, 400, 'malformed object URL');
    }
    if (slash <= 0) return reply(res, 400, 'malformed object URL');
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const signature = query.get('X-Isa-Signature');
    const versionId = query.get('versionId') ?? '';
    if (signature !== null) {
      const signedMethod = query.get('X-Isa-Method');
      const contentType = query.get('X-Isa-Content-Type') ?? '';
      const verdict = signer.verify(
        {
          method: signedMethod === 'PUT' ? 'PUT' : 'GET',
          bucket,
          key,
          expires: Number(query.get('X-Isa-Expires')),
          versionId,
          contentType,
        },
        signature,
      );
      if (!verdict.ok) return reply(res, 403, `access denied: ${verdict.reason}`);
      if (signedMethod !== method)
        return reply(res, 403, `access denied: URL was signed for ${signedMethod}`);
      if (method === 'PUT' && contentType && req.headers['content-type'] !== contentType) {
        return reply(res, 403, `access denied: URL requires Content-Type ${contentType}`);
      }
    } else {
      const action = method === 'GET' ? 's3:GetObject' : 's3:PutObject';
      let policy: string | undefined;
      try {
        policy = await store.getPolicy(bucket);
      } catch {
        return reply(res, 403, 'access denied');
      }
      if (!allowsAnonymous(policy, action, bucket, key))
        return reply(res, 403, 'access denied: not signed and not public');
    }
    try {
      if (method === 'PUT') {
        const record = await store.putObject(bucket, key, req, {
          contentType: req.headers['content-type'] ?? 'application/octet-stream',
          metadata: {},
          tags: {},
          contentLength: Number(req.headers['content-length'] ?? 0),
          signal: AbortSignal.timeout(3600_000),
        });
        res.writeHead(200, {
          etag: `"${record.etag}"`,
          ...(record.versionId !== 'null' ? { 'x-amz-version-id': record.versionId } : {}),
        });
        res.end();
        return;
      }
      const stat = await store.statObject(bucket, key, versionId || undefined);
      const range = parseRange(req.headers.range, stat.size);
      if (range === 'invalid') {
        res.writeHead(416, { 'content-range': `bytes */${stat.size}` });
        res.end();
        return;
      }
      const { info, body } = await store.getObject(bucket, key, {
        ...(versionId ? { versionId } : {}),
        offset: range?.offset ?? 0,
        length: range?.length ?? 0,
      });
      const length = range ? range.length : info.size;
      res.writeHead(range ? 206 : 200, {
        'content-type': info.contentType,
        'content-length': String(length),
        etag: `"${info.etag}"`,
        'last-modified': info.lastModified.toUTCString(),
        'accept-ranges': 'bytes',
        ...(range
          ? { 'content-range': `bytes ${range.offset}-${range.offset + length - 1}/${info.size}` }
          : {}),
        ...Object.fromEntries(Object.entries(info.metadata).map(([k, v]) => [`x-amz-meta-${k}`, v])),
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      await pipeline(body, res);
    } catch (err) {
      if (err instanceof ServiceError) return reply(res, HTTP_STATUS[err.code] ?? 500, err.message);
      logger.error({ err, bucket, key }, 'object URL request failed');
      if (!res.headersSent) reply(res, 500, 'internal error');
      else res.destroy();
    }
  };
}
