// DICE attestation (TCG DICE Layering Architecture) with EAT evidence (RFC 9711) signed as
// COSE_Sign1 (RFC 9052). Layers, all HMAC/HKDF-SHA-256:
//   CDI_0  = HMAC(UDS, SHA-256(L0_ID))                    L0_ID: this DICE code's identity (constant)
//   M      = SHA-256(firmware image)                      the measurement, read via board.image_read
//   CDI_1  = HMAC(CDI_0, SHA-256(M || mode))              mode: DICE mode, 2 debug / 1 normal
//   DeviceID seed = HKDF-Expand(CDI_0, "capmark DeviceID key" || key_type, 32)
//   Alias seed    = HKDF-Expand(CDI_1, "capmark Alias key" || key_type, 32)
// DeviceID survives firmware updates (enrol it once); the Alias key changes with the image.
// UEID (claim 256) = 0x01 || SHA-256(DeviceID COSE_Key)[0..32] (RFC 9711 §4.2.1 type RAND).
// Key types, one device kernel each (attest-ed25519, attest-p256, attest-ml-dsa-65; a key type
// byte that is not the kernel's is STATUS_BAD_INPUT):
//   0 Ed25519      COSE alg -8, OKP {1: 1, -1: 6, -2: x}; the seed is the RFC 8032 private key.
//   1 ECDSA P-256  COSE alg -7, EC2 {1: 2, -1: 1, -2: x, -3: y}; d = the first candidate
//                  HKDF-Expand(cdi, label || 1 || i, 32), i = 0, 1, .., in [1, n-1] (FIPS 186-5
//                  A.2.2 rejection sampling, rejection probability 2^-32); signature r || s over
//                  SHA-256(Sig_structure), RFC 6979 nonce (kernels/ecc.ts).
//   2 ML-DSA-65    COSE alg -49 (RFC 9964, was draft-ietf-cose-dilithium), AKP
//                  {1: 7, 3: -49, -1: pk}; the seed is xi of KeyGen_internal (FIPS 204 Alg. 6);
//                  signature = Sign_internal(sk, M' = 0x00 || 0x00 || Sig_structure, rnd = 0^32):
//                  pure ML-DSA, empty context, deterministic variant (FIPS 204 §3.4, Alg. 2).
// Ops:
//   device-id: key_type(1) -> [key_type, DeviceID COSE_Key, ueid, Alias CWT]
//     Alias CWT (RFC 8392) = COSE_Sign1 by DeviceID over {8 cnf: {1: Alias COSE_Key}, 256 ueid,
//     263 dbgstat, 273 measurements}; dbgstat (0 enabled, 1 disabled) is the DICE mode CDI_1
//     was derived in, so a verifier knows a debug-mode Alias key whatever its evidence claims.
//   evidence:  key_type(1) || nonce(8..64) -> COSE_Sign1 by Alias, unprotected {13 kcwt: Alias CWT}
//     (RFC 9528 §3.5.3), payload {10 nonce, 256 ueid, 263 dbgstat, 265 eat_profile,
//     267 bootcount, 270 swname, 271 swversion, 273 measurements}
//     ML-DSA-65: the Alias CWT (~5.4 KiB) and the signature (3309 B) exceed the 8 KiB output
//     buffer together, so the evidence names its key by unprotected {4 kid: SHA-256(Alias
//     COSE_Key)} and the verifier takes the Alias CWT from device-id, read before every challenge.
//   measurements = [[60 (application/cbor), bstr .cbor [{1: "firmware", 2: M, 6: "sha-256"}]]]
//   (component maps after the PSA software component, RFC 9783 §4.4.1).
// The UDS is readable once per boot: the first call reads it, derives CDI_0/CDI_1 and caches
// them, the measurement, and per key type the UEID and (Ed25519, P-256) the DeviceID COSE_Key
// and Alias CWT in static memory (STATE, 1036 B); ML-DSA-65 caches only the UEID and
// recomputes its identity per device-id (deterministic, so the same bytes). Private
// keys are re-derived per call from the CDIs and zeroized once used (ML-DSA: sk and the
// scratch heap of keygen and signing too); no op outputs a secret. Constant-time: HMAC/HKDF,
// Ed25519, ECDSA and ML-DSA signing are (see their files); the only branches are on public
// lengths, cache flags and the P-256 rejection test. Heap (heap_used in Node, largest call:
// the first after boot, or any ML-DSA-65 device-id): Ed25519 12.3 KiB, P-256 24.1 KiB,
// ML-DSA-65 114.8 KiB (keygen, Sign_internal's 62 KiB, the 8 KiB output); the registry's
// heapBytes (profiler/kernels/attest.ts) are checked against them by tests/attest.

