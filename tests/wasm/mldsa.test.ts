// ML-DSA-44/65/87 kernels (FIPS 204) in Node's WebAssembly: ACVP keyGen / sigGen / sigVer and
// Wycheproof sign-from-seed / verify vectors, cross-checks against @noble/post-quantum in both
// directions, rejection of tampered or truncated input, and the heap working set per op.
import { describe, it, expect, beforeAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, itWithVectors, hex, toHex } from '../support/vectors.ts';
import { mldsaKernels, formatPure } from '../../profiler/kernels/mldsa.ts';
import { concat } from '../../profiler/kernels/rng.ts';

const STATUS_BAD_INPUT = -1;
const STATUS_AUTH_FAILED = -2;

const SETS = [
  { name: 'ml-dsa-44', dsa: ml_dsa44, pk: 1312, sk: 2560, sig: 2420 },
  { name: 'ml-dsa-65', dsa: ml_dsa65, pk: 1952, sk: 4032, sig: 3309 },
  { name: 'ml-dsa-87', dsa: ml_dsa87, pk: 2592, sk: 4896, sig: 4627 },
] as const;
const byName = (n: string) => SETS.find((s) => s.name === n.toLowerCase())!;

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

/** M' of FIPS 204 Alg. 2 (pure ML-DSA): 0x00 || |ctx| || ctx || M. */
const formatWithContext = (msg: Uint8Array, ctx: Uint8Array) =>
  concat(new Uint8Array([0, ctx.length]), ctx, msg);

const keygen = (name: string, xi: Uint8Array) => agent.run(name, 'keygen', xi);
const sign = (name: string, sk: Uint8Array, rnd: Uint8Array, mPrime: Uint8Array) =>
  agent.run(name, 'sign', concat(sk, rnd, mPrime));
const verify = (name: string, pk: Uint8Array, sig: Uint8Array, mPrime: Uint8Array) =>
  agent.run(name, 'verify', concat(pk, sig, mPrime)).status;

describe('ACVP ML-DSA (FIPS 204)', () => {
  itWithVectors('keyGen: pk || sk from the seed (75 cases)', () => {
    const file = sharedJson('acvp/ML-DSA-keyGen-FIPS204.internalProjection.json');
    let n = 0;
    for (const g of file.testGroups) {
      const s = byName(g.parameterSet);
      for (const t of g.tests) {
        const { status, output } = keygen(s.name, hex(t.seed));
        expect(status, `tc ${t.tcId}`).toBe(s.pk + s.sk);
        expect(toHex(output), `tc ${t.tcId}`).toBe((t.pk + t.sk).toLowerCase());
        n++;
      }
    }
    expect(n).toBe(75);
  });

  itWithVectors('sigGen: internal and external/pure interfaces, deterministic and hedged', () => {
    const prompt = sharedJson('acvp/ML-DSA-sigGen-FIPS204.prompt.trimmed.json');
    const results = sharedJson('acvp/ML-DSA-sigGen-FIPS204.expectedResults.trimmed.json');
    const expected = new Map<number, string>();
    for (const g of results.testGroups) for (const t of g.tests) expected.set(t.tcId, t.signature);
    const seen = new Set<string>();
    for (const g of prompt.testGroups) {
      const s = byName(g.parameterSet);
      expect(g.preHash ?? 'none', 'only pure / internal groups in the trimmed file').not.toBe('preHash');
      for (const t of g.tests) {
        const msg = hex(t.message);
        const mPrime = g.signatureInterface === 'internal' ? msg : formatWithContext(msg, hex(t.context));
        const rnd = g.deterministic ? new Uint8Array(32) : hex(t.rnd);
        const { status, output } = sign(s.name, hex(t.sk), rnd, mPrime);
        expect(status, `tc ${t.tcId}`).toBe(s.sig);
        expect(toHex(output), `tc ${t.tcId}`).toBe(expected.get(t.tcId)!.toLowerCase());
      }
      seen.add(`${g.signatureInterface}/${g.deterministic}`);
    }
    expect([...seen].sort()).toEqual(['external/false', 'external/true', 'internal/true']);
  });

  itWithVectors('sigVer: accepts exactly the passing cases (modified message, z, c~, hint)', () => {
    const file = sharedJson('acvp/ML-DSA-sigVer-FIPS204.internalProjection.trimmed.json');
    let pass = 0, fail = 0;
    for (const g of file.testGroups) {
      const s = byName(g.parameterSet);
      for (const t of g.tests) {
        const msg = hex(t.message);
        const mPrime = g.signatureInterface === 'internal' ? msg : formatWithContext(msg, hex(t.context));
        const status = verify(s.name, hex(t.pk), hex(t.signature), mPrime);
        expect(status, `tc ${t.tcId} ${t.reason}`).toBe(t.testPassed ? 1 : STATUS_AUTH_FAILED);
        if (t.testPassed) pass++; else fail++;
      }
    }
    expect(pass).toBeGreaterThan(0);
    expect(fail).toBeGreaterThan(0);
  });
});

