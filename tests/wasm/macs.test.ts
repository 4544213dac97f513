// HMAC and HKDF kernels: RFC 4231 / NIST example values and RFC 5869 KATs (tests/vectors),
// NIST ACVP HMAC and Wycheproof HMAC/HKDF vectors, node:crypto on key and message lengths
// around the block boundaries, and malformed inputs (STATUS_BAD_INPUT / OUTPUT_TOO_SMALL).
import { describe, it, expect, beforeAll } from 'vitest';
import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { itWithVectors, sharedJson, localJson, hex, toHex } from '../support/vectors.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const BAD_INPUT = -1, OUTPUT_TOO_SMALL = -3;
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const BLOCK: Record<string, number> = { sha256: 64, sha384: 128, sha512: 128 };
const DIGEST: Record<string, number> = { sha256: 32, sha384: 48, sha512: 64 };

function hmacKernel(hash: string, key: Uint8Array, msg: Uint8Array) {
  return agent.run(`hmac-${hash}`, 'mac', Buffer.concat([u32(key.length), key, msg]));
}
function hkdfInput(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number) {
  return Buffer.concat([u32(ikm.length), u32(salt.length), u32(info.length), u32(length), ikm, salt, info]);
}
function hkdfKernel(hash: string, ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number) {
  const input = hkdfInput(ikm, salt, info, length);
  return length > agent.exports.io_output_cap() ? agent.runLarge(`hkdf-${hash}`, 'derive', input)
    : agent.run(`hkdf-${hash}`, 'derive', input);
}

describe('HMAC known answers', () => {
  it('RFC 4231 (HMAC-SHA-256) and NIST example values (SHA-256/384/512)', () => {
    const { tests } = localJson('hmac-kat.json');
    expect(tests.length).toBe(16);
    for (const t of tests) {
      const { status, output } = hmacKernel(t.hash, hex(t.key), hex(t.data));
      expect(status, t.source).toBe(DIGEST[t.hash]);
      expect(toHex(output).slice(0, t.mac.length), t.source).toBe(t.mac);
    }
  });

  for (const bits of ['256', '384', '512']) {
    itWithVectors(`ACVP HMAC-SHA2-${bits}`, () => {
      const doc = sharedJson(`acvp/HMAC-SHA2-${bits}-2.0.internalProjection.json`);
      let n = 0;
      for (const g of doc.testGroups) {
        for (const t of g.tests) {
          const { status, output } = hmacKernel(`sha${bits}`, hex(t.key), hex(t.msg));
          expect(status).toBe(DIGEST[`sha${bits}`]);
          expect(toHex(output).slice(0, t.macLen / 4), `tcId ${t.tcId}`).toBe(t.mac.toLowerCase());
          n++;
        }
      }
      expect(n).toBeGreaterThan(100);
    });

    itWithVectors(`Wycheproof hmac_sha${bits}_test.json (valid tags match, modified tags differ)`, () => {
      const doc = sharedJson(`wycheproof/hmac_sha${bits}_test.json`);
      let valid = 0, invalid = 0;
      for (const g of doc.testGroups) {
        for (const t of g.tests) {
          const tag = toHex(hmacKernel(`sha${bits}`, hex(t.key), hex(t.msg)).output).slice(0, g.tagSize / 4);
          if (t.result === 'valid') { expect(tag, `tcId ${t.tcId}`).toBe(t.tag); valid++; }
          else { expect(tag, `tcId ${t.tcId}`).not.toBe(t.tag); invalid++; }
        }
      }
      expect(valid).toBeGreaterThan(50);
      expect(invalid).toBeGreaterThan(50);
    });
  }
});

describe('HKDF known answers', () => {
  it('RFC 5869 Appendix A (SHA-256)', () => {
    const { tests } = localJson('rfc5869.json');
    expect(tests.length).toBe(3);
    for (const t of tests) {
      const { status, output } = hkdfKernel('sha256', hex(t.ikm), hex(t.salt), hex(t.info), t.length);
      expect(status, t.source).toBe(t.length);
      expect(toHex(output), t.source).toBe(t.okm);
    }
  });

  for (const bits of ['256', '384']) {
    itWithVectors(`Wycheproof hkdf_sha${bits}_test.json (valid OKM, too-large sizes rejected)`, () => {
      const doc = sharedJson(`wycheproof/hkdf_sha${bits}_test.json`);
      let valid = 0, invalid = 0;
      for (const g of doc.testGroups) {
        for (const t of g.tests) {
          const { status, output } = hkdfKernel(`sha${bits}`, hex(t.ikm), hex(t.salt), hex(t.info), t.size);
          if (t.result === 'valid') {
            expect(status, `tcId ${t.tcId}`).toBe(t.size);
            expect(toHex(output), `tcId ${t.tcId}`).toBe(t.okm);
            valid++;
          } else {
            expect(t.flags).toContain('SizeTooLarge');
            expect(status, `tcId ${t.tcId}`).toBe(BAD_INPUT);
            invalid++;
          }
        }
      }
      expect(valid).toBeGreaterThan(50);
      expect(invalid).toBeGreaterThan(0);
    });
  }
});

