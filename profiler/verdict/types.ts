// Types of requirement profiles, verdicts and recommendations (the engine's public data).
import type { FrameworkId } from '../policy/index.ts';
import type { EnergyBudget } from '../energy/index.ts';
import type { Method } from '../results/types.ts';
import type { Radio } from '../catalogue/index.ts';
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
  /** constant_time: "required" fails a need with a long-term secret whose op leaks, and leaves it
   *  incomplete when an op is unchecked or operand-dependent; "reported" (default) only reports. */
  policy: { frameworks: FrameworkId[]; accept_deprecated?: boolean; rationale?: string; constant_time?: 'required' | 'reported' };
  budgets: { crypto_ram_bytes: number; crypto_flash_bytes: number; energy?: EnergyBudget; mains_powered?: boolean };
  /** Radios the product uses (BLE, 802.15.4, Wi-Fi, ...). */
  connectivity?: Radio[];
  duty_cycle: { description: string };
  needs: Need[];
  /** Set by the loader: the file the profile came from. */
  file?: string;
}

/** How far a modelled time may be off, in % of it (the timing model's band, docs/timing-model.md). */
export interface TimeBand { low_pct: number; high_pct: number }

/** One algorithm (or hybrid) evaluated for one need on one board. */
export interface Evaluation {
  algorithm: string;
  kernels: string[];
  /** The operations one use runs, as `kernel/op` (the keys of the results' code map). */
  ops?: string[];
  key_bits?: number;
  /** The weaker part's strength; for a hybrid, its quantum-resistant part's. */
  security_bits: number;
  quantum_security_bits: number;
  /** Total time of the need's operations (one boot, one session, one record), in ms. */
  time_ms?: number;
  budget_ms?: number;
  throughput_kbytes_per_s?: number;
  required_kbytes_per_s?: number;
  /** RAM the need uses: the largest working set of its ops (stack + heap + buffers) plus the
   *  constant data the wasm2c runtime copies into linear memory; `ram_limit_bytes` is the smaller
   *  of the profile's crypto RAM budget and the part's RAM. */
  ram_bytes?: number;
  ram_limit_bytes?: number;
  /** Flash: the code its ops reach and their constants, shared code once, plus the runtime. */
  flash_bytes?: number;
  flash_limit_bytes?: number;
  energy_uj?: number;
  daily_energy_mj?: number;
  /** Daily crypto energy as a share of the whole battery's daily energy (battery-powered products). */
  battery_share_pct?: number;
  /** Positive = headroom. time as % of budget; RAM/flash in bytes; energy as % of the crypto budget. */
  margins: { time_pct?: number; ram_bytes?: number; flash_bytes?: number; energy_pct?: number };
  /** Error band of time_ms (and so of throughput and energy; of the daily energy alone for the
   *  board-level energy check) from the timing model, in %. */
  time_band?: TimeBand;
  /** Set when a time, throughput or energy margin lies inside that band: the pass or fail
   *  is not clean, the model cannot tell (docs/timing-model.md). */
  borderline?: string;
  /** Why this algorithm does not pass (empty when it passes). */
  failures: { cause: FailureCause; detail: string }[];
  /** Checks that could not be made (a figure the results lack): the verdict is then incomplete. */
  unknowns: string[];
  notes: string[];
  /** For needs that handle a long-term secret: the constant-time check's findings on its ops. */
  constant_time?: ConstantTime;
}

/** A secret op's constant-time status: a results record's, or unchecked (no record). */
export type CtStatus = 'trace-equal' | 'operand-dependent' | 'allowed-variation' | 'leaks' | 'unchecked';

export interface ConstantTime {
  /** The long-term secret the need's ops handle (verdict/constant-time.ts). */
  secret: string;
  /** The worst of its ops'. */
  status: CtStatus;
  ops: { op: string; status: CtStatus; operand_dependent_instructions?: number; detail: string }[];
  /** The board whose traces these are (the part's twin or same-core board for predictions). */
  traced_on?: string;
}

export type FailureCause =
  | 'policy' | 'not-measured' | 'wrong-output' | 'too-slow' | 'too-little-ram' | 'too-little-flash'
  | 'energy' | 'missing-feature' | 'not-constant-time';

