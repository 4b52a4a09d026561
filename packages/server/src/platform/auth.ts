import type { Metadata } from '@grpc/grpc-js';
import { createRemoteJWKSet, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { PlatformConfig } from './config.js';
import { ServiceError } from './errors.js';
import { makeTenant, type Tenant } from './tenancy.js';

/** Metadata keys a client uses to name its tenant (dev mode) or to check the token's tenant (auth mode). */
export const USER_ID_HEADER = 'x-user-id';
export const ORGANIZATION_ID_HEADER = 'x-organization-id';

export interface TenantResolver {
  /** The tenant of a call, or a ServiceError saying why there is none. */
  resolve(metadata: Metadata): Promise<Tenant | ServiceError>;
}

function header(metadata: Metadata, key: string): string | undefined {
  const [value] = metadata.get(key);
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : value.toString('utf8');
}

function asServiceError(err: unknown): ServiceError {
  if (err instanceof ServiceError) return err;
  throw err;
}

/** Dev mode: the tenant is whatever the request names, validated. */
export class MetadataTenantResolver implements TenantResolver {
  async resolve(metadata: Metadata): Promise<Tenant | ServiceError> {
    const userId = header(metadata, USER_ID_HEADER);
    if (!userId) {
      return ServiceError.unauthenticated(
        `no tenant: send the "${USER_ID_HEADER}" metadata (the SDK's userId option) or a bearer token`,
      );
    }
    try {
      return makeTenant(userId, header(metadata, ORGANIZATION_ID_HEADER));
    } catch (err) {
      return asServiceError(err);
    }
  }
}

/**
 * Auth mode: the tenant is the verified bearer token's subject (and organisation claim). A request that
 * also names a tenant must name the same one, otherwise it is refused with PERMISSION_DENIED.
 */
export class JwtTenantResolver implements TenantResolver {
  private readonly key: Uint8Array | JWTVerifyGetKey;

  constructor(private readonly config: PlatformConfig) {
    this.key = config.ISA_JWT_JWKS_URL
      ? createRemoteJWKSet(new URL(config.ISA_JWT_JWKS_URL))
      : new TextEncoder().encode(config.ISA_JWT_SECRET);
  }

  async resolve(metadata: Metadata): Promise<Tenant | ServiceError> {
    const authorization = header(metadata, 'authorization');
    const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
    if (!match?.[1]) return ServiceError.unauthenticated('missing bearer token in "authorization" metadata');
    let payload: JWTPayload;
    try {
      const options = {
        ...(this.config.ISA_JWT_ISSUER ? { issuer: this.config.ISA_JWT_ISSUER } : {}),
        ...(this.config.ISA_JWT_AUDIENCE ? { audience: this.config.ISA_JWT_AUDIENCE } : {}),
      };
      payload =
        this.key instanceof Uint8Array
          ? (await jwtVerify(match[1], this.key, { ...options, algorithms: ['HS256'] })).payload
          : (await jwtVerify(match[1], this.key, options)).payload;
    } catch (err) {
      return ServiceError.unauthenticated(`invalid bearer token: ${(err as Error).message}`);
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') {
      return ServiceError.unauthenticated('bearer token has no "sub" claim');
    }
    const orgClaim = payload[this.config.ISA_JWT_ORG_CLAIM];
    let tenant: Tenant;
    try {
      tenant = makeTenant(payload.sub, typeof orgClaim === 'string' ? orgClaim : undefined);
    } catch (err) {
      return asServiceError(err);
    }
    const claimedUser = header(metadata, USER_ID_HEADER);
    if (claimedUser !== undefined && claimedUser !== tenant.userId) {
      return ServiceError.permissionDenied(
        `token is for user "${tenant.userId}", request names another user`,
      );
    }
    const claimedOrg = header(metadata, ORGANIZATION_ID_HEADER);
    if (claimedOrg !== undefined && claimedOrg !== tenant.organizationId) {
      return ServiceError.permissionDenied(
        `token is for organization "${tenant.organizationId}", request names another organization`,
      );
    }
    return tenant;
  }
}

export function createTenantResolver(config: PlatformConfig): TenantResolver {
  return config.ISA_AUTH_MODE === 'jwt' ? new JwtTenantResolver(config) : new MetadataTenantResolver();
}
