// Terminal and Markdown tables of verdicts (and, in Markdown, measurements and scores).
import type { Verdict } from '../verdict/index.ts';
import type { ReportModel } from './model.ts';
import { bandText, bytes, percent, useOf } from '../util/format.ts';

const n = (v: number | undefined, d = 1) => (v === undefined ? '-' : v.toFixed(d));
const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));

/** What a verdict measured, in one cell: time against its budget, or throughput, with the
 *  timing model's band (a throughput's band is the time band inverted). */
export function costCell(v: Verdict): string {
  const e = v.choice ?? v.closest;
  if (!e || v.kind === 'daily-energy' || v.kind === 'footprint') return '-';
  const b = e.time_band;
  if (e.throughput_kbytes_per_s !== undefined) {
    const inverse = (pct: number) => Math.round((100 / (1 + pct / 100) - 100) * 10) / 10;
    const band = b ? ` (${bandText({ low_pct: inverse(b.high_pct), high_pct: inverse(b.low_pct) })})` : '';
    return `${n(e.throughput_kbytes_per_s)} kB/s${band}, need ${e.required_kbytes_per_s} kB/s`;
  }
  return e.time_ms === undefined ? '-' : `${ms(e.time_ms)} ms${b ? ` (${bandText(b)})` : ''} of ${e.budget_ms} ms`;
}

/** PASS / FAIL / INCOMPLETE, or BORDERLINE when the margin lies inside the timing model's band. */
export const verdictCell = (v: Verdict) => (v.borderline ? `BORDERLINE (${v.status})` : v.status.toUpperCase());

/** RAM or flash use against its limit (the smaller of budget and part), e.g. "1.4 KiB of 24 KiB". */
const memCell = (used?: number, limit?: number) => (used === undefined ? '-' : limit === undefined ? bytes(used) : useOf(used, limit));

/** Crypto energy per day; for the board-level row also its band (a need's is its time's) and its
 *  share of the battery's daily energy. */
export function energyCell(v: Verdict): string {
  const e = v.choice ?? v.closest;
  if (e?.daily_energy_mj === undefined) return '-';
  const band = v.kind === 'daily-energy' && e.time_band ? ` (${bandText(e.time_band)})` : '';
  const share = e.battery_share_pct === undefined ? '' : ` (${percent(e.battery_share_pct)} of battery)`;
  return `${n(e.daily_energy_mj, 2)} mJ/day${band}${share}`;
}

export function verdictRows(verdicts: Verdict[]): string[][] {
  return verdicts.map((v) => {
    const e = v.choice ?? v.closest;
    const algorithm = v.kind === 'hardware' ? '(hardware)' : v.choice?.algorithm ?? (v.closest ? `(closest: ${v.closest.algorithm})` : '-');
    return [v.board, v.profile, v.need, verdictCell(v), algorithm, costCell(v), memCell(e?.ram_bytes, e?.ram_limit_bytes),
      memCell(e?.flash_bytes, e?.flash_limit_bytes), energyCell(v), v.method];
  });
}
export const VERDICT_HEAD = ['board', 'profile', 'need', 'verdict', 'algorithm', 'time', 'RAM', 'flash', 'energy', 'method'];

/** Plain fixed-width table for terminals and CI logs, then every reason in full (never cut) and
 *  the published figures that might change a need failing on time or energy. */
