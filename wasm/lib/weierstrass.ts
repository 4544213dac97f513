// Generic short-Weierstrass engine for prime-order curves with a = -3 (NIST P-256, P-384): a curve
// is its parameters { p, n, b } as big-endian bytes plus static tables of its generator; points
// are projective (X:Y:Z) with coordinates in the Montgomery domain. Additions are the complete
// formulas of Renes-Costello-Batina 2015 (eprint 2015/1060, Algorithms 4-6): no exceptional
// cases, so secret scalar multiplications have no data-dependent branch. Secret table indexes
// only select through ctSelect (every entry read and masked); the comb's column count, the
// optional second comb table and the field-specific fast paths depend on the curve only.

import {
  Modulus, newModulus, newLimbs, limbs, copy, fromBytes, toBytes, montMul, modAdd, modSub,
  montSqr, modScale, toMont, fromMont, montInvPrime, lessThan, isZeroMask, cmov, reduceOnce, SPARSE_P256, SPARSE_P384,
} from "./mont";

export class Curve {
  /** Field and scalar byte length (32 or 48) and limb count. */
  bytes: i32;
  nl: i32;
  F!: Modulus;
  N!: Modulus;
  /** b in the Montgomery domain of F. */
  b: usize;
  /** Field temporaries for the point formulas. */
  t: usize;
  /** Static affine tables for G: comb (baseMulCT) and (2i + 1) G, i < 2^(winWidth - 2) (verification). */
  comb: usize;
  win: usize;
  /** wNAF width of the static odd-multiples table `win`. */
  winWidth: i32;
  /** Optional second comb table (of 2^ceil(d/2) G), 0 when the curve has none. */
  comb2: usize;
}

/**
 * params: p || n || b, each `bytes` big-endian; comb, win, comb2: the generator's tables, r2: R^2 mod
 * p || R^2 mod n as limbs (nist-tables.ts).
 */
export function newCurve(params: usize, bytes: i32, comb: usize, win: usize, winWidth: i32, comb2: usize, r2: usize): Curve {
  const C = new Curve();
  C.comb = comb; C.win = win; C.winWidth = winWidth; C.comb2 = comb2;
  const nl = bytes >> 2;
  C.bytes = bytes; C.nl = nl;
  const p = limbs(nl), n = limbs(nl);
  fromBytes(p, params, nl);
  fromBytes(n, params + bytes, nl);
  C.F = newModulus(p, nl, r2);
  C.F.sparse = bytes == 32 ? SPARSE_P256 : SPARSE_P384;              // NIST primes: see mont-unrolled.ts
  C.N = newModulus(n, nl, r2 + (<usize>nl << 2));
  C.b = limbs(nl);
  fromBytes(C.b, params + 2 * bytes, nl);
  toMont(C.F, C.b, C.b);
  C.t = newLimbs(14 * nl);
  return C;
}

/** Byte offset of the i-th field element of a limb block. */
@inline export function fe(C: Curve, i: i32): usize { return <usize>(i * C.nl) << 2; }

/** A point (3 field elements) set to the identity (0 : 1 : 0). */
export function newPoint(C: Curve): usize {
  const P = newLimbs(3 * C.nl);
  copy(P + fe(C, 1), C.F.one, C.nl);
  return P;
}

@inline function mul(C: Curve, r: usize, a: usize, b: usize): void { montMul(C.F, r, a, b); }
@inline function sqr(C: Curve, r: usize, a: usize): void { montSqr(C.F, r, a); }
@inline function addf(C: Curve, r: usize, a: usize, b: usize): void { modAdd(C.F, r, a, b); }
@inline function subf(C: Curve, r: usize, a: usize, b: usize): void { modSub(C.F, r, a, b); }
/** r = 3a */
@inline function triple(C: Curve, r: usize, a: usize): void { modScale(C.F, r, a, 3); }

