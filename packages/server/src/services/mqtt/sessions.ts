import { randomBytes } from 'node:crypto';
import { ServiceError } from '../../platform/errors.js';
import { KeyedMutex } from '../../platform/keyed-mutex.js';
import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import type { BrokerConnection, InboundMessage, MqttBackend, Qos } from './broker.js';
import { DeliveryQueue, type OverflowPolicy } from './delivery-queue.js';
import { brokerClientId, filterMatches, streamClientId } from './names.js';
import type { PresenceRecord } from './registry.js';

export interface SessionSettings {
  /** A session no call used for this long, with no open stream, is reaped. */
  idleTimeoutMs: number;
  maxSessionsPerTenant: number;
  maxSessions: number;
  /** Per subscription stream. */
  bufferItems: number;
  bufferBytes: number;
  /** Messages a persistent session keeps for streams that are not open yet. */
  backlogItems: number;
  backlogBytes: number;
}

export interface SessionRequest {
  clientId: string;
  username: string;
  password: string;
  clean: boolean;
  keepAliveSeconds: number;
  will?: { topic: string; payload: Uint8Array; qos: Qos; retain: boolean };
}

/** One subscription stream: the filters it reads and the bounded queue its messages wait in. */
export interface StreamSink {
  readonly id: string;
  /** Physical filter → the caller's own filter and the QoS the broker granted. */
  readonly filters: Map<string, { own: string; qos: Qos }>;
  readonly queue: DeliveryQueue<InboundMessage>;
}

/**
 * The QoS a stream receives a message at: the lower of the publish QoS and the highest QoS granted to the
 * stream's filters that match it (MQTT §3.8.4). Applied here as well as by the broker because aedes only
 * downgrades for subscriptions to the exact topic, not for wildcard filters.
 */
export function deliveryQos(sink: StreamSink, message: InboundMessage): Qos {
  let granted = -1;
  for (const [filter, f] of sink.filters) {
    if (f.qos > granted && filterMatches(filter, message.topic)) granted = f.qos;
  }
  return (granted < 0 ? message.qos : Math.min(message.qos, granted)) as Qos;
}

interface SubscriptionEntry {
  own: string;
  qos: Qos;
  streams: Set<StreamSink>;
}

/** A subscription stream with a connection of its own (Subscribe without a session). */
interface OwnConnectionStream {
  tenant: Tenant;
  sink: StreamSink;
  connection: BrokerConnection;
}

function grant(sink: StreamSink, request: ReadonlyArray<{ topic: string }>, granted: readonly Qos[]): void {
  request.forEach((r, i) => {
    const f = sink.filters.get(r.topic);
    if (f && granted[i] !== undefined) f.qos = granted[i];
  });
}

export interface OpenedStream {
  sink: StreamSink;
  granted: Qos[];
  /** The client id traffic is counted under (the session's), if any. */
  clientId: string | undefined;
  release(): Promise<void>;
}

const sameTenant = (a: Tenant, b: Tenant) => a.userId === b.userId && a.organizationId === b.organizationId;
const tenantKey = (t: Tenant) => `${t.userId}/${t.organizationId}`;
const SESSION_ID = /^[A-Za-z0-9_.-]{1,128}$/;

/** One session: a real broker connection held for a tenant's client id. */
export class Session {
  readonly connectedAt = new Date();
  lastActivity = Date.now();
  sent = 0;
  received = 0;
  bytesSent = 0;
  bytesReceived = 0;
  reconnects = 0;
  ended = false;
  readonly subscriptions = new Map<string, SubscriptionEntry>();
  readonly sinks = new Set<StreamSink>();
  /** Persistent sessions only: messages that arrived while no stream wanted them. */
  readonly backlog: DeliveryQueue<InboundMessage> | undefined;

  constructor(
    readonly id: string,
    readonly tenant: Tenant,
    readonly clientId: string,
    readonly connection: BrokerConnection,
    readonly request: SessionRequest,
    settings: SessionSettings,
  ) {
    this.backlog = request.clean
      ? undefined
      : new DeliveryQueue(settings.backlogItems, settings.backlogBytes, 'drop-oldest');
  }

  touch(): void {
    this.lastActivity = Date.now();
  }
}

