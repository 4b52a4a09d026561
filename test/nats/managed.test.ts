import { readdirSync, readFileSync } from 'node:fs';
import { GrpcStatus } from '@isa-cloud/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../packages/server/src/services/nats/direct.js';
import { startStack, type TestStack } from '../support/stack.js';
import { cleanupTenant, eventually, expectCode, tenantClient } from './support.js';

describe('NATS without NATS_URL: the service runs its own nats-server', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(['nats']);
  });

  afterAll(async () => stack?.stop());

  it('serves from a managed nats-server with JetStream and server-wide statistics', async () => {
    const client = tenantClient(stack);
    const health = await client.healthCheck({ deepCheck: true });
    expect(health).toMatchObject({
      healthy: true,
      backend: 'managed',
      jetstreamEnabled: true,
      natsStatus: 'CONNECTED',
    });
    expect(health!.connections).toBeGreaterThanOrEqual(1);
    expect(stack.host.endpoint('nats').health.serving).toBe(true);
    await client.kvPut('config', 'app.version', '1.0.0');
    expect((await client.kvGet('config', 'app.version'))!.value.toString()).toBe('1.0.0');
    const stats = await client.getStatistics();
    expect(stats).toMatchObject({ serverStatsAvailable: true, kvBuckets: 1 });
    expect(stats!.connections).toBeGreaterThanOrEqual(1);
    expect(stats!.inMsgs).toBeGreaterThan(0);
    await cleanupTenant(client);
  });

  it('starts its nats-server again when it dies', async () => {
    const client = tenantClient(stack);
    await client.kvPut('durable', 'k', 'before');
    // The managed server is the nats-server whose store is under this stack's private data dir.
    const managedPid = () =>
      readdirSync('/proc')
        .filter((d) => /^\d+$/.test(d))
        .find((d) => {
          try {
            const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
            return cmd.includes('nats-server') && cmd.includes(stack.dataDir);
          } catch {
            return false;
          }
        });
    const pid = managedPid();
    expect(pid, 'managed nats-server process').toBeDefined();
    process.kill(Number(pid), 'SIGKILL');
    // The health probe notices and starts a new process (a new pid) on the same port and store.
    await eventually(
      () => {
        const now = managedPid();
        return now !== undefined && now !== pid;
      },
      20_000,
      'a new nats-server started',
    );
    await eventually(
      async () => (await client.healthCheck({ deepCheck: true, throwOnError: false }))?.healthy === true,
      20_000,
      'restarted',
    );
    await eventually(
      async () =>
        (await client.kvGet('durable', 'k', { throwOnError: false }))?.value.toString() === 'before',
      20_000,
      'data kept across the restart',
    );
    await cleanupTenant(client);
  });

  it('does not let anything bypass the service: the managed server requires its secret token', async () => {
    await stack.host.checkHealth();
    const url = stack.host.endpoint('nats').health.details.managed_url;
    expect(url).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    await expect(connect({ servers: url!, reconnect: false })).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: url!, token: 'guess', reconnect: false })).rejects.toThrow(
      /authorization/i,
    );
  });
});

describe('NATS without NATS_URL and without nats-server installed', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startStack(['nats'], { NATS_SERVER_BIN: 'nats-server-not-installed' });
  });

  afterAll(async () => stack?.stop());

  it('is NOT_SERVING and says what to install or set', async () => {
    expect(stack.host.endpoint('nats').health.serving).toBe(false);
    expect(stack.host.endpoint('nats').health.message).toMatch(/apt-get install nats-server.*NATS_URL/);
    const client = tenantClient(stack, { enableRetry: false });
    const health = await client.healthCheck({ throwOnError: true });
    expect(health).toMatchObject({ healthy: false, natsStatus: 'NOT_INSTALLED' });
    expect(health!.message).toMatch(/nats-server-not-installed is not installed/);
    const err = await client.publish('a', 'b').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
    expect((err as Error).message).toMatch(/NATS_URL/);
    await expectCode(client.kvGet('config', 'k'), GrpcStatus.UNAVAILABLE);
  });
});
