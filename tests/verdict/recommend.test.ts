// Catalogue predictions and ranking: the part's core timing model and code-fetch cost applied
// to the measured virtual board of the same core; uncovered cores say so.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalogue, predictCycles } from '../../profiler/catalogue/index.ts';
import { predictSubject, recommend, timeAt } from '../../profiler/verdict/index.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const catalogue = loadCatalogue();
const entry = (id: string) => catalogue.find((e) => e.id === id)!;
const m4 = makeResults({ board: 'vm4' });
const measured = [{ results: m4, facts: boardsWith()('vm4') }];

describe('predictions', () => {
  it('model the part\'s cycles with a band and scale them to the part clock', () => {
    const e = entry('stm32l476rg');
    const s = predictSubject(e, measured);
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
    expect(s.uncovered).toMatch(/core msp430x not covered: no measured virtual board of this core/);
    expect(s.points).toEqual([]);
  });
  it('use a stand-in core running the same binary, and say so', () => {
    expect(predictSubject(entry('stm32u585ai'), measured).provenance).toMatch(/stand-in core cortex-m4/);
  });
  it('predict hosting with one page of linear memory, not the virtual board\'s full build', () => {
    const big = makeResults({ board: 'vm4' });
    big.capability.required_ram_bytes = 1_083_866;
    big.conditions.linear_memory_bytes = 1_048_576;
    const m = [{ results: big, facts: boardsWith()('vm4') }];
    const small = predictSubject(entry('nrf52832'), m), mid = predictSubject(entry('nrf52840'), m);
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
  const p = profile({ connectivity: ['ble'], needs: [need('secure-boot'), need('key-agreement', { requires: ['trng'] }), need('attestation', { requires: ['key_storage'] })] });
  const recs = recommend(p, catalogue, [m4], { registry: TEST_REGISTRY, boards: boardsWith(), catalogue });
  it('gives every part PASS, FAIL or INCOMPLETE with a one-line reason, passing first, failing last', () => {
    expect(recs).toHaveLength(catalogue.length);
    const order = recs.map((r) => r.status);
    expect(order.lastIndexOf('pass')).toBeLessThan(order.indexOf('incomplete'));
    expect(order.lastIndexOf('incomplete')).toBeLessThan(order.indexOf('fail'));
    for (const r of recs) expect(r.summary.length).toBeGreaterThan(10);
  });
  it('ranks a part with the product\'s radio before one without, and says why', () => {
    const pass = recs.filter((r) => r.status === 'pass');
    const firstWithout = pass.findIndex((r) => r.radio_match === false);
    expect(pass.slice(firstWithout).every((r) => r.radio_match === false)).toBe(true);
    expect(pass[firstWithout].summary).toMatch(/no on-chip Bluetooth LE radio/);
    expect(pass[0].radio_match).toBe(true);
  });
  it('judges capability on uncovered cores: FAIL when a feature is missing, else INCOMPLETE', () => {
    const rp = recs.find((r) => r.board === 'rp2040')!;            // Cortex-M0+ (not measured here), no key storage
    expect(rp.status).toBe('fail');
    expect(rp.reasons.join()).toMatch(/attestation: missing feature: no secure key storage/);
    expect(rp.reasons.join()).toMatch(/performance not predicted: core cortex-m0plus not covered/);
    const msp = recs.find((r) => r.board === 'msp430fr5994')!;
    const need3 = recommend(profile({ needs: [need('secure-boot')] }), [entry('msp430fr5994')], [m4], { registry: TEST_REGISTRY, boards: boardsWith(), catalogue })[0];
    expect(need3.status).toBe('incomplete');
    expect(need3.summary).toMatch(/performance not predicted: core msp430x not covered/);
    expect(msp.performance_note).toMatch(/not covered/);
  });
  it('fails parts lacking a required feature with the reason', () => {
    const nrf = recs.find((r) => r.board === 'nrf52840')!;
    expect(nrf.status).toBe('fail');
    expect(nrf.reasons.join()).toMatch(/attestation: missing feature: no secure key storage/);
  });
  it('labels every verdict of a catalogue part as predicted and summarises each need for the report', () => {
    const pass = recs.find((r) => r.status === 'pass')!;
    expect(pass.verdicts.every((v) => v.method === 'predicted' && v.board_kind === 'catalogue')).toBe(true);
    expect(pass.predicted_from).toBe('vm4');
    const boot = pass.needs.find((n) => n.need === 'secure-boot')!;
    expect(boot).toMatchObject({ status: 'pass', algorithm: expect.any(String), time_ms: expect.any(Number), ram_bytes: expect.any(Number), flash_bytes: expect.any(Number) });
    expect(boot.time_band!.high_pct).toBeGreaterThan(0);   // predicted times carry the timing model's band
    expect(pass.agent.verdict).toMatch(/host the agent/);
  });
});

describe('a part failing on time alone', () => {
  it('names its listed accelerator, and says it is not quantified without a sourced figure', () => {
    const registry = TEST_REGISTRY.filter((k) => ['ecdsa-p256', 'sha256'].includes(k.id));
    const [r] = recommend(profile({ needs: [need('secure-boot', { image_kib: 1, max_time_ms: 1 })] }), [entry('stm32u585ai')], [m4],
      { registry, boards: boardsWith(), catalogue });
    const alt = r.verdicts[0].alternatives!;
    expect(alt.map((a) => a.kind)).toEqual(['accelerator', 'accelerator']);   // ecc for the signature, sha-256 for the digest
    expect(alt[0].description).toMatch(/lists a (ecc|sha-256) accelerator .* not quantified/);
    expect(alt.every((a) => a.meets === undefined && a.time_ms === undefined)).toBe(true);
  });
});

describe('a part failing on time alone, with published figures for its core', () => {
  const registry = TEST_REGISTRY.filter((k) => ['ecdsa-p256', 'sha256'].includes(k.id));
  const alt = (e: ReturnType<typeof entry>) => recommend(profile({ needs: [need('secure-boot', { image_kib: 1, max_time_ms: 1 })] }), [e], [m4],
    { registry, boards: boardsWith(), catalogue })[0].verdicts[0].alternatives!.find((a) => a.kind === 'published-implementation')!;
  it('quotes them on the part\'s code memory and clock, with a band', () => {
    const cached = entry('stm32l476rg');                 // Cortex-M4, 4 wait states behind the ART cache
    const a = alt(cached);
    expect(a.description).toMatch(/976,000 cycles \(published, cortex-m4\)/);
    expect(a.time_band!.high_pct).toBeGreaterThan(0);    // capmark's own digest step and the cache misses
    const uncached = alt({ ...cached, code_fetch: { ...cached.code_fetch, value: { ...cached.code_fetch.value, cache: false } } });
    expect(uncached.time_ms!).toBeGreaterThan(a.time_ms! * 1.1);   // every taken branch waits 4 states
  });
});

describe('a 16 KiB Cortex-M0 part needing LMS secure boot past 2035', () => {
  const dir = tempDir('parts');
  // The user's own catalogue file: the nRF51822 QFAB variant (16 KiB RAM), schema-checked like a shipped part.
  const file = join(dir, 'nrf51822-qfab.json');
  writeFileSync(file, JSON.stringify({ ...entry('nrf51822'), file: undefined, id: 'nrf51822-qfab', name: 'Nordic nRF51822 QFAB',
    ram_bytes: { value: 16384, source: 'nRF51822 Product Specification v3.x (Nordic): QFAB variant, 16 kB RAM' } }));
  const parts = loadCatalogue([file]);
  const qfab = parts.find((e) => e.id === 'nrf51822-qfab')!;
  const p = profile({ first_ship_year: 2027, support_years: 15, budgets: { crypto_ram_bytes: 65536, crypto_flash_bytes: 1 << 20 }, needs: [need('secure-boot')] });
  // The product's candidates: LMS or ECDSA over a SHA-256 digest; past 2035 only LMS is acceptable.
  const ctx = { registry: TEST_REGISTRY.filter((k) => ['lms-sha256-h10-w4', 'ecdsa-p256', 'sha256'].includes(k.id)), catalogue: parts };
  it('is INCOMPLETE, not FAIL, while no measured board covers Cortex-M0', () => {
    const [r] = recommend(p, [qfab], [m4], { ...ctx, boards: boardsWith() });
    expect(r.status).toBe('incomplete');
    expect(r.summary).toMatch(/performance not predicted: core cortex-m0 not covered/);
  });
  it('passes secure boot on its working set once a Cortex-M0 board is measured', () => {
    // A modelled Cortex-M0 results file (tests/support/results-fixture.ts): 1.5x the M4 cycles, same working sets.
    const m0 = makeResults({ board: 'vm0', core: 'cortex-m0', scale: 1.5, clock_hz: 16_000_000 });
    const [r] = recommend(p, [qfab], [m0], { ...ctx, boards: boardsWith({ core: 'cortex-m0' }) });
    const boot = r.verdicts.find((v) => v.need === 'secure-boot')!;
    expect(boot.status).toBe('pass');
    expect(boot.choice!.algorithm).toMatch(/^LMS/);
    expect(boot.choice!.ram_bytes).toBeLessThanOrEqual(16384);
    expect(boot.choice!.ram_limit_bytes).toBe(16384);
    expect(r.agent.hostable).toBe(false);     // capmark's 64 KiB page does not fit: a profiling fact only
  });
  it('is treated like a shipped part, and a bad user file names file and field', () => {
    expect(parts.map((e) => e.id)).toContain('nrf51822');
    const bad = join(dir, 'bad-part.json');
    writeFileSync(bad, JSON.stringify({ ...entry('nrf51822'), file: undefined, id: 'bad-part', radios: { value: ['zigbee'], source: 'x'.repeat(5) } }));
    expect(() => loadCatalogue([bad])).toThrow(/bad-part\.json: radios\.value\[0\]: must be one of/);
    const twin = join(dir, 'nrf52840.json');
    writeFileSync(twin, JSON.stringify({ ...entry('nrf52840'), file: undefined }));
    expect(() => loadCatalogue([twin])).toThrow(/"nrf52840" is already described by .*boards\/catalogue\/nrf52840\.json/);
  });
});

describe('time at a message size', () => {
  const s = predictSubject(entry('stm32l476rg'), measured);
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

describe('real-SoC twins', () => {
  it('predict a part from the QEMU model of its own SoC before any other board of the core, and say so', () => {
    const other = makeResults({ board: 'vm4' });
    const twin = makeResults({ board: 'netduinoplus2' });
    twin.conditions.twin_of = 'stm32f405rg';
    const boards = [{ results: other, facts: boardsWith()('vm4') }, { results: twin, facts: boardsWith()('netduinoplus2') }];
    expect(predictSubject(entry('stm32f405rg'), boards).provenance).toMatch(/^predicted from netduinoplus2 \(a QEMU model of this SoC: measured on its twin\)/);
    expect(predictSubject(entry('stm32l476rg'), boards).provenance).toMatch(/^predicted from vm4: /);
  });
});

describe('coverage of the catalogue by the virtual boards\' cores', () => {
  it('predicts every Cortex-M0/M0+/M23 and RISC-V part with its core\'s timing model and a band; only cores without a board (MSP430, Xtensa) stay uncovered', () => {
    const cores = ['cortex-m0', 'cortex-m3', 'cortex-m4', 'cortex-m7', 'cortex-m33', 'cortex-m55', 'rv32imc', 'rv32ec'];
    const boards = cores.map((core) => ({ results: makeResults({ board: `v-${core}`, core }), facts: boardsWith({ core })(`v-${core}`) }));
    const uncovered = catalogue.filter((e) => predictSubject(e, boards).uncovered).map((e) => e.core.value);
    expect([...new Set(uncovered)].sort()).toEqual(['msp430x', 'xtensa-lx7']);
    for (const e of catalogue.filter((x) => /^(cortex-m0|cortex-m23|rv32)/.test(x.core.value))) {
      const s = predictSubject(e, boards);
      expect(s.uncovered, e.id).toBeUndefined();
      expect(s.points.length, e.id).toBeGreaterThan(0);
      expect(s.provenance, e.id).toContain(`instruction classes x capmark.timing/1 ${e.core.value}:`);
      for (const p of s.points) expect(p.band!.high_pct, `${e.id} ${p.kernel}`).toBeGreaterThan(0);
    }
  });
});
