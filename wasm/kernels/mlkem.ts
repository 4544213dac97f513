// ML-KEM-512/768/1024 (FIPS 203): one implementation parameterised by (k, eta1, eta2, du, dv).
// Device kernels "ml-kem-512", "ml-kem-768", "ml-kem-1024", each with ops:
//   keygen: d(32) || z(32)  -> ek || dk            (ML-KEM.KeyGen_internal, Algorithm 16)
//   encaps: ek || m(32)     -> K(32) || c          (ML-KEM.Encaps_internal, Algorithm 17)
//   decaps: dk || c         -> K(32)               (ML-KEM.Decaps_internal, Algorithm 18)
// Inputs of the wrong length, an ek failing the modulus check (§7.2) or a dk failing the hash
// check (§7.3) give STATUS_BAD_INPUT.
// Memory-frugal: the matrix A is expanded one entry at a time (never k*k polynomials), the
// secret/noise vectors are the only k-polynomial buffers, ciphertexts are compressed straight
// into the output. Heap working set (one arena, zeroized before return):
//   464 + (k + 2) * 512 + 32 bytes, plus |c| + 64 for decaps: ML-KEM-768 keygen/encaps
//   3,056 B, decaps 4,208 B; ML-KEM-1024 decaps 5,200 B. C stack under wasm2c: <= 850 B
//   (stack painting, Cortex-M4). Cost (wasm2c bounds=mask, gcc -O2, M4 instructions, QEMU):
//   ML-KEM-768 keygen 0.96 M, encaps 1.03 M, decaps 1.29 M; Keccak-f[1600] is 66-71 % of it.
// Constant-time: no branch or index depends on secrets (see wasm/lib/mlkem-poly.ts); decaps
// compares the re-encryption with a full-length OR of differences and selects K or K-bar
// (implicit rejection, Algorithm 18 steps 9-10) by masking. Matrix sampling (public rho) and
// the input checks (public ek / public half of dk) are allowed to branch.

import {
  POLY_BYTES, ntt, invNtt, basemulAcc, polyToMontAdd, polyAdd, polySub, polyCompress,
  polyDecompress, polyBytesCanonical, polyFromMsg, polyToMsg, polyCbd, rejUniform, N,
} from "../lib/mlkem-poly";
import {
  KECCAK_STATE_BYTES, SHAKE128_RATE, SHAKE256_RATE, SHA3_256_RATE, SHA3_512_RATE, DS_SHA3, DS_SHAKE,
  keccakInit, keccakAbsorb, keccakFinalize, keccakSqueeze, keccakF1600,
} from "../lib/keccak";
import { ctEqual } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const POLY_ENC: i32 = 384;   // ByteEncode_12 of one polynomial

// Parameter set of the current call (FIPS 203 §8, Table 2), set by run().
let K: i32 = 3;
let ETA1: i32 = 2;
let ETA2: i32 = 2;
let DU: i32 = 10;
let DV: i32 = 4;

// Scratch of the current call, carved from one heap arena by run().
let ST: usize = 0;      // Keccak state
let SEED: usize = 0;    // 64 bytes: rho/sigma || indices, G inputs and outputs
let BUF: usize = 0;     // 192 bytes: one SHAKE128 block or one PRF output
let ACC: usize = 0;     // one polynomial accumulator
let TMP: usize = 0;     // one polynomial (matrix entry, noise, decoded key)
let VEC: usize = 0;     // k polynomials: s^ (keygen) or y^ (encrypt)
let CBUF: usize = 0;    // 32-byte seeds kept across hashing (sigma, coins), decaps: c' || m' || K'
const FIXED_SCRATCH: i32 = KECCAK_STATE_BYTES + 64 + 192;

function setParams(k: i32): void {
  K = k;
  ETA1 = k == 2 ? 3 : 2;
  ETA2 = 2;
  DU = k == 4 ? 11 : 10;
  DV = k == 4 ? 5 : 4;
}

