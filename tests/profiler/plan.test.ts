// The plan: built from the registry and the agent's HELLO; an op whose input or working set
// does not fit this board's agent is skipped with the shortfall in bytes, never run.
import { describe, it, expect } from 'vitest';
import { makePlan } from '../../profiler/profile/plan.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import type { Hello } from '../../profiler/protocol/messages.ts';

const hello = (over: Partial<Hello> = {}): Hello => ({
  protocolVersion: 2, maxFrame: 2048, inputCapacity: 20480, outputCapacity: 8192, memoryBytes: 65536, heapBytes: 30000, traps: 0,
  agentVersion: 'test', info: {}, kernels: [...new Set(KERNELS.map((k) => k.device))].map((name) => ({
    name, ops: [...new Set(KERNELS.filter((k) => k.device === name).flatMap((k) => k.ops.map((o) => o.op)))],
  })), ...over,
});

describe('makePlan', () => {
  it('skips an op whose working set exceeds the kernel heap, naming the shortfall', () => {
    const { items } = makePlan(hello(), { kernels: ['ml-dsa-65'] });
    const sign = items.find((i) => i.spec.id === 'ml-dsa-65' && i.op.op === 'sign')!;
    expect(sign.op.heapBytes).toBeGreaterThan(30000);
    expect(sign.skip).toBe(`needs ${sign.op.heapBytes} B of kernel heap, the agent has 30000 B on this board (short by ${sign.op.heapBytes! - 30000} B)`);
    const verify = items.find((i) => i.spec.id === 'ml-dsa-65' && i.op.op === 'verify')!;
    expect(verify.skip).toBeUndefined();
  });

  it('skips inputs larger than the agent input buffer', () => {
    const { items } = makePlan(hello({ inputCapacity: 1000 }), { kernels: ['sha256'] });
    expect(items.find((i) => i.spec.id === 'sha256' && i.param === 4096)!.skip).toMatch(/^input 4096 B > agent input buffer 1000 B$/);
    expect(items.find((i) => i.spec.id === 'sha256' && i.param === 64)!.skip).toBeUndefined();
  });

  it('always measures the baseline first and reports kernels it does not know', () => {
    const h = hello();
    h.kernels.push({ name: 'mystery', ops: ['x'] });
    const { items, unknown } = makePlan(h, { kernels: ['sha256'] });
    expect(items[0].spec.id).toBe('null');
    expect(unknown).toContain('mystery');
  });
});
