// The Ed25519 group (RFC 8032 §5.1): twisted Edwards -x^2 + y^2 = 1 + d x^2 y^2 over
// GF(2^255 - 19), points in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z
// (Hisil-Wong-Carter-Dawson 2008, a = -1). Addends are kept "cached" as
// (Y+X, Y-X, 2Z, 2dT), so an addition costs 8 multiplications.
// geScalarMulBase is constant-time (comb over a static table scanned in full under masks);
// geDoubleScalarMulVartime and geDecode are for public data only (verification).
// Limb bounds (fe25519.ts header): point coordinates are 1x, cached ones up to 2x.
// Heap: geBegin takes 240 B of temporaries; verification tables 5 KiB. Static: COMB 2.5 KiB.

import { FE_BYTES, feAdd, feSub, feAddSub, ctMove, feMul, feSq, feNeg, feSet, feCswap, feInvert,
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
  feAddSub(c + YPX, c + YMX, p + Y, p + X);
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
  feAddSub(b, a, p + Y, p + X);
  feMul(a, a, q + YMX);                           // A = (Y1 - X1)(Y2 - X2)
  feMul(b, b, q + YPX);                           // B = (Y1 + X1)(Y2 + X2)
  feMul(c, p + T, q + T2D);                       // C = 2d T1 T2
  feMul(d, p + Z, q + Z2);                        // D = 2 Z1 Z2
  feAddSub(b, e, b, a);                           // H = B + A, E = B - A
  feAddSub(d, a, d, c);                           // G = D + C, F = D - C
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

/** Fills t with the cached multiples 1p .. 8p (8 x 160 bytes). */
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
 *  e[63] in [0, 8]. */
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

/** The fixed-base comb table: entry m = sum of 2^(64 t) B over the set bits t of m (cached
 *  form of affine points, 16 x 160 bytes of static data). */
// ---- GENERATED by scripts/gen-ed25519-comb.mjs: do not edit by hand ----
const COMB: usize = memory.data<i32>([
  // 0
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  // 1
  25967493, 19198397, 29566455, 3660896, 54414519, 4014786, 27544626, 21800161, 61029707, 2047604,
  54563134, 934261, 64385954, 3049989, 66381436, 9406985, 12720692, 5043384, 19500929, 18085054,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  58370664, 4489569, 9688441, 18769238, 10184608, 21191052, 29287918, 11864899, 42594502, 29115885,
  // 2
  64091413, 10058205, 1980837, 3964243, 22160966, 12322533, 60677741, 20936246, 12228556, 26550755,
  32944382, 14922211, 44263970, 5188527, 21913450, 24834489, 4001464, 13238564, 60994061, 8653814,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  22865569, 28901697, 27603667, 21009037, 14348957, 8234005, 24808405, 5719875, 28483275, 2841751,
  // 3
  1989096, 24207704, 30146570, 22753856, 35540176, 4580428, 39151743, 31811522, 40141116, 10201955,
  8676004, 23997863, 60488046, 2834072, 12018111, 1262326, 12154436, 31848867, 24181778, 2479830,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  39561027, 29933814, 55430265, 694157, 1244790, 7563226, 63465557, 12404326, 7987052, 21830081,
  // 4
  11374242, 12660715, 17861383, 21013599, 10935567, 1099227, 53222788, 24462691, 39381819, 11358503,
  54378055, 10311866, 1510375, 10778093, 64989409, 24408729, 32676002, 11149336, 40985213, 4985767,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  48012542, 341146, 60911379, 33315398, 15756972, 24757770, 66125820, 13794113, 47694557, 17933176,
  // 5
  62678856, 648056, 31384611, 17204624, 60588021, 8106392, 14624995, 27901610, 38602051, 10126553,
  61028846, 9129668, 44377386, 8611524, 34949269, 16052465, 18704982, 8772605, 61314087, 19357102,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  22472221, 9473251, 20136607, 3545737, 6583525, 28160389, 44807891, 28853391, 37392334, 20479679,
  // 6
  57279564, 29445960, 16540348, 25812076, 15955698, 18982952, 11561321, 24414771, 15793243, 20534888,
  1208348, 3808679, 57409472, 5250273, 39285616, 191259, 10659206, 6395949, 20314229, 29999239,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  64955422, 4260297, 27710638, 22385792, 58529726, 10918622, 57519664, 245709, 50363324, 26473180,
  // 7
  64196810, 30815003, 52397853, 27834580, 62775701, 4380255, 6014946, 14545162, 47643912, 29152025,
  10017796, 15920398, 48558718, 26351677, 1984510, 3446813, 46156647, 32357111, 15251529, 2975278,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  12777097, 32531075, 29704761, 4041038, 33834264, 743744, 31466336, 14221651, 51059398, 17073314,
  // 8
  793280, 24323954, 8836301, 27318725, 39747955, 31184838, 33152842, 28669181, 57202663, 32932579,
  5666214, 525582, 20782575, 25516013, 42570364, 14657739, 16099374, 1468826, 60937436, 18367850,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  62249590, 29775088, 64191105, 26806412, 7778749, 11688288, 36704511, 23683193, 65549940, 23690785,
  // 9
  10666484, 22545923, 65536337, 14574406, 33913539, 3100313, 54338524, 12065532, 17172465, 18251938,
  21098884, 14267519, 2351070, 8916607, 36545832, 22062925, 15773440, 3623271, 64400693, 16797632,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  48260556, 10532635, 13162400, 32051799, 14345811, 12380276, 55405695, 30009961, 1941254, 18909527,
  // 10
  30341120, 16430044, 64448384, 2511959, 37804501, 2737271, 66393141, 9193223, 51103317, 20584014,
  65364876, 25449128, 37855835, 21581351, 48802090, 25891747, 6901437, 19434198, 9943479, 28238953,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  31969798, 7967153, 8955209, 7115550, 46463975, 28005022, 28734582, 7563797, 60493502, 8601077,
  // 11
  48716872, 10736546, 23861626, 9052160, 15955978, 12329328, 31253580, 17876711, 20575600, 32523809,
  16678346, 19195772, 37343158, 8281418, 64240356, 25042205, 32706074, 13869361, 58231188, 578952,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  22694915, 29097656, 29402142, 10609596, 12393514, 10083943, 42271230, 9465662, 9244769, 14895110,
  // 12
  40048095, 289603, 38929533, 3085685, 2987060, 22894700, 17280211, 29218551, 21357044, 1113015,
  50803223, 5373105, 37854936, 13606270, 51988196, 4323330, 65928888, 15189169, 43316304, 6091070,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  42858948, 8034340, 46507950, 3251098, 23984608, 9786034, 2664017, 9329462, 38376396, 7907776,
  // 13
  6062367, 8646453, 16804867, 32282464, 9625329, 30556287, 24319371, 23385113, 48259621, 25111823,
  17431460, 21130829, 57583136, 28322584, 3552973, 4201607, 57040169, 15627003, 54598446, 1120551,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  26747231, 21572453, 5341569, 20341171, 7208512, 1498346, 51882680, 11658865, 61197326, 3287151,
  // 14
  1904716, 29420890, 23638460, 13144862, 16039401, 15035491, 8784782, 14243278, 66047038, 28186097,
  52953536, 9809186, 33066810, 23192064, 33193722, 20167233, 13995683, 22631658, 56480792, 2586799,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  66087039, 4455675, 57952126, 27758363, 24832936, 23462733, 53515022, 5856403, 44841764, 23927224,
  // 15
  66828354, 29022673, 55665263, 27984904, 31948145, 33081498, 30652344, 33049413, 23313551, 2512041,
  8321084, 3330807, 4510805, 30604446, 39507739, 6611877, 32869763, 31849117, 30301292, 16936235,
  2, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  54743236, 21982816, 11962522, 2961320, 35956300, 21626671, 24989996, 28090212, 40912471, 27714978,
]);
// ---- end of generated code ----

/** r = a B for a secret 32-byte scalar a < 2^256 (constant-time): a comb with four teeth 64
 *  bits apart (Lim-Lee), so 63 doublings and 64 additions; each addend is picked from the
 *  16-entry COMB table by merging every entry under a mask (no secret-dependent index). */
export function geScalarMulBase(r: usize, a: usize): void {
  const c = heap.alloc(POINT_BYTES);
  geIdentity(r);
  for (let j = 63; j >= 0; j--) {
    if (j != 63) geDouble(r, r, true);
    let idx: u32 = 0;
    for (let t = 0; t < 4; t++) {
      idx |= ((<u32>load<u8>(a + 8 * t + (j >> 3)) >>> (j & 7)) & 1) << t;
    }
    for (let m: u32 = 0; m < 16; m++) {
      const mask = <u32>0 - (((idx ^ m) - 1) >>> 31);
      ctMove(c, COMB + m * POINT_BYTES, POINT_BYTES, mask);
    }
    geAdd(r, r, c);
  }
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
