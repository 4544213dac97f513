// Montgomery arithmetic modulo an odd m on little-endian u32 limbs of runtime length, shared by
// the elliptic-curve fields/scalars (8 or 12 limbs) and RSA (32..128 limbs). Every function here
// is constant-time in its operands: no data-dependent branch or index (carries become masks).

import {
  montMul8, montMul12, montMulP256, montSqrP256, montMulP384, modAdd8, modAdd12, modSub8, modSub12,
  modAddP256, modSubP256, modScaleP256,
} from "./mont-unrolled";

/** Values of Modulus.sparse: the NIST field primes get a multiplication-free reduction. */
export const SPARSE_NONE: i32 = 0;
export const SPARSE_P256: i32 = 1;
export const SPARSE_P384: i32 = 2;

/** An odd modulus m of `n` limbs with its Montgomery constants (R = 2^(32n)). Heap-allocated per call. */
export class Modulus {
  n: i32;
  m: usize;
  /** -m^-1 mod 2^32. */
  m0inv: u32;
  /** R^2 mod m, to enter the Montgomery domain. */
  r2: usize;
  /** R mod m: the Montgomery form of 1. */
  one: usize;
  /** Scratch of n+1 limbs for montMul. */
  t: usize;
  /** SPARSE_P256 / SPARSE_P384 when m is that field prime (set by the curve), else SPARSE_NONE. */
  sparse: i32;
}

@inline export function limbs(n: i32): usize { return heap.alloc(<usize>n << 2); }

/** New zeroed limb array. */
export function newLimbs(n: i32): usize {
  const p = limbs(n);
  memory.fill(p, 0, <usize>n << 2);
  return p;
}

/** Big-endian bytes (exactly 4n of them) to little-endian limbs. */
export function fromBytes(r: usize, p: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u32>(r + (<usize>i << 2), bswap<u32>(load<u32>(p + (<usize>(n - 1 - i) << 2))));
}

/** Limbs to 4n big-endian bytes. */
export function toBytes(p: usize, a: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<u32>(p + (<usize>(n - 1 - i) << 2), bswap<u32>(load<u32>(a + (<usize>i << 2))));
}

@inline export function copy(r: usize, a: usize, n: i32): void { memory.copy(r, a, <usize>n << 2); }

/**
 * Builds the Modulus for an odd m whose top limb has its top bit set (so R - m < m); r2, when not
 * 0, points to a precomputed R^2 mod m (static constants of the NIST curves).
 */
export function newModulus(m: usize, n: i32, r2: usize = 0): Modulus {
  const M = new Modulus();
  M.n = n; M.m = m;
  const m0 = load<u32>(m);
  let inv = m0;                                   // Newton: correct to 3 bits, doubling each step
  for (let i = 0; i < 5; i++) inv *= 2 - m0 * inv;
  M.m0inv = 0 - inv;
  M.t = newLimbs(n + 1);
  M.one = newLimbs(n);
  sub(M.one, M.one, m, n);                        // (0 - m) mod R = R - m = R mod m
  if (r2 != 0) { M.r2 = limbs(n); copy(M.r2, r2, n); return M; }
  // R^2 = mont(2^(32n)) = mont(2^32)^n: 32 modular doublings, then a public-exponent power.
  const base = limbs(n);
  copy(base, M.one, n);
  for (let i = 0; i < 32; i++) modAdd(M, base, base, base);
  M.r2 = limbs(n);
  copy(M.r2, M.one, n);
  for (let bit = 31 - clz<i32>(n); bit >= 0; bit--) {
    montSqr(M, M.r2, M.r2);
    if ((n >> bit) & 1) montMul(M, M.r2, M.r2, base);
  }
  return M;
}

/** r = a + b over n limbs; returns the carry. */
export function add(r: usize, a: usize, b: usize, n: i32): u32 { return addMasked(r, a, b, 0xffffffff, n); }

/** r = a - b over n limbs; returns the borrow (0 or 1). */
export function sub(r: usize, a: usize, b: usize, n: i32): u32 { return subMasked(r, a, b, 0xffffffff, n); }

/** r = a - (b & mask) over n limbs, returns the borrow. Inlined: add/sub's all-ones mask folds away. */
@inline function subMasked(r: usize, a: usize, b: usize, mask: u32, n: i32): u32 {
  let c: i64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    c += <i64>load<u32>(a + o) - <i64>(load<u32>(b + o) & mask);
    store<u32>(r + o, <u32>c);
    c >>= 32;
  }
  return <u32>(0 - <i32>c);
}

