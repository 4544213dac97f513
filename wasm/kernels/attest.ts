// DICE attestation (TCG DICE Layering Architecture) with EAT evidence (RFC 9711) signed as
// COSE_Sign1 (RFC 9052). Layers, all HMAC/HKDF-SHA-256:
//   CDI_0  = HMAC(UDS, SHA-256(L0_ID))                    L0_ID: this DICE code's identity (constant)
//   M      = SHA-256(firmware image)                      the measurement, read via board.image_read
//   CDI_1  = HMAC(CDI_0, SHA-256(M || mode))              mode: DICE mode, 2 debug / 1 normal
//   DeviceID seed = HKDF-Expand(CDI_0, "capmark DeviceID key" || key_type, 32)
//   Alias seed    = HKDF-Expand(CDI_1, "capmark Alias key" || key_type, 32)
// DeviceID survives firmware updates (enrol it once); the Alias key changes with the image.
// UEID (claim 256) = 0x01 || SHA-256(DeviceID COSE_Key)[0..32] (RFC 9711 §4.2.1 type RAND).
// Ops (key_type 0 = Ed25519, COSE alg -8; others STATUS_BAD_INPUT):
//   device-id: key_type(1) -> [key_type, DeviceID COSE_Key, ueid, Alias CWT]
//     Alias CWT (RFC 8392) = COSE_Sign1 by DeviceID over {8 cnf: {1: Alias COSE_Key}, 256 ueid, 273 measurements}
//   evidence:  key_type(1) || nonce(8..64) -> COSE_Sign1 by Alias, unprotected {13 kcwt: Alias CWT}
//     (RFC 9528 §3.5.3), payload {10 nonce, 256 ueid, 263 dbgstat, 265 eat_profile,
//     267 bootcount, 270 swname, 271 swversion, 273 measurements}
//   measurements = [[60 (application/cbor), bstr .cbor [{1: "firmware", 2: M, 6: "sha-256"}]]]
//   (component maps after the PSA software component, RFC 9783 §4.4.1).
// The UDS is readable once per boot: the first call reads it, derives CDI_0/CDI_1 and caches
// them, the measurement, and per key type the public keys and Alias CWT in static memory
// (STATE, 548 B); private seeds are re-derived per call from the CDIs and zeroized, and no op
// outputs a secret. Constant-time: HMAC/HKDF and Ed25519 signing are (see their files); the
// only branches are on public lengths and cache flags. Heap (measured, heap_used in Node):
// first call after boot 9.3 KiB (image chunk, HMAC contexts, two keygens, one signature),
// then device-id 2.0 KiB and evidence 5.5 KiB (Ed25519 signing, CBOR buffers).

import { uds, image_size, image_read, boot_count, debug_enabled } from "../board";
import { sha256, sha256Init, sha256Update, sha256Final, STATE_BYTES as SHA256_STATE_BYTES } from "./sha256";
import { hmacInit, hmacUpdate, hmacFinal, HMAC_CTX_BYTES, HMAC_SHA256 } from "./hmac";
import { hkdfExpand } from "./hkdf";
import * as ed25519 from "./ed25519";
import { zeroize } from "../lib/bytes";
import { cborHead, cborInt, cborBytes, cborAscii, MAJOR_ARRAY, MAJOR_MAP, MAJOR_TAG, MAJOR_BYTES } from "../lib/cbor";
import { AGENT_VERSION } from "../core/protocol";
import { STATUS_BAD_INPUT, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP, STATUS_NO_DEVICE_SECRET } from "./status";

const OP_DEVICE_ID = 0;
const OP_EVIDENCE = 1;

export const KEY_ED25519: i32 = 0;
const KEY_TYPES = 1;
const COSE_ALG_EDDSA: i32 = -8;

const NONCE_MIN = 8;   // RFC 9711 §4.1: 8 to 64 bytes
const NONCE_MAX = 64;
const CHUNK = 1024;    // image bytes hashed per image_read

const L0_ID = "capmark-dice-l0/1";
const DEVICE_ID_INFO = "capmark DeviceID key";
const ALIAS_INFO = "capmark Alias key";
const EAT_PROFILE = "tag:capmark.dev,2026:eat-dice/1";
const SWNAME = "capmark-agent";

