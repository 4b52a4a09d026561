#!/usr/bin/env node
// DuckDB runs each statement on a libuv worker thread, the same pool every file operation uses; libuv
// sizes the pool once, on first use, so it is set here before anything touches it.
process.env.UV_THREADPOOL_SIZE ??= '16';

// Runs the TypeScript sources directly (no build step in development).
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');
