import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import {
  create,
  type DescMessage,
  type DescMethod,
  type DescService,
  type MessageInitShape,
  type MessageShape,
} from '@bufbuild/protobuf';
import type * as grpc from '@grpc/grpc-js';
import { type AnyMessage, serviceDefinition } from '@isa-cloud/api';
import type { TenantResolver } from './auth.js';
import { GrpcStatus, ServiceError, toStatus } from './errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { Tenant } from './tenancy.js';

type AnyServerCall =
  | grpc.ServerUnaryCall<AnyMessage, AnyMessage>
  | grpc.ServerReadableStream<AnyMessage, AnyMessage>
  | grpc.ServerWritableStream<AnyMessage, AnyMessage>
  | grpc.ServerDuplexStream<AnyMessage, AnyMessage>;

/** What a handler knows about the call it serves. */
export interface CallContext {
  /** The caller's tenant; reading it throws UNAUTHENTICATED/INVALID_ARGUMENT when the call has none. */
  readonly tenant: Tenant;
  readonly requestId: string;
  /** Aborted when the client cancels, the deadline passes, or the server shuts down. */
  readonly signal: AbortSignal;
  readonly deadline: Date | undefined;
  readonly metadata: grpc.Metadata;
  readonly logger: Logger;
}

type UnaryImpl<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => Promise<MessageInitShape<O>>;
type ServerStreamImpl<I extends DescMessage, O extends DescMessage> = (
  request: MessageShape<I>,
  ctx: CallContext,
) => AsyncIterable<MessageInitShape<O>>;
type ClientStreamImpl<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: CallContext,
) => Promise<MessageInitShape<O>>;
type BidiStreamImpl<I extends DescMessage, O extends DescMessage> = (
  requests: AsyncIterable<MessageShape<I>>,
  ctx: CallContext,
) => AsyncIterable<MessageInitShape<O>>;

export type MethodImpl<M> = M extends {
  methodKind: 'unary';
  input: infer I extends DescMessage;
  output: infer O extends DescMessage;
}
  ? UnaryImpl<I, O>
  : M extends {
        methodKind: 'server_streaming';
        input: infer I extends DescMessage;
        output: infer O extends DescMessage;
      }
    ? ServerStreamImpl<I, O>
    : M extends {
          methodKind: 'client_streaming';
          input: infer I extends DescMessage;
          output: infer O extends DescMessage;
        }
      ? ClientStreamImpl<I, O>
      : M extends {
            methodKind: 'bidi_streaming';
            input: infer I extends DescMessage;
            output: infer O extends DescMessage;
          }
        ? BidiStreamImpl<I, O>
        : never;

/** A handler for every RPC of a generated service, keyed by the RPC's camelCase name. */
export type ServiceImpl<S extends DescService> = { [K in keyof S['method']]: MethodImpl<S['method'][K]> };

/** Shared machinery every call goes through: tenancy, logging, metrics, cancellation, draining. */
export class CallKit {
  private readonly active = new Set<AbortController>();

  constructor(
    readonly tenants: TenantResolver,
    readonly logger: Logger,
    readonly metrics: Metrics,
  ) {}

  get activeCalls(): number {
    return this.active.size;
  }

  /** Aborts every running call (used when the shutdown grace period is over). */
  abortAll(reason: string): void {
    for (const controller of this.active) controller.abort(ServiceError.unavailable(reason));
  }

  /**
   * Binds handlers to a service. Every RPC requires a tenant (the call is refused before the handler runs
   * without one) except those listed in `anonymous` — by default only HealthCheck.
   */
  bind<S extends DescService>(
    service: S,
    impl: ServiceImpl<S>,
    anonymous: ReadonlySet<string> = new Set(['HealthCheck']),
  ): {
    definition: grpc.ServiceDefinition;
    handlers: grpc.UntypedServiceImplementation;
  } {
    const handlers: grpc.UntypedServiceImplementation = {};
    const table = impl as unknown as Record<string, (...args: never[]) => unknown>;
    for (const method of service.methods) {
      const fn = table[method.localName];
      if (typeof fn !== 'function') throw new Error(`${service.typeName}: no handler for ${method.name}`);
      handlers[method.name] = this.handler(
        method,
        fn.bind(impl) as (...args: unknown[]) => unknown,
        anonymous.has(method.name),
      );
    }
    return { definition: serviceDefinition(service), handlers };
  }