describe.each(SETS.map((s) => [s.name, s] as const))('Wycheproof %s', (_n, s) => {
  const level = s.name.slice(-2);

  itWithVectors('sign_seed: keygen from the seed, then deterministic / randomised / external-mu signing', () => {
    const file = sharedJson(`wycheproof/mldsa_${level}_sign_seed_test.json`);
    let signed = 0, externalMu = 0;
    for (const g of file.testGroups) {
      const seed = hex(g.privateSeed);
      const kg = keygen(s.name, seed);
      if (seed.length !== 32) {   // IncorrectPrivateKeyLength
        expect(kg.status).toBe(STATUS_BAD_INPUT);
        for (const t of g.tests) expect(t.result).toBe('invalid');
        continue;
      }
      expect(toHex(kg.output.subarray(0, s.pk)), `group seed ${g.privateSeed}`).toBe(g.publicKey);
      const sk = kg.output.subarray(s.pk);
      for (const t of g.tests) {
        const ctx = t.ctx === undefined ? new Uint8Array(0) : hex(t.ctx);
        if (ctx.length > 255) { expect(t.result).toBe('invalid'); continue; } // the host formats M'
        expect(t.result, `tc ${t.tcId}`).toBe('valid');
        const rnd = t.rnd === undefined ? new Uint8Array(32) : hex(t.rnd);
        const r = t.msg === undefined
          ? agent.run(s.name, 'sign-mu', concat(sk, rnd, hex(t.mu)))
          : sign(s.name, sk, rnd, formatWithContext(hex(t.msg), ctx));
        if (t.msg === undefined) externalMu++;
        expect(r.status, `tc ${t.tcId}`).toBe(s.sig);
        expect(toHex(r.output), `tc ${t.tcId} ${t.comment}`).toBe(t.sig);
        signed++;
      }
    }
    expect(signed).toBeGreaterThan(50);
    expect(externalMu).toBeGreaterThan(0);
  });

  itWithVectors('verify: valid, norm violations, bad hints, modified and wrong-length inputs', () => {
    const file = sharedJson(`wycheproof/mldsa_${level}_verify_test.json`);
    let valid = 0, invalid = 0;
    for (const g of file.testGroups) {
      const pk = hex(g.publicKey);
      for (const t of g.tests) {
        const ctx = t.ctx === undefined ? new Uint8Array(0) : hex(t.ctx);
        const sig = hex(t.sig);
        if (ctx.length > 255 || pk.length !== s.pk || sig.length !== s.sig) {
          // Rejected by the host before the device sees it (lengths are fixed per parameter set).
          expect(t.result, `tc ${t.tcId}`).toBe('invalid');
          invalid++;
          continue;
        }
        const status = verify(s.name, pk, sig, formatWithContext(hex(t.msg), ctx));
        expect(status, `tc ${t.tcId} ${t.comment} ${t.flags}`).toBe(t.result === 'valid' ? 1 : STATUS_AUTH_FAILED);
        if (t.result === 'valid') valid++; else invalid++;
      }
    }
    expect(valid).toBeGreaterThan(10);
    expect(invalid).toBeGreaterThan(10);
  });
});

