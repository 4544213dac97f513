// A "subject" is one board's per-operation costs as verdicts consume them: from a results file
// (measured or emulated) or predicted for a catalogue board from a virtual board of its core.
import type { CodeMap, ConstantTimeRecord, ErrorBand, Footprint, Method, ResultsFile } from '../results/types.ts';
import { predictCycles, predictorCores, type BoardFacts, type CatalogueEntry, catalogueFacts } from '../catalogue/index.ts';
import { fetchCost, modelFromInstructions, timingModelName } from '../timing/index.ts';
import type { TimeBand } from './types.ts';

export interface OpPoint {
  kernel: string;
  op: string;
  param_name: 'msg_bytes' | 'none';
  param: number;
  time_us: number;
  method: Method;
  stack_bytes?: number;
  /** Stack + heap + input + output of the op (results v2). */
  working_set_bytes?: number;
  /** Same op and size measured for another case (e.g. "tampered tag"): not a cost to choose. */
  variant?: string;
  /** Error band of a modelled or predicted time (the timing model's, docs/timing-model.md). */
  band?: ErrorBand;
}

export interface Subject {
  facts: BoardFacts;
  method: Method;
  points: OpPoint[];
  /** Kernel/op pairs whose output the host rejected: a wrong answer is a failed board. */
  wrong: Map<string, string>;
  /** Whether capmark's profiling agent fits (a capability fact, never a product need). */
  hostable: boolean;
  host_verdict: string;
  /** Where the numbers come from (results file, or the prediction's factors). */
  provenance: string;
  /** Predicted parts: the measured board the prediction is made from. */
  predicted_from?: string;
  required_ram_bytes?: number;
  /** Flash units of the firmware the numbers come from (results code_map). */
  code?: CodeMap;
  /** The measured footprint of the per-product agent firmware the results come from. */
  footprint?: Footprint;
  /** Set when no performance is known (the core is not covered, or the board cannot host the
   *  profiling agent): why. Performance needs are then INCOMPLETE, hardware needs still judged. */
  uncovered?: string;
  /** What a reader should know about the source results (e.g. an older schema version). */
  notes: string[];
  /** The constant-time check's records by opKey (results constant_time, capmark ct), and the
   *  board they were traced on. */
  constant_time: Map<string, ConstantTimeRecord>;
  constant_time_board?: string;
}

export const opKey = (kernel: string, op: string) => `${kernel}/${op}`;

/** Time per op from a measurement: its time, else cycles at the clock, else modelled from the
 *  instruction count; with the cycles' band when modelled. */
function timeOf(m: ResultsFile['measurements'][number], clockHz: number, core: string): { us: number; method: Method; band?: ErrorBand } | undefined {
  const band = m.cycles?.band;
  if (m.time_us) return { us: m.time_us.median, method: m.time_us.method, band };
  if (m.cycles) return { us: (m.cycles.median / clockHz) * 1e6, method: m.cycles.method, band };
  const model = m.instructions && modelFromInstructions(core, m.instructions.median);
  if (model) return { us: (model.cycles / clockHz) * 1e6, method: 'modelled', band: model.band };
  return undefined;
}

/** Most conservative label among the points: predicted < modelled < emulated < measured. */
export function weakest(methods: Method[]): Method {
  const order: Method[] = ['predicted', 'modelled', 'timer-emulated', 'exact-emulated', 'measured'];
  return methods.length ? order.find((m) => methods.includes(m))! : 'modelled';
}

