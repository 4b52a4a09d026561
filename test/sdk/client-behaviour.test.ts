import { createServer } from 'node:net';
import {
  GrpcStatus,
  getClient,
  IsaCloudError,
  MinIOClient,
  type SdkLogger,
  showAvailableServices,
} from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

/** A port with nothing listening (found free, then closed). */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function rpcCount(stack: TestStack, method: string, code: string): Promise<number> {
  const text = await (await fetch(`${stack.httpUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(
        `isa_rpc_requests_total{service="isa.minio.v1.MinIOService",method="${method}",code="${code}"}`,
      ),
    );
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('SDK behaviour', () => {
  let stack: TestStack;
  let unreachableBackend: TestStack;

  beforeAll(async () => {
    stack = await startStack(['minio']);
    // A service whose S3 backend is unreachable answers UNAVAILABLE: the transient failure retries are for.
    unreachableBackend = await startStack(['minio'], {
      MINIO_ENDPOINT: `http://127.0.0.1:${await deadPort()}`,
      ISA_HEALTH_INTERVAL_MS: '60000',
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await unreachableBackend?.stop();
  });

  it('by default logs a failure once and resolves to null', async () => {
    const logged: IsaCloudError[] = [];
    const logger: SdkLogger = { error: (_message, err) => logged.push(err) };
    const client = stack.client('minio', { userId: uniqueUser(), logger });
    expect(await client.createBucket('invalid_bucket_name')).toBeNull();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      service: 'MinIO',
      operation: 'createBucket',
      code: GrpcStatus.INVALID_ARGUMENT,
      codeName: 'INVALID_ARGUMENT',
      field: 'bucket_name',
    });
    expect(logged[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await client.createBucket('valid-bucket-name')).not.toBeNull();
  });

  it('throws one typed error with throwOnError, per client or per call', async () => {
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true });
    const err = await client.getBucketInfo('missing-bucket').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IsaCloudError);
    expect(err).toMatchObject({ code: GrpcStatus.NOT_FOUND, operation: 'getBucketInfo' });
    expect((err as IsaCloudError).message).toContain('bucket "missing-bucket" not found');
    const quiet = stack.client('minio', { userId: uniqueUser() });
    await expect(quiet.getBucketInfo('missing-bucket', { throwOnError: true })).rejects.toBeInstanceOf(
      IsaCloudError,
    );
  });

  it('retries idempotent calls on UNAVAILABLE, three attempts, and never retries the others', async () => {
    const retry = { initialBackoffMs: 20, maxBackoffMs: 40 };
    const client = unreachableBackend.client('minio', { userId: uniqueUser(), retry });
    const before = await rpcCount(unreachableBackend, 'GetBucketInfo', 'UNAVAILABLE');
    expect(await client.getBucketInfo('any-bucket')).toBeNull();
    expect((await rpcCount(unreachableBackend, 'GetBucketInfo', 'UNAVAILABLE')) - before).toBe(3);

    const createsBefore = await rpcCount(unreachableBackend, 'CreateBucket', 'UNAVAILABLE');
    expect(await client.createBucket('any-bucket')).toBeNull();
    expect((await rpcCount(unreachableBackend, 'CreateBucket', 'UNAVAILABLE')) - createsBefore).toBe(1);

    const noRetry = unreachableBackend.client('minio', { userId: uniqueUser(), enableRetry: false });
    const single = await rpcCount(unreachableBackend, 'GetBucketInfo', 'UNAVAILABLE');
    expect(await noRetry.getBucketInfo('any-bucket')).toBeNull();
    expect((await rpcCount(unreachableBackend, 'GetBucketInfo', 'UNAVAILABLE')) - single).toBe(1);
  });

  it('retries a connection that is refused and reports UNAVAILABLE after the last attempt', async () => {
    const started = Date.now();
    const client = new MinIOClient({
      host: '127.0.0.1',
      port: await deadPort(),
      userId: 'u1',
      logger: null,
      throwOnError: true,
      retry: { initialBackoffMs: 100, maxBackoffMs: 200 },
    });
    await expect(client.listBuckets()).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    await client.close();
  });

  it('creates clients by name and closes them with await using', async () => {
    let captured: MinIOClient | undefined;
    {
      await using client = getClient('minio', {
        host: '127.0.0.1',
        port: stack.port('minio'),
        userId: uniqueUser(),
        logger: null,
      });
      captured = client;
      expect(client).toBeInstanceOf(MinIOClient);
      expect(await client.healthCheck()).toMatchObject({ healthy: true });
    }
    expect(await captured.healthCheck()).toBeNull();
    expect(() => getClient('nosuch')).toThrow(/unknown service "nosuch": expected one of .*minio/);
  });

  it('connects eagerly when lazyConnect is false', async () => {
    const client = new MinIOClient({
      host: '127.0.0.1',
      port: stack.port('minio'),
      lazyConnect: false,
      logger: null,
    });
    expect(await client.connect(2000)).toBe(true);
    await client.close();
    const nowhere = new MinIOClient({ host: '127.0.0.1', port: await deadPort(), logger: null });
    expect(await nowhere.connect(300)).toBe(false);
    await nowhere.close();
  });

  it('prints the guide’s service table with live status', async () => {
    const lines: string[] = [];
    const rows = await showAvailableServices({
      host: '127.0.0.1',
      ports: { minio: stack.port('minio') },
      timeoutMs: 500,
      print: (l) => lines.push(l),
    });
    expect(rows.find((r) => r.name === 'minio')).toMatchObject({
      status: 'SERVING',
      consulName: 'minio-grpc-service',
    });
    expect(lines[0]).toMatch(/^Service\s+Port\s+Status\s+Description/);
    expect(lines.some((l) => /^MinIO\s+\d+\s+SERVING\s+Object storage/.test(l))).toBe(true);
  });
});