import { uds, image_size, image_read, boot_count, debug_enabled, retain_load, retain_store } from "../board";
import { RETAIN_CDIS } from "../core/retained";
import { sha256, sha256Init, sha256Update, sha256Final, STATE_BYTES as SHA256_STATE_BYTES } from "./sha256";
import { hmacInit, hmacUpdate, hmacFinal, HMAC_CTX_BYTES, HMAC_SHA256 } from "./hmac";
import { hkdfExpand } from "./hkdf";
import * as ed25519 from "./ed25519";
import { runEcdsa, p256ScalarInRange, CURVE_P256 } from "./ecc";
import * as mldsa from "./mldsa";
import { zeroize } from "../lib/bytes";
import { cborHead, cborInt, cborBytes, cborAscii, MAJOR_ARRAY, MAJOR_MAP, MAJOR_TAG, MAJOR_BYTES } from "../lib/cbor";
import { AGENT_VERSION } from "../core/version";
import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP, STATUS_NO_DEVICE_SECRET } from "./status";
// Which key types this agent carries (compile-time constants of the generated registry): the
// others' code and the static tables it addresses (P-256 comb, ML-DSA zetas) stay out.
import { HAS_ATTEST_ED25519, HAS_ATTEST_P256, HAS_ATTEST_ML_DSA_65 } from "./registry";

const OP_DEVICE_ID = 0;
const OP_EVIDENCE = 1;

export const KEY_ED25519: i32 = 0;
export const KEY_P256: i32 = 1;
export const KEY_ML_DSA_65: i32 = 2;
const COSE_ALG_EDDSA: i32 = -8;
const COSE_ALG_ES256: i32 = -7;
const COSE_ALG_ML_DSA_65: i32 = -49;   // RFC 9964 (draft-ietf-cose-dilithium), ML-DSA-65
const COSE_KTY_AKP: i32 = 7;           // RFC 9964: Algorithm Key Pair, public key in -1
const MLDSA_PK = 1952, MLDSA_SK = 4032, MLDSA_SIG = 3309;   // FIPS 204 Table 2, ML-DSA-65

const NONCE_MIN = 8;   // RFC 9711 §4.1: 8 to 64 bytes
const NONCE_MAX = 64;
const CHUNK = 1024;    // image bytes hashed per image_read

const L0_ID = "capmark-dice-l0/1";
const DEVICE_ID_INFO = "capmark DeviceID key";
const ALIAS_INFO = "capmark Alias key";
const EAT_PROFILE = "tag:capmark.dev,2026:eat-dice/1";
const SWNAME = "capmark-agent";

// Static cache (one boot): the DICE mode (0 until the CDIs are derived, then 1 normal or
// 2 debug), CDIs, measurement, then one slot per key type; the ML-DSA-65 slot (last) holds
// S_READY and the UEID only.
const F_MODE = 0, CDI0 = 4, CDI1 = 36, MEAS = 68, SLOTS = 100;
const KEY_CAP = 80, CERT_CAP = 320;
const S_READY = 0, S_UEID = 4, S_KEYLEN = 40, S_CERTLEN = 44, S_KEY = 48, S_CERT = S_KEY + KEY_CAP;
const SLOT_BYTES = S_CERT + CERT_CAP;
const STATE: usize = memory.data(SLOTS + KEY_ML_DSA_65 * SLOT_BYTES + S_KEYLEN);
const UEID_BYTES = 33;
const KID_BYTES = 32;
const OUT_BUF = 8192;   // the agent's output capacity (core/io.ts OUT_CAP)