/** r = a + (b & mask) over n limbs, returns the carry. Inlined like subMasked. */
@inline function addMasked(r: usize, a: usize, b: usize, mask: u32, n: i32): u32 {
  let c: u64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    c += <u64>load<u32>(a + o) + <u64>(load<u32>(b + o) & mask);
    store<u32>(r + o, <u32>c);
    c >>= 32;
  }
  return <u32>c;
}

/** Borrow of a - b (1 when a < b), without writing anything. */
export function lessThan(a: usize, b: usize, n: i32): u32 {
  let c: i64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    c += <i64>load<u32>(a + o) - <i64>load<u32>(b + o);
    c >>= 32;
  }
  return <u32>(0 - <i32>c);
}

/** r = (hi:a) mod m for a value below 2m with an extra top bit `hi`: subtract m when it is >= m. */
export function reduceOnce(r: usize, a: usize, hi: u32, m: usize, n: i32): void {
  const borrow = lessThan(a, m, n);
  subMasked(r, a, m, 0 - (hi | (borrow ^ 1)), n);
}

/** All-ones when the n limbs are zero, else 0. */
export function isZeroMask(a: usize, n: i32): u32 {
  let acc: u32 = 0;
  for (let i = 0; i < n; i++) acc |= load<u32>(a + (<usize>i << 2));
  return <u32>((<u64>acc - 1) >>> 32);
}

/** r = mask ? a : r (mask all-ones or zero). */
export function cmov(r: usize, a: usize, mask: u32, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const x = load<u32>(r + o);
    store<u32>(r + o, x ^ ((x ^ load<u32>(a + o)) & mask));
  }
}

export function modAdd(M: Modulus, r: usize, a: usize, b: usize): void {
  if (M.sparse == SPARSE_P256) { modAddP256(r, a, b); return; }     // public: which modulus
  if (M.n == 8) { modAdd8(r, a, b, M.m); return; }
  if (M.n == 12) { modAdd12(r, a, b, M.m); return; }
  const c = add(r, a, b, M.n);
  reduceOnce(r, r, c, M.m, M.n);
}

export function modSub(M: Modulus, r: usize, a: usize, b: usize): void {
  if (M.sparse == SPARSE_P256) { modSubP256(r, a, b); return; }
  if (M.n == 8) { modSub8(r, a, b, M.m); return; }
  if (M.n == 12) { modSub12(r, a, b, M.m); return; }
  const borrow = sub(r, a, b, M.n);
  addMasked(r, r, M.m, 0 - borrow, M.n);
}

/**
 * r = k a mod m for a PUBLIC k in {2, 3, 4, 8}: one pass for the P-256 field, else modular
 * additions (k = 3 uses the scratch M.t, which only the generic-size montMul also uses). r may alias a.
 */
export function modScale(M: Modulus, r: usize, a: usize, k: u32): void {
  if (M.sparse == SPARSE_P256) { modScaleP256(r, a, k); return; }   // public: which modulus
  if (k == 3) { modAdd(M, M.t, a, a); modAdd(M, r, M.t, a); return; }
  modAdd(M, r, a, a);
  if (k >= 4) modAdd(M, r, r, r);
  if (k == 8) modAdd(M, r, r, r);
}

/**
 * r = a * b * R^-1 mod m (FIOS Montgomery multiplication, inputs below m). r may alias a or b.
 * The accumulator stays below 2m, so one masked subtraction ends it.
 */
export function montMul(M: Modulus, r: usize, a: usize, b: usize): void {
  if (M.sparse == SPARSE_P256) { montMulP256(r, a, b); return; }     // public: which modulus
  if (M.sparse == SPARSE_P384) { montMulP384(r, a, b); return; }
  const n = M.n, m = M.m, t = M.t, m0inv = M.m0inv;
  if (n == 8) { montMul8(r, a, b, m, m0inv); return; }               // public size: P-256
  if (n == 12) { montMul12(r, a, b, m, m0inv); return; }             // P-384
  memory.fill(t, 0, <usize>(n + 1) << 2);
  const a0 = <u64>load<u32>(a);
  const m0 = <u64>load<u32>(m);
  const tn = t + (<usize>n << 2);
  for (let i = 0; i < n; i++) {
    const bi = <u64>load<u32>(b + (<usize>i << 2));
    let x = <u64>load<u32>(t) + a0 * bi;
    const q = <u64>(<u32>x * m0inv);
    let c1 = x >> 32;
    let y = <u64><u32>x + q * m0;
    let c2 = y >> 32;
    for (let j = 1; j < n; j++) {
      const o = <usize>j << 2;
      x = <u64>load<u32>(t + o) + <u64>load<u32>(a + o) * bi + c1;
      c1 = x >> 32;
      y = <u64><u32>x + q * <u64>load<u32>(m + o) + c2;
      c2 = y >> 32;
      store<u32>(t + o - 4, <u32>y);
    }
    x = <u64>load<u32>(tn) + c1 + c2;
    store<u32>(tn - 4, <u32>x);
    store<u32>(tn, <u32>(x >> 32));
  }
  reduceOnce(r, t, load<u32>(tn), m, n);
}

