// Keccak-f[1600] and the sponge construction (FIPS 202), shared by the SHA-3/SHAKE kernels,
// ML-KEM and ML-DSA. No secret-dependent branches or indexes: the permutation is straight-line
// 64-bit logic and the sponge's control flow depends only on public lengths.
//
// API (all pointers into linear memory; `st` is caller-owned, KECCAK_STATE_BYTES long):
//   keccakInit(st)                            zero the 200-byte state, position 0 (absorbing)
//   keccakAbsorb(st, rateBytes, p, len)       absorb len bytes; streaming, call any number of times
//   keccakFinalize(st, rateBytes, dsByte)     pad (dsByte 0x06 SHA3, 0x1F SHAKE) and switch to squeezing
//   keccakSqueeze(st, rateBytes, out, len)    squeeze len bytes; streaming, call any number of times
//   keccakF1600(st)                           the bare permutation on the 200-byte state
//   sha3(rateBytes, p, len, out, outLen) / shake(rateBytes, p, len, out, outLen)   one-shot helpers
// Rates: SHAKE128_RATE 168, SHA3_224_RATE 144, SHA3_256_RATE 136 (= SHAKE256_RATE),
// SHA3_384_RATE 104, SHA3_512_RATE 72. The same rateBytes must be passed to every call on one state.
// State layout: lanes A[x + 5y] as little-endian u64 at byte 8(x + 5y) (FIPS 202 §3.1.2 with
// the byte order of §B.1, which is wasm's native order), then the u32 position in the rate.

export const KECCAK_STATE_BYTES: i32 = 200 + 8;
export const SHAKE128_RATE: i32 = 168;
export const SHAKE256_RATE: i32 = 136;
export const SHA3_224_RATE: i32 = 144;
export const SHA3_256_RATE: i32 = 136;
export const SHA3_384_RATE: i32 = 104;
export const SHA3_512_RATE: i32 = 72;
export const DS_SHA3: u8 = 0x06;
export const DS_SHAKE: u8 = 0x1f;

const POS = 200;

// FIPS 202 §3.2.5 round constants RC[i] for the 24 rounds.
// @ts-ignore: decorator (lazy: only an agent that uses the table carries it in static data)
@lazy const RC: usize = memory.data<u64>([
  0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
  0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
  0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
  0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
  0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
  0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
]);

/**
 * Keccak-f[1600] (FIPS 202 §3.3-3.4): 24 rounds on the 25 lanes held in locals (registers or
 * stack on the device, cheaper than masked linear-memory accesses). Each round fuses theta,
 * rho and pi into the loads of one output plane, then applies chi and (plane 0) iota.
 */