// Static cache (one boot): flags, CDIs, measurement, then one slot per key type.
const F_READY = 0, CDI0 = 4, CDI1 = 36, MEAS = 68, SLOTS = 100;
const S_READY = 0, S_KEYLEN = 4, S_KEY = 8, S_UEID = 88, S_CERTLEN = 124, S_CERT = 128;
const KEY_CAP = 80, CERT_CAP = 320, SLOT_BYTES = S_CERT + CERT_CAP;
const STATE: usize = memory.data(SLOTS + KEY_TYPES * SLOT_BYTES);
const UEID_BYTES = 33;

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

/** Reads the UDS (first call after boot) and caches CDI_0, M and CDI_1. False when the UDS
 *  is gone and nothing was cached (another reader took it, or the board has none). */
function ensureCdis(): bool {
  if (load<u32>(STATE + F_READY) != 0) return true;
  const secret = heap.alloc(32), h = heap.alloc(32), mm = heap.alloc(33);
  if (uds(secret, 32) != 0) return false;
  const id = heap.alloc(L0_ID.length);
  cborAsciiRaw(id, L0_ID);
  sha256(id, L0_ID.length, h);
  hmac32(STATE + CDI0, secret, h, 32);
  zeroize(secret, 32);
  measureImage(STATE + MEAS);
  memory.copy(mm, STATE + MEAS, 32);
  store<u8>(mm + 32, debug_enabled() != 0 ? 2 : 1);
  sha256(mm, 33, h);
  hmac32(STATE + CDI1, STATE + CDI0, h, 32);
  store<u32>(STATE + F_READY, 1);
  return true;
}

function cborAsciiRaw(p: usize, s: string): void {
  for (let i = 0; i < s.length; i++) store<u8>(p + i, <u8>s.charCodeAt(i));
}

/** seed = HKDF-Expand(cdi, label || key_type, 32). */
function deriveSeed(seed: usize, cdi: usize, label: string, keyType: i32): void {
  const n = label.length, info = heap.alloc(n + 1);
  cborAsciiRaw(info, label);
  store<u8>(info + n, <u8>keyType);
  hkdfExpand(HMAC_SHA256, cdi, 32, info, n + 1, seed, 32);
}

