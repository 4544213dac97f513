// ML-KEM kernels (FIPS 203): deterministic KeyGen/Encaps/Decaps_internal, checked against
// @noble/post-quantum. Security convention: a NIST PQC category n is "as hard to break as
// AES-128/192/256 key search (n = 1/3/5)" against classical AND quantum attackers (FIPS 203
// §8, NIST PQC call §4.A.5), so securityBits and quantumSecurityBits are both the AES key
// size of the category: 128 / 192 / 256.
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import type { KernelSpec, OpSpec } from './types.ts';
import { concat } from './rng.ts';

type NobleKem = typeof ml_kem768;

export const DECAPS_REJECTED = 1;

/** Heap working set of the device kernel (wasm/kernels/mlkem.ts header): 464 + (k+2)*512 B + buffers. */
const heapBytes = (k: number, ctBytes: number, decaps: boolean) => 464 + (k + 2) * 512 + (decaps ? ctBytes + 96 : 32);

function mlKemOps(kem: NobleKem, k: number): OpSpec[] {
  const ct = kem.lengths.cipherText!;
  const keys = (seed: Uint8Array) => kem.keygen(seed);
  return [
    {
      op: 'keygen', paramName: 'none', params: [0], secret: true, heapBytes: heapBytes(k, ct, false),
      makeCase: (_p, rng) => {
        const seed = rng.bytes(64); // d || z
        const { publicKey, secretKey } = keys(seed);
        return { input: seed, expected: concat(publicKey, secretKey) };
      },
      ct: {
        secret: 'seed d || z', bytes: 64,
        make: (seed) => { const { publicKey, secretKey } = keys(seed); return { input: seed, expected: concat(publicKey, secretKey) }; },
        allowed: [{ functions: /_mlkem_sampleMatrix$/, reason: 'SampleNTT rejection-samples A from rho, which the public key publishes (FIPS 203 Alg. 7)' }],
      },
    },
    {
      op: 'encaps', paramName: 'none', params: [0], secret: true, heapBytes: heapBytes(k, ct, false),
      makeCase: (_p, rng) => {
        const { publicKey } = keys(rng.bytes(64));
        const m = rng.bytes(32);
        const { cipherText, sharedSecret } = kem.encapsulate(publicKey, m);
        return { input: concat(publicKey, m), expected: concat(sharedSecret, cipherText) };
      },
      ct: {
        secret: 'message m (the shared secret) under a fixed public key', bytes: 32,
        make: (m, { pub }) => {
          const { publicKey } = keys(pub.bytes(64));
          const { cipherText, sharedSecret } = kem.encapsulate(publicKey, m);
          return { input: concat(publicKey, m), expected: concat(sharedSecret, cipherText) };
        },
      },
    },
    {
      // Param 1 decapsulates a tampered ciphertext: implicit rejection returns K-bar = J(z || c).
      // Constant time: both params must cost the same on a board.
      op: 'decaps', paramName: 'none', params: [0, DECAPS_REJECTED], variants: { [DECAPS_REJECTED]: 'tampered ciphertext (implicit rejection)' }, secret: true, heapBytes: heapBytes(k, ct, true),
      makeCase: (p, rng) => {
        const { publicKey, secretKey } = keys(rng.bytes(64));
        const { cipherText, sharedSecret } = kem.encapsulate(publicKey, rng.bytes(32));
        if (p !== DECAPS_REJECTED) return { input: concat(secretKey, cipherText), expected: sharedSecret };
        const bad = cipherText.slice();
        bad[rng.int(bad.length)] ^= 0x01;
        return { input: concat(secretKey, bad), expected: kem.decapsulate(bad, secretKey) };
      },
      // A fixed key pair and secret messages m: what decapsulation recovers (m', the coins of
      // its re-encryption, K) is secret, and with implicit rejection even whether the
      // ciphertext was tampered must not show: valid and tampered must trace alike.
      ct: {
        secret: 'message m (what decapsulation recovers) under a fixed key pair', bytes: 32,
        variants: ['valid', 'tampered'], variantsAlike: true,
        make: (m, { pub, variant, index }) => {
          const { publicKey, secretKey } = keys(pub.bytes(64));
          const c = kem.encapsulate(publicKey, m).cipherText;
          if (variant === 'tampered') c[(index * 97) % c.length] ^= 0x01;
          return { input: concat(secretKey, c), expected: kem.decapsulate(c, secretKey) };
        },
      },
    },
  ];
}

const mlKem = (id: string, kem: NobleKem, k: number, bits: number): KernelSpec => ({
  id, device: id, algorithm: id.toUpperCase(), kind: 'kem', standard: 'FIPS 203',
  securityBits: bits, quantumSecurityBits: bits, ops: mlKemOps(kem, k),
});

export const mlKemKernels: KernelSpec[] = [
  mlKem('ml-kem-512', ml_kem512, 2, 128),
  mlKem('ml-kem-768', ml_kem768, 3, 192),
  mlKem('ml-kem-1024', ml_kem1024, 4, 256),
];
