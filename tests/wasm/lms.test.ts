// LMS/HSS verification kernel (RFC 8554, SP 800-208) in Node's WebAssembly: RFC 8554 Appendix F,
// ACVP LMS sigVer/sigGen (SHA-256/192), host-signed keys for every SHA-256 and SHA-256/192
// parameter set and HSS depth, tampered and truncated inputs.
import { describe, it, expect, beforeAll } from 'vitest';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, itWithVectors, hex } from '../support/vectors.ts';
import { createRng } from '../../profiler/kernels/rng.ts';
import { hssSign, lmsParams, otsParams } from '../../profiler/kernels/lms.ts';

const BAD_INPUT = -1, AUTH_FAILED = -2;

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const cat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const u32 = (v: number) => new Uint8Array([v >>> 24, (v >> 16) & 0xff, (v >> 8) & 0xff, v & 0xff]);
const verify = (input: Uint8Array) => {
  const { status, output } = agent.run('lms', 'verify', input);
  if (status === 1) expect(output[0]).toBe(1);
  return status;
};
/** A single-level LMS key and signature, as the L = 1 HSS encoding the kernel takes. */
const asHss = (pk: Uint8Array, sig: Uint8Array, msg: Uint8Array) => cat(u32(1), pk, u32(0), sig, msg);
const passed = (t: any) => String(t.testPassed).toLowerCase() === 'true';

describe('LMS/HSS published vectors', () => {
  itWithVectors('RFC 8554 Appendix F test cases 1 and 2 (HSS L=2) verify; altered ones do not', () => {
    const { testCases } = sharedJson('rfc8554/rfc8554_hss_testcases.json');
    expect(testCases.length).toBe(2);
    for (const t of testCases) {
      const pk = hex(t.publicKey), sig = hex(t.signature), msg = hex(t.message);
      expect(verify(cat(pk, sig, msg)), t.name).toBe(1);
      const badMsg = msg.slice(); badMsg[3] ^= 0x20;
      expect(verify(cat(pk, sig, badMsg)), t.name).toBe(AUTH_FAILED);
      for (const at of [12, 100, 1500, sig.length - 1]) {              // in C, y, path, last path node
        const badSig = sig.slice(); badSig[at] ^= 0x01;
        expect(verify(cat(pk, badSig, msg)), `${t.name} sig byte ${at}`).toBe(AUTH_FAILED);
      }
      const badPk = pk.slice(); badPk[pk.length - 1] ^= 0x80;           // root T[1]
      expect(verify(cat(badPk, sig, msg)), t.name).toBe(AUTH_FAILED);
    }
  });

  for (const file of ['LMS-sigVer-1.0', 'LMS-sigVer-SP800-208']) {
    itWithVectors(`ACVP ${file}: valid accepted, invalid rejected`, () => {
      let valid = 0, invalid = 0;
      for (const g of sharedJson(`acvp/${file}.internalProjection.json`).testGroups) {
        for (const t of g.tests) {
          const status = verify(asHss(hex(g.publicKey), hex(t.signature), hex(t.message)));
          const id = `${file} tcId ${t.tcId} (${t.reason})`;
          if (passed(t)) { expect(status, id).toBe(1); valid++; }
          else { expect(status, id).toBeLessThan(0); invalid++; }
        }
      }
      expect(valid).toBeGreaterThan(0);
      expect(invalid).toBeGreaterThan(0);
    });
  }

  for (const file of ['LMS-sigGen-1.0', 'LMS-sigGen-SP800-208']) {
    itWithVectors(`ACVP ${file}: every published signature verifies`, () => {
      let n = 0;
      for (const g of sharedJson(`acvp/${file}.internalProjection.json`).testGroups) {
        for (const t of g.tests) {
          expect(verify(asHss(hex(g.publicKey), hex(t.signature), hex(t.message))), `${file} tcId ${t.tcId}`).toBe(1);
          n++;
        }
      }
      expect(n).toBeGreaterThan(10);
    });
  }
});

