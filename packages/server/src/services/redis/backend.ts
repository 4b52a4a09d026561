import type { ProbeResult } from '../../platform/health.js';

/** An argument of a Redis command (binary-safe). */
export type RedisArg = string | Buffer | number;

/** A Redis command in physical names: what handlers send and batches group. */
export interface RedisCommand {
  readonly name: string;
  readonly args: readonly RedisArg[];
}

/**
 * A server-side Lua script of this service (never a client's). Run by its SHA1, loaded on first use and
 * again after a Redis restart.
 */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly keys: number;
}

/** One command's outcome inside a batch: Redis's reply (Buffers for bulk strings) or its error. */
export type Settled = { ok: true; reply: unknown } | { ok: false; error: Error };

/** Events of a dedicated subscriber connection; names are physical and raw. */
export interface SubscriberEvents {
  message(channel: Buffer, message: Buffer, pattern: Buffer | undefined): void;
  /** The connection is lost for good (closed by us or beyond repair). */
  closed(reason: Error | undefined): void;
}

/** One SUBSCRIBE/PSUBSCRIBE connection. ioredis subscribes again by itself after a reconnect. */
export interface RedisSubscriber {
  subscribe(channels: readonly string[]): Promise<void>;
  psubscribe(patterns: readonly string[]): Promise<void>;
  unsubscribe(channels: readonly string[]): Promise<void>;
  punsubscribe(patterns: readonly string[]): Promise<void>;
  close(): void;
}

export interface ConnectionFacts {
  /** ioredis's connection state: "ready", "connecting", "reconnecting", "end", ... */
  readonly state: string;
}

/**
 * The Redis backend, in physical names. Tenancy is not its concern: handlers map the caller's names
 * before calling it. One adapter (ioredis) serves both an external Redis (REDIS_URL) and the
 * redis-server the service manages itself.
 *
 * Every method rejects with ServiceError for Redis's error replies (WRONGTYPE → FAILED_PRECONDITION, ...)
 * and UNAVAILABLE when Redis cannot be reached; no error it produces carries a command's arguments.
 */
export interface RedisBackend extends ConnectionFacts {
  readonly kind: 'external' | 'managed';
  /** Runs one command on the shared connection; bulk strings come back as Buffers. */
  call(command: RedisCommand): Promise<unknown>;
  /** Runs one of this service's Lua scripts atomically. */
  script(script: LuaScript, keys: readonly RedisArg[], args: readonly RedisArg[]): Promise<unknown>;
  /** Sends the commands in one round trip (MULTI/EXEC when atomic); one outcome per command. */
  batch(commands: readonly RedisCommand[], atomic: boolean): Promise<Settled[]>;
  /**
   * Runs a blocking command (BLPOP, ...) on a dedicated connection so the shared one never waits.
   * An abort of `signal` ends the wait at once (the connection is dropped) and rejects with its reason.
   */
  blocking(command: RedisCommand, signal: AbortSignal): Promise<unknown>;
  /** A dedicated connection for one subscription. */
  subscriber(events: SubscriberEvents): RedisSubscriber;
  /** INFO, parsed into name → value (all sections when none is given). */
  info(section?: string): Promise<Record<string, string>>;
  /** PING round trip in milliseconds. */
  ping(): Promise<number>;
  health(): Promise<ProbeResult>;
  /** Resolves true once connected, false when `timeoutMs` passes first. */
  ready(timeoutMs: number): Promise<boolean>;
  close(): Promise<void>;
}
