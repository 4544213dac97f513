// X25519 Diffie-Hellman (RFC 7748 §5) on the field arithmetic of wasm/lib/fe25519.ts.
// Ops: keygen: scalar(32) -> public u(32) = X25519(k, 9);
//      shared: scalar(32) || peer u(32) -> shared(32); an all-zero result is STATUS_BAD_INPUT
//      (RFC 7748 §6.1: low-order peer point).
// Constant-time: Montgomery ladder over all 255 bits with a masked cswap (no branch or index
// on scalar bits), field ops without data-dependent branches, inversion by a fixed chain.
// Heap working set: ~0.6 KiB (ladder 8 x 40 B, clamped scalar, inversion and encoding temps).
// Stack: locals only (the unrolled multiply keeps ~40 values live).

import { FE_BYTES, feAddSub, feSubMulAdd, feMul, feSq, ctSwap, feSet, feCopy, feFromBytes,
  feToBytes, feInvert } from "../lib/fe25519";
import { zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const OP_KEYGEN = 0;
const OP_SHARED = 1;
/** (A - 2) / 4 for curve25519's A = 486662 (RFC 7748 §5). */
const A24: i32 = 121665;

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
    ctSwap(x2, x3, 2 * FE_BYTES, <u32>0 - swap); // (x_2, z_2) <-> (x_3, z_3): adjacent pairs
    swap = bit;
    // RFC 7748 §5 ladder step; the comments name its variables.
    feAddSub(a, b, x2, z2);     // A, B
    feAddSub(c, z3, x3, z3);    // C, D
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

/** Kernel entry (ops and layouts in the header). */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_KEYGEN && op != OP_SHARED) return STATUS_UNKNOWN_OP;
  if (outCap < 32) return STATUS_OUTPUT_TOO_SMALL;
  if (op == OP_KEYGEN) {
    if (inLen != 32) return STATUS_BAD_INPUT;
    const base = heap.alloc(32);
    memory.fill(base, 0, 32);
    store<u8>(base, 9);
    x25519(output, input, base);
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
