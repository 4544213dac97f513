// The product a report answers for, as its first lines state it: name, first-ship year, support
// window, policy frameworks, radios, crypto budgets, and each need with its limit.
import { RADIO_NAMES, type Radio } from '../catalogue/index.ts';
import { dailyBudgetMj } from '../energy/index.ts';
import { FRAMEWORKS } from '../policy/index.ts';
import { bytes, num } from '../util/format.ts';
import type { Need, RequirementProfile } from '../verdict/index.ts';

export interface ProductSummary {
  id: string;
  name: string;
  description?: string;
  first_ship_year: number;
  support_years: number;
  /** Years supported, first and last inclusive. */
  window: [number, number];
  /** Short names of the policy frameworks ("NIST IR 8547"), and the profile's rationale. */
  frameworks: string[];
  rationale?: string;
  /** The product's radios (`connectivity`) and how reports name them. */
  connectivity: Radio[];
  radios: string[];
  budgets: string[];
  needs: { id: string; kind: Need['kind']; description: string; limit?: string }[];
}

/** "NIST IR 8547 (initial public draft), Transition ..." -> "NIST IR 8547". */
export const frameworkName = (id: string) => FRAMEWORKS[id]?.title.split(/ \(|, /)[0] ?? id;

const limitOf = (n: Need) =>
  n.max_time_ms !== undefined ? `≤ ${num(n.max_time_ms)} ms`
    : n.min_kbytes_per_s !== undefined ? `≥ ${num(n.min_kbytes_per_s)} kB/s`
      : n.requires?.length ? n.requires.join(', ').replace(/_/g, ' ') : undefined;

export function productSummary(p: RequirementProfile): ProductSummary {
  const e = p.budgets.energy;
  const energy = e ? `crypto ≤ ${num(e.crypto_share_max * 100)}% of a ${num(e.battery_capacity_mah)} mAh, ${num(e.battery_voltage_v)} V battery over ${num(e.battery_life_days)} days (${num(dailyBudgetMj(e) * e.crypto_share_max)} mJ/day)`
    : p.budgets.mains_powered ? 'mains powered' : undefined;
  return {
    id: p.id, name: p.name, description: p.description, first_ship_year: p.first_ship_year, support_years: p.support_years,
    window: [p.first_ship_year, p.first_ship_year + p.support_years - 1],
    frameworks: p.policy.frameworks.map(frameworkName), rationale: p.policy.rationale,
    connectivity: p.connectivity ?? [], radios: (p.connectivity ?? []).map((r) => RADIO_NAMES[r]),
    budgets: [`RAM ${bytes(p.budgets.crypto_ram_bytes)}`, `flash ${bytes(p.budgets.crypto_flash_bytes)}`, ...(energy ? [energy] : [])],
    needs: p.needs.map((n) => ({ id: n.id, kind: n.kind, description: n.description, limit: limitOf(n) })),
  };
}