@inline function slot(keyType: i32): usize { return STATE + SLOTS + <usize>(keyType * SLOT_BYTES); }

/** SHA-256 of the whole firmware image, read in CHUNK pieces through the board contract. */
function measureImage(out: usize): void {
  const st = heap.alloc(SHA256_STATE_BYTES), buf = heap.alloc(CHUNK);
  const size = image_size();
  sha256Init(st);
  for (let at: u32 = 0; at < size;) {
    const n = image_read(at, buf, min<u32>(CHUNK, size - at));
    if (n == 0) break;
    sha256Update(st, buf, <i32>n);
    at += n;
  }
  sha256Final(st, out);
}

/** out = HMAC-SHA-256(key(32), msg). */
function hmac32(out: usize, key: usize, msg: usize, msgLen: i32): void {
  const ctx = heap.alloc(HMAC_CTX_BYTES);
  hmacInit(ctx, HMAC_SHA256, key, 32);
  hmacUpdate(ctx, msg, msgLen);
  hmacFinal(ctx, out);
  zeroize(ctx, HMAC_CTX_BYTES);
}

/** Reads the UDS (first call after boot) and caches CDI_0, M and CDI_1, also in the board's
 *  retained memory: after a trap the module starts afresh while the UDS stays latched, and the
 *  retained copy keeps attestation working until reboot. False when the UDS is gone and
 *  nothing was kept (another reader took it, or the board has none). */
function ensureCdis(): bool {
  if (load<u32>(STATE + F_MODE) != 0) return true;
  if (retain_load(RETAIN_CDIS, STATE, SLOTS) == SLOTS && load<u32>(STATE + F_MODE) != 0) return true;
  const secret = heap.alloc(32), h = heap.alloc(32), mm = heap.alloc(33);
  if (uds(secret, 32) != 0) return false;
  const id = heap.alloc(L0_ID.length);
  cborAsciiRaw(id, L0_ID);
  sha256(id, L0_ID.length, h);
  hmac32(STATE + CDI0, secret, h, 32);
  zeroize(secret, 32);
  measureImage(STATE + MEAS);
  memory.copy(mm, STATE + MEAS, 32);
  const mode: u8 = debug_enabled() != 0 ? 2 : 1;
  store<u8>(mm + 32, mode);
  sha256(mm, 33, h);
  hmac32(STATE + CDI1, STATE + CDI0, h, 32);
  store<u32>(STATE + F_MODE, mode);
  retain_store(RETAIN_CDIS, STATE, SLOTS);
  return true;
}

function cborAsciiRaw(p: usize, s: string): void {
  for (let i = 0; i < s.length; i++) store<u8>(p + i, <u8>s.charCodeAt(i));
}

/** seed = HKDF-Expand(cdi, label || key_type [|| counter], 32); counter < 0: none. */
function deriveSeed(seed: usize, cdi: usize, label: string, keyType: i32, counter: i32 = -1): void {
  const n = label.length, info = heap.alloc(n + 2);
  cborAsciiRaw(info, label);
  store<u8>(info + n, <u8>keyType);
  if (counter >= 0) store<u8>(info + n + 1, <u8>counter);
  hkdfExpand(HMAC_SHA256, cdi, 32, info, counter >= 0 ? n + 2 : n + 1, seed, 32);
}

/** A key pair derived from a CDI, on the heap: the private key (Ed25519 seed, P-256 d or
 *  ML-DSA-65 sk) and the raw public key (x, 04 || x || y, or pk). Its key type travels as a
 *  parameter, not a field: an agent with one attest kernel then has the other keys' code
 *  optimized away (constant arguments propagated), 47 KB of agent.wasm instead of 90 KB. */
