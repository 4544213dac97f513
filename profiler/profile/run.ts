// Runs a plan on a connected board and turns raw BENCH answers into measurement records:
// exact instructions and their classes (virtual boards, baseline subtracted), counter ticks,
// modelled (timing model, with its band) or measured cycles, time at the board clock, stack,
// and whether the output was verified.
// A crashed or silent board is reported on its measurement and restarted; a board (or link)
// that keeps failing ends the run early with what was measured. Measurements of an earlier,
// interrupted run are kept instead of measured again (resume).
import { checkDigest, checkOutput, checkableByDigest } from '../kernels/check.ts';
import { CapmarkError, isCapmarkError } from '../errors.ts';
import type { AgentClient } from '../protocol/client.ts';
import type { Hello } from '../protocol/messages.ts';
import type { Measurement, Method, Stat } from '../results/types.ts';
import { modelCycles, type ClassCounts } from '../timing/index.ts';
import { makePlan, type PlanFilter, type PlanItem } from './plan.ts';

/** A board the profiler is talking to: over QEMU's pty or a real serial port. */
export interface Target {
  client: AgentClient;
  hello: Hello;
  /** Exact per-run instruction counts and class profiles (virtual boards only). */
  exactCounts?: (n: number) => Promise<Count[]>;
  clearCounts?: () => void;
  close(): Promise<void>;
}

export interface RunOptions extends PlanFilter {
  core: string;
  clockHz: number;
  iterations: number;
  warmup: number;
  benchTimeoutMs?: number;
  onProgress?: (done: number, total: number, label: string) => void;
  /** Measurements of an interrupted run of the same plan: those ok or skipped are kept. */
  done?: Measurement[];
  /** Called after each measurement run here, with every measurement so far in plan order
   *  and the number of plan items: the checkpoint. */
  onMeasurement?: (measurements: Measurement[], planItems: number) => void;
}

export interface RunOutcome {
  measurements: Measurement[];
  baseline: number;
  items: PlanItem[];
  /** Why the run ended before the end of the plan (then measurements are partial). */
  stopped?: string;
  /** Measurements kept from the interrupted run. */
  resumed: number;
}

/** One measured run on a virtual board: exact instructions and their classes. */
export interface Count { instructions: number; classes: ClassCounts }

/** Errors after which the board must be restarted before it can answer again. */
const BOARD_DOWN = new Set(['NO_ANSWER', 'LINK_DAMAGED', 'BOARD_FAULT', 'BOARD_EXITED', 'NO_COUNTS', 'LINK_WRITE', 'CLOSED']);

export const stat = (xs: number[]): Stat => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1], mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const mapStat = (s: Stat, f: (x: number) => number): Stat =>
  ({ min: f(s.min), median: f(s.median), max: f(s.max), ...(s.mean === undefined ? {} : { mean: f(s.mean) }) });
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

interface Samples { counts: Count[]; ticks: number[]; stack: number; outputBytes: number }

async function measureItem(t: Target, item: PlanItem, o: RunOptions): Promise<Samples> {
  const s: Samples = { counts: [], ticks: [], stack: 0, outputBytes: 0 };
  const perCase = item.cases.length > 1;
  const iterations = perCase ? 1 : o.iterations;
  const warmup = perCase ? 0 : o.warmup;
  for (const c of item.cases) {
    t.clearCounts?.();
    await t.client.load(c.input);
    const r = await t.client.bench({ kernel: item.kernelId, op: item.opId, iterations, warmup, inputLength: c.input.length }, o.benchTimeoutMs ?? 120_000);
    if (t.exactCounts) s.counts.push(...(await t.exactCounts(warmup + iterations)).slice(warmup));
    if (!r.consistent) throw new CapmarkError('INCONSISTENT', 'runs of the same input gave different outputs');
    const verdict = checkableByDigest(c) ? checkDigest(c, r.status, r.digest)
      : checkOutput(c, r.status, r.outputLength > 0 ? await t.client.read(r.outputLength) : new Uint8Array(0));
    if (!verdict.ok) throw new CapmarkError('WRONG_OUTPUT', `wrong answer: ${verdict.reason}`);
    s.ticks.push(r.ticks.median);
    s.stack = Math.max(s.stack, r.stackBytes);
    s.outputBytes = r.outputLength;
  }
  return s;
}

/** A run less the baseline (dispatch and markers), class by class; a class the op ran less
 *  often than the baseline (a different path through dispatch) stays at 0. */
function lessBaseline(c: Count, baseline: Count): Count {
  const classes: ClassCounts = {};
  for (const [k, v] of Object.entries(c.classes)) if (v - (baseline.classes[k] ?? 0) > 0) classes[k] = v - (baseline.classes[k] ?? 0);
  return { instructions: Math.max(0, c.instructions - baseline.instructions), classes };
}

/** Index of the run with the median instruction count. */
const medianRun = (runs: Count[]) => [...runs.keys()].sort((a, b) => runs[a].instructions - runs[b].instructions)[Math.floor(runs.length / 2)];

