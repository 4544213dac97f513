// SHA-3 and SHAKE kernels (FIPS 202 §6.1-6.2) over the sponge in wasm/lib/keccak.ts.
// Inputs are public messages; no secret-dependent branches or indexes in any case.
//   sha3-256 / sha3-384 / sha3-512  op "hash": message -> digest (32 / 48 / 64 bytes)
//   shake128 / shake256             op "xof":  out_len (u32 LE) || message -> out_len bytes
// Each kernel also has op "stream": chunk (u32 LE, > 0) || the input of its first op, computed
// through the streaming sponge API in chunk-byte absorb (and squeeze) calls; it exists so tests
// can check the API that ML-KEM/ML-DSA use. Heap: one 208-byte sponge state.

import {
  sha3, shake, keccakInit, keccakAbsorb, keccakFinalize, keccakSqueeze, KECCAK_STATE_BYTES, DS_SHA3, DS_SHAKE,
  SHA3_256_RATE, SHA3_384_RATE, SHA3_512_RATE, SHAKE128_RATE, SHAKE256_RATE,
} from "../lib/keccak";
import { STATUS_BAD_INPUT, STATUS_UNKNOWN_OP, STATUS_OUTPUT_TOO_SMALL } from "./status";

const OP_STREAM = 1;

function runSha3(rateBytes: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  const digestBytes = (200 - rateBytes) >> 1;
  if (outCap < digestBytes) return STATUS_OUTPUT_TOO_SMALL;
  if (op == 0) {
    sha3(rateBytes, input, inLen, output, digestBytes);
  } else if (op == OP_STREAM) {
    if (inLen < 4 || load<u32>(input) == 0) return STATUS_BAD_INPUT;
    streamed(rateBytes, DS_SHA3, load<u32>(input), input + 4, inLen - 4, output, digestBytes);
  } else {
    return STATUS_UNKNOWN_OP;
  }
  return digestBytes;
}

function runShake(rateBytes: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0 && op != OP_STREAM) return STATUS_UNKNOWN_OP;
  const skip = op == OP_STREAM ? 4 : 0;
  if (inLen < skip + 4 || (op == OP_STREAM && load<u32>(input) == 0)) return STATUS_BAD_INPUT;
  const outLen = load<u32>(input + skip);
  if (outLen > <u32>outCap) return STATUS_OUTPUT_TOO_SMALL;
  const msg = input + skip + 4, msgLen = inLen - skip - 4;
  if (op == 0) shake(rateBytes, msg, msgLen, output, <i32>outLen);
  else streamed(rateBytes, DS_SHAKE, load<u32>(input), msg, msgLen, output, <i32>outLen);
  return <i32>outLen;
}

/** The sponge driven in `chunk`-byte absorb and squeeze calls (op "stream"). */
function streamed(rateBytes: i32, ds: u8, chunkLen: u32, p: usize, len: i32, out: usize, outLen: i32): void {
  // Unsigned: a chunk longer than the message and the output is one call each.
  const whole = max(len, outLen);
  const chunk = chunkLen < <u32>whole ? <i32>chunkLen : whole;
  const st = heap.alloc(KECCAK_STATE_BYTES);
  keccakInit(st);
  for (let i = 0; i < len; i += chunk) keccakAbsorb(st, rateBytes, p + i, min(chunk, len - i));
  keccakFinalize(st, rateBytes, ds);
  for (let i = 0; i < outLen; i += chunk) keccakSqueeze(st, rateBytes, out + i, min(chunk, outLen - i));
}

/** @kernel sha3-256 hash,stream */
export function runSha3_256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha3(SHA3_256_RATE, op, input, inLen, output, outCap);
}
/** @kernel sha3-384 hash,stream */
export function runSha3_384(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha3(SHA3_384_RATE, op, input, inLen, output, outCap);
}
/** @kernel sha3-512 hash,stream */
export function runSha3_512(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runSha3(SHA3_512_RATE, op, input, inLen, output, outCap);
}
/** @kernel shake128 xof,stream */
export function runShake128(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runShake(SHAKE128_RATE, op, input, inLen, output, outCap);
}
/** @kernel shake256 xof,stream */
export function runShake256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  return runShake(SHAKE256_RATE, op, input, inLen, output, outCap);
}