class KeyPair {
  priv: usize = 0;
  privLen: i32 = 0;
  pub: usize = 0;
  pubLen: i32 = 0;
  wipe(): void { zeroize(this.priv, this.privLen); }
}

/** Zeroizes what a kernel call left on the heap above mark (the stub runtime allocates upward,
 *  so that is the callee's scratch: ML-DSA's s1, s2, t0, y, ...). */
function wipeHeapAbove(mark: usize): void {
  const top = heap.alloc(16);
  zeroize(mark, <i32>(top + 16 - mark));
}

/** The key pair of key type kt from cdi and label (derivations in the header); the public
 *  key only when withPub (ML-DSA-65 always has it: keygen gives both). */
function deriveKey(kt: i32, cdi: usize, label: string, withPub: bool): KeyPair {
  const k = new KeyPair();
  const seed = heap.alloc(32);
  if (HAS_ATTEST_ED25519 && kt == KEY_ED25519) {
    deriveSeed(seed, cdi, label, kt);
    k.priv = seed; k.privLen = 32;
    if (withPub) { k.pub = heap.alloc(32); k.pubLen = 32; ed25519.run(0, seed, 32, k.pub, 32); }
  } else if (HAS_ATTEST_P256 && kt == KEY_P256) {
    k.priv = seed; k.privLen = 32;
    // Rejection sampling; the range check is constant-time, only its verdict branches.
    for (let i = 0; ; i++) {
      deriveSeed(seed, cdi, label, kt, i);
      if (p256ScalarInRange(seed)) break;
    }
    if (withPub) { k.pub = heap.alloc(65); k.pubLen = 65; runEcdsa(CURVE_P256, 0, seed, 32, k.pub, 65); }
  } else if (HAS_ATTEST_ML_DSA_65) {
    deriveSeed(seed, cdi, label, kt);
    const pair = heap.alloc(MLDSA_PK + MLDSA_SK), mark = heap.alloc(16);
    mldsa.run(65, 0, seed, 32, pair, MLDSA_PK + MLDSA_SK);
    wipeHeapAbove(mark);
    zeroize(seed, 32);
    k.pub = pair; k.pubLen = MLDSA_PK;
    k.priv = pair + MLDSA_PK; k.privLen = MLDSA_SK;
  }
  return k;
}

/** sig = signature of tbs (the Sig_structure) under k; returns its length. */
function signBytes(kt: i32, k: KeyPair, tbs: usize, tbsLen: i32, sig: usize): i32 {
  if (HAS_ATTEST_ED25519 && kt == KEY_ED25519) {
    const msg = heap.alloc(32 + tbsLen);
    memory.copy(msg, k.priv, 32);
    memory.copy(msg + 32, tbs, tbsLen);
    ed25519.run(1, msg, 32 + tbsLen, sig, 64);
    zeroize(msg, 32);
    return 64;
  }
  if (HAS_ATTEST_P256 && kt == KEY_P256) {
    const inp = heap.alloc(64);
    memory.copy(inp, k.priv, 32);
    sha256(tbs, tbsLen, inp + 32);
    runEcdsa(CURVE_P256, 1, inp, 64, sig, 64);
    zeroize(inp, 32);
    return 64;
  }
  if (!HAS_ATTEST_ML_DSA_65) return 0;
  // sk || rnd (32 zero bytes: deterministic) || M' = 0x00 || 0x00 || tbs (pure, empty context)
  const n = MLDSA_SK + 32 + 2 + tbsLen, inp = heap.alloc(n);
  memory.copy(inp, k.priv, MLDSA_SK);
  memory.fill(inp + MLDSA_SK, 0, 34);
  memory.copy(inp + MLDSA_SK + 34, tbs, tbsLen);
  const mark = heap.alloc(16);
  mldsa.run(65, 1, inp, n, sig, MLDSA_SIG);
  wipeHeapAbove(mark);
  zeroize(inp, MLDSA_SK);
  return MLDSA_SIG;
}

