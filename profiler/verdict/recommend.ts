// recommend: ranks the board catalogue for a profile, predicting each part from the measured
// virtual board of its core; parts no measured core covers are listed as such, last.
import { KERNELS } from '../kernels/index.ts';
import type { ResultsFile } from '../results/types.ts';
import type { CatalogueEntry } from '../catalogue/index.ts';
import { PRICE_BANDS } from '../catalogue/index.ts';
import { factsFor, verdictsForSubject, type CheckContext } from './check.ts';
import { predictSubject } from './subject.ts';
import type { Recommendation, RequirementProfile } from './types.ts';

const priceRank = (band: string) => PRICE_BANDS.indexOf(band as (typeof PRICE_BANDS)[number]);
const statusRank = { pass: 0, fail: 1, 'not-covered': 2 } as const;

export function recommend(profile: RequirementProfile, catalogue: CatalogueEntry[], results: ResultsFile[], ctx: CheckContext = {}): Recommendation[] {
  const registry = ctx.registry ?? KERNELS;
  const measured = results.map((r) => ({ results: r, facts: factsFor(r, { ...ctx, catalogue }) }));
  const recs = catalogue.map((entry): Recommendation => {
    const base = { board: entry.id, name: entry.name, price_band_usd: entry.price_band_usd.value };
    const subject = predictSubject(entry, measured);
    if ('uncovered' in subject) {
      return { ...base, status: 'not-covered', passed: 0, total: profile.needs.length, reasons: [subject.uncovered], verdicts: [] };
    }
    const verdicts = verdictsForSubject(profile, subject, registry);
    const energy = verdicts.find((v) => v.kind === 'daily-energy')?.choice?.daily_energy_mj;
    const failing = verdicts.filter((v) => v.status === 'fail');
    return {
      ...base, status: failing.length ? 'fail' : 'pass', passed: verdicts.length - failing.length, total: verdicts.length,
      daily_energy_mj: energy, predicted_from: subject.provenance.match(/^predicted from (\S+)/)?.[1],
      reasons: failing.flatMap((v) => v.reasons.map((r) => `${v.need}: ${r}`)), verdicts,
    };
  });
  return recs.sort((a, b) => statusRank[a.status] - statusRank[b.status]
    || b.passed / b.total - a.passed / a.total
    || priceRank(a.price_band_usd) - priceRank(b.price_band_usd)
    || (a.daily_energy_mj ?? Infinity) - (b.daily_energy_mj ?? Infinity)
    || a.board.localeCompare(b.board));
}
