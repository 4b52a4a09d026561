import { formatNs } from './time.js';

/**
 * Which timestamps a stream accepts, with Loki's defaults: not older than a week, not more than ten
 * minutes in the future, and not more than an hour behind the stream's newest entry (Loki accepts
 * out-of-order entries within half of max_chunk_age).
 */
export interface IngestRules {
  readonly maxAgeNs: bigint;
  readonly gracePeriodNs: bigint;
  readonly outOfOrderWindowNs: bigint;
}

/** Why an entry is refused for its timestamp (Loki's wording), or undefined when it is accepted. */
export function timestampProblem(
  stream: string,
  tsNs: bigint,
  newestNs: bigint | undefined,
  nowNs: bigint,
  rules: IngestRules,
): string | undefined {
  if (tsNs > nowNs + rules.gracePeriodNs) {
    return `entry for stream '${stream}' has timestamp too new: ${formatNs(tsNs)}`;
  }
  const oldest = nowNs - rules.maxAgeNs;
  if (tsNs < oldest) {
    return `entry for stream '${stream}' has timestamp too old: ${formatNs(tsNs)}, oldest acceptable timestamp is: ${formatNs(oldest)}`;
  }
  if (newestNs !== undefined && tsNs < newestNs - rules.outOfOrderWindowNs) {
    return `entry too far behind, entry timestamp is: ${formatNs(tsNs)}, oldest acceptable timestamp is: ${formatNs(newestNs - rules.outOfOrderWindowNs)}`;
  }
  return undefined;
}
