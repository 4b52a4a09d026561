import { checkServing, GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningS3, startS3rver } from '../support/s3rver.js';
import { startStack, type TestStack, uniqueUser } from '../support/stack.js';

async function eventually(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('health follows the backend', () => {
  let s3: RunningS3;
  let stack: TestStack;
  let port: number;

  beforeAll(async () => {
    s3 = await startS3rver();
    port = Number(new URL(s3.endpoint).port);
    stack = await startStack(['minio'], {
      MINIO_ENDPOINT: s3.endpoint,
      MINIO_ACCESS_KEY: 'S3RVER',
      MINIO_SECRET_KEY: 'S3RVER',
    });
  });

  afterAll(async () => {
    await stack?.stop();
    await s3?.stop();
  });

  it('turns NOT_SERVING while the backend is down and SERVING again when it returns', async () => {
    const grpcPort = stack.port('minio');
    const client = stack.client('minio', { userId: uniqueUser(), throwOnError: true, enableRetry: false });
    expect(await checkServing('127.0.0.1', grpcPort, 'isa.minio.v1.MinIOService')).toBe('SERVING');
    await client.createBucket('health');

    await s3.stop();
    await eventually(
      async () => (await checkServing('127.0.0.1', grpcPort, 'isa.minio.v1.MinIOService')) === 'NOT_SERVING',
    );
    expect(await checkServing('127.0.0.1', grpcPort, '')).toBe('NOT_SERVING');
    expect(await client.healthCheck()).toMatchObject({ healthy: false, status: 'NOT_SERVING' });
    expect((await client.healthCheck())!.message).toContain(s3.endpoint);
    await expect(client.bucketExists('health')).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    expect((await fetch(`${stack.httpUrl}/healthz`)).status).toBe(503);

    s3 = await startS3rver(port);
    await eventually(
      async () => (await checkServing('127.0.0.1', grpcPort, 'isa.minio.v1.MinIOService')) === 'SERVING',
    );
    expect(await client.healthCheck()).toMatchObject({ healthy: true, status: 'SERVING' });
  });
});