/** R = P + Q (complete, RCB Algorithm 4). R may alias P or Q. */
export function pointAdd(C: Curve, R: usize, P: usize, Q: usize): void {
  const t = C.t;
  const xx = t, yy = t + fe(C, 1), zz = t + fe(C, 2), xy = t + fe(C, 3), yz = t + fe(C, 4);
  const xz = t + fe(C, 5), u = t + fe(C, 6), v = t + fe(C, 7), ym = t + fe(C, 8), yp = t + fe(C, 9);
  const bxz3 = t + fe(C, 10), xx3 = t + fe(C, 11), tmp = t + fe(C, 12), w = t + fe(C, 13);
  const X1 = P, Y1 = P + fe(C, 1), Z1 = P + fe(C, 2);
  const X2 = Q, Y2 = Q + fe(C, 1), Z2 = Q + fe(C, 2);
  mul(C, xx, X1, X2); mul(C, yy, Y1, Y2); mul(C, zz, Z1, Z2);
  addf(C, u, X1, Y1); addf(C, v, X2, Y2); mul(C, xy, u, v); addf(C, u, xx, yy); subf(C, xy, xy, u);
  addf(C, u, Y1, Z1); addf(C, v, Y2, Z2); mul(C, yz, u, v); addf(C, u, yy, zz); subf(C, yz, yz, u);
  addf(C, u, X1, Z1); addf(C, v, X2, Z2); mul(C, xz, u, v); addf(C, u, xx, zz); subf(C, xz, xz, u);
  mul(C, u, C.b, zz); subf(C, u, xz, u); triple(C, u, u);        // bzz3 = 3(xz - b zz)
  subf(C, ym, yy, u); addf(C, yp, yy, u);
  triple(C, w, zz);                                                // zz3
  mul(C, u, C.b, xz); addf(C, v, w, xx); subf(C, u, u, v); triple(C, bxz3, u);
  triple(C, xx3, xx); subf(C, xx3, xx3, w);
  // X3 = yp xy - yz bxz3; Y3 = yp ym + xx3 bxz3; Z3 = ym yz + xy xx3
  mul(C, u, yp, xy); mul(C, v, yz, bxz3); subf(C, R, u, v);
  mul(C, u, yp, ym); mul(C, v, xx3, bxz3); addf(C, R + fe(C, 1), u, v);
  mul(C, u, ym, yz); mul(C, v, xy, xx3); addf(C, R + fe(C, 2), u, v);
}

/**
 * R = P + (x2, y2) for an affine point that is not the identity (RCB Algorithm 5: 11M instead of
 * 14M). Complete otherwise, P may be the identity. R may alias P.
 */
export function pointAddMixed(C: Curve, R: usize, P: usize, A: usize): void {
  const t = C.t;
  const xx = t, yy = t + fe(C, 1), xy = t + fe(C, 2), yz = t + fe(C, 3), xz = t + fe(C, 4);
  const u = t + fe(C, 5), v = t + fe(C, 6), ym = t + fe(C, 7), yp = t + fe(C, 8);
  const bxz3 = t + fe(C, 9), xx3 = t + fe(C, 10), tmp = t + fe(C, 11), z3 = t + fe(C, 12);
  const X1 = P, Y1 = P + fe(C, 1), Z1 = P + fe(C, 2), x2 = A, y2 = A + fe(C, 1);
  mul(C, xx, X1, x2); mul(C, yy, Y1, y2);
  addf(C, u, X1, Y1); addf(C, v, x2, y2); mul(C, xy, u, v); addf(C, u, xx, yy); subf(C, xy, xy, u);
  mul(C, yz, y2, Z1); addf(C, yz, yz, Y1);
  mul(C, xz, x2, Z1); addf(C, xz, xz, X1);
  mul(C, u, C.b, Z1); subf(C, u, xz, u); triple(C, u, u);        // bz3 = 3(xz - b Z1)
  subf(C, ym, yy, u); addf(C, yp, yy, u);
  triple(C, z3, Z1);
  mul(C, u, C.b, xz); addf(C, v, z3, xx); subf(C, u, u, v); triple(C, bxz3, u);
  triple(C, xx3, xx); subf(C, xx3, xx3, z3);
  mul(C, u, yp, xy); mul(C, v, yz, bxz3); subf(C, R, u, v);
  mul(C, u, yp, ym); mul(C, v, xx3, bxz3); addf(C, R + fe(C, 1), u, v);
  mul(C, u, ym, yz); mul(C, v, xy, xx3); addf(C, R + fe(C, 2), u, v);
}

