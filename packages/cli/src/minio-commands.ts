import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { MinIOClient } from '@isa-cloud/sdk';

const USAGE = `isa-cloud minio <verb> [--user ID] [--org ID] [--host H] [--port P]
  buckets                      list your buckets
  mb <bucket>                  make a bucket
  ls <bucket> [prefix]         list objects ("/" folders)
  put <bucket> <key> <file>    upload a file ("-" reads stdin)
  get <bucket> <key> [file]    download to a file (stdout without one)
  url <bucket> <key> [secs]    presigned GET URL`;

export async function runMinioCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: 'string', default: process.env.ISA_USER_ID ?? '' },
      org: { type: 'string' },
      host: { type: 'string', default: 'localhost' },
      port: { type: 'string' },
    },
  });
  const [verb, ...args] = positionals;
  if (!verb) {
    console.log(USAGE);
    return;
  }
  if (!values.user) throw new Error('--user (or ISA_USER_ID) is required');
  await using client = new MinIOClient({
    host: values.host,
    ...(values.port ? { port: Number(values.port) } : {}),
    userId: values.user,
    ...(values.org ? { organizationId: values.org } : {}),
    throwOnError: true,
  });
  switch (verb) {
    case 'buckets':
      for (const b of (await client.listBuckets()) ?? [])
        console.log(`${b.creationDate?.toISOString() ?? ''}  ${b.name}`);
      return;
    case 'mb':
      await client.createBucket(need(args[0], 'bucket'));
      console.log(`created ${args[0]}`);
      return;
    case 'ls': {
      const page = await client.listObjectsPage(need(args[0], 'bucket'), {
        prefix: args[1] ?? '',
        delimiter: '/',
      });
      for (const p of page?.commonPrefixes ?? []) console.log(`${''.padStart(12)}  PRE ${p}`);
      for (const o of page?.objects ?? []) console.log(`${String(o.size).padStart(12)}  ${o.key}`);
      return;
    }
    case 'put': {
      const file = need(args[2], 'file');
      const source = file === '-' ? process.stdin : createReadStream(file);
      const result = await client.uploadObject(need(args[0], 'bucket'), need(args[1], 'key'), source);
      console.log(`uploaded ${result?.key} (${result?.size} bytes, etag ${result?.etag})`);
      return;
    }
    case 'get': {
      const stream = client.getObjectStream(need(args[0], 'bucket'), need(args[1], 'key'));
      await pipeline(stream, args[2] ? createWriteStream(args[2]) : process.stdout);
      return;
    }
    case 'url':
      console.log(
        await client.getPresignedUrl(need(args[0], 'bucket'), need(args[1], 'key'), {
          expirySeconds: Number(args[2] ?? 3600),
        }),
      );
      return;
    default:
      throw new Error(`unknown minio verb "${verb}"\n\n${USAGE}`);
  }
}

function need(value: string | undefined, name: string): string {
  if (!value) throw new Error(`missing <${name}>\n\n${USAGE}`);
  return value;
}
