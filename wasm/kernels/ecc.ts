// ECDSA (FIPS 186-5 §6.4, deterministic nonces per RFC 6979 §3.2) and ECDH (SP 800-56A §5.7.1.2)
// over NIST P-256 and P-384, on the generic engine in lib/weierstrass.ts.
// Ops (B = 32 for P-256, 48 for P-384; scalars and coordinates big-endian):
//   ecdsa keygen: d(B) -> Q = 04 || X(B) || Y(B)
//   ecdsa sign:   d(B) || digest(B) -> r(B) || s(B) (IEEE P1363); nonce HMAC-SHA-256/-384 (RFC 6979)
//   ecdsa verify: Q(1+2B) || digest(B) || r(B) || s(B) -> 01, or STATUS_AUTH_FAILED
//   ecdh keygen:  as ecdsa keygen
//   ecdh shared:  d(B) || peer Q(1+2B) -> X(B) of dQ
// The digest is the hash already truncated to B bytes (bits2int for hashes at least B long).
// Bad lengths, d outside [1, n-1] or a public point that is malformed or not on the curve ->
// STATUS_BAD_INPUT; r or s outside [1, n-1] -> STATUS_AUTH_FAILED.
// Constant-time for secrets: d and k are only used by baseMulCT / scalarMulCT (static comb or
// fixed windows, masked scan of all table entries, complete formulas) and by Montgomery
// arithmetic mod n (masked carries, Fermat inversion with the public exponent n-2); the only
// branches are on public values and on the RFC 6979 retry conditions (probability < 2^-128).
// Verification handles public data only and is variable time (lib/weierstrass-verify.ts).
// Heap (measured before the P-256 speed-ups): P-256 4-7 KiB, P-384 5-9 KiB per op. Static generator
// tables: P-256 6 KiB (two 32-entry combs, 32 odd multiples), P-384 3.75 KiB (comb, 8 odd multiples).
// M4 (mps2-an386, wasm2c masked, instructions): P-256 keygen 1.33M, sign 1.79M, verify 2.93M,
// ECDH 3.49M; P-384 keygen 6.2M, sign 7.8M, verify 11.9M, ECDH 13.9M.

import {
  STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP,
} from "./status";
import { zeroize } from "../lib/bytes";
import { HASH_SHA256, HASH_SHA384, digestBytes, hmac } from "../lib/pkhash";
import {
  limbs, fromBytes, toBytes, montMul, toMont, montInvPrime, modAdd, isZeroMask, invModVarTime,
} from "../lib/mont";
import {
  Curve, newCurve, newPoint, scalarMulCT, baseMulCT, toAffine, decodePoint, encodePoint, loadScalar,
  reduceModN,
} from "../lib/weierstrass";
import { P256_COMB, P256_COMB2, P384_COMB, P256_WIN, P384_WIN, P256_R2, P384_R2 } from "../lib/nist-tables";
import { verifyCombination } from "../lib/weierstrass-verify";

export const CURVE_P256: i32 = 0;
export const CURVE_P384: i32 = 1;

// FIPS 186-5 / SP 800-186 curve parameters: p || n || b, big-endian (G lives in lib/nist-tables.ts).
// @ts-ignore: decorator (lazy: only an agent that uses the table carries it in static data)
@lazy const P256: usize = memory.data<u8>([
  // p
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  // n
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
  // b
  0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
  0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
]);
// @ts-ignore: decorator (lazy: only an agent that uses the table carries it in static data)
@lazy const P384: usize = memory.data<u8>([
  // p
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
  0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
  // n
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
  0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf,
  0x58, 0x1a, 0x0d, 0xb2, 0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
  // b
  0xb3, 0x31, 0x2f, 0xa7, 0xe2, 0x3e, 0xe7, 0xe4, 0x98, 0x8e, 0x05, 0x6b, 0xe3, 0xf8, 0x2d, 0x19,
  0x18, 0x1d, 0x9c, 0x6e, 0xfe, 0x81, 0x41, 0x12, 0x03, 0x14, 0x08, 0x8f, 0x50, 0x13, 0x87, 0x5a,
  0xc6, 0x56, 0x39, 0x8d, 0x8a, 0x2e, 0xd1, 0x9d, 0x2a, 0x85, 0xc8, 0xed, 0xd3, 0xec, 0x2a, 0xef,
]);

