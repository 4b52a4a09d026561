import type { redis } from '@isa-cloud/api';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { RedisDeps } from './context.js';
import { createBatchHandlers } from './handlers-batch.js';
import { createDataHandlers } from './handlers-data.js';
import { createLockHandlers } from './handlers-locks.js';
import { createMonitorHandlers } from './handlers-monitor.js';
import { createPubSubHandlers } from './handlers-pubsub.js';
import { createSessionHandlers } from './handlers-sessions.js';

/** Every RPC of RedisService, grouped as the proto groups them. */
export function createRedisHandlers(deps: RedisDeps): ServiceImpl<typeof redis.RedisService> {
  return {
    ...createMonitorHandlers(deps),
    ...createDataHandlers(deps),
    ...createLockHandlers(deps),
    ...createPubSubHandlers(deps),
    ...createBatchHandlers(deps),
    ...createSessionHandlers(deps),
  };
}
