// AES kernels: CTR (SP 800-38A), GCM (SP 800-38D), CCM (SP 800-38C) for each key length,
// checked against node:crypto. Input layouts are documented in wasm/kernels/aes.ts.
import { createCipheriv, type CipherCCMTypes, type CipherGCMTypes } from 'node:crypto';
import { CT_MESSAGE_BYTES, type Case, type KernelSpec, type OpSpec, type Rng, type SecretCases } from './types.ts';
import { concat } from './rng.ts';

/** Message sizes: output (message + tag) must fit the agent's 8 KiB output buffer. */
export const AES_MESSAGE_SIZES = [16, 64, 256, 1024, 4096];
const AAD_BYTES = 16;
/** Heap per op (wasm/kernels/aes.ts): round keys, key words, GHASH key, blocks, CCM header
 *  blocks (aad_len + 22 B), with allocator slack. */
const AES_HEAP_BYTES = 2048;

const u8 = (...b: number[]) => new Uint8Array(b);
const u32le = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };
const u16le = (n: number) => { const b = new Uint8Array(2); new DataView(b.buffer).setUint16(0, n, true); return b; };

/** aes-ctr input: key_len(u8) || key || iv(16) || data. */
export const ctrInput = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) =>
  concat(u8(key.length), key, iv, data);

/** aes-gcm / aes-ccm input: key_len(u8) || tag_len(u8) || nonce_len(u16) || key || nonce || aad_len(u32) || aad || text. */
export const aeadInput = (key: Uint8Array, tagLen: number, nonce: Uint8Array, aad: Uint8Array, text: Uint8Array) =>
  concat(u8(key.length, tagLen), u16le(nonce.length), key, nonce, u32le(aad.length), aad, text);

export function ctrRef(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createCipheriv(`aes-${key.length * 8}-ctr`, key, iv).update(data));
}

/** ciphertext || tag from node:crypto (GCM). */
export function gcmRef(key: Uint8Array, tagLen: number, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const c = createCipheriv(`aes-${key.length * 8}-gcm` as CipherGCMTypes, key, nonce, { authTagLength: tagLen });
  c.setAAD(aad);
  return concat(c.update(pt), c.final(), c.getAuthTag());
}

/** ciphertext || tag from node:crypto (CCM; OpenSSL rejects an empty plaintext). */
export function ccmRef(key: Uint8Array, tagLen: number, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array): Uint8Array {
  const c = createCipheriv(`aes-${key.length * 8}-ccm` as CipherCCMTypes, key, nonce, { authTagLength: tagLen });
  c.setAAD(aad, { plaintextLength: pt.length });
  return concat(c.update(pt), c.final(), c.getAuthTag());
}

type AeadRef = typeof gcmRef;
interface AeadParams { keyBytes: number; tagLen: number; nonceLen: number; aadLen: number; ref: AeadRef }

function aeadCase(p: AeadParams, n: number, rng: Rng) {
  const key = rng.bytes(p.keyBytes), nonce = rng.bytes(p.nonceLen), aad = rng.bytes(p.aadLen), pt = rng.bytes(n);
  const sealed = p.ref(key, p.tagLen, nonce, aad, pt);
  return { key, nonce, aad, pt, sealed };
}

/** Constant-time cases: the key varies, nonce, AAD and plaintext do not. */
const aeadEncryptCt = (p: AeadParams): SecretCases => ({
  secret: 'key', bytes: p.keyBytes,
  make: (key, { pub }) => {
    const nonce = pub.bytes(p.nonceLen), aad = pub.bytes(p.aadLen), pt = pub.bytes(CT_MESSAGE_BYTES);
    return { input: aeadInput(key, p.tagLen, nonce, aad, pt), expected: p.ref(key, p.tagLen, nonce, aad, pt) };
  },
});

/** Decryption of valid and of tampered messages (a different tag byte flipped for each key, so
 *  an early-exit tag compare would stop at a different byte). */
const aeadDecryptCt = (p: AeadParams): SecretCases => ({
  secret: 'key', bytes: p.keyBytes, variants: ['valid', 'tampered'],
  make: (key, { pub, variant, index }) => {
    const nonce = pub.bytes(p.nonceLen), aad = pub.bytes(p.aadLen), pt = pub.bytes(CT_MESSAGE_BYTES);
    const sealed = p.ref(key, p.tagLen, nonce, aad, pt);
    if (variant === 'valid') return { input: aeadInput(key, p.tagLen, nonce, aad, sealed), expected: pt };
    sealed[sealed.length - p.tagLen + (index % p.tagLen)] ^= 0x80;
    return { input: aeadInput(key, p.tagLen, nonce, aad, sealed), expectedStatus: -2 };
  },
});

