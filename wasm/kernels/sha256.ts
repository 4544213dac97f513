// SHA-256 (FIPS 180-4 §6.2) with a streaming API over caller-owned state, used by the
// "sha256" kernel, by the agent core for output digests and by HMAC/HKDF.
// Not secret-dependent in control flow or indexing: safe for keyed use (HMAC).

import { load32be, store32be } from "../lib/bytes";
import { STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

export const NAME = "sha256";
export const OPS = "hash";
export const DIGEST_BYTES: i32 = 32;
/** Bytes of state: h[8] u32, block[64], total length u64, buffered count u32. */
export const STATE_BYTES: i32 = 32 + 64 + 8 + 8;

// FIPS 180-4 §4.2.2 round constants.
const K: usize = memory.data<u32>([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const W: usize = memory.data(64 * 4);
const ONESHOT: usize = memory.data(STATE_BYTES, 8);

// State layout offsets.
const H = 0;
const BLOCK = 32;
const TOTAL = 96;
const FILL = 104;

/** Compresses `nblocks` 64-byte blocks at p into the chaining value at h (§6.2.2). */
export function compress(h: usize, p: usize, nblocks: i32): void {
  for (; nblocks > 0; nblocks--, p += 64) {
    for (let t = 0; t < 16; t++) store<u32>(W + (t << 2), load32be(p + (t << 2)));
    for (let t = 16; t < 64; t++) {
      const w15 = load<u32>(W + ((t - 15) << 2));
      const w2 = load<u32>(W + ((t - 2) << 2));
      const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
      store<u32>(W + (t << 2), load<u32>(W + ((t - 16) << 2)) + s0 + load<u32>(W + ((t - 7) << 2)) + s1);
    }
    let a = load<u32>(h, 0), b = load<u32>(h, 4), c = load<u32>(h, 8), d = load<u32>(h, 12);
    let e = load<u32>(h, 16), f = load<u32>(h, 20), g = load<u32>(h, 24), hh = load<u32>(h, 28);
    for (let t = 0; t < 64; t++) {
      const t1 = hh + (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) + ((e & f) ^ (~e & g))
        + load<u32>(K + (t << 2)) + load<u32>(W + (t << 2));
      const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      hh = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    store<u32>(h, load<u32>(h, 0) + a, 0); store<u32>(h, load<u32>(h, 4) + b, 4);
    store<u32>(h, load<u32>(h, 8) + c, 8); store<u32>(h, load<u32>(h, 12) + d, 12);
    store<u32>(h, load<u32>(h, 16) + e, 16); store<u32>(h, load<u32>(h, 20) + f, 20);
    store<u32>(h, load<u32>(h, 24) + g, 24); store<u32>(h, load<u32>(h, 28) + hh, 28);
  }
}

export function sha256Init(st: usize): void {
  store<u32>(st + H, 0x6a09e667, 0); store<u32>(st + H, 0xbb67ae85, 4);
  store<u32>(st + H, 0x3c6ef372, 8); store<u32>(st + H, 0xa54ff53a, 12);
  store<u32>(st + H, 0x510e527f, 16); store<u32>(st + H, 0x9b05688c, 20);
  store<u32>(st + H, 0x1f83d9ab, 24); store<u32>(st + H, 0x5be0cd19, 28);
  store<u64>(st + TOTAL, 0);
  store<u32>(st + FILL, 0);
}

export function sha256Update(st: usize, p: usize, len: i32): void {
  store<u64>(st + TOTAL, load<u64>(st + TOTAL) + <u64>len);
  let fill = <i32>load<u32>(st + FILL);
  if (fill > 0) {
    const take = min(64 - fill, len);
    memory.copy(st + BLOCK + fill, p, take);
    fill += take; p += take; len -= take;
    if (fill < 64) { store<u32>(st + FILL, fill); return; }
    compress(st + H, st + BLOCK, 1);
    fill = 0;
  }
  const whole = len >> 6;
  compress(st + H, p, whole);
  p += whole << 6; len -= whole << 6;
  memory.copy(st + BLOCK, p, len);
  store<u32>(st + FILL, len);
}

/** Pads (§5.1.1), writes the 32-byte digest to out. */
export function sha256Final(st: usize, out: usize): void {
  const bits = load<u64>(st + TOTAL) << 3;
  let fill = <i32>load<u32>(st + FILL);
  store<u8>(st + BLOCK + fill++, 0x80);
  if (fill > 56) {
    memory.fill(st + BLOCK + fill, 0, 64 - fill);
    compress(st + H, st + BLOCK, 1);
    fill = 0;
  }
  memory.fill(st + BLOCK + fill, 0, 56 - fill);
  store32be(st + BLOCK + 56, <u32>(bits >>> 32));
  store32be(st + BLOCK + 60, <u32>bits);
  compress(st + H, st + BLOCK, 1);
  for (let i = 0; i < 8; i++) store32be(out + (i << 2), load<u32>(st + H + (i << 2)));
}

/** One-shot SHA-256 of len bytes at p into out (32 bytes). */
export function sha256(p: usize, len: i32, out: usize): void {
  sha256Init(ONESHOT);
  sha256Update(ONESHOT, p, len);
  sha256Final(ONESHOT, out);
}

/** Kernel entry. op 0 "hash": input = message, output = 32-byte digest. */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (outCap < DIGEST_BYTES) return STATUS_OUTPUT_TOO_SMALL;
  sha256(input, inLen, output);
  return DIGEST_BYTES;
}
