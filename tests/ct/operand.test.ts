// Operand-dependent latency in capmark ct: which traced instructions count is the core's timing
// table's to say (boards/timing/), not a list of the check's own.
import { describe, it, expect } from 'vitest';
import { describeOperandDependent, operandDependentOf } from '../../profiler/ct/operand.ts';

const x25519OnM3 = { alu: 1_000_000, mul_long: 25_610, mla_long: 175_710, load: 90_000 };

describe('operand-dependent instructions', () => {
  it('counts the long multiplies on the Cortex-M3, whose table says they terminate early', () => {
    const od = operandDependentOf('cortex-m3', x25519OnM3)!;
    expect(od).toMatchObject({ instructions: 201_320, classes: { mul_long: 25_610, mla_long: 175_710 } });
    expect(describeOperandDependent('cortex-m3', od)).toMatch(/^201,320 instructions of operand-dependent latency on cortex-m3 per run \(25,610 long multiplies \(mul_long\), 175,710 long multiply-accumulates \(mla_long\); .*terminate early.*\); whether their operands depend on the secret is not traced$/);
  });
  it('counts none of them on the Cortex-M4 (single-cycle UMULL/UMLAL), only divides', () => {
    expect(operandDependentOf('cortex-m4', x25519OnM3)).toMatchObject({ instructions: 0, classes: {} });
    expect(operandDependentOf('cortex-m4', { ...x25519OnM3, div: 40 })).toMatchObject({ instructions: 40, classes: { div: 40 } });
  });
  it('has nothing to say for a core without a timing table', () => {
    expect(operandDependentOf('no-such-core', x25519OnM3)).toBeUndefined();
  });
});
