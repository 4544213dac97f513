// Verdict margins against the timing model's error band: a need whose time margin lies inside
// the band is reported as borderline (with the pass or fail it would be at the modelled figure).
import { describe, expect, it } from 'vitest';
import { checkRequirements } from '../../profiler/verdict/index.ts';
import { terminalTable } from '../../profiler/report/text.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';

const registry = TEST_REGISTRY.filter((k) => ['ecdsa-p256', 'sha256'].includes(k.id));
const banded = () => {
  const r = makeResults({ registry });
  for (const m of r.measurements) {
    const c = Math.round((m.time_us!.median * r.conditions.clock_hz) / 1e6);
    m.cycles = { min: c, median: c, max: c, method: 'modelled', source: 'test', band: { low_pct: -5, high_pct: 3, basis: 'test band' } };
    m.time_us = { ...m.time_us!, method: 'modelled' };
  }
  return r;
};
const verdictAt = (factor: number) => {
  const r = banded();
  const t = checkRequirements(profile({ needs: [need('secure-boot')] }), [r], { registry, boards: boardsWith() })[0].choice!.time_ms!;
  return checkRequirements(profile({ needs: [need('secure-boot', { max_time_ms: t * factor })] }), [r], { registry, boards: boardsWith() })[0];
};

describe('borderline verdicts', () => {
  it('carries the band into the evaluation', () => {
    const v = verdictAt(2);
    expect(v.choice!.time_band).toEqual({ low_pct: -5, high_pct: 3 });
    expect(terminalTable([v])).toMatch(/[\d.]+ ms \(-5\/\+3%\) of [\d.]+ ms/);
  });
  it('reports a pass with 1% headroom inside a +3% band as borderline', () => {
    const v = verdictAt(1.01);
    expect(v.status).toBe('pass');
    expect(v.borderline).toMatch(/time margin 1% lies inside the timing model's error band \(-5%..\+3%\)/);
    expect(terminalTable([v])).toMatch(/BORDERLINE \(pass\)/);
  });
  it('reports a fail 3% over budget inside a -5% band as borderline', () => {
    const v = verdictAt(0.97);
    expect(v.status).toBe('fail');
    expect(v.borderline).toMatch(/time margin -3.1% lies inside/);
  });
  it('keeps clean passes and fails outside the band', () => {
    expect(verdictAt(1.1).borderline).toBeUndefined();
    expect(verdictAt(0.9).borderline).toBeUndefined();
  });
});
