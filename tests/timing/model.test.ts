// The timing model against every recorded silicon calibration case (nothing is fitted: the
// cycles per class are the manuals' figures) and the timing data's schema checks.
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coreTiming, loadCalibration, loadTables, modelCycles, publishedOnPart, residuals, TIMING_DIR, CLASSES } from '../../profiler/timing/index.ts';
import { CORES } from '../../profiler/catalogue/index.ts';

describe('timing model vs published silicon cycles', () => {
  const cases = loadCalibration();
  const cores = [...new Set(cases.map((c) => c.core))];

  it('has calibration cases for the Cortex-M4', () => expect(cases.filter((c) => c.core === 'cortex-m4').length).toBeGreaterThanOrEqual(10));

  // The issue's bar: the Cortex-M4 within ±10% on every case. Other cores' residuals are
  // printed and become their bands (docs/benchmarks.md), whatever they are.
  const LIMIT_PCT: Record<string, number> = { 'cortex-m4': 10 };
  for (const core of cores) {
    it(`prints every ${core} residual${LIMIT_PCT[core] ? ` and stays within ±${LIMIT_PCT[core]}%` : ''}`, () => {
      const t = coreTiming(core)!;
      const rows = residuals(t.table, t.cases);
      console.log(`${core}: published / modelled - 1\n${rows.map((r) => `  ${r.id.padEnd(36)} ${String(r.published).padStart(9)} ${String(r.modelled).padStart(9)} ${r.residual_pct >= 0 ? '+' : ''}${r.residual_pct.toFixed(1)}%`).join('\n')}`);
      if (LIMIT_PCT[core]) expect(rows.filter((r) => Math.abs(r.residual_pct) > LIMIT_PCT[core])).toEqual([]);
    });
  }

  it('puts each calibration case inside its own band', () => {
    for (const c of cases) {
      const m = modelCycles(c.core, c.instruction_classes)!;
      const ratio = (c.published_cycles / m.cycles - 1) * 100;
      expect(ratio).toBeGreaterThanOrEqual(m.band.low_pct);
      expect(ratio).toBeLessThanOrEqual(m.band.high_pct);
    }
  });
});

describe('timing data', () => {
  it('has a schema-checked table with a source per entry for every Cortex-M and RV32 core', () => {
    const tables = loadTables();
    for (const core of CORES.filter((c) => c.startsWith('cortex-') || c.startsWith('rv32'))) {
      const t = tables.get(core);
      expect(t, core).toBeDefined();
      for (const cls of CLASSES) expect(t!.cycles[cls].source.length, `${core} ${cls}`).toBeGreaterThan(3);
    }
  });

  it('widens the band for operand-dependent instructions and names them', () => {
    const plain = modelCycles('cortex-m3', { alu: 1000, mul_long: 0 })!;
    const mixed = modelCycles('cortex-m3', { alu: 1000, mul_long: 100, div: 10 })!;
    expect(mixed.operand_dependent).toEqual({ instructions: 110, classes: ['mul_long', 'div'] });
    expect(plain.operand_dependent.instructions).toBe(0);
    expect(modelCycles('cortex-m4', { alu: 1000, mul_long: 100 })!.operand_dependent.instructions).toBe(0); // 1 cycle on the M4
    const m4div = modelCycles('cortex-m4', { alu: 1000, div: 50 })!, m4 = modelCycles('cortex-m4', { alu: 1000 })!;
    expect(m4div.band.high_pct - m4div.band.low_pct).toBeGreaterThan(m4.band.high_pct - m4.band.low_pct);
  });

  it('charges flash wait states on taken branches only without a cache', () => {
    const classes = { alu: 800, branch: 50, branch_cond: 100, branch_cond_taken: 60 };
    const base = modelCycles('cortex-m0plus', classes)!.cycles;
    expect(modelCycles('cortex-m0plus', classes, { fetch: { memory: 'internal-flash', wait_states: 1, cache: false } })!.cycles).toBe(base + 110);
    expect(modelCycles('cortex-m0plus', classes, { fetch: { memory: 'internal-flash', wait_states: 5, cache: true } })!.cycles).toBe(base);
  });

  it('moves a published zero-wait-state count onto a part: wait states at the calibration cases\' branch rate, the fetch band only', () => {
    const none = { memory: 'internal-flash', wait_states: 0, cache: false };
    expect(publishedOnPart(1e6, 'cortex-m4', none)).toMatchObject({ cycles: 1e6, band: { low_pct: 0, high_pct: 0 } });
    const cached = publishedOnPart(1e6, 'cortex-m4', { ...none, wait_states: 4, cache: true });
    expect(cached.cycles).toBe(1e6);
    expect(cached.band.high_pct).toBe(5);
    const m4 = loadCalibration().filter((c) => c.core === 'cortex-m4');
    const taken = (c: (typeof m4)[number]) => ['branch', 'branch_cond_taken', 'load_pc'].reduce((a, k) => a + (c.instruction_classes[k] ?? 0), 0);
    const perCycle = m4.reduce((a, c) => a + taken(c), 0) / m4.reduce((a, c) => a + c.published_cycles, 0);
    const slow = publishedOnPart(1e6, 'cortex-m4', { ...none, wait_states: 2 });
    expect(slow.cycles).toBe(Math.round(1e6 * (1 + 2 * perCycle)));
    expect(slow.band.low_pct).toBe(0);
    expect(slow.band.basis).toMatch(/calibration cases' taken branches per cycle/);
  });

  it('rejects a bad table naming the file and the field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capmark-timing-'));
    try {
      const t = JSON.parse(readFileSync(join(TIMING_DIR, 'cortex-m4.json'), 'utf8'));
      delete t.cycles.load.source;
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(t));
      expect(() => loadTables(dir)).toThrow(/bad\.json.*cycles\.load\.source/);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
