// On-device fuzzing: the protocol fuzz sent to a board over its link, every answer compared
// byte for byte with the same agent.wasm in Node configured as that board (its descriptor,
// linear memory, DICE secret and firmware image, no TRNG) — only the BENCH fields a board
// measures by nature (stack bytes, counter ticks) are masked — and the Node answers checked by
// the model. Not run: on a board with a TRNG the kernel reading it (its answer is random), and
// ops whose kernel heap exceeds the board's (they run out of memory, which the profiler's plan
// skips with the reason).
import type { Link } from '../protocol/client.ts';
import { hostAgent, type NodeBoardOptions } from '../transport/inprocess.ts';
import { concatBytes, handshake, type Finding } from './node.ts';
import { fuzzSequence, maskBoardFields, parseAnswers, ProtocolModel } from './protocol.ts';
import { decodeDescriptor } from '../protocol/messages.ts';
import { KERNELS } from '../kernels/index.ts';

export interface DeviceFuzzOptions {
  link: Link;
  wasmPath: string;
  /** The board's DICE secret and firmware image (build/fw/<id>.uds, .bin) for the oracle. */
  board: Pick<NodeBoardOptions, 'uds' | 'image'>;
  seed: number;
  start: number;
  end: number;
  /** Executions sent in one write (answers compared per batch). */
  batch?: number;
  /** Longest wait for a batch's answers (ms). */
  timeoutMs?: number;
  /** How often frames over 64 bytes are sent, relative to the Node fuzz (default 0.1). */
  large?: number;
  onFinding?: (f: Finding) => void;
}

export interface DeviceFuzzStats {
  executions: number; answersCompared: number; findings: Finding[];
  /** Set when the device's answers diverged from Node's: the batch after which to restart the board. */
  divergedAt?: number;
}

/** A link's bytes as a queue: `frames(n)` resolves once n whole frames have arrived. */
function collector(link: Link) {
  let buf: Uint8Array[] = [], frames = 0, prev = 0, wake: (() => void) | undefined;
  link.onData((chunk) => {
    buf.push(chunk);
    for (const b of chunk) { if (b === 0 && prev !== 0) frames++; prev = b; }
    wake?.();
  });
  return {
    async frames(n: number, timeoutMs: number): Promise<Uint8Array> {
      const deadline = Date.now() + timeoutMs;
      while (frames < n && Date.now() < deadline) await new Promise<void>((r) => { wake = r; setTimeout(r, 100); });
      const out = concatBytes(buf);
      buf = []; frames = 0;
      return out;
    },
  };
}

/** The board_info string inside a descriptor (agent_version str8, board_info str16, ...). */
function boardInfoOf(descriptor: Uint8Array): string {
  const at = 1 + descriptor[0];
  return Buffer.from(descriptor.subarray(at + 2, at + 2 + (descriptor[at] | (descriptor[at + 1] << 8)))).toString('latin1');
}

export async function fuzzDevice(o: DeviceFuzzOptions): Promise<DeviceFuzzStats> {
  const batch = o.batch ?? 64, timeoutMs = o.timeoutMs ?? 60_000;
  const stats: DeviceFuzzStats = { executions: 0, answersCompared: 0, findings: [] };
  const found = (f: Finding) => { stats.findings.push(f); o.onFinding?.(f); };
  const device = collector(o.link);
  const onDevice = await handshake(async (f) => { await o.link.write(f); return device.frames(1, timeoutMs); });
  let out: Uint8Array[] = [];
  const info = boardInfoOf(onDevice.facts.descriptor);
  const oracle = await hostAgent(o.wasmPath, (b) => out.push(b), { ...o.board, random: undefined, info, memoryBytes: onDevice.facts.memoryBytes });
  const take = () => { const r = concatBytes(out); out = []; return r; };
  const inNode = await handshake(async (f) => { oracle.feed(f); return take(); });
  if (Buffer.compare(inNode.facts.descriptor, onDevice.facts.descriptor) !== 0) throw new Error('the Node oracle does not describe itself as the device does');
  const model = new ProtocolModel(inNode.facts, inNode.last);
  const kernels = decodeDescriptor(inNode.facts.descriptor).kernels;
  const trng = info.split(';').includes('trng=1');
  const heapOf = (device: string, op: string) => Math.max(0, ...KERNELS.filter((k) => k.device === device).flatMap((k) => k.ops.filter((x) => x.op === op).map((x) => x.heapBytes ?? 0)));
  const avoid = (kernel: number, op: number) => {
    const k = kernels[kernel], name = k?.ops[op];
    return !!k && ((trng && k.name === 'trng') || (name !== undefined && heapOf(k.name, name) > inNode.facts.heapBytes));
  };
  for (let first = o.start; first < o.end; first += batch) {
    const inputs: Uint8Array[] = [], owner: number[] = [], expected: Uint8Array[] = [];
    for (let i = first; i < Math.min(first + batch, o.end); i++) {
      const input = fuzzSequence(o.seed, i, inNode.facts, kernels, o.large ?? 0.1, avoid);
      oracle.feed(input);
      const answer = take();
      for (const what of model.check(input, answer)) found({ index: i, what: `in Node: ${what}` });
      inputs.push(input); expected.push(answer);
      for (let n = parseAnswers(answer, []).length; n > 0; n--) owner.push(i);
    }
    await o.link.write(concatBytes(inputs));
    const want = parseAnswers(concatBytes(expected), []);
    const problems: string[] = [];
    const got = parseAnswers(await device.frames(want.length, timeoutMs), problems);
    for (const p of problems) found({ index: first, what: `device: ${p}` });
    for (let k = 0; k < Math.max(want.length, got.length); k++) {
      const w = want[k] && maskBoardFields(want[k].raw), g = got[k] && maskBoardFields(got[k].raw);
      if (!w || !g || Buffer.compare(w, g) !== 0) {
        const hex = (b?: Uint8Array) => (b ? Buffer.from(b).toString('hex').slice(0, 80) : '(none)');
        found({ index: owner[k] ?? first, what: `device answered ${hex(g)}, Node ${hex(w)}` });
        stats.executions += inputs.length;
        stats.divergedAt = first + inputs.length; // the states may differ from here: restart the board
        return stats;
      }
      stats.answersCompared++;
    }
    stats.executions += inputs.length;
  }
  return stats;
}
