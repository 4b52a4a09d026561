import {
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  type StreamConfig,
  type StreamInfo,
} from '@nats-io/jetstream';
import { type KV, type KvEntry, Kvm, type KvStatus } from '@nats-io/kv';
import { type ObjectInfo, type ObjectStore, type ObjectStoreStatus, Objm } from '@nats-io/obj';
import {
  connect,
  headers as createHeaders,
  createInbox,
  type Msg,
  type MsgHdrs,
  millis,
  type NatsConnection,
  nanos,
} from '@nats-io/transport-node';
import { BoundedQueue } from '../../platform/bounded-queue.js';
import { GrpcStatus, ServiceError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type {
  AckKind,
  BrokerHealth,
  BrokerMessage,
  BrokerSubscription,
  ConnectionState,
  ConsumerSpec,
  ConsumerStatus,
  Delivery,
  KvBucketSpec,
  KvBucketStatus,
  KvRecord,
  KvWatchSpec,
  MessageBroker,
  ObjBucketSpec,
  ObjBucketStatus,
  ObjRecord,
  OutgoingMessage,
  ServerStats,
  StreamPublish,
  StreamSpec,
  StreamStatus,
} from './broker.js';
import {
  isNoResponders,
  isStreamNotFound,
  isTimeout,
  isWrongLastSequence,
  mapped,
  natsError,
} from './errors.js';

export interface NatsBrokerOptions {
  servers: string[];
  user?: string | undefined;
  pass?: string | undefined;
  token?: string | undefined;
  /** http://host:port of the server's monitoring endpoint, for server-wide statistics. */
  monitorUrl?: string | undefined;
  logger: Logger;
}

const FLUSH_TIMEOUT_MS = 10_000;
const KV_PREFIX = 'KV_';
const OBJ_PREFIX = 'OBJ_';

export function toHeaders(record: Record<string, string>): MsgHdrs | undefined {
  const entries = Object.entries(record);
  if (entries.length === 0) return undefined;
  const h = createHeaders();
  for (const [k, v] of entries) h.set(k, v);
  return h;
}

export function fromHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, values] of h) out[k] = values.join(', ');
  return out;
}

const ms = (n: number | undefined) => (n ? millis(n) : 0);
const ns = (n: number) => (n > 0 ? nanos(n) : 0);
const dateOf = (iso: string | undefined) => {
  if (!iso || iso.startsWith('0001-')) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
};

function streamSpec(config: StreamConfig): StreamSpec {
  return {
    name: config.name,
    subjects: config.subjects ?? [],
    retention: config.retention as StreamSpec['retention'],
    storage: config.storage as StreamSpec['storage'],
    maxMsgs: Math.max(0, config.max_msgs ?? 0),
    maxBytes: Math.max(0, config.max_bytes ?? 0),
    maxAgeMs: ms(config.max_age),
    maxMsgSize: Math.max(0, config.max_msg_size ?? 0),
    maxMsgsPerSubject: Math.max(0, config.max_msgs_per_subject ?? 0),
    maxConsumers: Math.max(0, config.max_consumers ?? 0),
    replicas: config.num_replicas ?? 1,
    discard: config.discard as StreamSpec['discard'],
    discardNewPerSubject: config.discard_new_per_subject ?? false,
    duplicateWindowMs: ms(config.duplicate_window),
    description: config.description ?? '',
  };
}

function streamConfig(spec: StreamSpec): Partial<StreamConfig> & { name: string } {
  return {
    name: spec.name,
    subjects: spec.subjects,
    retention: spec.retention as StreamConfig['retention'],
    storage: spec.storage as StreamConfig['storage'],
    max_msgs: spec.maxMsgs || -1,
    max_bytes: spec.maxBytes || -1,
    max_age: ns(spec.maxAgeMs),
    max_msg_size: spec.maxMsgSize || -1,
    max_msgs_per_subject: spec.maxMsgsPerSubject || -1,
    max_consumers: spec.maxConsumers || -1,
    num_replicas: spec.replicas,
    discard: spec.discard as StreamConfig['discard'],
    discard_new_per_subject: spec.discardNewPerSubject,
    ...(spec.duplicateWindowMs ? { duplicate_window: ns(spec.duplicateWindowMs) } : {}),
    ...(spec.description ? { description: spec.description } : {}),
  };
}

function streamStatus(info: StreamInfo): StreamStatus {
  const s = info.state;
  return {
    spec: streamSpec(info.config),
    created: dateOf(info.created) ?? new Date(0),
    messages: s.messages,
    bytes: s.bytes,
    firstSeq: s.first_seq,
    lastSeq: s.last_seq,
    firstTime: s.messages > 0 ? dateOf(s.first_ts) : undefined,
    lastTime: s.messages > 0 ? dateOf(s.last_ts) : undefined,
    numSubjects: s.num_subjects ?? 0,
    consumerCount: s.consumer_count,
    numDeleted: s.num_deleted ?? 0,
  };
}

