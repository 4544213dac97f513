// Deterministic CBOR (RFC 8949 §4.2.1) for attestation: an encoder that sorts map keys by
// their encoded bytes and uses shortest heads, and a decoder that by default rejects anything
// a deterministic encoder would not produce (evidence is signed bytes: one encoding only).
import { CapmarkError } from '../errors.ts';

export type CborValue = number | bigint | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap | Tagged;
export type CborMap = Map<number | string, CborValue>;
export class Tagged { constructor(readonly tag: number, readonly value: CborValue) {} }

const bad = (what: string) => new CapmarkError('CBOR', `malformed CBOR: ${what}`);

function head(major: number, v: number | bigint): Uint8Array {
  const n = BigInt(v), m = major << 5;
  if (n < 24n) return Uint8Array.of(m | Number(n));
  if (n < 0x100n) return Uint8Array.of(m | 24, Number(n));
  if (n < 0x10000n) return Uint8Array.of(m | 25, Number(n >> 8n), Number(n & 0xffn));
  const size = n < 0x100000000n ? 4 : 8, out = new Uint8Array(1 + size);
  out[0] = m | (size === 4 ? 26 : 27);
  for (let i = 0; i < size; i++) out[size - i] = Number((n >> BigInt(8 * i)) & 0xffn);
  return out;
}

const cat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

const compareBytes = (a: Uint8Array, b: Uint8Array) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
};

/** Deterministic encoding of v (integers, byte/text strings, arrays, Maps, Tagged, simple values). */
export function encode(v: CborValue): Uint8Array {
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (typeof v === 'number' && !Number.isSafeInteger(v)) throw new CapmarkError('CBOR', `cannot encode ${v}: only integers`);
    const n = BigInt(v);
    return n >= 0n ? head(0, n) : head(1, -1n - n);
  }
  if (v instanceof Uint8Array) return cat([head(2, v.length), v]);
  if (typeof v === 'string') { const b = new TextEncoder().encode(v); return cat([head(3, b.length), b]); }
  if (Array.isArray(v)) return cat([head(4, v.length), ...v.map(encode)]);
  if (v instanceof Map) {
    const entries = [...v].map(([k, x]) => [encode(k), encode(x)] as const).sort((a, b) => compareBytes(a[0], b[0]));
    return cat([head(5, entries.length), ...entries.flat()]);
  }
  if (v instanceof Tagged) return cat([head(6, v.tag), encode(v.value)]);
  if (v === false) return Uint8Array.of(0xf4);
  if (v === true) return Uint8Array.of(0xf5);
  if (v === null) return Uint8Array.of(0xf6);
  return Uint8Array.of(0xf7);
}

/** Decodes exactly one item spanning all of `bytes`. */
export function decode(bytes: Uint8Array): CborValue {
  const r = { at: 0 };
  const v = item(bytes, r, 0);
  if (r.at !== bytes.length) throw bad(`${bytes.length - r.at} bytes after the item`);
  return v;
}

const MAX_DEPTH = 16;

function argument(b: Uint8Array, r: { at: number }, info: number): bigint {
  if (info < 24) return BigInt(info);
  const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
  if (!size) throw bad(`additional info ${info} (indefinite lengths are not deterministic)`);
  if (r.at + size > b.length) throw bad('truncated head');
  let n = 0n;
  for (let i = 0; i < size; i++) n = (n << 8n) | BigInt(b[r.at++]);
  const min = size === 1 ? 24n : size === 2 ? 0x100n : size === 4 ? 0x10000n : 0x100000000n;
  if (n < min) throw bad('argument not in its shortest form');
  return n;
}

const toNumber = (n: bigint) => (n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n);

function length(n: bigint, b: Uint8Array, r: { at: number }): number {
  if (n > BigInt(b.length - r.at)) throw bad('length beyond the end of the input');
  return Number(n);
}

function item(b: Uint8Array, r: { at: number }, depth: number): CborValue {
  if (depth > MAX_DEPTH) throw bad('nested too deeply');
  if (r.at >= b.length) throw bad('truncated');
  const ib = b[r.at++], major = ib >> 5, info = ib & 31;
  if (major === 7) {
    const simple: Record<number, CborValue> = { 20: false, 21: true, 22: null, 23: undefined };
    if (!(info in simple)) throw bad(`simple value or float ${info} (not used in attestation)`);
    return simple[info];
  }
  const n = argument(b, r, info);
  switch (major) {
    case 0: return toNumber(n);
    case 1: return toNumber(-1n - n);
    case 2: { const len = length(n, b, r); const v = b.slice(r.at, r.at + len); r.at += len; return v; }
    case 3: {
      const len = length(n, b, r);
      let s: string;
      try { s = new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(r.at, r.at + len)); } catch { throw bad('text string is not UTF-8'); }
      r.at += len;
      return s;
    }
    case 4: { const len = length(n, b, r); return Array.from({ length: len }, () => item(b, r, depth + 1)); }
    case 5: {
      const len = length(n, b, r), m: CborMap = new Map();
      let prev: Uint8Array | undefined;
      for (let i = 0; i < len; i++) {
        const start = r.at, k = item(b, r, depth + 1), kBytes = b.subarray(start, r.at);
        if (typeof k !== 'number' && typeof k !== 'string') throw bad('map key is not an integer or text');
        if (prev && compareBytes(prev, kBytes) >= 0) throw bad('map keys not in deterministic order or repeated');
        prev = kBytes;
        m.set(k, item(b, r, depth + 1));
      }
      return m;
    }
    default: return new Tagged(Number(n), item(b, r, depth + 1));
  }
}
