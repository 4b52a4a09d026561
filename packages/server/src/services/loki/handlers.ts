import type { loki } from '@isa-cloud/api';
import type { ServiceImpl } from '../../platform/rpc.js';
import type { LokiDeps } from './context.js';
import { createAdminHandlers } from './handlers-admin.js';
import { createPushHandlers } from './handlers-push.js';
import { createQueryHandlers } from './handlers-query.js';

export function createLokiHandlers(deps: LokiDeps): ServiceImpl<typeof loki.LokiService> {
  return {
    ...createPushHandlers(deps),
    ...createQueryHandlers(deps),
    ...createAdminHandlers(deps),
  };
}
