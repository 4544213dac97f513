// The rows every report format renders, gathered once from the immutable results: the product,
// the catalogue ranking, and the measurement basis (boards, measurements with energy per
// operation, their verdicts, SecureMark-style scores).
import type { ResultsFile, Method } from '../results/types.ts';
import { bandText, coreName, mhz } from '../util/format.ts';
import { energyPerOpUj } from '../energy/index.ts';
import { loadCatalogue } from '../catalogue/index.ts';
import { factsFor, subjectFromResults, type CheckContext, type Recommendation, type RequirementProfile, type Verdict } from '../verdict/index.ts';
import { secureBootSuite, secureMarkScores, SUITES, type SuiteScore } from './securemark.ts';
import { productSummary, type ProductSummary } from './product.ts';

export interface MeasurementRow {
  board: string; kernel: string; op: string; param_name: string; param: number; status: string;
  /** The case when not the op's plain cost, e.g. "tampered tag". */
  variant?: string;
  time_us?: number; method?: Method; instructions?: number; cycles_per_byte?: number; stack_bytes?: number;
  /** Error band of a modelled time (and energy), e.g. "-5.1/+3.4%" (the timing model's). */
  band?: string;
  energy_uj?: number; energy_method?: string; clock_hz: number; conditions: string;
}

/** A board capmark measured (emulated in QEMU, or a real board over serial): the basis of every
 *  figure, including the catalogue's predictions. */
export interface BoardRow {
  id: string; name: string; clock_hz: number; core: string; conditions: string; power_note?: string; hostable: string;
  /** "Cortex-M4 emulated in QEMU, 25 MHz": what the board is, for legends; a twin names its part. */
  basis: string;
  /** The real part (catalogue id and name) this board is QEMU's model of (conditions.twin_of). */
  twin_of?: { id: string; name: string };
  /** What a reader should know about its results file (older schema, a secret left out). */
  notes: string[];
}

export interface ReportModel {
  generated_at: string;
  product?: ProductSummary;
  boards: BoardRow[];
  measurements: MeasurementRow[];
  /** Verdicts of the measured boards against the product. */
  verdicts: Verdict[];
  scores: { board: string; scores: SuiteScore[] }[];
  /** The catalogue ranked for the product (best first). */
  recommendations?: Recommendation[];
}

const conditionsOf = (r: ResultsFile) => {
  const c = r.conditions;
  return [c.transport, c.qemu_machine, c.icount && `icount ${c.icount}`, c.runtime, c.compiler, c.cflags, mhz(c.clock_hz)]
    .filter(Boolean).join(', ');
};

const basisOf = (r: ResultsFile, core: string, twin?: BoardRow['twin_of']) =>
  `${coreName(core)} ${r.conditions.transport === 'qemu' ? 'emulated in QEMU' : r.conditions.transport === 'serial' ? 'real board over serial' : 'in-process'}, ${mhz(r.conditions.clock_hz)}`
  + (twin ? `, twin of the real ${twin.name}` : '');

/** The part a twin board models, named from the catalogue (its id when the catalogue lacks it). */
function twinOf(r: ResultsFile, ctx: ModelOptions): BoardRow['twin_of'] {
  const id = r.conditions.twin_of;
  if (!id) return undefined;
  return { id, name: (ctx.catalogue ?? loadCatalogue()).find((e) => e.id === id)?.name ?? id };
}

export interface ModelOptions extends CheckContext { profile?: RequirementProfile; recommendations?: Recommendation[]; now?: Date }

export function buildModel(results: ResultsFile[], verdicts: Verdict[], ctx: ModelOptions = {}): ReportModel {
  const now = ctx.now ?? new Date();
  const model: ReportModel = { generated_at: now.toISOString(), product: ctx.profile && productSummary(ctx.profile),
    boards: [], measurements: [], verdicts, scores: [], recommendations: ctx.recommendations };
  const secureBoot = secureBootSuite(results, ctx.profile, ctx, now.getUTCFullYear());
  const suites = secureBoot ? [...SUITES, secureBoot] : SUITES;
  for (const r of results) {
    const facts = factsFor(r, ctx);
    const subject = subjectFromResults(r, facts);
    const conditions = conditionsOf(r);
    const twin = twinOf(r, ctx);
    model.boards.push({ id: r.board, name: facts.name, clock_hz: r.conditions.clock_hz, core: facts.core, conditions,
      power_note: facts.power_note, hostable: r.capability.verdict, basis: basisOf(r, facts.core, twin), twin_of: twin, notes: r.notes ?? [] });
    for (const m of r.measurements) {
      const time = m.time_us?.median ?? (m.cycles ? (m.cycles.median / r.conditions.clock_hz) * 1e6 : undefined);
      const energy = m.energy_uj ?? (time !== undefined && facts.power ? energyPerOpUj(time, facts.power, r.conditions.clock_hz) : undefined);
      model.measurements.push({
        board: r.board, kernel: m.kernel, op: m.op, param_name: m.param_name, param: m.param, status: m.status, variant: m.variant,
        time_us: time, method: m.time_us?.method ?? m.cycles?.method, instructions: m.instructions?.median,
        cycles_per_byte: m.cycles_per_byte, stack_bytes: m.stack_bytes, energy_uj: energy, band: bandText(m.cycles?.band),
        energy_method: m.energy_uj !== undefined ? 'results file' : energy !== undefined ? `modelled: ${facts.power_note ?? 'power model'}` : undefined,
        clock_hz: r.conditions.clock_hz, conditions,
      });
    }
    model.scores.push({ board: r.board, scores: secureMarkScores(subject, suites) });
  }
  return model;
}
