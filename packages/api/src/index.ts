export * from './catalog.js';
export * as minio from './gen/isa/minio/v1/minio_pb.js';
export * from './grpc.js';
