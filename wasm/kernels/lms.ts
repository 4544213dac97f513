// LMS / HSS signature verification (RFC 8554, NIST SP 800-208) with SHA-256 (n = m = 32) and
// SHA-256/192 (n = m = 24) parameter sets: LMS H5..H25, LM-OTS W1/W2/W4/W8.
// Device kernel "lms", op "verify":
//   input = HSS public key (u32 L || LMS public key) || HSS signature || message -> 1
// The signature length follows from its own type fields (RFC 8554 §6.2), the rest is the
// message. Returns 1 when valid, STATUS_AUTH_FAILED when the signature does not verify
// (including unknown or mismatched types inside the signature), STATUS_BAD_INPUT when the
// public key is malformed or the input ends inside the signature. A single LMS key/signature
// pair is an HSS one with L = 1 (pk = u32(1) || lms_pk, sig = u32(0) || lms_sig).
// Public data only: no constant-time requirement. Heap: two SHA-256 states + 288 bytes (512 B).
// Cost: LMS_SHA256_M32_H10 / LMOTS W4 verify of 256 bytes, 1.47 M Cortex-M4 instructions
// (wasm2c bounds=mask, QEMU), 89 % of it in the SHA-256 compression function.

import { sha256Init, sha256Update, sha256Final, sha256, STATE_BYTES } from "./sha256";
import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";
import { load32be, store32be } from "../lib/bytes";

const D_PBLC: u32 = 0x8080;
const D_MESG: u32 = 0x8181;
const D_LEAF: u32 = 0x8282;
const D_INTR: u32 = 0x8383;
const INVALID: i32 = -1000;    // internal: the signature does not verify

let ST: usize = 0;    // SHA-256 state for the streamed hashes (message digest, K, tree)
let BUF: usize = 0;   // 128 bytes: the hash inputs (I || u32 || u16 || ...), room for a 32-byte digest
let QC: usize = 0;    // 64 bytes: Q || Cksm(Q)
let TMP: usize = 0;   // 32 bytes: running value / digest
let CH: usize = 0;    // SHA-256 state for the chain steps
let BLK: usize = 0;   // 64 bytes: one padded chain-step block

/** LMS type -> tree height h (RFC 8554 §5.1 Table 2; SP 800-208 §4.2 for SHA-256/192), 0 if unknown. */
function lmsHeight(t: u32): i32 {
  if (t >= 5 && t <= 9) return 5 * (<i32>t - 4);      // LMS_SHA256_M32_H5..H25
  if (t >= 10 && t <= 14) return 5 * (<i32>t - 9);    // LMS_SHA256_M24_H5..H25
  return 0;
}
@inline function lmsHashBytes(t: u32): i32 { return t <= 9 ? 32 : 24; }

/** LM-OTS type -> w (RFC 8554 §4.1 Table 1; SP 800-208 §4.1), 0 if unknown. */
function otsW(t: u32): i32 {
  if (t == 0 || t > 8) return 0;
  return 1 << ((<i32>t - 1) & 3);
}
@inline function otsHashBytes(t: u32): i32 { return t <= 4 ? 32 : 24; }
/** v: checksum digits, ceil((floor(lg((2^w - 1) * u)) + 1) / w) (RFC 8554 Appendix B). */
function otsV(n: i32, w: i32): i32 {
  const u = 8 * n / w;
  return (32 - clz<i32>(((1 << w) - 1) * u) + w - 1) / w;
}
/** p: the number of n-byte chains; ls: left shift of the checksum (RFC 8554 Table 1). */
@inline function otsP(n: i32, w: i32): i32 { return 8 * n / w + otsV(n, w); }
@inline function otsLs(n: i32, w: i32): i32 { return 16 - otsV(n, w) * w; }

/** coef(S, i, w) (RFC 8554 §3.1.3). */
@inline function coef(s: usize, i: i32, w: i32): i32 {
  const perByte = 8 / w;
  const b = <i32>load<u8>(s + i / perByte);
  return (b >> (8 - (w * (i % perByte) + w))) & ((1 << w) - 1);
}

/**
 * tmp = H(BLK) for the prepared single padded block BLK, written back into BLK at 23 (n
 * bytes). Compresses the block in place (a whole block passed to sha256Update is not copied)
 * and reads the chaining value (words at the state's start, sha256.ts layout) instead of
 * finalizing: 20 % fewer instructions per LM-OTS step on the M4 than the one-shot hash, measured.
 */
function chainStep(n: i32): void {
  sha256Init(CH);
  sha256Update(CH, BLK, 64);
  for (let k = 0; k < n; k += 4) store32be(BLK + 23 + <usize>k, load<u32>(CH + <usize>k));
}

/** Truncated SHA-256 of len bytes at p into out (n bytes; out needs 32 bytes of room). */
@inline function hashN(p: usize, len: i32, out: usize): void { sha256(p, len, out); }

