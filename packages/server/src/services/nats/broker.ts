/**
 * The messaging backend, in physical names (subjects, streams and buckets already inside a tenant's
 * namespace: see names.ts). Tenancy is not its concern. The adapter is NatsBroker (broker-nats.ts) on a
 * nats-server with JetStream — one given by NATS_URL or one the service runs itself.
 *
 * Methods throw ServiceError: UNAVAILABLE while the server cannot be reached, NOT_FOUND / ALREADY_EXISTS /
 * ABORTED / FAILED_PRECONDITION for what the server refuses.
 */
export interface MessageBroker {
  connectionState(): ConnectionState;
  health(deep: boolean): Promise<BrokerHealth>;
  /** Server-wide counters from the monitoring endpoint, or undefined when it is not known. */
  serverStats(): Promise<ServerStats | undefined>;
  close(): Promise<void>;
  /** Largest message (payload and headers) the server accepts. */
  maxPayload(): number;

  /** Publishes every message and returns once the server has them all. */
  publish(messages: readonly OutgoingMessage[]): Promise<void>;
  /** Publishes without waiting; `flush()` later confirms everything published so far. */
  publishNoWait(message: OutgoingMessage): void;
  flush(): Promise<void>;
  subscribe(
    subject: string,
    options: { queue?: string; bufferLimit: number },
  ): BrokerSubscription<BrokerMessage>;
  request(message: OutgoingMessage & { reply: string }, timeoutMs: number): Promise<BrokerMessage>;

  addStream(spec: StreamSpec): Promise<StreamStatus>;
  updateStream(spec: StreamSpec): Promise<StreamStatus>;
  streamInfo(name: string): Promise<StreamStatus>;
  /** Streams whose names start with `prefix`. */
  listStreams(prefix: string): Promise<StreamStatus[]>;
  purgeStream(name: string, options: { filter?: string; keep?: number; seq?: number }): Promise<number>;
  deleteStream(name: string): Promise<void>;
  publishToStream(message: StreamPublish): Promise<{ stream: string; seq: number; duplicate: boolean }>;

  addConsumer(stream: string, spec: ConsumerSpec): Promise<ConsumerStatus>;
  consumerInfo(stream: string, name: string): Promise<ConsumerStatus>;
  listConsumers(stream: string): Promise<ConsumerStatus[]>;
  deleteConsumer(stream: string, name: string): Promise<void>;
  fetch(
    stream: string,
    consumer: string,
    batch: number,
    expiresMs: number,
    signal: AbortSignal,
  ): Promise<Delivery[]>;
  consume(stream: string, consumer: string, maxMessages: number): Promise<BrokerSubscription<Delivery>>;
  /** Acknowledges one delivery through its reply subject, waiting for the server to confirm. */
  acknowledge(replySubject: string, kind: AckKind, delayMs?: number): Promise<void>;

  kvCreateBucket(spec: KvBucketSpec): Promise<KvBucketStatus>;
  kvBucketStatus(bucket: string): Promise<KvBucketStatus>;
  kvListBuckets(prefix: string): Promise<KvBucketStatus[]>;
  kvDeleteBucket(bucket: string): Promise<void>;
  /** `createBucket`: make a missing bucket with default settings first. */
  kvPut(bucket: string, key: string, value: Uint8Array, createBucket: boolean): Promise<number>;
  kvGet(bucket: string, key: string, revision: number): Promise<KvRecord | undefined>;
  kvCreate(bucket: string, key: string, value: Uint8Array, createBucket: boolean): Promise<number>;
  kvUpdate(bucket: string, key: string, value: Uint8Array, revision: number): Promise<number>;
  kvDelete(bucket: string, key: string, expectedRevision: number): Promise<void>;
  kvPurge(bucket: string, key: string): Promise<void>;
  kvKeys(bucket: string, filter: string): Promise<string[]>;
  kvHistory(bucket: string, key: string): Promise<KvRecord[]>;
  kvWatch(bucket: string, options: KvWatchSpec): Promise<BrokerSubscription<KvRecord>>;

  objCreateBucket(spec: ObjBucketSpec): Promise<ObjBucketStatus>;
  objListBuckets(prefix: string): Promise<ObjBucketStatus[]>;
  objDeleteBucket(bucket: string): Promise<void>;
  objPut(
    bucket: string,
    meta: { name: string; description: string; metadata: Record<string, string> },
    body: AsyncIterable<Uint8Array>,
    createBucket: boolean,
  ): Promise<ObjRecord>;
  objGet(bucket: string, name: string): Promise<{ info: ObjRecord; body: AsyncIterable<Uint8Array> }>;
  objInfo(bucket: string, name: string): Promise<ObjRecord>;
  objList(bucket: string): Promise<ObjRecord[]>;
  objDelete(bucket: string, name: string): Promise<void>;
}