/** R = 2P (exception-free, RCB Algorithm 6). R may alias P. */
export function pointDouble(C: Curve, R: usize, P: usize): void {
  const t = C.t;
  const xx = t, yy = t + fe(C, 1), zz = t + fe(C, 2), xy2 = t + fe(C, 3), xz2 = t + fe(C, 4);
  const u = t + fe(C, 5), ym = t + fe(C, 6), yp = t + fe(C, 7), yf = t + fe(C, 8), xf = t + fe(C, 9);
  const zz3 = t + fe(C, 10), bxz6 = t + fe(C, 11), tmp = t + fe(C, 12), yz2 = t + fe(C, 13);
  const X = P, Y = P + fe(C, 1), Z = P + fe(C, 2);
  sqr(C, xx, X); sqr(C, yy, Y); sqr(C, zz, Z);
  mul(C, xy2, X, Y); addf(C, xy2, xy2, xy2);
  mul(C, xz2, X, Z); addf(C, xz2, xz2, xz2);
  mul(C, u, C.b, zz); subf(C, u, u, xz2); triple(C, u, u);       // bzz3 = 3(b zz - xz2)
  subf(C, ym, yy, u); addf(C, yp, yy, u);
  mul(C, yf, yp, ym); mul(C, xf, ym, xy2);
  triple(C, zz3, zz);
  mul(C, u, C.b, xz2); addf(C, tmp, zz3, xx); subf(C, u, u, tmp); triple(C, bxz6, u);
  triple(C, u, xx); subf(C, u, u, zz3);                          // xx3 - zz3
  mul(C, u, u, bxz6); addf(C, u, yf, u);                              // Y3 (kept in u until Y is read)
  mul(C, yz2, Y, Z); addf(C, yz2, yz2, yz2);
  mul(C, tmp, bxz6, yz2); subf(C, R, xf, tmp);                        // X3
  mul(C, tmp, yz2, yy); modScale(C.F, R + fe(C, 2), tmp, 4);
  copy(R + fe(C, 1), u, C.nl);
}

/**
 * R = 16P: four doublings in Jacobian coordinates (dbl-2001-b for a = -3: 3M + 5S each, vs 13M
 * for the complete formula), with conversions (X : Y : Z) -> (XZ, YZ^2, Z) -> (XZ, Y, Z^3).
 * Exception-free on a prime-order curve (no point has Y = 0); the identity becomes all-zero
 * and is mapped back to (0 : 1 : 0) with a mask. R may alias P.
 */
export function pointDouble4(C: Curve, R: usize, P: usize): void {
  const F = C.F, t = C.t, nl = C.nl;
  const X = t, Y = t + fe(C, 1), Z = t + fe(C, 2), delta = t + fe(C, 3), gamma = t + fe(C, 4);
  const beta = t + fe(C, 5), alpha = t + fe(C, 6), u = t + fe(C, 7), v = t + fe(C, 8);
  montSqr(F, delta, P + fe(C, 2));
  montMul(F, X, P, P + fe(C, 2));
  montMul(F, Y, P + fe(C, 1), delta);
  copy(Z, P + fe(C, 2), nl);
  for (let i = 0; i < 4; i++) {
    montSqr(F, delta, Z);
    montSqr(F, gamma, Y);
    montMul(F, beta, X, gamma);
    modSub(F, u, X, delta); modAdd(F, v, X, delta); montMul(F, alpha, u, v);
    modScale(F, alpha, alpha, 3);                                      // alpha = 3(X - delta)(X + delta)
    montMul(F, Z, Y, Z); modAdd(F, Z, Z, Z);                           // Z3 = 2YZ (= (Y+Z)^2 - gamma - delta)
    modScale(F, u, beta, 4);                                           // 4 beta
    montSqr(F, X, alpha); modSub(F, X, X, u); modSub(F, X, X, u); // X3 = alpha^2 - 8 beta
    modSub(F, u, u, X); montMul(F, u, alpha, u);                       // alpha (4 beta - X3)
    montSqr(F, v, gamma); modScale(F, v, v, 8);
    modSub(F, Y, u, v);                                                // Y3
  }
  montSqr(F, delta, Z);
  montMul(F, R, X, Z);
  montMul(F, R + fe(C, 2), delta, Z);
  copy(R + fe(C, 1), Y, nl);
  cmov(R + fe(C, 1), F.one, isZeroMask(R + fe(C, 2), nl), nl);
}

/**
 * r = entry `idx` of a table of `count` entries of n limbs (n a multiple of 4) spaced `stride`
 * bytes apart, for a SECRET idx: every entry is read and ANDed with an all-ones-or-zero mask, the
 * OR of all is kept in locals (8 or 4 limbs at a time), so neither branches nor addresses depend
 * on idx.
 */