/**
 * LM-OTS candidate public key Kc (RFC 8554 Algorithm 4b) into TMP. `ots` points at the
 * LM-OTS signature (type, C, y), already checked to be of type `otsType`.
 */
function otsCandidate(otsType: u32, I: usize, q: u32, ots: usize, msg: usize, msgLen: i32): void {
  const n = otsHashBytes(otsType), w = otsW(otsType), p = otsP(n, w), ls = otsLs(n, w);
  const c = ots + 4, y = c + n;
  // Q = H(I || u32str(q) || u16str(D_MESG) || C || message), then Q || Cksm(Q) in BUF+32.
  sha256Init(ST);
  memory.copy(BUF, I, 16); store32be(BUF + 16, q); store<u8>(BUF + 20, <u8>(D_MESG >> 8)); store<u8>(BUF + 21, <u8>D_MESG);
  sha256Update(ST, BUF, 22);
  sha256Update(ST, c, n);
  sha256Update(ST, msg, msgLen);
  sha256Final(ST, TMP);
  const qc = QC;
  memory.copy(qc, TMP, n);
  let sum: i32 = 0;
  const maxC = (1 << w) - 1;
  for (let i = 0; i < (8 * n) / w; i++) sum += maxC - coef(qc, i, w);
  sum <<= ls;
  store<u8>(qc + n, <u8>(sum >> 8)); store<u8>(qc + n + 1, <u8>sum);
  // Kc = H(I || u32str(q) || u16str(D_PBLC) || z[0] || ... || z[p-1]), streamed.
  sha256Init(ST);
  store<u8>(BUF + 20, <u8>(D_PBLC >> 8)); store<u8>(BUF + 21, <u8>D_PBLC);
  sha256Update(ST, BUF, 22);
  // Chain steps: one padded block I || u32str(q) || u16str(i) || u8str(j) || tmp (23 + n bytes).
  memory.copy(BLK, BUF, 20);
  memory.fill(BLK + 23 + n, 0, 64 - 23 - n);
  store<u8>(BLK + 23 + n, 0x80);
  store<u16>(BLK + 62, bswap<u16>(<u16>((23 + n) * 8)));
  for (let i = 0; i < p; i++) {
    store<u8>(BLK + 20, <u8>(i >> 8)); store<u8>(BLK + 21, <u8>i);
    memory.copy(BLK + 23, y + <usize>(i * n), n);
    for (let j = coef(qc, i, w); j < maxC; j++) {
      store<u8>(BLK + 22, <u8>j);
      chainStep(n);
    }
    sha256Update(ST, BLK + 23, n);
  }
  sha256Final(ST, TMP);
}

/**
 * Verifies one LMS signature (RFC 8554 Algorithm 6a) at sig over msg with the LMS public key
 * at pk. Returns the signature's length, INVALID when it does not verify, or
 * STATUS_BAD_INPUT when it runs past `end`.
 */
function lmsVerify(pk: usize, sig: usize, end: usize, msg: usize, msgLen: i32): i32 {
  const pkType = load32be(pk), pkOts = load32be(pk + 4), I = pk + 8, T1 = pk + 24;
  const m = lmsHashBytes(pkType), h = lmsHeight(pkType);
  if (sig + 8 > end) return STATUS_BAD_INPUT;
  const q = load32be(sig), otsType = load32be(sig + 4);
  if (otsType != pkOts) return INVALID;               // also rejects unknown LM-OTS types
  const n = otsHashBytes(otsType), p = otsP(n, otsW(otsType));
  const otsLen = 4 + n + p * n;
  const typeAt = sig + 4 + <usize>otsLen;
  if (typeAt + 4 > end) return STATUS_BAD_INPUT;
  if (load32be(typeAt) != pkType) return INVALID;
  const sigLen = 4 + otsLen + 4 + h * m;
  if (sig + <usize>sigLen > end) return STATUS_BAD_INPUT;
  if (q >= (<u32>1 << <u32>h)) return INVALID;
  otsCandidate(otsType, I, q, sig + 4, msg, msgLen);
  // Leaf and path to the root (Algorithm 6a step 4): buffer = I || u32 node || u16 D || ...
  let node = (<u32>1 << <u32>h) + q;
  memory.copy(BUF, I, 16); store32be(BUF + 16, node); store<u8>(BUF + 20, <u8>(D_LEAF >> 8)); store<u8>(BUF + 21, <u8>D_LEAF);
  memory.copy(BUF + 22, TMP, n);
  hashN(BUF, 22 + n, TMP);
  let path = typeAt + 4;
  store<u8>(BUF + 20, <u8>(D_INTR >> 8)); store<u8>(BUF + 21, <u8>D_INTR);
  while (node > 1) {
    store32be(BUF + 16, node >> 1);
    if (node & 1) { memory.copy(BUF + 22, path, m); memory.copy(BUF + 22 + m, TMP, m); }
    else { memory.copy(BUF + 22, TMP, m); memory.copy(BUF + 22 + m, path, m); }
    hashN(BUF, 22 + 2 * m, TMP);
    path += m; node >>= 1;
  }
  let diff: u32 = 0;
  for (let i = 0; i < m; i++) diff |= <u32>(load<u8>(TMP + i) ^ load<u8>(T1 + i));
  return diff == 0 ? sigLen : INVALID;
}

