export { loadEnvironment, readPlatformConfig } from './platform/config.js';
export { EmbeddedRegistry } from './platform/consul/embedded-registry.js';
export { ConsulRegistrar, readConsulSettings } from './platform/consul/registrar.js';
export { type Endpoint, type HostOptions, PlatformHost } from './platform/host.js';
export { createLogger, type Logger } from './platform/logger.js';
export type { ServiceModule } from './platform/service-module.js';
export { DataDirInUseError, StackLock } from './platform/stack-lock.js';
export { SERVICE_MODULES } from './services/index.js';
