// Curve25519 kernels: X25519 key agreement (RFC 7748) and Ed25519 signatures (RFC 8032).
// Expected outputs come from node:crypto, keys imported from raw bytes via PKCS#8 / SPKI DER.
import { createPrivateKey, createPublicKey, diffieHellman, sign, verify, type KeyObject } from 'node:crypto';
import { CT_MESSAGE_BYTES, type KernelSpec } from './types.ts';
import { concat } from './rng.ts';

// DER prefixes of RFC 8410 keys: OneAsymmetricKey / SubjectPublicKeyInfo with a 32-byte key.
const PKCS8_PREFIX = { X25519: '302e020100300506032b656e04220420', Ed25519: '302e020100300506032b657004220420' };
const SPKI_PREFIX = { X25519: '302a300506032b656e032100', Ed25519: '302a300506032b6570032100' };
type Curve = keyof typeof PKCS8_PREFIX;

export const privateKey = (curve: Curve, raw: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([Buffer.from(PKCS8_PREFIX[curve], 'hex'), raw]), format: 'der', type: 'pkcs8' });
export const publicKey = (curve: Curve, raw: Uint8Array): KeyObject =>
  createPublicKey({ key: Buffer.concat([Buffer.from(SPKI_PREFIX[curve], 'hex'), raw]), format: 'der', type: 'spki' });
/** The raw 32-byte public key of a private key (the last 32 bytes of its SPKI DER). */
export const rawPublic = (key: KeyObject): Uint8Array =>
  new Uint8Array(createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32));

export const x25519Public = (scalar: Uint8Array) => rawPublic(privateKey('X25519', scalar));
export const x25519Shared = (scalar: Uint8Array, peer: Uint8Array) =>
  new Uint8Array(diffieHellman({ privateKey: privateKey('X25519', scalar), publicKey: publicKey('X25519', peer) }));

export const ed25519Public = (seed: Uint8Array) => rawPublic(privateKey('Ed25519', seed));
export const ed25519Sign = (seed: Uint8Array, msg: Uint8Array) =>
  new Uint8Array(sign(null, msg, privateKey('Ed25519', seed)));
export const ed25519Verify = (pub: Uint8Array, sig: Uint8Array, msg: Uint8Array) =>
  verify(null, msg, publicKey('Ed25519', pub), sig);

/** Signing and verification cost grows with the message only through SHA-512. */
const SIG_MSG_SIZES = [32, 1024];

export const curve25519Kernels: KernelSpec[] = [
  {
    id: 'x25519', device: 'x25519', algorithm: 'X25519', kind: 'key-agreement', standard: 'RFC 7748',
    securityBits: 128, quantumSecurityBits: 0, keyBits: 255,
    ops: [
      {
        op: 'keygen', paramName: 'none', params: [0], secret: true, heapBytes: 2048,
        makeCase: (_, rng) => { const k = rng.bytes(32); return { input: k, expected: x25519Public(k) }; },
        ct: { secret: 'scalar', bytes: 32, littleEndian: true, make: (k) => ({ input: k, expected: x25519Public(k) }) },
      },
      {
        op: 'shared', paramName: 'none', params: [0], secret: true, heapBytes: 2048,
        makeCase: (_, rng) => {
          const k = rng.bytes(32), peer = x25519Public(rng.bytes(32));
          return { input: concat(k, peer), expected: x25519Shared(k, peer) };
        },
        ct: {
          secret: 'scalar', bytes: 32, littleEndian: true,
          make: (k, { pub }) => { const peer = x25519Public(pub.bytes(32)); return { input: concat(k, peer), expected: x25519Shared(k, peer) }; },
        },
      },
    ],
  },
  {
    id: 'ed25519', device: 'ed25519', algorithm: 'Ed25519', kind: 'signature', standard: 'RFC 8032',
    securityBits: 128, quantumSecurityBits: 0, keyBits: 255,
    ops: [
      {
        op: 'keygen', paramName: 'none', params: [0], secret: true, heapBytes: 2048,
        makeCase: (_, rng) => { const seed = rng.bytes(32); return { input: seed, expected: ed25519Public(seed) }; },
        ct: { secret: 'private key (seed)', bytes: 32, make: (seed) => ({ input: seed, expected: ed25519Public(seed) }) },
      },
      {
        op: 'sign', paramName: 'msg_bytes', params: SIG_MSG_SIZES, secret: true, heapBytes: 4096,
        makeCase: (n, rng) => {
          const seed = rng.bytes(32), msg = rng.bytes(n);
          return { input: concat(seed, msg), expected: ed25519Sign(seed, msg) };
        },
        ct: {
          secret: 'private key (seed)', bytes: 32,
          make: (seed, { pub }) => { const msg = pub.bytes(CT_MESSAGE_BYTES); return { input: concat(seed, msg), expected: ed25519Sign(seed, msg) }; },
        },
      },
      {
        op: 'verify', paramName: 'msg_bytes', params: SIG_MSG_SIZES, secret: false, heapBytes: 8192,
        makeCase: (n, rng) => {
          const seed = rng.bytes(32), msg = rng.bytes(n);
          return { input: concat(ed25519Public(seed), ed25519Sign(seed, msg), msg), expected: Uint8Array.of(1) };
        },
      },
    ],
  },
];
