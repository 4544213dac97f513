// MAC and KDF kernels: HMAC (FIPS 198-1) and HKDF (RFC 5869), checked against node:crypto.
// Strength: min(key bits, the SP 800-57 Pt 1 Rev 5 Table 3 strength of HMAC/KDF with that
// hash, >= 256 for SHA-256 and longer, counted as 256). HMAC's strength rests on its PRF
// property, not on collisions, so the hash's collision strength does not cap it. Quantum: Grover
// searches the key, halving the key bits: min(key bits / 2, 256).
import { createHmac, hkdfSync } from 'node:crypto';
import { CT_MESSAGE_BYTES, type KernelSpec, type OpSpec } from './types.ts';
import { concat } from './rng.ts';
import { MESSAGE_SIZES } from './hashes.ts';

const u32le = (n: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true); return b; };

const TABLE3_HMAC_BITS = 256;
/** Kernel heap (wasm/kernels/hmac.ts, hkdf.ts headers), rounded up for block headers. */
const HMAC_HEAP_BYTES = 640;
const HKDF_HEAP_BYTES = 1536;
const strength = (keyBytes: number) => Math.min(8 * keyBytes, TABLE3_HMAC_BITS);
const quantumStrength = (keyBytes: number) => Math.min(4 * keyBytes, TABLE3_HMAC_BITS);

/** HMAC op (input key_len u32 LE || key || message), keyed with a digest-sized key. */
const hmacOp = (algo: string, keyBytes: number): OpSpec => {
  const hmacCase = (key: Uint8Array, m: Uint8Array) =>
    ({ input: concat(u32le(keyBytes), key, m), expected: new Uint8Array(createHmac(algo, key).update(m).digest()) });
  return {
    op: 'mac', paramName: 'msg_bytes', params: MESSAGE_SIZES, secret: true, heapBytes: HMAC_HEAP_BYTES,
    makeCase: (n, rng) => hmacCase(rng.bytes(keyBytes), rng.bytes(n)),
    ct: { secret: 'key', bytes: keyBytes, make: (key, { pub }) => hmacCase(key, pub.bytes(CT_MESSAGE_BYTES)) },
  };
};

const hmac = (algo: string, digestBytes: number): KernelSpec => ({
  id: `hmac-${algo}`, device: `hmac-${algo}`, algorithm: `HMAC-${algo.toUpperCase()}`, kind: 'mac',
  standard: 'FIPS 198-1', keyBits: 8 * digestBytes,
  securityBits: strength(digestBytes), quantumSecurityBits: quantumStrength(digestBytes),
  ops: [hmacOp(algo, digestBytes)],
});

/** The HKDF case measured: a digest-sized IKM and salt, a 16-byte info, one 32-byte key out. */
const HKDF_INFO_BYTES = 16;
const HKDF_OUT_BYTES = 32;

const hkdfOp = (algo: string, ikmBytes: number): OpSpec => {
  const hkdfCase = (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array) => ({
    input: concat(u32le(ikm.length), u32le(salt.length), u32le(info.length), u32le(HKDF_OUT_BYTES), ikm, salt, info),
    expected: new Uint8Array(hkdfSync(algo, ikm, salt, info, HKDF_OUT_BYTES)),
  });
  return {
    op: 'derive', paramName: 'none', params: [0], secret: true, heapBytes: HKDF_HEAP_BYTES,
    makeCase: (_p, rng) => hkdfCase(rng.bytes(ikmBytes), rng.bytes(ikmBytes), rng.bytes(HKDF_INFO_BYTES)),
    ct: { secret: 'input key material', bytes: ikmBytes, make: (ikm, { pub }) => hkdfCase(ikm, pub.bytes(ikmBytes), pub.bytes(HKDF_INFO_BYTES)) },
  };
};

const hkdf = (algo: string, digestBytes: number): KernelSpec => ({
  id: `hkdf-${algo}`, device: `hkdf-${algo}`, algorithm: `HKDF-${algo.toUpperCase()}`, kind: 'kdf',
  standard: 'RFC 5869', keyBits: 8 * digestBytes,
  securityBits: strength(digestBytes), quantumSecurityBits: quantumStrength(digestBytes),
  ops: [hkdfOp(algo, digestBytes)],
});

export const macKernels: KernelSpec[] = [
  hmac('sha256', 32), hmac('sha384', 48), hmac('sha512', 64),
  hkdf('sha256', 32), hkdf('sha384', 48),
];
