/**
 * Object storage throughput: 256 MiB up and down through the SDK vs the same bytes written/read directly
 * on the backend in the same run, and the server's peak RSS during a 1 GiB streamed upload.
 *   npx tsx bench/minio.ts [--backend fs|s3] [--size-mib 256] [--big-mib 1024]
 */
import { randomFillSync } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { MinIOClient } from '@isa-cloud/sdk';
import S3rver from 's3rver';
import { freePort } from '../packages/server/src/platform/managed-process.js';
import { machine, mibPerSecond, startServiceProcess, timed } from './support.js';

const { values } = parseArgs({
  options: {
    backend: { type: 'string', default: 'fs' },
    'size-mib': { type: 'string', default: '256' },
    'big-mib': { type: 'string', default: '1024' },
  },
});
const MiB = 1024 * 1024;
const size = Number(values['size-mib']) * MiB;
const bigSize = Number(values['big-mib']) * MiB;
const block = randomFillSync(Buffer.alloc(MiB));

async function* bytes(total: number): AsyncGenerator<Uint8Array> {
  for (let sent = 0; sent < total; sent += MiB) yield block.subarray(0, Math.min(MiB, total - sent));
}

async function drain(source: AsyncIterable<Uint8Array>): Promise<number> {
  let n = 0;
  for await (const chunk of source) n += chunk.byteLength;
  return n;
}

const root = join(tmpdir(), `isa-bench-minio-${process.pid}`);
await mkdir(root, { recursive: true });
let s3rver: S3rver | undefined;
let env: Record<string, string> = { ISA_DATA_DIR: join(root, 'data') };
let direct: { write(): Promise<void>; read(): Promise<number>; label: string };

if (values.backend === 's3') {
  const port = await freePort();
  s3rver = new S3rver({ port, address: '127.0.0.1', directory: join(root, 's3rver'), silent: true });
  await s3rver.run();
  const endpoint = `http://127.0.0.1:${port}`;
  env = { ...env, MINIO_ENDPOINT: endpoint, MINIO_ACCESS_KEY: 'S3RVER', MINIO_SECRET_KEY: 'S3RVER' };
  const s3 = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  await s3.send(new CreateBucketCommand({ Bucket: 'direct' }));
  direct = {
    label: 's3rver via @aws-sdk/client-s3',
    write: async () => {
      await s3.send(
        new PutObjectCommand({
          Bucket: 'direct',
          Key: 'blob',
          Body: Readable.from(bytes(size)),
          ContentLength: size,
        }),
      );
    },
    read: async () =>
      drain(
        (await s3.send(new GetObjectCommand({ Bucket: 'direct', Key: 'blob' })))
          .Body as AsyncIterable<Uint8Array>,
      ),
  };
} else {
  const file = join(root, 'direct.bin');
  direct = {
    // The embedded store fsyncs every object before it becomes visible; the baseline does the same.
    label: 'node:fs on the same disk, fsync at the end like the store',
    write: async () => {
      const handle = await open(file, 'w');
      for await (const chunk of bytes(size)) await handle.write(chunk);
      await handle.sync();
      await handle.close();
    },
    read: () => drain(createReadStream(file, { highWaterMark: 256 * 1024 })),
  };
}

const server = await startServiceProcess('minio', env);
const client = new MinIOClient({
  host: '127.0.0.1',
  port: server.port,
  userId: 'bench',
  enableCompression: false,
  throwOnError: true,
});
await client.createBucket('bench');

const directWrite = await timed(() => direct.write());
const sdkWrite = await timed(() =>
  client.uploadObject('bench', 'blob', bytes(size), { contentLength: size }),
);
const directRead = await timed(() => direct.read());
const sdkRead = await timed(() => drain(client.getObjectStream('bench', 'blob')));
if (directRead.result !== size || sdkRead.result !== size) throw new Error('short read');

const before = server.memory();
await client.uploadObject('bench', 'big', bytes(bigSize), { contentLength: bigSize });
const after = server.memory();

const rows = [
  ['upload', mibPerSecond(size, directWrite.ms), mibPerSecond(size, sdkWrite.ms)],
  ['download', mibPerSecond(size, directRead.ms), mibPerSecond(size, sdkRead.ms)],
] as const;
console.log(
  `\nobject storage, backend=${values.backend} (${direct.label}), ${size / MiB} MiB — ${machine()}`,
);
console.log('| operation | direct MiB/s | through SDK MiB/s | ratio |');
console.log('|---|---|---|---|');
for (const [op, d, s] of rows)
  console.log(`| ${op} | ${d.toFixed(0)} | ${s.toFixed(0)} | ${(s / d).toFixed(2)} |`);
console.log(
  `server RSS during a ${bigSize / MiB} MiB upload: ${before.rssMiB.toFixed(0)} MiB before, peak ${after.peakMiB.toFixed(0)} MiB (growth ${(after.peakMiB - before.peakMiB).toFixed(0)} MiB over the previous peak, ${(after.peakMiB - before.rssMiB).toFixed(0)} MiB over the resting RSS)`,
);

await client.close();
await server.stop();
await s3rver?.close();
await rm(root, { recursive: true, force: true });
