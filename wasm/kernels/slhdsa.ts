// SLH-DSA-SHA2-128s verification (FIPS 205 slh_verify_internal, Alg. 20) for the device kernel
// "slh-dsa-sha2-128s":
//   verify: pk(32) || signature(7856) || M -> 0x01, or STATUS_AUTH_FAILED
// M is the message of the internal interface (pure SLH-DSA with empty context passes
// 0x00 || 0x00 || M, FIPS 205 Alg. 22). Public data only: no constant-time requirement.
// Memory: WOTS+ chain ends and FORS roots are streamed into the running T_len / T_k hash
// instead of being stored, so the working set is a few SHA-256 states and n-byte nodes.

import { sha256Init, sha256Update, sha256Final, compress, STATE_BYTES } from "./sha256";
import { ctEqual, store32be } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

// SLH-DSA-SHA2-128s (FIPS 205 Table 2).
const N: i32 = 16;
const H_TOTAL: i32 = 63;
const D: i32 = 7;
const HP: i32 = 9;        // h' = h / d: height of one XMSS tree
const A: i32 = 12;        // FORS tree height
const K: i32 = 14;        // FORS trees
const LEN1: i32 = 32;     // WOTS+ message nibbles (lg_w = 4, w = 16)
const LEN: i32 = 35;      // plus 3 checksum nibbles
const M_BYTES: i32 = 30;  // H_msg output: 21 FORS index bytes, 7 tree bytes, 2 leaf bytes
export const PK_BYTES: i32 = 2 * N;
export const SIG_BYTES: i32 = N * (1 + K * (1 + A) + H_TOTAL + D * LEN); // 7856
const XMSS_SIG_BYTES: i32 = (LEN + HP) * N;

// Address types (FIPS 205 §4.2).
const WOTS_HASH: u8 = 0;
const WOTS_PK: u8 = 1;
const TREE: u8 = 2;
const FORS_TREE: u8 = 3;
const FORS_ROOTS: u8 = 4;

// Compressed address ADRSc (§11.2): layer(1) || tree(8) || type(1) || keypair(4) ||
// chain address or tree height(4) || hash address or tree index(4), big-endian words.
const ADRS_BYTES: i32 = 22;
@inline function setLayer(adrs: usize, layer: i32): void { store<u8>(adrs, <u8>layer); }
function setTree(adrs: usize, tree: u64): void { store<u64>(adrs + 1, bswap<u64>(tree)); }
function setTypeAndClear(adrs: usize, type: u8): void { store<u8>(adrs + 9, type); memory.fill(adrs + 10, 0, 12); }
@inline function setWord(adrs: usize, offset: i32, v: u32): void { store<u32>(adrs + offset, bswap<u32>(v)); }
@inline function getWord(adrs: usize, offset: i32): u32 { return bswap<u32>(load<u32>(adrs + offset)); }
const KEYPAIR = 10;
const CHAIN = 14;   // = tree height
const HASH = 18;    // = tree index

// Working area (one heap allocation). F and H are one SHA-256 compression each after the
// PK.seed block: the block BLK holds ADRSc || message || padding, so callers write the
// message straight into it (a WOTS+ chain hashes in place) and the address is set there.
const SEEDED = 0;                        // SHA-256 state after PK.seed || 0^48 (its chaining value first)
const CV = SEEDED + STATE_BYTES;         // 32: scratch chaining value
const BLK = CV + 32;                     // 64: ADRSc(22) || message(16 or 32) || padding
const ADRS = BLK;
const MSG = BLK + ADRS_BYTES;
const ACC = BLK + 64;                    // running T_len / T_k (and H_msg) state
const ADRS2 = ACC + STATE_BYTES;         // 24: the address of T_len / T_k
const DIGEST = ADRS2 + 24;               // 64: H_msg output, then the FORS index bytes
const BUF = DIGEST + 64;                 // 68: MGF1 seed; later the FORS / XMSS roots
const WORK_BYTES: i32 = BUF + 68;

/** MSG(n) <- Trunc_n(SHA-256(PK.seed || 0^48 || ADRSc || MSG[0, mLen))) (F and H of
 *  §11.2.1, mLen = n or 2n), written to out (which may be MSG). */
