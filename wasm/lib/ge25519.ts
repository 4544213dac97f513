// The Ed25519 group (RFC 8032 §5.1): twisted Edwards -x^2 + y^2 = 1 + d x^2 y^2 over
// GF(2^255 - 19), points in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z
// (Hisil-Wong-Carter-Dawson 2008, a = -1). Addends are kept "cached" as
// (Y+X, Y-X, 2Z, 2dT), so an addition costs 8 multiplications.
// geScalarMulBase is constant-time (signed radix-16 digits, table scanned in full under
// masks); geDoubleScalarMulVartime and geDecode are for public data only (verification).
// Limb bounds (fe25519.ts header): point coordinates are 1x, cached ones up to 2x.
// Heap: geBegin takes 240 B of temporaries; tables are 1.25 KiB (base) or 5 KiB (verify).

import { FE_BYTES, feAdd, feSub, feMul, feSq, feNeg, feCopy, feSet, feCswap, feCmov, feInvert,
  fePow22523, feToBytes, feFromBytes, feIsZeroMask, feIsOdd, feCarry } from "./fe25519";

export const POINT_BYTES: i32 = 4 * FE_BYTES;
const F: usize = <usize>FE_BYTES;
const X: usize = 0, Y: usize = F, Z: usize = 2 * F, T: usize = 3 * F;
// Cached form offsets.
const YPX: usize = 0, YMX: usize = F, Z2: usize = 2 * F, T2D: usize = 3 * F;

// Constants in the limb form of fe25519.ts.
const D: usize = memory.data<i32>([0x35978a3, 0xd37284, 0x3156ebd, 0x6a0a0e, 0x1c029, 0x179e898, 0x3a03cbb, 0x1ce7198, 0x2e2b6ff, 0x1480db3]);
const D2: usize = memory.data<i32>([0x2b2f159, 0x1a6e509, 0x22add7a, 0xd4141d, 0x38052, 0xf3d130, 0x3407977, 0x19ce331, 0x1c56dff, 0x901b67]);
const SQRTM1: usize = memory.data<i32>([0x20ea0b0, 0x186c9d2, 0x8f189d, 0x35697f, 0xbd0c60, 0x1fbd7a7, 0x2804c9e, 0x1e16569, 0x4fc1d, 0xae0c92]);
/** The base point B (RFC 8032 §5.1): y = 4/5, x even. */
const BX: usize = memory.data<i32>([0x325d51a, 0x18b5823, 0xf6592a, 0x104a92d, 0x1a4b31d, 0x1d6dc5c, 0x27118fe, 0x7fd814, 0x13cd6e5, 0x85a4db]);
const BY: usize = memory.data<i32>([0x2666658, 0x1999999, 0xcccccc, 0x1333333, 0x1999999, 0x666666, 0x3333333, 0xcccccc, 0x2666666, 0x1999999]);

/** Six field temporaries for the point formulas, taken from the heap once per kernel call. */
let tmp: usize = 0;
export function geBegin(): void { tmp = heap.alloc(6 * FE_BYTES); }

export function geIdentity(p: usize): void {
  feSet(p + X, 0); feSet(p + Y, 1); feSet(p + Z, 1); feSet(p + T, 0);
}

export function geBase(p: usize): void {
  // The constants have unsigned limbs (2x); carried to 1x, as point coordinates must be.
  feCarry(p + X, BX); feCarry(p + Y, BY); feSet(p + Z, 1); feMul(p + T, BX, BY);
}

/** c = p in cached form (Y+X, Y-X, 2Z, 2dT). */
export function geToCached(c: usize, p: usize): void {
  feAdd(c + YPX, p + Y, p + X);
  feSub(c + YMX, p + Y, p + X);
  feAdd(c + Z2, p + Z, p + Z);
  feMul(c + T2D, p + T, D2);
}

/** c = -c for a cached point: swap Y+X and Y-X, negate 2dT. */
function geNegCached(c: usize): void {
  feCswap(c + YPX, c + YMX, 0xffffffff);
  feNeg(c + T2D, c + T2D);
}

/** r = p + q, q cached (add-2008-hwcd-3, 8M). r may alias p. */
export function geAdd(r: usize, p: usize, q: usize): void {
  const a = tmp, b = tmp + F, c = tmp + 2 * F, d = tmp + 3 * F, e = tmp + 4 * F;
  feSub(a, p + Y, p + X); feMul(a, a, q + YMX);   // A = (Y1 - X1)(Y2 - X2)
  feAdd(b, p + Y, p + X); feMul(b, b, q + YPX);   // B = (Y1 + X1)(Y2 + X2)
  feMul(c, p + T, q + T2D);                       // C = 2d T1 T2
  feMul(d, p + Z, q + Z2);                        // D = 2 Z1 Z2
  feSub(e, b, a);                                 // E = B - A
  feAdd(b, b, a);                                 // H = B + A
  feSub(a, d, c);                                 // F = D - C
  feAdd(d, d, c);                                 // G = D + C
  feMul(r + X, e, a);
  feMul(r + Y, d, b);
  feMul(r + T, e, b);
  feMul(r + Z, a, d);
}

