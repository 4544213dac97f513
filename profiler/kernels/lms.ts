// LMS/HSS verification kernels (RFC 8554, NIST SP 800-208). No npm LMS implementation exists,
// so cases are signed here from the RFC's definitions with node:crypto SHA-256 (this signer is
// checked against RFC 8554 Appendix F and ACVP in tests/wasm/lms.test.ts). To keep case
// generation fast for tall trees, a key's tree holds one real leaf (the signing LM-OTS key)
// and random sibling nodes; the root computed from them is the public key. Verification does
// exactly the work it does for a fully generated tree (it sees only the leaf and the path).
// Security strength: a forgery needs a second preimage of the n-byte hash, not a collision
// (SP 800-208 §9.2: collisions in SHA-256/192 only let the signer equivocate), so n bytes give
// 8n bits: 256 for SHA-256 (n = 32), 192 for SHA-256/192 (n = 24), as FIPS 205 Table 2 rates
// the hash-based SLH-DSA by n (16/24/32 bytes = 128/192/256). Quantum strength is taken equal,
// as for the hashes (profiler/kernels/hashes.ts, NIST PQC categories).
import { createHash } from 'node:crypto';
import type { KernelSpec, Rng } from './types.ts';
import { concat } from './rng.ts';

export const VERIFY_TAMPERED = 1;

export interface OtsParams { type: number; n: number; w: number; p: number; ls: number }
export interface LmsParams { type: number; m: number; h: number }

const u32 = (v: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v); return b; };
const u16 = (v: number) => new Uint8Array([v >> 8, v & 0xff]);
const u8 = (v: number) => new Uint8Array([v]);
const D_PBLC = 0x8080, D_MESG = 0x8181, D_LEAF = 0x8282, D_INTR = 0x8383;

/** LM-OTS parameters (RFC 8554 Table 1; SP 800-208 §4.1 for n = 24). */
export function otsParams(type: number): OtsParams {
  const n = type <= 4 ? 32 : 24, w = 1 << ((type - 1) & 3);
  const u = (8 * n) / w, v = Math.ceil(((((1 << w) - 1) * u).toString(2).length) / w);
  return { type, n, w, p: u + v, ls: 16 - v * w };
}
/** LMS parameters (RFC 8554 Table 2; SP 800-208 §4.2 for m = 24). */
export const lmsParams = (type: number): LmsParams =>
  ({ type, m: type <= 9 ? 32 : 24, h: 5 * (type <= 9 ? type - 4 : type - 9) });

const hash = (n: number, ...parts: Uint8Array[]) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest().subarray(0, n));
};
const coef = (s: Uint8Array, i: number, w: number) =>
  ((1 << w) - 1) & (s[Math.floor((i * w) / 8)] >> (8 - (w * (i % (8 / w)) + w)));

function withChecksum(o: OtsParams, q: Uint8Array): Uint8Array {
  let sum = 0;
  for (let i = 0; i < (8 * o.n) / o.w; i++) sum += (1 << o.w) - 1 - coef(q, i, o.w);
  return concat(q, u16((sum << o.ls) & 0xffff));
}

const chain = (o: OtsParams, I: Uint8Array, q: number, i: number, x: Uint8Array, from: number, to: number) => {
  let tmp = x;
  for (let j = from; j < to; j++) tmp = hash(o.n, I, u32(q), u16(i), u8(j), tmp);
  return tmp;
};

/** One LMS key pair with a single usable leaf q; sign() gives the LMS signature of a message. */
export function lmsKey(lms: LmsParams, ots: OtsParams, rng: Rng) {
  const I = rng.bytes(16), seed = rng.bytes(ots.n), q = rng.int(1 << lms.h);
  const x = Array.from({ length: ots.p }, (_, i) => hash(ots.n, I, u32(q), u16(i), u8(0xff), seed));
  const K = hash(ots.n, I, u32(q), u16(D_PBLC), ...x.map((xi, i) => chain(ots, I, q, i, xi, 0, (1 << ots.w) - 1)));
  const path = Array.from({ length: lms.h }, () => rng.bytes(lms.m));
  let node = (1 << lms.h) + q;
  let tmp = hash(lms.m, I, u32(node), u16(D_LEAF), K);
  for (const sibling of path) {
    tmp = node & 1 ? hash(lms.m, I, u32(node >> 1), u16(D_INTR), sibling, tmp)
      : hash(lms.m, I, u32(node >> 1), u16(D_INTR), tmp, sibling);
    node >>= 1;
  }
  const publicKey = concat(u32(lms.type), u32(ots.type), I, tmp);
  const sign = (msg: Uint8Array) => {
    const C = rng.bytes(ots.n);
    const Q = withChecksum(ots, hash(ots.n, I, u32(q), u16(D_MESG), C, msg));
    const y = x.map((xi, i) => chain(ots, I, q, i, xi, 0, coef(Q, i, ots.w)));
    return concat(u32(q), u32(ots.type), C, ...y, u32(lms.type), ...path);
  };
  return { publicKey, sign };
}