@inline function ekBytes(): i32 { return POLY_ENC * K + 32; }
@inline function dkBytes(): i32 { return 2 * POLY_ENC * K + 96; }
@inline function ctBytes(): i32 { return 32 * (DU * K + DV); }

/** G = SHA3-512 (FIPS 203 §4.1) of a || b into out (64 bytes). */
function hashG(a: usize, aLen: i32, b: usize, bLen: i32, out: usize): void {
  keccakInit(ST);
  keccakAbsorb(ST, SHA3_512_RATE, a, aLen);
  keccakAbsorb(ST, SHA3_512_RATE, b, bLen);
  keccakFinalize(ST, SHA3_512_RATE, DS_SHA3);
  keccakSqueeze(ST, SHA3_512_RATE, out, 64);
}

/** H = SHA3-256 of len bytes at p into out (32 bytes). */
function hashH(p: usize, len: i32, out: usize): void {
  keccakInit(ST);
  keccakAbsorb(ST, SHA3_256_RATE, p, len);
  keccakFinalize(ST, SHA3_256_RATE, DS_SHA3);
  keccakSqueeze(ST, SHA3_256_RATE, out, 32);
}

/** r = SamplePolyCBD_eta(PRF_eta(s, n)) (FIPS 203 §4.1: PRF = SHAKE256(s || n)). */
function sampleNoise(r: usize, s: usize, n: i32, eta: i32): void {
  store<u8>(SEED + 32, <u8>n);
  keccakInit(ST);
  keccakAbsorb(ST, SHAKE256_RATE, s, 32);
  keccakAbsorb(ST, SHAKE256_RATE, SEED + 32, 1);
  keccakFinalize(ST, SHAKE256_RATE, DS_SHAKE);
  if (64 * eta <= SHAKE256_RATE) { polyCbd(r, ST, eta); return; } // the first block is the state's first bytes
  keccakSqueeze(ST, SHAKE256_RATE, BUF, 64 * eta);
  polyCbd(r, BUF, eta);
}

/** r = SampleNTT(rho || b32 || b33) (FIPS 203 Algorithm 7): A[i][j] is (rho, j, i). */
function sampleMatrix(r: usize, rho: usize, b32: i32, b33: i32): void {
  store<u8>(SEED + 32, <u8>b32);
  store<u8>(SEED + 33, <u8>b33);
  keccakInit(ST);
  keccakAbsorb(ST, SHAKE128_RATE, rho, 32);
  keccakAbsorb(ST, SHAKE128_RATE, SEED + 32, 2);
  keccakFinalize(ST, SHAKE128_RATE, DS_SHAKE);
  // Output blocks are read in place: the rate bytes of the state, in order (keccak.ts layout).
  let ctr = rejUniform(r, 0, ST, SHAKE128_RATE);
  while (ctr < N) {
    keccakF1600(ST);
    ctr = rejUniform(r, ctr, ST, SHAKE128_RATE);
  }
}

/** K-PKE.KeyGen (Algorithm 13) from d; writes ek at ek and ByteEncode_12(s^) at dkPke. */
function pkeKeyGen(d: usize, ek: usize, dkPke: usize): void {
  store<u8>(SEED + 63, <u8>K);
  hashG(d, 32, SEED + 63, 1, SEED);                 // SEED = rho || sigma
  const rho = ek + POLY_ENC * K;
  memory.copy(rho, SEED, 32);
  const sigma = CBUF;                                // SEED is reused by the samplers
  memory.copy(sigma, SEED + 32, 32);
  for (let i = 0; i < K; i++) {
    const s = VEC + <usize>(i * POLY_BYTES);
    sampleNoise(s, sigma, i, ETA1);
    ntt(s);
    polyCompress(dkPke + <usize>(i * POLY_ENC), s, 12);
  }
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      sampleMatrix(TMP, rho, j, i);
      basemulAcc(ACC, TMP, VEC + <usize>(j * POLY_BYTES), j > 0);
    }
    sampleNoise(TMP, sigma, K + i, ETA1);
    ntt(TMP);
    polyToMontAdd(ACC, TMP);
    polyCompress(ek + <usize>(i * POLY_ENC), ACC, 12);
  }
}

