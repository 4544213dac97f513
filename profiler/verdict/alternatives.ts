// What would change a need that fails on time or energy alone: the need's time with a published
// optimised implementation for the part's core, or its listed accelerator, in place of capmark's
// own step. Figures come from boards/published/ and are labelled published, never measured.
import { energyPerOpUj } from '../energy/index.ts';
import { familyOf } from '../policy/index.ts';
import { publishedFor, type PublishedFigure } from '../catalogue/index.ts';
import { publishedOnPart } from '../timing/index.ts';
import { bandOfSum, type Subject } from './subject.ts';
import type { Alternative, Need, RequirementProfile, TimeBand } from './types.ts';
import { cryptoBudgetMj, usesPerDay } from './budgets.ts';

/** One step of an evaluated candidate: capmark's time for it, with the timing model's band. */
export interface StepTime { kernel: string; op: string; bytes?: number; count: number; us: number; band?: TimeBand }

/** A step's time with another implementation, per op. */
type Replacement = Pick<StepTime, 'us' | 'band'>;

/** The accelerator a kernel family would use, by the catalogue's accelerator names. */
const ACCELERATOR_OF: Record<string, string> = {
  aes: 'aes', sha: 'sha-256', hmac: 'hmac', ecdsa: 'ecc', ecdh: 'ecc', rsa: 'rsa', chacha20: 'chacha20',
};

const cyclesOf = (f: PublishedFigure, bytes?: number) => f.cycles ?? (f.cycles_per_byte! * (bytes ?? 0));
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

export function alternativesFor(steps: StepTime[], need: Need, p: RequirementProfile, s: Subject, published: PublishedFigure[]): Alternative[] {
  const out: Alternative[] = [];
  const budgetMs = need.kind === 'transport' ? ((need.record_bytes ?? 1024) / (need.min_kbytes_per_s ?? Infinity)) : need.max_time_ms ?? Infinity;
  const energyBudget = cryptoBudgetMj(p);
  const judge = (replaced: Map<StepTime, Replacement>, description: string, source: string, kind: Alternative['kind']): Alternative => {
    const parts = steps.map((x) => ({ value: (replaced.get(x) ?? x).us * x.count, band: (replaced.get(x) ?? x).band }));
    const us = parts.reduce((a, x) => a + x.value, 0);
    const daily = s.facts.power ? (energyPerOpUj(us, s.facts.power, s.facts.clock_hz) * usesPerDay(need)) / 1000 : undefined;
    const meets = us / 1000 <= budgetMs && (energyBudget === undefined || daily === undefined || daily <= energyBudget);
    return { kind, description, time_ms: us / 1000, time_band: bandOfSum(parts), daily_energy_mj: daily, meets, source };
  };
  // Published software: every step the table has a figure for, on this part's code memory and at its clock.
  const sw = new Map<StepTime, Replacement>();
  const used: PublishedFigure[] = [];
  for (const x of steps) {
    const f = publishedFor(published, x.kernel, x.op, s.facts.core, s.facts.id).find((e) => !e.part);
    if (!f) continue;
    // A virtual board is modelled at zero wait states, as the published counts were measured.
    const onPart = s.facts.code_fetch ? publishedOnPart(cyclesOf(f, x.bytes), s.facts.core, s.facts.code_fetch) : { cycles: cyclesOf(f, x.bytes), band: undefined };
    sw.set(x, { us: (onPart.cycles / s.facts.clock_hz) * 1e6, band: onPart.band });
    used.push(f);
  }
  if (used.length) {
    out.push(judge(sw, used.map((f) => `${f.kernel} ${f.op}: ${f.implementation}, ${f.cycles ? `${fmt(f.cycles)} cycles` : `${f.cycles_per_byte} cycles/byte`} (published, ${s.facts.core})`).join('; '),
      [...new Set(used.map((f) => f.source))].join('; '), 'published-implementation'));
  }
  // The part's accelerators: quantified only where the table has a sourced figure for the part.
  const listed = new Set(s.facts.accelerators ?? []);
  for (const x of steps) {
    const acc = ACCELERATOR_OF[familyOf(x.kernel)];
    if (!acc || !listed.has(acc)) continue;
    const f = publishedFor(published, x.kernel, x.op, s.facts.core, s.facts.id).find((e) => e.part === s.facts.id);
    if (f) out.push(judge(new Map([[x, { us: (cyclesOf(f, x.bytes) / s.facts.clock_hz) * 1e6 }]]), `${x.kernel} ${x.op} on the part's ${acc} accelerator: ${f.implementation}`, f.source, 'accelerator'));
    else {
      out.push({ kind: 'accelerator', description: `the part lists a ${acc} accelerator that could take ${x.kernel} ${x.op}; no sourced figure in boards/published: not quantified`,
        source: `catalogue entry ${s.facts.file ?? s.facts.id}: crypto_accelerators` });
    }
  }
  return out;
}
