// Operand-dependent latency in a traced op: the instructions whose cycles depend on the values
// they work on, on this core (the operand_dependent classes of its timing table,
// boards/timing/). Equal traces do not make such an op constant time on silicon.
import type { FunctionNote } from '../kernels/index.ts';
import { coreTiming } from '../timing/index.ts';
import { baseSymbol, type Locate } from './symbols.ts';
import type { Sites } from './trace.ts';

export interface OperandDependent {
  instructions: number;
  /** Count per class, only the core's operand-dependent classes that ran. */
  classes: Record<string, number>;
  /** The table's cited reason. */
  source: string;
}

/** Functions whose divides see only public values, read in their wasm/ source (each divide of
 *  the firmware located with objdump, 2026-12-07): left out of the count, and said so. A secret
 *  divide added to one of them would be missed: keep the list to functions that need it. */
export const PUBLIC_DIVIDES: FunctionNote[] = [
  { functions: /_aes_setupCipher$/, reason: 'AES key expansion: round index i % Nk and i / Nk (wasm/lib/aes.ts aesExpandKey, inlined)' },
  { functions: /_weierstrass_baseMulCT$/, reason: 'comb column count from the curve size (wasm/lib/weierstrass.ts)' },
  { functions: /_mldsa_run$/, reason: 'ML-DSA matrix index i / L, i % L (wasm/kernels/mldsa.ts)' },
];

/** The class counts with the divides of PUBLIC_DIVIDES' functions taken out (sites name them),
 *  and how many were; without sites nothing is taken out. */
export function withoutPublicDivides(classes: Record<string, number>, sites: Sites | undefined, locate: Locate): { classes: Record<string, number>; left: number; reasons: string[] } {
  let left = 0;
  const reasons = new Set<string>();
  for (const s of sites?.at ?? []) {
    const loc = s.cls === 'div' ? locate(s.pc) : undefined;
    const note = loc && PUBLIC_DIVIDES.find((p) => p.functions.test(baseSymbol(loc.symbol)));
    if (note) { left += s.n; reasons.add(note.reason); }
  }
  return { classes: left ? { ...classes, div: (classes.div ?? 0) - left } : classes, left, reasons: [...reasons] };
}

/** Plain words for the classes a timing table can list as operand-dependent. */
const WORDS: Record<string, string> = {
  mul: 'multiplies', mla: 'multiply-accumulates', mul_long: 'long multiplies',
  mla_long: 'long multiply-accumulates', div: 'divides',
};

/** The operand-dependent instructions among `classes` (traced instruction counts per class) on
 *  `core`; undefined when capmark has no timing table for the core. */
export function operandDependentOf(core: string, classes: Record<string, number>): OperandDependent | undefined {
  const t = coreTiming(core)?.table;
  if (!t) return undefined;
  const ran = t.operand_dependent.classes.filter((c) => (classes[c] ?? 0) > 0);
  return {
    instructions: ran.reduce((a, c) => a + classes[c], 0),
    classes: Object.fromEntries(ran.map((c) => [c, classes[c]])),
    source: t.operand_dependent.source,
  };
}

const int = (n: number) => n.toLocaleString('en-US');

/** Where the operand-dependent instructions ran, by function, most first (at most `top`):
 *  "wasm/lib/curve25519.ts mul 150,000". */
export function whereOperandDependent(od: OperandDependent, sites: Sites, locate: Locate, top = 3): string {
  const byFn = new Map<string, number>();
  for (const s of sites.at) {
    if (!(s.cls in od.classes)) continue;
    const loc = locate(s.pc);
    const fn = loc ? `${loc.source ?? 'firmware C'} ${loc.fn}` : `0x${s.pc.toString(16)}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + s.n);
  }
  const ranked = [...byFn].sort((a, b) => b[1] - a[1]);
  const shown = ranked.slice(0, top).map(([fn, n]) => `${fn} ${int(n)}`).join(', ');
  return `${ranked.length > top ? `most in ${shown} (of ${ranked.length} functions)` : `in ${shown}`}${sites.lost ? ' (some sites not recorded)' : ''}`;
}

/** "201,320 instructions of operand-dependent latency on cortex-m3 per run: 25,610 long
 *  multiplies (mul_long), ...": whether their operands carry the secret is not traced. */
export function describeOperandDependent(core: string, od: OperandDependent): string {
  const parts = Object.entries(od.classes).map(([c, n]) => `${int(n)} ${WORDS[c] ?? c} (${c})`);
  return `${int(od.instructions)} instructions of operand-dependent latency on ${core} per run (${parts.join(', ')}; ${od.source}); `
    + 'whether their operands depend on the secret is not traced';
}
