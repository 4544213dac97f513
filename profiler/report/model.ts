// The rows every report format renders: measurements with energy per operation, verdicts,
// SecureMark-style scores and recommendations, gathered once from the immutable results.
import type { ResultsFile, Method } from '../results/types.ts';
import { bandText } from '../util/format.ts';
import { energyPerOpUj } from '../energy/index.ts';
import { factsFor, subjectFromResults, type CheckContext, type Recommendation, type Verdict } from '../verdict/index.ts';
import { secureMarkScores, type SuiteScore } from './securemark.ts';

export interface MeasurementRow {
  board: string; kernel: string; op: string; param_name: string; param: number; status: string;
  time_us?: number; method?: Method; instructions?: number; cycles_per_byte?: number; stack_bytes?: number;
  /** Error band of a modelled time (and energy), e.g. "-5.1/+3.4%" (the timing model's). */
  band?: string;
  energy_uj?: number; energy_method?: string; clock_hz: number; conditions: string;
}

export interface ReportModel {
  generated_at: string;
  boards: { id: string; name: string; clock_hz: number; core: string; conditions: string; power_note?: string; hostable: string }[];
  measurements: MeasurementRow[];
  verdicts: Verdict[];
  scores: { board: string; scores: SuiteScore[] }[];
  recommendations?: Recommendation[];
}

const conditionsOf = (r: ResultsFile) => {
  const c = r.conditions;
  return [c.transport, c.qemu_machine, c.icount && `icount ${c.icount}`, c.runtime, c.compiler, c.cflags, `${c.clock_hz / 1e6} MHz`]
    .filter(Boolean).join(', ');
};

export function buildModel(results: ResultsFile[], verdicts: Verdict[], ctx: CheckContext & { recommendations?: Recommendation[]; now?: Date } = {}): ReportModel {
  const model: ReportModel = { generated_at: (ctx.now ?? new Date()).toISOString(), boards: [], measurements: [], verdicts, scores: [], recommendations: ctx.recommendations };
  for (const r of results) {
    const facts = factsFor(r, ctx);
    const subject = subjectFromResults(r, facts);
    const conditions = conditionsOf(r);
    model.boards.push({ id: r.board, name: facts.name, clock_hz: r.conditions.clock_hz, core: facts.core, conditions,
      power_note: facts.power_note, hostable: r.capability.verdict });
    for (const m of r.measurements) {
      const time = m.time_us?.median ?? (m.cycles ? (m.cycles.median / r.conditions.clock_hz) * 1e6 : undefined);
      const energy = m.energy_uj ?? (time !== undefined && facts.power ? energyPerOpUj(time, facts.power, r.conditions.clock_hz) : undefined);
      model.measurements.push({
        board: r.board, kernel: m.kernel, op: m.op, param_name: m.param_name, param: m.param, status: m.status,
        time_us: time, method: m.time_us?.method ?? m.cycles?.method, instructions: m.instructions?.median,
        cycles_per_byte: m.cycles_per_byte, stack_bytes: m.stack_bytes, energy_uj: energy, band: bandText(m.cycles?.band),
        energy_method: m.energy_uj !== undefined ? 'results file' : energy !== undefined ? `modelled: ${facts.power_note ?? 'power model'}` : undefined,
        clock_hz: r.conditions.clock_hz, conditions,
      });
    }
    model.scores.push({ board: r.board, scores: secureMarkScores(subject) });
  }
  return model;
}
