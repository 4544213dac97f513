// Flash attribution of the firmware ELF and working sets per op: every function byte goes to one
// unit, an op reaches its own code (not its neighbours'), and heap/buffers come from the agent.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildAll, elfCode, WASM_PATH, type CodeGraph, type FirmwareManifest } from '../../profiler/build/index.ts';
import { tool } from '../../profiler/build/toolchain.ts';
import { createRng, KERNELS } from '../../profiler/kernels/index.ts';
import type { PlanItem } from '../../profiler/profile/plan.ts';
import { annotateFootprints, codeMap, measureFootprints, type Footprints } from '../../profiler/profile/working-set.ts';
import { RESULTS_SCHEMA, type ResultsFile } from '../../profiler/results/types.ts';

const items = (ids: string[]): PlanItem[] => KERNELS.filter((k) => ids.includes(k.id)).flatMap((spec) => spec.ops.flatMap((op) =>
  op.params.map((param) => ({ spec, op, param, kernelId: 0, opId: 0,
    cases: Array.from({ length: op.cases ?? 1 }, (_, i) => op.makeCase(param, createRng(`${spec.id}/${op.op}/${param}/${i}`))) }))));

let fw: FirmwareManifest;
let graph: CodeGraph;
let fp: Footprints;
beforeAll(async () => {
  fw = (await buildAll([boardById('mps2-an386', loadBoards())])).firmware.get('mps2-an386')!;
  graph = JSON.parse(readFileSync(fw.code_graph!, 'utf8'));
  fp = await measureFootprints(items(['lms-sha256-h10-w4', 'sha256', 'chacha20-poly1305']), WASM_PATH);
}, 600_000);

describe('flash graph of the ELF', () => {
  it.each([['mps2-an386', 'arm'], ['riscv-virt-rv32imc', 'riscv32']] as const)('attributes every byte of every function symbol of %s to exactly one unit', async (id, arch) => {
    const elf = id === 'mps2-an386' ? fw.elf! : (await buildAll([boardById(id, loadBoards())])).firmware.get(id)!.elf!;
    // FUNC symbols only (constant tables also live in .text), one size per address: aliases
    // (memcpy, __aeabi_memcpy4, ...) share their code; Thumb addresses carry bit 0.
    const symbols = execFileSync(tool('nm', arch).replace(/nm$/, 'readelf'), ['-sW', elf], { encoding: 'utf8' });
    const sizes = new Map([...symbols.matchAll(/^\s*\d+: ([0-9a-f]+)\s+(\d+) FUNC /gm)].map((m) => [parseInt(m[1], 16) & ~1, Number(m[2])]));
    const functionBytes = [...sizes.values()].reduce((a, b) => a + b, 0);
    const attributed = [...elfCode(elf, arch).bytes.values()].reduce((a, b) => a + b, 0);
    expect(attributed).toBe(functionBytes);
  }, 600_000);
  it('names units after the WebAssembly functions the code was compiled from, inlined copies included', () => {
    expect(graph.units['wasm/kernels/lms/lmsVerify'].bytes).toBeGreaterThan(500);
    expect(graph.units['wasm/kernels/sha256/compress'].kind).toBe('code');
    expect(Object.keys(graph.units).some((u) => u.startsWith('data['))).toBe(true);
    expect(graph.runtime).toContain('Z_agent_instantiate');
  });
});

describe('an op\'s code and working set', () => {
  it('reaches its own code and shared library code, not the other ops of the agent', () => {
    const map = codeMap(graph, fp.executed);
    const names = (op: string) => map.ops[op].map((i) => map.units[i].name);
    expect(names('lms-sha256-h10-w4/verify')).toEqual(expect.arrayContaining(['wasm/kernels/lms/lmsVerify', 'wasm/kernels/sha256/compress']));
    expect(names('lms-sha256-h10-w4/verify').some((n) => /mldsa|chacha|ecc|keccak/.test(n))).toBe(false);
    expect(names('chacha20-poly1305/encrypt').some((n) => /lms|sha256/.test(n))).toBe(false);
    // SHA-256's round constants are a data segment both SHA-256 users reach, once each.
    const k = names('sha256/hash').filter((n) => n.startsWith('data['));
    expect(k.length).toBeGreaterThan(0);
    expect(names('lms-sha256-h10-w4/verify')).toEqual(expect.arrayContaining(k));
  });
  it('records heap, buffers and working set = stack + heap + input + output', () => {
    const lms = fp.items.get('lms-sha256-h10-w4/verify/0')!;
    const spec = KERNELS.find((x) => x.id === 'lms-sha256-h10-w4')!;
    expect(lms.heap_bytes).toBeGreaterThan(0);
    expect(lms.heap_bytes).toBeLessThanOrEqual(spec.ops[0].heapBytes!);      // the registry's declared bound
    expect(lms.input_bytes).toBe(items(['lms-sha256-h10-w4'])[0].cases[0].input.length);
    const r: ResultsFile = { schema: RESULTS_SCHEMA, board: 'x', status: 'complete', started_at: '', finished_at: '', duration_ms: 0,
      conditions: { transport: 'qemu', clock_hz: 1, host: 'test' }, capability: { hostable: true, verdict: '' },
      measurements: [{ kernel: 'lms-sha256-h10-w4', device_kernel: 'lms', op: 'verify', param_name: 'none', param: 0, iterations: 1,
        status: 'ok', output_verified: true, stack_bytes: 700, output_bytes: 1 }] };
    const m = annotateFootprints(r, fp, codeMap(graph, fp.executed)).measurements[0];
    expect(m.working_set_bytes).toBe(700 + lms.heap_bytes + lms.input_bytes + 1);
    expect(m.code_bytes).toBeGreaterThan(graph.units['wasm/kernels/lms/lmsVerify'].bytes);
    expect(m.const_bytes).toBeGreaterThan(0);
  });
});
