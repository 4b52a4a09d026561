/** Guide § Quick Start: the factory, direct instantiation, and automatic cleanup (`await using`). */
import { getClient, MinIOClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  // Method 1: using the factory
  const minio = getClient('minio', { host: env.host, port: env.port('minio'), userId: 'user_123' });
  const health = await minio.healthCheck();
  env.print(`health: ${health?.status}`);
  await minio.close();

  // Method 2: direct instantiation
  const direct = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'user_123' });
  const created = await direct.createBucket('my-bucket');
  env.print(`created bucket: ${created?.name}`);
  await direct.close();

  // Method 3: automatic cleanup, the guide's context manager
  let uploaded: string | undefined;
  {
    await using client = new MinIOClient({ host: env.host, port: env.port('minio'), userId: 'user_123' });
    await client.createBucket('my-bucket'); // already exists: logs the error once and resolves to null
    const result = await client.uploadObject('my-bucket', 'file.txt', 'Hello World!');
    uploaded = result?.objectKey;
    env.print(`uploaded: ${uploaded}`);
  } // the connection is closed here
  return { health: health?.status, bucket: created?.name, uploaded };
}
