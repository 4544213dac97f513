// Benchmark of the backbone (a script, not a test): SHA-256 in WebAssembly vs the same hash in
// native C on every virtual board, exact instructions per byte at 16 KiB, the ratio, and
// boot-to-HELLO and whole-run time; then the M4 again with wasm2c's own bounds checks.
// Run: npx tsx scripts/bench-backbone.ts   (conditions are printed with the figures)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoards } from '../profiler/boards/index.ts';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import type { ResultsFile } from '../profiler/results/types.ts';

const SIZE = 16384;
const dir = mkdtempSync(join(tmpdir(), 'capmark-bench-'));
const perByte = (r: ResultsFile, kernel: string) => r.measurements.find((m) => m.kernel === kernel && m.param === SIZE)?.instructions_per_byte;

console.log(`capmark backbone benchmark, ${new Date().toISOString()}`);
console.log(`host: ${cpus().length} x ${cpus()[0]?.model}; Node ${process.version}`);
const rows: string[][] = [['board', 'core', 'bounds', 'wasm instr/B', 'native C instr/B', 'wasm/native', 'boot→HELLO ms', 'run s']];
let conditions = '';

async function measure(id: string, bounds: 'mask' | 'trap') {
  const t0 = Date.now();
  const { results } = await profileVirtualBoard(id, { kernels: ['sha256'], iterations: 2, bounds, out: join(dir, `${id}-${bounds}.json`) });
  const runS = ((Date.now() - t0) / 1000).toFixed(1);
  if (!results.capability.hostable) { rows.push([id, '-', bounds, results.capability.verdict, '', '', '', runS]); return; }
  const wasm = perByte(results, 'sha256')!, native = perByte(results, 'sha256-native')!;
  const board = loadBoards().find((b) => b.id === id)!;
  rows.push([id, board.core, bounds, wasm.toFixed(1), native.toFixed(1), (wasm / native).toFixed(3), String(results.boot_to_hello_ms), runS]);
  const c = results.conditions;
  conditions = `QEMU ${c.qemu_version} icount ${c.icount}; ${c.compiler}; ${c.cflags?.split(' -D')[0]}; instructions exact-emulated (counting plugin), baseline subtracted; message ${SIZE} B`;
}

for (const b of loadBoards()) await measure(b.id, 'mask');
await measure('mps2-an386', 'trap');
await measure('mps2-an386', 'mask'); // leave the default build in place

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
for (const r of rows.slice(0, -1)) console.log(r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  '));
console.log(`conditions: ${conditions}`);
rmSync(dir, { recursive: true, force: true });
console.log('target: WebAssembly path <= 1.25x native C at 16 KiB on the M4 with memory safety kept (bounds=mask)');
