// Chart scales with ticks a reader can check values against: linear with 1-2-5 steps, or log
// with one tick per decade (bars spanning decades would otherwise be unreadable).

/** Ticks are round numbers: printed exactly ("0.01", "2000"), not to three digits. */
const exact = (v: number) => String(Number(v.toPrecision(6)));

export interface Tick { value: number; label: string }
export interface Scale { log: boolean; ticks: Tick[]; /** Value to pixels along the axis. */ at: (v: number) => number }

/** A linear axis from 0 to a round number at or above `max`, with 4 to 7 ticks. */
export function linearScale(max: number, px0: number, px1: number, unit = ''): Scale {
  const raw = Math.max(max, 1e-9) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const top = Math.ceil(max / step - 1e-9) * step || step;
  const ticks: Tick[] = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push({ value: i * step, label: `${exact(i * step)}${unit}` });
  return { log: false, ticks, at: (v) => px0 + (Math.max(0, v) / top) * (px1 - px0) };
}

/** A log axis over the decades that hold [min, max]: ticks at 10^k. */
export function logScale(min: number, max: number, px0: number, px1: number, unit = ''): Scale {
  const lo = Math.floor(Math.log10(min)), hi = Math.max(Math.ceil(Math.log10(max)), lo + 1);
  const ticks: Tick[] = [];
  for (let k = lo; k <= hi; k++) ticks.push({ value: 10 ** k, label: `${exact(10 ** k)}${unit}` });
  return { log: true, ticks, at: (v) => px0 + ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo)) * (px1 - px0) };
}

/** Log when the positive values span more than two decades, so small bars stay visible. */
export function scaleFor(values: number[], px0: number, px1: number): Scale {
  const pos = values.filter((v) => v > 0);
  const max = Math.max(...pos, 1e-9), min = Math.min(...pos, max);
  return max / min > 100 ? logScale(min, max, px0, px1) : linearScale(max, px0, px1);
}
