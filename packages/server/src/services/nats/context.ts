import { randomUUID } from 'node:crypto';
import { type Duration, durationMs } from '@bufbuild/protobuf/wkt';
import { type GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { DeliveryIndex } from './ack-tokens.js';
import type { MessageBroker } from './broker.js';
import { namePrefix, subjectPrefix } from './names.js';

/** What every handler group shares. */
export interface NatsDeps {
  /** The broker; throws UNAVAILABLE (saying what to install or set) when there is none. */
  broker(): MessageBroker;
  readonly mode: 'external' | 'managed';
  readonly subscriptions: SubscriptionRegistry;
  readonly deliveries: DeliveryIndex;
  /** Most messages a live stream may hold for a slow reader before it is ended. */
  readonly bufferLimit: number;
}

/**
 * The live streams (subscriptions, consumers, watches) this instance serves, so Unsubscribe can end them
 * and health can count them. Each stream registers a close function and removes itself when it ends.
 */
export class SubscriptionRegistry {
  private readonly live = new Map<string, { owner: string; subject: string; close: () => void }>();

  private owner(tenant: Tenant): string {
    return `${tenant.userId}\u0000${tenant.organizationId}`;
  }

  add(tenant: Tenant, subject: string, close: () => void): string {
    const id = randomUUID();
    this.live.set(id, { owner: this.owner(tenant), subject, close });
    return id;
  }

  remove(id: string): void {
    this.live.delete(id);
  }

  /** Ends the tenant's subscription `id`, or every one of its subscriptions on `subject`. */
  end(tenant: Tenant, target: { id?: string; subject?: string }): number {
    const owner = this.owner(tenant);
    let ended = 0;
    for (const [id, entry] of this.live) {
      if (entry.owner !== owner) continue;
      if (target.id ? id !== target.id : entry.subject !== target.subject) continue;
      entry.close();
      this.live.delete(id);
      ended++;
    }
    return ended;
  }

  get size(): number {
    return this.live.size;
  }
}

/** Removes the tenant's physical prefixes from text that goes back to the client (server messages). */
export function scrub(tenant: Tenant, text: string): string {
  return text.replaceAll(namePrefix(tenant), '').replaceAll(subjectPrefix(tenant), '');
}

const KINDS = ['stream', 'consumer', 'KV bucket', 'key', 'object bucket', 'object', 'responder'] as const;
export type Kind = (typeof KINDS)[number];

/**
 * Runs a broker call for a tenant: backend messages are scrubbed of physical names, and "<kind> not found"
 * / "<kind> already exists" get the caller's own names (`names.stream = 'stream "orders"'`).
 */
export async function scoped<T>(
  tenant: Tenant,
  names: Partial<Record<Kind, string>>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ServiceError)) throw err;
    let message = scrub(tenant, err.message);
    const kind = [...KINDS].sort((a, b) => b.length - a.length).find((k) => message.startsWith(`${k} `));
    if (kind && names[kind]) message = names[kind] + message.slice(kind.length);
    if (message === err.message) throw err;
    throw new ServiceError(err.code, message, { cause: err, ...(err.field ? { field: err.field } : {}) });
  }
}

export const quote = (s: string) => JSON.stringify(s);

/**
 * Headers as a subscriber sees them: NATS's publish-time expectations (Nats-Expected-*) are dropped and
 * any physical name in a value is scrubbed, so nothing of the namespace layout reaches the client.
 */
export function presentHeaders(tenant: Tenant, headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (/^nats-expected-/i.test(k)) continue;
    out[k] = /^nats-/i.test(k) ? scrub(tenant, v) : v;
  }
  return out;
}

/** A Duration field in ms: `fallback` when unset, INVALID_ARGUMENT outside [min, max]. */
export function durationField(
  value: Duration | undefined,
  field: string,
  options: { fallback: number; min?: number; max?: number },
): number {
  if (!value) return options.fallback;
  const ms = durationMs(value);
  const min = options.min ?? 0;
  if (!Number.isFinite(ms) || ms < min) {
    throw ServiceError.invalidArgument(
      field,
      min > 0 ? `must be at least ${min} ms` : 'must not be negative',
    );
  }
  if (options.max !== undefined && ms > options.max) {
    throw ServiceError.invalidArgument(field, `must be at most ${options.max / 1000} seconds`);
  }
  return ms;
}

/** An integer field that must lie in [min, max] (0 often meaning "default"). */
export function intField(
  value: number | bigint,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw ServiceError.invalidArgument(
      field,
      max === Number.MAX_SAFE_INTEGER ? `must be at least ${min}` : `must be between ${min} and ${max}`,
    );
  }
  return n;
}

export function textField(value: string, field: string, max: number): string {
  if (value.length > max) throw ServiceError.invalidArgument(field, `must be at most ${max} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value))
    throw ServiceError.invalidArgument(field, 'must not contain control characters');
  return value;
}

/** Payload sizes are checked before they reach NATS, so the error names the field. */
export function checkPayload(broker: MessageBroker, bytes: number, field: string): void {
  const max = broker.maxPayload();
  if (bytes > max) {
    throw ServiceError.invalidArgument(
      field,
      `must be at most ${max} bytes (the NATS server's max_payload); got ${bytes}`,
    );
  }
}

export function isCode(err: unknown, code: GrpcStatus): boolean {
  return err instanceof ServiceError && err.code === code;
}
