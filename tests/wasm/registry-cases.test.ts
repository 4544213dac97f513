// Every kernel op in the host registry, run in Node's WebAssembly on its registry cases at
// every parameter that fits the input buffer, checked exactly as the profiler checks a board.
import { describe, it, expect, beforeAll } from 'vitest';
import { KERNELS, BASELINE, createRng } from '../../profiler/kernels/index.ts';
import { checkOutput } from '../../profiler/kernels/check.ts';
import { loadAgent, type InProcessAgent } from '../support/agent.ts';

let agent: InProcessAgent;
beforeAll(async () => { agent = await loadAgent((n) => createRng('trng').bytes(n)); });

describe('host registry', () => {
  it('names only kernels and ops that the agent announces', () => {
    for (const k of [BASELINE, ...KERNELS]) {
      const device = agent.table.get(k.device);
      expect(device, `${k.id}: device kernel ${k.device}`).toBeDefined();
      for (const op of k.ops) expect(device!.ops, `${k.id}`).toContain(op.op);
    }
  });
  it('has unique ids', () => {
    const ids = KERNELS.map((k) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe.each(KERNELS.map((k) => [k.id, k] as const))('kernel %s on its registry cases', (_id, k) => {
  for (const op of k.ops) {
    it(`${op.op} at ${op.params.join(', ')}`, () => {
      for (const p of op.params) {
        const c = op.makeCase(p, createRng(`${k.id}/${op.op}/${p}`));
        if (c.input.length > (agent.exports.io_input_cap() as number)) continue; // measured where RAM allows
        const { status, output } = agent.run(k.device, op.op, c.input);
        const v = checkOutput(c, status, output);
        expect(v.ok, `${k.id} ${op.op} ${p}: ${v.reason}`).toBe(true);
      }
    });
  }
});
