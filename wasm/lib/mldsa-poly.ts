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
const ZETAS: usize = memory.data<i32>([
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

/** Forward NTT in place (§7.5 Alg. 41), no reductions: |out| < |in| + 8q. */
export function ntt(a: usize): void {
  let k = 0;
  for (let len = 128; len > 0; len >>= 1) {
    for (let start = 0; start < N; start += len << 1) {
      const zeta = load<i32>(ZETAS + (<usize>(++k) << 2));
      const end = a + (<usize>(start + len) << 2);
      for (let p = a + (<usize>start << 2); p < end; p += 4) {
        const hi = p + (<usize>len << 2);
        const t = montMul(zeta, load<i32>(hi));
        const lo = load<i32>(p);
        store<i32>(hi, lo - t);
        store<i32>(p, lo + t);
      }
    }
  }
}

/** Inverse NTT in place times 2^32 (§7.5 Alg. 42): |in| < q gives |out| < q. */
export function invnttTomont(a: usize): void {
  let k = 256;
  for (let len = 1; len < N; len <<= 1) {
    for (let start = 0; start < N; start += len << 1) {
      const zeta = -load<i32>(ZETAS + (<usize>(--k) << 2));
      const end = a + (<usize>(start + len) << 2);
      for (let p = a + (<usize>start << 2); p < end; p += 4) {
        const hi = p + (<usize>len << 2);
        const lo = load<i32>(p), h = load<i32>(hi);
        store<i32>(p, lo + h);
        store<i32>(hi, montMul(zeta, lo - h));
      }
    }
  }
  for (let p = a, end = a + POLY_BYTES; p < end; p += 4) store<i32>(p, montMul(INV_F, load<i32>(p)));
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
 * Decompose (Alg. 36) of a in [0, q) for gamma2 in {(q-1)/88, (q-1)/32}: returns a1 and
 * stores a0 in (-gamma2, gamma2] to lowOut. Multiplications replace the division by 2*gamma2.
 */
@inline export function decompose(a: i32, gamma2: i32, lowOut: usize): i32 {
  let a1 = (a + 127) >> 7;
  if (gamma2 == (Q - 1) / 32) {
    a1 = ((a1 * 1025 + (1 << 21)) >> 22) & 15;
  } else {
    a1 = (a1 * 11275 + (1 << 23)) >> 24;
    a1 ^= ((43 - a1) >> 31) & a1;
  }
  let a0 = a - a1 * 2 * gamma2;
  a0 -= (((Q - 1) / 2 - a0) >> 31) & Q;
  store<i32>(lowOut, a0);
  return a1;
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
export function useHint(a: i32, hint: i32, gamma2: i32, scratch: usize): i32 {
  const a1 = decompose(a, gamma2, scratch);
  if (hint == 0) return a1;
  const a0 = load<i32>(scratch);
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
