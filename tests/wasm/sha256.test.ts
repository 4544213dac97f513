// SHA-256 kernel in Node's WebAssembly against node:crypto: every length 0..1024 and random
// lengths up to 64 KiB (in chunks that fit the agent's input buffer).
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });

const sha256 = (m: Uint8Array) => createHash('sha256').update(m).digest();

describe('sha256 kernel', () => {
  it('matches node:crypto for every length 0..1024', () => {
    const msg = randomBytes(1024);
    for (let n = 0; n <= 1024; n++) {
      const { status, output } = agent.run('sha256', 'hash', msg.subarray(0, n));
      expect(status).toBe(32);
      expect(Buffer.from(output).equals(sha256(msg.subarray(0, n))), `length ${n}`).toBe(true);
    }
  });

  it('matches node:crypto for random lengths up to 64 KiB (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 65536 }), (n) => {
      const msg = randomBytes(n);
      const { output } = agent.runLarge('sha256', 'hash', msg);
      return Buffer.from(output).equals(sha256(msg));
    }), { numRuns: 50 });
  });

  it('the native probe kernel and the WebAssembly kernel agree', () => {
    const msg = randomBytes(4096);
    expect(agent.run('sha256-native', 'hash', msg).output).toEqual(agent.run('sha256', 'hash', msg).output);
  });
});
