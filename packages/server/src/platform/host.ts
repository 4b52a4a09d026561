import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { SERVICE_CATALOG, type ServiceName } from '@isa-cloud/api';
import { z } from 'zod';
import { createTenantResolver } from './auth.js';
import {
  type Environment,
  loadEnvironment,
  type PlatformConfig,
  port,
  readConfig,
  readPlatformConfig,
} from './config.js';
import { HealthMonitor, type HealthSnapshot } from './health.js';
import { HttpGateway } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { addReflection } from './reflection.js';
import { CallKit } from './rpc.js';
import type { ServiceInstance, ServiceModule } from './service-module.js';

export interface HostOptions {
  /** The modules to run (one for `serve <name>`, all for the dev stack). */
  readonly modules: readonly ServiceModule[];
  readonly env?: Environment;
  readonly logger?: Logger;
}

export interface Endpoint {
  readonly name: ServiceName;
  readonly serviceName: string;
  readonly host: string;
  readonly port: number;
  readonly health: HealthSnapshot;
}

interface RunningService {
  readonly module: ServiceModule;
  readonly instance: ServiceInstance;
  readonly server: grpc.Server;
  readonly monitor: HealthMonitor;
  readonly port: number;
}

/** gRPC server settings shared by every service. */
function serverOptions(config: PlatformConfig): grpc.ServerOptions {
  return {
    'grpc.max_receive_message_length': config.ISA_MAX_MESSAGE_BYTES,
    'grpc.max_send_message_length': config.ISA_MAX_MESSAGE_BYTES,
    // Detects dead peers on long-lived streams; grpc-js servers never answer client pings with
    // too_many_pings, so clients may use any keepalive they like.
    'grpc.keepalive_time_ms': 60_000,
    'grpc.keepalive_timeout_ms': 20_000,
    // Responses are gzip-compressed for clients that advertise gzip; requests in gzip are always accepted.
    'grpc.default_compression_algorithm': grpc.compressionAlgorithms.gzip,
  };
}

/** HTTP/2 receive window (per stream and per connection); 64 KiB, the default, caps streamed uploads. */
const RECEIVE_WINDOW_BYTES = 4 * 1024 * 1024;

interface GrpcServerInternals {
  commonServerOptions?: { settings?: Record<string, number> };
  http2Servers?: Map<import('node:events').EventEmitter, unknown>;
}

/**
 * grpc-js has no server option for HTTP/2 flow-control windows. Its internals are used here: the initial
 * (per-stream) window goes into the settings it passes to http2.createServer, and every new session
 * widens its connection window. If a grpc-js upgrade renames these fields nothing breaks: uploads are
 * only slower, which the object storage benchmark shows.
 */
function widenReceiveWindowBeforeBind(server: grpc.Server): void {
  const internals = server as unknown as GrpcServerInternals;
  if (internals.commonServerOptions) {
    internals.commonServerOptions.settings = {
      ...internals.commonServerOptions.settings,
      initialWindowSize: RECEIVE_WINDOW_BYTES,
    };
  }
}

function widenReceiveWindowAfterBind(server: grpc.Server): void {
  const internals = server as unknown as GrpcServerInternals;
  for (const http2Server of internals.http2Servers?.keys() ?? []) {
    http2Server.on('session', (session: { setLocalWindowSize?(size: number): void }) => {
      try {
        session.setLocalWindowSize?.(RECEIVE_WINDOW_BYTES);
      } catch {
        // A session that is already closing cannot be widened; nothing to do.
      }
    });
  }
}

function credentials(config: PlatformConfig): grpc.ServerCredentials {
  if (!config.ISA_TLS_CERT || !config.ISA_TLS_KEY) return grpc.ServerCredentials.createInsecure();
  const ca = config.ISA_TLS_CA ? readFileSync(config.ISA_TLS_CA) : null;
  return grpc.ServerCredentials.createSsl(
    ca,
    [{ cert_chain: readFileSync(config.ISA_TLS_CERT), private_key: readFileSync(config.ISA_TLS_KEY) }],
    ca !== null,
  );
}

function loadSigningKey(config: PlatformConfig, dataDir: string): Buffer {
  if (config.ISA_SIGNING_SECRET) return Buffer.from(config.ISA_SIGNING_SECRET, 'utf8');
  const file = resolve(dataDir, 'signing.key');
  try {
    return readFileSync(file);
  } catch {
    const key = randomBytes(32);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
    return key;
  }
}

/**
 * Runs platform services in this process: one gRPC server per service on its own port, each with
 * grpc.health.v1 following its backend and server reflection, plus one HTTP listener for metrics and
 * presigned URLs. The same code runs the whole dev stack or a single service.
 */
export class PlatformHost {
  private readonly running: RunningService[] = [];
  private stopping: Promise<void> | undefined;
  httpPort = 0;

  private constructor(
    readonly config: PlatformConfig,
    readonly logger: Logger,
    private readonly kit: CallKit,
    private readonly http: HttpGateway,
    private readonly env: Environment,
  ) {}

  static async start(options: HostOptions): Promise<PlatformHost> {
    const env = loadEnvironment(options.env ?? process.env);
    const config = readPlatformConfig(env);
    const logger = options.logger ?? createLogger(config.ISA_LOG_LEVEL);
    const metrics = new Metrics();
    const kit = new CallKit(createTenantResolver(config), logger, metrics);
    let host: PlatformHost | undefined;
    const http = new HttpGateway(metrics, logger, () => host?.allServing() ?? false);
    host = new PlatformHost(config, logger, kit, http, env);
    try {
      await host.startAll(options.modules, metrics);
    } catch (err) {
      await host.stop();
      throw err;
    }
    return host;
  }