const aeadOps = (p: AeadParams): OpSpec[] => [
  {
    op: 'encrypt', paramName: 'msg_bytes', params: AES_MESSAGE_SIZES, secret: true, heapBytes: AES_HEAP_BYTES,
    makeCase: (n, rng): Case => {
      const c = aeadCase(p, n, rng);
      return { input: aeadInput(c.key, p.tagLen, c.nonce, c.aad, c.pt), expected: c.sealed };
    },
    ct: aeadEncryptCt(p),
  },
  {
    op: 'decrypt', paramName: 'msg_bytes', params: AES_MESSAGE_SIZES, secret: true, heapBytes: AES_HEAP_BYTES,
    makeCase: (n, rng): Case => {
      const c = aeadCase(p, n, rng);
      return { input: aeadInput(c.key, p.tagLen, c.nonce, c.aad, c.sealed), expected: c.pt };
    },
    ct: aeadDecryptCt(p),
  },
];

/** Decryption of a message whose last tag byte was flipped: must fail with status -2. */
const forgedOp = (p: AeadParams): OpSpec => ({
  op: 'decrypt', paramName: 'msg_bytes', params: AES_MESSAGE_SIZES, secret: true, heapBytes: AES_HEAP_BYTES,
  makeCase: (n, rng): Case => {
    const c = aeadCase(p, n, rng);
    const forged = c.sealed.slice();
    forged[forged.length - 1] ^= 0x01;
    return { input: aeadInput(c.key, p.tagLen, c.nonce, c.aad, forged), expectedStatus: -2 };
  },
  ct: aeadDecryptCt(p),
});

// NIST SP 800-57 Pt 1 Rev 5 Table 2: AES-k gives k bits; Grover halves it.
const strength = (bits: number) => ({ keyBits: bits, securityBits: bits, quantumSecurityBits: bits / 2 });

const ctrKernel = (bits: number): KernelSpec => ({
  id: `aes-${bits}-ctr`, device: 'aes-ctr', algorithm: `AES-${bits}-CTR`, kind: 'cipher',
  standard: 'FIPS 197, SP 800-38A', ...strength(bits),
  ops: [{
    op: 'encrypt', paramName: 'msg_bytes', params: AES_MESSAGE_SIZES, secret: true, heapBytes: AES_HEAP_BYTES,
    makeCase: (n, rng) => {
      const key = rng.bytes(bits / 8), iv = rng.bytes(16), m = rng.bytes(n);
      return { input: ctrInput(key, iv, m), expected: ctrRef(key, iv, m) };
    },
    ct: {
      secret: 'key', bytes: bits / 8,
      make: (key, { pub }) => {
        const iv = pub.bytes(16), m = pub.bytes(CT_MESSAGE_BYTES);
        return { input: ctrInput(key, iv, m), expected: ctrRef(key, iv, m) };
      },
    },
  }],
});

const gcm = (bits: number): AeadParams => ({ keyBytes: bits / 8, tagLen: 16, nonceLen: 12, aadLen: AAD_BYTES, ref: gcmRef });
/** CCM with a 13-byte nonce (BLE, IEEE 802.15.4) and a 16-byte tag. */
const ccm = (bits: number): AeadParams => ({ keyBytes: bits / 8, tagLen: 16, nonceLen: 13, aadLen: AAD_BYTES, ref: ccmRef });
/** BLE link-layer encryption: AES-128-CCM, 13-byte nonce, 4-byte MIC, 1-byte AAD (header). */
const ble: AeadParams = { keyBytes: 16, tagLen: 4, nonceLen: 13, aadLen: 1, ref: ccmRef };

const gcmKernel = (bits: number): KernelSpec => ({
  id: `aes-${bits}-gcm`, device: 'aes-gcm', algorithm: `AES-${bits}-GCM`, kind: 'aead',
  standard: 'FIPS 197, SP 800-38D', ...strength(bits), ops: aeadOps(gcm(bits)),
});
const ccmKernel = (bits: number): KernelSpec => ({
  id: `aes-${bits}-ccm`, device: 'aes-ccm', algorithm: `AES-${bits}-CCM`, kind: 'aead',
  standard: 'FIPS 197, SP 800-38C', ...strength(bits), ops: aeadOps(ccm(bits)),
});

export const aesKernels: KernelSpec[] = [
  ctrKernel(128), ctrKernel(192), ctrKernel(256),
  gcmKernel(128), gcmKernel(192), gcmKernel(256),
  ccmKernel(128), ccmKernel(192), ccmKernel(256),
  {
    id: 'aes-128-ccm-ble', device: 'aes-ccm', algorithm: 'AES-128-CCM (BLE, 4-byte MIC)', kind: 'aead',
    standard: 'FIPS 197, SP 800-38C, Bluetooth Core Vol 6 Part E', ...strength(128), ops: aeadOps(ble),
  },
  {
    id: 'aes-128-gcm-forged', device: 'aes-gcm', algorithm: 'AES-128-GCM (forged tag rejected)', kind: 'aead',
    standard: 'FIPS 197, SP 800-38D', ...strength(128), ops: [forgedOp(gcm(128))],
  },
  {
    id: 'aes-128-ccm-forged', device: 'aes-ccm', algorithm: 'AES-128-CCM (forged tag rejected)', kind: 'aead',
    standard: 'FIPS 197, SP 800-38C', ...strength(128), ops: [forgedOp(ccm(128))],
  },
];
