// Product fit of each measured op: its kernel heap high-water and buffer sizes, from running the
// plan's own cases on the same agent.wasm in Node (the `heap_used` export; the bump heap is the
// same on every host), and the flash it reaches, from the functions it executed and the
// firmware's flash graph (build/footprint.ts). Filled into the results before they are written.
import { readFileSync } from 'node:fs';
import { randomFillSync } from 'node:crypto';
import { reach, type CodeGraph } from '../build/index.ts';
import { parseKernelTable } from '../protocol/messages.ts';
import { nodeBoardImports } from '../transport/inprocess.ts';
import type { CodeMap, ResultsFile } from '../results/types.ts';
import type { PlanItem } from './plan.ts';

export interface ItemFootprint { heap_bytes: number; input_bytes: number; output_bytes: number }

export interface Footprints {
  /** By `${kernel}/${op}/${param}`: the largest heap and buffers over the item's cases. */
  items: Map<string, ItemFootprint>;
  /** By `${kernel}/${op}`: the WebAssembly functions the op executed, over all its sizes. */
  executed: Map<string, Set<string>>;
}

export const itemKey = (kernel: string, op: string, param: number) => `${kernel}/${op}/${param}`;

/** heap_used() counts the empty block its own probe allocates (stub allocator, 16-byte blocks). */
const PROBE_BLOCK = 16;

/** The agent in Node; with `hit`, every function entry reports its index first. */
async function instance(module: WebAssembly.Module, hit?: (i: number) => void) {
  let memory!: WebAssembly.Memory;
  const board = nodeBoardImports(() => memory, () => {}, { random: (o) => randomFillSync(o) });
  const inst = await WebAssembly.instantiate(module, { board, ...(hit ? { capmark: { hit } } : {}) });
  const e = inst.exports as Record<string, any>;
  memory = e.memory;
  e.agent_init();
  const ptr = e.kernel_table();
  const table = parseKernelTable(Buffer.from(memory.buffer, ptr, new DataView(memory.buffer).getUint32(ptr - 4, true)).toString('utf16le'));
  /** Runs one op on `input`; undefined when the kernel or op is missing, the input does not
   *  fit the agent's buffer (the board skipped it too) or the kernel traps. */
  const run = (device: string, op: string, input: Uint8Array): number | undefined => {
    const k = table.findIndex((t) => t.name === device);
    const o = k < 0 ? -1 : table[k].ops.indexOf(op);
    if (o < 0 || input.length > e.io_input_cap()) return undefined;
    new Uint8Array(memory.buffer, e.io_input(), input.length).set(input);
    try { return e.kernel_run(k, o, input.length); } catch { return undefined; }
  };
  return { run, heapUsed: () => Number(e.heap_used()) - PROBE_BLOCK };
}

/** The module with a call to capmark.hit(function index) at the top of every function, and the
 *  name-section name of each index (binaryen, which asc brings, rewrites it). */
async function instrumented(wasm: Uint8Array): Promise<{ module: WebAssembly.Module; names: string[] }> {
  const { default: binaryen } = await import('binaryen');
  const mod = binaryen.readBinary(wasm);
  try {
    mod.setFeatures(binaryen.Features.All);
    mod.addFunctionImport('__capmark_hit', 'capmark', 'hit', binaryen.i32, binaryen.none);
    const names: string[] = [];
    for (let i = 0; i < mod.getNumFunctions(); i++) {
      const f = mod.getFunctionByIndex(i);
      const info = binaryen.getFunctionInfo(f);
      names.push(info.name);
      if (info.module) continue;   // an import has no body
      const probe = mod.call('__capmark_hit', [mod.i32.const(i)], binaryen.none);
      // binaryen.js has Function.setBody at run time; its typings omit it.
      (binaryen as unknown as { Function: { setBody(f: number, e: number): void } }).Function.setBody(f, mod.block(null, [probe, info.body], info.results));
    }
    if (!mod.validate()) throw new Error('instrumented agent.wasm does not validate');
    return { module: new WebAssembly.Module(mod.emitBinary() as Uint8Array<ArrayBuffer>), names };
  } finally { mod.dispose(); }
}

