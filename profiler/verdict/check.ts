// checkRequirements: verdicts of each results file's board against a requirement profile, one per
// need plus the board-level checks: the whole product's RAM and flash (shared code once) and its
// daily crypto energy against the battery budget.
import { KERNELS } from '../kernels/index.ts';
import type { KernelSpec } from '../kernels/types.ts';
import type { ResultsFile } from '../results/types.ts';
import { boardFacts, loadCatalogue, loadPublished, type BoardFacts, type CatalogueEntry, type PublishedFigure } from '../catalogue/index.ts';
import { dailyBudgetMj, dailySleepMj } from '../energy/index.ts';
import { supportWindow } from '../policy/index.ts';
import { cryptoBudgetMj, flashLimit, flashOf, ramLimit } from './budgets.ts';
import { evaluateNeedOptions } from './evaluate.ts';
import { bandOfSum, subjectFromResults, type Subject } from './subject.ts';
import type { Evaluation, RequirementProfile, Status, Verdict } from './types.ts';

export interface CheckContext {
  /** Kernel registry (default: profiler/kernels). */
  registry?: KernelSpec[];
  /** Board facts by id (default: boards/virtual/<id>.json, else the catalogue). */
  boards?: (id: string) => BoardFacts | undefined;
  catalogue?: CatalogueEntry[];
  /** Published figures quoted when a need fails on time or energy (default: boards/published). */
  published?: PublishedFigure[];
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
const chosen = (needs: Verdict[]) => needs.map((v) => v.choice ?? v.closest);
const base = (p: RequirementProfile, s: Subject) => ({
  board: s.facts.id, board_kind: s.facts.kind, profile: p.id, support_window: supportWindow(p.first_ship_year, p.support_years),
});

/** The board-level energy verdict: the chosen algorithms' daily energy against the budget. */
export function energyVerdict(p: RequirementProfile, s: Subject, needs: Verdict[]): Verdict | undefined {
  const budget = cryptoBudgetMj(p);
  if (budget === undefined || !p.budgets.energy) return undefined;
  const daily = dailyBudgetMj(p.budgets.energy);
  const notes = [`battery ${p.budgets.energy.battery_capacity_mah} mAh at ${p.budgets.energy.battery_voltage_v} V over ${p.budgets.energy.battery_life_days} days = ${r1(daily)} mJ/day; crypto may use ${p.budgets.energy.crypto_share_max * 100}% = ${r1(budget)} mJ/day`];
  const v = { ...base(p, s), need: 'daily-energy', kind: 'daily-energy' as const, method: s.method,
    traces_to: [{ regulation: 'other' as const, clause: 'product battery-life requirement' }] };
  if (s.uncovered) return { ...v, status: 'incomplete', reasons: [`performance not predicted: ${s.uncovered}`], notes };
  const crypto = needs.filter((x) => x.kind !== 'hardware');
  const picks = chosen(crypto);
  const total = picks.reduce((a, e) => a + (e?.daily_energy_mj ?? 0), 0);
  if (s.facts.power) {
    notes.push(`crypto uses ${r1(total)} mJ/day = ${((total / daily) * 100).toFixed(2)}% of the battery budget; sleep current alone uses ${r1(dailySleepMj(s.facts.power))} mJ/day`);
    if (s.facts.power_note) notes.push(`power model: ${s.facts.power_note}`);
  }
  const reasons: string[] = [];
  if (!s.facts.power) reasons.push('no power model for this board: daily energy cannot be checked');
  const unknown = crypto.filter((x, i) => picks[i]?.daily_energy_mj === undefined).map((x) => x.need);
  if (s.facts.power && unknown.length) reasons.push(`daily energy cannot be established: no measured algorithm for ${unknown.join(', ')}`);
  if (total > budget) reasons.push(`energy: crypto uses ${r1(total)} mJ/day > ${r1(budget)} mJ/day budget`);
  return {
    ...v, status: reasons.length ? 'fail' : 'pass', reasons, notes,
    choice: { algorithm: 'all needs', kernels: [], security_bits: 0, quantum_security_bits: 0, daily_energy_mj: total,
      battery_share_pct: (total / daily) * 100, time_band: bandOfSum(picks.map((e) => ({ value: e?.daily_energy_mj ?? 0, band: e?.time_band }))),
      margins: { energy_pct: Math.round(((budget - total) / budget) * 1000) / 10 }, failures: [], unknowns: [], notes: [] },
  };
}

/** The whole product on this board: the chosen algorithms' flash with shared code counted once
 *  (runtime, memcpy, field arithmetic), and the largest RAM of any need (needs run one at a time). */
export function footprintVerdict(p: RequirementProfile, s: Subject, needs: Verdict[]): Verdict | undefined {
  const crypto = needs.filter((v) => v.kind !== 'hardware');
  if (crypto.length < 2 || s.uncovered) return undefined;
  const picks = chosen(crypto);
  const v = { ...base(p, s), need: 'product-footprint', kind: 'footprint' as const, method: s.method, notes: [] as string[],
    traces_to: [{ regulation: 'other' as const, clause: 'product RAM and flash budgets (budgets.crypto_ram_bytes, crypto_flash_bytes)' }] };
  const missing = crypto.filter((x, i) => !picks[i]).map((x) => x.need);
  if (missing.length) return { ...v, status: 'fail', reasons: [`no algorithm to count for ${missing.join(', ')}`] };
  const flash = flashOf(s, new Set(picks.flatMap((e) => e!.ops ?? [])));
  const ram = picks.every((e) => e!.ram_bytes !== undefined) ? Math.max(...picks.map((e) => e!.ram_bytes!)) : undefined;
  const reasons: string[] = [];
  const unknowns: string[] = [];
  const ramMax = ramLimit(p, s), flashMax = flashLimit(p, s);
  if (ram === undefined) unknowns.push('RAM use not established for every need');
  else if (ram > ramMax.bytes) reasons.push(`too little ram: the product's crypto needs ${ram} B RAM > ${ramMax.bytes} B ${ramMax.what}`);
  if (typeof flash === 'string') unknowns.push(flash);
  else {
    const separate = picks.reduce((a, e) => a + (e!.flash_bytes ?? 0), 0);
    v.notes.push(`flash of all needs with shared code counted once: ${flash.bytes} B (${separate} B if each need were counted alone)`);
    if (flash.bytes > flashMax.bytes) reasons.push(`too little flash: the product's crypto needs ${flash.bytes} B flash > ${flashMax.bytes} B ${flashMax.what}`);
  }
  const status: Status = reasons.length ? 'fail' : unknowns.length ? 'incomplete' : 'pass';
  return {
    ...v, status, reasons: [...reasons, ...unknowns],
    choice: { algorithm: 'all needs', kernels: [], security_bits: 0, quantum_security_bits: 0,
      ram_bytes: ram, ram_limit_bytes: ramMax.bytes, flash_bytes: typeof flash === 'string' ? undefined : flash.bytes, flash_limit_bytes: flashMax.bytes,
      margins: { ram_bytes: ram === undefined ? undefined : ramMax.bytes - ram, flash_bytes: typeof flash === 'string' ? undefined : flashMax.bytes - flash.bytes },
      failures: [], unknowns, notes: [] },
  };
}

/** At most this many passing algorithms per need enter the product-level search. */
const OPTIONS_PER_NEED = 4;

/** When the needs' fastest choices do not fit the product's flash together, the combination of
 *  passing algorithms that fits with the least total time per use, shared code counted once
 *  (e.g. X25519 and Ed25519 share their field arithmetic); undefined when none fits. */
function fitTogether(p: RequirementProfile, s: Subject, options: Evaluation[][]): Evaluation[] | undefined {
  const limit = flashLimit(p, s).bytes;
  const lists = options.map((o) => o.slice(0, OPTIONS_PER_NEED));
  let best: { pick: Evaluation[]; time: number } | undefined;
  const visit = (i: number, pick: Evaluation[]) => {
    if (i === lists.length) {
      const flash = flashOf(s, new Set(pick.flatMap((e) => e.ops ?? [])));
      const time = pick.reduce((a, e) => a + (e.time_ms ?? 0), 0);
      if (typeof flash !== 'string' && flash.bytes <= limit && (!best || time < best.time)) best = { pick: [...pick], time };
      return;
    }
    for (const e of lists[i]) { pick.push(e); visit(i + 1, pick); pick.pop(); }
  };
  visit(0, []);
  return best?.pick;
}

export function verdictsForSubject(p: RequirementProfile, s: Subject, registry: KernelSpec[], published: PublishedFigure[] = []): Verdict[] {
  const evaluated = p.needs.map((n) => evaluateNeedOptions(n, p, s, registry, published));
  const needs = evaluated.map((x) => x.verdict);
  const first = footprintVerdict(p, s, needs);
  const tooBig = first?.status === 'fail' && first.reasons.some((r) => r.startsWith('too little flash'));
  let refit: string | undefined;
  if (tooBig && needs.every((v) => v.kind === 'hardware' || v.status === 'pass')) {
    const crypto = evaluated.filter((x) => x.verdict.kind !== 'hardware');
    const pick = fitTogether(p, s, crypto.map((x) => x.options));
    pick?.forEach((e, i) => {
      const v = crypto[i].verdict;
      if (e.algorithm === v.choice!.algorithm) return;
      v.notes.push(`${e.algorithm} chosen over the faster ${v.choice!.algorithm} so that all needs fit the product's flash together (shared code counted once)`);
      v.choice = e;
      v.borderline = e.borderline;
    });
    if (pick) refit = `each need's fastest algorithm would need ${first.choice!.flash_bytes} B of flash together; the algorithms were chosen to fit`;
  }
  const fp = refit ? footprintVerdict(p, s, needs) : first;
  if (refit) fp!.notes.push(refit);
  return [...needs, ...[fp, energyVerdict(p, s, needs)].filter((v): v is Verdict => v !== undefined)];
}

/** Verdicts for every board in `results` against `profile`: one per need, plus the board-level ones. */
export function checkRequirements(profile: RequirementProfile, results: ResultsFile[], ctx: CheckContext = {}): Verdict[] {
  const registry = ctx.registry ?? KERNELS;
  const published = ctx.published ?? loadPublished();
  return results.flatMap((r) => verdictsForSubject(profile, subjectFromResults(r, factsFor(r, ctx)), registry, published));
}

/** The worst status: fail over incomplete over pass (the CI gate: exit 1 / 3 / 0). */
export const overallStatus = (verdicts: Verdict[]): Status =>
  (verdicts.some((v) => v.status === 'fail') ? 'fail' : verdicts.some((v) => v.status === 'incomplete') ? 'incomplete' : 'pass');
