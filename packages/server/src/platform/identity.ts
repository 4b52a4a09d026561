import type { ClientOptions } from '@isa-cloud/sdk';
import type { CallContext } from './rpc.js';

/**
 * Client options that make a service-to-service call act as the caller: the same tenant, and in auth
 * mode the caller's own bearer token, so the called service enforces the caller's rights, not ours.
 */
export function actAsCaller(ctx: CallContext): Pick<ClientOptions, 'userId' | 'organizationId' | 'token'> {
  const [authorization] = ctx.metadata.get('authorization');
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)$/i.exec(authorization)?.[1] : undefined;
  return {
    userId: ctx.tenant.userId,
    organizationId: ctx.tenant.organizationId,
    ...(bearer ? { token: bearer } : {}),
  };
}