/** K-PKE.Encrypt (Algorithm 14) of the 32-byte m with coins r under ek, into c. */
function pkeEncrypt(ek: usize, m: usize, coins: usize, c: usize): void {
  const rho = ek + POLY_ENC * K;
  for (let i = 0; i < K; i++) {
    const y = VEC + <usize>(i * POLY_BYTES);
    sampleNoise(y, coins, i, ETA1);
    ntt(y);
  }
  for (let i = 0; i < K; i++) {                     // u = NTT^-1(A^T y^) + e1
    for (let j = 0; j < K; j++) {
      sampleMatrix(TMP, rho, i, j);
      basemulAcc(ACC, TMP, VEC + <usize>(j * POLY_BYTES), j > 0);
    }
    invNtt(ACC);                                    // sums of k products < 4q: no reduction needed
    sampleNoise(TMP, coins, K + i, ETA2);
    polyAdd(ACC, TMP);
    polyCompress(c + <usize>(i * 32 * DU), ACC, DU);
  }
  for (let j = 0; j < K; j++) {                     // v = NTT^-1(t^T y^) + e2 + Decompress_1(m)
    polyDecompress(TMP, ek + <usize>(j * POLY_ENC), 12);
    basemulAcc(ACC, TMP, VEC + <usize>(j * POLY_BYTES), j > 0);
  }
  invNtt(ACC);
  sampleNoise(TMP, coins, 2 * K, ETA2);
  polyAdd(ACC, TMP);
  polyFromMsg(TMP, m);
  polyAdd(ACC, TMP);
  polyCompress(c + <usize>(K * 32 * DU), ACC, DV);
}

/** K-PKE.Decrypt (Algorithm 15): m = Compress_1(v - NTT^-1(s^T NTT(u))) into m (32 bytes). */
function pkeDecrypt(dkPke: usize, c: usize, m: usize): void {
  for (let j = 0; j < K; j++) {
    polyDecompress(TMP, c + <usize>(j * 32 * DU), DU);
    ntt(TMP);
    polyDecompress(VEC, dkPke + <usize>(j * POLY_ENC), 12);
    basemulAcc(ACC, VEC, TMP, j > 0);
  }
  invNtt(ACC);
  polyDecompress(TMP, c + <usize>(K * 32 * DU), DV);
  polySub(TMP, ACC);
  polyToMsg(m, TMP);
}

function keygen(input: usize, output: usize): i32 {
  const ek = output, dk = output + ekBytes();
  pkeKeyGen(input, ek, dk);
  const ekLen = ekBytes();
  memory.copy(dk + POLY_ENC * K, ek, ekLen);
  hashH(ek, ekLen, dk + POLY_ENC * K + ekLen);
  memory.copy(dk + POLY_ENC * K + ekLen + 32, input + 32, 32);
  return ekLen + dkBytes();
}

function encaps(input: usize, output: usize): i32 {
  const ek = input, m = input + ekBytes();
  for (let i = 0; i < K; i++) if (!polyBytesCanonical(ek + <usize>(i * POLY_ENC))) return STATUS_BAD_INPUT;
  hashH(ek, ekBytes(), SEED + 32);                  // SEED = (m || H(ek)) -> G -> K || r
  memory.copy(SEED, m, 32);
  hashG(SEED, 64, 0, 0, SEED);
  memory.copy(output, SEED, 32);
  memory.copy(CBUF, SEED + 32, 32);
  pkeEncrypt(ek, m, CBUF, output + 32);
  return 32 + ctBytes();
}