function consumerConfig(spec: ConsumerSpec): Partial<ConsumerConfig> {
  const filters = spec.filterSubjects;
  return {
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.durable ? { durable_name: spec.name } : {}),
    ...(filters.length === 1
      ? { filter_subject: filters[0] }
      : filters.length > 1
        ? { filter_subjects: filters }
        : {}),
    deliver_policy: spec.deliverPolicy as ConsumerConfig['deliver_policy'],
    ack_policy: spec.ackPolicy as ConsumerConfig['ack_policy'],
    ...(spec.ackWaitMs ? { ack_wait: ns(spec.ackWaitMs) } : {}),
    ...(spec.maxDeliver ? { max_deliver: spec.maxDeliver } : {}),
    replay_policy: spec.replayPolicy as ConsumerConfig['replay_policy'],
    ...(spec.optStartSeq ? { opt_start_seq: spec.optStartSeq } : {}),
    ...(spec.optStartTime ? { opt_start_time: spec.optStartTime.toISOString() } : {}),
    ...(spec.maxAckPending ? { max_ack_pending: spec.maxAckPending } : {}),
    ...(!spec.durable && spec.inactiveThresholdMs
      ? { inactive_threshold: ns(spec.inactiveThresholdMs) }
      : {}),
    ...(spec.description ? { description: spec.description } : {}),
  };
}

function consumerStatus(info: ConsumerInfo): ConsumerStatus {
  const c = info.config;
  return {
    stream: info.stream_name,
    name: info.name,
    spec: {
      name: info.name,
      durable: Boolean(c.durable_name),
      filterSubjects: c.filter_subjects ?? (c.filter_subject ? [c.filter_subject] : []),
      deliverPolicy: c.deliver_policy as ConsumerSpec['deliverPolicy'],
      ackPolicy: c.ack_policy as ConsumerSpec['ackPolicy'],
      ackWaitMs: ms(c.ack_wait),
      maxDeliver: Math.max(0, c.max_deliver ?? 0),
      replayPolicy: c.replay_policy as ConsumerSpec['replayPolicy'],
      optStartSeq: c.opt_start_seq ?? 0,
      optStartTime: dateOf(c.opt_start_time),
      maxAckPending: Math.max(0, c.max_ack_pending ?? 0),
      inactiveThresholdMs: ms(c.inactive_threshold),
      description: c.description ?? '',
    },
    created: dateOf(info.created) ?? new Date(0),
    deliveredConsumerSeq: info.delivered.consumer_seq,
    deliveredStreamSeq: info.delivered.stream_seq,
    ackFloorConsumerSeq: info.ack_floor.consumer_seq,
    ackFloorStreamSeq: info.ack_floor.stream_seq,
    numAckPending: info.num_ack_pending,
    numRedelivered: info.num_redelivered,
    numWaiting: info.num_waiting,
    numPending: info.num_pending,
  };
}

/** `$JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.<cseq>.<ts>.<pending>` (and the newer 12-token form). */
export function parseAckSubject(subject: string):
  | {
      stream: string;
      consumer: string;
      deliveryCount: number;
      streamSeq: number;
      consumerSeq: number;
      timestampNs: bigint;
      pending: number;
    }
  | undefined {
  const t = subject.split('.');
  if (t[0] !== '$JS' || t[1] !== 'ACK') return undefined;
  const at = t.length === 9 ? 2 : t.length >= 11 ? 4 : -1;
  if (at < 0) return undefined;
  const nums = t.slice(at + 2, at + 7);
  if (nums.length !== 5 || nums.some((n) => !/^\d+$/.test(n))) return undefined;
  return {
    stream: t[at]!,
    consumer: t[at + 1]!,
    deliveryCount: Number(nums[0]),
    streamSeq: Number(nums[1]),
    consumerSeq: Number(nums[2]),
    timestampNs: BigInt(nums[3]!),
    pending: Number(nums[4]),
  };
}

function delivery(m: Msg): Delivery | undefined {
  const reply = m.reply ?? '';
  const ack = parseAckSubject(reply);
  if (!ack) return undefined;
  return {
    subject: m.subject,
    data: m.data,
    headers: fromHeaders(m.headers),
    streamSeq: ack.streamSeq,
    consumerSeq: ack.consumerSeq,
    deliveryCount: ack.deliveryCount,
    pending: ack.pending,
    timestamp: new Date(Number(ack.timestampNs / 1_000_000n)),
    replySubject: reply,
  };
}

function kvRecord(e: KvEntry): KvRecord {
  return { key: e.key, value: e.value, revision: e.revision, created: e.created, operation: e.operation };
}

function kvStatus(s: KvStatus): KvBucketStatus {
  return {
    bucket: s.bucket,
    history: s.history,
    ttlMs: s.ttl,
    maxBytes: Math.max(0, s.max_bytes),
    maxValueSize: Math.max(0, s.maxValueSize),
    storage: s.storage as KvBucketStatus['storage'],
    description: s.description ?? '',
    replicas: s.replicas,
    values: s.values,
    bytes: s.size,
  };
}