const PUB_INVALID: i32 = -1;    // unknown or inconsistent types
const PUB_TRUNCATED: i32 = -2;  // the input ends inside the key

/** Length of the LMS public key at pk (within `avail` bytes), or PUB_INVALID / PUB_TRUNCATED. */
function lmsPubLen(pk: usize, avail: i32): i32 {
  if (avail < 8) return PUB_TRUNCATED;
  const t = load32be(pk), ots = load32be(pk + 4);
  if (lmsHeight(t) == 0 || otsW(ots) == 0 || lmsHashBytes(t) != otsHashBytes(ots)) return PUB_INVALID;
  const len = 24 + lmsHashBytes(t);
  return len <= avail ? len : PUB_TRUNCATED;
}

/** HSS verification (RFC 8554 Algorithm 8 / §6.3). */
function hssVerify(input: usize, inLen: i32): i32 {
  const end = input + <usize>inLen;
  if (inLen < 4) return STATUS_BAD_INPUT;
  const L = load32be(input);
  if (L < 1 || L > 8) return STATUS_BAD_INPUT;
  let pub = input + 4;
  const pubLen = lmsPubLen(pub, inLen - 4);
  if (pubLen < 0) return STATUS_BAD_INPUT;
  let sig = pub + <usize>pubLen;
  if (sig + 4 > end) return STATUS_BAD_INPUT;
  if (load32be(sig) + 1 != L) return STATUS_AUTH_FAILED;
  sig += 4;
  // Level i signs the serialized public key of level i+1, found after its signature.
  for (let i: u32 = 0; i + 1 < L; i++) {
    // The signed public key follows the signature: find its place from the signature's types.
    if (sig + 8 > end) return STATUS_BAD_INPUT;
    const otsType = load32be(sig + 4);
    if (otsType != load32be(pub + 4)) return STATUS_AUTH_FAILED;
    const n = otsHashBytes(otsType), otsLen = 4 + n + otsP(n, otsW(otsType)) * n;
    const typeAt = sig + 4 + <usize>otsLen;
    if (typeAt + 4 > end) return STATUS_BAD_INPUT;
    if (load32be(typeAt) != load32be(pub)) return STATUS_AUTH_FAILED;
    const h = lmsHeight(load32be(typeAt));
    const next = typeAt + 4 + <usize>(h * lmsHashBytes(load32be(typeAt)));
    const nextLen = lmsPubLen(next, <i32>(end - next));
    if (nextLen == PUB_TRUNCATED) return STATUS_BAD_INPUT;
    if (nextLen == PUB_INVALID) return STATUS_AUTH_FAILED;
    const r = lmsVerify(pub, sig, end, next, nextLen);
    if (r == STATUS_BAD_INPUT) return r;
    if (r == INVALID) return STATUS_AUTH_FAILED;
    pub = next; sig = next + <usize>nextLen;
  }
  // The last level signs the message: everything after the last signature.
  if (sig + 8 > end) return STATUS_BAD_INPUT;
  const otsType = load32be(sig + 4);
  if (otsType != load32be(pub + 4)) return STATUS_AUTH_FAILED;
  const n = otsHashBytes(otsType), otsLen = 4 + n + otsP(n, otsW(otsType)) * n;
  const typeAt = sig + 4 + <usize>otsLen;
  if (typeAt + 4 > end) return STATUS_BAD_INPUT;
  const t = load32be(typeAt), h = lmsHeight(t);
  if (t != load32be(pub)) return STATUS_AUTH_FAILED;
  const msg = typeAt + 4 + <usize>(h * lmsHashBytes(t));
  if (msg > end) return STATUS_BAD_INPUT;
  const r = lmsVerify(pub, sig, end, msg, <i32>(end - msg));
  if (r == STATUS_BAD_INPUT) return r;
  return r == INVALID ? STATUS_AUTH_FAILED : 1;
}

/** Kernel entry. op 0 "verify": see the header.
 *  @kernel lms verify */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
  ST = heap.alloc(2 * STATE_BYTES + 288);
  CH = ST + STATE_BYTES; BUF = CH + STATE_BYTES; QC = BUF + 128; TMP = QC + 64; BLK = TMP + 32;
  const r = hssVerify(input, inLen);
  if (r == 1) store<u8>(output, 1);
  return r;
}
