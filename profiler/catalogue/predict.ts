// Predicting a catalogue part from a measured virtual board of the same core (or a stand-in
// core that runs the same binary): the part's core timing model applied to the op's exact
// instruction classes, plus the part's code-fetch cost (flash wait states, caches), time =
// cycles / the part's clock. Every figure carries the model's error band and is "predicted".
import { modelCycles, modelFromInstructions, type Modelled } from '../timing/index.ts';
import type { Measurement } from '../results/types.ts';
import type { CatalogueEntry } from './types.ts';

/** Cores whose instruction counts stand in for another core when no virtual board has it:
 *  the listed core runs the same binary (same or subset ISA). */
const STAND_IN: Record<string, string[]> = {
  'cortex-m0plus': ['cortex-m0'],
  'cortex-m23': ['cortex-m0plus', 'cortex-m0'],
  'cortex-m33': ['cortex-m4'],   // ARMv8-M Mainline + DSP is a superset of ARMv7E-M
  'cortex-m55': ['cortex-m33', 'cortex-m4'],
  'cortex-m7': ['cortex-m4'],
  'rv32imac': ['rv32imc'],      // the agent uses no atomics: RV32IMC code runs unchanged
};

/** Measured cores that can predict `core`, best first (the core itself, then stand-ins). */
export const predictorCores = (core: string) => [core, ...(STAND_IN[core] ?? [])];

/** Cycles of one measured op on the part, with the band; undefined without a timing model
 *  for the part's core or an instruction count. */
export function predictCycles(e: CatalogueEntry, m: Pick<Measurement, 'instructions' | 'instruction_classes'>): Modelled | undefined {
  const o = { fetch: e.code_fetch.value, overrides: e.multiplier_cycles && { mul: e.multiplier_cycles.value } };
  if (m.instruction_classes) return modelCycles(e.core.value, m.instruction_classes, o);
  return m.instructions && modelFromInstructions(e.core.value, m.instructions.median, o);
}
