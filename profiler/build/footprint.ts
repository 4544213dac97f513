// Flash attribution of a firmware ELF: which code bytes each WebAssembly function owns once gcc
// has inlined it (DWARF line tables: objdump --inlines), which C functions and constant data
// it reaches, and the call closure of an op. Written next to the ELF as <board>.code.json.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Arch } from './cores.ts';
import { tool } from './toolchain.ts';

/** A unit of flash: a WebAssembly function (by its name-section name), a C function of the
 *  runtime or libc (by symbol), or a data segment of the module ("data[i]@address"). */
export interface Unit { bytes: number; kind: 'code' | 'const' }

export interface CodeGraph {
  elf: string;
  units: Record<string, Unit>;
  /** Calls (bl/b.w; RISC-V jal/j), inlining (an inlined copy counts for its callee) and constant references. */
  edges: Record<string, string[]>;
  /** Code every product that hosts the module needs once: instantiation, traps, memory helpers. */
  runtime: string[];
  /** How the figures were obtained, in one sentence for results files. */
  method: string;
}

const METHOD = 'instruction bytes attributed to the WebAssembly function they were compiled from (DWARF line '
  + 'tables, gcc inlining included: objdump --inlines), closed over calls and inlining from the functions '
  + 'the op executed (its kernel entry counts only its own dispatch code), plus the module data segments '
  + 'those functions address';

/** wasm2c's C name for a name-section name: w2c_ + the name with every other character as "_". */
const cName = (wasmName: string) => `w2c_${wasmName.replace(/[^A-Za-z0-9_]/g, '_')}`;

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
/** Direct calls and jumps whose target objdump names: Thumb b/bl, RISC-V jal/j (tail calls). */
const CALLS = /^(b|bl|blx|b\.w|b\.n|jal|j)$/;
const baseName = (sym: string) => sym.replace(/\.(part|isra|constprop|cold|lto_priv)\.\d+/g, '');

/** Bytes per owning C function and the edges between them, from the ELF's disassembly. */
export function elfCode(elf: string, arch: Arch): { bytes: Map<string, number>; edges: Map<string, Set<string>> } {
  // Function extents from the symbol table: .rodata is linked into .text and disassembles as data.
  const extent = new Map<number, number>();
  for (const m of run(tool('nm', arch), ['-S', elf]).matchAll(/^([0-9a-f]+) ([0-9a-f]+) [tTwW] /gm)) extent.set(parseInt(m[1], 16), parseInt(m[2], 16));
  const bytes = new Map<string, number>();
  const edges = new Map<string, Set<string>>();
  const edge = (from: string, to: string) => { if (from !== to) (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to); };
  let symbol = '', end = 0, inner = '', outer: string[] = [];
  let collected: string[] = [], sawLine = false;
  for (const line of run(tool('objdump', arch), ['-d', '-l', '--inlines', elf]).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^([0-9a-f]{8}) <(.+)>:$/.exec(line))) {
      const start = parseInt(m[1], 16);
      symbol = extent.has(start) ? baseName(m[2]) : '';
      end = start + (extent.get(start) ?? 0);
      inner = symbol; outer = []; collected = [];
      continue;
    }
    if ((m = /^(\S+)\(\):$/.exec(line))) { inner = baseName(m[1]); sawLine = true; continue; }
    if ((m = /^inlined by .* \((\S+)\)$/.exec(line))) { collected.push(baseName(m[1])); continue; }
    if (/^\S+:\d+/.test(line)) { sawLine = true; continue; }
    if (!symbol || !(m = /^\s*([0-9a-f]+):\t([0-9a-f ]+?)\s*\t(\S+)\s*(.*)$/.exec(line)) || parseInt(m[1], 16) >= end) continue;
    if (collected.length) outer = collected; else if (sawLine) outer = [];
    collected = []; sawLine = false;
    // The owner is the innermost WebAssembly function of the inline chain; C helpers inlined into
    // it (i32_load, memory checks) belong to it; code with no agent function in its chain to the symbol.
    const chain = [inner, ...outer].filter((n) => n.startsWith('w2c_'));
    const owner = chain[0] ?? symbol;
    bytes.set(owner, (bytes.get(owner) ?? 0) + m[2].replace(/ /g, '').length / 2);
    for (let i = chain.length - 1; i > 0; i--) edge(chain[i], chain[i - 1]);
    if (chain.length) edge(symbol, chain[chain.length - 1]);
    const target = CALLS.test(m[3]) ? /<([^>+]+)(\+0x[0-9a-f]+)?>/.exec(m[4]) : null;
    if (target && baseName(target[1]) !== symbol) edge(owner, baseName(target[1]));
  }
  return { bytes, edges };
}

