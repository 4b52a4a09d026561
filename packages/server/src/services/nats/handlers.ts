import { timestampNow } from '@bufbuild/protobuf/wkt';
import type { nats } from '@isa-cloud/api';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { NatsDeps } from './context.js';
import { createCoreHandlers } from './handlers-core.js';
import { createJetStreamHandlers } from './handlers-jetstream.js';
import { createKvHandlers } from './handlers-kv.js';
import { createObjectHandlers } from './handlers-objects.js';
import { namePrefix } from './names.js';

export function createNatsHandlers(deps: NatsDeps): ServiceImpl<typeof nats.NATSService> {
  return {
    async healthCheck(req) {
      const checkedAt = timestampNow();
      const base = { backend: deps.mode, checkedAt, activeSubscriptions: BigInt(deps.subscriptions.size) };
      let broker: ReturnType<NatsDeps['broker']>;
      try {
        broker = deps.broker();
      } catch (err) {
        return { ...base, healthy: false, natsStatus: 'NOT_INSTALLED', message: (err as Error).message };
      }
      const [health, stats] = await Promise.all([broker.health(req.deepCheck), broker.serverStats()]);
      return {
        ...base,
        healthy: !health.problem,
        natsStatus: health.state,
        jetstreamEnabled: health.jetstream,
        connections: BigInt(stats?.connections ?? 0),
        message: health.problem ?? '',
        serverVersion: health.serverVersion,
        rttMs: health.rttMs,
      };
    },

    async getStatistics(_req, ctx) {
      const broker = deps.broker();
      const prefix = namePrefix(ctx.tenant);
      const [streams, kv, objects, server] = await Promise.all([
        broker.listStreams(prefix),
        broker.kvListBuckets(prefix),
        broker.objListBuckets(prefix),
        broker.serverStats(),
      ]);
      const sum = (pick: (s: (typeof streams)[number]) => number) =>
        BigInt(streams.reduce((n, s) => n + pick(s), 0));
      return {
        totalStreams: BigInt(streams.length),
        totalConsumers: sum((s) => s.consumerCount),
        totalMessages: sum((s) => s.messages),
        totalBytes: sum((s) => s.bytes),
        kvBuckets: BigInt(kv.length),
        objectBuckets: BigInt(objects.length),
        serverStatsAvailable: server !== undefined,
        connections: BigInt(server?.connections ?? 0),
        inMsgs: BigInt(server?.inMsgs ?? 0),
        outMsgs: BigInt(server?.outMsgs ?? 0),
        inBytes: BigInt(server?.inBytes ?? 0),
        outBytes: BigInt(server?.outBytes ?? 0),
      };
    },

    ...createCoreHandlers(deps),
    ...createJetStreamHandlers(deps),
    ...createKvHandlers(deps),
    ...createObjectHandlers(deps),
  };
}
