// SHA-256 and SHA-224 (FIPS 180-4 §6.2, §6.3) with a streaming API over caller-owned state,
// used by the "sha256"/"sha224" kernels, by the agent core for output digests and by HMAC/HKDF.
// Not secret-dependent in control flow or indexing: safe for keyed use (HMAC).

import { load32be, store32be } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

export const NAME = "sha256";
export const OPS = "hash,stream";
export const DIGEST_BYTES: i32 = 32;
export const SHA224_DIGEST_BYTES: i32 = 28;
export const BLOCK_BYTES: i32 = 64;
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
const ONESHOT: usize = memory.data(STATE_BYTES, 8);

// State layout offsets.
const H = 0;
const BLOCK = 32;
const TOTAL = 96;
const FILL = 104;

// FIPS 180-4 §4.1.2 functions.
@inline function ch(x: u32, y: u32, z: u32): u32 { return z ^ (x & (y ^ z)); }
@inline function maj(x: u32, y: u32, z: u32): u32 { return (x & y) ^ (z & (x ^ y)); }
@inline function bigSigma0(x: u32): u32 { return rotr<u32>(x, 2) ^ rotr<u32>(x, 13) ^ rotr<u32>(x, 22); }
@inline function bigSigma1(x: u32): u32 { return rotr<u32>(x, 6) ^ rotr<u32>(x, 11) ^ rotr<u32>(x, 25); }
@inline function sigma0(x: u32): u32 { return rotr<u32>(x, 7) ^ rotr<u32>(x, 18) ^ (x >>> 3); }
@inline function sigma1(x: u32): u32 { return rotr<u32>(x, 17) ^ rotr<u32>(x, 19) ^ (x >>> 10); }

/**
 * Compresses `nblocks` 64-byte blocks at p into the chaining value at h (§6.2.2). The
 * schedule is 16 locals updated in place and the rounds are unrolled by 16, so W and a..h
 * live in registers/stack slots rather than masked linear memory on the device.
 */
export function compress(h: usize, p: usize, nblocks: i32): void {
  for (; nblocks > 0; nblocks--, p += 64) {
    let w0 = load32be(p), w1 = load32be(p + 4), w2 = load32be(p + 8), w3 = load32be(p + 12);
    let w4 = load32be(p + 16), w5 = load32be(p + 20), w6 = load32be(p + 24), w7 = load32be(p + 28);
    let w8 = load32be(p + 32), w9 = load32be(p + 36), w10 = load32be(p + 40), w11 = load32be(p + 44);
    let w12 = load32be(p + 48), w13 = load32be(p + 52), w14 = load32be(p + 56), w15 = load32be(p + 60);
    let a = load<u32>(h, 0), b = load<u32>(h, 4), c = load<u32>(h, 8), d = load<u32>(h, 12);
    let e = load<u32>(h, 16), f = load<u32>(h, 20), g = load<u32>(h, 24), hh = load<u32>(h, 28);
    for (let t = 0; t < 64; t += 16) {
      const k = K + (<usize>t << 2);
      // 16 rounds (§6.2.2 step 3); the a..h roles rotate instead of moving values
      hh += bigSigma1(e) + ch(e, f, g) + load<u32>(k, 0) + w0; d += hh; hh += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u32>(k, 4) + w1; c += g; g += bigSigma0(hh) + maj(hh, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u32>(k, 8) + w2; b += f; f += bigSigma0(g) + maj(g, hh, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u32>(k, 12) + w3; a += e; e += bigSigma0(f) + maj(f, g, hh);
      d += bigSigma1(a) + ch(a, b, c) + load<u32>(k, 16) + w4; hh += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(hh) + ch(hh, a, b) + load<u32>(k, 20) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, hh, a) + load<u32>(k, 24) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, hh) + load<u32>(k, 28) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
      hh += bigSigma1(e) + ch(e, f, g) + load<u32>(k, 32) + w8; d += hh; hh += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u32>(k, 36) + w9; c += g; g += bigSigma0(hh) + maj(hh, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u32>(k, 40) + w10; b += f; f += bigSigma0(g) + maj(g, hh, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u32>(k, 44) + w11; a += e; e += bigSigma0(f) + maj(f, g, hh);
      d += bigSigma1(a) + ch(a, b, c) + load<u32>(k, 48) + w12; hh += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(hh) + ch(hh, a, b) + load<u32>(k, 52) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, hh, a) + load<u32>(k, 56) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, hh) + load<u32>(k, 60) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
      if (t == 48) break;
      // message schedule (§6.2.2 step 1) in place: W[t] lives in w[t mod 16]
      w0 += sigma1(w14) + w9 + sigma0(w1);
      w1 += sigma1(w15) + w10 + sigma0(w2);
      w2 += sigma1(w0) + w11 + sigma0(w3);
      w3 += sigma1(w1) + w12 + sigma0(w4);
      w4 += sigma1(w2) + w13 + sigma0(w5);
      w5 += sigma1(w3) + w14 + sigma0(w6);
      w6 += sigma1(w4) + w15 + sigma0(w7);
      w7 += sigma1(w5) + w0 + sigma0(w8);
      w8 += sigma1(w6) + w1 + sigma0(w9);
      w9 += sigma1(w7) + w2 + sigma0(w10);
      w10 += sigma1(w8) + w3 + sigma0(w11);
      w11 += sigma1(w9) + w4 + sigma0(w12);
      w12 += sigma1(w10) + w5 + sigma0(w13);
      w13 += sigma1(w11) + w6 + sigma0(w14);
      w14 += sigma1(w12) + w7 + sigma0(w15);
      w15 += sigma1(w13) + w8 + sigma0(w0);
    }
    store<u32>(h, load<u32>(h, 0) + a, 0); store<u32>(h, load<u32>(h, 4) + b, 4);
    store<u32>(h, load<u32>(h, 8) + c, 8); store<u32>(h, load<u32>(h, 12) + d, 12);
    store<u32>(h, load<u32>(h, 16) + e, 16); store<u32>(h, load<u32>(h, 20) + f, 20);
    store<u32>(h, load<u32>(h, 24) + g, 24); store<u32>(h, load<u32>(h, 28) + hh, 28);
  }
}

