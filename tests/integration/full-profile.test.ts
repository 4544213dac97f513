// Every kernel of the registry on the default board (Cortex-M4) and on the Cortex-M0 twin of the
// nRF51 (the smallest instruction set, a TRNG on the board contract): the README's main job,
// with every output checked on the host against the independent references. The other boards
// run end to end on a small kernel set (boards.test.ts); a full profile of each is a benchmark
// (scripts/bench-cores.ts, scripts/bench-isa.ts), kept out of CI for time.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { boardById } from '../../profiler/boards/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('full');
const FULL = ['mps2-an386', 'microbit-profiling'];

describe.each(FULL.map((id) => [id]))('full profile of %s', (id) => {
  it('measures every registry kernel, op and size with a verified output', async () => {
    const { results } = await profileVirtualBoard(id, { iterations: 1, warmup: 0, out: join(dir, `${id}.json`) });
    const hasTrng = boardById(id).features?.trng === true;
    // Only a missing TRNG may skip an op, and only where the board has none.
    const problems = results.measurements.filter((m) => m.status !== 'ok' || !m.output_verified)
      .filter((m) => !(m.kernel === 'trng' && !hasTrng && m.status === 'skipped'))
      .map((m) => `${m.kernel} ${m.op} ${m.param}: ${m.status} ${m.reason ?? ''}`);
    expect(problems).toEqual([]);
    const measured = new Set(results.measurements.map((m) => m.kernel));
    for (const k of KERNELS) expect(measured, k.id).toContain(k.id);
    for (const m of results.measurements.filter((x) => x.kernel !== 'null' && x.status === 'ok')) {
      expect(m.instructions?.method).toBe('exact-emulated');
      expect(m.energy_uj).toBeGreaterThan(0);
      expect(m.cycles?.band, `${m.kernel} ${m.op}: modelled cycles with a band`).toBeDefined();
    }
  }, 900_000);
});
