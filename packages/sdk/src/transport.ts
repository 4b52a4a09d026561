import { once } from 'node:events';
import type { DescMethod } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, methodDefinition } from '@isa-cloud/api';

/** TLS for the channel: `true` uses the system roots; an object adds a CA and/or a client certificate (mTLS). */
export type TlsOptions =
  | boolean
  | {
      ca?: Buffer | string;
      cert?: Buffer | string;
      key?: Buffer | string;
      /** Expected server name when it differs from the host dialled. */
      serverName?: string;
    };

export interface ChannelSettings {
  readonly enableCompression: boolean;
  readonly tls: TlsOptions | undefined;
  readonly maxMessageBytes: number;
  readonly channelOptions: grpc.ChannelOptions | undefined;
}

/** Per-call settings the transport applies. */
export interface WireCall {
  readonly metadata: grpc.Metadata;
  readonly deadline: Date | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Where calls go: one fixed address, or (with service discovery) a set of healthy instances. */
export interface Transport {
  /** Picks the channel for one attempt; a retry may get a different instance. */
  channel(): Channel | Promise<Channel>;
  /**
   * A call on `channel` failed as UNAVAILABLE. Transports with several instances set it aside for a
   * while and return true when another instance can take the retry right away.
   */
  reportUnavailable?(channel: Channel): boolean;
  close(): void;
}

/** Write flag telling grpc-js not to compress one message (incompressible payloads). */
export const NO_COMPRESS = 2;

/** Messages smaller than this are never gzipped: for them compression costs more CPU than it saves. */
export const COMPRESS_FROM_BYTES = 1024;

/** Requests are serialized before they enter grpc-js, so the interceptor below can see their size. */
const passThrough = (bytes: Buffer) => bytes;

/**
 * grpc-js compresses every message of a channel with compression on. This interceptor marks small ones
 * (they arrive already serialized) as not to be compressed, so gzip only runs where it pays.
 */
const compressLargeMessagesOnly: grpc.Interceptor = (options, nextCall) => {
  const next = nextCall(options);
  const call: ReturnType<Parameters<grpc.Interceptor>[1]> = {
    cancelWithStatus: (status, details) => next.cancelWithStatus(status, details),
    getPeer: () => next.getPeer(),
    start: (metadata, listener) => next.start(metadata, listener),
    sendMessageWithContext: (context, message) =>
      next.sendMessageWithContext(
        Buffer.isBuffer(message) && message.length < COMPRESS_FROM_BYTES
          ? { ...context, flags: (context.flags ?? 0) | NO_COMPRESS }
          : context,
        message,
      ),
    sendMessage: (message) => call.sendMessageWithContext({}, message),
    startRead: () => next.startRead(),
    halfClose: () => next.halfClose(),
    getAuthContext: () => next.getAuthContext(),
  };
  return call as grpc.InterceptingCall;
};

const toBuffer = (v: Buffer | string | undefined) =>
  v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(v);

function credentials(tls: TlsOptions | undefined): grpc.ChannelCredentials {
  if (!tls) return grpc.credentials.createInsecure();
  if (tls === true) return grpc.credentials.createSsl();
  return grpc.credentials.createSsl(toBuffer(tls.ca), toBuffer(tls.key), toBuffer(tls.cert));
}

/** One gRPC channel to one address, with typed call helpers driven by protobuf-es descriptors. */
export class Channel {
  private readonly client: grpc.Client;
  /** Calls started and not yet finished on this channel (for least-outstanding balancing). */
  outstanding = 0;

  constructor(
    readonly address: string,
    settings: ChannelSettings,
  ) {
    const options: grpc.ChannelOptions = {
      'grpc.max_receive_message_length': settings.maxMessageBytes,
      'grpc.max_send_message_length': settings.maxMessageBytes,
      // One ping a minute keeps idle streams alive through NATs without tripping servers that
      // refuse frequent pings (too_many_pings).
      'grpc.keepalive_time_ms': 60_000,
      'grpc.keepalive_timeout_ms': 20_000,
      'grpc.keepalive_permit_without_calls': 0,
      // HTTP/2 receive window: the 64 KiB default caps streamed downloads far below what the link can do.
      'grpc-node.flow_control_window': 4 * 1024 * 1024,
      ...(settings.enableCompression
        ? { 'grpc.default_compression_algorithm': grpc.compressionAlgorithms.gzip }
        : {}),
      ...(typeof settings.tls === 'object' && settings.tls.serverName
        ? { 'grpc.ssl_target_name_override': settings.tls.serverName }
        : {}),
      ...settings.channelOptions,
    };
    this.client = new grpc.Client(address, credentials(settings.tls), {
      ...options,
      ...(settings.enableCompression ? { interceptors: [compressLargeMessagesOnly] } : {}),
    });
  }

