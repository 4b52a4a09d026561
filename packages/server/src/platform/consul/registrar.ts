import { z } from 'zod';
import { type Environment, readConfig } from '../config.js';
import type { Logger } from '../logger.js';
import { formatDuration, parseDuration } from './duration.js';

export const consulConfigSchema = z.object({
  /** Consul agent address ("127.0.0.1:8500" or a URL); registration is off when neither it nor CONSUL_HOST is set. */
  CONSUL_HTTP_ADDR: z.string().optional(),
  CONSUL_HOST: z.string().optional(),
  CONSUL_PORT: z.coerce.number().int().min(1).max(65535).default(8500),
  CONSUL_HTTP_TOKEN: z.string().optional(),
  ISA_CONSUL_CHECK_INTERVAL: z.string().default('10s'),
  ISA_CONSUL_CHECK_TIMEOUT: z.string().default('5s'),
  ISA_CONSUL_DEREGISTER_AFTER: z.string().default('1m'),
  ISA_CONSUL_TAGS: z.string().default(''),
});

export interface ConsulSettings {
  url: string;
  token: string | undefined;
  checkIntervalMs: number;
  checkTimeoutMs: number;
  deregisterAfterMs: number;
  extraTags: string[];
}

/** Consul settings from the environment, or undefined when no Consul is configured. */
export function readConsulSettings(env: Environment): ConsulSettings | undefined {
  const config = readConfig(consulConfigSchema, env);
  const address =
    config.CONSUL_HTTP_ADDR ??
    (config.CONSUL_HOST ? `${config.CONSUL_HOST}:${config.CONSUL_PORT}` : undefined);
  if (!address) return undefined;
  const url = /^https?:\/\//.test(address) ? address.replace(/\/+$/, '') : `http://${address}`;
  const duration = (name: string, value: string) => {
    try {
      return parseDuration(value, 0);
    } catch {
      throw new Error(`${name}: expected a duration such as "10s" (got "${value}")`);
    }
  };
  return {
    url,
    token: config.CONSUL_HTTP_TOKEN,
    checkIntervalMs: duration('ISA_CONSUL_CHECK_INTERVAL', config.ISA_CONSUL_CHECK_INTERVAL),
    checkTimeoutMs: duration('ISA_CONSUL_CHECK_TIMEOUT', config.ISA_CONSUL_CHECK_TIMEOUT),
    deregisterAfterMs: duration('ISA_CONSUL_DEREGISTER_AFTER', config.ISA_CONSUL_DEREGISTER_AFTER),
    extraTags: config.ISA_CONSUL_TAGS.split(',')
      .map((t) => t.trim())
      .filter(Boolean),
  };
}

export interface Registration {
  id: string;
  name: string;
  address: string;
  port: number;
  tags: string[];
  meta: Record<string, string>;
  /** grpc.health.v1 service name the check asks about. */
  healthService: string;
}

/**
 * Registers this process's services with Consul (a gRPC check against the real grpc.health.v1 status,
 * so an instance whose backend is down turns critical), keeps the registration in place (re-registering
 * if the agent forgot it, retrying in the background while Consul is not up yet) and deregisters on
 * graceful shutdown. A crashed instance is removed by Consul after DeregisterCriticalServiceAfter.
 */
export class ConsulRegistrar {
  private readonly registrations = new Map<string, Registration>();
  private readonly registered = new Set<string>();
  private readonly warned = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly settings: ConsulSettings,
    private readonly logger: Logger,
    /** How often registrations are verified and retried. */
    private readonly syncIntervalMs = 2000,
  ) {}

  isRegistered(id: string): boolean {
    return this.registered.has(id);
  }

  /** Adds a registration; it is sent now and kept in place until shutdown. */
  add(registration: Registration): void {
    this.registrations.set(registration.id, registration);
    void this.sync();
    this.timer ??= setInterval(() => void this.sync(), this.syncIntervalMs);
    this.timer.unref();
  }

  private request(method: 'GET' | 'PUT', path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.settings.url}${path}`, {
      method,
      headers: {
        ...(this.settings.token ? { 'x-consul-token': this.settings.token } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(5000),
    });
  }

  private payload(r: Registration) {
    return {
      ID: r.id,
      Name: r.name,
      Address: r.address,
      Port: r.port,
      Tags: [...r.tags, ...this.settings.extraTags],
      Meta: r.meta,
      Check: {
        CheckID: `service:${r.id}`,
        Name: `gRPC health of ${r.healthService}`,
        GRPC: `${r.address}:${r.port}/${r.healthService}`,
        Interval: formatDuration(this.settings.checkIntervalMs),
        Timeout: formatDuration(this.settings.checkTimeoutMs),
        DeregisterCriticalServiceAfter: formatDuration(this.settings.deregisterAfterMs),
      },
    };
  }

  /** Registers what is missing; a failure is logged once per outage and retried on the next tick. */
  private async sync(): Promise<void> {
    if (this.stopped) return;
    for (const r of this.registrations.values()) {
      try {
        if (this.registered.has(r.id)) {
          const known = await this.request('GET', `/v1/agent/service/${encodeURIComponent(r.id)}`);
          if (known.ok) continue;
          this.registered.delete(r.id);
          this.logger.warn({ id: r.id }, 'consul: registration lost, registering again');
        }
        const response = await this.request('PUT', '/v1/agent/service/register', this.payload(r));
        if (!response.ok) throw new Error(`HTTP ${response.status}: ${(await response.text()).trim()}`);
        if (this.stopped) return;
        this.registered.add(r.id);
        this.warned.delete(r.id);
        this.logger.info({ id: r.id, name: r.name, consul: this.settings.url }, 'consul: registered');
      } catch (err) {
        if (!this.warned.has(r.id)) {
          this.warned.add(r.id);
          this.logger.warn(
            { id: r.id, consul: this.settings.url, reason: (err as Error).message },
            'consul: not reachable yet; will keep trying',
          );
        }
      }
    }
  }

  /** Deregisters every service (graceful shutdown) and stops syncing. */
  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await Promise.all(
      [...this.registrations.keys()].map(async (id) => {
        try {
          await this.request('PUT', `/v1/agent/service/deregister/${encodeURIComponent(id)}`);
          this.logger.info({ id }, 'consul: deregistered');
        } catch (err) {
          this.logger.warn({ id, reason: (err as Error).message }, 'consul: deregistration failed');
        }
      }),
    );
    this.registered.clear();
  }
}