function decaps(input: usize, output: usize): i32 {
  const dk = input, c = input + dkBytes();
  const ek = dk + POLY_ENC * K, ekLen = ekBytes();
  const h = ek + ekLen, z = h + 32;
  hashH(ek, ekLen, SEED);
  if (!ctEqual(SEED, h, 32)) return STATUS_BAD_INPUT; // §7.3 hash check (public half of dk)
  const cLen = ctBytes();
  const mPrime = CBUF + <usize>cLen, coins = mPrime + 32, kPrime = coins + 32;
  pkeDecrypt(dk, c, SEED);                          // SEED = m' || h -> G -> K' || r'
  memory.copy(mPrime, SEED, 32);
  memory.copy(SEED + 32, h, 32);
  hashG(SEED, 64, 0, 0, SEED);
  memory.copy(kPrime, SEED, 32);
  memory.copy(coins, SEED + 32, 32);
  keccakInit(ST);                                   // K-bar = J(z || c) = SHAKE256(z || c, 32)
  keccakAbsorb(ST, SHAKE256_RATE, z, 32);
  keccakAbsorb(ST, SHAKE256_RATE, c, cLen);
  keccakFinalize(ST, SHAKE256_RATE, DS_SHAKE);
  keccakSqueeze(ST, SHAKE256_RATE, output, 32);
  pkeEncrypt(ek, mPrime, coins, CBUF);              // c' = K-PKE.Encrypt(ek, m', r')
  const same = <u32>ctEqual(c, CBUF, cLen);
  const keep = 0 - same;                            // all ones when c' == c: output K'
  for (let i = 0; i < 32; i++) {
    const kb = <u32>load<u8>(output + i), kp = <u32>load<u8>(kPrime + i);
    store<u8>(output + i, <u8>(kb ^ (keep & (kb ^ kp))));
  }
  return 32;
}

/** Zeroizes the arena by words: memory.fill lands in the C library's byte-wise memset
 *  (about 4.5 instructions per byte on the M4, measured), which cost 2.5% of decaps. */
function wipe(p: usize, len: i32): void {
  for (let end = p + <usize>len; p < end; p += 8) store<u64>(p, 0);
}

/** Kernel entry for ML-KEM with module rank k (2, 3, 4); see the header for the ops. */
export function run(k: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op < 0 || op > 2) return STATUS_UNKNOWN_OP;
  setParams(k);
  const inNeed = op == 0 ? 64 : op == 1 ? ekBytes() + 32 : dkBytes() + ctBytes();
  const outNeed = op == 0 ? ekBytes() + dkBytes() : op == 1 ? 32 + ctBytes() : 32;
  if (inLen != inNeed) return STATUS_BAD_INPUT;
  if (outCap < outNeed) return STATUS_OUTPUT_TOO_SMALL;
  const cbufBytes = op == 2 ? ctBytes() + 96 : 32;
  const total = FIXED_SCRATCH + (K + 2) * POLY_BYTES + cbufBytes;  // a multiple of 8
  const arena = heap.alloc(total);
  ST = arena; SEED = ST + KECCAK_STATE_BYTES; BUF = SEED + 64;
  ACC = arena + FIXED_SCRATCH; TMP = ACC + POLY_BYTES; VEC = TMP + POLY_BYTES;
  CBUF = VEC + <usize>(K * POLY_BYTES);
  const r = op == 0 ? keygen(input, output) : op == 1 ? encaps(input, output) : decaps(input, output);
  wipe(arena, total);
  return r;
}

/** @kernel ml-kem-512 keygen,encaps,decaps */
export function runMlKem512(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(2, op, input, inLen, output, outCap); }
/** @kernel ml-kem-768 keygen,encaps,decaps */
export function runMlKem768(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(3, op, input, inLen, output, outCap); }
/** @kernel ml-kem-1024 keygen,encaps,decaps */
export function runMlKem1024(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(4, op, input, inLen, output, outCap); }
