import { createHash, timingSafeEqual } from 'node:crypto';
import { ServiceError } from '../../platform/errors.js';
import type { CallContext } from '../../platform/rpc.js';

/** Metadata key carrying the platform admin's token on schema operations. */
export const ADMIN_TOKEN_HEADER = 'x-isa-admin-token';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Schema operations (tables, migrations, indexes) belong to the platform admin, never to a tenant: they
 * need the configured admin token. Without one configured they are disabled altogether.
 */
export class AdminGate {
  private readonly expected: Buffer | undefined;

  constructor(token: string | undefined) {
    this.expected = token ? digest(token) : undefined;
  }

  check(ctx: CallContext): void {
    if (!this.expected) {
      throw ServiceError.permissionDenied(
        'schema operations are disabled: the server has no SUPABASE_ADMIN_TOKEN',
      );
    }
    const [given] = ctx.metadata.get(ADMIN_TOKEN_HEADER);
    if (given === undefined || given === '') {
      throw ServiceError.unauthenticated(
        `schema operations need the admin token in "${ADMIN_TOKEN_HEADER}" metadata`,
      );
    }
    const text = typeof given === 'string' ? given : given.toString('utf8');
    if (!timingSafeEqual(digest(text), this.expected))
      throw ServiceError.permissionDenied('invalid admin token');
  }
}