export function subjectFromResults(r: ResultsFile, facts: BoardFacts, file = `results for ${r.board}`): Subject {
  const points: OpPoint[] = [];
  const wrong = new Map<string, string>();
  const clock = r.conditions.clock_hz;
  for (const m of r.measurements) {
    if (m.status === 'failed' || (m.status === 'ok' && !m.output_verified)) {
      wrong.set(opKey(m.kernel, m.op), m.reason ?? 'output not verified');
      continue;
    }
    if (m.status !== 'ok') continue;
    const t = timeOf(m, clock, facts.core);
    if (!t) continue;
    points.push({ ...pointOf(m), time_us: t.us, method: t.method, band: t.band });
  }
  const features = { ...facts.features, ...(r.capability.features ?? {}) };
  // A board that cannot host the profiling agent has measured nothing: that says nothing about
  // the product's own firmware, which links only its algorithms (its twin part is predicted).
  const twin = r.conditions.twin_of;
  const uncovered = !r.capability.hostable && !points.length
    ? `the profiling agent does not fit ${r.board} (${r.capability.verdict})${twin ? `; the part it models is predicted from another board of its core: capmark check --board ${twin}` : ''}`
    : undefined;
  return {
    facts: { ...facts, clock_hz: clock, features }, method: weakest(points.map((p) => p.method)), points, wrong,
    hostable: r.capability.hostable, host_verdict: r.capability.verdict, provenance: file,
    required_ram_bytes: r.capability.required_ram_bytes, code: r.code_map, footprint: r.footprint, notes: r.notes ?? [], uncovered,
    ...constantTimeOf(r),
  };
}

const constantTimeOf = (r: ResultsFile) => ({
  constant_time: new Map((r.constant_time ?? []).map((c) => [opKey(c.kernel, c.op), c])), constant_time_board: r.board,
});

const pointOf = (m: ResultsFile['measurements'][number]) => ({
  kernel: m.kernel, op: m.op, param_name: m.param_name, param: m.param, stack_bytes: m.stack_bytes,
  working_set_bytes: m.working_set_bytes, variant: m.variant,
});

export interface MeasuredBoard { results: ResultsFile; facts: BoardFacts }

/** One WebAssembly page: the smallest linear memory the agent is built with (DESIGN.md). */
const PAGE_BYTES = 65536;

/** RAM the agent would need on another part: the measured board's fixed part (runtime, stacks,
 *  buffers) plus one 64 KiB page, since the agent is built with as many pages as a board has room
 *  for; ops whose heap needs more are caught by the profile's RAM budget. */
function agentRamOnPart(r: ResultsFile): number | undefined {
  const req = r.capability.required_ram_bytes;
  const linear = r.conditions.linear_memory_bytes;
  return req === undefined || linear === undefined ? req : req - linear + Math.min(linear, PAGE_BYTES);
}

/** Predicts a catalogue board from the measured virtual board of its core (or a stand-in core
 *  that runs the same binary): the target core's timing model on each op's instruction classes,
 *  plus the part's code-fetch cost (catalogue/predict.ts). A board that models this very SoC in
 *  QEMU (results conditions.twin_of) is preferred and named. A part no measured board covers gets
 *  a subject without points, saying why (`uncovered`): its capability is still judged. */
export function predictSubject(entry: CatalogueEntry, measured: MeasuredBoard[]): Subject {
  const facts = catalogueFacts(entry);
  const core = entry.core.value;
  const usable = (m: MeasuredBoard, c: string) => m.facts.core === c && m.results.capability.hostable;
  const twin = measured.find((m) => m.results.conditions.twin_of === entry.id && usable(m, core));
  const source = twin ?? predictorCores(core).map((c) => measured.find((m) => usable(m, c))).find(Boolean);
  const model = timingModelName(core);
  if (!source || !model) {
    const why = `core ${core} not covered: no measured virtual board of this core${model ? '' : ' and no timing model for it'}`;
    return { facts, method: 'predicted', points: [], wrong: new Map(), hostable: false,
      host_verdict: `not known: ${why}`, provenance: `not predicted: ${why}`, uncovered: why, notes: [], constant_time: new Map() };
  }
  const points: OpPoint[] = [];
  for (const m of source.results.measurements) {
    if (m.status !== 'ok' || !m.output_verified || !m.instructions) continue;
    const p = predictCycles(entry, m);
    if (!p) continue;
    points.push({ ...pointOf(m), method: 'predicted', time_us: (p.cycles / entry.clock_hz.value) * 1e6, band: p.band });
  }
  const need = agentRamOnPart(source.results);
  const hostable = need === undefined || entry.ram_bytes.value >= need;
  const basis = twin ? ` (a QEMU model of this SoC: measured on its twin)`
    : source.facts.core !== core ? ` (stand-in core ${source.facts.core}: same binary)` : '';
  return {
    facts, method: 'predicted', points, wrong: new Map(), hostable,
    host_verdict: hostable ? 'predicted to host the agent' : `agent needs about ${need} B RAM (one 64 KiB page of linear memory), part has ${entry.ram_bytes.value} B`,
    provenance: `predicted from ${source.results.board}${basis}: instruction classes x ${model}; code fetch: ${fetchCost(entry.code_fetch.value, {}).why}; at ${entry.clock_hz.value / 1e6} MHz`,
    predicted_from: source.results.board, required_ram_bytes: need, code: source.results.code_map, notes: source.results.notes ?? [],
    // The same core runs the same binary: its traces, and its operand-dependent latency, carry over.
    ...(source.facts.core === core ? constantTimeOf(source.results) : { constant_time: new Map() }),
  };
}

