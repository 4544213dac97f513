// ECDSA verification's double-scalar multiplication u1 G + u2 Q on PUBLIC inputs, variable time:
// Jacobian coordinates (a = -3: dbl-2001-b with Z3 = 2YZ, since a multiplication costs less than a
// squaring and three additions here; madd-2004-hmv, from the Explicit-Formulas Database),
// a width-7 (P-256) or width-5 (P-384) NAF for u1 over static odd multiples of G and a width-5
// NAF for u2 over odd multiples of Q normalised to affine with one batch inversion (Fermat with
// the P-256 addition chain, else binary Euclid), and the exceptional cases of these incomplete
// formulas (identity, P + P, P - P) handled by branches, which is fine for public data only.

import {
  limbs, newLimbs, copy, montMul, montSqr, modScale, modAdd, modSub, toMont, isZeroMask, montInvPrime, invModVarTime, add, sub, lessThan, SPARSE_P256,
} from "./mont";
import { Curve, fe, pointAdd, pointDouble } from "./weierstrass";

/** Jacobian accumulator: X, Y, Z field elements plus an explicit identity flag. */
class Acc { X: usize = 0; Y: usize = 0; Z: usize = 0; inf: bool = true; }

/** Bits [i, i + cnt) of k (nl limbs), cnt <= 7, zero above the top limb. */
@inline function bitsAt(k: usize, nl: i32, i: i32, cnt: i32): u32 {
  const wi = i >> 5, sh = i & 31;
  let v: u64 = wi < nl ? <u64>load<u32>(k + (<usize>wi << 2)) : 0;
  if (wi + 1 < nl) v |= <u64>load<u32>(k + (<usize>(wi + 1) << 2)) << 32;
  return <u32>(v >> sh) & ((1 << cnt) - 1);
}

/**
 * Width-w NAF of k (nl limbs) into digits[0..bits] (odd digits below 2^(w-1) in absolute value,
 * at least w-1 zeros after each non-zero one), returns the digit count: scans the bits with a
 * carry instead of subtracting from and shifting the whole number.
 */
function wnaf(k: usize, nl: i32, digits: usize, w: i32): i32 {
  const bits = nl * 32;
  memory.fill(digits, 0, <usize>bits + 1);
  let carry: u32 = 0, len = 0, i = 0;
  while (i < bits) {
    if (bitsAt(k, nl, i, 1) == carry) { i++; continue; }
    const now = min(w, bits - i);
    let word = <i32>(bitsAt(k, nl, i, now) + carry);
    carry = (word >> (w - 1)) & 1;
    word -= <i32>(carry << w);
    store<i8>(digits + i, <i8>word);
    len = i + 1;
    i += now;
  }
  if (carry) { store<i8>(digits + bits, 1); len = bits + 1; }
  return len;
}

function jacDouble(C: Curve, A: Acc): void {
  if (A.inf) return;
  const F = C.F, t = C.t;
  const delta = t, gamma = t + fe(C, 1), beta = t + fe(C, 2), alpha = t + fe(C, 3), u = t + fe(C, 4), v = t + fe(C, 5);
  const X = A.X, Y = A.Y, Z = A.Z;
  montSqr(F, delta, Z);
  montSqr(F, gamma, Y);
  montMul(F, beta, X, gamma);
  modSub(F, u, X, delta); modAdd(F, v, X, delta); montMul(F, alpha, u, v);
  modScale(F, alpha, alpha, 3);                                       // 3(X - delta)(X + delta)
  montMul(F, Z, Y, Z); modAdd(F, Z, Z, Z);                            // Z3 = 2YZ (= (Y+Z)^2 - gamma - delta)
  modScale(F, u, beta, 4);                                            // 4 beta
  montSqr(F, X, alpha); modSub(F, X, X, u); modSub(F, X, X, u);
  modSub(F, u, u, X); montMul(F, u, alpha, u);
  montSqr(F, v, gamma); modScale(F, v, v, 8);
  modSub(F, Y, u, v);
}

/** A += (x, neg ? -y : y) for an affine point (madd-2004-hmv: 8M + 3S and 7 additions). */
function jacAddAffine(C: Curve, A: Acc, x: usize, y: usize, neg: bool): void {
  const F = C.F, nl = C.nl, t = C.t;
  const yy = t + fe(C, 6);
  if (neg) sub(yy, F.m, y, nl); else copy(yy, y, nl);                // -y = p - y (y != 0: no point of order 2)
  if (A.inf) { copy(A.X, x, nl); copy(A.Y, yy, nl); copy(A.Z, F.one, nl); A.inf = false; return; }
  const z1z1 = t + fe(C, 7), u2 = t + fe(C, 8), s2 = t + fe(C, 9), h = t + fe(C, 10), r = t + fe(C, 11);
  const hh = t + fe(C, 12), hhh = t + fe(C, 13), v = t, w = t + fe(C, 1);
  montSqr(F, z1z1, A.Z);
  montMul(F, u2, x, z1z1);                                            // U2 = x Z1^2
  montMul(F, s2, A.Z, z1z1); montMul(F, s2, s2, yy);                  // S2 = y Z1^3
  modSub(F, h, u2, A.X);                                              // H = U2 - X1
  modSub(F, r, s2, A.Y);                                              // R = S2 - Y1
  if (isZeroMask(h, nl)) {
    if (isZeroMask(r, nl)) jacDouble(C, A); else A.inf = true;        // P + P, or P - P
    return;
  }
  montMul(F, A.Z, A.Z, h);                                            // Z3 = Z1 H
  montSqr(F, hh, h);
  montMul(F, hhh, hh, h);
  montMul(F, v, A.X, hh);                                             // V = X1 H^2
  // X3 = R^2 - H^3 - 2V
  montSqr(F, w, r); modSub(F, w, w, hhh); modSub(F, w, w, v); modSub(F, A.X, w, v);
  // Y3 = R (V - X3) - Y1 H^3
  modSub(F, v, v, A.X); montMul(F, v, r, v);
  montMul(F, w, A.Y, hhh); modSub(F, A.Y, v, w);
}

