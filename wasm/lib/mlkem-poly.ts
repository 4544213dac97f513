// ML-KEM polynomial arithmetic over Z_q[X]/(X^256+1), q = 3329 (FIPS 203 §4.3): NTT,
// base-case multiplication, CBD sampling, compression and byte encodings. Coefficients are
// i16 in 512-byte buffers; Montgomery (R = 2^16) and Barrett reduction as in the Kyber
// reference "clean" code. Constant-time: no secret-dependent branch or index anywhere
// (compression by multiply-shift, not division; table indexes depend on loop counters only).

export const N: i32 = 256;
export const Q: i32 = 3329;
export const POLY_BYTES: i32 = 512;       // one polynomial as i16[256]
const QINV: i32 = -3327;                  // q^-1 mod 2^16
const MONT_SQ: i32 = 1353;                // 2^32 mod q: montReduce(a * MONT_SQ) = a * R mod q
const INV_NTT_F: i32 = 1441;              // R^2 / 128 mod q
const INV_NTT_FZ: i32 = 1397;             // zeta_1 * R / 128 mod q: last inverse layer, scaled
const HALF_Q: i32 = 1665;                 // Decompress_1(1) = round(q/2)
// floor(y / q) = (y * DIV_Q_M) >> DIV_Q_S for all y < 2^23 (checked exhaustively).
const DIV_Q_M: u64 = 10321340;
const DIV_Q_S: u64 = 35;

// zeta^BitRev7(i) * R mod q, centred (FIPS 203 Appendix A, in Montgomery form).
// @ts-ignore: decorator (lazy: only an agent that uses the table carries it in static data)
@lazy const ZETAS: usize = memory.data<i16>([
  -1044, -758, -359, -1517, 1493, 1422, 287, 202, -171, 622, 1577, 182, 962, -1202, -1474, 1468,
  573, -1325, 264, 383, -829, 1458, -1602, -130, -681, 1017, 732, 608, -1542, 411, -205, -1571,
  1223, 652, -552, 1015, -1293, 1491, -282, -1544, 516, -8, -320, -666, -1618, -1162, 126, 1469,
  -853, -90, -271, 830, 107, -1421, -247, -951, -398, 961, -1508, -725, 448, -1065, 677, -1275,
  -1103, 430, 555, 843, -1251, 871, 1550, 105, 422, 587, 177, -235, -291, -460, 1574, 1653,
  -246, 778, 1159, -147, -777, 1483, -602, 1119, -1590, 644, -872, 349, 418, 329, -156, -75,
  817, 1097, 603, 610, 1322, -1285, -1465, 384, -1215, -136, 1218, -1335, -874, 220, -1187, -1659,
  -1185, -1530, -1278, 794, -1510, -854, -870, 478, -108, -308, 996, 991, 958, -1460, 1522, 1628,
]);

/** a * R^-1 mod q in (-q, q) for |a| < q * 2^15. */
@inline function montReduce(a: i32): i32 {
  const t = (a * QINV) << 16 >> 16;
  return (a - t * Q) >> 16;
}

/** Centred representative of a mod q, for |a| < 2^15. */
@inline function barrett(a: i32): i32 {
  const t = (20159 * a + (1 << 25)) >> 26;
  return a - t * Q;
}

@inline function zeta(i: i32): i32 { return <i32>load<i16>(ZETAS + (<usize>i << 1)); }

/** Cooley-Tukey butterflies (len 2L, then L on both halves) on a, a+L, a+2L, a+3L. */
@inline function ctPair(p: usize, l: usize, z1: i32, z2: i32, z3: i32): void {
  let a = <i32>load<i16>(p), b = <i32>load<i16>(p + l), c = <i32>load<i16>(p + 2 * l), d = <i32>load<i16>(p + 3 * l);
  let t = montReduce(z1 * c); c = a - t; a += t;
  t = montReduce(z1 * d); d = b - t; b += t;
  t = montReduce(z2 * b); b = a - t; a += t;
  t = montReduce(z3 * d); d = c - t; c += t;
  store<i16>(p, a); store<i16>(p + l, b); store<i16>(p + 2 * l, c); store<i16>(p + 3 * l, d);
}

/**
 * Forward NTT in place (FIPS 203 Algorithm 9), output Barrett-reduced. Layers are merged in
 * pairs (128/64, 32/16, 8/4) so each coefficient is loaded and stored 4 times, not 7: the
 * masked linear-memory accesses dominate on the device (2 layers/pass: 1.8x fewer
 * instructions on the M4, measured).
 */
