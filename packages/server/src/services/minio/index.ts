import { minio } from '@isa-cloud/api';
import { z } from 'zod';
import { positiveInt, readConfig, url } from '../../platform/config.js';
import { defineService } from '../../platform/service-module.js';
import { createMinioHandlers } from './handlers.js';
import { objectHttpHandler } from './object-http.js';
import { UrlSigner } from './presign.js';
import type { ObjectStore } from './store.js';
import { FsObjectStore } from './store-fs.js';
import { S3ObjectStore } from './store-s3.js';

export const minioConfigSchema = z.object({
  /** S3 endpoint (MinIO); when unset, objects are stored as files under the data dir. */
  MINIO_ENDPOINT: url().optional(),
  MINIO_PUBLIC_ENDPOINT: url().optional(),
  MINIO_ACCESS_KEY: z.string().default('minioadmin'),
  MINIO_SECRET_KEY: z.string().default('minioadmin'),
  MINIO_REGION: z.string().default('us-east-1'),
  MINIO_LIFECYCLE_INTERVAL_MS: positiveInt(3600_000),
});

export const minioModule = defineService({
  name: 'minio',
  descriptor: minio.MinIOService,
  async create(ctx) {
    const config = readConfig(minioConfigSchema, ctx.env);
    let store: ObjectStore;
    let lifecycleTimer: NodeJS.Timeout | undefined;
    if (config.MINIO_ENDPOINT) {
      store = new S3ObjectStore({
        endpoint: config.MINIO_ENDPOINT,
        ...(config.MINIO_PUBLIC_ENDPOINT ? { publicEndpoint: config.MINIO_PUBLIC_ENDPOINT } : {}),
        region: config.MINIO_REGION,
        accessKeyId: config.MINIO_ACCESS_KEY,
        secretAccessKey: config.MINIO_SECRET_KEY,
      });
    } else {
      const signer = new UrlSigner(ctx.signingKey, ctx.publicUrl);
      const fsStore = new FsObjectStore(ctx.dataDir, signer);
      await fsStore.init();
      ctx.http.mount('/s3/', objectHttpHandler(fsStore, signer, ctx.logger));
      // S3 servers enforce lifecycle rules themselves; the embedded store sweeps on a timer.
      lifecycleTimer = setInterval(() => {
        fsStore.applyLifecycle().catch((err: unknown) => ctx.logger.error({ err }, 'lifecycle sweep failed'));
      }, config.MINIO_LIFECYCLE_INTERVAL_MS);
      lifecycleTimer.unref();
      store = fsStore;
    }
    ctx.logger.info({ backend: store.kind }, 'object storage backend selected');
    return {
      impl: createMinioHandlers(store),
      probe: () => store.health(),
      async close() {
        clearInterval(lifecycleTimer);
        await store.close();
      },
    };
  },
});
