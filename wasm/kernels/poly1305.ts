// Poly1305 one-time authenticator (RFC 8439 §2.5), used by the "poly1305" kernel and by
// ChaCha20-Poly1305. h and r in five 26-bit limbs so every product is a u32 x u32 -> u64
// multiply (one UMULL/UMLAL on Cortex-M3/M4) and sums of five products fit in u64.
// Constant-time: no data-dependent branches or indexes; the final reduction mod 2^130-5
// selects h or h-p with a mask. Cost: 25 multiplies + ~30 ops for carries and limb loads
// per 16-byte block, state in locals: measured 10.5 instructions per byte at 4 KiB
// (Cortex-M4, wasm2c -O2 with bounds checks, QEMU mps2-an386 -icount, 2026-11-28; target <= 15).
//
// mac (op 0): key(32) || message -> tag(16).

import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";
import { zeroize } from "../lib/bytes";

export const KEY_BYTES: i32 = 32;
export const TAG_BYTES: i32 = 16;
/** State: r[5] u32, h[5] u32, s (key half 2, 16 bytes), a 16-byte block buffer. */
export const STATE_BYTES: i32 = 20 + 20 + 16 + 16;

const R = 0;
const H = 20;
const S = 40;
const BLOCK = 56;
const M26: u32 = 0x3ffffff;

/** Loads the key: r clamped (§2.5.1) and split into 26-bit limbs, h = 0, s kept. */
export function poly1305Init(st: usize, key: usize): void {
  store<u32>(st + R, load<u32>(key, 0) & 0x3ffffff, 0);
  store<u32>(st + R, (load<u32>(key, 3) >> 2) & 0x3ffff03, 4);
  store<u32>(st + R, (load<u32>(key, 6) >> 4) & 0x3ffc0ff, 8);
  store<u32>(st + R, (load<u32>(key, 9) >> 6) & 0x3f03fff, 12);
  store<u32>(st + R, (load<u32>(key, 12) >> 8) & 0x00fffff, 16);
  memory.fill(st + H, 0, 20);
  memory.copy(st + S, key + 16, 16);
}

/**
 * h = (h + block + hibit * 2^128) * r mod 2^130-5 for `nblocks` 16-byte blocks at p.
 * hibit is 1 for whole blocks and 0 for a final block that carries its own 0x01 pad byte.
 */
export function poly1305Blocks(st: usize, p: usize, nblocks: i32, hibit: u32): void {
  const r0 = load<u32>(st + R, 0), r1 = load<u32>(st + R, 4), r2 = load<u32>(st + R, 8);
  const r3 = load<u32>(st + R, 12), r4 = load<u32>(st + R, 16);
  const s1 = r1 * 5, s2 = r2 * 5, s3 = r3 * 5, s4 = r4 * 5;
  let h0 = load<u32>(st + H, 0), h1 = load<u32>(st + H, 4), h2 = load<u32>(st + H, 8);
  let h3 = load<u32>(st + H, 12), h4 = load<u32>(st + H, 16);
  const hi = hibit << 24;
  for (; nblocks > 0; nblocks--, p += 16) {
    h0 += load<u32>(p, 0) & M26;
    h1 += (load<u32>(p, 3) >> 2) & M26;
    h2 += (load<u32>(p, 6) >> 4) & M26;
    h3 += (load<u32>(p, 9) >> 6) & M26;
    h4 += (load<u32>(p, 12) >> 8) | hi;
    // Limbs stay below 2^27 and r*5 below 2^29, so each sum of five products is < 2^59.
    const d0 = <u64>h0 * r0 + <u64>h1 * s4 + <u64>h2 * s3 + <u64>h3 * s2 + <u64>h4 * s1;
    let d1 = <u64>h0 * r1 + <u64>h1 * r0 + <u64>h2 * s4 + <u64>h3 * s3 + <u64>h4 * s2;
    let d2 = <u64>h0 * r2 + <u64>h1 * r1 + <u64>h2 * r0 + <u64>h3 * s4 + <u64>h4 * s3;
    let d3 = <u64>h0 * r3 + <u64>h1 * r2 + <u64>h2 * r1 + <u64>h3 * r0 + <u64>h4 * s4;
    let d4 = <u64>h0 * r4 + <u64>h1 * r3 + <u64>h2 * r2 + <u64>h3 * r1 + <u64>h4 * r0;
    h0 = <u32>d0 & M26; d1 += d0 >> 26;
    h1 = <u32>d1 & M26; d2 += d1 >> 26;
    h2 = <u32>d2 & M26; d3 += d2 >> 26;
    h3 = <u32>d3 & M26; d4 += d3 >> 26;
    h4 = <u32>d4 & M26;
    h0 += <u32>(d4 >> 26) * 5;
    h1 += h0 >> 26; h0 &= M26;
  }
  store<u32>(st + H, h0, 0); store<u32>(st + H, h1, 4); store<u32>(st + H, h2, 8);
  store<u32>(st + H, h3, 12); store<u32>(st + H, h4, 16);
}

