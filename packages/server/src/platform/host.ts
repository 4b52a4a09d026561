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
import { ConsulRegistrar, readConsulSettings } from './consul/registrar.js';
import { HealthMonitor, type HealthSnapshot } from './health.js';
import { HttpGateway } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { addReflection } from './reflection.js';
import { CallKit } from './rpc.js';
import type { ServiceInstance, ServiceModule } from './service-module.js';
import { StackLock } from './stack-lock.js';

export interface HostOptions {
  /** The modules to run (one for `serve <name>`, all for the dev stack). */
  readonly modules: readonly ServiceModule[];
  readonly env?: Environment;
  readonly logger?: Logger;
  /**
   * gRPC servers per service (default 1). Replicas share the service's backend connection and each has
   * its own port and Consul registration: local scale-out and failover testing in one process.
   */
  readonly replicas?: number;
  /**
   * Hold ISA_DATA_DIR exclusively (the dev stack): `true` takes the lock at start, or pass a lock the
   * caller took earlier (before it bound anything). A second stack on the directory is refused with a
   * message naming the owner; the host releases the lock when it stops.
   */
  readonly lock?: boolean | StackLock;
}

export interface Endpoint {
  readonly name: ServiceName;
  readonly serviceName: string;
  readonly host: string;
  readonly port: number;
  readonly replica: number;
  /** The Consul service id this endpoint registers under. */
  readonly registrationId: string;
  readonly health: HealthSnapshot;
}

/** One started module: its backend and health monitor, shared by its replicas. */
interface RunningModule {
  readonly module: ServiceModule;
  readonly instance: ServiceInstance;
  readonly monitor: HealthMonitor;
}

