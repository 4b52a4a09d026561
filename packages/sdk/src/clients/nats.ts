import type { DescMessage, DescMethod, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import {
  type Duration,
  durationFromMs,
  durationMs,
  type Timestamp,
  timestampDate,
  timestampFromDate,
} from '@bufbuild/protobuf/wkt';
import { nats, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { chunksOf } from '../byte-source.js';
import { LiveStream } from '../live-stream.js';

const {
  NATSService,
  RetentionPolicy,
  StorageType,
  DiscardPolicy,
  DeliverPolicy,
  AckPolicy,
  ReplayPolicy,
  KVOperation,
} = nats;
const rpc = NATSService.method;

/** Message payloads: bytes, or a string sent as UTF-8. */
export type NATSData = Uint8Array | string;

const bytes = (data: NATSData | undefined): Uint8Array =>
  data === undefined ? new Uint8Array() : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);
const num = (n: bigint | number | undefined) => Number(n ?? 0);
const dur = (ms: number | undefined): Duration | undefined => (ms ? durationFromMs(ms) : undefined);
const msOf = (d: Duration | undefined) => (d ? durationMs(d) : 0);

export interface NATSHealth {
  healthy: boolean;
  natsStatus: string;
  jetstreamEnabled: boolean;
  connections: number;
  checkedAt: Date | undefined;
  message: string;
  backend: string;
  serverVersion: string;
  rttMs: number;
  activeSubscriptions: number;
}

export interface NATSStatistics {
  totalStreams: number;
  totalConsumers: number;
  totalMessages: number;
  totalBytes: number;
  kvBuckets: number;
  objectBuckets: number;
  serverStatsAvailable: boolean;
  connections: number;
  inMsgs: number;
  outMsgs: number;
  inBytes: number;
  outBytes: number;
}

export interface NATSOutgoingMessage {
  subject: string;
  data?: NATSData;
  headers?: Record<string, string>;
  replyTo?: string;
}

export interface NATSMessage {
  subject: string;
  data: Buffer;
  headers: Record<string, string>;
  /** Publish the reply here (empty when the sender expects none). */
  replyTo: string;
  receivedAt: Date | undefined;
  sequence: number;
}

export interface NATSReply {
  data: Buffer;
  headers: Record<string, string>;
  subject: string;
}

export type NATSRetention = 'limits' | 'interest' | 'workqueue';
export type NATSStorage = 'file' | 'memory';

export interface NATSStreamOptions {
  retention?: NATSRetention;
  storage?: NATSStorage;
  /** Limits; 0 or -1 = unlimited. */
  maxMsgs?: number;
  maxBytes?: number;
  maxAgeMs?: number;
  maxMsgSize?: number;
  maxMsgsPerSubject?: number;
  maxConsumers?: number;
  replicas?: number;
  discard?: 'old' | 'new';
  discardNewPerSubject?: boolean;
  duplicateWindowMs?: number;
  description?: string;
}

export interface NATSStreamConfig extends Required<NATSStreamOptions> {
  name: string;
  subjects: string[];
}

export interface NATSStreamInfo {
  name: string;
  subjects: string[];
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  firstTime: Date | undefined;
  lastTime: Date | undefined;
  numSubjects: number;
  consumerCount: number;
  numDeleted: number;
  created: Date | undefined;
  config: NATSStreamConfig;
}

export interface NATSStreamStats {
  streamName: string;
  messages: number;
  bytes: number;
  consumerCount: number;
  firstSeq: number;
  lastSeq: number;
  numSubjects: number;
  /** Averages over the stored messages. */
  messageRate: number;
  byteRate: number;
}

export interface NATSStreamPublishResult {
  streamName: string;
  sequence: number;
  duplicate: boolean;
}

export type NATSDeliverPolicy =
  | 'all'
  | 'last'
  | 'new'
  | 'by_start_sequence'
  | 'by_start_time'
  | 'last_per_subject';

export interface NATSConsumerOptions {
  /** Default: durable when a name is given. */
  durable?: boolean;
  filterSubject?: string;
  filterSubjects?: string[];
  deliverPolicy?: NATSDeliverPolicy;
  ackPolicy?: 'explicit' | 'all' | 'none';
  ackWaitMs?: number;
  maxDeliver?: number;
  replayPolicy?: 'instant' | 'original';
  optStartSeq?: number;
  optStartTime?: Date;
  maxAckPending?: number;
  inactiveThresholdMs?: number;
  description?: string;
}

export interface NATSConsumerInfo {
  streamName: string;
  name: string;
  durable: boolean;
  filterSubjects: string[];
  deliverPolicy: NATSDeliverPolicy;
  ackPolicy: 'explicit' | 'all' | 'none';
  ackWaitMs: number;
  maxDeliver: number;
  deliveredStreamSeq: number;
  deliveredConsumerSeq: number;
  ackFloorStreamSeq: number;
  ackFloorConsumerSeq: number;
  numAckPending: number;
  numRedelivered: number;
  numWaiting: number;
  numPending: number;
  created: Date | undefined;
}

export interface NATSJetStreamMessage {
  subject: string;
  data: Buffer;
  headers: Record<string, string>;
  /** Stream sequence. */
  sequence: number;
  consumerSequence: number;
  numDelivered: number;
  numPending: number;
  timestamp: Date | undefined;
  /** Pass the message (or this token) to ackMessage/nakMessage/termMessage. */
  ackToken: string;
}

export interface NATSKVBucket {
  bucket: string;
  history: number;
  ttlMs: number;
  maxBytes: number;
  maxValueSize: number;
  storage: NATSStorage;
  values: number;
  bytes: number;
  description: string;
  replicas: number;
}

export interface NATSKVEntry {
  key: string;
  value: Buffer;
  revision: number;
  created: Date | undefined;
  operation: 'PUT' | 'DELETE' | 'PURGE';
}

export interface NATSKVValue {
  value: Buffer;
  revision: number;
  created: Date | undefined;
}

export interface NATSObjectBucket {
  bucket: string;
  description: string;
  ttlMs: number;
  storage: NATSStorage;
  size: number;
  replicas: number;
  sealed: boolean;
}

export interface NATSObjectInfo {
  bucket: string;
  name: string;
  description: string;
  size: number;
  chunks: number;
  digest: string;
  modified: Date | undefined;
  metadata: Record<string, string>;
  /** The object's id in the store (the reference API's object_id). */
  objectId: string;
}

/** A live NATS stream (subscription, consumer, KV watch); see LiveStream. */
export class NATSLiveStream<T> extends LiveStream<T> {}

const RETENTION = {
  limits: RetentionPolicy.LIMITS,
  interest: RetentionPolicy.INTEREST,
  workqueue: RetentionPolicy.WORK_QUEUE,
} as const;
const STORAGE = { file: StorageType.FILE, memory: StorageType.MEMORY } as const;
const DELIVER = {
  all: DeliverPolicy.ALL,
  last: DeliverPolicy.LAST,
  new: DeliverPolicy.NEW,
  by_start_sequence: DeliverPolicy.BY_START_SEQUENCE,
  by_start_time: DeliverPolicy.BY_START_TIME,
  last_per_subject: DeliverPolicy.LAST_PER_SUBJECT,
} as const;
const ACK = { explicit: AckPolicy.EXPLICIT, all: AckPolicy.ALL, none: AckPolicy.NONE } as const;
const REPLAY = { instant: ReplayPolicy.INSTANT, original: ReplayPolicy.ORIGINAL } as const;
const nameOf = <K extends string>(table: Record<K, number>, value: number, fallback: K): K =>
  (Object.entries(table).find(([, v]) => v === value)?.[0] as K | undefined) ?? fallback;

function toMessage(m: nats.NatsMessage): NATSMessage {
  return {
    subject: m.subject,
    data: buf(m.data),
    headers: m.headers,
    replyTo: m.replyTo,
    receivedAt: date(m.receivedAt),
    sequence: num(m.sequence),
  };
}

function toStream(s: nats.StreamInfo | undefined): NATSStreamInfo {
  const c = s?.config;
  const st = s?.state;
  return {
    name: s?.name ?? '',
    subjects: s?.subjects ?? [],
    messages: num(st?.messages),
    bytes: num(st?.bytes),
    firstSeq: num(st?.firstSeq),
    lastSeq: num(st?.lastSeq),
    firstTime: date(st?.firstTs),
    lastTime: date(st?.lastTs),
    numSubjects: num(st?.numSubjects),
    consumerCount: num(st?.consumerCount),
    numDeleted: num(st?.numDeleted),
    created: date(s?.created),
    config: {
      name: c?.name ?? '',
      subjects: c?.subjects ?? [],
      retention: nameOf(RETENTION, c?.retention ?? 0, 'limits'),
      storage: nameOf(STORAGE, c?.storage ?? 0, 'file'),
      maxMsgs: num(c?.maxMsgs),
      maxBytes: num(c?.maxBytes),
      maxAgeMs: msOf(c?.maxAge),
      maxMsgSize: c?.maxMsgSize ?? 0,
      maxMsgsPerSubject: num(c?.maxMsgsPerSubject),
      maxConsumers: c?.maxConsumers ?? 0,
      replicas: c?.replicas ?? 1,
      discard: c?.discard === DiscardPolicy.NEW ? 'new' : 'old',
      discardNewPerSubject: c?.discardNewPerSubject ?? false,
      duplicateWindowMs: msOf(c?.duplicateWindow),
      description: c?.description ?? '',
    },
  };
}

function streamConfig(
  name: string,
  subjects: string[],
  o: NATSStreamOptions,
): MessageInitShape<typeof nats.StreamConfigSchema> {
  const limit = (n: number | undefined) => BigInt(Math.max(0, n ?? 0));
  return {
    name,
    subjects,
    retention: o.retention ? RETENTION[o.retention] : RetentionPolicy.UNSPECIFIED,
    storage: o.storage ? STORAGE[o.storage] : StorageType.UNSPECIFIED,
    maxMsgs: limit(o.maxMsgs),
    maxBytes: limit(o.maxBytes),
    maxAge: dur(o.maxAgeMs),
    maxMsgSize: Math.max(0, o.maxMsgSize ?? 0),
    maxMsgsPerSubject: limit(o.maxMsgsPerSubject),
    maxConsumers: Math.max(0, o.maxConsumers ?? 0),
    replicas: o.replicas ?? 0,
    discard:
      o.discard === 'new'
        ? DiscardPolicy.NEW
        : o.discard === 'old'
          ? DiscardPolicy.OLD
          : DiscardPolicy.UNSPECIFIED,
    discardNewPerSubject: o.discardNewPerSubject ?? false,
    duplicateWindow: dur(o.duplicateWindowMs),
    description: o.description ?? '',
  };
}

function toConsumer(c: nats.ConsumerInfo | undefined): NATSConsumerInfo {
  const cfg = c?.config;
  const st = c?.state;
  return {
    streamName: c?.streamName ?? '',
    name: c?.name ?? '',
    durable: cfg?.durable ?? false,
    filterSubjects: cfg?.filterSubjects ?? [],
    deliverPolicy: nameOf(DELIVER, cfg?.deliverPolicy ?? 0, 'all'),
    ackPolicy: nameOf(ACK, cfg?.ackPolicy ?? 0, 'explicit'),
    ackWaitMs: msOf(cfg?.ackWait),
    maxDeliver: cfg?.maxDeliver ?? 0,
    deliveredStreamSeq: num(st?.deliveredStreamSeq),
    deliveredConsumerSeq: num(st?.deliveredConsumerSeq),
    ackFloorStreamSeq: num(st?.ackFloorStreamSeq),
    ackFloorConsumerSeq: num(st?.ackFloorConsumerSeq),
    numAckPending: num(st?.numAckPending),
    numRedelivered: num(st?.numRedelivered),
    numWaiting: num(st?.numWaiting),
    numPending: num(st?.numPending),
    created: date(c?.created),
  };
}

function toJsMessage(m: nats.JetStreamMessage): NATSJetStreamMessage {
  return {
    subject: m.subject,
    data: buf(m.data),
    headers: m.headers,
    sequence: num(m.sequence),
    consumerSequence: num(m.consumerSequence),
    numDelivered: m.numDelivered,
    numPending: num(m.numPending),
    timestamp: date(m.timestamp),
    ackToken: m.ackToken,
  };
}

function toKvBucket(b: nats.KVBucketInfo | undefined): NATSKVBucket {
  return {
    bucket: b?.bucket ?? '',
    history: b?.history ?? 0,
    ttlMs: msOf(b?.ttl),
    maxBytes: num(b?.maxBytes),
    maxValueSize: b?.maxValueSize ?? 0,
    storage: nameOf(STORAGE, b?.storage ?? 0, 'file'),
    values: num(b?.values),
    bytes: num(b?.bytes),
    description: b?.description ?? '',
    replicas: b?.replicas ?? 1,
  };
}

function toKvEntry(e: nats.KVEntry): NATSKVEntry {
  return {
    key: e.key,
    value: buf(e.value),
    revision: num(e.revision),
    created: date(e.created),
    operation:
      e.operation === KVOperation.KV_OPERATION_DELETE
        ? 'DELETE'
        : e.operation === KVOperation.KV_OPERATION_PURGE
          ? 'PURGE'
          : 'PUT',
  };
}

function toObjectBucket(b: nats.ObjectBucketInfo | undefined): NATSObjectBucket {
  return {
    bucket: b?.bucket ?? '',
    description: b?.description ?? '',
    ttlMs: msOf(b?.ttl),
    storage: nameOf(STORAGE, b?.storage ?? 0, 'file'),
    size: num(b?.size),
    replicas: b?.replicas ?? 1,
    sealed: b?.sealed ?? false,
  };
}

function toObject(o: nats.StoredObject | undefined): NATSObjectInfo {
  return {
    bucket: o?.bucket ?? '',
    name: o?.name ?? '',
    description: o?.description ?? '',
    size: num(o?.size),
    chunks: o?.chunks ?? 0,
    digest: o?.digest ?? '',
    modified: date(o?.modified),
    metadata: o?.metadata ?? {},
    objectId: o?.nuid ?? '',
  };
}

function outgoing(m: NATSOutgoingMessage) {
  return { subject: m.subject, data: bytes(m.data), headers: m.headers ?? {}, replyTo: m.replyTo ?? '' };
}

/** A pulled message, or just its stream sequence (acknowledged on the instance that delivered it). */
export type NATSMessageRef = NATSJetStreamMessage | { ackToken: string } | number;

function ackTarget(ref: NATSMessageRef): { sequence: bigint; ackToken: string } {
  return typeof ref === 'number'
    ? { sequence: BigInt(ref), ackToken: '' }
    : { sequence: 0n, ackToken: ref.ackToken };
}

const FRAME_MESSAGES = 1000;
const FRAME_BYTES = 256 * 1024;

const sizeOf = (m: NATSOutgoingMessage) =>
  (typeof m.data === 'string' ? Buffer.byteLength(m.data) : (m.data?.byteLength ?? 0)) + m.subject.length;

/**
 * Groups messages into frames (at most FRAME_MESSAGES / FRAME_BYTES): per-message gRPC overhead is what
 * limits a stream of small messages. An async source's frame is sent as soon as its next message is not
 * ready at once, so framing never holds a message back waiting for more.
 */
async function* frames(
  source: AsyncIterable<NATSOutgoingMessage> | Iterable<NATSOutgoingMessage>,
): AsyncGenerator<NATSOutgoingMessage[]> {
  let frame: NATSOutgoingMessage[] = [];
  let bytes = 0;
  const add = (m: NATSOutgoingMessage) => {
    frame.push(m);
    bytes += sizeOf(m);
    return frame.length >= FRAME_MESSAGES || bytes >= FRAME_BYTES;
  };
  const take = () => {
    const out = frame;
    frame = [];
    bytes = 0;
    return out;
  };
  if (Symbol.iterator in source) {
    for (const m of source) if (add(m)) yield take();
  } else {
    const iterator = source[Symbol.asyncIterator]();
    let pending = iterator.next();
    for (;;) {
      let result: IteratorResult<NATSOutgoingMessage>;
      if (frame.length > 0) {
        const ready = await Promise.race([
          pending.then((r) => ({ r })),
          new Promise<undefined>((resolve) => setImmediate(() => resolve(undefined))),
        ]);
        if (ready) result = ready.r;
        else {
          yield take();
          result = await pending;
        }
      } else {
        result = await pending;
      }
      if (result.done) break;
      if (add(result.value)) yield take();
      pending = iterator.next();
    }
  }
  if (frame.length > 0) yield take();
}

/**
 * Cloud-native messaging on NATS, port 50056: core publish/subscribe and request-reply, JetStream, KV and
 * object stores. Every subject, stream and bucket is your own name: the server keeps it inside your
 * tenant's namespace and no other tenant can reach it.
 */
export class NATSClient extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super(SERVICE_CATALOG.get('nats')!, options);
  }

  /**
   * Opens a live server stream and waits for the server's "started" event, so that the stream is live
   * when this resolves (messages published afterwards are seen).
   */
  private openLive<I extends DescMessage, O extends DescMessage, T>(
    operation: string,
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options: CallOptions,
    pick: (response: MessageShape<O>) => { started?: string; item?: T },
  ): Promise<NATSLiveStream<T> | null> {
    return this.run(operation, options, async () => {
      const live = await this.openConfirmedStream(operation, method, request, options, pick);
      return new NATSLiveStream(live.started, live.items, live.controller);
    });
  }

  healthCheck(options: { deepCheck?: boolean } & CallOptions = {}): Promise<NATSHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { deepCheck: options.deepCheck ?? false }, options);
      return {
        healthy: r.healthy,
        natsStatus: r.natsStatus,
        jetstreamEnabled: r.jetstreamEnabled,
        connections: num(r.connections),
        checkedAt: date(r.checkedAt),
        message: r.message,
        backend: r.backend,
        serverVersion: r.serverVersion,
        rttMs: r.rttMs,
        activeSubscriptions: num(r.activeSubscriptions),
      };
    });
  }

  getStatistics(options: CallOptions = {}): Promise<NATSStatistics | null> {
    return this.run('getStatistics', options, async () => {
      const r = await this.unary(rpc.getStatistics, {}, options);
      return {
        totalStreams: num(r.totalStreams),
        totalConsumers: num(r.totalConsumers),
        totalMessages: num(r.totalMessages),
        totalBytes: num(r.totalBytes),
        kvBuckets: num(r.kvBuckets),
        objectBuckets: num(r.objectBuckets),
        serverStatsAvailable: r.serverStatsAvailable,
        connections: num(r.connections),
        inMsgs: num(r.inMsgs),
        outMsgs: num(r.outMsgs),
        inBytes: num(r.inBytes),
        outBytes: num(r.outBytes),
      };
    });
  }

  // Core NATS

  /** Publishes one message; resolves to true once the NATS server has it. */
  publish(
    subject: string,
    data: NATSData,
    options: { headers?: Record<string, string>; replyTo?: string } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('publish', options, async () => {
      await this.unary(rpc.publish, outgoing({ subject, data, ...options }), options);
      return true as const;
    });
  }

  /** Publishes every message (all are validated before any is sent); resolves to how many. */
  publishBatch(
    messages: NATSOutgoingMessage[],
    options: CallOptions = {},
  ): Promise<{ publishedCount: number } | null> {
    return this.run('publishBatch', options, async () => {
      const r = await this.unary(rpc.publishBatch, { messages: messages.map(outgoing) }, options);
      return { publishedCount: num(r.publishedCount) };
    });
  }

  /** Publishes a (possibly endless) sequence of messages over one client stream: the fastest way to publish. */
  publishStream(
    messages: AsyncIterable<NATSOutgoingMessage> | Iterable<NATSOutgoingMessage>,
    options: CallOptions = {},
  ): Promise<{ publishedCount: number } | null> {
    return this.run('publishStream', options, async () => {
      async function* requests() {
        for await (const frame of frames(messages)) {
          yield { message: { messages: frame.map(outgoing) }, compress: false };
        }
      }
      const r = await this.clientStream(rpc.publishStream, requests(), options);
      return { publishedCount: num(r.publishedCount) };
    });
  }

  /**
   * Subscribes to a subject or pattern ("*" one token, ">" the rest). Resolves once the subscription is
   * live, to a stream of messages.
   */
  subscribe(
    subject: string,
    options: { queueGroup?: string } & CallOptions = {},
  ): Promise<NATSLiveStream<NATSMessage> | null> {
    return this.openLive(
      'subscribe',
      rpc.subscribe,
      { subject, queueGroup: options.queueGroup ?? '' },
      options,
      (r) =>
        r.event.case === 'started'
          ? { started: r.event.value.subscriptionId }
          : r.event.case === 'message'
            ? { item: toMessage(r.event.value) }
            : {},
    );
  }

  /** Subscribes as a member of a queue group: each message goes to one member. */
  queueSubscribe(
    subject: string,
    queueGroup: string,
    options: CallOptions = {},
  ): Promise<NATSLiveStream<NATSMessage> | null> {
    return this.openLive('queueSubscribe', rpc.queueSubscribe, { subject, queueGroup }, options, (r) =>
      r.event.case === 'started'
        ? { started: r.event.value.subscriptionId }
        : r.event.case === 'message'
          ? { item: toMessage(r.event.value) }
          : {},
    );
  }

  /**
   * The reference client's callback style: calls `callback` for each message until `timeoutSeconds`
   * (default 60) pass or `maxMessages` arrived; resolves to the number of messages handled.
   */
  subscribeWithCallback(
    subject: string,
    callback: (message: NATSMessage) => void | Promise<void>,
    options: { queueGroup?: string; timeoutSeconds?: number; maxMessages?: number } & CallOptions = {},
  ): Promise<number | null> {
    return this.run('subscribe', options, async () => {
      const timeout = AbortSignal.timeout((options.timeoutSeconds ?? 60) * 1000);
      const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
      const sub = await this.subscribe(subject, { ...options, signal, throwOnError: true });
      let count = 0;
      try {
        for await (const message of sub!) {
          await callback(message);
          if (++count >= (options.maxMessages ?? Number.POSITIVE_INFINITY)) break;
        }
      } catch (err) {
        // Reaching the timeout (or the caller's abort) is the normal end of this style of subscription.
        if (!signal.aborted) throw err;
      }
      return count;
    });
  }

  /** Ends your subscriptions on `subject` (or the one with `subscriptionId`) served by this instance. */
  unsubscribe(
    target: string | { subscriptionId: string },
    options: CallOptions = {},
  ): Promise<number | null> {
    return this.run('unsubscribe', options, async () => {
      const r = await this.unary(
        rpc.unsubscribe,
        typeof target === 'string' ? { subject: target } : { subscriptionId: target.subscriptionId },
        options,
      );
      return num(r.ended);
    });
  }

  /**
   * Request-reply: resolves to the first reply. No responders fails with NOT_FOUND, no reply in time with
   * DEADLINE_EXCEEDED.
   */
  request(
    subject: string,
    data: NATSData,
    options: { timeoutSeconds?: number; headers?: Record<string, string> } & CallOptions = {},
  ): Promise<NATSReply | null> {
    return this.run('request', options, async () => {
      const timeoutMs = (options.timeoutSeconds ?? 5) * 1000;
      const r = await this.unary(
        rpc.request,
        { subject, data: bytes(data), headers: options.headers ?? {}, timeout: durationFromMs(timeoutMs) },
        { ...options, timeoutMs: options.timeoutMs ?? timeoutMs + 5000 },
      );
      return { data: buf(r.data), headers: r.headers, subject: r.subject };
    });
  }

  // JetStream streams

  createStream(
    name: string,
    subjects: string[],
    options: NATSStreamOptions & CallOptions = {},
  ): Promise<NATSStreamInfo | null> {
    return this.run('createStream', options, async () =>
      toStream(
        (await this.unary(rpc.createStream, { config: streamConfig(name, subjects, options) }, options))
          .stream,
      ),
    );
  }

  /** Replaces a stream's configuration (storage and retention cannot change). */
  updateStream(
    name: string,
    subjects: string[],
    options: NATSStreamOptions & CallOptions = {},
  ): Promise<NATSStreamInfo | null> {
    return this.run('updateStream', options, async () =>
      toStream(
        (await this.unary(rpc.updateStream, { config: streamConfig(name, subjects, options) }, options))
          .stream,
      ),
    );
  }

  getStreamInfo(streamName: string, options: CallOptions = {}): Promise<NATSStreamInfo | null> {
    return this.run('getStreamInfo', options, async () =>
      toStream((await this.unary(rpc.getStreamInfo, { streamName }, options)).stream),
    );
  }

  listStreams(options: CallOptions = {}): Promise<NATSStreamInfo[] | null> {
    return this.run('listStreams', options, async () =>
      (await this.unary(rpc.listStreams, {}, options)).streams.map(toStream),
    );
  }

  /** Removes messages (all, or on `subject`, keeping the newest `keep`, or below `upToSequence`). */
  purgeStream(
    streamName: string,
    options: { subject?: string; keep?: number; upToSequence?: number } & CallOptions = {},
  ): Promise<number | null> {
    return this.run('purgeStream', options, async () => {
      const r = await this.unary(
        rpc.purgeStream,
        {
          streamName,
          subject: options.subject ?? '',
          keep: BigInt(options.keep ?? 0),
          upToSequence: BigInt(options.upToSequence ?? 0),
        },
        options,
      );
      return num(r.purged);
    });
  }

  deleteStream(streamName: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('deleteStream', options, async () => {
      await this.unary(rpc.deleteStream, { streamName }, options);
      return true as const;
    });
  }

  getStreamStats(streamName: string, options: CallOptions = {}): Promise<NATSStreamStats | null> {
    return this.run('getStreamStats', options, async () => {
      const r = await this.unary(rpc.getStreamStats, { streamName }, options);
      return {
        streamName: r.streamName,
        messages: num(r.messages),
        bytes: num(r.bytes),
        consumerCount: num(r.consumerCount),
        firstSeq: num(r.firstSeq),
        lastSeq: num(r.lastSeq),
        numSubjects: num(r.numSubjects),
        messageRate: r.messageRate,
        byteRate: r.byteRate,
      };
    });
  }

  /** Publishes with the stream's acknowledgement; a repeated `messageId` is reported as a duplicate. */
  publishToStream(
    streamName: string,
    subject: string,
    data: NATSData,
    options: {
      headers?: Record<string, string>;
      messageId?: string;
      expectedLastSequence?: number;
    } & CallOptions = {},
  ): Promise<NATSStreamPublishResult | null> {
    return this.run('publishToStream', options, async () => {
      const r = await this.unary(
        rpc.publishToStream,
        {
          streamName,
          subject,
          data: bytes(data),
          headers: options.headers ?? {},
          messageId: options.messageId ?? '',
          expectedLastSequence: BigInt(options.expectedLastSequence ?? 0),
        },
        options,
      );
      return { streamName: r.streamName, sequence: num(r.sequence), duplicate: r.duplicate };
    });
  }

  // JetStream consumers

  /**
   * Creates a pull consumer: durable when named (pass "" with `durable: false` for an ephemeral one).
   * Defaults: deliver all, explicit acks, 30 s ack wait.
   */
  createConsumer(
    streamName: string,
    consumerName: string,
    options: NATSConsumerOptions & CallOptions = {},
  ): Promise<NATSConsumerInfo | null> {
    return this.run('createConsumer', options, async () => {
      const filters = options.filterSubjects ?? (options.filterSubject ? [options.filterSubject] : []);
      const config: MessageInitShape<typeof nats.ConsumerConfigSchema> = {
        name: consumerName,
        durable: options.durable ?? consumerName !== '',
        filterSubjects: filters,
        deliverPolicy: options.deliverPolicy ? DELIVER[options.deliverPolicy] : DeliverPolicy.UNSPECIFIED,
        ackPolicy: options.ackPolicy ? ACK[options.ackPolicy] : AckPolicy.UNSPECIFIED,
        ackWait: dur(options.ackWaitMs),
        maxDeliver: options.maxDeliver ?? 0,
        replayPolicy: options.replayPolicy ? REPLAY[options.replayPolicy] : ReplayPolicy.UNSPECIFIED,
        optStartSeq: BigInt(options.optStartSeq ?? 0),
        optStartTime: options.optStartTime ? timestampFromDate(options.optStartTime) : undefined,
        maxAckPending: options.maxAckPending ?? 0,
        inactiveThreshold: dur(options.inactiveThresholdMs),
        description: options.description ?? '',
      };
      return toConsumer((await this.unary(rpc.createConsumer, { streamName, config }, options)).consumer);
    });
  }

  getConsumerInfo(
    streamName: string,
    consumerName: string,
    options: CallOptions = {},
  ): Promise<NATSConsumerInfo | null> {
    return this.run('getConsumerInfo', options, async () =>
      toConsumer((await this.unary(rpc.getConsumerInfo, { streamName, consumerName }, options)).consumer),
    );
  }

  listConsumers(streamName: string, options: CallOptions = {}): Promise<NATSConsumerInfo[] | null> {
    return this.run('listConsumers', options, async () =>
      (await this.unary(rpc.listConsumers, { streamName }, options)).consumers.map(toConsumer),
    );
  }

  deleteConsumer(streamName: string, consumerName: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('deleteConsumer', options, async () => {
      await this.unary(rpc.deleteConsumer, { streamName, consumerName }, options);
      return true as const;
    });
  }

  /** Up to `batchSize` (default 10) messages, waiting at most `maxWaitMs` (default 1000, min 1000) for the first. */
  pullMessages(
    streamName: string,
    consumerName: string,
    options: { batchSize?: number; maxWaitMs?: number } & CallOptions = {},
  ): Promise<NATSJetStreamMessage[] | null> {
    return this.run('pullMessages', options, async () => {
      const maxWait = options.maxWaitMs ?? 1000;
      const r = await this.unary(
        rpc.pullMessages,
        { streamName, consumerName, batchSize: options.batchSize ?? 10, maxWait: durationFromMs(maxWait) },
        { ...options, timeoutMs: options.timeoutMs ?? maxWait + 10_000 },
      );
      return r.messages.map(toJsMessage);
    });
  }

  /** Continuous delivery from a pull consumer (survives NATS reconnects); acknowledge each message. */
  consumeMessages(
    streamName: string,
    consumerName: string,
    options: { maxMessages?: number } & CallOptions = {},
  ): Promise<NATSLiveStream<NATSJetStreamMessage> | null> {
    return this.openLive(
      'consumeMessages',
      rpc.consumeMessages,
      { streamName, consumerName, maxMessages: options.maxMessages ?? 0 },
      options,
      (r) =>
        r.event.case === 'started'
          ? { started: r.event.value.subscriptionId }
          : r.event.case === 'message'
            ? { item: toJsMessage(r.event.value) }
            : {},
    );
  }

  ackMessage(
    streamName: string,
    consumerName: string,
    message: NATSMessageRef,
    options: CallOptions = {},
  ): Promise<true | null> {
    return this.run('ackMessage', options, async () => {
      await this.unary(rpc.ackMessage, { streamName, consumerName, ...ackTarget(message) }, options);
      return true as const;
    });
  }

  /** Asks for redelivery, at once or after `delayMs`. */
  nakMessage(
    streamName: string,
    consumerName: string,
    message: NATSMessageRef,
    options: { delayMs?: number } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('nakMessage', options, async () => {
      await this.unary(
        rpc.nakMessage,
        { streamName, consumerName, ...ackTarget(message), delay: dur(options.delayMs) },
        options,
      );
      return true as const;
    });
  }

  /** Stops redelivery of a message for good. */
  termMessage(
    streamName: string,
    consumerName: string,
    message: NATSMessageRef,
    options: CallOptions = {},
  ): Promise<true | null> {
    return this.run('termMessage', options, async () => {
      await this.unary(rpc.termMessage, { streamName, consumerName, ...ackTarget(message) }, options);
      return true as const;
    });
  }

  // Key-value

  kvCreateBucket(
    bucket: string,
    options: {
      history?: number;
      ttlMs?: number;
      maxBytes?: number;
      maxValueSize?: number;
      storage?: NATSStorage;
      description?: string;
      replicas?: number;
    } & CallOptions = {},
  ): Promise<NATSKVBucket | null> {
    return this.run('kvCreateBucket', options, async () => {
      const r = await this.unary(
        rpc.kVCreateBucket,
        {
          bucket,
          history: options.history ?? 0,
          ttl: dur(options.ttlMs),
          maxBytes: BigInt(options.maxBytes ?? 0),
          maxValueSize: options.maxValueSize ?? 0,
          storage: options.storage ? STORAGE[options.storage] : StorageType.UNSPECIFIED,
          description: options.description ?? '',
          replicas: options.replicas ?? 0,
        },
        options,
      );
      return toKvBucket(r.bucket);
    });
  }

  kvGetBucketInfo(bucket: string, options: CallOptions = {}): Promise<NATSKVBucket | null> {
    return this.run('kvGetBucketInfo', options, async () =>
      toKvBucket((await this.unary(rpc.kVGetBucketInfo, { bucket }, options)).bucket),
    );
  }

  kvListBuckets(options: CallOptions = {}): Promise<NATSKVBucket[] | null> {
    return this.run('kvListBuckets', options, async () =>
      (await this.unary(rpc.kVListBuckets, {}, options)).buckets.map(toKvBucket),
    );
  }

  kvDeleteBucket(bucket: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('kvDeleteBucket', options, async () => {
      await this.unary(rpc.kVDeleteBucket, { bucket }, options);
      return true as const;
    });
  }

  /** Sets a key (creating the bucket with default settings if needed); resolves to the new revision. */
  kvPut(
    bucket: string,
    key: string,
    value: NATSData,
    options: CallOptions = {},
  ): Promise<{ revision: number } | null> {
    return this.run('kvPut', options, async () => ({
      revision: num((await this.unary(rpc.kVPut, { bucket, key, value: bytes(value) }, options)).revision),
    }));
  }

  /** The key's value and revision (or those of an older `revision`); a missing key fails with NOT_FOUND. */
  kvGet(
    bucket: string,
    key: string,
    options: { revision?: number } & CallOptions = {},
  ): Promise<NATSKVValue | null> {
    return this.run('kvGet', options, async () => {
      const r = await this.unary(
        rpc.kVGet,
        { bucket, key, revision: BigInt(options.revision ?? 0) },
        options,
      );
      return { value: buf(r.value), revision: num(r.revision), created: date(r.created) };
    });
  }

  /** Sets a key only if it has no value (ALREADY_EXISTS otherwise). */
  kvCreate(
    bucket: string,
    key: string,
    value: NATSData,
    options: CallOptions = {},
  ): Promise<{ revision: number } | null> {
    return this.run('kvCreate', options, async () => ({
      revision: num((await this.unary(rpc.kVCreate, { bucket, key, value: bytes(value) }, options)).revision),
    }));
  }

  /** Compare-and-swap: sets a key only if it is at `expectedRevision` (ABORTED otherwise). */
  kvUpdate(
    bucket: string,
    key: string,
    value: NATSData,
    expectedRevision: number,
    options: CallOptions = {},
  ): Promise<{ revision: number } | null> {
    return this.run('kvUpdate', options, async () => ({
      revision: num(
        (
          await this.unary(
            rpc.kVUpdate,
            { bucket, key, value: bytes(value), expectedRevision: BigInt(expectedRevision) },
            options,
          )
        ).revision,
      ),
    }));
  }

  kvDelete(
    bucket: string,
    key: string,
    options: { expectedRevision?: number } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('kvDelete', options, async () => {
      await this.unary(
        rpc.kVDelete,
        { bucket, key, expectedRevision: BigInt(options.expectedRevision ?? 0) },
        options,
      );
      return true as const;
    });
  }

  /** Deletes a key with all its history. */
  kvPurge(bucket: string, key: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('kvPurge', options, async () => {
      await this.unary(rpc.kVPurge, { bucket, key }, options);
      return true as const;
    });
  }

  kvKeys(bucket: string, options: { filter?: string } & CallOptions = {}): Promise<string[] | null> {
    return this.run(
      'kvKeys',
      options,
      async () => (await this.unary(rpc.kVKeys, { bucket, filter: options.filter ?? '' }, options)).keys,
    );
  }

  kvHistory(bucket: string, key: string, options: CallOptions = {}): Promise<NATSKVEntry[] | null> {
    return this.run('kvHistory', options, async () =>
      (await this.unary(rpc.kVHistory, { bucket, key }, options)).entries.map(toKvEntry),
    );
  }

  /** Watches keys (all, one, or a pattern): current values first (unless `updatesOnly`), then every change. */
  kvWatch(
    bucket: string,
    options: {
      key?: string;
      includeHistory?: boolean;
      updatesOnly?: boolean;
      ignoreDeletes?: boolean;
    } & CallOptions = {},
  ): Promise<NATSLiveStream<NATSKVEntry> | null> {
    return this.openLive(
      'kvWatch',
      rpc.kVWatch,
      {
        bucket,
        key: options.key ?? '',
        includeHistory: options.includeHistory ?? false,
        updatesOnly: options.updatesOnly ?? false,
        ignoreDeletes: options.ignoreDeletes ?? false,
      },
      options,
      (r) =>
        r.event.case === 'started'
          ? { started: r.event.value.subscriptionId }
          : r.event.case === 'entry'
            ? { item: toKvEntry(r.event.value) }
            : {},
    );
  }

  // Object stores

  objectCreateBucket(
    bucket: string,
    options: {
      description?: string;
      ttlMs?: number;
      storage?: NATSStorage;
      maxBytes?: number;
      replicas?: number;
    } & CallOptions = {},
  ): Promise<NATSObjectBucket | null> {
    return this.run('objectCreateBucket', options, async () => {
      const r = await this.unary(
        rpc.objectCreateBucket,
        {
          bucket,
          description: options.description ?? '',
          ttl: dur(options.ttlMs),
          storage: options.storage ? STORAGE[options.storage] : StorageType.UNSPECIFIED,
          maxBytes: BigInt(options.maxBytes ?? 0),
          replicas: options.replicas ?? 0,
        },
        options,
      );
      return toObjectBucket(r.bucket);
    });
  }

  objectListBuckets(options: CallOptions = {}): Promise<NATSObjectBucket[] | null> {
    return this.run('objectListBuckets', options, async () =>
      (await this.unary(rpc.objectListBuckets, {}, options)).buckets.map(toObjectBucket),
    );
  }

  objectDeleteBucket(bucket: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('objectDeleteBucket', options, async () => {
      await this.unary(rpc.objectDeleteBucket, { bucket }, options);
      return true as const;
    });
  }

  /** Stores an object (creating the bucket if needed), streamed in chunks; replaces an existing one. */
  objectPut(
    bucket: string,
    name: string,
    data: NATSData | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    options: {
      description?: string;
      metadata?: Record<string, string>;
      chunkSize?: number;
    } & CallOptions = {},
  ): Promise<NATSObjectInfo | null> {
    return this.run('objectPut', options, async () => {
      const size = options.chunkSize ?? 128 * 1024;
      async function* requests() {
        yield {
          message: {
            part: {
              case: 'header' as const,
              value: {
                bucket,
                name,
                description: options.description ?? '',
                metadata: options.metadata ?? {},
              },
            },
          },
          compress: true,
        };
        for await (const chunk of chunksOf(data, size)) {
          yield { message: { part: { case: 'chunk' as const, value: chunk } }, compress: false };
        }
      }
      return toObject((await this.clientStream(rpc.objectPut, requests(), options)).object);
    });
  }

  /** Streams an object's bytes; failures throw IsaCloudError. */
  async *objectGetStream(
    bucket: string,
    name: string,
    options: { onInfo?: (info: NATSObjectInfo) => void } & CallOptions = {},
  ): AsyncGenerator<Uint8Array> {
    for await (const r of this.serverStream(rpc.objectGet, { bucket, name }, options)) {
      if (r.part.case === 'info') options.onInfo?.(toObject(r.part.value));
      else if (r.part.case === 'chunk') yield r.part.value;
    }
  }

  /** The object's bytes and info. */
  objectGet(
    bucket: string,
    name: string,
    options: CallOptions = {},
  ): Promise<(NATSObjectInfo & { data: Buffer }) | null> {
    return this.run('objectGet', options, async () => {
      let info = toObject(undefined);
      const chunks: Uint8Array[] = [];
      for await (const chunk of this.objectGetStream(bucket, name, {
        ...options,
        onInfo: (i) => {
          info = i;
        },
      })) {
        chunks.push(chunk);
      }
      return { ...info, data: Buffer.concat(chunks) };
    });
  }

  objectGetInfo(bucket: string, name: string, options: CallOptions = {}): Promise<NATSObjectInfo | null> {
    return this.run('objectGetInfo', options, async () =>
      toObject((await this.unary(rpc.objectGetInfo, { bucket, name }, options)).object),
    );
  }

  objectList(bucket: string, options: CallOptions = {}): Promise<NATSObjectInfo[] | null> {
    return this.run('objectList', options, async () =>
      (await this.unary(rpc.objectList, { bucket }, options)).objects.map(toObject),
    );
  }

  objectDelete(bucket: string, name: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('objectDelete', options, async () => {
      await this.unary(rpc.objectDelete, { bucket, name }, options);
      return true as const;
    });
  }
}
