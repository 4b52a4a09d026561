import { rm, stat } from 'node:fs/promises';
import { GrpcStatus, IsaCloudError, MinIOClient } from '@isa-cloud/sdk';
import { ServiceError } from '../../platform/errors.js';
import { actAsCaller } from '../../platform/identity.js';
import type { CallContext } from '../../platform/rpc.js';
import { validateBucketName, validateObjectKey } from '../minio/names.js';

/**
 * Object data reaches DuckDB through the object storage service, called as the caller (its tenant and,
 * with auth, its own bearer token): a tenant can only ever read and write its own buckets, and the
 * bytes land in that tenant's staging area only.
 */
export class ObjectBridge {
  constructor(
    /** host:port of the object storage service, asked for per call (it may start after us). */
    private readonly address: () => string,
    private readonly maxBytes: number,
  ) {}

  private client(ctx: CallContext): MinIOClient {
    const address = this.address();
    const at = address.lastIndexOf(':');
    return new MinIOClient({
      host: address.slice(0, at),
      port: Number(address.slice(at + 1)),
      ...actAsCaller(ctx),
      throwOnError: true,
      logger: null,
      enableCompression: false,
    });
  }

  private failure(err: unknown, bucketField: string, keyField: string): unknown {
    if (!(err instanceof IsaCloudError)) return err;
    if (err.code === GrpcStatus.UNAVAILABLE || err.code === GrpcStatus.UNKNOWN) {
      return ServiceError.unavailable(`the object storage service is unavailable: ${err.details}`, err);
    }
    const field = err.field?.includes('bucket')
      ? bucketField
      : err.field?.includes('key')
        ? keyField
        : undefined;
    return new ServiceError(err.code, `object storage: ${err.details}`, {
      cause: err,
      ...(field ? { field } : {}),
    });
  }

  /** Streams an object of the caller's into `target` (a staging file); returns its size. */
  async download(
    ctx: CallContext,
    bucket: string,
    key: string,
    target: string,
    fields = { bucket: 'bucket_name', key: 'object_key' },
  ): Promise<number> {
    validateBucketName(bucket, fields.bucket);
    validateObjectKey(key, fields.key);
    const client = this.client(ctx);
    try {
      const info = await client.statObject(bucket, key, { signal: ctx.signal });
      if (info && info.size > this.maxBytes) {
        throw ServiceError.resourceExhausted(
          `object "${key}" is ${info.size} bytes; this server imports at most ${this.maxBytes}`,
        );
      }
      await client.downloadFile(bucket, key, target, { signal: ctx.signal });
      return (await stat(target)).size;
    } catch (err) {
      await rm(target, { force: true });
      throw this.failure(err, fields.bucket, fields.key);
    } finally {
      await client.close();
    }
  }

  /** Uploads a staging file as an object of the caller's (refusing to replace one unless `overwrite`). */
  async upload(
    ctx: CallContext,
    bucket: string,
    key: string,
    file: string,
    contentType: string,
    overwrite: boolean,
  ): Promise<void> {
    validateBucketName(bucket);
    validateObjectKey(key);
    const client = this.client(ctx);
    try {
      if (!overwrite) {
        const existing = await client
          .statObject(bucket, key, { signal: ctx.signal })
          .catch((err: unknown) => {
            if (
              err instanceof IsaCloudError &&
              err.code === GrpcStatus.NOT_FOUND &&
              !/^bucket /.test(err.details)
            )
              return undefined;
            throw err;
          });
        if (existing) {
          throw ServiceError.alreadyExists(
            `object "${key}" in bucket "${bucket}" (set overwrite to replace it)`,
          );
        }
      }
      await client.uploadFile(bucket, key, file, { contentType, signal: ctx.signal });
    } catch (err) {
      throw this.failure(err, 'bucket_name', 'object_key');
    } finally {
      await client.close();
    }
  }
}