  /** Starts connecting now instead of at the first call. */
  connect(deadline: Date): Promise<void> {
    return new Promise((resolve, reject) =>
      this.client.waitForReady(deadline, (err) => (err ? reject(err) : resolve())),
    );
  }

  get state(): grpc.connectivityState {
    return this.client.getChannel().getConnectivityState(false);
  }

  close(): void {
    this.client.close();
  }

  private options(call: WireCall): grpc.CallOptions {
    return call.deadline ? { deadline: call.deadline } : {};
  }

  private track<T extends { cancel(): void; on(event: 'status', listener: () => void): unknown }>(
    stream: T,
    signal: AbortSignal | undefined,
  ): T {
    this.outstanding++;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      this.outstanding--;
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => stream.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    stream.on('status', finish);
    return stream;
  }

  unary(method: DescMethod, request: AnyMessage, call: WireCall): Promise<AnyMessage> {
    const def = methodDefinition(method);
    return new Promise((resolve, reject) => {
      if (call.signal?.aborted) return reject(call.signal.reason);
      const unaryCall = this.client.makeUnaryRequest(
        def.path,
        passThrough,
        def.responseDeserialize,
        def.requestSerialize(request),
        call.metadata,
        this.options(call),
        (err, value) => (err ? reject(err) : resolve(value as AnyMessage)),
      );
      this.track(unaryCall, call.signal);
    });
  }

  serverStream(
    method: DescMethod,
    request: AnyMessage,
    call: WireCall,
  ): grpc.ClientReadableStream<AnyMessage> {
    const def = methodDefinition(method);
    const stream = this.client.makeServerStreamRequest(
      def.path,
      passThrough,
      def.responseDeserialize,
      def.requestSerialize(request),
      call.metadata,
      this.options(call),
    );
    return this.track(stream, call.signal);
  }

  async clientStream(
    method: DescMethod,
    requests: AsyncIterable<{ message: AnyMessage; compress: boolean }>,
    call: WireCall,
  ): Promise<AnyMessage> {
    const def = methodDefinition(method);
    let stream: grpc.ClientWritableStream<Buffer> | undefined;
    const response = new Promise<AnyMessage>((resolve, reject) => {
      stream = this.client.makeClientStreamRequest(
        def.path,
        passThrough,
        def.responseDeserialize,
        call.metadata,
        this.options(call),
        (err, value) => (err ? reject(err) : resolve(value as AnyMessage)),
      );
    });
    const writable = this.track(stream!, call.signal);
    // Settles as soon as the call ends, whichever way: a write must never wait on a call that is over.
    let settled = false;
    const ended = response.then(
      () => 'done' as const,
      () => 'failed' as const,
    );
    void ended.then(() => {
      settled = true;
    });
    try {
      for await (const { message, compress } of requests) {
        // Writes are pipelined; when grpc-js's buffer is full we wait for it to drain (bounded memory).
        if (!writable.write(def.requestSerialize(message), compress ? undefined : NO_COMPRESS)) {
          const drained = once(writable, 'drain').then(() => 'drained' as const);
          if ((await Promise.race([drained, ended])) !== 'drained') break;
        }
        if (settled) break;
      }
      writable.end();
    } catch (err) {
      writable.cancel();
      // A server failure explains itself better than the cancelled write does.
      await response.catch(() => undefined);
      throw err;
    }
    return response;
  }
}

/** A transport bound to one address. */
export class FixedTransport implements Transport {
  private readonly ch: Channel;

  constructor(address: string, settings: ChannelSettings) {
    this.ch = new Channel(address, settings);
  }

  channel(): Channel {
    return this.ch;
  }

  close(): void {
    this.ch.close();
  }
}
