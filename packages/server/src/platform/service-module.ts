import type { DescService } from '@bufbuild/protobuf';
import type * as grpc from '@grpc/grpc-js';
import type { ServiceName } from '@isa-cloud/api';
import type { Environment, PlatformConfig } from './config.js';
import type { ProbeResult } from './health.js';
import type { HttpGateway } from './http.js';
import type { Logger } from './logger.js';
import type { CallKit, ServiceImpl } from './rpc.js';

/** What the host hands a service when it starts it. */
export interface ModuleContext {
  readonly env: Environment;
  readonly platform: PlatformConfig;
  readonly logger: Logger;
  /** Absolute directory for this service's embedded data (created). */
  readonly dataDir: string;
  readonly http: HttpGateway;
  /** Base URL of the HTTP gateway as clients reach it (presigned URLs are built on it). */
  readonly publicUrl: string;
  /** Process-wide secret for HMAC signatures (presigned URLs); stable across restarts. */
  readonly signingKey: Buffer;
  /**
   * host:port of another platform service, for service-to-service calls: ISA_<NAME>_ADDRESS when set,
   * else the instance running in this process, else localhost on the service's default port.
   * Call it per request: services in the same process may start after you.
   */
  serviceAddress(name: ServiceName): string;
}

/** A started service: its RPC handlers, its backend health probe and its cleanup. */
export interface ServiceInstance {
  bind(kit: CallKit): { definition: grpc.ServiceDefinition; handlers: grpc.UntypedServiceImplementation };
  probe(): Promise<ProbeResult>;
  close(): Promise<void>;
}

export interface ServiceModule {
  readonly name: ServiceName;
  readonly descriptor: DescService;
  create(ctx: ModuleContext): Promise<ServiceInstance>;
}

export interface TypedServiceInstance<S extends DescService> {
  readonly impl: ServiceImpl<S>;
  probe(): Promise<ProbeResult>;
  close(): Promise<void>;
}

/** Declares a service module with its handlers type-checked against the generated service. */
export function defineService<S extends DescService>(definition: {
  name: ServiceName;
  descriptor: S;
  create(ctx: ModuleContext): Promise<TypedServiceInstance<S>>;
}): ServiceModule {
  return {
    name: definition.name,
    descriptor: definition.descriptor,
    async create(ctx) {
      const instance = await definition.create(ctx);
      return {
        bind: (kit) => kit.bind(definition.descriptor, instance.impl),
        probe: () => instance.probe(),
        close: () => instance.close(),
      };
    },
  };
}