function thash(w: usize, mLen: i32, out: usize): void {
  const end = ADRS_BYTES + mLen;                   // 38 or 54: one block with the padding
  store<u8>(w + BLK + end, 0x80);
  memory.fill(w + BLK + end + 1, 0, 55 - end);
  store<u64>(w + BLK + 56, bswap<u64>(<u64>(64 + end) << 3));
  memory.copy(w + CV, w + SEEDED, 32);
  compress(w + CV, w + BLK, 1);
  for (let i = 0; i < N; i += 4) store32be(out + i, load<u32>(w + CV + i));
}

/** Starts T_l in the ACC state with the address at adrs (the caller absorbs the l inputs). */
function beginT(w: usize, adrs: usize): void {
  memory.copy(w + ACC, w + SEEDED, STATE_BYTES);
  sha256Update(w + ACC, adrs, ADRS_BYTES);
}

function endT(w: usize, out: usize): void {
  sha256Final(w + ACC, w + DIGEST);
  memory.copy(out, w + DIGEST, N);
}

/** Climbs an authentication path of `height` levels from the leaf `node` (Alg. 11 / 17
 *  inner loops): the tree index in ADRS starts at the leaf's index. */
function climb(w: usize, node: usize, idx: u32, auth: usize, height: i32): void {
  let treeIndex = getWord(w + ADRS, HASH);
  for (let j = 0; j < height; j++) {
    setWord(w + ADRS, CHAIN, j + 1);
    treeIndex >>= 1;
    setWord(w + ADRS, HASH, treeIndex);
    if (((idx >> j) & 1) == 0) { memory.copy(w + MSG, node, N); memory.copy(w + MSG + N, auth + j * N, N); }
    else { memory.copy(w + MSG, auth + j * N, N); memory.copy(w + MSG + N, node, N); }
    thash(w, 2 * N, node);
  }
}

/** fors_pkFromSig (Alg. 17): the FORS public key into out; ADRS holds tree and keypair. */
function forsPkFromSig(w: usize, sig: usize, md: usize, out: usize): void {
  const node = w + BUF;
  const keypair = getWord(w + ADRS, KEYPAIR);
  memory.copy(w + ADRS2, w + ADRS, ADRS_BYTES);
  setTypeAndClear(w + ADRS2, FORS_ROOTS);
  setWord(w + ADRS2, KEYPAIR, keypair);
  beginT(w, w + ADRS2);
  for (let i = 0; i < K; i++) {
    // indices = base_2b(md, a, k): 12 bits per index, most significant bits first.
    const bit = i * A;
    const three = (<u32>load<u8>(md + (bit >> 3)) << 16) | (<u32>load<u8>(md + (bit >> 3) + 1) << 8)
      | <u32>load<u8>(md + (bit >> 3) + 2);
    const idx = (three >> (12 - (bit & 7))) & ((1 << A) - 1);
    const part = sig + i * (A + 1) * N;
    setWord(w + ADRS, CHAIN, 0);
    setWord(w + ADRS, HASH, (<u32>i << A) + idx);
    memory.copy(w + MSG, part, N);
    thash(w, N, node);
    climb(w, node, idx, part + N, A);
    sha256Update(w + ACC, node, N);
  }
  endT(w, out);
}

/** wots_pkFromSig (Alg. 8) of the n-byte message m; ADRS: WOTS_HASH with keypair set. */
function wotsPkFromSig(w: usize, sig: usize, m: usize, out: usize): void {
  memory.copy(w + ADRS2, w + ADRS, ADRS_BYTES);
  setTypeAndClear(w + ADRS2, WOTS_PK);
  setWord(w + ADRS2, KEYPAIR, getWord(w + ADRS, KEYPAIR));
  beginT(w, w + ADRS2);
  let csum: u32 = 0;
  for (let i = 0; i < LEN1; i++) csum += 15 - ((<u32>load<u8>(m + (i >> 1)) >> (((i & 1) ^ 1) << 2)) & 15);
  csum <<= 4; // (8 - len2 * lg_w mod 8) mod 8
  for (let i = 0; i < LEN; i++) {
    const digit = i < LEN1
      ? (<u32>load<u8>(m + (i >> 1)) >> (((i & 1) ^ 1) << 2)) & 15
      : (csum >> (12 - 4 * (i - LEN1))) & 15; // base_2b(toByte(csum, 2), 4, 3)
    setWord(w + ADRS, CHAIN, i);
    memory.copy(w + MSG, sig + i * N, N);
    for (let j = digit; j < 15; j++) {            // chain(sig_i, digit, w - 1 - digit) (Alg. 5), in place
      setWord(w + ADRS, HASH, j);
      thash(w, N, w + MSG);
    }
    sha256Update(w + ACC, w + MSG, N);
  }
  endT(w, out);
}

