// `capmark profile`: build and launch a virtual board (or open a real board's serial port),
// handshake, run the plan, and write results/<board>.json: after every measurement as a
// checkpoint marked partial (atomically), at the end complete, or partial with the reason when
// the run stopped early. `resume` continues an interrupted run from its checkpoint.
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { boardById, loadBoards, type Board } from '../boards/index.ts';
import { buildAll, FULL_AGENT, wasmPath, type AgentBuild, type Bounds, type CodeGraph, type FirmwareManifest } from '../build/index.ts';
import { CapmarkError } from '../errors.ts';
import { AgentClient, type Link } from '../protocol/client.ts';
import { launchVirtualBoard } from '../qemu/launch.ts';
import { RESULTS_SCHEMA, type Capability, type Conditions, type Footprint, type Measurement, type ResultsFile } from '../results/types.ts';
import { readResults, resultsPath, writeResults } from '../results/store.ts';
import { openSerial } from '../transport/serial.ts';
import { runPlan, type RunOptions, type Target } from './run.ts';
import { boardFacts, loadCatalogue } from '../catalogue/index.ts';
import { annotateEnergy } from '../energy/index.ts';
import { annotateFootprints, codeMap, measureFootprints } from './working-set.ts';
import type { PlanItem } from './plan.ts';
import { timingModelName } from '../timing/index.ts';
import { relativeToRoot } from '../util/paths.ts';

