// ML-KEM kernels (FIPS 203) in Node's WebAssembly: ACVP keyGen / encapDecap (incl. implicit
// rejection and key checks), Wycheproof, and random cross-checks against @noble/post-quantum.
import { describe, it, expect, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, itWithVectors, hex, toHex } from '../support/vectors.ts';

const STATUS_BAD_INPUT = -1;

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

const SETS = [
  { name: 'ML-KEM-512', kernel: 'ml-kem-512', noble: ml_kem512, k: 2, ct: 768 },
  { name: 'ML-KEM-768', kernel: 'ml-kem-768', noble: ml_kem768, k: 3, ct: 1088 },
  { name: 'ML-KEM-1024', kernel: 'ml-kem-1024', noble: ml_kem1024, k: 4, ct: 1568 },
] as const;
const bySet = (name: string) => SETS.find((s) => s.name === name)!;
const ekLen = (k: number) => 384 * k + 32;

function keygen(kernel: string, seed: Uint8Array) {
  const { status, output } = agent.run(kernel, 'keygen', seed);
  const k = SETS.find((s) => s.kernel === kernel)!.k;
  expect(status).toBe(ekLen(k) + 768 * k + 96);
  return { ek: output.subarray(0, ekLen(k)), dk: output.subarray(ekLen(k)) };
}

describe('ML-KEM ACVP (FIPS 203 internalProjection)', () => {
  itWithVectors('keyGen: ek and dk from (d, z), all three parameter sets', () => {
    const groups = sharedJson('acvp/ML-KEM-keyGen-FIPS203.internalProjection.json').testGroups;
    let n = 0;
    for (const g of groups) {
      const set = bySet(g.parameterSet);
      for (const t of g.tests) {
        const { ek, dk } = keygen(set.kernel, cat(hex(t.d), hex(t.z)));
        expect(toHex(ek), `tcId ${t.tcId}`).toBe(t.ek.toLowerCase());
        expect(toHex(dk), `tcId ${t.tcId}`).toBe(t.dk.toLowerCase());
        n++;
      }
    }
    expect(n).toBe(75);
  });

  itWithVectors('encapsulation, decapsulation (incl. implicit rejection) and key checks', () => {
    const groups = sharedJson('acvp/ML-KEM-encapDecap-FIPS203.internalProjection.json').testGroups;
    const seen = new Set<string>();
    for (const g of groups) {
      const set = bySet(g.parameterSet);
      for (const t of g.tests) {
        const id = `tcId ${t.tcId} (${g.function}, ${t.reason ?? ''})`;
        if (g.function === 'encapsulation') {
          const { status, output } = agent.run(set.kernel, 'encaps', cat(hex(t.ek), hex(t.m)));
          expect(status, id).toBe(32 + set.ct);
          expect(toHex(output.subarray(0, 32)), id).toBe(t.k.toLowerCase());
          expect(toHex(output.subarray(32)), id).toBe(t.c.toLowerCase());
        } else if (g.function === 'decapsulation') {
          const { status, output } = agent.run(set.kernel, 'decaps', cat(hex(t.dk), hex(t.c)));
          expect(status, id).toBe(32);
          expect(toHex(output), id).toBe(t.k.toLowerCase());
        } else if (g.function === 'encapsulationKeyCheck') {
          const { status } = agent.run(set.kernel, 'encaps', cat(hex(t.ek), randomBytes(32)));
          expect(status === STATUS_BAD_INPUT, id).toBe(t.testPassed === false);
        } else if (g.function === 'decapsulationKeyCheck') {
          const { status } = agent.run(set.kernel, 'decaps', cat(hex(t.dk), randomBytes(set.ct)));
          expect(status === STATUS_BAD_INPUT, id).toBe(t.testPassed === false);
        }
        seen.add(`${g.function}/${t.reason ?? ''}/${t.testPassed ?? ''}`);
      }
    }
    // Every category was exercised, including rejected ciphertexts and failed key checks.
    expect([...seen].some((s) => s.startsWith('decapsulation/modified ciphertext'))).toBe(true);
    expect([...seen].some((s) => s.startsWith('encapsulationKeyCheck') && s.endsWith('/false'))).toBe(true);
    expect([...seen].some((s) => s.startsWith('decapsulationKeyCheck') && s.endsWith('/false'))).toBe(true);
  });
});

