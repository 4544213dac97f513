// The classifying plugin end to end on real QEMU boards: class profiles are exact (they sum
// to the instruction count, up to the few the baseline's classes could not be taken from)
// and repeatable, modelled cycles carry a band, and long multiplies
// are named as operand-dependent on the Cortex-M3 (TRM: UMULL 3-5 cycles by operand values).
// On RISC-V the decoder's RV32 path sees the M extension's multiplies on RV32IMC and none on
// RV32EC, whose multiplies are libgcc calls.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import type { Measurement } from '../../profiler/results/types.ts';
import { CLASSES } from '../../profiler/timing/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('timing');
/** The exclusive classes sum to the instruction count, up to what the baseline's classes hid. */
const exclusive = (m: Measurement) => CLASSES.reduce((a, k) => a + (m.instruction_classes![k] ?? 0), 0);

describe('classifying plugin on mps2-an385 (Cortex-M3)', () => {
  it('records exact, repeatable class profiles, banded cycles and operand-dependent long multiplies', async () => {
    const { results } = await profileVirtualBoard('mps2-an385', { kernels: ['x25519'], iterations: 2, warmup: 1, out: join(dir, 'm3.json') });
    expect(results.conditions.timing_model).toMatch(/cortex-m3.*DDI 0337I/);
    const ops = results.measurements.filter((m) => m.kernel === 'x25519');
    expect(ops.length).toBeGreaterThan(0);
    for (const m of ops) {
      const c = m.instruction_classes!;
      expect(Math.abs(exclusive(m) - m.instructions!.median)).toBeLessThan(5);
      expect(m.instructions!.min).toBe(m.instructions!.max);
      expect(c.branch_cond_taken ?? 0).toBeLessThanOrEqual(c.branch_cond ?? 0);
      expect(c.mul_long + (c.mla_long ?? 0)).toBeGreaterThan(1000); // 64-bit field arithmetic
      expect(m.operand_dependent!.classes).toContain('mul_long');
      expect(m.operand_dependent!.instructions).toBeGreaterThanOrEqual(c.mul_long);
      expect(m.cycles!.method).toBe('modelled');
      expect(m.cycles!.band!.low_pct).toBeLessThan(0);
      expect(m.cycles!.band!.high_pct).toBeGreaterThan(0);
      // Calibrated on pqm3's silicon cases, widened by the long multiplies' 3-5/4-7 cycle range.
      expect(m.cycles!.band!.basis).toMatch(/silicon calibration: \d+ published cases.*operand-dependent range of mul_long/);
    }
  }, 300_000);
});

describe.each([['riscv-virt-rv32imc', 'rv32imc'], ['riscv-virt-rv32ec', 'rv32ec']])('classifying plugin on %s', (board, core) => {
  it('counts RV32 loads, stores, jumps, taken branches and (RV32IMC only) multiplies, with banded cycles', async () => {
    const { results } = await profileVirtualBoard(board, { kernels: ['x25519'], iterations: 1, warmup: 0, out: join(dir, `${board}.json`) });
    expect(results.conditions.timing_model).toMatch(new RegExp(`${core}: lowRISC Ibex`));
    const m = results.measurements.find((x) => x.kernel === 'x25519' && x.op === 'shared')!;
    const c = m.instruction_classes!;
    expect(Math.abs(exclusive(m) - m.instructions!.median)).toBeLessThan(5);
    for (const k of ['alu', 'load', 'store', 'branch', 'branch_cond', 'branch_cond_taken']) expect(c[k], k).toBeGreaterThan(1000);
    expect(c.branch_cond_taken).toBeLessThanOrEqual(c.branch_cond);
    for (const k of ['load_multi', 'store_multi', 'load_pc', 'mla', 'mla_long', 'it', 'fp']) expect(c[k] ?? 0, k).toBe(0); // not in RV32
    if (core === 'rv32imc') {
      expect(c.mul).toBeGreaterThan(1000);       // field arithmetic: MUL for the low words ...
      expect(c.mul_long).toBeGreaterThan(1000);  // ... and MULHU for the high ones
    } else {
      expect((c.mul ?? 0) + (c.mul_long ?? 0) + (c.div ?? 0)).toBe(0); // no M extension
      expect(m.operand_dependent).toEqual({ instructions: 0, classes: [] });
    }
    expect(m.cycles!.method).toBe('modelled');
    expect(m.cycles!.band!.basis).toMatch(/no silicon calibration/);
  }, 300_000);
});
