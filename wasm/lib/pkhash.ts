// Hash dispatch for the public-key kernels (ECDSA nonces, RSA-PSS, MGF1): one id per SHA-2
// function and HMAC (RFC 2104) over it. Ids match the RSA input field `hash_alg`.

import { sha256Init, sha256Update, sha256Final, STATE_BYTES as SHA256_STATE } from "../kernels/sha256";

export const HASH_SHA256: i32 = 0;
export const HASH_SHA384: i32 = 1;
export const HASH_SHA512: i32 = 2;

/** Digest length in bytes, or 0 when the hash is unknown or not built in. */
export function digestBytes(alg: i32): i32 {
  return alg == HASH_SHA256 ? 32 : 0;
}

function blockBytes(alg: i32): i32 { return alg == HASH_SHA256 ? 64 : 128; }

/** Heap state for one running hash of `alg` (any supported id). */
export function newHashState(alg: i32): usize { return heap.alloc(<usize>SHA256_STATE); }

export function hashInit(alg: i32, st: usize): void { sha256Init(st); }
export function hashUpdate(alg: i32, st: usize, p: usize, len: i32): void { sha256Update(st, p, len); }
export function hashFinal(alg: i32, st: usize, out: usize): void { sha256Final(st, out); }

/** HMAC-`alg`(key, msg) into out; keyLen must not exceed the block size (true for our callers). */
export function hmac(alg: i32, key: usize, keyLen: i32, msg: usize, msgLen: i32, out: usize): void {
  const bs = blockBytes(alg);
  const pad = heap.alloc(<usize>bs);
  const st = newHashState(alg);
  const inner = heap.alloc(64);
  memory.fill(pad, 0, bs);
  memory.copy(pad, key, keyLen);
  for (let i = 0; i < bs; i++) store<u8>(pad + i, load<u8>(pad + i) ^ 0x36);
  hashInit(alg, st); hashUpdate(alg, st, pad, bs); hashUpdate(alg, st, msg, msgLen); hashFinal(alg, st, inner);
  for (let i = 0; i < bs; i++) store<u8>(pad + i, load<u8>(pad + i) ^ (0x36 ^ 0x5c));
  hashInit(alg, st); hashUpdate(alg, st, pad, bs); hashUpdate(alg, st, inner, digestBytes(alg)); hashFinal(alg, st, out);
  memory.fill(pad, 0, bs);
}
