// Evaluates one need on one board: every candidate algorithm against policy over the support
// window, time, RAM, flash and energy; the cheapest that passes is the verdict. Hardware needs and
// required features are judged on every part, covered core or not.
import { describeFinding, evaluatePolicy, supportWindow } from '../policy/index.ts';
import { dailyBudgetMj, energyPerOpUj } from '../energy/index.ts';
import type { PublishedFigure } from '../catalogue/index.ts';
import type { Method } from '../results/types.ts';
import type { KernelSpec } from '../kernels/types.ts';
import { candidatesFor, type Candidate } from './candidates.ts';
import { alternativesFor, type StepTime } from './alternatives.ts';
import { cryptoBudgetMj, flashLimit, flashOf, IMAGE_BLOCK_BYTES, ramLimit, usesPerDay } from './budgets.ts';
import { constantTimeOf, describeConstantTime } from './constant-time.ts';
import { bandOfSum, opKey, timeAt, weakest, type Subject } from './subject.ts';
import type { Evaluation, FailureCause, Need, RequirementProfile, Verdict } from './types.ts';

export const FEATURE_TEXT: Record<string, string> = {
  trng: 'no TRNG', key_storage: 'no secure key storage', secure_boot_rom: 'no secure-boot ROM', trustzone: 'no TrustZone',
  debug_lock: 'no debug-port lock',
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** An evaluation with what the verdict needs internally (stripped before it is returned). */
type Working = Evaluation & { methods: Method[]; steps: StepTime[] };

function evaluateCandidate(c: Candidate, need: Need, p: RequirementProfile, s: Subject): Working {
  const main = c.kernels[0];
  const pq = c.components.find((x) => x.role === 'pq-half');
  const e: Working = {
    algorithm: c.label, kernels: c.kernels.map((k) => k.id), ops: [...new Set(c.steps.map((x) => opKey(x.kernel.id, x.op)))], key_bits: main.keyBits,
    security_bits: pq ? pq.facts.securityBits : Math.min(...c.kernels.map((k) => k.securityBits)),
    quantum_security_bits: Math.max(...c.kernels.map((k) => k.quantumSecurityBits)),
    margins: {}, failures: [], unknowns: [], notes: [...c.notes], methods: [], steps: [],
  };
  if (pq) e.notes.push('hybrid: strength of its quantum-resistant part');
  const fail = (cause: FailureCause, detail: string) => e.failures.push({ cause, detail });
  const policy = evaluatePolicy(c.components, supportWindow(p.first_ship_year, p.support_years), p.policy);
  for (const f of policy.findings) fail('policy', describeFinding(f));
  const ct = constantTimeOf(need.kind, c.steps, s);
  if (ct) {
    e.constant_time = ct;
    const required = p.policy.constant_time === 'required';
    if (required && ct.status === 'leaks') fail('not-constant-time', `${c.label}: ${describeConstantTime(ct)}`);
    else if (required && (ct.status === 'unchecked' || ct.status === 'operand-dependent')) {
      e.unknowns.push(`constant time required but not established for ${c.label}: ${describeConstantTime(ct)}`);
    }
  }

  // Time and working sets from the board's points.
  let us = 0;
  let ws: number | undefined = 0;
  for (const step of c.steps) {
    const wrong = s.wrong.get(opKey(step.kernel.id, step.op));
    if (wrong) { fail('wrong-output', `${step.kernel.id} ${step.op} gave a wrong answer on ${s.facts.id}: ${wrong}`); continue; }
    const t = timeAt(s, step.kernel.id, step.op, step.bytes);
    if (!t) { fail('not-measured', `${step.kernel.id} ${step.op} not measured on ${s.facts.id}`); continue; }
    if (t.extrapolated) e.notes.push(`${step.kernel.id} ${step.op} at ${step.bytes} B extrapolated from ${t.point.param} B`);
    e.methods.push(t.method);
    e.steps.push({ kernel: step.kernel.id, op: step.op, bytes: step.bytes, count: step.count, us: t.us, band: t.point.band });
    us += t.us * step.count;
    // The image of a secure boot stays in flash and is hashed block by block.
    const streamed = need.kind === 'secure-boot' && step.bytes !== undefined && step.bytes > IMAGE_BLOCK_BYTES;
    const stepWs = streamed ? timeAt(s, step.kernel.id, step.op, IMAGE_BLOCK_BYTES)?.working_set_bytes : t.working_set_bytes;
    if (streamed) e.notes.push(`image hashed from flash in ${IMAGE_BLOCK_BYTES} B blocks: RAM counts one block`);
    ws = ws === undefined || stepWs === undefined ? undefined : Math.max(ws, stepWs);
  }
  if (e.failures.some((f) => f.cause === 'not-measured' || f.cause === 'wrong-output')) return e;

  e.time_ms = us / 1000;
  e.time_band = bandOfSum(e.steps.map((x) => ({ value: x.us * x.count, band: x.band })));
  if (need.kind === 'transport') {
    const bytes = need.record_bytes ?? 1024;
    e.throughput_kbytes_per_s = (bytes / us) * 1000;
    e.required_kbytes_per_s = need.min_kbytes_per_s;
    const req = need.min_kbytes_per_s ?? 0;
    e.margins.time_pct = req > 0 ? round(((e.throughput_kbytes_per_s - req) / req) * 100, 1) : undefined;
    if (e.throughput_kbytes_per_s < req) {
      fail('too-slow', `${c.label} reaches ${round(e.throughput_kbytes_per_s, 1)} kB/s < ${req} kB/s needed (${round((1 - e.throughput_kbytes_per_s / req) * 100, 1)}% short)`);
    }
  } else {
    e.budget_ms = need.max_time_ms;
    const budget = need.max_time_ms ?? Infinity;
    e.margins.time_pct = round(((budget - e.time_ms) / budget) * 100, 1);
    if (e.time_ms > budget) fail('too-slow', `${c.label} takes ${round(e.time_ms, 1)} ms > ${budget} ms budget (${round((e.time_ms / budget - 1) * 100, 1)}% over)`);
  }

  const flash = flashOf(s, e.ops!);
  if (ws === undefined) e.unknowns.push(`RAM use not established: the results have no working sets for ${c.label} (capmark.results/1 or a partial run); re-run capmark profile`);
  else {
    const ram = ws + (typeof flash === 'string' ? 0 : flash.const_bytes);
    if (typeof flash === 'string') e.notes.push('RAM excludes constant data (no code map)');
    const limit = ramLimit(p, s);
    e.ram_bytes = ram;
    e.ram_limit_bytes = limit.bytes;
    e.margins.ram_bytes = limit.bytes - ram;
    if (ram > limit.bytes) fail('too-little-ram', `${c.label} needs ${ram} B RAM > ${limit.bytes} B ${limit.what}`);
  }
  if (typeof flash === 'string') e.unknowns.push(flash);
  else {
    const limit = flashLimit(p, s);
    e.flash_bytes = flash.bytes;
    e.flash_limit_bytes = limit.bytes;
    e.margins.flash_bytes = limit.bytes - flash.bytes;
    e.notes.push(`flash includes the ${flash.runtime_bytes} B module runtime, counted once per product`);
    if (flash.bytes > limit.bytes) fail('too-little-flash', `${c.label} needs ${flash.bytes} B flash > ${limit.bytes} B ${limit.what}`);
  }
  if (s.facts.power) {
    e.energy_uj = energyPerOpUj(us, s.facts.power, s.facts.clock_hz);
    e.daily_energy_mj = (e.energy_uj * usesPerDay(need)) / 1000;
    const budget = cryptoBudgetMj(p);
    if (p.budgets.energy) e.battery_share_pct = (e.daily_energy_mj / dailyBudgetMj(p.budgets.energy)) * 100;
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

const CAUSE_ORDER: FailureCause[] = ['missing-feature', 'policy', 'not-measured', 'wrong-output', 'not-constant-time',
  'too-slow', 'too-little-ram', 'too-little-flash', 'energy'];

/** Why nothing passes, one line per cause: from the candidates that got furthest. */
function summarise(evals: Evaluation[], need: Need, p: RequirementProfile): string[] {
  if (!evals.length) return [`the kernel registry has no algorithm for ${need.kind} needs`];
  const [from, to] = supportWindow(p.first_ship_year, p.support_years);
  const policyOk = evals.filter((e) => !e.failures.some((f) => f.cause === 'policy'));
  if (!policyOk.length) {
    const firsts = evals.map((e) => e.failures.find((f) => f.cause === 'policy')!.detail);
    return [`no algorithm is acceptable for ${from}-${to} under ${p.policy.frameworks.join(', ')}: ${firsts.slice(0, 4).join('; ')}${firsts.length > 4 ? `; and ${firsts.length - 4} more` : ''}`];
  }
  const out: string[] = [];
  for (const cause of CAUSE_ORDER) {
    const hits = policyOk.flatMap((e) => e.failures.filter((f) => f.cause === cause));
    // "Not measured" is the why only when it stops every candidate (one may miss several ops).
    const everyCandidate = policyOk.every((e) => e.failures.some((f) => f.cause === cause));
    if (everyCandidate || (hits.length && cause !== 'not-measured')) {
      out.push(`${cause.replace(/-/g, ' ')}: ${hits.slice(0, 3).map((h) => h.detail).join('; ')}${hits.length > 3 ? `; and ${hits.length - 3} more` : ''}`);
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
const TIME_OR_ENERGY = new Set<FailureCause>(['too-slow', 'energy']);

export const evaluateNeed = (need: Need, p: RequirementProfile, s: Subject, registry: KernelSpec[], published: PublishedFigure[] = []): Verdict =>
  evaluateNeedOptions(need, p, s, registry, published).verdict;

/** The verdict of one need and, when it passes, every passing algorithm cheapest first (the
 *  product-level choice may take another one so that all needs fit together). */
export function evaluateNeedOptions(need: Need, p: RequirementProfile, s: Subject, registry: KernelSpec[], published: PublishedFigure[] = []): { verdict: Verdict; options: Evaluation[] } {
  const base = {
    board: s.facts.id, board_kind: s.facts.kind, profile: p.id, need: need.id, kind: need.kind,
    traces_to: need.traces_to, support_window: supportWindow(p.first_ship_year, p.support_years),
  };
  const blockers = (need.requires ?? []).filter((f) => s.facts.features[f] !== true)
    .map((f) => `missing feature: ${FEATURE_TEXT[f]}${s.facts.features_note ? ` (${s.facts.features_note})` : ''}`);
  if (need.kind === 'hardware') {
    return { verdict: { ...base, status: blockers.length ? 'fail' : 'pass', method: 'datasheet', reasons: blockers, notes: [] }, options: [] };
  }
  if (s.uncovered) {
    return { verdict: { ...base, status: blockers.length ? 'fail' : 'incomplete', method: s.method, notes: [],
      reasons: [...blockers, `performance not predicted: ${s.uncovered}`] }, options: [] };
  }
  const evals = candidatesFor(need, registry).map((c) => ({ c, e: evaluateCandidate(c, need, p, s) }));
  const clean = ({ e }: { e: Working }): Evaluation => { const { methods: _m, steps: _s, ...rest } = e; return rest; };
  const method = (x?: { e: Working }) => (x?.e.methods.length ? weakest(x.e.methods) : s.method);
  const byCost = (a: { e: Working }, b: { e: Working }) => cost(a.e) - cost(b.e);
  const passing = evals.filter(({ e }) => !e.failures.length && !e.unknowns.length).sort(byCost);
  const unverified = evals.filter(({ e }) => !e.failures.length && e.unknowns.length).sort(byCost);
  const notes = policyNotes(evals.map(({ e }) => e));
  if (passing.length && !blockers.length) {
    const choice = passing[0];
    return { verdict: { ...base, status: 'pass', method: method(choice), choice: clean(choice), reasons: [], borderline: choice.e.borderline, notes },
      options: passing.map(clean) };
  }
  if (unverified.length && !blockers.length) {
    const choice = unverified[0];
    return { verdict: { ...base, status: 'incomplete', method: method(choice), choice: clean(choice), reasons: choice.e.unknowns, borderline: choice.e.borderline, notes },
      options: [] };
  }
  const policyOk = evals.filter(({ e }) => !e.failures.some((f) => f.cause === 'policy' || f.cause === 'not-measured')).sort(byCost);
  const closest = passing[0] ?? unverified[0] ?? policyOk[0];
  // Failing on time or energy alone: the band could turn it, and a published implementation or the part's accelerator might.
  const timeOrEnergy = !blockers.length && !!closest?.e.failures.length && closest.e.failures.every((f) => TIME_OR_ENERGY.has(f.cause));
  const verdict: Verdict = {
    ...base, status: 'fail', method: method(closest), closest: closest && clean(closest), notes,
    reasons: [...blockers, ...(passing.length || unverified.length ? [] : summarise(evals.map(({ e }) => e), need, p))],
    borderline: timeOrEnergy ? closest.e.borderline : undefined,
  };
  if (timeOrEnergy) {
    verdict.alternatives = alternativesFor(closest.e.steps, need, p, s, published);
  }
  return { verdict, options: [] };
}
