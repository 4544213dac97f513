// ML-DSA-44/65/87 (FIPS 204): KeyGen_internal, Sign_internal and Verify_internal for the
// device kernels "ml-dsa-44", "ml-dsa-65", "ml-dsa-87" (one parameterised implementation).
//
//   keygen: xi(32)                       -> pk || sk                     (Alg. 6)
//   sign:   sk || rnd(32) || M'          -> signature                    (Alg. 7)
//   verify: pk || signature || M'        -> 0x01, or STATUS_AUTH_FAILED  (Alg. 8)
//   sign-mu: sk || rnd(32) || mu(64)     -> signature (external-mu signing: mu = H(tr || M', 64)
//            given, as in the ACVP "externalMu" mode; tested, not measured)
//   sign-lowmem: as sign, with A re-expanded in every rejection round instead of cached
//            (k*l KiB less heap, about 80 more Keccak-f calls per round for ML-DSA-44)
// M' is the already formatted message (pure ML-DSA, empty context: 0x00 || 0x00 || M).
//
// Memory: keygen, verify and sign-lowmem never store the matrix A. Each entry A[i][j] is
// sampled from SHAKE128 straight out of the sponge state and multiplied into the row
// accumulator (row by row), so verify holds l NTT(z) + 3 polynomials and keygen l NTT(s1) + 2.
// sign caches A (k*l polynomials) because the rejection loop needs it ~4 times on average
// (polysFor gives every op's count; all heap is one allocation). Heap bytes (checked by
// tests/wasm/mldsa.test.ts against the registry's heapBytes):
//            keygen   sign    sign-lowmem  verify
//   44        7456   41248       24864      8480
//   65        8480   63776       33056      9504
//   87       10528  100640       43296     11552
// No recursion and no large locals: the stack holds scalars only.
// Constant time (sign, keygen): arithmetic, rounding, norm checks and hint computation are
// branch-free over secret coefficients (wasm/lib/mldsa-poly.ts); the hint of an attempt is
// kept as bits and packed with branches only once the signature is accepted (then public).
// As in the reference implementation, what may leak is: which bound rejected an attempt
// (early exit) and hence the number of attempts, ExpandS's rejected PRF nibbles, and the
// challenge c of each attempt (SampleInBall branches and indexes on SHAKE256(c~) output).

import {
  KECCAK_STATE_BYTES, SHAKE128_RATE, SHAKE256_RATE, DS_SHAKE,
  keccakInit, keccakAbsorb, keccakFinalize, keccakSqueeze, keccakF1600,
} from "../lib/keccak";
import {
  N, Q, D, POLY_BYTES, ntt, invnttTomont, pointwise, pointwiseAcc, montReduce, reduce32, caddq, polyReduce,
  polyExceeds, power2Round, highBits, lowBits, makeHint, useHint, packPoly, unpackPoly, packedBytes,
} from "../lib/mldsa-poly";
import { ctEqual } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

export const OPS = "keygen,sign,verify,sign-mu,sign-lowmem";
const OP_KEYGEN = 0;
const OP_SIGN = 1;
const OP_VERIFY = 2;
const OP_SIGN_MU = 3;
const OP_SIGN_LOWMEM = 4;

// --- Parameter set (Table 1), selected per call; plain globals, not heap objects ----------
let K: i32 = 4;          // rows of A
let L: i32 = 4;          // columns of A
let ETA: i32 = 2;
let TAU: i32 = 39;
let BETA: i32 = 78;      // tau * eta
let GAMMA1: i32 = 1 << 17;
let GAMMA2: i32 = (Q - 1) / 88;
let OMEGA: i32 = 80;
let CT_BYTES: i32 = 32;  // lambda / 4: length of the commitment hash c~
let ETA_BITS: i32 = 3;
let Z_BITS: i32 = 18;    // 1 + bitlen(gamma1 - 1)
let W1_BITS: i32 = 6;    // bitlen((q - 1) / (2 gamma2) - 1)

