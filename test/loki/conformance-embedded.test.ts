import { startStack } from '../support/stack.js';
import { lokiConformance } from './conformance.js';

lokiConformance({
  label: 'embedded (DuckDB)',
  backend: 'duckdb',
  features: { duplicateCounts: true, streamTimes: true, immediateDelete: true },
  start: () => startStack(['minio', 'loki']),
});
