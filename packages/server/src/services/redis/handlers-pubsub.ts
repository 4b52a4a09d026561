import { randomUUID } from 'node:crypto';
import { timestampNow } from '@bufbuild/protobuf/wkt';
import type { redis } from '@isa-cloud/api';
import { BoundedQueue } from '../../platform/bounded-queue.js';
import { ServiceError } from '../../platform/errors.js';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { RedisSubscriber } from './backend.js';
import type { RedisDeps } from './context.js';
import { escapeGlob, ownName, physicalChannel, physicalPattern, prefix } from './names.js';
import type { LiveSubscription } from './subscriptions.js';
import { MAX_KEYS } from './values.js';

type Impl = ServiceImpl<typeof redis.RedisService>;

interface Delivery {
  channel: Buffer;
  message: Buffer;
  pattern: Buffer | undefined;
}

function names(list: readonly string[], field: string, toPhysical: (name: string, field: string) => string) {
  if (list.length > MAX_KEYS) throw ServiceError.invalidArgument(field, `at most ${MAX_KEYS} per request`);
  const own = [...new Set(list)];
  return { own, physical: own.map((n, i) => toPhysical(n, `${field}[${i}]`)) };
}

/** The caller's pattern for a physical one (the escaped channel prefix comes off). */
function ownPattern(tenant: Tenant, physical: string): string | undefined {
  const p = escapeGlob(prefix(tenant, 'c'));
  return physical.startsWith(p) ? physical.slice(p.length) : undefined;
}

/**
 * Publish/subscribe. Each Subscribe stream has its own Redis connection, so PUBLISH's reply counts real
 * subscribers and UNSUBSCRIBE is Redis's own. Channels and patterns are placed under the tenant's channel
 * prefix; a pattern's wildcards only ever match channel names inside it.
 */
export function createPubSubHandlers(deps: RedisDeps): Pick<Impl, 'subscribe' | 'unsubscribe'> {
  return {
    async *subscribe(req, ctx) {
      const tenant = ctx.tenant;
      const channels = names(req.channels, 'channels', (n, f) => physicalChannel(tenant, n, f));
      const patterns = names(req.patterns, 'patterns', (n, f) => physicalPattern(tenant, 'c', n, f));
      if (channels.own.length + patterns.own.length === 0) {
        throw ServiceError.invalidArgument('channels', 'name at least one channel or pattern');
      }
      const queue = new BoundedQueue<Delivery>(deps.subscribeBuffer, () =>
        ServiceError.resourceExhausted(
          `the subscriber fell more than ${deps.subscribeBuffer} messages behind; subscription ended (REDIS_SUBSCRIBE_BUFFER)`,
        ),
      );
      const subscriber: RedisSubscriber = deps.backend().subscriber({
        message: (channel, message, pattern) => queue.push({ channel, message, pattern }),
        closed: () => queue.end(),
      });
      const id = randomUUID();
      const live: LiveSubscription = {
        id,
        channels: new Set(channels.own),
        patterns: new Set(patterns.own),
        async unsubscribe(chs, pats) {
          if (chs.length > 0) await subscriber.unsubscribe(chs.map((c) => physicalChannel(tenant, c)));
          if (pats.length > 0)
            await subscriber.punsubscribe(pats.map((p) => physicalPattern(tenant, 'c', p)));
        },
        end: () => queue.end(),
      };
      const onAbort = () => queue.end();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        if (channels.physical.length > 0) await subscriber.subscribe(channels.physical);
        if (patterns.physical.length > 0) await subscriber.psubscribe(patterns.physical);
        deps.subscriptions.add(tenant, live);
        yield { event: { case: 'started' as const, value: { subscriptionId: id } } };
        let sequence = 0n;
        for await (const d of queue) {
          const channel = ownName(tenant, 'c', d.channel.toString('utf8'));
          if (channel === undefined) continue;
          const pattern = d.pattern ? (ownPattern(tenant, d.pattern.toString('utf8')) ?? '') : '';
          yield {
            event: {
              case: 'message' as const,
              value: {
                channel,
                pattern,
                message: d.message,
                receivedAt: timestampNow(),
                sequence: ++sequence,
              },
            },
          };
        }
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        deps.subscriptions.remove(tenant, id);
        subscriber.close();
      }
    },

    async unsubscribe(req, ctx) {
      const tenant = ctx.tenant;
      if (req.subscriptionId) {
        if (req.channels.length > 0 || req.patterns.length > 0) {
          throw ServiceError.invalidArgument(
            'subscription_id',
            'name a subscription_id or channels/patterns, not both',
          );
        }
        const live = deps.subscriptions.get(tenant, req.subscriptionId);
        if (!live) throw ServiceError.notFound(`subscription "${req.subscriptionId}" on this instance`);
        const removed = live.channels.size + live.patterns.size;
        live.end();
        return { removedCount: BigInt(removed), endedCount: 1n };
      }
      const channels = names(req.channels, 'channels', (n, f) => physicalChannel(tenant, n, f)).own;
      const patterns = names(req.patterns, 'patterns', (n, f) => physicalPattern(tenant, 'c', n, f)).own;
      if (channels.length + patterns.length === 0) {
        throw ServiceError.invalidArgument('channels', 'name a subscription_id, channels or patterns');
      }
      let removed = 0;
      let ended = 0;
      for (const live of deps.subscriptions.list(tenant)) {
        const chs = channels.filter((c) => live.channels.has(c));
        const pats = patterns.filter((p) => live.patterns.has(p));
        if (chs.length + pats.length === 0) continue;
        await live.unsubscribe(chs, pats);
        for (const c of chs) live.channels.delete(c);
        for (const p of pats) live.patterns.delete(p);
        removed += chs.length + pats.length;
        if (live.channels.size + live.patterns.size === 0) {
          live.end();
          ended++;
        }
      }
      return { removedCount: BigInt(removed), endedCount: BigInt(ended) };
    },
  };
}
