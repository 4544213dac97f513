// RSA signatures (RFC 8017): RSASSA-PKCS1-v1_5 and RSASSA-PSS verification for 1024..4096-bit
// moduli, and RSASSA-PKCS1-v1_5 signing with the CRT, on Montgomery arithmetic (lib/mont.ts).
// Kernels and ops (integers big-endian; k = modulus bytes, a multiple of 4 from 128 to 512;
// hash_alg 0 SHA-256, 1 SHA-384, 2 SHA-512; u32 fields little-endian; e odd, 1..32 bytes):
//   rsa-pkcs1 verify: k(u32) || n(k) || e_len(u32) || e(e_len) || sig(k) || hash_alg(u32) || digest -> 01
//   rsa-pkcs1 sign:   k(u32) || p(k/2) || q(k/2) || dp(k/2) || dq(k/2) || qinv(k/2) || hash_alg(u32) || digest -> sig(k)
//   rsa-pss verify:   k(u32) || n(k) || e_len(u32) || e(e_len) || sig(k) || hash_alg(u32) || salt_len(u32) || digest -> 01
//                     (MGF1 with the same hash, trailer 0xbc)
// The modulus (and p, q) must have its top bit set: n has exactly 8k bits. A bad signature ->
// STATUS_AUTH_FAILED; malformed keys or lengths -> STATUS_BAD_INPUT.
// Signing is constant-time in p, q, dp, dq, qinv: fixed-window exponentiation over every exponent
// bit with a masked scan of the 16-entry table, masked carries, no secret branch or index. It does
// not re-verify the result (no fault-attack check: the public key is not in the input).
// Heap (measured): verify 4.3 / 5.5 / 6.8 KiB for 2048 / 3072 / 4096 bits; sign-2048 9.8 KiB.
// M4 (mps2-an386, wasm2c masked, instructions): verify 3.46M / 7.85M / 13.8M; sign-2048 82M.

import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";
import { ctEqual, zeroize } from "../lib/bytes";
import { digestBytes, newHashState, hashInit, hashUpdate, hashFinal } from "../lib/pkhash";
import {
  Modulus, newModulus, limbs, newLimbs, fromBytes, toBytes, lessThan, montMul, toMont, fromMont,
  montPowPublic, montPowSecret, reduceOnce, modAdd, modSub, mulWide, add, copy,
} from "../lib/mont";

// RFC 8017 §9.2 note 1: DER DigestInfo prefixes for SHA-256, SHA-384, SHA-512 (19 bytes each).
const DIGEST_INFO: usize = memory.data<u8>([
  0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
  0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
  0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
]);
const DIGEST_INFO_BYTES: i32 = 19;

@inline function validLength(k: i32): bool { return k >= 128 && k <= 512 && (k & 3) == 0; }

/** An odd modulus of `bytes` big-endian bytes with its top bit set, or null. */
function loadModulus(src: usize, bytes: i32): Modulus | null {
  if ((load<u8>(src) & 0x80) == 0 || (load<u8>(src + bytes - 1) & 1) == 0) return null;
  const nl = bytes >> 2;
  const m = limbs(nl);
  fromBytes(m, src, nl);
  return newModulus(m, nl);
}

/** EMSA-PKCS1-v1_5 (RFC 8017 §9.2): 00 01 FF..FF 00 || DigestInfo || digest, k bytes into em. */
function pkcs1Encode(em: usize, k: i32, alg: i32, digest: usize): bool {
  const hLen = digestBytes(alg);
  const tLen = DIGEST_INFO_BYTES + hLen;
  if (k < tLen + 11) return false;
  store<u8>(em, 0); store<u8>(em + 1, 1);
  memory.fill(em + 2, 0xff, k - tLen - 3);
  store<u8>(em + k - tLen - 1, 0);
  memory.copy(em + k - tLen, DIGEST_INFO + alg * DIGEST_INFO_BYTES, DIGEST_INFO_BYTES);
  memory.copy(em + k - hLen, digest, hLen);
  return true;
}

