// Kernels read every length field as unsigned (issue 13): the two traps found by hand (SHA-2
// `stream` chunk length >= 2^31, RSA-PSS salt_len near 2^31) as regressions, and the sweep of
// every op's length-like fields over the signed/unsigned edges, in Node's WebAssembly where any
// out-of-bounds access traps (profiler/fuzz/lengths.ts).
import { describe, it, expect, beforeAll } from 'vitest';
import { createHash } from 'node:crypto';
import { loadAgent, type InProcessAgent, WASM_PATH } from '../support/agent.ts';
import { concat, createRng } from '../../profiler/kernels/rng.ts';
import { rsaKey, rsaVerifyInput, modulusOf, pssSign } from '../../profiler/kernels/rsa.ts';
import { runWithWatchdog } from '../../profiler/fuzz/index.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent(); });
const u32 = (v: number) => { const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, v, true); return b; };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('length fields are unsigned', () => {
  it('SHA-2 and SHA-3 stream ops take a chunk length of 2^31 and more as the whole message', () => {
    const msg = createRng('stream').bytes(300);
    for (const [kernel, algo, op] of [['sha256', 'sha256', 'stream'], ['sha224', 'sha224', 'stream'], ['sha384', 'sha384', 'stream'],
      ['sha512', 'sha512', 'stream'], ['sha3-256', 'sha3-256', 'stream']] as const) {
      for (const chunk of [0xffffffff, 0x80000000, 0x7fffffff]) { // 0xffffffff first: the old code trapped on it, and hung on 0x80000000
        const r = agent.run(kernel, op, concat(u32(chunk), msg));
        expect(hex(r.output), `${kernel} chunk 0x${chunk.toString(16)}`).toBe(createHash(algo).update(msg).digest('hex'));
      }
    }
    const shake = agent.run('shake128', 'stream', concat(u32(0x80000000), u32(32), msg));
    expect(hex(shake.output)).toBe(createHash('shake128', { outputLength: 32 }).update(msg).digest('hex'));
  });

  it('RSA-PSS verify rejects a salt length near 2^31 instead of trapping', () => {
    const key = rsaKey(2048), msg = Uint8Array.of(1, 2, 3);
    const digest = new Uint8Array(createHash('sha256').update(msg).digest());
    const sig = pssSign(key, msg, createRng('pss').bytes(32));
    expect(agent.run('rsa-pss', 'verify', rsaVerifyInput(modulusOf(key), 65537, sig, 'sha256', digest, 32)).status).toBe(1);
    for (const sLen of [0x7fffffde, 0x7fffffff, 0x80000000, 0xffffffff]) {
      expect(agent.run('rsa-pss', 'verify', rsaVerifyInput(modulusOf(key), 65537, sig, 'sha256', digest, sLen)).status).toBe(-2);
    }
  });

  it('no op of any kernel traps when a length-like field is set to an edge value', async () => {
    // In a worker under the watchdog: a kernel that loops forever becomes a finding, not a stuck suite.
    const s = await runWithWatchdog({ kind: 'lengths', wasmPath: WASM_PATH, seed: 0, start: 0, end: Number.MAX_SAFE_INTEGER }, { hangMs: 20_000 });
    expect(s.executions).toBeGreaterThan(50_000);
    expect(s.findings).toEqual([]);
  }, 120_000);
});
