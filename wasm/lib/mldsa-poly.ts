// ML-DSA (FIPS 204) polynomial arithmetic over Z_q[X]/(X^256+1), q = 8380417: NTT with
// Montgomery reduction (32x32->64 products), rounding (§7.4), norm checks and bit packing
// (§7.1). A polynomial is 256 i32 at a raw pointer (POLY_BYTES). No secret-dependent branch
// or index anywhere in this file: callers use it on secret polynomials.

export const N: i32 = 256;
export const Q: i32 = 8380417;
export const D: i32 = 13;
export const POLY_BYTES: i32 = N * 4;
const QINV: i32 = 58728449;  // q^-1 mod 2^32
const INV_F: i32 = 41978;    // 2^64 / 256 mod q: Montgomery factor and 1/256 of the inverse NTT

// zeta^brv8(i) * 2^32 mod q (centred), zeta = 1753 the 512th root of unity (§7.5, Appendix B),
// computed with BigInt; entry 0 is unused.
// @ts-ignore: decorator (lazy: only an agent that uses the table carries it in static data)
@lazy const ZETAS: usize = memory.data<i32>([
  0, 25847, -2608894, -518909, 237124, -777960, -876248, 466468,
  1826347, 2353451, -359251, -2091905, 3119733, -2884855, 3111497, 2680103,
  2725464, 1024112, -1079900, 3585928, -549488, -1119584, 2619752, -2108549,
  -2118186, -3859737, -1399561, -3277672, 1757237, -19422, 4010497, 280005,
  2706023, 95776, 3077325, 3530437, -1661693, -3592148, -2537516, 3915439,
  -3861115, -3043716, 3574422, -2867647, 3539968, -300467, 2348700, -539299,
  -1699267, -1643818, 3505694, -3821735, 3507263, -2140649, -1600420, 3699596,
  811944, 531354, 954230, 3881043, 3900724, -2556880, 2071892, -2797779,
  -3930395, -1528703, -3677745, -3041255, -1452451, 3475950, 2176455, -1585221,
  -1257611, 1939314, -4083598, -1000202, -3190144, -3157330, -3632928, 126922,
  3412210, -983419, 2147896, 2715295, -2967645, -3693493, -411027, -2477047,
  -671102, -1228525, -22981, -1308169, -381987, 1349076, 1852771, -1430430,
  -3343383, 264944, 508951, 3097992, 44288, -1100098, 904516, 3958618,
  -3724342, -8578, 1653064, -3249728, 2389356, -210977, 759969, -1316856,
  189548, -3553272, 3159746, -1851402, -2409325, -177440, 1315589, 1341330,
  1285669, -1584928, -812732, -1439742, -3019102, -3881060, -3628969, 3839961,
  2091667, 3407706, 2316500, 3817976, -3342478, 2244091, -2446433, -3562462,
  266997, 2434439, -1235728, 3513181, -3520352, -3759364, -1197226, -3193378,
  900702, 1859098, 909542, 819034, 495491, -1613174, -43260, -522500,
  -655327, -3122442, 2031748, 3207046, -3556995, -525098, -768622, -3595838,
  342297, 286988, -2437823, 4108315, 3437287, -3342277, 1735879, 203044,
  2842341, 2691481, -2590150, 1265009, 4055324, 1247620, 2486353, 1595974,
  -3767016, 1250494, 2635921, -3548272, -2994039, 1869119, 1903435, -1050970,
  -1333058, 1237275, -3318210, -1430225, -451100, 1312455, 3306115, -1962642,
  -1279661, 1917081, -2546312, -1374803, 1500165, 777191, 2235880, 3406031,
  -542412, -2831860, -1671176, -1846953, -2584293, -3724270, 594136, -3776993,
  -2013608, 2432395, 2454455, -164721, 1957272, 3369112, 185531, -1207385,
  -3183426, 162844, 1616392, 3014001, 810149, 1652634, -3694233, -1799107,
  -3038916, 3523897, 3866901, 269760, 2213111, -975884, 1717735, 472078,
  -426683, 1723600, -1803090, 1910376, -1667432, -1104333, -260646, -3833893,
  -2939036, -2235985, -420899, -2286327, 183443, -976891, 1612842, -3545687,
  -554416, 3919660, -48306, -1362209, 3937738, 1400424, -846154, 1976782,
]);

