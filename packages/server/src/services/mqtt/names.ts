import { ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';

/**
 * Tenant namespacing on the broker.
 *
 * Topics: `{user_id}/{organization_id}/{topic}`, as the usage guide says. Tenant ids are
 * [A-Za-z0-9_-] only (platform/tenancy.ts), so neither id can contain "/", "+", "#", "$" or NUL: the two
 * first levels of a physical topic always name exactly one tenant, a caller's topic or filter can never
 * climb out of them, and a wildcard in a caller's filter can only ever stand for levels inside them.
 * Physical topics never start with "$", so the broker's own ($SYS) and the service's reserved state
 * ($isa/..., see registry-topics.ts) are out of every tenant's reach.
 *
 * Client ids: `{user_id}/{organization_id}/{client_id}` on the broker, for the same reasons; a caller's
 * client id has no "/" so the encoding is collision-free. The service's own connections use ids without
 * "/" (see serviceClientId) and so can never collide with a tenant's.
 */

/** MQTT's limit on a topic's encoded length (a two-byte length prefix). */
export const MAX_TOPIC_BYTES = 65535;
/** The embedded broker's router (qlobber) refuses topics with more levels; used for both backends. */
export const MAX_BROKER_TOPIC_LEVELS = 100;
const PREFIX_LEVELS = 2;

export function topicPrefix(tenant: Tenant): string {
  return `${tenant.userId}/${tenant.organizationId}/`;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0001-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Every rule a topic (or, with `wildcards`, a subscription filter) breaks, in words a caller can act on.
 * MQTT 3.1.1 §4.7: UTF-8, no U+0000, at most 65535 bytes, "#" only as the whole last level, "+" only as a
 * whole level, no wildcards in topic names. Service rules: no control characters, no leading "$" (the
 * broker's topics), at most 98 levels and 65535 bytes including the namespace prefix.
 */
export function topicViolations(tenant: Tenant, topic: string, wildcards: boolean): string[] {
  const violations: string[] = [];
  if (topic.length === 0) return ['must not be empty'];
  if (LONE_SURROGATE.test(topic)) violations.push('must be valid UTF-8 (it has an unpaired surrogate)');
  if (topic.includes('\u0000')) violations.push('must not contain U+0000 (NUL)');
  if (CONTROL.test(topic)) {
    violations.push('must not contain control characters (U+0001-U+001F, U+007F-U+009F)');
  }
  const prefix = topicPrefix(tenant);
  const bytes = Buffer.byteLength(prefix, 'utf8') + Buffer.byteLength(topic, 'utf8');
  if (bytes > MAX_TOPIC_BYTES) {
    const room = MAX_TOPIC_BYTES - Buffer.byteLength(prefix, 'utf8');
    violations.push(
      `must be at most ${room} bytes in UTF-8 (MQTT allows ${MAX_TOPIC_BYTES} including the namespace "${prefix}")`,
    );
  }
  const levels = topic.split('/');
  const maxLevels = MAX_BROKER_TOPIC_LEVELS - PREFIX_LEVELS;
  if (levels.length > maxLevels) {
    violations.push(`must have at most ${maxLevels} levels (got ${levels.length})`);
  }
  if (topic.startsWith('$')) {
    violations.push('must not start with "$": such topics ($SYS, ...) belong to the broker');
  }
  if (!wildcards) {
    if (topic.includes('+') || topic.includes('#')) {
      violations.push('must not contain "+" or "#": wildcards are only for subscription filters');
    }
    return violations;
  }
  levels.forEach((level, i) => {
    if (level.includes('#') && (level !== '#' || i !== levels.length - 1)) {
      violations.push('"#" must be a whole level and the last one (e.g. "sensors/#")');
    }
    if (level.includes('+') && level !== '+') {
      violations.push('"+" must be a whole level (e.g. "sensors/+/temperature")');
    }
  });
  return [...new Set(violations)];
}

function placeInNamespace(tenant: Tenant, topic: string, field: string, wildcards: boolean): string {
  const violations = topicViolations(tenant, topic, wildcards);
  if (violations.length > 0) throw ServiceError.invalidArgument(field, violations.join('; '));
  return topicPrefix(tenant) + topic;
}

/** The broker topic for a caller's topic name (no wildcards). */
export function physicalTopic(tenant: Tenant, topic: string, field = 'topic'): string {
  return placeInNamespace(tenant, topic, field, false);
}

/** The broker filter for a caller's subscription filter ("+" and "#" allowed). */
export function physicalFilter(tenant: Tenant, filter: string, field = 'topic_filter'): string {
  return placeInNamespace(tenant, filter, field, true);
}

/** The caller's topic for a broker topic, or undefined when the topic is not in the caller's namespace. */
export function ownTopic(tenant: Tenant, physical: string): string | undefined {
  const prefix = topicPrefix(tenant);
  return physical.startsWith(prefix) && physical.length > prefix.length
    ? physical.slice(prefix.length)
    : undefined;
}

/**
 * Client ids and device ids: 1-128 characters from letters, digits and "_ . : @ -", starting with a
 * letter or digit. Narrower than MQTT allows, so that an id is also a safe topic level (device status
 * topics, registry keys) and never contains "/", "+", "#", "$", whitespace or control characters.
 */
const CLIENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;

export function validateClientId(value: string, field = 'client_id'): string {
  if (value.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (value.length > 128) throw ServiceError.invalidArgument(field, 'must be at most 128 characters');
  if (!CLIENT_ID.test(value)) {
    throw ServiceError.invalidArgument(
      field,
      'may contain only letters, digits and "_ . : @ -", and must start with a letter or digit',
    );
  }
  return value;
}

export function brokerClientId(tenant: Tenant, clientId: string): string {
  return `${tenant.userId}/${tenant.organizationId}/${clientId}`;
}

/** Client id of a connection the service opens for a tenant's stream ("~" is never in a caller's id). */
export function streamClientId(tenant: Tenant, random: string): string {
  return `${tenant.userId}/${tenant.organizationId}/~stream-${random}`;
}

/** Client id of one of the service's own connections (no "/", so never a tenant's). */
export function serviceClientId(instanceId: string, role: string): string {
  return `isa-mqtt.${instanceId}.${role}`;
}

/** MQTT QoS 0, 1 or 2. */
export function validateQos(value: number, field = 'qos'): 0 | 1 | 2 {
  if (value !== 0 && value !== 1 && value !== 2) {
    throw ServiceError.invalidArgument(field, `must be 0, 1 or 2 (got ${value})`);
  }
  return value;
}

/** True when an MQTT topic filter matches a topic name (§4.7; "$" topics never match a leading wildcard). */
export function filterMatches(filter: string, topic: string): boolean {
  if (topic.startsWith('$') && (filter.startsWith('+') || filter.startsWith('#'))) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  for (let i = 0; i < f.length; i++) {
    const level = f[i]!;
    if (level === '#') return true;
    if (i >= t.length) return false;
    if (level !== '+' && level !== t[i]) return false;
  }
  return f.length === t.length;
}
