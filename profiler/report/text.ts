// Terminal and Markdown tables of verdicts (and, in Markdown, measurements and scores).
import type { Verdict } from '../verdict/index.ts';
import type { ReportModel } from './model.ts';

const n = (v: number | undefined, d = 1) => (v === undefined ? '-' : v.toFixed(d));

/** What a verdict measured, in one cell: time or throughput. */
export function costCell(v: Verdict): string {
  const e = v.choice ?? v.closest;
  if (!e) return '-';
  if (v.kind === 'daily-energy') return `${n(e.daily_energy_mj)} mJ/day`;
  const band = e.time_band ? ` ${e.time_band.low_pct}/+${e.time_band.high_pct}%` : '';
  if (e.throughput_kbytes_per_s !== undefined) return `${n(e.throughput_kbytes_per_s)} kB/s${band} (need ${e.required_kbytes_per_s})`;
  return `${n(e.time_ms)} ms${band} (budget ${e.budget_ms})`;
}

/** PASS / FAIL, or BORDERLINE when the margin lies inside the timing model's band. */
export const verdictCell = (v: Verdict) => (v.borderline ? `BORDERLINE (${v.status})` : v.status.toUpperCase());

export function marginCell(v: Verdict): string {
  const m = (v.choice ?? v.closest)?.margins;
  if (!m) return '-';
  const parts = [m.time_pct !== undefined && `time ${m.time_pct}%`, m.ram_bytes !== undefined && `RAM ${m.ram_bytes} B`,
    m.flash_bytes !== undefined && `flash ${m.flash_bytes} B`, m.energy_pct !== undefined && `energy ${m.energy_pct}%`];
  return parts.filter(Boolean).join(', ') || '-';
}

export function verdictRows(verdicts: Verdict[]): string[][] {
  return verdicts.map((v) => [
    v.board, v.profile, v.need, verdictCell(v),
    v.choice?.algorithm ?? (v.closest ? `(closest: ${v.closest.algorithm})` : '-'),
    costCell(v), marginCell(v), v.method, [...(v.borderline ? [`borderline: ${v.borderline}`] : []), ...(v.status === 'fail' ? v.reasons : [])].join(' | '),
  ]);
}
export const VERDICT_HEAD = ['board', 'profile', 'need', 'verdict', 'algorithm', 'cost', 'margin', 'method', 'why'];

/** Plain fixed-width table for terminals and CI logs; long cells wrap to `width`. */
export function terminalTable(verdicts: Verdict[], width = 60): string {
  const rows = verdictRows(verdicts).map((r) => r.map((c, i) => (i === 8 && c.length > width ? `${c.slice(0, width - 3)}...` : c)));
  const all = [VERDICT_HEAD, ...rows];
  const widths = VERDICT_HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  const boards = [...new Set(verdicts.map((v) => `${v.board}|${v.profile}`))].map((k) => {
    const [board, profile] = k.split('|');
    const vs = verdicts.filter((v) => v.board === board && v.profile === profile);
    const failed = vs.filter((v) => v.status === 'fail').length;
    const borderline = vs.filter((v) => v.borderline).length;
    return `${board} against ${profile}: ${failed ? 'FAIL' : 'PASS'} (${vs.length - failed}/${vs.length} pass${borderline ? `, ${borderline} borderline` : ''})`;
  });
  const why = verdicts.flatMap((v) => [...(v.borderline ? [`borderline: ${v.borderline}`] : []), ...(v.status === 'fail' ? v.reasons : [])]
    .map((r) => `  ${v.board} / ${v.need}: ${r}`));
  return [line(VERDICT_HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '',
    ...(why.length ? ['Why:', ...why, ''] : []), ...boards].join('\n');
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
