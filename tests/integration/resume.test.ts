// Killed runs on a real QEMU board: kill -9 of `capmark profile` takes its QEMU with it (no
// exit handler runs on SIGKILL), leaves a valid checkpoint marked partial, and
// `capmark profile --resume` finishes the run keeping what was measured; a resume under other
// conditions is refused with the reason.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../profiler/results/store.ts';
import { ROOT } from '../../profiler/util/paths.ts';
import { tempDir } from '../support/tmp.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const dir = tempDir('resume');
const KERNELS = 'sha256,ml-kem-512';

const capmark = (args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
/** Running, not a zombie waiting to be reaped. */
const running = (pid: number) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
const measured = (file: string) => { try { return JSON.parse(readFileSync(file, 'utf8')).measurements.length as number; } catch { return 0; } };

async function until(what: string, ok: () => boolean, ms: number) {
  for (const t0 = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
  }
}

describe('capmark profile killed with SIGKILL, then --resume', () => {
  const file = join(dir, 'killed.json');

  it('QEMU dies with capmark; the checkpoint is a valid partial results file', async () => {
    const child = spawn(process.execPath, [CLI, 'profile', '--board', 'mps2-an386', '--kernels', KERNELS, '--out', file], { cwd: ROOT, stdio: 'ignore' });
    await until('three checkpointed measurements', () => measured(file) >= 3, 180_000);
    const qemu = spawnSync('pgrep', ['-P', String(child.pid), 'qemu-system-arm'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number);
    expect(qemu).toHaveLength(1);
    child.kill('SIGKILL');
    await until('QEMU to die with its parent', () => !running(qemu[0]), 10_000);
    const r = readResults(file);
    expect(r.status).toBe('partial');
    expect(r.partial_reason).toMatch(/^interrupted after \d+ of \d+ plan items \(capmark profile --resume continues\)$/);
    expect(r.measurements.every((m) => m.status === 'ok' && m.output_verified)).toBe(true);
  }, 240_000);

  it('--resume finishes the run, keeping the measurements already made', () => {
    const before = readResults(file);
    const r = capmark(['profile', '--board', 'mps2-an386', '--resume', '--out', file]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`resumed: ${before.measurements.length} measurements kept`));
    const after = readResults(file);
    expect(after.status).toBe('complete');
    expect(after.started_at).toBe(before.started_at);
    expect(after.conditions.plan).toEqual({ kernels: KERNELS.split(','), iterations: 3, warmup: 1 });
    // Kept as measured; the end of the run adds the build's footprints (working sets, code) to every one.
    for (const m of before.measurements) expect(after.measurements).toContainEqual(expect.objectContaining(m));
    expect(after.measurements.every((m) => m.status === 'ok' && m.output_verified)).toBe(true);
    expect(after.measurements.length).toBeGreaterThan(before.measurements.length);
    for (const k of KERNELS.split(',')) expect(after.measurements.map((m) => m.kernel)).toContain(k);
  }, 240_000);

  it('refuses to resume a complete run, or one measured under other conditions, saying why', () => {
    expect(capmark(['profile', '--board', 'mps2-an386', '--resume', '--out', file]).err).toMatch(/is a complete run: nothing to resume/);
    const partial = { ...JSON.parse(readFileSync(file, 'utf8')), status: 'partial', partial_reason: 'interrupted' };
    writeFileSync(file, JSON.stringify(partial));
    const kernels = capmark(['profile', '--board', 'mps2-an386', '--resume', '--kernels', 'sha256', '--out', file]);
    expect(kernels.code).toBe(2);
    expect(kernels.err).toMatch(/cannot resume .*measured under other conditions \(kernels were \["sha256","ml-kem-512"\], now \["sha256"\]\)/);
    partial.conditions.firmware_sha256 = '0'.repeat(64);
    writeFileSync(file, JSON.stringify(partial));
    const firmware = capmark(['profile', '--board', 'mps2-an386', '--resume', '--out', file]);
    expect(firmware.code).toBe(2);
    expect(firmware.err).toMatch(/firmware_sha256 was "0{64}", now "[0-9a-f]{64}"/);
    expect(readResults(file).status).toBe('partial'); // a refusal changes nothing
  }, 240_000);
});
