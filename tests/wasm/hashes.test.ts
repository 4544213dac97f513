// SHA-2 and SHA-3/SHAKE kernels: NIST CAVP (.rsp) and ACVP vectors, node:crypto on every
// length around the block boundaries and on random lengths, and the streaming APIs (op
// "stream") in split chunks against one-shot.
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { itWithVectors, sharedJson, sharedVector, hex, toHex } from '../support/vectors.ts';
import { parseRsp } from '../support/rsp.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
const digest = (algo: string, m: Uint8Array, outputLength?: number) =>
  new Uint8Array(createHash(algo, outputLength === undefined ? undefined : { outputLength }).update(m).digest());

/** device kernel, node:crypto name, block (rate) bytes, digest bytes (0 for an XOF). */
const HASHES: [string, string, number, number][] = [
  ['sha224', 'sha224', 64, 28], ['sha256', 'sha256', 64, 32],
  ['sha384', 'sha384', 128, 48], ['sha512', 'sha512', 128, 64],
  ['sha3-256', 'sha3-256', 136, 32], ['sha3-384', 'sha3-384', 104, 48], ['sha3-512', 'sha3-512', 72, 64],
  ['shake128', 'shake128', 168, 0], ['shake256', 'shake256', 136, 0],
];

/** The kernel's op-0 input and the node:crypto output for message m (XOFs: outLen bytes). */
function caseFor(algo: string, digestBytes: number, m: Uint8Array, outLen = 64) {
  if (digestBytes > 0) return { input: m, expected: digest(algo, m) };
  return { input: Buffer.concat([u32(outLen), m]), expected: digest(algo, m, outLen) };
}

describe.each(HASHES)('%s kernel', (kernel, algo, block, digestBytes) => {
  const op = digestBytes > 0 ? 'hash' : 'xof';

  it('matches node:crypto for every length 0..2 blocks + 1', () => {
    const msg = randomBytes(2 * block + 1);
    for (let n = 0; n <= 2 * block + 1; n++) {
      const { input, expected } = caseFor(algo, digestBytes, msg.subarray(0, n));
      const { status, output } = agent.run(kernel, op, input);
      expect(status, `length ${n}`).toBe(expected.length);
      expect(Buffer.from(output).equals(expected), `length ${n}`).toBe(true);
    }
  });

  it('matches node:crypto for random lengths up to 64 KiB (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 65536 }), fc.integer({ min: 0, max: 600 }), (n, outLen) => {
      const { input, expected } = caseFor(algo, digestBytes, randomBytes(n), outLen);
      return Buffer.from(agent.runLarge(kernel, op, input).output).equals(expected);
    }), { numRuns: 20 });
  });

  it('streaming in split chunks equals one-shot (op "stream")', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3 * block }), fc.integer({ min: 0, max: 4 * block }),
      fc.integer({ min: 1, max: 3 * block }), (chunk, n, outLen) => {
        const { input, expected } = caseFor(algo, digestBytes, randomBytes(n), outLen);
        const { status, output } = agent.run(kernel, 'stream', Buffer.concat([u32(chunk), input]));
        return status === expected.length && Buffer.from(output).equals(expected);
      }), { numRuns: 200 });
  });

  it('rejects a zero chunk, truncated input and outputs beyond the output buffer', () => {
    expect(agent.run(kernel, 'stream', Buffer.concat([u32(0), u32(16)])).status).toBe(-1);
    expect(agent.run(kernel, 'stream', new Uint8Array(3)).status).toBe(-1);
    if (digestBytes === 0) {
      expect(agent.run(kernel, op, new Uint8Array(3)).status).toBe(-1);
      const outCap = agent.exports.io_output_cap() as number;
      expect(agent.run(kernel, op, u32(outCap + 1)).status).toBe(-3); // STATUS_OUTPUT_TOO_SMALL
      const { status, output } = agent.run(kernel, op, u32(outCap));
      expect(status).toBe(outCap);
      expect(Buffer.from(output).equals(digest(algo, new Uint8Array(0), outCap))).toBe(true);
    }
  });
});

