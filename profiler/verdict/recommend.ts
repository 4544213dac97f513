// recommend: ranks the board catalogue for a product. Every part gets its verdicts (predicted from
// the measured virtual board of its core, capability only where no measured board covers the core)
// and a summary per need for the report's first screen; ranking: status, needs met, radio, crypto
// energy, price.
import { KERNELS } from '../kernels/index.ts';
import type { ResultsFile } from '../results/types.ts';
import { loadPublished, PRICE_BANDS, type CatalogueEntry } from '../catalogue/index.ts';
import { factsFor, overallStatus, verdictsForSubject, type CheckContext } from './check.ts';
import { predictSubject, type Subject } from './subject.ts';
import type { NeedSummary, Recommendation, RequirementProfile, Status, Verdict } from './types.ts';

const RADIO_NAME: Record<string, string> = { ble: 'Bluetooth LE', '802.15.4': 'IEEE 802.15.4', wifi: 'Wi-Fi', nfc: 'NFC', 'sub-ghz': 'sub-GHz', cellular: 'cellular' };

export function needSummary(v: Verdict): NeedSummary {
  const e = v.choice ?? v.closest;
  return {
    need: v.need, kind: v.kind, status: v.status, algorithm: v.kind === 'hardware' ? undefined : e?.algorithm,
    time_ms: e?.time_ms, time_band: e?.time_band, budget_ms: e?.budget_ms, throughput_kbytes_per_s: e?.throughput_kbytes_per_s, required_kbytes_per_s: e?.required_kbytes_per_s,
    daily_energy_mj: e?.daily_energy_mj, battery_share_pct: e?.battery_share_pct, ram_bytes: e?.ram_bytes, ram_limit_bytes: e?.ram_limit_bytes,
    flash_bytes: e?.flash_bytes, flash_limit_bytes: e?.flash_limit_bytes, reason: v.reasons[0], borderline: v.borderline, method: v.method,
  };
}

/** Whether the part has the product's radios on chip, and what to say when it does not. */
function radioFit(p: RequirementProfile, entry: CatalogueEntry): Pick<Recommendation, 'radio_match' | 'radios' | 'radio_note'> {
  const radios = entry.radios?.value;
  const wanted = p.connectivity ?? [];
  if (!wanted.length) return { radios };
  if (!radios) return { radios, radio_note: `${entry.file ?? entry.id} does not list its radios` };
  const missing = wanted.filter((r) => !radios.includes(r));
  return { radios, radio_match: !missing.length,
    radio_note: missing.length ? `no on-chip ${missing.map((r) => RADIO_NAME[r] ?? r).join(' or ')} radio: the product needs a separate radio chip` : undefined };
}

function summaryLine(status: Status, verdicts: Verdict[], radioNote?: string): string {
  const first = verdicts.find((v) => v.status === status && v.reasons.length);
  const line = status === 'pass' ? `meets all ${verdicts.length} checks` : first ? `${first.need}: ${first.reasons[0]}` : status;
  const border = verdicts.find((v) => v.borderline);
  return [line, border && `${border.need} borderline: ${border.borderline}`, radioNote].filter(Boolean).join('; ');
}

export function recommendation(p: RequirementProfile, entry: CatalogueEntry, s: Subject, verdicts: Verdict[]): Recommendation {
  const status = overallStatus(verdicts);
  const radio = radioFit(p, entry);
  const energy = verdicts.find((v) => v.kind === 'daily-energy')?.choice;
  const fit = verdicts.find((v) => v.kind === 'footprint')?.choice ?? (verdicts.length === 1 ? verdicts[0].choice : undefined);
  return {
    board: entry.id, name: entry.name, status, summary: summaryLine(status, verdicts, radio.radio_note),
    passed: verdicts.filter((v) => v.status === 'pass').length, total: verdicts.length,
    price_band_usd: entry.price_band_usd.value, core: entry.core.value, clock_hz: entry.clock_hz.value, ...radio,
    daily_energy_mj: energy?.daily_energy_mj, daily_energy_band: energy?.time_band, battery_share_pct: energy?.battery_share_pct,
    ram_bytes: fit?.ram_bytes, ram_limit_bytes: fit?.ram_limit_bytes, flash_bytes: fit?.flash_bytes, flash_limit_bytes: fit?.flash_limit_bytes,
    predicted_from: s.predicted_from, performance_note: s.uncovered && `performance not predicted: ${s.uncovered}`,
    agent: { hostable: s.hostable, verdict: s.host_verdict },
    needs: verdicts.map(needSummary),
    reasons: [...verdicts.filter((v) => v.status !== 'pass').flatMap((v) => v.reasons.map((r) => `${v.need}: ${r}`)), ...(radio.radio_note ? [radio.radio_note] : [])],
    verdicts,
  };
}

const STATUS_RANK: Record<Status, number> = { pass: 0, incomplete: 1, fail: 2 };
const RADIO_RANK = (r: Recommendation) => (r.radio_match === true ? 0 : r.radio_match === undefined ? 1 : 2);
const priceRank = (band: string) => PRICE_BANDS.indexOf(band as (typeof PRICE_BANDS)[number]);

/** Fitness for the product: status (pass, incomplete, fail), needs met, the product's radio on
 *  chip, crypto energy per day, then price band. */
export function byFitness(a: Recommendation, b: Recommendation): number {
  return STATUS_RANK[a.status] - STATUS_RANK[b.status]
    || b.passed - a.passed
    || RADIO_RANK(a) - RADIO_RANK(b)
    || (a.daily_energy_mj ?? Infinity) - (b.daily_energy_mj ?? Infinity)
    || priceRank(a.price_band_usd) - priceRank(b.price_band_usd)
    || a.board.localeCompare(b.board);
}

/** Every part's verdicts and summary, predicted from the measured boards in `results` (capability
 *  only, and incomplete, where no measured board covers a part's core), in catalogue order. */
export function predictParts(profile: RequirementProfile, parts: CatalogueEntry[], results: ResultsFile[], ctx: CheckContext = {}): Recommendation[] {
  const registry = ctx.registry ?? KERNELS;
  const published = ctx.published ?? loadPublished();
  const measured = results.map((r) => ({ results: r, facts: factsFor(r, ctx) }));
  return parts.map((entry) => {
    const s = predictSubject(entry, measured);
    return recommendation(profile, entry, s, verdictsForSubject(profile, s, registry, published));
  });
}

/** The catalogue ranked by fitness for the product. */
export const recommend = (profile: RequirementProfile, catalogue: CatalogueEntry[], results: ResultsFile[], ctx: CheckContext = {}): Recommendation[] =>
  predictParts(profile, catalogue, results, { ...ctx, catalogue }).sort(byFitness);