function selectParams(level: i32): void {
  if (level == 44) {
    K = 4; L = 4; ETA = 2; TAU = 39; GAMMA1 = 1 << 17; GAMMA2 = (Q - 1) / 88; OMEGA = 80; CT_BYTES = 32;
  } else if (level == 65) {
    K = 6; L = 5; ETA = 4; TAU = 49; GAMMA1 = 1 << 19; GAMMA2 = (Q - 1) / 32; OMEGA = 55; CT_BYTES = 48;
  } else {
    K = 8; L = 7; ETA = 2; TAU = 60; GAMMA1 = 1 << 19; GAMMA2 = (Q - 1) / 32; OMEGA = 75; CT_BYTES = 64;
  }
  BETA = TAU * ETA;
  ETA_BITS = ETA == 2 ? 3 : 4;
  Z_BITS = GAMMA1 == 1 << 17 ? 18 : 20;
  W1_BITS = GAMMA2 == (Q - 1) / 88 ? 6 : 4;
}

// Encoded sizes (§7.2).
const T1_BYTES: i32 = 320;  // 10 bits per coefficient
const T0_BYTES: i32 = 416;  // 13 bits
@inline function pkBytes(): i32 { return 32 + K * T1_BYTES; }
@inline function skBytes(): i32 { return 128 + (L + K) * packedBytes(ETA_BITS) + K * T0_BYTES; }
@inline function sigBytes(): i32 { return CT_BYTES + L * packedBytes(Z_BITS) + OMEGA + K; }

/** Heap bytes each op allocates (the whole working set apart from input/output buffers). */
// Layout of every op's single allocation: two sponge states, a byte buffer, 256 bytes of
// seeds/scratch, then whole polynomials (POLYS_* of them).
const MASK_BUF: i32 = 640;   // ExpandMask output for one polynomial (20 bits * 32)
const SMALL: i32 = 256;
const FIXED: i32 = 2 * KECCAK_STATE_BYTES + MASK_BUF + SMALL;

/** Polynomials each op keeps: keygen NTT(s1) + acc + s2/t0; sign NTT(s1, s2, t0, y), w,
 *  c, two temporaries; verify NTT(z), c, acc, t1. */
function polysFor(op: i32): i32 {
  if (op == OP_KEYGEN) return L + 2;
  if (op == OP_SIGN_LOWMEM) return 2 * L + 3 * K + 3;
  if (op == OP_SIGN || op == OP_SIGN_MU) return 2 * L + 3 * K + 3 + K * L;
  return L + 3;
}

/** The op's working area, aligned for i32/u64 access. */
function workArea(op: i32): usize { return heap.alloc(FIXED + polysFor(op) * POLY_BYTES); }
@inline function polyAt(base: usize, i: i32): usize { return base + FIXED + <usize>(i * POLY_BYTES); }

// --- Hashing and sampling (§7.3) ------------------------------------------------------

/** SHAKE256(a || b || c) squeezed to outLen bytes; any length may be 0. */
function h3(st: usize, a: usize, aLen: i32, b: usize, bLen: i32, c: usize, cLen: i32, out: usize, outLen: i32): void {
  keccakInit(st);
  keccakAbsorb(st, SHAKE256_RATE, a, aLen);
  keccakAbsorb(st, SHAKE256_RATE, b, bLen);
  keccakAbsorb(st, SHAKE256_RATE, c, cLen);
  keccakFinalize(st, SHAKE256_RATE, DS_SHAKE);
  keccakSqueeze(st, SHAKE256_RATE, out, outLen);
}

/** Seeds st with SHAKE(seed(seedLen) || lo || hi) and leaves it squeezing; block = state. */
function seedXof(st: usize, rate: i32, seed: usize, seedLen: i32, lo: i32, hi: i32, tmp: usize): void {
  keccakInit(st);
  keccakAbsorb(st, rate, seed, seedLen);
  store<u8>(tmp, <u8>lo); store<u8>(tmp, <u8>hi, 1);
  keccakAbsorb(st, rate, tmp, 2);
  keccakFinalize(st, rate, DS_SHAKE);
}

