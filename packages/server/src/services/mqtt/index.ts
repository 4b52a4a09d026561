import { randomBytes } from 'node:crypto';
import { Metadata } from '@grpc/grpc-js';
import { mqtt } from '@isa-cloud/api';
import { z } from 'zod';
import { createTenantResolver, type TenantResolver } from '../../platform/auth.js';
import { ConfigError, positiveInt, readConfig } from '../../platform/config.js';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import { defineService } from '../../platform/service-module.js';
import type { Tenant } from '../../platform/tenancy.js';
import { EmbeddedBroker } from './backend-embedded.js';
import { ExternalBroker } from './backend-external.js';
import type { MqttBackend } from './broker.js';
import type { ConnectionSettings } from './connection.js';
import type { MqttDeps } from './context.js';
import { ControlPlane } from './control.js';
import { DirectClients, mergePresence } from './direct-clients.js';
import { SessionForwarder } from './forwarding.js';
import { createMqttHandlers } from './handlers.js';
import { PresenceWriter } from './presence.js';
import { Registry } from './registry.js';
import { MARKER_ROOT } from './registry-topics.js';
import { SessionManager } from './sessions.js';
import { TrafficStats } from './stats.js';

const brokerUrl = z.string().refine((v) => /^(mqtts?|tcp|ssl|wss?):\/\/[^\s/]+/.test(v), {
  message: 'expected mqtt://host:port (or mqtts://, ws://, wss://)',
});

export const mqttConfigSchema = z.object({
  /** An MQTT 3.1.1 broker; when unset the service runs an embedded aedes broker in-process. */
  MQTT_URL: brokerUrl.optional(),
  /** The service's own credentials on MQTT_URL (also used by sessions that bring none). */
  MQTT_USERNAME: z.string().optional(),
  MQTT_PASSWORD: z.string().optional(),
  /** Embedded broker: also accept MQTT clients over TCP on this port (0 = any free port). */
  MQTT_EMBEDDED_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  MQTT_EMBEDDED_HOST: z.string().default('127.0.0.1'),
  /**
   * Operator credentials for the TCP listener: a client presenting them has the whole broker. Tenants'
   * devices log in with their user id (and, with platform auth, a bearer token) instead.
   */
  MQTT_EMBEDDED_USERNAME: z.string().optional(),
  MQTT_EMBEDDED_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  MQTT_SESSION_IDLE_TIMEOUT_MS: positiveInt(300_000),
  MQTT_MAX_SESSIONS_PER_TENANT: positiveInt(100),
  MQTT_MAX_SESSIONS: positiveInt(10_000),
  /** Messages / bytes one subscription stream may hold for a slow reader. */
  MQTT_SUBSCRIBE_BUFFER: positiveInt(10_000),
  MQTT_SUBSCRIBE_BUFFER_BYTES: positiveInt(16 * 1024 * 1024),
  MQTT_MAX_PAYLOAD_BYTES: positiveInt(1024 * 1024),
  MQTT_PUBLISH_TIMEOUT_MS: positiveInt(10_000),
  MQTT_STATS_FLUSH_MS: positiveInt(2_000),
  /** Retained messages the broker delivers for one subscription (Mosquitto: max_queued_messages). */
  MQTT_RETAINED_READ_LIMIT: positiveInt(1000),
});

export type MqttConfig = z.infer<typeof mqttConfigSchema>;

function checkConfig(config: MqttConfig): void {
  const embeddedListener = config.MQTT_EMBEDDED_PORT !== undefined;
  if (config.MQTT_URL && embeddedListener) {
    throw new ConfigError('MQTT_EMBEDDED_PORT applies to the embedded broker only: unset it or MQTT_URL');
  }
  if (Boolean(config.MQTT_EMBEDDED_USERNAME) !== Boolean(config.MQTT_EMBEDDED_PASSWORD)) {
    throw new ConfigError('MQTT_EMBEDDED_USERNAME and MQTT_EMBEDDED_PASSWORD must be set together');
  }
  if (!embeddedListener && config.MQTT_EMBEDDED_USERNAME) {
    throw new ConfigError('MQTT_EMBEDDED_USERNAME applies to the TCP listener: set MQTT_EMBEDDED_PORT too');
  }
}

