import { timestampNow } from '@bufbuild/protobuf/wkt';
import type { nats } from '@isa-cloud/api';
import { nuid } from '@nats-io/transport-node';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { BrokerMessage, OutgoingMessage } from './broker.js';
import { checkPayload, durationField, type NatsDeps, presentHeaders, quote, scoped } from './context.js';
import { ownSubject, physicalSubject, subjectPrefix, validateHeaders, validateQueueGroup } from './names.js';

type Impl = ServiceImpl<typeof nats.NATSService>;

const DEFAULT_REQUEST_TIMEOUT_MS = 5000;
const MAX_REQUEST_TIMEOUT_MS = 300_000;
const MAX_BATCH = 10_000;

interface Outgoing {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  replyTo: string;
}

/** Validates one message to publish and places it in the tenant's namespace. */
export function outgoing(tenant: Tenant, deps: NatsDeps, m: Outgoing, path = ''): OutgoingMessage {
  const subject = physicalSubject(tenant, m.subject, `${path}subject`, false);
  const headers = validateHeaders(m.headers, `${path}headers`);
  const reply = m.replyTo ? physicalSubject(tenant, m.replyTo, `${path}reply_to`, false) : undefined;
  checkPayload(deps.broker(), m.data.byteLength, `${path}data`);
  return { subject, data: m.data, headers, ...(reply ? { reply } : {}) };
}

export function incoming(tenant: Tenant, m: BrokerMessage, sequence: bigint) {
  return {
    subject: ownSubject(tenant, m.subject) ?? '',
    data: m.data,
    headers: presentHeaders(tenant, m.headers),
    replyTo: (m.reply && ownSubject(tenant, m.reply)) || '',
    receivedAt: timestampNow(),
    sequence,
  };
}

export function createCoreHandlers(
  deps: NatsDeps,
): Pick<
  Impl,
  'publish' | 'publishBatch' | 'publishStream' | 'subscribe' | 'queueSubscribe' | 'unsubscribe' | 'request'
> {
  /** The live part of Subscribe/QueueSubscribe: started, then every message until the call ends. */
  async function* live(subject: string, queueGroup: string, ctx: CallContext) {
    const tenant = ctx.tenant;
    const physical = physicalSubject(tenant, subject, 'subject', true);
    const queue = validateQueueGroup(queueGroup);
    const sub = deps
      .broker()
      .subscribe(physical, { ...(queue ? { queue } : {}), bufferLimit: deps.bufferLimit });
    const id = deps.subscriptions.add(tenant, subject, () => sub.close());
    // The subscription must end with the call even while no message arrives.
    const onAbort = () => sub.close();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      yield { event: { case: 'started' as const, value: { subscriptionId: id } } };
      let sequence = 0n;
      for await (const m of sub) {
        yield { event: { case: 'message' as const, value: incoming(tenant, m, ++sequence) } };
      }
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
      sub.close();
      deps.subscriptions.remove(id);
    }
  }

  return {
    async publish(req, ctx) {
      const message = outgoing(ctx.tenant, deps, req);
      await deps.broker().publish([message]);
      return {};
    },

    async publishBatch(req, ctx) {
      if (req.messages.length > MAX_BATCH) {
        throw ServiceError.invalidArgument('messages', `at most ${MAX_BATCH} messages per batch`);
      }
      const messages = req.messages.map((m, i) => outgoing(ctx.tenant, deps, m, `messages[${i}].`));
      await deps.broker().publish(messages);
      return { publishedCount: BigInt(messages.length) };
    },

    async publishStream(requests, ctx) {
      const broker = deps.broker();
      let published = 0;
      try {
        for await (const req of requests) {
          if (req.messages.length > MAX_BATCH) {
            throw ServiceError.invalidArgument(
              'messages',
              `at most ${MAX_BATCH} messages per stream message`,
            );
          }
          for (const m of req.messages) {
            broker.publishNoWait(outgoing(ctx.tenant, deps, m, `messages[${published}].`));
            published++;
          }
        }
        await broker.flush();
      } catch (err) {
        if (err instanceof ServiceError && published > 0) {
          throw new ServiceError(err.code, `${err.message} (after ${published} messages were published)`, {
            cause: err,
            ...(err.field ? { field: err.field } : {}),
          });
        }
        throw err;
      }
      return { publishedCount: BigInt(published) };
    },

    subscribe(req, ctx) {
      return live(req.subject, req.queueGroup, ctx);
    },

    queueSubscribe(req, ctx) {
      if (!req.queueGroup)
        throw ServiceError.invalidArgument('queue_group', 'is required for QueueSubscribe');
      return live(req.subject, req.queueGroup, ctx);
    },

    async unsubscribe(req, ctx) {
      if (!req.subscriptionId && !req.subject) {
        throw ServiceError.invalidArgument('subscription_id', 'name a subscription_id or a subject');
      }
      if (req.subscriptionId && !/^[0-9a-f-]{36}$/.test(req.subscriptionId)) {
        throw ServiceError.invalidArgument('subscription_id', 'is not a subscription id from Subscribe');
      }
      const ended = deps.subscriptions.end(
        ctx.tenant,
        req.subscriptionId ? { id: req.subscriptionId } : { subject: req.subject },
      );
      return { ended: BigInt(ended) };
    },

    async request(req, ctx) {
      const tenant = ctx.tenant;
      const message = outgoing(tenant, deps, { ...req, replyTo: '' });
      let timeout = durationField(req.timeout, 'timeout', {
        fallback: DEFAULT_REQUEST_TIMEOUT_MS,
        min: 1,
        max: MAX_REQUEST_TIMEOUT_MS,
      });
      if (ctx.deadline) timeout = Math.max(1, Math.min(timeout, ctx.deadline.getTime() - Date.now()));
      // The reply inbox is inside the tenant's namespace, so a responder that subscribed through this
      // service sees it as "_INBOX..." and can answer with an ordinary Publish.
      const reply = `${subjectPrefix(tenant)}_INBOX.${nuid.next()}`;
      try {
        const answer = await scoped(tenant, { responder: `responder on subject ${quote(req.subject)}` }, () =>
          deps.broker().request({ ...message, reply }, timeout),
        );
        return {
          data: answer.data,
          headers: presentHeaders(tenant, answer.headers),
          subject: ownSubject(tenant, answer.subject) ?? '',
        };
      } catch (err) {
        if (err instanceof ServiceError && err.code === GrpcStatus.NOT_FOUND) {
          throw new ServiceError(
            GrpcStatus.NOT_FOUND,
            `no responders: nothing is subscribed to ${quote(req.subject)}`,
            {
              cause: err,
            },
          );
        }
        throw err;
      }
    },
  };
}
