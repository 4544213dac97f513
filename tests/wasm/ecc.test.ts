// ECDSA / ECDH kernels over P-256 and P-384 in Node's WebAssembly: RFC 6979 known answers,
// Wycheproof and ACVP vectors, and random cross-checks against node:crypto and @noble/curves.
import { describe, it, expect, beforeAll } from 'vitest';
import { createECDH, createHash, createPublicKey, verify as nodeVerify, randomBytes } from 'node:crypto';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, localJson, itWithVectors, hex, toHex } from '../support/vectors.ts';
import { P256, P384, ecKeyPair, nodeEcdsaSign } from '../../profiler/kernels/ecc.ts';
import { createRng, concat } from '../../profiler/kernels/rng.ts';

const BAD_INPUT = -1, AUTH_FAILED = -2;
let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const CURVES = { 'P-256': P256, 'P-384': P384 } as const;
type Curve = typeof P256;
const dev = (c: Curve, kind: 'ecdsa' | 'ecdh') => `${kind}-p${c.bytes * 8}`;

/** Big-endian integer bytes to exactly n bytes (drops leading zeros, left-pads). */
function fixed(b: Uint8Array, n: number): Uint8Array | undefined {
  let i = 0;
  while (i < b.length - n && b[i] === 0) i++;
  const t = b.subarray(i);
  return t.length > n ? undefined : concat(new Uint8Array(n - t.length), t);
}

/** bits2int input for the kernel: the hash truncated or left-padded to the scalar length. */
const digestFor = (c: Curve, h: Uint8Array) => (h.length >= c.bytes ? h.subarray(0, c.bytes) : fixed(h, c.bytes)!);

const verifyKernel = (c: Curve, pub: Uint8Array, digest: Uint8Array, sig: Uint8Array) =>
  agent.run(dev(c, 'ecdsa'), 'verify', concat(pub, digest, sig)).status;

/** Verifies with node:crypto: the independent check for signatures the kernel produced. */
function nodeVerifies(c: Curve, pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  const B = c.bytes;
  const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
  const key = createPublicKey({ format: 'jwk', key: { kty: 'EC', crv: c.jwkName,
    x: b64u(pub.subarray(1, 1 + B)), y: b64u(pub.subarray(1 + B)) } });
  return nodeVerify(c.hash, msg, { key, dsaEncoding: 'ieee-p1363' }, sig);
}

describe('ECDSA RFC 6979 known answers (A.2.5, A.2.6)', () => {
  for (const v of localJson('rfc6979-ecdsa.json').curves) {
    const c = CURVES[v.curve as keyof typeof CURVES];
    const d = hex(v.x), pub = concat(Uint8Array.of(4), hex(v.Ux), hex(v.Uy));
    it(`${v.curve}: keygen gives the published public key`, () => {
      const r = agent.run(dev(c, 'ecdsa'), 'keygen', d);
      expect(toHex(r.output)).toBe(toHex(pub));
    });
    for (const s of v.signatures) {
      const digest = new Uint8Array(createHash(v.hash).update(s.message).digest());
      const sig = concat(hex(s.r), hex(s.s));
      it(`${v.curve} "${s.message}": the published signature verifies`, () => {
        expect(verifyKernel(c, pub, digest, sig)).toBe(1);
      });
      it(`${v.curve} "${s.message}": sign reproduces it byte for byte`, () => {
        const r = agent.run(dev(c, 'ecdsa'), 'sign', concat(d, digest));
        expect(toHex(r.output)).toBe(toHex(sig));
      });
    }
  }
});

describe('ECDSA verify: Wycheproof P1363 vectors', () => {
  for (const [file, c] of [['ecdsa_secp256r1_sha256_p1363_test.json', P256],
    ['ecdsa_secp384r1_sha384_p1363_test.json', P384]] as const) {
    itWithVectors(file, () => {
      const data = sharedJson(`wycheproof/${file}`);
      const seen = new Set<string>();
      let n = 0;
      for (const g of data.testGroups) {
        const pub = hex(g.publicKey.uncompressed);
        for (const t of g.tests) {
          const sig = hex(t.sig);
          const digest = new Uint8Array(createHash(c.hash).update(hex(t.msg)).digest());
          const status = sig.length === 2 * c.bytes ? verifyKernel(c, pub, digest, sig) : AUTH_FAILED;
          if (t.result === 'valid') expect(status, `tcId ${t.tcId} ${t.comment}`).toBe(1);
          else if (t.result === 'invalid') expect(status, `tcId ${t.tcId} ${t.comment}`).toBeLessThan(0);
          t.flags.forEach((f: string) => seen.add(f));
          n++;
        }
      }
      expect(n).toBe(data.numberOfTests);
      expect(seen.size).toBeGreaterThan(5);
    });
  }
});

