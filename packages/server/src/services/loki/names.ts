import type { Tenant } from '../../platform/tenancy.js';

/**
 * A tenant's log scope: `{organization id}.{user id}`.
 *
 * It is the embedded store's tenant key and the X-Scope-OrgID the Loki adapter sends. Tenant ids are
 * validated to [A-Za-z0-9_-] (platform/tenancy.ts), so they never contain "." and the first "." always
 * ends the organisation: two different tenants can never share a scope. The result uses only characters
 * Loki allows in tenant ids (at most 64 + 1 + 64 = 129 of the 150 bytes Loki accepts), never "|"
 * (Loki's multi-tenant query separator), and is never "." or "..".
 */
export function tenantScope(tenant: Tenant): string {
  return `${tenant.organizationId}.${tenant.userId}`;
}

const SCOPE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\.[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Whether a string is a scope tenantScope() can produce (used where a scope arrives from outside). */
export function isTenantScope(scope: string): boolean {
  return SCOPE.test(scope);
}
