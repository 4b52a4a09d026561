import { durationFromMs, timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { nats } from '@isa-cloud/api';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext, ServiceImpl } from '../../platform/rpc.js';
import type { Tenant } from '../../platform/tenancy.js';
import { decodeAckToken, encodeAckToken } from './ack-tokens.js';
import type { AckKind, ConsumerSpec, ConsumerStatus, Delivery, StreamSpec, StreamStatus } from './broker.js';
import {
  checkPayload,
  durationField,
  intField,
  type NatsDeps,
  presentHeaders,
  quote,
  scoped,
  textField,
} from './context.js';
import {
  namePrefix,
  ownName,
  ownSubject,
  physicalName,
  physicalSubject,
  validateHeaders,
  validateName,
} from './names.js';

type Impl = ServiceImpl<typeof nats.NATSService>;
const { RetentionPolicy, StorageType, DiscardPolicy, DeliverPolicy, AckPolicy, ReplayPolicy } = nats;

const MAX_SUBJECTS = 256;
const MAX_DESCRIPTION = 4096;
const MAX_BATCH = 1000;
const MAX_WAIT_MS = 300_000;

const ts = (d: Date | undefined) => (d ? timestampFromDate(d) : undefined);
const dur = (ms: number) => (ms > 0 ? durationFromMs(ms) : undefined);

const RETENTION = {
  [RetentionPolicy.UNSPECIFIED]: 'limits',
  [RetentionPolicy.LIMITS]: 'limits',
  [RetentionPolicy.INTEREST]: 'interest',
  [RetentionPolicy.WORK_QUEUE]: 'workqueue',
} as const;
const RETENTION_PROTO = {
  limits: RetentionPolicy.LIMITS,
  interest: RetentionPolicy.INTEREST,
  workqueue: RetentionPolicy.WORK_QUEUE,
};
export const STORAGE = {
  [StorageType.UNSPECIFIED]: 'file',
  [StorageType.FILE]: 'file',
  [StorageType.MEMORY]: 'memory',
} as const;
export const STORAGE_PROTO = { file: StorageType.FILE, memory: StorageType.MEMORY };
const DISCARD = {
  [DiscardPolicy.UNSPECIFIED]: 'old',
  [DiscardPolicy.OLD]: 'old',
  [DiscardPolicy.NEW]: 'new',
} as const;
const DELIVER = {
  [DeliverPolicy.UNSPECIFIED]: 'all',
  [DeliverPolicy.ALL]: 'all',
  [DeliverPolicy.LAST]: 'last',
  [DeliverPolicy.NEW]: 'new',
  [DeliverPolicy.BY_START_SEQUENCE]: 'by_start_sequence',
  [DeliverPolicy.BY_START_TIME]: 'by_start_time',
  [DeliverPolicy.LAST_PER_SUBJECT]: 'last_per_subject',
} as const;
const DELIVER_PROTO = Object.fromEntries(
  Object.entries(DELIVER)
    .filter(([k]) => Number(k) !== DeliverPolicy.UNSPECIFIED)
    .map(([k, v]) => [v, Number(k)]),
) as Record<ConsumerSpec['deliverPolicy'], nats.DeliverPolicy>;
const ACK = {
  [AckPolicy.UNSPECIFIED]: 'explicit',
  [AckPolicy.EXPLICIT]: 'explicit',
  [AckPolicy.ALL]: 'all',
  [AckPolicy.NONE]: 'none',
} as const;
const ACK_PROTO = { explicit: AckPolicy.EXPLICIT, all: AckPolicy.ALL, none: AckPolicy.NONE };
const REPLAY = {
  [ReplayPolicy.UNSPECIFIED]: 'instant',
  [ReplayPolicy.INSTANT]: 'instant',
  [ReplayPolicy.ORIGINAL]: 'original',
} as const;
const REPLAY_PROTO = { instant: ReplayPolicy.INSTANT, original: ReplayPolicy.ORIGINAL };

function enumField<K extends number, V>(table: Record<K, V>, value: number, field: string): V {
  const found = (table as Record<number, V>)[value];
  if (found === undefined) throw ServiceError.invalidArgument(field, `unknown value ${value}`);
  return found;
}

