import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Where a tenant's things live on the NATS server.
 *
 * Subjects: `isa.{user id}.{organization id}.{subject}`. Tenant ids are single subject tokens (they
 * cannot contain ".", "*", ">" or whitespace: see platform/tenancy.ts), so the first three tokens name
 * exactly one tenant, and a pattern such as `>` or `orders.*` becomes `isa.{user}.{org}.>`, which can only
 * match inside that tenant's namespace. System subjects ($JS, $KV, $O, $SYS, ...) are outside every
 * namespace, so they cannot be reached by any subject a client sends.
 *
 * Streams, KV buckets and object buckets: `isa_{user}_-{org}_-{name}`, where every "_" of the ids is
 * doubled. Inside an encoded id "_" only ever appears in pairs, so the first "_-" that follows a pair
 * boundary ends the id: the encoding is prefix-free, two different (user, organization, name) triples
 * never produce the same physical name, and one tenant's prefix is never a prefix of another tenant's
 * names. KV and object buckets get NATS's own `KV_` / `OBJ_` stream prefixes on top, so they never mix
 * with streams.
 *
 * Consumers live inside a stream, which is already the tenant's, so their names are stored as given.
 */
export const SUBJECT_ROOT = 'isa';
const NAME_ROOT = 'isa_';
const SEPARATOR = '_-';

const encodeId = (id: string) => id.replaceAll('_', '__');

/** Subject prefix of a tenant, ending with ".". */
export function subjectPrefix(tenant: Tenant): string {
  return `${SUBJECT_ROOT}.${tenant.userId}.${tenant.organizationId}.`;
}

/** Prefix of a tenant's stream and bucket names. */
export function namePrefix(tenant: Tenant): string {
  return `${NAME_ROOT}${encodeId(tenant.userId)}${SEPARATOR}${encodeId(tenant.organizationId)}${SEPARATOR}`;
}

const MAX_SUBJECT = 256;
const MAX_NAME = 64;
/** File stores name a directory after the stream (`KV_`/`OBJ_` + name); keep well under 255 bytes. */
const MAX_PHYSICAL_NAME = 240;

/**
 * A subject the caller publishes to (`wildcards` false) or subscribes to (`wildcards` true): dot-separated
 * non-empty tokens of printable characters without whitespace; "*" and ">" only as whole tokens, ">"
 * only last; no token of the first position starting with "$" (NATS's reserved system prefixes).
 */
export function validateSubject(subject: string, field: string, wildcards: boolean): string {
  if (subject.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (subject.length > MAX_SUBJECT) {
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_SUBJECT} characters`);
  }
  if (/[\s\p{Cc}]/u.test(subject)) {
    throw ServiceError.invalidArgument(field, 'must not contain whitespace or control characters');
  }
  const tokens = subject.split('.');
  tokens.forEach((token, i) => {
    if (token === '') {
      throw ServiceError.invalidArgument(
        field,
        'must be dot-separated non-empty tokens (no "..", no leading or trailing ".")',
      );
    }
    const wildcard = token === '*' || token === '>';
    if (wildcard && !wildcards) {
      throw ServiceError.invalidArgument(
        field,
        'must not contain the wildcards "*" or ">" (publish to a concrete subject)',
      );
    }
    if (token === '>' && i !== tokens.length - 1) {
      throw ServiceError.invalidArgument(field, '">" may only be the last token');
    }
    if (!wildcard && /[*>]/.test(token)) {
      throw ServiceError.invalidArgument(field, '"*" and ">" are only allowed as whole tokens');
    }
  });
  if (tokens[0]!.startsWith('$')) {
    throw ServiceError.invalidArgument(
      field,
      'system subjects ("$JS", "$KV", "$SYS", ... ) cannot be used; subjects are always inside your namespace',
    );
  }
  return subject;
}

export function physicalSubject(tenant: Tenant, subject: string, field: string, wildcards: boolean): string {
  return subjectPrefix(tenant) + validateSubject(subject, field, wildcards);
}

/** The caller's name for a physical subject, or undefined when it is outside the caller's namespace. */
export function ownSubject(tenant: Tenant, physical: string): string | undefined {
  const prefix = subjectPrefix(tenant);
  return physical.startsWith(prefix) && physical.length > prefix.length
    ? physical.slice(prefix.length)
    : undefined;
}

/** Queue group names: one token of letters, digits, "_", "-" (empty = no group). */
export function validateQueueGroup(group: string, field = 'queue_group'): string {
  if (group === '') return group;
  if (group.length > MAX_NAME || !/^[A-Za-z0-9_-]+$/.test(group)) {
    throw ServiceError.invalidArgument(field, `must be 1-${MAX_NAME} letters, digits, "_" or "-"`);
  }
  return group;
}

/** Stream, consumer and bucket names: 1-64 letters, digits, "_" or "-". */
export function validateName(name: string, field: string): string {
  if (name.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (name.length > MAX_NAME)
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_NAME} characters`);
  if (!/^[A-Za-z0-9_-]+$/.test(name)) {
    throw ServiceError.invalidArgument(
      field,
      'may contain only letters, digits, "_" and "-" (no ".", "*", ">", "/", whitespace)',
    );
  }
  return name;
}

