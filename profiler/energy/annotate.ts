// Fills `energy_uj` (median energy per operation) into a results file's measurements from the
// board's power model, as `capmark profile` should before writing results/<board>.json.
import type { ResultsFile } from '../results/types.ts';
import { energyPerOpUj } from './model.ts';
import type { PowerModel } from './power-schema.ts';

/** A copy of `r` with energy_uj on every measurement that has a time; the input is not changed. */
export function annotateEnergy(r: ResultsFile, power: PowerModel): ResultsFile {
  const clock = r.conditions.clock_hz;
  return {
    ...r,
    measurements: r.measurements.map((m) => {
      const us = m.time_us?.median ?? (m.cycles ? (m.cycles.median / clock) * 1e6 : undefined);
      return us === undefined ? m : { ...m, energy_uj: energyPerOpUj(us, power, clock) };
    }),
  };
}
