// AES-CTR/GCM/CCM kernels in Node's WebAssembly: FIPS 197 / SP 800-38A / GCM / RFC 3610 KATs,
// ACVP CTR and GCM, Wycheproof GCM and CCM, property cross-checks against node:crypto
// around block boundaries, forgery rejection with zeroized output, malformed inputs.
import { describe, it, expect, beforeAll } from 'vitest';
import fc from 'fast-check';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { sharedJson, localJson, itWithVectors, hex, toHex } from '../support/vectors.ts';
import { ctrInput, aeadInput, ctrRef, gcmRef, ccmRef } from '../../profiler/kernels/aes.ts';
import { concat } from '../../profiler/kernels/rng.ts';

const STATUS_BAD_INPUT = -1, STATUS_AUTH_FAILED = -2;

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const kat = localJson('aes-kat.json');
const ctr = (key: Uint8Array, iv: Uint8Array, data: Uint8Array) => agent.run('aes-ctr', 'encrypt', ctrInput(key, iv, data));
type Mode = 'aes-gcm' | 'aes-ccm';
const seal = (mode: Mode, key: Uint8Array, tagLen: number, nonce: Uint8Array, aad: Uint8Array, pt: Uint8Array) =>
  agent.run(mode, 'encrypt', aeadInput(key, tagLen, nonce, aad, pt));
const open = (mode: Mode, key: Uint8Array, tagLen: number, nonce: Uint8Array, aad: Uint8Array, sealed: Uint8Array) =>
  agent.run(mode, 'decrypt', aeadInput(key, tagLen, nonce, aad, sealed));

/** Decrypts with the output buffer pre-filled, and returns the status and the first n output bytes. */
function openAndReadBuffer(mode: Mode, input: Uint8Array, n: number) {
  const out = new Uint8Array(agent.memory.buffer, agent.exports.io_output(), Math.max(n, 1));
  out.fill(0xa5);
  const { status } = agent.run(mode, 'decrypt', input);
  return { status, buffer: new Uint8Array(agent.memory.buffer, agent.exports.io_output(), n).slice() };
}

describe('known answers', () => {
  it('FIPS 197 Appendix C: one block per key length (CTR with the block as counter)', () => {
    for (const v of kat.block) {
      const { status, output } = ctr(hex(v.key), hex(v.pt), new Uint8Array(16));
      expect(status, v.ref).toBe(16);
      expect(toHex(output), v.ref).toBe(v.ct);
    }
  });
  it('SP 800-38A F.5 CTR-AES128/192/256', () => {
    for (const v of kat.ctr) expect(toHex(ctr(hex(v.key), hex(v.iv), hex(v.pt)).output), v.ref).toBe(v.ct);
  });
  it('GCM spec test cases 2 and 3, both directions', () => {
    for (const v of kat.gcm) {
      const sealed = hex(v.ct + v.tag);
      expect(toHex(seal('aes-gcm', hex(v.key), 16, hex(v.iv), hex(v.aad), hex(v.pt)).output), v.ref).toBe(v.ct + v.tag);
      expect(toHex(open('aes-gcm', hex(v.key), 16, hex(v.iv), hex(v.aad), sealed).output), v.ref).toBe(v.pt);
    }
  });
  it('RFC 3610 packet vector #1 (CCM, 8-byte tag), both directions', () => {
    for (const v of kat.ccm) {
      expect(toHex(seal('aes-ccm', hex(v.key), 8, hex(v.nonce), hex(v.aad), hex(v.pt)).output), v.ref).toBe(v.ct + v.tag);
      expect(toHex(open('aes-ccm', hex(v.key), 8, hex(v.nonce), hex(v.aad), hex(v.ct + v.tag)).output)).toBe(v.pt);
    }
  });
});

