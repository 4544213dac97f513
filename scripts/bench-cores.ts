// The headline operations on every core (a script, not a test): exact instructions and modelled
// cycles with their error band per op from one virtual board per core (the timing model,
// profiler/timing), the Cortex-M0+ and M23 predicted from the M0's instruction classes through
// their own timing tables, and published silicon cycle counts for the same core where they exist
// (sourced; cycles next to cycles, instructions never compared with cycles).
// Run: npx tsx scripts/bench-cores.ts [--profile]
//   reads build/bench/<board>.json (or results/<board>.json); --profile runs the boards that have
//   neither on the headline kernels only (iterations 1, warm-up 0: counts are exact anyway).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import { readResults } from '../profiler/results/store.ts';
import type { Measurement, ResultsFile } from '../profiler/results/types.ts';
import { modelCycles, type Band } from '../profiler/timing/index.ts';
import { BUILD, RESULTS } from '../profiler/util/paths.ts';

/** One board per core (the default board for the M4); `from` = core predicted from another's counts. */
const CORES: { core: string; board?: string; from?: string }[] = [
  { core: 'cortex-m0', board: 'microbit-profiling' }, { core: 'cortex-m0plus', from: 'cortex-m0' },
  { core: 'cortex-m23', from: 'cortex-m0' }, { core: 'cortex-m3', board: 'mps2-an385' },
  { core: 'cortex-m4', board: 'mps2-an386' }, { core: 'cortex-m7', board: 'mps2-an500' },
  { core: 'cortex-m33', board: 'mps2-an505' }, { core: 'cortex-m55', board: 'mps3-an547' },
  { core: 'rv32imc', board: 'riscv-virt-rv32imc' }, { core: 'rv32ec', board: 'riscv-virt-rv32ec' },
];

/** [label, kernel, op, param]; per-KiB rows use the 1024-byte message. */
const OPS: [string, string, string, number][] = [
  ['SHA-256 / KiB', 'sha256', 'hash', 1024],
  ['AES-128-GCM / KiB', 'aes-128-gcm', 'encrypt', 1024],
  ['ChaCha20-Poly1305 / KiB', 'chacha20-poly1305', 'encrypt', 1024],
  ['X25519', 'x25519', 'shared', 0],
  ['Ed25519 verify (32 B)', 'ed25519', 'verify', 32],
  ['P-256 sign', 'ecdsa-p256', 'sign', 0],
  ['P-256 verify', 'ecdsa-p256', 'verify', 0],
  ['ML-KEM-768 keygen', 'ml-kem-768', 'keygen', 0],
  ['ML-KEM-768 encaps', 'ml-kem-768', 'encaps', 0],
  ['ML-KEM-768 decaps', 'ml-kem-768', 'decaps', 0],
  ['ML-DSA-44 verify', 'ml-dsa-44', 'verify', 0],
  ['ML-DSA-44 sign (mean of 16)', 'ml-dsa-44', 'sign', 0],
  ['LMS verify (SHA-256, H10, W4)', 'lms-sha256-h10-w4', 'verify', 0],
];
const KERNELS = [...new Set(OPS.map((o) => o[1]))];

/** Published silicon cycle counts, per core and op: cycles, what was measured, where. */
const PUBLISHED: { core: string; op: string; cycles: number; what: string; source: string }[] = [
  { core: 'cortex-m0', op: 'X25519', cycles: 3_589_850, what: 'asm', source: 'Düll et al., High-speed Curve25519 on 8-, 16- and 32-bit microcontrollers, DCC 77 (2015)' },
  { core: 'cortex-m3', op: 'SHA-256 / KiB', cycles: 97 * 1024, what: 'portable C, 97 cpb', source: 'rweather/arduinolibs (DESIGN.md)' },
  { core: 'cortex-m4', op: 'X25519', cycles: 548_873, what: 'asm', source: 'Emill/X25519-Cortex-M4 (DESIGN.md)' },
  { core: 'cortex-m4', op: 'P-256 sign', cycles: 375_000, what: 'asm', source: 'Emill/P256-Cortex-M4 (DESIGN.md)' },
  { core: 'cortex-m4', op: 'P-256 verify', cycles: 976_000, what: 'asm', source: 'Emill/P256-Cortex-M4 (DESIGN.md)' },
  { core: 'cortex-m4', op: 'ML-KEM-768 keygen', cycles: 988_722, what: 'C (pqm4 clean)', source: 'pqm4 benchmarks.md' },
  { core: 'cortex-m4', op: 'ML-KEM-768 encaps', cycles: 1_138_225, what: 'C (pqm4 clean)', source: 'pqm4 benchmarks.md' },
  { core: 'cortex-m4', op: 'ML-KEM-768 decaps', cycles: 1_387_984, what: 'C (pqm4 clean)', source: 'pqm4 benchmarks.md' },
  { core: 'cortex-m4', op: 'ML-DSA-44 verify', cycles: 2_063_096, what: 'C (pqm4 clean)', source: 'pqm4 benchmarks.md' },
  { core: 'cortex-m4', op: 'ML-DSA-44 sign (mean of 16)', cycles: 7_925_955, what: 'C (pqm4 clean), mean', source: 'pqm4 benchmarks.md' },
];