export function terminalTable(verdicts: Verdict[]): string {
  const all = [VERDICT_HEAD, ...verdictRows(verdicts)];
  const widths = VERDICT_HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const boards = [...new Set(verdicts.map((v) => `${v.board}|${v.profile}`))].map((k) => {
    const [board, profile] = k.split('|');
    const vs = verdicts.filter((v) => v.board === board && v.profile === profile);
    const count = (st: Verdict['status']) => vs.filter((v) => v.status === st).length;
    const status = count('fail') ? 'FAIL' : count('incomplete') ? 'INCOMPLETE' : 'PASS';
    const borderline = vs.filter((v) => v.borderline).length;
    return `${board} against ${profile}: ${status} (${count('pass')}/${vs.length} pass` +
      `${count('incomplete') ? `, ${count('incomplete')} incomplete` : ''}${borderline ? `, ${borderline} borderline` : ''})`;
  });
  const why = verdicts.flatMap((v) => [...(v.borderline ? [`borderline: ${v.borderline}`] : []), ...(v.status === 'pass' ? [] : v.reasons)]
    .map((r) => `  ${v.board} / ${v.need} (${v.status}): ${r}`));
  const alt = verdicts.filter((v) => v.alternatives?.length).flatMap((v) => v.alternatives!.map((a) =>
    `  ${v.board} / ${v.need}: ${a.description}${a.time_ms === undefined ? '' : ` -> ${ms(a.time_ms)} ms${a.time_band ? ` (${bandText(a.time_band)})` : ''}, ${a.meets ? 'would meet' : 'would still miss'} the budget`} [${a.source}]`));
  return [line(VERDICT_HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line), '',
    ...(why.length ? ['Why:', ...why, ''] : []),
    ...(alt.length ? ['What would change it (published figures, not measured by capmark):', ...alt, ''] : []), ...boards].join('\n');
}

const mdEsc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdTable = (head: string[], rows: string[][]) =>
  [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdEsc).join(' | ')} |`)].join('\n');

export function markdown(m: ReportModel): string {
  const out = [`# capmark report`, '', `Generated ${m.generated_at}. Every number says how it was obtained (method column).`, ''];
  out.push('## Boards', '', mdTable(['board', 'core', 'clock', 'conditions', 'agent', 'power model'],
    m.boards.map((b) => [b.id, b.core, `${b.clock_hz / 1e6} MHz`, b.conditions, b.hostable, b.power_note ?? 'none'])), '');
  if (m.verdicts.length) {
    out.push('## Verdicts', '', mdTable(VERDICT_HEAD, verdictRows(m.verdicts)), '');
    const traces = m.verdicts.filter((v) => v.kind !== 'daily-energy' && v.board === m.verdicts[0].board);
    out.push('### Where each need comes from', '', ...traces.map((v) => `- **${v.need}**: ${v.traces_to.map((t) => `${t.regulation}: ${t.clause}`).join('; ')}`), '');
    const notes = m.verdicts.filter((v) => v.notes.length);
    if (notes.length) out.push('### Notes', '', ...notes.map((v) => `- ${v.board} / ${v.need}: ${v.notes.join('; ')}`), '');
  }
  out.push('## TLS 1.3 handshake scores (in the manner of EEMBC SecureMark-TLS)', '',
    'score = 1000 / sum(weight x seconds per op); weights: one TLS 1.3 handshake with mutual authentication (see profiler/report/securemark.ts).', '',
    mdTable(['board', 'suite', 'score', 'missing'], m.scores.flatMap((b) => b.scores.map((s) => [b.board, s.title, s.score === undefined ? '-' : s.score.toFixed(2), s.missing.join(', ')]))), '');
  if (m.recommendations?.length) {
    out.push('## Catalogue ranking', '', mdTable(['rank', 'board', 'status', 'passed', 'price (USD)', 'crypto mJ/day', 'predicted from', 'why'],
      m.recommendations.map((r, i) => [String(i + 1), r.name, r.status, `${r.passed}/${r.total}`, r.price_band_usd, n(r.daily_energy_mj), r.predicted_from ?? '-', r.reasons.slice(0, 2).join(' | ')])), '');
  }
  out.push('## Measurements', '', mdTable(['board', 'kernel', 'op', 'param', 'time (µs)', 'band', 'method', 'energy (µJ)', 'stack (B)'],
    m.measurements.map((r) => [r.board, r.kernel, r.op, r.param_name === 'none' ? '-' : `${r.param} B`, n(r.time_us, 2), r.band ?? '-', r.method ?? r.status, n(r.energy_uj, 3), r.stack_bytes === undefined ? '-' : String(r.stack_bytes)])), '');
  return out.join('\n');
}