const A_SET = 0;     // acc = A[r][s] o bhat * 2^-32
const A_ADD = 1;     // acc += A[r][s] o bhat * 2^-32
const A_STORE = 2;   // acc = A[r][s] (bhat unused)

/**
 * A[r][s] = RejNTTPoly(rho || s || r) (Alg. 30, 32) read straight from the SHAKE128 state
 * (56 three-byte candidates per block), multiplied into acc or stored as `mode` says.
 * Public data.
 */
function expandA(acc: usize, bhat: usize, rho: usize, r: i32, s: i32, st: usize, tmp: usize, mode: i32): void {
  seedXof(st, SHAKE128_RATE, rho, 32, s, r, tmp);
  let ctr = 0;
  while (true) {
    for (let p = st, end = st + <usize>SHAKE128_RATE; p < end; p += 3) {
      const v = <i32>(load<u16>(p) | (<u32>load<u8>(p, 2) & 0x7f) << 16);
      if (v < Q) {
        const off = <usize>ctr << 2;
        if (mode == A_STORE) {
          store<i32>(acc + off, v);
        } else {
          const prod = montReduce(<i64>v * <i64>load<i32>(bhat + off));
          store<i32>(acc + off, mode == A_SET ? prod : load<i32>(acc + off) + prod);
        }
        if (++ctr == N) return;
      }
    }
    keccakF1600(st);
  }
}

/** s = RejBoundedPoly(rho' || r) (Alg. 31, 33) with coefficients in [-eta, eta]. */
function expandS(a: usize, rhoPrime: usize, r: i32, st: usize, tmp: usize): void {
  seedXof(st, SHAKE256_RATE, rhoPrime, 64, r & 0xff, r >> 8, tmp);
  let ctr = 0;
  while (true) {
    for (let p = st, end = st + <usize>SHAKE256_RATE; p < end; p++) {
      const b = <i32>load<u8>(p);
      for (let half = 0; half < 2; half++) {
        const z = half == 0 ? b & 15 : b >> 4;
        if (ETA == 2) {
          if (z < 15) {
            store<i32>(a + (<usize>ctr << 2), 2 - (z - ((205 * z) >> 10) * 5)); // 2 - z mod 5
            if (++ctr == N) return;
          }
        } else if (z < 9) {
          store<i32>(a + (<usize>ctr << 2), 4 - z);
          if (++ctr == N) return;
        }
      }
    }
    keccakF1600(st);
  }
}

/** y = ExpandMask(rho'', kappa) row r (Alg. 34): BitUnpack of SHAKE256(rho'' || kappa + r). */
function expandMask(a: usize, rhoPP: usize, nonce: i32, st: usize, buf: usize): void {
  seedXof(st, SHAKE256_RATE, rhoPP, 64, nonce & 0xff, nonce >> 8, buf);
  keccakSqueeze(st, SHAKE256_RATE, buf, packedBytes(Z_BITS));
  unpackPoly(a, buf, Z_BITS, GAMMA1);
}

/** c = SampleInBall(c~) (Alg. 29): tau coefficients +-1. Public (c~ is in the signature). */
function sampleInBall(c: usize, ctilde: usize, st: usize): void {
  keccakInit(st);
  keccakAbsorb(st, SHAKE256_RATE, ctilde, CT_BYTES);
  keccakFinalize(st, SHAKE256_RATE, DS_SHAKE);
  memory.fill(c, 0, POLY_BYTES);
  let signs = load<u64>(st);
  let pos = 8;
  for (let i = N - TAU; i < N; i++) {
    let j: i32;
    do {
      if (pos == SHAKE256_RATE) { keccakF1600(st); pos = 0; }
      j = <i32>load<u8>(st + pos++);
    } while (j > i);
    store<i32>(c + (<usize>i << 2), load<i32>(c + (<usize>j << 2)));
    store<i32>(c + (<usize>j << 2), 1 - 2 * <i32>(signs & 1));
    signs >>= 1;
  }
}

