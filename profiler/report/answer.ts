// The report's first screen, as data every format renders: which parts to buy for the product,
// what each would run per need (algorithm, time at its own clock with the band), its crypto
// energy, RAM and flash headroom and price, and in one line why each other part is rejected.
import { RADIO_NAMES, type Radio } from '../catalogue/index.ts';
import { coreName, mhz, price } from '../util/format.ts';
import { needSummary, overallStatus, type NeedSummary, type Recommendation, type Status, type Verdict } from '../verdict/index.ts';
import { costCell, energyCell, headroomCell, twinBoard } from './cells.ts';
import type { ReportModel } from './model.ts';

/** Recommended parts shown side by side; the other passing parts follow in one line. */
export const TOP_PARTS = 3;

export interface NeedCell { status: Status; algorithm?: string; figure: string; borderline?: string }

export interface Column {
  id: string;
  name: string;
  rank?: number;
  status: Status;
  /** "Cortex-M33, 78 MHz, $2-4" (catalogue) or "Cortex-M4 emulated in QEMU, 25 MHz". */
  facts: string;
  radio?: { text: string; ok?: boolean };
  needs: Record<string, NeedCell>;
  energy: string;
  ram: string;
  flash: string;
}

export interface Rejected { status: Status; reason: string; parts: string[] }

export interface Answer {
  headline: string;
  /** Where the figures come from, in one sentence. */
  basis: string;
  /** One row per need: id, its limit ("≤ 1000 ms"), its description. */
  rows: { id: string; limit?: string; description: string }[];
  columns: Column[];
  /** Other parts that pass, with what sets them apart (no on-chip radio). */
  others: string[];
  rejected: Rejected[];
}

function needCell(n: NeedSummary): NeedCell {
  const figure = n.kind === 'hardware' ? (n.status === 'pass' ? 'on chip (datasheet)' : n.reason ?? n.status)
    : n.time_ms === undefined && n.throughput_kbytes_per_s === undefined ? n.reason ?? 'not measured'
      : `${costCell({ ...n, budget_ms: undefined, required_kbytes_per_s: undefined })}${n.status === 'pass' ? '' : `: ${n.reason}`}`;
  return { status: n.status, algorithm: n.algorithm, figure, borderline: n.borderline };
}

/** "ST STM32L562QE ($4-8, no Bluetooth LE)": the part, its price, and what sets it apart. */
function partLabel(r: Recommendation, wanted: Radio[], extra?: string): string {
  const missing = r.radio_match === false ? wanted.filter((x) => !r.radios?.includes(x)).map((x) => `no ${RADIO_NAMES[x]}`) : [];
  return `${r.name} (${[price(r.price_band_usd), extra, ...missing].filter(Boolean).join(', ')})`;
}

function partColumn(m: ReportModel, r: Recommendation, rank: number): Column {
  const twin = twinBoard(r, m.boards);
  return {
    id: r.board, name: r.name, rank, status: r.status,
    facts: `${coreName(r.core)}, ${mhz(r.clock_hz)}, ${price(r.price_band_usd)}${twin ? `, predicted from its QEMU twin ${twin}` : ''}`,
    radio: r.radios === undefined ? undefined : {
      text: r.radios.length ? r.radios.map((x) => RADIO_NAMES[x as Radio] ?? x).join(', ') : 'none',
      ok: r.radio_match,
    },
    needs: Object.fromEntries(r.needs.map((n) => [n.need, needCell(n)])),
    energy: energyCell(r.daily_energy_mj, r.daily_energy_band, r.battery_share_pct),
    ram: headroomCell(r.ram_bytes, r.ram_limit_bytes), flash: headroomCell(r.flash_bytes, r.flash_limit_bytes),
  };
}

/** A measured board as a column, when the report ranks no catalogue. */
function boardColumn(m: ReportModel, board: string): Column {
  const vs = m.verdicts.filter((v) => v.board === board);
  const row = m.boards.find((b) => b.id === board)!;
  const pick = (kind: Verdict['kind']) => { const v = vs.find((x) => x.kind === kind); return v?.choice ?? v?.closest; };
  const energy = pick('daily-energy'), fit = pick('footprint');
  return {
    id: board, name: `${board} (measurement basis, not a part to buy)`, status: overallStatus(vs), facts: row.basis,
    needs: Object.fromEntries(vs.map((v) => [v.need, needCell(needSummary(v))])),
    energy: energyCell(energy?.daily_energy_mj, energy?.time_band, energy?.battery_share_pct),
    ram: headroomCell(fit?.ram_bytes, fit?.ram_limit_bytes), flash: headroomCell(fit?.flash_bytes, fit?.flash_limit_bytes),
  };
}

/** Parts whose core capmark has not measured are grouped under one line; each says its core. */
const UNCOVERED = 'performance not predicted: capmark has measured no board of their core (no hardware feature they need is missing)';

/** The first reason a part is rejected, in one line. */
function rejection(r: Recommendation): string {
  if (r.status === 'incomplete' && r.performance_note) return UNCOVERED;
  const n = r.needs.find((x) => x.status === r.status && x.reason);
  return n ? `${n.need}: ${n.reason}` : r.summary;
}