export interface ProfileOptions {
  kernels?: string[];
  /** The agent to build and profile (a virtual board): the full agent by default, or a
   *  per-product agent, whose kernels are then the plan and whose measured footprint the
   *  results record. */
  agent?: AgentBuild;
  /** Memory-safety mode of the firmware build (docs/agent.md); default mask. */
  bounds?: Bounds;
  iterations?: number;
  warmup?: number;
  /** Write the results here instead of results/<board>.json. */
  out?: string;
  /** Continue the interrupted run checkpointed in the results file (same firmware and plan). */
  resume?: boolean;
  /** Wraps the board's link (fault injection in tests and benchmarks). */
  wrapLink?: (link: Link) => Link;
  log?: (line: string) => void;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface ProfileOutcome { results: ResultsFile; file: string }

function capabilityOf(fw: FirmwareManifest): Capability {
  const f = fw.fit;
  if (!f.hostable && f.short_of === 'flash') {
    return {
      hostable: false,
      verdict: `cannot host the agent: its firmware image needs ${f.flash_bytes!.required} B of flash, has ${f.flash_bytes!.available} B; short by ${f.shortfall_bytes} B`,
      shortfall_bytes: f.shortfall_bytes,
    };
  }
  if (!f.hostable) {
    return {
      hostable: false,
      verdict: `cannot host the agent: needs ${f.required_ram_bytes} B of RAM (64 KiB linear-memory page + ${f.static_ram_bytes} B firmware data + ${f.stack_bytes} B stack), has ${f.available_ram_bytes} B; short by ${f.shortfall_bytes} B`,
      required_ram_bytes: f.required_ram_bytes, available_ram_bytes: f.available_ram_bytes, shortfall_bytes: f.shortfall_bytes,
    };
  }
  return { hostable: true, verdict: `hosts the agent with ${f.linear_memory_bytes} B of linear memory`, required_ram_bytes: f.required_ram_bytes, available_ram_bytes: f.available_ram_bytes, shortfall_bytes: 0 };
}

/** An opened board before the handshake: its link and, on QEMU, the exact counts. */
type Connection = Pick<Target, 'exactCounts' | 'clearCounts' | 'close'> & { link: Link };

/** Opens a board and handshakes; helloMs runs from the start of opening to HELLO's answer. */
async function connect(open: () => Promise<Connection>, o: ProfileOptions): Promise<{ target: Target; helloMs: number }> {
  const t0 = Date.now();
  const c = await open();
  const client = new AgentClient(o.wrapLink ? o.wrapLink(c.link) : c.link);
  try {
    const hello = await client.hello();
    return { target: { ...c, client, hello, close: async () => { await client.close(); await c.close(); } }, helloMs: Date.now() - t0 };
  } catch (e) { await c.close().catch(() => {}); throw e; }
}

/** Profiles a virtual board by id, or a board object (e.g. a build variant made by a script). */
export async function profileVirtualBoard(boardOrId: string | Board, o: ProfileOptions = {}): Promise<ProfileOutcome> {
  const log = o.log ?? (() => {});
  const board = typeof boardOrId === 'string' ? boardById(boardOrId, loadBoards()) : boardOrId;
  const file = o.out ?? resultsPath(board.id);
  const earlier = o.resume ? interruptedRun(file, board.id) : undefined;
  const agent = o.agent ?? FULL_AGENT;
  const { firmware } = await buildAll([board], o.bounds ?? 'mask', log, agent);
  const fw = firmware.get(board.id)!;
  const conditions: Conditions = {
    transport: 'qemu', qemu_machine: board.qemu.machine, icount: 'shift=0 (1 instruction = 1 ns of virtual time)',
    compiler: fw.compiler, cflags: relativeToRoot(fw.cflags), runtime: `wasm2c-${fw.wasm2c} bounds=${fw.bounds}`, clock_hz: board.clock_hz, core: board.core,
    ...(board.twin_of ? { twin_of: board.twin_of } : {}), timing_model: timingModelName(board.core),
    linear_memory_bytes: fw.fit.linear_memory_bytes, firmware_sha256: fw.image?.sha256,
    plan: planOf(o, earlier, 3), host: hostname(),
  };
  if (earlier) checkResumable(file, earlier, conditions); // what is known before launching; the rest after HELLO
  const capability = capabilityOf(fw);
  if (!capability.hostable) {
    log(`${board.id}: ${capability.verdict}`);
    return save(file, board.id, conditions, capability, [], { started: new Date() });
  }
  let qemuVersion = 'unknown';
  const launch = () => connect(async () => {
    const vb = await launchVirtualBoard(board, fw);
    qemuVersion = vb.qemuVersion;
    return { link: vb.link, exactCounts: (n: number) => vb.takeCounts(n), clearCounts: vb.clearCounts, close: () => vb.stop() };
  }, o);
  const started = new Date();
  const { target, helloMs } = await launch();
  log(`${board.id}: agent ${target.hello.agentVersion} answered HELLO ${helloMs} ms after launch`);
  Object.assign(conditions, helloConditions(target), { qemu_version: qemuVersion });
  return measure(file, board, conditions, { ...capability, ...helloFeatures(target) }, target, async () => (await launch()).target, o, earlier, { started, helloMs }, fw, agent);
}

export async function profileSerialBoard(port: string, baud: number, board: Pick<Board, 'id' | 'core' | 'clock_hz'>, o: ProfileOptions = {}): Promise<ProfileOutcome> {
  const file = o.out ?? resultsPath(board.id);
  const earlier = o.resume ? interruptedRun(file, board.id) : undefined;
  const open = () => connect(async () => {
    const link = await openSerial(port, baud);
    return { link, close: () => link.close() };
  }, o);
  const started = new Date();
  const { target, helloMs } = await open();
  const conditions: Conditions = { transport: 'serial', clock_hz: board.clock_hz, core: board.core, host: hostname(), plan: planOf(o, earlier, 8), ...helloConditions(target) };
  const capability: Capability = { hostable: true, verdict: 'hosts the agent (answered HELLO)', ...helloFeatures(target) };
  return measure(file, board, conditions, capability, target, async () => (await open()).target, o, earlier, { started, helloMs });
}

interface Timing { started: Date; helloMs?: number }

/** Runs the plan on an opened board, checkpointing every measurement into `file`. `fw` is this
 *  build's firmware (virtual boards): its flash graph gives the code each op reaches; a
 *  per-product `agent` limits the plan to its kernels and gives the results its footprint. */
async function measure(file: string, board: Pick<Board, 'id' | 'core' | 'clock_hz'>, conditions: Conditions, capability: Capability,
  target: Target, reconnect: () => Promise<Target>, o: ProfileOptions, earlier: ResultsFile | undefined, timing: Timing,
  fw?: FirmwareManifest, agent: AgentBuild = FULL_AGENT): Promise<ProfileOutcome> {
  if (earlier) {
    try { checkResumable(file, earlier, conditions); } catch (e) { await target.close().catch(() => {}); throw e; }
    timing.started = new Date(earlier.started_at);
  }
  const plan = conditions.plan!;
  const options: RunOptions = {
    core: board.core, clockHz: board.clock_hz, iterations: plan.iterations, warmup: plan.warmup, kernels: plan.kernels, devices: agent.kernels,
    onProgress: o.onProgress, done: earlier?.measurements,
    onMeasurement: (ms, total) => {
      conditions.baseline_instructions = ms.find((m) => m.kernel === 'null')?.instructions?.median;
      save(file, board.id, conditions, capability, ms, timing, `interrupted after ${ms.length} of ${total} plan items (capmark profile --resume continues)`, earlier);
    },
  };
  const run = await runPlan(target, reconnect, options);
  conditions.baseline_instructions = run.baseline;
  if (run.resumed) (o.log ?? (() => {}))(`${board.id}: resumed: ${run.resumed} measurements kept from the interrupted run`);
  // Working sets from the same agent.wasm; flash needs this build's ELF, which a real board's firmware is not.
  const fit = await productFit(run.items, wasmPath(agent), fw);
  const m = fw?.memory;
  const footprint: Footprint | undefined = agent.kernels && m
    ? { kernels: agent.kernels, flash_bytes: m.flash_bytes, ram_bytes: m.ram_bytes, linear_memory_bytes: m.linear_memory_bytes, method: 'measured-elf' } : undefined;
  return save(file, board.id, conditions, capability, run.measurements, timing, run.stopped, earlier, fit, footprint);
}

/** The plan settings: given ones, else those of the run being resumed, else the defaults. */
function planOf(o: ProfileOptions, earlier: ResultsFile | undefined, iterations: number): NonNullable<Conditions['plan']> {
  const before = earlier?.conditions.plan;
  return { kernels: o.kernels ?? before?.kernels, iterations: o.iterations ?? before?.iterations ?? iterations, warmup: o.warmup ?? before?.warmup ?? 1 };
}

/** The checkpoint of an interrupted run, or a clear refusal when there is none. */
function interruptedRun(file: string, board: string): ResultsFile {
  let r: ResultsFile;
  try { r = readResults(file); } catch (e) {
    throw new CapmarkError('NOTHING_TO_RESUME', `cannot resume: ${file} holds no readable run of ${board} (${(e as Error).message}); run capmark profile without --resume`);
  }
  if (r.board !== board) throw new CapmarkError('RESUME_MISMATCH', `cannot resume: ${file} is a run of ${r.board}, not ${board}`);
  if (r.status === 'complete') throw new CapmarkError('NOTHING_TO_RESUME', `${file} is a complete run: nothing to resume (run capmark profile without --resume to measure again)`);
  return r;
}

/** The facts a resumed run must share with the interrupted one, so its numbers compare. */
const SAME: (keyof Conditions)[] = ['transport', 'qemu_machine', 'qemu_version', 'icount', 'firmware_sha256', 'agent_version',
  'protocol_version', 'runtime', 'compiler', 'cflags', 'counter', 'counter_hz', 'clock_hz', 'core', 'timing_model', 'linear_memory_bytes'];

/** Refuses a resume whose conditions differ from the interrupted run's; facts not known yet
 *  (absent from `now`, e.g. before HELLO) are checked on a later call. */
function checkResumable(file: string, earlier: ResultsFile, now: Conditions) {
  const show = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));
  const differ = SAME.filter((k) => k in now && show(earlier.conditions[k]) !== show(now[k])).map((k) => `${k} was ${show(earlier.conditions[k])}, now ${show(now[k])}`);
  const a = earlier.conditions.plan, b = now.plan!;
  if (show(a?.kernels) !== show(b.kernels)) differ.push(`kernels were ${show(a?.kernels)}, now ${show(b.kernels)}`);
  if (a?.iterations !== b.iterations || a?.warmup !== b.warmup) differ.push(`iterations/warmup were ${a?.iterations}/${a?.warmup}, now ${b.iterations}/${b.warmup}`);
  if (differ.length) {
    throw new CapmarkError('RESUME_MISMATCH', `cannot resume ${file}: the interrupted run was measured under other conditions (${differ.join('; ')}); `
      + 'its numbers would not compare: run capmark profile without --resume to start over');
  }
}