/** xmss_pkFromSig (Alg. 11): the root of one XMSS tree from leaf idx, into node. */
function xmssPkFromSig(w: usize, idx: u32, sig: usize, m: usize, node: usize): void {
  setTypeAndClear(w + ADRS, WOTS_HASH);
  setWord(w + ADRS, KEYPAIR, idx);
  wotsPkFromSig(w, sig, m, node);
  setTypeAndClear(w + ADRS, TREE);
  setWord(w + ADRS, HASH, idx);
  climb(w, node, idx, sig + LEN * N, HP);
}

/** H_msg (§11.2.1): MGF1-SHA-256(R || PK.seed || SHA-256(R || PK.seed || PK.root || M), 30). */
function hashMessage(w: usize, r: usize, pk: usize, msg: usize, msgLen: i32, out: usize): void {
  const st = w + ACC, seed = w + BUF;
  sha256Init(st);
  sha256Update(st, r, N);
  sha256Update(st, pk, 2 * N);
  sha256Update(st, msg, msgLen);
  memory.copy(seed, r, N);
  memory.copy(seed + N, pk, N);
  sha256Final(st, seed + 2 * N);
  store<u32>(seed + 64, 0); // counter 0 (one block of output suffices for 30 bytes)
  sha256Init(st);
  sha256Update(st, seed, 64 + 4);
  sha256Final(st, out);
}

/** slh_verify_internal (Alg. 20). */
function verify(pk: usize, sig: usize, msg: usize, msgLen: i32): bool {
  const w = heap.alloc(WORK_BYTES);
  const pkSeed = pk, pkRoot = pk + N;
  sha256Init(w + SEEDED);
  memory.fill(w + BUF, 0, 64);
  memory.copy(w + BUF, pkSeed, N);
  sha256Update(w + SEEDED, w + BUF, 64);

  const digest = w + DIGEST + 32; // 30 bytes after the scratch digest
  hashMessage(w, sig, pk, msg, msgLen, w + DIGEST);
  memory.copy(digest, w + DIGEST, M_BYTES);
  let idxTree: u64 = 0;
  for (let i = 21; i < 28; i++) idxTree = (idxTree << 8) | <u64>load<u8>(digest + i);
  idxTree &= (<u64>1 << <u64>(H_TOTAL - HP)) - 1;
  let idxLeaf = ((<u32>load<u8>(digest + 28) << 8) | <u32>load<u8>(digest + 29)) & ((1 << HP) - 1);

  memory.fill(w + ADRS, 0, 24);
  setTree(w + ADRS, idxTree);
  setTypeAndClear(w + ADRS, FORS_TREE);
  setWord(w + ADRS, KEYPAIR, idxLeaf);
  const pkFors = w + BUF + 32;
  forsPkFromSig(w, sig + N, digest, pkFors);

  let htSig = sig + N + K * (A + 1) * N;
  memory.fill(w + ADRS, 0, 24);
  setTree(w + ADRS, idxTree);
  const root = w + BUF + 48;
  memory.copy(root, pkFors, N);
  for (let j = 0; j < D; j++) {
    if (j > 0) {
      idxLeaf = <u32>(idxTree & ((1 << HP) - 1));
      idxTree >>= <u64>HP;
      setLayer(w + ADRS, j);
      setTree(w + ADRS, idxTree);
    }
    xmssPkFromSig(w, idxLeaf, htSig, root, root);
    htSig += XMSS_SIG_BYTES;
  }
  return ctEqual(root, pkRoot, N);
}

/** Kernel entry. op 0 "verify"; layout in the file header.
 *  @kernel slh-dsa-sha2-128s verify */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != 0) return STATUS_UNKNOWN_OP;
  if (inLen < PK_BYTES + SIG_BYTES) return STATUS_BAD_INPUT;
  if (outCap < 1) return STATUS_OUTPUT_TOO_SMALL;
  if (!verify(input, input + PK_BYTES, input + PK_BYTES + SIG_BYTES, inLen - PK_BYTES - SIG_BYTES)) {
    return STATUS_AUTH_FAILED;
  }
  store<u8>(output, 1);
  return 1;
}