  private handler(
    method: DescMethod,
    fn: (...args: unknown[]) => unknown,
    anonymous: boolean,
  ): grpc.UntypedHandleCall {
    const output = method.output;
    const toMessage = (init: unknown) => create(output, init as MessageInitShape<typeof output>);
    switch (method.methodKind) {
      case 'unary':
        return (
          call: grpc.ServerUnaryCall<AnyMessage, AnyMessage>,
          callback: grpc.sendUnaryData<AnyMessage>,
        ) => {
          void this.run(method, anonymous, call, async (ctx) => toMessage(await fn(call.request, ctx))).then(
            (result) => (result.ok ? callback(null, result.value) : callback(result.status)),
          );
        };
      case 'client_streaming':
        return (
          call: grpc.ServerReadableStream<AnyMessage, AnyMessage>,
          callback: grpc.sendUnaryData<AnyMessage>,
        ) => {
          const answered = { done: false };
          void this.run(method, anonymous, call, async (ctx) =>
            toMessage(await fn(readRequests(call, ctx.signal, ctx.deadline, answered), ctx)),
          ).then((result) => {
            answered.done = true;
            if (result.ok) callback(null, result.value);
            else callback(result.status);
          });
        };
      case 'server_streaming':
        return (call: grpc.ServerWritableStream<AnyMessage, AnyMessage>) => {
          void this.run(method, anonymous, call, async (ctx) => {
            await writeResponses(
              call,
              fn(call.request, ctx) as AsyncIterable<unknown>,
              toMessage,
              ctx.signal,
            );
          }).then((result) => finishStream(call, result));
        };
      case 'bidi_streaming':
        return (call: grpc.ServerDuplexStream<AnyMessage, AnyMessage>) => {
          const answered = { done: false };
          void this.run(method, anonymous, call, async (ctx) => {
            await writeResponses(
              call,
              fn(readRequests(call, ctx.signal, ctx.deadline, answered), ctx) as AsyncIterable<unknown>,
              toMessage,
              ctx.signal,
            );
          }).then((result) => {
            answered.done = true;
            finishStream(call, result);
          });
        };
    }
  }

  private async run<T>(
    method: DescMethod,
    anonymous: boolean,
    call: AnyServerCall,
    body: (ctx: CallContext) => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; status: Partial<grpc.StatusObject> }> {
    const service = method.parent.typeName;
    const labels = { service, method: method.name };
    const started = process.hrtime.bigint();
    const [givenId] = call.metadata.get('x-request-id');
    const requestId = typeof givenId === 'string' && /^[\w.-]{1,128}$/.test(givenId) ? givenId : randomUUID();
    const controller = new AbortController();
    this.active.add(controller);
    this.metrics.rpcInFlight.inc(labels);
    const onCancel = () =>
      controller.abort(new ServiceError(GrpcStatus.CANCELLED, 'cancelled by the client'));
    const events = call as unknown as NodeJS.EventEmitter;
    events.on('cancelled', onCancel);
    const deadline = deadlineOf(call);
    let timer: NodeJS.Timeout | undefined;
    if (deadline) {
      const ms = deadline.getTime() - Date.now();
      const expire = () => controller.abort(ServiceError.deadlineExceeded('deadline exceeded'));
      if (ms <= 0) expire();
      else timer = setTimeout(expire, ms);
    }
    // A child logger per call costs more than many calls do: made only when something is logged.
    let callLogger: Logger | undefined;
    let userId: string | undefined;
    const logger = () => {
      callLogger ??= this.logger.child({
        requestId,
        rpc: `${service}/${method.name}`,
        ...(userId ? { userId } : {}),
      });
      return callLogger;
    };
    let code: GrpcStatus = GrpcStatus.OK;
    try {
      const resolved = await this.tenants.resolve(call.metadata);
      if (!(resolved instanceof ServiceError)) userId = resolved.userId;
      if (resolved instanceof ServiceError && !anonymous) throw resolved;
      const ctx: CallContext = {
        get tenant(): Tenant {
          if (resolved instanceof ServiceError) throw resolved;
          return resolved;
        },
        requestId,
        signal: controller.signal,
        deadline,
        metadata: call.metadata,
        get logger(): Logger {
          return logger();
        },
      };
      const value = await body(ctx);
      if (controller.signal.aborted) throw controller.signal.reason;
      return { ok: true, value };
    } catch (err) {
      const reason =
        controller.signal.aborted && !(err instanceof ServiceError) ? controller.signal.reason : err;
      const status = toStatus(reason, requestId);
      code = status.code;
      if (status.internal) logger().error({ err }, 'rpc failed');
      else if (this.logger.isLevelEnabled('debug')) {
        logger().debug({ code: GrpcStatus[status.code], details: status.details }, 'rpc refused');
      }
      return { ok: false, status };
    } finally {
      if (timer) clearTimeout(timer);
      events.removeListener('cancelled', onCancel);
      this.active.delete(controller);
      this.metrics.rpcInFlight.dec(labels);
      this.metrics.rpcTotal.inc({ ...labels, code: GrpcStatus[code] ?? String(code) });
      this.metrics.rpcDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    }
  }
}