/** An HSS key of `levels` levels (same parameters at every level) and its signature of msg. */
export function hssSign(levels: number, lms: LmsParams, ots: OtsParams, msg: Uint8Array, rng: Rng) {
  const keys = Array.from({ length: levels }, () => lmsKey(lms, ots, rng));
  const parts: Uint8Array[] = [u32(levels - 1)];
  for (let i = 0; i + 1 < levels; i++) parts.push(keys[i].sign(keys[i + 1].publicKey), keys[i + 1].publicKey);
  parts.push(keys[levels - 1].sign(msg));
  return { publicKey: concat(u32(levels), keys[0].publicKey), signature: concat(...parts) };
}

const MSG_BYTES = 256; // a firmware-image digest plus manifest fields

function lmsKernel(id: string, algorithm: string, levels: number, lmsType: number, otsType: number): KernelSpec {
  const lms = lmsParams(lmsType), ots = otsParams(otsType);
  const bits = 8 * ots.n;
  return {
    id, device: 'lms', algorithm, kind: 'signature', standard: 'RFC 8554 / NIST SP 800-208',
    securityBits: bits, quantumSecurityBits: bits,
    ops: [{
      op: 'verify', paramName: 'none', params: [0, VERIFY_TAMPERED], variants: { [VERIFY_TAMPERED]: 'tampered message' }, secret: false, heapBytes: 624, // 512 B (lms.ts header) + a one-shot SHA-256 state
      makeCase: (p, rng) => {
        const msg = rng.bytes(MSG_BYTES);
        const { publicKey, signature } = hssSign(levels, lms, ots, msg, rng);
        if (p !== VERIFY_TAMPERED) return { input: concat(publicKey, signature, msg), expected: new Uint8Array([1]) };
        const bad = msg.slice();
        bad[0] ^= 0x01; // the whole verification runs, the root comparison fails
        return { input: concat(publicKey, signature, bad), expectedStatus: -2 };
      },
    }],
  };
}

// Type codes: LMS_SHA256_M32_H5..H25 = 5..9, LMS_SHA256_M24_H5..H25 = 10..14;
// LMOTS_SHA256_N32_W1..W8 = 1..4, LMOTS_SHA256_N24_W1..W8 = 5..8.
export const lmsKernels: KernelSpec[] = [
  lmsKernel('lms-sha256-h10-w1', 'LMS SHA-256 M32 H10, LM-OTS W1', 1, 6, 1),
  lmsKernel('lms-sha256-h10-w2', 'LMS SHA-256 M32 H10, LM-OTS W2', 1, 6, 2),
  lmsKernel('lms-sha256-h10-w4', 'LMS SHA-256 M32 H10, LM-OTS W4', 1, 6, 3),
  lmsKernel('lms-sha256-h10-w8', 'LMS SHA-256 M32 H10, LM-OTS W8', 1, 6, 4),
  lmsKernel('lms-sha256-h15-w4', 'LMS SHA-256 M32 H15, LM-OTS W4', 1, 7, 3),
  lmsKernel('lms-sha256-h20-w8', 'LMS SHA-256 M32 H20, LM-OTS W8', 1, 8, 4),
  lmsKernel('lms-sha256-192-h10-w4', 'LMS SHA-256/192 M24 H10, LM-OTS W4', 1, 11, 7),
  lmsKernel('hss-sha256-l2-h10-w4', 'HSS L=2, LMS SHA-256 M32 H10, LM-OTS W4', 2, 6, 3),
];