const CORE_RETRY_MS = 2000;

/**
 * The tenant a TCP client of the embedded broker stands for: username "<user id>" or
 * "<user id>/<organization id>", password the bearer token when the platform runs with auth (ignored
 * without, as the gRPC API then takes the tenant from the request too).
 */
async function tenantOfCredentials(
  resolver: TenantResolver,
  username: string,
  password: string | undefined,
): Promise<Tenant | ServiceError> {
  const [userId, organizationId, extra] = username.split('/');
  if (!userId || extra !== undefined) {
    return ServiceError.unauthenticated('the username must be "<user id>" or "<user id>/<organization id>"');
  }
  const metadata = new Metadata();
  try {
    metadata.set('x-user-id', userId);
    if (organizationId) metadata.set('x-organization-id', organizationId);
    if (password) metadata.set('authorization', `Bearer ${password}`);
  } catch {
    return ServiceError.unauthenticated(
      'the username or password has characters a tenant id or token cannot have',
    );
  }
  return resolver.resolve(metadata);
}
const BROKER_HINT = 'check MQTT_URL, MQTT_USERNAME and MQTT_PASSWORD, and that the broker runs';

export const mqttModule = defineService({
  name: 'mqtt',
  descriptor: mqtt.MQTTService,
  async create(ctx) {
    const config = readConfig(mqttConfigSchema, ctx.env);
    checkConfig(config);
    const logger = ctx.logger;
    const instanceId = randomBytes(6).toString('hex');
    const settings: ConnectionSettings = {
      connectTimeoutMs: 10_000,
      publishTimeoutMs: config.MQTT_PUBLISH_TIMEOUT_MS,
      reconnectPeriodMs: 1000,
      logger,
    };

    const resolver = createTenantResolver(ctx.platform);
    // Bound once presence exists (below); the broker only calls these for TCP clients, after start-up.
    const directClients = {
      connected: (_tenant: Tenant, _clientId: string): void => undefined,
      disconnected: (_tenant: Tenant, _clientId: string): void => undefined,
    };
    const backend: MqttBackend = config.MQTT_URL
      ? new ExternalBroker({
          url: config.MQTT_URL,
          username: config.MQTT_USERNAME,
          password: config.MQTT_PASSWORD,
          instanceId,
          markerRoot: MARKER_ROOT,
          retainedReadLimit: config.MQTT_RETAINED_READ_LIMIT,
          settings,
        })
      : await EmbeddedBroker.start({
          dataDir: ctx.dataDir,
          tenantAccess: {
            resolve: (username, password) => tenantOfCredentials(resolver, username, password),
            connected: (tenant, clientId) => directClients.connected(tenant, clientId),
            disconnected: (tenant, clientId) => directClients.disconnected(tenant, clientId),
          },
          ...(config.MQTT_EMBEDDED_PORT !== undefined
            ? {
                listener: {
                  host: config.MQTT_EMBEDDED_HOST,
                  port: config.MQTT_EMBEDDED_PORT,
                  ...(config.MQTT_EMBEDDED_USERNAME && config.MQTT_EMBEDDED_PASSWORD
                    ? {
                        operator: {
                          username: config.MQTT_EMBEDDED_USERNAME,
                          password: config.MQTT_EMBEDDED_PASSWORD,
                        },
                      }
                    : {}),
                },
              }
            : {}),
          settings,
          logger,
        });
    logger.info({ backend: backend.kind, broker: backend.description, instanceId }, 'MQTT backend selected');

    let core: { control: ControlPlane; registry: Registry } | undefined;
    let coreProblem = 'connecting to the MQTT broker';
    let closed = false;
    const requireCore = () => {
      if (!core) {
        throw ServiceError.unavailable(`cannot use the MQTT broker: ${coreProblem} (${BROKER_HINT})`);
      }
      return core;
    };

    let sessions: SessionManager | undefined;
    const direct = new DirectClients();
    // Asked per write: the gRPC server is bound only after the module started.
    const presenceOf = (tenant: Tenant) =>
      mergePresence(
        instanceId,
        ctx.serviceAddress('mqtt'),
        sessions?.presence(tenant),
        direct.sessions(tenant),
      );
    const presence = new PresenceWriter(
      (tenant, record) => requireCore().registry.writePresence(tenant, record),
      presenceOf,
      logger,
    );
    directClients.connected = (tenant, clientId) => {
      direct.add(tenant, clientId);
      void presence.sync(tenant);
    };
    directClients.disconnected = (tenant, clientId) => {
      direct.remove(tenant, clientId);
      void presence.sync(tenant);
    };
    sessions = new SessionManager(
      backend,
      instanceId,
      {
        idleTimeoutMs: config.MQTT_SESSION_IDLE_TIMEOUT_MS,
        maxSessionsPerTenant: config.MQTT_MAX_SESSIONS_PER_TENANT,
        maxSessions: config.MQTT_MAX_SESSIONS,
        bufferItems: config.MQTT_SUBSCRIBE_BUFFER,
        bufferBytes: config.MQTT_SUBSCRIBE_BUFFER_BYTES,
        backlogItems: 1000,
        backlogBytes: 4 * 1024 * 1024,
      },
      (tenant) => presence.sync(tenant),
      logger,
    );
    const stats = new TrafficStats(
      instanceId,
      (tenant, record) => requireCore().registry.writeStats(tenant, record),
      config.MQTT_STATS_FLUSH_MS,
      { maxKeys: 1000 },
      logger,
    );
    const forwarder = new SessionForwarder(instanceId, (tenant, sessionId) =>
      requireCore().registry.locateSession(tenant, sessionId),
    );
    const deps: MqttDeps = {
      instanceId,
      forwarder,
      backend,
      sessions,
      stats,
      core: requireCore,
      syncPresence: (tenant) => presence.sync(tenant),
      limits: {
        maxPayloadBytes: config.MQTT_MAX_PAYLOAD_BYTES,
        maxBatchMessages: 10_000,
        streamWindow: 1000,
      },
    };
    const handlers = createMqttHandlers(deps);
    const liveSessions = sessions;

    let retry: NodeJS.Timeout | undefined;
    const startCore = async (): Promise<void> => {
      try {
        const control = await ControlPlane.start(
          backend,
          instanceId,
          {
            deviceStatus: (topic, payload, retained) => handlers.applyDeviceStatus(topic, payload, retained),
            // The broker may have lost retained state (no persistence): write this instance's presence again.
            reconnected: () => {
              for (const tenant of liveSessions.tenants()) void presence.sync(tenant);
            },
          },
          logger,
        );
        if (closed) {
          await control.close();
          return;
        }
        core = {
          control,
          registry: new Registry(backend, control, presenceOf, (tenant) => stats.local(tenant), logger),
        };
        logger.info('MQTT control connection established');
      } catch (err) {
        coreProblem = (err as Error).message;
        logger.warn({ reason: coreProblem }, 'MQTT broker not reachable; retrying');
        if (!closed) retry = setTimeout(() => void startCore(), CORE_RETRY_MS);
      }
    };
    await startCore();
    stats.start();

    return {
      impl: handlers.impl,
      async probe(): Promise<ProbeResult> {
        if (!core) {
          return { healthy: false, message: `cannot use the MQTT broker: ${coreProblem} (${BROKER_HINT})` };
        }
        if (!core.control.connected) {
          return { healthy: false, message: 'lost the connection to the MQTT broker (reconnecting)' };
        }
        const health = await backend.health();
        if (!health.healthy) return health;
        return {
          healthy: true,
          details: {
            backend: backend.kind,
            broker: backend.description,
            connections: String(liveSessions.activeConnections),
          },
        };
      },
      async close() {
        closed = true;
        if (retry) clearTimeout(retry);
        forwarder.close();
        await liveSessions.closeAll();
        await stats.close().catch(() => undefined);
        await core?.control.close();
        await backend.close();
      },
    };
  },
});