function curve(id: i32): Curve {
  return id == CURVE_P256 ? newCurve(P256, 32, P256_COMB, P256_WIN, 7, P256_COMB2, P256_R2)
    : newCurve(P384, 48, P384_COMB, P384_WIN, 5, 0, P384_R2);
}

/** RFC 6979 §3.2 nonce for private key d and reduced digest e (both B-byte strings). */
class Rfc6979 {
  alg: i32; len: i32; K: usize; V: usize; buf: usize;
  constructor(alg: i32, len: i32, d: usize, e: usize) {
    this.alg = alg; this.len = len;
    this.K = heap.alloc(len); this.V = heap.alloc(len);
    this.buf = heap.alloc(3 * len + 1);
    memory.fill(this.V, 1, len); memory.fill(this.K, 0, len);
    memory.copy(this.buf + len + 1, d, len);
    memory.copy(this.buf + 2 * len + 1, e, len);
    this.step(0, 3 * len + 1);                                        // steps d, e
    this.step(1, 3 * len + 1);                                        // steps f, g
  }
  /** K = HMAC_K(V || tag || rest); V = HMAC_K(V), with msgLen bytes of buf. */
  step(tag: u8, msgLen: i32): void {
    memory.copy(this.buf, this.V, this.len);
    store<u8>(this.buf + this.len, tag);
    hmac(this.alg, this.K, this.len, this.buf, msgLen, this.K);
    hmac(this.alg, this.K, this.len, this.V, this.len, this.V);
  }
  /** Step h: the next candidate T (qlen == hlen here, so one HMAC per candidate). */
  next(out: usize): void {
    hmac(this.alg, this.K, this.len, this.V, this.len, this.V);
    memory.copy(out, this.V, this.len);
  }
  /** Step h.3 after a rejected candidate. */
  retry(): void { this.step(0, this.len + 1); }
  wipe(): void { zeroize(this.K, this.len); zeroize(this.V, this.len); zeroize(this.buf, 3 * this.len + 1); }
}

function keygen(C: Curve, input: usize, output: usize): i32 {
  const d = limbs(C.nl);
  if (!loadScalar(C, d, input)) return STATUS_BAD_INPUT;
  const Q = newPoint(C);
  baseMulCT(C, Q, d);
  encodePoint(C, output, Q);
  zeroize(d, C.bytes);
  return 1 + 2 * C.bytes;
}

function sign(C: Curve, alg: i32, input: usize, output: usize): i32 {
  const nl = C.nl, B = C.bytes, N = C.N;
  if (digestBytes(alg) != B) return STATUS_UNKNOWN_OP;                // hash not built in
  const d = limbs(nl), e = limbs(nl), k = limbs(nl), r = limbs(nl), s = limbs(nl), t = limbs(nl);
  if (!loadScalar(C, d, input)) return STATUS_BAD_INPUT;
  fromBytes(e, input + B, nl);
  reduceModN(C, e, e);
  const eBytes = heap.alloc(B);
  toBytes(eBytes, e, nl);
  const drbg = new Rfc6979(alg, B, input, eBytes);
  const R = newPoint(C), x = limbs(nl), y = limbs(nl);
  let done = false;
  while (!done) {
    drbg.next(output);
    if (loadScalar(C, k, output)) {
      baseMulCT(C, R, k);
      toAffine(C, x, y, R);
      reduceModN(C, r, x);
      // s = k^-1 (e + r d) mod n, in the Montgomery domain of n
      toMont(N, t, k); montInvPrime(N, s, t);                         // s = mont(k^-1)
      toMont(N, t, r); montMul(N, t, t, d);                           // t = r d (plain)
      modAdd(N, t, t, e);
      montMul(N, s, s, t);                                            // s = k^-1 (e + r d) (plain)
      done = (isZeroMask(r, nl) | isZeroMask(s, nl)) == 0;
    }
    if (!done) drbg.retry();
  }
  toBytes(output, r, nl);
  toBytes(output + B, s, nl);
  drbg.wipe(); zeroize(d, B); zeroize(k, B); zeroize(t, B);
  return 2 * B;
}