// ---- Published vectors: NIST CAVP byte-oriented .rsp files and ACVP JSON ----

const CAVP_SHA2 = 'cavp/shabytetestvectors/';
const CAVP_SHA3 = 'cavp/sha-3bytetestvectors/';
const CAVP_SHAKE = 'cavp/shakebytetestvectors/';

/** Runs a kernel op, through the large-buffer path when the input exceeds the agent's buffer. */
function runAny(kernel: string, op: string, input: Uint8Array) {
  return input.length > agent.exports.io_input_cap() ? agent.runLarge(kernel, op, input) : agent.run(kernel, op, input);
}
/** The kernel's output for message m, hex; outBytes for XOFs. */
function kernelHex(kernel: string, m: Uint8Array, outBytes?: number) {
  const input = outBytes === undefined ? m : Buffer.concat([u32(outBytes), m]);
  const { status, output } = runAny(kernel, outBytes === undefined ? 'hash' : 'xof', input);
  expect(status).toBeGreaterThanOrEqual(0);
  return toHex(output);
}
/** The message of a CAVP record: Len bits of Msg (Msg = "00" when Len = 0). */
const rspMsg = (f: Record<string, string>) => hex(f.Msg).subarray(0, Number(f.Len) / 8);

describe('NIST CAVP byte-oriented vectors', () => {
  const msgFiles: [string, string, (h: Record<string, string>) => number | undefined][] = [];
  for (const bits of ['224', '256', '384', '512']) {
    const long = bits === '224' || bits === '256' ? 'LongMsg.rsp' : 'LongMsg.first32.rsp';
    for (const f of ['ShortMsg.rsp', long]) msgFiles.push([`sha${bits}`, `${CAVP_SHA2}SHA${bits}${f}`, () => undefined]);
  }
  for (const bits of ['256', '384', '512']) {
    for (const f of ['ShortMsg.rsp', 'LongMsg.first32.rsp']) msgFiles.push([`sha3-${bits}`, `${CAVP_SHA3}SHA3_${bits}${f}`, () => undefined]);
  }
  for (const bits of ['128', '256']) {
    for (const f of ['ShortMsg.rsp', 'LongMsg.first32.rsp']) {
      msgFiles.push([`shake${bits}`, `${CAVP_SHAKE}SHAKE${bits}${f}`, (h) => Number(h.Outputlen) / 8]);
    }
  }

  for (const [kernel, file, outBytes] of msgFiles) {
    itWithVectors(`${kernel}: ${file.split('/').pop()}`, () => {
      const records = parseRsp(sharedVector(file));
      expect(records.length).toBeGreaterThan(16);
      for (const { header, fields } of records) {
        const want = (fields.MD ?? fields.Output).toLowerCase();
        expect(kernelHex(kernel, rspMsg(fields), outBytes(header)), `Len = ${fields.Len}`).toBe(want);
      }
    });
  }

  for (const bits of ['128', '256']) {
    itWithVectors(`shake${bits}: VariableOut.rsp (every output length)`, () => {
      const records = parseRsp(sharedVector(`${CAVP_SHAKE}SHAKE${bits}VariableOut.rsp`));
      expect(records.length).toBeGreaterThan(1000);
      for (const { fields } of records) {
        const out = Number(fields.Outputlen);
        expect(out % 8).toBe(0);
        expect(kernelHex(`shake${bits}`, hex(fields.Msg), out / 8), `COUNT = ${fields.COUNT}`).toBe(fields.Output);
      }
    });
  }

  // Monte Carlo tests: 100 checkpoints of 1000 chained hashes each (about 0.5 s per file).
  for (const bits of ['224', '256', '384', '512']) {
    itWithVectors(`sha${bits}: Monte.rsp (SHAVS §6.4)`, () => {
      const records = parseRsp(sharedVector(`${CAVP_SHA2}SHA${bits}Monte.rsp`));
      let seed: Uint8Array = hex(records[0].fields.Seed);
      for (const { fields } of records.slice(1)) {
        let md = [seed, seed, seed];
        for (let i = 3; i < 1003; i++) {
          const next = agent.run(`sha${bits}`, 'hash', Buffer.concat(md)).output;
          md = [md[1], md[2], next];
        }
        seed = md[2];
        expect(toHex(seed), `COUNT = ${fields.COUNT}`).toBe(fields.MD);
      }
    });
  }

  for (const bits of ['256', '384', '512']) {
    itWithVectors(`sha3-${bits}: Monte.rsp (SHA3VS §6.2.3)`, () => {
      const records = parseRsp(sharedVector(`${CAVP_SHA3}SHA3_${bits}Monte.rsp`));
      let md: Uint8Array = hex(records[0].fields.Seed);
      for (const { fields } of records.slice(1)) {
        for (let i = 0; i < 1000; i++) md = agent.run(`sha3-${bits}`, 'hash', md).output;
        expect(toHex(md), `COUNT = ${fields.COUNT}`).toBe(fields.MD);
      }
    });
  }

  for (const bits of ['128', '256']) {
    itWithVectors(`shake${bits}: Monte.rsp (SHA3VS §6.3.3)`, () => {
      const records = parseRsp(sharedVector(`${CAVP_SHAKE}SHAKE${bits}Monte.rsp`));
      const h = records[0].header;
      const minBytes = Number(h['Minimum Output Length (bits)']) / 8;
      const maxBytes = Number(h['Maximum Output Length (bits)']) / 8;
      let output: Uint8Array = hex(records[0].fields.Msg);
      let outLen = maxBytes;
      for (const { fields } of records.slice(1)) {
        let usedLen = outLen;
        for (let i = 0; i < 1000; i++) {
          const msg = new Uint8Array(16);
          msg.set(output.subarray(0, 16));
          usedLen = outLen;
          output = agent.run(`shake${bits}`, 'xof', Buffer.concat([u32(outLen), msg])).output;
          const rightmost = (output[output.length - 2] << 8) | output[output.length - 1];
          outLen = minBytes + (rightmost % (maxBytes - minBytes + 1));
        }
        expect(usedLen * 8, `COUNT = ${fields.COUNT}`).toBe(Number(fields.Outputlen));
        expect(toHex(output), `COUNT = ${fields.COUNT}`).toBe(fields.Output);
      }
    });
  }
});

