import { HealthImplementation } from 'grpc-health-check';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';

const FAILURES_BEFORE_NOT_SERVING = 2;

/** What a backend probe found. `message` says what is wrong and, where it can, what to install or set. */
export type ProbeResult =
  | { healthy: true; details?: Record<string, string> }
  | { healthy: false; message: string };

export interface HealthSnapshot {
  readonly serving: boolean;
  readonly message: string;
  readonly details: Record<string, string>;
  readonly checkedAt: Date;
}

/**
 * Keeps one service's grpc.health.v1 status in step with its backend: a background probe runs every
 * interval and flips the status to NOT_SERVING when the backend fails twice in a row, back to SERVING as
 * soon as it recovers.
 * The status is published under the service's full name and under "" (the whole server).
 */
export class HealthMonitor {
  readonly implementation = new HealthImplementation({ '': 'NOT_SERVING' });
  private snapshot: HealthSnapshot = {
    serving: false,
    message: 'not probed yet',
    details: {},
    checkedAt: new Date(0),
  };
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<HealthSnapshot> | undefined;
  private stopped = false;
  private failures = 0;

  constructor(
    readonly serviceName: string,
    private readonly probe: () => Promise<ProbeResult>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
    private readonly metrics: Metrics,
    private readonly shortName: string,
  ) {
    this.implementation.setStatus(serviceName, 'NOT_SERVING');
  }

  get current(): HealthSnapshot {
    return this.snapshot;
  }

  /** Runs the first probe, then keeps probing in the background. */
  async start(): Promise<HealthSnapshot> {
    const first = await this.check();
    this.schedule();
    return first;
  }

  /** Probes now (deduplicated with a probe already running). */
  check(): Promise<HealthSnapshot> {
    this.running ??= this.runProbe().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Marks the service NOT_SERVING for good (shutdown); load balancers stop sending work. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.publish({ serving: false, message: 'shutting down', details: {}, checkedAt: new Date() });
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.check().finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async runProbe(): Promise<HealthSnapshot> {
    let result: ProbeResult;
    try {
      // Generous: a busy machine must not make a healthy backend look dead.
      result = await withTimeout(this.probe(), Math.max(5000, this.intervalMs));
    } catch (err) {
      result = { healthy: false, message: (err as Error).message || String(err) };
    }
    const next: HealthSnapshot = result.healthy
      ? { serving: true, message: '', details: result.details ?? {}, checkedAt: new Date() }
      : { serving: false, message: result.message, details: {}, checkedAt: new Date() };
    this.failures = result.healthy ? 0 : this.failures + 1;
    // One failed probe of a serving backend is not enough to pull it out of rotation (a GC pause or a
    // busy disk would do that); the second in a row is.
    if (!result.healthy && this.snapshot.serving && this.failures < FAILURES_BEFORE_NOT_SERVING) {
      this.logger.debug({ service: this.shortName, reason: result.message }, 'backend probe failed once');
      return this.snapshot;
    }
    if (!this.stopped) {
      if (next.serving !== this.snapshot.serving) {
        if (next.serving) this.logger.info({ service: this.shortName }, 'backend healthy: SERVING');
        else
          this.logger.warn(
            { service: this.shortName, reason: next.message },
            'backend unhealthy: NOT_SERVING',
          );
      }
      this.publish(next);
    }
    return next;
  }

  private publish(next: HealthSnapshot): void {
    this.snapshot = next;
    const status = next.serving ? 'SERVING' : 'NOT_SERVING';
    this.implementation.setStatus(this.serviceName, status);
    this.implementation.setStatus('', status);
    this.metrics.backendUp.set({ service: this.shortName }, next.serving ? 1 : 0);
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`health probe timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
