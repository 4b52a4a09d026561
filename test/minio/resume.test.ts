import { createHash, randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { scratchDir, startStack } from '../support/stack.js';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

it('resumes a download that breaks half-way, from where it stopped', async () => {
  const env = {
    ISA_DATA_DIR: await scratchDir('resume'),
    ISA_MINIO_PORT: String(await freePort()),
    ISA_SHUTDOWN_GRACE_MS: '200',
  };
  const data = randomBytes(8 * 1024 * 1024);
  let stack = await startStack(['minio'], env);
  const client = stack.client('minio', {
    userId: 'resumer',
    throwOnError: true,
    retry: { initialBackoffMs: 200, maxBackoffMs: 400 },
  });
  await client.createBucket('big');
  await client.uploadObject('big', 'file.bin', data);

  const chunks: Uint8Array[] = [];
  const download = client.getObjectStream('big', 'file.bin');
  const first = await download.next();
  chunks.push(first.value as Uint8Array);
  // The server goes away mid-download (its grace period cancels the stream) and comes back.
  await stack.host.stop();
  stack = await startStack(['minio'], env);
  try {
    for await (const chunk of download) chunks.push(chunk);
    const received = Buffer.concat(chunks);
    expect(received.length).toBe(data.length);
    expect(sha(received)).toBe(sha(data));
  } finally {
    await client.close();
    await stack.stop();
  }
});