function ctSelect(r: usize, T: usize, count: u32, stride: usize, idx: u32, n: i32): void {
  const bytes = <usize>n << 2;
  let o: usize = 0;
  for (; o + 32 <= bytes; o += 32) {
    let a0: u32 = 0, a1: u32 = 0, a2: u32 = 0, a3: u32 = 0, a4: u32 = 0, a5: u32 = 0, a6: u32 = 0, a7: u32 = 0;
    let p = T + o;
    for (let i: u32 = 0; i < count; i++) {
      const mask = <u32>((<u64>(i ^ idx) - 1) >>> 32);              // all-ones when i == idx
      a0 |= load<u32>(p, 0) & mask; a1 |= load<u32>(p, 4) & mask; a2 |= load<u32>(p, 8) & mask; a3 |= load<u32>(p, 12) & mask;
      a4 |= load<u32>(p, 16) & mask; a5 |= load<u32>(p, 20) & mask; a6 |= load<u32>(p, 24) & mask; a7 |= load<u32>(p, 28) & mask;
      p += stride;
    }
    store<u32>(r + o, a0, 0); store<u32>(r + o, a1, 4); store<u32>(r + o, a2, 8); store<u32>(r + o, a3, 12);
    store<u32>(r + o, a4, 16); store<u32>(r + o, a5, 20); store<u32>(r + o, a6, 24); store<u32>(r + o, a7, 28);
  }
  if (o < bytes) {                                                    // a last group of 4 limbs
    let a0: u32 = 0, a1: u32 = 0, a2: u32 = 0, a3: u32 = 0;
    let p = T + o;
    for (let i: u32 = 0; i < count; i++) {
      const mask = <u32>((<u64>(i ^ idx) - 1) >>> 32);
      a0 |= load<u32>(p, 0) & mask; a1 |= load<u32>(p, 4) & mask; a2 |= load<u32>(p, 8) & mask; a3 |= load<u32>(p, 12) & mask;
      p += stride;
    }
    store<u32>(r + o, a0, 0); store<u32>(r + o, a1, 4); store<u32>(r + o, a2, 8); store<u32>(r + o, a3, 12);
  }
}

/** The 16 multiples 0P..15P (projective) for 4-bit windows. */
function windowTable(C: Curve, P: usize): usize {
  const size = fe(C, 3);
  const T = heap.alloc(16 * size);
  const O = newPoint(C);
  memory.copy(T, O, size);
  memory.copy(T + size, P, size);
  for (let i: usize = 2; i < 16; i++) pointAdd(C, T + i * size, T + (i - 1) * size, P);
  return T;
}

@inline function nibble(k: usize, w: i32): u32 {
  return (load<u32>(k + (<usize>(w >> 3) << 2)) >> ((w & 7) << 2)) & 15;
}

/**
 * R = kP for a SECRET scalar k (limbs, below n): fixed 4-bit windows, every window does four
 * doublings and one complete addition of an entry read by scanning the whole table with masks.
 */
export function scalarMulCT(C: Curve, R: usize, P: usize, k: usize): void {
  const size = fe(C, 3), n3 = 3 * C.nl;
  const T = windowTable(C, P);
  const S = newPoint(C);
  const Q = newPoint(C);
  for (let w = C.nl * 8 - 1; w >= 0; w--) {
    if (w != C.nl * 8 - 1) pointDouble4(C, Q, Q);
    ctSelect(S, T, 16, size, nibble(k, w), n3);                       // masked scan of all 16 entries
    pointAdd(C, Q, Q, S);
  }
  copy(R, Q, n3);
}

/** Teeth of the generator comb (scripts/gen-comb-tables.mjs builds 2^COMB_TEETH entries). */
const COMB_TEETH: i32 = 5;

/**
 * Q += table[idx] for column j of the comb (idx from bits j, j+d, ..., j+4d of the SECRET k): the
 * entry is read by a masked scan of all 32 entries; index 0 (the identity) adds a stand-in and
 * the sum is discarded with a mask. S, Sum: scratch.
 */
function combAdd(C: Curve, Q: usize, Sum: usize, S: usize, k: usize, j: i32, d: i32, table: usize): void {
  const size = fe(C, 2), n2 = 2 * C.nl, bits = C.nl * 32, entries: u32 = 1 << COMB_TEETH;
  let idx: u32 = 0;
  for (let b = COMB_TEETH - 1; b >= 0; b--) {
    const i = j + b * d;                                              // public bit position
    const bit = i < bits ? (load<u32>(k + (<usize>(i >> 5) << 2)) >> (i & 31)) & 1 : 0;
    idx = (idx << 1) | bit;
  }
  const zero = <u32>((<u64>idx - 1) >>> 32) & 1;                     // entry 1 stands in for entry 0
  ctSelect(S, table, entries, size, idx | zero, n2);
  pointAddMixed(C, Sum, Q, S);
  cmov(Q, Sum, <u32>((<u64>0 - <u64>idx) >>> 32), 3 * C.nl);         // keep Q when idx == 0
}