/** Validates a stream configuration and places its name and subjects in the tenant's namespace. */
export function streamSpec(tenant: Tenant, c: nats.StreamConfig | undefined): StreamSpec {
  if (!c) throw ServiceError.invalidArgument('config', 'is required');
  const name = physicalName(tenant, c.name, 'config.name');
  if (c.subjects.length > MAX_SUBJECTS) {
    throw ServiceError.invalidArgument('config.subjects', `at most ${MAX_SUBJECTS} subjects`);
  }
  // NATS would default an empty list to the stream's (physical) name; ours is the name inside the namespace.
  const subjects = (c.subjects.length > 0 ? c.subjects : [c.name]).map((s, i) =>
    physicalSubject(tenant, s, `config.subjects[${i}]`, true),
  );
  const replicas = c.replicas === 0 ? 1 : intField(c.replicas, 'config.replicas', 1, 5);
  return {
    name,
    subjects,
    retention: enumField(RETENTION, c.retention, 'config.retention'),
    storage: enumField(STORAGE, c.storage, 'config.storage'),
    maxMsgs: intField(c.maxMsgs, 'config.max_msgs', 0),
    maxBytes: intField(c.maxBytes, 'config.max_bytes', 0),
    maxAgeMs: durationField(c.maxAge, 'config.max_age', { fallback: 0 }),
    maxMsgSize: intField(c.maxMsgSize, 'config.max_msg_size', 0),
    maxMsgsPerSubject: intField(c.maxMsgsPerSubject, 'config.max_msgs_per_subject', 0),
    maxConsumers: intField(c.maxConsumers, 'config.max_consumers', 0),
    replicas,
    discard: enumField(DISCARD, c.discard, 'config.discard'),
    discardNewPerSubject: c.discardNewPerSubject,
    duplicateWindowMs: durationField(c.duplicateWindow, 'config.duplicate_window', { fallback: 0 }),
    description: textField(c.description, 'config.description', MAX_DESCRIPTION),
  };
}

function streamConfigProto(tenant: Tenant, s: StreamSpec) {
  return {
    name: ownName(tenant, s.name) ?? '',
    subjects: s.subjects.map((x) => ownSubject(tenant, x) ?? ''),
    retention: RETENTION_PROTO[s.retention],
    storage: STORAGE_PROTO[s.storage],
    maxMsgs: BigInt(s.maxMsgs),
    maxBytes: BigInt(s.maxBytes),
    maxAge: dur(s.maxAgeMs),
    maxMsgSize: s.maxMsgSize,
    maxMsgsPerSubject: BigInt(s.maxMsgsPerSubject),
    maxConsumers: s.maxConsumers,
    replicas: s.replicas,
    discard: s.discard === 'new' ? DiscardPolicy.NEW : DiscardPolicy.OLD,
    discardNewPerSubject: s.discardNewPerSubject,
    duplicateWindow: dur(s.duplicateWindowMs),
    description: s.description,
  };
}

export function streamInfoProto(tenant: Tenant, s: StreamStatus) {
  const config = streamConfigProto(tenant, s.spec);
  return {
    name: config.name,
    subjects: config.subjects,
    config,
    state: {
      messages: BigInt(s.messages),
      bytes: BigInt(s.bytes),
      firstSeq: BigInt(s.firstSeq),
      lastSeq: BigInt(s.lastSeq),
      firstTs: ts(s.firstTime),
      lastTs: ts(s.lastTime),
      numSubjects: BigInt(s.numSubjects),
      consumerCount: BigInt(s.consumerCount),
      numDeleted: BigInt(s.numDeleted),
    },
    created: ts(s.created),
  };
}

