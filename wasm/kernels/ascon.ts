// Ascon-AEAD128 and Ascon-Hash256 (NIST SP 800-232, final: little-endian lanes, new IVs;
// not the pre-standard Ascon-128a v1.2). Kernels "ascon-aead128" and "ascon-hash256".
// The permutation runs on bit-interleaved lanes: each 64-bit lane is kept as two u32
// halves (even bits, odd bits), so every 64-bit rotation is two 32-bit rotations (free as
// a shifted operand on Cortex-M3/M4) instead of four shifts and two ORs; data is
// (de)interleaved at the rate boundary. This is the "bi32" choice of the ascon-c reference.
// Constant-time: bitsliced S-box and rotations only, no tables indexed by data (the
// round-constant table is indexed by the public round number), no data-dependent branches.
// Cost model (Cortex-M4 via wasm2c): ~70 ops per round, 8 rounds per 16-byte block, plus
// ~25 ops per 32-bit word to (de)interleave: ~45-60 instructions per byte at 4 KiB
// (target <= 80).
//
// ascon-aead128 encrypt (op 0): key(16) || nonce(16) || aad_len(u32 LE) || aad || plaintext -> ciphertext || tag(16)
// ascon-aead128 decrypt (op 1): key(16) || nonce(16) || aad_len(u32 LE) || aad || ciphertext || tag(16) -> plaintext
// ascon-hash256 hash (op 0): message -> digest(32)
// Heap: 40-byte state + 16-byte block buffer (+16-byte tag for decrypt).