/** Merged layers (2*len, len); inlined with a constant len so offsets become immediates. */
@inline function nttPass(r: usize, len: i32): void {
  const l = <usize>len << 1;
  for (let s = 0, blk = 0; s < N; s += 4 * len, blk++) {
    const z1 = zeta(64 / len + blk), z2 = zeta(128 / len + 2 * blk), z3 = zeta(128 / len + 2 * blk + 1);
    const end = r + (<usize>(s + len) << 1);
    for (let p = r + (<usize>s << 1); p < end; p += 2) ctPair(p, l, z1, z2, z3);
  }
}

export function ntt(r: usize): void {
  nttPass(r, 64);
  nttPass(r, 16);
  nttPass(r, 4);
  for (let i = 0; i < 64; i++) {                     // last layer (len 2) with the reduction
    const p = r + (<usize>i << 3), z = zeta(64 + i);
    const a = <i32>load<i16>(p), b = <i32>load<i16>(p, 2), c = <i32>load<i16>(p, 4), d = <i32>load<i16>(p, 6);
    const t0 = montReduce(z * c), t1 = montReduce(z * d);
    store<i16>(p, barrett(a + t0)); store<i16>(p, barrett(b + t1), 2);
    store<i16>(p, barrett(a - t0), 4); store<i16>(p, barrett(b - t1), 6);
  }
}

/**
 * Gentleman-Sande butterflies (len L on both halves, then 2L) on a, a+L, a+2L, a+3L. The
 * first-layer sums stay unreduced in i32 (inputs < 4q, so |a + c| < 16q: Barrett's quotient
 * stays exact and montReduce's input stays below q * 2^15); only stored values are reduced.
 */
@inline function gsPair(p: usize, l: usize, z1: i32, z2: i32, z3: i32): void {
  let a = <i32>load<i16>(p), b = <i32>load<i16>(p + l), c = <i32>load<i16>(p + 2 * l), d = <i32>load<i16>(p + 3 * l);
  let t = a; a = t + b; b = montReduce(z1 * (b - t));
  t = c; c = t + d; d = montReduce(z2 * (d - t));
  t = a; a = barrett(t + c); c = montReduce(z3 * (c - t));
  t = b; b = barrett(t + d); d = montReduce(z3 * (d - t));
  store<i16>(p, a); store<i16>(p + l, b); store<i16>(p + 2 * l, c); store<i16>(p + 3 * l, d);
}

/**
 * Inverse NTT in place (FIPS 203 Algorithm 10), times R (cancels one basemul R^-1). Layers
 * merged in pairs (2/4, 8/16, 32/64); the last layer folds in the scaling by 128^-1.
 */
/** Merged layers (len, 2*len); inlined with a constant len. */
@inline function invNttPass(r: usize, len: i32): void {
  const l = <usize>len << 1, nb = 256 / len;
  for (let s = 0, blk = 0; s < N; s += 4 * len, blk++) {
    const z1 = zeta(nb - 1 - 2 * blk), z2 = zeta(nb - 2 - 2 * blk), z3 = zeta((nb >> 1) - 1 - blk);
    const end = r + (<usize>(s + len) << 1);
    for (let p = r + (<usize>s << 1); p < end; p += 2) gsPair(p, l, z1, z2, z3);
  }
}

export function invNtt(r: usize): void {
  invNttPass(r, 2);
  invNttPass(r, 8);
  invNttPass(r, 32);
  for (let p = r, end = r + 256; p < end; p += 2) {  // len 128, times R^2/128 (and zeta_1 folded in)
    const a = <i32>load<i16>(p), b = <i32>load<i16>(p + 256);
    store<i16>(p, montReduce(INV_NTT_F * (a + b)));
    store<i16>(p + 256, montReduce(INV_NTT_FZ * (b - a)));
  }
}

/**
 * r (+)= a ∘ b in the NTT domain (FIPS 203 Algorithms 11/12), result times R^-1. With
 * `acc` the products are added to r; sums of up to 4 products stay below 2^15.
 */
export function basemulAcc(r: usize, a: usize, b: usize, acc: bool): void {
  for (let i = 0; i < 64; i++) {
    const z = zeta(64 + i);
    const o = <usize>i << 3;
    let a0 = <i32>load<i16>(a + o), a1 = <i32>load<i16>(a + o, 2);
    let b0 = <i32>load<i16>(b + o), b1 = <i32>load<i16>(b + o, 2);
    let r0 = montReduce(a0 * b0 + montReduce(a1 * b1) * z);
    let r1 = montReduce(a0 * b1 + a1 * b0);
    const a2 = <i32>load<i16>(a + o, 4), a3 = <i32>load<i16>(a + o, 6);
    const b2 = <i32>load<i16>(b + o, 4), b3 = <i32>load<i16>(b + o, 6);
    let r2 = montReduce(a2 * b2 - montReduce(a3 * b3) * z);
    let r3 = montReduce(a2 * b3 + a3 * b2);
    if (acc) {
      r0 += <i32>load<i16>(r + o); r1 += <i32>load<i16>(r + o, 2);
      r2 += <i32>load<i16>(r + o, 4); r3 += <i32>load<i16>(r + o, 6);
    }
    store<i16>(r + o, r0); store<i16>(r + o, r1, 2);
    store<i16>(r + o, r2, 4); store<i16>(r + o, r3, 6);
  }
}

