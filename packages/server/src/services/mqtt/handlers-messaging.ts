import { type Timestamp, timestampFromMs, timestampNow } from '@bufbuild/protobuf/wkt';
import { mqtt } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { Qos } from './broker.js';
import { checkPayload, type MqttDeps, nextMessageId, Window } from './context.js';
import {
  ownTopic,
  physicalFilter,
  physicalTopic,
  topicPrefix,
  validateClientId,
  validateQos,
} from './names.js';
import { deliveryQos, type Session } from './sessions.js';

type Impl = ServiceImpl<typeof mqtt.MQTTService>;

const { OverflowPolicy } = mqtt;
const rpc = mqtt.MQTTService.method;
const MAX_FILTERS_PER_STREAM = 100;
const MAX_RETAINED_LIST = 1000;
const MAX_CREDENTIAL = 1024;

const ts = (ms: number): Timestamp => timestampFromMs(ms);

export function sessionInfo(s: Session) {
  return {
    sessionId: s.id,
    clientId: s.clientId,
    connected: s.connection.connected,
    connectedAt: ts(s.connectedAt.getTime()),
    lastActivityAt: ts(s.lastActivity),
    cleanSession: s.request.clean,
    keepAliveSeconds: s.request.keepAliveSeconds,
    messagesSent: BigInt(s.sent),
    messagesReceived: BigInt(s.received),
    bytesSent: BigInt(s.bytesSent),
    bytesReceived: BigInt(s.bytesReceived),
    subscriptions: BigInt(s.subscriptions.size),
    reconnects: BigInt(s.reconnects),
    hasWill: s.request.will !== undefined,
  };
}

interface Outgoing {
  physical: string;
  own: string;
  payload: Uint8Array;
  qos: Qos;
  retain: boolean;
}

/** Validates one message to publish and places its topic in the tenant's namespace. */
function outgoing(
  deps: MqttDeps,
  tenant: Tenant,
  m: { topic: string; payload: Uint8Array; qos: number; retained: boolean },
  path = '',
  topics?: Map<string, string>,
): Outgoing {
  let physical = topics?.get(m.topic);
  if (physical === undefined) {
    physical = physicalTopic(tenant, m.topic, `${path}topic`);
    // A stream repeats its topics: each is checked once (bounded, so a stream of unique topics is fine).
    if (topics && topics.size < 1024) topics.set(m.topic, physical);
  }
  const qos = validateQos(m.qos, `${path}qos`);
  checkPayload(deps.limits, m.payload.byteLength, `${path}payload`);
  if (m.retained && m.payload.byteLength === 0) {
    throw ServiceError.invalidArgument(
      `${path}payload`,
      'a retained publish needs a payload (an empty one deletes the retained message: use DeleteRetainedMessage)',
    );
  }
  return { physical, own: m.topic, payload: m.payload, qos, retain: m.retained };
}

/** Where publishes go: a session's connection, or the service's own. */
interface Publisher {
  session: Session | undefined;
  send(m: Outgoing): Promise<void>;
}

function publisher(deps: MqttDeps, ctx: CallContext, sessionId: string): Publisher {
  const tenant = ctx.tenant;
  const session = sessionId ? deps.sessions.get(tenant, sessionId) : undefined;
  const control = session ? undefined : deps.core().control;
  const clientId = session?.clientId;
  return {
    session,
    async send(m) {
      try {
        if (session) {
          session.touch();
          await session.connection.publish(m.physical, m.payload, m.qos, m.retain);
          session.sent++;
          session.bytesSent += m.payload.byteLength;
        } else {
          await control!.publish(m.physical, m.payload, m.qos, m.retain);
        }
      } catch (err) {
        deps.stats.recordPublish(tenant, clientId, m.own, m.payload.byteLength, false);
        throw err;
      }
      deps.stats.recordPublish(tenant, clientId, m.own, m.payload.byteLength, true);
    },
  };
}

function credential(value: string, field: string): string {
  if (value.length > MAX_CREDENTIAL)
    throw ServiceError.invalidArgument(field, `must be at most ${MAX_CREDENTIAL} characters`);
  return value;
}

