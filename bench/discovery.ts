/**
 * Service discovery overhead and failover timing.
 *   npx tsx bench/discovery.ts [--calls 3000] [--concurrency 16]
 * 1. calls/s of a unary RPC through ServiceDiscovery vs a client with the fixed address (same server)
 * 2. two replicas (own processes, shared S3 backend): kill one mid-run; time to the last failed call
 *    and to the registry showing it critical.
 */
import { parseArgs } from 'node:util';
import { MinIOClient, ServiceDiscovery } from '@isa-cloud/sdk';
import { startRegistry } from '../test/support/registry.js';
import { startS3rver } from '../test/support/s3rver.js';
import { startServiceProcess } from '../test/support/service-process.js';
import { scratchDir } from '../test/support/stack.js';
import { machine } from './support.js';

const { values } = parseArgs({
  options: { calls: { type: 'string', default: '3000' }, concurrency: { type: 'string', default: '16' } },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
process.env.ISA_TEST_ROOT ??= `/tmp/isa-bench-discovery-${process.pid}`;

async function throughput(client: MinIOClient): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < calls) await client.statObject('bench', 'doc.txt');
    }),
  );
  return calls / ((performance.now() - started) / 1000);
}

const registry = await startRegistry();
const s3 = await startS3rver();
const env = {
  CONSUL_HTTP_ADDR: registry.address,
  ISA_CONSUL_CHECK_INTERVAL: '1s',
  ISA_CONSUL_CHECK_TIMEOUT: '500ms',
  ISA_CONSUL_DEREGISTER_AFTER: '1m',
  MINIO_ENDPOINT: s3.endpoint,
  MINIO_ACCESS_KEY: 'S3RVER',
  MINIO_SECRET_KEY: 'S3RVER',
  ISA_DATA_DIR: await scratchDir('bench-discovery'),
};
// Overhead: one replica on the embedded store (fast calls make any per-call discovery cost visible).
const solo = await startServiceProcess('minio', {
  ...env,
  MINIO_ENDPOINT: '',
  ISA_DATA_DIR: await scratchDir('bench-solo'),
});
const fixed = new MinIOClient({ host: '127.0.0.1', port: solo.port, userId: 'bench', throwOnError: true });
await fixed.createBucket('bench');
await fixed.uploadObject('bench', 'doc.txt', 'x');
const discovery = new ServiceDiscovery({ consulHost: '127.0.0.1', consulPort: registry.port });
const viaConsul = discovery.getClient('minio', { userId: 'bench', throwOnError: true });
while ((await discovery.instances('minio')).length < 1) await new Promise((r) => setTimeout(r, 100));
await throughput(fixed); // warm-up
await throughput(viaConsul);
const fixedRate = await throughput(fixed);
const discoveryRate = await throughput(viaConsul);
await solo.stop();
await fixed.close();

// Failover: two replicas over one S3 backend.
const first = await startServiceProcess('minio', env);
const seed = new MinIOClient({ host: '127.0.0.1', port: first.port, userId: 'bench', throwOnError: true });
await seed.createBucket('bench');
await seed.uploadObject('bench', 'doc.txt', 'x');
await seed.close();

// Failover timing with a second replica.
const second = await startServiceProcess('minio', env);
while ((await discovery.instances('minio')).length < 2) await new Promise((r) => setTimeout(r, 100));
let stop = false;
let lastFailure = 0;
let failures = 0;
let served = 0;
const loop = Promise.all(
  Array.from({ length: 8 }, async () => {
    while (!stop) {
      try {
        await viaConsul.statObject('bench', 'doc.txt', { throwOnError: true });
        served++;
      } catch {
        failures++;
        lastFailure = Date.now();
      }
    }
  }),
);
await new Promise((r) => setTimeout(r, 1000));
const killedAt = Date.now();
await first.kill();
let criticalAt = 0;
while (!criticalAt) {
  const entries = (await (
    await fetch(`${registry.address}/v1/health/service/minio-grpc-service?passing=true`)
  ).json()) as unknown[];
  if (entries.length === 1) criticalAt = Date.now();
  else await new Promise((r) => setTimeout(r, 20));
}
await new Promise((r) => setTimeout(r, 1500));
stop = true;
await loop;

console.log(`\nservice discovery — ${machine()}`);
console.log('| measurement | value |');
console.log('|---|---|');
console.log(`| unary calls/s, fixed address (${concurrency} in flight) | ${fixedRate.toFixed(0)} |`);
console.log(`| unary calls/s, through ServiceDiscovery | ${discoveryRate.toFixed(0)} |`);
console.log(`| ratio discovery / fixed | ${(discoveryRate / fixedRate).toFixed(2)} |`);
console.log(`| replica killed: failed idempotent calls | ${failures} (of ${served + failures}) |`);
console.log(`| kill → last failed call | ${failures ? `${lastFailure - killedAt} ms` : 'no call failed'} |`);
console.log(`| kill → registry shows it critical (check interval 1 s) | ${criticalAt - killedAt} ms |`);

await viaConsul.close();
discovery.close();
await second.stop();
await s3.stop();
await registry.close();