describe.each(['sha256', 'sha384', 'sha512'])('hmac-%s against node:crypto', (hash) => {
  const block = BLOCK[hash];

  it('every key length 0..2 blocks + 1 (around the hash-the-key threshold)', () => {
    const msg = randomBytes(block + 3);
    for (let k = 0; k <= 2 * block + 1; k++) {
      const key = randomBytes(k);
      const { status, output } = hmacKernel(hash, key, msg);
      expect(status).toBe(DIGEST[hash]);
      expect(toHex(output), `key length ${k}`).toBe(createHmac(hash, key).update(msg).digest('hex'));
    }
  });

  it('every message length 0..2 blocks + 1', () => {
    const key = randomBytes(DIGEST[hash]), msg = randomBytes(2 * block + 1);
    for (let n = 0; n <= 2 * block + 1; n++) {
      const m = msg.subarray(0, n);
      expect(toHex(hmacKernel(hash, key, m).output), `message length ${n}`).toBe(createHmac(hash, key).update(m).digest('hex'));
    }
  });

  it('random keys and messages (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 4096 }), (key, msg) =>
      toHex(hmacKernel(hash, key, msg).output) === createHmac(hash, key).update(msg).digest('hex')), { numRuns: 100 });
  });

  it('rejects a key length beyond the input and a truncated header', () => {
    expect(agent.run(`hmac-${hash}`, 'mac', Buffer.concat([u32(17), randomBytes(16)])).status).toBe(BAD_INPUT);
    expect(agent.run(`hmac-${hash}`, 'mac', Buffer.concat([u32(0xffffffff), randomBytes(16)])).status).toBe(BAD_INPUT);
    expect(agent.run(`hmac-${hash}`, 'mac', new Uint8Array(3)).status).toBe(BAD_INPUT);
    expect(agent.run(`hmac-${hash}`, 'mac', u32(0)).status).toBe(DIGEST[hash]); // empty key, empty message
  });
});

describe.each(['sha256', 'sha384'])('hkdf-%s against node:crypto', (hash) => {
  const hashLen = DIGEST[hash];

  it('random IKM, salt, info and output lengths up to 4 blocks (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 4 * hashLen + 1 }), (ikm, salt, info, length) => {
        const { status, output } = hkdfKernel(hash, ikm, salt, info, length);
        return status === length && toHex(output) === Buffer.from(hkdfSync(hash, ikm, salt, info, length)).toString('hex');
      }), { numRuns: 150 });
  });

  it('the maximal output 255 * HashLen, and 255 * HashLen + 1 rejected', () => {
    const ikm = randomBytes(32), salt = randomBytes(16), info = randomBytes(8);
    const max = 255 * hashLen;
    const { status, output } = hkdfKernel(hash, ikm, salt, info, max);
    expect(status).toBe(max);
    expect(toHex(output)).toBe(Buffer.from(hkdfSync(hash, ikm, salt, info, max)).toString('hex'));
    expect(hkdfKernel(hash, ikm, salt, info, max + 1).status).toBe(BAD_INPUT);
  });

  it('rejects inconsistent lengths, a truncated header and outputs beyond the output buffer', () => {
    const good = hkdfInput(randomBytes(32), randomBytes(8), randomBytes(4), 32);
    expect(agent.run(`hkdf-${hash}`, 'derive', good).status).toBe(32);
    expect(agent.run(`hkdf-${hash}`, 'derive', good.subarray(0, good.length - 1)).status).toBe(BAD_INPUT);
    expect(agent.run(`hkdf-${hash}`, 'derive', Buffer.concat([good, Buffer.alloc(1)])).status).toBe(BAD_INPUT);
    expect(agent.run(`hkdf-${hash}`, 'derive', good.subarray(0, 15)).status).toBe(BAD_INPUT);
    const huge = Buffer.from(good); huge.writeUInt32LE(0xffffffff, 0);
    expect(agent.run(`hkdf-${hash}`, 'derive', huge).status).toBe(BAD_INPUT);
    const outCap = agent.exports.io_output_cap() as number;
    if (255 * hashLen > outCap) {
      const tooBig = hkdfInput(randomBytes(32), new Uint8Array(0), new Uint8Array(0), outCap + 1);
      expect(agent.run(`hkdf-${hash}`, 'derive', tooBig).status).toBe(OUTPUT_TOO_SMALL);
    }
  });
});