/** a * 2^-32 mod q for |a| < 2^31 q, result in (-q, q). */
@inline export function montReduce(a: i64): i32 {
  const t = <i32>a * QINV;
  return <i32>((a - <i64>t * <i64>Q) >> 32);
}

@inline function montMul(a: i32, b: i32): i32 { return montReduce(<i64>a * <i64>b); }

/** Representative in [-6283009, 6283008] of a mod q, for a <= 2^31 - 2^22 - 1. */
@inline export function reduce32(a: i32): i32 { return a - ((a + (1 << 22)) >> 23) * Q; }

/** Adds q when a is negative (branch-free). */
@inline export function caddq(a: i32): i32 { return a + ((a >> 31) & Q); }

@inline function zeta(i: i32): i32 { return load<i32>(ZETAS + (<usize>i << 2)); }

// The NTTs process two or three layers per pass over the coefficients, keeping 4 or 8 of them
// in locals: a third of the loads and stores of one layer at a time (each linear-memory
// access is bounds-checked on the device). Layer order and arithmetic are the reference's.

/** Three Cooley-Tukey layers on the 8 coefficients p + m*s: zeta z1 for pairs (m, m+4),
 *  z2/z3 for (m, m+2) in each half, z4..z7 for (m, m+1). */
@inline function forward3(p: usize, s: usize, z1: i32, z2: i32, z3: i32, z4: i32, z5: i32, z6: i32, z7: i32): void {
  let a0 = load<i32>(p), a1 = load<i32>(p + s), a2 = load<i32>(p + 2 * s), a3 = load<i32>(p + 3 * s);
  let a4 = load<i32>(p + 4 * s), a5 = load<i32>(p + 5 * s), a6 = load<i32>(p + 6 * s), a7 = load<i32>(p + 7 * s);
  let t = montMul(z1, a4); a4 = a0 - t; a0 += t;
  t = montMul(z1, a5); a5 = a1 - t; a1 += t;
  t = montMul(z1, a6); a6 = a2 - t; a2 += t;
  t = montMul(z1, a7); a7 = a3 - t; a3 += t;
  t = montMul(z2, a2); a2 = a0 - t; a0 += t;
  t = montMul(z2, a3); a3 = a1 - t; a1 += t;
  t = montMul(z3, a6); a6 = a4 - t; a4 += t;
  t = montMul(z3, a7); a7 = a5 - t; a5 += t;
  t = montMul(z4, a1); a1 = a0 - t; a0 += t;
  t = montMul(z5, a3); a3 = a2 - t; a2 += t;
  t = montMul(z6, a5); a5 = a4 - t; a4 += t;
  t = montMul(z7, a7); a7 = a6 - t; a6 += t;
  store<i32>(p, a0); store<i32>(p + s, a1); store<i32>(p + 2 * s, a2); store<i32>(p + 3 * s, a3);
  store<i32>(p + 4 * s, a4); store<i32>(p + 5 * s, a5); store<i32>(p + 6 * s, a6); store<i32>(p + 7 * s, a7);
}