/**
 * The sessions and subscription streams this instance holds. Every message a connection receives is
 * handed, without waiting, to the bounded queue of each stream whose filters match it: a slow stream
 * fills (and then overflows) only its own queue, and never holds up the connection or other streams.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();
  private readonly streams = new Map<string, OwnConnectionStream>();
  private readonly opening = new KeyedMutex();
  private readonly reaper: NodeJS.Timeout;

  constructor(
    private readonly backend: MqttBackend,
    readonly instanceId: string,
    private readonly settings: SessionSettings,
    /** Called whenever a tenant's sessions or streams change (presence); awaited by Connect/Disconnect. */
    private readonly changed: (tenant: Tenant) => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.reaper = setInterval(() => this.reap(), Math.max(250, Math.min(settings.idleTimeoutMs / 4, 30_000)));
    this.reaper.unref();
  }

  /** Broker connections held for tenants (sessions and streams with their own connection). */
  get activeConnections(): number {
    return this.sessions.size + this.streams.size;
  }

  async open(tenant: Tenant, request: SessionRequest): Promise<Session> {
    return this.opening.run(`${tenantKey(tenant)}/${request.clientId}`, async () => {
      // MQTT lets one connection per client id exist: a new session for the same client id takes over.
      for (const s of this.sessions.values()) {
        if (sameTenant(s.tenant, tenant) && s.clientId === request.clientId) {
          await this.end(s, { abrupt: false, reason: 'taken over by a new session with the same client id' });
        }
      }
      const own = [...this.sessions.values()].filter((s) => sameTenant(s.tenant, tenant)).length;
      if (own >= this.settings.maxSessionsPerTenant) {
        throw ServiceError.resourceExhausted(
          `at most ${this.settings.maxSessionsPerTenant} sessions per tenant on one instance; disconnect unused sessions`,
        );
      }
      if (this.sessions.size >= this.settings.maxSessions) {
        throw ServiceError.resourceExhausted(
          'this instance holds as many sessions as it may; try again later',
        );
      }
      const connection = await this.backend.connect({
        clientId: brokerClientId(tenant, request.clientId),
        ...(request.username ? { username: request.username, password: request.password } : {}),
        clean: request.clean,
        keepAliveSeconds: request.keepAliveSeconds,
        ...(request.will ? { will: request.will } : {}),
        reconnect: true,
      });
      const id = `${this.instanceId}.${randomBytes(16).toString('base64url')}`;
      const session = new Session(id, tenant, request.clientId, connection, request, this.settings);
      connection.onMessage((m) => this.dispatch(session, m));
      connection.onEvent((event) => {
        if (event.type === 'connected') session.reconnects++;
        if (event.type === 'closed' && !session.ended) {
          void this.end(session, { abrupt: true, reason: event.reason, brokerClosed: true });
          return;
        }
        void this.changed(tenant);
      });
      this.sessions.set(id, session);
      await this.changed(tenant);
      return session;
    });
  }

  /** The caller's session (NOT_FOUND for unknown ids and for other tenants' sessions alike). */
  get(tenant: Tenant, sessionId: string, field = 'session_id'): Session {
    if (!SESSION_ID.test(sessionId)) {
      throw ServiceError.invalidArgument(field, 'is not a session id returned by Connect');
    }
    const session = this.sessions.get(sessionId);
    if (!session || !sameTenant(session.tenant, tenant) || session.ended) {
      const elsewhere = !sessionId.startsWith(`${this.instanceId}.`);
      throw ServiceError.notFound(
        elsewhere
          ? `session "${sessionId}" (sessions live on the service instance that opened them; this is another one)`
          : `session "${sessionId}"`,
      );
    }
    session.touch();
    return session;
  }

  list(tenant: Tenant): Session[] {
    return [...this.sessions.values()].filter((s) => sameTenant(s.tenant, tenant));
  }

  async disconnect(tenant: Tenant, sessionId: string, abrupt: boolean): Promise<void> {
    const session = this.get(tenant, sessionId);
    await this.end(session, { abrupt, reason: 'disconnected' });
  }

  private async end(
    session: Session,
    how: { abrupt: boolean; reason: string; brokerClosed?: boolean },
  ): Promise<void> {
    if (session.ended) return;
    session.ended = true;
    this.sessions.delete(session.id);
    for (const sink of session.sinks) {
      if (how.reason === 'disconnected') sink.queue.end();
      else sink.queue.fail(ServiceError.aborted(`the session ended: ${how.reason}`));
    }
    session.sinks.clear();
    session.backlog?.end();
    if (!how.brokerClosed) await session.connection.close(how.abrupt).catch(() => undefined);
    this.logger.debug({ sessionId: session.id, reason: how.reason }, 'mqtt session ended');
    await this.changed(session.tenant);
  }

  private dispatch(session: Session, message: InboundMessage): void {
    session.received++;
    session.bytesReceived += message.payload.length;
    let delivered = false;
    const targets = new Set<StreamSink>();
    for (const [filter, entry] of session.subscriptions) {
      if (entry.streams.size > 0 && filterMatches(filter, message.topic)) {
        for (const sink of entry.streams) targets.add(sink);
      }
    }
    for (const sink of targets) {
      sink.queue.push(message, message.payload.length);
      delivered = true;
    }
    if (!delivered) session.backlog?.push(message, message.payload.length);
  }

  /**
   * Opens a subscription stream: on a session's connection, or (no session) on a connection of its own.
   * Resolves once the broker granted the subscriptions.
   */
  async subscribe(
    tenant: Tenant,
    sessionId: string,
    filters: ReadonlyArray<{ physical: string; own: string; qos: Qos }>,
    overflow: OverflowPolicy,
  ): Promise<OpenedStream> {
    const sink: StreamSink = {
      id: randomBytes(12).toString('base64url'),
      filters: new Map(filters.map((f) => [f.physical, { own: f.own, qos: f.qos }])),
      queue: new DeliveryQueue(this.settings.bufferItems, this.settings.bufferBytes, overflow),
    };
    const request = filters.map((f) => ({ topic: f.physical, qos: f.qos }));
    if (!sessionId) return this.subscribeOwnConnection(tenant, sink, request);

    const session = this.get(tenant, sessionId);
    session.sinks.add(sink);
    for (const f of filters) {
      const entry = session.subscriptions.get(f.physical) ?? { own: f.own, qos: f.qos, streams: new Set() };
      entry.qos = Math.max(entry.qos, f.qos) as Qos;
      entry.streams.add(sink);
      session.subscriptions.set(f.physical, entry);
    }
    const detach = () => {
      session.sinks.delete(sink);
      const unused: string[] = [];
      for (const physical of sink.filters.keys()) {
        const entry = session.subscriptions.get(physical);
        if (!entry) continue;
        entry.streams.delete(sink);
        // A persistent session keeps its subscriptions when no stream reads them (that is what it is for).
        if (entry.streams.size === 0 && session.request.clean) {
          session.subscriptions.delete(physical);
          unused.push(physical);
        }
      }
      return unused;
    };
    let granted: Qos[];
    try {
      granted = await session.connection.subscribe(request);
    } catch (err) {
      const unused = detach();
      await session.connection.unsubscribe(unused).catch(() => undefined);
      throw err;
    }
    grant(sink, request, granted);
    // Messages a persistent session received while no stream wanted them go to the first that does.
    if (session.backlog && session.backlog.length > 0) {
      for (const { item } of session.backlog.takeAll()) {
        const wanted = [...sink.filters.keys()].some((f) => filterMatches(f, item.topic));
        (wanted ? sink.queue : session.backlog).push(item, item.payload.length);
      }
    }
    void this.changed(tenant);
    return {
      sink,
      granted,
      clientId: session.clientId,
      release: async () => {
        const unused = detach();
        if (!session.ended && unused.length > 0) {
          await session.connection.unsubscribe(unused).catch(() => undefined);
        }
        session.touch();
        await this.changed(tenant);
      },
    };
  }

  private async subscribeOwnConnection(
    tenant: Tenant,
    sink: StreamSink,
    request: Array<{ topic: string; qos: Qos }>,
  ): Promise<OpenedStream> {
    const connection = await this.backend.connect({
      clientId: streamClientId(tenant, sink.id),
      clean: true,
      keepAliveSeconds: 60,
      reconnect: true,
    });
    let releasing = false;
    connection.onMessage((m) => sink.queue.push(m, m.payload.length));
    connection.onEvent((event) => {
      if (event.type === 'closed' && !releasing) {
        sink.queue.fail(
          ServiceError.unavailable(`the subscription's broker connection ended: ${event.reason}`),
        );
      }
    });
    let granted: Qos[];
    try {
      granted = await connection.subscribe(request);
    } catch (err) {
      releasing = true;
      await connection.close();
      throw err;
    }
    grant(sink, request, granted);
    this.streams.set(sink.id, { tenant, sink, connection });
    void this.changed(tenant);
    return {
      sink,
      granted,
      clientId: undefined,
      release: async () => {
        releasing = true;
        this.streams.delete(sink.id);
        await connection.close();
        await this.changed(tenant);
      },
    };
  }

  /** Removes filters from a session; its streams stop receiving them (a stream left with none ends). */
  async unsubscribe(tenant: Tenant, sessionId: string, physical: readonly string[]): Promise<number> {
    const session = this.get(tenant, sessionId);
    const present = physical.filter((f) => session.subscriptions.has(f));
    await session.connection.unsubscribe(physical);
    for (const f of present) {
      const entry = session.subscriptions.get(f)!;
      session.subscriptions.delete(f);
      for (const sink of entry.streams) {
        sink.filters.delete(f);
        if (sink.filters.size === 0) {
          session.sinks.delete(sink);
          sink.queue.end();
        }
      }
    }
    await this.changed(tenant);
    return present.length;
  }

  /** The caller's subscriptions: of one session, or of all its sessions and streams on this instance. */
  subscriptions(
    tenant: Tenant,
    sessionId: string,
  ): Array<{ filter: string; qos: Qos; sessionId: string; activeStreams: number }> {
    const sessions = sessionId ? [this.get(tenant, sessionId)] : this.list(tenant);
    const out: Array<{ filter: string; qos: Qos; sessionId: string; activeStreams: number }> = [];
    for (const s of sessions) {
      for (const entry of s.subscriptions.values()) {
        out.push({ filter: entry.own, qos: entry.qos, sessionId: s.id, activeStreams: entry.streams.size });
      }
    }
    if (!sessionId) {
      for (const stream of this.streams.values()) {
        if (!sameTenant(stream.tenant, tenant)) continue;
        for (const f of stream.sink.filters.values()) {
          out.push({ filter: f.own, qos: f.qos, sessionId: '', activeStreams: 1 });
        }
      }
    }
    return out;
  }

  /** What other instances should know about the tenant here, or undefined when it has nothing here. */
  presence(tenant: Tenant): PresenceRecord | undefined {
    const sessions = this.list(tenant);
    const streams = [...this.streams.values()].filter((s) => sameTenant(s.tenant, tenant));
    if (sessions.length === 0 && streams.length === 0) return undefined;
    return {
      v: 1,
      instance: this.instanceId,
      updatedAt: Date.now(),
      sessions: sessions.map((s) => ({
        id: s.id,
        clientId: s.clientId,
        connectedAt: s.connectedAt.getTime(),
        connected: s.connection.connected,
        filters: [...s.subscriptions.values()].map((e) => e.own),
      })),
      streams: streams.map((s) => [...s.sink.filters.values()].map((f) => f.own)),
    };
  }

  /** Tenants with sessions or streams here (presence is republished for them after a broker outage). */
  tenants(): Tenant[] {
    const byKey = new Map<string, Tenant>();
    for (const s of this.sessions.values()) byKey.set(tenantKey(s.tenant), s.tenant);
    for (const s of this.streams.values()) byKey.set(tenantKey(s.tenant), s.tenant);
    return [...byKey.values()];
  }

  /** Ends sessions that were abandoned: unused for the idle timeout and with no stream open. */
  private reap(): void {
    const cutoff = Date.now() - this.settings.idleTimeoutMs;
    for (const session of this.sessions.values()) {
      if (session.sinks.size === 0 && session.lastActivity < cutoff) {
        this.logger.info(
          { sessionId: session.id, clientId: session.clientId, userId: session.tenant.userId },
          'reaping an abandoned mqtt session',
        );
        // Abandoned like a vanished device: no DISCONNECT, so the broker publishes the last will.
        void this.end(session, { abrupt: true, reason: 'reaped after being idle' });
      }
    }
  }

  async closeAll(): Promise<void> {
    clearInterval(this.reaper);
    const sessions = [...this.sessions.values()];
    const streams = [...this.streams.values()];
    this.streams.clear();
    await Promise.all([
      ...sessions.map((s) => this.end(s, { abrupt: false, reason: 'the service is shutting down' })),
      ...streams.map(async (s) => {
        s.sink.queue.fail(ServiceError.unavailable('the service is shutting down'));
        await s.connection.close();
      }),
    ]);
  }
}
