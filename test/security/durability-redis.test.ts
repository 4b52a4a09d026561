import { readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import type { ManagedProcessRecord } from '../../packages/server/src/platform/managed-process.js';
import { commandLineOf, identify, isRunning } from '../../packages/server/src/platform/process-identity.js';
import { scratchDir, startStack, type TestStack, uniqueUser } from '../support/stack.js';
import { measureRecovery, WriteLoad, waitFor } from './durability-stack-process.js';

function managedRedis(stack: TestStack): ManagedProcessRecord {
  const file = join(stack.dataDir, 'redis', 'redis-server.process.json');
  return JSON.parse(readFileSync(file, 'utf8')) as ManagedProcessRecord;
}

function redisConfig(dataDir: string): { port: number; password: string; text: string } {
  const text = readFileSync(join(dataDir, 'redis', 'redis.conf'), 'utf8');
  return {
    text,
    port: Number(/^port (\d+)$/m.exec(text)![1]),
    password: /^requirepass (\S+)$/m.exec(text)![1]!,
  };
}

async function readAll(stack: TestStack, userId: string, keys: string[]): Promise<Record<string, string>> {
  const r = stack.client('redis', { userId, throwOnError: true });
  const values: Record<string, string> = {};
  for (let i = 0; i < keys.length; i += 1000) Object.assign(values, await r.mget(keys.slice(i, i + 1000)));
  return values;
}

describe('managed redis-server: acknowledged writes survive a SIGKILL of redis-server', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('keeps every SET acknowledged before the kill, and the service starts redis-server again', async () => {
    const stack = await startStack(['redis']);
    try {
      const userId = uniqueUser('aof');
      const r = stack.client('redis', { userId, throwOnError: true, enableRetry: false, timeoutMs: 5000 });
      // The append-only file is on, synced every second, in the server that runs (not only in the file).
      const { port, password } = redisConfig(stack.dataDir);
      const admin = new Redis({ port, password, lazyConnect: true, maxRetriesPerRequest: 0 });
      admin.on('error', () => undefined);
      await admin.connect();
      expect(await admin.config('GET', 'appendonly')).toEqual(['appendonly', 'yes']);
      expect(await admin.config('GET', 'appendfsync')).toEqual(['appendfsync', 'everysec']);
      admin.disconnect();

      const before = managedRedis(stack);
      const load = new WriteLoad((i) => r.set(`k${i}`, `v${i}`), 16);
      await waitFor(() => load.acknowledged.size >= 3000, 30_000, '3000 acknowledged SETs');
      process.kill(before.pid, 'SIGKILL');
      const killedAt = Date.now();
      const ackedBeforeKill = load.acknowledged.size;
      const probe = stack.client('redis', {
        userId,
        throwOnError: true,
        enableRetry: false,
        timeoutMs: 1000,
      });
      const { restartMs, serviceMs } = await measureRecovery(
        join(stack.dataDir, 'redis', 'redis-server.process.json'),
        before.pid,
        killedAt,
        () => probe.set('probe', 'x'),
      );
      // SETs still running go on against the new server for a moment, then the load stops.
      await new Promise((r) => setTimeout(r, 300));
      await load.stop();

      const after = managedRedis(stack);
      expect(after.pid).not.toBe(before.pid);
      expect(isRunning(before)).toBe(false);
      expect(after.port).toBe(before.port);

      const acked = [...load.acknowledged];
      const values = await readAll(
        stack,
        userId,
        acked.map((i) => `k${i}`),
      );
      const found = acked.filter((i) => values[`k${i}`] === `v${i}`).length;
      console.info(
        `[durability] redis-server SIGKILL: ${ackedBeforeKill} SETs acknowledged before the kill, ` +
          `${acked.length} in all, ${found} found; ${load.failed} failed during the outage; ` +
          `redis-server running again ${restartMs} ms after the kill, SETs through the service ` +
          `acknowledged again after ${serviceMs} ms`,
      );
      expect(found).toBe(acked.length);
      expect(ackedBeforeKill).toBeGreaterThanOrEqual(3000);
      expect(restartMs).toBeLessThan(5000);
    } finally {
      await stack.stop();
    }
  });

  it('keeps its password out of the command line and environment every local user can read', async () => {
    const stack = await startStack(['redis']);
    try {
      const { password } = redisConfig(stack.dataDir);
      const server = managedRedis(stack);
      expect(identify(server.pid)).toBeDefined();
      const cmdline = commandLineOf(server.pid)!.join(' ');
      expect(cmdline).toMatch(/redis-server/);
      expect(cmdline).not.toContain(password);
      expect(readFileSync(`/proc/${server.pid}/environ`, 'latin1')).not.toContain(password);
      expect(statSync(join(stack.dataDir, 'redis', 'redis.conf')).mode & 0o077).toBe(0);
      // What redis-server was started with, as the record keeps it: the config file's path only.
      expect(server.args.join(' ')).not.toContain(password);
    } finally {
      await stack.stop();
    }
  });

  it('converts a data dir from before the append-only file instead of starting empty and overwriting it', async () => {
    const dataDir = await scratchDir('redis-upgrade');
    dirs.push(dataDir);
    const userId = uniqueUser('upgrade');
    const keys = Array.from({ length: 500 }, (_, i) => `old${i}`);
    const first = await startStack(['redis'], { ISA_DATA_DIR: dataDir });
    try {
      const r = first.client('redis', { userId, throwOnError: true });
      await r.mset(Object.fromEntries(keys.map((k) => [k, `value of ${k}`])));
    } finally {
      await first.stop(); // SIGTERM: redis-server writes dump.rdb as it exits
    }
    // What a data dir of the earlier managed server holds: dump.rdb and no append-only file.
    await rm(join(dataDir, 'redis', 'appendonlydir'), { recursive: true });
    expect(statSync(join(dataDir, 'redis', 'dump.rdb')).size).toBeGreaterThan(1000);

    for (const round of ['converted', 'loaded from the append-only file']) {
      const stack = await startStack(['redis'], { ISA_DATA_DIR: dataDir });
      try {
        const values = await readAll(stack, userId, keys);
        expect(Object.keys(values).length, round).toBe(keys.length);
        expect(values.old42).toBe('value of old42');
        expect(statSync(join(dataDir, 'redis', 'appendonlydir', 'appendonly.aof.manifest')).isFile()).toBe(
          true,
        );
        expect(redisConfig(dataDir).text).toMatch(/^appendonly yes$/m);
      } finally {
        await stack.stop();
      }
    }
  });
});