describe('ACVP', () => {
  itWithVectors('AES-CTR-1.0: every byte-aligned case; bit-length payloads (not supported) counted', () => {
    const file = sharedJson('acvp/ACVP-AES-CTR-1.0.internalProjection.json');
    let run = 0, skipped = 0;
    for (const g of file.testGroups) {
      for (const t of g.tests) {
        // Bit-oriented payloads (payloadLen % 8 != 0) are outside a byte-oriented kernel.
        if (t.payloadLen % 8 !== 0) { skipped++; continue; }
        const [from, to] = g.direction === 'encrypt' ? [t.pt, t.ct] : [t.ct, t.pt];
        const { status, output } = ctr(hex(t.key), hex(t.iv), hex(from));
        expect(status, `tc ${t.tcId}`).toBe(t.payloadLen / 8);
        expect(toHex(output).toUpperCase(), `tc ${t.tcId}`).toBe(to);
        run++;
      }
    }
    expect(skipped).toBe(52);
    expect(run).toBe(98);
  });

  itWithVectors('AES-GCM-1.0: encrypt and decrypt (96- and 120-bit IVs, 32- and 128-bit tags)', () => {
    const file = sharedJson('acvp/ACVP-AES-GCM-1.0.internalProjection.json');
    let rejected = 0, run = 0;
    for (const g of file.testGroups) {
      const tagLen = g.tagLen / 8;
      for (const t of g.tests) {
        const key = hex(t.key), iv = hex(t.iv), aad = hex(t.aad);
        if (g.direction === 'encrypt') {
          const { output } = seal('aes-gcm', key, tagLen, iv, aad, hex(t.pt));
          expect(toHex(output).toUpperCase(), `tc ${t.tcId}`).toBe(t.ct + t.tag);
        } else {
          const { status, output } = open('aes-gcm', key, tagLen, iv, aad, hex(t.ct + t.tag));
          if (t.testPassed === false) { expect(status, `tc ${t.tcId}`).toBe(STATUS_AUTH_FAILED); rejected++; }
          else expect(toHex(output).toUpperCase(), `tc ${t.tcId}`).toBe(t.pt);
        }
        run++;
      }
    }
    expect(run).toBe(60);
    expect(rejected).toBe(10);
  });
});

describe('Wycheproof', () => {
  /** Valid tests must round-trip exactly; invalid ones must be rejected by one of the two ops. */
  function runWycheproof(file: string, mode: Mode) {
    const data = sharedJson(file);
    let valid = 0, invalid = 0;
    for (const g of data.testGroups) {
      const tagLen = g.tagSize / 8;
      for (const t of g.tests) {
        const key = hex(t.key), iv = hex(t.iv), aad = hex(t.aad), msg = hex(t.msg);
        const sealed = concat(hex(t.ct), hex(t.tag));
        const d = open(mode, key, tagLen, iv, aad, sealed);
        const id = `${file} tc ${t.tcId} (${t.comment})`;
        if (t.result === 'valid') {
          expect(d.status, id).toBe(msg.length);
          expect(toHex(d.output), id).toBe(t.msg);
          const e = seal(mode, key, tagLen, iv, aad, msg);
          expect(toHex(e.output), id).toBe(toHex(sealed));
          valid++;
        } else {
          expect([STATUS_AUTH_FAILED, STATUS_BAD_INPUT], id).toContain(d.status);
          invalid++;
        }
      }
    }
    return { valid, invalid };
  }
  // Every nonce length is supported (GCM hashes nonces other than 96 bits), so nothing is skipped.
  itWithVectors('aes_gcm_test.json: all 316 tests', () => {
    expect(runWycheproof('wycheproof/aes_gcm_test.json', 'aes-gcm')).toEqual({ valid: 229, invalid: 87 });
  });
  itWithVectors('aes_ccm_test.json: all 552 tests', () => {
    expect(runWycheproof('wycheproof/aes_ccm_test.json', 'aes-ccm')).toEqual({ valid: 405, invalid: 147 });
  });
});

