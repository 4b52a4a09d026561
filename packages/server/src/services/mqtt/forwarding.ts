import { once } from 'node:events';
import type { DescMethod, MessageShape } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, methodDefinition } from '@isa-cloud/api';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { CallContext } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';

/** The response message of a method. */
type Out<M extends DescMethod> = MessageShape<M['output']>;

/** Marks a call one instance forwarded to another: it is served where it lands, never forwarded again. */
const FORWARDED = 'x-isa-mqtt-forwarded';
/** What of the caller's metadata travels along: its tenant, its token, its request id. */
const CARRIED = ['x-user-id', 'x-organization-id', 'authorization', 'x-request-id'];

function asServiceError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  const e = err as Partial<grpc.ServiceError>;
  if (typeof e.code === 'number' && e.code !== GrpcStatus.UNAVAILABLE) {
    const [field] = e.metadata?.get('isa-field') ?? [];
    return new ServiceError(e.code, e.details ?? 'failed on the instance holding the session', {
      cause: err,
      ...(typeof field === 'string' ? { field } : {}),
    });
  }
  return ServiceError.unavailable(
    `the service instance holding the session is unreachable: ${e.details ?? (err as Error).message}`,
    err,
  );
}

/**
 * Sessions are broker connections, so they live on the instance that opened them; a call for a session
 * that reaches another instance (round-robin discovery does that) is forwarded to its owner, acting as
 * the caller: same tenant metadata and bearer token, so the owner checks the caller's rights itself.
 * The owner's address comes from the tenant's presence record, which lists only live instances'
 * sessions.
 */
export class SessionForwarder {
  private readonly clients = new Map<string, grpc.Client>();

  constructor(
    private readonly instanceId: string,
    /** host:port of the instance holding a session of the tenant, or undefined when none does. */
    private readonly locate: (tenant: Tenant, sessionId: string) => Promise<string | undefined>,
  ) {}

  /** Whether a call naming this session must be served by another instance. */
  elsewhere(sessionId: string, ctx: CallContext): boolean {
    return (
      sessionId !== '' &&
      !sessionId.startsWith(`${this.instanceId}.`) &&
      ctx.metadata.get(FORWARDED).length === 0 &&
      /^[A-Za-z0-9_.-]{1,128}$/.test(sessionId)
    );
  }

  private async peer(ctx: CallContext, sessionId: string): Promise<grpc.Client> {
    const address = await this.locate(ctx.tenant, sessionId);
    if (!address) throw ServiceError.notFound(`session "${sessionId}"`);
    let client = this.clients.get(address);
    if (!client) {
      client = new grpc.Client(address, grpc.credentials.createInsecure(), {
        'grpc.max_receive_message_length': 64 * 1024 * 1024,
        'grpc.max_send_message_length': 64 * 1024 * 1024,
      });
      this.clients.set(address, client);
    }
    return client;
  }

  private metadata(ctx: CallContext): grpc.Metadata {
    const metadata = new grpc.Metadata();
    for (const key of CARRIED) {
      for (const value of ctx.metadata.get(key)) metadata.add(key, value);
    }
    metadata.set(FORWARDED, '1');
    return metadata;
  }

  private options(ctx: CallContext): grpc.CallOptions {
    return ctx.deadline ? { deadline: ctx.deadline } : {};
  }

  async unary<M extends DescMethod>(
    method: M,
    sessionId: string,
    request: unknown,
    ctx: CallContext,
  ): Promise<Out<M>> {
    const client = await this.peer(ctx, sessionId);
    const def = methodDefinition(method);
    return new Promise<Out<M>>((resolve, reject) => {
      const call = client.makeUnaryRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        request as AnyMessage,
        this.metadata(ctx),
        this.options(ctx),
        (err, response) => (err || !response ? reject(asServiceError(err)) : resolve(response as Out<M>)),
      );
      ctx.signal.addEventListener('abort', () => call.cancel(), { once: true });
    });
  }

  async *serverStream<M extends DescMethod>(
    method: M,
    sessionId: string,
    request: unknown,
    ctx: CallContext,
  ): AsyncGenerator<Out<M>> {
    const client = await this.peer(ctx, sessionId);
    const def = methodDefinition(method);
    const call = client.makeServerStreamRequest(
      def.path,
      def.requestSerialize,
      def.responseDeserialize,
      request as AnyMessage,
      this.metadata(ctx),
      this.options(ctx),
    );
    const onAbort = () => call.cancel();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const response of call) yield response as Out<M>;
    } catch (err) {
      if (ctx.signal.aborted) return;
      throw asServiceError(err);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      call.cancel();
    }
  }

  async clientStream<M extends DescMethod>(
    method: M,
    sessionId: string,
    requests: AsyncIterable<unknown>,
    ctx: CallContext,
  ): Promise<Out<M>> {
    const client = await this.peer(ctx, sessionId);
    const def = methodDefinition(method);
    let call: grpc.ClientWritableStream<AnyMessage> | undefined;
    const response = new Promise<Out<M>>((resolve, reject) => {
      call = client.makeClientStreamRequest(
        def.path,
        def.requestSerialize,
        def.responseDeserialize,
        this.metadata(ctx),
        this.options(ctx),
        (err, value) => (err || !value ? reject(asServiceError(err)) : resolve(value as Out<M>)),
      );
    });
    response.catch(() => undefined);
    const writer = call!;
    try {
      for await (const request of requests) {
        if (!writer.write(request as AnyMessage)) await once(writer, 'drain', { signal: ctx.signal });
      }
      writer.end();
    } catch (err) {
      writer.cancel();
      throw err;
    }
    return response;
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