function verify(C: Curve, input: usize, output: usize): i32 {
  const nl = C.nl, B = C.bytes, N = C.N;
  const Q = newPoint(C);
  if (!decodePoint(C, Q, input)) return STATUS_BAD_INPUT;
  const e = limbs(nl), r = limbs(nl), s = limbs(nl), w = limbs(nl), u1 = limbs(nl), u2 = limbs(nl);
  fromBytes(e, input + 1 + 2 * B, nl);
  reduceModN(C, e, e);
  if (!loadScalar(C, r, input + 1 + 3 * B) || !loadScalar(C, s, input + 1 + 4 * B)) return STATUS_AUTH_FAILED;
  invModVarTime(N, w, s);                                             // public: variable time is fine
  toMont(N, w, w);                                                    // w = mont(s^-1)
  montMul(N, u1, e, w); montMul(N, u2, r, w);                         // plain e/s, r/s
  if (!verifyCombination(C, u1, Q, u2, r)) return STATUS_AUTH_FAILED;
  store<u8>(output, 1);
  return 1;
}

function shared(C: Curve, input: usize, output: usize): i32 {
  const nl = C.nl, B = C.bytes;
  const d = limbs(nl), Q = newPoint(C);
  if (!loadScalar(C, d, input)) return STATUS_BAD_INPUT;
  if (!decodePoint(C, Q, input + B)) return STATUS_BAD_INPUT;
  scalarMulCT(C, Q, Q, d);
  const x = limbs(nl), y = limbs(nl);
  const finite = toAffine(C, x, y, Q);
  zeroize(d, B);
  if (!finite) return STATUS_BAD_INPUT;                              // impossible for valid inputs
  toBytes(output, x, nl);
  return B;
}

/** True iff the 32-byte big-endian d lies in [1, n-1] of P-256 (constant-time comparison);
 *  for callers that derive private scalars by rejection sampling (kernels/attest.ts). */
export function p256ScalarInRange(d: usize): bool {
  const C = curve(CURVE_P256), k = limbs(C.nl);
  const ok = loadScalar(C, k, d);
  zeroize(k, C.bytes);
  return ok;
}

/** Kernel entry for "ecdsa-p256"/"ecdsa-p384": ops keygen, sign, verify. */
export function runEcdsa(curveId: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  const B = curveId == CURVE_P256 ? 32 : 48;
  const alg = curveId == CURVE_P256 ? HASH_SHA256 : HASH_SHA384;
  if (op == 0) {
    if (inLen != B) return STATUS_BAD_INPUT;
    if (outCap < 1 + 2 * B) return STATUS_OUTPUT_TOO_SMALL;
    return keygen(curve(curveId), input, output);
  }
  if (op == 1) {
    if (inLen != 2 * B) return STATUS_BAD_INPUT;
    if (outCap < 2 * B) return STATUS_OUTPUT_TOO_SMALL;
    return sign(curve(curveId), alg, input, output);
  }
  if (op == 2) {
    if (inLen != 1 + 5 * B) return STATUS_BAD_INPUT;
    if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
    return verify(curve(curveId), input, output);
  }
  return STATUS_UNKNOWN_OP;
}

/** Kernel entry for "ecdh-p256"/"ecdh-p384": ops keygen (as ECDSA keygen), shared. */
export function runEcdh(curveId: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  const B = curveId == CURVE_P256 ? 32 : 48;
  if (op == 0) return runEcdsa(curveId, 0, input, inLen, output, outCap);
  if (op != 1) return STATUS_UNKNOWN_OP;
  if (inLen != 1 + 3 * B) return STATUS_BAD_INPUT;
  if (outCap < B) return STATUS_OUTPUT_TOO_SMALL;
  return shared(curve(curveId), input, output);
}

/** @kernel ecdsa-p256 keygen,sign,verify */
export function runEcdsaP256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return runEcdsa(CURVE_P256, op, input, inLen, output, outCap); }
/** @kernel ecdsa-p384 keygen,sign,verify */
export function runEcdsaP384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return runEcdsa(CURVE_P384, op, input, inLen, output, outCap); }
/** @kernel ecdh-p256 keygen,shared */
export function runEcdhP256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return runEcdh(CURVE_P256, op, input, inLen, output, outCap); }
/** @kernel ecdh-p384 keygen,shared */
export function runEcdhP384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return runEcdh(CURVE_P384, op, input, inLen, output, outCap); }
