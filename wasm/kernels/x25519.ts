// X25519 Diffie-Hellman (RFC 7748 §5) on the field arithmetic of wasm/lib/fe25519.ts.
// Ops: keygen: scalar(32) -> public u(32) = X25519(k, 9);
//      shared: scalar(32) || peer u(32) -> shared(32); an all-zero result is STATUS_BAD_INPUT
//      (RFC 7748 §6.1: low-order peer point).
// Constant-time: shared uses the Montgomery ladder over all 255 bits with a masked cswap
// (merged into the step's first additions; no branch or index on scalar bits); keygen uses
// the Ed25519 fixed-base comb (table scanned in full under masks) and the birational map;
// field ops have no data-dependent branches, and inversion is a fixed chain.
// Cost (`capmark profile --board mps2-an386`, 2026-11-28: exact instructions in QEMU, wasm2c
// 1.0.32 bounds=mask, gcc 12.2 -O2): keygen 1.22 M, shared 1.42 M. Working set: heap ~1.0 KiB
// keygen (comb temporaries), ~0.7 KiB shared (ladder 8 x 40 B, clamped scalar, inversion and
// encoding temporaries); native stack 956 B keygen, 612 B shared (same run).
// Both ops executed the same instruction count for four different scalars / peer keys
// (one-off QEMU harness, same toolchain).

import { FE_BYTES, feAddSub, feSubMulAdd, feMul, feSq, ctSwap, feSet, feCopy, feFromBytes,
  feToBytes, feInvert } from "../lib/fe25519";
import { POINT_BYTES, geBegin, geScalarMulBase } from "../lib/ge25519";
import { zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const OP_KEYGEN = 0;
const OP_SHARED = 1;
/** (A - 2) / 4 for curve25519's A = 486662 (RFC 7748 §5). */
const A24: i32 = 121665;

/** A, B (into a, b) and C, D (into c, d) of the ladder step, from (x_2, z_2) and (x_3, z_3)
 *  exchanged under mask: the cswap of RFC 7748 §5 merged into the first additions. The
 *  exchanged values are never stored, as the step overwrites all four coordinates. d may
 *  alias z3 (limb i is read before it is written). */
function cswapAddSub(a: usize, b: usize, c: usize, d: usize,
  x2: usize, z2: usize, x3: usize, z3: usize, mask: u32): void {
  const m = <i32>mask;
  for (let i: usize = 0; i < <usize>FE_BYTES; i += 4) {
    const p = load<i32>(x2 + i), q = load<i32>(x3 + i), r = load<i32>(z2 + i), t = load<i32>(z3 + i);
    const dx = (p ^ q) & m, dz = (r ^ t) & m;
    const sx2 = p ^ dx, sx3 = q ^ dx, sz2 = r ^ dz, sz3 = t ^ dz;
    store<i32>(a + i, sx2 + sz2); store<i32>(b + i, sx2 - sz2);
    store<i32>(c + i, sx3 + sz3); store<i32>(d + i, sx3 - sz3);
  }
}

/** out = X25519(k, u) (RFC 7748 §5): k and u are 32-byte little-endian strings. */
export function x25519(out: usize, k: usize, u: usize): void {
  const s = heap.alloc(32);
  memory.copy(s, k, 32);
  // Clamp (decodeScalar25519): clear the 3 low bits and bit 255, set bit 254.
  store<u8>(s, load<u8>(s) & 248);
  store<u8>(s + 31, (load<u8>(s + 31) & 127) | 64);

  const w = heap.alloc(8 * FE_BYTES);
  const F: usize = <usize>FE_BYTES;
  const x1 = w, x2 = w + F, z2 = w + 2 * F, x3 = w + 3 * F, z3 = w + 4 * F;
  const a = w + 5 * F, b = w + 6 * F, c = w + 7 * F;
  feFromBytes(x1, u);
  feSet(x2, 1); feSet(z2, 0); feCopy(x3, x1); feSet(z3, 1);

  let swap: u32 = 0;
  for (let t = 254; t >= 0; t--) {
    const bit = (<u32>load<u8>(s + (t >> 3)) >>> (t & 7)) & 1;
    swap ^= bit;
    // RFC 7748 §5 ladder step; the comments name its variables.
    cswapAddSub(a, b, c, z3, x2, z2, x3, z3, <u32>0 - swap); // cswap; A, B, C, D
    swap = bit;
    feMul(z3, z3, a);           // DA
    feMul(c, c, b);             // CB
    feSq(a, a);                 // AA
    feSq(b, b);                 // BB
    feAddSub(x3, z3, z3, c);    // DA + CB, DA - CB
    feSq(x3, x3);               // x_3 = (DA + CB)^2
    feSq(z3, z3);
    feMul(z3, z3, x1);          // z_3 = x_1 * (DA - CB)^2
    feMul(x2, a, b);            // x_2 = AA * BB
    feSubMulAdd(b, a, a, b, A24); // E = AA - BB, AA + a24 * E
    feMul(z2, b, a);            // z_2 = E * (AA + a24 * E)
  }
  ctSwap(x2, x3, 2 * FE_BYTES, <u32>0 - swap);
  feInvert(z2, z2);
  feMul(x2, x2, z2);
  feToBytes(out, x2);
  zeroize(s, 32);
  zeroize(w, 8 * FE_BYTES);
}

/** out = X25519(k, 9) through Edwards: u(9) is the image of the Ed25519 base point B, so the
 *  public key is u = (1 + y) / (1 - y) of [clamp(k)]B (RFC 7748 §4.1 birational map), with
 *  the constant-time fixed-base comb of ge25519.ts (about 2/3 of the ladder's cost). */
function x25519Base(out: usize, k: usize): void {
  const s = heap.alloc(32);
  memory.copy(s, k, 32);
  store<u8>(s, load<u8>(s) & 248);
  store<u8>(s + 31, (load<u8>(s + 31) & 127) | 64);
  geBegin();
  const p = heap.alloc(POINT_BYTES), n = heap.alloc(2 * FE_BYTES), d = n + FE_BYTES;
  geScalarMulBase(p, s);
  // In extended coordinates y = Y/Z: u = (Z + Y) / (Z - Y).
  feAddSub(n, d, p + 2 * FE_BYTES, p + FE_BYTES);
  feInvert(d, d);
  feMul(n, n, d);
  feToBytes(out, n);
  zeroize(s, 32);
  zeroize(p, POINT_BYTES);
}

/** Kernel entry (ops and layouts in the header).
 *  @kernel x25519 keygen,shared */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_KEYGEN && op != OP_SHARED) return STATUS_UNKNOWN_OP;
  if (outCap < 32) return STATUS_OUTPUT_TOO_SMALL;
  if (op == OP_KEYGEN) {
    if (inLen != 32) return STATUS_BAD_INPUT;
    x25519Base(output, input);
    return 32;
  }
  if (inLen != 64) return STATUS_BAD_INPUT;
  x25519(output, input, input + 32);
  // RFC 7748 §6.1: reject the all-zero shared secret (a low-order peer point). The OR is over
  // the whole output; only the verdict, which the caller learns anyway, is branched on.
  let acc: u32 = 0;
  for (let i = 0; i < 32; i++) acc |= load<u8>(output + i);
  if (acc == 0) return STATUS_BAD_INPUT;
  return 32;
}
