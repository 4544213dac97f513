// From exact instruction counts (virtual boards) to modelled cycles and time. QEMU counts
// instructions, not cycles: a cycle model must say which factor it applies and why
// (DESIGN.md "Measurement"). Factors are cycles per instruction for compiled C with zero
// flash wait states; a real board's wait states or cache misses come on top.

export interface CpiModel { cpi: number; basis: string }

export const CPI: Record<string, CpiModel> = {
  'cortex-m4': { cpi: 1.25, basis: 'published silicon counts for compiled C at zero wait states run 1.2-1.3x instructions (DESIGN.md); 1.25 used' },
  'cortex-m3': { cpi: 1.3, basis: 'M4 pipeline without single-cycle DSP multiply-accumulate; approximate' },
  'cortex-m33': { cpi: 1.25, basis: '3-stage pipeline like the M4; approximate' },
  'cortex-m23': { cpi: 1.4, basis: '2-stage ARMv8-M Baseline pipeline, 2-cycle loads; approximate' },
  'cortex-m0': { cpi: 1.45, basis: '3-stage ARMv6-M, 2-cycle loads/stores, 3-cycle taken branches; approximate' },
  'cortex-m0plus': { cpi: 1.35, basis: '2-stage ARMv6-M, 2-cycle taken branches; approximate' },
  'cortex-m7': { cpi: 0.85, basis: 'dual-issue 6-stage pipeline with caches; approximate' },
  'cortex-m55': { cpi: 0.95, basis: 'scalar code on the M55 (no Helium); approximate' },
  'rv32imc': { cpi: 1.3, basis: 'Ibex/ESP32-C3 class 2-4 stage pipelines, multi-cycle loads and taken branches; approximate' },
  'rv32imac': { cpi: 1.3, basis: 'as RV32IMC (GD32VF103 Bumblebee class 2-stage pipeline); the A extension is unused by the agent; approximate' },
  'rv32ec': { cpi: 1.4, basis: 'CH32V003 class (QingKe V2A) 2-stage pipeline, multi-cycle loads and taken branches, no multiplier (software multiply is counted as instructions); approximate' },
};

export function cpiFor(core: string): CpiModel {
  return CPI[core] ?? { cpi: 1.25, basis: `no model for ${core}; the Cortex-M4 factor 1.25 used` };
}
