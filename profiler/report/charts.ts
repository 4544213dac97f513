// Which charts the HTML report draws, from the model: for the catalogue (needs met per part, time
// per need at each part's own clock, price against capability) and for the measurement basis
// (pass/fail of the measured boards, cost and energy per operation, TLS handshake scores).
import { PRICE_BANDS } from '../catalogue/index.ts';
import type { Recommendation } from '../verdict/index.ts';
import { mhz, num, price } from '../util/format.ts';
import type { ReportModel } from './model.ts';
import { barChart, matrix, scatter, STATUS_COLOUR, type Bar } from './svg.ts';

const statusTip = (v: { need: string; status: string; reasons: string[]; choice?: { algorithm: string } }) =>
  `${v.need}: ${v.status.toUpperCase()}${v.choice ? ` with ${v.choice.algorithm}` : ''}${v.reasons.length ? ` (${v.reasons.join('; ')})` : ''}`;

/** Parts x needs: which need each ranked part meets, fails or cannot be judged on. */
function partsMatrix(recs: Recommendation[]): string {
  const rows = recs.map((r, i) => `${i + 1}. ${r.board}`);
  const cols = [...new Set(recs.flatMap((r) => r.verdicts.map((v) => v.need)))];
  return matrix('chart-parts', 'Needs met by each catalogue part (ranked; predicted)', rows, cols, (row, col) => {
    const v = recs[rows.indexOf(row)].verdicts.find((x) => x.need === col);
    return v ? { status: v.status, borderline: !!v.borderline, tip: statusTip(v) } : { tip: 'not judged for this part' };
  });
}

/** Time per use of each need on the parts that pass (else the best ranked), each at its own clock,
 *  against the need's budget (transport: per record, against the record time its throughput allows). */
function needTimes(recs: Recommendation[]): string | undefined {
  const passing = recs.filter((r) => r.status === 'pass');
  const shown = (passing.length ? passing : recs).filter((r) => r.needs.some((n) => n.time_ms !== undefined)).slice(0, 8);
  const bars: Bar[] = [];
  const limits: Record<string, { value: number; text: string }> = {};
  for (const r of shown) {
    for (const n of r.needs) {
      if (n.time_ms === undefined || n.kind === 'footprint' || n.kind === 'daily-energy') continue;
      const label = n.throughput_kbytes_per_s !== undefined ? `${n.need} (per record)` : n.need;
      bars.push({ label, value: n.time_ms, series: r.board });
      const limit = n.budget_ms ?? (n.throughput_kbytes_per_s && n.required_kbytes_per_s ? (n.time_ms * n.throughput_kbytes_per_s) / n.required_kbytes_per_s : undefined);
      if (limit !== undefined) limits[label] = { value: limit, text: `${n.need} budget: ${num(limit)} ms per use` };
    }
  }
  if (!bars.length) return undefined;
  const name = new Map(shown.map((r) => [r.board, `${r.name} (${mhz(r.clock_hz)})`]));
  return barChart({ id: 'chart-needs', title: `Time per use of each need, predicted at each part's own clock (${passing.length ? 'parts that pass' : 'best ranked parts'})`,
    axis: 'time per use (ms)', bars, limits, seriesLabel: (s) => name.get(s) ?? s });
}

/** Price band against the share of checks passed; hollow points lack the product's radio. */
function priceChart(recs: Recommendation[]): string {
  const bands = [...PRICE_BANDS];
  const radioWanted = recs.some((r) => r.radio_match !== undefined);
  return scatter({
    id: 'chart-price', title: 'Price against capability (catalogue, predicted)', xTitle: 'price band per part (USD, catalogue data)', categories: bands.map(price),
    yTitle: 'checks passed (%)', yUnit: '%', yMax: 100,
    points: recs.map((r) => ({ label: r.board, x: Math.max(0, bands.indexOf(r.price_band_usd as (typeof PRICE_BANDS)[number])), y: Math.round((1000 * r.passed) / r.total) / 10,
      colour: STATUS_COLOUR[r.status], hollow: r.radio_match === false, tip: `${r.name}: ${r.status.toUpperCase()}, ${r.passed}/${r.total} checks, ${price(r.price_band_usd)}${r.radio_note ? `; ${r.radio_note}` : ''}` })),
    legend: [...Object.entries(STATUS_COLOUR).map(([s, colour]) => ({ label: s.toUpperCase(), colour, shape: 'dot' as const })),
      ...(radioWanted ? [{ label: 'hollow: lacks the product\'s radio', colour: '#4a5568', shape: 'ring' as const }] : [])],
  });
}

export function catalogueCharts(m: ReportModel): string[] {
  const recs = m.recommendations ?? [];
  if (!recs.length) return [];
  return [partsMatrix(recs), needTimes(recs), priceChart(recs)].filter((c): c is string => !!c);
}

export function basisCharts(m: ReportModel): string[] {
  const out: string[] = [];
  const basis = new Map(m.boards.map((b) => [b.id, `${b.id} (${b.basis})`]));
  const seriesLabel = (s: string) => basis.get(s) ?? s;
  if (m.verdicts.length) {
    const rows = [...new Set(m.verdicts.map((v) => v.board))];
    const cols = [...new Set(m.verdicts.map((v) => v.need))];
    out.push(matrix('chart-matrix', 'Needs met by each measured board (emulated boards: the measurement basis)', rows, cols, (r, c) => {
      const v = m.verdicts.find((x) => x.board === r && x.need === c);
      return v ? { status: v.status, borderline: !!v.borderline, tip: statusTip(v) } : { tip: 'not in this profile' };
    }));
  }
  const ok = m.measurements.filter((r) => r.time_us !== undefined && r.status === 'ok' && !r.variant && r.kernel !== 'null');
  const pk = ok.filter((r) => r.param_name === 'none');
  if (pk.length) {
    out.push(barChart({ id: 'chart-cost', title: 'Cost per operation (public key, attestation), at each board\'s own clock', axis: 'time per operation (ms)',
      bars: pk.map((r) => ({ label: `${r.kernel} ${r.op}`, value: r.time_us! / 1000, series: r.board })), seriesLabel }));
  }
  const sym = ok.filter((r) => r.param_name === 'msg_bytes' && r.param === 1024);
  if (sym.length) {
    out.push(barChart({ id: 'chart-symmetric', title: 'Symmetric and hash cost for 1 KiB, at each board\'s own clock', axis: 'time per 1 KiB (µs)',
      bars: sym.map((r) => ({ label: `${r.kernel} ${r.op}`, value: r.time_us!, series: r.board })), seriesLabel }));
  }
  const energy = [...pk, ...sym].filter((r) => r.energy_uj !== undefined);
  if (energy.length) {
    out.push(barChart({ id: 'chart-energy', title: 'Energy per operation (public key; symmetric at 1 KiB), from each board\'s power model', axis: 'energy per operation (µJ)',
      bars: energy.map((r) => ({ label: `${r.kernel} ${r.op}${r.param_name === 'msg_bytes' ? ' 1 KiB' : ''}`, value: r.energy_uj!, series: r.board })), seriesLabel }));
  }
  const scored = m.scores.flatMap((b) => b.scores.filter((s) => s.score !== undefined).map((s) => ({ label: s.label, value: s.score!, series: b.board })));
  if (scored.length) {
    out.push(barChart({ id: 'chart-securemark', title: 'TLS 1.3 handshake and secure-boot scores (SecureMark-TLS manner; higher is better), at each board\'s own clock',
      axis: 'score (handshakes per 1000 s of CPU time)', bars: scored, seriesLabel }));
  }
  return out;
}