/** r = a^2 R^-1 mod m: montMul(M, r, a, a), with a dedicated squaring for the P-256 field. */
@inline export function montSqr(M: Modulus, r: usize, a: usize): void {
  if (M.sparse == SPARSE_P256) { montSqrP256(r, a); return; }      // public: which modulus
  montMul(M, r, a, a);
}

@inline export function toMont(M: Modulus, r: usize, a: usize): void { montMul(M, r, a, M.r2); }

/** r = a * R^-1 (leave the Montgomery domain). */
export function fromMont(M: Modulus, r: usize, a: usize): void {
  const one = newLimbs(M.n);
  store<u32>(one, 1);
  montMul(M, r, a, one);
}

/**
 * r = a^e in the Montgomery domain for a PUBLIC exponent e (limbs, `en` of them): left-to-right
 * square-and-multiply, which branches on the exponent's bits only. r must not alias a.
 */
export function montPowPublic(M: Modulus, r: usize, a: usize, e: usize, en: i32): void {
  copy(r, M.one, M.n);
  let top = en * 32 - 1;
  while (top >= 0 && ((load<u32>(e + (<usize>(top >> 5) << 2)) >> (top & 31)) & 1) == 0) top--;
  for (let i = top; i >= 0; i--) {
    montSqr(M, r, r);
    if ((load<u32>(e + (<usize>(i >> 5) << 2)) >> (i & 31)) & 1) montMul(M, r, r, a);
  }
}

/**
 * r = a^e for a PUBLIC exponent with fixed 4-bit windows: 4 squarings and at most one
 * multiplication per window (branch on the public window only); for long exponents (Fermat).
 * The sequence of operations depends on e alone, so it is constant-time in a. r must not alias a.
 */
export function montPowPublicWindowed(M: Modulus, r: usize, a: usize, e: usize, en: i32): void {
  const n = M.n, size = <usize>n << 2;
  const T = heap.alloc(16 * size);
  copy(T + size, a, n);
  for (let i: usize = 2; i < 16; i++) montMul(M, T + i * size, T + (i - 1) * size, a);
  copy(r, M.one, n);
  for (let w = en * 8 - 1; w >= 0; w--) {
    for (let d = 0; d < 4; d++) montSqr(M, r, r);
    const nib = (load<u32>(e + (<usize>(w >> 3) << 2)) >> ((w & 7) << 2)) & 15;
    if (nib) montMul(M, r, r, T + <usize>nib * size);
  }
}

/** r = a^(2^k) (k >= 1 squarings). */
function sqrTimes(M: Modulus, r: usize, a: usize, k: i32): void {
  montSqr(M, r, a);
  for (let i = 1; i < k; i++) montSqr(M, r, r);
}

/**
 * r = a^(p-2) for the P-256 field prime, p - 2 = [32 ones][31 zeros][1][96 zeros][94 ones][0][1]:
 * an addition chain of 255 squarings and 12 multiplications (xk = a^(2^k - 1)), a fixed sequence.
 */
function invP256(M: Modulus, r: usize, a: usize): void {
  const x2 = limbs(8), x3 = limbs(8), x15 = limbs(8), x30 = limbs(8), x32 = limbs(8), t = limbs(8);
  montSqr(M, x2, a); montMul(M, x2, x2, a);
  montSqr(M, x3, x2); montMul(M, x3, x3, a);
  sqrTimes(M, t, x3, 3); montMul(M, t, t, x3);                        // x6
  sqrTimes(M, x15, t, 6); montMul(M, x15, x15, t);                    // x12
  sqrTimes(M, x15, x15, 3); montMul(M, x15, x15, x3);
  sqrTimes(M, x30, x15, 15); montMul(M, x30, x30, x15);
  sqrTimes(M, x32, x30, 2); montMul(M, x32, x32, x2);
  sqrTimes(M, t, x32, 32); montMul(M, t, t, a);                       // [32 ones][31 zeros][1]
  sqrTimes(M, t, t, 128); montMul(M, t, t, x32);                      // [96 zeros][32 ones]
  sqrTimes(M, t, t, 32); montMul(M, t, t, x32);
  sqrTimes(M, t, t, 30); montMul(M, t, t, x30);                       // 94 ones
  sqrTimes(M, t, t, 2); montMul(M, r, t, a);                          // [0][1]
}