function init(st: usize, h0: u32, h1: u32, h2: u32, h3: u32, h4: u32, h5: u32, h6: u32, h7: u32): void {
  store<u32>(st + H, h0, 0); store<u32>(st + H, h1, 4); store<u32>(st + H, h2, 8); store<u32>(st + H, h3, 12);
  store<u32>(st + H, h4, 16); store<u32>(st + H, h5, 20); store<u32>(st + H, h6, 24); store<u32>(st + H, h7, 28);
  store<u64>(st + TOTAL, 0);
  store<u32>(st + FILL, 0);
}

/** Initial hash value of SHA-256 (§5.3.3). */
export function sha256Init(st: usize): void {
  init(st, 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);
}

/** Initial hash value of SHA-224 (§5.3.2); then sha256Update and sha224Final. */
export function sha224Init(st: usize): void {
  init(st, 0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939, 0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4);
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

/** Pads (§5.1.1: 0x80, zeros, 64-bit big-endian bit length) and compresses the last block(s). */
function pad(st: usize): void {
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
}

/** Writes the 32-byte SHA-256 digest to out. */
export function sha256Final(st: usize, out: usize): void {
  pad(st);
  for (let i = 0; i < 8; i++) store32be(out + (i << 2), load<u32>(st + H + (i << 2)));
}

/** Writes the 28-byte SHA-224 digest (the first seven words, §6.3) to out. */
export function sha224Final(st: usize, out: usize): void {
  pad(st);
  for (let i = 0; i < 7; i++) store32be(out + (i << 2), load<u32>(st + H + (i << 2)));
}

/** One-shot SHA-256 of len bytes at p into out (32 bytes). */
export function sha256(p: usize, len: i32, out: usize): void {
  sha256Init(ONESHOT);
  sha256Update(ONESHOT, p, len);
  sha256Final(ONESHOT, out);
}

/** One-shot SHA-224 of len bytes at p into out (28 bytes). */
export function sha224(p: usize, len: i32, out: usize): void {
  sha224Init(ONESHOT);
  sha256Update(ONESHOT, p, len);
  sha224Final(ONESHOT, out);
}

/**
 * Kernels "sha256" and "sha224". op 0 "hash": message -> 32 / 28-byte digest.
 * op 1 "stream": chunk (u32 LE, > 0) || message -> the same digest, computed through
 * sha256Update in chunk-byte calls (for tests of the streaming API). Heap: 112 bytes (stream).
 */
function runSha2(is224: bool, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  const digestBytes = is224 ? SHA224_DIGEST_BYTES : DIGEST_BYTES;
  if (op != 0 && op != 1) return STATUS_UNKNOWN_OP;
  if (outCap < digestBytes) return STATUS_OUTPUT_TOO_SMALL;
  let chunk = inLen;
  if (op == 1) {
    if (inLen < 4 || load<u32>(input) == 0) return STATUS_BAD_INPUT;
    const c = load<u32>(input); input += 4; inLen -= 4;
    chunk = c < <u32>inLen ? <i32>c : inLen; // unsigned: a chunk past the message is the whole message
  }
  const st = op == 0 ? ONESHOT : heap.alloc(STATE_BYTES);
  if (is224) sha224Init(st); else sha256Init(st);
  for (let i = 0; i < inLen; i += chunk) sha256Update(st, input + i, min(chunk, inLen - i));
  if (is224) sha224Final(st, output); else sha256Final(st, output);
  return digestBytes;
}

/** Kernel entry of "sha256".
 *  @kernel sha256 hash,stream */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha2(false, op, input, inLen, output, outCap);
}

/** Kernel entry of "sha224".
 *  @kernel sha224 hash,stream */
export function runSha224(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha2(true, op, input, inLen, output, outCap);
}
