// The self-contained HTML report (inline CSS and SVG, no script): the answer for the product
// first, then the catalogue ranking with its charts, then the measurement basis (the emulated
// boards capmark measured, their verdicts, charts and raw measurements).
import { bytes, num } from '../util/format.ts';
import { alternativeLines, CONSTANT_TIME_TITLE, constantTimeLines, opLabel, RANKING_HEAD, rankingRow, VERDICT_HEAD_WHY, verdictRowWhy } from './cells.ts';
import { basisCharts, catalogueCharts } from './charts.ts';
import { answerHtml } from './html-answer.ts';
import type { ReportModel } from './model.ts';
import { esc } from './svg.ts';

const CSS = `body{font:13px/1.35 system-ui,sans-serif;margin:16px 24px;color:#1a202c;max-width:1232px}
h1{font-size:22px;margin:2px 0 6px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #cbd5e0}h3{font-size:14px;margin:18px 0 4px}
.kicker{margin:0;color:#4a5568;font-size:12px}
dl.facts{display:flex;flex-wrap:wrap;gap:4px 18px;margin:0 0 8px}dl.facts div{display:flex;gap:5px}dl.facts dt{color:#4a5568}dl.facts dd{margin:0;font-weight:600}
.headline{font-size:15px;font-weight:600;margin:6px 0}
table{border-collapse:collapse;margin:6px 0;font-size:12px}td,th{border:1px solid #cbd5e0;padding:3px 6px;vertical-align:top;text-align:left}
thead th{background:#edf2f7}
table.compare{width:100%;table-layout:fixed}table.compare th:first-child{width:170px}table.compare td,table.compare th{padding:3px 7px}
table.compare th.corner{font-weight:400;color:#4a5568;font-size:11px}
table.compare th.part{font-size:13px}table.compare .sub{font-weight:400;color:#4a5568;font-size:11px}
table.compare tbody th{background:#f7fafc;font-weight:600}table.compare .limit{display:block;font-weight:400;color:#4a5568;font-size:11px}
table.compare .alg{color:#4a5568;font-size:11px}table.compare .fig{font-weight:600}table.compare tr.sum td{background:#f7fafc}
.rank{display:inline-block;min-width:18px;margin-right:5px;border-radius:9px;background:#2b6cb0;color:#fff;text-align:center;font-size:11px}
.badge{display:inline-block;padding:0 4px;border-radius:3px;font-size:10px;font-weight:700;color:#fff;vertical-align:1px}
.badge.pass{background:#38a169}.badge.fail{background:#e53e3e}.badge.incomplete{background:#718096}.badge.borderline{background:#b7791f}
td.fail,td.pass,td.incomplete{font-weight:600}td.pass{color:#276749}td.fail{color:#c53030}td.incomplete{color:#4a5568}
table.compare td.need{color:inherit;font-weight:400}
.rejected h2{font-size:14px;margin:10px 0 2px;border:0}.rejected ul{margin:0;padding-left:0;list-style:none;font-size:12px}.rejected li{margin:2px 0}
.others{margin:4px 0;font-size:12px}
svg.chart{display:block;margin:12px 0;font-size:11px}svg .title{font-size:13px;font-weight:600}svg .axis-title{fill:#2d3748;font-size:11px}
svg .tick text{fill:#4a5568;font-size:10px}svg .value{fill:#4a5568;font-size:10px}svg .cellText{fill:#fff;font-size:10px;font-weight:600}
.note{color:#4a5568;font-size:12px;margin:4px 0}`;

/** A table whose cells in `statusCol` are coloured by their verdict. */
const table = (head: string[], rows: string[][], statusCol = -1) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) =>
    `<tr>${r.map((c, i) => `<td${i === statusCol ? ` class="${esc(c.split(' ')[0].toLowerCase())}"` : ''}>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

function catalogueSection(m: ReportModel): string {
  if (!m.recommendations?.length) return '';
  return `<h2 id="ranking">Catalogue ranking</h2>
<p class="note">Every part predicted from capmark's measured board of its core: the part's core timing model and flash wait states applied to each operation's instruction classes, at the part's own clock, with the model's error band. Parts whose core no measured board covers are judged on their hardware features only (INCOMPLETE).</p>
${table(RANKING_HEAD, m.recommendations.map((r, i) => rankingRow(r, i, m.boards)), 2)}
${catalogueCharts(m).join('\n')}`;
}

function basisSection(m: ReportModel): string {
  const verdicts = m.verdicts.length ? `<h3>Their verdicts against the product</h3>${table(VERDICT_HEAD_WHY, m.verdicts.map(verdictRowWhy), 3)}` : '';
  const alt = alternativeLines(m.verdicts);
  const ct = constantTimeLines(m.verdicts);
  const scores = table(['board', 'suite', 'score', 'missing primitives'],
    m.scores.flatMap((b) => b.scores.map((s) => [b.board, s.title, s.score === undefined ? '-' : num(s.score), s.missing.join(', ')])));
  const measurements = table(['board', 'kernel', 'op', 'param', 'time (µs)', 'band', 'method', 'energy (µJ)', 'stack'],
    m.measurements.map((r) => [r.board, r.kernel, opLabel(r), r.param_name === 'none' ? '-' : `${r.param} B`, r.time_us === undefined ? '-' : num(r.time_us),
      r.band ?? '-', r.method ?? r.status, r.energy_uj === undefined ? '-' : num(r.energy_uj), r.stack_bytes === undefined ? '-' : bytes(r.stack_bytes)]));
  return `<h2 id="basis">Measurement basis: the boards capmark measured</h2>
<p class="note">Emulated boards (QEMU) are not parts to buy: their measurements, checked against independent implementations, are what the catalogue predictions scale. Times are at each board's own clock. Energy per operation = time × supply voltage × run current at that clock, from the power model named per board.</p>
${table(['board', 'what it is', 'conditions', 'agent', 'power model', 'notes'], m.boards.map((b) => [b.id, b.basis, b.conditions, b.hostable, b.power_note ?? 'none', b.notes.join('; ')]))}
${verdicts}
${ct.length ? `<h3>${esc(CONSTANT_TIME_TITLE)}</h3><ul>${ct.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
${alt.length ? `<h3>What would change it</h3><p class="note">Published figures, not measured by capmark.</p><ul>${alt.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>` : ''}
${basisCharts(m).join('\n')}
<h3>TLS 1.3 handshake scores</h3><p class="note">In the manner of EEMBC SecureMark-TLS: score = 1000 / Σ(weight × seconds per operation). Weights: the operations of one TLS 1.3 handshake with mutual certificate authentication (profiler/report/securemark.ts), not EEMBC's official weights.</p>${scores}
<h3>Measurements</h3>${measurements}`;
}

export function html(m: ReportModel): string {
  const first = answerHtml(m);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(m.product ? `${m.product.name}: capmark report` : 'capmark report')}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body>
${first || '<h1>capmark report</h1><p class="note">No product profile given (--requirements): measurements only.</p>'}
${catalogueSection(m)}
${basisSection(m)}
<p class="note">Generated ${esc(m.generated_at)}. Every number says how it was obtained: measured, exact-emulated, modelled or predicted.</p>
</body></html>
`;
}
