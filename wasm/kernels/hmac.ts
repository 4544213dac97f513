// HMAC (FIPS 198-1 / RFC 2104) over SHA-256, SHA-384 and SHA-512, as a reusable keyed context
// (used by HKDF, and by anything needing a PRF such as HMAC-DRBG) and as the hmac-* kernels.
// Constant-time in the key bytes: the key is only XORed and hashed, never branched on or used as
// an index; the key *length* is treated as public.
//   hmac-sha256 / hmac-sha384 / hmac-sha512  op "mac": key_len (u32 LE) || key || message -> tag
//   (32 / 48 / 64 bytes). Heap: 424-byte context + 128-byte key block (zeroized), about 0.6 KiB.

import { BLOCK_BYTES, DIGEST_BYTES, sha256Init, sha256Update, sha256Final } from "./sha256";
import {
  SHA512_STATE_BYTES, SHA512_BLOCK_BYTES, SHA512_DIGEST_BYTES, SHA384_DIGEST_BYTES,
  sha512Init, sha384Init, sha512Update, sha512Final, sha384Final,
} from "./sha512";
import { zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

/** Hash selectors for the generic HMAC context. */
export const HMAC_SHA256: i32 = 0;
export const HMAC_SHA384: i32 = 1;
export const HMAC_SHA512: i32 = 2;

// Context layout: hash selector (u32, padded to 8), inner hash state, outer hash state.
const INNER = 8;
const OUTER = INNER + SHA512_STATE_BYTES;
/** Bytes of an HMAC context (room for the largest hash state, SHA-512's, twice). */
export const HMAC_CTX_BYTES: i32 = OUTER + SHA512_STATE_BYTES;
/** The longest HMAC output (SHA-512). */
export const HMAC_MAX_DIGEST_BYTES: i32 = SHA512_DIGEST_BYTES;

export function hmacDigestBytes(alg: i32): i32 {
  return alg == HMAC_SHA256 ? DIGEST_BYTES : alg == HMAC_SHA384 ? SHA384_DIGEST_BYTES : SHA512_DIGEST_BYTES;
}
@inline function blockBytes(alg: i32): i32 { return alg == HMAC_SHA256 ? BLOCK_BYTES : SHA512_BLOCK_BYTES; }

function hashInit(alg: i32, st: usize): void {
  if (alg == HMAC_SHA256) sha256Init(st); else if (alg == HMAC_SHA384) sha384Init(st); else sha512Init(st);
}
function hashUpdate(alg: i32, st: usize, p: usize, len: i32): void {
  if (alg == HMAC_SHA256) sha256Update(st, p, len); else sha512Update(st, p, len);
}
function hashFinal(alg: i32, st: usize, out: usize): void {
  if (alg == HMAC_SHA256) sha256Final(st, out); else if (alg == HMAC_SHA384) sha384Final(st, out); else sha512Final(st, out);
}

/**
 * Keys ctx (FIPS 198-1 §4 steps 1-4 and 7): K0 is the key zero-padded to the block size, or
 * its digest when longer than a block; the inner and outer states absorb K0^ipad and K0^opad.
 */
export function hmacInit(ctx: usize, alg: i32, key: usize, keyLen: i32): void {
  const block = blockBytes(alg);
  const k0 = heap.alloc(SHA512_BLOCK_BYTES);
  store<u32>(ctx, alg);
  memory.fill(k0, 0, block);
  if (keyLen > block) {
    hashInit(alg, ctx + INNER);
    hashUpdate(alg, ctx + INNER, key, keyLen);
    hashFinal(alg, ctx + INNER, k0);
  } else {
    memory.copy(k0, key, keyLen);
  }
  for (let i = 0; i < block; i += 8) store<u64>(k0 + i, load<u64>(k0 + i) ^ 0x3636363636363636);
  hashInit(alg, ctx + INNER);
  hashUpdate(alg, ctx + INNER, k0, block);
  for (let i = 0; i < block; i += 8) store<u64>(k0 + i, load<u64>(k0 + i) ^ 0x6a6a6a6a6a6a6a6a); // ipad^opad
  hashInit(alg, ctx + OUTER);
  hashUpdate(alg, ctx + OUTER, k0, block);
  zeroize(k0, block);
  heap.free(k0);
}

/** Absorbs message bytes (streaming, any number of calls). */
export function hmacUpdate(ctx: usize, p: usize, len: i32): void {
  hashUpdate(load<u32>(ctx), ctx + INNER, p, len);
}

/** Writes the tag (hmacDigestBytes(alg) bytes) to out (§4 steps 5-9). Consumes ctx: copy a
 *  keyed context first (HMAC_CTX_BYTES) to compute several MACs under one key. */
export function hmacFinal(ctx: usize, out: usize): void {
  const alg = <i32>load<u32>(ctx);
  hashFinal(alg, ctx + INNER, out);
  hashUpdate(alg, ctx + OUTER, out, hmacDigestBytes(alg));
  hashFinal(alg, ctx + OUTER, out);
}

function runHmac(alg: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (inLen < 4) return STATUS_BAD_INPUT;
  const keyLen = load<u32>(input);
  if (<u64>keyLen > <u64>(inLen - 4)) return STATUS_BAD_INPUT;
  const tagBytes = hmacDigestBytes(alg);
  if (outCap < tagBytes) return STATUS_OUTPUT_TOO_SMALL;
  const ctx = heap.alloc(HMAC_CTX_BYTES);
  hmacInit(ctx, alg, input + 4, <i32>keyLen);
  hmacUpdate(ctx, input + 4 + keyLen, inLen - 4 - <i32>keyLen);
  hmacFinal(ctx, output);
  zeroize(ctx, HMAC_CTX_BYTES);
  return tagBytes;
}

/** @kernel hmac-sha256 mac */
export function runHmacSha256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runHmac(HMAC_SHA256, op, input, inLen, output, outCap);
}
/** @kernel hmac-sha384 mac */
export function runHmacSha384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runHmac(HMAC_SHA384, op, input, inLen, output, outCap);
}
/** @kernel hmac-sha512 mac */
export function runHmacSha512(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runHmac(HMAC_SHA512, op, input, inLen, output, outCap);
}
