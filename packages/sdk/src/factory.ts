import { create } from '@bufbuild/protobuf';
import * as grpc from '@grpc/grpc-js';
import { SERVICE_CATALOG, type ServiceName } from '@isa-cloud/api';
import {
  HealthCheckRequestSchema,
  HealthCheckResponse_ServingStatus,
  Health as HealthService,
} from '@isa-cloud/api/health';
import type { ClientOptions } from './base-client.js';
import { DuckDBClient } from './clients/duckdb.js';
import { LokiClient } from './clients/loki.js';
import { MinIOClient } from './clients/minio.js';
import { MQTTClient } from './clients/mqtt.js';
import { NATSClient } from './clients/nats.js';
import { RedisClient } from './clients/redis.js';
import { SupabaseClient } from './clients/supabase.js';
import { Channel } from './transport.js';

/** The client class behind each service name. */
export interface ClientTypes {
  minio: MinIOClient;
  duckdb: DuckDBClient;
  loki: LokiClient;
  mqtt: MQTTClient;
  redis: RedisClient;
  nats: NATSClient;
  supabase: SupabaseClient;
}

const CONSTRUCTORS: { [K in keyof ClientTypes]: new (options: ClientOptions) => ClientTypes[K] } = {
  minio: MinIOClient,
  duckdb: DuckDBClient,
  loki: LokiClient,
  mqtt: MQTTClient,
  redis: RedisClient,
  nats: NATSClient,
  supabase: SupabaseClient,
};

/** The services this SDK has clients for. */
export const availableServices = (): Array<keyof ClientTypes> =>
  Object.keys(CONSTRUCTORS) as Array<keyof ClientTypes>;

/**
 * Creates a client by service name ("minio", "duckdb", ...; case-insensitive), as the guide's
 * `get_client('minio', host=..., port=..., user_id=...)`.
 */
export function getClient<K extends keyof ClientTypes>(name: K, options?: ClientOptions): ClientTypes[K];
export function getClient(name: string, options?: ClientOptions): ClientTypes[keyof ClientTypes];
export function getClient(name: string, options: ClientOptions = {}): ClientTypes[keyof ClientTypes] {
  const key = name.toLowerCase() as keyof ClientTypes;
  const ctor = CONSTRUCTORS[key];
  if (!ctor) {
    throw new TypeError(`unknown service "${name}": expected one of ${availableServices().join(', ')}`);
  }
  return new ctor(options);
}

export type ServingState = 'SERVING' | 'NOT_SERVING' | 'UNREACHABLE' | 'UNKNOWN';

export interface ServiceStatus {
  name: ServiceName;
  displayName: string;
  port: number;
  description: string;
  consulName: string;
  status: ServingState;
}

/** Asks a server's standard grpc.health.v1 service for the status of one service. */
export async function checkServing(
  host: string,
  port: number,
  serviceName: string,
  timeoutMs = 2000,
): Promise<ServingState> {
  const channel = new Channel(`${host}:${port}`, {
    enableCompression: false,
    tls: undefined,
    maxMessageBytes: 1024 * 1024,
    channelOptions: undefined,
  });
  try {
    const response = await channel.unary(
      HealthService.method.check,
      create(HealthCheckRequestSchema, { service: serviceName }),
      {
        metadata: new grpc.Metadata(),
        deadline: new Date(Date.now() + timeoutMs),
        signal: undefined,
      },
    );
    const status = (response as unknown as { status: HealthCheckResponse_ServingStatus }).status;
    return status === HealthCheckResponse_ServingStatus.SERVING
      ? 'SERVING'
      : status === HealthCheckResponse_ServingStatus.NOT_SERVING
        ? 'NOT_SERVING'
        : 'UNKNOWN';
  } catch {
    return 'UNREACHABLE';
  } finally {
    channel.close();
  }
}

/**
 * Prints the guide's service table with each service's live status on `host`, and returns it.
 */
export async function showAvailableServices(
  options: {
    host?: string;
    ports?: Partial<Record<ServiceName, number>>;
    timeoutMs?: number;
    print?: (line: string) => void;
  } = {},
): Promise<ServiceStatus[]> {
  const host = options.host ?? 'localhost';
  const print = options.print ?? ((line: string) => console.log(line));
  const rows = await Promise.all(
    [...SERVICE_CATALOG.values()].map(async (entry) => {
      const port = options.ports?.[entry.name] ?? entry.defaultPort;
      return {
        name: entry.name,
        displayName: entry.displayName,
        port,
        description: entry.description,
        consulName: entry.consulName,
        status: await checkServing(host, port, entry.descriptor.typeName, options.timeoutMs),
      };
    }),
  );
  print(`${'Service'.padEnd(10)} ${'Port'.padEnd(6)} ${'Status'.padEnd(12)} Description`);
  for (const row of rows) {
    print(
      `${row.displayName.padEnd(10)} ${String(row.port).padEnd(6)} ${row.status.padEnd(12)} ${row.description}`,
    );
  }
  return rows;
}
