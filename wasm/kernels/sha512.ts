// SHA-512 and SHA-384 (FIPS 180-4 §6.4, §6.5) with a streaming API over caller-owned state,
// the same shape as sha256.ts: used by the sha384/sha512 kernels, HMAC/HKDF and Ed25519.
// Not secret-dependent in control flow or indexing: safe for keyed use (HMAC, Ed25519 nonces).

import { load64be, store64be } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

/** Bytes of state: h[8] u64, block[128], total length u64 (bytes), buffered count u32. */
export const SHA512_STATE_BYTES: i32 = 64 + 128 + 8 + 8;
export const SHA512_DIGEST_BYTES: i32 = 64;
export const SHA384_DIGEST_BYTES: i32 = 48;
export const SHA512_BLOCK_BYTES: i32 = 128;

// FIPS 180-4 §4.2.3 round constants.
const K: usize = memory.data<u64>([
  0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc, 0x3956c25bf348b538,
  0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118, 0xd807aa98a3030242, 0x12835b0145706fbe,
  0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2, 0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235,
  0xc19bf174cf692694, 0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
  0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5, 0x983e5152ee66dfab,
  0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4, 0xc6e00bf33da88fc2, 0xd5a79147930aa725,
  0x06ca6351e003826f, 0x142929670a0e6e70, 0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed,
  0x53380d139d95b3df, 0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
  0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30, 0xd192e819d6ef5218,
  0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8, 0x19a4c116b8d2d0c8, 0x1e376c085141ab53,
  0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8, 0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373,
  0x682e6ff3d6b2b8a3, 0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
  0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b, 0xca273eceea26619c,
  0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178, 0x06f067aa72176fba, 0x0a637dc5a2c898a6,
  0x113f9804bef90dae, 0x1b710b35131c471b, 0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc,
  0x431d67c49c100d4c, 0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
]);

// State layout offsets.
const H = 0;
const BLOCK = 64;
const TOTAL = 192;
const FILL = 200;

// FIPS 180-4 §4.1.3 functions.
@inline function ch(x: u64, y: u64, z: u64): u64 { return z ^ (x & (y ^ z)); }
@inline function maj(x: u64, y: u64, z: u64): u64 { return (x & y) ^ (z & (x ^ y)); }
@inline function bigSigma0(x: u64): u64 { return rotr<u64>(x, 28) ^ rotr<u64>(x, 34) ^ rotr<u64>(x, 39); }
@inline function bigSigma1(x: u64): u64 { return rotr<u64>(x, 14) ^ rotr<u64>(x, 18) ^ rotr<u64>(x, 41); }
@inline function sigma0(x: u64): u64 { return rotr<u64>(x, 1) ^ rotr<u64>(x, 8) ^ (x >>> 7); }
@inline function sigma1(x: u64): u64 { return rotr<u64>(x, 19) ^ rotr<u64>(x, 61) ^ (x >>> 6); }

/**
 * Compresses `nblocks` 128-byte blocks at p into the chaining value at h (§6.4.2). The
 * schedule is 16 locals updated in place and the rounds are unrolled by 16, so W and a..h
 * stay in registers/stack slots instead of masked linear memory on the device.
 */
