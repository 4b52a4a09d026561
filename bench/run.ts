/**
 * Runs every benchmark in bench/ one after the other (`npm run bench`), or the ones named:
 *   npm run bench -- minio redis
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const all = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'support.ts'].includes(f))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const chosen = wanted.length > 0 ? wanted : all;
for (const name of chosen) {
  if (!all.includes(name)) throw new Error(`no benchmark "${name}"; available: ${all.join(', ')}`);
  console.log(`\n=== bench/${name}.ts`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`)], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exitCode = 1;
}
