// Numbers for people: sizes with binary units ("1.4 KiB"), so terminal and report text agree.

/** 1023 -> "1023 B", 1434 -> "1.4 KiB", 3 << 20 -> "3 MiB" (one decimal, trailing ".0" dropped). */
export function bytes(n: number): string {
  const [value, unit] = n >= 1 << 20 ? [n / (1 << 20), 'MiB'] : n >= 1024 ? [n / 1024, 'KiB'] : [n, 'B'];
  return `${unit === 'B' ? Math.round(value) : Math.round(value * 10) / 10} ${unit}`;
}

/** Use against a limit: "1.4 KiB of 24 KiB". */
export const useOf = (used: number, limit: number) => `${bytes(used)} of ${bytes(limit)}`;

/** A small share as a percentage: "<0.01%" rather than a misleading "0.00%". */
export const percent = (pct: number) => (pct > 0 && pct < 0.01 ? '<0.01%' : `${pct.toFixed(2)}%`);

/** A timing-model error band as printed: "-5.1/+3.4%" (docs/timing-model.md). */
export const bandText = (b?: { low_pct: number; high_pct: number }) => (b ? `${b.low_pct}/+${b.high_pct}%` : undefined);
