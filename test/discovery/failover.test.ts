import { randomBytes } from 'node:crypto';
import { type MinIOClient, ServiceDiscovery } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedRegistry } from '../../packages/server/src/platform/consul/embedded-registry.js';
import { eventually, startRegistry } from '../support/registry.js';
import { type RunningS3, startS3rver } from '../support/s3rver.js';
import { type ServiceProcess, servedCalls, startServiceProcess } from '../support/service-process.js';
import { scratchDir } from '../support/stack.js';

/**
 * Two replicas of a stateless service (object storage over a shared S3 backend), each its own process,
 * behind the embedded registry; the SDK's ServiceDiscovery spreads calls, survives a replica being
 * killed mid-run, and picks up a new replica.
 */
describe('ServiceDiscovery: spreading, failover and scale-out', () => {
  let registry: EmbeddedRegistry;
  let s3: RunningS3;
  let env: Record<string, string>;
  const processes: ServiceProcess[] = [];
  let discovery: ServiceDiscovery;
  let client: MinIOClient;
  // Big enough that a kill often lands in the middle of a download, which must then resume elsewhere.
  const big = randomBytes(3 * 1024 * 1024);

  beforeAll(async () => {
    registry = await startRegistry();
    s3 = await startS3rver();
    env = {
      CONSUL_HTTP_ADDR: registry.address,
      ISA_CONSUL_CHECK_INTERVAL: '300ms',
      ISA_CONSUL_CHECK_TIMEOUT: '2s',
      ISA_CONSUL_DEREGISTER_AFTER: '3s',
      MINIO_ENDPOINT: s3.endpoint,
      MINIO_ACCESS_KEY: 'S3RVER',
      MINIO_SECRET_KEY: 'S3RVER',
      ISA_DATA_DIR: await scratchDir('replicas'),
    };
    processes.push(
      ...(await Promise.all([startServiceProcess('minio', env), startServiceProcess('minio', env)])),
    );
    discovery = new ServiceDiscovery({
      consulHost: '127.0.0.1',
      consulPort: registry.port,
      waitSeconds: 5,
      ejectionMs: 5000,
    });
    client = discovery.getClient('minio', {
      userId: 'fleet',
      throwOnError: true,
      retry: { initialBackoffMs: 100, maxBackoffMs: 500 },
    });
    await eventually(
      () => discovery.instances('minio'),
      (i) => i.length === 2,
      15_000,
    );
    await client.createBucket('shared');
    await client.uploadObject('shared', 'doc.txt', 'replicated');
    await client.uploadObject('shared', 'big.bin', big);
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    discovery?.close();
    await Promise.all(processes.map((p) => p.stop()));
    await s3?.stop();
    await registry?.close();
  });

  it('resolves by SDK name or Consul name, like the guide’s helper', async () => {
    const byName = await discovery.getServiceAddress('minio');
    const byConsul = await discovery.getServiceAddress('minio-grpc-service');
    const ports = processes.map((p) => p.port);
    expect(ports).toContain(byName!.port);
    expect(ports).toContain(byConsul!.port);
    expect(() => discovery.getClient('nosuch')).toThrow(/unknown service "nosuch"/);
  });

  it('spreads calls over every healthy instance', async () => {
    const before = await Promise.all(processes.map((p) => servedCalls(p.httpPort, 'StatObject')));
    for (let i = 0; i < 60; i++) await client.statObject('shared', 'doc.txt');
    const after = await Promise.all(processes.map((p) => servedCalls(p.httpPort, 'StatObject')));
    const served = after.map((n, i) => n - before[i]!);
    expect(served[0]! + served[1]!).toBe(60);
    expect(Math.min(...served)).toBeGreaterThanOrEqual(25);
  });

  it('fails over when a replica dies mid-run: no idempotent call fails, traffic moves to the survivor', async () => {
    const [victim, survivor] = processes as [ServiceProcess, ServiceProcess];
    const failures: Array<{ op: string; error: string }> = [];
    let calls = 0;
    let stop = false;
    const survivorBefore = await servedCalls(survivor.httpPort, 'GetObject');
    const worker = async (id: number) => {
      while (!stop) {
        const n = ++calls;
        let op = 'getObject';
        try {
          if (n % 3 === 0) {
            op = 'getObject (3 MiB)';
            expect(Buffer.compare((await client.getObject('shared', 'big.bin'))!, big)).toBe(0);
            op = 'getObject';
          }
          const body = await client.getObject('shared', 'doc.txt');
          expect(body!.toString()).toBe('replicated');
          // Every fifth call writes: not idempotent, so it may only be retried if it never reached a server.
          if (n % 5 === 0) {
            op = 'uploadObject';
            await client.uploadObject('shared', `w-${id}-${n}.txt`, 'x');
          }
        } catch (err) {
          failures.push({ op, error: (err as Error).message });
        }
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await new Promise((r) => setTimeout(r, 800));
    const killedAt = Date.now();
    await victim.kill();
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(workers);

    const idempotentFailures = failures.filter((f) => f.op.startsWith('getObject'));
    if (failures.length > 0)
      console.info(`[failover] ${calls} calls, non-idempotent failures reported:`, failures);
    expect(idempotentFailures).toEqual([]);
    expect(calls).toBeGreaterThan(50);
    expect((await servedCalls(survivor.httpPort, 'GetObject')) - survivorBefore).toBeGreaterThan(20);
    const critical = await eventually(
      async () =>
        (await (
          await fetch(`${registry.address}/v1/health/service/minio-grpc-service?passing=true`)
        ).json()) as unknown[],
      (entries) => entries.length === 1,
    );
    expect(critical).toHaveLength(1);
    console.info(
      `[failover] killed replica dropped from the passing list within ${Date.now() - killedAt} ms of the kill`,
    );
    processes.shift();
  });

  it('sends traffic to a replica that registers later', async () => {
    const fresh = await startServiceProcess('minio', env);
    processes.push(fresh);
    await eventually(
      () => discovery.instances('minio'),
      (i) => i.some((x) => x.port === fresh.port),
      15_000,
    );
    for (let i = 0; i < 40; i++) await client.statObject('shared', 'doc.txt');
    expect(await servedCalls(fresh.httpPort, 'StatObject')).toBeGreaterThanOrEqual(10);
  });
});
