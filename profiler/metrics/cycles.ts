// From exact instruction counts (virtual boards) to modelled cycles and time. QEMU counts
// instructions, not cycles: a cycle model must say which factor it applies and why
// (DESIGN.md "Measurement"). Factors are cycles per instruction for compiled C with zero
// flash wait states; a real board's wait states or cache misses come on top.

export interface CpiModel { cpi: number; basis: string }

export const CPI: Record<string, CpiModel> = {
  'cortex-m3': { cpi: 1.25, basis: 'compiled C at 0 wait states runs ~1.2-1.3 cycles/instruction on Cortex-M3/M4 (DESIGN.md, published silicon counts); 1.25 used' },
  'cortex-m4': { cpi: 1.25, basis: 'compiled C at 0 wait states runs ~1.2-1.3 cycles/instruction on Cortex-M4 (DESIGN.md, published silicon counts); 1.25 used' },
  'cortex-m33': { cpi: 1.25, basis: 'Cortex-M33 has the M4-class 3-stage pipeline; same 1.25 assumed as for the M4' },
  'cortex-m7': { cpi: 1.0, basis: 'Cortex-M7 dual-issues some pairs; 1.0 assumed (caches hot, TCM, dual issue not modelled beyond that)' },
  'cortex-m55': { cpi: 1.0, basis: 'Cortex-M55 (Helium not used by the kernels); 1.0 assumed' },
};

export function cpiFor(core: string): CpiModel {
  return CPI[core] ?? { cpi: 1.25, basis: `no model for ${core}; the Cortex-M4 factor 1.25 used` };
}
