import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Physical bucket names: `user-{encoded user id}-{bucket name}`.
 *
 * The encoding keeps [a-z0-9] and writes every other character of the user id as `x` + two hex digits
 * (`x` itself included), so "user_123" becomes "userx5f123". The encoded id never contains "-", so the
 * first "-" after "user-" always ends it: two different (user, bucket) pairs can never produce the same
 * physical name, and a user's names can never be a prefix of another user's.
 */
export function encodeUserId(userId: string): string {
  let out = '';
  for (const ch of userId) {
    out += /[a-wyz0-9]/.test(ch) ? ch : `x${ch.codePointAt(0)!.toString(16).padStart(2, '0')}`;
  }
  return out;
}

export function bucketPrefix(tenant: Tenant): string {
  return `user-${encodeUserId(tenant.userId)}-`;
}

const S3_MAX_BUCKET = 63;

/** S3 bucket naming rules, applied to the caller's own name. */
export function validateBucketName(name: string, field = 'bucket_name'): string {
  if (name.length < 3 || name.length > S3_MAX_BUCKET) {
    throw ServiceError.invalidArgument(field, `must be 3-63 characters long (got ${name.length})`);
  }
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    throw ServiceError.invalidArgument(
      field,
      'may contain only lowercase letters, digits, "-" and ".", and must start and end with a letter or digit (no underscores or capitals)',
    );
  }
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) {
    throw ServiceError.invalidArgument(field, 'must not contain "..", ".-" or "-."');
  }
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw ServiceError.invalidArgument(field, 'must not look like an IP address');
  }
  return name;
}

export function physicalBucket(tenant: Tenant, name: string, field = 'bucket_name'): string {
  validateBucketName(name, field);
  const physical = bucketPrefix(tenant) + name;
  if (physical.length > S3_MAX_BUCKET) {
    const room = S3_MAX_BUCKET - bucketPrefix(tenant).length;
    throw ServiceError.invalidArgument(
      field,
      `too long for this user: the stored name "${physical}" exceeds 63 characters; use at most ${room} characters`,
    );
  }
  return physical;
}

/** The caller's name for one of its physical buckets, or undefined when the bucket is not the caller's. */
export function ownBucketName(tenant: Tenant, physical: string): string | undefined {
  const prefix = bucketPrefix(tenant);
  return physical.startsWith(prefix) ? physical.slice(prefix.length) : undefined;
}

const MAX_KEY_BYTES = 1024;

/** Object keys: 1-1024 UTF-8 bytes, no control characters, no backslash, no "." or ".." path segment. */
export function validateObjectKey(key: string, field = 'object_key'): string {
  if (key.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES)
    throw ServiceError.invalidArgument(field, `must be at most 1024 bytes (got ${bytes})`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(key))
    throw ServiceError.invalidArgument(field, 'must not contain control characters');
  if (key.includes('\\')) throw ServiceError.invalidArgument(field, 'must not contain backslashes');
  if (key.startsWith('/')) throw ServiceError.invalidArgument(field, 'must not start with "/"');
  if (key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw ServiceError.invalidArgument(field, 'must not contain "." or ".." path segments');
  }
  if (/[\uD800-\uDFFF]/u.test(key)) {
    throw ServiceError.invalidArgument(field, 'must be valid UTF-8 (no lone surrogates)');
  }
  return key;
}

/** Key prefixes (list filters) follow the key rules except that they may be empty or end mid-segment. */
export function validateKeyPrefix(prefix: string, field = 'prefix'): string {
  if (prefix === '') return prefix;
  return validateObjectKey(prefix, field);
}

const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;

/** S3 tag rules: at most 50 (bucket) or 10 (object) tags, keys ≤128 and values ≤256 characters. */
export function validateTags(
  tags: Record<string, string>,
  max: number,
  field = 'tags',
): Record<string, string> {
  const entries = Object.entries(tags);
  if (entries.length > max)
    throw ServiceError.invalidArgument(field, `at most ${max} tags (got ${entries.length})`);
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > TAG_KEY_MAX) {
      throw ServiceError.invalidArgument(field, `tag keys must be 1-${TAG_KEY_MAX} characters`);
    }
    if (value.length > TAG_VALUE_MAX) {
      throw ServiceError.invalidArgument(
        field,
        `tag "${key}": values must be at most ${TAG_VALUE_MAX} characters`,
      );
    }
    if (!/^[\p{L}\p{N}\s+\-=._:/@]*$/u.test(key + value)) {
      throw ServiceError.invalidArgument(
        field,
        `tag "${key}": only letters, digits, spaces and + - = . _ : / @`,
      );
    }
  }
  return tags;
}

/** User metadata: HTTP-header-safe names, ASCII values, at most 2 KiB in all (the S3 limit). */
export function validateMetadata(
  metadata: Record<string, string>,
  field = 'metadata',
): Record<string, string> {
  let total = 0;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(key)) {
      throw ServiceError.invalidArgument(field, `"${key}": names may contain only letters, digits and "-"`);
    }
    if (!/^[\u0020-\u007e]*$/.test(value)) {
      throw ServiceError.invalidArgument(field, `"${key}": values must be printable ASCII`);
    }
    total += key.length + value.length;
    out[key.toLowerCase()] = value;
  }
  if (total > 2048) throw ServiceError.invalidArgument(field, 'must be at most 2 KiB in all');
  return out;
}

export function validateContentType(contentType: string, field = 'content_type'): string {
  if (contentType === '') return 'application/octet-stream';
  if (
    contentType.length > 255 ||
    !/^[\w.+-]+\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"]*"|[\w.+-]+))*$/.test(contentType)
  ) {
    throw ServiceError.invalidArgument(field, 'must be a media type such as "text/plain; charset=utf-8"');
  }
  return contentType;
}
