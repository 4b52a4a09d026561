import { startStack } from '../support/stack.js';
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