export function keccakF1600(st: usize): void {
  let a00 = load<u64>(st, 0); let a01 = load<u64>(st, 8); let a02 = load<u64>(st, 16); let a03 = load<u64>(st, 24);
  let a04 = load<u64>(st, 32); let a05 = load<u64>(st, 40); let a06 = load<u64>(st, 48); let a07 = load<u64>(st, 56);
  let a08 = load<u64>(st, 64); let a09 = load<u64>(st, 72); let a10 = load<u64>(st, 80); let a11 = load<u64>(st, 88);
  let a12 = load<u64>(st, 96); let a13 = load<u64>(st, 104); let a14 = load<u64>(st, 112); let a15 = load<u64>(st, 120);
  let a16 = load<u64>(st, 128); let a17 = load<u64>(st, 136); let a18 = load<u64>(st, 144); let a19 = load<u64>(st, 152);
  let a20 = load<u64>(st, 160); let a21 = load<u64>(st, 168); let a22 = load<u64>(st, 176); let a23 = load<u64>(st, 184);
  let a24 = load<u64>(st, 192);
  for (let round = 0; round < 24; round++) {
    let e00: u64, e01: u64, e02: u64, e03: u64, e04: u64, e05: u64, e06: u64, e07: u64, e08: u64, e09: u64, e10: u64, e11: u64, e12: u64,
      e13: u64, e14: u64, e15: u64, e16: u64, e17: u64, e18: u64, e19: u64, e20: u64, e21: u64, e22: u64, e23: u64, e24: u64;
    const c0 = a00 ^ a05 ^ a10 ^ a15 ^ a20;
    const c1 = a01 ^ a06 ^ a11 ^ a16 ^ a21;
    const c2 = a02 ^ a07 ^ a12 ^ a17 ^ a22;
    const c3 = a03 ^ a08 ^ a13 ^ a18 ^ a23;
    const c4 = a04 ^ a09 ^ a14 ^ a19 ^ a24;
    const d0 = c4 ^ rotl<u64>(c1, 1);
    const d1 = c0 ^ rotl<u64>(c2, 1);
    const d2 = c1 ^ rotl<u64>(c3, 1);
    const d3 = c2 ^ rotl<u64>(c4, 1);
    const d4 = c3 ^ rotl<u64>(c0, 1);
    { // plane y=0
      const b0 = a00 ^ d0; const b1 = rotl<u64>(a06 ^ d1, 44); const b2 = rotl<u64>(a12 ^ d2, 43);
      const b3 = rotl<u64>(a18 ^ d3, 21); const b4 = rotl<u64>(a24 ^ d4, 14);
      e00 = b0 ^ (~b1 & b2); e01 = b1 ^ (~b2 & b3); e02 = b2 ^ (~b3 & b4);
      e03 = b3 ^ (~b4 & b0); e04 = b4 ^ (~b0 & b1);
    }
    { // plane y=1
      const b0 = rotl<u64>(a03 ^ d3, 28); const b1 = rotl<u64>(a09 ^ d4, 20); const b2 = rotl<u64>(a10 ^ d0, 3);
      const b3 = rotl<u64>(a16 ^ d1, 45); const b4 = rotl<u64>(a22 ^ d2, 61);
      e05 = b0 ^ (~b1 & b2); e06 = b1 ^ (~b2 & b3); e07 = b2 ^ (~b3 & b4);
      e08 = b3 ^ (~b4 & b0); e09 = b4 ^ (~b0 & b1);
    }
    { // plane y=2
      const b0 = rotl<u64>(a01 ^ d1, 1); const b1 = rotl<u64>(a07 ^ d2, 6); const b2 = rotl<u64>(a13 ^ d3, 25);
      const b3 = rotl<u64>(a19 ^ d4, 8); const b4 = rotl<u64>(a20 ^ d0, 18);
      e10 = b0 ^ (~b1 & b2); e11 = b1 ^ (~b2 & b3); e12 = b2 ^ (~b3 & b4);
      e13 = b3 ^ (~b4 & b0); e14 = b4 ^ (~b0 & b1);
    }
    { // plane y=3
      const b0 = rotl<u64>(a04 ^ d4, 27); const b1 = rotl<u64>(a05 ^ d0, 36); const b2 = rotl<u64>(a11 ^ d1, 10);
      const b3 = rotl<u64>(a17 ^ d2, 15); const b4 = rotl<u64>(a23 ^ d3, 56);
      e15 = b0 ^ (~b1 & b2); e16 = b1 ^ (~b2 & b3); e17 = b2 ^ (~b3 & b4);
      e18 = b3 ^ (~b4 & b0); e19 = b4 ^ (~b0 & b1);
    }
    { // plane y=4
      const b0 = rotl<u64>(a02 ^ d2, 62); const b1 = rotl<u64>(a08 ^ d3, 55); const b2 = rotl<u64>(a14 ^ d4, 39);
      const b3 = rotl<u64>(a15 ^ d0, 41); const b4 = rotl<u64>(a21 ^ d1, 2);
      e20 = b0 ^ (~b1 & b2); e21 = b1 ^ (~b2 & b3); e22 = b2 ^ (~b3 & b4);
      e23 = b3 ^ (~b4 & b0); e24 = b4 ^ (~b0 & b1);
    }
    e00 ^= load<u64>(RC + (<usize>round << 3));
    a00 = e00; a01 = e01; a02 = e02; a03 = e03; a04 = e04;
    a05 = e05; a06 = e06; a07 = e07; a08 = e08; a09 = e09;
    a10 = e10; a11 = e11; a12 = e12; a13 = e13; a14 = e14;
    a15 = e15; a16 = e16; a17 = e17; a18 = e18; a19 = e19;
    a20 = e20; a21 = e21; a22 = e22; a23 = e23; a24 = e24;
  }
  store<u64>(st, a00, 0); store<u64>(st, a01, 8); store<u64>(st, a02, 16); store<u64>(st, a03, 24);
  store<u64>(st, a04, 32); store<u64>(st, a05, 40); store<u64>(st, a06, 48); store<u64>(st, a07, 56);
  store<u64>(st, a08, 64); store<u64>(st, a09, 72); store<u64>(st, a10, 80); store<u64>(st, a11, 88);
  store<u64>(st, a12, 96); store<u64>(st, a13, 104); store<u64>(st, a14, 112); store<u64>(st, a15, 120);
  store<u64>(st, a16, 128); store<u64>(st, a17, 136); store<u64>(st, a18, 144); store<u64>(st, a19, 152);
  store<u64>(st, a20, 160); store<u64>(st, a21, 168); store<u64>(st, a22, 176); store<u64>(st, a23, 184);
  store<u64>(st, a24, 192);
}