// --- Operations ----------------------------------------------------------------------

/** KeyGen_internal (Alg. 6): pk at out, sk right after it. */
function keygen(xi: usize, out: usize): i32 {
  const pk = out, sk = out + pkBytes();
  const st = workArea(OP_KEYGEN);
  const small = st + 2 * KECCAK_STATE_BYTES + MASK_BUF;
  const seeds = small, tmp = small + 128;      // rho(32) || rho'(64) || K(32); 64 scratch bytes
  const rho = seeds, rhoPrime = seeds + 32, key = seeds + 96;
  const s1hat = polyAt(st, 0), acc = polyAt(st, L), poly = polyAt(st, L + 1);

  memory.copy(tmp, xi, 32);
  store<u8>(tmp, <u8>K, 32); store<u8>(tmp, <u8>L, 33);
  h3(st, tmp, 34, 0, 0, 0, 0, seeds, 128);
  memory.copy(pk, rho, 32);
  memory.copy(sk, rho, 32);
  memory.copy(sk + 32, key, 32);
  const etaBytes = packedBytes(ETA_BITS);
  const s1Out = sk + 128, s2Out = s1Out + L * etaBytes, t0Out = s2Out + K * etaBytes;
  for (let j = 0; j < L; j++) {
    const s = s1hat + <usize>(j * POLY_BYTES);
    expandS(s, rhoPrime, j, st, tmp);
    packPoly(s1Out + j * etaBytes, s, ETA_BITS, ETA);
    ntt(s);
  }
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < L; j++) expandA(acc, s1hat + <usize>(j * POLY_BYTES), rho, i, j, st, tmp, j == 0 ? A_SET : A_ADD);
    polyReduce(acc);
    invnttTomont(acc);
    expandS(poly, rhoPrime, L + i, st, tmp);
    packPoly(s2Out + i * etaBytes, poly, ETA_BITS, ETA);
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) {    // t = A s1 + s2 -> (t1, t0)
      const t = caddq(reduce32(load<i32>(acc + o) + load<i32>(poly + o)));
      store<i32>(acc + o, power2Round(t, poly + o));
    }
    packPoly(pk + 32 + i * T1_BYTES, acc, 10, 0);
    packPoly(t0Out + i * T0_BYTES, poly, 13, 1 << (D - 1));
  }
  h3(st, pk, pkBytes(), 0, 0, 0, 0, sk + 64, 64);      // tr = H(pk, 64)
  memory.fill(st, 0, FIXED + polysFor(OP_KEYGEN) * POLY_BYTES);
  return pkBytes() + skBytes();
}

/** Absorbs w1Encode(HighBits(w)) (Alg. 28) into st. */
function absorbW1(st: usize, w: usize, buf: usize, scratch: usize): void {
  for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) {
    store<i32>(scratch + o, highBits(load<i32>(w + o), GAMMA2));
  }
  packPoly(buf, scratch, W1_BITS, 0);
  keccakAbsorb(st, SHAKE256_RATE, buf, packedBytes(W1_BITS));
}

/** Sign_internal (Alg. 7) with the given rnd; the signature goes to sig. With givenMu, msg is
 *  mu itself (64 bytes) instead of M'. */
