// Fuzzing figures (a script, not a test; issue 13 item 7, docs/fuzzing.md):
//  1. the protocol fuzz in Node's WebAssembly (frame parser + dispatcher + kernels behind BENCH),
//     every execution checked by the protocol model, in worker threads under a hang watchdog;
//  2. the length-field sweep of every kernel op;
//  3. the on-device fuzz on every virtual board: the same sequences (fewer large frames) over
//     QEMU's pty, every answer compared byte for byte with agent.wasm in Node.
// Run: npx tsx scripts/bench-fuzz.ts [--executions 1e7] [--workers 2] [--device-sequences 1e5]
//      [--instances 2] [--board <id>]... [--seed 1] [--skip node|sweep|device]...
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadBoards, type Board } from '../profiler/boards/index.ts';
import { buildAll, type FirmwareManifest } from '../profiler/build/index.ts';
import { WASM_PATH } from '../profiler/build/wasm.ts';
import { fuzzDevice, runWithWatchdog, type Finding, type FuzzStats } from '../profiler/fuzz/index.ts';
import { launchVirtualBoard } from '../profiler/qemu/launch.ts';
import { BUILD } from '../profiler/util/paths.ts';

const { values } = parseArgs({ options: {
  executions: { type: 'string' }, workers: { type: 'string' }, 'device-sequences': { type: 'string' }, instances: { type: 'string' },
  board: { type: 'string', multiple: true }, seed: { type: 'string' }, skip: { type: 'string', multiple: true },
} });
const EXECUTIONS = Number(values.executions ?? 1e7), WORKERS = Number(values.workers ?? 2), SEED = Number(values.seed ?? 1);
const SEQUENCES = Number(values['device-sequences'] ?? 1e5), INSTANCES = Number(values.instances ?? 2);
const skip = new Set(values.skip ?? []);
const show = (label: string, findings: Finding[]) => {
  console.log(`  findings: ${findings.length}`);
  for (const f of findings.slice(0, 20)) console.log(`    ${label} ${f.index}: ${f.what}`);
};
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString('en-US');

console.log(`capmark fuzzing benchmark, ${new Date().toISOString()}, seed ${SEED}`);
console.log(`host: ${cpus().length} x ${cpus()[0]?.model}; Node ${process.version}; agent ${WASM_PATH}`);

if (!skip.has('node')) {
  const t0 = Date.now(), per = Math.ceil(EXECUTIONS / WORKERS), done = new Array<number>(WORKERS).fill(0);
  const ticker = setInterval(() => console.error(`  ... ${done.reduce((a, b) => a + b).toLocaleString('en-US')} executions after ${((Date.now() - t0) / 60_000).toFixed(0)} min`), 300_000);
  const parts = await Promise.all(Array.from({ length: WORKERS }, (_, w) =>
    runWithWatchdog({ kind: 'protocol', wasmPath: WASM_PATH, seed: SEED, start: w * per, end: Math.min(EXECUTIONS, (w + 1) * per) }, { onProgress: (n) => { done[w] = n; } })));
  clearInterval(ticker);
  const sum = (k: keyof Omit<FuzzStats, 'findings'>) => parts.reduce((n, p) => n + p[k], 0);
  const ms = Date.now() - t0;
  console.log(`\nprotocol fuzz in Node's WebAssembly (${WORKERS} worker threads, watchdog 30 s):`);
  console.log(`  executions ${sum('executions').toLocaleString('en-US')} in ${(ms / 1000).toFixed(0)} s (${rate(sum('executions'), ms)}/s); `
    + `${(sum('bytesIn') / 1e6).toFixed(1)} MB in, ${sum('answers').toLocaleString('en-US')} answers checked by the model; `
    + `${sum('traps').toLocaleString('en-US')} traps recovered (deliberate null:trap); hangs ${sum('hangs')}`);
  show('execution', parts.flatMap((p) => p.findings));
}

if (!skip.has('sweep')) {
  const t0 = Date.now();
  const s = await runWithWatchdog({ kind: 'lengths', wasmPath: WASM_PATH, seed: SEED, start: 0, end: Number.MAX_SAFE_INTEGER });
  console.log(`\nlength-field sweep (every op of the agent's table, in Node's WebAssembly):`);
  console.log(`  cases ${s.executions.toLocaleString('en-US')} in ${((Date.now() - t0) / 1000).toFixed(0)} s; hangs ${s.hangs}`);
  show('case', s.findings);
}

async function fuzzBoard(board: Board, fw: FirmwareManifest) {
  const uds = new Uint8Array(Buffer.from(readFileSync(`${BUILD}/fw/${board.id}.uds`, 'utf8').trim(), 'hex'));
  const image = new Uint8Array(readFileSync(fw.image!.file));
  const t0 = Date.now(), per = Math.ceil(SEQUENCES / INSTANCES);
  let answers = 0, restarts = 0;
  const findings: Finding[] = [];
  await Promise.all(Array.from({ length: INSTANCES }, async (_, n) => {
    const end = Math.min(SEQUENCES, (n + 1) * per);
    for (let start = n * per; start < end;) {
      const vb = await launchVirtualBoard(board, fw);
      try {
        const s = await fuzzDevice({ link: vb.link, wasmPath: WASM_PATH, board: { uds, image }, seed: SEED + 1, start, end });
        answers += s.answersCompared;
        findings.push(...s.findings);
        if (s.divergedAt === undefined) break;
        restarts++;
        start = s.divergedAt;
      } finally { await vb.stop(); }
    }
  }));
  const ms = Date.now() - t0;
  console.log(`${board.id.padEnd(20)} sequences ${SEQUENCES.toLocaleString('en-US')} in ${(ms / 1000).toFixed(0)} s (${rate(SEQUENCES, ms)}/s); `
    + `answers compared byte for byte ${answers.toLocaleString('en-US')}; board restarts after a divergence ${restarts}`);
  show(`${board.id} sequence`, findings);
}

if (!skip.has('device')) {
  const wanted = loadBoards().filter((b) => !values.board || values.board.includes(b.id));
  const { firmware } = await buildAll(wanted, 'mask', () => {});
  const boards = wanted.filter((b) => firmware.get(b.id)!.fit.hostable);   // every board that hosts the agent
  console.log(`\non-device fuzz (${INSTANCES} QEMU instances per board, large frames at 0.1x the Node rate; oracle: agent.wasm in Node with the board's descriptor, memory, UDS and image):`);
  for (const b of boards) await fuzzBoard(b, firmware.get(b.id)!);
  console.log(`conditions: QEMU ${(await import('../profiler/build/toolchain.ts')).toolVersion('qemu')}, -icount shift=0, pty link; BENCH stack and tick fields masked in the comparison`);
}
