// Protocol fuzzing (docs/fuzzing.md): seeded byte sequences for the agent's frame parser and
// dispatcher (valid, damaged, cut, oversized, repeated and wrong-version frames, every command
// with edge-case fields), and a model of docs/protocol.md that predicts the answer to each
// segment of a sequence and checks the agent's actual answers against it, byte for byte where
// the protocol fixes the bytes (a repeat gets the cached answer, INFO the descriptor, ...).
import { cobsDecode, cobsEncode } from '../protocol/cobs.ts';
import { crc32 } from '../protocol/crc32.ts';
import { encodeFrame, PROTOCOL_VERSION, HEADER_BYTES, CRC_BYTES } from '../protocol/frame.ts';
import { CMD, ERROR, NO_SEQ, RESPONSE, decodeDescriptor, encodeBench, encodeHello, encodeInfo, encodeLoad, encodeRead } from '../protocol/messages.ts';
import { Prng } from './prng.ts';

/** What the model needs to know of the agent: its limits and descriptor (from HELLO + INFO). */
export interface AgentFacts { maxFrame: number; inputCapacity: number; outputCapacity: number; memoryBytes: number; heapBytes: number; descriptor: Uint8Array }

const E = { BAD_FRAME: 1, TOO_LARGE: 2, BAD_VERSION: 3, UNKNOWN_COMMAND: 4, BAD_REQUEST: 5, TRAPPED: 6 } as const;
const HELLO_BODY = 29, BENCH_BODY = 60;

const REQUEST = Prng.weights({ hello: 8, load: 25, bench: 20, read: 20, info: 15, unknown: 4, odd: 8 });
/** The key type byte each fuzzed DICE kernel takes (wasm/kernels/attest.ts). */
const ATTEST_KEY: Record<string, number> = { 'attest-ed25519': 0, 'attest-p256': 1 };
const STEP = Prng.weights({ intact: 56, flip: 8, delete: 5, insert: 4, cut: 4, garbage: 6, oversize: 1, version: 3, empty: 2, again: 8, attest: 2, trap: 0.2 });

/** The byte sequence of fuzz execution `index` (always ending with a delimiter). Kernels run on
 *  short inputs mostly: a few in a hundred get an edge-case length up to the input capacity.
 *  `large` scales how often frames over 64 bytes are sent (a serial link is slow); a kernel op
 *  `avoid` names is never run (the baseline is, after the same random draws: the rest is unchanged). */