const profileMissing = process.argv.includes('--profile');
const BENCH = join(BUILD, 'bench');

async function resultsFor(board: string): Promise<ResultsFile | undefined> {
  for (const f of [join(BENCH, `${board}.json`), join(RESULTS, `${board}.json`)]) if (existsSync(f)) return readResults(f);
  if (!profileMissing) return undefined;
  console.error(`profiling ${board} on ${KERNELS.join(', ')}`);
  return (await profileVirtualBoard(board, { kernels: KERNELS, iterations: 1, warmup: 0, out: join(BENCH, `${board}.json`) })).results;
}

const find = (r: ResultsFile, [, kernel, op, param]: (typeof OPS)[number]): Measurement | undefined =>
  r.measurements.find((m) => m.kernel === kernel && m.op === op && m.param === param && m.status === 'ok' && m.output_verified && !m.variant);
const mean = (s: { median: number; mean?: number }) => s.mean ?? s.median;
const short = (n: number | undefined) => n === undefined ? '-' : n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e4 ? `${(n / 1e3).toFixed(0)}k` : n.toFixed(0);

const byCore = new Map<string, ResultsFile>();
const missing: string[] = [];
for (const c of CORES.filter((c) => c.board)) {
  const r = await resultsFor(c.board!);
  if (r && r.capability.hostable) byCore.set(c.core, r); else missing.push(c.board!);
}

/** Instructions and modelled cycles with their band of one op on one core: measured, or
 *  predicted from another core's instruction classes through this core's table (the median
 *  run's classes, scaled to the mean instruction count for ops averaged over cases). */
function figures(c: (typeof CORES)[number], op: (typeof OPS)[number]): { instr?: number; cycles?: number; band?: Band } {
  const r = byCore.get(c.from ?? c.core);
  const m = r && find(r, op);
  if (!m?.instructions) return {};
  const instr = mean(m.instructions);
  if (!c.from) return m.cycles?.method === 'modelled' ? { instr, cycles: mean(m.cycles), band: m.cycles.band } : { instr };
  const p = m.instruction_classes && modelCycles(c.core, m.instruction_classes);
  return p ? { instr, cycles: (p.cycles * instr) / m.instructions.median, band: p.band } : { instr };
}
const banded = (f: { cycles?: number; band?: Band }) => f.band ? `${short(f.cycles)} (${f.band.low_pct}/+${f.band.high_pct}%)` : short(f.cycles);

const head = (c: (typeof CORES)[number]) => c.from ? `${c.core} (from ${c.from})` : c.core;
console.log(`capmark headline operations per core, ${new Date().toISOString()}`);
for (const [core, r] of byCore) {
  const k = r.conditions;
  console.log(`  ${core}: ${r.board}, QEMU ${k.qemu_version} ${k.qemu_machine}, ${k.compiler?.replace(/ \(.*\)/, '')}, ${k.cflags?.split(' ').slice(0, 3).join(' ')}, ${k.runtime}`);
}
if (missing.length) console.log(`  not measured (run with --profile, or capmark profile --board <id>): ${missing.join(', ')}`);

console.log('\nExact instructions per op (QEMU counting plugin, baseline subtracted; M0+/M23 run the M0 binary):\n');
console.log(`| op | ${CORES.map(head).join(' | ')} |`);
console.log(`|---|${CORES.map(() => '---:').join('|')}|`);
for (const op of OPS) console.log(`| ${op[0]} | ${CORES.map((c) => short(figures(c, op).instr)).join(' | ')} |`);

console.log('\nModelled cycles per op with their error band (instruction classes x the core\'s timing table, boards/timing/; M0+/M23 predicted from the M0\'s classes):\n');
console.log(`| op | ${CORES.map(head).join(' | ')} |`);
console.log(`|---|${CORES.map(() => '---:').join('|')}|`);
for (const op of OPS) console.log(`| ${op[0]} | ${CORES.map((c) => banded(figures(c, op))).join(' | ')} |`);

console.log('\nPublished silicon cycles for the same core (other implementations) next to our modelled cycles:\n');
console.log('| op | core | published cycles | implementation | capmark modelled cycles | ratio | source |');
console.log('|---|---|---:|---|---:|---:|---|');
for (const p of PUBLISHED) {
  const op = OPS.find((o) => o[0] === p.op)!;
  const ours = figures(CORES.find((c) => c.core === p.core)!, op).cycles;
  console.log(`| ${p.op} | ${p.core} | ${short(p.cycles)} | ${p.what} | ${short(ours)} | ${ours ? (ours / p.cycles).toFixed(2) + 'x' : '-'} | ${p.source} |`);
}
console.log('\nNo published figure collected here for the M0+, M23, M7, M33, M55 or the RISC-V cores.');