describe('NIST ACVP vectors (byte-oriented tests)', () => {
  itWithVectors('SHA3-256 AFT and MCT', () => {
    const doc = sharedJson('acvp/SHA3-256-2.0.internalProjection.json');
    let aft = 0;
    for (const g of doc.testGroups) {
      if (g.testType === 'AFT') {
        for (const t of g.tests) {
          if (t.len % 8) continue; // bit-oriented message: the kernel takes whole bytes
          expect(kernelHex('sha3-256', hex(t.msg).subarray(0, t.len / 8)), `tcId ${t.tcId}`).toBe(t.md.toLowerCase());
          aft++;
        }
      } else if (g.testType === 'MCT') {
        const t = g.tests[0];
        let md: Uint8Array = hex(t.msg);
        for (const r of t.resultsArray) {
          for (let i = 0; i < 1000; i++) md = agent.run('sha3-256', 'hash', md).output;
          expect(toHex(md), `tcId ${t.tcId}`).toBe(r.md.toLowerCase());
        }
      }
    }
    expect(aft).toBeGreaterThan(100);
  });

  itWithVectors('SHAKE-128 AFT', () => {
    const doc = sharedJson('acvp/SHAKE-128-FIPS202.internalProjection.json');
    let n = 0;
    for (const g of doc.testGroups) {
      for (const t of g.tests) {
        if (g.testType !== 'AFT' || t.len % 8 || t.outLen % 8) continue;
        expect(kernelHex('shake128', hex(t.msg).subarray(0, t.len / 8), t.outLen / 8), `tcId ${t.tcId}`).toBe(t.md.toLowerCase());
        n++;
      }
    }
    expect(n).toBeGreaterThan(100);
  });
});
