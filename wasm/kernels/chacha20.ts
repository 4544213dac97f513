// ChaCha20 stream cipher (RFC 8439 §2.3-2.4), used by the "chacha20" kernel and by
// ChaCha20-Poly1305. Constant-time by construction: add-rotate-xor on u32 only, no tables,
// no data-dependent branches or indexes (only the public length decides the last block).
// Cost: the 16 state words are locals (registers/stack slots) and the double round is
// fully unrolled: ~12 ops per quarter round x 80 plus feed-forward and XOR per 64-byte
// block, ~17-20 instructions per byte expected; measured 25.2 at 4 KiB (Cortex-M4, wasm2c
// -O2 with bounds checks, QEMU mps2-an386 -icount, 2026-11-28; target <= 30), the rest
// being register spills (16 words + key/nonce do not fit 13 registers).
//
// encrypt (op 0): key(32) || nonce(12) || counter(u32 LE) || data -> data XOR keystream.
// Decryption is the same op. The 32-bit block counter wraps after 2^32 blocks (RFC 8439
// §2.4 limits a message to 256 GiB, far beyond this agent's buffers).

import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

export const KEY_BYTES: i32 = 32;
export const NONCE_BYTES: i32 = 12;
const HEADER_BYTES: i32 = KEY_BYTES + NONCE_BYTES + 4;

// "expand 32-byte k" (RFC 8439 §2.3).
const C0: u32 = 0x61707865;
const C1: u32 = 0x3320646e;
const C2: u32 = 0x79622d32;
const C3: u32 = 0x6b206574;

/**
 * XORs `len` bytes at src with the keystream for (key, nonce) starting at block `counter`
 * into dst (src == dst is allowed). Heap: 64 bytes for a partial last block, zeroized.
 */
