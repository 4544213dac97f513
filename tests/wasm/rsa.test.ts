// RSA kernel in Node's WebAssembly: Wycheproof PKCS#1 v1.5 and PSS vectors, ACVP RSA SigVer,
// and cross-checks against node:crypto (verification of node signatures, CRT signing).
import { describe, it, expect, beforeAll } from 'vitest';
import { constants, createHash, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, itWithVectors, hex, toHex } from '../support/vectors.ts';
import { rsaKey, rsaVerifyInput, rsaSignInput, modulusOf, beFixed, RSA_HASH_IDS } from '../../profiler/kernels/rsa.ts';
import { createRng, concat } from '../../profiler/kernels/rng.ts';

const BAD_INPUT = -1, AUTH_FAILED = -2;
let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const WY_HASH: Record<string, string> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const digestOf = (hash: string, m: Uint8Array) => new Uint8Array(createHash(hash).update(m).digest());
const eValue = (e: string) => BigInt('0x' + e);

function verifyStatus(pss: boolean, n: Uint8Array, e: number | bigint, sig: Uint8Array, hash: string, digest: Uint8Array, sLen?: number) {
  if (sig.length !== n.length) return AUTH_FAILED;                   // not representable: a wrong-length signature
  return agent.run(pss ? 'rsa-pss' : 'rsa-pkcs1', 'verify', rsaVerifyInput(n, e, sig, hash, digest, sLen)).status;
}

/** Runs a Wycheproof file: every (result, flags) kind at least once, the rest 1 in `every`. */
function runWycheproof(file: string, pss: boolean, every: number) {
  const data = sharedJson(`wycheproof/${file}`);
  const kinds = new Set<string>();
  let run = 0;
  for (const g of data.testGroups) {
    const hash = WY_HASH[g.sha];
    if (pss && g.mgfSha !== g.sha) continue;                          // the kernel uses MGF1 with the same hash
    const n = beFixed(hex(g.publicKey.modulus), g.keySize / 8);
    const e = eValue(g.publicKey.publicExponent);
    for (const t of g.tests) {
      const kind = `${t.result}:${[...t.flags].sort().join(',')}`;
      if (kinds.has(kind) && t.tcId % every !== 0) continue;
      kinds.add(kind);
      if (t.result === 'acceptable') continue;
      const status = verifyStatus(pss, n, e, hex(t.sig), hash, digestOf(hash, hex(t.msg)), pss ? g.sLen : undefined);
      if (t.result === 'valid') expect(status, `${file} tcId ${t.tcId} ${t.comment}`).toBe(1);
      else expect(status, `${file} tcId ${t.tcId} ${t.comment} ${t.flags}`).toBe(AUTH_FAILED);
      run++;
    }
  }
  expect(run).toBeGreaterThan(10);
}

describe('RSASSA-PKCS1-v1_5 verify: Wycheproof', () => {
  for (const bits of [2048, 3072, 4096]) for (const h of ['sha256', 'sha384', 'sha512']) {
    const file = `rsa_signature_${bits}_${h}_test.json`;
    itWithVectors(file, () => runWycheproof(file, false, bits === 2048 ? 2 : 6), 30_000);
  }
});

describe('RSASSA-PSS verify: Wycheproof', () => {
  for (const file of ['rsa_pss_2048_sha256_mgf1_0_test.json', 'rsa_pss_2048_sha256_mgf1_32_test.json',
    'rsa_pss_2048_sha384_mgf1_48_test.json', 'rsa_pss_3072_sha256_mgf1_32_test.json',
    'rsa_pss_4096_sha256_mgf1_32_test.json', 'rsa_pss_4096_sha384_mgf1_48_test.json',
    'rsa_pss_4096_sha512_mgf1_64_test.json']) {
    itWithVectors(file, () => runWycheproof(file, true, file.includes('2048') ? 2 : 5), 30_000);
  }
});

itWithVectors('ACVP RSA SigVer (FIPS 186-5), PKCS#1 v1.5 groups with SHA-2', () => {
  const data = sharedJson('acvp/RSA-SigVer-FIPS186-5.internalProjection.json');
  const map: Record<string, string> = { 'SHA2-256': 'sha256', 'SHA2-384': 'sha384', 'SHA2-512': 'sha512' };
  let run = 0;
  for (const g of data.testGroups) {
    const hash = map[g.hashAlg];
    if (g.sigType !== 'pkcs1v1.5' || !hash) continue;                // PSS groups use SHA-3/SHAKE: not built in
    const n = beFixed(hex(g.n), g.modulo / 8), e = eValue(g.e);
    for (const t of g.tests) {
      const status = verifyStatus(false, n, e, beFixed(hex(t.signature), g.modulo / 8), hash, digestOf(hash, hex(t.message)));
      expect(status, `tg ${g.tgId} tc ${t.tcId} ${t.reason}`).toBe(t.testPassed ? 1 : AUTH_FAILED);
      run++;
    }
  }
  expect(run).toBeGreaterThan(20);
}, 30_000);

