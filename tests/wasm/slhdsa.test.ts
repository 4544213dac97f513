// SLH-DSA-SHA2-128s verification kernel (FIPS 205) in Node's WebAssembly: ACVP sigVer vectors,
// a signature made by @noble/post-quantum, tampering anywhere in the signature, message or
// key, truncated input, and the heap working set.
import { describe, it, expect, beforeAll } from 'vitest';
import { slh_dsa_sha2_128s } from '@noble/post-quantum/slh-dsa.js';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, itWithVectors, hex } from '../support/vectors.ts';
import { slhFixture, slhdsaKernels } from '../../profiler/kernels/slhdsa.ts';
import { concat } from '../../profiler/kernels/rng.ts';

const KERNEL = 'slh-dsa-sha2-128s';
const SIG_BYTES = 7856;
let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const verify = (pk: Uint8Array, sig: Uint8Array, m: Uint8Array) => agent.run(KERNEL, 'verify', concat(pk, sig, m)).status;

describe('SLH-DSA-SHA2-128s verify', () => {
  itWithVectors('ACVP sigVer (internal interface, FIPS 205 v1.1.0.37): accepts exactly the passing cases', () => {
    const prompt = sharedJson('acvp/SLH-DSA-sigVer-FIPS205.v1.1.0.37.prompt.trimmed.json');
    const results = sharedJson('acvp/SLH-DSA-sigVer-FIPS205.v1.1.0.37.expectedResults.trimmed.json');
    const passed = new Map<string, boolean>();
    for (const g of results.testGroups) for (const t of g.tests) passed.set(t.tcId, t.testPassed === 'True' || t.testPassed === true);
    let pass = 0, fail = 0;
    for (const g of prompt.testGroups) {
      expect(g.parameterSet).toBe('SLH-DSA-SHA2-128s');
      for (const t of g.tests) {
        const sig = hex(t.signature);
        const want = passed.get(t.tcId)!;
        if (sig.length !== SIG_BYTES) { expect(want, `tc ${t.tcId}`).toBe(false); fail++; continue; } // host-side length check
        expect(verify(hex(t.pk), sig, hex(t.message)), `tc ${t.tcId}`).toBe(want ? 1 : -2);
        if (want) pass++; else fail++;
      }
    }
    expect(pass).toBeGreaterThan(0);
    expect(fail).toBeGreaterThan(0);
  });

  it('accepts a @noble/post-quantum signature and rejects every single-bit tampering sampled', () => {
    const { pk, mPrime, sig } = slhFixture();
    expect(slh_dsa_sha2_128s.internal.verify(sig, mPrime, pk)).toBe(true);
    expect(verify(pk, sig, mPrime)).toBe(1);
    // R, the FORS part (secret leaf, auth path), each hypertree layer, the last byte.
    for (const at of [0, 15, 16, 17 + 16, 16 + 14 * 13 * 16 - 1, 16 + 14 * 13 * 16, 3000, 5000, 7000, SIG_BYTES - 1]) {
      const bad = sig.slice(); bad[at] ^= 0x10;
      expect(verify(pk, bad, mPrime), `signature byte ${at}`).toBe(-2);
    }
    for (const at of [0, 31]) {
      const badPk = pk.slice(); badPk[at] ^= 0x01;
      expect(verify(badPk, sig, mPrime), `pk byte ${at}`).toBe(-2);
    }
    const badMsg = mPrime.slice(); badMsg[5] ^= 0x01;
    expect(verify(pk, sig, badMsg)).toBe(-2);
    expect(verify(pk, sig, concat(mPrime, new Uint8Array([0])))).toBe(-2);
  });

  it('rejects input shorter than pk || signature, and allocates the declared heap', () => {
    const { pk, sig } = slhFixture();
    expect(agent.run(KERNEL, 'verify', concat(pk, sig).subarray(0, 32 + SIG_BYTES - 1)).status).toBe(-1);
    expect(agent.run(KERNEL, 'verify', concat(pk, sig)).status).toBe(-2); // empty message: not what was signed
    const declared = slhdsaKernels[0].ops[0].heapBytes!;
    // heap_used() sees the stub allocator's 16-byte granularity and its own empty block.
    const used = Number(agent.exports.heap_used()) - 16;
    expect(Math.abs(used - declared), `used ${used}`).toBeLessThanOrEqual(16);
  });
});
