import { createHash } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import type { Logger } from '../../platform/logger.js';
import type {
  LuaScript,
  RedisArg,
  RedisBackend,
  RedisCommand,
  RedisSubscriber,
  Settled,
  SubscriberEvents,
} from './backend.js';
import { mapRedisError } from './errors.js';

export interface IoRedisBackendOptions {
  url: string;
  kind: 'external' | 'managed';
  logger: Logger;
  /** A command without an answer after this long fails with UNAVAILABLE. */
  commandTimeoutMs: number;
  /** Blocking commands (BLPOP, ...) running at once; more are refused with RESOURCE_EXHAUSTED. */
  maxBlocking: number;
  /** Subscriber connections open at once; more are refused with RESOURCE_EXHAUSTED. */
  maxSubscribers: number;
}

/** Idle dedicated connections kept for the next blocking command. */
const IDLE_BLOCKING_KEPT = 4;

/** The URL with its password replaced, for logs and health messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable REDIS_URL)';
  }
}

export function parseInfo(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    const at = line.indexOf(':');
    if (at > 0) out[line.slice(0, at)] = line.slice(at + 1);
  }
  return out;
}

const toArgs = (args: readonly RedisArg[]) => args as (string | Buffer | number)[];

/**
 * The Redis backend on ioredis: one shared connection for ordinary commands (Redis pipelines concurrent
 * commands on it), dedicated connections for blocking commands and for each subscription.
 *
 * Outages: the connection reconnects forever (100 ms, 200 ms, ... up to 1 s apart). Commands in flight
 * when it drops fail at once and are never sent again (a retried INCR would count twice); commands
 * issued while it is down wait for the next reconnect attempt, and fail with UNAVAILABLE if it fails.
 */
export class IoRedisBackend implements RedisBackend {
  readonly kind: 'external' | 'managed';
  private readonly client: Redis;
  private readonly idleBlocking: Redis[] = [];
  private blockingInUse = 0;
  private subscribers = 0;
  private readonly shas = new Map<string, string>();
  private lastError = '';
  private wasReady = false;
  private closed = false;

  constructor(private readonly options: IoRedisBackendOptions) {
    this.kind = options.kind;
    this.client = new Redis(
      options.url,
      this.connectionOptions({ commandTimeout: options.commandTimeoutMs }),
    );
    this.watch(this.client, 'shared');
  }

  private connectionOptions(extra: Partial<RedisOptions> = {}): RedisOptions {
    return {
      connectionName: 'isa-redis-service',
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      enableOfflineQueue: true,
      connectTimeout: 5000,
      retryStrategy: (times) => Math.min(times * 100, 1000),
      ...extra,
    };
  }

  /** Logs connection changes once per change (an outage would otherwise log every reconnect attempt). */
  private watch(client: Redis, role: string): void {
    // Connection-level errors only (refused, reset, auth); command errors reject their command instead.
    client.on('error', (err: Error) => {
      this.lastError = err.message;
    });
    client.on('ready', () => {
      if (role !== 'shared') return;
      if (this.wasReady) this.options.logger.info({ role }, 'Redis connection restored');
      this.wasReady = true;
      this.lastError = '';
    });
    client.on('reconnecting', () => {
      if (role === 'shared' && this.wasReady && this.lastError) {
        this.options.logger.warn({ role, reason: this.lastError }, 'Redis connection lost; reconnecting');
        this.lastError = '';
      }
    });
  }

  get state(): string {
    return this.client.status;
  }

  async call(command: RedisCommand): Promise<unknown> {
    try {
      return await this.client.callBuffer(command.name, ...toArgs(command.args));
    } catch (err) {
      throw mapRedisError(err, command.name);
    }
  }

  private sha(script: LuaScript): string {
    let sha = this.shas.get(script.name);
    if (!sha) {
      sha = createHash('sha1').update(script.source).digest('hex');
      this.shas.set(script.name, sha);
    }
    return sha;
  }

  async script(script: LuaScript, keys: readonly RedisArg[], args: readonly RedisArg[]): Promise<unknown> {
    if (keys.length !== script.keys) throw new Error(`script ${script.name} takes ${script.keys} keys`);
    const rest = [keys.length, ...keys, ...args] as (string | Buffer | number)[];
    try {
      return await this.client.callBuffer('EVALSHA', this.sha(script), ...rest);
    } catch (err) {
      if (!(err instanceof Error && err.message.startsWith('NOSCRIPT'))) {
        throw mapRedisError(err, `script ${script.name}`);
      }
    }
    // First use on this Redis (or Redis restarted without its script cache): send the source once.
    try {
      return await this.client.callBuffer('EVAL', script.source, ...rest);
    } catch (err) {
      throw mapRedisError(err, `script ${script.name}`);
    }
  }

