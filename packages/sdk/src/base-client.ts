import {
  create,
  type DescMessage,
  type DescMethod,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import { MethodOptions_IdempotencyLevel } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import type { AnyMessage, ServiceEntry } from '@isa-cloud/api';
import { GrpcStatus, IsaCloudError } from './errors.js';
import { backoffMs, DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './retry.js';
import { type Channel, FixedTransport, type TlsOptions, type Transport, type WireCall } from './transport.js';

/** Where failed calls are reported when they resolve to null. */
export interface SdkLogger {
  error(message: string, error: IsaCloudError): void;
  debug?(message: string): void;
}

export const consoleLogger: SdkLogger = {
  error: (message) => console.error(message),
};

export interface ClientOptions {
  /** Default "localhost". */
  host?: string;
  /** Default: the service's port from the usage guide (MinIO 50051, ...). */
  port?: number;
  /** The tenant's user id, sent as "x-user-id" metadata. */
  userId?: string;
  /** The tenant's organisation (default on the server: "default-org"). */
  organizationId?: string;
  /** Bearer token (JWT) for servers running with auth; a function is called before every call. */
  token?: string | (() => string | Promise<string>);
  /** Connect at the first call (default) or right away. */
  lazyConnect?: boolean;
  /** gzip-compress requests (default true; bulk binary uploads are sent uncompressed). */
  enableCompression?: boolean;
  /** Retry idempotent calls on transient failures (default true). */
  enableRetry?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Deadline of unary calls in ms (default 30000); streams have none unless a call sets one. */
  timeoutMs?: number;
  /** Throw IsaCloudError on failure instead of logging it and resolving to null (default false). */
  throwOnError?: boolean;
  /** Receives failures that resolve to null; `null` silences them. Default: console.error. */
  logger?: SdkLogger | null;
  tls?: TlsOptions;
  /** Largest message sent or received (default 64 MiB). */
  maxMessageBytes?: number;
  channelOptions?: grpc.ChannelOptions;
  /** Replaces host/port: where calls go (used by ServiceDiscovery). */
  transport?: Transport;
}

/** Options every method accepts for one call. */
export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  throwOnError?: boolean;
}

type Resolved = Required<Pick<ClientOptions, 'enableRetry' | 'timeoutMs' | 'throwOnError'>> & {
  retry: RetryPolicy;
  logger: SdkLogger | null;
};

function isIdempotent(method: DescMethod): boolean {
  return method.idempotency !== MethodOptions_IdempotencyLevel.IDEMPOTENCY_UNKNOWN;
}

/** Failures that prove the request never reached a server: any call may be retried after them. */
function neverSent(err: IsaCloudError): boolean {
  return (
    err.code === GrpcStatus.UNAVAILABLE &&
    /No connection established|ECONNREFUSED|Failed to connect|no healthy instance/.test(err.details)
  );
}

/**
 * What every service client shares: lazy connection, tenant metadata, deadlines, retries of idempotent
 * calls on transient errors, and the null-or-throw failure policy. Use it with `await using` (or call
 * close()) so the connection is released.
 */
export abstract class BaseClient {
  protected readonly transport: Transport;
  private readonly settings: Resolved;
  private readonly identity: Pick<ClientOptions, 'userId' | 'organizationId' | 'token'>;
  private closed = false;

  protected constructor(
    protected readonly entry: ServiceEntry,
    options: ClientOptions = {},
  ) {
    this.settings = {
      enableRetry: options.enableRetry ?? true,
      timeoutMs: options.timeoutMs ?? 30_000,
      throwOnError: options.throwOnError ?? false,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      logger: options.logger === undefined ? consoleLogger : options.logger,
    };
    this.identity = { userId: options.userId, organizationId: options.organizationId, token: options.token };
    this.transport =
      options.transport ??
      new FixedTransport(`${options.host ?? 'localhost'}:${options.port ?? entry.defaultPort}`, {
        enableCompression: options.enableCompression ?? true,
        tls: options.tls,
        maxMessageBytes: options.maxMessageBytes ?? 64 * 1024 * 1024,
        channelOptions: options.channelOptions,
      });
    if (options.lazyConnect === false) void this.connect();
  }

  /** The guide's display name of the service, e.g. "MinIO". */
  get serviceName(): string {
    return this.entry.displayName;
  }

  /** Attempts a call may make under the client's retry settings (1 when retries are off). */
  protected get maxAttempts(): number {
    return this.settings.enableRetry ? this.settings.retry.maxAttempts : 1;
  }

  get userId(): string | undefined {
    return this.identity.userId;
  }

  /** Waits until the channel is connected (or the timeout passes); resolves false on failure. */
  async connect(timeoutMs = this.settings.timeoutMs): Promise<boolean> {
    try {
      await (await this.transport.channel()).connect(new Date(Date.now() + timeoutMs));
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.transport.close();
    }
    return Promise.resolve();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private async wire(options: CallOptions | undefined, stream: boolean): Promise<WireCall> {
    const metadata = new grpc.Metadata();
    if (this.identity.userId) metadata.set('x-user-id', this.identity.userId);
    if (this.identity.organizationId) metadata.set('x-organization-id', this.identity.organizationId);
    const token =
      typeof this.identity.token === 'function' ? await this.identity.token() : this.identity.token;
    if (token) metadata.set('authorization', `Bearer ${token}`);
    const timeout = options?.timeoutMs ?? (stream ? undefined : this.settings.timeoutMs);
    return {
      metadata,
      deadline: timeout ? new Date(Date.now() + timeout) : undefined,
      signal: options?.signal,
    };
  }

  private shouldRetry(method: DescMethod, err: IsaCloudError, attempt: number): boolean {
    return (
      this.settings.enableRetry &&
      (isIdempotent(method) || neverSent(err)) &&
      attempt < this.settings.retry.maxAttempts &&
      this.settings.retry.retryableCodes.includes(err.code)
    );
  }

  /**
   * A call reset by the server or the connection (not by us) surfaces in grpc-js as CANCELLED; it is an
   * outage like any other, so it becomes UNAVAILABLE and can be retried or resumed.
   */
  private failure(raw: unknown, method: DescMethod, options: CallOptions | undefined): IsaCloudError {
    const err = IsaCloudError.from(raw, this.serviceName, method.localName);
    if (err.code !== GrpcStatus.CANCELLED || options?.signal?.aborted) return err;
    return new IsaCloudError({
      service: err.service,
      operation: err.operation,
      code: GrpcStatus.UNAVAILABLE,
      details: `the call was reset by the server or the connection (${err.details})`,
      field: err.field,
      requestId: err.requestId,
      cause: raw,
    });
  }

  /** Waits before the next attempt, unless another instance can take it at once (failover). */
  private async pause(
    err: IsaCloudError,
    channel: Channel | undefined,
    attempt: number,
    signal?: AbortSignal,
  ): Promise<void> {
    const elsewhere =
      channel !== undefined &&
      err.code === GrpcStatus.UNAVAILABLE &&
      (this.transport.reportUnavailable?.(channel) ?? false);
    if (!elsewhere) await sleep(backoffMs(this.settings.retry, attempt), signal);
  }

  private describe(
    method: DescMethod,
    err: IsaCloudError,
    attempt: number,
    channel: Channel | undefined,
  ): void {
    this.settings.logger?.debug?.(
      `[${this.serviceName}] ${method.localName} attempt ${attempt} on ${channel?.address ?? '(no instance)'} failed (${err.codeName}); retrying`,
    );
  }

  /** One unary call, retried per the retry policy when the RPC is declared idempotent. */
  protected async unary<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options?: CallOptions,
  ): Promise<MessageShape<O>> {
    const message = create(method.input, request) as AnyMessage;
    for (let attempt = 1; ; attempt++) {
      let channel: Channel | undefined;
      try {
        channel = await this.transport.channel();
        return (await channel.unary(method, message, await this.wire(options, false))) as MessageShape<O>;
      } catch (raw) {
        const err = this.failure(raw, method, options);
        if (!this.shouldRetry(method, err, attempt)) throw err;
        this.describe(method, err, attempt, channel);
        await this.pause(err, channel, attempt, options?.signal);
      }
    }
  }

  /**
   * A server stream as an async iterable. Idempotent streams are retried when they fail before the
   * first message arrives; after that a failure ends the iteration with an IsaCloudError.
   */
  protected async *serverStream<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options?: CallOptions,
  ): AsyncGenerator<MessageShape<O>> {
    const message = create(method.input, request) as AnyMessage;
    for (let attempt = 1; ; attempt++) {
      let channel: Channel | undefined;
      let stream: ReturnType<Channel['serverStream']> | undefined;
      let received = false;
      try {
        channel = await this.transport.channel();
        stream = channel.serverStream(method, message, await this.wire(options, true));
        for await (const item of stream) {
          received = true;
          yield item as MessageShape<O>;
        }
        return;
      } catch (raw) {
        const err = this.failure(raw, method, options);
        if (received || !this.shouldRetry(method, err, attempt)) throw err;
        this.describe(method, err, attempt, channel);
        await this.pause(err, channel, attempt, options?.signal);
      } finally {
        stream?.cancel();
      }
    }
  }

  /** A client stream: every message of `requests` is sent in order, then the one response awaited. */
  protected async clientStream<I extends DescMessage, O extends DescMessage>(
    method: DescMethod & { input: I; output: O },
    requests: AsyncIterable<{ message: MessageInitShape<I>; compress: boolean }>,
    options?: CallOptions,
  ): Promise<MessageShape<O>> {
    async function* encoded() {
      for await (const r of requests)
        yield { message: create(method.input, r.message) as AnyMessage, compress: r.compress };
    }
    try {
      const channel = await this.transport.channel();
      return (await channel.clientStream(
        method,
        encoded(),
        await this.wire(options, true),
      )) as MessageShape<O>;
    } catch (raw) {
      throw this.failure(raw, method, options);
    }
  }

  /**
   * Opens a server stream whose first message confirms it is live (a "started" event carrying its id),
   * and hands back the rest as items. Throws when the server does not confirm.
   */
  protected async openConfirmedStream<I extends DescMessage, O extends DescMessage, S, T>(
    operation: string,
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options: CallOptions,
    pick: (response: MessageShape<O>) => { started?: S; item?: T },
  ): Promise<{ started: S; items: AsyncGenerator<T | undefined>; controller: AbortController }> {
    const controller = new AbortController();
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    const stream = this.serverStream(method, request, { ...options, signal });
    const first = await stream.next();
    const started = first.done ? undefined : pick(first.value).started;
    if (started === undefined) {
      controller.abort();
      throw new IsaCloudError({
        service: this.serviceName,
        operation,
        code: GrpcStatus.UNKNOWN,
        details: 'the server did not confirm the stream',
      });
    }
    async function* items(): AsyncGenerator<T | undefined> {
      for await (const response of stream) yield pick(response).item;
    }
    return { started, items: items(), controller };
  }

  /**
   * Applies the failure policy to one SDK operation: the result on success; on failure either the
   * IsaCloudError is thrown (throwOnError) or it is logged once and the operation resolves to null.
   */
  protected async run<T>(
    operation: string,
    options: CallOptions | undefined,
    work: () => Promise<T>,
  ): Promise<T | null> {
    try {
      return await work();
    } catch (raw) {
      const err = IsaCloudError.from(raw, this.serviceName, operation);
      if (options?.throwOnError ?? this.settings.throwOnError) throw err;
      this.settings.logger?.error(err.message, err);
      return null;
    }
  }
}
