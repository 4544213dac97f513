// ML-DSA-44/65/87 (FIPS 204) kernels: keygen, sign (internal interface, given rnd) and verify,
// checked against @noble/post-quantum. Security: FIPS 204 categories 2/3/5 are stated as
// 128/192/256 bits, classical and quantum alike (the category is defined by the cost of a
// quantum-capable attack on the AES/SHA-2 reference, so Grover-halving does not apply).
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import type { KernelSpec, OpSpec, Rng, SecretCases } from './types.ts';
import { concat } from './rng.ts';

type Dsa = typeof ml_dsa44;

/** M' for pure ML-DSA with an empty context (FIPS 204 Alg. 2 step 10): 0x00 || 0x00 || M. */
export const formatPure = (m: Uint8Array) => concat(new Uint8Array([0, 0]), m);

/** Message length in the registry cases (a digest-sized payload, as for firmware images). */
const MSG_BYTES = 32;

/** Verify param 1: the signature with one bit of c~ flipped (full-cost rejection, status -2). */
export const VERIFY_TAMPERED = 1;

function keyPair(dsa: Dsa, rng: Rng) {
  return dsa.keygen(rng.bytes(32));
}

/** A sign case: a fresh key, rnd and message from rng; the signature from noble. */
function signCase(dsa: Dsa, rng: Rng) {
  const { secretKey } = keyPair(dsa, rng);
  const rnd = rng.bytes(32), msg = formatPure(rng.bytes(MSG_BYTES));
  return {
    input: concat(secretKey, rnd, msg),
    expected: dsa.internal.sign(msg, secretKey, { extraEntropy: rnd }),
  };
}

/** Public values derived from a secret differ with it, and these branch on them by design. */
const PUBLIC_RHO = { functions: /_mldsa_expandA$/, reason: 'ExpandA rejection-samples A from the public seed rho (FIPS 204 Alg. 32)' };

/** How ML-DSA signing is checked (also in attestation evidence, which signs with it). */
export const SIGNING_CT: Pick<SecretCases, 'allowed' | 'untraced'> = {
  allowed: [{
    functions: /_mldsa_run$/,
    reason: 'the retry count: how many attempts of the rejection loop run, and which bound rejected each (FIPS 204 Alg. 7; attempt() is inlined into run), vary with key and message, as the kernel header documents',
  }],
  untraced: [{ functions: /_mldsa_sampleInBall$/, reason: 'SampleInBall reads only c~, which the signature publishes' }],
};

/**
 * Signing keys for the constant-time check: the secret parts (K, tr, s1, s2, t0) of the key
 * from the secret seed, with rho (the public seed of A) from a fixed key, so that A and with
 * it ExpandA's public rejection sampling stay the same. Signing never checks that sk's parts
 * belong together, and noble computes the same signature from the same bytes.
 */
const signCt = (dsa: Dsa): SecretCases => ({
  secret: 'secret-key parts K, tr, s1, s2, t0 (from a seed xi; rho fixed)', bytes: 32,
  make: (xi, { pub }) => {
    const sk = dsa.keygen(xi).secretKey.slice();
    sk.set(dsa.keygen(pub.bytes(32)).secretKey.subarray(0, 32));
    const rnd = pub.bytes(32), msg = formatPure(pub.bytes(MSG_BYTES));
    return { input: concat(sk, rnd, msg), expected: dsa.internal.sign(msg, sk, { extraEntropy: rnd }) };
  },
  ...SIGNING_CT,
});

function ops(dsa: Dsa, heap: { keygen: number; sign: number; signLowmem: number; verify: number }): OpSpec[] {
  return [
    {
      op: 'keygen', paramName: 'none', params: [0], secret: true, heapBytes: heap.keygen,
      makeCase: (_p, rng) => {
        const xi = rng.bytes(32);
        const { publicKey, secretKey } = dsa.keygen(xi);
        return { input: xi, expected: concat(publicKey, secretKey) };
      },
      ct: {
        secret: 'seed xi', bytes: 32,
        make: (xi) => { const { publicKey, secretKey } = dsa.keygen(xi); return { input: xi, expected: concat(publicKey, secretKey) }; },
        allowed: [PUBLIC_RHO, {
          functions: /_mldsa_expandS$/,
          reason: 'ExpandS rejects PRF nibbles >= 15 (eta 2) or >= 9 (eta 4) of the secret seed rho\' (FIPS 204 Alg. 33); rejected nibbles are discarded, as in the reference implementation',
        }],
      },
    },
    {
      // Rejection sampling makes the cost vary per signature: the host averages over cases.
      // A is cached (k*l KiB); sign-lowmem below re-expands it per rejection round instead.
      op: 'sign', paramName: 'none', params: [0], secret: true, heapBytes: heap.sign, cases: 16,
      makeCase: (_p, rng) => signCase(dsa, rng),
      ct: signCt(dsa),
    },
    {
      op: 'sign-lowmem', paramName: 'none', params: [0], secret: true, heapBytes: heap.signLowmem, cases: 16,
      makeCase: (_p, rng) => signCase(dsa, rng),
      ct: signCt(dsa),
    },
    {
      op: 'verify', paramName: 'none', params: [0, VERIFY_TAMPERED], variants: { [VERIFY_TAMPERED]: 'tampered message' }, secret: false, heapBytes: heap.verify,
      makeCase: (p, rng) => {
        const { publicKey, secretKey } = keyPair(dsa, rng);
        const msg = formatPure(rng.bytes(MSG_BYTES));
        const sig = dsa.internal.sign(msg, secretKey, { extraEntropy: rng.bytes(32) });
        if (p !== VERIFY_TAMPERED) return { input: concat(publicKey, sig, msg), expected: new Uint8Array([1]) };
        const bad = sig.slice();
        bad[0] ^= 0x01; // in c~: verification runs to the final comparison and fails there
        return { input: concat(publicKey, bad, msg), expectedStatus: -2 };
      },
    },
  ];
}

// Heap bytes, checked against heap_used() in tests/wasm/mldsa.test.ts: two Keccak states and
// 1.1 KiB of buffers (1312 B), plus whole polynomials of 1 KiB (see polysFor in the kernel).
export const mldsaKernels: KernelSpec[] = [
  {
    id: 'ml-dsa-44', device: 'ml-dsa-44', algorithm: 'ML-DSA-44', kind: 'signature', standard: 'FIPS 204',
    securityBits: 128, quantumSecurityBits: 128,
    ops: ops(ml_dsa44, { keygen: 7456, sign: 41248, signLowmem: 24864, verify: 8480 }),
  },
  {
    id: 'ml-dsa-65', device: 'ml-dsa-65', algorithm: 'ML-DSA-65', kind: 'signature', standard: 'FIPS 204',
    securityBits: 192, quantumSecurityBits: 192,
    ops: ops(ml_dsa65, { keygen: 8480, sign: 63776, signLowmem: 33056, verify: 9504 }),
  },
  {
    id: 'ml-dsa-87', device: 'ml-dsa-87', algorithm: 'ML-DSA-87', kind: 'signature', standard: 'FIPS 204',
    securityBits: 256, quantumSecurityBits: 256,
    ops: ops(ml_dsa87, { keygen: 10528, sign: 100640, signLowmem: 43296, verify: 11552 }),
  },
];