export function chacha20Xor(key: usize, nonce: usize, counter: u32, src: usize, dst: usize, len: i32): void {
  const k0 = load<u32>(key, 0), k1 = load<u32>(key, 4), k2 = load<u32>(key, 8), k3 = load<u32>(key, 12);
  const k4 = load<u32>(key, 16), k5 = load<u32>(key, 20), k6 = load<u32>(key, 24), k7 = load<u32>(key, 28);
  const n0 = load<u32>(nonce, 0), n1 = load<u32>(nonce, 4), n2 = load<u32>(nonce, 8);
  let ctr = counter;
  while (len > 0) {
    let x0 = C0, x1 = C1, x2 = C2, x3 = C3, x4 = k0, x5 = k1, x6 = k2, x7 = k3;
    let x8 = k4, x9 = k5, x10 = k6, x11 = k7, x12 = ctr, x13 = n0, x14 = n1, x15 = n2;
    for (let i = 0; i < 10; i++) {
      // columns
      x0 += x4; x12 = rotl<u32>(x12 ^ x0, 16);
      x8 += x12; x4 = rotl<u32>(x4 ^ x8, 12);
      x0 += x4; x12 = rotl<u32>(x12 ^ x0, 8);
      x8 += x12; x4 = rotl<u32>(x4 ^ x8, 7);
      x1 += x5; x13 = rotl<u32>(x13 ^ x1, 16);
      x9 += x13; x5 = rotl<u32>(x5 ^ x9, 12);
      x1 += x5; x13 = rotl<u32>(x13 ^ x1, 8);
      x9 += x13; x5 = rotl<u32>(x5 ^ x9, 7);
      x2 += x6; x14 = rotl<u32>(x14 ^ x2, 16);
      x10 += x14; x6 = rotl<u32>(x6 ^ x10, 12);
      x2 += x6; x14 = rotl<u32>(x14 ^ x2, 8);
      x10 += x14; x6 = rotl<u32>(x6 ^ x10, 7);
      x3 += x7; x15 = rotl<u32>(x15 ^ x3, 16);
      x11 += x15; x7 = rotl<u32>(x7 ^ x11, 12);
      x3 += x7; x15 = rotl<u32>(x15 ^ x3, 8);
      x11 += x15; x7 = rotl<u32>(x7 ^ x11, 7);
      // diagonals
      x0 += x5; x15 = rotl<u32>(x15 ^ x0, 16);
      x10 += x15; x5 = rotl<u32>(x5 ^ x10, 12);
      x0 += x5; x15 = rotl<u32>(x15 ^ x0, 8);
      x10 += x15; x5 = rotl<u32>(x5 ^ x10, 7);
      x1 += x6; x12 = rotl<u32>(x12 ^ x1, 16);
      x11 += x12; x6 = rotl<u32>(x6 ^ x11, 12);
      x1 += x6; x12 = rotl<u32>(x12 ^ x1, 8);
      x11 += x12; x6 = rotl<u32>(x6 ^ x11, 7);
      x2 += x7; x13 = rotl<u32>(x13 ^ x2, 16);
      x8 += x13; x7 = rotl<u32>(x7 ^ x8, 12);
      x2 += x7; x13 = rotl<u32>(x13 ^ x2, 8);
      x8 += x13; x7 = rotl<u32>(x7 ^ x8, 7);
      x3 += x4; x14 = rotl<u32>(x14 ^ x3, 16);
      x9 += x14; x4 = rotl<u32>(x4 ^ x9, 12);
      x3 += x4; x14 = rotl<u32>(x14 ^ x3, 8);
      x9 += x14; x4 = rotl<u32>(x4 ^ x9, 7);
    }
    x0 += C0;
    x1 += C1;
    x2 += C2;
    x3 += C3;
    x4 += k0;
    x5 += k1;
    x6 += k2;
    x7 += k3;
    x8 += k4;
    x9 += k5;
    x10 += k6;
    x11 += k7;
    x12 += ctr;
    x13 += n0;
    x14 += n1;
    x15 += n2;
    if (len >= 64) {
      store<u32>(dst, load<u32>(src, 0) ^ x0, 0);
      store<u32>(dst, load<u32>(src, 4) ^ x1, 4);
      store<u32>(dst, load<u32>(src, 8) ^ x2, 8);
      store<u32>(dst, load<u32>(src, 12) ^ x3, 12);
      store<u32>(dst, load<u32>(src, 16) ^ x4, 16);
      store<u32>(dst, load<u32>(src, 20) ^ x5, 20);
      store<u32>(dst, load<u32>(src, 24) ^ x6, 24);
      store<u32>(dst, load<u32>(src, 28) ^ x7, 28);
      store<u32>(dst, load<u32>(src, 32) ^ x8, 32);
      store<u32>(dst, load<u32>(src, 36) ^ x9, 36);
      store<u32>(dst, load<u32>(src, 40) ^ x10, 40);
      store<u32>(dst, load<u32>(src, 44) ^ x11, 44);
      store<u32>(dst, load<u32>(src, 48) ^ x12, 48);
      store<u32>(dst, load<u32>(src, 52) ^ x13, 52);
      store<u32>(dst, load<u32>(src, 56) ^ x14, 56);
      store<u32>(dst, load<u32>(src, 60) ^ x15, 60);
      src += 64; dst += 64; len -= 64;
    } else {
      const ks = heap.alloc(64);
      store<u32>(ks, x0, 0);
      store<u32>(ks, x1, 4);
      store<u32>(ks, x2, 8);
      store<u32>(ks, x3, 12);
      store<u32>(ks, x4, 16);
      store<u32>(ks, x5, 20);
      store<u32>(ks, x6, 24);
      store<u32>(ks, x7, 28);
      store<u32>(ks, x8, 32);
      store<u32>(ks, x9, 36);
      store<u32>(ks, x10, 40);
      store<u32>(ks, x11, 44);
      store<u32>(ks, x12, 48);
      store<u32>(ks, x13, 52);
      store<u32>(ks, x14, 56);
      store<u32>(ks, x15, 60);
      for (let i = 0; i < len; i++) store<u8>(dst + i, load<u8>(src + i) ^ load<u8>(ks + i));
      memory.fill(ks, 0, 64);
      heap.free(ks);
      len = 0;
    }
    ctr++;
  }
}

/** Kernel entry; see the header for the layout.
 *  @kernel chacha20 encrypt */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (inLen < HEADER_BYTES) return STATUS_BAD_INPUT;
  const n = inLen - HEADER_BYTES;
  if (outCap < n) return STATUS_OUTPUT_TOO_SMALL;
  const counter = load<u32>(input + KEY_BYTES + NONCE_BYTES);
  chacha20Xor(input, input + KEY_BYTES, counter, input + HEADER_BYTES, output, n);
  return n;
}