/** Forward NTT in place (§7.5 Alg. 41), no reductions: |out| < |in| + 8q. */
export function ntt(a: usize): void {
  const z1 = zeta(1), z2 = zeta(2), z3 = zeta(3);                       // len 128, 64, 32
  const z4 = zeta(4), z5 = zeta(5), z6 = zeta(6), z7 = zeta(7);
  for (let j: usize = 0; j < 128; j += 4) forward3(a + j, 128, z1, z2, z3, z4, z5, z6, z7);
  for (let b = 0; b < 8; b++) {                                         // len 16, 8, 4
    const y1 = zeta(8 + b), y2 = zeta(16 + 2 * b), y3 = zeta(17 + 2 * b);
    const y4 = zeta(32 + 4 * b), y5 = zeta(33 + 4 * b), y6 = zeta(34 + 4 * b), y7 = zeta(35 + 4 * b);
    const base = a + (<usize>b << 7);
    for (let j: usize = 0; j < 16; j += 4) forward3(base + j, 16, y1, y2, y3, y4, y5, y6, y7);
  }
  for (let b = 0; b < 64; b++) {                                        // len 2, 1
    const p = a + (<usize>b << 4);
    const x1 = zeta(64 + b), x2 = zeta(128 + 2 * b), x3 = zeta(129 + 2 * b);
    let a0 = load<i32>(p), a1 = load<i32>(p, 4), a2 = load<i32>(p, 8), a3 = load<i32>(p, 12);
    let t = montMul(x1, a2); a2 = a0 - t; a0 += t;
    t = montMul(x1, a3); a3 = a1 - t; a1 += t;
    t = montMul(x2, a1); a1 = a0 - t; a0 += t;
    t = montMul(x3, a3); a3 = a2 - t; a2 += t;
    store<i32>(p, a0); store<i32>(p, a1, 4); store<i32>(p, a2, 8); store<i32>(p, a3, 12);
  }
}

/** Three Gentleman-Sande layers on p + m*s: z4..z7 for (m, m+1), z2/z3 for (m, m+2) in each
 *  half, z1 for (m, m+4); with scale, every output is then multiplied by 2^64/256 mod q. */
@inline function inverse3(p: usize, s: usize, z1: i32, z2: i32, z3: i32, z4: i32, z5: i32, z6: i32, z7: i32, scale: bool): void {
  let a0 = load<i32>(p), a1 = load<i32>(p + s), a2 = load<i32>(p + 2 * s), a3 = load<i32>(p + 3 * s);
  let a4 = load<i32>(p + 4 * s), a5 = load<i32>(p + 5 * s), a6 = load<i32>(p + 6 * s), a7 = load<i32>(p + 7 * s);
  let t = a0; a0 = t + a1; a1 = montMul(z4, t - a1);
  t = a2; a2 = t + a3; a3 = montMul(z5, t - a3);
  t = a4; a4 = t + a5; a5 = montMul(z6, t - a5);
  t = a6; a6 = t + a7; a7 = montMul(z7, t - a7);
  t = a0; a0 = t + a2; a2 = montMul(z2, t - a2);
  t = a1; a1 = t + a3; a3 = montMul(z2, t - a3);
  t = a4; a4 = t + a6; a6 = montMul(z3, t - a6);
  t = a5; a5 = t + a7; a7 = montMul(z3, t - a7);
  t = a0; a0 = t + a4; a4 = montMul(z1, t - a4);
  t = a1; a1 = t + a5; a5 = montMul(z1, t - a5);
  t = a2; a2 = t + a6; a6 = montMul(z1, t - a6);
  t = a3; a3 = t + a7; a7 = montMul(z1, t - a7);
  if (scale) {
    a0 = montMul(INV_F, a0); a1 = montMul(INV_F, a1); a2 = montMul(INV_F, a2); a3 = montMul(INV_F, a3);
    a4 = montMul(INV_F, a4); a5 = montMul(INV_F, a5); a6 = montMul(INV_F, a6); a7 = montMul(INV_F, a7);
  }
  store<i32>(p, a0); store<i32>(p + s, a1); store<i32>(p + 2 * s, a2); store<i32>(p + 3 * s, a3);
  store<i32>(p + 4 * s, a4); store<i32>(p + 5 * s, a5); store<i32>(p + 6 * s, a6); store<i32>(p + 7 * s, a7);
}

