/** Latency percentiles and throughput of one run. */
export interface RunStats {
  p50_ms: number;
  p99_ms: number;
  turns_per_s: number;
  turns: number;
}

/** The nearest-rank percentile (0–100) of the values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** The median of the values (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Statistics of one run from its per-turn latencies (ms) and its wall time (ms). */
export function runStats(latencies: readonly number[], wallMs: number): RunStats {
  return {
    p50_ms: percentile(latencies, 50),
    p99_ms: percentile(latencies, 99),
    turns_per_s: (latencies.length * 1000) / wallMs,
    turns: latencies.length,
  };
}

/** The median, metric by metric, of several rounds' statistics. */
export function medianOfRounds(rounds: readonly RunStats[]): RunStats {
  return {
    p50_ms: median(rounds.map((r) => r.p50_ms)),
    p99_ms: median(rounds.map((r) => r.p99_ms)),
    turns_per_s: median(rounds.map((r) => r.turns_per_s)),
    turns: rounds[0]?.turns ?? 0,
  };
}
