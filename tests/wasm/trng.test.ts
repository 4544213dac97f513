// The TRNG health check (wasm/kernels/trng.ts) in Node's WebAssembly: a good source passes, and
// the SP 800-90B continuous tests catch a stuck source (repetition count) and a badly biased
// one (adaptive proportion); a board without a TRNG gets STATUS_NO_RANDOM.
import { describe, it, expect } from 'vitest';
import { randomBytes } from 'node:crypto';
import { loadAgent } from '../support/agent.ts';

const health = async (source: ((n: number) => Uint8Array) | undefined, bytes: number) =>
  (await loadAgent(source)).run('trng', 'health', new Uint8Array(bytes));

describe('trng health', () => {
  it('passes true random bytes', async () => {
    expect(await health((n) => new Uint8Array(randomBytes(n)), 2048)).toEqual({ status: 1, output: new Uint8Array([1]) });
  });

  it('fails a stuck source: 21 equal bytes in a row (repetition count test, cutoff 21)', async () => {
    let i = 0;
    const runOf = (len: number) => (n: number) => Uint8Array.from({ length: n }, () => (i++ % 64 < len ? 0x5a : randomBytes(1)[0] | 1));
    expect((await health(runOf(21), 512)).output).toEqual(new Uint8Array([0]));
    i = 0;
    expect((await health(runOf(20), 512)).output).toEqual(new Uint8Array([1]));
  });

  it('fails a biased source: the window\'s first value 311+ times in 512 samples (adaptive proportion test)', async () => {
    // Zero at every position but every k-th (a random non-zero byte there): never a long run.
    const zerosBut = (k: number) => { let p = 0; return (n: number) => Uint8Array.from({ length: n }, () => (p++ % k === k - 1 ? randomBytes(1)[0] | 1 : 0)); };
    expect((await health(zerosBut(3), 512)).output).toEqual(new Uint8Array([0])); // 342 zeros in the window
    expect((await health(zerosBut(2), 512)).output).toEqual(new Uint8Array([1])); // 256 zeros: as a fair coin
  });

  it('says the board has no TRNG when the random import has none', async () => {
    expect((await health(undefined, 32)).status).toBe(-5);
  });
});
