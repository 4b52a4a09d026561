import { randomUUID } from 'node:crypto';
import type { DuckDBConnection, DuckDBPreparedStatement } from '@duckdb/node-api';
import { ServiceError } from '../../platform/errors.js';
import { KeyedMutex } from '../../platform/keyed-mutex.js';
import type { DatabaseHandle } from './pool.js';

export interface PreparedEntry {
  readonly id: string;
  readonly tenantKey: string;
  readonly database: string;
  readonly handle: DatabaseHandle;
  readonly connection: DuckDBConnection;
  readonly statement: DuckDBPreparedStatement;
  expiresAt: number;
  busy: boolean;
  /** Closed while executing: destroyed as soon as the execution ends. */
  dropped: boolean;
}

/**
 * Statements prepared server-side, each on its own connection of its database. Ids are random and
 * bound to the tenant that prepared them: another tenant's id is simply not found. A statement unused
 * for the TTL is closed; while it lives it keeps its database open.
 */
export class PreparedRegistry {
  private readonly entries = new Map<string, PreparedEntry>();
  private readonly running = new KeyedMutex();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly ttlMs: number,
    private readonly maxPerTenant: number,
  ) {
    this.timer = setInterval(() => this.sweep(Date.now()), Math.max(50, Math.min(60_000, ttlMs / 2)));
    this.timer.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  add(
    tenantKey: string,
    database: string,
    handle: DatabaseHandle,
    connection: DuckDBConnection,
    statement: DuckDBPreparedStatement,
  ): PreparedEntry {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.tenantKey === tenantKey) count++;
    if (count >= this.maxPerTenant) {
      throw ServiceError.resourceExhausted(
        `at most ${this.maxPerTenant} prepared statements at a time: close some with ClosePreparedStatement`,
      );
    }
    const entry: PreparedEntry = {
      id: randomUUID(),
      tenantKey,
      database,
      handle,
      connection,
      statement,
      expiresAt: Date.now() + this.ttlMs,
      busy: false,
      dropped: false,
    };
    this.entries.set(entry.id, entry);
    handle.pins++;
    return entry;
  }

  /** The tenant's statement; NOT_FOUND for unknown, expired, closed or other tenants' ids. */
  get(tenantKey: string, id: string): PreparedEntry {
    const entry = this.entries.get(id);
    if (!entry || entry.tenantKey !== tenantKey) {
      throw ServiceError.notFound(`prepared statement "${id}" (it may have expired or been closed)`);
    }
    return entry;
  }

  /** Runs `work` on the statement, one execution at a time, and renews its lifetime. */
  async use<T>(entry: PreparedEntry, work: () => Promise<T>): Promise<T> {
    return this.running.run(entry.id, async () => {
      if (this.entries.get(entry.id) !== entry)
        throw ServiceError.notFound(`prepared statement "${entry.id}"`);
      entry.expiresAt = Date.now() + this.ttlMs;
      entry.busy = true;
      try {
        return await work();
      } finally {
        entry.busy = false;
        entry.expiresAt = Date.now() + this.ttlMs;
        if (entry.dropped) this.destroy(entry);
      }
    });
  }

  ttlFrom(now: number): Date {
    return new Date(now + this.ttlMs);
  }

  close(tenantKey: string, id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.tenantKey !== tenantKey) return false;
    this.drop(entry);
    return true;
  }

  /** Drops every statement of a database that is about to close. */
  closeFor(handle: DatabaseHandle): void {
    for (const entry of [...this.entries.values()]) if (entry.handle === handle) this.drop(entry);
  }

  closeAll(): void {
    clearInterval(this.timer);
    for (const entry of [...this.entries.values()]) this.drop(entry);
  }

  sweep(now: number): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.expiresAt <= now && !entry.busy) this.drop(entry);
    }
  }

  private drop(entry: PreparedEntry): void {
    if (this.entries.get(entry.id) !== entry) return;
    this.entries.delete(entry.id);
    entry.handle.pins--;
    if (entry.busy) {
      entry.dropped = true;
      entry.connection.interrupt();
      return;
    }
    this.destroy(entry);
  }

  private destroy(entry: PreparedEntry): void {
    entry.statement.destroySync();
    entry.handle.release(entry.connection);
  }
}
