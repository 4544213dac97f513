// End to end on every virtual board: build, launch QEMU, handshake over the pty, BENCH SHA-256
// at 64 B, 1 KiB and 16 KiB with the digest checked on the host, and exact instruction counts
// identical across two separate runs, with their instruction classes and modelled cycles with an
// error band, also for the data-dependent ECDSA and RSA-PSS verify (seeded cases, issue 13); the
// TRNG health check where the board contract has a TRNG, and the gap named where it has none.
// A board that cannot host the agent gets its verdict.
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import type { ResultsFile } from '../../profiler/results/types.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('boards');
const SIZES = [64, 1024, 16384];
const KERNELS = ['sha256', 'ecdsa-p256', 'rsa-2048-pss-verify', 'trng'];
/** Exact counts per measurement; not the TRNG's, which follow the random source (measured on
 *  microbit-profiling: the health test's counts differ by tens of instructions between runs). */
const counts = (r: ResultsFile) => r.measurements.filter((m) => m.kernel !== 'trng').map((m) => `${m.kernel} ${m.op} ${m.param}: ${JSON.stringify(m.instructions)}`);

describe.each(loadBoards().map((b) => [b.id, b] as const))('virtual board %s', (id, board) => {
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
    expect(r.conditions.core).toBe(board.core);
    expect(r.conditions.twin_of).toBe(board.twin_of);
    expect(r.conditions.timing_model).toContain(`${board.core}:`); // boards/timing has its core
    const second = (await profileVirtualBoard(id, { kernels: KERNELS, iterations: 2, out: join(dir, `${id}-2.json`) })).results;
    expect(counts(second)).toEqual(counts(r)); // byte-identical counts, every measurement
    // Every answer verified; the only skips are ops the board cannot take (named with the reason).
    for (const m of r.measurements) expect(m.status === 'ok' ? m.output_verified : m.status === 'skipped' && !!m.reason, `${m.kernel} ${m.op} ${m.param}: ${m.status} ${m.reason}`).toBe(true);
    for (const size of SIZES) {
      const find = (res: typeof r) => res.measurements.find((m) => m.kernel === 'sha256' && m.param === size)!;
      const a = find(r), b = find(second);
      expect(a.status, `${size} B: ${a.reason}`).toBe('ok');
      expect(a.output_verified).toBe(true);
      expect(a.instructions!.method).toBe('exact-emulated');
      expect(a.instructions!.min).toBe(a.instructions!.max); // same input, same count
      expect(b.instructions!.median).toBe(a.instructions!.median); // and the same across runs
      expect(a.stack_bytes).toBeGreaterThan(0);
      // The classifying plugin on this instruction set: loads, stores, taken and not-taken branches.
      const c = a.instruction_classes!;
      for (const k of ['alu', 'load', 'store', 'branch', 'branch_cond', 'branch_cond_taken']) expect(c[k], `${size} B ${k}`).toBeGreaterThan(0);
      expect(a.cycles!.method).toBe('modelled');
      expect(a.cycles!.band!.high_pct).toBeGreaterThan(0);
    }
    const trng = r.measurements.filter((m) => m.kernel === 'trng');
    expect(trng.length).toBeGreaterThan(0);
    expect(r.capability.features?.trng).toBe(board.features?.trng ?? false);
    for (const m of trng) {
      if (board.features?.trng) expect([m.status, m.output_verified], m.reason).toEqual(['ok', true]);
      else expect([m.status, m.reason]).toEqual(['skipped', 'the board has no TRNG (board_info trng=0)']);
    }
  }, 300_000);
});

describe('a board whose flash cannot hold the agent', () => {
  it('gets the cannot-host verdict with the flash shortfall, not a linker error', async () => {
    // The nRF51 twin with the real part's 256 KiB of flash: RAM fits, the M0 image does not.
    const board = { ...boardById('microbit-profiling'), id: 'nrf51-256k-flash', flash_bytes: 262144 };
    const { results } = await profileVirtualBoard(board, { kernels: ['sha256'], out: join(dir, 'nrf51-256k-flash.json') });
    expect(results.capability.hostable).toBe(false);
    const m = results.capability.verdict.match(/needs (\d+) B of flash, has 262144 B; short by (\d+) B$/);
    expect(m, results.capability.verdict).not.toBeNull();
    expect(Number(m![1]) - 262144).toBe(Number(m![2]));
    expect(results.capability.shortfall_bytes).toBe(Number(m![2]));
    expect(results.measurements).toEqual([]);
  }, 300_000);
});
