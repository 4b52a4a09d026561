import type { ServiceModule } from '../platform/service-module.js';
import { duckdbModule } from './duckdb/index.js';
import { lokiModule } from './loki/index.js';
import { minioModule } from './minio/index.js';
import { mqttModule } from './mqtt/index.js';
import { natsModule } from './nats/index.js';
import { redisModule } from './redis/index.js';
import { supabaseModule } from './supabase/index.js';

/** Every service this server can run, in the usage guide's order of ports. */
export const SERVICE_MODULES: readonly ServiceModule[] = [
  minioModule,
  duckdbModule,
  lokiModule,
  mqttModule,
  redisModule,
  natsModule,
  supabaseModule,
];