/** Inverse NTT in place times 2^32 (§7.5 Alg. 42): |in| < q gives |out| < q. The zeta of
 *  block b in a layer of B blocks is -zetas[2B - 1 - b]. */
export function invnttTomont(a: usize): void {
  for (let b = 0; b < 64; b++) {                                        // len 1, 2
    const p = a + (<usize>b << 4);
    const x1 = -zeta(255 - 2 * b), x2 = -zeta(254 - 2 * b), x3 = -zeta(127 - b);
    let a0 = load<i32>(p), a1 = load<i32>(p, 4), a2 = load<i32>(p, 8), a3 = load<i32>(p, 12);
    let t = a0; a0 = t + a1; a1 = montMul(x1, t - a1);
    t = a2; a2 = t + a3; a3 = montMul(x2, t - a3);
    t = a0; a0 = t + a2; a2 = montMul(x3, t - a2);
    t = a1; a1 = t + a3; a3 = montMul(x3, t - a3);
    store<i32>(p, a0); store<i32>(p, a1, 4); store<i32>(p, a2, 8); store<i32>(p, a3, 12);
  }
  for (let b = 0; b < 8; b++) {                                         // len 4, 8, 16
    const y4 = -zeta(63 - 4 * b), y5 = -zeta(62 - 4 * b), y6 = -zeta(61 - 4 * b), y7 = -zeta(60 - 4 * b);
    const y2 = -zeta(31 - 2 * b), y3 = -zeta(30 - 2 * b), y1 = -zeta(15 - b);
    const base = a + (<usize>b << 7);
    for (let j: usize = 0; j < 16; j += 4) inverse3(base + j, 16, y1, y2, y3, y4, y5, y6, y7, false);
  }
  const z4 = -zeta(7), z5 = -zeta(6), z6 = -zeta(5), z7 = -zeta(4);     // len 32, 64, 128
  const z2 = -zeta(3), z3 = -zeta(2), z1 = -zeta(1);
  for (let j: usize = 0; j < 128; j += 4) inverse3(a + j, 128, z1, z2, z3, z4, z5, z6, z7, true);
}

/** c = a o b * 2^-32 (pointwise in the NTT domain). c may alias a or b. */
export function pointwise(c: usize, a: usize, b: usize): void {
  for (let i: usize = 0; i < <usize>POLY_BYTES; i += 4) store<i32>(c + i, montMul(load<i32>(a + i), load<i32>(b + i)));
}

/** c += a o b * 2^-32. */
export function pointwiseAcc(c: usize, a: usize, b: usize): void {
  for (let i: usize = 0; i < <usize>POLY_BYTES; i += 4) {
    store<i32>(c + i, load<i32>(c + i) + montMul(load<i32>(a + i), load<i32>(b + i)));
  }
}

export function polyReduce(a: usize): void {
  for (let p = a, end = a + POLY_BYTES; p < end; p += 4) store<i32>(p, reduce32(load<i32>(p)));
}

/**
 * 1 when some |a_i| >= bound, else 0, for reduced a (|a_i| <= (q-1)/8). Scans every
 * coefficient and never branches on them (the sign of a_i must not leak; §7.2 note in the
 * reference implementation).
 */
export function polyExceeds(a: usize, bound: i32): i32 {
  let bad: i32 = 0;
  for (let p = a, end = a + POLY_BYTES; p < end; p += 4) {
    const x = load<i32>(p);
    const abs = x - ((x >> 31) & (x << 1));
    bad |= (bound - 1 - abs) >> 31;
  }
  return bad & 1;
}

// --- Rounding (§7.4) -------------------------------------------------------------------

/** Power2Round (Alg. 35) on a in [0, q): writes a0 to lowOut, returns a1. */
@inline export function power2Round(a: i32, lowOut: usize): i32 {
  const a1 = (a + (1 << (D - 1)) - 1) >> D;
  store<i32>(lowOut, a - (a1 << D));
  return a1;
}