function consumerSpec(tenant: Tenant, c: nats.ConsumerConfig | undefined): ConsumerSpec {
  if (!c) throw ServiceError.invalidArgument('config', 'is required');
  if (c.durable && !c.name)
    throw ServiceError.invalidArgument('config.name', 'is required for a durable consumer');
  if (c.name) validateName(c.name, 'config.name');
  if (c.filterSubjects.length > MAX_SUBJECTS) {
    throw ServiceError.invalidArgument('config.filter_subjects', `at most ${MAX_SUBJECTS} subjects`);
  }
  const deliverPolicy = enumField(DELIVER, c.deliverPolicy, 'config.deliver_policy');
  if (deliverPolicy === 'by_start_sequence' && c.optStartSeq <= 0n) {
    throw ServiceError.invalidArgument(
      'config.opt_start_seq',
      'is required (>= 1) with DELIVER_POLICY_BY_START_SEQUENCE',
    );
  }
  if (deliverPolicy === 'by_start_time' && !c.optStartTime) {
    throw ServiceError.invalidArgument(
      'config.opt_start_time',
      'is required with DELIVER_POLICY_BY_START_TIME',
    );
  }
  return {
    name: c.name,
    durable: c.durable,
    filterSubjects: c.filterSubjects.map((s, i) =>
      physicalSubject(tenant, s, `config.filter_subjects[${i}]`, true),
    ),
    deliverPolicy,
    ackPolicy: enumField(ACK, c.ackPolicy, 'config.ack_policy'),
    ackWaitMs: durationField(c.ackWait, 'config.ack_wait', { fallback: 0, max: 24 * 3600_000 }),
    maxDeliver: c.maxDeliver === 0 ? 0 : intField(c.maxDeliver, 'config.max_deliver', 1),
    replayPolicy: enumField(REPLAY, c.replayPolicy, 'config.replay_policy'),
    optStartSeq:
      deliverPolicy === 'by_start_sequence' ? intField(c.optStartSeq, 'config.opt_start_seq', 1) : 0,
    optStartTime:
      deliverPolicy === 'by_start_time' && c.optStartTime ? timestampDate(c.optStartTime) : undefined,
    maxAckPending: intField(c.maxAckPending, 'config.max_ack_pending', 0),
    inactiveThresholdMs: c.durable
      ? 0
      : durationField(c.inactiveThreshold, 'config.inactive_threshold', { fallback: 300_000, min: 1000 }),
    description: textField(c.description, 'config.description', MAX_DESCRIPTION),
  };
}

function consumerInfoProto(tenant: Tenant, c: ConsumerStatus) {
  const s = c.spec;
  return {
    streamName: ownName(tenant, c.stream) ?? '',
    name: c.name,
    config: {
      name: s.name,
      durable: s.durable,
      filterSubjects: s.filterSubjects.map((x) => ownSubject(tenant, x) ?? ''),
      deliverPolicy: DELIVER_PROTO[s.deliverPolicy],
      ackPolicy: ACK_PROTO[s.ackPolicy],
      ackWait: dur(s.ackWaitMs),
      maxDeliver: s.maxDeliver,
      replayPolicy: REPLAY_PROTO[s.replayPolicy],
      optStartSeq: BigInt(s.optStartSeq),
      optStartTime: ts(s.optStartTime),
      maxAckPending: s.maxAckPending,
      inactiveThreshold: dur(s.inactiveThresholdMs),
      description: s.description,
    },
    state: {
      deliveredConsumerSeq: BigInt(c.deliveredConsumerSeq),
      deliveredStreamSeq: BigInt(c.deliveredStreamSeq),
      ackFloorConsumerSeq: BigInt(c.ackFloorConsumerSeq),
      ackFloorStreamSeq: BigInt(c.ackFloorStreamSeq),
      numAckPending: BigInt(c.numAckPending),
      numRedelivered: BigInt(c.numRedelivered),
      numWaiting: BigInt(c.numWaiting),
      numPending: BigInt(c.numPending),
    },
    created: ts(c.created),
  };
}

function jetStreamMessage(tenant: Tenant, d: Delivery) {
  return {
    subject: ownSubject(tenant, d.subject) ?? '',
    data: d.data,
    headers: presentHeaders(tenant, d.headers),
    sequence: BigInt(d.streamSeq),
    consumerSequence: BigInt(d.consumerSeq),
    numDelivered: d.deliveryCount,
    numPending: BigInt(d.pending),
    timestamp: timestampFromDate(d.timestamp),
    ackToken: encodeAckToken(d.replySubject),
  };
}

export function createJetStreamHandlers(
  deps: NatsDeps,
): Pick<
  Impl,
  | 'createStream'
  | 'updateStream'
  | 'getStreamInfo'
  | 'listStreams'
  | 'purgeStream'
  | 'deleteStream'
  | 'getStreamStats'
  | 'publishToStream'
  | 'createConsumer'
  | 'getConsumerInfo'
  | 'listConsumers'
  | 'deleteConsumer'
  | 'pullMessages'
  | 'consumeMessages'
  | 'ackMessage'
  | 'nakMessage'
  | 'termMessage'
