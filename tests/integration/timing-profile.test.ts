// The classifying plugin end to end on a real QEMU board: class profiles are exact (they sum
// to the instruction count, up to the few the baseline's classes could not be taken from)
// and repeatable, modelled cycles carry a band, and long multiplies
// are named as operand-dependent on the Cortex-M3 (TRM: UMULL 3-5 cycles by operand values).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import { CLASSES } from '../../profiler/timing/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'capmark-timing-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('classifying plugin on mps2-an385 (Cortex-M3)', () => {
  it('records exact, repeatable class profiles, banded cycles and operand-dependent long multiplies', async () => {
    const { results } = await profileVirtualBoard('mps2-an385', { kernels: ['x25519'], iterations: 2, warmup: 1, out: join(dir, 'm3.json') });
    expect(results.conditions.timing_model).toMatch(/cortex-m3.*DDI 0337I/);
    const ops = results.measurements.filter((m) => m.kernel === 'x25519');
    expect(ops.length).toBeGreaterThan(0);
    for (const m of ops) {
      const c = m.instruction_classes!;
      const exclusive = CLASSES.reduce((a, k) => a + (c[k] ?? 0), 0);
      expect(Math.abs(exclusive - m.instructions!.median)).toBeLessThanOrEqual(results.conditions.baseline_instructions!);
      expect(Math.abs(exclusive - m.instructions!.median)).toBeLessThan(5);
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