describe('ML-KEM Wycheproof', () => {
  for (const set of SETS) {
    itWithVectors(`${set.name}: keygen from seed and decapsulation (incl. rejection), bad lengths`, () => {
      const file = `wycheproof/mlkem_${set.name.slice(7)}_test.json`;
      let valid = 0, invalid = 0;
      for (const g of sharedJson(file).testGroups) {
        for (const t of g.tests) {
          const id = `tcId ${t.tcId} ${t.comment ?? ''}`;
          const seed = hex(t.seed), c = hex(t.c);
          const kg = agent.run(set.kernel, 'keygen', seed);
          if (seed.length !== 64) { expect(kg.status, id).toBe(STATUS_BAD_INPUT); invalid++; continue; }
          const ek = kg.output.subarray(0, ekLen(set.k)), dk = kg.output.subarray(ekLen(set.k));
          expect(toHex(ek), id).toBe(t.ek);
          const { status, output } = agent.run(set.kernel, 'decaps', cat(dk, c));
          if (t.result === 'valid') { expect(status, id).toBe(32); expect(toHex(output), id).toBe(t.K); valid++; }
          else { expect(status, id).toBe(STATUS_BAD_INPUT); invalid++; }
        }
      }
      expect(valid).toBeGreaterThan(100);
      expect(invalid).toBeGreaterThan(30);
    });

    itWithVectors(`${set.name}: semi-expanded decapsulation keys (lengths, hash check, malleability)`, () => {
      const file = `wycheproof/mlkem_${set.name.slice(7)}_semi_expanded_decaps_test.json`;
      for (const g of sharedJson(file).testGroups) {
        for (const t of g.tests) {
          const id = `tcId ${t.tcId} ${t.comment}`;
          const { status, output } = agent.run(set.kernel, 'decaps', cat(hex(t.dk), hex(t.c)));
          if (t.result === 'valid') { expect(status, id).toBe(32); expect(toHex(output), id).toBe(t.K); }
          else expect(status, id).toBe(STATUS_BAD_INPUT);
        }
      }
    });
  }

  itWithVectors('ML-KEM-512 encapsulation incl. unreduced public keys (modulus check)', () => {
    let rejected = 0;
    for (const g of sharedJson('wycheproof/mlkem_512_encaps_test.json').testGroups) {
      for (const t of g.tests) {
        const id = `tcId ${t.tcId} ${t.comment ?? ''}`;
        const { status, output } = agent.run('ml-kem-512', 'encaps', cat(hex(t.ek), hex(t.m)));
        if (t.result === 'valid') {
          expect(status, id).toBe(32 + 768);
          expect(toHex(output.subarray(0, 32)), id).toBe(t.K);
          expect(toHex(output.subarray(32)), id).toBe(t.c);
        } else { expect(status, id).toBe(STATUS_BAD_INPUT); rejected++; }
      }
    }
    expect(rejected).toBeGreaterThan(100);
  });
});

describe('ML-KEM against @noble/post-quantum', () => {
  for (const set of SETS) {
    it(`${set.name}: keygen, encapsulate here / decapsulate there and the reverse`, () => {
      fc.assert(fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed, m) => {
        const { ek, dk } = keygen(set.kernel, seed);
        const ref = set.noble.keygen(seed);
        expect(toHex(ek)).toBe(toHex(ref.publicKey));
        expect(toHex(dk)).toBe(toHex(ref.secretKey));
        // device encapsulates, noble decapsulates
        const enc = agent.run(set.kernel, 'encaps', cat(ek, m));
        expect(enc.status).toBe(32 + set.ct);
        const c = enc.output.subarray(32);
        expect(toHex(set.noble.decapsulate(c, ref.secretKey))).toBe(toHex(enc.output.subarray(0, 32)));
        // noble encapsulates, device decapsulates
        const theirs = set.noble.encapsulate(ref.publicKey, randomBytes(32));
        const dec = agent.run(set.kernel, 'decaps', cat(dk, theirs.cipherText));
        expect(toHex(dec.output)).toBe(toHex(theirs.sharedSecret));
        // a tampered ciphertext gives noble's implicit-rejection key K-bar, not K
        const bad = theirs.cipherText.slice(); bad[m[0] % bad.length] ^= 1 << (m[1] & 7);
        const rej = agent.run(set.kernel, 'decaps', cat(dk, bad));
        expect(rej.status).toBe(32);
        expect(toHex(rej.output)).toBe(toHex(set.noble.decapsulate(bad, ref.secretKey)));
        expect(toHex(rej.output)).not.toBe(toHex(theirs.sharedSecret));
      }), { numRuns: 8 });
    });

    it(`${set.name}: malformed ek/dk and wrong lengths give STATUS_BAD_INPUT`, () => {
      const { ek, dk } = keygen(set.kernel, randomBytes(64));
      const badEk = ek.slice(); badEk[0] = 0xff; badEk[1] |= 0x0f;  // first coefficient 4095 >= q
      expect(agent.run(set.kernel, 'encaps', cat(badEk, randomBytes(32))).status).toBe(STATUS_BAD_INPUT);
      const badDk = dk.slice(); badDk[768 * set.k + 40] ^= 1;        // breaks H(ek) in dk
      expect(agent.run(set.kernel, 'decaps', cat(badDk, randomBytes(set.ct))).status).toBe(STATUS_BAD_INPUT);
      const badEkInDk = dk.slice(); badEkInDk[384 * set.k + 5] ^= 1; // ek inside dk no longer matches H(ek)
      expect(agent.run(set.kernel, 'decaps', cat(badEkInDk, randomBytes(set.ct))).status).toBe(STATUS_BAD_INPUT);
      expect(agent.run(set.kernel, 'keygen', randomBytes(63)).status).toBe(STATUS_BAD_INPUT);
      expect(agent.run(set.kernel, 'encaps', cat(ek, randomBytes(31))).status).toBe(STATUS_BAD_INPUT);
      expect(agent.run(set.kernel, 'decaps', cat(dk, randomBytes(set.ct - 1))).status).toBe(STATUS_BAD_INPUT);
      expect(agent.run(set.kernel, 'decaps', cat(dk, randomBytes(set.ct + 1))).status).toBe(STATUS_BAD_INPUT);
    });
  }
});
