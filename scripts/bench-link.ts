// The serial link under noise (a script, not a test; issue 13 item 1): full `capmark profile`
// runs of a virtual board through the fault-injecting relay (tests/support/fault-link.ts), at 1
// damaged byte in 1,000 and in 200 (corrupted, dropped or duplicated, both directions), and
// what each run ended with: complete with every output verified, or partial with its reason,
// saved; a run that does not end within the deadline counts as hung.
// Run: npx tsx scripts/bench-link.ts [--runs 5] [--board mps2-an386] [--kernels a,b | all] [--deadline-min 60]
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { profileVirtualBoard } from '../profiler/profile/index.ts';
import { readResults } from '../profiler/results/store.ts';
import { faultyLink, type FaultCounts } from '../tests/support/fault-link.ts';

const { values } = parseArgs({ options: { runs: { type: 'string' }, board: { type: 'string' }, kernels: { type: 'string' }, 'deadline-min': { type: 'string' } } });
const RUNS = Number(values.runs ?? 5), BOARD = values.board ?? 'mps2-an386', DEADLINE_MS = Number(values['deadline-min'] ?? 60) * 60_000;
/** Default: kernels with the largest transfers (16 KiB inputs, 4.6-7.5 KB outputs) and the data-dependent ones. */
const KERNELS = values.kernels === 'all' ? undefined : (values.kernels ?? 'sha256,chacha20-poly1305,ml-dsa-87,slh-dsa-sha2-128s,rsa-4096-pkcs1-verify,ecdsa-p256,attest-ed25519').split(',');
const dir = mkdtempSync(join(tmpdir(), 'capmark-link-'));

console.log(`capmark noisy-link benchmark, ${new Date().toISOString()}`);
console.log(`host: ${cpus().length} x ${cpus()[0]?.model}; Node ${process.version}; board ${BOARD} (QEMU pty); kernels ${KERNELS?.join(',') ?? 'all'}; defaults iterations 3, warm-up 1`);
console.log('rate     run  ended     measured/plan  verified  failed  faults (corrupt/drop/dup of bytes)   s     reason');
let hung = 0, unverified = 0;
try {
  for (const rate of [1 / 1000, 1 / 200]) {
    for (let run = 1; run <= RUNS; run++) {
      const faults: FaultCounts[] = [];
      const out = join(dir, `${rate}-${run}.json`);
      const t0 = Date.now();
      const profile = profileVirtualBoard(BOARD, { kernels: KERNELS, out, wrapLink: (l) => { const f = faultyLink(l, { rate, seed: run * 7919 + faults.length }); faults.push(f.faults); return f; } });
      const deadline = new Promise<'hung'>((r) => setTimeout(() => r('hung'), DEADLINE_MS).unref());
      const outcome = await Promise.race([profile.then((p) => p.results, (e: Error) => e), deadline]);
      const s = ((Date.now() - t0) / 1000).toFixed(0);
      const f = faults.reduce((a, b) => ({ bytes: a.bytes + b.bytes, corrupted: a.corrupted + b.corrupted, dropped: a.dropped + b.dropped, duplicated: a.duplicated + b.duplicated }));
      const fs = `${f.corrupted}/${f.dropped}/${f.duplicated} of ${f.bytes.toLocaleString('en-US')}`.padEnd(36);
      const label = `1/${Math.round(1 / rate)}`.padEnd(8);
      if (outcome === 'hung') { hung++; console.log(`${label} ${String(run).padStart(3)}  HUNG (no end within ${DEADLINE_MS / 60_000} min)`); break; }
      if (outcome instanceof Error) { console.log(`${label} ${String(run).padStart(3)}  error: ${outcome.message}`); unverified++; continue; }
      const r = readResults(out); // what was saved
      const ok = r.measurements.filter((m) => m.status === 'ok' && m.output_verified).length;
      const failed = r.measurements.filter((m) => m.status === 'failed').length;
      const plan = Number(/of (\d+) plan items/.exec(r.partial_reason ?? '')?.[1] ?? r.measurements.length);
      if (r.status === 'complete' && failed) unverified++;
      console.log(`${label} ${String(run).padStart(3)}  ${r.status.padEnd(8)}  ${`${r.measurements.length}/${plan}`.padStart(13)}  ${String(ok).padStart(8)}  ${String(failed).padStart(6)}  ${fs} ${s.padStart(4)}  ${r.partial_reason ?? ''}`);
      for (const m of r.measurements.filter((x) => x.status === 'failed')) console.log(`    failed ${m.kernel} ${m.op} ${m.param}: ${m.reason}`);
    }
  }
} finally { rmSync(dir, { recursive: true, force: true }); }
console.log(`hung runs: ${hung}; complete runs with a failed measurement: ${unverified}`);
process.exit(hung ? 1 : 0); // exit handlers stop any QEMU left by a hung run
