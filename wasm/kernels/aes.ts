// AES-CTR (SP 800-38A §6.5), AES-GCM (SP 800-38D) and AES-CCM/CCM* (SP 800-38C, RFC 3610,
// IEEE 802.15.4, BLE) for 128/192/256-bit keys, on the bitsliced cipher in wasm/lib/aes.ts.
//
// Constant time: the cipher is bitsliced (no tables, no secret branches; lib/aes.ts), GHASH
// uses masked 32-bit integer multiplies (lib/ghash.ts), tags are compared with ctEqual and a
// failed decryption zeroizes its output. Branches depend only on lengths and parameters.
// Measured cost (capmark profile, mps2-an386 Cortex-M4, exact-emulated instruction counts,
// wasm2c bounds=mask, 16 B aad), instructions/byte at 4 KiB: AES-128 CTR 108, GCM 189
// (CTR + ~80 GHASH), CCM 222 (the CBC-MAC and CTR lanes share each two-block cipher call,
// one call per 16 bytes); AES-192 CTR 126, GCM 207; AES-256 CTR 146, GCM 228, CCM ~300.
// Round keys are expanded once per call (~8 000 instructions for AES-128), which dominates
// short messages: 16-byte CTR ~15 800, GCM ~24 700, BLE CCM ~23 500 instructions.
// Heap working set: about 1 KiB, plus aad_len for CCM (480 B round keys, 240 B key words,
// 72 B GHASH key, 32 B blocks, CCM header blocks = aad_len + 22 B rounded up to 16).
//
// Ops and input layouts (integers little-endian):
//   aes-ctr encrypt: key_len(u8: 16|24|32) || key || iv(16) || data -> data XOR keystream
//                    (the whole 16-byte counter block is incremented, big-endian, mod 2^128)
//   aes-gcm encrypt: key_len(u8) || tag_len(u8: 4|8|12..16) || nonce_len(u16, >= 1) || key ||
//                    nonce || aad_len(u32) || aad || plaintext -> ciphertext || tag
//   aes-gcm decrypt: same header || aad || ciphertext || tag -> plaintext, or
//                    STATUS_AUTH_FAILED with the output zeroized
//   aes-ccm encrypt/decrypt: the same layout as GCM with tag_len 4|6|..|16 and nonce_len
//                    7..13 (BLE: 13-byte nonce, 4-byte tag; 802.15.4 CCM*: 13, 4|8|16).

import { aesExpandKey, aesEncrypt2, SK_BYTES } from "../lib/aes";
import { ghashKey, ghashUpdate, GHASH_KEY_BYTES } from "../lib/ghash";
import { ctEqual, zeroize } from "../lib/bytes";
import { STATUS_BAD_INPUT, STATUS_AUTH_FAILED, STATUS_OUTPUT_TOO_SMALL, STATUS_UNKNOWN_OP } from "./status";

const OP_ENCRYPT = 0;
const OP_DECRYPT = 1;

/** Round keys plus the 32-byte two-block buffer, allocated on the kernel heap. */
class Cipher { sk: usize = 0; blk: usize = 0; nr: i32 = 0; }

/** Wipes the round keys and the last keystream/MAC blocks. */
function wipe(c: Cipher): void { zeroize(c.sk, SK_BYTES); zeroize(c.blk, 32); }

function setupCipher(key: usize, keyLen: i32): Cipher | null {
  const c = new Cipher();
  c.sk = heap.alloc(SK_BYTES);
  c.blk = heap.alloc(32);
  c.nr = aesExpandKey(key, keyLen, c.sk, c.blk);
  return c.nr == 0 ? null : c;
}

/** XORs n <= 32 bytes of keystream ks into src -> dst. */
// @ts-ignore: decorator
@inline function xorInto(dst: usize, src: usize, ks: usize, n: i32): void {
  if (n == 32) {
    for (let j: usize = 0; j < 32; j += 4) store<u32>(dst + j, load<u32>(src + j) ^ load<u32>(ks + j));
  } else {
    for (let j = 0; j < n; j++) store<u8>(dst + j, load<u8>(src + j) ^ load<u8>(ks + j));
  }
}

/**
 * CTR keystream over len bytes src -> dst from the counter block at ctr (16 bytes, updated).
 * full: increment all 128 bits (SP 800-38A B.1); else only the last 32 (GCM inc32).
 */
