// Fuzzing in Node's WebAssembly: the protocol fuzz (every execution checked by the model) and
// the length-field sweep, run on the agent hosted as a board hosts it. Each job runs in a
// worker thread with a watchdog: an execution that never returns (a kernel stuck in a loop)
// is terminated and becomes a finding, and the job goes on after it.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { encodeFrame } from '../protocol/frame.ts';
import { CMD, decodeHello, decodeDescriptor, encodeHello, encodeInfo } from '../protocol/messages.ts';
import { hostAgent, type NodeBoardOptions } from '../transport/inprocess.ts';
import { ROOT } from '../util/paths.ts';
import { lengthCases } from './lengths.ts';
import { fuzzSequence, parseAnswers, ProtocolModel, type AgentFacts } from './protocol.ts';

const HERE = join(ROOT, 'profiler', 'fuzz');

export interface Finding { index: number; what: string }

export interface FuzzJob {
  kind: 'protocol' | 'lengths';
  wasmPath: string;
  seed: number;
  /** Executions (protocol) or length cases [start, end); end is clipped to the sweep's size. */
  start: number;
  end: number;
  /** The Node board's configuration (the oracle of an on-device run mirrors the device). */
  board?: NodeBoardOptions;
}

export interface FuzzStats { executions: number; bytesIn: number; answers: number; traps: number; findings: Finding[]; hangs: number }

export const concatBytes = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

/** HELLO then INFO pieces as raw frames: the agent's facts and its last answer (for the model). */
export async function handshake(exchange: (frame: Uint8Array) => Promise<Uint8Array>): Promise<{ facts: AgentFacts; last: { seq: number; answer: Uint8Array } }> {
  const one = async (frame: Uint8Array) => {
    const problems: string[] = [];
    const [a] = parseAnswers(await exchange(frame), problems);
    if (!a || problems.length) throw new Error(`handshake: ${problems.join('; ') || 'no answer'}`);
    return a;
  };
  let seq = 0;
  let last = await one(encodeFrame(CMD.HELLO, seq, encodeHello(0x5eed)));
  const head = decodeHello(last.body);
  const descriptor = new Uint8Array(head.descriptorBytes);
  for (let at = 0; at < descriptor.length; at += 1024) {
    last = await one(encodeFrame(CMD.INFO, ++seq, encodeInfo(at, Math.min(1024, descriptor.length - at))));
    descriptor.set(last.body, at);
  }
  return { facts: { maxFrame: head.maxFrame, inputCapacity: head.inputCapacity, outputCapacity: head.outputCapacity, memoryBytes: head.memoryBytes, heapBytes: head.heapBytes, descriptor }, last: { seq, answer: last.raw } };
}

/** Runs a job in this thread; `progress[0]` holds the index being run (for the watchdog). */
export async function runJob(job: FuzzJob, onFinding: (f: Finding) => void, progress?: Int32Array): Promise<Omit<FuzzStats, 'findings' | 'hangs'>> {
  let out: Uint8Array[] = [];
  const agent = await hostAgent(job.wasmPath, (b) => out.push(b), { random: undefined, ...job.board });
  const take = () => { const r = concatBytes(out); out = []; return r; };
  const stats = { executions: 0, bytesIn: 0, answers: 0, traps: 0 };
  if (job.kind === 'lengths') {
    const e = () => agent.exports;
    const table = decodeDescriptor((await handshake(async (f) => { agent.feed(f); return take(); })).facts.descriptor).kernels;
    let index = 0;
    for (const c of lengthCases(table, e().io_input_cap())) {
      if (index >= job.end) break;
      if (index++ < job.start) continue;
      if (progress) Atomics.store(progress, 0, index - 1);
      new Uint8Array(e().memory.buffer, e().io_input(), c.mutant.input.length).set(c.mutant.input);
      try { e().kernel_run(c.kernelId, c.opId, c.mutant.input.length); } catch (err) {
        onFinding({ index: index - 1, what: `${c.kernel}:${c.op} ${c.mutant.what}: ${(err as Error).message}` });
        agent.restart();
      }
      stats.executions++;
    }
    return stats;
  }
  const { facts, last } = await handshake(async (f) => { agent.feed(f); return take(); });
  const model = new ProtocolModel(facts, last);
  const kernels = decodeDescriptor(facts.descriptor).kernels;
  for (let i = job.start; i < job.end; i++) {
    if (progress) Atomics.store(progress, 0, i);
    const input = fuzzSequence(job.seed, i, facts, kernels);
    agent.feed(input);
    const output = take();
    for (const what of model.check(input, output)) onFinding({ index: i, what });
    stats.executions++; stats.bytesIn += input.length;
    for (const b of output) if (b === 0) stats.answers++;
  }
  stats.traps = agent.traps;
  return stats;
}

/**
 * Runs a job in worker threads under a watchdog: when the index in progress has not moved for
 * `hangMs`, the worker is terminated, the index is a finding ("hang") and a new worker goes on
 * from the next one.
 */
export async function runWithWatchdog(job: FuzzJob, o: { hangMs?: number; onFinding?: (f: Finding) => void; onProgress?: (done: number) => void } = {}): Promise<FuzzStats> {
  const hangMs = o.hangMs ?? 30_000;
  const total: FuzzStats = { executions: 0, bytesIn: 0, answers: 0, traps: 0, findings: [], hangs: 0 };
  const found = (f: Finding) => { total.findings.push(f); o.onFinding?.(f); };
  for (let start = job.start; start < job.end;) {
    const progress = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(progress, 0, start);
    const worker = new Worker(join(HERE, 'worker-boot.mjs'), {
      workerData: { entry: pathToFileURL(join(HERE, 'worker.ts')).href, job: { ...job, start }, progress },
    });
    const outcome = await new Promise<{ stats?: Omit<FuzzStats, 'findings' | 'hangs'>; hungAt?: number }>((resolve, reject) => {
      let seen = -1, since = Date.now();
      const timer = setInterval(() => {
        const now = Atomics.load(progress, 0);
        if (now !== seen) { seen = now; since = Date.now(); o.onProgress?.(now - job.start); return; }
        if (Date.now() - since > hangMs) { clearInterval(timer); void worker.terminate(); resolve({ hungAt: now }); }
      }, 250);
      worker.on('message', (m) => {
        if (m.type === 'finding') found(m.finding);
        else if (m.type === 'done') { clearInterval(timer); resolve({ stats: m.stats }); }
      });
      worker.on('error', (e) => { clearInterval(timer); reject(e); });
    });
    if (outcome.stats) {
      for (const k of ['executions', 'bytesIn', 'answers', 'traps'] as const) total[k] += outcome.stats[k];
      await worker.terminate();
      break;
    }
    const at = outcome.hungAt!;
    found({ index: at, what: `hang: ${job.kind} ${job.kind === 'protocol' ? 'execution' : 'case'} ${at} ran over ${hangMs} ms without returning` });
    total.hangs++;
    total.executions += at - start + 1;
    start = at + 1;
  }
  return total;
}