> {
  const streamOf = (tenant: Tenant, name: string) => physicalName(tenant, name, 'stream_name');
  const streamNames = (name: string) => ({ stream: `stream ${quote(name)}` });
  const consumerNames = (stream: string, consumer: string) => ({
    stream: `stream ${quote(stream)}`,
    consumer: `consumer ${quote(consumer)} on stream ${quote(stream)}`,
  });

  async function settle(
    ctx: CallContext,
    req: { streamName: string; consumerName: string; sequence: bigint; ackToken: string },
    kind: AckKind,
    delayMs = 0,
  ): Promise<void> {
    const tenant = ctx.tenant;
    const stream = streamOf(tenant, req.streamName);
    const consumer = validateName(req.consumerName, 'consumer_name');
    let subject: string | undefined;
    if (req.ackToken) {
      subject = decodeAckToken(req.ackToken, stream, consumer);
    } else {
      const seq = intField(req.sequence, 'sequence', 1);
      subject = deps.deliveries.take(stream, consumer, seq);
      if (!subject) {
        throw ServiceError.notFound(
          `message ${seq} awaiting acknowledgement from consumer ${quote(req.consumerName)} on this instance (pass its ack_token instead)`,
        );
      }
    }
    await scoped(tenant, consumerNames(req.streamName, req.consumerName), () =>
      deps.broker().acknowledge(subject, kind, delayMs),
    );
  }

  return {
    async createStream(req, ctx) {
      const spec = streamSpec(ctx.tenant, req.config);
      const info = await scoped(ctx.tenant, streamNames(req.config!.name), () =>
        deps.broker().addStream(spec),
      );
      return { stream: streamInfoProto(ctx.tenant, info) };
    },

    async updateStream(req, ctx) {
      const spec = streamSpec(ctx.tenant, req.config);
      const info = await scoped(ctx.tenant, streamNames(req.config!.name), () =>
        deps.broker().updateStream(spec),
      );
      return { stream: streamInfoProto(ctx.tenant, info) };
    },

    async getStreamInfo(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const info = await scoped(ctx.tenant, streamNames(req.streamName), () =>
        deps.broker().streamInfo(stream),
      );
      return { stream: streamInfoProto(ctx.tenant, info) };
    },

    async listStreams(_req, ctx) {
      const streams = await deps.broker().listStreams(namePrefix(ctx.tenant));
      return {
        streams: streams
          .map((s) => streamInfoProto(ctx.tenant, s))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    },

    async purgeStream(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const keep = intField(req.keep, 'keep', 0);
      const seq = intField(req.upToSequence, 'up_to_sequence', 0);
      if (keep && seq) throw ServiceError.invalidArgument('keep', 'cannot be combined with up_to_sequence');
      const filter = req.subject ? physicalSubject(ctx.tenant, req.subject, 'subject', true) : undefined;
      const purged = await scoped(ctx.tenant, streamNames(req.streamName), () =>
        deps.broker().purgeStream(stream, { ...(filter ? { filter } : {}), keep, seq }),
      );
      return { purged: BigInt(purged) };
    },

    async deleteStream(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      await scoped(ctx.tenant, streamNames(req.streamName), () => deps.broker().deleteStream(stream));
      return {};
    },

    async getStreamStats(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const s = await scoped(ctx.tenant, streamNames(req.streamName), () => deps.broker().streamInfo(stream));
      const span = s.firstTime && s.lastTime ? (s.lastTime.getTime() - s.firstTime.getTime()) / 1000 : 0;
      return {
        streamName: req.streamName,
        messages: BigInt(s.messages),
        bytes: BigInt(s.bytes),
        consumerCount: BigInt(s.consumerCount),
        firstSeq: BigInt(s.firstSeq),
        lastSeq: BigInt(s.lastSeq),
        numSubjects: BigInt(s.numSubjects),
        messageRate: s.messages > 1 && span > 0 ? s.messages / span : 0,
        byteRate: s.messages > 1 && span > 0 ? s.bytes / span : 0,
      };
    },

    async publishToStream(req, ctx) {
      const tenant = ctx.tenant;
      const stream = streamOf(tenant, req.streamName);
      const subject = physicalSubject(tenant, req.subject, 'subject', false);
      const headers = validateHeaders(req.headers);
      checkPayload(deps.broker(), req.data.byteLength, 'data');
      if (req.messageId.length > 256 || /[\s\p{Cc}]/u.test(req.messageId)) {
        throw ServiceError.invalidArgument('message_id', 'must be at most 256 characters without whitespace');
      }
      const ack = await scoped(tenant, streamNames(req.streamName), () =>
        deps.broker().publishToStream({
          subject,
          data: req.data,
          headers,
          msgId: req.messageId,
          expectStream: stream,
          expectLastSeq: intField(req.expectedLastSequence, 'expected_last_sequence', 0),
        }),
      );
      return {
        streamName: ownName(tenant, ack.stream) ?? req.streamName,
        sequence: BigInt(ack.seq),
        duplicate: ack.duplicate,
      };
    },

    async createConsumer(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const spec = consumerSpec(ctx.tenant, req.config);
      const info = await scoped(ctx.tenant, consumerNames(req.streamName, spec.name), () =>
        deps.broker().addConsumer(stream, spec),
      );
      return { consumer: consumerInfoProto(ctx.tenant, info) };
    },

    async getConsumerInfo(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const name = validateName(req.consumerName, 'consumer_name');
      const info = await scoped(ctx.tenant, consumerNames(req.streamName, name), () =>
        deps.broker().consumerInfo(stream, name),
      );
      return { consumer: consumerInfoProto(ctx.tenant, info) };
    },

    async listConsumers(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const list = await scoped(ctx.tenant, streamNames(req.streamName), () =>
        deps.broker().listConsumers(stream),
      );
      return {
        consumers: list
          .map((c) => consumerInfoProto(ctx.tenant, c))
          .sort((a, b) => a.name.localeCompare(b.name)),
      };
    },

    async deleteConsumer(req, ctx) {
      const stream = streamOf(ctx.tenant, req.streamName);
      const name = validateName(req.consumerName, 'consumer_name');
      await scoped(ctx.tenant, consumerNames(req.streamName, name), () =>
        deps.broker().deleteConsumer(stream, name),
      );
      return {};
    },

    async pullMessages(req, ctx) {
      const tenant = ctx.tenant;
      const stream = streamOf(tenant, req.streamName);
      const consumer = validateName(req.consumerName, 'consumer_name');
      const batch = req.batchSize === 0 ? 10 : intField(req.batchSize, 'batch_size', 1, MAX_BATCH);
      let wait = durationField(req.maxWait, 'max_wait', { fallback: 1000, min: 1000, max: MAX_WAIT_MS });
      if (ctx.deadline) wait = Math.max(1000, Math.min(wait, ctx.deadline.getTime() - Date.now() - 500));
      const deliveries = await scoped(tenant, consumerNames(req.streamName, consumer), () =>
        deps.broker().fetch(stream, consumer, batch, wait, ctx.signal),
      );
      for (const d of deliveries) deps.deliveries.remember(stream, consumer, d.streamSeq, d.replySubject);
      return { messages: deliveries.map((d) => jetStreamMessage(tenant, d)) };
    },

    async *consumeMessages(req, ctx) {
      const tenant = ctx.tenant;
      const stream = streamOf(tenant, req.streamName);
      const consumer = validateName(req.consumerName, 'consumer_name');
      const max = req.maxMessages === 0 ? 100 : intField(req.maxMessages, 'max_messages', 1, MAX_BATCH);
      const names = consumerNames(req.streamName, consumer);
      // Fail fast with NOT_FOUND instead of waiting on a consumer that does not exist.
      await scoped(tenant, names, () => deps.broker().consumerInfo(stream, consumer));
      const sub = await scoped(tenant, names, () => deps.broker().consume(stream, consumer, max));
      const id = deps.subscriptions.add(tenant, `${req.streamName}/${consumer}`, () => sub.close());
      const onAbort = () => sub.close();
      ctx.signal.addEventListener('abort', onAbort, { once: true });
      try {
        yield { event: { case: 'started' as const, value: { subscriptionId: id } } };
        for await (const d of sub) {
          deps.deliveries.remember(stream, consumer, d.streamSeq, d.replySubject);
          yield { event: { case: 'message' as const, value: jetStreamMessage(tenant, d) } };
        }
      } finally {
        ctx.signal.removeEventListener('abort', onAbort);
        sub.close();
        deps.subscriptions.remove(id);
      }
    },

    async ackMessage(req, ctx) {
      await settle(ctx, req, 'ack');
      return {};
    },

    async nakMessage(req, ctx) {
      const delay = durationField(req.delay, 'delay', { fallback: 0, max: 24 * 3600_000 });
      await settle(ctx, req, 'nak', delay);
      return {};
    },

    async termMessage(req, ctx) {
      await settle(ctx, req, 'term');
      return {};
    },
  };
}