function compress(h: usize, p: usize, nblocks: i32): void {
  for (; nblocks > 0; nblocks--, p += 128) {
    let w0 = load64be(p), w1 = load64be(p + 8), w2 = load64be(p + 16), w3 = load64be(p + 24);
    let w4 = load64be(p + 32), w5 = load64be(p + 40), w6 = load64be(p + 48), w7 = load64be(p + 56);
    let w8 = load64be(p + 64), w9 = load64be(p + 72), w10 = load64be(p + 80), w11 = load64be(p + 88);
    let w12 = load64be(p + 96), w13 = load64be(p + 104), w14 = load64be(p + 112), w15 = load64be(p + 120);
    let a = load<u64>(h, 0), b = load<u64>(h, 8), c = load<u64>(h, 16), d = load<u64>(h, 24);
    let e = load<u64>(h, 32), f = load<u64>(h, 40), g = load<u64>(h, 48), hh = load<u64>(h, 56);
    for (let t = 0; t < 80; t += 16) {
      const k = K + (<usize>t << 3);
      // 16 rounds (§6.4.2 step 3); the a..h roles rotate instead of moving values
      hh += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 0) + w0; d += hh; hh += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 8) + w1; c += g; g += bigSigma0(hh) + maj(hh, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 16) + w2; b += f; f += bigSigma0(g) + maj(g, hh, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 24) + w3; a += e; e += bigSigma0(f) + maj(f, g, hh);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 32) + w4; hh += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(hh) + ch(hh, a, b) + load<u64>(k, 40) + w5; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, hh, a) + load<u64>(k, 48) + w6; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, hh) + load<u64>(k, 56) + w7; e += a; a += bigSigma0(b) + maj(b, c, d);
      hh += bigSigma1(e) + ch(e, f, g) + load<u64>(k, 64) + w8; d += hh; hh += bigSigma0(a) + maj(a, b, c);
      g += bigSigma1(d) + ch(d, e, f) + load<u64>(k, 72) + w9; c += g; g += bigSigma0(hh) + maj(hh, a, b);
      f += bigSigma1(c) + ch(c, d, e) + load<u64>(k, 80) + w10; b += f; f += bigSigma0(g) + maj(g, hh, a);
      e += bigSigma1(b) + ch(b, c, d) + load<u64>(k, 88) + w11; a += e; e += bigSigma0(f) + maj(f, g, hh);
      d += bigSigma1(a) + ch(a, b, c) + load<u64>(k, 96) + w12; hh += d; d += bigSigma0(e) + maj(e, f, g);
      c += bigSigma1(hh) + ch(hh, a, b) + load<u64>(k, 104) + w13; g += c; c += bigSigma0(d) + maj(d, e, f);
      b += bigSigma1(g) + ch(g, hh, a) + load<u64>(k, 112) + w14; f += b; b += bigSigma0(c) + maj(c, d, e);
      a += bigSigma1(f) + ch(f, g, hh) + load<u64>(k, 120) + w15; e += a; a += bigSigma0(b) + maj(b, c, d);
      if (t == 64) break;
      // message schedule (§6.4.2 step 1) in place: W[t] lives in w[t mod 16]
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
    store<u64>(h, load<u64>(h, 0) + a, 0); store<u64>(h, load<u64>(h, 8) + b, 8);
    store<u64>(h, load<u64>(h, 16) + c, 16); store<u64>(h, load<u64>(h, 24) + d, 24);
    store<u64>(h, load<u64>(h, 32) + e, 32); store<u64>(h, load<u64>(h, 40) + f, 40);
    store<u64>(h, load<u64>(h, 48) + g, 48); store<u64>(h, load<u64>(h, 56) + hh, 56);
  }
}

function init(st: usize, h0: u64, h1: u64, h2: u64, h3: u64, h4: u64, h5: u64, h6: u64, h7: u64): void {
  store<u64>(st + H, h0, 0); store<u64>(st + H, h1, 8); store<u64>(st + H, h2, 16); store<u64>(st + H, h3, 24);
  store<u64>(st + H, h4, 32); store<u64>(st + H, h5, 40); store<u64>(st + H, h6, 48); store<u64>(st + H, h7, 56);
  store<u64>(st + TOTAL, 0);
  store<u32>(st + FILL, 0);
}

/** Initial hash value of SHA-512 (§5.3.5). */
export function sha512Init(st: usize): void {
  init(st, 0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179);
}

/** Initial hash value of SHA-384 (§5.3.4); then sha512Update and sha384Final. */
export function sha384Init(st: usize): void {
  init(st, 0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
    0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4);
}

