// Every case generator of the registry is seeded (issue 13): the same seed gives the same input
// bytes, so two profiles measure the same inputs and give identical instruction counts
// (tests/integration/boards.test.ts checks the counts on every board).
import { describe, it, expect } from 'vitest';
import { KERNELS, createRng } from '../../profiler/kernels/index.ts';

describe('case generators', () => {
  it('give the same inputs for the same seed, for every kernel, op and parameter', () => {
    const differ: string[] = [];
    for (const spec of KERNELS) for (const op of spec.ops) for (const param of op.params) {
      const seed = `${spec.id}/${op.op}/${param}/0`; // as the plan seeds case 0 (plan.ts)
      const a = op.makeCase(param, createRng(seed)).input, b = op.makeCase(param, createRng(seed)).input;
      if (!Buffer.from(a).equals(Buffer.from(b))) differ.push(seed);
    }
    expect(differ).toEqual([]);
  }, 120_000);
});