/** RSAVP1: em (k bytes) = sig^e mod n (e: eLen big-endian bytes); false when sig >= n. */
function publicOp(N: Modulus, e: usize, eLen: i32, sig: usize, em: usize): bool {
  const nl = N.n, el = (eLen + 3) >> 2;
  const s = limbs(nl), x = limbs(nl), eb = heap.alloc(el << 2), ew = limbs(el);
  fromBytes(s, sig, nl);
  if (!lessThan(s, N.m, nl)) return false;
  memory.fill(eb, 0, el << 2);
  memory.copy(eb + (el << 2) - eLen, e, eLen);
  fromBytes(ew, eb, el);
  toMont(N, s, s);
  montPowPublic(N, x, s, ew, el);
  fromMont(N, x, x);
  toBytes(em, x, nl);
  return true;
}

/** MGF1 (RFC 8017 B.2.1) XORed into out[0..len). */
function mgf1Xor(alg: i32, seed: usize, seedLen: i32, out: usize, len: i32): void {
  const hLen = digestBytes(alg);
  const st = newHashState(alg), block = heap.alloc(64), ctr = heap.alloc(4);
  for (let c = 0, done = 0; done < len; c++, done += hLen) {
    store<u32>(ctr, bswap<u32>(<u32>c));
    hashInit(alg, st); hashUpdate(alg, st, seed, seedLen); hashUpdate(alg, st, ctr, 4); hashFinal(alg, st, block);
    const n = min(hLen, len - done);
    for (let i = 0; i < n; i++) store<u8>(out + done + i, load<u8>(out + done + i) ^ load<u8>(block + i));
  }
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with emBits = 8k - 1, so emLen = k. */
function pssVerify(em: usize, k: i32, alg: i32, sLen: i32, mHash: usize): bool {
  const hLen = digestBytes(alg);
  if (sLen < 0 || sLen > k - hLen - 2) return false;                // no overflow: k, hLen are small
  if (load<u8>(em + k - 1) != 0xbc) return false;
  const dbLen = k - hLen - 1, H = em + dbLen;
  if (load<u8>(em) & 0x80) return false;                             // the 8*emLen - emBits = 1 top bit
  mgf1Xor(alg, H, hLen, em, dbLen);                                   // em[0..dbLen) is now DB
  store<u8>(em, load<u8>(em) & 0x7f);
  const ps = k - hLen - sLen - 2;
  for (let i = 0; i < ps; i++) if (load<u8>(em + i) != 0) return false;
  if (load<u8>(em + ps) != 1) return false;
  const st = newHashState(alg), h2 = heap.alloc(64), zeros = heap.alloc(8);
  memory.fill(zeros, 0, 8);
  hashInit(alg, st); hashUpdate(alg, st, zeros, 8); hashUpdate(alg, st, mHash, hLen);
  hashUpdate(alg, st, em + dbLen - sLen, sLen); hashFinal(alg, st, h2);
  return ctEqual(h2, H, hLen);
}

function verify(pss: bool, input: usize, inLen: i32, output: usize): i32 {
  if (inLen < 4) return STATUS_BAD_INPUT;
  const k = <i32>load<u32>(input);
  if (!validLength(k) || inLen < 4 + k + 4) return STATUS_BAD_INPUT;
  const n = input + 4, eLen = <i32>load<u32>(n + k), e = n + k + 4, sig = e + eLen;
  if (eLen < 1 || eLen > 32 || inLen < 4 + k + 4 + eLen + k + 4 + (pss ? 4 : 0)) return STATUS_BAD_INPUT;
  const alg = <i32>load<u32>(sig + k);
  let at = sig + k + 4;
  let sLen: i32 = 0;
  if (pss) { sLen = <i32>load<u32>(at); at += 4; }
  const hLen = digestBytes(alg);
  if (hLen == 0 || <i32>(at - input) + hLen != inLen || (load<u8>(e + eLen - 1) & 1) == 0) return STATUS_BAD_INPUT;
  const N = loadModulus(n, k);
  if (N === null) return STATUS_BAD_INPUT;
  const em = heap.alloc(k);
  if (!publicOp(N, e, eLen, sig, em)) return STATUS_AUTH_FAILED;
  let ok: bool;
  if (pss) ok = pssVerify(em, k, alg, sLen, at);
  else {
    const want = heap.alloc(k);
    ok = pkcs1Encode(want, k, alg, at) && ctEqual(em, want, k);
  }
  if (!ok) return STATUS_AUTH_FAILED;
  store<u8>(output, 1);
  return 1;
}

/** r = mont(x mod M) for x = hi R + lo of 2n limbs: hi R via montMul(hi, R^2) (hi R < M R holds), lo < R < 2M. */
function reduceWide(M: Modulus, r: usize, x: usize): void {
  const n = M.n, lo = limbs(n);
  montMul(M, r, x + (<usize>n << 2), M.r2);
  reduceOnce(lo, x, 0, M.m, n);
  modAdd(M, r, r, lo);
  toMont(M, r, r);
}

/** RSASP1 with the CRT (RFC 8017 §5.1.2, 2.b) on the PKCS#1 v1.5 encoding of the digest. */
function signPkcs1(input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (inLen < 4) return STATUS_BAD_INPUT;
  const k = <i32>load<u32>(input);
  if (!validLength(k) || (k & 7) != 0 || inLen < 4 + 5 * (k >> 1) + 4) return STATUS_BAD_INPUT;
  if (outCap < k) return STATUS_OUTPUT_TOO_SMALL;
  const h = k >> 1, L = k >> 3;
  const pB = input + 4, qB = pB + h, dpB = qB + h, dqB = dpB + h, qinvB = dqB + h;
  const alg = <i32>load<u32>(qinvB + h);
  const hLen = digestBytes(alg);
  if (hLen == 0 || 4 + 5 * h + 4 + hLen != inLen) return STATUS_BAD_INPUT;
  const P = loadModulus(pB, h), Q = loadModulus(qB, h);
  if (P === null || Q === null) return STATUS_BAD_INPUT;
  const em = heap.alloc(k);
  if (!pkcs1Encode(em, k, alg, qinvB + h + 4)) return STATUS_BAD_INPUT;
  const m = limbs(2 * L), w = limbs(2 * L), a = limbs(L), x = limbs(L), d = limbs(L);
  fromBytes(m, em, 2 * L);
  // s1 = m^dp mod p
  reduceWide(P, a, m);
  fromBytes(d, dpB, L);
  const s1 = limbs(L);
  montPowSecret(P, s1, a, d, L); fromMont(P, s1, s1);
  // s2 = m^dq mod q
  reduceWide(Q, a, m);
  fromBytes(d, dqB, L);
  const s2 = limbs(L);
  montPowSecret(Q, s2, a, d, L); fromMont(Q, s2, s2);
  // h = qinv (s1 - s2) mod p   (s2 < q < 2p: one masked subtraction brings it below p)
  reduceOnce(x, s2, 0, P.m, L);
  modSub(P, x, s1, x);
  fromBytes(a, qinvB, L);
  toMont(P, a, a);
  montMul(P, x, x, a);
  // s = s2 + h q   (< n: no reduction)
  fromBytes(d, qB, L);
  mulWide(w, x, d, L);
  const s2w = newLimbs(2 * L);
  copy(s2w, s2, L);
  add(w, w, s2w, 2 * L);
  toBytes(output, w, 2 * L);
  zeroize(m, 8 * L); zeroize(a, 4 * L); zeroize(x, 4 * L); zeroize(d, 4 * L);
  zeroize(s1, 4 * L); zeroize(s2, 4 * L); zeroize(s2w, 8 * L); zeroize(em, k);
  return k;
}

/** Kernel entry for "rsa-pkcs1": ops verify, sign (RSASSA-PKCS1-v1_5).
 *  @kernel rsa-pkcs1 verify,sign */
export function runPkcs1(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op == 0) return outCap < 1 ? STATUS_OUTPUT_TOO_SMALL : verify(false, input, inLen, output);
  if (op == 1) return signPkcs1(input, inLen, output, outCap);
  return STATUS_UNKNOWN_OP;
}

/** Kernel entry for "rsa-pss": op verify (RSASSA-PSS).
 *  @kernel rsa-pss verify */
export function runPss(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op == 0) return outCap < 1 ? STATUS_OUTPUT_TOO_SMALL : verify(true, input, inLen, output);
  return STATUS_UNKNOWN_OP;
}
