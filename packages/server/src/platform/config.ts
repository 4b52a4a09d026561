import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Configuration comes from the environment, optionally layered over a JSON file named by ISA_CONFIG_FILE
 * whose keys are the same variable names ({"ISA_LOG_LEVEL": "debug"}). The environment wins.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadEnvironment(env: Environment = process.env): Environment {
  const file = env.ISA_CONFIG_FILE;
  if (!file) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`ISA_CONFIG_FILE: cannot read ${file}: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`ISA_CONFIG_FILE: ${file} must hold a JSON object of variable names to values`);
  }
  const fromFile: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || typeof value === 'object') {
      throw new ConfigError(`ISA_CONFIG_FILE: ${key} must be a string, number or boolean`);
    }
    fromFile[key] = String(value);
  }
  return { ...fromFile, ...env };
}

/** Parses the variables a schema names; every bad value is reported with its variable name at once. */
export function readConfig<S extends z.ZodObject>(schema: S, env: Environment): z.infer<S> {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (value !== undefined && value !== '') picked[key] = value;
  }
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.');
    return `${key}: ${issue.message} (got ${JSON.stringify(picked[key] ?? null)})`;
  });
  throw new ConfigError(`invalid configuration:\n  ${lines.join('\n  ')}`);
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
export const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
export const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
export const url = () => z.url({ message: 'expected a URL' });

export const platformConfigSchema = z.object({
  ISA_DATA_DIR: z.string().default('.data'),
  ISA_HOST: z.string().default('127.0.0.1'),
  ISA_ADVERTISE_HOST: z.string().optional(),
  ISA_HTTP_PORT: port(50050),
  ISA_PUBLIC_URL: url().optional(),
  ISA_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ISA_AUTH_MODE: z.enum(['none', 'jwt']).default('none'),
  ISA_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ISA_JWT_JWKS_URL: url().optional(),
  ISA_JWT_ISSUER: z.string().optional(),
  ISA_JWT_AUDIENCE: z.string().optional(),
  ISA_JWT_ORG_CLAIM: z.string().default('org_id'),
  ISA_TLS_CERT: z.string().optional(),
  ISA_TLS_KEY: z.string().optional(),
  ISA_TLS_CA: z.string().optional(),
  ISA_MAX_MESSAGE_BYTES: positiveInt(16 * 1024 * 1024),
  ISA_SHUTDOWN_GRACE_MS: positiveInt(10_000),
  ISA_HEALTH_INTERVAL_MS: positiveInt(5_000),
  ISA_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

export function readPlatformConfig(env: Environment): PlatformConfig {
  const config = readConfig(platformConfigSchema, env);
  if (config.ISA_AUTH_MODE === 'jwt' && !config.ISA_JWT_SECRET && !config.ISA_JWT_JWKS_URL) {
    throw new ConfigError('ISA_AUTH_MODE=jwt needs ISA_JWT_SECRET (HS256) or ISA_JWT_JWKS_URL');
  }
  if (Boolean(config.ISA_TLS_CERT) !== Boolean(config.ISA_TLS_KEY)) {
    throw new ConfigError('ISA_TLS_CERT and ISA_TLS_KEY must be set together');
  }
  if (config.ISA_TLS_CA && !config.ISA_TLS_CERT) {
    throw new ConfigError('ISA_TLS_CA (client certificate verification) needs ISA_TLS_CERT and ISA_TLS_KEY');
  }
  return config;
}