describe('cross-checks with node:crypto', () => {
  for (const bits of [2048, 3072, 4096]) {
    it(`${bits}-bit: node PKCS#1 v1.5 and PSS signatures verify, tampered ones do not`, () => {
      const key = rsaKey(bits), n = modulusOf(key), rng = createRng(`rsa-${bits}`);
      for (const hash of ['sha256', 'sha384', 'sha512']) {
        const msg = rng.bytes(50), digest = digestOf(hash, msg);
        const sig = new Uint8Array(nodeSign(hash, msg, key.privateKey));
        expect(verifyStatus(false, n, 65537, sig, hash, digest)).toBe(1);
        const bad = sig.slice(); bad[rng.int(bad.length)] ^= 1 << rng.int(8);
        expect(verifyStatus(false, n, 65537, bad, hash, digest)).toBe(AUTH_FAILED);
        const sLen = { sha256: 32, sha384: 48, sha512: 64 }[hash]!;
        const pss = new Uint8Array(nodeSign(hash, msg, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: sLen }));
        expect(verifyStatus(true, n, 65537, pss, hash, digest, sLen)).toBe(1);
        expect(verifyStatus(true, n, 65537, pss, hash, digest, sLen - 1)).toBe(AUTH_FAILED);
        expect(verifyStatus(true, n, 65537, sig, hash, digest, sLen)).toBe(AUTH_FAILED);   // wrong primitive
        const dig2 = digest.slice(); dig2[3] ^= 2;
        expect(verifyStatus(true, n, 65537, pss, hash, dig2, sLen)).toBe(AUTH_FAILED);
      }
    }, 30_000);
  }

  it('2048-bit CRT signing matches node:crypto byte for byte (deterministic) and verifies', () => {
    const key = rsaKey(2048), rng = createRng('rsa-sign');
    for (let i = 0; i < 4; i++) for (const hash of ['sha256', 'sha384', 'sha512']) {
      const msg = rng.bytes(20 + i), digest = digestOf(hash, msg);
      const r = agent.run('rsa-pkcs1', 'sign', rsaSignInput(key, hash, digest));
      expect(r.status).toBe(256);
      expect(toHex(r.output)).toBe(toHex(nodeSign(hash, msg, key.privateKey)));
      expect(nodeVerify(hash, msg, createPublicKey(key.privateKey), r.output)).toBe(true);
    }
  }, 30_000);

  it('malformed inputs are bad input', () => {
    const key = rsaKey(2048), n = modulusOf(key);
    const sig = new Uint8Array(nodeSign('sha256', Uint8Array.of(1), key.privateKey));
    const digest = digestOf('sha256', Uint8Array.of(1));
    const good = rsaVerifyInput(n, 65537, sig, 'sha256', digest);
    expect(agent.run('rsa-pkcs1', 'verify', good).status).toBe(1);
    expect(agent.run('rsa-pkcs1', 'verify', good.subarray(0, good.length - 1)).status).toBe(BAD_INPUT);
    const even = n.slice(); even[even.length - 1] &= 0xfe;
    expect(agent.run('rsa-pkcs1', 'verify', rsaVerifyInput(even, 65537, sig, 'sha256', digest)).status).toBe(BAD_INPUT);
    const badAlg = good.slice(); badAlg[4 + 256 + 4 + 3 + 256] = 7;
    expect(agent.run('rsa-pkcs1', 'verify', badAlg).status).toBe(BAD_INPUT);
    expect(agent.run('rsa-pkcs1', 'verify', rsaVerifyInput(n, 65536, sig, 'sha256', digest)).status).toBe(BAD_INPUT);
    // signature >= n is rejected as a bad signature
    expect(agent.run('rsa-pkcs1', 'verify', rsaVerifyInput(n, 65537, n, 'sha256', digest)).status).toBe(AUTH_FAILED);
    const sign = rsaSignInput(key, 'sha256', digest);
    expect(agent.run('rsa-pkcs1', 'sign', sign.subarray(0, sign.length - 1)).status).toBe(BAD_INPUT);
    expect(RSA_HASH_IDS.sha512).toBe(2);
    void concat;
  });
});
