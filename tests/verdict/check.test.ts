// Verdict engine: budgets at their boundaries, policy years, missing features, wrong outputs,
// energy, and the choice of the cheapest acceptable algorithm.
import { describe, expect, it } from 'vitest';
import { checkRequirements, type Verdict } from '../../profiler/verdict/index.ts';
import { join } from 'node:path';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { readResults } from '../../profiler/results/index.ts';
import { ROOT } from '../../profiler/util/paths.ts';
import { makeResults, modelCodeMap, TEST_REGISTRY, type FixtureOptions } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';

const reg = (...ids: string[]) => TEST_REGISTRY.filter((k) => ids.includes(k.id));
const run = (p: ReturnType<typeof profile>, registry = TEST_REGISTRY, fx: FixtureOptions = {}, board = boardsWith()) =>
  checkRequirements(p, [makeResults({ registry, ...fx })], { registry, boards: board });
const byNeed = (vs: Verdict[], id: string) => vs.find((v) => v.need === id)!;

describe('time budget', () => {
  const registry = reg('ecdsa-p256', 'sha256');
  const t = byNeed(run(profile(), registry), 'secure-boot').choice!.time_ms!;
  it('passes exactly at budget with zero margin', () => {
    const v = byNeed(run(profile({ needs: [need('secure-boot', { max_time_ms: t })] }), registry), 'secure-boot');
    expect(v.status).toBe('pass');
    expect(v.choice!.margins.time_pct).toBe(0);
  });
  it('fails just over budget, saying too slow and by how much', () => {
    const v = byNeed(run(profile({ needs: [need('secure-boot', { max_time_ms: t * 0.999 })] }), registry), 'secure-boot');
    expect(v.status).toBe('fail');
    expect(v.reasons.join()).toMatch(/too slow: ECDSA P-256 over SHA-256 digest takes [\d.]+ ms > [\d.]+ ms budget/);
    expect(v.closest?.algorithm).toMatch(/ECDSA P-256/);
  });
  it('extrapolates the image hash beyond the largest measured size and says so', () => {
    const v = byNeed(run(profile({ needs: [need('secure-boot', { image_kib: 256 })] }), registry), 'secure-boot');
    expect(v.choice!.notes.join()).toMatch(/extrapolated from 16384 B/);
  });
});

describe('a need that fails on time alone', () => {
  const registry = reg('ecdsa-p256', 'sha256');
  const p = (ms: number) => profile({ needs: [need('secure-boot', { image_kib: 1, max_time_ms: ms })] });
  it('says by how much, and what a published implementation for the core would take, labelled published', () => {
    const t = byNeed(run(p(10_000), registry), 'secure-boot').choice!.time_ms!;
    const v = byNeed(run(p(t * 0.8), registry), 'secure-boot');
    expect(v.status).toBe('fail');
    expect(v.reasons.join()).toMatch(/takes [\d.]+ ms > [\d.]+ ms budget \(25% over\)/);
    const alt = v.alternatives!.find((a) => a.kind === 'published-implementation')!;
    expect(alt.description).toMatch(/ecdsa-p256 verify: P256-Cortex-M4 .*976,000 cycles \(published, cortex-m4\)/);
    expect(alt.source).toMatch(/Emill\/P256-Cortex-M4/);
    expect(alt.meets).toBe(true);
    expect(alt.time_ms).toBeLessThan(t * 0.8);
    // Capmark's own figures stay as measured: the alternative does not change the choice or the verdict.
    expect(v.closest!.time_ms).toBeCloseTo(t, 6);
  });
  it('gives no alternative when something other than time or energy fails', () => {
    const v = byNeed(run(p(1), registry, { wrong: ['ecdsa-p256'] }), 'secure-boot');
    expect(v.alternatives).toBeUndefined();
  });
});

