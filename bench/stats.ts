/** Small statistics for the benchmarks: percentiles of samples, and rounding for the table. */

/** The p-th percentile (0–100) by nearest rank: always a value that was actually measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]
}

export const median = (samples: readonly number[]) => percentile(samples, 50)

/** Three significant digits: enough for figures measured on a noisy machine. */
export const round = (value: number) => Number(value.toPrecision(3))