/** Affine odd multiples Q, 3Q, ..., 15Q (x, y interleaved) with one var-time batch inversion. */
function oddMultiplesAffine(C: Curve, Q: usize): usize {
  const F = C.F, nl = C.nl, size = fe(C, 3);
  const T = heap.alloc(8 * size), D = limbs(3 * nl);
  copy(T, Q, 3 * nl);
  pointDouble(C, D, Q);
  for (let i: usize = 1; i < 8; i++) pointAdd(C, T + i * size, T + (i - 1) * size, D);
  // Montgomery's trick: prefix products of the Z's, one inversion, then back substitution.
  const pre = heap.alloc(8 * fe(C, 1)), inv = limbs(nl), zi = limbs(nl);
  copy(pre, T + fe(C, 2), nl);
  for (let i: usize = 1; i < 8; i++) montMul(F, pre + i * fe(C, 1), pre + (i - 1) * fe(C, 1), T + i * size + fe(C, 2));
  if (F.sparse == SPARSE_P256) montInvPrime(F, inv, pre + 7 * fe(C, 1)); // mont(z^-1): Fermat, fast squarings
  else {
    invModVarTime(F, inv, pre + 7 * fe(C, 1));                        // (z R)^-1 = z^-1 R^-1
    montMul(F, inv, inv, F.r2); toMont(F, inv, inv);                  // mont(z^-1)
  }
  const out = heap.alloc(8 * fe(C, 2));
  for (let i = 7; i >= 0; i--) {
    const Ti = T + <usize>i * size;
    if (i > 0) montMul(F, zi, inv, pre + <usize>(i - 1) * fe(C, 1)); else copy(zi, inv, nl);
    if (i > 0) montMul(F, inv, inv, Ti + fe(C, 2));
    montMul(F, out + <usize>i * fe(C, 2), Ti, zi);
    montMul(F, out + <usize>i * fe(C, 2) + fe(C, 1), Ti + fe(C, 1), zi);
  }
  return out;
}

/**
 * True when the affine x of u1 G + u2 Q, reduced mod n, equals r (FIPS 186-5 §6.4.2 steps 5-8).
 * Q is projective (Z = 1) in the Montgomery domain; u1, u2, r are plain limbs below n.
 */
export function verifyCombination(C: Curve, u1: usize, Q: usize, u2: usize, r: usize): bool {
  const F = C.F, nl = C.nl, bits = nl * 32 + 1;
  const d1 = heap.alloc(bits + 1), d2 = heap.alloc(bits + 1);
  const n1 = wnaf(u1, nl, d1, C.winWidth), n2 = wnaf(u2, nl, d2, 5);
  const TQ = oddMultiplesAffine(C, Q);
  const A = new Acc();
  A.X = limbs(nl); A.Y = limbs(nl); A.Z = limbs(nl);
  const G2 = fe(C, 2);
  for (let i = max(n1, n2) - 1; i >= 0; i--) {
    jacDouble(C, A);
    const a = i < n1 ? <i32>load<i8>(d1 + i) : 0, b = i < n2 ? <i32>load<i8>(d2 + i) : 0;
    if (a != 0) { const e = C.win + <usize>((a < 0 ? -a : a) >> 1) * G2; jacAddAffine(C, A, e, e + fe(C, 1), a < 0); }
    if (b != 0) { const e = TQ + <usize>((b < 0 ? -b : b) >> 1) * G2; jacAddAffine(C, A, e, e + fe(C, 1), b < 0); }
  }
  if (A.inf) return false;
  // x = X / Z^2: compare X with r Z^2, and with (r + n) Z^2 when r + n < p
  const z2 = limbs(nl), c = limbs(nl), rn = limbs(nl);
  montSqr(F, z2, A.Z);
  toMont(F, c, r); montMul(F, c, c, z2);
  modSub(F, c, c, A.X);
  if (isZeroMask(c, nl)) return true;
  if (add(rn, r, C.N.m, nl) != 0 || !lessThan(rn, F.m, nl)) return false;
  toMont(F, c, rn); montMul(F, c, c, z2);
  modSub(F, c, c, A.X);
  return isZeroMask(c, nl) != 0;
}