import { STATUS_AUTH_FAILED, STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";
import { ctEqual, zeroize } from "../lib/bytes";

const KEY_BYTES: i32 = 16;
const NONCE_BYTES: i32 = 16;
const TAG_BYTES: i32 = 16;
const HEADER_BYTES: i32 = KEY_BYTES + NONCE_BYTES + 4;
const DIGEST_BYTES: i32 = 32;
/** Five lanes, each as (even half, odd half) u32 words: lane i at byte 8*i. */
const STATE_BYTES: i32 = 40;

// SP 800-232 §4 / §5.1 initial values, as (low word, high word) of the u64.
const AEAD_IV_LO: u32 = 0x808c0001;
const AEAD_IV_HI: u32 = 0x00001000;
const HASH_IV_LO: u32 = 0x00cc0002;
const HASH_IV_HI: u32 = 0x00000801;

// Round constants c_i = ((0xf - i) << 4) | i for i = 0..11 (SP 800-232 Table 5), split into
// (even bits, odd bits); p^n uses the last n.
const RC: usize = memory.data<u32>([
  12, 12, 9, 12, 12, 9, 9, 9, 6, 12, 3, 12, 6, 9, 3, 9, 12, 6, 9, 6, 12, 3, 9, 3,
]);

/** Moves the even bits of w to its low half and the odd bits to its high half. */
@inline function unzip(w: u32): u32 {
  let t = (w ^ (w >> 1)) & 0x22222222; w ^= t ^ (t << 1);
  t = (w ^ (w >> 2)) & 0x0c0c0c0c; w ^= t ^ (t << 2);
  t = (w ^ (w >> 4)) & 0x00f000f0; w ^= t ^ (t << 4);
  t = (w ^ (w >> 8)) & 0x0000ff00; w ^= t ^ (t << 8);
  return w;
}

/** Inverse of unzip. */
@inline function zip(w: u32): u32 {
  let t = (w ^ (w >> 8)) & 0x0000ff00; w ^= t ^ (t << 8);
  t = (w ^ (w >> 4)) & 0x00f000f0; w ^= t ^ (t << 4);
  t = (w ^ (w >> 2)) & 0x0c0c0c0c; w ^= t ^ (t << 2);
  t = (w ^ (w >> 1)) & 0x22222222; w ^= t ^ (t << 1);
  return w;
}

/** XORs the u64 (lo, hi) into lane `lane` (or overwrites it when `set`). */
@inline function mixWords(st: usize, lane: i32, lo: u32, hi: u32, set: bool): void {
  const a = unzip(lo), b = unzip(hi);
  const e = (a & 0xffff) | (b << 16), o = (a >> 16) | (b & 0xffff0000);
  const p = st + (<usize>lane << 3);
  if (set) { store<u32>(p, e, 0); store<u32>(p, o, 4); }
  else { store<u32>(p, load<u32>(p, 0) ^ e, 0); store<u32>(p, load<u32>(p, 4) ^ o, 4); }
}

/** XORs 8 little-endian bytes at src into a lane. */
function xorLane(st: usize, lane: i32, src: usize): void {
  mixWords(st, lane, load<u32>(src, 0), load<u32>(src, 4), false);
}

/** Overwrites a lane with 8 little-endian bytes at src. */
function setLane(st: usize, lane: i32, src: usize): void {
  mixWords(st, lane, load<u32>(src, 0), load<u32>(src, 4), true);
}

/** Writes a lane as 8 little-endian bytes at dst. */
function getLane(st: usize, lane: i32, dst: usize): void {
  const p = st + (<usize>lane << 3);
  const e = load<u32>(p, 0), o = load<u32>(p, 4);
  store<u32>(dst, zip((e & 0xffff) | (o << 16)), 0);
  store<u32>(dst, zip((e >> 16) | (o & 0xffff0000)), 4);
}

/** The Ascon permutation p^(12 - first): rounds first..11 (SP 800-232 §3). */
function permute(st: usize, first: i32): void {
  let x0e = load<u32>(st, 0), x0o = load<u32>(st, 4), x1e = load<u32>(st, 8), x1o = load<u32>(st, 12);
  let x2e = load<u32>(st, 16), x2o = load<u32>(st, 20), x3e = load<u32>(st, 24), x3o = load<u32>(st, 28);
  let x4e = load<u32>(st, 32), x4o = load<u32>(st, 36);
  let t0: u32, t1: u32, t2: u32, t3: u32, t4: u32;
  for (let r = first; r < 12; r++) {
    x2e ^= load<u32>(RC + (<usize>r << 3), 0);
    x2o ^= load<u32>(RC + (<usize>r << 3), 4);
    // Substitution layer, bitsliced over each half.
    x0e ^= x4e; x4e ^= x3e; x2e ^= x1e;
    t0 = ~x0e & x1e; t1 = ~x1e & x2e; t2 = ~x2e & x3e; t3 = ~x3e & x4e; t4 = ~x4e & x0e;
    x0e ^= t1; x1e ^= t2; x2e ^= t3; x3e ^= t4; x4e ^= t0;
    x1e ^= x0e; x0e ^= x4e; x3e ^= x2e; x2e = ~x2e;
    x0o ^= x4o; x4o ^= x3o; x2o ^= x1o;
    t0 = ~x0o & x1o; t1 = ~x1o & x2o; t2 = ~x2o & x3o; t3 = ~x3o & x4o; t4 = ~x4o & x0o;
    x0o ^= t1; x1o ^= t2; x2o ^= t3; x3o ^= t4; x4o ^= t0;
    x1o ^= x0o; x0o ^= x4o; x3o ^= x2o; x2o = ~x2o;
    // Linear layer: rotr64 by 2k -> both halves by k; by 2k+1 -> halves swap, by k and k+1.
    t0 = x0e ^ rotr<u32>(x0o, 9) ^ rotr<u32>(x0e, 14);             // 19, 28
    x0o ^= rotr<u32>(x0e, 10) ^ rotr<u32>(x0o, 14); x0e = t0;
    t0 = x1e ^ rotr<u32>(x1o, 30) ^ rotr<u32>(x1o, 19);            // 61, 39
    x1o ^= rotr<u32>(x1e, 31) ^ rotr<u32>(x1e, 20); x1e = t0;
    t0 = x2e ^ x2o ^ rotr<u32>(x2e, 3);                            // 1, 6
    x2o ^= rotr<u32>(x2e, 1) ^ rotr<u32>(x2o, 3); x2e = t0;
    t0 = x3e ^ rotr<u32>(x3e, 5) ^ rotr<u32>(x3o, 8);              // 10, 17
    x3o ^= rotr<u32>(x3o, 5) ^ rotr<u32>(x3e, 9); x3e = t0;
    t0 = x4e ^ rotr<u32>(x4o, 3) ^ rotr<u32>(x4o, 20);             // 7, 41
    x4o ^= rotr<u32>(x4e, 4) ^ rotr<u32>(x4e, 21); x4e = t0;
  }
  store<u32>(st, x0e, 0); store<u32>(st, x0o, 4); store<u32>(st, x1e, 8); store<u32>(st, x1o, 12);
  store<u32>(st, x2e, 16); store<u32>(st, x2o, 20); store<u32>(st, x3e, 24); store<u32>(st, x3o, 28);
  store<u32>(st, x4e, 32); store<u32>(st, x4o, 36);
}

const P12: i32 = 0;
const P8: i32 = 4;

/** SP 800-232 Algorithm 3/4 steps 1-3: S = p12(IV || K || N) xor (0^192 || K). */
function aeadInit(st: usize, key: usize, nonce: usize): void {
  mixWords(st, 0, AEAD_IV_LO, AEAD_IV_HI, true);
  setLane(st, 1, key); setLane(st, 2, key + 8);
  setLane(st, 3, nonce); setLane(st, 4, nonce + 8);
  permute(st, P12);
  xorLane(st, 3, key); xorLane(st, 4, key + 8);
}

/** Associated data in 16-byte blocks, padded with 0x01 0x00..., then domain separation. */
function aeadAbsorbAad(st: usize, buf: usize, aad: usize, len: i32): void {
  if (len > 0) {
    for (; len >= 16; len -= 16, aad += 16) {
      xorLane(st, 0, aad); xorLane(st, 1, aad + 8);
      permute(st, P8);
    }
    memory.fill(buf, 0, 16);
    memory.copy(buf, aad, len);
    store<u8>(buf + len, 1);
    xorLane(st, 0, buf); xorLane(st, 1, buf + 8);
    permute(st, P8);
  }
  store<u32>(st, load<u32>(st, 36) ^ 0x80000000, 36); // bit 63 of lane 4: its odd half, bit 31
}

/** Encrypts (or decrypts) len bytes from src to dst: whole blocks, then the padded tail. */
function aeadCrypt(st: usize, buf: usize, src: usize, dst: usize, len: i32, decrypt: bool): void {
  for (; len >= 16; len -= 16, src += 16, dst += 16) {
    if (decrypt) {
      getLane(st, 0, dst); getLane(st, 1, dst + 8);
      store<u32>(dst, load<u32>(dst, 0) ^ load<u32>(src, 0), 0);
      store<u32>(dst, load<u32>(dst, 4) ^ load<u32>(src, 4), 4);
      store<u32>(dst, load<u32>(dst, 8) ^ load<u32>(src, 8), 8);
      store<u32>(dst, load<u32>(dst, 12) ^ load<u32>(src, 12), 12);
      setLane(st, 0, src); setLane(st, 1, src + 8);
    } else {
      xorLane(st, 0, src); xorLane(st, 1, src + 8);
      getLane(st, 0, dst); getLane(st, 1, dst + 8);
    }
    permute(st, P8);
  }
  // Last block (len 0..15): the rate as bytes, XOR the data in, keep ciphertext bytes, pad.
  getLane(st, 0, buf); getLane(st, 1, buf + 8);
  for (let i = 0; i < len; i++) {
    const m = load<u8>(src + i);
    const out = load<u8>(buf + i) ^ m;
    store<u8>(dst + i, out);
    store<u8>(buf + i, decrypt ? m : out);
  }
  store<u8>(buf + len, load<u8>(buf + len) ^ 1);
  setLane(st, 0, buf); setLane(st, 1, buf + 8);
}

/** SP 800-232 finalization: S ^= 0^128 || K || 0^64, p12, tag = S[192..319] xor K. */
function aeadFinal(st: usize, key: usize, tag: usize): void {
  xorLane(st, 2, key); xorLane(st, 3, key + 8);
  permute(st, P12);
  xorLane(st, 3, key); xorLane(st, 4, key + 8);
  getLane(st, 3, tag); getLane(st, 4, tag + 8);
}

/** ascon-aead128 kernel entry; see the header for the layouts. */
export function runAead(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0 && op != 1) return STATUS_UNKNOWN_OP;
  if (inLen < HEADER_BYTES) return STATUS_BAD_INPUT;
  const aadLen = load<u32>(input + KEY_BYTES + NONCE_BYTES);
  if (aadLen > <u32>(inLen - HEADER_BYTES)) return STATUS_BAD_INPUT;
  const key = input, nonce = input + KEY_BYTES, aad = input + HEADER_BYTES;
  const text = aad + aadLen;
  const textLen = inLen - HEADER_BYTES - <i32>aadLen;
  const decrypt = op == 1;
  if (decrypt && textLen < TAG_BYTES) return STATUS_BAD_INPUT;
  const dataLen = decrypt ? textLen - TAG_BYTES : textLen;
  const outLen = decrypt ? dataLen : dataLen + TAG_BYTES;
  if (outCap < outLen) return STATUS_OUTPUT_TOO_SMALL;
  const st = heap.alloc(STATE_BYTES + 32);
  const buf = st + STATE_BYTES, tag = buf + 16;
  aeadInit(st, key, nonce);
  aeadAbsorbAad(st, buf, aad, <i32>aadLen);
  aeadCrypt(st, buf, text, output, dataLen, decrypt);
  if (!decrypt) {
    aeadFinal(st, key, output + dataLen);
    zeroize(st, STATE_BYTES + 32);
    return dataLen + TAG_BYTES;
  }
  aeadFinal(st, key, tag);
  const ok = ctEqual(tag, text + dataLen, TAG_BYTES);
  zeroize(st, STATE_BYTES + 32);
  if (!ok) {
    zeroize(output, dataLen);
    return STATUS_AUTH_FAILED;
  }
  return dataLen;
}

/** Ascon-Hash256 (SP 800-232 §5.1): 8-byte rate, p12 throughout, 256-bit digest. */
function hash256(msg: usize, len: i32, out: usize): void {
  const st = heap.alloc(STATE_BYTES + 16);
  const buf = st + STATE_BYTES;
  memory.fill(st, 0, STATE_BYTES);
  mixWords(st, 0, HASH_IV_LO, HASH_IV_HI, true);
  permute(st, P12);
  for (; len >= 8; len -= 8, msg += 8) {
    xorLane(st, 0, msg);
    permute(st, P12);
  }
  memory.fill(buf, 0, 8);
  memory.copy(buf, msg, len);
  store<u8>(buf + len, 1);
  xorLane(st, 0, buf);
  permute(st, P12);
  for (let i = 0; i < 4; i++) {
    if (i > 0) permute(st, P12);
    getLane(st, 0, out + (i << 3));
  }
}

/** ascon-hash256 kernel entry: message -> 32-byte digest. */
export function runHash(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (outCap < DIGEST_BYTES) return STATUS_OUTPUT_TOO_SMALL;
  hash256(input, inLen, output);
  return DIGEST_BYTES;
}