export type ConnectionState = 'CONNECTING' | 'CONNECTED' | 'RECONNECTING' | 'CLOSED';

export interface BrokerHealth {
  state: ConnectionState;
  jetstream: boolean;
  serverVersion: string;
  rttMs: number;
  /** What is wrong, when something is. */
  problem?: string;
}

export interface ServerStats {
  connections: number;
  inMsgs: number;
  outMsgs: number;
  inBytes: number;
  outBytes: number;
}

/** A live stream of items (messages, deliveries, KV changes); close() ends it and frees the server side. */
export interface BrokerSubscription<T> extends AsyncIterable<T> {
  close(): void;
}

export interface OutgoingMessage {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  reply?: string;
}

export interface BrokerMessage {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  /** Empty when none. */
  reply: string;
}

export type Retention = 'limits' | 'interest' | 'workqueue';
export type Storage = 'file' | 'memory';

export interface StreamSpec {
  name: string;
  subjects: string[];
  retention: Retention;
  storage: Storage;
  /** 0 = unlimited. */
  maxMsgs: number;
  maxBytes: number;
  maxAgeMs: number;
  maxMsgSize: number;
  maxMsgsPerSubject: number;
  maxConsumers: number;
  replicas: number;
  discard: 'old' | 'new';
  discardNewPerSubject: boolean;
  /** 0 = the server's default. */
  duplicateWindowMs: number;
  description: string;
}

export interface StreamStatus {
  spec: StreamSpec;
  created: Date;
  messages: number;
  bytes: number;
  firstSeq: number;
  lastSeq: number;
  firstTime: Date | undefined;
  lastTime: Date | undefined;
  numSubjects: number;
  consumerCount: number;
  numDeleted: number;
}

export interface StreamPublish {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  msgId: string;
  expectStream: string;
  /** 0 = no expectation. */
  expectLastSeq: number;
}

export type DeliverPolicy =
  | 'all'
  | 'last'
  | 'new'
  | 'by_start_sequence'
  | 'by_start_time'
  | 'last_per_subject';

export interface ConsumerSpec {
  /** Empty for an ephemeral consumer named by the server. */
  name: string;
  durable: boolean;
  filterSubjects: string[];
  deliverPolicy: DeliverPolicy;
  ackPolicy: 'explicit' | 'all' | 'none';
  ackWaitMs: number;
  maxDeliver: number;
  replayPolicy: 'instant' | 'original';
  optStartSeq: number;
  optStartTime: Date | undefined;
  maxAckPending: number;
  inactiveThresholdMs: number;
  description: string;
}

export interface ConsumerStatus {
  stream: string;
  name: string;
  spec: ConsumerSpec;
  created: Date;
  deliveredConsumerSeq: number;
  deliveredStreamSeq: number;
  ackFloorConsumerSeq: number;
  ackFloorStreamSeq: number;
  numAckPending: number;
  numRedelivered: number;
  numWaiting: number;
  numPending: number;
}

export interface Delivery {
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  streamSeq: number;
  consumerSeq: number;
  deliveryCount: number;
  pending: number;
  timestamp: Date;
  /** The `$JS.ACK...` subject that acknowledges this delivery. */
  replySubject: string;
}

export type AckKind = 'ack' | 'nak' | 'term';

export interface KvBucketSpec {
  bucket: string;
  history: number;
  ttlMs: number;
  maxBytes: number;
  maxValueSize: number;
  storage: Storage;
  description: string;
  replicas: number;
}

export interface KvBucketStatus extends KvBucketSpec {
  values: number;
  bytes: number;
}

export interface KvRecord {
  key: string;
  value: Uint8Array;
  revision: number;
  created: Date;
  operation: 'PUT' | 'DEL' | 'PURGE';
}

export interface KvWatchSpec {
  /** Empty = every key. */
  key: string;
  includeHistory: boolean;
  updatesOnly: boolean;
  ignoreDeletes: boolean;
  bufferLimit: number;
}

export interface ObjBucketSpec {
  bucket: string;
  description: string;
  ttlMs: number;
  storage: Storage;
  maxBytes: number;
  replicas: number;
}

export interface ObjBucketStatus {
  bucket: string;
  description: string;
  ttlMs: number;
  storage: Storage;
  size: number;
  replicas: number;
  sealed: boolean;
}

export interface ObjRecord {
  bucket: string;
  name: string;
  description: string;
  size: number;
  chunks: number;
  digest: string;
  modified: Date;
  metadata: Record<string, string>;
  nuid: string;
}
