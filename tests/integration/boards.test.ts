// End to end on every virtual board: build, launch QEMU, handshake over the pty, BENCH SHA-256
// at 64 B, 1 KiB and 16 KiB with the digest checked on the host, and exact instruction counts
// identical across two separate runs. A board that cannot host the agent gets its verdict.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { loadBoards } from '../../profiler/boards/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('boards');
const SIZES = [64, 1024, 16384];

describe.each(loadBoards().map((b) => [b.id]))('virtual board %s', (id) => {
  it('runs SHA-256 with verified digests and repeatable exact counts, or says why it cannot', async () => {
    const first = await profileVirtualBoard(id, { kernels: ['sha256'], iterations: 2, out: join(dir, `${id}-1.json`) });
    const r = first.results;
    if (!r.capability.hostable) {
      expect(r.capability.shortfall_bytes).toBeGreaterThan(0);
      expect(r.capability.verdict).toMatch(new RegExp(`short by ${r.capability.shortfall_bytes} B`));
      expect(r.measurements).toEqual([]);
      return;
    }
    expect(r.boot_to_hello_ms).toBeGreaterThan(0);
    expect(r.conditions.qemu_version).toMatch(/^\d+\.\d+/);
    const second = (await profileVirtualBoard(id, { kernels: ['sha256'], iterations: 2, out: join(dir, `${id}-2.json`) })).results;
    for (const size of SIZES) {
      const find = (res: typeof r) => res.measurements.find((m) => m.kernel === 'sha256' && m.param === size)!;
      const a = find(r), b = find(second);
      expect(a.status, `${size} B: ${a.reason}`).toBe('ok');
      expect(a.output_verified).toBe(true);
      expect(a.instructions!.method).toBe('exact-emulated');
      expect(a.instructions!.min).toBe(a.instructions!.max); // same input, same count
      expect(b.instructions!.median).toBe(a.instructions!.median); // and the same across runs
      expect(a.stack_bytes).toBeGreaterThan(0);
    }
  }, 300_000);
});
