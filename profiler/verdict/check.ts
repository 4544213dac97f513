// checkRequirements: verdicts of each results file's board against a requirement profile,
// one per need plus the daily crypto energy against the battery budget.
import { KERNELS } from '../kernels/index.ts';
import type { KernelSpec } from '../kernels/types.ts';
import type { ResultsFile } from '../results/types.ts';
import { boardFacts, loadCatalogue, type BoardFacts, type CatalogueEntry } from '../catalogue/index.ts';
import { dailyBudgetMj, dailySleepMj } from '../energy/index.ts';
import { supportWindow } from '../policy/index.ts';
import { cryptoBudgetMj, evaluateNeed } from './evaluate.ts';
import { subjectFromResults, type Subject } from './subject.ts';
import type { RequirementProfile, Verdict } from './types.ts';

export interface CheckContext {
  /** Kernel registry (default: profiler/kernels). */
  registry?: KernelSpec[];
  /** Board facts by id (default: boards/virtual/<id>.json, else the catalogue). */
  boards?: (id: string) => BoardFacts | undefined;
  catalogue?: CatalogueEntry[];
}

/** Facts for a results file's board, falling back to what the results file itself says. */
export function factsFor(r: ResultsFile, ctx: CheckContext): BoardFacts {
  const lookup = ctx.boards ?? ((id: string) => boardFacts(id, ctx.catalogue ?? loadCatalogue()));
  return lookup(r.board) ?? {
    id: r.board, name: r.board, kind: 'virtual', core: r.conditions.core ?? 'unknown', clock_hz: r.conditions.clock_hz,
    features: {}, features_note: 'no board file found: security features treated as absent',
  };
}

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The board-level energy verdict: the chosen algorithms' daily energy against the budget. */
export function energyVerdict(p: RequirementProfile, s: Subject, needs: Verdict[]): Verdict | undefined {
  const budget = cryptoBudgetMj(p);
  if (budget === undefined || !p.budgets.energy) return undefined;
  const chosen = needs.map((v) => v.choice ?? v.closest);
  const total = chosen.reduce((a, e) => a + (e?.daily_energy_mj ?? 0), 0);
  const daily = dailyBudgetMj(p.budgets.energy);
  const notes = [`battery ${p.budgets.energy.battery_capacity_mah} mAh at ${p.budgets.energy.battery_voltage_v} V over ${p.budgets.energy.battery_life_days} days = ${r1(daily)} mJ/day; crypto may use ${p.budgets.energy.crypto_share_max * 100}% = ${r1(budget)} mJ/day`];
  if (s.facts.power) {
    notes.push(`crypto uses ${r1(total)} mJ/day = ${((total / daily) * 100).toFixed(2)}% of the battery budget; sleep current alone uses ${r1(dailySleepMj(s.facts.power))} mJ/day`);
    if (s.facts.power_note) notes.push(`power model: ${s.facts.power_note}`);
  }
  const reasons: string[] = [];
  if (!s.facts.power) reasons.push('no power model for this board: daily energy cannot be checked');
  const unknown = needs.filter((v, i) => chosen[i]?.daily_energy_mj === undefined).map((v) => v.need);
  if (s.facts.power && unknown.length) reasons.push(`daily energy cannot be established: no measured algorithm for ${unknown.join(', ')}`);
  if (total > budget) reasons.push(`energy: crypto uses ${r1(total)} mJ/day > ${r1(budget)} mJ/day budget`);
  return {
    board: s.facts.id, board_kind: s.facts.kind, profile: p.id, need: 'daily-energy', kind: 'daily-energy',
    status: reasons.length ? 'fail' : 'pass', method: s.method, reasons, notes,
    choice: { algorithm: 'all needs', kernels: [], security_bits: 0, quantum_security_bits: 0, daily_energy_mj: total,
      battery_share_pct: (total / daily) * 100,
      margins: { energy_pct: Math.round(((budget - total) / budget) * 1000) / 10 }, failures: [], notes: [] },
    traces_to: [{ regulation: 'other', clause: 'product battery-life requirement' }],
    support_window: supportWindow(p.first_ship_year, p.support_years),
  };
}

export function verdictsForSubject(p: RequirementProfile, s: Subject, registry: KernelSpec[]): Verdict[] {
  const needs = p.needs.map((n) => evaluateNeed(n, p, s, registry));
  const energy = energyVerdict(p, s, needs);
  return energy ? [...needs, energy] : needs;
}

/** Verdicts for every board in `results` against `profile`: one per need, plus daily energy. */
export function checkRequirements(profile: RequirementProfile, results: ResultsFile[], ctx: CheckContext = {}): Verdict[] {
  const registry = ctx.registry ?? KERNELS;
  return results.flatMap((r) => verdictsForSubject(profile, subjectFromResults(r, factsFor(r, ctx)), registry));
}

/** True when every verdict passes (the CI gate). */
export const allPass = (verdicts: Verdict[]) => verdicts.every((v) => v.status === 'pass');