@inline function coseAlg(kt: i32): i32 {
  return kt == KEY_ED25519 ? COSE_ALG_EDDSA : kt == KEY_P256 ? COSE_ALG_ES256 : COSE_ALG_ML_DSA_65;
}

/** The public key as a COSE_Key (RFC 9053 §7.1-7.2, RFC 9964 AKP): OKP {1: 1, -1: 6, -2: x},
 *  EC2 {1: 2, -1: 1, -2: x, -3: y} or AKP {1: 7, 3: -49, -1: pk}. */
function coseKey(kt: i32, p: usize, k: KeyPair): usize {
  if (kt == KEY_ED25519) {
    p = cborHead(p, MAJOR_MAP, 3);
    p = cborInt(p, 1); p = cborInt(p, 1);
    p = cborInt(p, -1); p = cborInt(p, 6);
    p = cborInt(p, -2);
    return cborBytes(p, k.pub, 32);
  }
  if (kt == KEY_P256) {
    p = cborHead(p, MAJOR_MAP, 4);
    p = cborInt(p, 1); p = cborInt(p, 2);
    p = cborInt(p, -1); p = cborInt(p, 1);
    p = cborInt(p, -2); p = cborBytes(p, k.pub + 1, 32);
    p = cborInt(p, -3);
    return cborBytes(p, k.pub + 33, 32);
  }
  p = cborHead(p, MAJOR_MAP, 3);
  p = cborInt(p, 1); p = cborInt(p, COSE_KTY_AKP);
  p = cborInt(p, 3); p = cborInt(p, COSE_ALG_ML_DSA_65);
  p = cborInt(p, -1);
  return cborBytes(p, k.pub, MLDSA_PK);
}

/** measurements (273) value; see the header. */
function measurements(p: usize): usize {
  const inner = heap.alloc(64);
  let q = cborHead(inner, MAJOR_ARRAY, 1);
  q = cborHead(q, MAJOR_MAP, 3);
  q = cborInt(q, 1); q = cborAscii(q, "firmware");
  q = cborInt(q, 2); q = cborBytes(q, STATE + MEAS, 32);
  q = cborInt(q, 6); q = cborAscii(q, "sha-256");
  p = cborHead(p, MAJOR_ARRAY, 1);
  p = cborHead(p, MAJOR_ARRAY, 2);
  p = cborInt(p, 60);
  return cborBytes(p, inner, <i32>(q - inner));
}

/** Tagged COSE_Sign1 (RFC 9052 §4.2) of payload under k, with protected {1: alg} and the
 *  pre-encoded unprotected header map. The signature covers Sig_structure (§4.4)
 *  ["Signature1", protected, h'', payload]. */
function sign1(kt: i32, out: usize, k: KeyPair, unprot: usize, unprotLen: i32, payload: usize, payloadLen: i32): usize {
  const prot = heap.alloc(4);
  let q = cborHead(prot, MAJOR_MAP, 1);
  q = cborInt(q, 1); q = cborInt(q, coseAlg(kt));
  const protLen = <i32>(q - prot);
  const tbs = heap.alloc(32 + protLen + payloadLen);
  q = cborHead(tbs, MAJOR_ARRAY, 4);
  q = cborAscii(q, "Signature1");
  q = cborBytes(q, prot, protLen);
  q = cborHead(q, MAJOR_BYTES, 0);
  q = cborBytes(q, payload, payloadLen);
  const sigCap: i32 = kt == KEY_ML_DSA_65 ? MLDSA_SIG : 64;
  const sig = heap.alloc(<usize>sigCap);
  const sigLen = signBytes(kt, k, tbs, <i32>(q - tbs), sig);
  let p = cborHead(out, MAJOR_TAG, 18);
  p = cborHead(p, MAJOR_ARRAY, 4);
  p = cborBytes(p, prot, protLen);
  memory.copy(p, unprot, unprotLen); p += unprotLen;
  p = cborBytes(p, payload, payloadLen);
  return cborBytes(p, sig, sigLen);
}

