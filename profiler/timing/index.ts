// The timing model: modelled cycles with an error band from exact instruction-class counts,
// per core (boards/timing/<core>.json, cycles per class from the core's manual) and per part
// (code_fetch: flash wait states, caches), calibrated against published silicon counts
// (boards/timing/calibration/). docs/timing-model.md explains it.
import { fetchCost, type CodeFetch } from './fetch.ts';
import { loadCalibration, loadTables } from './load.ts';
import { bandOf, cyclesOf, operandDependent, residuals, type Overrides } from './model.ts';
import type { Band, CalibrationCase, ClassCounts, TimingTable } from './types.ts';

export { loadTables, loadCalibration, TIMING_DIR } from './load.ts';
export { residuals, cyclesOf, operandDependent } from './model.ts';
export { fetchCost, type CodeFetch } from './fetch.ts';
export { timingTableSchema, calibrationSchema, CLASSES, COUNTERS } from './schema.ts';
export type { Band, ClassCounts, TimingTable, CalibrationCase } from './types.ts';

export const TIMING_MODEL = 'capmark.timing/1';

let data: { tables: Map<string, TimingTable>; cases: CalibrationCase[] } | undefined;
const loaded = () => (data ??= { tables: loadTables(), cases: loadCalibration() });

export interface CoreTiming { table: TimingTable; cases: CalibrationCase[] }

/** The core's table and its calibration cases, or undefined when capmark has no table for it. */
export function coreTiming(core: string): CoreTiming | undefined {
  const { tables, cases } = loaded();
  const table = tables.get(core);
  return table && { table, cases: cases.filter((c) => c.core === core) };
}

/** What a results file records as conditions.timing_model. */
export function timingModelName(core: string): string | undefined {
  const t = coreTiming(core);
  return t && `${TIMING_MODEL} ${core}: ${t.table.reference}; ${t.cases.length ? `calibrated on ${t.cases.length} published silicon cases` : 'no silicon calibration'}`;
}

export interface Modelled {
  cycles: number;
  band: Band;
  /** How the figure was obtained, for `cycles.source`. */
  source: string;
  operand_dependent: { instructions: number; classes: string[] };
}

export interface ModelOptions {
  /** A part's code memory; absent: zero wait states (the calibration's conditions). */
  fetch?: CodeFetch;
  /** A part's own figures for table entries (e.g. mul: 32 for a small M0 multiplier). */
  overrides?: Overrides;
}

/** Modelled cycles of one run from its exact class counts, or undefined without a table. */
export function modelCycles(core: string, classes: ClassCounts, o: ModelOptions = {}): Modelled | undefined {
  const t = coreTiming(core);
  if (!t) return undefined;
  const core_cycles = cyclesOf(t.table, classes, o.overrides);
  const band = bandOf(t.table, t.cases, classes, core_cycles, o.overrides);
  let cycles = core_cycles, source = `${TIMING_MODEL} class model for ${core} (${t.table.reference})`;
  if (o.fetch) {
    const f = fetchCost(o.fetch, classes);
    cycles += f.extra_cycles;
    band.high_pct = Math.round((band.high_pct + f.band_high_pct) * 10) / 10;
    band.basis += f.band_high_pct ? `; code fetch: ${f.why}` : '';
    source += `; code fetch: ${f.why}`;
  }
  return { cycles: Math.round(cycles), band, source, operand_dependent: operandDependent(t.table, classes) };
}

/** The calibration cases' mean instruction mix (the core's cases, else every case), scaled so
 *  that `size(case)` sums to `n`: per instruction or per published cycle. */
function meanMix(core: string, n: number, size: (c: CalibrationCase) => number): ClassCounts | undefined {
  const own = coreTiming(core)?.cases ?? [];
  const pool = own.length ? own : loaded().cases;
  const total = pool.reduce((a, c) => a + size(c), 0);
  if (!total) return undefined;
  const mix: ClassCounts = {};
  for (const c of pool) for (const [k, v] of Object.entries(c.instruction_classes)) mix[k] = (mix[k] ?? 0) + (v / total) * n;
  return mix;
}

/** Without a class profile (older results files): the mean instruction mix of the core's
 *  calibration cases (of all cases when it has none) assumed, with a wider band that says so. */
export function modelFromInstructions(core: string, instructions: number, o: ModelOptions = {}): Modelled | undefined {
  const mix = coreTiming(core) && meanMix(core, instructions, (c) => c.instructions);
  if (!mix) return undefined;
  const m = modelCycles(core, mix, o)!;
  const wide = Math.max(20, -m.band.low_pct, m.band.high_pct);
  return { ...m, operand_dependent: { instructions: 0, classes: [] },
    band: { low_pct: -wide, high_pct: wide, basis: `no instruction-class profile recorded: the calibration cases' mean instruction mix assumed, ±${wide}%` },
    source: `${m.source}; mean instruction mix of the calibration cases (no class profile recorded)` };
}

/** A published silicon cycle count (measured at zero wait states, as pqm4 and the assembly
 *  papers do) on a part's code memory. The published code's own mix is not known: the taken
 *  branches per cycle of the calibration cases (published optimised code too) are assumed. The
 *  band is the code fetch's alone: the count itself is silicon's. */
export function publishedOnPart(cycles: number, core: string, fetch: CodeFetch): { cycles: number; band: Band } {
  const f = fetchCost(fetch, meanMix(core, cycles, (c) => c.published_cycles) ?? {});
  return { cycles: Math.round(cycles + f.extra_cycles),
    band: { low_pct: 0, high_pct: f.band_high_pct, basis: `published silicon count; code fetch: ${f.why}${f.extra_cycles ? ", at the calibration cases' taken branches per cycle" : ''}` } };
}
