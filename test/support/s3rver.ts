import type { AddressInfo } from 'node:net';
import S3rver from 's3rver';
import { scratchDir } from './stack.js';

export interface RunningS3 {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/**
 * s3rver, the S3 server the tests run the S3 adapter against. It does not check signatures and lacks
 * versioning, lifecycle and policies; the conformance suite lists what it skips for that reason.
 */
export async function startS3rver(port = 0): Promise<RunningS3> {
  const directory = await scratchDir('s3rver');
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory,
    silent: true,
    allowMismatchedSignatures: true,
  });
  const address = (await server.run()) as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stop: () => server.close(),
  };
}
