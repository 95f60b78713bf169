/** The q-quantile (0..1) of the samples by nearest rank; NaN when there are none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, value) => sum + value, 0) / samples.length;
}

/** Latency summary in milliseconds. */
export interface LatencySummary {
  p50: number;
  p99: number;
}

export function summarize(samples: readonly number[]): LatencySummary {
  return { p50: quantile(samples, 0.5), p99: quantile(samples, 0.99) };
}
