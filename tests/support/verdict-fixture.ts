// Builders for verdict tests: a requirement profile in code, and board facts with a power model.
import type { BoardFacts } from '../../profiler/catalogue/index.ts';
import type { PowerModel } from '../../profiler/energy/index.ts';
import type { Need, RequirementProfile } from '../../profiler/verdict/index.ts';

export const POWER: PowerModel = {
  supply_voltage_v: { value: 3, source: 'test' },
  run_current: { ua_per_mhz: 100, source: 'test' },
  sleep_current_ua: { value: 1, source: 'test' },
};

export const boardsWith = (over: Partial<BoardFacts> = {}) => (id: string): BoardFacts => ({
  id, name: id, kind: 'virtual', core: 'cortex-m4', clock_hz: 25e6, power: POWER, features: { trng: true, key_storage: true }, ...over,
});

const trace = [{ regulation: 'iec-62443-4-2' as const, clause: 'CR 3.4' }];

export function need(kind: Need['kind'], over: Partial<Need> = {}): Need {
  const base: Record<Need['kind'], Partial<Need>> = {
    'secure-boot': { image_kib: 64, max_time_ms: 10_000, per_day: 1 },
    transport: { min_kbytes_per_s: 1, record_bytes: 1024, bytes_per_day: 100_000 },
    'key-agreement': { max_time_ms: 10_000, per_day: 4 },
    attestation: { max_time_ms: 10_000, per_day: 1 },
    'data-at-rest': { record_bytes: 512, max_time_ms: 1000, per_day: 10 },
    hardware: { requires: ['secure_boot_rom', 'key_storage'] },
  };
  return { id: kind, kind, description: kind, traces_to: trace, ...base[kind], ...over };
}

export function profile(over: Partial<RequirementProfile> = {}): RequirementProfile {
  return {
    schema: 'capmark.requirements/1', id: 'test', name: 'test product', first_ship_year: 2026, support_years: 5,
    policy: { frameworks: ['nist-sp800-57', 'nist-ir8547'] },
    budgets: { crypto_ram_bytes: 1 << 20, crypto_flash_bytes: 1 << 20 },
    duty_cycle: { description: 'test' }, needs: [need('secure-boot')], ...over,
  };
}