describe('RAM, flash and throughput budgets', () => {
  const registry = reg('ecdsa-p256', 'sha256');
  it('passes at exactly the RAM budget and fails one byte under', () => {
    // RAM = stack + the kernels' declared heap: found from the margin under a large budget
    const big = 1 << 20;
    const ramAt = (budget: number) => byNeed(run(profile({ budgets: { crypto_ram_bytes: budget, crypto_flash_bytes: 1 << 20 } }), registry, { stack_bytes: 2048 }), 'secure-boot');
    const ram = big - ramAt(big).choice!.margins.ram_bytes!;
    expect(ram).toBeGreaterThanOrEqual(2048);
    const at = ramAt(ram);
    expect(at.status).toBe('pass');
    expect(at.choice!.margins.ram_bytes).toBe(0);
    const under = ramAt(ram - 1);
    expect(under.status).toBe('fail');
    expect(under.reasons.join()).toMatch(new RegExp(`too little ram: .*${ram} B RAM > ${ram - 1} B budget`));
  });
  it('judges transport by throughput at the record size', () => {
    const aead = reg('aes-128-gcm');
    const tp = byNeed(run(profile({ needs: [need('transport')] }), aead), 'transport').choice!.throughput_kbytes_per_s!;
    expect(byNeed(run(profile({ needs: [need('transport', { min_kbytes_per_s: tp })] }), aead), 'transport').status).toBe('pass');
    expect(byNeed(run(profile({ needs: [need('transport', { min_kbytes_per_s: tp * 1.001 })] }), aead), 'transport').status).toBe('fail');
  });
});

describe('policy years decide the algorithm', () => {
  const registry = reg('rsa-2048-pkcs1-verify', 'lms-sha256-h10-w4', 'sha256');
  const pick = (ship: number, years: number) =>
    byNeed(run(profile({ first_ship_year: ship, support_years: years }), registry), 'secure-boot');
  it('takes 112-bit RSA-2048 for support ending 2030', () => {
    expect(pick(2026, 5).choice!.kernels).toContain('rsa-2048-pkcs1-verify');
  });
  it('moves to LMS when support reaches 2031 and says why', () => {
    const v = pick(2026, 6);
    expect(v.choice!.kernels).toContain('lms-sha256-h10-w4');
    expect(v.notes.join()).toMatch(/rsa-2048-pkcs1-verify (deprecated|disallowed) from 2031/);
  });
  it('keeps ECC through 2035 and drops it in 2036', () => {
    const ecc = reg('ecdsa-p256', 'lms-sha256-h10-w4', 'sha256');
    const to2035 = byNeed(run(profile({ first_ship_year: 2026, support_years: 10 }), ecc), 'secure-boot');
    expect(to2035.choice!.kernels).toContain('ecdsa-p256');
    const to2036 = byNeed(run(profile({ first_ship_year: 2026, support_years: 11 }), ecc), 'secure-boot');
    expect(to2036.choice!.kernels).toContain('lms-sha256-h10-w4');
  });
  it('fails naming the policy when only classical algorithms were measured', () => {
    const v = byNeed(run(profile({ first_ship_year: 2027, support_years: 15 }), reg('ecdsa-p256', 'sha256')), 'secure-boot');
    expect(v.status).toBe('fail');
    expect(v.reasons[0]).toMatch(/no algorithm is acceptable for 2027-2041 .*disallowed from 2036/);
  });
  it('fails as not measured when the policy needs a PQ kernel the board did not run', () => {
    const v = byNeed(run(profile({ first_ship_year: 2027, support_years: 15 }), TEST_REGISTRY,
      { omit: TEST_REGISTRY.filter((k) => k.kind === 'signature' && k.quantumSecurityBits > 0).map((k) => k.id) }), 'secure-boot');
    expect(v.status).toBe('fail');
    expect(v.reasons.join()).toMatch(/not measured: .*ml-dsa-44 verify not measured/);
  });
  it('chooses a hybrid key agreement for a product supported past 2035', () => {
    const v = byNeed(run(profile({ first_ship_year: 2027, support_years: 15, needs: [need('key-agreement')] })), 'key-agreement');
    expect(v.status).toBe('pass');
    expect(v.choice!.algorithm).toMatch(/ML-KEM-512$|hybrid/);
    expect(v.choice!.quantum_security_bits).toBeGreaterThan(0);
  });
});

