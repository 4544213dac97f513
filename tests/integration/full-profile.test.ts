// Every kernel of the registry on every virtual board that can host the agent: the README's
// main job, with every output checked on the host against the independent references.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadBoards } from '../../profiler/boards/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('full');
const hostable = loadBoards().filter((b) => b.ram_bytes >= 1 << 20);

describe.each(hostable.map((b) => [b.id]))('full profile of %s', (id) => {
  it('measures every registry kernel, op and size with a verified output', async () => {
    const { results } = await profileVirtualBoard(id, { iterations: 1, warmup: 0, out: join(dir, `${id}.json`) });
    const problems = results.measurements.filter((m) => m.status !== 'ok' || !m.output_verified)
      .map((m) => `${m.kernel} ${m.op} ${m.param}: ${m.status} ${m.reason ?? ''}`);
    expect(problems).toEqual([]);
    const measured = new Set(results.measurements.map((m) => m.kernel));
    for (const k of KERNELS) expect(measured, k.id).toContain(k.id);
    for (const m of results.measurements.filter((x) => x.kernel !== 'null')) {
      expect(m.instructions?.method).toBe('exact-emulated');
      expect(m.energy_uj).toBeGreaterThan(0);
    }
  }, 600_000);
});