describe('cross-checks against node:crypto', () => {
  const keyLen = fc.constantFrom(16, 24, 32);
  const bytes = (max: number) => fc.uint8Array({ minLength: 0, maxLength: max });
  // Lengths cluster around 16- and 32-byte boundaries (the two-block cipher call).
  const boundaryLen = fc.oneof(fc.integer({ min: 0, max: 100 }),
    fc.integer({ min: 1, max: 40 }).chain((b) => fc.integer({ min: b * 16 - 2, max: b * 16 + 2 })));

  it('CTR, including counter carries across 32/64/96-bit words', () => {
    const iv = fc.oneof(fc.uint8Array({ minLength: 16, maxLength: 16 }),
      fc.integer({ min: 1, max: 15 }).map((k) => { const v = new Uint8Array(16); v.fill(0xff, 16 - k); v[15] = 0xfd; return v; }));
    fc.assert(fc.property(keyLen, iv, boundaryLen, fc.integer(), (kl, v, n, seed) => {
      const key = new Uint8Array(kl).map((_, i) => (seed >>> (i % 24)) & 0xff), m = new Uint8Array(n).map((_, i) => i * 7 + seed);
      return toHex(ctr(key, v, m).output) === toHex(ctrRef(key, v, m));
    }), { numRuns: 300 });
  });

  it('GCM both directions, any nonce length, tags 4/8/12..16', () => {
    fc.assert(fc.property(keyLen, fc.oneof(fc.constant(12), fc.integer({ min: 1, max: 70 })), bytes(40),
      boundaryLen, fc.constantFrom(4, 8, 12, 13, 14, 15, 16), fc.integer(), (kl, nl, aad, n, tl, seed) => {
        const key = new Uint8Array(kl).map((_, i) => i ^ seed), nonce = new Uint8Array(nl).map((_, i) => i + seed);
        const pt = new Uint8Array(n).map((_, i) => i * 13 + seed);
        const want = gcmRef(key, tl, nonce, aad, pt);
        return toHex(seal('aes-gcm', key, tl, nonce, aad, pt).output) === toHex(want)
          && toHex(open('aes-gcm', key, tl, nonce, aad, want).output) === toHex(pt);
      }), { numRuns: 300 });
  });

  it('CCM both directions, nonces 7..13, even tags 4..16, aad across the 2-byte length form', () => {
    const aadLen = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 },
      { arbitrary: fc.integer({ min: 0xfefe, max: 0xff02 }), weight: 1 });
    fc.assert(fc.property(keyLen, fc.integer({ min: 7, max: 13 }), aadLen, boundaryLen.filter((n) => n > 0),
      fc.constantFrom(4, 6, 8, 10, 12, 14, 16), fc.integer(), (kl, nl, al, n, tl, seed) => {
        const key = new Uint8Array(kl).map((_, i) => i ^ seed), nonce = new Uint8Array(nl).map((_, i) => i + seed);
        const aad = new Uint8Array(al).map((_, i) => i * 3), pt = new Uint8Array(n).map((_, i) => i * 13 + seed);
        const want = ccmRef(key, tl, nonce, aad, pt);
        const run = (op: string, text: Uint8Array) => agent.runLarge('aes-ccm', op, aeadInput(key, tl, nonce, aad, text));
        return toHex(run('encrypt', pt).output) === toHex(want) && toHex(run('decrypt', want).output) === toHex(pt);
      }), { numRuns: 120 });
  });

  it('16 KiB messages (beyond the on-board output buffer) in all three modes', () => {
    const key = hex('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
    const m = new Uint8Array(16384).map((_, i) => i * 31), nonce = hex('00112233445566778899aabbcc'), aad = hex('abcd');
    const iv = concat(nonce, hex('fffffe'));
    expect(toHex(agent.runLarge('aes-ctr', 'encrypt', ctrInput(key, iv, m)).output)).toBe(toHex(ctrRef(key, iv, m)));
    expect(toHex(agent.runLarge('aes-gcm', 'encrypt', aeadInput(key, 16, nonce.subarray(0, 12), aad, m), 20000).output))
      .toBe(toHex(gcmRef(key, 16, nonce.subarray(0, 12), aad, m)));
    expect(toHex(agent.runLarge('aes-ccm', 'encrypt', aeadInput(key, 16, nonce, aad, m), 20000).output))
      .toBe(toHex(ccmRef(key, 16, nonce, aad, m)));
  });
});