/** Heap, buffers and executed functions of every item of the plan, from its own cases. */
export async function measureFootprints(items: PlanItem[], wasmPath: string): Promise<Footprints> {
  const bytes = readFileSync(wasmPath);
  const plain = new WebAssembly.Module(bytes);
  const probe = await instrumented(bytes);
  const out: Footprints = { items: new Map(), executed: new Map() };
  for (const item of items) {
    if (item.skip || item.spec.kind === 'baseline') continue;
    // A fresh agent per item: the device secret is readable once per boot, as on a board.
    const agent = await instance(plain);
    const hits = new Set<number>();
    const traced = await instance(probe.module, (i) => hits.add(i));
    const fp: ItemFootprint = { heap_bytes: 0, input_bytes: 0, output_bytes: 0 };
    let ran = false;
    for (const c of item.cases) {
      const status = agent.run(item.spec.device, item.op.op, c.input);
      if (status === undefined) continue;
      traced.run(item.spec.device, item.op.op, c.input);
      ran = true;
      fp.heap_bytes = Math.max(fp.heap_bytes, agent.heapUsed());
      fp.input_bytes = Math.max(fp.input_bytes, c.input.length);
      fp.output_bytes = Math.max(fp.output_bytes, Math.max(status, 0));
    }
    if (!ran) continue;
    out.items.set(itemKey(item.spec.id, item.op.op, item.param), fp);
    const key = `${item.spec.id}/${item.op.op}`;
    const executed = out.executed.get(key) ?? out.executed.set(key, new Set()).get(key)!;
    for (const i of hits) executed.add(probe.names[i]);
  }
  return out;
}

/** The agent's own dispatch (kernel table, host exports) is not product code. */
const AGENT_DISPATCH = /^wasm\/agent\/|^wasm\/kernels\/index\/runKernel$/;
/** Kernel entries dispatch on the op (wasm/kernels/index.ts: a kernel exports run(op, ...));
 *  by that convention functions named run or run<Name> count their own code only. */
const KERNEL_ENTRY = /^wasm\/kernels\/[^/]+\/run([A-Z]\w*)?$/;

/** Each op's units (code it reaches, constants it addresses) and the runtime, as a results code map. */
export function codeMap(g: CodeGraph, executed: Map<string, Set<string>>): CodeMap {
  const names: string[] = [];
  const index = new Map<string, number>();
  const ids = (units: Iterable<string>) => [...units].map((u) => index.get(u) ?? (names.push(u), index.set(u, names.length - 1).get(u)!)).sort((a, b) => a - b);
  const ops: Record<string, number[]> = {};
  for (const [op, fns] of executed) {
    const roots = [...fns].filter((f) => !AGENT_DISPATCH.test(f));
    ops[op] = ids(reach(g, roots, new Set(roots.filter((f) => KERNEL_ENTRY.test(f)))));
  }
  const runtime = ids(g.runtime);
  return { source: `${g.elf}: ${g.method}`, units: names.map((name) => ({ name, ...g.units[name] })), ops, runtime };
}

/** A copy of `r` with working sets (stack + heap + input + output) and, with a code map, each op's
 *  code and constant bytes on every measurement the footprints cover. */
export function annotateFootprints(r: ResultsFile, fp: Footprints, map?: CodeMap): ResultsFile {
  const size = (op: string) => {
    const units = map?.ops[op];
    if (!units) return {};
    let code_bytes = 0, const_bytes = 0;
    for (const i of units) { const u = map!.units[i]; if (u.kind === 'code') code_bytes += u.bytes; else const_bytes += u.bytes; }
    return { code_bytes, const_bytes };
  };
  return {
    ...r,
    ...(map ? { code_map: map } : {}),
    measurements: r.measurements.map((m) => {
      const f = fp.items.get(itemKey(m.kernel, m.op, m.param));
      if (!f || m.status !== 'ok') return m;
      const output = m.output_bytes ?? f.output_bytes;
      const working = m.stack_bytes === undefined ? undefined : m.stack_bytes + f.heap_bytes + f.input_bytes + output;
      return { ...m, heap_bytes: f.heap_bytes, input_bytes: f.input_bytes, output_bytes: output,
        ...(working === undefined ? {} : { working_set_bytes: working }), ...size(`${m.kernel}/${m.op}`) };
    }),
  };
}

