// HKDF (RFC 5869; SP 800-56C Rev 2 two-step KDF with HMAC) over SHA-256 and SHA-384.
// Constant-time in the secret bytes (IKM, PRK, OKM): only HMAC touches them (see hmac.ts);
// all lengths are public.
//   hkdf-sha256 / hkdf-sha384  op "derive":
//     ikm_len (u32 LE) || salt_len (u32 LE) || info_len (u32 LE) || out_len (u32 LE) || ikm || salt || info
//     -> OKM (out_len bytes; out_len <= 255 * HashLen, else STATUS_BAD_INPUT)
// Heap: at most two HMAC contexts, an HMAC key block and three small blocks, about 1.2 KiB.

import { hmacInit, hmacUpdate, hmacFinal, hmacDigestBytes, HMAC_CTX_BYTES, HMAC_MAX_DIGEST_BYTES, HMAC_SHA256, HMAC_SHA384 } from "./hmac";
import { zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

const HEADER_BYTES = 16;

/** HKDF-Extract (RFC 5869 §2.2): PRK = HMAC(salt, IKM). An empty salt keys HMAC with zero
 *  bytes, which is the same as the RFC's HashLen zeros after HMAC's zero padding. */
export function hkdfExtract(alg: i32, salt: usize, saltLen: i32, ikm: usize, ikmLen: i32, prk: usize): void {
  const ctx = heap.alloc(HMAC_CTX_BYTES);
  hmacInit(ctx, alg, salt, saltLen);
  hmacUpdate(ctx, ikm, ikmLen);
  hmacFinal(ctx, prk);
  zeroize(ctx, HMAC_CTX_BYTES);
  heap.free(ctx);
}

/** HKDF-Expand (RFC 5869 §2.3): T(i) = HMAC(PRK, T(i-1) || info || i), OKM = first outLen bytes.
 *  The caller checks outLen <= 255 * HashLen. */
export function hkdfExpand(alg: i32, prk: usize, prkLen: i32, info: usize, infoLen: i32, okm: usize, outLen: i32): void {
  const hashLen = hmacDigestBytes(alg);
  const keyed = heap.alloc(HMAC_CTX_BYTES), ctx = heap.alloc(HMAC_CTX_BYTES);
  const t = heap.alloc(HMAC_MAX_DIGEST_BYTES), counter = heap.alloc(1);
  hmacInit(keyed, alg, prk, prkLen);
  for (let i = 1, done = 0; done < outLen; i++, done += hashLen) {
    memory.copy(ctx, keyed, HMAC_CTX_BYTES);
    if (i > 1) hmacUpdate(ctx, t, hashLen);
    hmacUpdate(ctx, info, infoLen);
    store<u8>(counter, <u8>i);
    hmacUpdate(ctx, counter, 1);
    hmacFinal(ctx, t);
    memory.copy(okm + done, t, min(hashLen, outLen - done));
  }
  zeroize(keyed, HMAC_CTX_BYTES); zeroize(ctx, HMAC_CTX_BYTES); zeroize(t, HMAC_MAX_DIGEST_BYTES);
  heap.free(counter); heap.free(t); heap.free(ctx); heap.free(keyed);
}

function runHkdf(alg: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (inLen < HEADER_BYTES) return STATUS_BAD_INPUT;
  const ikmLen = load<u32>(input), saltLen = load<u32>(input, 4), infoLen = load<u32>(input, 8);
  const outLen = load<u32>(input, 12);
  if (<u64>ikmLen + <u64>saltLen + <u64>infoLen != <u64>(inLen - HEADER_BYTES)) return STATUS_BAD_INPUT;
  const hashLen = hmacDigestBytes(alg);
  if (outLen > <u32>(255 * hashLen)) return STATUS_BAD_INPUT;
  if (outLen > <u32>outCap) return STATUS_OUTPUT_TOO_SMALL;
  const ikm = input + HEADER_BYTES, salt = ikm + ikmLen, info = salt + saltLen;
  const prk = heap.alloc(HMAC_MAX_DIGEST_BYTES);
  hkdfExtract(alg, salt, <i32>saltLen, ikm, <i32>ikmLen, prk);
  hkdfExpand(alg, prk, hashLen, info, <i32>infoLen, output, <i32>outLen);
  zeroize(prk, HMAC_MAX_DIGEST_BYTES);
  return <i32>outLen;
}

/** @kernel hkdf-sha256 derive */
export function runHkdfSha256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runHkdf(HMAC_SHA256, op, input, inLen, output, outCap);
}
/** @kernel hkdf-sha384 derive */
export function runHkdfSha384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runHkdf(HMAC_SHA384, op, input, inLen, output, outCap);
}
