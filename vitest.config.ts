import { defineConfig } from 'vitest/config';

// Test workers inherit this: DuckDB statements hold libuv worker threads that file I/O also needs.
process.env.UV_THREADPOOL_SIZE ??= '16';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    // Two cores: more workers only add contention; integration tests are I/O-bound anyway.
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default'],
  },
});
