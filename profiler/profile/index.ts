// `capmark profile`: build and launch a virtual board (or open a real board's serial port),
// handshake, run the plan, and write results/<board>.json.
import { hostname } from 'node:os';
import { boardById, loadBoards, type Board } from '../boards/index.ts';
import { existsSync, readFileSync } from 'node:fs';
import { buildAll, WASM_PATH, type Bounds, type CodeGraph, type FirmwareManifest } from '../build/index.ts';
import { AgentClient, type Link } from '../protocol/client.ts';
import { launchVirtualBoard } from '../qemu/launch.ts';
import { RESULTS_SCHEMA, type Capability, type Conditions, type ResultsFile } from '../results/types.ts';
import { readResults, resultsPath, writeResults } from '../results/store.ts';
import { openSerial } from '../transport/serial.ts';
import { runPlan, type Target } from './run.ts';
import { boardFacts, loadCatalogue } from '../catalogue/index.ts';
import { annotateEnergy } from '../energy/index.ts';
import { annotateFootprints, codeMap, measureFootprints } from './working-set.ts';
import type { PlanItem } from './plan.ts';
import { timingModelName } from '../timing/index.ts';
import { relativeToRoot } from '../util/paths.ts';

export interface ProfileOptions {
  kernels?: string[];
  /** Memory-safety mode of the firmware build (docs/agent.md); default mask. */
  bounds?: Bounds;
  iterations?: number;
  warmup?: number;
  /** Write the results here instead of results/<board>.json. */
  out?: string;
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
async function connect(open: () => Promise<Connection>): Promise<{ target: Target; helloMs: number }> {
  const t0 = Date.now();
  const c = await open();
  const client = new AgentClient(c.link);
  try {
    const hello = await client.hello();
    return { target: { ...c, client, hello, close: async () => { await client.close(); await c.close(); } }, helloMs: Date.now() - t0 };
  } catch (e) { await c.close().catch(() => {}); throw e; }
}

/** Profiles a virtual board by id, or a board object (e.g. a build variant made by a script). */
export async function profileVirtualBoard(boardOrId: string | Board, o: ProfileOptions = {}): Promise<ProfileOutcome> {
  const log = o.log ?? (() => {});
  const board = typeof boardOrId === 'string' ? boardById(boardOrId, loadBoards()) : boardOrId;
  const started = new Date();
  const { firmware } = await buildAll([board], o.bounds ?? 'mask', log);
  const fw = firmware.get(board.id)!;
  const conditions: Conditions = {
    transport: 'qemu', qemu_machine: board.qemu.machine, icount: 'shift=0 (1 instruction = 1 ns of virtual time)',
    compiler: fw.compiler, cflags: relativeToRoot(fw.cflags), runtime: `${fw.wasm2c} bounds=${fw.bounds}`, clock_hz: board.clock_hz, core: board.core,
    ...(board.twin_of ? { twin_of: board.twin_of } : {}),
    linear_memory_bytes: fw.fit.linear_memory_bytes, host: hostname(),
  };
  const capability = capabilityOf(fw);
  if (!capability.hostable) {
    log(`${board.id}: ${capability.verdict}`);
    return finish(board.id, started, conditions, capability, [], o);
  }
  let qemuVersion = 'unknown';
  const launch = () => connect(async () => {
    const vb = await launchVirtualBoard(board, fw);
    qemuVersion = vb.qemuVersion;
    return { link: vb.link, exactCounts: (n: number) => vb.takeCounts(n), clearCounts: vb.clearCounts, close: () => vb.stop() };
  });
  const { target, helloMs } = await launch();
  log(`${board.id}: agent ${target.hello.agentVersion} answered HELLO ${helloMs} ms after launch`);
  try {
    const run = await runPlan(target, async () => (await launch()).target, {
      core: board.core, clockHz: board.clock_hz, iterations: o.iterations ?? 3, warmup: o.warmup ?? 1, kernels: o.kernels, onProgress: o.onProgress,
    });
    Object.assign(conditions, helloConditions(target), { qemu_version: qemuVersion, baseline_instructions: run.baseline, timing_model: timingModelName(board.core) });
    const fit = await productFit(run.items, fw);
    const out = finish(board.id, started, conditions, { ...capability, ...helloFeatures(target) }, run.measurements, o, helloMs, fit);
    await run.target.close();
    return out;
  } catch (e) { await target.close().catch(() => {}); throw e; }
}

export async function profileSerialBoard(port: string, baud: number, board: Pick<Board, 'id' | 'core' | 'clock_hz'>, o: ProfileOptions = {}): Promise<ProfileOutcome> {
  const started = new Date();
  const open = () => connect(async () => {
    const link = await openSerial(port, baud);
    return { link, close: () => link.close() };
  });
  const { target, helloMs } = await open();
  const run = await runPlan(target, async () => (await open()).target, {
    core: board.core, clockHz: board.clock_hz, iterations: o.iterations ?? 8, warmup: o.warmup ?? 1, kernels: o.kernels, onProgress: o.onProgress,
  });
  await run.target.close();
  const conditions: Conditions = { transport: 'serial', clock_hz: board.clock_hz, core: board.core, host: hostname(), ...helloConditions(target) };
  // Working sets from the same agent.wasm; flash needs this build's ELF, which a real board's firmware is not.
  const fit = await productFit(run.items);
  return finish(board.id, started, conditions, { hostable: true, verdict: 'hosts the agent (answered HELLO)', ...helloFeatures(target) }, run.measurements, o, helloMs, fit);
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
async function productFit(items: PlanItem[], fw?: FirmwareManifest): Promise<(r: ResultsFile) => ResultsFile> {
  if (!existsSync(WASM_PATH)) return (r) => r;   // a real board's own build: no agent.wasm here to measure
  const fp = await measureFootprints(items, WASM_PATH);
  const graph = fw?.code_graph ? JSON.parse(readFileSync(fw.code_graph, 'utf8')) as CodeGraph : undefined;
  return (r) => annotateFootprints(r, fp, graph && codeMap(graph, fp.executed));
}

function finish(board: string, started: Date, conditions: Conditions, capability: Capability, measurements: ResultsFile['measurements'], o: ProfileOptions, helloMs?: number, fit?: (r: ResultsFile) => ResultsFile): ProfileOutcome {
  const finished = new Date();
  let results: ResultsFile = {
    schema: RESULTS_SCHEMA, board, status: 'complete', started_at: started.toISOString(), finished_at: finished.toISOString(),
    duration_ms: finished.getTime() - started.getTime(), boot_to_hello_ms: helloMs, conditions, capability, measurements,
  };
  if (fit) results = fit(results);
  // Energy per op (modelled: time x supply voltage x run current) from the board's power model.
  const facts = boardFacts(board, loadCatalogue());
  if (facts?.power) {
    conditions.power_model = `energy_uj modelled (time x supply voltage x run current): ${facts.power_note ?? 'the board power model'}`;
    results = annotateEnergy(results, facts.power);
  }
  const file = o.out ?? resultsPath(board);
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
