import { describe, expect, it } from 'vitest';
import { hasSyncInterval, natsConfigText } from './managed-server.js';

describe('managed nats-server configuration', () => {
  it('asks for a 1 s JetStream fsync only from servers that know the option (2.10 and later)', () => {
    expect(hasSyncInterval('nats-server: v2.9.10')).toBe(false);
    expect(hasSyncInterval('nats-server: v2.10.0')).toBe(true);
    expect(hasSyncInterval('nats-server: v2.12.1')).toBe(true);
    expect(hasSyncInterval('nats-server: v3.0.0')).toBe(true);
    expect(hasSyncInterval('')).toBe(false);
    const base = { port: 1, monitorPort: 2, storeDir: '/data/"x"', token: 'abc', syncInterval: false };
    expect(natsConfigText(base)).not.toMatch(/sync_interval/);
    expect(natsConfigText({ ...base, syncInterval: true })).toMatch(/^ {2}sync_interval: "1s"$/m);
    // Paths are quoted for the config syntax, whatever they contain.
    expect(natsConfigText(base)).toContain('store_dir: "/data/\\"x\\""');
    expect(natsConfigText(base)).toMatch(/^authorization \{\n {2}token: "abc"\n\}$/m);
  });
});
