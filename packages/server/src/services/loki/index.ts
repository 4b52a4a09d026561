import { join } from 'node:path';
import { loki } from '@isa-cloud/api';
import { z } from 'zod';
import { positiveInt, readConfig, url } from '../../platform/config.js';
import { defineService } from '../../platform/service-module.js';
import { ExportRegistry } from './export.js';
import { createLokiHandlers } from './handlers.js';
import { DEFAULT_LABEL_LIMITS } from './labels.js';
import { QuotaManager, UsageLedger } from './quota.js';
import type { LogStore } from './store.js';
import { DuckLogStore } from './store-duckdb.js';
import { LokiHttpStore } from './store-loki.js';
import { NS_PER_HOUR, NS_PER_SECOND, nowNs } from './time.js';

export const lokiConfigSchema = z.object({
  /** Grafana Loki (http://host:3100); when unset, logs are stored in DuckDB under the data dir. */
  LOKI_URL: url().optional(),
  /** Basic auth for a Loki behind an authenticating gateway. */
  LOKI_USERNAME: z.string().optional(),
  LOKI_PASSWORD: z.string().optional(),
  LOKI_TIMEOUT_MS: positiveInt(30_000),
  /** How often the Loki adapter polls for new entries while tailing. */
  LOKI_TAIL_POLL_MS: positiveInt(1000),
  /** Embedded store: entries older than this are deleted and never returned. */
  LOKI_RETENTION_HOURS: positiveInt(720),
  LOKI_RETENTION_SWEEP_MS: positiveInt(600_000),
  /** Embedded store: Loki's reject_old_samples_max_age, creation_grace_period and out-of-order window. */
  LOKI_MAX_ENTRY_AGE_HOURS: positiveInt(168),
  LOKI_CREATION_GRACE_SECONDS: positiveInt(600),
  LOKI_OUT_OF_ORDER_WINDOW_SECONDS: positiveInt(3600),
  LOKI_DUCKDB_MEMORY_LIMIT: z
    .string()
    .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'expected a size such as 1GB')
    .optional(),
  LOKI_MAX_LABELS_PER_STREAM: positiveInt(DEFAULT_LABEL_LIMITS.maxLabels),
  LOKI_MAX_LINE_BYTES: positiveInt(DEFAULT_LABEL_LIMITS.maxLineBytes),
  LOKI_MAX_ENTRIES_LIMIT: positiveInt(5000),
  LOKI_MAX_QUERY_SERIES: positiveInt(500),
  /** Per-tenant quotas: sustained bytes/s, largest burst, bytes per UTC day. */
  LOKI_INGESTION_RATE_BYTES: positiveInt(4 * 1024 * 1024),
  LOKI_INGESTION_BURST_BYTES: positiveInt(6 * 1024 * 1024),
  LOKI_DAILY_BYTES_LIMIT: positiveInt(10 * 1024 * 1024 * 1024),
});

export const lokiModule = defineService({
  name: 'loki',
  descriptor: loki.LokiService,
  async create(ctx) {
    const config = readConfig(lokiConfigSchema, ctx.env);
    const retentionNs = BigInt(config.LOKI_RETENTION_HOURS) * NS_PER_HOUR;
    let store: LogStore;
    let sweeper: NodeJS.Timeout | undefined;
    if (config.LOKI_URL) {
      store = new LokiHttpStore({
        url: config.LOKI_URL,
        ...(config.LOKI_USERNAME
          ? { username: config.LOKI_USERNAME, password: config.LOKI_PASSWORD ?? '' }
          : {}),
        timeoutMs: config.LOKI_TIMEOUT_MS,
        tailPollMs: config.LOKI_TAIL_POLL_MS,
        now: nowNs,
      });
    } else {
      const duck = await DuckLogStore.open({
        file: join(ctx.dataDir, 'logs.duckdb'),
        retentionNs,
        rules: {
          maxAgeNs: BigInt(config.LOKI_MAX_ENTRY_AGE_HOURS) * NS_PER_HOUR,
          gracePeriodNs: BigInt(config.LOKI_CREATION_GRACE_SECONDS) * NS_PER_SECOND,
          outOfOrderWindowNs: BigInt(config.LOKI_OUT_OF_ORDER_WINDOW_SECONDS) * NS_PER_SECOND,
        },
        maxEntriesLimit: config.LOKI_MAX_ENTRIES_LIMIT,
        maxSeries: config.LOKI_MAX_QUERY_SERIES,
        maxPoints: 11_000,
        ...(config.LOKI_DUCKDB_MEMORY_LIMIT ? { memoryLimit: config.LOKI_DUCKDB_MEMORY_LIMIT } : {}),
        logger: ctx.logger,
        now: nowNs,
      });
      sweeper = setInterval(() => {
        duck
          .sweep()
          .then((r) => {
            if (r.deletedEntries > 0) ctx.logger.info(r, 'retention sweep deleted old entries');
          })
          .catch((err: unknown) => ctx.logger.error({ err }, 'retention sweep failed'));
      }, config.LOKI_RETENTION_SWEEP_MS);
      sweeper.unref();
      store = duck;
    }
    ctx.logger.info({ backend: store.kind }, 'log backend selected');
    const ledger = new UsageLedger(join(ctx.dataDir, 'usage.json'), ctx.logger);
    const quotas = new QuotaManager(
      {
        rateBytesPerSecond: config.LOKI_INGESTION_RATE_BYTES,
        burstBytes: config.LOKI_INGESTION_BURST_BYTES,
        dailyBytes: config.LOKI_DAILY_BYTES_LIMIT,
      },
      ledger,
    );
    const impl = createLokiHandlers({
      store,
      quotas,
      labelLimits: {
        ...DEFAULT_LABEL_LIMITS,
        maxLabels: config.LOKI_MAX_LABELS_PER_STREAM,
        maxLineBytes: config.LOKI_MAX_LINE_BYTES,
      },
      retentionNs,
      maxEntriesLimit: config.LOKI_MAX_ENTRIES_LIMIT,
      exports: new ExportRegistry(),
      objectStorageAddress: () => ctx.serviceAddress('minio'),
      now: nowNs,
    });
    return {
      impl,
      async probe() {
        const health = await store.health(false);
        return health.healthy
          ? { healthy: true, details: health.details }
          : { healthy: false, message: health.message };
      },
      async close() {
        clearInterval(sweeper);
        ledger.flush();
        await store.close();
      },
    };
  },
});