/**
 * R = kG for a SECRET scalar k with the static comb (Lim-Lee, 5 teeth): with d = ceil(bits/5),
 * column j takes bits j, j+d, ..., j+4d of k as the index of sum 2^(d*b) G; d doublings and d
 * mixed additions of an affine entry read by a masked scan of all 32 entries (vs 4d doublings
 * for windows). With a second table (comb of 2^h G, h = ceil(d/2)), columns j and j+h are
 * added in the same pass: h doublings instead of d. The control flow depends only on public
 * sizes, never on k.
 */
export function baseMulCT(C: Curve, R: usize, k: usize): void {
  const n3 = 3 * C.nl, bits = C.nl * 32;
  const d = (bits + COMB_TEETH - 1) / COMB_TEETH;
  const h = C.comb2 != 0 ? (d + 1) >> 1 : d;                          // columns walked
  const S = newLimbs(2 * C.nl), Q = newPoint(C), Sum = newPoint(C);
  for (let j = h - 1; j >= 0; j--) {
    if (j != h - 1) pointDouble(C, Q, Q);
    combAdd(C, Q, Sum, S, k, j, d, C.comb);
    if (C.comb2 != 0 && j + h < d) combAdd(C, Q, Sum, S, k, j + h, d, C.comb2);
  }
  copy(R, Q, n3);
}

/** Affine x, y (plain limbs) of a projective point; returns false for the identity. */
export function toAffine(C: Curve, x: usize, y: usize, P: usize): bool {
  const nl = C.nl;
  const zi = limbs(nl);
  montInvPrime(C.F, zi, P + fe(C, 2));                                // 0 maps to 0
  montMul(C.F, x, P, zi); fromMont(C.F, x, x);
  montMul(C.F, y, P + fe(C, 1), zi); fromMont(C.F, y, y);
  return isZeroMask(P + fe(C, 2), nl) == 0;
}

/**
 * Decodes an uncompressed SEC1 point 04 || X || Y (1 + 2*bytes) into projective Montgomery form.
 * Returns false when the prefix is wrong, a coordinate is >= p or the point is not on the curve.
 */
export function decodePoint(C: Curve, P: usize, src: usize): bool {
  const nl = C.nl, bytes = C.bytes;
  if (load<u8>(src) != 4) return false;
  const x = P, y = P + fe(C, 1);
  fromBytes(x, src + 1, nl);
  fromBytes(y, src + 1 + bytes, nl);
  if (!lessThan(x, C.F.m, nl) || !lessThan(y, C.F.m, nl)) return false;
  toMont(C.F, x, x); toMont(C.F, y, y);
  copy(P + fe(C, 2), C.F.one, nl);
  // y^2 == x^3 - 3x + b
  const l = limbs(nl), r = limbs(nl), tmp = limbs(nl);
  montMul(C.F, l, y, y);
  montMul(C.F, r, x, x); montMul(C.F, r, r, x);
  modAdd(C.F, tmp, x, x); modAdd(C.F, tmp, tmp, x);
  modSub(C.F, r, r, tmp); modAdd(C.F, r, r, C.b);
  modSub(C.F, l, l, r);
  return isZeroMask(l, nl) != 0;
}

/** Writes 04 || X || Y for a projective point; returns false for the identity. */
export function encodePoint(C: Curve, dst: usize, P: usize): bool {
  const x = limbs(C.nl), y = limbs(C.nl);
  const ok = toAffine(C, x, y, P);
  store<u8>(dst, 4);
  toBytes(dst + 1, x, C.nl);
  toBytes(dst + 1 + C.bytes, y, C.nl);
  return ok;
}

/** Loads a big-endian scalar and reports whether it lies in [1, n-1] (constant-time mask result). */
export function loadScalar(C: Curve, k: usize, src: usize): bool {
  fromBytes(k, src, C.nl);
  const inRange = lessThan(k, C.N.m, C.nl) & ~isZeroMask(k, C.nl) & 1;
  return inRange != 0;
}

/** r = a mod n for a < 2n (e.g. a field element or a digest of the scalar length). */
export function reduceModN(C: Curve, r: usize, a: usize): void { reduceOnce(r, a, 0, C.N.m, C.nl); }
