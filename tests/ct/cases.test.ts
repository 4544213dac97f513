// The secret-varying cases of capmark ct, run in Node's WebAssembly: every secret op of the
// registry has them (or says why not), they are seeded and of equal length, and each one's
// expected output is what the agent computes. The positive control computes what it claims.
import { describe, it, expect, beforeAll } from 'vitest';
import { CT_CONTROL, KERNELS, isSecretCases } from '../../profiler/kernels/index.ts';
import { checkOutput } from '../../profiler/kernels/check.ts';
import { casesFor, secretOps, secretsFor } from '../../profiler/ct/cases.ts';
import { selectKernels } from '../../profiler/ct/board.ts';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';
import { createRng } from '../../profiler/kernels/index.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent((n) => createRng('trng').bytes(n)); });

const ops = secretOps([CT_CONTROL, ...KERNELS]);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('the registry', () => {
  it('gives every secret op constant-time cases, or a reason it cannot have them', () => {
    for (const o of ops) expect(o.cases ?? o.unchecked, `${o.spec.id} ${o.op.op}`).toBeDefined();
    expect(ops.filter((o) => o.unchecked).map((o) => `${o.spec.id} ${o.op.op}`)).toEqual(['attest-ed25519 device-id', 'attest-p256 device-id', 'attest-ml-dsa-65 device-id']);
  });
  it('keeps the positive control out of the kernels products choose from', () => {
    expect(KERNELS.some((k) => k.kind === 'control' || k.id === CT_CONTROL.id)).toBe(false);
  });
  it('selects kernels as --kernels does, and names the ones it does not know', () => {
    expect(selectKernels(['aes-128', 'x25519']).map((k) => k.id)).toEqual(['aes-128-ctr', 'aes-128-gcm', 'aes-128-ccm', 'aes-128-ccm-ble', 'aes-128-gcm-forged', 'aes-128-ccm-forged', 'x25519']);
    expect(() => selectKernels(['x25519', 'nosuch'])).toThrow(/--kernels: no kernel "nosuch"/);
  });
});

describe('secrets', () => {
  const x25519 = ops.find((o) => o.spec.id === 'x25519' && o.op.op === 'shared')!;
  const ecdsa = ops.find((o) => o.spec.id === 'ecdsa-p256' && o.op.op === 'sign')!;
  it('start with the edge values, in the byte order the kernel reads', () => {
    const s = secretsFor(ecdsa.spec, ecdsa.op, ecdsa.cases!, 6);
    expect(s.map((x) => x.label)).toEqual(['zero', 'ones', 'one', 'top bit', 'random #1', 'random #2']);
    expect(hex(s[2].bytes)).toBe('00'.repeat(31) + '01');
    expect(hex(s[3].bytes)).toBe('80' + '00'.repeat(31));
    const le = secretsFor(x25519.spec, x25519.op, x25519.cases!, 4);
    expect(hex(le[2].bytes)).toBe('01' + '00'.repeat(31));
  });
  it('are seeded: the same every time, and different from each other', () => {
    const a = secretsFor(ecdsa.spec, ecdsa.op, ecdsa.cases!, 8), b = secretsFor(ecdsa.spec, ecdsa.op, ecdsa.cases!, 8);
    expect(a.map((x) => hex(x.bytes))).toEqual(b.map((x) => hex(x.bytes)));
    expect(new Set(a.map((x) => hex(x.bytes))).size).toBe(8);
  });
  it('skip edge values where they mean nothing (RSA keys)', () => {
    const rsa = ops.find((o) => o.spec.id === 'rsa-2048-pkcs1-sign')!;
    expect(secretsFor(rsa.spec, rsa.op, rsa.cases!, 2).map((x) => x.label)).toEqual(['random #1', 'random #2']);
  });
});

// Four secrets (three edges and one random) with every variant, for every op: the agent in
// Node's WebAssembly must return exactly what each case expects.
describe.each(ops.filter((o) => o.cases).map((o) => [`${o.spec.id} ${o.op.op}`, o] as const))('%s', (_name, o) => {
  it('has equal-length inputs whose expected outputs the agent computes', () => {
    const cases = casesFor(o.spec, o.op, o.cases!, 4);
    expect(cases).toHaveLength(4 * (o.cases!.variants?.length ?? 1));
    expect(new Set(cases.map((c) => c.case.input.length)).size).toBe(1);
    for (const c of cases) {
      const { status, output } = agent.run(o.spec.device, o.op.op, c.case.input);
      const v = checkOutput(c.case, status, output);
      expect(v.ok, `secret ${c.secret} ${c.variant}: ${v.reason}`).toBe(true);
    }
  });
});

describe('the positive control', () => {
  it('compares and looks up as documented', () => {
    const guess = new Uint8Array(16); guess[15] = 1;
    expect(agent.run('ct-control', 'compare', new Uint8Array([...guess, ...guess])).output).toEqual(Uint8Array.of(1));
    expect(agent.run('ct-control', 'compare', new Uint8Array([...new Uint8Array(16), ...guess])).output).toEqual(Uint8Array.of(0));
    expect(agent.run('ct-control', 'lookup', Uint8Array.of(...Array(15).fill(0), 1)).output[15]).toBe((167 + 13) & 0xff);
    expect(isSecretCases(CT_CONTROL.ops[0].ct)).toBe(true);
  });
});
