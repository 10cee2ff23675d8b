/** Small descriptive statistics for benchmark samples. */

export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const s = sorted(values);
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Round to a few significant digits for tables (JSON keeps 4 significant digits too: noise is ±20%). */
export function sig(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

export const KiB = 1024;
export const MiB = 1024 * KiB;

export function formatBytes(n: number): string {
  if (n >= MiB) return `${sig(n / MiB)} MiB`;
  if (n >= KiB) return `${sig(n / KiB)} KiB`;
  return `${n} B`;
}
