import { describe, expect, it } from 'vitest';
import {
  allowsAnonymous,
  cannedPolicy,
  classifyPolicy,
  customPolicyToPhysical,
  policyToOwnNames,
} from './policy.js';

const physical = 'user-alice-photos';

describe('bucket policies', () => {
  it('round-trip canned policies through their classification', () => {
    for (const type of ['public-read', 'public-write', 'public-read-write'] as const) {
      expect(classifyPolicy(cannedPolicy(type, physical), physical)).toBe(type);
    }
    expect(cannedPolicy('private', physical)).toBeUndefined();
    expect(classifyPolicy(undefined, physical)).toBe('private');
  });

  it('grant anonymous access exactly as written, Deny winning', () => {
    const read = cannedPolicy('public-read', physical);
    expect(allowsAnonymous(read, 's3:GetObject', physical, 'a/b.jpg')).toBe(true);
    expect(allowsAnonymous(read, 's3:PutObject', physical, 'a/b.jpg')).toBe(false);
    expect(allowsAnonymous(read, 's3:GetObject', 'user-bob-photos', 'a/b.jpg')).toBe(false);
    const mixed = JSON.stringify({
      Statement: [
        { Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: `arn:aws:s3:::${physical}/*` },
        {
          Effect: 'Deny',
          Principal: { AWS: '*' },
          Action: 's3:GetObject',
          Resource: `arn:aws:s3:::${physical}/secret/*`,
        },
      ],
    });
    expect(allowsAnonymous(mixed, 's3:GetObject', physical, 'public/x')).toBe(true);
    expect(allowsAnonymous(mixed, 's3:GetObject', physical, 'secret/x')).toBe(false);
    expect(allowsAnonymous('not json', 's3:GetObject', physical, 'x')).toBe(false);
  });

  it('rewrite a custom policy between the caller’s names and physical names, refusing other buckets', () => {
    const mine = JSON.stringify({
      Statement: [
        {
          Effect: 'Allow',
          Principal: '*',
          Action: ['s3:GetObject'],
          Resource: 'arn:aws:s3:::photos/public/*',
        },
      ],
    });
    const stored = customPolicyToPhysical(mine, 'photos', physical);
    expect(stored).toContain(`arn:aws:s3:::${physical}/public/*`);
    expect(policyToOwnNames(stored, physical, 'photos')).toContain('arn:aws:s3:::photos/public/*');
    for (const resource of [
      'arn:aws:s3:::photos-other/*',
      'arn:aws:s3:::user-bob-photos/*',
      'arn:aws:s3:::*',
      '*',
    ]) {
      const outside = JSON.stringify({
        Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: resource }],
      });
      expect(() => customPolicyToPhysical(outside, 'photos', physical), resource).toThrow(
        /outside bucket "photos"/,
      );
    }
    expect(() => customPolicyToPhysical('{"Statement": []}', 'photos', physical)).toThrow(/1-100 statements/);
    expect(() => customPolicyToPhysical('{', 'photos', physical)).toThrow(/not valid JSON/);
  });
});
