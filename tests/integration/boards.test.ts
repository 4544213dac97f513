// End to end on every virtual board: build, launch QEMU, handshake over the pty, BENCH SHA-256
// at 64 B, 1 KiB and 16 KiB with the digest checked on the host, and exact instruction counts
// identical across two separate runs, also for the data-dependent ECDSA and RSA-PSS verify
// (seeded cases, issue 13). A board that cannot host the agent gets its verdict.
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoards } from '../../profiler/boards/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import type { ResultsFile } from '../../profiler/results/types.ts';

const dir = mkdtempSync(join(tmpdir(), 'capmark-boards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SIZES = [64, 1024, 16384];
const KERNELS = ['sha256', 'ecdsa-p256', 'rsa-2048-pss-verify'];
const counts = (r: ResultsFile) => r.measurements.map((m) => `${m.kernel} ${m.op} ${m.param}: ${JSON.stringify(m.instructions)}`);

describe.each(loadBoards().map((b) => [b.id]))('virtual board %s', (id) => {
  it('runs SHA-256 with verified digests and repeatable exact counts, or says why it cannot', async () => {
    const first = await profileVirtualBoard(id, { kernels: KERNELS, iterations: 2, out: join(dir, `${id}-1.json`) });
    const r = first.results;
    if (!r.capability.hostable) {
      expect(r.capability.shortfall_bytes).toBeGreaterThan(0);
      expect(r.capability.verdict).toMatch(new RegExp(`short by ${r.capability.shortfall_bytes} B`));
      expect(r.measurements).toEqual([]);
      return;
    }
    expect(r.boot_to_hello_ms).toBeGreaterThan(0);
    expect(r.conditions.qemu_version).toMatch(/^\d+\.\d+/);
    const second = (await profileVirtualBoard(id, { kernels: KERNELS, iterations: 2, out: join(dir, `${id}-2.json`) })).results;
    expect(counts(second)).toEqual(counts(r)); // byte-identical counts, every measurement
    expect(r.measurements.every((m) => m.status === 'ok' && m.output_verified)).toBe(true);
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
