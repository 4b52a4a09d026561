/** Guide § Checking Service Health: checkAllServices over every service of the platform. */
import {
  DuckDBClient,
  LokiClient,
  MinIOClient,
  MQTTClient,
  NATSClient,
  RedisClient,
  type ServiceName,
  SupabaseClient,
} from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

type HealthClient = AsyncDisposable & { healthCheck(): Promise<{ healthy: boolean } | null> };

export async function checkAllServices(
  env: ExampleEnv,
  userId = 'health_check',
): Promise<Record<string, boolean>> {
  const services: Array<
    [
      string,
      ServiceName,
      new (o: { host: string; port: number; userId: string; enableCompression: boolean }) => HealthClient,
    ]
  > = [
    ['MinIO', 'minio', MinIOClient],
    ['DuckDB', 'duckdb', DuckDBClient],
    ['MQTT', 'mqtt', MQTTClient],
    ['Loki', 'loki', LokiClient],
    ['Redis', 'redis', RedisClient],
    ['NATS', 'nats', NATSClient],
    ['Supabase', 'supabase', SupabaseClient],
  ];
  const status: Record<string, boolean> = {};
  for (const [name, service, ClientClass] of services) {
    await using client = new ClientClass({
      host: env.host,
      port: env.port(service),
      userId,
      enableCompression: false,
    });
    const healthy = (await client.healthCheck())?.healthy ?? false;
    status[name] = healthy;
    env.print(`${name.padEnd(12)} ${healthy ? '✅ Healthy' : '❌ Unhealthy'}`);
  }
  return status;
}

export async function run(env: ExampleEnv) {
  return checkAllServices(env);
}
