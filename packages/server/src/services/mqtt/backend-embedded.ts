import { timingSafeEqual } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import type { Logger } from '../../platform/logger.js';
import type { Tenant } from '../../platform/tenancy.js';
import type {
  BrokerConnection,
  ConnectionOptions,
  MqttBackend,
  Qos,
  RetainedRead,
  RetainedRecord,
} from './broker.js';
import { type ConnectionSettings, MqttConnection } from './connection.js';
import { duplexPair } from './duplex-pair.js';
import { MAX_BROKER_TOPIC_LEVELS, ownTopic, topicViolations, validateClientId } from './names.js';
import { RetainedLog } from './retained-log.js';

export interface ListenerOptions {
  host: string;
  port: number;
  /** Credentials that give a TCP client the whole broker (operators, tools); none: tenants only. */
  operator?: { username: string; password: string };
}

/** Who may use the TCP listener as a tenant, and what happens when such a client comes and goes. */
export interface TenantAccess {
  /** The tenant an MQTT username and password stand for (platform auth rules), or why they do not. */
  resolve(username: string, password: string | undefined): Promise<Tenant | ServiceError>;
  connected(tenant: Tenant, clientId: string): void;
  disconnected(tenant: Tenant, clientId: string): void;
}

export interface EmbeddedBrokerOptions {
  dataDir: string;
  listener?: ListenerOptions;
  /** Without it, only the operator credentials open the listener. */
  tenantAccess?: TenantAccess;
  settings: ConnectionSettings;
  logger: Logger;
}

/** What a TCP client may do: everything (operator) or only inside one tenant's namespace. */
type Role = { kind: 'operator' } | { kind: 'tenant'; tenant: Tenant; clientId: string };

