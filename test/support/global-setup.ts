import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One scratch root per test run; every stack and server the tests start lives below it. */
export default async function setup(): Promise<() => Promise<void>> {
  const root = join(tmpdir(), `isa-cloud-test-${process.pid}`);
  process.env.ISA_TEST_ROOT = root;
  return async () => {
    await rm(root, { recursive: true, force: true });
  };
}