/** Time (and working set) of `op` at `bytes` (msg_bytes ops): exact point, else linear through
 *  the two nearest measured sizes (extrapolated beyond the largest; noted by the caller). Points of
 *  a variant case (a tampered input) are not the op's cost. */
export function timeAt(s: Subject, kernel: string, op: string, bytes?: number): { us: number; method: Method; extrapolated: boolean; point: OpPoint; working_set_bytes?: number } | undefined {
  const all = s.points.filter((p) => p.kernel === kernel && p.op === op && !p.variant);
  // An op may also be measured once without a size (e.g. a tampered-tag case): sizes win when asked.
  const sized = all.filter((p) => p.param_name === 'msg_bytes');
  const pts = (bytes !== undefined && sized.length ? sized : all).sort((a, b) => a.param - b.param);
  if (!pts.length) return undefined;
  const at = (p: OpPoint) => ({ us: p.time_us, method: p.method, extrapolated: false, point: p, working_set_bytes: p.working_set_bytes });
  if (pts[0].param_name === 'none' || bytes === undefined) return at(pts[0]);
  const exact = pts.find((p) => p.param === bytes);
  if (exact) return at(exact);
  if (pts.length === 1) {
    const p = pts[0];
    return { ...at(p), us: p.time_us * (bytes / Math.max(1, p.param)), extrapolated: true, working_set_bytes: undefined };
  }
  let i = pts.findIndex((p) => p.param > bytes);
  if (i <= 0) i = i === 0 ? 1 : pts.length - 1;
  const a = pts[i - 1], b = pts[i];
  const line = (ya: number, yb: number) => Math.max(ya + ((yb - ya) / (b.param - a.param)) * (bytes - a.param), 0);
  const outside = bytes > pts[pts.length - 1].param || bytes < pts[0].param;
  const ws = a.working_set_bytes !== undefined && b.working_set_bytes !== undefined ? Math.round(line(a.working_set_bytes, b.working_set_bytes)) : undefined;
  return { us: line(a.time_us, b.time_us), method: a.method, extrapolated: outside, point: bytes > b.param ? b : a, working_set_bytes: ws };
}

/** The band of a sum of times (or of what scales with them, like energy), each with its own
 *  band; a part without one counts as exact. */
export function bandOfSum(parts: { value: number; band?: TimeBand }[]): TimeBand | undefined {
  let total = 0, low = 0, high = 0;
  for (const p of parts) {
    total += p.value;
    low += (p.value * (p.band?.low_pct ?? 0)) / 100;
    high += (p.value * (p.band?.high_pct ?? 0)) / 100;
  }
  const r1 = (x: number) => Math.round(x * 10) / 10;
  return high > low && total > 0 ? { low_pct: r1((low / total) * 100), high_pct: r1((high / total) * 100) } : undefined;
}