/**
 * HighBits (Alg. 37) of a in [0, q) for gamma2 in {(q-1)/88, (q-1)/32}: the a1 of Decompose
 * (Alg. 36), with multiplications in place of the division by 2*gamma2.
 */
@inline export function highBits(a: i32, gamma2: i32): i32 {
  let a1 = (a + 127) >> 7;
  if (gamma2 == (Q - 1) / 32) {
    a1 = ((a1 * 1025 + (1 << 21)) >> 22) & 15;
  } else {
    a1 = (a1 * 11275 + (1 << 23)) >> 24;
    a1 ^= ((43 - a1) >> 31) & a1;
  }
  return a1;
}

/** The a0 of Decompose (Alg. 36) given a1 = highBits(a): in (-gamma2, gamma2]. */
@inline export function lowBits(a: i32, a1: i32, gamma2: i32): i32 {
  const a0 = a - a1 * 2 * gamma2;
  return a0 - ((((Q - 1) / 2 - a0) >> 31) & Q);
}

/**
 * MakeHint (Alg. 39) in the reference form: a0 = low part of w - cs2 + ct0, a1 = HighBits(w);
 * 1 when adding -ct0 changes the high bits. Branch-free.
 */
@inline export function makeHint(a0: i32, a1: i32, gamma2: i32): i32 {
  const above = (gamma2 - a0) >> 31;           // a0 > gamma2
  const below = (a0 + gamma2) >> 31;          // a0 < -gamma2
  const edge = ((a0 + gamma2) | -(a0 + gamma2)) >> 31; // -1 unless a0 == -gamma2
  const a1nz = (a1 | -a1) >> 31;              // -1 when a1 != 0
  return (above | below | (~edge & a1nz)) & 1;
}

/** UseHint (Alg. 40) on a in [0, q). Verification only: public data, branches allowed. */
export function useHint(a: i32, hint: i32, gamma2: i32): i32 {
  const a1 = highBits(a, gamma2);
  if (hint == 0) return a1;
  const a0 = lowBits(a, a1, gamma2);
  if (gamma2 == (Q - 1) / 32) return a0 > 0 ? (a1 + 1) & 15 : (a1 - 1) & 15;
  if (a0 > 0) return a1 == 43 ? 0 : a1 + 1;
  return a1 == 0 ? 43 : a1 - 1;
}

// --- Bit packing (§7.1): 256 coefficients * bits is always a whole number of bytes ------

/** SimpleBitPack / BitPack: writes (bias - a_i) when bias != 0, else a_i, in `bits` <= 20
 *  bits. A u32 accumulator suffices (at most 7 + 20 bits pending): no 64-bit shifts on M4. */
export function packPoly(out: usize, a: usize, bits: i32, bias: i32): void {
  let acc: u32 = 0, have: i32 = 0;
  const neg = bias != 0;
  for (let p = a, end = a + POLY_BYTES; p < end; p += 4) {
    const v = neg ? bias - load<i32>(p) : load<i32>(p);
    acc |= <u32>v << have;
    have += bits;
    while (have >= 8) { store<u8>(out++, <u8>acc); acc >>>= 8; have -= 8; }
  }
}

/** Inverse of packPoly: a_i = bias - v_i when bias != 0, else v_i. */
export function unpackPoly(a: usize, inp: usize, bits: i32, bias: i32): void {
  let acc: u32 = 0, have: i32 = 0;
  const mask: u32 = (1 << bits) - 1;
  const neg = bias != 0;
  for (let p = a, end = a + POLY_BYTES; p < end; p += 4) {
    while (have < bits) { acc |= <u32>load<u8>(inp++) << have; have += 8; }
    const v = <i32>(acc & mask);
    acc >>>= bits; have -= bits;
    store<i32>(p, neg ? bias - v : v);
  }
}

/** Bytes of one packed polynomial with `bits` per coefficient. */
@inline export function packedBytes(bits: i32): i32 { return bits << 5; }
