// Does gcc's auto-vectorisation for Helium (MVE) change any kernel on the Cortex-M55? (A script,
// not a test.) Builds the mps3-an547 firmware twice from the same source, as the board file says
// (-mfloat-abi=soft: no FP/MVE registers) and with MVE allowed (-mfloat-abi=softfp), profiles
// both on every kernel and prints the ops whose exact instruction counts differ; then asks gcc
// itself which loops and blocks of the agent it vectorised at -O2 and -O3.
// Run: npx tsx scripts/bench-mve.ts
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boardById } from '../profiler/boards/index.ts';
import { buildAll } from '../profiler/build/index.ts';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import type { ResultsFile } from '../profiler/results/types.ts';
import { BUILD } from '../profiler/util/paths.ts';

const base = boardById('mps3-an547');
const mve = { ...base, id: 'mps3-an547-mve', cflags: ['-mfloat-abi=softfp'] };
const run = async (board: typeof base) =>
  (await profileVirtualBoard(board, { iterations: 1, warmup: 0, out: join(BUILD, 'bench', `${board.id}.json`) })).results;

const key = (m: ResultsFile['measurements'][number]) => `${m.kernel} ${m.op} ${m.param}${m.variant ? ` (${m.variant})` : ''}`;
const [scalar, vector] = [await run(base), await run(mve)];
const fw = (await buildAll([base, mve])).firmware;

console.log(`capmark: MVE (Helium) auto-vectorisation on the Cortex-M55, ${new Date().toISOString()}`);
console.log(`QEMU ${scalar.conditions.qemu_version} ${scalar.conditions.qemu_machine}; ${scalar.conditions.compiler}; -O2`);
console.log(`code: scalar ${fw.get(base.id)!.text_bytes} B, MVE allowed ${fw.get(mve.id)!.text_bytes} B (.text)`);
let same = 0;
const differ: string[] = [];
const changes: number[] = [];
for (const m of scalar.measurements) {
  const v = vector.measurements.find((x) => key(x) === key(m));
  if (!m.instructions || !v?.instructions) continue;
  const a = m.instructions.mean ?? m.instructions.median, b = v.instructions.mean ?? v.instructions.median;
  if (a === b) { same++; continue; }
  changes.push((b - a) / a);
  differ.push(`| ${key(m)} | ${a} | ${b} | ${(((b - a) / a) * 100).toFixed(2)}% |`);
}
const bad = [...scalar.measurements, ...vector.measurements].filter((m) => m.status === 'failed' || (m.status === 'ok' && !m.output_verified)).length;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
changes.sort((x, y) => x - y);
console.log(`${same} ops with identical instruction counts; ${differ.length} differ; ${bad} failed or unverified`);
if (changes.length) console.log(`change with MVE allowed: min ${pct(changes[0])}, median ${pct(changes[changes.length >> 1])}, max ${pct(changes[changes.length - 1])} (randomised signing varies with its data)`);
if (differ.length) console.log(['| op | -mfloat-abi=soft | softfp (MVE) | change |', '|---|---:|---:|---:|', ...differ].join('\n'));

// gcc's own account: which blocks and loops of the wasm2c output it vectorised for MVE, and in
// which C functions (the nearest function definition above each reported line).
const agentC = join(BUILD, 'wasm2c', 'agent-mask.c');
const lines = readFileSync(agentC, 'utf8').split('\n');
const functionAt = (n: number) => { while (n > 0 && !/^\S.*\(.*\) \{$/.test(lines[n - 1])) n--; return lines[n - 1]?.match(/(\w+)\(/)?.[1] ?? '?'; };
const flags = fw.get(mve.id)!.cflags.split(' ').filter((f) => f !== '-O2');
for (const opt of ['-O2', '-O3']) {
  const gcc = spawnSync('arm-none-eabi-gcc', [...flags, opt, '-fopt-info-vec-optimized', '-c', agentC, '-o', '/dev/null'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const hits = gcc.stderr.split('\n').filter((l) => l.includes('optimized:'));
  const where = [...new Set(hits.map((l) => functionAt(Number(l.split(':')[1]))))];
  console.log(`gcc ${opt}: ${hits.filter((l) => l.includes('loop vectorized')).length} loops, ${hits.filter((l) => l.includes('basic block')).length} basic blocks vectorised${where.length ? ` (in ${where.join(', ')})` : ''}`);
}