/** The DeviceID key pair of kt, its COSE_Key at key (returns its end) and the UEID at ueid. */
function deviceKey(kt: i32, key: usize, ueid: usize, keyEnd: usize): KeyPair {
  const dev = deriveKey(kt, STATE + CDI0, DEVICE_ID_INFO, true);
  const end = coseKey(kt, key, dev);
  store<usize>(keyEnd, end);
  store<u8>(ueid, 1);
  sha256(key, <i32>(end - key), ueid + 1);
  return dev;
}

/** The Alias CWT of kt at cert (returns its end), signed by dev; ueid filled. */
function aliasCert(kt: i32, dev: KeyPair, ueid: usize, cert: usize): usize {
  const alias = deriveKey(kt, STATE + CDI1, ALIAS_INFO, true);
  // Alias CWT claims in deterministic key order: 8, 256, 263, 273.
  const claims = heap.alloc(256 + alias.pubLen);
  let p = cborHead(claims, MAJOR_MAP, 4);
  p = cborInt(p, 8); p = cborHead(p, MAJOR_MAP, 1); p = cborInt(p, 1); p = coseKey(kt, p, alias);
  alias.wipe();
  p = cborInt(p, 256); p = cborBytes(p, ueid, UEID_BYTES);
  p = cborInt(p, 263); p = cborInt(p, load<u32>(STATE + F_MODE) == 2 ? 0 : 1);   // dbgstat of the DICE mode
  p = cborInt(p, 273); p = measurements(p);
  const empty = heap.alloc(1);
  cborHead(empty, MAJOR_MAP, 0);
  return sign1(kt, cert, dev, empty, 1, claims, <i32>(p - claims));
}

/** Derives and caches the key type's UEID and (Ed25519, P-256) DeviceID COSE_Key and Alias CWT. */
function ensureSlot(kt: i32): void {
  const s = slot(kt);
  if (load<u32>(s + S_READY) != 0) return;
  const keyEnd = heap.alloc(sizeof<usize>());
  if (kt == KEY_ML_DSA_65) {
    deviceKey(kt, heap.alloc(MLDSA_PK + 16), s + S_UEID, keyEnd).wipe();
  } else {
    const dev = deviceKey(kt, s + S_KEY, s + S_UEID, keyEnd);
    store<u32>(s + S_KEYLEN, <u32>(load<usize>(keyEnd) - (s + S_KEY)));
    const certEnd = aliasCert(kt, dev, s + S_UEID, s + S_CERT);
    store<u32>(s + S_CERTLEN, <u32>(certEnd - (s + S_CERT)));
    dev.wipe();
  }
  store<u32>(s + S_READY, 1);
}

function deviceId(kt: i32, out: usize): usize {
  const s = slot(kt);
  let p = cborHead(out, MAJOR_ARRAY, 4);
  p = cborInt(p, kt);
  if (kt == KEY_ML_DSA_65) {
    // Not cached (7.4 KiB): rebuilt, the same bytes every time (deterministic signing).
    const keyEnd = heap.alloc(sizeof<usize>());
    const dev = deviceKey(kt, p, s + S_UEID, keyEnd);
    store<u32>(s + S_READY, 1);
    p = cborBytes(load<usize>(keyEnd), s + S_UEID, UEID_BYTES);
    const end = aliasCert(kt, dev, s + S_UEID, p);
    dev.wipe();
    return end;
  }
  const keyLen = <i32>load<u32>(s + S_KEYLEN), certLen = <i32>load<u32>(s + S_CERTLEN);
  memory.copy(p, s + S_KEY, keyLen); p += keyLen;
  p = cborBytes(p, s + S_UEID, UEID_BYTES);
  memory.copy(p, s + S_CERT, certLen);
  return p + certLen;
}

