// Scalars modulo the Ed25519 group order L = 2^252 + 27742317777372353535851937790883648493
// (RFC 8032 §5.1): reduction of 512-bit hashes and products, and the S < L check.
// Constant-time: reduction is bit-serial (double, add the next bit, subtract L under a mask),
// with the accumulator in locals; 512 steps of ~60 operations, no branch or index on values.

/** L as 8 little-endian u32 words. */
const L: usize = memory.data<u32>([
  0x5cf5d3ed, 0x5812631a, 0xa2f79cd6, 0x14def9de, 0x00000000, 0x00000000, 0x00000000, 0x10000000,
]);

/** out (32 bytes LE) = the nbytes little-endian integer at x, mod L. */
export function scReduce(out: usize, x: usize, nbytes: i32): void {
  const l0 = load<u32>(L, 0), l1 = load<u32>(L, 4), l2 = load<u32>(L, 8), l3 = load<u32>(L, 12);
  const l7 = load<u32>(L, 28);
  let a0: u32 = 0, a1: u32 = 0, a2: u32 = 0, a3: u32 = 0, a4: u32 = 0, a5: u32 = 0, a6: u32 = 0, a7: u32 = 0;
  for (let i = (nbytes << 3) - 1; i >= 0; i--) {
    const bit = (<u32>load<u8>(x + (i >> 3)) >>> (i & 7)) & 1;
    // a = 2a + bit < 2L < 2^254: no word overflows.
    a7 = (a7 << 1) | (a6 >>> 31); a6 = (a6 << 1) | (a5 >>> 31); a5 = (a5 << 1) | (a4 >>> 31);
    a4 = (a4 << 1) | (a3 >>> 31); a3 = (a3 << 1) | (a2 >>> 31); a2 = (a2 << 1) | (a1 >>> 31);
    a1 = (a1 << 1) | (a0 >>> 31); a0 = (a0 << 1) | bit;
    // d = a - L; keep d unless it borrowed.
    let t: u64 = <u64>a0 - <u64>l0; const d0 = <u32>t;
    t = <u64>a1 - <u64>l1 - (t >> 63); const d1 = <u32>t;
    t = <u64>a2 - <u64>l2 - (t >> 63); const d2 = <u32>t;
    t = <u64>a3 - <u64>l3 - (t >> 63); const d3 = <u32>t;
    t = <u64>a4 - (t >> 63); const d4 = <u32>t;
    t = <u64>a5 - (t >> 63); const d5 = <u32>t;
    t = <u64>a6 - (t >> 63); const d6 = <u32>t;
    t = <u64>a7 - <u64>l7 - (t >> 63); const d7 = <u32>t;
    const keep = <u32>(t >> 63) - 1; // all ones when a >= L
    a0 ^= (a0 ^ d0) & keep; a1 ^= (a1 ^ d1) & keep; a2 ^= (a2 ^ d2) & keep; a3 ^= (a3 ^ d3) & keep;
    a4 ^= (a4 ^ d4) & keep; a5 ^= (a5 ^ d5) & keep; a6 ^= (a6 ^ d6) & keep; a7 ^= (a7 ^ d7) & keep;
  }
  store<u32>(out, a0, 0); store<u32>(out, a1, 4); store<u32>(out, a2, 8); store<u32>(out, a3, 12);
  store<u32>(out, a4, 16); store<u32>(out, a5, 20); store<u32>(out, a6, 24); store<u32>(out, a7, 28);
}

/** out = (a * b + c) mod L for 32-byte little-endian a, b, c (RFC 8032 §5.1.6 step 6). */
export function scMulAdd(out: usize, a: usize, b: usize, c: usize): void {
  const w = heap.alloc(64);
  memory.copy(w, c, 32);
  memory.fill(w + 32, 0, 32);
  // Schoolbook 8x8 words into w (a, b < 2^256, c < 2^256: the sum stays below 2^512).
  for (let i: usize = 0; i < 8; i++) {
    const ai = <u64>load<u32>(a + (i << 2));
    let t: u64 = 0;
    for (let j: usize = 0; j < 8; j++) {
      const k = w + ((i + j) << 2);
      t = ai * <u64>load<u32>(b + (j << 2)) + <u64>load<u32>(k) + (t >> 32);
      store<u32>(k, <u32>t);
    }
    for (let k = w + ((i + 8) << 2); k < w + 64; k += 4) {
      t = <u64>load<u32>(k) + (t >> 32);
      store<u32>(k, <u32>t);
    }
  }
  scReduce(out, w, 64);
  memory.fill(w, 0, 64);
}

/** True when the 32-byte little-endian s is below L (RFC 8032 §5.1.7: reject S >= L).
 *  Variable-time: S is public. */
export function scIsCanonical(s: usize): bool {
  for (let i = 7; i >= 0; i--) {
    const x = load<u32>(s + (i << 2)), l = load<u32>(L + (i << 2));
    if (x != l) return x < l;
  }
  return false;
}
