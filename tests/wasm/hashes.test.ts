// SHA-2 and SHA-3/SHAKE kernels against node:crypto: every length around the
// block boundaries, random lengths, and the streaming APIs (op "stream") in split chunks.
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';

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

  it('rejects a zero chunk and truncated input', () => {
    expect(agent.run(kernel, 'stream', Buffer.concat([u32(0), u32(16)])).status).toBe(-1);
    expect(agent.run(kernel, 'stream', new Uint8Array(3)).status).toBe(-1);
    if (digestBytes === 0) expect(agent.run(kernel, op, new Uint8Array(3)).status).toBe(-1);
  });
});