function deadlineOf(call: AnyServerCall): Date | undefined {
  const deadline = call.getDeadline();
  if (deadline instanceof Date) return Number.isFinite(deadline.getTime()) ? deadline : undefined;
  return Number.isFinite(deadline) ? new Date(deadline) : undefined;
}

/**
 * Whether the HTTP/2 stream under a grpc-js call was reset by the peer. grpc-js does not expose it, and
 * Node ends the request stream on a reset exactly as on a normal half-close, so the underlying stream
 * is looked up through grpc-js's internals; if they change, this answers false and the deadline check
 * below still stands.
 */
function resetByPeer(call: object): boolean {
  let layer: unknown = (call as { call?: unknown }).call;
  for (let depth = 0; depth < 8 && layer; depth++) {
    const candidate = layer as {
      stream?: { rstCode?: number; aborted?: boolean };
      cancelled?: boolean;
      nextCall?: unknown;
    };
    if (candidate.cancelled === true) return true;
    if (candidate.stream) return (candidate.stream.rstCode ?? 0) > 0 || candidate.stream.aborted === true;
    layer = candidate.nextCall;
  }
  return false;
}

/** How long the end of a client's request stream is given to turn out to be a cancellation. */
const SETTLE_MS = 25;

/**
 * The request stream of a call. grpc-js ends the stream quietly when the client resets it or the deadline
 * passes, which would look like a complete upload: such a stream must throw instead, so a partial upload
 * is never committed.
 */
async function* readRequests(
  call: Readable & { readonly cancelled: boolean },
  signal: AbortSignal,
  deadline: Date | undefined,
  /** Set once the handler has answered: a handler may finish before it reads the end of the stream. */
  answered: { readonly done: boolean },
): AsyncGenerator<never> {
  // Iterating a stream to its end destroys it by default; for a bidi call that would also destroy the
  // response side before the handler has finished answering.
  for await (const message of call.iterator({ destroyOnReturn: false })) {
    signal.throwIfAborted();
    yield message as never;
  }
  // A client that cancels may half-close first and reset a moment later (grpc-js does), and grpc-js
  // reports a reset a tick after the stream ends; a client whose deadline is about to pass resets just
  // before the server's own deadline fires. So the end of a request stream is only trusted after a short
  // settling time (ended early by the cancellation itself) — a partial upload must never be committed.
  const untilDeadline = deadline ? deadline.getTime() - Date.now() : Number.POSITIVE_INFINITY;
  const settleMs = untilDeadline > 0 && untilDeadline < SETTLE_MS * 2 ? untilDeadline + 1 : SETTLE_MS;
  const settled = new AbortController();
  await Promise.race([
    once(call, 'cancelled', { signal: settled.signal }).catch(() => undefined),
    once(call, 'close', { signal: settled.signal }).catch(() => undefined),
    new Promise((resolve) => setTimeout(resolve, settleMs)),
  ]);
  settled.abort();
  // The call was answered while we waited (the handler did not need the end): nothing left to protect.
  if (answered.done) return;
  if (call.cancelled || resetByPeer(call))
    throw new ServiceError(GrpcStatus.CANCELLED, 'the client cancelled the stream');
  signal.throwIfAborted();
  if (deadline && Date.now() >= deadline.getTime()) throw ServiceError.deadlineExceeded('deadline exceeded');
}

/** Writes a stream of responses, waiting for the transport to drain so memory stays bounded. */
async function writeResponses(
  call: grpc.ServerWritableStream<AnyMessage, AnyMessage> | grpc.ServerDuplexStream<AnyMessage, AnyMessage>,
  responses: AsyncIterable<unknown>,
  toMessage: (init: unknown) => AnyMessage,
  signal: AbortSignal,
): Promise<void> {
  for await (const response of responses) {
    if (signal.aborted) break;
    if (!call.write(toMessage(response))) {
      await once(call, 'drain', { signal }).catch(() => undefined);
    }
  }
}

function finishStream(
  call: grpc.ServerWritableStream<AnyMessage, AnyMessage> | grpc.ServerDuplexStream<AnyMessage, AnyMessage>,
  result: { ok: true } | { ok: false; status: Partial<grpc.StatusObject> },
): void {
  if (result.ok) call.end();
  else call.emit('error', result.status);
}
