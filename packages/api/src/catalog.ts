import type { DescService } from '@bufbuild/protobuf';
import { DuckDBService } from './gen/isa/duckdb/v1/duckdb_pb.js';
import { LokiService } from './gen/isa/loki/v1/loki_pb.js';
import { MinIOService } from './gen/isa/minio/v1/minio_pb.js';
import { MQTTService } from './gen/isa/mqtt/v1/mqtt_pb.js';
import { NATSService } from './gen/isa/nats/v1/nats_pb.js';
import { RedisService } from './gen/isa/redis/v1/redis_pb.js';
import { SupabaseService } from './gen/isa/supabase/v1/supabase_pb.js';

/** The platform's services as the usage guide names them: SDK name, default port, Consul name. */
export interface ServiceEntry {
  /** Name used by getClient() and the CLI. */
  readonly name: ServiceName;
  readonly displayName: string;
  readonly description: string;
  readonly defaultPort: number;
  readonly consulName: string;
  readonly descriptor: DescService;
}

export type ServiceName = 'minio' | 'duckdb' | 'mqtt' | 'loki' | 'redis' | 'nats' | 'supabase';

const entries: ServiceEntry[] = [
  {
    name: 'minio',
    displayName: 'MinIO',
    description: 'Object storage (S3-compatible)',
    defaultPort: 50051,
    consulName: 'minio-grpc-service',
    descriptor: MinIOService,
  },
  {
    name: 'duckdb',
    displayName: 'DuckDB',
    description: 'OLAP analytics database',
    defaultPort: 50052,
    consulName: 'duckdb-grpc-service',
    descriptor: DuckDBService,
  },
  {
    name: 'loki',
    displayName: 'Loki',
    description: 'Log aggregation',
    defaultPort: 50054,
    consulName: 'loki-grpc-service',
    descriptor: LokiService,
  },
  {
    name: 'mqtt',
    displayName: 'MQTT',
    description: 'IoT messaging broker',
    defaultPort: 50053,
    consulName: 'mqtt-grpc-service',
    descriptor: MQTTService,
  },
  {
    name: 'redis',
    displayName: 'Redis',
    description: 'In-memory cache',
    defaultPort: 50055,
    consulName: 'redis-grpc-service',
    descriptor: RedisService,
  },
  {
    name: 'nats',
    displayName: 'NATS',
    description: 'Cloud-native messaging',
    defaultPort: 50056,
    consulName: 'nats-grpc-service',
    descriptor: NATSService,
  },
  {
    name: 'supabase',
    displayName: 'Supabase',
    description: 'PostgreSQL + pgvector',
    defaultPort: 50057,
    consulName: 'supabase-grpc-service',
    descriptor: SupabaseService,
  },
];

export const SERVICE_CATALOG: ReadonlyMap<ServiceName, ServiceEntry> = new Map(
  entries.map((e) => [e.name, e]),
);

export function serviceEntry(name: string): ServiceEntry | undefined {
  return SERVICE_CATALOG.get(name.toLowerCase() as ServiceName);
}
