import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';

export interface QuotaLimits {
  /** Sustained ingestion rate per tenant (token bucket refill), bytes per second. */
  readonly rateBytesPerSecond: number;
  /** Largest single push (token bucket size), bytes. */
  readonly burstBytes: number;
  /** Line bytes a tenant may store per UTC day. */
  readonly dailyBytes: number;
}

export interface DayUsage {
  bytes: number;
  entries: number;
  rejectedPushes: number;
}

export interface QuotaSnapshot {
  readonly limits: QuotaLimits;
  readonly today: string;
  readonly todayBytes: number;
  readonly todayEntries: number;
  readonly todayRejectedPushes: number;
  readonly availableBytes: number;
  readonly exceeded: boolean;
  readonly resetsAtMs: number;
}

const KEEP_DAYS = 31;

/**
 * Per-tenant, per-UTC-day ingestion counters, persisted to a JSON file so a restart does not hand a
 * tenant a fresh daily quota. Writes are debounced; close() flushes.
 */
export class UsageLedger {
  private readonly days = new Map<string, Map<string, DayUsage>>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly file: string | undefined,
    private readonly logger: Logger,
  ) {
    if (!file) return;
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, DayUsage>>;
      for (const [scope, byDay] of Object.entries(parsed)) {
        this.days.set(scope, new Map(Object.entries(byDay)));
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        logger.warn({ err, file }, 'usage ledger unreadable: starting from zero');
      }
    }
  }

  day(scope: string, day: string): DayUsage {
    let byDay = this.days.get(scope);
    if (!byDay) {
      byDay = new Map();
      this.days.set(scope, byDay);
    }
    let usage = byDay.get(day);
    if (!usage) {
      usage = { bytes: 0, entries: 0, rejectedPushes: 0 };
      byDay.set(day, usage);
      // Forget days past the window, so the ledger stays small.
      const keys = [...byDay.keys()].sort();
      for (const old of keys.slice(0, Math.max(0, keys.length - KEEP_DAYS))) byDay.delete(old);
    }
    return usage;
  }

  /** Days with usage, most recent first. */
  history(scope: string): Array<{ day: string } & DayUsage> {
    const byDay = this.days.get(scope);
    if (!byDay) return [];
    return [...byDay.entries()].sort(([a], [b]) => (a < b ? 1 : -1)).map(([day, u]) => ({ day, ...u }));
  }

  changed(): void {
    if (!this.file || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, 1000);
    this.timer.unref();
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (!this.file) return;
    const out: Record<string, Record<string, DayUsage>> = {};
    for (const [scope, byDay] of this.days) out[scope] = Object.fromEntries(byDay);
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.tmp`;
      writeFileSync(temp, JSON.stringify(out));
      renameSync(temp, this.file);
    } catch (err) {
      this.logger.error({ err, file: this.file }, 'cannot save the usage ledger');
    }
  }
}

interface Bucket {
  tokens: number;
  atMs: number;
}

/** A push that passed the quota checks: commit what was stored, or release on failure. */
export interface Reservation {
  commit(storedBytes: number, storedEntries: number): void;
  release(): void;
}

function utcDayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Ingestion quotas per tenant: a token bucket for the rate (Loki's ingestion_rate / burst) and a daily
 * byte budget. Checking and reserving happen in one synchronous step, so concurrent pushes can never
 * both pass a check that only one of them fits (the reference counted in an unguarded map and could
 * crash or overrun); bytes a push did not store are handed back.
 */
export class QuotaManager {
  private readonly buckets = new Map<string, Bucket>();
  /** Bytes of pushes in flight, per tenant: counted against today's budget until they finish. */
  private readonly inFlight = new Map<string, number>();

  constructor(
    readonly limits: QuotaLimits,
    private readonly ledger: UsageLedger,
    private readonly nowMs: () => number = Date.now,
  ) {}

  private bucket(scope: string, now: number): Bucket {
    let bucket = this.buckets.get(scope);
    if (!bucket) {
      bucket = { tokens: this.limits.burstBytes, atMs: now };
      this.buckets.set(scope, bucket);
    }
    const refill = ((now - bucket.atMs) / 1000) * this.limits.rateBytesPerSecond;
    bucket.tokens = Math.min(this.limits.burstBytes, bucket.tokens + refill);
    bucket.atMs = now;
    return bucket;
  }

  private refuse(scope: string, day: string, message: string): never {
    this.ledger.day(scope, day).rejectedPushes++;
    this.ledger.changed();
    throw ServiceError.resourceExhausted(message);
  }

  /** Reserves `bytes` of the tenant's rate and daily budget, or throws RESOURCE_EXHAUSTED. */
  reserve(scope: string, bytes: number, lines: number): Reservation {
    const now = this.nowMs();
    const day = utcDayOf(now);
    const usage = this.ledger.day(scope, day);
    const pending = this.inFlight.get(scope) ?? 0;
    const { dailyBytes, burstBytes, rateBytesPerSecond } = this.limits;
    if (usage.bytes + pending + bytes > dailyBytes) {
      this.refuse(
        scope,
        day,
        `daily ingestion quota exceeded: ${usage.bytes + pending} of ${dailyBytes} bytes used today, this push needs ${bytes} more; the quota resets at ${new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString()}`,
      );
    }
    const bucket = this.bucket(scope, now);
    if (bytes > bucket.tokens) {
      this.refuse(
        scope,
        day,
        `ingestion rate limit exceeded (limit: ${rateBytesPerSecond} bytes/sec, burst ${burstBytes} bytes) while attempting to ingest '${lines}' lines totaling '${bytes}' bytes, reduce log volume or push smaller batches`,
      );
    }
    bucket.tokens -= bytes;
    this.inFlight.set(scope, pending + bytes);
    let settled = false;
    const settle = () => {
      if (settled) return false;
      settled = true;
      const left = (this.inFlight.get(scope) ?? bytes) - bytes;
      if (left > 0) this.inFlight.set(scope, left);
      else this.inFlight.delete(scope);
      return true;
    };
    return {
      commit: (storedBytes, storedEntries) => {
        if (!settle()) return;
        // Usage counts against the day the push was admitted on.
        const counted = this.ledger.day(scope, day);
        counted.bytes += storedBytes;
        counted.entries += storedEntries;
        this.ledger.changed();
      },
      release: () => {
        if (!settle()) return;
        // Nothing was stored: the rate budget is handed back too.
        const b = this.bucket(scope, this.nowMs());
        b.tokens = Math.min(burstBytes, b.tokens + bytes);
      },
    };
  }

  snapshot(scope: string): QuotaSnapshot {
    const now = this.nowMs();
    const today = utcDayOf(now);
    const usage = this.ledger.day(scope, today);
    const available = Math.floor(this.bucket(scope, now).tokens);
    return {
      limits: this.limits,
      today,
      todayBytes: usage.bytes,
      todayEntries: usage.entries,
      todayRejectedPushes: usage.rejectedPushes,
      availableBytes: available,
      exceeded: usage.bytes >= this.limits.dailyBytes,
      resetsAtMs: Date.parse(`${today}T00:00:00Z`) + 86_400_000,
    };
  }

  history(scope: string): Array<{ day: string } & DayUsage> {
    return this.ledger.history(scope);
  }
}
