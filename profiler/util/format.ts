// Numbers for people, one way everywhere (terminal, Markdown, HTML, chart labels): sizes with
// binary units ("1.4 KiB"), about three significant digits, the timing model's bands, prices,
// clocks and core names.

/** 1023 -> "1023 B", 1434 -> "1.4 KiB", 3 << 20 -> "3 MiB" (one decimal, trailing ".0" dropped). */
export function bytes(n: number): string {
  const [value, unit] = n >= 1 << 20 ? [n / (1 << 20), 'MiB'] : n >= 1024 ? [n / 1024, 'KiB'] : [n, 'B'];
  return `${unit === 'B' ? Math.round(value) : Math.round(value * 10) / 10} ${unit}`;
}

/** Use against a limit: "1.4 KiB of 24 KiB". */
export const useOf = (used: number, limit: number) => `${bytes(used)} of ${bytes(limit)}`;

/** A small share as a percentage: "<0.01%" rather than a misleading "0.00%". */
export const percent = (pct: number) => (pct > 0 && pct < 0.01 ? '<0.01%' : `${pct.toFixed(2)}%`);

/** About three significant digits, no trailing zeros: 1394 -> "1394", 68.74 -> "68.7", 5.041 ->
 *  "5.04", 78 -> "78", 0.912 -> "0.91". */
export const num = (v: number) =>
  (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : Math.abs(v) >= 1 ? v.toFixed(2) : v === 0 ? '0' : v.toPrecision(2))
    .replace(/\.0+$|(\.\d*?)0+$/, '$1');

/** A timing-model error band as printed: "-5.1/+3.4%" (docs/timing-model.md). */
export const bandText = (b?: { low_pct: number; high_pct: number }) => (b ? `${b.low_pct}/+${b.high_pct}%` : undefined);

/** A figure with its unit and, when modelled or predicted, its band: "338 ms (-5.1/+3.4%)". */
export const withBand = (v: number, unit: string, b?: { low_pct: number; high_pct: number }) =>
  `${num(v)} ${unit}${b ? ` (${bandText(b)})` : ''}`;

/** The band of 1/x given the band of x (throughput from time): -5% time is +5.3% throughput. */
export function inverseBand(b?: { low_pct: number; high_pct: number }) {
  if (!b) return undefined;
  const inv = (pct: number) => Math.round((100 / (1 + pct / 100) - 100) * 10) / 10;
  return { low_pct: inv(b.high_pct), high_pct: inv(b.low_pct) };
}

/** 64e6 -> "64 MHz". */
export const mhz = (hz: number) => `${num(hz / 1e6)} MHz`;

/** A catalogue price band in USD: "2-4" -> "$2-4", "<1" -> "<$1", ">8" -> ">$8". */
export const price = (band: string) => (/^[<>]/.test(band) ? `${band[0]}$${band.slice(1)}` : `$${band}`);

/** "cortex-m0plus" -> "Cortex-M0+", "rv32imc" -> "RV32IMC", "xtensa-lx7" -> "Xtensa LX7". */
export const coreName = (core: string) =>
  core.startsWith('cortex-') ? `Cortex-${core.slice(7).toUpperCase().replace('PLUS', '+')}`
    : core.startsWith('xtensa-') ? `Xtensa ${core.slice(7).toUpperCase()}` : core.toUpperCase();
