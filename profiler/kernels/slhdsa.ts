// SLH-DSA-SHA2-128s (FIPS 205) verification, checked against @noble/post-quantum. Signing a
// 128s signature takes seconds in JavaScript, so the case uses one stored noble signature
// (fixtures/slh-dsa-sha2-128s.json, with how it was made) and noble re-verifies it per case.
// Security: category 1, stated as 128 bits classical and quantum (the convention of mldsa.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../util/paths.ts';
import { slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import type { KernelSpec } from './types.ts';
import { concat } from './rng.ts';

interface Fixture { publicKey: string; message: string; signature: string }
const fromHex = (s: string) => new Uint8Array(Buffer.from(s, 'hex'));

let cached: { pk: Uint8Array; mPrime: Uint8Array; sig: Uint8Array } | undefined;
/** The stored key, formatted message M' = 0x00 || 0x00 || M and signature. */
export function slhFixture() {
  if (!cached) {
    const f: Fixture = JSON.parse(readFileSync(join(ROOT, 'profiler', 'kernels', 'fixtures', 'slh-dsa-sha2-128s.json'), 'utf8'));
    cached = { pk: fromHex(f.publicKey), mPrime: concat(new Uint8Array([0, 0]), fromHex(f.message)), sig: fromHex(f.signature) };
  }
  return cached;
}

/** Verify param 1: the signature with one bit of R flipped (full-cost rejection, status -2). */
export const SLH_VERIFY_TAMPERED = 1;

export const slhdsaKernels: KernelSpec[] = [
  {
    id: 'slh-dsa-sha2-128s', device: 'slh-dsa-sha2-128s', algorithm: 'SLH-DSA-SHA2-128s', kind: 'signature',
    standard: 'FIPS 205', securityBits: 128, quantumSecurityBits: 128,
    ops: [{
      // Working set: 476 bytes of heap (two SHA-256 states, one block, a few nodes).
      op: 'verify', paramName: 'none', params: [0, SLH_VERIFY_TAMPERED], variants: { [SLH_VERIFY_TAMPERED]: 'tampered signature' }, secret: false, heapBytes: 476,
      makeCase: (p) => {
        const { pk, mPrime, sig } = slhFixture();
        const s = sig.slice();
        if (p === SLH_VERIFY_TAMPERED) s[0] ^= 0x01;
        const ok = slh_dsa_sha2_128s.internal.verify(s, mPrime, pk);
        return ok ? { input: concat(pk, s, mPrime), expected: new Uint8Array([1]) }
          : { input: concat(pk, s, mPrime), expectedStatus: -2 };
      },
    }],
  },
];
