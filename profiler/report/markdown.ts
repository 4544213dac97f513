// report.md: the answer for the product first (the parts to buy, side by side, and why the others
// are rejected), then the catalogue ranking, then the measurement basis (emulated boards).
import { bytes, num } from '../util/format.ts';
import { alternativeLines, CONSTANT_TIME_TITLE, constantTimeLines, opLabel, RANKING_HEAD, rankingRow, VERDICT_HEAD_WHY, verdictRowWhy } from './cells.ts';
import { answer, answerGrid, productLine } from './answer.ts';
import type { ReportModel } from './model.ts';

const mdEsc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mdTable = (head: string[], rows: string[][]) =>
  [`| ${head.map(mdEsc).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(mdEsc).join(' | ')} |`)].join('\n');

function answerSection(m: ReportModel): string[] {
  const a = answer(m);
  if (!a || !m.product) return ['# capmark report', ''];
  const [head, ...rows] = answerGrid(a);
  return [`# ${m.product.name}: which microcontroller?`, '', productLine(m.product).join(' · '), '', `**${a.headline}**`, '',
    mdTable(['', ...a.columns.map((c) => `${c.rank ? `${c.rank}. ` : ''}${c.name}`)], [head, ...rows]), '',
    ...(a.others.length ? [`Also meet every need: ${a.others.join('; ')}.`, ''] : []),
    ...(a.rejected.length ? ['**Rejected**', '', ...a.rejected.map((g) => `- **${g.status.toUpperCase()}** ${g.reason}: ${g.parts.join('; ')}`), ''] : []),
    `_${a.basis}_`, ''];
}

export function markdown(m: ReportModel): string {
  const out = answerSection(m);
  out.push(`Generated ${m.generated_at}. Every number says how it was obtained: measured, exact-emulated, modelled or predicted.`, '');
  if (m.recommendations?.length) out.push('## Catalogue ranking', '', mdTable(RANKING_HEAD, m.recommendations.map((r, i) => rankingRow(r, i, m.boards))), '');
  out.push('## Measurement basis: the boards capmark measured', '',
    'Emulated boards (QEMU) are not parts to buy: their measurements are what the catalogue predictions scale.', '',
    mdTable(['board', 'what it is', 'conditions', 'agent', 'power model', 'notes'], m.boards.map((b) => [b.id, b.basis, b.conditions, b.hostable, b.power_note ?? 'none', b.notes.join('; ')])), '');
  if (m.verdicts.length) {
    out.push('### Their verdicts against the product', '', mdTable(VERDICT_HEAD_WHY, m.verdicts.map(verdictRowWhy)), '');
    const ct = constantTimeLines(m.verdicts);
    if (ct.length) out.push(`${CONSTANT_TIME_TITLE}:`, '', ...ct.map((l) => `- ${l}`), '');
    const alt = alternativeLines(m.verdicts);
    if (alt.length) out.push('What would change it (published figures, not measured by capmark):', '', ...alt.map((l) => `- ${l}`), '');
    const traces = m.verdicts.filter((v) => v.kind !== 'daily-energy' && v.board === m.verdicts[0].board);
    out.push('### Where each need comes from', '', ...traces.map((v) => `- **${v.need}**: ${v.traces_to.map((t) => `${t.regulation}: ${t.clause}`).join('; ')}`), '');
    const notes = m.verdicts.filter((v) => v.notes.length);
    if (notes.length) out.push('### Notes', '', ...notes.map((v) => `- ${v.board} / ${v.need}: ${v.notes.join('; ')}`), '');
  }
  out.push('### TLS 1.3 handshake scores (in the manner of EEMBC SecureMark-TLS)', '',
    'score = 1000 / sum(weight x seconds per op), at each board\'s own clock; weights: one TLS 1.3 handshake with mutual authentication (see profiler/report/securemark.ts).', '',
    mdTable(['board', 'suite', 'score', 'missing'], m.scores.flatMap((b) => b.scores.map((s) => [b.board, s.title, s.score === undefined ? '-' : num(s.score), s.missing.join(', ')]))), '');
  out.push('### Measurements', '', mdTable(['board', 'kernel', 'op', 'param', 'time (µs)', 'band', 'method', 'energy (µJ)', 'stack'],
    m.measurements.map((r) => [r.board, r.kernel, opLabel(r), r.param_name === 'none' ? '-' : `${r.param} B`, r.time_us === undefined ? '-' : num(r.time_us), r.band ?? '-',
      r.method ?? r.status, r.energy_uj === undefined ? '-' : num(r.energy_uj), r.stack_bytes === undefined ? '-' : bytes(r.stack_bytes)])), '');
  return out.join('\n');
}
