/**
 * Guide § Service Discovery with Consul: the guide's get_service_address helper and its
 * ServiceDiscovery class, in TypeScript. The SDK's ServiceDiscovery does what the guide's class does
 * and more (every healthy instance, failover); the helper shows the plain Consul HTTP API.
 */
import { getClient, MinIOClient, ServiceDiscovery } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

/** Find a service address using Consul (the guide's get_service_address). */
export async function getServiceAddress(
  serviceName: string,
  consulHost = 'localhost',
  consulPort = 8500,
): Promise<[string, number] | [null, null]> {
  const response = await fetch(
    `http://${consulHost}:${consulPort}/v1/health/service/${serviceName}?passing=true`,
  );
  const services = (await response.json()) as Array<{ Service: { Address: string; Port: number } }>;
  const service = services[0];
  if (service) return [service.Service.Address, service.Service.Port];
  return [null, null];
}

export async function run(env: ExampleEnv) {
  const [host, port] = await getServiceAddress('minio-grpc-service', env.consulHost, env.consulPort);
  env.print(`minio-grpc-service at ${host}:${port}`);
  if (host && port) {
    await using client = new MinIOClient({ host, port, userId: 'user_123' });
    env.print(`health: ${(await client.healthCheck())?.status}`);
  }

  // The guide's ServiceDiscovery class: the SDK ships it.
  await using discovery = new ServiceDiscovery({ consulHost: env.consulHost, consulPort: env.consulPort });
  await using minio = discovery.getClient('minio', { userId: 'user_123' });
  await minio.createBucket('discovered');
  const buckets = (await minio.listBuckets())?.map((b) => b.name) ?? [];
  env.print(`Buckets via discovery: ${JSON.stringify(buckets)}`);
  await using duckdb = discovery.getClient('duckdb', { userId: 'user_123' });
  const databases = (await duckdb.listDatabases())?.map((d) => d.name) ?? [];
  env.print(`Databases via discovery: ${JSON.stringify(databases)}`);

  // Or resolve an address and use the factory, as the guide's class does internally.
  const address = await discovery.getServiceAddress('duckdb');
  const viaFactory = address ? getClient('duckdb', { ...address, userId: 'user_123' }) : null;
  const healthy = (await viaFactory?.healthCheck())?.healthy;
  await viaFactory?.close();
  return { host, port, buckets, databases, healthy };
}