function ctrXor(c: Cipher, ctr: usize, src: usize, dst: usize, len: i32, full: bool): void {
  const blk = c.blk;
  // The first 12 counter bytes change only on a carry out of the last word: keep them as
  // stored. Counters come from the public IV/nonce, so the carry branch leaks nothing secret.
  let b0 = load<u32>(ctr, 0), b1 = load<u32>(ctr, 4), b2 = load<u32>(ctr, 8);
  let w3 = bswap<u32>(load<u32>(ctr, 12));
  while (len > 0) {
    for (let half: usize = 0; half < 32; half += 16) {
      store<u32>(blk + half, b0, 0); store<u32>(blk + half, b1, 4);
      store<u32>(blk + half, b2, 8); store<u32>(blk + half, bswap<u32>(w3), 12);
      w3 += 1;
      if (full && w3 == 0) {
        let w2 = bswap<u32>(b2) + 1, w1 = bswap<u32>(b1), w0 = bswap<u32>(b0);
        if (w2 == 0) { w1 += 1; if (w1 == 0) w0 += 1; }
        b0 = bswap<u32>(w0); b1 = bswap<u32>(w1); b2 = bswap<u32>(w2);
      }
    }
    aesEncrypt2(blk, c.sk, c.nr);
    const n = min(len, 32);
    xorInto(dst, src, blk, n);
    src += n; dst += n; len -= n;
  }
  store<u32>(ctr, b0, 0); store<u32>(ctr, b1, 4); store<u32>(ctr, b2, 8); store<u32>(ctr, bswap<u32>(w3), 12);
}

/** aes-ctr.
 *  @kernel aes-ctr encrypt */
export function runCtr(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_ENCRYPT) return STATUS_UNKNOWN_OP;
  if (inLen < 1) return STATUS_BAD_INPUT;
  const keyLen = <i32>load<u8>(input);
  if (inLen < 1 + keyLen + 16) return STATUS_BAD_INPUT;
  const c = setupCipher(input + 1, keyLen);
  if (c == null) return STATUS_BAD_INPUT;
  const len = inLen - 1 - keyLen - 16;
  if (len > outCap) return STATUS_OUTPUT_TOO_SMALL;
  const ctr = heap.alloc(16);
  memory.copy(ctr, input + 1 + keyLen, 16);
  ctrXor(c, ctr, input + 1 + keyLen + 16, output, len, true);
  wipe(c);
  return len;
}

/** The parsed AEAD header shared by GCM and CCM. */
class Aead {
  key: usize = 0; keyLen: i32 = 0; tagLen: i32 = 0;
  nonce: usize = 0; nonceLen: i32 = 0;
  aad: usize = 0; aadLen: i32 = 0;
  text: usize = 0; textLen: i32 = 0; tag: usize = 0;
}

/** Parses key_len || tag_len || nonce_len || key || nonce || aad_len || aad || text [|| tag]. */
function parseAead(op: i32, input: usize, inLen: i32): Aead | null {
  if (inLen < 4) return null;
  const a = new Aead();
  a.keyLen = <i32>load<u8>(input);
  a.tagLen = <i32>load<u8>(input, 1);
  a.nonceLen = <i32>load<u16>(input, 2);
  a.key = input + 4;
  a.nonce = a.key + a.keyLen;
  let at = 4 + a.keyLen + a.nonceLen;
  if (inLen < at + 4) return null;
  const aadLen = load<u32>(input + at);
  at += 4;
  if (aadLen > <u32>(inLen - at)) return null;
  a.aadLen = <i32>aadLen;
  a.aad = input + at;
  at += a.aadLen;
  a.text = input + at;
  a.textLen = inLen - at;
  if (op == OP_DECRYPT) {
    if (a.textLen < a.tagLen) return null;
    a.textLen -= a.tagLen;
    a.tag = a.text + a.textLen;
  }
  return a;
}

/** Ends an AEAD decryption: constant-time tag check, zeroized output on failure. */
function finishDecrypt(a: Aead, computed: usize, output: usize): i32 {
  if (!ctEqual(computed, a.tag, a.tagLen)) {
    zeroize(output, a.textLen);
    return STATUS_AUTH_FAILED;
  }
  return a.textLen;
}

/** aes-gcm (SP 800-38D §7.1/§7.2).
 *  @kernel aes-gcm encrypt,decrypt */