function helloConditions(t: Target): Partial<Conditions> {
  const h = t.hello;
  return {
    agent_version: h.agentVersion, protocol_version: h.protocolVersion, runtime: h.info.runtime, counter: h.info.counter,
    counter_hz: Number(h.info.counter_hz ?? 0), linear_memory_bytes: h.memoryBytes, kernel_heap_bytes: h.heapBytes,
  };
}

/** What the board contract itself says: trng=1 when the board's `random` import has a TRNG. */
function helloFeatures(t: Target): Pick<Capability, 'features'> {
  const trng = t.hello.info.trng;
  return trng === undefined ? {} : { features: { trng: trng === '1' } };
}

/** Working sets (heap, buffers) of every planned op and, with the firmware's flash graph, the code
 *  each op reaches (profile/working-set.ts). */
async function productFit(items: PlanItem[], wasm: string, fw?: FirmwareManifest): Promise<(r: ResultsFile) => ResultsFile> {
  if (!existsSync(wasm)) return (r) => r;   // a real board's own build: no agent.wasm here to measure
  const fp = await measureFootprints(items, wasm);
  const graph = fw?.code_graph ? JSON.parse(readFileSync(fw.code_graph, 'utf8')) as CodeGraph : undefined;
  return (r) => annotateFootprints(r, fp, graph && codeMap(graph, fp.executed));
}

