// Stream ciphers, one-time MAC and lightweight AEAD/hash: ChaCha20, Poly1305,
// ChaCha20-Poly1305 (RFC 8439), Ascon-AEAD128 and Ascon-Hash256 (NIST SP 800-232).
// Expected outputs: node:crypto (chacha20, chacha20-poly1305), @noble/ciphers (poly1305).
// Neither has Ascon (checked: @noble/ciphers 2.4.0 ships no ascon module), so Ascon cases
// use ascon-reference.ts, a separate spec-literal implementation that the tests check
// against the ascon-c KATs and Wycheproof first.
import { createCipheriv } from 'node:crypto';
import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { CT_MESSAGE_BYTES, type Case, type KernelSpec, type OpSpec, type Rng } from './types.ts';
import { concat } from './rng.ts';
import { MESSAGE_SIZES } from './hashes.ts';
import { asconAead128Encrypt, asconHash256 } from './ascon-reference.ts';

/** Sizes whose output (message plus tag) fits the agent's 8 KiB output buffer. */
const CIPHER_SIZES = MESSAGE_SIZES.filter((n) => n + 16 <= 8192);
const AAD_BYTES = 16;
const TAMPERED_BYTES = 1024;
const AUTH_FAILED = -2;

const u32le = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };

export function chacha20Reference(key: Uint8Array, nonce: Uint8Array, counter: number, data: Uint8Array): Uint8Array {
  // node's 'chacha20' takes a 16-byte IV: the 32-bit block counter (LE), then the 96-bit nonce.
  const c = createCipheriv('chacha20', key, concat(u32le(counter), nonce));
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

export function chacha20Poly1305Reference(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const c = createCipheriv('chacha20-poly1305', key, nonce, { authTagLength: 16 });
  c.setAAD(aad, { plaintextLength: pt.length });
  return new Uint8Array(Buffer.concat([c.update(pt), c.final(), c.getAuthTag()]));
}

interface AeadShape {
  keyBytes: number; nonceBytes: number;
  /** Kernel heap per call, from the kernel file header. */
  heapBytes: number;
  encrypt(key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array;
}

const aeadInput = (key: Uint8Array, nonce: Uint8Array, aad: Uint8Array, text: Uint8Array) =>
  concat(key, nonce, u32le(aad.length), aad, text);

/** encrypt, decrypt (valid) and a decrypt of a forged message (one tag bit flipped). */
function aeadOps(a: AeadShape): OpSpec[] {
  const parts = (n: number, rng: Rng) =>
    ({ key: rng.bytes(a.keyBytes), nonce: rng.bytes(a.nonceBytes), aad: rng.bytes(AAD_BYTES), pt: rng.bytes(n) });
  /** Constant-time cases: the key varies; nonce, AAD and plaintext come from `pub`. */
  const publicParts = (pub: Rng) => ({ nonce: pub.bytes(a.nonceBytes), aad: pub.bytes(AAD_BYTES), pt: pub.bytes(CT_MESSAGE_BYTES) });
  return [
    {
      op: 'encrypt', paramName: 'msg_bytes', params: CIPHER_SIZES, secret: true, heapBytes: a.heapBytes,
      makeCase: (n, rng): Case => {
        const { key, nonce, aad, pt } = parts(n, rng);
        return { input: aeadInput(key, nonce, aad, pt), expected: a.encrypt(key, nonce, aad, pt) };
      },
      ct: {
        secret: 'key', bytes: a.keyBytes,
        make: (key, { pub }) => {
          const { nonce, aad, pt } = publicParts(pub);
          return { input: aeadInput(key, nonce, aad, pt), expected: a.encrypt(key, nonce, aad, pt) };
        },
      },
    },
    {
      op: 'decrypt', paramName: 'msg_bytes', params: CIPHER_SIZES, secret: true, heapBytes: a.heapBytes,
      makeCase: (n, rng): Case => {
        const { key, nonce, aad, pt } = parts(n, rng);
        return { input: aeadInput(key, nonce, aad, a.encrypt(key, nonce, aad, pt)), expected: pt };
      },
      // Valid and tampered messages; each key gets a different tag byte flipped, so an
      // early-exit tag compare would stop at a different byte.
      ct: {
        secret: 'key', bytes: a.keyBytes, variants: ['valid', 'tampered'],
        make: (key, { pub, variant, index }) => {
          const { nonce, aad, pt } = publicParts(pub);
          const ct = a.encrypt(key, nonce, aad, pt);
          if (variant === 'valid') return { input: aeadInput(key, nonce, aad, ct), expected: pt };
          ct[ct.length - 16 + (index % 16)] ^= 0x80;
          return { input: aeadInput(key, nonce, aad, ct), expectedStatus: AUTH_FAILED };
        },
      },
    },
    {
      // The cost of rejecting a forgery (1 KiB message): must fail with STATUS_AUTH_FAILED.
      op: 'decrypt', paramName: 'none', params: [0], variants: { 0: 'forged tag, 1 KiB' }, secret: true, heapBytes: a.heapBytes,
      makeCase: (_n, rng): Case => {
        const { key, nonce, aad, pt } = parts(TAMPERED_BYTES, rng);
        const ct = a.encrypt(key, nonce, aad, pt);
        ct[ct.length - 1 - rng.int(16)] ^= 1 << rng.int(8);
        return { input: aeadInput(key, nonce, aad, ct), expectedStatus: AUTH_FAILED };
      },
    },
  ];
}

export const arxKernels: KernelSpec[] = [
  {
    // 256-bit key: 256 bits classical (SP 800-57 Pt 1 Rev 5 §5.6.1 rates symmetric
    // strength by key search), halved by Grover.
    id: 'chacha20', device: 'chacha20', algorithm: 'ChaCha20', kind: 'cipher', standard: 'RFC 8439',
    securityBits: 256, quantumSecurityBits: 128, keyBits: 256,
    ops: [{
      op: 'encrypt', paramName: 'msg_bytes', params: CIPHER_SIZES, secret: true, heapBytes: 64,
      makeCase: (n, rng) => {
        const key = rng.bytes(32), nonce = rng.bytes(12), data = rng.bytes(n);
        const counter = rng.int(0x7fffffff); // far from the 2^32 wrap, where node carries into the nonce
        return { input: concat(key, nonce, u32le(counter), data), expected: chacha20Reference(key, nonce, counter, data) };
      },
      ct: {
        secret: 'key', bytes: 32,
        make: (key, { pub }) => {
          const nonce = pub.bytes(12), data = pub.bytes(CT_MESSAGE_BYTES);
          return { input: concat(key, nonce, u32le(1), data), expected: chacha20Reference(key, nonce, 1, data) };
        },
      },
    }],
  },
  {
    // One-time MAC: forgery probability <= 8*ceil(L/16)/2^106 per attempt (RFC 8439 §4),
    // i.e. ~2^-93 for 16 KiB messages; no key search applies. Listed at its 128-bit tag
    // strength with Grover halving, as the registry does for symmetric primitives; the
    // forgery bound, not key search, is the real limit. For the lead to confirm.
    id: 'poly1305', device: 'poly1305', algorithm: 'Poly1305', kind: 'mac', standard: 'RFC 8439',
    securityBits: 128, quantumSecurityBits: 64, keyBits: 256,
    ops: [{
      op: 'mac', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: true, heapBytes: 72,
      makeCase: (n, rng) => {
        const key = rng.bytes(32), msg = rng.bytes(n);
        return { input: concat(key, msg), expected: poly1305(msg, key) };
      },
      ct: {
        secret: 'one-time key', bytes: 32,
        make: (key, { pub }) => { const msg = pub.bytes(CT_MESSAGE_BYTES); return { input: concat(key, msg), expected: poly1305(msg, key) }; },
      },
    }],
  },
  {
    // Confidentiality at the ChaCha20 key strength; authenticity per Poly1305 above.
    id: 'chacha20-poly1305', device: 'chacha20-poly1305', algorithm: 'ChaCha20-Poly1305', kind: 'aead',
    standard: 'RFC 8439', securityBits: 256, quantumSecurityBits: 128, keyBits: 256,
    ops: aeadOps({ keyBytes: 32, nonceBytes: 12, heapBytes: 200, encrypt: chacha20Poly1305Reference }),
  },
  {
    // SP 800-232 §4: 128-bit security (key size); Grover halves it.
    id: 'ascon-aead128', device: 'ascon-aead128', algorithm: 'Ascon-AEAD128', kind: 'aead',
    standard: 'NIST SP 800-232', securityBits: 128, quantumSecurityBits: 64, keyBits: 128,
    ops: aeadOps({ keyBytes: 16, nonceBytes: 16, heapBytes: 72, encrypt: asconAead128Encrypt }),
  },
  {
    // SP 800-232 §5: 128-bit security for collision and (second) preimage (256-bit capacity).
    // Quantum: Grover halving of that generic sponge bound, conservatively (SHA-256 is
    // listed at 128 because its preimage bound is 256 bits).
    id: 'ascon-hash256', device: 'ascon-hash256', algorithm: 'Ascon-Hash256', kind: 'hash',
    standard: 'NIST SP 800-232', securityBits: 128, quantumSecurityBits: 64,
    ops: [{
      op: 'hash', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: false, heapBytes: 56,
      makeCase: (n, rng) => { const m = rng.bytes(n); return { input: m, expected: asconHash256(m) }; },
    }],
  },
];
