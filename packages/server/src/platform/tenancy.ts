import { ServiceError } from './errors.js';

/** Who a call acts for. Every backend name a service derives for a tenant comes from these two ids. */
export interface Tenant {
  readonly userId: string;
  readonly organizationId: string;
}

export const DEFAULT_ORGANIZATION = 'default-org';

/**
 * Tenant ids: 1-64 characters from [A-Za-z0-9_-], starting with a letter or digit. This keeps every
 * separator a backend uses for namespacing (`/ + # > * . :` and whitespace) out of ids, so an id can never
 * reach into another tenant's prefix.
 */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export function validateTenantId(field: string, value: string): string {
  if (value.length === 0) throw ServiceError.invalidArgument(field, 'must not be empty');
  if (value.length > 64) throw ServiceError.invalidArgument(field, 'must be at most 64 characters');
  if (!TENANT_ID.test(value)) {
    throw ServiceError.invalidArgument(
      field,
      'may contain only letters, digits, "_" and "-", and must start with a letter or digit',
    );
  }
  return value;
}

export function makeTenant(userId: string, organizationId: string | undefined): Tenant {
  return {
    userId: validateTenantId('user_id', userId),
    organizationId: validateTenantId('organization_id', organizationId || DEFAULT_ORGANIZATION),
  };
}