function objStatus(s: ObjectStoreStatus): ObjBucketStatus {
  return {
    bucket: s.bucket,
    description: s.description ?? '',
    ttlMs: ms(s.ttl),
    storage: s.storage as ObjBucketStatus['storage'],
    size: s.size,
    replicas: s.replicas,
    sealed: s.sealed,
  };
}

function objRecord(info: ObjectInfo): ObjRecord {
  return {
    bucket: info.bucket,
    name: info.name,
    description: info.description ?? '',
    size: info.size,
    chunks: info.chunks,
    digest: info.digest,
    modified: dateOf(info.mtime) ?? new Date(0),
    metadata: info.metadata ?? {},
    nuid: info.nuid,
  };
}

/** The adapter for a nats-server with JetStream, through the official @nats-io client. */
export class NatsBroker implements MessageBroker {
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private kvm: Kvm | undefined;
  private objm: Objm | undefined;
  private state: ConnectionState = 'CONNECTING';
  private closed = false;
  private lastError = '';
  private readonly kvHandles = new Map<string, KV>();
  private readonly objHandles = new Map<string, ObjectStore>();
  private flushing = false;
  private flushWaiters: Array<{ resolve: () => void; reject: (err: unknown) => void }> = [];

  constructor(private readonly options: NatsBrokerOptions) {}

  private connected: Promise<void> | undefined;

