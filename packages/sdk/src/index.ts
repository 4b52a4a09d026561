/** The API's generated descriptors and message types, per service (the guide's "proto introspection"). */
export {
  duckdb as duckdbProto,
  loki as lokiProto,
  minio as minioProto,
  mqtt as mqttProto,
  nats as natsProto,
  redis as redisProto,
  SERVICE_CATALOG,
  type ServiceEntry,
  type ServiceName,
  supabase as supabaseProto,
} from '@isa-cloud/api';
export {
  BaseClient,
  type CallOptions,
  type ClientOptions,
  consoleLogger,
  type SdkLogger,
} from './base-client.js';
export * from './clients/duckdb.js';
export * from './clients/loki.js';
export * from './clients/minio.js';
export * from './clients/mqtt.js';
export * from './clients/nats.js';
export * from './clients/redis.js';
export * from './clients/supabase.js';
export {
  type DiscoveryOptions,
  DiscoveryTransport,
  ServiceDiscovery,
  type ServiceInstance,
} from './discovery.js';
export { GrpcStatus, IsaCloudError } from './errors.js';
export {
  availableServices,
  type ClientTypes,
  checkServing,
  getClient,
  type ServiceStatus,
  type ServingState,
  showAvailableServices,
} from './factory.js';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry.js';
export type { TlsOptions, Transport } from './transport.js';
