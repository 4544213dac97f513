// Ed25519 signatures (RFC 8032 §5.1, pure EdDSA, no context) on wasm/lib/ge25519.ts.
// Ops: keygen: seed(32) -> public(32)
//      sign:   seed(32) || message -> signature R || S (64)
//      verify: public(32) || signature(64) || message -> 1 byte (1) or STATUS_AUTH_FAILED
// Verification is cofactorless, like OpenSSL / node:crypto: accept iff S < L, A decodes
// (canonical y, on the curve) and encode([S]B - [k]A) equals the R bytes (which also rejects
// non-canonical or off-curve R). Inputs shorter than the fixed fields are STATUS_BAD_INPUT.
// Constant-time for keygen/sign: fixed-base multiplication with full-table masked selects,
// bit-serial scalar reduction; verification is variable-time (public data only).
// Signing derives the public key again from the seed (the layout carries no public key):
// one of its two fixed-base multiplications.
// Cost (`capmark profile --board mps2-an386`, 2026-11-28: exact instructions in QEMU, wasm2c
// 1.0.32 bounds=mask, gcc 12.2 -O2): keygen 1.23 M; sign 2.66 M (32 B message), 2.83 M
// (1 KiB); verify 2.04 M (32 B), 2.14 M (1 KiB). Working set: heap ~1.0 KiB keygen, ~2.2 KiB
// sign, ~7.5 KiB verify (four 8-entry tables of 160 B); native stack under 1 KiB.
// Keygen and sign executed the same instruction count for four different seeds/messages of
// one length (one-off QEMU harness, same toolchain).

import { POINT_BYTES, geBegin, geScalarMulBase, geEncode, geDecode, geNeg,
  geDoubleScalarMulVartime } from "../lib/ge25519";
import { scReduce, scMulAdd, scIsCanonical } from "../lib/sc25519";
import { sha512, sha512Init, sha512Update, sha512Final, SHA512_STATE_BYTES } from "./sha512";
import { zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const OP_KEYGEN = 0;
const OP_SIGN = 1;
const OP_VERIFY = 2;

/** h = SHA-512(seed) with the low half clamped into the secret scalar (§5.1.5 steps 1-3);
 *  the public key [s]B goes to pub. */
function expandSeed(h: usize, pub: usize, seed: usize): void {
  sha512(seed, 32, h);
  store<u8>(h, load<u8>(h) & 248);
  store<u8>(h + 31, (load<u8>(h + 31) & 127) | 64);
  const p = heap.alloc(POINT_BYTES);
  geScalarMulBase(p, h);
  geEncode(pub, p);
}

/** §5.1.6: signature R || S of msg under seed, into sig (64 bytes). */
function sign(sig: usize, seed: usize, msg: usize, msgLen: i32): void {
  const h = heap.alloc(64), pub = heap.alloc(32), digest = heap.alloc(64), r = heap.alloc(32);
  const k = heap.alloc(32), st = heap.alloc(SHA512_STATE_BYTES), p = heap.alloc(POINT_BYTES);
  expandSeed(h, pub, seed);
  // r = SHA-512(prefix || M) mod L
  sha512Init(st); sha512Update(st, h + 32, 32); sha512Update(st, msg, msgLen); sha512Final(st, digest);
  scReduce(r, digest, 64);
  geScalarMulBase(p, r);
  geEncode(sig, p);
  // k = SHA-512(R || A || M) mod L; S = (r + k s) mod L
  sha512Init(st); sha512Update(st, sig, 32); sha512Update(st, pub, 32); sha512Update(st, msg, msgLen);
  sha512Final(st, digest);
  scReduce(k, digest, 64);
  scMulAdd(sig + 32, k, h, r);
  zeroize(h, 64); zeroize(r, 32); zeroize(digest, 64); zeroize(st, SHA512_STATE_BYTES);
}

/** §5.1.7 (cofactorless): true iff sig is a valid signature of msg under pub. */
function verify(pub: usize, sig: usize, msg: usize, msgLen: i32): bool {
  if (!scIsCanonical(sig + 32)) return false;
  const a = heap.alloc(POINT_BYTES);
  if (!geDecode(a, pub)) return false;
  const st = heap.alloc(SHA512_STATE_BYTES), digest = heap.alloc(64), k = heap.alloc(32);
  sha512Init(st); sha512Update(st, sig, 32); sha512Update(st, pub, 32); sha512Update(st, msg, msgLen);
  sha512Final(st, digest);
  scReduce(k, digest, 64);
  geNeg(a);
  const r = heap.alloc(POINT_BYTES), enc = heap.alloc(32);
  geDoubleScalarMulVartime(r, sig + 32, k, a);
  geEncode(enc, r);
  for (let i = 0; i < 32; i++) if (load<u8>(enc + i) != load<u8>(sig + i)) return false;
  return true;
}

/** Kernel entry (ops and layouts in the header).
 *  @kernel ed25519 keygen,sign,verify */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  geBegin();
  if (op == OP_KEYGEN) {
    if (inLen != 32) return STATUS_BAD_INPUT;
    if (outCap < 32) return STATUS_OUTPUT_TOO_SMALL;
    const h = heap.alloc(64);
    expandSeed(h, output, input);
    zeroize(h, 64);
    return 32;
  }
  if (op == OP_SIGN) {
    if (inLen < 32) return STATUS_BAD_INPUT;
    if (outCap < 64) return STATUS_OUTPUT_TOO_SMALL;
    sign(output, input, input + 32, inLen - 32);
    return 64;
  }
  if (op == OP_VERIFY) {
    if (inLen < 96) return STATUS_BAD_INPUT;
    if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
    if (!verify(input, input + 32, input + 96, inLen - 96)) return STATUS_AUTH_FAILED;
    store<u8>(output, 1);
    return 1;
  }
  return STATUS_UNKNOWN_OP;
}
