import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { duckdb } from '@isa-cloud/api';
import { z } from 'zod';
import { bool, positiveInt, readConfig } from '../../platform/config.js';
import { defineService } from '../../platform/service-module.js';
import { DuckDBEngine } from './engine.js';
import { createDuckDBHandlers } from './handlers.js';
import { ObjectBridge } from './objects.js';
import { defaultSlots } from './slots.js';

const memorySize = (fallback: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size such as "512MB" or "2GiB"')
    .default(fallback);

export const duckdbConfigSchema = z.object({
  /** Memory one open database may use (DuckDB memory_limit); queries beyond it fail or spill. */
  DUCKDB_MEMORY_LIMIT: memorySize('512MB'),
  /** Worker threads of one open database. */
  DUCKDB_THREADS: positiveInt(Math.min(2, availableParallelism())),
  /** Disk one open database may spill to while a query exceeds its memory. */
  DUCKDB_MAX_TEMP_SIZE: memorySize('2GB'),
  DUCKDB_MAX_OPEN_DATABASES: positiveInt(64),
  /** Open databases per tenant: with DUCKDB_MEMORY_LIMIT this bounds one tenant's memory. */
  DUCKDB_MAX_OPEN_PER_TENANT: positiveInt(4),
  DUCKDB_IDLE_TIMEOUT_MS: positiveInt(300_000),
  DUCKDB_QUERY_TIMEOUT_MS: positiveInt(60_000),
  DUCKDB_MAX_QUERY_TIMEOUT_MS: positiveInt(900_000),
  DUCKDB_MAX_RESULT_ROWS: positiveInt(100_000),
  DUCKDB_MAX_RESULT_BYTES: positiveInt(8 * 1024 * 1024),
  DUCKDB_PREPARED_TTL_MS: positiveInt(600_000),
  DUCKDB_MAX_PREPARED_PER_TENANT: positiveInt(64),
  DUCKDB_MAX_IMPORT_BYTES: positiveInt(2 * 1024 * 1024 * 1024),
  /** Extensions InstallExtension accepts (comma-separated). */
  DUCKDB_EXTENSIONS_ALLOWED: z.string().default('icu,json,parquet,fts'),
  /** Whether InstallExtension may download an allowed extension at request time. */
  DUCKDB_EXTENSION_DOWNLOAD: bool(false),
  /** Where installed extensions live (default: {data dir}/duckdb/extensions). */
  DUCKDB_EXTENSION_DIR: z.string().optional(),
  /** Statements executing at once (default: UV_THREADPOOL_SIZE - 2, at least 1; see slots.ts). */
  DUCKDB_MAX_CONCURRENT_QUERIES: positiveInt(defaultSlots()),
});

export const duckdbModule = defineService({
  name: 'duckdb',
  descriptor: duckdb.DuckDBService,
  async create(ctx) {
    const config = readConfig(duckdbConfigSchema, ctx.env);
    const engine = new DuckDBEngine(
      ctx.dataDir,
      {
        sandbox: {
          memoryLimit: config.DUCKDB_MEMORY_LIMIT,
          threads: config.DUCKDB_THREADS,
          maxTempSize: config.DUCKDB_MAX_TEMP_SIZE,
          extensionDirectory: config.DUCKDB_EXTENSION_DIR ?? join(ctx.dataDir, 'extensions'),
        },
        pool: {
          maxOpen: config.DUCKDB_MAX_OPEN_DATABASES,
          maxOpenPerTenant: config.DUCKDB_MAX_OPEN_PER_TENANT,
          idleTimeoutMs: config.DUCKDB_IDLE_TIMEOUT_MS,
        },
        defaultTimeoutMs: config.DUCKDB_QUERY_TIMEOUT_MS,
        maxTimeoutMs: config.DUCKDB_MAX_QUERY_TIMEOUT_MS,
        maxResultRows: config.DUCKDB_MAX_RESULT_ROWS,
        maxResultBytes: config.DUCKDB_MAX_RESULT_BYTES,
        preparedTtlMs: config.DUCKDB_PREPARED_TTL_MS,
        maxPreparedPerTenant: config.DUCKDB_MAX_PREPARED_PER_TENANT,
        extensionsAllowed: new Set(
          config.DUCKDB_EXTENSIONS_ALLOWED.split(',')
            .map((e) => e.trim())
            .filter(Boolean),
        ),
        extensionDownload: config.DUCKDB_EXTENSION_DOWNLOAD,
        maxImportBytes: config.DUCKDB_MAX_IMPORT_BYTES,
        maxConcurrentQueries: config.DUCKDB_MAX_CONCURRENT_QUERIES,
      },
      ctx.logger,
    );
    const objects = new ObjectBridge(() => ctx.serviceAddress('minio'), config.DUCKDB_MAX_IMPORT_BYTES);
    ctx.logger.info(
      { memoryLimit: config.DUCKDB_MEMORY_LIMIT, threads: config.DUCKDB_THREADS },
      'DuckDB analytics engine ready',
    );
    return {
      impl: createDuckDBHandlers(engine, objects),
      probe: () => engine.health(),
      close: () => engine.close(),
    };
  },
});