  /** Resolves true once connected, or false after `timeoutMs` (connecting goes on in the background). */
  async ready(timeoutMs: number): Promise<boolean> {
    if (!this.connected) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const result = await Promise.race([this.connected.then(() => true), timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Starts connecting in the background; calls fail with UNAVAILABLE until the server answers. */
  start(): void {
    const { servers, user, pass, token, logger } = this.options;
    this.connected = connect({
      servers,
      name: 'isa-cloud nats-grpc-service',
      ...(user ? { user, pass } : {}),
      ...(token ? { token } : {}),
      // Never give up: the service outlives NATS outages and resumes (subscriptions, consumers and
      // watchers included) when the server is back.
      waitOnFirstConnect: true,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      reconnectJitter: 100,
      pingInterval: 10_000,
      // Async traces allocate an Error (with stack) per request: measurable on hot request paths.
      noAsyncTraces: true,
      maxPingOut: 2,
    }).then(
      async (nc) => {
        if (this.closed) {
          await nc.close();
          return;
        }
        this.nc = nc;
        this.js = jetstream(nc, { timeout: 10_000 });
        this.jsm = await jetstreamManager(nc, { checkAPI: false, timeout: 10_000 });
        this.kvm = new Kvm(this.js);
        this.objm = new Objm(this.js);
        this.state = 'CONNECTED';
        logger.info({ server: nc.getServer(), version: nc.info?.version }, 'connected to NATS');
        void this.watchStatus(nc);
      },
      (err: unknown) => {
        this.lastError = (err as Error).message;
        this.state = 'CLOSED';
        logger.error({ err }, 'cannot connect to NATS');
      },
    );
  }

  private async watchStatus(nc: NatsConnection): Promise<void> {
    const { logger } = this.options;
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') {
        if (this.state === 'CONNECTED')
          logger.warn({ server: nc.getServer() }, 'NATS connection lost; reconnecting');
        this.state = 'RECONNECTING';
      } else if (s.type === 'reconnect') {
        this.state = 'CONNECTED';
        logger.info({ server: nc.getServer() }, 'reconnected to NATS');
      } else if (s.type === 'close') {
        this.state = 'CLOSED';
      }
    }
    this.state = 'CLOSED';
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  private where(): string {
    return this.options.servers.join(',');
  }

  /** The connection, when it is up; UNAVAILABLE otherwise (callers retry; nothing is buffered blindly). */
  private conn(): NatsConnection {
    if (this.nc && this.state === 'CONNECTED') return this.nc;
    switch (this.state) {
      case 'RECONNECTING':
        throw ServiceError.unavailable(`the connection to NATS at ${this.where()} was lost; reconnecting`);
      case 'CLOSED':
        throw ServiceError.unavailable(
          `cannot connect to NATS at ${this.where()}${this.lastError ? `: ${this.lastError}` : ''}`,
        );
      default:
        throw ServiceError.unavailable(
          `cannot reach NATS at ${this.where()} yet: start nats-server with JetStream (-js) or set NATS_URL`,
        );
    }
  }

  private manager(): JetStreamManager {
    this.conn();
    return this.jsm!;
  }

  private client(): JetStreamClient {
    this.conn();
    return this.js!;
  }

  maxPayload(): number {
    return this.nc?.info?.max_payload ?? 1024 * 1024;
  }

  async health(deep: boolean): Promise<BrokerHealth> {
    const base = { state: this.state, jetstream: false, serverVersion: '', rttMs: 0 };
    let nc: NatsConnection;
    try {
      nc = this.conn();
    } catch (err) {
      return { ...base, problem: (err as Error).message };
    }
    const info = nc.info;
    const result: BrokerHealth = {
      ...base,
      jetstream: info?.jetstream ?? false,
      serverVersion: info?.version ?? '',
    };
    if (!result.jetstream) {
      return {
        ...result,
        problem: `JetStream is not enabled on the NATS server at ${nc.getServer()} (start it with -js)`,
      };
    }
    if (deep) {
      try {
        // nc.rtt() has millisecond resolution: on loopback it is 0.
        const started = performance.now();
        await nc.flush();
        result.rttMs = performance.now() - started;
        await this.jsm!.getAccountInfo();
      } catch (err) {
        result.jetstream = false;
        return { ...result, problem: `JetStream does not answer: ${(err as Error).message}` };
      }
    }
    return result;
  }

  async serverStats(): Promise<ServerStats | undefined> {
    if (!this.options.monitorUrl) return undefined;
    try {
      const response = await fetch(new URL('/varz', this.options.monitorUrl), {
        signal: AbortSignal.timeout(2000),
      });
      if (!response.ok) return undefined;
      const v = (await response.json()) as Record<string, number>;
      return {
        connections: v.connections ?? 0,
        inMsgs: v.in_msgs ?? 0,
        outMsgs: v.out_msgs ?? 0,
        inBytes: v.in_bytes ?? 0,
        outBytes: v.out_bytes ?? 0,
      };
    } catch {
      return undefined;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const nc = this.nc;
    this.nc = undefined;
    this.state = 'CLOSED';
    if (nc && !nc.isClosed()) {
      await nc.drain().catch(() => nc.close());
    }
  }

  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    for (const m of messages) this.publishNoWait(m);
    return this.flush();
  }

  publishNoWait(message: OutgoingMessage): void {
    const nc = this.conn();
    const h = toHeaders(message.headers);
    nc.publish(message.subject, message.data, {
      ...(h ? { headers: h } : {}),
      ...(message.reply ? { reply: message.reply } : {}),
    });
  }

  /**
   * Confirms that the server has everything published so far. Concurrent callers share round trips: a
   * flush requested while one is in flight waits for the next one, which covers everything before it.
   */
  flush(): Promise<void> {
    const nc = this.conn();
    return new Promise((resolve, reject) => {
      this.flushWaiters.push({ resolve, reject });
      if (!this.flushing) this.runFlush(nc);
    });
  }

  /** One PING/PONG for every caller waiting now; callers arriving meanwhile wait for the next one. */
  private runFlush(nc: NatsConnection): void {
    this.flushing = true;
    const waiting = this.flushWaiters;
    this.flushWaiters = [];
    withTimeout(nc.flush(), FLUSH_TIMEOUT_MS, () =>
      ServiceError.unavailable('the NATS server did not confirm the publish in time'),
    )
      .then(
        () => {
          for (const w of waiting) w.resolve();
        },
        (err: unknown) => {
          const mapped = err instanceof ServiceError ? err : natsError(err);
          for (const w of waiting) w.reject(mapped);
        },
      )
      .finally(() => {
        this.flushing = false;
        if (this.flushWaiters.length > 0) this.runFlush(nc);
      });
  }

  subscribe(
    subject: string,
    options: { queue?: string; bufferLimit: number },
  ): BrokerSubscription<BrokerMessage> {
    const nc = this.conn();
    const queue = new BoundedQueue<BrokerMessage>(
      options.bufferLimit,
      (limit) =>
        ServiceError.resourceExhausted(
          `the subscriber is too slow: more than ${limit} messages were waiting, so the subscription was ended`,
        ),
      () => sub.unsubscribe(),
    );
    const sub = nc.subscribe(subject, {
      ...(options.queue ? { queue: options.queue } : {}),
      callback: (err, msg) => {
        if (err) queue.fail(natsError(err));
        else
          queue.push({
            subject: msg.subject,
            data: msg.data,
            headers: fromHeaders(msg.headers),
            reply: msg.reply ?? '',
          });
      },
    });
    sub.closed.then(
      (err) => (err ? queue.fail(natsError(err)) : queue.end()),
      (err: unknown) => queue.fail(natsError(err)),
    );
    return Object.assign(queue, { close: () => queue.end() });
  }

  async request(message: OutgoingMessage & { reply: string }, timeoutMs: number): Promise<BrokerMessage> {
    const nc = this.conn();
    const h = toHeaders(message.headers);
    try {
      const reply = await nc.request(message.subject, message.data, {
        timeout: timeoutMs,
        noMux: true,
        reply: message.reply,
        ...(h ? { headers: h } : {}),
      });
      return {
        subject: reply.subject,
        data: reply.data,
        headers: fromHeaders(reply.headers),
        reply: reply.reply ?? '',
      };
    } catch (err) {
      if (isNoResponders(err)) throw ServiceError.notFound('responder');
      if (isTimeout(err)) throw ServiceError.deadlineExceeded(`no reply within ${timeoutMs} ms`);
      throw natsError(err);
    }
  }

  // Streams

  async addStream(spec: StreamSpec): Promise<StreamStatus> {
    const jsm = this.manager();
    return mapped('stream', async () => {
      // add() on an existing stream with the same config succeeds silently; creating must say it exists.
      const existing = await jsm.streams.info(spec.name).catch((err: unknown) => {
        if (isStreamNotFound(err)) return undefined;
        throw err;
      });
      if (existing) throw ServiceError.alreadyExists('stream');
      return streamStatus(await jsm.streams.add(streamConfig(spec)));
    });
  }

  async updateStream(spec: StreamSpec): Promise<StreamStatus> {
    const jsm = this.manager();
    return mapped('stream', async () =>
      streamStatus(await jsm.streams.update(spec.name, streamConfig(spec))),
    );
  }

  async streamInfo(name: string): Promise<StreamStatus> {
    const jsm = this.manager();
    return mapped('stream', async () => streamStatus(await jsm.streams.info(name)));
  }

  async listStreams(prefix: string): Promise<StreamStatus[]> {
    const jsm = this.manager();
    return mapped('stream', async () => {
      const out: StreamStatus[] = [];
      for await (const info of jsm.streams.list()) {
        if (info.config.name.startsWith(prefix)) out.push(streamStatus(info));
      }
      return out;
    });
  }

  async purgeStream(
    name: string,
    options: { filter?: string; keep?: number; seq?: number },
  ): Promise<number> {
    const jsm = this.manager();
    return mapped('stream', async () => {
      const opts = {
        ...(options.filter ? { filter: options.filter } : {}),
        ...(options.keep ? { keep: options.keep } : {}),
        ...(options.seq ? { seq: options.seq } : {}),
      };
      const r = await jsm.streams.purge(name, opts as Parameters<JetStreamManager['streams']['purge']>[1]);
      return r.purged;
    });
  }

  async deleteStream(name: string): Promise<void> {
    const jsm = this.manager();
    await mapped('stream', () => jsm.streams.delete(name));
  }

  async publishToStream(m: StreamPublish): Promise<{ stream: string; seq: number; duplicate: boolean }> {
    const js = this.client();
    const h = toHeaders(m.headers);
    try {
      const ack = await js.publish(m.subject, m.data, {
        ...(h ? { headers: h } : {}),
        ...(m.msgId ? { msgID: m.msgId } : {}),
        expect: {
          streamName: m.expectStream,
          ...(m.expectLastSeq ? { lastSequence: m.expectLastSeq } : {}),
        },
        retries: 0,
      });
      return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
    } catch (err) {
      if (isNoResponders(err)) {
        throw ServiceError.failedPrecondition(
          'no stream stores this subject (create a stream whose subjects match it)',
        );
      }
      if (isWrongLastSequence(err))
        throw ServiceError.aborted("the stream's last sequence is not expected_last_sequence");
      throw natsError(err, 'stream');
    }
  }

  // Consumers

  async addConsumer(stream: string, spec: ConsumerSpec): Promise<ConsumerStatus> {
    const jsm = this.manager();
    return mapped('consumer', async () => {
      if (spec.name) {
        const existing = await jsm.consumers.info(stream, spec.name).catch(() => undefined);
        if (existing) throw ServiceError.alreadyExists('consumer');
      }
      return consumerStatus(await jsm.consumers.add(stream, consumerConfig(spec)));
    });
  }

  async consumerInfo(stream: string, name: string): Promise<ConsumerStatus> {
    const jsm = this.manager();
    return mapped('consumer', async () => consumerStatus(await jsm.consumers.info(stream, name)));
  }

  async listConsumers(stream: string): Promise<ConsumerStatus[]> {
    const jsm = this.manager();
    return mapped('stream', async () => {
      const out: ConsumerStatus[] = [];
      for await (const info of jsm.consumers.list(stream)) out.push(consumerStatus(info));
      return out;
    });
  }

  async deleteConsumer(stream: string, name: string): Promise<void> {
    const jsm = this.manager();
    await mapped('consumer', () => jsm.consumers.delete(stream, name));
  }

  /**
   * One pull request with `no_wait` + `expires`: the server waits up to `expiresMs` for the first message,
   * then sends what is available at once (up to `batch`) and ends the request. A missing consumer never
   * answers, so silence past the expiry is checked against the consumer's existence.
   */
  async fetch(
    stream: string,
    consumer: string,
    batch: number,
    expiresMs: number,
    signal: AbortSignal,
  ): Promise<Delivery[]> {
    const nc = this.conn();
    const inbox = createInbox();
    const out: Delivery[] = [];
    let ended: 'done' | 'silent' | 'aborted' = 'silent';
    await new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        settled = true;
        clearTimeout(timer);
        clearTimeout(probe);
        signal.removeEventListener('abort', onAbort);
        sub.unsubscribe();
      };
      const finish = (how: typeof ended) => {
        if (settled) return;
        ended = how;
        settle();
        resolve();
      };
      const fail = (err: unknown) => {
        if (settled) return;
        settle();
        reject(err);
      };
      const onAbort = () => finish('aborted');
      const timer = setTimeout(() => finish('silent'), expiresMs + 2000);
      // A missing consumer never answers a pull: when nothing has come yet, ask whether it exists.
      const probe = setTimeout(
        () => {
          if (out.length > 0) return;
          this.consumerInfo(stream, consumer).catch((err: unknown) => {
            if (err instanceof ServiceError && err.code === GrpcStatus.NOT_FOUND) fail(err);
          });
        },
        Math.min(150, expiresMs),
      );
      const sub = nc.subscribe(inbox, {
        callback: (err, msg) => {
          if (err) {
            fail(natsError(err));
            return;
          }
          const code = msg.headers?.code ?? 0;
          if (code === 100) return;
          if (code >= 400) {
            const description = msg.headers?.description ?? 'conflict';
            if (code === 409 && !/Request Timeout|Exceeded MaxWaiting/i.test(description)) {
              fail(
                /deleted/i.test(description)
                  ? ServiceError.notFound('consumer')
                  : ServiceError.failedPrecondition(description),
              );
              return;
            }
            finish('done');
            return;
          }
          const d = delivery(msg);
          if (d) out.push(d);
          if (out.length >= batch) finish('done');
        },
      });
      signal.addEventListener('abort', onAbort, { once: true });
      nc.publish(
        `$JS.API.CONSUMER.MSG.NEXT.${stream}.${consumer}`,
        JSON.stringify({ batch, no_wait: true, expires: nanos(expiresMs) }),
        { reply: inbox },
      );
    });
    if (ended === 'silent' && out.length === 0) {
      await this.consumerInfo(stream, consumer);
    }
    return out;
  }

  async consume(
    stream: string,
    consumer: string,
    maxMessages: number,
  ): Promise<BrokerSubscription<Delivery>> {
    const js = this.client();
    const c = await mapped('consumer', () => js.consumers.get(stream, consumer));
    const messages = await mapped('consumer', () => c.consume({ max_messages: maxMessages }));
    async function* deliveries(): AsyncGenerator<Delivery> {
      for await (const m of messages) {
        const d = delivery((m as unknown as { msg: Msg }).msg);
        if (d) yield d;
      }
    }
    const iterator = deliveries();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: () => {
        void messages.close().catch(() => undefined);
      },
    };
  }

  async acknowledge(replySubject: string, kind: AckKind, delayMs = 0): Promise<void> {
    const nc = this.conn();
    const payload =
      kind === 'ack'
        ? '+ACK'
        : kind === 'term'
          ? '+TERM'
          : delayMs > 0
            ? `-NAK ${JSON.stringify({ delay: nanos(delayMs) })}`
            : '-NAK';
    try {
      await nc.request(replySubject, payload, { timeout: 5000 });
    } catch (err) {
      if (isNoResponders(err) || isTimeout(err)) {
        throw ServiceError.notFound(
          'message awaiting acknowledgement (the consumer or the delivery is gone)',
        );
      }
      throw natsError(err);
    }
  }

  // Key-value

  private async kv(bucket: string, create: boolean): Promise<KV> {
    const cached = this.kvHandles.get(bucket);
    if (cached) return cached;
    this.conn();
    const kvm = this.kvm!;
    const jsm = this.jsm!;
    const handle = await mapped(`KV bucket`, async () => {
      if (create) return kvm.create(bucket);
      const info = await jsm.streams.info(KV_PREFIX + bucket);
      return kvm.open(bucket, { allow_direct: info.config.allow_direct ?? false });
    });
    if (this.kvHandles.size > 1000) this.kvHandles.clear();
    this.kvHandles.set(bucket, handle);
    return handle;
  }

  /** Runs `work` on a bucket handle; a handle whose bucket was deleted elsewhere is dropped and retried once. */
  private async withKv<T>(bucket: string, create: boolean, work: (kv: KV) => Promise<T>): Promise<T> {
    const first = await this.kv(bucket, create);
    try {
      return await work(first);
    } catch (err) {
      if (!isStreamNotFound(err) && !isNoResponders(err)) throw err;
      this.kvHandles.delete(bucket);
      return work(await this.kv(bucket, create));
    }
  }

  async kvCreateBucket(spec: KvBucketSpec): Promise<KvBucketStatus> {
    const jsm = this.manager();
    const exists = await jsm.streams.info(KV_PREFIX + spec.bucket).then(
      () => true,
      (err: unknown) => {
        if (isStreamNotFound(err)) return false;
        throw natsError(err);
      },
    );
    if (exists) throw ServiceError.alreadyExists('KV bucket');
    const kv = await mapped('KV bucket', () =>
      this.kvm!.create(spec.bucket, {
        history: spec.history,
        ...(spec.ttlMs ? { ttl: spec.ttlMs } : {}),
        ...(spec.maxBytes ? { max_bytes: spec.maxBytes } : {}),
        ...(spec.maxValueSize ? { maxValueSize: spec.maxValueSize } : {}),
        storage: spec.storage as never,
        replicas: spec.replicas,
        ...(spec.description ? { description: spec.description } : {}),
      }),
    );
    this.kvHandles.set(spec.bucket, kv);
    return kvStatus(await mapped('KV bucket', () => kv.status()));
  }

  async kvBucketStatus(bucket: string): Promise<KvBucketStatus> {
    return this.withKv(bucket, false, async (kv) => kvStatus(await mapped('KV bucket', () => kv.status())));
  }

  async kvListBuckets(prefix: string): Promise<KvBucketStatus[]> {
    this.conn();
    return mapped('KV bucket', async () => {
      const out: KvBucketStatus[] = [];
      for await (const s of this.kvm!.list()) if (s.bucket.startsWith(prefix)) out.push(kvStatus(s));
      return out;
    });
  }

  async kvDeleteBucket(bucket: string): Promise<void> {
    const jsm = this.manager();
    this.kvHandles.delete(bucket);
    await mapped('KV bucket', () => jsm.streams.delete(KV_PREFIX + bucket));
  }

  kvPut(bucket: string, key: string, value: Uint8Array, createBucket: boolean): Promise<number> {
    return this.withKv(bucket, createBucket, (kv) => mapped('KV bucket', () => kv.put(key, value)));
  }

  kvGet(bucket: string, key: string, revision: number): Promise<KvRecord | undefined> {
    return this.withKv(bucket, false, async (kv) => {
      const e = await mapped('KV bucket', () => kv.get(key, revision ? { revision } : undefined));
      if (e?.operation !== 'PUT' || (revision && e.revision !== revision)) return undefined;
      return kvRecord(e);
    });
  }

  kvCreate(bucket: string, key: string, value: Uint8Array, createBucket: boolean): Promise<number> {
    return this.withKv(bucket, createBucket, async (kv) => {
      try {
        return await kv.create(key, value);
      } catch (err) {
        if (isWrongLastSequence(err)) throw ServiceError.alreadyExists('key');
        throw natsError(err, 'KV bucket');
      }
    });
  }

  kvUpdate(bucket: string, key: string, value: Uint8Array, revision: number): Promise<number> {
    return this.withKv(bucket, false, async (kv) => {
      try {
        return await kv.update(key, value, revision);
      } catch (err) {
        if (isWrongLastSequence(err)) throw ServiceError.aborted(`the key is not at revision ${revision}`);
        throw natsError(err, 'KV bucket');
      }
    });
  }

  kvDelete(bucket: string, key: string, expectedRevision: number): Promise<void> {
    return this.withKv(bucket, false, async (kv) => {
      try {
        await kv.delete(key, expectedRevision ? { previousSeq: expectedRevision } : undefined);
      } catch (err) {
        if (isWrongLastSequence(err))
          throw ServiceError.aborted(`the key is not at revision ${expectedRevision}`);
        throw natsError(err, 'KV bucket');
      }
    });
  }

  kvPurge(bucket: string, key: string): Promise<void> {
    return this.withKv(bucket, false, (kv) => mapped('KV bucket', () => kv.purge(key)));
  }

  kvKeys(bucket: string, filter: string): Promise<string[]> {
    return this.withKv(bucket, false, (kv) =>
      mapped('KV bucket', async () => {
        const keys: string[] = [];
        for await (const k of await kv.keys(filter || '>')) keys.push(k);
        return keys.sort();
      }),
    );
  }

  kvHistory(bucket: string, key: string): Promise<KvRecord[]> {
    return this.withKv(bucket, false, (kv) =>
      mapped('KV bucket', async () => {
        const out: KvRecord[] = [];
        for await (const e of await kv.history({ key })) out.push(kvRecord(e));
        return out;
      }),
    );
  }

  kvWatch(bucket: string, options: KvWatchSpec): Promise<BrokerSubscription<KvRecord>> {
    return this.withKv(bucket, false, async (kv) => {
      // The watch itself is an ordered consumer, which the client recreates after reconnects.
      await mapped('KV bucket', () => this.jsm!.streams.info(KV_PREFIX + bucket));
      const watch = await mapped('KV bucket', () =>
        kv.watch({
          ...(options.key ? { key: options.key } : {}),
          include: options.updatesOnly ? 'updates' : options.includeHistory ? 'history' : '',
          ignoreDeletes: options.ignoreDeletes,
        }),
      );
      const queue = new BoundedQueue<KvRecord>(
        options.bufferLimit,
        (limit) =>
          ServiceError.resourceExhausted(`the watcher is too slow: more than ${limit} changes were waiting`),
        () => watch.stop(),
      );
      void (async () => {
        try {
          for await (const e of watch) queue.push(kvRecord(e));
          queue.end();
        } catch (err) {
          queue.fail(natsError(err, 'KV bucket'));
        }
      })();
      return Object.assign(queue, { close: () => queue.end() });
    });
  }

  // Object stores

  private async obj(bucket: string, create: boolean): Promise<ObjectStore> {
    const cached = this.objHandles.get(bucket);
    if (cached) return cached;
    this.conn();
    const store = await mapped('object bucket', () =>
      create ? this.objm!.create(bucket) : this.objm!.open(bucket),
    );
    if (this.objHandles.size > 1000) this.objHandles.clear();
    this.objHandles.set(bucket, store);
    return store;
  }

  private async withObj<T>(
    bucket: string,
    create: boolean,
    work: (store: ObjectStore) => Promise<T>,
  ): Promise<T> {
    const first = await this.obj(bucket, create);
    try {
      return await work(first);
    } catch (err) {
      if (!isStreamNotFound(err)) throw err;
      this.objHandles.delete(bucket);
      return work(await this.obj(bucket, create));
    }
  }

  async objCreateBucket(spec: ObjBucketSpec): Promise<ObjBucketStatus> {
    const jsm = this.manager();
    const exists = await jsm.streams.info(OBJ_PREFIX + spec.bucket).then(
      () => true,
      (err: unknown) => {
        if (isStreamNotFound(err)) return false;
        throw natsError(err);
      },
    );
    if (exists) throw ServiceError.alreadyExists('object bucket');
    const store = await mapped('object bucket', () =>
      this.objm!.create(spec.bucket, {
        storage: spec.storage as never,
        replicas: spec.replicas,
        ...(spec.ttlMs ? { ttl: nanos(spec.ttlMs) } : {}),
        ...(spec.maxBytes ? { max_bytes: spec.maxBytes } : {}),
        ...(spec.description ? { description: spec.description } : {}),
      }),
    );
    this.objHandles.set(spec.bucket, store);
    return objStatus(await mapped('object bucket', () => store.status()));
  }

  async objListBuckets(prefix: string): Promise<ObjBucketStatus[]> {
    this.conn();
    return mapped('object bucket', async () => {
      const out: ObjBucketStatus[] = [];
      for await (const s of this.objm!.list()) if (s.bucket.startsWith(prefix)) out.push(objStatus(s));
      return out;
    });
  }

  async objDeleteBucket(bucket: string): Promise<void> {
    const jsm = this.manager();
    this.objHandles.delete(bucket);
    await mapped('object bucket', () => jsm.streams.delete(OBJ_PREFIX + bucket));
  }

  objPut(
    bucket: string,
    meta: { name: string; description: string; metadata: Record<string, string> },
    body: AsyncIterable<Uint8Array>,
    createBucket: boolean,
  ): Promise<ObjRecord> {
    // A retry after a vanished bucket would need the body twice: no retry here, so create up front.
    return (async () => {
      const store = await this.obj(bucket, createBucket);
      const info = await mapped('object bucket', () =>
        store.put(
          {
            name: meta.name,
            ...(meta.description ? { description: meta.description } : {}),
            ...(Object.keys(meta.metadata).length > 0 ? { metadata: meta.metadata } : {}),
          },
          ReadableStream.from(body) as ReadableStream<Uint8Array>,
        ),
      );
      return objRecord(info);
    })();
  }

  objGet(bucket: string, name: string): Promise<{ info: ObjRecord; body: AsyncIterable<Uint8Array> }> {
    return this.withObj(bucket, false, async (store) => {
      const result = await mapped('object bucket', () => store.get(name));
      if (!result) throw ServiceError.notFound('object');
      async function* body(): AsyncGenerator<Uint8Array> {
        const reader = result!.data.getReader();
        try {
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            yield value;
          }
        } finally {
          reader.releaseLock();
        }
        const failure = await result!.error;
        if (failure) throw natsError(failure, 'object');
      }
      return { info: objRecord(result.info), body: body() };
    });
  }

  objInfo(bucket: string, name: string): Promise<ObjRecord> {
    return this.withObj(bucket, false, async (store) => {
      const info = await mapped('object bucket', () => store.info(name));
      if (!info || info.deleted) throw ServiceError.notFound('object');
      return objRecord(info);
    });
  }

  objList(bucket: string): Promise<ObjRecord[]> {
    return this.withObj(bucket, false, async (store) =>
      (await mapped('object bucket', () => store.list())).filter((i) => !i.deleted).map(objRecord),
    );
  }

  objDelete(bucket: string, name: string): Promise<void> {
    return this.withObj(bucket, false, async (store) => {
      const info = await mapped('object bucket', () => store.info(name));
      if (!info || info.deleted) throw ServiceError.notFound('object');
      await mapped('object bucket', () => store.delete(name));
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(onTimeout()), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
