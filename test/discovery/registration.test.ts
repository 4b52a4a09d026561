import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { eventually, startRegistry } from '../support/registry.js';
import { type RunningS3, startS3rver } from '../support/s3rver.js';
import { startStack } from '../support/stack.js';

interface HealthEntry {
  Service: {
    ID: string;
    Service: string;
    Address: string;
    Port: number;
    Tags: string[];
    Meta: Record<string, string>;
  };
  Checks: Array<{ CheckID: string; Status: string; Output: string }>;
}

async function health(registryUrl: string, name: string, passing = false): Promise<HealthEntry[]> {
  const response = await fetch(`${registryUrl}/v1/health/service/${name}${passing ? '?passing=true' : ''}`);
  return (await response.json()) as HealthEntry[];
}

describe('services register themselves in Consul', () => {
  let s3: RunningS3 | undefined;
  afterAll(async () => {
    await s3?.stop();
  });

  it('registers with a gRPC check that follows the backend, and deregisters on shutdown', async () => {
    const registry = await startRegistry();
    s3 = await startS3rver();
    const s3Port = Number(new URL(s3.endpoint).port);
    const stack = await startStack(['minio'], {
      CONSUL_HTTP_ADDR: `127.0.0.1:${registry.port}`,
      ISA_CONSUL_CHECK_INTERVAL: '200ms',
      ISA_CONSUL_TAGS: 'team-a',
      MINIO_ENDPOINT: s3.endpoint,
      MINIO_ACCESS_KEY: 'S3RVER',
      MINIO_SECRET_KEY: 'S3RVER',
    });
    try {
      const port = stack.port('minio');
      const [entry] = await eventually(
        () => health(registry.address, 'minio-grpc-service', true),
        (e) => e.length === 1,
      );
      expect(entry!.Service).toMatchObject({
        ID: `minio-grpc-service-127.0.0.1-${port}`,
        Service: 'minio-grpc-service',
        Address: '127.0.0.1',
        Port: port,
        Meta: { service_type: 'grpc', proto_service: 'isa.minio.v1.MinIOService' },
      });
      expect(entry!.Service.Tags).toEqual(expect.arrayContaining(['grpc', 'minio', 'team-a']));
      expect(entry!.Checks.at(-1)!.Output).toContain('SERVING');

      await s3.stop();
      await eventually(
        () => health(registry.address, 'minio-grpc-service', true),
        (e) => e.length === 0,
      );
      expect((await health(registry.address, 'minio-grpc-service'))[0]!.Checks.at(-1)!.Status).toBe(
        'critical',
      );
      s3 = await startS3rver(s3Port);
      await eventually(
        () => health(registry.address, 'minio-grpc-service', true),
        (e) => e.length === 1,
      );

      await stack.host.stop();
      expect(await health(registry.address, 'minio-grpc-service')).toEqual([]);
    } finally {
      await stack.stop();
      await registry.close();
    }
  });

  it('keeps serving while Consul is down and registers once it is up', async () => {
    const consulPort = await freePort();
    const stack = await startStack(['minio'], {
      CONSUL_HTTP_ADDR: `http://127.0.0.1:${consulPort}`,
      ISA_CONSUL_CHECK_INTERVAL: '200ms',
    });
    try {
      const client = stack.client('minio', { userId: 'early-bird', throwOnError: true });
      expect(await client.createBucket('works-without-consul')).toMatchObject({
        name: 'works-without-consul',
      });
      const registry = await startRegistry({ port: consulPort });
      try {
        await eventually(
          () => health(registry.address, 'minio-grpc-service', true),
          (e) => e.length === 1,
          8000,
        );
        // A registry that restarts forgets everything: the service notices and registers again.
        await registry.close();
        const fresh = await startRegistry({ port: consulPort });
        try {
          await eventually(
            () => health(fresh.address, 'minio-grpc-service', true),
            (e) => e.length === 1,
            8000,
          );
        } finally {
          await fresh.close();
        }
      } finally {
        await registry.close();
      }
    } finally {
      await stack.stop();
    }
  });
});
