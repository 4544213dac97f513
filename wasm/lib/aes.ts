// AES block cipher (FIPS 197), bitsliced over 32-bit words: two blocks per call, no
// table lookups and no secret-dependent branches or indexes. Used by wasm/kernels/aes.ts.
//
// Layout (the 32-bit two-block layout of BearSSL's aes_ct, written independently): after
// the transpose, word q[b] holds bit b of all 32 state bytes; byte r of a word is AES row r
// and bits 2c, 2c+1 of that byte are column c of blocks A and B. The S-box is the
// Boyar-Peralta 113-gate circuit (eprint 2011/332) on the eight words, its four NOTs folded
// into the round keys. Rounds are fixsliced (Adomnicai-Peyrin, TCHES 2021/1): ShiftRows is
// never applied; round r's MixColumns reads the lagging columns with per-byte rotations
// (one straight-line variant per lag r mod 4) and round keys are stored with the same lag.
// Measured (capmark profile on mps2-an386, Cortex-M4, wasm2c bounds=mask, gcc -O2, exact
// instruction counts): ~3 450 instructions per two-block call for AES-128, 108 instructions
// per byte in CTR at 4 KiB (hand-written fixsliced assembly is reported near 80 cycles/byte).

/** Bytes of bitsliced round keys for up to 14 rounds: 15 round keys x 8 words. */
export const SK_BYTES: i32 = 15 * 32;

// The S-box circuit leaves out its four NOTs (the 0x63 of the affine map, bit planes 0, 1,
// 5, 6); every round key r >= 1 carries them instead. A byte-uniform constant passes through
// MixColumns and the fixslice rotations unchanged (2c ^ 3c ^ c ^ c = c).
// Round keys for SubWord in the key schedule (one cipher round, see subWord): zero, then
// the affine constant alone. Read-only.
const SUBWORD_SK: usize = memory.data<u32>([0, 0, 0, 0, 0, 0, 0, 0,
  0xFFFFFFFF, 0xFFFFFFFF, 0, 0, 0, 0xFFFFFFFF, 0xFFFFFFFF, 0], 16);
// FIPS 197 §5.2 round constants.
const RCON: usize = memory.data<u8>([0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36]);

/**
 * Expands a 16/24/32-byte key into bitsliced round keys at sk (SK_BYTES) and returns the
 * number of rounds (10/12/14), or 0 for another key length. `tmp` holds 32 bytes of scratch.
 */
export function aesExpandKey(key: usize, keyLen: i32, sk: usize, tmp: usize): i32 {
  if (keyLen != 16 && keyLen != 24 && keyLen != 32) return 0;
  const nk = keyLen >> 2;
  const nr = nk + 6;
  const total = (nr + 1) << 2;
  const w = heap.alloc(<usize>total << 2);
  for (let i = 0; i < nk; i++) store<u32>(w + (<usize>i << 2), load<u32>(key + (<usize>i << 2)));
  // Words are little-endian (byte 0 in bits 0..7), so RotWord is a right rotation by 8.
  for (let i = nk; i < total; i++) {
    let t = load<u32>(w + (<usize>(i - 1) << 2));
    const phase = i % nk;
    if (phase == 0) t = subWord(rotr<u32>(t, 8), tmp) ^ <u32>load<u8>(RCON + <usize>(i / nk - 1));
    else if (nk > 6 && phase == 4) t = subWord(t, tmp);
    store<u32>(w + (<usize>i << 2), load<u32>(w + (<usize>(i - nk) << 2)) ^ t);
  }
  // Each round key is applied to both blocks: duplicate it, then transpose. Fixslicing:
  // round r meets the state lagging SR^(r mod 4), so its key is laid out with the same lag
  // (row j of column c comes from column c - lag*j); ShiftRows acts on bytes and planes alike.
  for (let r = 0; r <= nr; r++) {
    const src = w + (<usize>r << 4), lag = r & 3;
    for (let c = 0; c < 4; c++) {
      const v = (load<u32>(src + (<usize>(c & 3) << 2)) & 0x000000FF)
        | (load<u32>(src + (<usize>((c - lag) & 3) << 2)) & 0x0000FF00)
        | (load<u32>(src + (<usize>((c - 2 * lag) & 3) << 2)) & 0x00FF0000)
        | (load<u32>(src + (<usize>((c - 3 * lag) & 3) << 2)) & 0xFF000000);
      store<u32>(tmp + (<usize>c << 2), v);
      store<u32>(tmp + 16 + (<usize>c << 2), v);
    }
    const rk = sk + (<usize>r << 5);
    orthoMem(tmp, rk);
    if (r > 0) { // the S-box's affine constant 0x63 (see SUBWORD_SK)
      store<u32>(rk, ~load<u32>(rk, 0), 0); store<u32>(rk, ~load<u32>(rk, 4), 4);
      store<u32>(rk, ~load<u32>(rk, 20), 20); store<u32>(rk, ~load<u32>(rk, 24), 24);
    }
  }
  memory.fill(w, 0, total << 2);
  memory.fill(tmp, 0, 32);
  return nr;
}

