import type { DescMessage, DescMethod, JsonObject, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { type Timestamp, timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { mqtt, SERVICE_CATALOG } from '@isa-cloud/api';
import { BaseClient, type CallOptions, type ClientOptions } from '../base-client.js';
import { GrpcStatus, IsaCloudError } from '../errors.js';
import { LiveStream } from '../live-stream.js';

const { MQTTService, OverflowPolicy, DeviceStatus } = mqtt;
const rpc = MQTTService.method;

/** Message payloads: bytes, or a string sent as UTF-8. */
export type MQTTPayload = Uint8Array | string;
export type MQTTQoS = 0 | 1 | 2;

const bytes = (data: MQTTPayload | undefined): Uint8Array =>
  data === undefined ? new Uint8Array() : typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const date = (t: Timestamp | undefined) => (t ? timestampDate(t) : undefined);
const num = (n: bigint | number | undefined) => Number(n ?? 0);

export interface MQTTHealth {
  healthy: boolean;
  /** "connected" or "disconnected". */
  brokerStatus: string;
  /** Broker connections the instance holds for sessions and streams. */
  activeConnections: number;
  checkedAt: Date | undefined;
  message: string;
  /** "embedded" or "external". */
  backend: string;
  broker: string;
  /** Deep check: QoS 1 publish round trip. */
  roundTripMs: number;
  /** Deep check: what the broker reports about itself. */
  details: Record<string, string>;
}

export interface MQTTLastWill {
  topic: string;
  payload: MQTTPayload;
  qos?: MQTTQoS;
  retain?: boolean;
}

export interface MQTTConnectOptions {
  /** Broker credentials (default: the service's own). */
  username?: string;
  password?: string;
  /** Default true; false keeps subscriptions and queued messages on the broker between connections. */
  cleanSession?: boolean;
  /** Default 60. */
  keepAliveSeconds?: number;
  will?: MQTTLastWill;
}

export interface MQTTSessionInfo {
  sessionId: string;
  clientId: string;
  connected: boolean;
  connectedAt: Date | undefined;
  lastActivityAt: Date | undefined;
  cleanSession: boolean;
  keepAliveSeconds: number;
  messagesSent: number;
  messagesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  subscriptions: number;
  reconnects: number;
  hasWill: boolean;
}

export interface MQTTConnection {
  /** Pass it to publish, subscribe and disconnect. */
  sessionId: string;
  /** The broker still had state for this client id (persistent sessions). */
  sessionPresent: boolean;
  session: MQTTSessionInfo;
}

export interface MQTTPublishOptions {
  /** Default 1. */
  qos?: MQTTQoS;
  retained?: boolean;
}

export interface MQTTPublishResult {
  messageId: string;
  publishedAt: Date | undefined;
}

export interface MQTTOutgoingMessage extends MQTTPublishOptions {
  topic: string;
  payload: MQTTPayload;
}

export interface MQTTMessage {
  topic: string;
  payload: Buffer;
  qos: MQTTQoS;
  /** Sent because it was retained when the subscription was made. */
  retained: boolean;
  duplicate: boolean;
  receivedAt: Date | undefined;
  /** 1, 2, 3, ... per stream. */
  sequence: number;
  /** Messages skipped (overflow "drop-oldest") just before this one. */
  droppedBefore: number;
}

export interface MQTTTopicSubscription {
  topicFilter: string;
  /** Default 1. */
  qos?: MQTTQoS;
}

export interface MQTTSubscribeOptions {
  /**
   * When the stream falls behind its bounded buffer: "close" (default) ends it with RESOURCE_EXHAUSTED;
   * "drop-oldest" skips the oldest messages and reports how many in `droppedBefore`.
   */
  overflow?: 'close' | 'drop-oldest';
}

export interface MQTTSubscriptionInfo {
  topicFilter: string;
  qos: MQTTQoS;
  /** Empty for a stream opened without a session. */
  sessionId: string;
  activeStreams: number;
}

export interface MQTTRetainedMessage {
  /** False when the topic has no retained message (the other fields are then empty). */
  found: boolean;
  topic: string;
  payload: Buffer;
  qos: MQTTQoS;
  /** When the broker stored it, if the broker records that. */
  storedAt: Date | undefined;
}

export type MQTTDeviceStatus = 'online' | 'offline' | 'sleeping' | 'error' | 'unknown';

export interface MQTTDevice {
  deviceId: string;
  deviceName: string;
  deviceType: string;
  status: MQTTDeviceStatus;
  /** A session with the device id as client id is connected. */
  online: boolean;
  metadata: Record<string, string>;
  registeredAt: Date | undefined;
  lastSeen: Date | undefined;
  statusUpdatedAt: Date | undefined;
  organizationId: string;
  activeSessions: number;
}

export interface MQTTDeviceList {
  devices: MQTTDevice[];
  totalCount: number;
  page: number;
  pageSize: number;
}

export interface MQTTTimePoint {
  timestamp: Date | undefined;
  value: number;
}

export interface MQTTDeviceMetrics {
  deviceId: string;
  messagesSent: number;
  messagesReceived: number;
  bytesSent: number;
  bytesReceived: number;
  /** Messages per hour. */
  messageRate: MQTTTimePoint[];
  /** Failed publishes per hour. */
  errorRate: MQTTTimePoint[];
}

export interface MQTTTopicInfo {
  topic: string;
  subscriberCount: number;
  messageCount: number;
  bytes: number;
  lastMessageTime: Date | undefined;
  hasRetainedMessage: boolean;
}

export interface MQTTTopicValidation {
  valid: boolean;
  message: string;
  violations: string[];
  /** The topic as the broker sees it, in your namespace. */
  brokerTopic: string;
}

export interface MQTTStatistics {
  totalDevices: number;
  onlineDevices: number;
  totalTopics: number;
  totalSubscriptions: number;
  messagesSentToday: number;
  messagesReceivedToday: number;
  activeSessions: number;
  deviceTypeDistribution: Record<string, number>;
  bytesSentToday: number;
  bytesReceivedToday: number;
}

const STATUS_TO_WIRE: Record<Exclude<MQTTDeviceStatus, 'unknown'>, mqtt.DeviceStatus> = {
  online: DeviceStatus.ONLINE,
  offline: DeviceStatus.OFFLINE,
  sleeping: DeviceStatus.SLEEPING,
  error: DeviceStatus.ERROR,
};

function statusName(status: mqtt.DeviceStatus): MQTTDeviceStatus {
  const entry = Object.entries(STATUS_TO_WIRE).find(([, v]) => v === status);
  return (entry?.[0] as MQTTDeviceStatus | undefined) ?? 'unknown';
}

function toSession(s: mqtt.SessionInfo | undefined): MQTTSessionInfo {
  return {
    sessionId: s?.sessionId ?? '',
    clientId: s?.clientId ?? '',
    connected: s?.connected ?? false,
    connectedAt: date(s?.connectedAt),
    lastActivityAt: date(s?.lastActivityAt),
    cleanSession: s?.cleanSession ?? true,
    keepAliveSeconds: s?.keepAliveSeconds ?? 0,
    messagesSent: num(s?.messagesSent),
    messagesReceived: num(s?.messagesReceived),
    bytesSent: num(s?.bytesSent),
    bytesReceived: num(s?.bytesReceived),
    subscriptions: num(s?.subscriptions),
    reconnects: num(s?.reconnects),
    hasWill: s?.hasWill ?? false,
  };
}

function toMessage(m: mqtt.MQTTMessage): MQTTMessage {
  return {
    topic: m.topic,
    payload: buf(m.payload),
    qos: m.qos as MQTTQoS,
    retained: m.retained,
    duplicate: m.duplicate,
    receivedAt: date(m.receivedAt),
    sequence: num(m.sequence),
    droppedBefore: num(m.droppedBefore),
  };
}

function toDevice(d: mqtt.DeviceInfo | undefined): MQTTDevice {
  return {
    deviceId: d?.deviceId ?? '',
    deviceName: d?.deviceName ?? '',
    deviceType: d?.deviceType ?? '',
    status: statusName(d?.status ?? DeviceStatus.UNSPECIFIED),
    online: d?.online ?? false,
    metadata: d?.metadata ?? {},
    registeredAt: date(d?.registeredAt),
    lastSeen: date(d?.lastSeen),
    statusUpdatedAt: date(d?.statusUpdatedAt),
    organizationId: d?.organizationId ?? '',
    activeSessions: num(d?.activeSessions),
  };
}

function toTopic(t: mqtt.TopicInfo | undefined): MQTTTopicInfo {
  return {
    topic: t?.topic ?? '',
    subscriberCount: num(t?.subscriberCount),
    messageCount: num(t?.messageCount),
    bytes: num(t?.bytes),
    lastMessageTime: date(t?.lastMessageTime),
    hasRetainedMessage: t?.hasRetainedMessage ?? false,
  };
}

const points = (series: mqtt.TimeSeriesPoint[]): MQTTTimePoint[] =>
  series.map((p) => ({ timestamp: date(p.timestamp), value: p.value }));

function outgoing(m: MQTTOutgoingMessage) {
  return { topic: m.topic, payload: bytes(m.payload), qos: m.qos ?? 1, retained: m.retained ?? false };
}

/**
 * Groups a message source into requests: everything that is ready at once goes in one request (fewer,
 * larger gRPC messages), but a message is never held back waiting for more.
 */
async function* coalesce<T>(source: AsyncIterable<T> | Iterable<T>, max: number): AsyncGenerator<T[]> {
  const iterator =
    Symbol.asyncIterator in source
      ? (source as AsyncIterable<T>)[Symbol.asyncIterator]()
      : (source as Iterable<T>)[Symbol.iterator]();
  let batch: T[] = [];
  let pending: Promise<IteratorResult<T>> | undefined;
  for (;;) {
    pending ??= Promise.resolve(iterator.next());
    if (batch.length > 0) {
      const ready = await Promise.race([
        pending.then(() => true),
        new Promise<false>((resolve) => setImmediate(() => resolve(false))),
      ]);
      if (!ready) {
        yield batch;
        batch = [];
      }
    }
    const next = await pending;
    pending = undefined;
    if (next.done) break;
    batch.push(next.value);
    if (batch.length >= max) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * A live subscription: iterate it with `for await`. It ends when you break out of the loop, call
 * close(), abort the call's signal, or the session ends; a failure while iterating throws IsaCloudError
 * (RESOURCE_EXHAUSTED when it fell behind with overflow "close").
 */
export class MQTTSubscription<T> extends LiveStream<T> {
  constructor(
    id: string,
    /** The QoS the broker granted, one per filter. */
    readonly grantedQos: MQTTQoS[],
    source: AsyncGenerator<T | undefined>,
    controller: AbortController,
  ) {
    super(id, source, controller);
  }
}

/**
 * IoT messaging over MQTT, port 50053: broker sessions, publish/subscribe, retained messages, devices and
 * statistics. Every topic is your own ("sensors/temperature"); the server places it under
 * `{user_id}/{organization_id}/` on the broker, and wildcards only match inside that namespace.
 */
export class MQTTClient extends BaseClient {
  constructor(options: ClientOptions = {}) {
    super(SERVICE_CATALOG.get('mqtt')!, options);
  }

  /** Opens a server stream and waits for the server's "started" event, so the subscription is live. */
  private openLive<I extends DescMessage, O extends DescMessage, T>(
    operation: string,
    method: DescMethod & { input: I; output: O },
    request: MessageInitShape<I>,
    options: CallOptions,
    pick: (response: MessageShape<O>) => { started?: { id: string; granted: MQTTQoS[] }; item?: T },
  ): Promise<MQTTSubscription<T> | null> {
    return this.run(operation, options, async () => {
      const live = await this.openConfirmedStream(operation, method, request, options, pick);
      return new MQTTSubscription(live.started.id, live.started.granted, live.items, live.controller);
    });
  }

  healthCheck(options: { deepCheck?: boolean } & CallOptions = {}): Promise<MQTTHealth | null> {
    return this.run('healthCheck', options, async () => {
      const r = await this.unary(rpc.healthCheck, { deepCheck: options.deepCheck ?? false }, options);
      return {
        healthy: r.healthy,
        brokerStatus: r.brokerStatus,
        activeConnections: num(r.activeConnections),
        checkedAt: date(r.checkedAt),
        message: r.message,
        backend: r.backend,
        broker: r.broker,
        roundTripMs: r.roundTripMs,
        details: r.details,
      };
    });
  }

  // Sessions

  /**
   * Opens a session: a real broker connection for `clientId` (e.g. a device id), as the guide's
   * `connect(client_id=...)`. Called with no client id (or a timeout in ms) it is BaseClient's connect:
   * it waits until the gRPC channel is up and resolves to true or false.
   */
  override connect(timeoutMs?: number): Promise<boolean>;
  override connect(
    clientId: string,
    options?: MQTTConnectOptions & CallOptions,
  ): Promise<MQTTConnection | null>;
  override connect(
    target?: string | number,
    options: MQTTConnectOptions & CallOptions = {},
  ): Promise<boolean | MQTTConnection | null> {
    if (typeof target !== 'string') return super.connect(target);
    const clientId = target;
    return this.run('connect', options, async () => {
      const r = await this.unary(
        rpc.connect,
        {
          clientId,
          username: options.username ?? '',
          password: options.password ?? '',
          cleanSession: options.cleanSession ?? true,
          keepAliveSeconds: options.keepAliveSeconds ?? 0,
          ...(options.will
            ? {
                will: {
                  topic: options.will.topic,
                  payload: bytes(options.will.payload),
                  qos: options.will.qos ?? 1,
                  retain: options.will.retain ?? false,
                },
              }
            : {}),
        },
        options,
      );
      return { sessionId: r.sessionId, sessionPresent: r.sessionPresent, session: toSession(r.session) };
    });
  }

  /**
   * Ends a session. `publishWill` drops the connection without an MQTT DISCONNECT, so the broker
   * publishes the session's last will (as when a device vanishes).
   */
  disconnect(sessionId: string, options: { publishWill?: boolean } & CallOptions = {}): Promise<true | null> {
    return this.run('disconnect', options, async () => {
      await this.unary(rpc.disconnect, { sessionId, publishWill: options.publishWill ?? false }, options);
      return true as const;
    });
  }

  getConnectionStatus(sessionId: string, options: CallOptions = {}): Promise<MQTTSessionInfo | null> {
    return this.run('getConnectionStatus', options, async () =>
      toSession((await this.unary(rpc.getConnectionStatus, { sessionId }, options)).session),
    );
  }

  /** Your sessions on the instance that serves the call. */
  listSessions(options: CallOptions = {}): Promise<MQTTSessionInfo[] | null> {
    return this.run('listSessions', options, async () =>
      (await this.unary(rpc.listSessions, {}, options)).sessions.map(toSession),
    );
  }

  // Publishing

  /**
   * Publishes one message on the session's connection (`sessionId` null: on the service's own). With
   * QoS 1 or 2 it resolves once the broker acknowledged it.
   */
  publish(
    sessionId: string | null,
    topic: string,
    payload: MQTTPayload,
    options: MQTTPublishOptions & CallOptions = {},
  ): Promise<MQTTPublishResult | null> {
    return this.run('publish', options, async () => {
      const r = await this.unary(
        rpc.publish,
        { sessionId: sessionId ?? '', ...outgoing({ topic, payload, ...options }) },
        options,
      );
      return { messageId: r.messageId, publishedAt: date(r.publishedAt) };
    });
  }

  /** Publishes a JSON object as the message payload. */
  publishJson(
    sessionId: string | null,
    topic: string,
    data: JsonObject,
    options: MQTTPublishOptions & CallOptions = {},
  ): Promise<MQTTPublishResult | null> {
    return this.run('publishJson', options, async () => {
      const r = await this.unary(
        rpc.publishJSON,
        {
          sessionId: sessionId ?? '',
          topic,
          data,
          qos: options.qos ?? 1,
          retained: options.retained ?? false,
        },
        options,
      );
      return { messageId: r.messageId, publishedAt: date(r.publishedAt) };
    });
  }

  /** Publishes every message (all are checked before any is sent); resolves once all are acknowledged. */
  publishBatch(
    sessionId: string | null,
    messages: MQTTOutgoingMessage[],
    options: CallOptions = {},
  ): Promise<{ publishedCount: number; messageIds: string[] } | null> {
    return this.run('publishBatch', options, async () => {
      const r = await this.unary(
        rpc.publishBatch,
        { sessionId: sessionId ?? '', messages: messages.map(outgoing) },
        options,
      );
      return { publishedCount: num(r.publishedCount), messageIds: r.messageIds };
    });
  }

  /**
   * Publishes a (possibly endless) sequence of messages over one client stream — the fastest way to
   * publish. Resolves once every QoS >= 1 message is acknowledged, to how many were published.
   */
  publishStream(
    sessionId: string | null,
    messages: AsyncIterable<MQTTOutgoingMessage> | Iterable<MQTTOutgoingMessage>,
    options: { maxMessagesPerRequest?: number } & CallOptions = {},
  ): Promise<{ publishedCount: number } | null> {
    return this.run('publishStream', options, async () => {
      const session = sessionId ?? '';
      const max = Math.max(1, options.maxMessagesPerRequest ?? 256);
      async function* requests() {
        let first = true;
        for await (const batch of coalesce(messages, max)) {
          yield {
            message: { sessionId: first ? session : '', messages: batch.map(outgoing) },
            compress: false,
          };
          first = false;
        }
      }
      const r = await this.clientStream(rpc.publishStream, requests(), options);
      return { publishedCount: num(r.publishedCount) };
    });
  }

  // Subscribing

  /**
   * Subscribes to one topic filter ("+" one level, "#" the rest, inside your namespace) on the session's
   * connection (`sessionId` null: on a connection of the stream's own). Resolves once the broker granted
   * it, to a live stream of messages.
   */
  subscribe(
    sessionId: string | null,
    topicFilter: string,
    options: { qos?: MQTTQoS } & MQTTSubscribeOptions & CallOptions = {},
  ): Promise<MQTTSubscription<MQTTMessage> | null> {
    return this.subscribeMultiple(sessionId, [{ topicFilter, qos: options.qos ?? 1 }], options, 'subscribe');
  }

  /** Subscribes to several filters on one stream. */
  subscribeMultiple(
    sessionId: string | null,
    subscriptions: MQTTTopicSubscription[],
    options: MQTTSubscribeOptions & CallOptions = {},
    operation = 'subscribeMultiple',
  ): Promise<MQTTSubscription<MQTTMessage> | null> {
    return this.openLive(
      operation,
      rpc.subscribe,
      {
        sessionId: sessionId ?? '',
        subscriptions: subscriptions.map((s) => ({ topicFilter: s.topicFilter, qos: s.qos ?? 1 })),
        overflow: options.overflow === 'drop-oldest' ? OverflowPolicy.DROP_OLDEST : OverflowPolicy.CLOSE,
      },
      options,
      (r) =>
        r.event.case === 'started'
          ? { started: { id: r.event.value.subscriptionId, granted: r.event.value.grantedQos as MQTTQoS[] } }
          : r.event.case === 'message'
            ? { item: toMessage(r.event.value) }
            : {},
    );
  }

  /**
   * The reference client's callback style: calls `callback` for each message until `timeoutSeconds`
   * (default: none) pass, `maxMessages` arrived or `signal` aborts; resolves to the number handled.
   */
  subscribeWithCallback(
    sessionId: string | null,
    topicFilter: string,
    callback: (message: MQTTMessage) => void | Promise<void>,
    options: { qos?: MQTTQoS; timeoutSeconds?: number; maxMessages?: number } & MQTTSubscribeOptions &
      CallOptions = {},
  ): Promise<number | null> {
    return this.run('subscribe', options, async () => {
      const signals = [
        options.signal,
        options.timeoutSeconds ? AbortSignal.timeout(options.timeoutSeconds * 1000) : undefined,
      ];
      const active = signals.filter((s): s is AbortSignal => s !== undefined);
      const signal = active.length > 0 ? AbortSignal.any(active) : undefined;
      const stream = await this.subscribe(sessionId, topicFilter, {
        ...options,
        ...(signal ? { signal } : {}),
        throwOnError: true,
      });
      let count = 0;
      try {
        for await (const message of stream!) {
          await callback(message);
          if (++count >= (options.maxMessages ?? Number.POSITIVE_INFINITY)) break;
        }
      } catch (err) {
        // Ending on the timeout (or the caller's signal) is how this call is meant to end.
        if (!signal?.aborted) throw err;
      }
      return count;
    });
  }

  /** Removes filters from a session; resolves to how many it had. */
  unsubscribe(
    sessionId: string,
    topicFilters: string | string[],
    options: CallOptions = {},
  ): Promise<number | null> {
    return this.run('unsubscribe', options, async () => {
      const filters = typeof topicFilters === 'string' ? [topicFilters] : topicFilters;
      return num(
        (await this.unary(rpc.unsubscribe, { sessionId, topicFilters: filters }, options)).unsubscribedCount,
      );
    });
  }

  /** The session's subscriptions (no session: all of yours on the serving instance). */
  listSubscriptions(sessionId?: string, options: CallOptions = {}): Promise<MQTTSubscriptionInfo[] | null> {
    return this.run('listSubscriptions', options, async () =>
      (await this.unary(rpc.listSubscriptions, { sessionId: sessionId ?? '' }, options)).subscriptions.map(
        (s) => ({
          topicFilter: s.topicFilter,
          qos: s.qos as MQTTQoS,
          sessionId: s.sessionId,
          activeStreams: num(s.activeStreams),
        }),
      ),
    );
  }

  // Retained messages

  setRetainedMessage(
    topic: string,
    payload: MQTTPayload,
    options: { qos?: MQTTQoS } & CallOptions = {},
  ): Promise<true | null> {
    return this.run('setRetainedMessage', options, async () => {
      await this.unary(
        rpc.setRetainedMessage,
        { topic, payload: bytes(payload), qos: options.qos ?? 1 },
        options,
      );
      return true as const;
    });
  }

  getRetainedMessage(topic: string, options: CallOptions = {}): Promise<MQTTRetainedMessage | null> {
    return this.run('getRetainedMessage', options, async () => {
      const r = await this.unary(rpc.getRetainedMessage, { topic }, options);
      return {
        found: r.found,
        topic: r.message?.topic ?? topic,
        payload: buf(r.message?.payload ?? new Uint8Array()),
        qos: (r.message?.qos ?? 0) as MQTTQoS,
        storedAt: date(r.message?.storedAt),
      };
    });
  }

  /** Removes a topic's retained message; `existed` says whether there was one. */
  deleteRetainedMessage(topic: string, options: CallOptions = {}): Promise<{ existed: boolean } | null> {
    return this.run('deleteRetainedMessage', options, async () => ({
      existed: (await this.unary(rpc.deleteRetainedMessage, { topic }, options)).existed,
    }));
  }

  /** Retained messages under a topic prefix ("sensors" → "sensors" and "sensors/...") or matching a filter. */
  listRetainedMessages(
    options: {
      prefix?: string;
      topicFilter?: string;
      limit?: number;
      includePayload?: boolean;
    } & CallOptions = {},
  ): Promise<{ messages: MQTTRetainedMessage[]; truncated: boolean } | null> {
    return this.run('listRetainedMessages', options, async () => {
      const r = await this.unary(
        rpc.listRetainedMessages,
        {
          prefix: options.prefix ?? '',
          topicFilter: options.topicFilter ?? '',
          limit: options.limit ?? 0,
          includePayload: options.includePayload ?? false,
        },
        options,
      );
      return {
        messages: r.messages.map((m) => ({
          found: true,
          topic: m.topic,
          payload: buf(m.payload),
          qos: m.qos as MQTTQoS,
          storedAt: date(m.storedAt),
        })),
        truncated: r.truncated,
      };
    });
  }

  // Devices

  registerDevice(
    deviceId: string,
    deviceName: string,
    options: { deviceType?: string; metadata?: Record<string, string> } & CallOptions = {},
  ): Promise<MQTTDevice | null> {
    return this.run('registerDevice', options, async () =>
      toDevice(
        (
          await this.unary(
            rpc.registerDevice,
            {
              deviceId,
              deviceName,
              deviceType: options.deviceType ?? 'sensor',
              metadata: options.metadata ?? {},
            },
            options,
          )
        ).device,
      ),
    );
  }

  unregisterDevice(deviceId: string, options: CallOptions = {}): Promise<true | null> {
    return this.run('unregisterDevice', options, async () => {
      await this.unary(rpc.unregisterDevice, { deviceId }, options);
      return true as const;
    });
  }

  listDevices(
    options: {
      status?: Exclude<MQTTDeviceStatus, 'unknown'>;
      deviceType?: string;
      page?: number;
      pageSize?: number;
    } & CallOptions = {},
  ): Promise<MQTTDeviceList | null> {
    return this.run('listDevices', options, async () => {
      const r = await this.unary(
        rpc.listDevices,
        {
          status: options.status ? STATUS_TO_WIRE[options.status] : DeviceStatus.UNSPECIFIED,
          deviceType: options.deviceType ?? '',
          page: options.page ?? 1,
          pageSize: options.pageSize ?? 50,
        },
        options,
      );
      return {
        devices: r.devices.map(toDevice),
        totalCount: num(r.totalCount),
        page: r.page,
        pageSize: r.pageSize,
      };
    });
  }

  getDeviceInfo(deviceId: string, options: CallOptions = {}): Promise<MQTTDevice | null> {
    return this.run('getDeviceInfo', options, async () =>
      toDevice((await this.unary(rpc.getDeviceInfo, { deviceId }, options)).device),
    );
  }

  /** Records what the device reports; metadata is merged (an empty value removes a key). */
  updateDeviceStatus(
    deviceId: string,
    status: Exclude<MQTTDeviceStatus, 'unknown'>,
    options: { metadata?: Record<string, string> } & CallOptions = {},
  ): Promise<MQTTDevice | null> {
    return this.run('updateDeviceStatus', options, async () => {
      const wire = STATUS_TO_WIRE[status];
      if (wire === undefined) {
        throw new IsaCloudError({
          service: this.serviceName,
          operation: 'updateDeviceStatus',
          code: GrpcStatus.INVALID_ARGUMENT,
          details: `status: must be one of ${Object.keys(STATUS_TO_WIRE).join(', ')}`,
          field: 'status',
        });
      }
      return toDevice(
        (
          await this.unary(
            rpc.updateDeviceStatus,
            { deviceId, status: wire, metadata: options.metadata ?? {} },
            options,
          )
        ).device,
      );
    });
  }

  /** The device's traffic per hour (default: the last 24 hours). */
  getDeviceMetrics(
    deviceId: string,
    options: { startTime?: Date; endTime?: Date } & CallOptions = {},
  ): Promise<MQTTDeviceMetrics | null> {
    return this.run('getDeviceMetrics', options, async () => {
      const r = await this.unary(
        rpc.getDeviceMetrics,
        {
          deviceId,
          ...(options.startTime ? { startTime: timestampFromDate(options.startTime) } : {}),
          ...(options.endTime ? { endTime: timestampFromDate(options.endTime) } : {}),
        },
        options,
      );
      return {
        deviceId: r.deviceId,
        messagesSent: num(r.messagesSent),
        messagesReceived: num(r.messagesReceived),
        bytesSent: num(r.bytesSent),
        bytesReceived: num(r.bytesReceived),
        messageRate: points(r.messageRate),
        errorRate: points(r.errorRate),
      };
    });
  }

  // Topics and statistics

  getTopicInfo(topic: string, options: CallOptions = {}): Promise<MQTTTopicInfo | null> {
    return this.run('getTopicInfo', options, async () =>
      toTopic((await this.unary(rpc.getTopicInfo, { topic }, options)).topicInfo),
    );
  }

  listTopics(
    options: { prefix?: string; page?: number; pageSize?: number } & CallOptions = {},
  ): Promise<{ topics: MQTTTopicInfo[]; totalCount: number } | null> {
    return this.run('listTopics', options, async () => {
      const r = await this.unary(
        rpc.listTopics,
        { prefix: options.prefix ?? '', page: options.page ?? 1, pageSize: options.pageSize ?? 50 },
        options,
      );
      return { topics: r.topics.map(toTopic), totalCount: num(r.totalCount) };
    });
  }

  /** Checks a topic (or with allowWildcards a subscription filter) against the MQTT rules. */
  validateTopic(
    topic: string,
    options: { allowWildcards?: boolean } & CallOptions = {},
  ): Promise<MQTTTopicValidation | null> {
    return this.run('validateTopic', options, async () => {
      const r = await this.unary(
        rpc.validateTopic,
        { topic, allowWildcards: options.allowWildcards ?? false },
        options,
      );
      return { valid: r.valid, message: r.message, violations: r.violations, brokerTopic: r.brokerTopic };
    });
  }

  getStatistics(options: CallOptions = {}): Promise<MQTTStatistics | null> {
    return this.run('getStatistics', options, async () => {
      const r = await this.unary(rpc.getStatistics, {}, options);
      return {
        totalDevices: num(r.totalDevices),
        onlineDevices: num(r.onlineDevices),
        totalTopics: num(r.totalTopics),
        totalSubscriptions: num(r.totalSubscriptions),
        messagesSentToday: num(r.messagesSentToday),
        messagesReceivedToday: num(r.messagesReceivedToday),
        activeSessions: num(r.activeSessions),
        deviceTypeDistribution: Object.fromEntries(
          Object.entries(r.deviceTypeDistribution).map(([k, v]) => [k, num(v)]),
        ),
        bytesSentToday: num(r.bytesSentToday),
        bytesReceivedToday: num(r.bytesReceivedToday),
      };
    });
  }
}
