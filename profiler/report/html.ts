// The self-contained HTML report: inline CSS and inline SVG charts (cost per operation by board
// and key length, energy, pass/fail matrix, price against capability, handshake scores).
import { PRICE_BANDS } from '../catalogue/index.ts';
import type { ReportModel } from './model.ts';
import { barChart, esc, matrix, scatter, type Bar } from './svg.ts';
import { VERDICT_HEAD, verdictRows } from './text.ts';

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#1a202c;max-width:1200px}
h1{font-size:22px}h2{font-size:18px;margin-top:32px;border-bottom:1px solid #cbd5e0}
table{border-collapse:collapse;margin:8px 0;font-size:12px}td,th{border:1px solid #cbd5e0;padding:3px 6px;vertical-align:top}
th{background:#edf2f7}.pass{color:#276749;font-weight:600}.fail{color:#c53030;font-weight:600}
svg.chart{display:block;margin:12px 0;font-size:11px}svg .title{font-size:13px;font-weight:600}
svg .value{fill:#4a5568;font-size:10px}svg .cellText{fill:#fff;font-size:10px;font-weight:600}.note{color:#4a5568;font-size:12px}`;

const table = (head: string[], rows: string[][], statusCol = -1) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) =>
    `<tr>${r.map((c, i) => `<td${i === statusCol ? ` class="${c.toLowerCase()}"` : ''}>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

function charts(m: ReportModel): string[] {
  const out: string[] = [];
  const pk = m.measurements.filter((r) => r.param_name === 'none' && r.time_us !== undefined && r.status === 'ok' && r.kernel !== 'null');
  if (pk.length) {
    out.push(barChart('chart-cost', 'Cost per operation by board and key length', 'ms',
      pk.map((r): Bar => ({ label: `${r.kernel} ${r.op}`, value: r.time_us! / 1000, series: r.board }))));
  }
  const sym = m.measurements.filter((r) => r.param_name === 'msg_bytes' && r.param === 1024 && r.time_us !== undefined && r.status === 'ok');
  if (sym.length) {
    out.push(barChart('chart-symmetric', 'Symmetric and hash cost for 1 KiB', 'µs',
      sym.map((r) => ({ label: `${r.kernel} ${r.op}`, value: r.time_us!, series: r.board }))));
  }
  const energy = [...pk, ...sym].filter((r) => r.energy_uj !== undefined);
  if (energy.length) {
    out.push(barChart('chart-energy', 'Energy per operation (public-key ops; symmetric at 1 KiB)', 'µJ',
      energy.map((r) => ({ label: `${r.kernel} ${r.op}${r.param_name === 'msg_bytes' ? ' 1KiB' : ''}`, value: r.energy_uj!, series: r.board }))));
  }
  if (m.verdicts.length) {
    const rows = [...new Set(m.verdicts.map((v) => `${v.board} · ${v.profile}`))];
    const cols = [...new Set(m.verdicts.map((v) => v.need))];
    out.push(matrix('chart-matrix', 'Pass/fail matrix (board · profile × need)', rows, cols, (r, c) => {
      const v = m.verdicts.find((x) => `${x.board} · ${x.profile}` === r && x.need === c);
      return { status: v?.status, tip: v ? `${v.need}: ${v.status}${v.choice ? ` with ${v.choice.algorithm}` : ''}${v.reasons.length ? ` — ${v.reasons.join('; ')}` : ''}` : 'not in this profile' };
    }));
  }
  if (m.recommendations?.length) {
    const bands = [...PRICE_BANDS];
    out.push(scatter('chart-price', 'Price against capability (catalogue, predicted)', bands, 'needs passed %',
      m.recommendations.map((r) => ({ label: r.board, x: Math.max(0, bands.indexOf(r.price_band_usd as (typeof PRICE_BANDS)[number])), y: (100 * r.passed) / r.total, status: r.status }))));
  }
  const scored = m.scores.flatMap((b) => b.scores.filter((s) => s.score !== undefined).map((s) => ({ label: s.suite, value: s.score!, series: b.board })));
  if (scored.length) out.push(barChart('chart-securemark', 'TLS 1.3 handshake score (SecureMark-TLS manner; higher is better)', 'score', scored));
  return out;
}

export function html(m: ReportModel): string {
  const verdictTable = m.verdicts.length ? table(VERDICT_HEAD, verdictRows(m.verdicts), 3) : '<p>No requirement profile given: measurements only.</p>';
  const boards = table(['board', 'core', 'clock', 'conditions', 'agent', 'power model'],
    m.boards.map((b) => [b.id, b.core, `${b.clock_hz / 1e6} MHz`, b.conditions, b.hostable, b.power_note ?? 'none']));
  const scores = table(['board', 'suite', 'score', 'missing primitives'],
    m.scores.flatMap((b) => b.scores.map((s) => [b.board, s.title, s.score === undefined ? '-' : s.score.toFixed(2), s.missing.join(', ')])));
  const recs = m.recommendations?.length ? table(['rank', 'board', 'status', 'passed', 'price (USD)', 'crypto mJ/day', 'predicted from', 'why'],
    m.recommendations.map((r, i) => [String(i + 1), r.name, r.status, `${r.passed}/${r.total}`, r.price_band_usd,
      r.daily_energy_mj === undefined ? '-' : r.daily_energy_mj.toFixed(1), r.predicted_from ?? '-', r.reasons.slice(0, 2).join(' | ')]), 2) : '';
  const measurements = table(['board', 'kernel', 'op', 'param', 'time (µs)', 'band', 'method', 'energy (µJ)', 'stack (B)'],
    m.measurements.map((r) => [r.board, r.kernel, r.op, r.param_name === 'none' ? '-' : `${r.param} B`, r.time_us === undefined ? '-' : r.time_us.toFixed(2),
      r.band ?? '-', r.method ?? r.status, r.energy_uj === undefined ? '-' : r.energy_uj.toFixed(3), r.stack_bytes === undefined ? '-' : String(r.stack_bytes)]));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>capmark report</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${CSS}</style></head>
<body>
<h1>capmark report</h1>
<p class="note">Generated ${esc(m.generated_at)}. Every number says how it was obtained: measured, exact-emulated, modelled or predicted. Energy per operation = time × supply voltage × run current at the board clock, from the power model named per board.</p>
<h2>Verdicts</h2>${verdictTable}
<h2>Charts</h2>${charts(m).join('\n')}
<h2>Boards</h2>${boards}
<h2>TLS 1.3 handshake scores</h2><p class="note">In the manner of EEMBC SecureMark-TLS: score = 1000 / Σ(weight × seconds per operation). Weights: the operations of one TLS 1.3 handshake with mutual certificate authentication (documented in profiler/report/securemark.ts), not EEMBC's official weights.</p>${scores}
${recs ? `<h2>Catalogue ranking</h2><p class="note">Catalogue boards are predicted from the measured virtual board of their core (the part's core timing model and code-fetch cost applied to each op's instruction classes, at the part's clock, with the model's error band) and labelled predicted.</p>${recs}` : ''}
<h2>Measurements</h2>${measurements}
</body></html>
`;
}
