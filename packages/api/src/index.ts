export * from './catalog.js';
export * as duckdb from './gen/isa/duckdb/v1/duckdb_pb.js';
export * as loki from './gen/isa/loki/v1/loki_pb.js';
export * as minio from './gen/isa/minio/v1/minio_pb.js';
export * as mqtt from './gen/isa/mqtt/v1/mqtt_pb.js';
export * as nats from './gen/isa/nats/v1/nats_pb.js';
export * as redis from './gen/isa/redis/v1/redis_pb.js';
export * as supabase from './gen/isa/supabase/v1/supabase_pb.js';
export * from './grpc.js';
