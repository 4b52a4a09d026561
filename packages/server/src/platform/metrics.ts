import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Per-process Prometheus metrics: one set of RPC series shared by every service the process hosts. */
export class Metrics {
  readonly registry = new Registry();
  readonly rpcTotal: Counter<'service' | 'method' | 'code'>;
  readonly rpcDuration: Histogram<'service' | 'method'>;
  readonly rpcInFlight: Gauge<'service' | 'method'>;
  readonly backendUp: Gauge<'service'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    this.rpcTotal = new Counter({
      name: 'isa_rpc_requests_total',
      help: 'RPCs completed, by service, method and gRPC status code',
      labelNames: ['service', 'method', 'code'],
      registers: [this.registry],
    });
    this.rpcDuration = new Histogram({
      name: 'isa_rpc_duration_seconds',
      help: 'RPC latency from first byte to status',
      labelNames: ['service', 'method'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.rpcInFlight = new Gauge({
      name: 'isa_rpc_in_flight',
      help: 'RPCs currently running',
      labelNames: ['service', 'method'],
      registers: [this.registry],
    });
    this.backendUp = new Gauge({
      name: 'isa_backend_up',
      help: '1 when the service backend answered its last health probe',
      labelNames: ['service'],
      registers: [this.registry],
    });
  }
}