function catalogueAnswer(m: ReportModel, recs: Recommendation[]): Omit<Answer, 'rows'> {
  const passing = recs.filter((r) => r.status === 'pass');
  // Without a passing part, the closest ones with predicted figures: a part whose core is not
  // covered has none to compare and is listed with the rejected parts instead.
  const predicted = recs.filter((r) => !r.performance_note);
  const shown = (passing.length ? passing : predicted.length ? predicted : recs).slice(0, TOP_PARTS);
  const radios = m.product?.radios.join(' and ');
  const withRadio = passing.filter((r) => r.radio_match === true).length;
  const headline = passing.length
    ? `${passing.length} of ${recs.length} catalogue parts meet every need of the product${radios ? `; ${withRadio} of them have ${radios} on chip` : ''}. Best fit: ${recs[0].name}.`
    : `No catalogue part meets every need of the product; the ${shown.length} closest${predicted.length ? ' with predicted figures' : ''} are shown.`;
  const from = [...new Set(recs.map((r) => r.predicted_from).filter(Boolean))] as string[];
  const basis = from.length
    ? `Predicted at each part's own clock from capmark's measurements on ${from.map((b) => m.boards.find((x) => x.id === b)?.basis ?? b).map((b, i) => `${from[i]} (${b})`).join(' and ')}, `
      + "with each part's core timing model and flash wait states; the bracketed % is the model's error band. Ranked by status, needs met, on-chip radio, crypto energy per day, then price."
    : 'No measured board covers these parts\' cores: their performance is not predicted.';
  const wanted = m.product?.connectivity ?? [];
  const others = passing.slice(shown.length).map((r) => partLabel(r, wanted));
  const groups = new Map<string, Rejected>();
  for (const r of recs.filter((x) => x.status !== 'pass' && !shown.includes(x))) {
    const reason = rejection(r);
    const key = `${r.status}|${reason}`;
    if (!groups.has(key)) groups.set(key, { status: r.status, reason, parts: [] });
    groups.get(key)!.parts.push(partLabel(r, wanted, reason === UNCOVERED ? coreName(r.core) : undefined));
  }
  return { headline, basis, columns: shown.map((r) => partColumn(m, r, recs.indexOf(r) + 1)), others, rejected: [...groups.values()] };
}

function boardsAnswer(m: ReportModel): Omit<Answer, 'rows'> {
  const boards = [...new Set(m.verdicts.map((v) => v.board))];
  const columns = boards.map((b) => boardColumn(m, b));
  const word = { pass: 'meets every need of', fail: 'does not meet', incomplete: 'cannot yet be judged against' };
  return {
    headline: `${columns.map((c) => `${c.id} ${word[c.status]} the product`).join('; ')}. No catalogue parts ranked: add --catalogue to rank the parts you can buy.`,
    basis: 'Emulated boards are the measurement basis, not parts to buy; their security features come from their board files.',
    columns, others: [], rejected: [],
  };
}

/** The first screen for the model's product; undefined when the report has no product. */
export function answer(m: ReportModel): Answer | undefined {
  if (!m.product) return undefined;
  const rows = m.product.needs.map((n) => ({ id: n.id, limit: n.limit, description: n.description }));
  if (m.recommendations?.length) return { rows, ...catalogueAnswer(m, m.recommendations) };
  return m.verdicts.length ? { rows, ...boardsAnswer(m) } : undefined;
}

const cellText = (c?: NeedCell) => (!c ? '-' : `${c.algorithm ? `${c.algorithm}: ` : ''}${c.figure}${c.borderline ? ` (BORDERLINE: ${c.borderline})` : ''}`);

/** The side-by-side comparison as plain cells (Markdown and text): label, then one per column. */
export function answerGrid(a: Answer): string[][] {
  return [
    ['part', ...a.columns.map((c) => `${c.status.toUpperCase()}: ${c.facts}`)],
    ...(a.columns.some((c) => c.radio) ? [['radio on chip', ...a.columns.map((c) => (c.radio ? c.radio.text : '-'))]] : []),
    ...a.rows.map((r) => [`${r.id}${r.limit ? ` (${r.limit})` : ''}`, ...a.columns.map((c) => cellText(c.needs[r.id]))]),
    ...(a.columns.some((c) => c.energy !== '-') ? [['crypto energy', ...a.columns.map((c) => c.energy)]] : []),
    ['crypto RAM', ...a.columns.map((c) => c.ram)],
    ['crypto flash', ...a.columns.map((c) => c.flash)],
  ];
}

/** "Ships 2027, supported 2027-2034 (8 years); policy: ...; radio: ...; budgets: ...". */
export const productLine = (p: NonNullable<ReportModel['product']>) => [
  `ships ${p.first_ship_year}, supported ${p.window[0]}-${p.window[1]} (${p.support_years} years)`,
  `policy: ${p.frameworks.join(', ')}`, ...(p.radios.length ? [`radio: ${p.radios.join(', ')}`] : []),
  `crypto budgets: ${p.budgets.join(', ')}`,
];