export function fuzzSequence(seed: number, index: number, facts: AgentFacts, kernels = decodeDescriptor(facts.descriptor).kernels, large = 1,
  avoid: (kernel: number, op: number) => boolean = () => false): Uint8Array {
  const r = new Prng(seed, index);
  const parts: Uint8Array[] = [];
  let seq = r.int(NO_SEQ), last: Uint8Array = new Uint8Array(0);
  const frame = (type: number, body: Uint8Array) => encodeFrame(type, seq, body);
  const nextSeq = () => (seq = r.chance(0.2) ? seq : r.chance(0.1) ? r.int(0x10000) : (seq + 1) % NO_SEQ);
  const edge = (cap: number, n: number) => r.pick([r.int(cap), 0, cap - n, cap - n + 1, cap, 0xffffffff, 0x80000000, 0xfffffff0 + r.int(16)]) >>> 0;
  const request = (): Uint8Array => {
    nextSeq();
    const kind = REQUEST(r);
    if (kind === 'hello') return frame(CMD.HELLO, encodeHello(r.u32()));
    if (kind === 'load') {
      const n = r.chance(1 - 0.1 * large) ? r.int(65) : r.int(facts.maxFrame);
      return frame(CMD.LOAD, encodeLoad(edge(facts.inputCapacity, n), r.bytes(n)));
    }
    if (kernels.length && kind === 'bench') {
      const drawn = r.chance(0.95) ? r.int(kernels.length) : kernels.length + r.int(200);
      const ops = drawn === 0 ? 1 : kernels[drawn]?.ops.length ?? 3; // null's op 1 is the deliberate trap
      const op = r.chance(0.95) ? r.int(ops) : ops + r.int(8);
      const avoided = avoid(drawn, op);
      return frame(CMD.BENCH, encodeBench({
        kernel: avoided ? 0 : drawn, op: avoided ? 0 : op,
        iterations: r.chance(0.9) ? 1 : r.pick([0, 2, 64, 65, 0xffff]), warmup: r.chance(0.9) ? 0 : r.pick([1, 16, 17, 0xffff]),
        inputLength: r.chance(0.97) ? r.int(65) : edge(facts.inputCapacity, 0),
      }));
    }
    if (kind === 'read') { const n = r.chance(0.8) ? r.int(65) : r.int(0x10000); return frame(CMD.READ, encodeRead(edge(facts.outputCapacity, n), n)); }
    if (kind === 'info') {
      const n = r.chance(0.8) ? r.int(129) : r.int(0x10000);
      return frame(CMD.INFO, encodeInfo(edge(facts.descriptor.length, n) & 0xffff, n));
    }
    if (kind === 'unknown') return frame(r.pick([0, 6, 0x7f, 0x80, 0x81, 0xff]), r.bytes(r.int(8)));
    return frame(r.pick([CMD.HELLO, CMD.LOAD, CMD.BENCH, CMD.READ, CMD.INFO]), r.bytes(r.int(12))); // a body of the wrong length
  };
  // One DICE kernel per key type (wasm/kernels/attest.ts); its input's first byte is that key.
  const attestKeys = ['attest-ed25519', 'attest-p256'].map((n) => kernels.findIndex((k) => k.name === n));
  const key = r.int(2), attest = attestKeys[key];
  for (let steps = 1 + r.int(6); steps > 0; steps--) {
    const kind = STEP(r);
    let p: Uint8Array;
    if (kind === 'intact') p = request();
    else if (kind === 'flip') { p = request().slice(); p[r.int(p.length - 1)] ^= 1 << r.int(8); }
    else if (kind === 'delete') { const f = request(), at = r.int(f.length - 1); p = concatParts([f.subarray(0, at), f.subarray(at + 1)]); }
    else if (kind === 'insert') { const f = request(), at = r.int(f.length - 1); p = concatParts([f.subarray(0, at), Uint8Array.of(r.int(256)), f.subarray(at)]); }
    else if (kind === 'cut') p = request().subarray(0, -1); // no delimiter: merges with what follows
    else if (kind === 'garbage') p = concatParts([r.bytes(1 + r.int(40)), new Uint8Array(1)]);
    else if (kind === 'oversize' && r.chance(large)) p = concatParts([r.bytes(facts.maxFrame + 64 + r.int(256)).map((b) => b | 1), new Uint8Array(1)]);
    else if (kind === 'version') p = withVersion(request(), r.pick([0, 1, 3, 0xff]));
    else if (kind === 'empty' || kind === 'oversize') p = new Uint8Array(1 + r.int(3));
    else if (kind === 'again') p = last;
    else if (kind === 'attest' && attest >= 0) {
      nextSeq(); const load = frame(CMD.LOAD, encodeLoad(0, Uint8Array.of(key)));
      const avoided = avoid(attest, 0);
      nextSeq(); p = concatParts([load, frame(CMD.BENCH, encodeBench({ kernel: avoided ? 0 : attest, op: 0, iterations: 1, warmup: 0, inputLength: 1 }))]);
    } else { nextSeq(); p = frame(CMD.BENCH, encodeBench({ kernel: 0, op: kernels[0]?.ops.indexOf('trap') ?? 1, iterations: 1, warmup: 0, inputLength: 0 })); }
    parts.push(p);
    last = p;
  }
  parts.push(new Uint8Array(1)); // a final delimiter ends a cut frame (else it is an empty frame)
  return concatParts(parts);
}

function concatParts(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  n = 0;
  for (const p of parts) { out.set(p, n); n += p.length; }
  return out;
}

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && Buffer.compare(a, b) === 0;

/** A frame's bytes with another version byte (and a CRC that fits it). */
function withVersion(frame: Uint8Array, version: number): Uint8Array {
  const raw = cobsDecode(frame.subarray(0, -1))!;
  raw[0] = version;
  new DataView(raw.buffer, raw.byteOffset).setUint32(raw.length - CRC_BYTES, crc32(raw.subarray(0, raw.length - CRC_BYTES)), true);
  return concatParts([cobsEncode(raw), new Uint8Array(1)]);
}

type Segment = { kind: 'large' } | { kind: 'bad' } | { kind: 'frame'; raw: Uint8Array };

