// Types of requirement profiles, verdicts and recommendations (the engine's public data).
import type { FrameworkId } from '../policy/index.ts';
import type { EnergyBudget } from '../energy/index.ts';
import type { Method } from '../results/types.ts';
import type { FEATURES, NEED_KINDS, REGULATIONS } from './profile-schema.ts';

export type NeedKind = (typeof NEED_KINDS)[number];
export type Feature = (typeof FEATURES)[number];

export interface Trace { regulation: (typeof REGULATIONS)[number]; clause: string }

export interface Need {
  id: string;
  kind: NeedKind;
  description: string;
  image_kib?: number;
  record_bytes?: number;
  min_kbytes_per_s?: number;
  bytes_per_day?: number;
  token_bytes?: number;
  max_time_ms?: number;
  per_day?: number;
  requires?: Feature[];
  traces_to: Trace[];
}

export interface RequirementProfile {
  schema: 'capmark.requirements/1';
  id: string;
  name: string;
  description?: string;
  first_ship_year: number;
  support_years: number;
  policy: { frameworks: FrameworkId[]; accept_deprecated?: boolean; rationale?: string };
  budgets: { crypto_ram_bytes: number; crypto_flash_bytes: number; energy?: EnergyBudget; mains_powered?: boolean };
  duty_cycle: { description: string };
  needs: Need[];
  /** Set by the loader: the file the profile came from. */
  file?: string;
}

/** One algorithm (or hybrid) evaluated for one need on one board. */
export interface Evaluation {
  algorithm: string;
  kernels: string[];
  key_bits?: number;
  security_bits: number;
  quantum_security_bits: number;
  /** Total time of the need's operations (one boot, one session, one record), in ms. */
  time_ms?: number;
  budget_ms?: number;
  throughput_kbytes_per_s?: number;
  required_kbytes_per_s?: number;
  ram_bytes?: number;
  flash_bytes?: number;
  energy_uj?: number;
  daily_energy_mj?: number;
  /** Daily crypto energy as a share of the whole battery's daily energy (battery-powered products). */
  battery_share_pct?: number;
  /** Positive = headroom. time as % of budget; RAM/flash in bytes; energy as % of the crypto budget. */
  margins: { time_pct?: number; ram_bytes?: number; flash_bytes?: number; energy_pct?: number };
  /** Error band of time_ms (and so of throughput and energy) from the timing model, in %. */
  time_band?: { low_pct: number; high_pct: number };
  /** Set when a time, throughput or energy margin lies inside that band: the pass or fail
   *  is not clean, the model cannot tell (docs/timing-model.md). */
  borderline?: string;
  /** Why this algorithm does not pass (empty when it passes). */
  failures: { cause: FailureCause; detail: string }[];
  notes: string[];
}

export type FailureCause =
  | 'policy' | 'not-measured' | 'wrong-output' | 'too-slow' | 'too-little-ram' | 'too-little-flash'
  | 'energy' | 'missing-feature' | 'not-hostable' | 'not-covered';

export interface Verdict {
  board: string;
  board_kind: 'virtual' | 'catalogue';
  profile: string;
  need: string;
  kind: NeedKind | 'daily-energy';
  status: 'pass' | 'fail';
  /** How the numbers behind the verdict were obtained. */
  method: Method;
  /** The cheapest algorithm that passes every check. */
  choice?: Evaluation;
  /** When nothing passes: the policy-acceptable algorithm that came closest. */
  closest?: Evaluation;
  /** When it fails: one line per cause, most fundamental first. */
  reasons: string[];
  /** The chosen (or closest) algorithm's margin lies inside the timing model's error band:
   *  report it as borderline, not as a clean pass or fail. */
  borderline?: string;
  notes: string[];
  traces_to: Trace[];
  support_window: [number, number];
}

export interface Recommendation {
  board: string;
  name: string;
  status: 'pass' | 'fail' | 'not-covered';
  passed: number;
  total: number;
  price_band_usd: string;
  daily_energy_mj?: number;
  /** The virtual board whose measurements the prediction scales. */
  predicted_from?: string;
  reasons: string[];
  verdicts: Verdict[];
}
