import { GrpcStatus } from '@isa-cloud/sdk';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../packages/server/src/platform/managed-process.js';
import { startStack, uniqueUser } from '../support/stack.js';
import { lokiConformance } from './conformance.js';
import { startLokiDouble } from './loki-double.js';

/**
 * The same suite through the Grafana Loki adapter: against a real Loki when LOKI_TEST_URL is set
 * (auth_enabled: true, and the compactor's delete API on), otherwise against the HTTP API double.
 */
const real = process.env.LOKI_TEST_URL;

lokiConformance({
  label: real ? `Grafana Loki at ${real}` : 'Loki HTTP adapter against the API double',
  backend: 'loki',
  features: { duplicateCounts: false, streamTimes: false, immediateDelete: false },
  async start() {
    const double = real ? undefined : await startLokiDouble();
    const stack = await startStack(['minio', 'loki'], {
      LOKI_URL: real ?? double!.url,
      LOKI_TAIL_POLL_MS: '200',
    });
    return {
      ...stack,
      async stop() {
        await stack.stop();
        await double?.stop();
      },
    };
  },
});

describe('Loki adapter when Loki is down', () => {
  it('serves NOT_SERVING and answers UNAVAILABLE, saying where it looked', async () => {
    const port = await freePort();
    const stack = await startStack(['loki'], {
      LOKI_URL: `http://127.0.0.1:${port}`,
      LOKI_TIMEOUT_MS: '2000',
    });
    try {
      const client = stack.client('loki', {
        userId: uniqueUser('down'),
        throwOnError: true,
        enableRetry: false,
      });
      expect(await client.healthCheck()).toMatchObject({
        healthy: false,
        status: 'NOT_SERVING',
        backend: 'loki',
        message: expect.stringContaining(`Loki at http://127.0.0.1:${port} is unreachable`),
      });
      expect(stack.host.endpoint('loki').health).toMatchObject({ serving: false });
      await expect(client.pushLog('x', { labels: { app: 'down' } })).rejects.toMatchObject({
        code: GrpcStatus.UNAVAILABLE,
      });
      await expect(client.queryLogs('{app="down"}')).rejects.toMatchObject({ code: GrpcStatus.UNAVAILABLE });
      // Nothing was stored, so nothing was counted against the quota.
      expect(await client.getUserQuota()).toMatchObject({ todayBytesUsed: 0 });
    } finally {
      await stack.stop();
    }
  });
});