export function sha512Update(st: usize, p: usize, len: i32): void {
  store<u64>(st + TOTAL, load<u64>(st + TOTAL) + <u64>len);
  let fill = <i32>load<u32>(st + FILL);
  if (fill > 0) {
    const take = min(128 - fill, len);
    memory.copy(st + BLOCK + fill, p, take);
    fill += take; p += take; len -= take;
    if (fill < 128) { store<u32>(st + FILL, fill); return; }
    compress(st + H, st + BLOCK, 1);
  }
  const whole = len >> 7;
  compress(st + H, p, whole);
  p += whole << 7; len -= whole << 7;
  memory.copy(st + BLOCK, p, len);
  store<u32>(st + FILL, len);
}

/** Pads (§5.1.2: 0x80, zeros, 128-bit big-endian bit length) and compresses the last block(s). */
function pad(st: usize): void {
  const bytes = load<u64>(st + TOTAL);
  let fill = <i32>load<u32>(st + FILL);
  store<u8>(st + BLOCK + fill++, 0x80);
  if (fill > 112) {
    memory.fill(st + BLOCK + fill, 0, 128 - fill);
    compress(st + H, st + BLOCK, 1);
    fill = 0;
  }
  memory.fill(st + BLOCK + fill, 0, 120 - fill);
  store64be(st + BLOCK + 112, bytes >>> 61);
  store64be(st + BLOCK + 120, bytes << 3);
  compress(st + H, st + BLOCK, 1);
}

/** Writes the 64-byte SHA-512 digest to out. */
export function sha512Final(st: usize, out: usize): void {
  pad(st);
  for (let i = 0; i < 8; i++) store64be(out + (i << 3), load<u64>(st + H + (i << 3)));
}

/** Writes the 48-byte SHA-384 digest (the first six words, §6.5) to out. */
export function sha384Final(st: usize, out: usize): void {
  pad(st);
  for (let i = 0; i < 6; i++) store64be(out + (i << 3), load<u64>(st + H + (i << 3)));
}

/** One-shot SHA-512 of len bytes at p into out (64 bytes). The state is a heap block freed at
 *  once (the stub runtime rewinds the last block), so repeated calls do not grow the heap. */
export function sha512(p: usize, len: i32, out: usize): void {
  const st = heap.alloc(SHA512_STATE_BYTES);
  sha512Init(st);
  sha512Update(st, p, len);
  sha512Final(st, out);
  heap.free(st);
}

/** One-shot SHA-384 of len bytes at p into out (48 bytes); heap as sha512(). */
export function sha384(p: usize, len: i32, out: usize): void {
  const st = heap.alloc(SHA512_STATE_BYTES);
  sha384Init(st);
  sha512Update(st, p, len);
  sha384Final(st, out);
  heap.free(st);
}

/**
 * Kernels "sha512" and "sha384". op 0 "hash": message -> 64 / 48-byte digest.
 * op 1 "stream": chunk (u32 LE, > 0) || message -> the same digest, computed through
 * sha512Update in chunk-byte calls (for tests of the streaming API). Heap: 208 bytes.
 */
function runSha2(is384: bool, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  const digestBytes = is384 ? SHA384_DIGEST_BYTES : SHA512_DIGEST_BYTES;
  if (op != 0 && op != 1) return STATUS_UNKNOWN_OP;
  if (outCap < digestBytes) return STATUS_OUTPUT_TOO_SMALL;
  let chunk = inLen;
  if (op == 1) {
    if (inLen < 4 || load<u32>(input) == 0) return STATUS_BAD_INPUT;
    const c = load<u32>(input); input += 4; inLen -= 4;
    chunk = c < <u32>inLen ? <i32>c : inLen; // unsigned: a chunk past the message is the whole message
  }
  const st = heap.alloc(SHA512_STATE_BYTES);
  if (is384) sha384Init(st); else sha512Init(st);
  for (let i = 0; i < inLen; i += chunk) sha512Update(st, input + i, min(chunk, inLen - i));
  if (is384) sha384Final(st, output); else sha512Final(st, output);
  return digestBytes;
}

/** @kernel sha512 hash,stream */
export function runSha512(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha2(false, op, input, inLen, output, outCap);
}
/** @kernel sha384 hash,stream */
export function runSha384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha2(true, op, input, inLen, output, outCap);
}