  async batch(commands: readonly RedisCommand[], atomic: boolean): Promise<Settled[]> {
    const pipeline = atomic ? this.client.multi() : this.client.pipeline();
    for (const c of commands) pipeline.callBuffer(c.name, ...toArgs(c.args));
    let results: Array<[Error | null, unknown]> | null;
    try {
      results = await pipeline.exec();
    } catch (err) {
      throw mapRedisError(err, atomic ? 'EXEC' : 'pipeline');
    }
    if (!results) throw ServiceError.aborted('the transaction was discarded by Redis');
    return results.map(([err, reply], i) =>
      err ? { ok: false, error: mapRedisError(err, commands[i]!.name) } : { ok: true, reply },
    );
  }

  async blocking(command: RedisCommand, signal: AbortSignal): Promise<unknown> {
    signal.throwIfAborted();
    if (this.blockingInUse >= this.options.maxBlocking) {
      throw ServiceError.resourceExhausted(
        `too many blocking commands at once (limit ${this.options.maxBlocking}, REDIS_MAX_BLOCKING); try again later`,
      );
    }
    this.blockingInUse++;
    const connection =
      this.idleBlocking.pop() ??
      this.client.duplicate(
        this.connectionOptions({ commandTimeout: undefined, connectionName: 'isa-redis-blocking' }),
      );
    let aborted = false;
    const onAbort = () => {
      aborted = true;
      // The only way to stop a blocking command early is to close its connection.
      connection.disconnect();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await connection.callBuffer(command.name, ...toArgs(command.args));
    } catch (err) {
      if (aborted) throw signal.reason;
      throw mapRedisError(err, command.name);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.blockingInUse--;
      if (
        !aborted &&
        connection.status === 'ready' &&
        this.idleBlocking.length < IDLE_BLOCKING_KEPT &&
        !this.closed
      ) {
        this.idleBlocking.push(connection);
      } else {
        connection.disconnect();
      }
    }
  }

  subscriber(events: SubscriberEvents): RedisSubscriber {
    if (this.subscribers >= this.options.maxSubscribers) {
      throw ServiceError.resourceExhausted(
        `too many subscriptions on this instance (limit ${this.options.maxSubscribers}, REDIS_MAX_SUBSCRIPTIONS)`,
      );
    }
    this.subscribers++;
    const connection = this.client.duplicate(
      this.connectionOptions({
        commandTimeout: this.options.commandTimeoutMs,
        connectionName: 'isa-redis-subscriber',
      }),
    );
    let open = true;
    connection.on('error', () => undefined);
    connection.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      events.message(channel, message, undefined),
    );
    connection.on('pmessageBuffer', (pattern: Buffer | string, channel: Buffer, message: Buffer) =>
      events.message(channel, message, Buffer.isBuffer(pattern) ? pattern : Buffer.from(pattern)),
    );
    connection.once('end', () => {
      if (open) {
        open = false;
        this.subscribers--;
      }
      events.closed(undefined);
    });
    const run = async (work: () => Promise<unknown>, what: string) => {
      try {
        await work();
      } catch (err) {
        throw mapRedisError(err, what);
      }
    };
    return {
      subscribe: (channels) => run(() => connection.subscribe(...channels), 'SUBSCRIBE'),
      psubscribe: (patterns) => run(() => connection.psubscribe(...patterns), 'PSUBSCRIBE'),
      unsubscribe: (channels) => run(() => connection.unsubscribe(...channels), 'UNSUBSCRIBE'),
      punsubscribe: (patterns) => run(() => connection.punsubscribe(...patterns), 'PUNSUBSCRIBE'),
      close: () => {
        if (open) {
          open = false;
          this.subscribers--;
        }
        connection.disconnect();
      },
    };
  }

  async info(section?: string): Promise<Record<string, string>> {
    const reply = await this.call({ name: 'INFO', args: section ? [section] : [] });
    return parseInfo(Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply));
  }

  async ping(): Promise<number> {
    const started = process.hrtime.bigint();
    await this.call({ name: 'PING', args: [] });
    return Number(process.hrtime.bigint() - started) / 1e6;
  }

  async health(): Promise<ProbeResult> {
    if (this.client.status !== 'ready') {
      const why = this.lastError ? `: ${this.lastError}` : '';
      return {
        healthy: false,
        message: `Redis at ${redactUrl(this.options.url)} is not reachable (${this.client.status})${why}`,
      };
    }
    try {
      const latency = await this.ping();
      const info = await this.info();
      return {
        healthy: true,
        details: {
          backend: this.kind,
          redis_version: info.redis_version ?? '',
          redis_mode: info.redis_mode ?? '',
          connected_clients: info.connected_clients ?? '',
          used_memory_bytes: info.used_memory ?? '',
          uptime_seconds: info.uptime_in_seconds ?? '',
          latency_ms: latency.toFixed(2),
        },
      };
    } catch (err) {
      return { healthy: false, message: `Redis does not answer: ${(err as Error).message}` };
    }
  }

  ready(timeoutMs: number): Promise<boolean> {
    if (this.client.status === 'ready') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.client.removeListener('ready', onReady);
        resolve(ok);
      };
      const onReady = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.client.once('ready', onReady);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const c of this.idleBlocking.splice(0)) c.disconnect();
    this.client.disconnect();
  }
}