/** Physical name of a tenant's stream, KV bucket or object bucket. */
export function physicalName(tenant: Tenant, name: string, field: string): string {
  const physical = namePrefix(tenant) + validateName(name, field);
  if (physical.length > MAX_PHYSICAL_NAME) {
    throw ServiceError.invalidArgument(
      field,
      `too long for this tenant: use at most ${MAX_PHYSICAL_NAME - namePrefix(tenant).length} characters`,
    );
  }
  return physical;
}

/** The caller's name for a physical stream/bucket name, or undefined when it is not the caller's. */
export function ownName(tenant: Tenant, physical: string): string | undefined {
  const prefix = namePrefix(tenant);
  return physical.startsWith(prefix) ? physical.slice(prefix.length) : undefined;
}

/**
 * KV keys (NATS's rules): letters, digits and "-", "_", "/", "=", ".", not starting or ending with ".",
 * no empty tokens. Filters may also use "*" and ">" as whole tokens.
 */
export function validateKey(key: string, field: string, wildcards = false): string {
  if (key.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (key.length > 1024) throw ServiceError.invalidArgument(field, 'must be at most 1024 characters');
  const tokens = key.split('.');
  tokens.forEach((token, i) => {
    if (token === '') {
      throw ServiceError.invalidArgument(field, 'must not start or end with "." or contain ".."');
    }
    if (wildcards && (token === '*' || (token === '>' && i === tokens.length - 1))) return;
    if (!/^[-/=\w]+$/.test(token)) {
      throw ServiceError.invalidArgument(
        field,
        wildcards
          ? 'may contain letters, digits, "-", "_", "/", "=", "." and the wildcards "*" and ">" (whole tokens)'
          : 'may contain only letters, digits, "-", "_", "/", "=" and "."',
      );
    }
  });
  return key;
}

/** Object names: 1-1024 characters, no control characters. */
export function validateObjectName(name: string, field = 'name'): string {
  if (name.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (name.length > 1024) throw ServiceError.invalidArgument(field, 'must be at most 1024 characters');
  if (/\p{Cc}/u.test(name)) throw ServiceError.invalidArgument(field, 'must not contain control characters');
  if (/[\uD800-\uDFFF]/u.test(name)) {
    throw ServiceError.invalidArgument(field, 'must be valid UTF-8 (no lone surrogates)');
  }
  return name;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,128}$/;
const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Message headers: HTTP-token names, values without CR/LF or other control characters, 16 KiB in all.
 * Names starting with "Nats-" are NATS's own (message ids, expectations, rollups) and are refused: the
 * API has fields for what it supports.
 */
export function validateHeaders(headers: Record<string, string>, field = 'headers'): Record<string, string> {
  let total = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      throw ServiceError.invalidArgument(field, `"${name}": header names must be 1-128 token characters`);
    }
    if (/^nats-/i.test(name)) {
      throw ServiceError.invalidArgument(
        field,
        `"${name}": header names starting with "Nats-" are reserved by NATS`,
      );
    }
    if (/\p{Cc}/u.test(value)) {
      throw ServiceError.invalidArgument(
        field,
        `"${name}": header values must not contain control characters`,
      );
    }
    total += name.length + Buffer.byteLength(value, 'utf8') + 4;
  }
  if (total > MAX_HEADER_BYTES) throw ServiceError.invalidArgument(field, 'must be at most 16 KiB in all');
  return headers;
}