/** One gRPC server (replica) of a module. */
interface RunningServer {
  readonly owner: RunningModule;
  readonly server: grpc.Server;
  readonly port: number;
  readonly replica: number;
  readonly registrationId: string;
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
  private readonly modules: RunningModule[] = [];
  private readonly servers: RunningServer[] = [];
  private registrar: ConsulRegistrar | undefined;
  private lock: StackLock | undefined;
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
    // Before anything binds a port or opens a file there: a second stack hears about the directory.
    const lock =
      options.lock === true ? await StackLock.acquire(config.ISA_DATA_DIR) : options.lock || undefined;
    host = new PlatformHost(config, logger, kit, http, env);
    host.lock = lock;
    try {
      await host.startAll(options.modules, metrics, Math.max(1, options.replicas ?? 1));
    } catch (err) {
      await host.stop();
      throw err;
    }
    return host;
  }

  /** The address other processes dial: ISA_ADVERTISE_HOST, else the bind address (0.0.0.0 → loopback). */
  get advertisedHost(): string {
    const host = this.config.ISA_ADVERTISE_HOST ?? this.config.ISA_HOST;
    return host === '0.0.0.0' ? '127.0.0.1' : host;
  }

  get endpoints(): Endpoint[] {
    return this.servers.map((s) => ({
      name: s.owner.module.name,
      serviceName: s.owner.module.descriptor.typeName,
      host: this.advertisedHost,
      port: s.port,
      replica: s.replica,
      registrationId: s.registrationId,
      health: s.owner.monitor.current,
    }));
  }

  /** Whether Consul has accepted this endpoint's registration (false without Consul). */
  isRegistered(endpoint: Endpoint): boolean {
    return this.registrar?.isRegistered(endpoint.registrationId) ?? false;
  }

  /** Stops one replica at once, without deregistering it: what a crash looks like to Consul and clients. */
  killReplica(name: ServiceName, replica: number): void {
    const target = this.servers.find((s) => s.owner.module.name === name && s.replica === replica);
    if (!target) throw new Error(`no replica ${replica} of ${name}`);
    target.server.forceShutdown();
  }

  endpoint(name: ServiceName): Endpoint {
    const found = this.endpoints.find((e) => e.name === name);
    if (!found) throw new Error(`service ${name} is not running in this host`);
    return found;
  }

  serviceAddress(name: ServiceName): string {
    const configured = this.env[`ISA_${name.toUpperCase()}_ADDRESS`];
    if (configured) return configured;
    const local = this.servers.find((s) => s.owner.module.name === name);
    if (local) return `${this.advertisedHost}:${local.port}`;
    return `localhost:${SERVICE_CATALOG.get(name)?.defaultPort ?? 0}`;
  }

  /** Re-probes every backend now. */
  async checkHealth(): Promise<void> {
    await Promise.all(this.modules.map((m) => m.monitor.check()));
  }

  allServing(): boolean {
    return this.modules.length > 0 && this.modules.every((m) => m.monitor.current.serving);
  }

  private async startAll(
    modules: readonly ServiceModule[],
    metrics: Metrics,
    replicas: number,
  ): Promise<void> {
    const { config, logger } = this;
    const dataRoot = resolve(config.ISA_DATA_DIR);
    mkdirSync(dataRoot, { recursive: true });
    const signingKey = loadSigningKey(config, dataRoot);
    this.httpPort = await this.http.listen(config.ISA_HOST, config.ISA_HTTP_PORT);
    const publicUrl = (config.ISA_PUBLIC_URL ?? `http://${this.advertisedHost}:${this.httpPort}`).replace(
      /\/+$/,
      '',
    );
    const consul = readConsulSettings(this.env);
    if (consul) this.registrar = new ConsulRegistrar(consul, logger);

    for (const module of modules) {
      const entry = SERVICE_CATALOG.get(module.name);
      if (!entry) throw new Error(`service ${module.name} is not in the API catalog`);
      const portVar = `ISA_${module.name.toUpperCase()}_PORT`;
      const basePort = readConfig(z.object({ [portVar]: port(entry.defaultPort) }), this.env)[
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
      const monitor = new HealthMonitor(
        module.descriptor.typeName,
        () => instance.probe(),
        config.ISA_HEALTH_INTERVAL_MS,
        serviceLogger,
        metrics,
        module.name,
      );
      const owner: RunningModule = { module, instance, monitor };
      this.modules.push(owner);
      for (let replica = 0; replica < replicas; replica++) {
        // Replica 0 takes the configured port; the others take free ones (Consul tells clients where).
        await this.startServer(owner, replica === 0 ? basePort : 0, replica, serviceLogger);
      }
      const health = await monitor.start();
      serviceLogger.info(
        {
          ports: this.servers.filter((s) => s.owner === owner).map((s) => s.port),
          serving: health.serving,
          ...(health.serving ? {} : { reason: health.message }),
        },
        `${module.name} listening`,
      );
    }
  }

  private async startServer(
    owner: RunningModule,
    requestedPort: number,
    replica: number,
    logger: Logger,
  ): Promise<void> {
    const { config } = this;
    const { module, instance, monitor } = owner;
    const server = new grpc.Server(serverOptions(config));
    widenReceiveWindowBeforeBind(server);
    const { definition, handlers } = instance.bind(this.kit);
    server.addService(definition, handlers);
    monitor.implementation.addToServer(server);
    addReflection(server, [module.descriptor], ['grpc.health.v1.Health']);
    const boundPort = await new Promise<number>((ok, fail) =>
      server.bindAsync(`${config.ISA_HOST}:${requestedPort}`, credentials(config), (err, p) =>
        err
          ? fail(
              new Error(
                `${module.name}: cannot listen on ${config.ISA_HOST}:${requestedPort}: ${err.message}`,
              ),
            )
          : ok(p),
      ),
    );
    widenReceiveWindowAfterBind(server);
    const entry = SERVICE_CATALOG.get(module.name)!;
    const registrationId = `${entry.consulName}-${this.advertisedHost}-${boundPort}`;
    this.servers.push({ owner, server, port: boundPort, replica, registrationId });
    this.registrar?.add({
      id: registrationId,
      name: entry.consulName,
      address: this.advertisedHost,
      port: boundPort,
      tags: ['grpc', 'isa-cloud', module.name],
      meta: {
        service_type: 'grpc',
        proto_service: module.descriptor.typeName,
        replica: String(replica),
        pid: String(process.pid),
      },
      healthService: module.descriptor.typeName,
    });
    logger.debug({ port: boundPort, replica }, 'gRPC server bound');
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
    // Out of Consul first, so clients stop picking this instance while it drains.
    await this.registrar?.close();
    for (const m of this.modules) m.monitor.stop();
    const drained = Promise.all(
      this.servers.map((s) => new Promise<void>((ok) => s.server.tryShutdown(() => ok()))),
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
      // Give the cancelled calls a moment to send their UNAVAILABLE status (clients retry on it; a reset
      // connection would look like a cancellation), then close whatever is left.
      await Promise.race([drained, new Promise((resolve) => setTimeout(resolve, 250))]);
      for (const s of this.servers) s.server.forceShutdown();
    }
    for (const m of this.modules) {
      try {
        await m.instance.close();
      } catch (err) {
        this.logger.error({ err, service: m.module.name }, 'closing backend failed');
      }
    }
    await this.http.close();
    this.lock?.release();
  }
}
