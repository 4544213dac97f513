// Instruction addresses to places a developer can open: the firmware ELF's function symbols
// (nm; the firmware has no debug line info), and for code compiled from wasm/ the
// AssemblyScript file and function the wasm2c name carries. Inlined callees show as their caller.
import { execFileSync } from 'node:child_process';
import { tool } from '../build/toolchain.ts';
import { wasmSourceOf, type Arch } from '../build/index.ts';

export interface Location {
  /** The ELF symbol, e.g. w2c_wasm_kernels_ct_control_leakyCompare. */
  symbol: string;
  offset: number;
  /** The source function without gcc's clone suffixes (.part.0, .constprop.0, ...). */
  fn: string;
  /** The wasm/ source file, e.g. wasm/kernels/ct-control.ts; absent for the firmware's own C. */
  source?: string;
}

interface Sym { start: number; end: number; name: string }

/** A symbol without gcc's clone suffixes (.part.0, .constprop.0, ...): what specs match. */
export const baseSymbol = (symbol: string) => symbol.replace(/\.(part|constprop|isra|cold)\..*$/, '');

export type Locate = (pc: number) => Location | undefined;

export interface Symbols {
  locate: Locate;
  /** Address ranges of the functions whose symbol (baseSymbol) matches. */
  ranges(symbol: RegExp): { name: string; start: number; end: number }[];
}

/** Function ranges from `nm -S -n` output (Thumb symbols carry bit 0 set). Arithmetic, not
 *  bitwise: RISC-V firmware sits at 0x80000000, beyond JavaScript's 32-bit signed bit operations. */
export function parseSymbols(nmOutput: string): Symbols {
  const syms: Sym[] = [];
  for (const line of nmOutput.split('\n')) {
    const m = /^([0-9a-f]+) ([0-9a-f]+) [tTwW] (\S+)$/.exec(line.trim());
    if (m) { const addr = parseInt(m[1], 16), start = addr - (addr % 2); syms.push({ start, end: start + parseInt(m[2], 16), name: m[3] }); }
  }
  syms.sort((a, b) => a.start - b.start);
  const locate: Locate = (pc) => {
    let lo = 0, hi = syms.length - 1, hit: Sym | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (syms[mid].start <= pc) { hit = syms[mid]; lo = mid + 1; } else hi = mid - 1;
    }
    if (!hit || pc >= hit.end) return undefined;
    const wasm = wasmSourceOf(hit.name);
    const fn = baseSymbol(wasm?.fn ?? hit.name);
    return { symbol: hit.name, offset: pc - hit.start, fn, source: wasm && `${wasm.source}.ts` };
  };
  return { locate, ranges: (re) => syms.filter((s) => re.test(baseSymbol(s.name))) };
}

export const readSymbols = (elf: string, arch: Arch): Symbols =>
  parseSymbols(execFileSync(tool('nm', arch), ['-S', '-n', '--defined-only', elf], { encoding: 'utf8', maxBuffer: 64 << 20 }));

/** "wasm/kernels/ct-control.ts leakyCompare (w2c_..._leakyCompare+0x1a)", or the bare address. */
export function describeLocation(pc: number, loc: Location | undefined): string {
  if (!loc) return `0x${pc.toString(16)} (no symbol)`;
  const at = `${loc.symbol}+0x${loc.offset.toString(16)}`;
  return loc.source ? `${loc.source} ${loc.fn} (${at})` : `firmware C ${at}`;
}