describe.each(SETS.map((s) => [s.name, s] as const))('%s against @noble/post-quantum', (_n, s) => {
  it('keygen, sign and sign-lowmem here -> verify there, sign there -> verify here (random, property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 300 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }), (xi, msg, rnd) => {
        const { publicKey, secretKey } = s.dsa.keygen(xi);
        const kg = keygen(s.name, xi);
        if (toHex(kg.output) !== toHex(concat(publicKey, secretKey))) return false;
        const mPrime = formatPure(msg);
        const mine = sign(s.name, secretKey, rnd, mPrime);
        const lowmem = agent.run(s.name, 'sign-lowmem', concat(secretKey, rnd, mPrime));
        const theirs = s.dsa.internal.sign(mPrime, secretKey, { extraEntropy: rnd });
        return toHex(mine.output) === toHex(theirs) && toHex(lowmem.output) === toHex(theirs)
          && s.dsa.verify(mine.output, msg, publicKey)
          && verify(s.name, publicKey, theirs, mPrime) === 1;
      }), { numRuns: 4 });
  });

  it('rejects tampered signatures, messages and keys, and truncated input', () => {
    const { publicKey, secretKey } = s.dsa.keygen(randomBytes(32));
    const mPrime = formatPure(randomBytes(40));
    const sig = s.dsa.internal.sign(mPrime, secretKey, { extraEntropy: randomBytes(32) });
    expect(verify(s.name, publicKey, sig, mPrime)).toBe(1);
    // One flipped bit in c~, in z, in the hint counts; in the message; in t1.
    const hintCounts = s.sig - 1;
    for (const at of [0, 100, s.sig - 200, hintCounts]) {
      const bad = sig.slice(); bad[at] ^= 0x01;
      expect(verify(s.name, publicKey, bad, mPrime), `sig byte ${at}`).toBe(STATUS_AUTH_FAILED);
    }
    const badMsg = mPrime.slice(); badMsg[badMsg.length - 1] ^= 0x80;
    expect(verify(s.name, publicKey, sig, badMsg)).toBe(STATUS_AUTH_FAILED);
    expect(verify(s.name, publicKey, sig, mPrime.subarray(0, mPrime.length - 1))).toBe(STATUS_AUTH_FAILED);
    const badPk = publicKey.slice(); badPk[40] ^= 0x04;
    expect(verify(s.name, badPk, sig, mPrime)).toBe(STATUS_AUTH_FAILED);
    // Too short for the fixed-size fields.
    expect(agent.run(s.name, 'verify', concat(publicKey, sig).subarray(0, s.pk + s.sig - 1)).status).toBe(STATUS_BAD_INPUT);
    expect(agent.run(s.name, 'sign', concat(secretKey, new Uint8Array(31))).status).toBe(STATUS_BAD_INPUT);
    expect(agent.run(s.name, 'keygen', new Uint8Array(31)).status).toBe(STATUS_BAD_INPUT);
    expect(agent.run(s.name, 'keygen', new Uint8Array(33)).status).toBe(STATUS_BAD_INPUT);
    expect(agent.run(s.name, 'sign-mu', concat(secretKey, new Uint8Array(32 + 63))).status).toBe(STATUS_BAD_INPUT);
  });

  it('allocates exactly the heap the registry declares for each op', () => {
    const spec = mldsaKernels.find((k) => k.id === s.name)!;
    const xi = randomBytes(32);
    const { publicKey, secretKey } = s.dsa.keygen(xi);
    const mPrime = formatPure(randomBytes(32));
    const sig = s.dsa.internal.sign(mPrime, secretKey, { extraEntropy: new Uint8Array(32) });
    const signInput = concat(secretKey, new Uint8Array(32), mPrime);
    const inputs: Record<string, Uint8Array> = {
      keygen: xi, sign: signInput, 'sign-lowmem': signInput, verify: concat(publicKey, sig, mPrime),
    };
    const probeHeader = 16; // heap_used() itself allocates one empty block
    for (const op of spec.ops) {
      expect(agent.run(s.name, op.op, inputs[op.op]).status).toBeGreaterThan(0);
      const used = Number(agent.exports.heap_used()) - probeHeader;
      expect(used - op.heapBytes!, `${s.name} ${op.op}: used ${used}`).toBeGreaterThanOrEqual(0);
      expect(used - op.heapBytes!, `${s.name} ${op.op}: used ${used}`).toBeLessThanOrEqual(32);
    }
  });
});
