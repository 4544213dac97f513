// Benchmark of the constant-time check (a script, not a test): `capmark ct` with 16 secrets on
// every virtual board, per board how many ops and traced runs, the outcome, the wall-clock
// time, the ops that took longest and the operand-dependent instructions per op; results go to a temporary folder, not results/.
// Run: npx tsx scripts/bench-ct.ts [--secrets n] [board...]   (conditions printed with the figures)
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBoards } from '../profiler/boards/index.ts';
import { checkBoard, controlCaught, DEFAULT_SECRETS, type BoardReport } from '../profiler/ct/index.ts';

const { values, positionals } = parseArgs({ options: { secrets: { type: 'string' } }, allowPositionals: true });
const secrets = Number(values.secrets ?? DEFAULT_SECRETS);
const boards = positionals.length ? positionals : loadBoards().map((b) => b.id);
const dir = mkdtempSync(join(tmpdir(), 'capmark-bench-ct-'));
const load = () => loadavg()[0].toFixed(1);

console.log(`capmark ct benchmark, ${new Date().toISOString()}`);
console.log(`host: ${cpus().length} x ${cpus()[0]?.model}; Node ${process.version}; load average at start ${load()}`);
const rows: string[][] = [['board', 'core', 'secrets', 'ops', 'traced runs', 'trace-equal', 'operand-dep.', 'allowed', 'leaks', 'failed', 'not checked', 'control', 'run s', 'load at end']];
const reports: BoardReport[] = [];
try {
  for (const id of boards) {
    const r = await checkBoard(id, { secrets, out: join(dir, `${id}.json`) });
    reports.push(r);
    const n = (s: string) => String(r.ops.filter((o) => o.status === s).length);
    rows.push(r.hostable
      ? [id, r.core, String(secrets), String(r.ops.length), String([...r.control, ...r.ops].reduce((s, o) => s + o.cases, 0)),
        n('trace-equal'), n('operand-dependent'), n('allowed-variation'), n('leaks'), n('failed'), n('unchecked'), controlCaught(r) ? 'caught' : 'MISSED', (r.ms / 1000).toFixed(0), load()]
      : [id, r.core, '-', '-', '-', '-', '-', '-', '-', '-', '-', r.reason ?? 'not hostable', (r.ms / 1000).toFixed(0), load()]);
  }
} finally { rmSync(dir, { recursive: true, force: true }); }

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
for (const r of reports.filter((x) => x.hostable)) {
  const slow = [...r.ops].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(`${r.board}: slowest ops ${slow.map((o) => `${o.kernel} ${o.op} ${(o.ms / 1000).toFixed(1)} s`).join(', ')}; ` +
    `median op ${(([...r.ops].sort((a, b) => a.ms - b.ms)[r.ops.length >> 1]?.ms ?? 0) / 1000).toFixed(1)} s`);
  for (const o of r.ops.filter((x) => x.status === 'leaks' || x.status === 'failed')) console.log(`  ${o.kernel} ${o.op}: ${o.status}: ${o.detail}`);
  const od = r.ops.filter((o) => o.operandDependent);
  if (od.length) console.log(`  operand-dependent instructions per run: ${od.map((o) => `${o.kernel} ${o.op} ${o.operandDependent!.instructions.toLocaleString('en-US')} (${Object.entries(o.operandDependent!.classes).map(([c, n]) => `${c} ${n.toLocaleString('en-US')}`).join(', ')})`).join('; ')}`);
}
console.log(`conditions: QEMU ${reports.find((r) => r.qemuVersion)?.qemuVersion} -icount shift=0, tracing plugin (instruction and data-address hashes), ` +
  'each case one op run with its output verified, each difference located by up to two more runs; wall-clock times include the firmware build and depend on host load (2 cores shared)');