function sign(op: i32, sk: usize, rnd: usize, msg: usize, msgLen: i32, sig: usize): i32 {
  const st = workArea(op), st2 = st + KECCAK_STATE_BYTES;
  const buf = st2 + KECCAK_STATE_BYTES;
  const mu = buf + MASK_BUF, rhoPP = mu + 64, scratch = rhoPP + 64; // scratch: 128 bytes
  const s1hat = polyAt(st, 0), s2hat = polyAt(st, L), t0hat = polyAt(st, L + K);
  const rho = sk, key = sk + 32, tr = sk + 64;
  const etaBytes = packedBytes(ETA_BITS), zBytes = packedBytes(Z_BITS);

  for (let j = 0; j < L; j++) {
    const p = s1hat + <usize>(j * POLY_BYTES);
    unpackPoly(p, sk + 128 + j * etaBytes, ETA_BITS, ETA); ntt(p);
  }
  for (let i = 0; i < K; i++) {
    const p = s2hat + <usize>(i * POLY_BYTES);
    unpackPoly(p, sk + 128 + (L + i) * etaBytes, ETA_BITS, ETA); ntt(p);
    const t = t0hat + <usize>(i * POLY_BYTES);
    unpackPoly(t, sk + 128 + (L + K) * etaBytes + i * T0_BYTES, 13, 1 << (D - 1)); ntt(t);
  }
  if (op == OP_SIGN_MU) memory.copy(mu, msg, 64);
  else h3(st, tr, 64, msg, msgLen, 0, 0, mu, 64);
  h3(st, key, 32, rnd, 32, mu, 64, rhoPP, 64);

  let cachedA: usize = 0;
  if (op != OP_SIGN_LOWMEM) {
    cachedA = polyAt(st, 2 * L + 3 * K + 3);
    for (let i = 0; i < K * L; i++) expandA(cachedA + <usize>(i * POLY_BYTES), 0, rho, i / L, i % L, st, scratch, A_STORE);
  }
  let kappa = 0;
  while (!attempt(sig, kappa, st, st2, buf, mu, rhoPP, scratch, rho, cachedA)) kappa += L;
  memory.fill(st, 0, FIXED + polysFor(op) * POLY_BYTES);
  return sigBytes();
}

/** One iteration of the rejection loop (Alg. 7 steps 11-32); true when sig is complete.
 *  cachedA: the k*l entries of A row by row, or 0 to expand them again. */
function attempt(sig: usize, kappa: i32, st: usize, st2: usize, buf: usize, mu: usize, rhoPP: usize,
  scratch: usize, rho: usize, cachedA: usize): bool {
  const s1hat = polyAt(st, 0), s2hat = polyAt(st, L), t0hat = polyAt(st, L + K);
  const yhat = polyAt(st, L + 2 * K), w = polyAt(st, 2 * L + 2 * K);
  const chat = polyAt(st, 2 * L + 3 * K), tmp = chat + POLY_BYTES, tmp2 = tmp + POLY_BYTES;
  const zBytes = packedBytes(Z_BITS);

  for (let j = 0; j < L; j++) {
    const y = yhat + <usize>(j * POLY_BYTES);
    expandMask(y, rhoPP, kappa + j, st, buf);
    ntt(y);
  }
  keccakInit(st2);
  keccakAbsorb(st2, SHAKE256_RATE, mu, 64);
  for (let i = 0; i < K; i++) {                         // w = A y, row by row
    const wi = w + <usize>(i * POLY_BYTES);
    for (let j = 0; j < L; j++) {
      const yj = yhat + <usize>(j * POLY_BYTES);
      if (cachedA == 0) expandA(wi, yj, rho, i, j, st, scratch, j == 0 ? A_SET : A_ADD);
      else if (j == 0) pointwise(wi, cachedA + <usize>(i * L * POLY_BYTES), yj);
      else pointwiseAcc(wi, cachedA + <usize>((i * L + j) * POLY_BYTES), yj);
    }
    polyReduce(wi);
    invnttTomont(wi);
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) store<i32>(wi + o, caddq(reduce32(load<i32>(wi + o))));
    absorbW1(st2, wi, buf, tmp);
  }
  keccakFinalize(st2, SHAKE256_RATE, DS_SHAKE);
  keccakSqueeze(st2, SHAKE256_RATE, sig, CT_BYTES);    // c~
  sampleInBall(chat, sig, st);
  ntt(chat);

  // z = y + c s1 = invNTT(yhat * 2^-32 + chat o s1hat * 2^-32) * 2^32.
  for (let j = 0; j < L; j++) {
    const y = yhat + <usize>(j * POLY_BYTES);
    pointwise(tmp, chat, s1hat + <usize>(j * POLY_BYTES));
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) {
      store<i32>(tmp + o, reduce32(load<i32>(tmp + o) + montReduce(<i64>load<i32>(y + o))));
    }
    invnttTomont(tmp);
    polyReduce(tmp);
    if (polyExceeds(tmp, GAMMA1 - BETA)) return false;
    packPoly(sig + CT_BYTES + j * zBytes, tmp, Z_BITS, GAMMA1);
  }

  // Per row: r0 = LowBits(w) - c s2 (the reference form of LowBits(w - c s2)), ct0, and the
  // hint bits, which replace w_i (w is not needed any more).
  let hintCount = 0;
  for (let i = 0; i < K; i++) {
    const wi = w + <usize>(i * POLY_BYTES);
    pointwise(tmp, chat, s2hat + <usize>(i * POLY_BYTES));
    invnttTomont(tmp);
    pointwise(tmp2, chat, t0hat + <usize>(i * POLY_BYTES));
    invnttTomont(tmp2);
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) {
      const wv = load<i32>(wi + o), w1 = highBits(wv, GAMMA2);
      store<i32>(tmp + o, reduce32(lowBits(wv, w1, GAMMA2) - load<i32>(tmp + o)));
      store<i32>(tmp2 + o, reduce32(load<i32>(tmp2 + o)));
      store<i32>(wi + o, w1);
    }
    if (polyExceeds(tmp, GAMMA2 - BETA)) return false;
    if (polyExceeds(tmp2, GAMMA2)) return false;
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) {
      const h = makeHint(load<i32>(tmp + o) + load<i32>(tmp2 + o), load<i32>(wi + o), GAMMA2);
      store<i32>(wi + o, h);
      hintCount += h;
    }
  }
  if (hintCount > OMEGA) return false;
  packHints(sig + CT_BYTES + L * zBytes, w);
  return true;
}

