// Energy per operation and per day from a board's power model: E = t * V * I_run(f)
// (DESIGN.md "Measurement"), and a profile's daily crypto energy against its battery budget.
import type { PowerModel } from './power-schema.ts';

/** Run current in mA at `clockHz`. A figure given at another clock is scaled linearly with f
 *  (dynamic current dominates; static current makes this slightly optimistic at low clocks). */
export function runCurrentMa(p: PowerModel, clockHz: number): number {
  const r = p.run_current;
  return 'ua_per_mhz' in r ? (r.ua_per_mhz * clockHz) / 1e6 / 1000 : r.ma * (clockHz / r.at_clock_hz);
}

/** Energy of one operation in microjoules: µs x V x mA = nJ. */
export function energyPerOpUj(timeUs: number, p: PowerModel, clockHz: number): number {
  return (timeUs * p.supply_voltage_v.value * runCurrentMa(p, clockHz)) / 1000;
}

/** Battery-powered products state capacity, voltage, life and the share crypto may take. */
export interface EnergyBudget {
  battery_capacity_mah: number;
  battery_voltage_v: number;
  battery_life_days: number;
  /** Fraction of the daily energy the security functions may use, e.g. 0.05. */
  crypto_share_max: number;
  source?: string;
}

/** Whole battery energy per day of required life, in millijoules (1 mAh at 1 V = 3.6 J). */
export const dailyBudgetMj = (b: EnergyBudget) =>
  (b.battery_capacity_mah * b.battery_voltage_v * 3600) / b.battery_life_days;

/** Energy the sleeping board uses per day, in millijoules, for context next to crypto energy. */
export const dailySleepMj = (p: PowerModel) => p.sleep_current_ua.value * 1e-3 * p.supply_voltage_v.value * 86400;

/** Sources of the power figures in one line, for report footnotes. */
export const powerSources = (p: PowerModel) =>
  [p.supply_voltage_v.source, p.run_current.source, p.sleep_current_ua.source]
    .filter((s, i, a) => a.indexOf(s) === i).join('; ');
