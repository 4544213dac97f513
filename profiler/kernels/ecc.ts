// Elliptic-curve kernels: ECDSA (FIPS 186-5, SHA-2 digests, RFC 6979 nonces) and ECDH (SP 800-56A)
// over NIST P-256 and P-384. Expected outputs from node:crypto; signatures from @noble/curves, their
// nonces from the case's seeded bytes (RFC 6979), so two profiles measure the same inputs.
import { createECDH, createHash, createPrivateKey, sign as nodeSign } from 'node:crypto';
import { p256, p384 } from '@noble/curves/nist.js';
import type { KernelSpec, OpSpec, Rng, SecretCases } from './types.ts';
import { concat } from './rng.ts';

interface CurveInfo {
  name: string; nodeName: string; jwkName: string; bytes: number; hash: string; noble: typeof p256;
  /** Kernel heap per op in bytes (measured in Node, rounded up). */
  heap: { keygen: number; sign: number; verify: number; shared: number };
}

export const P256: CurveInfo = { name: 'P-256', nodeName: 'prime256v1', jwkName: 'P-256', bytes: 32, hash: 'sha256', noble: p256,
  heap: { keygen: 4096, sign: 7168, verify: 6144, shared: 6144 } };
export const P384: CurveInfo = { name: 'P-384', nodeName: 'secp384r1', jwkName: 'P-384', bytes: 48, hash: 'sha384', noble: p384,
  heap: { keygen: 5120, sign: 9216, verify: 7168, shared: 8192 } };

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/** A deterministic key pair: private scalar d (B bytes) and uncompressed public key 04||X||Y. */
export function ecKeyPair(c: CurveInfo, rng: Rng): { d: Uint8Array; pub: Uint8Array } {
  const ecdh = createECDH(c.nodeName);
  ecdh.setPrivateKey(rng.bytes(c.bytes));                           // below n with overwhelming probability
  return { d: new Uint8Array(ecdh.getPrivateKey()), pub: new Uint8Array(ecdh.getPublicKey()) };
}

/** node:crypto ECDSA signature (r||s) over msg with the curve's hash, and that digest. */
export function nodeEcdsaSign(c: CurveInfo, d: Uint8Array, pub: Uint8Array, msg: Uint8Array) {
  const B = c.bytes;
  const key = createPrivateKey({ format: 'jwk', key: {
    kty: 'EC', crv: c.jwkName, d: b64u(d), x: b64u(pub.subarray(1, 1 + B)), y: b64u(pub.subarray(1 + B)) } });
  const sig = new Uint8Array(nodeSign(c.hash, msg, { key, dsaEncoding: 'ieee-p1363' }));
  return { sig, digest: new Uint8Array(createHash(c.hash).update(msg).digest()) };
}

/** A private scalar in [1, n-1] from any bytes (big-endian, reduced): the edge secrets
 *  all-zero and one become 1 and 2, all-ones a value near n. */
export function scalarIn(c: CurveInfo, bytes: Uint8Array): Uint8Array {
  const n = c.noble.Point.Fn.ORDER;
  const d = BigInt(`0x${Buffer.from(bytes).toString('hex')}`) % (n - 1n) + 1n;
  return new Uint8Array(Buffer.from(d.toString(16).padStart(2 * c.bytes, '0'), 'hex'));
}

const publicKeyOf = (c: CurveInfo, d: Uint8Array) => {
  const ecdh = createECDH(c.nodeName);
  ecdh.setPrivateKey(d);
  return { ecdh, pub: new Uint8Array(ecdh.getPublicKey()) };
};

const keygenCt = (c: CurveInfo): SecretCases => ({
  secret: 'private scalar d', bytes: c.bytes,
  make: (s) => { const d = scalarIn(c, s); return { input: d, expected: publicKeyOf(c, d).pub }; },
});