/** r = 2p (dbl-2008-hwcd with every intermediate negated, a = -1; 4M + 4S). T is only
 *  computed when withT: a doubling followed by another doubling does not read it. */
export function geDouble(r: usize, p: usize, withT: bool): void {
  const a = tmp, b = tmp + F, c = tmp + 2 * F, h = tmp + 3 * F, e = tmp + 4 * F;
  feSq(a, p + X);                                 // A = X^2
  feSq(b, p + Y);                                 // B = Y^2
  feSq(c, p + Z); feAdd(c, c, c);                 // C = 2 Z^2
  feAdd(h, a, b);                                 // H' = A + B
  feAdd(e, p + X, p + Y); feSq(e, e); feSub(e, h, e); // E' = H' - (X + Y)^2
  feSub(a, a, b);                                 // G' = A - B
  feAdd(c, c, a);                                 // F' = C + G'
  // F' is up to 4x (fe25519.ts bounds), so it is always the first operand.
  feMul(r + X, c, e);
  feMul(r + Y, a, h);
  if (withT) feMul(r + T, e, h);
  feMul(r + Z, c, a);
}

/** Writes the 32-byte encoding of p (RFC 8032 §5.1.2): y with the low bit of x on top. */
export function geEncode(out: usize, p: usize): void {
  const zi = tmp + 5 * F, x = tmp;
  feInvert(zi, p + Z);
  feMul(x, p + X, zi);
  feMul(zi, p + Y, zi);
  feToBytes(out, zi);
  store<u8>(out + 31, load<u8>(out + 31) | <u8>(feIsOdd(x) << 7));
}

/** Decodes 32 bytes into p (RFC 8032 §5.1.3); false for a non-canonical y or no such x.
 *  Variable-time: only for public keys and signatures. */
export function geDecode(p: usize, s: usize): bool {
  const y = p + Y, x = p + X, u = tmp, v = tmp + F, w = tmp + 2 * F, v3 = tmp + 3 * F;
  feFromBytes(y, s);
  const sign = load<u8>(s + 31) >> 7;
  feToBytes(u, y);
  for (let i = 0; i < 31; i++) if (load<u8>(u + i) != load<u8>(s + i)) return false;
  if (load<u8>(u + 31) != (load<u8>(s + 31) & 0x7f)) return false; // y >= p
  feSet(p + Z, 1);
  feSq(u, y); feMul(v, u, D);
  feSub(u, u, p + Z);                             // u = y^2 - 1
  feAdd(v, v, p + Z);                             // v = d y^2 + 1
  feSq(v3, v); feMul(v3, v3, v);                  // v^3
  feSq(x, v3); feMul(x, x, v); feMul(x, x, u);    // u v^7
  fePow22523(x, x);
  feMul(x, x, v3); feMul(x, x, u);                // x = u v^3 (u v^7)^((p-5)/8)
  feSq(w, x); feMul(w, w, v);                     // v x^2
  feSub(v3, w, u);
  if (feIsZeroMask(v3) == 0) {
    feAdd(v3, w, u);
    if (feIsZeroMask(v3) == 0) return false;      // neither u nor -u: not on the curve
    feMul(x, x, SQRTM1);
  }
  const isZero = feIsZeroMask(x) != 0;
  if (isZero && sign == 1) return false;
  if (feIsOdd(x) != <u32>sign) feNeg(x, x);
  feMul(p + T, x, y);
  return true;
}

/** Fills t with the cached multiples 1p .. 8p (8 x 128 bytes). */
function buildTable(t: usize, p: usize): void {
  const acc = heap.alloc(POINT_BYTES);
  geToCached(t, p);
  geDouble(acc, p, true);
  geToCached(t + POINT_BYTES, acc);
  for (let i = 2; i < 8; i++) {
    geAdd(acc, acc, t);
    geToCached(t + i * POINT_BYTES, acc);
  }
}

/** Signed radix-16 digits e[0..63] of a 32-byte scalar below 2^255, each in [-8, 8),
 *  e[63] in [0, 8]: arithmetic only, no branch on the scalar. */
