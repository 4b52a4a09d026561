import { create } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, methodDefinition } from '@isa-cloud/api';
import {
  ServerReflection,
  ServerReflectionRequestSchema,
  type ServerReflectionResponse,
} from '@isa-cloud/api/reflection';
import { afterEach, describe, expect, it } from 'vitest';
import { MetadataTenantResolver } from './auth.js';
import { GrpcStatus, ServiceError } from './errors.js';
import { createLogger } from './logger.js';
import { Metrics } from './metrics.js';
import { type CallContext, CallKit } from './rpc.js';

/**
 * The adapter's bidirectional path, exercised through a generated bidi service (the reflection API) with
 * a handler of our own: echo every request's host, stop at "stop", fail at "fail".
 */
describe('CallKit bidi streaming', () => {
  let server: grpc.Server | undefined;
  let client: grpc.Client | undefined;
  let lastSignal: AbortSignal | undefined;

  afterEach(() => {
    client?.close();
    server?.forceShutdown();
  });

  async function start(): Promise<grpc.Client> {
    const kit = new CallKit(new MetadataTenantResolver(), createLogger('silent'), new Metrics());
    const impl = {
      async *serverReflectionInfo(requests: AsyncIterable<{ host: string }>, ctx: CallContext) {
        lastSignal = ctx.signal;
        for await (const request of requests) {
          if (request.host === 'fail') throw ServiceError.invalidArgument('host', 'asked to fail');
          if (request.host === 'stop') return;
          yield { validHost: `${ctx.tenant.userId}:${request.host}` };
        }
      },
    };
    const { definition, handlers } = kit.bind(ServerReflection, impl as never);
    server = new grpc.Server();
    server.addService(definition, handlers);
    const port = await new Promise<number>((ok, fail) =>
      server!.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) =>
        e ? fail(e) : ok(p),
      ),
    );
    client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    return client;
  }

  function call(c: grpc.Client, metadata = new grpc.Metadata()) {
    const def = methodDefinition(ServerReflection.method.serverReflectionInfo);
    return c.makeBidiStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, metadata);
  }

  function collect(
    stream: grpc.ClientDuplexStream<AnyMessage, AnyMessage>,
  ): Promise<{ hosts: string[]; error?: grpc.ServiceError }> {
    const hosts: string[] = [];
    return new Promise((resolve) => {
      stream.on('data', (r: AnyMessage) => hosts.push((r as ServerReflectionResponse).validHost));
      stream.on('error', (error: grpc.ServiceError) => resolve({ hosts, error }));
      stream.on('end', () => resolve({ hosts }));
    });
  }

  const tenant = () => {
    const metadata = new grpc.Metadata();
    metadata.set('x-user-id', 'alice');
    return metadata;
  };

  it('answers each request in order, as the tenant of the call', async () => {
    const stream = call(await start(), tenant());
    const done = collect(stream);
    for (const host of ['a', 'b', 'c']) stream.write(create(ServerReflectionRequestSchema, { host }));
    stream.end();
    expect(await done).toEqual({ hosts: ['alice:a', 'alice:b', 'alice:c'] });
  });

  it('ends the call when the handler returns, and maps a thrown ServiceError to its status', async () => {
    const c = await start();
    const stopped = call(c, tenant());
    const stoppedDone = collect(stopped);
    for (const host of ['x', 'stop', 'never']) stopped.write(create(ServerReflectionRequestSchema, { host }));
    expect((await stoppedDone).hosts).toEqual(['alice:x']);
    const failing = call(c, tenant());
    const failingDone = collect(failing);
    failing.write(create(ServerReflectionRequestSchema, { host: 'fail' }));
    const { error } = await failingDone;
    expect(error?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error?.metadata.get('isa-field')).toEqual(['host']);
  });

  it('refuses a call without a tenant before the handler runs, and aborts the handler when the client cancels', async () => {
    const c = await start();
    const anonymous = call(c);
    const anonymousDone = collect(anonymous);
    anonymous.write(create(ServerReflectionRequestSchema, { host: 'a' }));
    expect((await anonymousDone).error?.code).toBe(GrpcStatus.UNAUTHENTICATED);

    const cancelled = call(c, tenant());
    const cancelledDone = collect(cancelled);
    cancelled.write(create(ServerReflectionRequestSchema, { host: 'first' }));
    await new Promise((r) => setTimeout(r, 100));
    cancelled.cancel();
    expect((await cancelledDone).error?.code).toBe(GrpcStatus.CANCELLED);
    await new Promise((r) => setTimeout(r, 100));
    expect(lastSignal?.aborted).toBe(true);
  });
});