describe('board capabilities', () => {
  it('fails a need that requires a TRNG on a board without one', () => {
    const p = profile({ needs: [need('key-agreement', { requires: ['trng'] })] });
    const v = byNeed(run(p, TEST_REGISTRY, { features: {} }, boardsWith({ features: {} })), 'key-agreement');
    expect(v.status).toBe('fail');
    expect(v.reasons[0]).toMatch(/no TRNG/);
    expect(v.closest).toBeDefined();
  });
  it('judges needs on their working sets, not on whether capmark\'s agent fits', () => {
    const vs = run(profile({ needs: [need('secure-boot'), need('transport')] }), TEST_REGISTRY, { hostable: false });
    expect(vs.map((v) => v.status)).toEqual(['pass', 'pass', 'pass']);
  });
  it('fails on an 8 KiB part only the needs whose working sets exceed its RAM, naming the bytes', () => {
    const p = profile({ first_ship_year: 2027, support_years: 15, budgets: { crypto_ram_bytes: 24576, crypto_flash_bytes: 1 << 20 },
      needs: [need('secure-boot'), need('data-at-rest'), need('attestation')] });
    const vs = run(p, TEST_REGISTRY, {}, boardsWith({ ram_bytes: 8192 }));
    expect(byNeed(vs, 'secure-boot').status).toBe('pass');
    expect(byNeed(vs, 'secure-boot').choice!.ram_bytes).toBeLessThanOrEqual(8192);
    expect(byNeed(vs, 'data-at-rest').status).toBe('pass');
    const att = byNeed(vs, 'attestation');
    expect(att.status).toBe('fail');
    expect(att.reasons.join()).toMatch(new RegExp(`needs ${att.closest!.ram_bytes} B RAM > 8192 B the part's 8 KiB RAM`));
  });
  it('says a figure is missing from an older results file instead of inventing it (incomplete)', () => {
    const v = byNeed(run(profile(), reg('ecdsa-p256', 'sha256'), { footprint: false }), 'secure-boot');
    expect(v.status).toBe('incomplete');
    expect(v.reasons.join()).toMatch(/RAM use not established.*capmark.results\/1/);
    expect(v.reasons.join()).toMatch(/flash use not established/);
    expect(v.choice!.algorithm).toMatch(/ECDSA P-256/);
  });
  it('reads a real capmark.results/1 file and leaves its needs incomplete, not passed', () => {
    const old = readResults(join(ROOT, 'tests', 'fixtures', 'results-v1-mps2-an386.json'));
    const vs = checkRequirements(profile({ needs: [need('transport')] }), [old], { registry: KERNELS, boards: boardsWith() });
    expect(byNeed(vs, 'transport').status).toBe('incomplete');
    expect(byNeed(vs, 'transport').reasons.join()).toMatch(/not established/);
  });
  it('judges a hardware need on features alone', () => {
    const p = profile({ needs: [need('hardware', { requires: ['secure_boot_rom', 'debug_lock'] })] });
    expect(byNeed(run(p, TEST_REGISTRY, {}, boardsWith({ features: { secure_boot_rom: true, debug_lock: true } })), 'hardware').status).toBe('pass');
    const v = byNeed(run(p, TEST_REGISTRY, {}, boardsWith({ features: { secure_boot_rom: true } })), 'hardware');
    expect([v.status, v.method, v.reasons.join()]).toEqual(['fail', 'datasheet', expect.stringMatching(/no debug-port lock/)]);
  });
  it('treats a wrong output as a failed algorithm, never as a number', () => {
    const v = byNeed(run(profile(), reg('ecdsa-p256', 'sha256'), { wrong: ['ecdsa-p256'] }), 'secure-boot');
    expect(v.status).toBe('fail');
    expect(v.reasons.join()).toMatch(/wrong answer/);
  });
  it('cites the clause each need traces to', () => {
    const v = byNeed(run(profile()), 'secure-boot');
    expect(v.traces_to[0]).toEqual({ regulation: 'iec-62443-4-2', clause: 'CR 3.4' });
  });
});

describe('flash of a whole product', () => {
  const registry = reg('ecdsa-p256', 'sha256');
  const p = (flash: number) => profile({ budgets: { crypto_ram_bytes: 1 << 20, crypto_flash_bytes: flash },
    needs: [need('secure-boot', { image_kib: 1 }), need('attestation')] });
  it('counts code shared by several needs once (runtime, the family\'s arithmetic)', () => {
    const vs = run(p(1 << 20), registry);
    const map = modelCodeMap(registry);
    const ops = [...new Set(vs.flatMap((v) => v.choice?.ops ?? []))];
    const union = new Set([...map.runtime, ...ops.flatMap((o) => map.ops[o])]);
    const fp = byNeed(vs, 'product-footprint');
    expect(fp.choice!.flash_bytes).toBe([...union].reduce((a, i) => a + map.units[i].bytes, 0));
    expect(fp.choice!.flash_bytes).toBeLessThan(byNeed(vs, 'secure-boot').choice!.flash_bytes! + byNeed(vs, 'attestation').choice!.flash_bytes!);
  });
  it('fails the product when the union exceeds the flash budget though each need fits', () => {
    const vs = run(p(1 << 20), registry);
    const union = byNeed(vs, 'product-footprint').choice!.flash_bytes!;
    const each = Math.max(byNeed(vs, 'secure-boot').choice!.flash_bytes!, byNeed(vs, 'attestation').choice!.flash_bytes!);
    const tight = run(p(union - 1), registry);
    expect(each).toBeLessThan(union - 1);
    expect(byNeed(tight, 'secure-boot').status).toBe('pass');
    expect(byNeed(tight, 'product-footprint').reasons.join()).toMatch(new RegExp(`needs ${union} B flash > ${union - 1} B budget`));
  });
});

