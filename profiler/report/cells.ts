// The cells of a verdict, as every format prints them (terminal, Markdown, CSV, HTML): what was
// chosen, its time against the budget with the timing model's band, RAM and flash use of their
// limit, energy per day, and why it fails or is incomplete.
import type { ConstantTime, NeedSummary, Recommendation, Verdict } from '../verdict/index.ts';
import { RADIO_NAMES, type Radio } from '../catalogue/index.ts';
import type { BoardRow } from './model.ts';
import { bytes, inverseBand, num, percent, price, useOf, withBand } from '../util/format.ts';

/** Time against its budget, or throughput against the need's (its band is the time band inverted). */
export function costCell(v: Pick<NeedSummary, 'time_ms' | 'time_band' | 'budget_ms' | 'throughput_kbytes_per_s' | 'required_kbytes_per_s'>): string {
  if (v.throughput_kbytes_per_s !== undefined) {
    return `${withBand(v.throughput_kbytes_per_s, 'kB/s', inverseBand(v.time_band))}${v.required_kbytes_per_s === undefined ? '' : `, need ${num(v.required_kbytes_per_s)} kB/s`}`;
  }
  return v.time_ms === undefined ? '-' : `${withBand(v.time_ms, 'ms', v.time_band)}${v.budget_ms === undefined ? '' : ` of ${num(v.budget_ms)} ms`}`;
}

/** PASS / FAIL / INCOMPLETE, or BORDERLINE when the margin lies inside the timing model's band. */
export const verdictCell = (v: Pick<Verdict, 'borderline' | 'status'>) => (v.borderline ? `BORDERLINE (${v.status})` : v.status.toUpperCase());

/** RAM or flash use against its limit (the smaller of budget and part), e.g. "1.4 KiB of 24 KiB". */
export const memCell = (used?: number, limit?: number) => (used === undefined ? '-' : limit === undefined ? bytes(used) : useOf(used, limit));

/** Use of a limit and what is left: "10.8 KiB of 24 KiB, 13.2 KiB free" (or "... over"). */
export const headroomCell = (used?: number, limit?: number) => (used === undefined || limit === undefined ? memCell(used, limit)
  : `${useOf(used, limit)}, ${used <= limit ? `${bytes(limit - used)} free` : `${bytes(used - limit)} over`}`);

/** Crypto energy per day with its band and its share of the battery's daily energy. */
export const energyCell = (mj?: number, band?: NeedSummary['time_band'], sharePct?: number) => (mj === undefined ? '-'
  : `${withBand(mj, 'mJ/day', band)}${sharePct === undefined ? '' : `, ${percent(sharePct)} of battery`}`);

/** Why a verdict is not a clean pass: the borderline note, then every reason, in full. */
export const whyList = (v: Verdict) => [...(v.borderline ? [`borderline: ${v.borderline}`] : []), ...(v.status === 'pass' ? [] : v.reasons)];
export const whyCell = (v: Verdict) => whyList(v).join('; ');

export const VERDICT_HEAD = ['board', 'profile', 'need', 'verdict', 'algorithm', 'time', 'RAM', 'flash', 'energy', 'method'];
/** Tables (Markdown, CSV, HTML) carry the why in a column; the terminal lists it below the table. */
export const VERDICT_HEAD_WHY = [...VERDICT_HEAD, 'why'];

export function verdictRow(v: Verdict): string[] {
  const e = v.choice ?? v.closest;
  const algorithm = v.kind === 'hardware' ? '(hardware)' : v.choice?.algorithm ?? (v.closest ? `(closest: ${v.closest.algorithm})` : '-');
  const cost = !e || v.kind === 'daily-energy' || v.kind === 'footprint' ? '-' : costCell(e);
  const energy = energyCell(e?.daily_energy_mj, v.kind === 'daily-energy' ? e?.time_band : undefined, e?.battery_share_pct);
  return [v.board, v.profile, v.need, verdictCell(v), algorithm, cost, memCell(e?.ram_bytes, e?.ram_limit_bytes),
    memCell(e?.flash_bytes, e?.flash_limit_bytes), energy, v.method];
}