/** Public key of seed as a COSE_Key (RFC 9053 §7.2 OKP Ed25519: {1: 1, -1: 6, -2: x}). */
function coseKey(p: usize, seed: usize): usize {
  const x = heap.alloc(32);
  ed25519.run(0, seed, 32, x, 32);
  p = cborHead(p, MAJOR_MAP, 3);
  p = cborInt(p, 1); p = cborInt(p, 1);
  p = cborInt(p, -1); p = cborInt(p, 6);
  p = cborInt(p, -2);
  return cborBytes(p, x, 32);
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

/** Tagged COSE_Sign1 (RFC 9052 §4.2) of payload under seed, with protected {1: alg} and the
 *  pre-encoded unprotected header map. The signature covers Sig_structure (§4.4)
 *  ["Signature1", protected, h'', payload]. */
function sign1(out: usize, seed: usize, unprot: usize, unprotLen: i32, payload: usize, payloadLen: i32): usize {
  const prot = heap.alloc(4);
  let q = cborHead(prot, MAJOR_MAP, 1);
  q = cborInt(q, 1); q = cborInt(q, COSE_ALG_EDDSA);
  const protLen = <i32>(q - prot);
  const msg = heap.alloc(32 + 32 + protLen + payloadLen);
  memory.copy(msg, seed, 32);
  q = cborHead(msg + 32, MAJOR_ARRAY, 4);
  q = cborAscii(q, "Signature1");
  q = cborBytes(q, prot, protLen);
  q = cborHead(q, MAJOR_BYTES, 0);
  q = cborBytes(q, payload, payloadLen);
  const sig = heap.alloc(64);
  ed25519.run(1, msg, <i32>(q - msg), sig, 64);
  zeroize(msg, 32);
  let p = cborHead(out, MAJOR_TAG, 18);
  p = cborHead(p, MAJOR_ARRAY, 4);
  p = cborBytes(p, prot, protLen);
  memory.copy(p, unprot, unprotLen); p += unprotLen;
  p = cborBytes(p, payload, payloadLen);
  return cborBytes(p, sig, 64);
}

/** Derives and caches the key type's DeviceID COSE_Key, UEID and Alias CWT. */
function ensureSlot(keyType: i32): void {
  const s = slot(keyType);
  if (load<u32>(s + S_READY) != 0) return;
  const devSeed = heap.alloc(32), aliasSeed = heap.alloc(32);
  deriveSeed(devSeed, STATE + CDI0, DEVICE_ID_INFO, keyType);
  deriveSeed(aliasSeed, STATE + CDI1, ALIAS_INFO, keyType);
  const keyEnd = coseKey(s + S_KEY, devSeed);
  store<u32>(s + S_KEYLEN, <u32>(keyEnd - (s + S_KEY)));
  const h = heap.alloc(32);
  sha256(s + S_KEY, <i32>(keyEnd - (s + S_KEY)), h);
  store<u8>(s + S_UEID, 1);
  memory.copy(s + S_UEID + 1, h, 32);
  // Alias CWT claims in deterministic key order: 8, 256, 273.
  const claims = heap.alloc(256);
  let p = cborHead(claims, MAJOR_MAP, 3);
  p = cborInt(p, 8); p = cborHead(p, MAJOR_MAP, 1); p = cborInt(p, 1); p = coseKey(p, aliasSeed);
  p = cborInt(p, 256); p = cborBytes(p, s + S_UEID, UEID_BYTES);
  p = cborInt(p, 273); p = measurements(p);
  const empty = heap.alloc(1);
  cborHead(empty, MAJOR_MAP, 0);
  const certEnd = sign1(s + S_CERT, devSeed, empty, 1, claims, <i32>(p - claims));
  store<u32>(s + S_CERTLEN, <u32>(certEnd - (s + S_CERT)));
  zeroize(devSeed, 32); zeroize(aliasSeed, 32);
  store<u32>(s + S_READY, 1);
}

function deviceId(keyType: i32, out: usize): usize {
  const s = slot(keyType);
  let p = cborHead(out, MAJOR_ARRAY, 4);
  p = cborInt(p, keyType);
  const keyLen = <i32>load<u32>(s + S_KEYLEN), certLen = <i32>load<u32>(s + S_CERTLEN);
  memory.copy(p, s + S_KEY, keyLen); p += keyLen;
  p = cborBytes(p, s + S_UEID, UEID_BYTES);
  memory.copy(p, s + S_CERT, certLen);
  return p + certLen;
}

function evidence(keyType: i32, nonce: usize, nonceLen: i32, out: usize): usize {
  const s = slot(keyType);
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
  const certLen = <i32>load<u32>(s + S_CERTLEN);
  const unprot = heap.alloc(4 + certLen);
  let u = cborHead(unprot, MAJOR_MAP, 1);
  u = cborInt(u, 13);
  memory.copy(u, s + S_CERT, certLen); u += certLen;
  const aliasSeed = heap.alloc(32);
  deriveSeed(aliasSeed, STATE + CDI1, ALIAS_INFO, keyType);
  const end = sign1(out, aliasSeed, unprot, <i32>(u - unprot), claims, <i32>(p - claims));
  zeroize(aliasSeed, 32);
  return end;
}

/** Kernel entry (ops and layouts in the header). */
export function run(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_DEVICE_ID && op != OP_EVIDENCE) return STATUS_UNKNOWN_OP;
  if (inLen < 1) return STATUS_BAD_INPUT;
  const keyType = <i32>load<u8>(input);
  if (keyType >= KEY_TYPES) return STATUS_BAD_INPUT;
  if (op == OP_DEVICE_ID ? inLen != 1 : inLen < 1 + NONCE_MIN || inLen > 1 + NONCE_MAX) return STATUS_BAD_INPUT;
  if (!ensureCdis()) return STATUS_NO_DEVICE_SECRET;
  ensureSlot(keyType);
  // Built on the heap first: outCap is checked against the exact length.
  const buf = heap.alloc(2048);
  const end = op == OP_DEVICE_ID ? deviceId(keyType, buf) : evidence(keyType, input + 1, inLen - 1, buf);
  const n = <i32>(end - buf);
  if (n > outCap) return STATUS_OUTPUT_TOO_SMALL;
  memory.copy(output, buf, n);
  return n;
}
