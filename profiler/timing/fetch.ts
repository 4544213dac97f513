// Extra cycles from a part's code memory on top of the zero-wait-state core model: flash wait
// states, prefetch buffers and caches (the catalogue's code_fetch facts, with their sources).
import type { ClassCounts } from './types.ts';

export interface CodeFetch { memory: string; wait_states: number; cache: boolean }

export interface FetchCost { extra_cycles: number; band_high_pct: number; why: string }

/** Instructions that send fetch to a new address: taken branches of every kind. */
const redirects = (c: ClassCounts) => (c.branch ?? 0) + (c.branch_cond_taken ?? 0) + (c.load_pc ?? 0);

/**
 * With a cache or prefetch accelerator (ST ART, XIP cache), crypto loops run from hits: no
 * extra cycles, but up to 5% (internal flash) or 15% (external XIP flash) more for misses.
 * Without one, the prefetch buffer keeps sequential fetches ahead of a core that executes
 * about one instruction per cycle, but every taken branch restarts fetch and waits out the
 * wait states. Approximate, and labelled so in the band.
 */
export function fetchCost(f: CodeFetch, classes: ClassCounts): FetchCost {
  if (f.cache || f.wait_states === 0) {
    const xip = f.memory === 'external-xip';
    return { extra_cycles: 0, band_high_pct: xip ? 15 : f.wait_states ? 5 : 0,
      why: xip ? 'code in external flash behind an XIP cache: hits assumed, up to +15% for misses (approximate)'
        : f.wait_states ? `${f.wait_states} wait states behind a cache/accelerator: hits assumed, up to +5% for misses (approximate)` : 'zero wait states' };
  }
  const extra = f.wait_states * redirects(classes);
  return { extra_cycles: extra, band_high_pct: 5,
    why: `${f.wait_states} flash wait states, no cache: each taken branch waits them out, prefetch hides sequential fetches (approximate)` };
}
