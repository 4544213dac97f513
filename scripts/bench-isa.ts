// What a smaller instruction set costs the same source (a script, not a test): ARMv6-M (M0) vs
// ARMv7-M (M3) and RV32EC vs RV32IMC. Part 1 counts, in each firmware ELF, the calls gcc emits
// to its run-time helpers (64-bit multiply, divide, copies) per wasm/ source file; part 2 gives
// exact instructions per kernel op on both boards of a pair and their ratio.
// Run: npx tsx scripts/bench-isa.ts [--profile]
//   reads build/bench/<board>.json (or results/<board>.json); --profile runs full profiles of the
//   boards that have neither (the M0 and RV32EC take the longest).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { boardById } from '../profiler/boards/index.ts';
import { buildAll, coreOf } from '../profiler/build/index.ts';
import { tool } from '../profiler/build/toolchain.ts';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import { readResults } from '../profiler/results/store.ts';
import type { ResultsFile } from '../profiler/results/types.ts';
import { BUILD, RESULTS, ROOT } from '../profiler/util/paths.ts';

const PAIRS: [small: string, big: string][] = [['microbit-profiling', 'mps2-an385'], ['riscv-virt-rv32ec', 'riscv-virt-rv32imc']];
const profileMissing = process.argv.includes('--profile');

/** wasm/ sources, longest prefix first, as wasm2c names their functions (w2c_wasm_kernels_sha256_...). */
function wasmSources(dir = 'wasm'): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? wasmSources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name.slice(0, -3)}`] : []);
}
const prefixes = wasmSources().map((src) => ({ src, prefix: `w2c_${src.replace(/[^A-Za-z0-9]/g, '_')}_` }))
  .sort((a, b) => b.prefix.length - a.prefix.length);

/** Calls to `__helper` per wasm source file, from the ELF's disassembly. */
function helperCalls(board: string): Map<string, Map<string, number>> {
  const text = execFileSync(tool('objdump', coreOf(boardById(board)).arch), ['-d', join(BUILD, 'fw', `${board}.elf`)], { encoding: 'utf8', maxBuffer: 512 << 20 });
  const bySource = new Map<string, Map<string, number>>();
  let source = 'firmware (C)';
  for (const line of text.split('\n')) {
    const fn = line.match(/^[0-9a-f]+ <([^>]+)>:$/);
    if (fn) { source = prefixes.find((p) => fn[1].startsWith(p.prefix))?.src ?? 'firmware (C)'; continue; }
    const call = line.match(/\t(?:bl|jal|call)\s+(?:ra,)?[0-9a-f]+ <(__[a-z_0-9]+)>/);
    if (!call) continue;
    const m = bySource.get(source) ?? new Map<string, number>();
    m.set(call[1], (m.get(call[1]) ?? 0) + 1);
    bySource.set(source, m);
  }
  return bySource;
}

async function results(board: string): Promise<ResultsFile | undefined> {
  for (const f of [join(BUILD, 'bench', `${board}.json`), join(RESULTS, `${board}.json`)]) if (existsSync(f)) return readResults(f);
  if (!profileMissing) return undefined;
  console.error(`profiling ${board} (every kernel)`);
  return (await profileVirtualBoard(board, { iterations: 1, warmup: 0, out: join(BUILD, 'bench', `${board}.json`) })).results;
}

await buildAll(PAIRS.flat().map((id) => boardById(id)));
console.log(`capmark: the cost of a smaller instruction set, same source, ${new Date().toISOString()}`);

for (const [small, big] of PAIRS) {
  console.log(`\n## ${small} (${boardById(small).core}) vs ${big} (${boardById(big).core})\n`);
  console.log(`Run-time helper calls gcc emitted (static call sites in the firmware ELF, per wasm/ source):\n`);
  for (const board of [small, big]) {
    const calls = helperCalls(board);
    const helpers = [...new Set([...calls.values()].flatMap((m) => [...m.keys()]))].sort();
    console.log(`${board}: ${helpers.length ? '' : 'none'}`);
    if (!helpers.length) continue;
    console.log(`| source | ${helpers.join(' | ')} |`);
    console.log(`|---|${helpers.map(() => '---:').join('|')}|`);
    for (const [src, m] of [...calls].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`| ${src} | ${helpers.map((h) => m.get(h) ?? '').join(' | ')} |`);
    }
    console.log('');
  }
  const [rs, rb] = [await results(small), await results(big)];
  if (!rs || !rb) { console.log(`(no results for ${!rs ? small : big}: run with --profile)`); continue; }
  console.log(`Exact instructions per op (QEMU counting plugin, baseline subtracted; mean over cases; messages at their largest size):\n`);
  console.log(`| kernel | op | param | ${big} | ${small} | ratio |`);
  console.log('|---|---|---:|---:|---:|---:|');
  const largest = new Map<string, number>();
  for (const m of rs.measurements) if (m.param_name === 'msg_bytes') largest.set(`${m.kernel} ${m.op}`, Math.max(m.param, largest.get(`${m.kernel} ${m.op}`) ?? 0));
  for (const m of rs.measurements) {
    if (m.kernel === 'null' || m.status !== 'ok' || !m.instructions || m.variant) continue;
    if (m.param_name === 'msg_bytes' && m.param !== largest.get(`${m.kernel} ${m.op}`)) continue;
    const o = rb.measurements.find((x) => x.kernel === m.kernel && x.op === m.op && x.param === m.param && !x.variant && x.status === 'ok');
    if (!o?.instructions) continue;
    const a = o.instructions.mean ?? o.instructions.median, b = m.instructions.mean ?? m.instructions.median;
    console.log(`| ${m.kernel} | ${m.op} | ${m.param} | ${Math.round(a)} | ${Math.round(b)} | ${(b / a).toFixed(2)} |`);
  }
}
