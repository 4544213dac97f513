// The class model: cycles = sum over the instruction-class counters of count x cycles per
// class from the core's table (docs/timing-model.md). Its error band comes from the core's
// silicon calibration residuals, or, without calibration, from the table's ranges.
import type { Band, CalibrationCase, ClassCounts, TimingTable } from './types.ts';

/** Points added on each side of the calibration residuals for code unlike the calibration set. */
const CALIBRATION_MARGIN_PCT = 2;
/** Least band for a core with no silicon calibration (its table is the manual's alone). */
const UNCALIBRATED_PCT = 15;

/** Table entries with a part's own figure replacing the table's (e.g. a 32-cycle multiplier). */
export type Overrides = Partial<Record<string, number>>;

export function cyclesOf(t: TimingTable, classes: ClassCounts, o: Overrides = {}): number {
  let cycles = 0;
  for (const [name, n] of Object.entries(classes)) {
    const e = t.cycles[name];
    if (!e) throw new Error(`timing table for ${t.cores.join('/')} has no class "${name}"`);
    cycles += n * (o[name] ?? e.value);
  }
  return cycles;
}

/** Cycles the modelled figure may gain or lose where the table gives a range [fewest, most]
 *  instead of one figure: over the listed classes only, or every class. */
function spread(t: TimingTable, classes: ClassCounts, only?: string[], o: Overrides = {}): { low: number; high: number } {
  let low = 0, high = 0;
  for (const [name, n] of Object.entries(classes)) {
    const e = t.cycles[name];
    if (!e?.range || o[name] !== undefined || (only && !only.includes(name))) continue;
    low += n * (e.range[0] - e.value);
    high += n * (e.range[1] - e.value);
  }
  return { low, high };
}

/** Instructions whose latency depends on operand values on this core, and their classes. */
export function operandDependent(t: TimingTable, classes: ClassCounts): { instructions: number; classes: string[] } {
  const names = t.operand_dependent.classes.filter((c) => (classes[c] ?? 0) > 0);
  return { instructions: names.reduce((a, c) => a + classes[c], 0), classes: names };
}

/** How far silicon was from the model on each calibration case: published / modelled - 1, in %. */
export function residuals(t: TimingTable, cases: CalibrationCase[]) {
  return cases.map((c) => {
    const modelled = cyclesOf(t, c.instruction_classes);
    return { id: c.id, published: c.published_cycles, modelled: Math.round(modelled), residual_pct: (c.published_cycles / modelled - 1) * 100 };
  });
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The band of one modelled figure (`cycles` from `classes`). */
export function bandOf(t: TimingTable, cases: CalibrationCase[], classes: ClassCounts, cycles: number, o: Overrides = {}): Band {
  if (cycles <= 0) return { low_pct: 0, high_pct: 0, basis: 'no instructions' };
  const pct = (x: number) => (x / cycles) * 100;
  if (cases.length) {
    const res = residuals(t, cases).map((r) => r.residual_pct);
    const op = spread(t, classes, t.operand_dependent.classes, o);
    const lo = Math.min(0, ...res), hi = Math.max(0, ...res);
    return {
      low_pct: r1(lo - CALIBRATION_MARGIN_PCT + pct(op.low)), high_pct: r1(hi + CALIBRATION_MARGIN_PCT + pct(op.high)),
      basis: `silicon calibration: ${cases.length} published cases within ${r1(lo)}%..+${r1(hi)}% of the model, ±${CALIBRATION_MARGIN_PCT} points for other code${op.high > op.low ? `, plus the operand-dependent range of ${operandDependent(t, classes).classes.join(', ')}` : ''}`,
    };
  }
  const all = spread(t, classes, undefined, o);
  return {
    low_pct: r1(Math.min(-UNCALIBRATED_PCT, pct(all.low))), high_pct: r1(Math.max(UNCALIBRATED_PCT, pct(all.high))),
    basis: `no silicon calibration for ${t.cores.join('/')}: the manual's cycle ranges, at least ±${UNCALIBRATED_PCT}%${t.approximation ? ` (${t.approximation})` : ''}`,
  };
}
