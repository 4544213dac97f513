// What a need uses and may use: RAM and flash on a part (from the results' working sets and code
// map) against the smaller of the product's budget and the part's memory; uses and energy per day.
import { dailyBudgetMj } from '../energy/index.ts';
import type { Need, RequirementProfile } from './types.ts';
import type { Subject } from './subject.ts';

/** Crypto energy the profile allows per day, in mJ (undefined for mains-powered products). */
export const cryptoBudgetMj = (p: RequirementProfile) =>
  (p.budgets.energy ? dailyBudgetMj(p.budgets.energy) * p.budgets.energy.crypto_share_max : undefined);

/** Uses of the need per day: operations, or records for transport. */
export const usesPerDay = (n: Need) =>
  (n.kind === 'transport' ? (n.bytes_per_day ?? 0) / (n.record_bytes ?? 1024) : n.per_day ?? 0);

/** A secure-boot image is hashed from flash block by block: RAM holds one block, not the image. */
export const IMAGE_BLOCK_BYTES = 1024;

export interface Limit { bytes: number; what: string }

const kib = (n: number) => `${Math.round((n / 1024) * 10) / 10} KiB`;

/** The smaller of the product's crypto RAM budget and the part's RAM. */
export function ramLimit(p: RequirementProfile, s: Subject): Limit {
  const part = s.facts.ram_bytes;
  return part !== undefined && part < p.budgets.crypto_ram_bytes
    ? { bytes: part, what: `the part's ${kib(part)} RAM` } : { bytes: p.budgets.crypto_ram_bytes, what: 'budget' };
}

/** The smaller of the product's crypto flash budget and the part's flash (0 = external flash: no limit). */
export function flashLimit(p: RequirementProfile, s: Subject): Limit {
  const part = s.facts.flash_bytes;
  return part && part < p.budgets.crypto_flash_bytes
    ? { bytes: part, what: `the part's ${kib(part)} flash` } : { bytes: p.budgets.crypto_flash_bytes, what: 'budget' };
}

export interface Flash { bytes: number; const_bytes: number; runtime_bytes: number; units: Set<number> }

/** Flash of `ops` (`kernel/op`) together with the module runtime, shared units counted once;
 *  a string says why it cannot be established. */
export function flashOf(s: Subject, ops: Iterable<string>): Flash | string {
  const map = s.code;
  if (!map) return 'flash use not established: the results carry no code map (written by an older capmark or without the firmware ELF); re-run capmark profile';
  const units = new Set(map.runtime);
  for (const op of ops) {
    const ids = map.ops[op];
    if (!ids) return `flash use not established: ${op} is not in the results' code map`;
    for (const i of ids) units.add(i);
  }
  let bytes = 0, constBytes = 0;
  for (const i of units) { bytes += map.units[i].bytes; if (map.units[i].kind === 'const') constBytes += map.units[i].bytes; }
  return { bytes, const_bytes: constBytes, runtime_bytes: map.runtime.reduce((a, i) => a + map.units[i].bytes, 0), units };
}
