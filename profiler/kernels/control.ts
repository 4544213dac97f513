// The positive control of the constant-time check (device kernel "ct-control", deliberately
// leaky: wasm/kernels/ct-control.ts). Kept out of KERNELS, so no plan, verdict or report
// ever treats it as an algorithm; capmark ct runs it first to prove it catches a leak.
import type { KernelSpec } from './types.ts';
import { concat } from './rng.ts';

const BYTES = 16;
/** The public guess: all zero but the last byte, so the edge secrets stop the early-exit
 *  compare at different bytes (all ones at the first, zero at the last, one never). */
const GUESS = concat(new Uint8Array(BYTES - 1), Uint8Array.of(1));
const table = (b: number) => (b * 167 + 13) & 0xff;

export const CT_CONTROL: KernelSpec = {
  id: 'ct-control', device: 'ct-control', algorithm: 'positive control of capmark ct (leaks on purpose)',
  kind: 'control', standard: '-', securityBits: 0, quantumSecurityBits: 0,
  ops: [
    {
      op: 'compare', paramName: 'none', params: [0], secret: true,
      makeCase: (_p, rng) => { const s = rng.bytes(BYTES); return { input: concat(s, GUESS), expected: Uint8Array.of(0) }; },
      ct: {
        secret: 'compared value (early-exit compare: leaks through the instruction trace)', bytes: BYTES,
        make: (s) => ({ input: concat(s, GUESS), expected: Uint8Array.of(s.every((b, i) => b === GUESS[i]) ? 1 : 0) }),
      },
    },
    {
      op: 'lookup', paramName: 'none', params: [0], secret: true,
      makeCase: (_p, rng) => { const s = rng.bytes(BYTES); return { input: s, expected: s.map(table) }; },
      ct: {
        secret: 'table index (secret-indexed read, no branch: leaks through the data trace only)', bytes: BYTES,
        make: (s) => ({ input: s, expected: s.map(table) }),
      },
    },
  ],
};
