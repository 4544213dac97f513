// Length-field mutants of a kernel input, for the sweep that every kernel reads its length
// fields as unsigned (issue 13): each 32-bit word that looks like a length (little- or
// big-endian, at most the input's size) and the leading 8/16-bit fields are set to the values
// where a signed and an unsigned reading part or a sum overflows, and the input is cut short
// or extended. A kernel must answer every mutant with a status, never a trap.
import { KERNELS, createRng } from '../kernels/index.ts';

export interface Mutant { input: Uint8Array; what: string }

const U32_EDGES = [0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];

function withWord(input: Uint8Array, at: number, bytes: 1 | 2 | 4, value: number, bigEndian: boolean): Uint8Array {
  const out = input.slice();
  const v = new DataView(out.buffer);
  if (bytes === 1) v.setUint8(at, value & 0xff);
  else if (bytes === 2) v.setUint16(at, value & 0xffff, !bigEndian);
  else v.setUint32(at, value >>> 0, !bigEndian);
  return out;
}

/** The mutants of `input` (deterministic: the same input gives the same list). */
export function lengthMutants(input: Uint8Array): Mutant[] {
  const L = input.length, out: Mutant[] = [];
  const view = new DataView(input.buffer, input.byteOffset, L);
  for (let at = 0; at + 4 <= L; at++) {
    for (const be of [false, true]) {
      const v = view.getUint32(at, !be);
      if (v > L || (be && v === view.getUint32(at, true))) continue; // not a plausible length (or already tried)
      const values = new Set([v + 1, L - at, L - at + 1, 0x80000000 - v, 0x100000000 - v, ...U32_EDGES].filter((x) => x !== v));
      if (v > 0) values.add(v - 1);
      for (const x of values) out.push({ input: withWord(input, at, 4, x, be), what: `u32${be ? 'be' : 'le'}@${at} ${v} -> 0x${(x >>> 0).toString(16)}` });
    }
  }
  for (let at = 0; at < Math.min(L, 8); at++) {
    for (const x of [0, input[at] + 1, 0x7f, 0x80, 0xff]) {
      if (x !== input[at]) out.push({ input: withWord(input, at, 1, x, false), what: `u8@${at} ${input[at]} -> ${x & 0xff}` });
    }
    if (at + 2 <= L) {
      const v = view.getUint16(at, true);
      for (const x of [0, v + 1, 0x7fff, 0x8000, 0xffff]) {
        if (x !== v) out.push({ input: withWord(input, at, 2, x, false), what: `u16le@${at} ${v} -> ${x & 0xffff}` });
      }
    }
  }
  for (const n of new Set([0, 1, 4, L >> 1, L - 1].filter((n) => n >= 0 && n < L))) out.push({ input: input.slice(0, n), what: `cut to ${n} B` });
  for (const extra of [1, 64]) {
    const longer = new Uint8Array(L + extra).fill(0xa5);
    longer.set(input);
    out.push({ input: longer, what: `extended by ${extra} B` });
  }
  return out;
}

/** Seed inputs of one device op: the host registry's cases for it (first case of each
 *  parameter), and generic ones for ops the registry does not measure (e.g. `stream`): a u32
 *  length before a message, and plain messages. */
export function seedsFor(device: string, op: string): Uint8Array[] {
  const seeds: Uint8Array[] = [];
  for (const spec of KERNELS.filter((k) => k.device === device)) {
    for (const o of spec.ops.filter((x) => x.op === op)) {
      for (const param of o.params) seeds.push(o.makeCase(param, createRng(`${spec.id}/${o.op}/${param}/0`)).input);
    }
  }
  const rng = createRng(`lengths/${device}/${op}`);
  const prefixed = (n: number, chunk: number) => { const b = rng.bytes(4 + n); new DataView(b.buffer).setUint32(0, chunk, true); return b; };
  seeds.push(prefixed(64, 16), prefixed(200, 64), rng.bytes(32), rng.bytes(97));
  return seeds;
}

export interface LengthCase { kernelId: number; opId: number; kernel: string; op: string; mutant: Mutant }

/** Every length mutant of every seed of every op in the agent's kernel table, in a fixed order
 *  (an index names one case). The null kernel's deliberate `trap` op is left out. */
export function* lengthCases(table: { name: string; ops: string[] }[], maxInput: number): Generator<LengthCase> {
  for (const [kernelId, k] of table.entries()) {
    for (const [opId, op] of k.ops.entries()) {
      if (k.name === 'null' && op === 'trap') continue;
      for (const seed of seedsFor(k.name, op)) {
        for (const mutant of lengthMutants(seed)) if (mutant.input.length <= maxInput) yield { kernelId, opId, kernel: k.name, op, mutant };
      }
    }
  }
}
