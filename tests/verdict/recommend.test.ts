// Catalogue predictions and ranking: the part's core timing model and code-fetch cost applied
// to the measured virtual board of the same core; uncovered cores say so.
import { describe, expect, it } from 'vitest';
import { loadCatalogue, predictCycles } from '../../profiler/catalogue/index.ts';
import { predictSubject, recommend, timeAt } from '../../profiler/verdict/index.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';

const catalogue = loadCatalogue();
const entry = (id: string) => catalogue.find((e) => e.id === id)!;
const m4 = makeResults({ board: 'vm4' });
const measured = [{ results: m4, facts: boardsWith()('vm4') }];

describe('predictions', () => {
  it('model the part\'s cycles with a band and scale them to the part clock', () => {
    const e = entry('stm32l476rg');
    const s = predictSubject(e, measured);
    if ('uncovered' in s) throw new Error(s.uncovered);
    const src = m4.measurements.find((m) => m.kernel === 'ecdsa-p256' && m.op === 'verify')!;
    const p = s.points.find((x) => x.kernel === 'ecdsa-p256' && x.op === 'verify')!;
    expect(p.method).toBe('predicted');
    const cycles = predictCycles(e, src)!;
    expect(p.time_us).toBeCloseTo(cycles.cycles / 80, 6);
    expect(cycles.cycles).toBeGreaterThan(src.instructions!.median); // M4 compiled code: more cycles than instructions
    expect(p.band!.low_pct).toBeLessThan(0);
    expect(p.band!.high_pct).toBeGreaterThan(0);
    expect(s.provenance).toMatch(/predicted from vm4: instruction classes x capmark.timing\/1 cortex-m4/);
  });
  it('say when no measured virtual board covers the core', () => {
    const s = predictSubject(entry('msp430fr5994'), measured);
    expect('uncovered' in s && s.uncovered).toMatch(/no measured virtual board covers core msp430x/);
  });
  it('use a stand-in core running the same binary, and say so', () => {
    const s = predictSubject(entry('stm32u585ai'), measured);
    expect('uncovered' in s ? s.uncovered : s.provenance).toMatch(/stand-in core cortex-m4/);
  });
  it('predict hosting with one page of linear memory, not the virtual board\'s full build', () => {
    const big = makeResults({ board: 'vm4' });
    big.capability.required_ram_bytes = 1_083_866;
    big.conditions.linear_memory_bytes = 1_048_576;
    const m = [{ results: big, facts: boardsWith()('vm4') }];
    const small = predictSubject(entry('nrf52832'), m), mid = predictSubject(entry('nrf52840'), m);
    if ('uncovered' in small || 'uncovered' in mid) throw new Error('covered expected');
    expect(small.hostable).toBe(false);
    expect(small.host_verdict).toMatch(/agent needs about 100826 B RAM .* part has 65536 B/);
    expect(mid.hostable).toBe(true);
  });
  it('charge external-flash parts more than cached internal flash, and wait states without a cache', () => {
    const src = m4.measurements.find((m) => m.kernel === 'ecdsa-p256' && m.op === 'verify')!;
    const band = (id: string) => predictCycles(entry(id), src)!.band.high_pct;
    expect(band('rp2350')).toBeGreaterThan(band('stm32u585ai'));
    const classes = { alu: 1000, branch: 100 };
    const l0 = entry('stm32l072cz');
    expect(l0.code_fetch.value.cache).toBe(false);
    expect(predictCycles(l0, { instruction_classes: classes })!.cycles - predictCycles({ ...l0, code_fetch: { ...l0.code_fetch, value: { ...l0.code_fetch.value, wait_states: 0 } } }, { instruction_classes: classes })!.cycles)
      .toBe(100 * l0.code_fetch.value.wait_states);
  });
});

describe('the M0/M0+ multiplier option', () => {
  it('charges 32 cycles per MULS on a part with the small multiplier, and spans 1-32 when unknown', () => {
    const part = entry('stm32l072cz');
    const classes = { alu: 1000, mul: 100 };
    const known = (v: 1 | 32) => predictCycles({ ...part, multiplier_cycles: { value: v, source: 'test' } }, { instruction_classes: classes })!;
    expect(known(32).cycles - known(1).cycles).toBe(3100);
    const unknown = predictCycles({ ...part, multiplier_cycles: undefined }, { instruction_classes: classes })!;
    expect(unknown.band.high_pct).toBeGreaterThan(known(1).band.high_pct);
  });
});

describe('recommend', () => {
  const p = profile({ needs: [need('secure-boot'), need('key-agreement', { requires: ['trng'] }), need('attestation', { requires: ['key_storage'] })] });
  const recs = recommend(p, catalogue, [m4], { registry: TEST_REGISTRY, boards: boardsWith(), catalogue });
  it('ranks passing parts first, then failing, then uncovered', () => {
    const order = recs.map((r) => r.status);
    expect(order.indexOf('fail')).toBeGreaterThan(order.lastIndexOf('pass'));
    expect(order.indexOf('not-covered')).toBeGreaterThan(order.lastIndexOf('fail'));
    expect(recs).toHaveLength(catalogue.length);
  });
  it('fails parts lacking a required feature with the reason', () => {
    const nrf = recs.find((r) => r.board === 'nrf52840')!;
    expect(nrf.status).toBe('fail');
    expect(nrf.reasons.join()).toMatch(/attestation: missing feature: no secure key storage/);
  });
  it('labels every verdict of a catalogue part as predicted', () => {
    const pass = recs.find((r) => r.status === 'pass')!;
    expect(pass.verdicts.every((v) => v.method === 'predicted' && v.board_kind === 'catalogue')).toBe(true);
    expect(pass.predicted_from).toBe('vm4');
  });
});

describe('time at a message size', () => {
  const s = predictSubject(entry('stm32l476rg'), measured);
  if ('uncovered' in s) throw new Error(s.uncovered);
  const at = (n: number) => timeAt(s, 'sha256', 'hash', n)!;
  it('prefers sized points when the op was also measured without a size', () => {
    const extra = { ...s, points: [...s.points, { kernel: 'sha256', op: 'hash', param_name: 'none' as const, param: 0, time_us: 1e9, method: 'predicted' as const }] };
    expect(timeAt(extra, 'sha256', 'hash', 1024)!.us).toBe(at(1024).us);
  });
  it('uses the measured point when the size was measured', () => {
    expect(at(1024).extrapolated).toBe(false);
    expect(at(1024).us).toBe(s.points.find((p) => p.kernel === 'sha256' && p.param === 1024)!.time_us);
  });
  it('interpolates between sizes and extrapolates (flagged) beyond them', () => {
    expect(at(2048).us).toBeGreaterThan(at(1024).us);
    expect(at(2048).us).toBeLessThan(at(4096).us);
    expect(at(2048).extrapolated).toBe(false);
    const big = at(65536);
    expect(big.extrapolated).toBe(true);
    expect(big.us / at(16384).us).toBeGreaterThan(3.9);
  });
});