/** r = a^(m-2) = a^-1 (Fermat, m prime) in the Montgomery domain; constant-time in a. */
export function montInvPrime(M: Modulus, r: usize, a: usize): void {
  if (M.sparse == SPARSE_P256) { invP256(M, r, a); return; }         // public: which modulus
  const e = limbs(M.n);
  const two = newLimbs(M.n);
  store<u32>(two, 2);
  sub(e, M.m, two, M.n);
  montPowPublicWindowed(M, r, a, e, M.n);
}

/**
 * r = a^e in the Montgomery domain for a SECRET exponent e of `en` limbs (RSA-CRT): fixed 4-bit
 * windows over all 32*en bits; each window does four squarings and one multiplication by a
 * table entry that is read by scanning all 16 entries with masks (no secret branch or index).
 * Heap: 16 entries of n limbs. r must not alias a.
 */
export function montPowSecret(M: Modulus, r: usize, a: usize, e: usize, en: i32): void {
  const n = M.n, size = <usize>n << 2;
  const T = heap.alloc(16 * size), sel = limbs(n);
  copy(T, M.one, n);
  copy(T + size, a, n);
  for (let i: usize = 2; i < 16; i++) montMul(M, T + i * size, T + (i - 1) * size, a);
  copy(r, M.one, n);
  for (let w = en * 8 - 1; w >= 0; w--) {
    for (let d = 0; d < 4; d++) montSqr(M, r, r);
    const nib = (load<u32>(e + (<usize>(w >> 3) << 2)) >> ((w & 7) << 2)) & 15;
    memory.fill(sel, 0, size);
    for (let i: u32 = 0; i < 16; i++) cmov(sel, T + <usize>i * size, <u32>((<u64>(i ^ nib) - 1) >>> 32), n);
    montMul(M, r, r, sel);
  }
  memory.fill(T, 0, 16 * size);
}

/** r (2n limbs) = a * b (n limbs each), schoolbook; constant-time. r must not alias a or b. */
export function mulWide(r: usize, a: usize, b: usize, n: i32): void {
  memory.fill(r, 0, <usize>(2 * n) << 2);
  for (let i = 0; i < n; i++) {
    const bi = <u64>load<u32>(b + (<usize>i << 2));
    const ri = r + (<usize>i << 2);
    let c: u64 = 0;
    for (let j = 0; j < n; j++) {
      const o = <usize>j << 2;
      c += <u64>load<u32>(ri + o) + <u64>load<u32>(a + o) * bi;
      store<u32>(ri + o, <u32>c);
      c >>= 32;
    }
    store<u32>(ri + (<usize>n << 2), <u32>c);
  }
}

/** x = (x + (odd ? m : 0)) / 2 over n limbs, for the binary inversion below. */
function halveMod(x: usize, m: usize, n: i32): void {
  const c = (load<u32>(x) & 1) != 0 ? add(x, x, m, n) : 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const hi = i + 1 < n ? load<u32>(x + o + 4) : c;
    store<u32>(x + o, (load<u32>(x + o) >>> 1) | (hi << 31));
  }
}

/** True when the n limbs equal 1. */
function isOne(a: usize, n: i32): bool {
  if (load<u32>(a) != 1) return false;
  for (let i = 1; i < n; i++) if (load<u32>(a + (<usize>i << 2)) != 0) return false;
  return true;
}

/**
 * r = a^-1 mod m (plain domain) for a PUBLIC a in [1, m-1] and odd m: binary extended Euclid,
 * VARIABLE TIME (ECDSA verification only). Returns false when a is not invertible.
 */
export function invModVarTime(M: Modulus, r: usize, a: usize): bool {
  const n = M.n;
  const u = limbs(n), v = limbs(n), x1 = newLimbs(n), x2 = newLimbs(n);
  copy(u, a, n); copy(v, M.m, n);
  store<u32>(x1, 1);
  if (isZeroMask(u, n)) return false;
  while (!isOne(u, n) && !isOne(v, n)) {
    if (isZeroMask(u, n) || isZeroMask(v, n)) return false;         // gcd(a, m) != 1
    while ((load<u32>(u) & 1) == 0) { halveMod(u, M.m, n); halveMod(x1, M.m, n); }
    while ((load<u32>(v) & 1) == 0) { halveMod(v, M.m, n); halveMod(x2, M.m, n); }
    if (lessThan(u, v, n)) { sub(v, v, u, n); modSub(M, x2, x2, x1); }
    else { sub(u, u, v, n); modSub(M, x1, x1, x2); }
  }
  copy(r, isOne(u, n) ? x1 : x2, n);
  return true;
}
