// The device kernel registry, generated: every kernel declares itself once in its own source
// file (a `@kernel <name> <op,op>` tag on its exported entry function); the table HELLO
// announces and the dispatch are generated from those declarations and a selection.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CapmarkError } from '../errors.ts';
import { ROOT } from '../util/paths.ts';

export const KERNELS_DIR = join(ROOT, 'wasm', 'kernels');
/** The module the agent core imports the registry from; served by the build, never on disk. */
export const REGISTRY_MODULE = join(KERNELS_DIR, 'registry.ts');

export interface KernelDeclaration {
  /** Device kernel name, as HELLO announces it (e.g. "aes-gcm"). */
  name: string;
  /** Op names; an op's id on the wire is its position here. */
  ops: string[];
  /** Source file under wasm/kernels/, without ".ts". */
  file: string;
  /** The exported entry function: (op, input, inLen, output, outCap) -> status. */
  entry: string;
}

/** The baseline every agent carries at id 0: the profiler subtracts its cost from every op. */
export const BASELINE_KERNEL = 'null';

const NAME = /^[a-z0-9][a-z0-9-]*$/;
/** A doc comment directly followed by an exported function. */
const DOC_THEN_FUNCTION = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*export function (\w+)\s*\(/g;
const TAG = /@kernel\s+(\S+)\s+(\S+)/;

/** Declarations in one source text (exported for tests); `file` names it in errors. */
export function declarationsIn(source: string, file: string): KernelDeclaration[] {
  const out: KernelDeclaration[] = [];
  for (const m of source.matchAll(DOC_THEN_FUNCTION)) {
    if (!m[1].includes('@kernel')) continue;
    const tag = TAG.exec(m[1]);
    const where = `wasm/kernels/${file}.ts: @kernel on ${m[2]}`;
    if (!tag) throw new CapmarkError('BAD_KERNEL_DECLARATION', `${where}: write "@kernel <name> <op,op,...>"`);
    const ops = tag[2].split(',');
    if (!NAME.test(tag[1])) throw new CapmarkError('BAD_KERNEL_DECLARATION', `${where}: name "${tag[1]}" must be lower-case letters, digits and "-"`);
    const bad = ops.find((o) => !NAME.test(o));
    if (bad !== undefined) throw new CapmarkError('BAD_KERNEL_DECLARATION', `${where}: op "${bad}" must be lower-case letters, digits and "-"`);
    if (new Set(ops).size !== ops.length) throw new CapmarkError('BAD_KERNEL_DECLARATION', `${where}: an op is listed twice`);
    out.push({ name: tag[1], ops, file, entry: m[2] });
  }
  return out;
}

/** Every kernel declared under wasm/kernels/, in file-name order then source order. */
export function kernelDeclarations(dir = KERNELS_DIR): KernelDeclaration[] {
  const all = readdirSync(dir).filter((f) => f.endsWith('.ts') && join(dir, f) !== REGISTRY_MODULE).sort()
    .flatMap((f) => declarationsIn(readFileSync(join(dir, f), 'utf8'), f.slice(0, -3)));
  const seen = new Map<string, KernelDeclaration>();
  for (const d of all) {
    const other = seen.get(d.name);
    if (other) throw new CapmarkError('BAD_KERNEL_DECLARATION', `kernel "${d.name}" is declared twice: wasm/kernels/${other.file}.ts (${other.entry}) and wasm/kernels/${d.file}.ts (${d.entry})`);
    seen.set(d.name, d);
  }
  if (!seen.has(BASELINE_KERNEL)) throw new CapmarkError('BAD_KERNEL_DECLARATION', `no "${BASELINE_KERNEL}" kernel declared in wasm/kernels/ (the measurement baseline)`);
  return all;
}

/** The agent's kernels in wire-id order: the baseline first, then `names` (every declared
 *  kernel when undefined) in declaration order. */
export function selectKernels(all: KernelDeclaration[], names?: string[]): KernelDeclaration[] {
  const unknown = (names ?? []).filter((n) => !all.some((d) => d.name === n));
  if (unknown.length) throw new CapmarkError('UNKNOWN_KERNEL', `no device kernel ${unknown.map((n) => `"${n}"`).join(', ')} declared in wasm/kernels/ (declared: ${all.map((d) => d.name).join(', ')})`);
  const wanted = (d: KernelDeclaration) => names === undefined || names.includes(d.name);
  return [...all.filter((d) => d.name === BASELINE_KERNEL), ...all.filter((d) => d.name !== BASELINE_KERNEL && wanted(d))];
}

/** Input and output buffers of the full agent: a 16 KiB message plus keys, nonces and headers;
 *  the largest output (an ML-DSA-87 signature, 4627 B) with room. */
export const FULL_IO = { input_bytes: 20 * 1024, output_bytes: 8 * 1024, max_frame: 2048 };

/** The AssemblyScript registry module for `kernels`: TABLE ("name:op,op;..." — position =
 *  wire id, one literal so it lives in static data), runKernel's dispatch, HAS_<NAME> for each
 *  of `all` declared kernels (a compile-time constant: shared code can leave out what the agent
 *  lacks), the sizes of the agent's input and output buffers (wasm/core/io.ts) and its largest
 *  frame (wasm/core/frame.ts). */
export function registrySource(kernels: KernelDeclaration[], io = FULL_IO, all: KernelDeclaration[] = kernels): string {
  const files = [...new Set(kernels.map((k) => k.file))];
  const alias = (file: string) => `k_${file.replace(/[^A-Za-z0-9]/g, '_')}`;
  const table = kernels.map((k) => `${k.name}:${k.ops.join(',')}`).join(';');
  return [
    '// Generated by profiler/build/registry.ts from the @kernel declarations in wasm/kernels/: do not edit.',
    'import { STATUS_UNKNOWN_OP } from "./status";',
    ...files.map((f) => `import * as ${alias(f)} from "./${f}";`),
    '',
    `export const TABLE = "${table}";`,
    `export const TABLE_BYTES: i32 = ${table.length};`,
    ...all.map((k) => `export const HAS_${k.name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}: bool = ${kernels.includes(k)};`),
    `export const IN_BYTES: i32 = ${io.input_bytes};`,
    `export const OUT_BYTES: i32 = ${io.output_bytes};`,
    `export const MAX_FRAME_BYTES: i32 = ${io.max_frame};`,
    '',
    'export function runKernel(id: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {',
    '  switch (id) {',
    ...kernels.map((k, id) => `    case ${id}: return ${alias(k.file)}.${k.entry}(op, input, inLen, output, outCap); // ${k.name}`),
    '  }',
    '  return STATUS_UNKNOWN_OP;',
    '}',
    '',
  ].join('\n');
}

const cIdent = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** capmark_kernels.h for C callers of capmark_run() (agent/contract/capmark.h): the wire id of
 *  each of the agent's kernels and the id of each op, from the same selection as the table. */
export function kernelsHeader(kernels: KernelDeclaration[], agentName: string): string {
  return [
    `/* Generated by profiler/build/registry.ts for the ${agentName} agent: kernel and op ids for`,
    ' * capmark_run() (agent/contract/capmark.h). Inputs and outputs: the kernel sources (wasm/kernels/). */',
    '#ifndef CAPMARK_KERNELS_H',
    '#define CAPMARK_KERNELS_H',
    ...kernels.flatMap((k, id) => [
      `#define CAPMARK_KERNEL_${cIdent(k.name)} ${id}u  /* wasm/kernels/${k.file}.ts ${k.entry} */`,
      ...k.ops.map((op, i) => `#define CAPMARK_OP_${cIdent(k.name)}_${cIdent(op)} ${i}u`),
    ]),
    '#endif',
    '',
  ].join('\n');
}
