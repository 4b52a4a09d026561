/** Guide § MinIO Client — basic operations. */
import { writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MinIOClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  await using client = new MinIOClient({
    host: env.host,
    port: env.port('minio'),
    userId: 'user_123',
    enableCompression: false,
  });

  // Health check
  const health = await client.healthCheck({ detailed: true });
  env.print(`healthy: ${health?.healthy} (${health?.backend})`);

  // Bucket operations (the organization comes from the client's organizationId; region per bucket)
  await client.createBucket('mybucket', { region: 'us-east-1' });
  const buckets = (await client.listBuckets()) ?? [];
  env.print(`Buckets: ${JSON.stringify(buckets.map((b) => b.name))}`);

  // Upload object (streamed)
  const file = join(env.workDir, 'file.txt');
  writeFileSync(file, 'Hello from the usage guide\n');
  const data = await readFile(file);
  const result = await client.uploadObject('mybucket', 'path/to/file.txt', data, {
    contentType: 'text/plain',
  });
  env.print(`Uploaded: ${result?.objectKey}, ETag: ${result?.etag}`);

  // List objects
  const objects = (await client.listObjects('mybucket', { prefix: 'path/', maxKeys: 100 })) ?? [];
  for (const obj of objects) env.print(`  ${obj.key} - ${obj.size} bytes`);

  // Presigned URL (5 minutes), usable by any HTTP client
  const url = await client.getPresignedUrl('mybucket', 'path/to/file.txt', { expirySeconds: 300 });
  env.print(`Download URL: ${url}`);
  return { healthy: health?.healthy, buckets: buckets.map((b) => b.name), etag: result?.etag, objects, url };
}