function evidence(kt: i32, nonce: usize, nonceLen: i32, out: usize): usize {
  const s = slot(kt);
  const claims = heap.alloc(512);
  // Deterministic key order: 10, 256, 263, 265, 267, 270, 271, 273.
  let p = cborHead(claims, MAJOR_MAP, 8);
  p = cborInt(p, 10); p = cborBytes(p, nonce, nonceLen);
  p = cborInt(p, 256); p = cborBytes(p, s + S_UEID, UEID_BYTES);
  p = cborInt(p, 263); p = cborInt(p, debug_enabled() != 0 ? 0 : 1); // dbgstat: enabled / disabled
  p = cborInt(p, 265); p = cborAscii(p, EAT_PROFILE);
  p = cborInt(p, 267); p = cborHead(p, 0, boot_count());
  p = cborInt(p, 270); p = cborAscii(p, SWNAME);
  p = cborInt(p, 271); p = cborHead(p, MAJOR_ARRAY, 1); p = cborAscii(p, AGENT_VERSION);
  p = cborInt(p, 273); p = measurements(p);
  const certLen = kt == KEY_ML_DSA_65 ? 0 : <i32>load<u32>(s + S_CERTLEN);
  const unprot = heap.alloc(4 + KID_BYTES + certLen);
  const alias = deriveKey(kt, STATE + CDI1, ALIAS_INFO, kt == KEY_ML_DSA_65);
  let u = cborHead(unprot, MAJOR_MAP, 1);
  if (kt == KEY_ML_DSA_65) {
    const key = heap.alloc(MLDSA_PK + 16);                             // kid: SHA-256(Alias COSE_Key)
    u = cborInt(u, 4); u = cborHead(u, MAJOR_BYTES, KID_BYTES);
    sha256(key, <i32>(coseKey(kt, key, alias) - key), u); u += KID_BYTES;
  } else {
    u = cborInt(u, 13);
    memory.copy(u, s + S_CERT, certLen); u += certLen;
  }
  const end = sign1(kt, out, alias, unprot, <i32>(u - unprot), claims, <i32>(p - claims));
  alias.wipe();
  return end;
}

/** One device kernel per key type, so that a product agent links only its own key's code
 *  (the input still starts with the key type, which must be the kernel's). */
function run(keyType: i32, op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_DEVICE_ID && op != OP_EVIDENCE) return STATUS_UNKNOWN_OP;
  if (inLen < 1 || <i32>load<u8>(input) != keyType) return STATUS_BAD_INPUT;
  if (op == OP_DEVICE_ID ? inLen != 1 : inLen < 1 + NONCE_MIN || inLen > 1 + NONCE_MAX) return STATUS_BAD_INPUT;
  if (!ensureCdis()) return STATUS_NO_DEVICE_SECRET;
  if (keyType != KEY_ML_DSA_65 || op != OP_DEVICE_ID) ensureSlot(keyType);
  // Built on the heap first: outCap is checked against the exact length.
  const bufCap: i32 = keyType == KEY_ML_DSA_65 ? OUT_BUF : 1024;
  const buf = heap.alloc(<usize>bufCap);
  const end = op == OP_DEVICE_ID ? deviceId(keyType, buf) : evidence(keyType, input + 1, inLen - 1, buf);
  const n = <i32>(end - buf);
  if (n > outCap) return STATUS_OUTPUT_TOO_SMALL;
  memory.copy(output, buf, n);
  return n;
}

/** @kernel attest-ed25519 device-id,evidence */
export function runEd25519(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(KEY_ED25519, op, input, inLen, output, outCap); }
/** @kernel attest-p256 device-id,evidence */
export function runP256(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(KEY_P256, op, input, inLen, output, outCap); }
/** @kernel attest-ml-dsa-65 device-id,evidence */
export function runMlDsa65(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return run(KEY_ML_DSA_65, op, input, inLen, output, outCap); }
