/** Guide § Error Handling: the null style, and try/catch with throwOnError. */
import { GrpcStatus, IsaCloudError, MinIOClient } from '@isa-cloud/sdk';
import type { ExampleEnv } from './support/env.js';

export async function run(env: ExampleEnv) {
  // All clients resolve to null on errors and log the details once (a pluggable logger).
  const logged: string[] = [];
  await using client = new MinIOClient({
    host: env.host,
    port: env.port('minio'),
    userId: 'user_123',
    logger: { error: (message) => logged.push(message) },
  });
  const result = await client.createBucket('invalid_bucket_name');
  if (result === null) env.print('Operation failed - check logs for details');
  else env.print(`Success: ${result.name}`);
  for (const line of logged) env.print(`  log: ${line}`);

  // With throwOnError the same failure is an exception carrying the gRPC code and the field.
  await using strict = new MinIOClient({
    host: env.host,
    port: env.port('minio'),
    userId: 'user_123',
    throwOnError: true,
  });
  let caught: IsaCloudError | undefined;
  try {
    await strict.createBucket('invalid_bucket_name');
    env.print('✅ Bucket created successfully');
  } catch (e) {
    if (!(e instanceof IsaCloudError)) throw e;
    caught = e;
    env.print(`❌ gRPC error: ${e.codeName} - ${e.details} (field ${e.field})`);
  }
  // Unreachable servers are UNAVAILABLE after the retries.
  await using nowhere = new MinIOClient({
    host: env.host,
    port: 1,
    userId: 'user_123',
    throwOnError: true,
    retry: { initialBackoffMs: 10, maxBackoffMs: 20 },
  });
  const unreachable = await nowhere.listBuckets().catch((e: unknown) => e as IsaCloudError);
  env.print(`unreachable server: ${(unreachable as IsaCloudError).codeName}`);
  return {
    nullResult: result,
    logged,
    caught: caught && { code: caught.code, field: caught.field },
    unreachable: (unreachable as IsaCloudError).code === GrpcStatus.UNAVAILABLE,
  };
}
