import { create, fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import * as grpc from '@grpc/grpc-js';
import { type AnyMessage, methodDefinition } from '@isa-cloud/api';
import {
  ServerReflection,
  ServerReflectionRequestSchema,
  type ServerReflectionResponse,
} from '@isa-cloud/api/reflection';
import { checkServing, GrpcStatus, MinIOClient } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack(['minio'], { ISA_MAX_MESSAGE_BYTES: String(1024 * 1024) });
});
afterAll(async () => {
  await stack?.stop();
});

async function reflect(
  port: number,
  requests: Array<Parameters<typeof create<typeof ServerReflectionRequestSchema>>[1]>,
) {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const def = methodDefinition(ServerReflection.method.serverReflectionInfo);
  const call = client.makeBidiStreamRequest(def.path, def.requestSerialize, def.responseDeserialize);
  const responses: ServerReflectionResponse[] = [];
  const done = new Promise<void>((resolve, reject) => {
    call.on('data', (r: AnyMessage) => responses.push(r as ServerReflectionResponse));
    call.on('end', resolve);
    call.on('error', reject);
  });
  for (const r of requests) call.write(create(ServerReflectionRequestSchema, r));
  call.end();
  await done;
  client.close();
  return responses;
}

describe('gRPC surface every service shares', () => {
  it('serves reflection with the real .proto file names', async () => {
    const [list, file] = await reflect(stack.port('minio'), [
      { messageRequest: { case: 'listServices', value: '' } },
      { messageRequest: { case: 'fileContainingSymbol', value: 'isa.minio.v1.MinIOService' } },
    ]);
    expect(list!.messageResponse.case).toBe('listServicesResponse');
    const names =
      list!.messageResponse.case === 'listServicesResponse'
        ? list!.messageResponse.value.service.map((s) => s.name)
        : [];
    expect(names).toContain('isa.minio.v1.MinIOService');
    expect(file!.messageResponse.case).toBe('fileDescriptorResponse');
    const files =
      file!.messageResponse.case === 'fileDescriptorResponse'
        ? file!.messageResponse.value.fileDescriptorProto.map(
            (b) => fromBinary(FileDescriptorProtoSchema, b).name,
          )
        : [];
    expect(files).toContain('isa/minio/v1/minio.proto');
    expect(files).toContain('google/protobuf/timestamp.proto');
  });

  it('answers grpc.health.v1 for the service and for the whole server', async () => {
    expect(await checkServing('127.0.0.1', stack.port('minio'), 'isa.minio.v1.MinIOService')).toBe('SERVING');
    expect(await checkServing('127.0.0.1', stack.port('minio'), '')).toBe('SERVING');
    expect(await checkServing('127.0.0.1', stack.port('minio'), 'no.such.Service')).toBe('UNREACHABLE');
  });

  it('accepts gzip-compressed requests (the guide’s "Decompressor is not installed" never happens)', async () => {
    const client = stack.client('minio', {
      userId: uniqueUser(),
      enableCompression: true,
      throwOnError: true,
    });
    await client.createBucket('gzip-bucket');
    const text = 'isa-cloud '.repeat(50_000);
    const put = await client.uploadObject('gzip-bucket', 'big.txt', text, { contentType: 'text/plain' });
    expect(put!.size).toBe(text.length);
    expect((await client.getObject('gzip-bucket', 'big.txt'))!.toString()).toBe(text);
  });

  it('refuses calls without a tenant, or with an id that could break a namespace', async () => {
    const anonymous = stack.client('minio', { throwOnError: true });
    await expect(anonymous.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
    expect(await anonymous.healthCheck()).toMatchObject({ healthy: true });
    for (const userId of ['a/b', '*', '..', 'a.b', 'x'.repeat(65), 'a b', '-lead']) {
      const client = stack.client('minio', { userId, throwOnError: true });
      await expect(client.listBuckets(), userId).rejects.toMatchObject({
        code: GrpcStatus.INVALID_ARGUMENT,
        field: 'user_id',
      });
    }
    // A NUL cannot even leave the client: HTTP/2 header values may not contain it.
    await expect(
      stack.client('minio', { userId: 'a\u0000b', throwOnError: true }).listBuckets(),
    ).rejects.toThrow(/illegal characters/);
    const badOrg = stack.client('minio', { userId: 'fine', organizationId: 'org+1', throwOnError: true });
    await expect(badOrg.listBuckets()).rejects.toMatchObject({
      code: GrpcStatus.INVALID_ARGUMENT,
      field: 'organization_id',
    });
  });

  it('enforces the per-message size limit with RESOURCE_EXHAUSTED', async () => {
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true });
    await client.createBucket('limits');
    const result = client.uploadObject('limits', 'x.bin', Buffer.alloc(2 * 1024 * 1024), {
      chunkSize: 2 * 1024 * 1024,
    });
    await expect(result).rejects.toMatchObject({ code: GrpcStatus.RESOURCE_EXHAUSTED });
    expect((await client.uploadObject('limits', 'x.bin', Buffer.alloc(2 * 1024 * 1024)))!.size).toBe(
      2 * 1024 * 1024,
    );
  });

  it('cancels a call whose deadline passes and leaves nothing behind', async () => {
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true });
    await client.createBucket('deadline');
    async function* slow() {
      yield Buffer.from('start');
      await new Promise((r) => setTimeout(r, 1500));
      yield Buffer.from('too late');
    }
    await expect(
      client.uploadObject('deadline', 'slow.txt', slow(), { timeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: GrpcStatus.DEADLINE_EXCEEDED,
    });
    await new Promise((r) => setTimeout(r, 1600));
    await expect(client.statObject('deadline', 'slow.txt')).rejects.toMatchObject({
      code: GrpcStatus.NOT_FOUND,
    });
  });

  it('exports per-RPC Prometheus metrics with status codes', async () => {
    const client = new MinIOClient({
      host: '127.0.0.1',
      port: stack.port('minio'),
      userId: uniqueUser(),
      logger: null,
    });
    await client.getBucketInfo('metrics-missing');
    await client.close();
    const text = await (await fetch(`${stack.httpUrl}/metrics`)).text();
    expect(text).toMatch(
      /isa_rpc_requests_total\{service="isa\.minio\.v1\.MinIOService",method="GetBucketInfo",code="NOT_FOUND"\} [1-9]/,
    );
    expect(text).toMatch(
      /isa_rpc_duration_seconds_bucket\{le="0\.005",service="isa\.minio\.v1\.MinIOService",method="GetBucketInfo"\}/,
    );
    expect(text).toMatch(/isa_backend_up\{service="minio"\} 1/);
    expect((await fetch(`${stack.httpUrl}/healthz`)).status).toBe(200);
  });
});
