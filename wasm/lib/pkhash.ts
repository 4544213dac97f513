// Hash dispatch for the public-key kernels (ECDSA nonces, RSA-PSS, MGF1): one id per SHA-2
// function and HMAC (RFC 2104) over it. Ids match the RSA input field `hash_alg`.

import { sha256Init, sha256Update, sha256Final, STATE_BYTES as SHA256_STATE } from "../kernels/sha256";
import {
  sha512Init, sha384Init, sha512Update, sha512Final, sha384Final, SHA512_STATE_BYTES,
} from "../kernels/sha512";

export const HASH_SHA256: i32 = 0;
export const HASH_SHA384: i32 = 1;
export const HASH_SHA512: i32 = 2;

/** Digest length in bytes, or 0 for an unknown id. */
export function digestBytes(alg: i32): i32 {
  return alg == HASH_SHA256 ? 32 : alg == HASH_SHA384 ? 48 : alg == HASH_SHA512 ? 64 : 0;
}

function blockBytes(alg: i32): i32 { return alg == HASH_SHA256 ? 64 : 128; }

/** Heap state for one running hash of `alg` (any supported id). */
export function newHashState(alg: i32): usize {
  return heap.alloc(<usize>(alg == HASH_SHA256 ? SHA256_STATE : SHA512_STATE_BYTES));
}

export function hashInit(alg: i32, st: usize): void {
  if (alg == HASH_SHA256) sha256Init(st);
  else if (alg == HASH_SHA384) sha384Init(st);
  else sha512Init(st);
}

export function hashUpdate(alg: i32, st: usize, p: usize, len: i32): void {
  if (alg == HASH_SHA256) sha256Update(st, p, len);
  else sha512Update(st, p, len);
}

export function hashFinal(alg: i32, st: usize, out: usize): void {
  if (alg == HASH_SHA256) sha256Final(st, out);
  else if (alg == HASH_SHA384) sha384Final(st, out);
  else sha512Final(st, out);
}

/** HMAC-`alg`(key, msg) into out (may alias key); keyLen must not exceed the block size. */
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