/** HintBitPack (Alg. 20) of the accepted signature's hint bits (public from here on). */
function packHints(out: usize, h: usize): void {
  memory.fill(out, 0, OMEGA + K);
  let idx = 0;
  for (let i = 0; i < K; i++) {
    const hi = h + <usize>(i * POLY_BYTES);
    for (let j = 0; j < N; j++) if (load<i32>(hi + (<usize>j << 2)) != 0) store<u8>(out + idx++, <u8>j);
    store<u8>(out + OMEGA + i, <u8>idx);
  }
}

/** Checks the HintBitUnpack (Alg. 21) encoding: counts monotone and <= omega, indices
 *  strictly increasing per row, unused bytes zero. */
function hintsWellFormed(y: usize): bool {
  let idx = 0;
  for (let i = 0; i < K; i++) {
    const end = <i32>load<u8>(y + OMEGA + i);
    if (end < idx || end > OMEGA) return false;
    for (let t = idx + 1; t < end; t++) if (load<u8>(y + t - 1) >= load<u8>(y + t)) return false;
    idx = end;
  }
  for (let t = idx; t < OMEGA; t++) if (load<u8>(y + t) != 0) return false;
  return true;
}

/** Verify_internal (Alg. 8). Public data only. */
function verify(pk: usize, sig: usize, msg: usize, msgLen: i32): bool {
  const st = workArea(OP_VERIFY), st2 = st + KECCAK_STATE_BYTES;
  const buf = st2 + KECCAK_STATE_BYTES;
  const mu = buf + MASK_BUF, scratch = mu + 64;
  const zhat = polyAt(st, 0), chat = polyAt(st, L), acc = polyAt(st, L + 1), t = polyAt(st, L + 2);
  const zBytes = packedBytes(Z_BITS);
  const hints = sig + CT_BYTES + L * zBytes;
  if (!hintsWellFormed(hints)) return false;
  for (let j = 0; j < L; j++) {
    const z = zhat + <usize>(j * POLY_BYTES);
    unpackPoly(z, sig + CT_BYTES + j * zBytes, Z_BITS, GAMMA1);
    if (polyExceeds(z, GAMMA1 - BETA)) return false;
    ntt(z);
  }
  h3(st, pk, pkBytes(), 0, 0, 0, 0, buf, 64);          // tr
  h3(st, buf, 64, msg, msgLen, 0, 0, mu, 64);
  sampleInBall(chat, sig, st);
  ntt(chat);

  keccakInit(st2);
  keccakAbsorb(st2, SHAKE256_RATE, mu, 64);
  let hint = 0;                                         // next hint index (into hints)
  for (let i = 0; i < K; i++) {                         // w'1 = UseHint(h, A z - c t1 2^d)
    for (let j = 0; j < L; j++) expandA(acc, zhat + <usize>(j * POLY_BYTES), pk, i, j, st, scratch, j == 0 ? A_SET : A_ADD);
    unpackPoly(t, pk + 32 + i * T1_BYTES, 10, 0);
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) store<i32>(t + o, load<i32>(t + o) << D);
    ntt(t);
    pointwise(t, chat, t);
    const end = <i32>load<u8>(hints + OMEGA + i);
    for (let o: usize = 0; o < <usize>POLY_BYTES; o += 4) store<i32>(acc + o, reduce32(load<i32>(acc + o) - load<i32>(t + o)));
    invnttTomont(acc);
    for (let j = 0; j < N; j++) {
      const o = <usize>j << 2;
      let hj = 0;
      if (hint < end && <i32>load<u8>(hints + hint) == j) { hj = 1; hint++; }
      store<i32>(t + o, useHint(caddq(reduce32(load<i32>(acc + o))), hj, GAMMA2));
    }
    packPoly(buf, t, W1_BITS, 0);
    keccakAbsorb(st2, SHAKE256_RATE, buf, packedBytes(W1_BITS));
  }
  keccakFinalize(st2, SHAKE256_RATE, DS_SHAKE);
  keccakSqueeze(st2, SHAKE256_RATE, buf, CT_BYTES);
  return ctEqual(buf, sig, CT_BYTES);
}