/**
 * SubWord (FIPS 197 §5.2) in constant time: a block whose four columns are all `x` is
 * unchanged by ShiftRows, so one final cipher round with SUBWORD_SK is S(x) per byte.
 */
function subWord(x: u32, tmp: usize): u32 {
  for (let j = 0; j < 8; j++) store<u32>(tmp + (<usize>j << 2), x);
  aesEncrypt2(tmp, SUBWORD_SK, 1);
  return load<u32>(tmp);
}

/** The bitsliced form of the two blocks at src (32 bytes) into 8 words at dst. */
function orthoMem(src: usize, dst: usize): void {
  let q0 = load<u32>(src, 0), q2 = load<u32>(src, 4), q4 = load<u32>(src, 8), q6 = load<u32>(src, 12);
  let q1 = load<u32>(src, 16), q3 = load<u32>(src, 20), q5 = load<u32>(src, 24), q7 = load<u32>(src, 28);
  let t: u32;
  t = ((q0 >>> 1) ^ q1) & 0x55555555; q1 ^= t; q0 ^= t << 1;
  t = ((q2 >>> 1) ^ q3) & 0x55555555; q3 ^= t; q2 ^= t << 1;
  t = ((q4 >>> 1) ^ q5) & 0x55555555; q5 ^= t; q4 ^= t << 1;
  t = ((q6 >>> 1) ^ q7) & 0x55555555; q7 ^= t; q6 ^= t << 1;
  t = ((q0 >>> 2) ^ q2) & 0x33333333; q2 ^= t; q0 ^= t << 2;
  t = ((q1 >>> 2) ^ q3) & 0x33333333; q3 ^= t; q1 ^= t << 2;
  t = ((q4 >>> 2) ^ q6) & 0x33333333; q6 ^= t; q4 ^= t << 2;
  t = ((q5 >>> 2) ^ q7) & 0x33333333; q7 ^= t; q5 ^= t << 2;
  t = ((q0 >>> 4) ^ q4) & 0x0F0F0F0F; q4 ^= t; q0 ^= t << 4;
  t = ((q1 >>> 4) ^ q5) & 0x0F0F0F0F; q5 ^= t; q1 ^= t << 4;
  t = ((q2 >>> 4) ^ q6) & 0x0F0F0F0F; q6 ^= t; q2 ^= t << 4;
  t = ((q3 >>> 4) ^ q7) & 0x0F0F0F0F; q7 ^= t; q3 ^= t << 4;
  store<u32>(dst, q0, 0); store<u32>(dst, q1, 4); store<u32>(dst, q2, 8); store<u32>(dst, q3, 12);
  store<u32>(dst, q4, 16); store<u32>(dst, q5, 20); store<u32>(dst, q6, 24); store<u32>(dst, q7, 28);
}

/** ShiftRows twice: rows 1 and 3 rotate by two columns (4 bits), rows 0 and 2 stay. */
// @ts-ignore: decorator
@inline function shiftRows2(x: u32): u32 {
  return (x & 0x00FF00FF) | ((x >>> 4) & 0x0F000F00) | ((x << 4) & 0xF000F000);
}

/** Rotates each byte right by 2, 4 or 6 bits: moves every column field by 1, 2 or 3. */
// @ts-ignore: decorator
@inline function byteRor2(x: u32): u32 { return ((x >>> 2) & 0x3F3F3F3F) | ((x << 6) & 0xC0C0C0C0); }
// @ts-ignore: decorator
@inline function byteRor4(x: u32): u32 { return ((x >>> 4) & 0x0F0F0F0F) | ((x << 4) & 0xF0F0F0F0); }
// @ts-ignore: decorator
@inline function byteRor6(x: u32): u32 { return ((x >>> 6) & 0x03030303) | ((x << 2) & 0xFCFCFCFC); }