export function runGcm(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_ENCRYPT && op != OP_DECRYPT) return STATUS_UNKNOWN_OP;
  const a = parseAead(op, input, inLen);
  if (a == null) return STATUS_BAD_INPUT;
  const t = a.tagLen;
  if (!(t == 4 || t == 8 || (t >= 12 && t <= 16)) || a.nonceLen < 1) return STATUS_BAD_INPUT;
  const c = setupCipher(a.key, a.keyLen);
  if (c == null) return STATUS_BAD_INPUT;
  const outLen = op == OP_ENCRYPT ? a.textLen + t : a.textLen;
  if (outLen > outCap) return STATUS_OUTPUT_TOO_SMALL;

  // H = E(0^128) in lane A; with a 96-bit nonce, E(J0) comes from lane B of the same call.
  const blk = c.blk;
  const j0 = heap.alloc(16), ekj0 = heap.alloc(16), hk = heap.alloc(GHASH_KEY_BYTES);
  const y = heap.alloc(16), lens = heap.alloc(16);
  memory.fill(blk, 0, 32);
  if (a.nonceLen == 12) {
    memory.copy(j0, a.nonce, 12);
    store<u32>(j0, bswap<u32>(1), 12);
    memory.copy(blk + 16, j0, 16);
  }
  aesEncrypt2(blk, c.sk, c.nr);
  ghashKey(blk, hk);
  if (a.nonceLen != 12) {
    // J0 = GHASH(IV || 0^(s+64) || [len(IV)]_64).
    memory.fill(j0, 0, 16);
    ghashUpdate(j0, hk, a.nonce, a.nonceLen);
    memory.fill(lens, 0, 16);
    store<u32>(lens, bswap<u32>(<u32>a.nonceLen << 3), 12);
    ghashUpdate(j0, hk, lens, 16);
    memory.copy(blk + 16, j0, 16);
    aesEncrypt2(blk, c.sk, c.nr);
  }
  memory.copy(ekj0, blk + 16, 16);

  // Ciphertext is the input when decrypting and the output when encrypting.
  const ct = op == OP_ENCRYPT ? output : a.text;
  const ctr = j0;
  store<u32>(ctr, bswap<u32>(bswap<u32>(load<u32>(ctr, 12)) + 1), 12);
  ctrXor(c, ctr, a.text, output, a.textLen, false);

  memory.fill(y, 0, 16);
  ghashUpdate(y, hk, a.aad, a.aadLen);
  ghashUpdate(y, hk, ct, a.textLen);
  memory.fill(lens, 0, 16);
  store<u32>(lens, bswap<u32>(<u32>a.aadLen >>> 29), 0);
  store<u32>(lens, bswap<u32>(<u32>a.aadLen << 3), 4);
  store<u32>(lens, bswap<u32>(<u32>a.textLen >>> 29), 8);
  store<u32>(lens, bswap<u32>(<u32>a.textLen << 3), 12);
  ghashUpdate(y, hk, lens, 16);
  for (let i = 0; i < 16; i++) store<u8>(y + i, load<u8>(y + i) ^ load<u8>(ekj0 + i));

  wipe(c);
  zeroize(hk, GHASH_KEY_BYTES);
  if (op == OP_ENCRYPT) {
    memory.copy(output + a.textLen, y, t);
    return outLen;
  }
  return finishDecrypt(a, y, output);
}

/** aes-ccm (SP 800-38C §6, RFC 3610 §2; CCM* as used by IEEE 802.15.4 with tag_len >= 4).
 *  @kernel aes-ccm encrypt,decrypt */