const ecdsaOps = (c: CurveInfo): OpSpec[] => [
  { op: 'keygen', paramName: 'none', params: [0], secret: true, heapBytes: c.heap.keygen, makeCase: (_p, rng) => {
    const { d, pub } = ecKeyPair(c, rng);
    return { input: d, expected: pub };
  }, ct: keygenCt(c) },
  { op: 'sign', paramName: 'none', params: [0], secret: true, heapBytes: c.heap.sign, makeCase: (_p, rng) => {
    const { d } = ecKeyPair(c, rng);
    const digest = new Uint8Array(createHash(c.hash).update(rng.bytes(64)).digest());
    // RFC 6979 deterministic signature, without low-s normalisation (FIPS 186-5 has none)
    const expected = c.noble.sign(digest, d, { prehash: false, lowS: false });
    return { input: concat(d, digest), expected };
  }, ct: {
    secret: 'private scalar d (and with it the RFC 6979 nonce)', bytes: c.bytes,
    make: (s, { pub }) => {
      const d = scalarIn(c, s), digest = pub.bytes(c.bytes);
      return { input: concat(d, digest), expected: c.noble.sign(digest, d, { prehash: false, lowS: false }) };
    },
  } },
  // variable time (public data): average a few inputs. Signed with the nonce derived from the
  // case's seeded bytes (RFC 6979 with extra entropy), so every run verifies the same signatures.
  { op: 'verify', paramName: 'none', params: [0], secret: false, heapBytes: c.heap.verify, cases: 4, makeCase: (_p, rng) => {
    const { d, pub } = ecKeyPair(c, rng);
    const digest = new Uint8Array(createHash(c.hash).update(rng.bytes(64)).digest());
    const sig = c.noble.sign(digest, d, { prehash: false, lowS: false, extraEntropy: rng.bytes(32) });
    return { input: concat(pub, digest, sig), expected: Uint8Array.of(1) };
  } },
];

const ecdhOps = (c: CurveInfo): OpSpec[] => [ecdsaOps(c)[0], {
  op: 'shared', paramName: 'none', params: [0], secret: true, heapBytes: c.heap.shared, makeCase: (_p, rng) => {
    const a = ecKeyPair(c, rng), b = ecKeyPair(c, rng);
    const ecdh = createECDH(c.nodeName);
    ecdh.setPrivateKey(a.d);
    return { input: concat(a.d, b.pub), expected: new Uint8Array(ecdh.computeSecret(b.pub)) };
  },
  ct: {
    secret: 'private scalar d', bytes: c.bytes,
    make: (s, { pub }) => {
      const d = scalarIn(c, s), peer = ecKeyPair(c, pub).pub;
      return { input: concat(d, peer), expected: new Uint8Array(publicKeyOf(c, d).ecdh.computeSecret(peer)) };
    },
  },
}];

export const eccKernels: KernelSpec[] = [
  { id: 'ecdsa-p256', device: 'ecdsa-p256', algorithm: 'ECDSA P-256', kind: 'signature',
    standard: 'FIPS 186-5', securityBits: 128, quantumSecurityBits: 0, keyBits: 256, ops: ecdsaOps(P256) },
  { id: 'ecdsa-p384', device: 'ecdsa-p384', algorithm: 'ECDSA P-384', kind: 'signature',
    standard: 'FIPS 186-5', securityBits: 192, quantumSecurityBits: 0, keyBits: 384, ops: ecdsaOps(P384) },
  { id: 'ecdh-p256', device: 'ecdh-p256', algorithm: 'ECDH P-256', kind: 'key-agreement',
    standard: 'SP 800-56A Rev 3', securityBits: 128, quantumSecurityBits: 0, keyBits: 256, ops: ecdhOps(P256) },
  { id: 'ecdh-p384', device: 'ecdh-p384', algorithm: 'ECDH P-384', kind: 'key-agreement',
    standard: 'SP 800-56A Rev 3', securityBits: 192, quantumSecurityBits: 0, keyBits: 384, ops: ecdhOps(P384) },
];
