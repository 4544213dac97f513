// Reproducibility (a script, not a test; issue 13): two consecutive full profiles of every
// virtual board that hosts the agent, every kernel, op and size at the `capmark profile`
// defaults, and whether their exact instruction counts are byte-identical measurement by
// measurement. Run: npx tsx scripts/bench-repro.ts [--board <id>]...
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadBoards } from '../profiler/boards/index.ts';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import type { ResultsFile } from '../profiler/results/types.ts';

const { values } = parseArgs({ options: { board: { type: 'string', multiple: true } } });
const boards = loadBoards().filter((b) => b.ram_bytes >= 1 << 20 && (!values.board || values.board.includes(b.id)));
const dir = mkdtempSync(join(tmpdir(), 'capmark-repro-'));
const counts = (r: ResultsFile) => new Map(r.measurements.map((m) => [`${m.kernel} ${m.op} ${m.param}`, JSON.stringify(m.instructions ?? null)]));

console.log(`capmark reproducibility benchmark, ${new Date().toISOString()}`);
console.log(`host: ${cpus().length} x ${cpus()[0]?.model}; Node ${process.version}`);
console.log('board        measurements  verified  identical  differing  run 1 s  run 2 s');
let conditions = '', allSame = true;
try {
  for (const b of boards) {
    const runs: ResultsFile[] = [], secs: string[] = [];
    for (const n of [1, 2]) {
      const t0 = Date.now();
      runs.push((await profileVirtualBoard(b.id, { out: join(dir, `${b.id}-${n}.json`) })).results);
      secs.push(((Date.now() - t0) / 1000).toFixed(0));
    }
    const [a, z] = runs.map(counts);
    if (runs[0].conditions.firmware_sha256 !== runs[1].conditions.firmware_sha256) console.log(`  the firmware changed between the runs (rebuilt meanwhile?): the counts do not compare`);
    const differing = [...a].filter(([k, v]) => z.get(k) !== v).map(([k]) => k);
    const verified = runs[0].measurements.filter((m) => m.status === 'ok' && m.output_verified).length;
    allSame &&= differing.length === 0 && a.size === z.size;
    console.log(`${b.id.padEnd(12)} ${String(a.size).padStart(12)}  ${String(verified).padStart(8)}  ${String(a.size - differing.length).padStart(9)}  ${String(differing.length).padStart(9)}  ${secs[0].padStart(7)}  ${secs[1].padStart(7)}`);
    for (const k of differing) console.log(`  differs: ${k}: ${a.get(k)} vs ${z.get(k)}`);
    for (const [n, r] of runs.entries()) {
      for (const m of r.measurements.filter((x) => x.status === 'failed')) console.log(`  run ${n + 1} failed ${m.kernel} ${m.op} ${m.param}: ${m.reason}`);
    }
    const c = runs[0].conditions;
    conditions = `QEMU ${c.qemu_version} icount ${c.icount}; ${c.runtime}; ${c.compiler}; plan iterations ${c.plan?.iterations}, warm-up ${c.plan?.warmup}; instructions exact-emulated (counting plugin), baseline subtracted`;
  }
} finally { rmSync(dir, { recursive: true, force: true }); }
console.log(`conditions: ${conditions}`);
console.log(allSame ? 'every board: byte-identical instruction counts in both runs' : 'DIFFERENCES found (listed above)');
process.exitCode = allSame ? 0 : 1;
