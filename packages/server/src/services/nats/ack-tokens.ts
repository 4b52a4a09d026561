import { ServiceError } from '../../platform/errors.js';
import { parseAckSubject } from './broker-nats.js';

/**
 * A delivered JetStream message is acknowledged through its reply subject (`$JS.ACK.<stream>.<consumer>...`).
 * Clients get it as an opaque ack_token (base64url of the subject) that works on any instance; the token
 * is only accepted for the stream and consumer it was delivered by, which are the caller's own (the
 * stream's physical name carries the tenant), so a token can never acknowledge another tenant's message.
 */
export function encodeAckToken(replySubject: string): string {
  return Buffer.from(replySubject, 'utf8').toString('base64url');
}

export function decodeAckToken(token: string, stream: string, consumer: string, field = 'ack_token'): string {
  if (token.length > 1024 || !/^[A-Za-z0-9_-]+$/.test(token)) {
    throw ServiceError.invalidArgument(field, 'is not an ack token from PullMessages or ConsumeMessages');
  }
  const subject = Buffer.from(token, 'base64url').toString('utf8');
  const parsed = parseAckSubject(subject);
  if (!parsed || /[\s*>]/.test(subject)) {
    throw ServiceError.invalidArgument(field, 'is not an ack token from PullMessages or ConsumeMessages');
  }
  if (parsed.stream !== stream || parsed.consumer !== consumer) {
    throw ServiceError.invalidArgument(
      field,
      'belongs to another stream or consumer than stream_name/consumer_name',
    );
  }
  return subject;
}

/**
 * The reply subjects of messages this instance delivered, by (stream, consumer, stream sequence), so that
 * AckMessage can also name a message by its sequence as the reference API did. Bounded: the oldest
 * entries go first, and entries older than `ttlMs` are ignored.
 */
export class DeliveryIndex {
  private readonly entries = new Map<string, { subject: string; at: number }>();

  constructor(
    private readonly maxEntries = 100_000,
    private readonly ttlMs = 3600_000,
  ) {}

  private key(stream: string, consumer: string, seq: number): string {
    return `${stream}\u0000${consumer}\u0000${seq}`;
  }

  remember(stream: string, consumer: string, seq: number, subject: string): void {
    const key = this.key(stream, consumer, seq);
    this.entries.delete(key);
    this.entries.set(key, { subject, at: Date.now() });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  take(stream: string, consumer: string, seq: number): string | undefined {
    const key = this.key(stream, consumer, seq);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    return Date.now() - entry.at > this.ttlMs ? undefined : entry.subject;
  }

  get size(): number {
    return this.entries.size;
  }
}
