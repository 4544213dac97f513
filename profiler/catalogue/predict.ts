// The cycle model for predicting a catalogue board from a measured virtual board of the same
// core: cycles = instructions x CPI(core) x fetch factor(code memory), time = cycles / clock.
// Every factor is an estimate for compiled C crypto kernels and is labelled "predicted".
import type { CatalogueEntry } from './types.ts';

/** Cycles per instruction per core: one table for measured boards and predictions. */
export { CPI } from '../metrics/cycles.ts';

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

/** Extra cycles from code memory: with a cache or prefetch accelerator crypto loops stay hot
 *  (5% for misses); without one each flash wait state costs about a quarter cycle per
 *  instruction (32-bit fetches carry ~2 Thumb instructions; the prefetch buffer hides part). */
export function fetchFactor(e: CatalogueEntry): { factor: number; why: string } {
  const f = e.code_fetch.value;
  if (f.cache || f.wait_states === 0) {
    return { factor: f.memory === 'external-xip' ? 1.15 : 1.05,
      why: f.memory === 'external-xip' ? 'code in external flash behind an XIP cache: +15% (approximate)' : 'cache/zero wait states: +5% (approximate)' };
  }
  return { factor: 1 + 0.25 * f.wait_states, why: `${f.wait_states} flash wait states, no cache: +${25 * f.wait_states}% (approximate)` };
}