/** The agent's receiver (wasm/core/frame.ts rxByte) on one segment between delimiters. */
function receive(seg: Uint8Array, maxFrame: number): Segment {
  const raw: number[] = [];
  let remaining = 0, code = 0;
  for (let i = 0; i < seg.length; i++) {
    if (remaining === 0) {
      if (i > 0 && code !== 0xff) raw.push(0);
      code = seg[i]; remaining = code - 1;
    } else { raw.push(seg[i]); remaining--; }
    if (raw.length > maxFrame) return { kind: 'large' };
  }
  if (remaining !== 0 || raw.length < HEADER_BYTES + CRC_BYTES) return { kind: 'bad' };
  const bytes = Uint8Array.from(raw), end = bytes.length - CRC_BYTES;
  if (crc32(bytes.subarray(0, end)) !== new DataView(bytes.buffer).getUint32(end, true)) return { kind: 'bad' };
  return { kind: 'frame', raw: bytes.subarray(0, end) };
}

export interface Answer { type: number; seq: number; body: Uint8Array; raw: Uint8Array }

/** The agent's answers: every one must be a whole, undamaged version-2 frame. */
export function parseAnswers(out: Uint8Array, problems: string[]): Answer[] {
  const answers: Answer[] = [];
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    if (out[i] !== 0) continue;
    const seg = out.subarray(start, i);
    start = i + 1;
    if (!seg.length) continue;
    const raw = cobsDecode(seg);
    const end = (raw?.length ?? 0) - CRC_BYTES;
    if (!raw || end < HEADER_BYTES || crc32(raw.subarray(0, end)) !== new DataView(raw.buffer, raw.byteOffset).getUint32(end, true) || raw[0] !== PROTOCOL_VERSION) {
      problems.push(`the agent sent a damaged or wrong-version frame (${seg.length} B)`);
      continue;
    }
    answers.push({ type: raw[1], seq: raw[2] | (raw[3] << 8), body: raw.subarray(HEADER_BYTES, end), raw: raw.subarray(0, end) });
  }
  if (start !== out.length) problems.push('the agent left a frame unfinished');
  return answers;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.length).getUint32(at, true);

/** docs/protocol.md as a state machine: predicts and checks each answer of a sequence. */
export class ProtocolModel {
  private lastSeq = -1;
  private cached?: Uint8Array;
  private input0 = 0;
  traps = 0;
  private readonly kernels;

  /** `last`: the request the agent answered last (seq and decoded answer), when known. */
  constructor(private facts: AgentFacts, last?: { seq: number; answer: Uint8Array }) {
    this.kernels = decodeDescriptor(facts.descriptor).kernels;
    if (last) { this.lastSeq = last.seq; this.cached = last.answer; }
  }

  /** Checks the agent's `output` for `input`; returns what disagrees with the protocol. */
  check(input: Uint8Array, output: Uint8Array): string[] {
    const problems: string[] = [];
    const answers = parseAnswers(output, problems);
    let n = 0;
    const next = (what: string): Answer | undefined => {
      const a = answers[n++];
      if (!a) problems.push(`no answer to ${what}`);
      return a;
    };
    let start = 0;
    for (let i = 0; i < input.length; i++) {
      if (input[i] !== 0) continue;
      const seg = input.subarray(start, i);
      start = i + 1;
      if (!seg.length) continue;
      const s = receive(seg, this.facts.maxFrame);
      if (s.kind !== 'frame') {
        const a = next(`a ${s.kind === 'large' ? 'oversized' : 'damaged'} frame`);
        if (a && !(a.type === ERROR && a.seq === NO_SEQ && a.body[0] === (s.kind === 'large' ? E.TOO_LARGE : E.BAD_FRAME))) problems.push(`a ${s.kind} frame got ${hex(a.raw)}`);
        continue;
      }
      const raw = s.raw, type = raw[1], seq = u16(raw, 2), body = raw.subarray(HEADER_BYTES);
      const what = `request type 0x${type.toString(16)} seq ${seq} body ${hex(body).slice(0, 40)}`;
      const a = next(what);
      if (!a) continue;
      if (raw[0] !== PROTOCOL_VERSION) {
        if (!(a.type === ERROR && a.seq === seq && a.body[0] === E.BAD_VERSION)) problems.push(`wrong version: ${what} got ${hex(a.raw)}`);
        continue;
      }
      if (type !== CMD.HELLO && seq === this.lastSeq) {
        if (!this.cached || !same(a.raw, this.cached)) problems.push(`repeat of ${what}: not the cached answer ${this.cached && hex(this.cached).slice(0, 40)} but ${hex(a.raw).slice(0, 40)}`);
        continue;
      }
      if (a.seq !== seq) problems.push(`${what} answered with seq ${a.seq}`);
      const p = this.answer(type, body, a);
      if (p) problems.push(`${what}: ${p} (got ${hex(a.raw).slice(0, 80)})`);
      this.lastSeq = seq; this.cached = a.raw;
    }
    if (n < answers.length) problems.push(`${answers.length - n} answers too many`);
    return problems;
  }