describe('forgeries and malformed input', () => {
  const key = hex('feffe9928665731c6d6a8f9467308308'), aad = hex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const pt = new Uint8Array(60).map((_, i) => i);
  const n13 = hex('00000003020100a0a1a2a3a4a5');
  const cases: [Mode, number, Uint8Array][] = [
    ['aes-gcm', 16, hex('cafebabefacedbaddecaf888')], ['aes-ccm', 8, n13], ['aes-ccm', 4, n13]];

  it.each(cases)('%s (tag %i): flipped tag, ciphertext, aad or nonce bit -> AUTH_FAILED, output zeroized', (mode, tl, nonce) => {
    const sealed = seal(mode, key, tl, nonce, aad, pt).output;
    expect(toHex(open(mode, key, tl, nonce, aad, sealed).output)).toBe(toHex(pt));
    const tamper = (b: Uint8Array, i: number) => { const c = b.slice(); c[i] ^= 0x80; return c; };
    const forged = [
      aeadInput(key, tl, nonce, aad, tamper(sealed, sealed.length - 1)),
      aeadInput(key, tl, nonce, aad, tamper(sealed, 0)),
      aeadInput(key, tl, nonce, aad, tamper(sealed, 31)),
      aeadInput(key, tl, nonce, tamper(aad, 5), sealed),
      aeadInput(key, tl, tamper(nonce, 3), aad, sealed),
    ];
    for (const input of forged) {
      const { status, buffer } = openAndReadBuffer(mode, input, pt.length);
      expect(status).toBe(STATUS_AUTH_FAILED);
      expect(buffer.every((b) => b === 0), 'output zeroized').toBe(true);
    }
  });

  it('truncated inputs -> BAD_INPUT (every prefix shorter than the fixed fields)', () => {
    const k = new Uint8Array(32);
    const c = ctrInput(k, new Uint8Array(16), new Uint8Array(0));
    for (let n = 0; n < c.length; n++) {
      expect(agent.run('aes-ctr', 'encrypt', c.subarray(0, n)).status, `ctr ${n}`).toBe(STATUS_BAD_INPUT);
    }
    for (const [mode, tl, nonce] of cases) {
      const full = aeadInput(k, tl, nonce, aad, new Uint8Array(tl)); // decrypt: the text is just a tag
      for (let n = 0; n < full.length; n++) {
        expect(agent.run(mode, 'decrypt', full.subarray(0, n)).status, `${mode} ${n}`).toBe(STATUS_BAD_INPUT);
      }
      const header = aeadInput(k, tl, nonce, aad, new Uint8Array(0));
      for (let n = 0; n < header.length; n++) {
        expect(agent.run(mode, 'encrypt', header.subarray(0, n)).status, `${mode} enc ${n}`).toBe(STATUS_BAD_INPUT);
      }
    }
  });

  it('unsupported parameters -> BAD_INPUT', () => {
    const n12 = new Uint8Array(12), n13 = new Uint8Array(13), m = new Uint8Array(20), k16 = new Uint8Array(16);
    const gcmStatus = (tl: number, nonce: Uint8Array) => seal('aes-gcm', k16, tl, nonce, m, m).status;
    const ccmStatus = (tl: number, nonce: Uint8Array) => seal('aes-ccm', k16, tl, nonce, m, m).status;
    expect(ctr(new Uint8Array(17), new Uint8Array(16), m).status).toBe(STATUS_BAD_INPUT);
    expect(seal('aes-gcm', new Uint8Array(20), 16, n12, m, m).status).toBe(STATUS_BAD_INPUT);
    for (const tl of [0, 3, 5, 11, 17]) expect(gcmStatus(tl, n12), `gcm tag ${tl}`).toBe(STATUS_BAD_INPUT);
    expect(gcmStatus(16, new Uint8Array(0)), 'gcm empty nonce').toBe(STATUS_BAD_INPUT);
    for (const tl of [0, 2, 5, 18]) expect(ccmStatus(tl, n13), `ccm tag ${tl}`).toBe(STATUS_BAD_INPUT);
    for (const nl of [6, 14]) expect(ccmStatus(8, new Uint8Array(nl)), `ccm nonce ${nl}`).toBe(STATUS_BAD_INPUT);
    // CCM with a 13-byte nonce has a 2-byte length field: 65535 bytes is the largest message.
    const big = new Uint8Array(65536);
    expect(agent.runLarge('aes-ccm', 'encrypt', aeadInput(k16, 4, n13, m, big), 70000).status).toBe(STATUS_BAD_INPUT);
    expect(agent.runLarge('aes-ccm', 'encrypt', aeadInput(k16, 4, n13, m, big.subarray(1)), 70000).output)
      .toEqual(ccmRef(k16, 4, n13, m, big.subarray(1)));
    const lying = aeadInput(k16, 16, n12, m, m);
    new DataView(lying.buffer).setUint32(4 + 16 + 12, 1000, true); // aad_len beyond the input
    expect(agent.run('aes-gcm', 'encrypt', lying).status).toBe(STATUS_BAD_INPUT);
  });
});
