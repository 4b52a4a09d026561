import { afterAll, beforeAll } from 'vitest';
import { type RunningS3, startS3rver } from '../support/s3rver.js';
import { startStack } from '../support/stack.js';
import { objectStorageConformance } from './conformance.js';

let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
});

/** The S3 adapter against s3rver; a real MinIO is used instead when MINIO_TEST_ENDPOINT is set. */
const real = process.env.MINIO_TEST_ENDPOINT;
objectStorageConformance({
  label: real ? 's3 (MinIO)' : 's3 (s3rver)',
  features: real
    ? {
        bucketTags: true,
        versioning: true,
        lifecycle: true,
        policies: true,
        multipartManagement: true,
        listPagination: true,
        richListing: false,
      }
    : {
        bucketTags: false,
        versioning: false,
        lifecycle: false,
        policies: false,
        multipartManagement: false,
        listPagination: false,
        richListing: false,
      },
  start: () =>
    startStack(['minio'], {
      MINIO_ENDPOINT: real ?? s3.endpoint,
      MINIO_ACCESS_KEY: process.env.MINIO_TEST_ACCESS_KEY ?? 'S3RVER',
      MINIO_SECRET_KEY: process.env.MINIO_TEST_SECRET_KEY ?? 'S3RVER',
    }),
});