/** Writes the results atomically: complete, or partial with the reason. */
function save(file: string, board: string, conditions: Conditions, capability: Capability, measurements: Measurement[],
  timing: Timing, partialReason?: string, earlier?: ResultsFile, fit?: (r: ResultsFile) => ResultsFile, footprint?: Footprint): ProfileOutcome {
  const finished = new Date();
  let results: ResultsFile = {
    schema: RESULTS_SCHEMA, board, status: partialReason ? 'partial' : 'complete', ...(partialReason ? { partial_reason: partialReason } : {}),
    started_at: timing.started.toISOString(), finished_at: finished.toISOString(), duration_ms: finished.getTime() - timing.started.getTime(),
    boot_to_hello_ms: timing.helloMs, conditions, capability, measurements, ...(footprint ? { footprint } : {}),
  };
  if (fit) results = fit(results);
  // Energy per op (modelled: time x supply voltage x run current) from the board's power model.
  const facts = boardFacts(board, loadCatalogue());
  if (facts?.power) {
    conditions.power_model = `energy_uj modelled (time x supply voltage x run current): ${facts.power_note ?? 'the board power model'}`;
    results = annotateEnergy(results, facts.power);
  }
  if (earlier) results.notes = [`resumed the run started ${earlier.started_at}, interrupted after ${earlier.measurements.length} measurements`];
  // Each checkpoint keeps the records of the file it replaces, so they survive the whole run.
  results = { ...results, ...constantTimeKept(file, board) };
  return { results, file: writeResults(results, file) };
}

/** The constant-time records (capmark ct) of the file this profile replaces: a profile does not
 *  trace, so it keeps them. An unreadable or other board's file has none to keep. */
function constantTimeKept(file: string, board: string): Pick<ResultsFile, 'constant_time'> {
  if (!existsSync(file)) return {};
  try {
    const old = readResults(file);
    return old.board === board && old.constant_time?.length ? { constant_time: old.constant_time } : {};
  } catch { return {}; }
}
