// Evaluates one need on one board: every candidate algorithm against policy over the support
// window, time, RAM, flash and energy budgets; the cheapest that passes is the verdict.
import { describeFinding, evaluatePolicy, supportWindow } from '../policy/index.ts';
import { dailyBudgetMj, energyPerOpUj } from '../energy/index.ts';
import type { Method } from '../results/types.ts';
import { candidatesFor, type Candidate } from './candidates.ts';
import { opKey, timeAt, weakest, type Subject } from './subject.ts';
import type { Evaluation, FailureCause, Need, RequirementProfile, Verdict } from './types.ts';
import type { KernelSpec } from '../kernels/types.ts';

const FEATURE_TEXT: Record<string, string> = {
  trng: 'no TRNG', key_storage: 'no secure key storage', secure_boot_rom: 'no secure-boot ROM', trustzone: 'no TrustZone',
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** Crypto energy the profile allows per day, in mJ (undefined for mains-powered products). */
export const cryptoBudgetMj = (p: RequirementProfile) =>
  (p.budgets.energy ? dailyBudgetMj(p.budgets.energy) * p.budgets.energy.crypto_share_max : undefined);

/** Uses of the need per day: operations, or records for transport. */
export const usesPerDay = (n: Need) =>
  (n.kind === 'transport' ? (n.bytes_per_day ?? 0) / (n.record_bytes ?? 1024) : n.per_day ?? 0);

function evaluateCandidate(c: Candidate, need: Need, p: RequirementProfile, s: Subject): Evaluation & { methods: Method[] } {
  const main = c.kernels[0];
  const e: Evaluation & { methods: Method[] } = {
    algorithm: c.label, kernels: c.kernels.map((k) => k.id), key_bits: main.keyBits,
    security_bits: Math.min(...c.kernels.map((k) => k.securityBits)),
    quantum_security_bits: Math.max(...c.kernels.map((k) => k.quantumSecurityBits)),
    margins: {}, failures: [], notes: [...c.notes], methods: [],
  };
  const fail = (cause: FailureCause, detail: string) => e.failures.push({ cause, detail });
  const policy = evaluatePolicy(c.components, supportWindow(p.first_ship_year, p.support_years), p.policy);
  for (const f of policy.findings) fail('policy', describeFinding(f));

  // Time, RAM and flash from the board's points.
  let us = 0, lowUs = 0, highUs = 0, ram: number | undefined = 0, flash: number | undefined = 0;
  const seenCode = new Set<string>();
  for (const step of c.steps) {
    const wrong = s.wrong.get(opKey(step.kernel.id, step.op));
    if (wrong) { fail('wrong-output', `${step.kernel.id} ${step.op} gave a wrong answer on ${s.facts.id}: ${wrong}`); continue; }
    const t = timeAt(s, step.kernel.id, step.op, step.bytes);
    if (!t) { fail('not-measured', `${step.kernel.id} ${step.op} not measured on ${s.facts.id}`); continue; }
    if (t.extrapolated) e.notes.push(`${step.kernel.id} ${step.op} at ${step.bytes} B extrapolated from ${t.point.param} B`);
    e.methods.push(t.method);
    us += t.us * step.count;
    lowUs += (t.us * step.count * (t.point.band?.low_pct ?? 0)) / 100;
    highUs += (t.us * step.count * (t.point.band?.high_pct ?? 0)) / 100;
    const heap = step.kernel.ops.find((o) => o.op === step.op)?.heapBytes ?? 0;
    ram = ram === undefined || t.point.stack_bytes === undefined ? undefined : Math.max(ram, t.point.stack_bytes + heap);
    if (!seenCode.has(step.kernel.id)) {
      seenCode.add(step.kernel.id);
      flash = flash === undefined || t.point.code_bytes === undefined ? undefined : flash + t.point.code_bytes;
    }
  }
  if (e.failures.some((f) => f.cause === 'not-measured' || f.cause === 'wrong-output')) return e;

  e.time_ms = us / 1000;
  if (highUs > lowUs && us > 0) e.time_band = { low_pct: round((lowUs / us) * 100, 1), high_pct: round((highUs / us) * 100, 1) };
  if (need.kind === 'transport') {
    const bytes = need.record_bytes ?? 1024;
    e.throughput_kbytes_per_s = (bytes / us) * 1000;
    e.required_kbytes_per_s = need.min_kbytes_per_s;
    const req = need.min_kbytes_per_s ?? 0;
    e.margins.time_pct = req > 0 ? round(((e.throughput_kbytes_per_s - req) / req) * 100, 1) : undefined;
    if (e.throughput_kbytes_per_s < req) fail('too-slow', `${c.label} reaches ${round(e.throughput_kbytes_per_s, 1)} kB/s < ${req} kB/s needed`);
  } else {
    e.budget_ms = need.max_time_ms;
    const budget = need.max_time_ms ?? Infinity;
    e.margins.time_pct = round(((budget - e.time_ms) / budget) * 100, 1);
    if (e.time_ms > budget) fail('too-slow', `${c.label} takes ${round(e.time_ms, 1)} ms > ${budget} ms budget`);
  }
  if (ram === undefined) e.notes.push('RAM not measured (no stack high-water in the results)');
  else {
    e.ram_bytes = ram;
    e.margins.ram_bytes = p.budgets.crypto_ram_bytes - ram;
    if (ram > p.budgets.crypto_ram_bytes) fail('too-little-ram', `${c.label} needs ${ram} B RAM > ${p.budgets.crypto_ram_bytes} B budget`);
  }
  if (flash === undefined) e.notes.push('code size not in the results: flash budget not checked');
  else {
    e.flash_bytes = flash;
    e.margins.flash_bytes = p.budgets.crypto_flash_bytes - flash;
    if (flash > p.budgets.crypto_flash_bytes) fail('too-little-flash', `${c.label} needs ${flash} B flash > ${p.budgets.crypto_flash_bytes} B budget`);
  }
  if (s.facts.power) {
    e.energy_uj = energyPerOpUj(us, s.facts.power, s.facts.clock_hz);
    e.daily_energy_mj = (e.energy_uj * usesPerDay(need)) / 1000;
    const budget = cryptoBudgetMj(p);
    if (budget !== undefined) {
      e.margins.energy_pct = round(((budget - e.daily_energy_mj) / budget) * 100, 1);
      if (e.daily_energy_mj > budget) fail('energy', `${c.label} uses ${round(e.daily_energy_mj, 1)} mJ/day > ${round(budget, 1)} mJ/day crypto budget`);
    }
  } else e.notes.push('no power model for this board: energy not computed');
  e.borderline = borderline(e, need, p);
  return e;
}

/** Whether a time, throughput or energy check would go the other way somewhere in the band:
 *  time and energy scale with cycles, throughput inversely. */
function borderline(e: Evaluation, need: Need, p: RequirementProfile): string | undefined {
  const b = e.time_band;
  if (!b || e.time_ms === undefined) return undefined;
  const [lo, hi] = [1 + b.low_pct / 100, 1 + b.high_pct / 100];
  const straddles = (a: number, z: number, limit: number) => Math.min(a, z) < limit && limit < Math.max(a, z);
  const inside = (what: string, margin?: number) => `${what} margin ${margin}% lies inside the timing model's error band (${b.low_pct}%..+${b.high_pct}%)`;
  const t = e.throughput_kbytes_per_s, energy = e.daily_energy_mj, budget = cryptoBudgetMj(p);
  if (need.kind === 'transport' && t !== undefined && need.min_kbytes_per_s && straddles(t / hi, t / lo, need.min_kbytes_per_s)) return inside('throughput', e.margins.time_pct);
  if (need.kind !== 'transport' && need.max_time_ms !== undefined && straddles(e.time_ms * lo, e.time_ms * hi, need.max_time_ms)) return inside('time', e.margins.time_pct);
  if (budget !== undefined && energy !== undefined && straddles(energy * lo, energy * hi, budget)) return inside('energy', e.margins.energy_pct);
  return undefined;
}

const CAUSE_ORDER: FailureCause[] = ['not-hostable', 'not-covered', 'missing-feature', 'policy', 'not-measured', 'wrong-output',
  'too-slow', 'too-little-ram', 'too-little-flash', 'energy'];

/** Why nothing passes, one line per cause: from the candidates that got furthest. */
function summarise(evals: Evaluation[], need: Need, p: RequirementProfile): string[] {
  if (!evals.length) return [`the kernel registry has no algorithm for ${need.kind} needs`];
  const [from, to] = supportWindow(p.first_ship_year, p.support_years);
  const policyOk = evals.filter((e) => !e.failures.some((f) => f.cause === 'policy'));
  if (!policyOk.length) {
    const firsts = evals.slice(0, 4).map((e) => e.failures.find((f) => f.cause === 'policy')!.detail);
    return [`no algorithm is acceptable for ${from}-${to} under ${p.policy.frameworks.join(', ')}: ${firsts.join('; ')}${evals.length > 4 ? '; ...' : ''}`];
  }
  const out: string[] = [];
  for (const cause of CAUSE_ORDER) {
    const hits = policyOk.flatMap((e) => e.failures.filter((f) => f.cause === cause));
    if (hits.length === policyOk.length || (hits.length && cause !== 'not-measured')) {
      out.push(`${cause.replace(/-/g, ' ')}: ${hits.slice(0, 3).map((h) => h.detail).join('; ')}${hits.length > 3 ? '; ...' : ''}`);
    }
  }
  return out;
}

/** Which algorithms the policy excluded and from when: explains why the choice is what it is. */
function policyNotes(evals: Evaluation[]): string[] {
  const excluded = evals.filter((e) => e.failures.some((f) => f.cause === 'policy'));
  if (!excluded.length) return [];
  const first = (e: Evaluation) => e.failures.find((f) => f.cause === 'policy')!.detail.replace(/:.*$/, '');
  const names = [...new Set(excluded.map(first))];
  return [`policy excludes ${names.slice(0, 6).join('; ')}${names.length > 6 ? `; and ${names.length - 6} more` : ''}`];
}

/** Cheapest first: time of one use (per record for transport). */
const cost = (e: Evaluation) => e.time_ms ?? Infinity;

export function evaluateNeed(need: Need, p: RequirementProfile, s: Subject, registry: KernelSpec[]): Verdict {
  const missing = (need.requires ?? []).filter((f) => s.facts.features[f] !== true);
  const evals = candidatesFor(need, registry).map((c) => evaluateCandidate(c, need, p, s));
  const base = {
    board: s.facts.id, board_kind: s.facts.kind, profile: p.id, need: need.id, kind: need.kind,
    traces_to: need.traces_to, support_window: supportWindow(p.first_ship_year, p.support_years), notes: policyNotes(evals),
  };
  const passing = evals.filter((e) => !e.failures.length).sort((a, b) => cost(a) - cost(b));
  const blockers: string[] = [];
  if (!s.hostable) blockers.push(`not hostable: ${s.host_verdict}`);
  for (const f of missing) blockers.push(`missing feature: ${FEATURE_TEXT[f]}${s.facts.features_note ? ` (${s.facts.features_note})` : ''}`);
  const clean = (e: Evaluation & { methods?: Method[] }): Evaluation => { const { methods: _m, ...rest } = e; return rest; };
  const method = (e?: Evaluation & { methods: Method[] }) => (e?.methods.length ? weakest(e.methods) : s.method);
  if (passing.length && !blockers.length) {
    return { ...base, status: 'pass', method: method(passing[0]), choice: clean(passing[0]), reasons: [], borderline: passing[0].borderline };
  }
  const policyOk = evals.filter((e) => !e.failures.some((f) => f.cause === 'policy' || f.cause === 'not-measured'))
    .sort((a, b) => cost(a) - cost(b));
  const closest = passing[0] ?? policyOk[0];
  return {
    ...base, status: 'fail', method: method(closest), choice: undefined, closest: closest && clean(closest),
    reasons: [...blockers, ...(passing.length ? [] : summarise(evals, need, p))],
    // Only a fail the band could turn into a pass: not one that also fails on features, RAM...
    borderline: !blockers.length && closest?.failures.every((f) => f.cause === 'too-slow' || f.cause === 'energy') ? closest.borderline : undefined,
  };
}