export function keccakInit(st: usize): void {
  memory.fill(st, 0, KECCAK_STATE_BYTES);
}

/** XORs len bytes at p into the state at byte offset pos (pos + len <= rate). */
@inline function xorIn(st: usize, pos: i32, p: usize, len: i32): void {
  let i = 0;
  if ((pos & 7) == 0) {
    for (; i + 8 <= len; i += 8) store<u64>(st + pos + i, load<u64>(st + pos + i) ^ load<u64>(p + i));
  }
  for (; i < len; i++) store<u8>(st + pos + i, load<u8>(st + pos + i) ^ load<u8>(p + i));
}

/** Absorbs len bytes at p (FIPS 202 §4, Algorithm 8 step 6), streaming across calls. */
export function keccakAbsorb(st: usize, rateBytes: i32, p: usize, len: i32): void {
  let pos = <i32>load<u32>(st + POS);
  while (len > 0) {
    const take = min(rateBytes - pos, len);
    xorIn(st, pos, p, take);
    pos += take; p += take; len -= take;
    if (pos == rateBytes) { keccakF1600(st); pos = 0; }
  }
  store<u32>(st + POS, pos);
}

/**
 * Appends the domain bits and pad10*1 (FIPS 202 §5.1, §6.1-6.2: dsByte carries the suffix
 * bits 01 / 1111 and the first pad bit), permutes, and leaves the state ready to squeeze.
 */
export function keccakFinalize(st: usize, rateBytes: i32, dsByte: u8): void {
  const pos = <i32>load<u32>(st + POS);
  store<u8>(st + pos, load<u8>(st + pos) ^ dsByte);
  store<u8>(st + rateBytes - 1, load<u8>(st + rateBytes - 1) ^ 0x80);
  keccakF1600(st);
  store<u32>(st + POS, 0);
}

/** Squeezes len bytes into out, streaming across calls (the position counts bytes already read). */
export function keccakSqueeze(st: usize, rateBytes: i32, out: usize, len: i32): void {
  let pos = <i32>load<u32>(st + POS);
  while (len > 0) {
    if (pos == rateBytes) { keccakF1600(st); pos = 0; }
    const take = min(rateBytes - pos, len);
    memory.copy(out, st + pos, take);
    pos += take; out += take; len -= take;
  }
  store<u32>(st + POS, pos);
}

/** One-shot SHA3-(outLen*8) (rateBytes = 200 - 2*outLen) of len bytes at p into out. */
export function sha3(rateBytes: i32, p: usize, len: i32, out: usize, outLen: i32): void {
  sponge(rateBytes, DS_SHA3, p, len, out, outLen);
}

/** One-shot SHAKE128 (rate 168) or SHAKE256 (rate 136): outLen bytes of output. */
export function shake(rateBytes: i32, p: usize, len: i32, out: usize, outLen: i32): void {
  sponge(rateBytes, DS_SHAKE, p, len, out, outLen);
}

/** The one-shot sponge on a heap state freed at once (the stub runtime rewinds the last block,
 *  so repeated calls inside one kernel call do not grow the heap). */
function sponge(rateBytes: i32, ds: u8, p: usize, len: i32, out: usize, outLen: i32): void {
  const st = heap.alloc(KECCAK_STATE_BYTES);
  keccakInit(st);
  keccakAbsorb(st, rateBytes, p, len);
  keccakFinalize(st, rateBytes, ds);
  keccakSqueeze(st, rateBytes, out, outLen);
  heap.free(st);
}