interface WasmModuleInfo {
  functions: string[];
  calls: Map<string, Set<string>>;
  /** Data segments each function addresses (i32.const or a memory-access offset inside one). */
  constRefs: Map<string, Set<number>>;
  segments: { start: number; bytes: number }[];
}

/** Functions, calls and data-segment references of the module, from wasm-objdump. */
export function wasmInfo(wasm: string): WasmModuleInfo {
  const segments = [...run(tool('wasmObjdump'), ['-x', '-j', 'Data', wasm]).matchAll(/segment\[\d+\] memory=0 size=(\d+) - init i32=(\d+)/g)]
    .map((m) => ({ start: Number(m[2]), bytes: Number(m[1]) }));
  const segmentAt = (addr: number) => segments.findIndex((s) => addr >= s.start && addr < s.start + s.bytes);
  const functions: string[] = [];
  const calls = new Map<string, Set<string>>();
  const constRefs = new Map<string, Set<number>>();
  let fn = '';
  for (const line of run(tool('wasmObjdump'), ['-d', wasm]).split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /^[0-9a-f]+ func\[\d+\] <(.+)>:$/.exec(line))) { fn = m[1]; functions.push(fn); calls.set(fn, new Set()); constRefs.set(fn, new Set()); continue; }
    if (!fn) continue;
    if ((m = /\| +call \d+ <(.+)>$/.exec(line))) { calls.get(fn)!.add(m[1]); continue; }
    // asc places static data at 1024 and up (DESIGN.md), so a smaller offset is a struct field.
    const addr = (m = /\| +i32\.const (\d+)$/.exec(line)) ? Number(m[1])
      : (m = /\| +[if](32|64)\.(load|store)\S* \d+ (\d+)$/.exec(line)) ? Number(m[3]) : -1;
    if (addr >= 1024) { const i = segmentAt(addr); if (i >= 0) constRefs.get(fn)!.add(i); }
  }
  return { functions, calls, constRefs, segments };
}

const segmentUnit = (i: number, start: number) => `data[${i}]@${start}`;

/** Roots of the code every product needs once: wasm2c's instantiation and the trap path. */
const RUNTIME_ROOTS = ['Z_agent_instantiate', 'Z_agent_init_module', 'wasm_rt_init', 'wasm_rt_trap'];

/** The flash graph of one firmware: units named by their WebAssembly (or C) names. */
export function codeGraph(elf: string, arch: Arch, wasm: string): CodeGraph {
  const code = elfCode(elf, arch);
  const mod = wasmInfo(wasm);
  const wasmOf = new Map(mod.functions.map((f) => [cName(f), f]));
  const name = (c: string) => wasmOf.get(c) ?? c;
  const units: Record<string, Unit> = {};
  const edges: Record<string, string[]> = {};
  for (const [c, n] of code.bytes) units[name(c)] = { bytes: n, kind: 'code' };
  for (const [from, tos] of code.edges) edges[name(from)] = [...tos].map(name);
  mod.segments.forEach((s, i) => { units[segmentUnit(i, s.start)] = { bytes: s.bytes, kind: 'const' }; });
  for (const [fn, refs] of mod.constRefs) {
    if (!refs.size) continue;
    edges[fn] = [...(edges[fn] ?? []), ...[...refs].map((i) => segmentUnit(i, mod.segments[i].start))];
  }
  const graph: CodeGraph = { elf, units, edges, runtime: [], method: METHOD };
  graph.runtime = [...reach(graph, RUNTIME_ROOTS.filter((r) => units[r]))].filter((u) => units[u].kind === 'code');
  return graph;
}

/** Units reachable from `roots`; `dispatchers` count their own bytes but are not followed
 *  (a kernel's run(op) reaches every op of the kernel; only what the op executed is its code). */
export function reach(g: CodeGraph, roots: string[], dispatchers: Set<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const todo = roots.filter((r) => g.units[r]);
  while (todo.length) {
    const u = todo.pop()!;
    if (seen.has(u)) continue;
    seen.add(u);
    if (!dispatchers.has(u)) for (const v of g.edges[u] ?? []) if (g.units[v] && !seen.has(v)) todo.push(v);
  }
  return seen;
}

/** Builds the graph of `elf` and writes it to `file` (the build calls this after linking). */
export function writeCodeGraph(elf: string, arch: Arch, wasm: string, file: string): string {
  writeFileSync(file, JSON.stringify(codeGraph(elf, arch, wasm)));
  return file;
}
