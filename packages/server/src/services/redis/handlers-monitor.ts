import { randomBytes } from 'node:crypto';
import { timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import type { redis } from '@isa-cloud/api';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { RedisBackend } from './backend.js';
import type { RedisDeps } from './context.js';
import { keyTypeOf } from './handlers-data.js';
import { escapeGlob, HEALTH_PREFIX, physicalKey, tenantRoot } from './names.js';
import { KEY_INFO } from './scripts.js';
import { bulk, integer, list, text } from './values.js';

type Impl = ServiceImpl<typeof redis.RedisService>;

const STATS_SCAN_COUNT = 1000;

const num = (value: string | undefined) => {
  const n = Number(value ?? 0);
  return Number.isFinite(n) ? n : 0;
};
const int = (value: string | undefined) => BigInt(Math.trunc(num(value)));

/** SET, GET and DEL of a probe key outside every tenant's namespace. */
async function deepCheck(backend: RedisBackend): Promise<string> {
  const key = HEALTH_PREFIX + randomBytes(8).toString('hex');
  const value = randomBytes(8).toString('hex');
  await backend.call({ name: 'SET', args: [key, value, 'PX', 10_000] });
  const read = bulk(await backend.call({ name: 'GET', args: [key] }))?.toString();
  await backend.call({ name: 'DEL', args: [key] });
  return read === value ? '' : 'the probe key did not read back what was written';
}

export function createMonitorHandlers(
  deps: RedisDeps,
): Pick<Impl, 'healthCheck' | 'getStatistics' | 'getKeyInfo'> {
  return {
    async healthCheck(req) {
      const checkedAt = timestampNow();
      const base = { backend: deps.mode, checkedAt };
      let backend: RedisBackend;
      try {
        backend = deps.backend();
      } catch {
        return {
          ...base,
          healthy: false,
          status: 'NOT_SERVING',
          redisStatus: 'absent',
          message: deps.missing,
        };
      }
      const redisStatus = backend.state;
      try {
        const probe = await backend.health();
        if (!probe.healthy)
          return { ...base, healthy: false, status: 'NOT_SERVING', redisStatus, message: probe.message };
        const problem = req.deepCheck ? await deepCheck(backend) : '';
        const d = probe.details ?? {};
        return {
          ...base,
          healthy: problem === '',
          status: problem === '' ? 'SERVING' : 'NOT_SERVING',
          redisStatus,
          message: problem,
          redisVersion: d.redis_version ?? '',
          redisMode: d.redis_mode ?? '',
          connectedClients: int(d.connected_clients),
          usedMemoryBytes: int(d.used_memory_bytes),
          uptimeSeconds: int(d.uptime_seconds),
          latencyMs: num(d.latency_ms),
        };
      } catch (err) {
        return {
          ...base,
          healthy: false,
          status: 'NOT_SERVING',
          redisStatus,
          message: (err as Error).message,
        };
      }
    },

    async getStatistics(_req, ctx) {
      const tenant = ctx.tenant;
      const backend = deps.backend();
      const root = tenantRoot(tenant);
      const distribution: Record<string, bigint> = {};
      let totalKeys = 0n;
      let sessions = 0n;
      let locks = 0n;
      let memory = 0n;
      // SCAN over everything under the tenant's root, TYPE and MEMORY USAGE of each batch in one round trip.
      let cursor = '0';
      do {
        ctx.signal.throwIfAborted();
        const reply = list(
          await backend.call({
            name: 'SCAN',
            args: [cursor, 'MATCH', `${escapeGlob(root)}*`, 'COUNT', STATS_SCAN_COUNT],
          }),
        );
        cursor = text(reply[0]);
        const found = list(reply[1])
          .map(text)
          .filter((k) => k.startsWith(root));
        if (found.length === 0) continue;
        const facts = await backend.batch(
          found.flatMap((k) => [
            { name: 'TYPE', args: [k] },
            { name: 'MEMORY', args: ['USAGE', k] },
          ]),
          false,
        );
        found.forEach((k, i) => {
          const type = facts[2 * i]!;
          const usage = facts[2 * i + 1]!;
          if (!type.ok) return;
          const typeName = text(type.reply);
          if (typeName === 'none') return; // expired or deleted since the SCAN
          if (usage.ok && usage.reply !== null) memory += integer(usage.reply);
          const ns = k.slice(root.length, root.length + 2);
          if (ns === 'k:') {
            totalKeys++;
            distribution[typeName] = (distribution[typeName] ?? 0n) + 1n;
          } else if (ns === 's:') sessions++;
          else if (ns === 'l:') locks++;
        });
      } while (cursor !== '0');

      const info = await backend.info();
      const hits = num(info.keyspace_hits);
      const misses = num(info.keyspace_misses);
      return {
        totalKeys,
        keyTypeDistribution: distribution,
        sessionCount: sessions,
        lockCount: locks,
        tenantMemoryBytes: memory,
        memoryUsedBytes: int(info.used_memory),
        commandsProcessed: int(info.total_commands_processed),
        connectionsReceived: int(info.total_connections_received),
        hitRate: hits + misses > 0 ? hits / (hits + misses) : 0,
        keyspaceHits: int(info.keyspace_hits),
        keyspaceMisses: int(info.keyspace_misses),
        connectedClients: int(info.connected_clients),
        uptimeSeconds: int(info.uptime_in_seconds),
        redisVersion: info.redis_version ?? '',
      };
    },

    async getKeyInfo(req, ctx) {
      const key = physicalKey(ctx.tenant, req.key);
      const reply = list(await deps.backend().script(KEY_INFO, [key], []));
      const type = text(reply[0]);
      if (type === 'none') return { exists: false, ttlSeconds: -2n, ttlMs: -2n };
      const ttlMs = integer(reply[2]);
      const idle = integer(reply[5]);
      return {
        exists: true,
        type: keyTypeOf(type),
        length: integer(reply[1]),
        ttlMs,
        ttlSeconds: ttlMs < 0n ? ttlMs : (ttlMs + 500n) / 1000n,
        sizeBytes: integer(reply[3]),
        encoding: text(reply[4]),
        idleSeconds: idle,
        lastAccessed: idle >= 0n ? timestampFromMs(Date.now() - Number(idle) * 1000) : undefined,
      };
    },
  };
}