/** Absorbs len bytes as whole blocks; a partial tail is zero-padded to 16 bytes (the
 *  AEAD construction of RFC 8439 §2.8, where pad16 bytes count as message bytes). */
export function poly1305UpdatePadded(st: usize, p: usize, len: i32): void {
  poly1305Blocks(st, p, len >> 4, 1);
  const rem = len & 15;
  if (rem == 0) return;
  memory.fill(st + BLOCK, 0, 16);
  memory.copy(st + BLOCK, p + (len & ~15), rem);
  poly1305Blocks(st, st + BLOCK, 1, 1);
}

/** Absorbs a whole message: full blocks, then the tail with its 0x01 byte (§2.5.1). */
export function poly1305UpdateFinal(st: usize, p: usize, len: i32): void {
  poly1305Blocks(st, p, len >> 4, 1);
  const rem = len & 15;
  if (rem == 0) return;
  memory.fill(st + BLOCK, 0, 16);
  memory.copy(st + BLOCK, p + (len & ~15), rem);
  store<u8>(st + BLOCK + rem, 1);
  poly1305Blocks(st, st + BLOCK, 1, 0);
}

/** Fully reduces h mod 2^130-5 in constant time, adds s and writes the 16-byte tag. */
export function poly1305Finish(st: usize, tag: usize): void {
  let h0 = load<u32>(st + H, 0), h1 = load<u32>(st + H, 4), h2 = load<u32>(st + H, 8);
  let h3 = load<u32>(st + H, 12), h4 = load<u32>(st + H, 16);
  h2 += h1 >> 26; h1 &= M26;
  h3 += h2 >> 26; h2 &= M26;
  h4 += h3 >> 26; h3 &= M26;
  h0 += (h4 >> 26) * 5; h4 &= M26;
  h1 += h0 >> 26; h0 &= M26;
  // g = h + 5 - 2^130; if g does not borrow (h >= p) the result is g, else h.
  let g0 = h0 + 5; let c = g0 >> 26; g0 &= M26;
  let g1 = h1 + c; c = g1 >> 26; g1 &= M26;
  let g2 = h2 + c; c = g2 >> 26; g2 &= M26;
  let g3 = h3 + c; c = g3 >> 26; g3 &= M26;
  const g4 = h4 + c - (1 << 26);
  const useG = (g4 >> 31) - 1; // all ones when g4 did not go negative
  const useH = ~useG;
  h0 = (h0 & useH) | (g0 & useG);
  h1 = (h1 & useH) | (g1 & useG);
  h2 = (h2 & useH) | (g2 & useG);
  h3 = (h3 & useH) | (g3 & useG);
  h4 = (h4 & useH) | (g4 & useG);
  // h mod 2^128 as four u32 words, plus s with carries.
  const w0 = h0 | (h1 << 26), w1 = (h1 >> 6) | (h2 << 20);
  const w2 = (h2 >> 12) | (h3 << 14), w3 = (h3 >> 18) | (h4 << 8);
  let f = <u64>w0 + load<u32>(st + S, 0); store<u32>(tag, <u32>f, 0);
  f = <u64>w1 + load<u32>(st + S, 4) + (f >> 32); store<u32>(tag, <u32>f, 4);
  f = <u64>w2 + load<u32>(st + S, 8) + (f >> 32); store<u32>(tag, <u32>f, 8);
  f = <u64>w3 + load<u32>(st + S, 12) + (f >> 32); store<u32>(tag, <u32>f, 12);
  zeroize(st, STATE_BYTES);
}

/** Kernel entry; see the header for the layout. Heap: STATE_BYTES (72).
 *  @kernel poly1305 mac */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (inLen < KEY_BYTES) return STATUS_BAD_INPUT;
  if (outCap < TAG_BYTES) return STATUS_OUTPUT_TOO_SMALL;
  const st = heap.alloc(STATE_BYTES);
  poly1305Init(st, input);
  poly1305UpdateFinal(st, input + KEY_BYTES, inLen - KEY_BYTES);
  poly1305Finish(st, output);
  return TAG_BYTES;
}
