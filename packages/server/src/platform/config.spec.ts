import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnvironment, readPlatformConfig } from './config.js';

describe('platform configuration', () => {
  it('has working defaults', () => {
    const config = readPlatformConfig({});
    expect(config).toMatchObject({
      ISA_HOST: '127.0.0.1',
      ISA_HTTP_PORT: 50050,
      ISA_AUTH_MODE: 'none',
      ISA_LOG_LEVEL: 'info',
    });
  });

  it('names every bad variable with the value it got', () => {
    let error: unknown;
    try {
      readPlatformConfig({ ISA_HTTP_PORT: 'eighty', ISA_LOG_LEVEL: 'loud', ISA_MAX_MESSAGE_BYTES: '-1' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('ISA_HTTP_PORT');
    expect(message).toContain('"eighty"');
    expect(message).toContain('ISA_LOG_LEVEL');
    expect(message).toContain('ISA_MAX_MESSAGE_BYTES');
  });

  it('refuses incomplete auth and TLS settings', () => {
    expect(() => readPlatformConfig({ ISA_AUTH_MODE: 'jwt' })).toThrow(/ISA_JWT_SECRET/);
    expect(() => readPlatformConfig({ ISA_AUTH_MODE: 'jwt', ISA_JWT_SECRET: 'short' })).toThrow(
      /at least 32/,
    );
    expect(() => readPlatformConfig({ ISA_TLS_CERT: '/c.pem' })).toThrow(/together/);
    expect(() => readPlatformConfig({ ISA_TLS_CA: '/ca.pem' })).toThrow(/ISA_TLS_CERT/);
  });

  it('layers the environment over a JSON config file', () => {
    const file = join(tmpdir(), `isa-config-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ ISA_LOG_LEVEL: 'debug', ISA_HTTP_PORT: 9000 }));
    const env = loadEnvironment({ ISA_CONFIG_FILE: file, ISA_HTTP_PORT: '9001' });
    expect(readPlatformConfig(env)).toMatchObject({ ISA_LOG_LEVEL: 'debug', ISA_HTTP_PORT: 9001 });
    writeFileSync(file, '[1,2]');
    expect(() => loadEnvironment({ ISA_CONFIG_FILE: file })).toThrow(/JSON object/);
    expect(() => loadEnvironment({ ISA_CONFIG_FILE: '/nonexistent/isa.json' })).toThrow(/cannot read/);
  });
});
