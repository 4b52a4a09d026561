import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Where a tenant's things live in Redis.
 *
 *   isa:{user id}:{organization id}:k:{key}        the tenant's keys (strings, hashes, lists, ...)
 *   isa:{user id}:{organization id}:s:{session id} sessions (hashes with a TTL)
 *   isa:{user id}:{organization id}:l:{lock name}  locks (value: the owner's random token)
 *   isa:{user id}:{organization id}:f:{lock name}  fencing counters of locks
 *   isa:{user id}:{organization id}:c:{channel}    pub/sub channels (a separate namespace in Redis)
 *   isa:_health:{random}                           the deep health check's probe key
 *
 * Tenant ids are 1-64 characters from [A-Za-z0-9_-] (platform/tenancy.ts): they contain neither ":"
 * nor any glob character (`* ? [ ] \`). So the first ":" after "isa:" ends the user id and the next one
 * the organization id: two different tenants never share a prefix, and no tenant's prefix is a prefix of
 * another's. Everything after the kind letter is the caller's own name, taken literally; it may contain
 * ":" or glob characters without ever reaching outside the prefix, because the prefix is always the
 * beginning of the physical name. The probe key is outside every tenant: tenant ids cannot start with "_".
 *
 * Patterns (SCAN MATCH, PSUBSCRIBE) are the literal prefix followed by the caller's glob: Redis matches a
 * glob against the whole name, so a physical pattern can only match names that begin with that prefix,
 * whatever the caller's part contains.
 */
export const ROOT = 'isa';

export type Namespace = 'k' | 's' | 'l' | 'f' | 'c';

export function tenantRoot(tenant: Tenant): string {
  return `${ROOT}:${tenant.userId}:${tenant.organizationId}:`;
}

export function prefix(tenant: Tenant, ns: Namespace): string {
  return `${tenantRoot(tenant)}${ns}:`;
}

export const HEALTH_PREFIX = `${ROOT}:_health:`;

const MAX_NAME_BYTES = 1024;
/** Redis glob matching is backtracking; capping wildcards keeps a crafted pattern from burning CPU. */
const MAX_PATTERN_STARS = 16;

/** Keys, hash fields, channels and lock names: 1-1024 UTF-8 bytes, no control characters. */
export function validateName(name: string, field: string, what = 'names'): string {
  if (name.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_NAME_BYTES) {
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_NAME_BYTES} bytes (got ${bytes})`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    throw ServiceError.invalidArgument(field, `${what} must not contain control characters`);
  }
  if (/[\uD800-\uDFFF]/u.test(name)) {
    throw ServiceError.invalidArgument(field, 'must be valid UTF-8 (no lone surrogates)');
  }
  return name;
}

/** Glob patterns: empty means "*"; as names, with at most 16 "*". */
export function validatePattern(pattern: string, field: string): string {
  if (pattern === '') return '*';
  validateName(pattern, field, 'patterns');
  const stars = pattern.split('*').length - 1;
  if (stars > MAX_PATTERN_STARS) {
    throw ServiceError.invalidArgument(field, `at most ${MAX_PATTERN_STARS} "*" wildcards (got ${stars})`);
  }
  return pattern;
}

/** Escapes glob characters so that a literal string matches only itself inside a pattern. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export function physicalKey(tenant: Tenant, key: string, field = 'key'): string {
  return prefix(tenant, 'k') + validateName(key, field, 'keys');
}

export function physicalChannel(tenant: Tenant, channel: string, field = 'channel'): string {
  return prefix(tenant, 'c') + validateName(channel, field, 'channels');
}

/** A physical SCAN/PSUBSCRIBE pattern: the escaped namespace prefix, then the caller's glob. */
export function physicalPattern(tenant: Tenant, ns: Namespace, pattern: string, field = 'pattern'): string {
  return escapeGlob(prefix(tenant, ns)) + validatePattern(pattern, field);
}

/** The caller's name for a physical name of its namespace, or undefined when it is not the caller's. */
export function ownName(tenant: Tenant, ns: Namespace, physical: string): string | undefined {
  const p = prefix(tenant, ns);
  return physical.startsWith(p) && physical.length > p.length ? physical.slice(p.length) : undefined;
}

export function lockKeys(tenant: Tenant, name: string, field = 'lock_key'): { lock: string; fence: string } {
  validateName(name, field, 'lock names');
  return { lock: prefix(tenant, 'l') + name, fence: prefix(tenant, 'f') + name };
}

/** Session and lock ids are 128 random bits in base64url (22 characters). */
const RANDOM_ID = /^[A-Za-z0-9_-]{22}$/;

export function validateRandomId(id: string, field: string, what: string): string {
  if (!RANDOM_ID.test(id)) {
    throw ServiceError.invalidArgument(field, `is not a ${what} issued by this service`);
  }
  return id;
}

export function sessionKey(tenant: Tenant, sessionId: string, field = 'session_id'): string {
  return prefix(tenant, 's') + validateRandomId(sessionId, field, 'session id');
}