describe('LMS/HSS against the host signer', () => {
  it('LM-OTS parameters match RFC 8554 Table 1 and SP 800-208', () => {
    const got = [1, 2, 3, 4, 5, 6, 7, 8].map((t) => { const o = otsParams(t); return [o.n, o.w, o.p, o.ls]; });
    expect(got).toEqual([[32, 1, 265, 7], [32, 2, 133, 6], [32, 4, 67, 4], [32, 8, 34, 0],
      [24, 1, 200, 8], [24, 2, 101, 6], [24, 4, 51, 4], [24, 8, 26, 0]]);
    expect([5, 9, 10, 14].map((t) => [lmsParams(t).m, lmsParams(t).h])).toEqual([[32, 5], [32, 25], [24, 5], [24, 25]]);
  });

  // Every LM-OTS type with every tree height of its hash size, 1-3 levels.
  const sets = [[1, 5], [2, 6], [3, 7], [4, 8], [1, 9], [5, 10], [6, 11], [7, 12], [8, 13], [7, 14]];
  for (const [ots, lms] of sets) {
    it(`LM-OTS type ${ots} with LMS type ${lms}: valid accepted, tampered rejected`, () => {
      const rng = createRng(`lms-test/${ots}/${lms}`);
      const levels = 1 + (ots % 3);
      const msg = rng.bytes(1 + rng.int(300));
      const { publicKey, signature } = hssSign(levels, lmsParams(lms), otsParams(ots), msg, rng);
      expect(verify(cat(publicKey, signature, msg))).toBe(1);
      const badMsg = msg.slice(); badMsg[msg.length - 1] ^= 1;
      expect(verify(cat(publicKey, signature, badMsg))).toBe(AUTH_FAILED);
      const badSig = signature.slice(); badSig[40] ^= 4;
      expect(verify(cat(publicKey, badSig, msg))).toBe(AUTH_FAILED);
    });
  }

  it('an empty message and a level-count mismatch', () => {
    const rng = createRng('lms-test/empty');
    const { publicKey, signature } = hssSign(2, lmsParams(5), otsParams(3), new Uint8Array(0), rng);
    expect(verify(cat(publicKey, signature))).toBe(1);
    const wrongL = publicKey.slice(); wrongL[3] = 3;
    expect(verify(cat(wrongL, signature))).toBe(AUTH_FAILED);
  });
});

describe('LMS/HSS malformed input', () => {
  it('truncated public keys and signatures give STATUS_BAD_INPUT', () => {
    const rng = createRng('lms-test/truncated');
    const { publicKey, signature } = hssSign(2, lmsParams(5), otsParams(4), new Uint8Array(0), rng);
    const whole = cat(publicKey, signature);
    expect(verify(whole)).toBe(1);
    const cuts = [0, 3, 4, 30, publicKey.length - 1, publicKey.length, publicKey.length + 3];
    for (let at = publicKey.length + 4; at < whole.length; at += 37) cuts.push(at);
    cuts.push(whole.length - 1);
    for (const at of cuts) expect(verify(whole.subarray(0, at)), `cut at ${at} of ${whole.length}`).toBe(BAD_INPUT);
  });

  it('unknown types: in the public key STATUS_BAD_INPUT, in the signature STATUS_AUTH_FAILED', () => {
    const rng = createRng('lms-test/types');
    const msg = rng.bytes(32);
    const { publicKey, signature } = hssSign(1, lmsParams(5), otsParams(3), msg, rng);
    const pk = publicKey.slice(); pk[7] = 99;                       // LMS type
    expect(verify(cat(pk, signature, msg))).toBe(BAD_INPUT);
    const mixed = publicKey.slice(); mixed[11] = 7;                  // N24 OTS under an M32 tree
    expect(verify(cat(mixed, signature, msg))).toBe(BAD_INPUT);
    const sig = signature.slice(); sig[11] = 2;                       // OTS type differs from the key's
    expect(verify(cat(publicKey, sig, msg))).toBe(AUTH_FAILED);
    const q = signature.slice(); q[4] = 0x80;                         // leaf index q >= 2^h
    expect(verify(cat(publicKey, q, msg))).toBe(AUTH_FAILED);
  });
});