describe('ECDSA: ACVP FIPS 186-5 vectors', () => {
  const acvpHash = (alg: string, msg: Uint8Array): Uint8Array => {
    const map: Record<string, [string, number?]> = {
      'SHA2-224': ['sha224'], 'SHA2-256': ['sha256'], 'SHA2-384': ['sha384'], 'SHA2-512': ['sha512'],
      'SHA2-512/224': ['sha512-224'], 'SHA2-512/256': ['sha512-256'], 'SHA3-224': ['sha3-224'],
      'SHA3-256': ['sha3-256'], 'SHA3-384': ['sha3-384'], 'SHA3-512': ['sha3-512'],
      'SHAKE-128': ['shake128', 32], 'SHAKE-256': ['shake256', 64],
    };
    const [name, outputLength] = map[alg];
    return new Uint8Array(createHash(name, outputLength ? { outputLength } : undefined).update(msg).digest());
  };

  itWithVectors('ECDSA-SigVer (P-256, P-384, every hash)', () => {
    const data = sharedJson('acvp/ECDSA-SigVer-FIPS186-5.internalProjection.json');
    let n = 0;
    for (const g of data.testGroups) {
      const c = CURVES[g.curve as keyof typeof CURVES];
      if (!c) continue;
      for (const t of g.tests) {
        const pub = concat(Uint8Array.of(4), fixed(hex(t.qx), c.bytes)!, fixed(hex(t.qy), c.bytes)!);
        const digest = digestFor(c, acvpHash(g.hashAlg, hex(t.message)));
        const r = fixed(hex(t.r), c.bytes), s = fixed(hex(t.s), c.bytes);
        const status = r && s ? verifyKernel(c, pub, digest, concat(r, s)) : AUTH_FAILED;
        if (t.testPassed) expect(status, `tg ${g.tgId} tc ${t.tcId}`).toBe(1);
        else expect(status, `tg ${g.tgId} tc ${t.tcId} ${t.reason}`).toBeLessThan(0);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });

  itWithVectors('DetECDSA-SigGen: deterministic signatures match', () => {
    const data = sharedJson('acvp/DetECDSA-SigGen-FIPS186-5.internalProjection.trimmed.json');
    let n = 0;
    for (const g of data.testGroups) {
      const c = CURVES[g.curve as keyof typeof CURVES];
      if (!c) continue;
      const d = fixed(hex(g.d), c.bytes)!;
      for (const t of g.tests) {
        const digest = digestFor(c, acvpHash(g.hashAlg, hex(t.message)));
        const r = agent.run(dev(c, 'ecdsa'), 'sign', concat(d, digest));
        expect(toHex(r.output), `tc ${t.tcId}`).toBe((t.r + t.s).toLowerCase());
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
  });
});

describe('ECDSA cross-checks with node:crypto', () => {
  for (const c of [P256, P384]) {
    it(`${c.name}: node signatures verify; tampered ones and wrong keys do not`, () => {
      const rng = createRng(`ecdsa-cross-${c.name}`);
      for (let i = 0; i < 8; i++) {
        const { d, pub } = ecKeyPair(c, rng);
        const msg = rng.bytes(40);
        const { sig, digest } = nodeEcdsaSign(c, d, pub, msg);
        expect(verifyKernel(c, pub, digest, sig)).toBe(1);
        const bad = sig.slice(); bad[rng.int(bad.length)] ^= 1 << rng.int(8);
        expect(verifyKernel(c, pub, digest, bad)).toBe(AUTH_FAILED);
        const dig2 = digest.slice(); dig2[0] ^= 0x80;
        expect(verifyKernel(c, pub, dig2, sig)).toBe(AUTH_FAILED);
        expect(verifyKernel(c, ecKeyPair(c, rng).pub, digest, sig)).toBe(AUTH_FAILED);
      }
    });
    it(`${c.name}: kernel keys and signatures are accepted by node:crypto`, () => {
      const rng = createRng(`ecdsa-sign-${c.name}`);
      for (let i = 0; i < 8; i++) {
        const d = fixed(rng.bytes(c.bytes), c.bytes)!;
        const pub = agent.run(dev(c, 'ecdsa'), 'keygen', d).output;
        const msg = rng.bytes(33);
        const digest = new Uint8Array(createHash(c.hash).update(msg).digest());
        const sig = agent.run(dev(c, 'ecdsa'), 'sign', concat(d, digest)).output;
        expect(sig.length).toBe(2 * c.bytes);
        expect(nodeVerifies(c, pub, msg, sig)).toBe(true);
      }
    });
    it(`${c.name}: r, s outside [1, n-1] are rejected`, () => {
      const { d, pub } = ecKeyPair(c, createRng(`range-${c.name}`));
      const { sig, digest } = nodeEcdsaSign(c, d, pub, Uint8Array.of(1, 2, 3));
      const B = c.bytes;
      const n = hex(c.noble.Point.CURVE().n.toString(16).padStart(2 * B, '0'));
      for (const [r, s] of [[new Uint8Array(B), sig.subarray(B)], [sig.subarray(0, B), new Uint8Array(B)],
        [n, sig.subarray(B)], [sig.subarray(0, B), n], [new Uint8Array(B).fill(255), sig.subarray(B)]]) {
        expect(verifyKernel(c, pub, digest, concat(r, s))).toBe(AUTH_FAILED);
      }
    });
    it(`${c.name}: invalid keys and lengths are bad input`, () => {
      const { d, pub } = ecKeyPair(c, createRng(`bad-${c.name}`));
      const { sig, digest } = nodeEcdsaSign(c, d, pub, Uint8Array.of(9));
      const offCurve = pub.slice(); offCurve[offCurve.length - 1] ^= 1;
      const badPrefix = pub.slice(); badPrefix[0] = 3;
      expect(verifyKernel(c, offCurve, digest, sig)).toBe(BAD_INPUT);
      expect(verifyKernel(c, badPrefix, digest, sig)).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdsa'), 'verify', concat(pub, digest, sig).subarray(1)).status).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdsa'), 'keygen', new Uint8Array(c.bytes)).status).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdsa'), 'keygen', new Uint8Array(c.bytes).fill(255)).status).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdsa'), 'keygen', d.subarray(1)).status).toBe(BAD_INPUT);
    });
  }
});

