// Energy per operation and daily budgets from a power model.
import { describe, expect, it } from 'vitest';
import { dailyBudgetMj, dailySleepMj, energyPerOpUj, runCurrentMa, type PowerModel } from '../../profiler/energy/index.ts';

const perMhz: PowerModel = { supply_voltage_v: { value: 3, source: 's' }, run_current: { ua_per_mhz: 100, source: 's' }, sleep_current_ua: { value: 2, source: 's' } };
const atClock: PowerModel = { ...perMhz, run_current: { ma: 10, at_clock_hz: 50e6, source: 's' } };

describe('energy model', () => {
  it('takes run current per MHz or at a clock (scaled linearly)', () => {
    expect(runCurrentMa(perMhz, 80e6)).toBeCloseTo(8);
    expect(runCurrentMa(atClock, 25e6)).toBeCloseTo(5);
  });
  it('gives energy per op in µJ: 1 s at 3 V and 1 mA is 3000 µJ', () => {
    expect(energyPerOpUj(1e6, perMhz, 10e6)).toBeCloseTo(3000);
    expect(energyPerOpUj(1000, atClock, 50e6)).toBeCloseTo(30);
  });
  it('gives daily battery and sleep energy in mJ', () => {
    expect(dailyBudgetMj({ battery_capacity_mah: 100, battery_voltage_v: 3, battery_life_days: 10, crypto_share_max: 0.1 })).toBeCloseTo(108_000);
    expect(dailySleepMj(perMhz)).toBeCloseTo(2e-3 * 3 * 86400);
  });
});

describe('annotateEnergy', () => {
  it('fills energy_uj per measurement without changing the input', async () => {
    const { annotateEnergy } = await import('../../profiler/energy/index.ts');
    const { makeResults } = await import('../support/results-fixture.ts');
    const r = makeResults({ clock_hz: 10e6 });
    const a = annotateEnergy(r, perMhz);
    expect(r.measurements[0].energy_uj).toBeUndefined();
    const m = a.measurements[0];
    // 10 MHz x 100 µA/MHz = 1 mA at 3 V: 3 nJ per µs
    expect(m.energy_uj).toBeCloseTo(m.time_us!.median * 3 / 1000, 9);
  });
});
