// Types of catalogue entries and of the board facts verdicts need (virtual or catalogue).
import type { PowerModel } from '../energy/index.ts';
import type { Core, Radio } from './schema.ts';

export interface Fact<T> { value: T; source: string }

export interface CatalogueEntry {
  schema: 'capmark.catalogue/1';
  id: string;
  name: string;
  vendor: string;
  datasheet: string;
  core: Fact<Core>;
  clock_hz: Fact<number>;
  ram_bytes: Fact<number>;
  flash_bytes: Fact<number>;
  code_fetch: Fact<{ memory: string; wait_states: number; cache: boolean }>;
  /** Cortex-M0/M0+/M23 multiplier option (MULS 1 or 32 cycles), when the datasheet says. */
  multiplier_cycles?: Fact<1 | 32>;
  power: PowerModel;
  crypto_accelerators: Fact<string[]>;
  trng: Fact<boolean>;
  secure_boot_rom: Fact<boolean>;
  trustzone: Fact<boolean>;
  /** Optional in capmark.catalogue/1 (added later); every shipped entry states it. */
  debug_lock?: Fact<boolean>;
  otp: Fact<boolean>;
  key_storage: Fact<boolean>;
  /** On-chip radios ([] for none); optional like debug_lock. */
  radios?: Fact<Radio[]>;
  price_band_usd: Fact<string>;
  typical_use: string;
  /** Set by the loader: the file the entry came from. */
  file?: string;
}

export type FeatureName = 'trng' | 'key_storage' | 'secure_boot_rom' | 'trustzone' | 'debug_lock';

/** What verdicts need to know about a board, whatever kind it is. */
export interface BoardFacts {
  id: string;
  name: string;
  kind: 'virtual' | 'catalogue';
  core: string;
  clock_hz: number;
  ram_bytes?: number;
  flash_bytes?: number;
  power?: PowerModel;
  /** How the power figures were obtained ("board file", "defaulted from <part>"). */
  power_note?: string;
  features: Partial<Record<FeatureName, boolean>>;
  features_note?: string;
  /** Catalogue parts: on-chip radios (undefined when the entry does not say), accelerators, price. */
  radios?: Radio[];
  accelerators?: string[];
  price_band_usd?: string;
  /** Catalogue parts: code memory (wait states, cache), for figures measured at zero wait states. */
  code_fetch?: CatalogueEntry['code_fetch']['value'];
  /** Catalogue parts: the entry's file (shipped or the user's). */
  file?: string;
}
