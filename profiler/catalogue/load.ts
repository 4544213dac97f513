// Loads and validates the board catalogue and the facts of virtual boards; a virtual board
// without a power model gets one from a representative silicon part, labelled as such.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DataError, readJson, validate } from '../schema/index.ts';
import type { PowerModel } from '../energy/index.ts';
import { catalogueEntrySchema, virtualBoardFactsSchema } from './schema.ts';
import type { BoardFacts, CatalogueEntry, FeatureName } from './types.ts';
import { dataPath } from './paths.ts';

/** Every boards/catalogue/*.json entry, then the user's own (`extra`: folders of entries or single
 *  files), each validated the same way; ids must match file names and be unique. */
export function loadCatalogue(extra: string[] = [], dir = dataPath('boards/catalogue')): CatalogueEntry[] {
  const jsonIn = (d: string) => readdirSync(d).filter((f) => f.endsWith('.json')).sort().map((f) => join(d, f));
  const files = [...jsonIn(dir), ...extra.flatMap((p) => (existsSync(p) && statSync(p).isDirectory() ? jsonIn(p) : [p]))];
  const byId = new Map<string, CatalogueEntry>();
  return files.map((file) => {
    const entry = validate<CatalogueEntry>(catalogueEntrySchema, readJson(file), file);
    if (entry.id !== basename(file, '.json')) throw new DataError('DATA_INVALID', file, 'id', `must equal the file name "${basename(file, '.json')}"`);
    const twin = byId.get(entry.id);
    if (twin) throw new DataError('DATA_INVALID', file, 'id', `"${entry.id}" is already described by ${twin.file}; give your part its own id`);
    const loaded = { ...entry, file };
    byId.set(entry.id, loaded);
    return loaded;
  });
}

/** Silicon whose datasheet power figures stand in for a virtual board of the same core. */
export const REPRESENTATIVE_PART: Record<string, string> = {
  'cortex-m0': 'nrf51822', 'cortex-m0plus': 'stm32l072cz', 'cortex-m3': 'stm32l152re', 'cortex-m4': 'stm32l476rg',
  'cortex-m7': 'stm32h743zi', 'cortex-m33': 'stm32u585ai', 'cortex-m23': 'atsaml11e16a', 'rv32imc': 'esp32-c3',
};

export function catalogueFacts(e: CatalogueEntry): BoardFacts {
  return {
    id: e.id, name: e.name, kind: 'catalogue', core: e.core.value, clock_hz: e.clock_hz.value,
    ram_bytes: e.ram_bytes.value, flash_bytes: e.flash_bytes.value, power: e.power, power_note: `datasheet (${e.datasheet})`,
    features: { trng: e.trng.value, key_storage: e.key_storage.value, secure_boot_rom: e.secure_boot_rom.value, trustzone: e.trustzone.value,
      ...(e.debug_lock ? { debug_lock: e.debug_lock.value } : {}) },
    features_note: e.debug_lock ? undefined : `${e.file ?? e.id} does not state debug_lock: treated as absent`,
    radios: e.radios?.value, accelerators: e.crypto_accelerators.value, price_band_usd: e.price_band_usd.value, code_fetch: e.code_fetch.value, file: e.file,
  };
}

interface VirtualBoardFile {
  id: string; name?: string; core: string; clock_hz: number; ram_bytes?: number; flash_bytes?: number;
  power?: PowerModel; features?: Partial<Record<FeatureName, boolean>>;
}

/** Facts of a virtual board from its file; power defaults to the representative part's. */
export function virtualBoardFacts(file: string, catalogue: CatalogueEntry[]): BoardFacts {
  const b = validate<VirtualBoardFile>(virtualBoardFactsSchema, readJson(file), file);
  let power = b.power;
  let powerNote = power ? 'board file' : undefined;
  if (!power) {
    const part = catalogue.find((e) => e.id === REPRESENTATIVE_PART[b.core]);
    if (part) {
      power = { ...part.power, representative_of: part.id };
      powerNote = `defaulted from ${part.name} datasheet figures (representative ${b.core} part; virtual board has no power model)`;
    }
  }
  return {
    id: b.id, name: b.name ?? b.id, kind: 'virtual', core: b.core, clock_hz: b.clock_hz,
    ram_bytes: b.ram_bytes, flash_bytes: b.flash_bytes, power, power_note: powerNote,
    features: b.features ?? {},
    features_note: b.features ? 'board file' : 'board file lists no security features: treated as absent',
  };
}

/** Facts for board `id`: boards/virtual/<id>.json if present, else the catalogue entry. */
export function boardFacts(id: string, catalogue: CatalogueEntry[], virtualDir = dataPath('boards/virtual')): BoardFacts | undefined {
  const file = join(virtualDir, `${id}.json`);
  if (existsSync(file)) return virtualBoardFacts(file, catalogue);
  const entry = catalogue.find((e) => e.id === id);
  return entry ? catalogueFacts(entry) : undefined;
}