export const verdictRowWhy = (v: Verdict) => [...verdictRow(v), whyCell(v)];

/** Published figures that might change a need failing on time or energy (never capmark's own). */
export const alternativeLines = (verdicts: Verdict[]) => verdicts.flatMap((v) => (v.alternatives ?? []).map((a) =>
  `${v.board} / ${v.need}: ${a.description}${a.time_ms === undefined ? '' : ` -> ${withBand(a.time_ms, 'ms', a.time_band)}, ${a.meets ? 'would meet' : 'would still miss'} the budget`} [${a.source}]`));

/** The op, with its case when it is not the plain cost ("decaps (tampered ciphertext)"). */
export const opLabel = (r: { op: string; variant?: string }) => (r.variant ? `${r.op} (${r.variant})` : r.op);

/** One catalogue part in the ranking table (Markdown, HTML). */
export const RANKING_HEAD = ['rank', 'part', 'status', 'needs met', 'on-chip radio', 'crypto energy', 'crypto RAM', 'crypto flash', 'price', 'predicted from', 'why'];
export const rankingRow = (r: Recommendation, i: number, boards: Pick<BoardRow, 'id' | 'twin_of'>[]) => [String(i + 1), `${r.name} [${r.board}]`, r.status.toUpperCase(), `${r.passed}/${r.total}`,
  r.radios === undefined ? 'not listed' : `${r.radios.map((x) => RADIO_NAMES[x as Radio] ?? x).join(', ') || 'none'}${r.radio_match === false ? ' (lacks the product\'s)' : ''}`,
  energyCell(r.daily_energy_mj, r.daily_energy_band, r.battery_share_pct), memCell(r.ram_bytes, r.ram_limit_bytes), memCell(r.flash_bytes, r.flash_limit_bytes),
  price(r.price_band_usd), predictedFrom(r, boards) ?? '-', rankingWhy(r)];

/** The measured board that is QEMU's model of this very part, when the part was predicted from it. */
export const twinBoard = (r: Recommendation, boards: Pick<BoardRow, 'id' | 'twin_of'>[]) =>
  boards.find((b) => b.id === r.predicted_from && b.twin_of?.id === r.board)?.id;

/** The measured board a part's figures come from, "netduinoplus2 (its QEMU twin)" for a twin. */
const predictedFrom = (r: Recommendation, boards: Pick<BoardRow, 'id' | 'twin_of'>[]) =>
  (twinBoard(r, boards) ? `${r.predicted_from} (its QEMU twin)` : r.predicted_from);

/** Why a part is not a clean pass, each reason once with the needs it applies to
 *  ("secure-boot, transport: performance not predicted: ..."), then its radio note. */
function rankingWhy(r: Recommendation): string {
  const needs = new Map<string, string[]>();
  for (const v of r.verdicts) for (const why of whyList(v)) needs.set(why, [...(needs.get(why) ?? []), v.need]);
  const lines = [...needs].map(([why, ns]) => `${ns.join(', ')}: ${why}`);
  return [...(lines.length ? lines : [r.summary.split('; ')[0]]), ...(r.radio_note ? [r.radio_note] : [])].join('; ');
}

/** A need's constant-time status in one line: the worst status, the secret, each secret op. */
export function constantTimeCell(c: ConstantTime): string {
  const op = (o: ConstantTime['ops'][number]) => `${o.op} ${o.status}${o.operand_dependent_instructions ? ` (${o.operand_dependent_instructions.toLocaleString('en-US')} operand-dependent instructions)` : ''}`;
  return `${c.status.toUpperCase()} for ${c.secret}: ${c.ops.map(op).join(', ')}${c.traced_on ? `; traced on ${c.traced_on}` : ''}`;
}

export const CONSTANT_TIME_TITLE = 'Constant time of the long-term secrets (capmark ct, exact-emulated traces)';

/** "board / need: status for secret: ops" for every need whose chosen algorithm holds a long-term secret. */
export const constantTimeLines = (verdicts: Verdict[]) => verdicts.flatMap((v) => {
  const c = (v.choice ?? v.closest)?.constant_time;
  return c ? [`${v.board} / ${v.need}: ${constantTimeCell(c)}`] : [];
});
