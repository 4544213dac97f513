// Plain text: the fixed-width verdict table for terminals and CI logs (every reason in full
// below it, never cut), and report.txt, which opens with the answer for the product.
import type { Verdict } from '../verdict/index.ts';
import { alternativeLines, CONSTANT_TIME_TITLE, constantTimeLines, VERDICT_HEAD, verdictRow, whyList } from './cells.ts';
import { answer, answerGrid, productLine } from './answer.ts';
import type { ReportModel } from './model.ts';

export function terminalTable(verdicts: Verdict[]): string {
  const all = [VERDICT_HEAD, ...verdicts.map(verdictRow)];
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
  const why = verdicts.flatMap((v) => whyList(v).map((r) => `  ${v.board} / ${v.need} (${v.status}): ${r}`));
  const alt = alternativeLines(verdicts).map((l) => `  ${l}`);
  const ct = constantTimeLines(verdicts).map((l) => `  ${l}`);
  return [line(VERDICT_HEAD), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line), '',
    ...(why.length ? ['Why:', ...why, ''] : []),
    ...(ct.length ? [`${CONSTANT_TIME_TITLE}:`, ...ct, ''] : []),
    // A per-product agent's measured footprint (capmark build --requirements), next to the estimates.
    ...verdicts.filter((v) => v.kind === 'footprint').flatMap((v) => v.notes.filter((n) => n.startsWith('measured per-product')).map((n) => `${v.board}: ${n}`)),
    ...(alt.length ? ['What would change it (published figures, not measured by capmark):', ...alt, ''] : []), ...boards].join('\n');
}

/** The answer for the product in plain lines (report.txt opens with it). */
export function answerText(m: ReportModel): string[] {
  const a = answer(m);
  if (!a || !m.product) return [];
  const grid = answerGrid(a);
  const columns = a.columns.flatMap((c, j) => [
    `${c.rank ? `${c.rank}. ` : ''}${c.name}: ${grid[0][j + 1]}`,
    ...grid.slice(1).map((r) => `     ${r[0]}: ${r[j + 1]}`),
  ]);
  return [m.product.name, ...productLine(m.product).map((l) => `  ${l}`), '', a.headline, '', ...columns,
    ...(a.others.length ? ['', `Also meet every need: ${a.others.join('; ')}`] : []),
    ...(a.rejected.length ? ['', 'Rejected:', ...a.rejected.map((g) => `  ${g.status.toUpperCase()} ${g.reason}: ${g.parts.join('; ')}`)] : []),
    '', `Basis: ${a.basis}`, ''];
}