export function createMessagingHandlers(
  deps: MqttDeps,
): Pick<
  Impl,
  | 'connect'
  | 'disconnect'
  | 'getConnectionStatus'
  | 'listSessions'
  | 'publish'
  | 'publishBatch'
  | 'publishJSON'
  | 'publishStream'
  | 'subscribe'
  | 'unsubscribe'
  | 'listSubscriptions'
  | 'setRetainedMessage'
  | 'getRetainedMessage'
  | 'deleteRetainedMessage'
  | 'listRetainedMessages'
> {
  return {
    async connect(req, ctx) {
      const tenant = ctx.tenant;
      const clientId = validateClientId(req.clientId);
      const keepAlive = req.keepAliveSeconds === 0 ? 60 : req.keepAliveSeconds;
      if (keepAlive > 65535) {
        throw ServiceError.invalidArgument('keep_alive_seconds', 'must be at most 65535 (the MQTT maximum)');
      }
      if (req.password && !req.username) {
        throw ServiceError.invalidArgument('password', 'MQTT 3.1.1 allows a password only with a username');
      }
      let will: { topic: string; payload: Uint8Array; qos: Qos; retain: boolean } | undefined;
      if (req.will) {
        if (!req.will.topic) throw ServiceError.invalidArgument('will.topic', 'is required with a will');
        will = {
          topic: physicalTopic(tenant, req.will.topic, 'will.topic'),
          payload: req.will.payload,
          qos: validateQos(req.will.qos, 'will.qos'),
          retain: req.will.retain,
        };
        checkPayload(deps.limits, req.will.payload.byteLength, 'will.payload');
      }
      const session = await deps.sessions.open(tenant, {
        clientId,
        username: credential(req.username, 'username'),
        password: credential(req.password, 'password'),
        clean: req.cleanSession ?? true,
        keepAliveSeconds: keepAlive,
        ...(will ? { will } : {}),
      });
      return {
        sessionId: session.id,
        sessionPresent: session.connection.sessionPresent,
        session: sessionInfo(session),
      };
    },

    async disconnect(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        await deps.forwarder.unary(rpc.disconnect, req.sessionId, req, ctx);
        return {};
      }
      await deps.sessions.disconnect(ctx.tenant, req.sessionId, req.publishWill);
      return {};
    },

    async getConnectionStatus(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.getConnectionStatus, req.sessionId, req, ctx);
      }
      return { session: sessionInfo(deps.sessions.get(ctx.tenant, req.sessionId)) };
    },

    async listSessions(_req, ctx) {
      return { sessions: deps.sessions.list(ctx.tenant).map(sessionInfo) };
    },

    async publish(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.publish, req.sessionId, req, ctx);
      }
      const message = outgoing(deps, ctx.tenant, req);
      await publisher(deps, ctx, req.sessionId).send(message);
      return { messageId: nextMessageId(deps.instanceId), publishedAt: timestampNow() };
    },

    async publishJSON(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.publishJSON, req.sessionId, req, ctx);
      }
      if (!req.data) throw ServiceError.invalidArgument('data', 'is required (a JSON object)');
      const payload = Buffer.from(JSON.stringify(req.data), 'utf8');
      const message = outgoing(deps, ctx.tenant, { ...req, payload });
      await publisher(deps, ctx, req.sessionId).send(message);
      return { messageId: nextMessageId(deps.instanceId), publishedAt: timestampNow() };
    },

    async publishBatch(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.publishBatch, req.sessionId, req, ctx);
      }
      if (req.messages.length === 0) throw ServiceError.invalidArgument('messages', 'must not be empty');
      if (req.messages.length > deps.limits.maxBatchMessages) {
        throw ServiceError.invalidArgument(
          'messages',
          `at most ${deps.limits.maxBatchMessages} messages per batch`,
        );
      }
      const messages = req.messages.map((m, i) => outgoing(deps, ctx.tenant, m, `messages[${i}].`));
      const target = publisher(deps, ctx, req.sessionId);
      // All go out at once (the connection keeps their order); the call returns when all are acknowledged.
      const results = await Promise.allSettled(messages.map((m) => target.send(m)));
      const failed = results.findIndex((r) => r.status === 'rejected');
      if (failed >= 0) {
        const err = (results[failed] as PromiseRejectedResult).reason as unknown;
        const sent = results.filter((r) => r.status === 'fulfilled').length;
        const base = err instanceof ServiceError ? err : ServiceError.unavailable('publish failed', err);
        throw new ServiceError(
          base.code,
          `${base.message} (messages[${failed}]; ${sent} of ${messages.length} were published)`,
          {
            cause: err,
          },
        );
      }
      return {
        publishedCount: BigInt(messages.length),
        messageIds: messages.map(() => nextMessageId(deps.instanceId)),
      };
    },

    async publishStream(incoming, ctx) {
      const tenant = ctx.tenant;
      // The first request names the session, and so where the whole stream is served.
      const iterator = incoming[Symbol.asyncIterator]();
      const first = await iterator.next();
      async function* requests() {
        if (first.done) return;
        yield first.value;
        for (;;) {
          const next = await iterator.next();
          if (next.done) return;
          yield next.value;
        }
      }
      const firstSession = first.done ? '' : first.value.sessionId;
      if (deps.forwarder.elsewhere(firstSession, ctx)) {
        return await deps.forwarder.clientStream(rpc.publishStream, firstSession, requests(), ctx);
      }
      const window = new Window(deps.limits.streamWindow);
      const checkedTopics = new Map<string, string>();
      let target: Publisher | undefined;
      let sessionId = '';
      let published = 0;
      let index = 0;
      let failure: unknown;
      const fail = (err: unknown) => {
        failure ??= err;
      };
      try {
        for await (const req of requests()) {
          if (!target) {
            sessionId = req.sessionId;
            target = publisher(deps, ctx, sessionId);
          } else if (req.sessionId && req.sessionId !== sessionId) {
            throw ServiceError.invalidArgument(
              'session_id',
              'must be the same in every message of the stream',
            );
          }
          for (const m of req.messages) {
            const message = outgoing(deps, tenant, m, `messages[${index}].`, checkedTopics);
            index++;
            await window.acquire();
            if (failure) throw failure;
            target.send(message).then(
              () => {
                published++;
                window.release();
              },
              (err: unknown) => {
                fail(err);
                window.release();
              },
            );
          }
          if (failure) throw failure;
        }
        await window.idle();
        if (failure) throw failure;
      } catch (err) {
        await window.idle();
        const base = err instanceof ServiceError ? err : ServiceError.unavailable('publish failed', err);
        throw new ServiceError(base.code, `${base.message} (after ${published} messages were published)`, {
          cause: err,
          ...(base.field ? { field: base.field } : {}),
        });
      }
      return { publishedCount: BigInt(published) };
    },

    async *subscribe(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        yield* deps.forwarder.serverStream(rpc.subscribe, req.sessionId, req, ctx);
        return;
      }
      const tenant = ctx.tenant;
      if (req.subscriptions.length === 0) {
        throw ServiceError.invalidArgument('subscriptions', 'name at least one topic filter');
      }
      if (req.subscriptions.length > MAX_FILTERS_PER_STREAM) {
        throw ServiceError.invalidArgument(
          'subscriptions',
          `at most ${MAX_FILTERS_PER_STREAM} filters per stream`,
        );
      }
      const filters = req.subscriptions.map((s, i) => ({
        physical: physicalFilter(tenant, s.topicFilter, `subscriptions[${i}].topic_filter`),
        own: s.topicFilter,
        qos: validateQos(s.qos, `subscriptions[${i}].qos`),
      }));
      const overflow = req.overflow === OverflowPolicy.DROP_OLDEST ? 'drop-oldest' : 'close';
      const opened = await deps.sessions.subscribe(tenant, req.sessionId, filters, overflow);
      // The stream must end with the call even while no message arrives.
      const onAbort = () => opened.sink.queue.end();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        yield {
          event: {
            case: 'started' as const,
            value: { subscriptionId: opened.sink.id, grantedQos: opened.granted },
          },
        };
        let sequence = 0n;
        for await (const { item, droppedBefore } of opened.sink.queue) {
          const topic = ownTopic(tenant, item.topic);
          if (topic === undefined) continue;
          deps.stats.recordDelivery(tenant, opened.clientId, item.payload.length);
          yield {
            event: {
              case: 'message' as const,
              value: {
                topic,
                payload: item.payload,
                qos: deliveryQos(opened.sink, item),
                retained: item.retain,
                duplicate: item.duplicate,
                receivedAt: ts(item.receivedAt),
                sequence: ++sequence,
                droppedBefore: BigInt(droppedBefore),
              },
            },
          };
        }
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        await opened.release();
      }
    },

    async unsubscribe(req, ctx) {
      const tenant = ctx.tenant;
      if (!req.sessionId) {
        throw ServiceError.invalidArgument(
          'session_id',
          'is required (a stream without a session ends its subscriptions when it ends)',
        );
      }
      if (req.topicFilters.length === 0)
        throw ServiceError.invalidArgument('topic_filters', 'must not be empty');
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.unsubscribe, req.sessionId, req, ctx);
      }
      const physical = req.topicFilters.map((f, i) => physicalFilter(tenant, f, `topic_filters[${i}]`));
      return { unsubscribedCount: BigInt(await deps.sessions.unsubscribe(tenant, req.sessionId, physical)) };
    },

    async listSubscriptions(req, ctx) {
      if (deps.forwarder.elsewhere(req.sessionId, ctx)) {
        return await deps.forwarder.unary(rpc.listSubscriptions, req.sessionId, req, ctx);
      }
      return {
        subscriptions: deps.sessions.subscriptions(ctx.tenant, req.sessionId).map((s) => ({
          topicFilter: s.filter,
          qos: s.qos,
          sessionId: s.sessionId,
          activeStreams: BigInt(s.activeStreams),
        })),
      };
    },

    async setRetainedMessage(req, ctx) {
      if (req.payload.byteLength === 0) {
        throw ServiceError.invalidArgument(
          'payload',
          'must not be empty (an empty retained payload deletes the message: use DeleteRetainedMessage)',
        );
      }
      const message = outgoing(deps, ctx.tenant, { ...req, retained: true });
      await publisher(deps, ctx, '').send(message);
      return {};
    },

    async getRetainedMessage(req, ctx) {
      const physical = physicalTopic(ctx.tenant, req.topic);
      const read = await deps.backend.readRetained(physical);
      const found = read.messages.find((m) => m.topic === physical);
      if (!found) return { found: false };
      return {
        found: true,
        message: {
          topic: req.topic,
          payload: found.payload,
          qos: found.qos,
          ...(found.storedAt ? { storedAt: ts(found.storedAt.getTime()) } : {}),
        },
      };
    },

    async deleteRetainedMessage(req, ctx) {
      const physical = physicalTopic(ctx.tenant, req.topic);
      const read = await deps.backend.readRetained(physical);
      const existed = read.messages.some((m) => m.topic === physical);
      await deps.core().control.publish(physical, new Uint8Array(), 1, true);
      return { existed };
    },

    async listRetainedMessages(req, ctx) {
      const tenant = ctx.tenant;
      let filter: string;
      if (req.topicFilter) filter = physicalFilter(tenant, req.topicFilter);
      else if (req.prefix) {
        const prefix = req.prefix.replace(/\/+$/, '');
        filter = `${physicalTopic(tenant, prefix, 'prefix')}/#`;
      } else filter = `${topicPrefix(tenant)}#`;
      const limit = req.limit === 0 ? MAX_RETAINED_LIST : req.limit;
      if (limit > MAX_RETAINED_LIST) {
        throw ServiceError.invalidArgument('limit', `must be at most ${MAX_RETAINED_LIST}`);
      }
      const read = await deps.backend.readRetained(filter);
      const own = read.messages.filter((m) => ownTopic(tenant, m.topic) !== undefined);
      return {
        messages: own.slice(0, limit).map((m) => ({
          topic: ownTopic(tenant, m.topic)!,
          payload: req.includePayload ? m.payload : new Uint8Array(),
          qos: m.qos,
          ...(m.storedAt ? { storedAt: ts(m.storedAt.getTime()) } : {}),
        })),
        truncated: own.length > limit || !read.complete,
      };
    },
  };
}
