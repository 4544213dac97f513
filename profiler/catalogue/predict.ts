// The cycle model for predicting a catalogue board from a measured virtual board of the same
// core: cycles = instructions x CPI(core) x fetch factor(code memory), time = cycles / clock.
// Every factor is an estimate for compiled C crypto kernels and is labelled "predicted".
import type { CatalogueEntry } from './types.ts';

interface CpiEntry { cpi: number; why: string }

/** Cycles per instruction for compiled C at zero wait states. */
export const CPI: Record<string, CpiEntry> = {
  'cortex-m4': { cpi: 1.25, why: 'published silicon counts for compiled C at zero wait states run 1.2-1.3x instructions (DESIGN.md)' },
  'cortex-m3': { cpi: 1.3, why: 'M4 pipeline without single-cycle DSP multiply-accumulate; approximate' },
  'cortex-m33': { cpi: 1.25, why: '3-stage pipeline like the M4; approximate' },
  'cortex-m23': { cpi: 1.4, why: '2-stage ARMv8-M Baseline pipeline, 2-cycle loads; approximate' },
  'cortex-m0': { cpi: 1.45, why: '3-stage ARMv6-M, 2-cycle loads/stores, 3-cycle taken branches; approximate' },
  'cortex-m0plus': { cpi: 1.35, why: '2-stage ARMv6-M, 2-cycle taken branches; approximate' },
  'cortex-m7': { cpi: 0.85, why: 'dual-issue 6-stage pipeline with caches; approximate' },
  'cortex-m55': { cpi: 0.95, why: 'scalar code on the M55 (no Helium); approximate' },
  'rv32imc': { cpi: 1.3, why: 'Ibex/ESP32-C3 class 2-4 stage pipelines, multi-cycle loads and taken branches; approximate' },
};

/** Cores whose instruction counts stand in for another core when no virtual board has it:
 *  the listed core runs the same binary (same or subset ISA). */
const STAND_IN: Record<string, string[]> = {
  'cortex-m0plus': ['cortex-m0'],
  'cortex-m23': ['cortex-m0plus', 'cortex-m0'],
  'cortex-m33': ['cortex-m4'],   // ARMv8-M Mainline + DSP is a superset of ARMv7E-M
  'cortex-m55': ['cortex-m33', 'cortex-m4'],
  'cortex-m7': ['cortex-m4'],
  'rv32imac': ['rv32imc'],
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
