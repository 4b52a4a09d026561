import { ServiceError } from '../../platform/errors.js';

/**
 * Bucket policies. Clients speak in their own bucket names; stored documents use physical names. The
 * canned types map to standard S3 policy documents, and a custom document may only name the caller's
 * own bucket: any other resource is refused, so a policy can never open another tenant's bucket.
 */
export type CannedPolicy = 'private' | 'public-read' | 'public-write' | 'public-read-write';

const READ_ACTIONS = ['s3:GetObject'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:DeleteObject'];

export function cannedPolicy(type: CannedPolicy, bucket: string): string | undefined {
  const actions =
    type === 'public-read'
      ? READ_ACTIONS
      : type === 'public-write'
        ? WRITE_ACTIONS
        : type === 'public-read-write'
          ? [...READ_ACTIONS, ...WRITE_ACTIONS]
          : [];
  if (actions.length === 0) return undefined;
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Principal: { AWS: ['*'] }, Action: actions, Resource: [`arn:aws:s3:::${bucket}/*`] },
    ],
  });
}

export function classifyPolicy(policy: string | undefined, bucket: string): CannedPolicy | 'custom' {
  if (policy === undefined) return 'private';
  for (const type of ['public-read', 'public-write', 'public-read-write'] as const) {
    if (sameJson(policy, cannedPolicy(type, bucket))) return type;
  }
  return 'custom';
}

function sameJson(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Resource: string | string[];
  Condition?: unknown;
}

interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

function parse(json: string, field: string): PolicyDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(json);
  } catch (err) {
    throw ServiceError.invalidArgument(field, `not valid JSON: ${(err as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as PolicyDocument).Statement)) {
    throw ServiceError.invalidArgument(field, 'must be a policy document with a "Statement" array');
  }
  const statements = (doc as PolicyDocument).Statement;
  if (statements.length === 0 || statements.length > 100) {
    throw ServiceError.invalidArgument(field, 'must have 1-100 statements');
  }
  for (const [i, s] of statements.entries()) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
      throw ServiceError.invalidArgument(field, `Statement[${i}].Effect must be "Allow" or "Deny"`);
    }
    if (s.Principal === undefined)
      throw ServiceError.invalidArgument(field, `Statement[${i}].Principal is required`);
    const actions = toArray(s.Action);
    if (actions.length === 0 || !actions.every((a) => typeof a === 'string' && /^s3:[A-Za-z*]+$/.test(a))) {
      throw ServiceError.invalidArgument(field, `Statement[${i}].Action must be s3:... actions`);
    }
    if (toArray(s.Resource).length === 0) {
      throw ServiceError.invalidArgument(field, `Statement[${i}].Resource is required`);
    }
  }
  return doc as PolicyDocument;
}

function toArray(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Rewrites resources of a document from one bucket name to another, refusing any other bucket. */
function mapResources(doc: PolicyDocument, from: string, to: string, field: string): PolicyDocument {
  const arn = `arn:aws:s3:::${from}`;
  return {
    ...doc,
    Statement: doc.Statement.map((s, i) => ({
      ...s,
      Resource: toArray(s.Resource).map((resource) => {
        if (typeof resource !== 'string' || !(resource === arn || resource.startsWith(`${arn}/`))) {
          throw ServiceError.invalidArgument(
            field,
            `Statement[${i}].Resource "${String(resource)}" is outside bucket "${from}"; a policy may only name its own bucket`,
          );
        }
        return `arn:aws:s3:::${to}${resource.slice(arn.length)}`;
      }),
    })),
  };
}

export function customPolicyToPhysical(
  json: string,
  ownName: string,
  physical: string,
  field = 'custom_policy',
): string {
  return JSON.stringify(mapResources(parse(json, field), ownName, physical, field));
}

export function policyToOwnNames(json: string, physical: string, ownName: string): string {
  return JSON.stringify(mapResources(parse(json, 'policy'), physical, ownName, 'policy'));
}

function isAnonymous(principal: unknown): boolean {
  if (principal === '*') return true;
  if (typeof principal === 'object' && principal !== null) {
    const aws = (principal as { AWS?: unknown }).AWS;
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

function wildcardMatch(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return regex.test(value);
}

/**
 * Whether an anonymous caller may perform `action` (e.g. "s3:GetObject") on an object. Deny wins over
 * Allow; statements with conditions are not evaluated for anonymous access and never grant it.
 */
export function allowsAnonymous(
  policy: string | undefined,
  action: string,
  bucket: string,
  key: string,
): boolean {
  if (policy === undefined) return false;
  let doc: PolicyDocument;
  try {
    doc = parse(policy, 'policy');
  } catch {
    return false;
  }
  const resource = `arn:aws:s3:::${bucket}/${key}`;
  let allowed = false;
  for (const s of doc.Statement) {
    if (!isAnonymous(s.Principal)) continue;
    const actionMatches = toArray(s.Action).some((a) => wildcardMatch(a, action));
    const resourceMatches = toArray(s.Resource).some((r) => wildcardMatch(r, resource));
    if (!actionMatches || !resourceMatches) continue;
    if (s.Effect === 'Deny') return false;
    if (s.Condition === undefined) allowed = true;
  }
  return allowed;
}