export function runCcm(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 {
  if (op != OP_ENCRYPT && op != OP_DECRYPT) return STATUS_UNKNOWN_OP;
  const a = parseAead(op, input, inLen);
  if (a == null) return STATUS_BAD_INPUT;
  const t = a.tagLen, n = a.nonceLen, q = 15 - n;
  if (t < 4 || t > 16 || (t & 1) != 0 || n < 7 || n > 13) return STATUS_BAD_INPUT;
  const c = setupCipher(a.key, a.keyLen);
  if (c == null) return STATUS_BAD_INPUT;
  const outLen = op == OP_ENCRYPT ? a.textLen + t : a.textLen;
  if (outLen > outCap) return STATUS_OUTPUT_TOO_SMALL;

  // The message length must fit the q-byte length field (§A.1): q = 2 allows < 64 KiB.
  if (q < 4 && (<u32>a.textLen >>> (<u32>q << 3)) != 0) return STATUS_BAD_INPUT;

  // Header blocks: B0 || encoded aad length || aad, zero-padded to whole blocks (§A.2).
  const aadHdr = a.aadLen == 0 ? 0 : (a.aadLen < 0xFF00 ? 2 : 6);
  const hdrLen = (16 + aadHdr + a.aadLen + 15) & ~15;
  const hdr = heap.alloc(<usize>hdrLen);
  memory.fill(hdr, 0, hdrLen);
  store<u8>(hdr, <u8>((a.aadLen > 0 ? 0x40 : 0) | (((t - 2) >> 1) << 3) | (q - 1)));
  memory.copy(hdr + 1, a.nonce, n);
  for (let i = 0; i < q && i < 4; i++) store<u8>(hdr + 15 - i, <u8>(a.textLen >>> (i << 3)));
  if (aadHdr == 2) {
    store<u8>(hdr, <u8>(a.aadLen >>> 8), 16); store<u8>(hdr, <u8>a.aadLen, 17);
  } else if (aadHdr == 6) {
    store<u8>(hdr, 0xFF, 16); store<u8>(hdr, 0xFE, 17);
    store<u32>(hdr + 18, bswap<u32>(<u32>a.aadLen));
  }
  memory.copy(hdr + 16 + aadHdr, a.aad, a.aadLen);

  // Counter block A_i = (q-1) || nonce || [i]_q; the index lives in the last 4 bytes.
  const ctr = heap.alloc(16), s0 = heap.alloc(16), pad = heap.alloc(16);
  memory.fill(ctr, 0, 16);
  store<u8>(ctr, <u8>(q - 1));
  memory.copy(ctr + 1, a.nonce, n);

  // MAC step j (lane A) absorbs block B_j; lane B makes keystream S_k with k = j - h + 1,
  // so that when decrypting, plaintext block k is known before MAC step h + k needs it.
  const h = hdrLen >> 4, m = (a.textLen + 15) >> 4;
  const blk = c.blk;
  memory.fill(blk, 0, 16); // the MAC chaining value X_0 = 0
  const pt = op == OP_ENCRYPT ? a.text : output;
  for (let j = 1; j <= h + m; j++) {
    let bj: usize;
    if (j <= h) bj = hdr + (<usize>(j - 1) << 4);
    else {
      const off = (j - h - 1) << 4, nb = min(16, a.textLen - off);
      bj = pt + off;
      if (nb < 16) { // the last partial block, zero-padded
        memory.fill(pad, 0, 16);
        memory.copy(pad, bj, nb);
        bj = pad;
      }
    }
    for (let i: usize = 0; i < 16; i += 4) store<u32>(blk + i, load<u32>(blk + i) ^ load<u32>(bj + i));
    const k = j - h + 1;
    if (k >= 0 && k <= m) {
      store<u16>(ctr + 14, bswap<u16>(<u16>k)); // k < 2^16: bytes 12..13 may be nonce (q = 2)
      memory.copy(blk + 16, ctr, 16);
    }
    aesEncrypt2(blk, c.sk, c.nr);
    if (k == 0) memory.copy(s0, blk + 16, 16);
    else if (k >= 1 && k <= m) {
      const off = (k - 1) << 4, nb = min(16, a.textLen - off);
      const src = a.text + off, dst = output + off;
      if (nb == 16) {
        for (let i: usize = 0; i < 16; i += 4) store<u32>(dst + i, load<u32>(src + i) ^ load<u32>(blk + 16 + i));
      } else {
        for (let i = 0; i < nb; i++) store<u8>(dst + i, load<u8>(src + i) ^ load<u8>(blk + 16 + i));
      }
    }
  }
  const mac = heap.alloc(16);
  memory.copy(mac, blk, 16);
  if (h == 1) { // no aad: there was no MAC step h - 1 to pair S_0 with
    store<u16>(ctr + 14, 0);
    memory.copy(blk + 16, ctr, 16);
    aesEncrypt2(blk, c.sk, c.nr);
    memory.copy(s0, blk + 16, 16);
  }
  for (let i = 0; i < 16; i++) store<u8>(s0 + i, load<u8>(s0 + i) ^ load<u8>(mac + i));
  wipe(c);
  if (op == OP_ENCRYPT) {
    memory.copy(output + a.textLen, s0, t);
    return outLen;
  }
  return finishDecrypt(a, s0, output);
}