  /** Why answer `a` to a new request is wrong, or undefined. */
  private answer(type: number, body: Uint8Array, a: Answer): string | undefined {
    const f = this.facts;
    const error = (code: number) => (a.type === ERROR && a.body[0] === code ? undefined : `expected error ${code}`);
    const ok = (len: number) => (a.type === (type | RESPONSE) && a.body.length === len ? undefined : `expected answer 0x${(type | RESPONSE).toString(16)} of ${len} B`);
    if (type === CMD.HELLO) {
      if (body.length !== 4) return error(E.BAD_REQUEST);
      return ok(HELLO_BODY) ?? (a.body[0] !== PROTOCOL_VERSION || u32(a.body, 1) !== u32(body, 0) || u16(a.body, 5) !== f.maxFrame
        || u16(a.body, 23) !== f.descriptor.length || u32(a.body, 25) !== this.traps ? 'HELLO fields' : undefined);
    }
    if (type === CMD.LOAD) {
      if (body.length < 4 || u32(body, 0) + body.length - 4 > f.inputCapacity) return error(E.BAD_REQUEST);
      if (u32(body, 0) === 0 && body.length > 4) this.input0 = body[4];
      return ok(8) ?? (u32(a.body, 0) !== u32(body, 0) || u32(a.body, 4) !== body.length - 4 ? 'LOAD echo' : undefined);
    }
    if (type === CMD.BENCH) return this.bench(body, a, error, ok);
    if (type === CMD.READ) {
      if (body.length !== 6) return error(E.BAD_REQUEST);
      const n = u16(body, 4);
      return n > f.maxFrame - 8 || u32(body, 0) + n > f.outputCapacity ? error(E.BAD_REQUEST) : ok(n);
    }
    if (type === CMD.INFO) {
      if (body.length !== 4) return error(E.BAD_REQUEST);
      const at = u16(body, 0), n = u16(body, 2);
      if (n > f.maxFrame - 8 || at + n > f.descriptor.length) return error(E.BAD_REQUEST);
      return ok(n) ?? (!same(a.body, f.descriptor.subarray(at, at + n)) ? 'INFO bytes differ from the descriptor' : undefined);
    }
    return error(E.UNKNOWN_COMMAND);
  }

  private bench(body: Uint8Array, a: Answer, error: (c: number) => string | undefined, ok: (n: number) => string | undefined): string | undefined {
    if (body.length !== 10) return error(E.BAD_REQUEST);
    const kernel = body[0], op = body[1], iterations = u16(body, 2), warmup = u16(body, 4), inLen = u32(body, 6);
    if (iterations < 1 || iterations > 64 || warmup > 16 || inLen > this.facts.inputCapacity) return error(E.BAD_REQUEST);
    const k = this.kernels[kernel];
    const trapped = a.type === ERROR && a.body[0] === E.TRAPPED;
    if (trapped) { this.traps++; this.input0 = 0; } // a new instance: its memory starts zeroed
    if (k?.name === 'null' && k.ops[op] === 'trap') return error(E.TRAPPED);
    if (trapped) return `kernel ${k?.name ?? kernel}:${k?.ops[op] ?? op} trapped (kernels must return a status)`;
    const bad = ok(BENCH_BODY);
    if (bad) return bad;
    const status = u32(a.body, 0) | 0, outLen = u32(a.body, 4);
    if (outLen !== Math.max(status, 0) || outLen > this.facts.outputCapacity) return `status ${status} with output_length ${outLen}`;
    if (u16(a.body, 44) !== iterations || a.body[46] !== 1) return `${k?.name}:${k?.ops[op]} iterations/consistent ${u16(a.body, 44)}/${a.body[46]}`;
    if (op === 0 && inLen === 1 && ATTEST_KEY[k?.name ?? ''] === this.input0 && status < 0) return `attestation failed with status ${status} (after ${this.traps} traps)`;
    return undefined;
  }
}

/** BENCH answer bytes that differ between boards by nature (stack bytes, counter ticks): zeroed
 *  before a device's answers are compared with the Node oracle's. Offsets in the decoded frame. */
export function maskBoardFields(raw: Uint8Array): Uint8Array {
  if (raw[1] !== (CMD.BENCH | RESPONSE) || raw.length < HEADER_BYTES + BENCH_BODY) return raw;
  const out = raw.slice();
  out.fill(0, HEADER_BYTES + 40, HEADER_BYTES + 44);
  out.fill(0, HEADER_BYTES + 48, HEADER_BYTES + 60);
  return out;
}
