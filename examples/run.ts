/**
 * Runs one example against the dev stack (`npm start` in another terminal first):
 *   npm run example -- minio-basic
 *   npm run example            (lists them)
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envFromProcess } from './support/env.js';

const here = dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const name = process.argv[2];
if (!name || !names.includes(name)) {
  console.log(
    `usage: npm run example -- <name>\n\nexamples (one per section of the usage guide):\n  ${names.join('\n  ')}`,
  );
  process.exitCode = name ? 2 : 0;
} else {
  const example = (await import(`./${name}.ts`)) as {
    run(env: ReturnType<typeof envFromProcess>): Promise<unknown>;
  };
  await example.run(envFromProcess());
}