/** r = r * R + e mod q (undoes the R^-1 of basemulAcc in key generation, adds the noise). */
export function polyToMontAdd(r: usize, e: usize): void {
  for (let p = r, end = r + POLY_BYTES; p < end; p += 2, e += 2) {
    store<i16>(p, montReduce(MONT_SQ * <i32>load<i16>(p)) + <i32>load<i16>(e));
  }
}

export function polyAdd(r: usize, a: usize): void {
  for (let p = r, end = r + POLY_BYTES; p < end; p += 2, a += 2) store<i16>(p, <i32>load<i16>(p) + <i32>load<i16>(a));
}

export function polySub(r: usize, a: usize): void {
  for (let p = r, end = r + POLY_BYTES; p < end; p += 2, a += 2) store<i16>(p, <i32>load<i16>(p) - <i32>load<i16>(a));
}

/** Canonical representative in [0, q) of any |a| < 2^15 (Barrett, then a masked add). */
@inline function canonical(a: i32): u32 {
  const b = barrett(a);
  return <u32>(b + ((b >> 15) & Q));
}

/** Compress_d (FIPS 203 §4.2.1) of a canonical x: round(x * 2^d / q) mod 2^d, by multiply-shift. */
@inline function compress(x: u32, d: i32): u32 {
  const y = (x << <u32>d) + <u32>(Q >> 1);
  return <u32>((<u64>y * DIV_Q_M) >> DIV_Q_S) & ((1 << <u32>d) - 1);
}

/**
 * ByteEncode_d(Compress_d(a)) of a polynomial with |coefficients| < 2^15 (reduced here);
 * d = 12 encodes without compression. d = 12, 10, 4 have unrolled packers (the common ones).
 */
export function polyCompress(out: usize, a: usize, d: i32): void {
  if (d == 12) {
    for (let i = 0; i < 128; i++, a += 4, out += 3) {
      const t0 = canonical(<i32>load<i16>(a)), t1 = canonical(<i32>load<i16>(a, 2));
      store<u8>(out, <u8>t0); store<u8>(out, <u8>((t0 >> 8) | (t1 << 4)), 1); store<u8>(out, <u8>(t1 >> 4), 2);
    }
  } else if (d == 10) {
    for (let i = 0; i < 64; i++, a += 8, out += 5) {
      const t0 = compress(canonical(<i32>load<i16>(a)), 10), t1 = compress(canonical(<i32>load<i16>(a, 2)), 10);
      const t2 = compress(canonical(<i32>load<i16>(a, 4)), 10), t3 = compress(canonical(<i32>load<i16>(a, 6)), 10);
      store<u32>(out, t0 | (t1 << 10) | (t2 << 20) | (t3 << 30));
      store<u8>(out, <u8>(t3 >> 2), 4);
    }
  } else if (d == 4) {
    for (let i = 0; i < 128; i++, a += 4, out++) {
      const t0 = compress(canonical(<i32>load<i16>(a)), 4), t1 = compress(canonical(<i32>load<i16>(a, 2)), 4);
      store<u8>(out, <u8>(t0 | (t1 << 4)));
    }
  } else {
    let buf: u32 = 0, bits: i32 = 0;
    for (let p = a, end = a + POLY_BYTES; p < end; p += 2) {
      buf |= compress(canonical(<i32>load<i16>(p)), d) << <u32>bits;
      bits += d;
      while (bits >= 8) { store<u8>(out++, <u8>buf); buf >>>= 8; bits -= 8; }
    }
  }
}

@inline function decompress(y: u32, d: i32): i32 { return <i32>((y * <u32>Q + (1 << <u32>(d - 1))) >> <u32>d); }

/**
 * Decompress_d(ByteDecode_d(in)) (FIPS 203 §4.2.1); d = 12 decodes without decompression.
 * The unrolled paths read whole words and may read up to 3 bytes past the encoding (unused).
 */
