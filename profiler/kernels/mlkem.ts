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
    },
    {
      op: 'encaps', paramName: 'none', params: [0], secret: true, heapBytes: heapBytes(k, ct, false),
      makeCase: (_p, rng) => {
        const { publicKey } = keys(rng.bytes(64));
        const m = rng.bytes(32);
        const { cipherText, sharedSecret } = kem.encapsulate(publicKey, m);
        return { input: concat(publicKey, m), expected: concat(sharedSecret, cipherText) };
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