function recode(e: usize, a: usize): void {
  for (let i = 0; i < 32; i++) {
    const b = <i32>load<u8>(a + i);
    store<i8>(e + 2 * i, <i8>(b & 15));
    store<i8>(e + 2 * i + 1, <i8>(b >> 4));
  }
  let carry: i32 = 0;
  for (let i = 0; i < 63; i++) {
    const v = <i32>load<i8>(e + i) + carry;
    carry = (v + 8) >> 4;
    store<i8>(e + i, <i8>(v - (carry << 4)));
  }
  store<i8>(e + 63, <i8>(<i32>load<i8>(e + 63) + carry));
}

/** c = the cached entry |digit| of table (identity for 0), negated when digit < 0; every
 *  entry is read and merged under a mask (constant-time). */
function selectCached(c: usize, table: usize, digit: i32): void {
  const neg = <u32>digit >>> 31;
  const abs = <u32>((digit ^ -(<i32>neg)) + <i32>neg);
  feSet(c + YPX, 1); feSet(c + YMX, 1); feSet(c + Z2, 2); feSet(c + T2D, 0);
  for (let j: u32 = 1; j <= 8; j++) {
    const mask = <u32>0 - (((abs ^ j) - 1) >>> 31);
    const entry = table + (j - 1) * POINT_BYTES;
    feCmov(c + YPX, entry + YPX, mask); feCmov(c + YMX, entry + YMX, mask);
    feCmov(c + Z2, entry + Z2, mask); feCmov(c + T2D, entry + T2D, mask);
  }
  const negMask = <u32>0 - neg;
  feCswap(c + YPX, c + YMX, negMask);
  const nt = tmp + 5 * F;
  feNeg(nt, c + T2D);
  feCmov(c + T2D, nt, negMask);
}

/** r = a B for a secret 32-byte scalar a < 2^255 (constant-time): 63 x 4 doublings and
 *  64 additions of table entries picked by selectCached. */
export function geScalarMulBase(r: usize, a: usize): void {
  const table = heap.alloc(8 * POINT_BYTES), c = heap.alloc(POINT_BYTES), e = heap.alloc(64);
  geBase(r);
  buildTable(table, r);
  recode(e, a);
  geIdentity(r);
  for (let i = 63; i >= 0; i--) {
    if (i != 63) {
      geDouble(r, r, false); geDouble(r, r, false); geDouble(r, r, false); geDouble(r, r, true);
    }
    selectCached(c, table, <i32>load<i8>(e + i));
    geAdd(r, r, c);
  }
  memory.fill(e, 0, 64);
  memory.fill(c, 0, POINT_BYTES);
}

/** Adds digit * (table point) to r, skipping zero digits: variable-time, public data only. */
function addDigitVartime(r: usize, pos: usize, negs: usize, digit: i32): void {
  if (digit > 0) geAdd(r, r, pos + (digit - 1) * POINT_BYTES);
  else if (digit < 0) geAdd(r, r, negs + (-digit - 1) * POINT_BYTES);
}

/** r = s B + k P for public 32-byte scalars s, k < 2^255 (Straus: one chain of doublings
 *  shared by both scalars, signed radix-16 windows). Variable-time: verification only. */
export function geDoubleScalarMulVartime(r: usize, s: usize, k: usize, p: usize): void {
  const tb = heap.alloc(32 * POINT_BYTES), tbn = tb + 8 * POINT_BYTES;
  const tp = tb + 16 * POINT_BYTES, tpn = tb + 24 * POINT_BYTES;
  const es = heap.alloc(64), ek = heap.alloc(64);
  buildTable(tp, p);
  geBase(r);
  buildTable(tb, r);
  for (let i = 0; i < 8; i++) {
    memory.copy(tbn + i * POINT_BYTES, tb + i * POINT_BYTES, POINT_BYTES);
    geNegCached(tbn + i * POINT_BYTES);
    memory.copy(tpn + i * POINT_BYTES, tp + i * POINT_BYTES, POINT_BYTES);
    geNegCached(tpn + i * POINT_BYTES);
  }
  recode(es, s);
  recode(ek, k);
  geIdentity(r);
  for (let i = 63; i >= 0; i--) {
    if (i != 63) {
      geDouble(r, r, false); geDouble(r, r, false); geDouble(r, r, false); geDouble(r, r, true);
    }
    addDigitVartime(r, tb, tbn, <i32>load<i8>(es + i));
    addDigitVartime(r, tp, tpn, <i32>load<i8>(ek + i));
  }
}

/** p = -p. */
export function geNeg(p: usize): void {
  feNeg(p + X, p + X);
  feNeg(p + T, p + T);
}