/** Kernel entry for parameter set `level` (44, 65 or 87). Layouts in the file header. */
export function run(level: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  selectParams(level);
  if (op == OP_KEYGEN) {
    if (inLen != 32) return STATUS_BAD_INPUT;
    if (outCap < pkBytes() + skBytes()) return STATUS_OUTPUT_TOO_SMALL;
    return keygen(input, output);
  }
  if (op == OP_SIGN || op == OP_SIGN_MU || op == OP_SIGN_LOWMEM) {
    const skLen = skBytes(), givenMu = op == OP_SIGN_MU;
    if (givenMu ? inLen != skLen + 32 + 64 : inLen < skLen + 32) return STATUS_BAD_INPUT;
    if (outCap < sigBytes()) return STATUS_OUTPUT_TOO_SMALL;
    return sign(op, input, input + skLen, input + skLen + 32, inLen - skLen - 32, output);
  }
  if (op == OP_VERIFY) {
    const fixedLen = pkBytes() + sigBytes();
    if (inLen < fixedLen) return STATUS_BAD_INPUT;
    if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
    if (!verify(input, input + pkBytes(), input + fixedLen, inLen - fixedLen)) return STATUS_AUTH_FAILED;
    store<u8>(output, 1);
    return 1;
  }
  return STATUS_UNKNOWN_OP;
}

/** @kernel ml-dsa-44 keygen,sign,verify,sign-mu,sign-lowmem */
export function runMlDsa44(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(44, op, input, inLen, output, outCap); }
/** @kernel ml-dsa-65 keygen,sign,verify,sign-mu,sign-lowmem */
export function runMlDsa65(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(65, op, input, inLen, output, outCap); }
/** @kernel ml-dsa-87 keygen,sign,verify,sign-mu,sign-lowmem */
export function runMlDsa87(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(87, op, input, inLen, output, outCap); }
