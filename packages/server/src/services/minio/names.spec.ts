import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GrpcStatus } from '../../platform/errors.js';
import { bucketPrefix, encodeUserId, ownBucketName, physicalBucket, validateObjectKey } from './names.js';

const userId = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,20}$/);
const bucket = fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,10}[a-z0-9]$/);
const tenant = (u: string) => ({ userId: u, organizationId: 'default-org' });

describe('physical bucket names', () => {
  it('follow the guide: user-{user id}-{name}', () => {
    expect(physicalBucket(tenant('alice'), 'my-bucket')).toBe('user-alice-my-bucket');
    expect(physicalBucket(tenant('user_123'), 'my-bucket')).toBe('user-userx5f123-my-bucket');
  });

  it('never collide between different (user, bucket) pairs', () => {
    fc.assert(
      fc.property(userId, bucket, userId, bucket, (u1, b1, u2, b2) => {
        fc.pre(u1 !== u2 || b1 !== b2);
        expect(physicalBucket(tenant(u1), b1)).not.toBe(physicalBucket(tenant(u2), b2));
      }),
    );
    // The reference's classic collision: user "a" bucket "b-c" vs user "a-b" bucket "c".
    expect(physicalBucket(tenant('a'), 'b-ccc')).not.toBe(physicalBucket(tenant('a-b'), 'ccc'));
  });

  it('encode user ids into S3-legal, hyphen-free, injective names', () => {
    fc.assert(
      fc.property(userId, userId, (a, b) => {
        const ea = encodeUserId(a);
        expect(ea).toMatch(/^[a-z0-9]+$/);
        if (a !== b) expect(ea).not.toBe(encodeUserId(b));
      }),
    );
  });

  it('recognise only the caller’s own physical buckets', () => {
    fc.assert(
      fc.property(userId, userId, bucket, (me, other, b) => {
        fc.pre(me !== other);
        expect(ownBucketName(tenant(me), physicalBucket(tenant(me), b))).toBe(b);
        expect(ownBucketName(tenant(me), physicalBucket(tenant(other), b))).toBeUndefined();
      }),
    );
    expect(bucketPrefix(tenant('a'))).toBe('user-a-');
    expect(ownBucketName(tenant('a'), 'user-ax2db-c')).toBeUndefined();
  });

  it('refuse a name that would exceed 63 characters once prefixed, saying how long it may be', () => {
    const long = tenant('a_very_long_user_identifier_1234567890');
    expect(() => physicalBucket(long, 'bucket-name-that-is-long')).toThrow(/use at most \d+ characters/);
  });
});

describe('object keys', () => {
  it('accept ordinary keys, unicode included', () => {
    for (const key of [
      'file.txt',
      'path/to/file.txt',
      'a..b/c',
      'dir/',
      'ünïcødé/日本.txt',
      'x'.repeat(1024),
    ]) {
      expect(validateObjectKey(key)).toBe(key);
    }
  });

  it('refuse traversal, backslashes, control characters and oversize keys', () => {
    for (const key of [
      '',
      '../etc/passwd',
      'a/../../b',
      './a',
      'a/./b',
      'a\\b',
      'a\u0000b',
      'a\nb',
      '/abs',
      'x'.repeat(1025),
      'é'.repeat(513),
      '\ud800',
    ]) {
      expect(() => validateObjectKey(key), JSON.stringify(key)).toThrowError(
        expect.objectContaining({ code: GrpcStatus.INVALID_ARGUMENT, field: 'object_key' }),
      );
    }
  });
});