/** pass: every check passed; fail: a check failed; incomplete: nothing failed, but a check could
 *  not be made (core not covered, a figure missing from the results). */
export type Status = 'pass' | 'fail' | 'incomplete';

/** What would change a need that fails on time or energy alone: a published optimised
 *  implementation for the core or the part's accelerator. Figures are published, not capmark's. */
export interface Alternative {
  kind: 'published-implementation' | 'accelerator';
  /** e.g. "ecdsa-p256 verify: P256-Cortex-M4 (Emil Lundberg), assembly, 976,000 cycles". */
  description: string;
  /** The need's time with the published figure in place of capmark's (undefined: not quantified),
   *  and its band (capmark's steps' timing-model band; a published count's code-fetch band). */
  time_ms?: number;
  time_band?: TimeBand;
  daily_energy_mj?: number;
  /** Whether the need would then meet its time and energy budgets (undefined: not quantified). */
  meets?: boolean;
  source: string;
}

export interface Verdict {
  board: string;
  board_kind: 'virtual' | 'catalogue';
  profile: string;
  need: string;
  kind: NeedKind | 'daily-energy' | 'footprint';
  status: Status;
  /** How the numbers behind the verdict were obtained ('datasheet' for hardware needs). */
  method: Method | 'datasheet';
  /** The cheapest algorithm that passes every check (or, when incomplete, every check it could make). */
  choice?: Evaluation;
  /** When nothing passes: the policy-acceptable algorithm that came closest. */
  closest?: Evaluation;
  /** When it fails or is incomplete: one line per cause, most fundamental first. */
  reasons: string[];
  /** When it fails on time or energy alone: published figures that might change that. */
  alternatives?: Alternative[];
  /** The chosen (or closest) algorithm's margin lies inside the timing model's error band:
   *  report it as borderline, not as a clean pass or fail (status stays what the modelled
   *  figure gives: a borderline pass still passes). */
  borderline?: string;
  notes: string[];
  traces_to: Trace[];
  support_window: [number, number];
}

/** One need of one part, as the report's first screen shows it. */
export interface NeedSummary {
  need: string;
  kind: Verdict['kind'];
  status: Status;
  algorithm?: string;
  /** Time per use at the part's clock and its budget (or throughput for transport), with the
   *  timing model's band. */
  time_ms?: number;
  time_band?: TimeBand;
  budget_ms?: number;
  throughput_kbytes_per_s?: number;
  required_kbytes_per_s?: number;
  daily_energy_mj?: number;
  /** That energy as a share of the battery's daily energy (battery-powered products). */
  battery_share_pct?: number;
  ram_bytes?: number;
  ram_limit_bytes?: number;
  flash_bytes?: number;
  flash_limit_bytes?: number;
  /** The first reason it fails or is incomplete, in one line. */
  reason?: string;
  /** Set when the margin lies inside the timing model's band (Verdict.borderline). */
  borderline?: string;
  method: Verdict['method'];
}

export interface Recommendation {
  board: string;
  name: string;
  status: Status;
  /** One line: why it fails or is incomplete, or what it meets. */
  summary: string;
  passed: number;
  total: number;
  price_band_usd: string;
  core: string;
  clock_hz: number;
  /** The product's radios on this part: true/false, undefined when the product states none
   *  or the catalogue entry does not list radios. */
  radio_match?: boolean;
  radios?: string[];
  radio_note?: string;
  /** Crypto energy per day of the chosen algorithms (with the timing model's band), and as a
   *  share of the battery's daily energy. */
  daily_energy_mj?: number;
  daily_energy_band?: TimeBand;
  battery_share_pct?: number;
  /** The whole product's crypto: peak RAM and flash with shared code once, against the limits. */
  ram_bytes?: number;
  ram_limit_bytes?: number;
  flash_bytes?: number;
  flash_limit_bytes?: number;
  /** The virtual board whose measurements the prediction scales. */
  predicted_from?: string;
  /** Set when the part's performance is not predicted (its core is not covered). */
  performance_note?: string;
  /** Whether capmark's profiling agent fits the part: a capability fact, not a product need. */
  agent: { hostable: boolean; verdict: string };
  needs: NeedSummary[];
  reasons: string[];
  verdicts: Verdict[];
}