function aedesVersion(): string {
  try {
    const main = createRequire(import.meta.url).resolve('aedes');
    const pkg = JSON.parse(readFileSync(join(dirname(main), 'package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

interface RetainedSource {
  createRetainedStreamCombi(patterns: string[]): AsyncIterable<unknown>;
}

function sameSecret(given: Buffer | undefined, expected: string): boolean {
  if (!given) return false;
  const want = Buffer.from(expected, 'utf8');
  return given.length === want.length && timingSafeEqual(given, want);
}

function authError(message: string, returnCode: 2 | 4 | 5 = 4): AuthenticateError {
  return Object.assign(new Error(message), { returnCode }) as AuthenticateError;
}

/**
 * An aedes broker in this process: the default backend, no setup needed. Sessions reach it through
 * in-memory streams (trusted: the service has already placed every topic in its tenant's namespace).
 * Retained messages — the tenants' and the service's registry — are kept in an append-only log under
 * the data dir, so they survive a restart like a Mosquitto with `persistence true`; persistent sessions'
 * queues are kept in memory only.
 *
 * With a listener configured, MQTT clients connect over TCP too: operators with the listener's
 * credentials (the whole broker), and tenants' devices with username "<user id>[/<organization id>]"
 * (password: a bearer token when the platform runs with auth), confined to their tenant: client id
 * `{user}/{org}/<id>`, and only topics and filters that spell out `{user}/{org}/`.
 */
export class EmbeddedBroker implements MqttBackend {
  readonly kind = 'embedded' as const;
  readonly description: string;
  private readonly trusted = new WeakSet<object>();
  private readonly roles = new WeakMap<Client, Role>();
  private server: Server | undefined;
  private restoring = true;
  private readonly version = aedesVersion();

  private constructor(
    private readonly broker: Aedes,
    private readonly log: RetainedLog,
    private readonly options: EmbeddedBrokerOptions,
  ) {
    this.description = 'embedded';
  }

  static async start(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
    const log = new RetainedLog(join(options.dataDir, 'retained.log'));
    const saved = await log.load();
    let self: EmbeddedBroker | undefined;
    const broker = await Aedes.createBroker({
      id: 'isa-mqtt-embedded',
      maxClientsIdLength: 512,
      maxTopicLevels: MAX_BROKER_TOPIC_LEVELS,
      heartbeatInterval: 60_000,
      authenticate: (client, username, password, done) =>
        self!.authenticate(client, username, password, done),
      authorizePublish: (client, packet, done) => {
        const reason = client ? self!.publishRefusal(client, packet.topic) : undefined;
        done(reason ? new Error(reason) : null);
      },
      authorizeSubscribe: (client, subscription, done) => {
        done(null, self!.maySubscribe(client, subscription.topic) ? subscription : null);
      },
      published: (packet, _client, done) => {
        if (!packet.retain || self!.restoring) {
          done(null);
          return;
        }
        self!.log.record(packet.topic, packet.payload as Buffer, packet.qos as Qos).then(
          () => done(null),
          (err: unknown) => done(err as Error),
        );
      },
    });
    self = new EmbeddedBroker(broker, log, options);
    broker.on('clientReady', (client) => {
      const role = self!.roles.get(client);
      if (role?.kind === 'tenant') options.tenantAccess?.connected(role.tenant, role.clientId);
    });
    broker.on('clientDisconnect', (client) => {
      const role = self!.roles.get(client);
      if (role?.kind === 'tenant') options.tenantAccess?.disconnected(role.tenant, role.clientId);
    });
    broker.on('clientError', (client, err) =>
      options.logger.debug({ clientId: client?.id, err: err.message }, 'embedded broker client error'),
    );
    await self.restore(saved);
    if (options.listener) await self.listen(options.listener);
    return self;
  }

  private async restore(saved: RetainedRecord[]): Promise<void> {
    for (const r of saved) {
      await new Promise<void>((resolve, reject) =>
        this.broker.publish(
          { cmd: 'publish', topic: r.topic, payload: r.payload, qos: r.qos, retain: true, dup: false },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    }
    this.restoring = false;
    if (saved.length > 0) {
      this.options.logger.info({ retained: saved.length }, 'embedded broker restored retained messages');
    }
  }

  private async listen(listener: ListenerOptions): Promise<void> {
    const server = createServer((socket) => this.broker.handle(socket));
    server.listen(listener.port, listener.host);
    await Promise.race([
      once(server, 'listening'),
      once(server, 'error').then(([err]) => {
        throw new Error(`cannot listen on ${listener.host}:${listener.port}: ${(err as Error).message}`);
      }),
    ]);
    this.server = server;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : listener.port;
    (this as { description: string }).description = `embedded (mqtt://${listener.host}:${port})`;
    this.options.logger.info({ host: listener.host, port }, 'embedded MQTT broker listening for TCP clients');
  }

  /** The port of the TCP listener, when there is one. */
  get listenerPort(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  private isTrusted(client: Client): boolean {
    return this.trusted.has(client.conn);
  }

  private authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
    done: (error: AuthenticateError | null, success: boolean | null) => void,
  ): void {
    if (this.isTrusted(client)) {
      done(null, true);
      return;
    }
    const operator = this.options.listener?.operator;
    if (operator && username === operator.username) {
      // The operator's name is never tried as a tenant: a wrong password is just that.
      if (!sameSecret(password, operator.password)) {
        done(authError('bad username or password'), false);
        return;
      }
      this.roles.set(client, { kind: 'operator' });
      done(null, true);
      return;
    }
    const access = this.options.tenantAccess;
    if (!access || !username) {
      done(authError('bad username or password'), false);
      return;
    }
    access.resolve(username, password?.toString('utf8')).then(
      (tenant) => {
        if (tenant instanceof ServiceError) {
          done(authError(tenant.message), false);
          return;
        }
        // A tenant's client id is namespaced like its topics, so two tenants' "device-001" never meet.
        const prefix = `${tenant.userId}/${tenant.organizationId}/`;
        const clientId = client.id.startsWith(prefix) ? client.id.slice(prefix.length) : '';
        try {
          validateClientId(clientId);
        } catch {
          done(authError(`the client id must be "${prefix}<client id>"`, 2), false);
          return;
        }
        this.roles.set(client, { kind: 'tenant', tenant, clientId });
        done(null, true);
      },
      () => done(authError('cannot check the credentials', 5), false),
    );
  }

  /** Why a TCP client may not publish (or have its will published) to a topic, or undefined. */
  private publishRefusal(client: Client, topic: string): string | undefined {
    if (this.isTrusted(client)) return undefined;
    const role = this.roles.get(client);
    if (!role) return 'not authenticated';
    if (role.kind === 'operator')
      return topic.startsWith('$SYS') ? '$SYS topics are the broker’s' : undefined;
    const own = ownTopic(role.tenant, topic);
    if (own === undefined) return 'outside the tenant’s namespace';
    const violations = topicViolations(role.tenant, own, false);
    return violations.length > 0 ? violations.join('; ') : undefined;
  }

  private maySubscribe(client: Client, filter: string): boolean {
    if (this.isTrusted(client)) return true;
    const role = this.roles.get(client);
    if (!role) return false;
    if (role.kind === 'operator') return true;
    // The tenant's two namespace levels must be spelled out: no wildcard may stand for them.
    const own = ownTopic(role.tenant, filter);
    return own !== undefined && topicViolations(role.tenant, own, true).length === 0;
  }

  private inProcessStream(): Duplex {
    const [clientEnd, brokerEnd] = duplexPair();
    this.trusted.add(brokerEnd);
    this.broker.handle(brokerEnd);
    return clientEnd;
  }

  connect(options: ConnectionOptions): Promise<BrokerConnection> {
    return MqttConnection.open({ stream: () => this.inProcessStream() }, options, this.options.settings);
  }

  async readRetained(filter: string): Promise<RetainedRead> {
    const messages: RetainedRecord[] = [];
    const persistence = (this.broker as unknown as { persistence: RetainedSource }).persistence;
    for await (const packet of persistence.createRetainedStreamCombi([filter])) {
      const p = packet as { topic: string; payload: Buffer; qos: Qos };
      const storedAt = this.log.storedAt(p.topic);
      messages.push({
        topic: p.topic,
        payload: Buffer.from(p.payload),
        qos: p.qos,
        ...(storedAt ? { storedAt } : {}),
      });
    }
    messages.sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
    return { messages, complete: true };
  }

  async brokerFacts(): Promise<Record<string, string>> {
    return {
      broker_version: `aedes ${this.version}`,
      broker_clients_connected: String(this.broker.connectedClients),
      broker_retained_messages: String(this.log.size),
      ...(this.listenerPort ? { tcp_listener: this.description } : {}),
    };
  }

  async health(): Promise<ProbeResult> {
    if (this.broker.closed) return { healthy: false, message: 'the embedded broker is closed' };
    return { healthy: true, details: { broker: this.description } };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    // Closing the broker ends every client, TCP ones included; only then can the listener close.
    await new Promise<void>((resolve) => this.broker.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.log.flush();
  }
}