/** Modelled cycles per run from its classes; the band and operand-dependent count of the median run. */
function modelled(m: Measurement, runs: Count[], core: string) {
  const models = runs.map((r) => modelCycles(core, r.classes));
  if (models.some((x) => !x)) return;
  const median = medianRun(runs);
  const mid = models[median]!;
  m.instruction_classes = runs[median].classes;
  m.operand_dependent = mid.operand_dependent;
  m.cycles = { ...stat(models.map((x) => x!.cycles)), method: 'modelled', source: mid.source, band: mid.band };
}

function toMeasurement(item: PlanItem, s: Samples, baseline: Count, t: Target, o: RunOptions): Measurement {
  const m: Measurement = base(item, 'ok');
  m.iterations = item.cases.length > 1 ? item.cases.length : o.iterations;
  m.output_verified = true;
  m.stack_bytes = s.stack;
  m.output_bytes = s.outputBytes;
  const perByte = item.op.paramName === 'msg_bytes' && item.param > 0 ? item.param : 0;
  const counterHz = Number(t.hello.info.counter_hz ?? 0);
  if (s.counts.length) {
    const runs = s.counts.map((c) => lessBaseline(c, baseline));
    const instr = stat(runs.map((r) => r.instructions));
    m.instructions = { ...instr, method: 'exact-emulated' };
    modelled(m, runs, o.core);
    if (perByte) m.instructions_per_byte = round(instr.median / perByte);
  } else if (counterHz > 0) {
    const cyclesPerTick = o.clockHz / counterHz;
    const counter = t.hello.info.counter ?? 'counter';
    const method: Method = 'measured';
    m.cycles = { ...mapStat(stat(s.ticks), (x) => Math.round(x * cyclesPerTick)), method, source: `${counter} at ${counterHz} Hz, board clock ${o.clockHz} Hz` };
  }
  if (m.cycles) {
    m.time_us = { ...mapStat(m.cycles, (c) => round((c / o.clockHz) * 1e6, 3)), method: m.cycles.method };
    if (perByte) m.cycles_per_byte = round(m.cycles.median / perByte);
  }
  return m;
}

function base(item: PlanItem, status: Measurement['status']): Measurement {
  return {
    kernel: item.spec.id, device_kernel: item.spec.device, op: item.op.op, param_name: item.op.paramName,
    param: item.param, variant: item.op.variants?.[item.param], iterations: 0, status, output_verified: false,
  };
}

const keyOf = (m: Pick<Measurement, 'kernel' | 'op' | 'param'>) => `${m.kernel}/${m.op}/${m.param}`;

/**
 * Runs every plan item on the target. `reconnect` restarts the board after it went down; the
 * failed item is recorded with the reason and the run goes on, until three items in a row
 * fail that way: then the run stops with what it has. The target is always closed at the end.
 */
export async function runPlan(first: Target, reconnect: () => Promise<Target>, o: RunOptions): Promise<RunOutcome> {
  let t: Target | undefined = first;
  const { items } = makePlan(first.hello, o);
  const kept = new Map((o.done ?? []).filter((m) => m.status === 'ok' || m.status === 'skipped').map((m) => [keyOf(m), m]));
  const measurements: Measurement[] = [];
  const none: Count = { instructions: 0, classes: {} };
  let baseline = none, downInARow = 0, resumed = 0, stopped: string | undefined;
  try {
    for (const [i, item] of items.entries()) {
      o.onProgress?.(i, items.length, `${item.spec.id} ${item.op.op} ${item.param || ''}`.trim());
      const earlier = kept.get(keyOf({ kernel: item.spec.id, op: item.op.op, param: item.param }));
      if (earlier && !item.skip) {
        measurements.push(earlier); resumed++;
        // The baseline's record holds its median run's count and classes (toMeasurement, less nothing).
        if (item.spec.kind === 'baseline') baseline = { instructions: earlier.instructions?.median ?? 0, classes: earlier.instruction_classes ?? {} };
        continue;
      }
      if (item.skip) { measurements.push({ ...base(item, 'skipped'), reason: item.skip }); continue; }
      try {
        if (!t) t = await reconnect();
        const s = await measureItem(t, item, o);
        if (item.spec.kind === 'baseline') baseline = s.counts[medianRun(s.counts)] ?? none;
        measurements.push(toMeasurement(item, s, item.spec.kind === 'baseline' ? none : baseline, t, o));
        downInARow = 0;
      } catch (e) {
        if (!isCapmarkError(e)) throw e;
        measurements.push({ ...base(item, 'failed'), reason: `${e.code}: ${e.message}` });
        if (BOARD_DOWN.has(e.code) || !t) {
          if (t) { await t.close().catch(() => {}); t = undefined; }
          if (++downInARow >= 3) {
            stopped = `stopped after ${i + 1} of ${items.length} plan items: three in a row failed (${e.code}); last: ${e.message}`;
            break;
          }
        }
      }
      o.onMeasurement?.(measurements, items.length);
    }
  } finally {
    await t?.close().catch(() => {});
  }
  o.onProgress?.(items.length, items.length, stopped ? 'stopped' : 'done');
  return { measurements, baseline: baseline.instructions, items, stopped, resumed };
}