export function polyDecompress(r: usize, inp: usize, d: i32): void {
  if (d == 12) {
    for (let i = 0; i < 128; i++, r += 4, inp += 3) {
      const w = load<u32>(inp);
      store<i16>(r, <i32>(w & 0xfff)); store<i16>(r, <i32>((w >> 12) & 0xfff), 2);
    }
  } else if (d == 10) {
    for (let i = 0; i < 64; i++, r += 8, inp += 5) {
      const w = load<u32>(inp), b4 = <u32>load<u8>(inp, 4);
      store<i16>(r, decompress(w & 0x3ff, 10)); store<i16>(r, decompress((w >> 10) & 0x3ff, 10), 2);
      store<i16>(r, decompress((w >> 20) & 0x3ff, 10), 4); store<i16>(r, decompress((w >> 30) | (b4 << 2), 10), 6);
    }
  } else if (d == 4) {
    for (let i = 0; i < 128; i++, r += 4, inp++) {
      const b = <u32>load<u8>(inp);
      store<i16>(r, decompress(b & 15, 4)); store<i16>(r, decompress(b >> 4, 4), 2);
    }
  } else {
    let buf: u32 = 0, bits: i32 = 0;
    const mask: u32 = (1 << <u32>d) - 1;
    for (let p = r, end = r + POLY_BYTES; p < end; p += 2) {
      while (bits < d) { buf |= <u32>load<u8>(inp++) << <u32>bits; bits += 8; }
      store<i16>(p, decompress(buf & mask, d));
      buf >>>= <u32>d; bits -= d;
    }
  }
}

/** True when every 12-bit field of a ByteEncode_12 string is < q (FIPS 203 §7.2 modulus check). */
export function polyBytesCanonical(inp: usize): bool {
  let bad: u32 = 0;
  for (let i = 0; i < 128; i++, inp += 3) {
    const w = load<u32>(inp);
    bad |= (<u32>Q - 1 - (w & 0xfff)) | (<u32>Q - 1 - ((w >> 12) & 0xfff));
  }
  return (bad >> 31) == 0;
}

/** r = Decompress_1 of the 32-byte message m, by masking (no branch on message bits). */
export function polyFromMsg(r: usize, m: usize): void {
  for (let i = 0; i < 32; i++) {
    const byte = <i32>load<u8>(m + i);
    for (let j = 0; j < 8; j++) store<i16>(r + (<usize>(i * 8 + j) << 1), -((byte >> j) & 1) & HALF_Q);
  }
}

/** ByteEncode_1(Compress_1(a)) of a reduced polynomial into 32 bytes. */
export function polyToMsg(m: usize, a: usize): void { polyCompress(m, a, 1); }

/** SamplePolyCBD_eta (FIPS 203 Algorithm 8) from 64*eta bytes, eta in {2, 3}. */
export function polyCbd(r: usize, b: usize, eta: i32): void {
  if (eta == 2) {
    for (let i = 0; i < 32; i++) {
      const t = load<u32>(b + (<usize>i << 2));
      const d = (t & 0x55555555) + ((t >> 1) & 0x55555555);
      for (let j = 0; j < 8; j++) {
        const x = <i32>((d >> (4 * j)) & 3), y = <i32>((d >> (4 * j + 2)) & 3);
        store<i16>(r + (<usize>(8 * i + j) << 1), x - y);
      }
    }
  } else {
    for (let i = 0; i < 64; i++) {
      const p = b + <usize>(3 * i);
      const t = <u32>load<u8>(p) | (<u32>load<u8>(p, 1) << 8) | (<u32>load<u8>(p, 2) << 16);
      const d = (t & 0x249249) + ((t >> 1) & 0x249249) + ((t >> 2) & 0x249249);
      for (let j = 0; j < 4; j++) {
        const x = <i32>((d >> (6 * j)) & 7), y = <i32>((d >> (6 * j + 3)) & 7);
        store<i16>(r + (<usize>(4 * i + j) << 1), x - y);
      }
    }
  }
}

/**
 * Rejection sampling of NTT-domain coefficients from `len` bytes of SHAKE128 output
 * (FIPS 203 Algorithm 7, public data). Fills r from index ctr; returns the new count.
 */
export function rejUniform(r: usize, ctr: i32, buf: usize, len: i32): i32 {
  for (let pos = 0; pos + 3 <= len && ctr < N; pos += 3) {
    const w = load<u32>(buf + pos);                  // reads one byte past the triple (unused)
    const d1 = <i32>(w & 0xfff), d2 = <i32>((w >> 12) & 0xfff);
    if (d1 < Q) { store<i16>(r + (<usize>ctr << 1), d1); ctr++; }
    if (d2 < Q && ctr < N) { store<i16>(r + (<usize>ctr << 1), d2); ctr++; }
  }
  return ctr;
}
