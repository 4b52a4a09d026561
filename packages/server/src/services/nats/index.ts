import { nats } from '@isa-cloud/api';
import { z } from 'zod';
import { positiveInt, readConfig, url } from '../../platform/config.js';
import { ServiceError } from '../../platform/errors.js';
import type { ProbeResult } from '../../platform/health.js';
import { defineService } from '../../platform/service-module.js';
import { DeliveryIndex } from './ack-tokens.js';
import { NatsBroker } from './broker-nats.js';
import { SubscriptionRegistry } from './context.js';
import { createNatsHandlers } from './handlers.js';
import { ManagedNatsServer } from './managed-server.js';

const natsUrls = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((u) => /^(nats|tls):\/\/[^\s/]+(:\d+)?\/?$/.test(u)), {
    message: 'expected nats://host:port (comma-separated for a cluster)',
  });

export const natsConfigSchema = z.object({
  /** nats-server(s) with JetStream; when unset the service runs its own nats-server (NATS_SERVER_BIN). */
  NATS_URL: natsUrls.optional(),
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  NATS_TOKEN: z.string().optional(),
  /** The server's monitoring endpoint (http://host:8222), for server-wide statistics. */
  NATS_MONITOR_URL: url().optional(),
  /** The binary run when NATS_URL is unset: a name on PATH or a path. */
  NATS_SERVER_BIN: z.string().default('nats-server'),
  /** Messages a subscription/consumer/watch may hold for a slow gRPC reader before it is ended. */
  NATS_SUBSCRIBE_BUFFER: positiveInt(10_000),
  /** How long start-up waits for the first connection before serving (and reporting NOT_SERVING). */
  NATS_CONNECT_WAIT_MS: positiveInt(5000),
});

const INSTALL_HINT =
  'install nats-server (Debian: apt-get install nats-server) or set NATS_URL to a nats-server running with -js';

export const natsModule = defineService({
  name: 'nats',
  descriptor: nats.NATSService,
  async create(ctx) {
    const config = readConfig(natsConfigSchema, ctx.env);
    let broker: NatsBroker | undefined;
    let managed: ManagedNatsServer | undefined;
    let missing = '';

    if (config.NATS_URL) {
      broker = new NatsBroker({
        servers: config.NATS_URL,
        user: config.NATS_USER,
        pass: config.NATS_PASSWORD,
        token: config.NATS_TOKEN,
        monitorUrl: config.NATS_MONITOR_URL,
        logger: ctx.logger,
      });
    } else {
      const binary = ManagedNatsServer.locate(config.NATS_SERVER_BIN);
      if (!binary) {
        missing = `NATS_URL is not set and ${config.NATS_SERVER_BIN} is not installed: ${INSTALL_HINT}`;
      } else {
        try {
          managed = await ManagedNatsServer.start(binary, ctx.dataDir, ctx.logger);
          broker = new NatsBroker({
            servers: [managed.url],
            token: managed.token,
            monitorUrl: managed.monitorUrl,
            logger: ctx.logger,
          });
        } catch (err) {
          missing = `cannot start ${binary}: ${(err as Error).message}; ${INSTALL_HINT}`;
        }
      }
    }
    broker?.start();
    // Start SERVING when NATS is there; a NATS that is down does not hold up the service for longer.
    if (broker && !(await broker.ready(config.NATS_CONNECT_WAIT_MS))) {
      ctx.logger.warn(
        { servers: config.NATS_URL ?? managed?.url },
        'NATS not reachable yet; connecting in the background',
      );
    }
    if (missing) ctx.logger.error({ reason: missing }, 'NATS is not available');
    else ctx.logger.info({ backend: managed ? 'managed' : 'external' }, 'NATS backend selected');

    const handlers = createNatsHandlers({
      broker() {
        if (!broker) throw ServiceError.unavailable(missing);
        return broker;
      },
      mode: managed || !config.NATS_URL ? 'managed' : 'external',
      subscriptions: new SubscriptionRegistry(),
      deliveries: new DeliveryIndex(),
      bufferLimit: config.NATS_SUBSCRIBE_BUFFER,
    });

    return {
      impl: handlers,
      async probe(): Promise<ProbeResult> {
        if (!broker) return { healthy: false, message: missing };
        if (managed) {
          try {
            await managed.ensureRunning();
          } catch (err) {
            return {
              healthy: false,
              message: `managed nats-server does not start: ${(err as Error).message}`,
            };
          }
        }
        const health = await broker.health(true);
        if (health.problem) return { healthy: false, message: health.problem };
        return {
          healthy: true,
          details: {
            state: health.state,
            version: health.serverVersion,
            rtt_ms: health.rttMs.toFixed(2),
            ...(managed ? { managed_url: managed.url } : {}),
          },
        };
      },
      async close() {
        await broker?.close();
        await managed?.stop();
      },
    };
  },
});