  get endpoints(): Endpoint[] {
    const advertised = this.config.ISA_ADVERTISE_HOST ?? this.config.ISA_HOST;
    return this.running.map((r) => ({
      name: r.module.name,
      serviceName: r.module.descriptor.typeName,
      host: advertised === '0.0.0.0' ? '127.0.0.1' : advertised,
      port: r.port,
      health: r.monitor.current,
    }));
  }

  endpoint(name: ServiceName): Endpoint {
    const found = this.endpoints.find((e) => e.name === name);
    if (!found) throw new Error(`service ${name} is not running in this host`);
    return found;
  }

  serviceAddress(name: ServiceName): string {
    const configured = this.env[`ISA_${name.toUpperCase()}_ADDRESS`];
    if (configured) return configured;
    const local = this.running.find((r) => r.module.name === name);
    if (local) {
      const host = this.config.ISA_HOST === '0.0.0.0' ? '127.0.0.1' : this.config.ISA_HOST;
      return `${host}:${local.port}`;
    }
    return `localhost:${SERVICE_CATALOG.get(name)?.defaultPort ?? 0}`;
  }

  /** Re-probes every backend now. */
  async checkHealth(): Promise<void> {
    await Promise.all(this.running.map((r) => r.monitor.check()));
  }

  allServing(): boolean {
    return this.running.length > 0 && this.running.every((r) => r.monitor.current.serving);
  }

  private async startAll(modules: readonly ServiceModule[], metrics: Metrics): Promise<void> {
    const { config, logger } = this;
    const dataRoot = resolve(config.ISA_DATA_DIR);
    mkdirSync(dataRoot, { recursive: true });
    const signingKey = loadSigningKey(config, dataRoot);
    this.httpPort = await this.http.listen(config.ISA_HOST, config.ISA_HTTP_PORT);
    const advertised =
      config.ISA_ADVERTISE_HOST ?? (config.ISA_HOST === '0.0.0.0' ? '127.0.0.1' : config.ISA_HOST);
    const publicUrl = (config.ISA_PUBLIC_URL ?? `http://${advertised}:${this.httpPort}`).replace(/\/+$/, '');

    for (const module of modules) {
      const entry = SERVICE_CATALOG.get(module.name);
      if (!entry) throw new Error(`service ${module.name} is not in the API catalog`);
      const portVar = `ISA_${module.name.toUpperCase()}_PORT`;
      const servicePort = readConfig(z.object({ [portVar]: port(entry.defaultPort) }), this.env)[
        portVar
      ] as number;
      const dataDir = resolve(dataRoot, module.name);
      mkdirSync(dataDir, { recursive: true });
      const serviceLogger = logger.child({ service: module.name });
      const instance = await module.create({
        env: this.env,
        platform: config,
        logger: serviceLogger,
        dataDir,
        http: this.http,
        publicUrl,
        signingKey,
        serviceAddress: (name) => this.serviceAddress(name),
      });
      const server = new grpc.Server(serverOptions(config));
      widenReceiveWindowBeforeBind(server);
      const { definition, handlers } = instance.bind(this.kit);
      server.addService(definition, handlers);
      const monitor = new HealthMonitor(
        module.descriptor.typeName,
        () => instance.probe(),
        config.ISA_HEALTH_INTERVAL_MS,
        serviceLogger,
        metrics,
        module.name,
      );
      monitor.implementation.addToServer(server);
      addReflection(server, [module.descriptor], ['grpc.health.v1.Health']);
      let boundPort: number;
      try {
        boundPort = await new Promise<number>((ok, fail) =>
          server.bindAsync(`${config.ISA_HOST}:${servicePort}`, credentials(config), (err, p) =>
            err
              ? fail(
                  new Error(
                    `${module.name}: cannot listen on ${config.ISA_HOST}:${servicePort}: ${err.message}`,
                  ),
                )
              : ok(p),
          ),
        );
      } catch (err) {
        await instance.close();
        throw err;
      }
      widenReceiveWindowAfterBind(server);
      this.running.push({ module, instance, server, monitor, port: boundPort });
      const health = await monitor.start();
      serviceLogger.info(
        { port: boundPort, serving: health.serving, ...(health.serving ? {} : { reason: health.message }) },
        `${module.name} listening on ${config.ISA_HOST}:${boundPort}`,
      );
    }
  }

  /**
   * Graceful stop: health turns NOT_SERVING, servers stop accepting calls, running calls get the grace
   * period to finish (streams are then cancelled), and backends are closed.
   */
  stop(): Promise<void> {
    this.stopping ??= this.doStop();
    return this.stopping;
  }

  private async doStop(): Promise<void> {
    const grace = this.config.ISA_SHUTDOWN_GRACE_MS;
    for (const r of this.running) r.monitor.stop();
    const drained = Promise.all(
      this.running.map((r) => new Promise<void>((ok) => r.server.tryShutdown(() => ok()))),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      drained.then(() => false),
      new Promise<boolean>((ok) => {
        timer = setTimeout(() => ok(true), grace);
      }),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn({ activeCalls: this.kit.activeCalls }, 'shutdown grace period over: cancelling calls');
      this.kit.abortAll('server shutting down');
      for (const r of this.running) r.server.forceShutdown();
    }
    for (const r of this.running) {
      try {
        await r.instance.close();
      } catch (err) {
        this.logger.error({ err, service: r.module.name }, 'closing backend failed');
      }
    }
    await this.http.close();
  }
}
