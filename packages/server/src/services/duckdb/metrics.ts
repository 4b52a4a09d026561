/** Query counters and latency of this process (GetMetrics). */
export class QueryMetrics {
  total = 0;
  failed = 0;
  timedOut = 0;
  active = 0;
  private totalMs = 0;
  /** The most recent latencies, for the percentile. */
  private readonly recent: number[] = [];
  private next = 0;

  constructor(private readonly window = 1024) {}

  /** Counts one query from now until the returned function is called with its outcome. */
  start(): (outcome: 'ok' | 'failed' | 'timeout') => void {
    const started = performance.now();
    this.active++;
    let done = false;
    return (outcome) => {
      if (done) return;
      done = true;
      this.active--;
      const ms = performance.now() - started;
      this.total++;
      this.totalMs += ms;
      if (outcome !== 'ok') this.failed++;
      if (outcome === 'timeout') this.timedOut++;
      if (this.recent.length < this.window) this.recent.push(ms);
      else this.recent[this.next] = ms;
      this.next = (this.next + 1) % this.window;
    };
  }

  get averageMs(): number {
    return this.total === 0 ? 0 : this.totalMs / this.total;
  }

  percentileMs(p: number): number {
    if (this.recent.length === 0) return 0;
    const sorted = [...this.recent].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  }
}