describe('ECDH', () => {
  for (const [file, c] of [['ecdh_secp256r1_ecpoint_test.json', P256], ['ecdh_secp384r1_ecpoint_test.json', P384]] as const) {
    itWithVectors(`Wycheproof ${file}`, () => {
      const data = sharedJson(`wycheproof/${file}`);
      let run = 0;
      const comments = new Set<string>();
      for (const g of data.testGroups) for (const t of g.tests) {
        // every invalid case and every kind of valid case; other valid ones sampled 1 in 4 (time)
        const firstOfKind = !comments.has(t.comment);
        comments.add(t.comment);
        if (t.result !== 'invalid' && !firstOfKind && t.tcId % 4 !== 0) continue;
        const pub = hex(t.public), d = fixed(hex(t.private), c.bytes)!;
        if (pub.length !== 1 + 2 * c.bytes) {                           // compressed or malformed encodings
          expect(t.result === 'valid' ? (pub[0] === 2 || pub[0] === 3) : true, `tcId ${t.tcId}`).toBe(true);
          continue;
        }
        const r = agent.run(dev(c, 'ecdh'), 'shared', concat(d, pub));
        if (t.result === 'invalid') expect(r.status, `tcId ${t.tcId} ${t.comment}`).toBe(BAD_INPUT);
        else expect(toHex(r.output), `tcId ${t.tcId} ${t.comment}`).toBe(t.shared);
        run++;
      }
      expect(run).toBeGreaterThan(80);
    });
    it(`${c.name}: agrees with node:crypto both ways on random keys`, () => {
      for (let i = 0; i < 6; i++) {
        const a = createECDH(c.nodeName); a.generateKeys();
        const b = createECDH(c.nodeName); b.generateKeys();
        const want = toHex(a.computeSecret(b.getPublicKey()));
        const da = fixed(a.getPrivateKey(), c.bytes)!, db = fixed(b.getPrivateKey(), c.bytes)!;
        expect(toHex(agent.run(dev(c, 'ecdh'), 'shared', concat(da, b.getPublicKey())).output)).toBe(want);
        expect(toHex(agent.run(dev(c, 'ecdh'), 'shared', concat(db, a.getPublicKey())).output)).toBe(want);
        // and a kernel-made public key works with node
        const pubB = agent.run(dev(c, 'ecdsa'), 'keygen', db).output;
        expect(toHex(a.computeSecret(pubB))).toBe(want);
      }
    });
    it(`${c.name}: edge scalars (leading zero windows, n-1) agree with node:crypto`, () => {
      const n = c.noble.Point.CURVE().n;
      const peer = createECDH(c.nodeName); peer.generateKeys();
      for (const k of [1n, 2n, 3n, 15n, 16n, 17n, (1n << 64n) + 1n, 1n << 200n, n - 1n, n - 2n, n >> 1n]) {
        const d = hex(k.toString(16).padStart(2 * c.bytes, '0'));
        const ref = createECDH(c.nodeName); ref.setPrivateKey(d);
        expect(toHex(agent.run(dev(c, 'ecdsa'), 'keygen', d).output), `keygen ${k}`).toBe(toHex(ref.getPublicKey()));
        expect(toHex(agent.run(dev(c, 'ecdh'), 'shared', concat(d, peer.getPublicKey())).output), `ecdh ${k}`)
          .toBe(toHex(ref.computeSecret(peer.getPublicKey())));
      }
    });
    it(`${c.name}: off-curve, out-of-range and malformed peers are rejected`, () => {
      const d = fixed(randomBytes(c.bytes), c.bytes)!;
      d[0] &= 0x7f;
      const peer = ecKeyPair(c, createRng(`peer-${c.name}`)).pub;
      const off = peer.slice(); off[5] ^= 4;
      const big = peer.slice(); big.fill(255, 1, 1 + c.bytes);            // x >= p
      const zero = concat(Uint8Array.of(4), new Uint8Array(2 * c.bytes));
      for (const p of [off, big, zero]) expect(agent.run(dev(c, 'ecdh'), 'shared', concat(d, p)).status).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdh'), 'shared', concat(new Uint8Array(c.bytes), peer)).status).toBe(BAD_INPUT);
      expect(agent.run(dev(c, 'ecdh'), 'shared', concat(d, peer.subarray(1))).status).toBe(BAD_INPUT);
    });
  }
});