describe('choosing for the whole product', () => {
  it('takes the passing algorithms that fit the flash together when the fastest ones do not', () => {
    const registry = reg('x25519', 'ecdh-p256', 'ed25519', 'ecdsa-p256');
    const r = makeResults({ registry });
    // Hand-made code map: the Curve25519 pair shares 20 kB of field code, so does the P-256 pair.
    const units = [{ name: 'runtime', bytes: 1000, kind: 'code' as const }, { name: 'fe25519', bytes: 20_000, kind: 'code' as const },
      { name: 'p256', bytes: 20_000, kind: 'code' as const }];
    const ops: Record<string, number[]> = {};
    for (const k of registry) for (const o of k.ops) ops[`${k.id}/${o.op}`] = [/25519/.test(k.id) ? 1 : 2, units.push({ name: `${k.id}/${o.op}`, bytes: 1000, kind: 'code' }) - 1];
    r.code_map = { source: 'test', units, ops, runtime: [0] };
    const p = profile({ budgets: { crypto_ram_bytes: 1 << 20, crypto_flash_bytes: 30_000 }, needs: [need('key-agreement'), need('attestation')] });
    const vs = checkRequirements(p, [r], { registry, boards: boardsWith() });
    expect(byNeed(vs, 'key-agreement').choice!.algorithm).toBe('X25519');
    expect(byNeed(vs, 'attestation').choice!.algorithm).toBe('Ed25519');
    expect(byNeed(vs, 'attestation').notes.join()).toMatch(/Ed25519 chosen over the faster ECDSA P-256 so that all needs fit/);
    const fp = byNeed(vs, 'product-footprint');
    expect([fp.status, fp.choice!.flash_bytes]).toEqual(['pass', 24_000]);
    expect(fp.notes.join()).toMatch(/fastest algorithm would need 44000 B of flash together/);
  });
});

describe('energy', () => {
  const registry = reg('ecdsa-p256', 'sha256');
  const battery = (mah: number) => ({ crypto_ram_bytes: 1 << 20, crypto_flash_bytes: 1 << 20,
    energy: { battery_capacity_mah: mah, battery_voltage_v: 3, battery_life_days: 1, crypto_share_max: 1 } });
  it('gives energy per operation and a daily-energy verdict', () => {
    const vs = run(profile({ budgets: battery(1000) }), registry);
    const boot = byNeed(vs, 'secure-boot').choice!;
    // 25 MHz x 100 µA/MHz = 2.5 mA at 3 V: E = t(µs) x 3 x 2.5 / 1000
    expect(boot.energy_uj).toBeCloseTo(boot.time_ms! * 1000 * 3 * 2.5 / 1000, 6);
    const day = byNeed(vs, 'daily-energy');
    expect(day.status).toBe('pass');
    expect(day.notes.join()).toMatch(/% of the battery budget/);
    // crypto_share_max = 1: the share of the battery equals the share of the crypto budget used.
    expect(day.choice!.battery_share_pct).toBeCloseTo(100 - day.choice!.margins.energy_pct!, 0);
  });
  it('fails a need whose daily energy exceeds the crypto budget', () => {
    const e = byNeed(run(profile({ budgets: battery(1000) }), registry), 'secure-boot').choice!.daily_energy_mj!;
    const mah = (e / 3600 / 3) * 0.5;   // half the energy needed
    const vs = run(profile({ budgets: battery(mah) }), registry);
    expect(byNeed(vs, 'secure-boot').reasons.join()).toMatch(/energy: .* mJ\/day > .* mJ\/day crypto budget/);
    expect(byNeed(vs, 'daily-energy').status).toBe('fail');
  });
  it('fails the daily energy when a need has no measured algorithm', () => {
    const vs = run(profile({ budgets: battery(1000), needs: [need('secure-boot'), need('transport')] }), registry);
    expect(byNeed(vs, 'transport').reasons).toEqual(['the kernel registry has no algorithm for transport needs']);
    expect(byNeed(vs, 'daily-energy').reasons.join()).toMatch(/cannot be established: no measured algorithm for transport/);
  });
  it('omits the daily-energy verdict for mains-powered products', () => {
    expect(run(profile(), registry).some((v) => v.kind === 'daily-energy')).toBe(false);
  });
});