/** The row below (rotr 8) with its columns moved by the fixslice lag 1, 2 or 3. */
// @ts-ignore: decorator
@inline function up2(x: u32): u32 { return byteRor2(rotr<u32>(x, 8)); }
// @ts-ignore: decorator
@inline function up4(x: u32): u32 { return byteRor4(rotr<u32>(x, 8)); }
// @ts-ignore: decorator
@inline function up6(x: u32): u32 { return byteRor6(rotr<u32>(x, 8)); }
/** Rows r+2 and r+3 (rotr 16) for an odd lag: columns move by two more. */
// @ts-ignore: decorator
@inline function pairOdd(d: u32): u32 { return byteRor4(rotr<u32>(d, 16)); }

/**
 * Encrypts the two 16-byte blocks at blk (32 bytes) in place with `nr` rounds of the
 * bitsliced round keys at sk. The state stays in locals for the whole cipher.
 */
export function aesEncrypt2(blk: usize, sk: usize, nr: i32): void {
  // Interleave: even words from block A, odd words from block B, then transpose.
  let q0 = load<u32>(blk, 0), q2 = load<u32>(blk, 4), q4 = load<u32>(blk, 8), q6 = load<u32>(blk, 12);
  let q1 = load<u32>(blk, 16), q3 = load<u32>(blk, 20), q5 = load<u32>(blk, 24), q7 = load<u32>(blk, 28);
  let t: u32;
  t = ((q0 >>> 1) ^ q1) & 0x55555555; q1 ^= t; q0 ^= t << 1;
  t = ((q2 >>> 1) ^ q3) & 0x55555555; q3 ^= t; q2 ^= t << 1;
  t = ((q4 >>> 1) ^ q5) & 0x55555555; q5 ^= t; q4 ^= t << 1;
  t = ((q6 >>> 1) ^ q7) & 0x55555555; q7 ^= t; q6 ^= t << 1;
  t = ((q0 >>> 2) ^ q2) & 0x33333333; q2 ^= t; q0 ^= t << 2;
  t = ((q1 >>> 2) ^ q3) & 0x33333333; q3 ^= t; q1 ^= t << 2;
  t = ((q4 >>> 2) ^ q6) & 0x33333333; q6 ^= t; q4 ^= t << 2;
  t = ((q5 >>> 2) ^ q7) & 0x33333333; q7 ^= t; q5 ^= t << 2;
  t = ((q0 >>> 4) ^ q4) & 0x0F0F0F0F; q4 ^= t; q0 ^= t << 4;
  t = ((q1 >>> 4) ^ q5) & 0x0F0F0F0F; q5 ^= t; q1 ^= t << 4;
  t = ((q2 >>> 4) ^ q6) & 0x0F0F0F0F; q6 ^= t; q2 ^= t << 4;
  t = ((q3 >>> 4) ^ q7) & 0x0F0F0F0F; q7 ^= t; q3 ^= t << 4;

  q0 ^= load<u32>(sk, 0); q1 ^= load<u32>(sk, 4); q2 ^= load<u32>(sk, 8); q3 ^= load<u32>(sk, 12);
  q4 ^= load<u32>(sk, 16); q5 ^= load<u32>(sk, 20); q6 ^= load<u32>(sk, 24); q7 ^= load<u32>(sk, 28);

  for (let r = 1; ; r++) {
    // SubBytes: Boyar-Peralta circuit; U0 is the most significant bit (q7), S7 the least.
    const u0 = q7, u1 = q6, u2 = q5, u3 = q4, u4 = q3, u5 = q2, u6 = q1, u7 = q0;
    const y14 = u3 ^ u5, y13 = u0 ^ u6, y9 = u0 ^ u3, y8 = u0 ^ u5;
    const t0 = u1 ^ u2;
    const y1 = t0 ^ u7, y4 = y1 ^ u3, y12 = y13 ^ y14, y2 = y1 ^ u0, y5 = y1 ^ u6;
    const y3 = y5 ^ y8;
    const t1 = u4 ^ y12;
    const y15 = t1 ^ u5, y20 = t1 ^ u1, y6 = y15 ^ u7, y10 = y15 ^ t0, y11 = y20 ^ y9;
    const y7 = u7 ^ y11, y17 = y10 ^ y11, y19 = y10 ^ y8, y16 = t0 ^ y11;
    const y21 = y13 ^ y16, y18 = u0 ^ y16;
    const t2 = y12 & y15, t3 = y3 & y6, t4 = t3 ^ t2, t5 = y4 & u7, t6 = t5 ^ t2;
    const t7 = y13 & y16, t8 = y5 & y1, t9 = t8 ^ t7, t10 = y2 & y7, t11 = t10 ^ t7;
    const t12 = y9 & y11, t13 = y14 & y17, t14 = t13 ^ t12, t15 = y8 & y10, t16 = t15 ^ t12;
    const t17 = t4 ^ y20, t18 = t6 ^ t16, t19 = t9 ^ t14, t20 = t11 ^ t16;
    const t21 = t17 ^ t14, t22 = t18 ^ y19, t23 = t19 ^ y21, t24 = t20 ^ y18;
    const t25 = t21 ^ t22, t26 = t21 & t23, t27 = t24 ^ t26, t28 = t25 & t27, t29 = t28 ^ t22;
    const t30 = t23 ^ t24, t31 = t22 ^ t26, t32 = t31 & t30, t33 = t32 ^ t24;
    const t34 = t23 ^ t33, t35 = t27 ^ t33, t36 = t24 & t35, t37 = t36 ^ t34, t38 = t27 ^ t36;
    const t39 = t29 & t38, t40 = t25 ^ t39, t41 = t40 ^ t37, t42 = t29 ^ t33, t43 = t29 ^ t40;
    const t44 = t33 ^ t37, t45 = t42 ^ t41;
    const z0 = t44 & y15, z1 = t37 & y6, z2 = t33 & u7, z3 = t43 & y16, z4 = t40 & y1;
    const z5 = t29 & y7, z6 = t42 & y11, z7 = t45 & y17, z8 = t41 & y10, z9 = t44 & y12;
    const z10 = t37 & y3, z11 = t33 & y4, z12 = t43 & y13, z13 = t40 & y5, z14 = t29 & y2;
    const z15 = t42 & y9, z16 = t45 & y14, z17 = t41 & y8;
    const tc1 = z15 ^ z16, tc2 = z10 ^ tc1, tc3 = z9 ^ tc2, tc4 = z0 ^ z2, tc5 = z1 ^ z0;
    const tc6 = z3 ^ z4, tc7 = z12 ^ tc4, tc8 = z7 ^ tc6, tc9 = z8 ^ tc7, tc10 = tc8 ^ tc9;
    const tc11 = tc6 ^ tc5, tc12 = z3 ^ z5, tc13 = z13 ^ tc1, tc14 = tc4 ^ tc12;
    const s3 = tc3 ^ tc11, tc16 = z6 ^ tc8, tc17 = z14 ^ tc10, tc18 = tc13 ^ tc14;
    // s1, s2, s6, s7 are complemented by the round key (SUBWORD_SK).
    const s7 = z12 ^ tc18, tc20 = z15 ^ tc16, tc21 = tc2 ^ z11, s0 = tc3 ^ tc16;
    const s6 = tc10 ^ tc18, s4 = tc14 ^ s3, s1 = s3 ^ tc16, tc26 = tc17 ^ tc20;
    const s2 = tc26 ^ z17, s5 = tc21 ^ tc17;

    // Fixsliced: ShiftRows is not applied; after round r the state lags SR^k, k = r mod 4.
    q7 = s0; q6 = s1; q5 = s2; q4 = s3; q3 = s4; q2 = s5; q1 = s6; q0 = s7;
    if (r == nr) break;

    // MixColumns a'_r = 2(a_r ^ a_{r+1}) ^ a_{r+1} ^ a_{r+2} ^ a_{r+3}. Row r+1 is the next
    // byte up (rotr 8); with the SR^k lag its column sits k further, a per-byte rotation
    // by 2k bits. Then a_{r+2} ^ a_{r+3} = rotr16(d), rotated per byte by 4 when k is odd.
    // xtime on bit planes is a plane shift plus the 0x1b taps.
    // One straight-line copy per lag, so that only q0..q7 are live across the branch.
    const k = sk + (<usize>r << 5);
    const lag = r & 3;
    if (lag == 0) {
      const r0 = rotr<u32>(q0, 8), r1 = rotr<u32>(q1, 8), r2 = rotr<u32>(q2, 8), r3 = rotr<u32>(q3, 8);
      const r4 = rotr<u32>(q4, 8), r5 = rotr<u32>(q5, 8), r6 = rotr<u32>(q6, 8), r7 = rotr<u32>(q7, 8);
      const d0 = q0 ^ r0, d1 = q1 ^ r1, d2 = q2 ^ r2, d3 = q3 ^ r3;
      const d4 = q4 ^ r4, d5 = q5 ^ r5, d6 = q6 ^ r6, d7 = q7 ^ r7;
      q0 = d7 ^ r0 ^ rotr<u32>(d0, 16) ^ load<u32>(k, 0);
      q1 = d0 ^ d7 ^ r1 ^ rotr<u32>(d1, 16) ^ load<u32>(k, 4);
      q2 = d1 ^ r2 ^ rotr<u32>(d2, 16) ^ load<u32>(k, 8);
      q3 = d2 ^ d7 ^ r3 ^ rotr<u32>(d3, 16) ^ load<u32>(k, 12);
      q4 = d3 ^ d7 ^ r4 ^ rotr<u32>(d4, 16) ^ load<u32>(k, 16);
      q5 = d4 ^ r5 ^ rotr<u32>(d5, 16) ^ load<u32>(k, 20);
      q6 = d5 ^ r6 ^ rotr<u32>(d6, 16) ^ load<u32>(k, 24);
      q7 = d6 ^ r7 ^ rotr<u32>(d7, 16) ^ load<u32>(k, 28);
    } else if (lag == 1) {
      const r0 = up2(q0), r1 = up2(q1), r2 = up2(q2), r3 = up2(q3);
      const r4 = up2(q4), r5 = up2(q5), r6 = up2(q6), r7 = up2(q7);
      const d0 = q0 ^ r0, d1 = q1 ^ r1, d2 = q2 ^ r2, d3 = q3 ^ r3;
      const d4 = q4 ^ r4, d5 = q5 ^ r5, d6 = q6 ^ r6, d7 = q7 ^ r7;
      q0 = d7 ^ r0 ^ pairOdd(d0) ^ load<u32>(k, 0);
      q1 = d0 ^ d7 ^ r1 ^ pairOdd(d1) ^ load<u32>(k, 4);
      q2 = d1 ^ r2 ^ pairOdd(d2) ^ load<u32>(k, 8);
      q3 = d2 ^ d7 ^ r3 ^ pairOdd(d3) ^ load<u32>(k, 12);
      q4 = d3 ^ d7 ^ r4 ^ pairOdd(d4) ^ load<u32>(k, 16);
      q5 = d4 ^ r5 ^ pairOdd(d5) ^ load<u32>(k, 20);
      q6 = d5 ^ r6 ^ pairOdd(d6) ^ load<u32>(k, 24);
      q7 = d6 ^ r7 ^ pairOdd(d7) ^ load<u32>(k, 28);
    } else if (lag == 2) {
      const r0 = up4(q0), r1 = up4(q1), r2 = up4(q2), r3 = up4(q3);
      const r4 = up4(q4), r5 = up4(q5), r6 = up4(q6), r7 = up4(q7);
      const d0 = q0 ^ r0, d1 = q1 ^ r1, d2 = q2 ^ r2, d3 = q3 ^ r3;
      const d4 = q4 ^ r4, d5 = q5 ^ r5, d6 = q6 ^ r6, d7 = q7 ^ r7;
      q0 = d7 ^ r0 ^ rotr<u32>(d0, 16) ^ load<u32>(k, 0);
      q1 = d0 ^ d7 ^ r1 ^ rotr<u32>(d1, 16) ^ load<u32>(k, 4);
      q2 = d1 ^ r2 ^ rotr<u32>(d2, 16) ^ load<u32>(k, 8);
      q3 = d2 ^ d7 ^ r3 ^ rotr<u32>(d3, 16) ^ load<u32>(k, 12);
      q4 = d3 ^ d7 ^ r4 ^ rotr<u32>(d4, 16) ^ load<u32>(k, 16);
      q5 = d4 ^ r5 ^ rotr<u32>(d5, 16) ^ load<u32>(k, 20);
      q6 = d5 ^ r6 ^ rotr<u32>(d6, 16) ^ load<u32>(k, 24);
      q7 = d6 ^ r7 ^ rotr<u32>(d7, 16) ^ load<u32>(k, 28);
    } else {
      const r0 = up6(q0), r1 = up6(q1), r2 = up6(q2), r3 = up6(q3);
      const r4 = up6(q4), r5 = up6(q5), r6 = up6(q6), r7 = up6(q7);
      const d0 = q0 ^ r0, d1 = q1 ^ r1, d2 = q2 ^ r2, d3 = q3 ^ r3;
      const d4 = q4 ^ r4, d5 = q5 ^ r5, d6 = q6 ^ r6, d7 = q7 ^ r7;
      q0 = d7 ^ r0 ^ pairOdd(d0) ^ load<u32>(k, 0);
      q1 = d0 ^ d7 ^ r1 ^ pairOdd(d1) ^ load<u32>(k, 4);
      q2 = d1 ^ r2 ^ pairOdd(d2) ^ load<u32>(k, 8);
      q3 = d2 ^ d7 ^ r3 ^ pairOdd(d3) ^ load<u32>(k, 12);
      q4 = d3 ^ d7 ^ r4 ^ pairOdd(d4) ^ load<u32>(k, 16);
      q5 = d4 ^ r5 ^ pairOdd(d5) ^ load<u32>(k, 20);
      q6 = d5 ^ r6 ^ pairOdd(d6) ^ load<u32>(k, 24);
      q7 = d6 ^ r7 ^ pairOdd(d7) ^ load<u32>(k, 28);
    }
  }
  const k = sk + (<usize>nr << 5);
  q0 ^= load<u32>(k, 0); q1 ^= load<u32>(k, 4); q2 ^= load<u32>(k, 8); q3 ^= load<u32>(k, 12);
  q4 ^= load<u32>(k, 16); q5 ^= load<u32>(k, 20); q6 ^= load<u32>(k, 24); q7 ^= load<u32>(k, 28);
  // Catch up the ShiftRows lag of the last round (nr = 10, 14: SR^2; 12: none). For nr = 1
  // (subWord only) SR is left out: it is the identity on blocks with four equal columns.
  if ((nr & 3) == 2) {
    q0 = shiftRows2(q0); q1 = shiftRows2(q1); q2 = shiftRows2(q2); q3 = shiftRows2(q3);
    q4 = shiftRows2(q4); q5 = shiftRows2(q5); q6 = shiftRows2(q6); q7 = shiftRows2(q7);
  }

  // The transpose is an involution: apply it again and de-interleave.
  t = ((q0 >>> 1) ^ q1) & 0x55555555; q1 ^= t; q0 ^= t << 1;
  t = ((q2 >>> 1) ^ q3) & 0x55555555; q3 ^= t; q2 ^= t << 1;
  t = ((q4 >>> 1) ^ q5) & 0x55555555; q5 ^= t; q4 ^= t << 1;
  t = ((q6 >>> 1) ^ q7) & 0x55555555; q7 ^= t; q6 ^= t << 1;
  t = ((q0 >>> 2) ^ q2) & 0x33333333; q2 ^= t; q0 ^= t << 2;
  t = ((q1 >>> 2) ^ q3) & 0x33333333; q3 ^= t; q1 ^= t << 2;
  t = ((q4 >>> 2) ^ q6) & 0x33333333; q6 ^= t; q4 ^= t << 2;
  t = ((q5 >>> 2) ^ q7) & 0x33333333; q7 ^= t; q5 ^= t << 2;
  t = ((q0 >>> 4) ^ q4) & 0x0F0F0F0F; q4 ^= t; q0 ^= t << 4;
  t = ((q1 >>> 4) ^ q5) & 0x0F0F0F0F; q5 ^= t; q1 ^= t << 4;
  t = ((q2 >>> 4) ^ q6) & 0x0F0F0F0F; q6 ^= t; q2 ^= t << 4;
  t = ((q3 >>> 4) ^ q7) & 0x0F0F0F0F; q7 ^= t; q3 ^= t << 4;
  store<u32>(blk, q0, 0); store<u32>(blk, q2, 4); store<u32>(blk, q4, 8); store<u32>(blk, q6, 12);
  store<u32>(blk, q1, 16); store<u32>(blk, q3, 20); store<u32>(blk, q5, 24); store<u32>(blk, q7, 28);
}
