// A per-product agent end to end on mps2-an386 (Cortex-M4 in QEMU), as a firmware team runs it:
// measure the board with a few kernels, `capmark build --requirements ble-cgm` picks the
// verdict's algorithms and builds an agent with only those, `capmark profile --agent` measures it
// with every output verified and records its footprint, `capmark attest --agent` attests it.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, BUILD } from '../../profiler/util/paths.ts';
import type { ResultsFile } from '../../profiler/results/types.ts';
import { tempDir } from '../support/tmp.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const BOARD = 'mps2-an386';
const NAME = 'ble-cgm-e2e';
const dir = tempDir('product');
afterAll(() => rmSync(join(BUILD, 'agents', NAME), { recursive: true, force: true }));

function capmark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const bytesOf = (text: string, what: string) => Number(new RegExp(`${what} (\\d+) B`).exec(text)?.[1]);

describe(`capmark build --requirements ble-cgm on ${BOARD}`, () => {
  const measured = join(dir, 'measured.json'), product = join(dir, 'product.json');
  let build = '';

  it('chooses the verdict\'s algorithms from a measured board and builds only those', { timeout: 900_000 }, () => {
    // The kernels the ble-cgm needs can use, a handful so that CI stays short.
    const p = capmark(['profile', '--board', BOARD, '--kernels', 'sha256,chacha20-poly1305,x25519,ed25519,lms-sha256-h10-w4,attest-ed25519', '--iterations', '1', '--out', measured]);
    expect(p.code, p.err).toBe(0);
    const b = capmark(['build', '--requirements', 'ble-cgm', '--board', BOARD, '--results', measured, '--name', NAME]);
    expect(b.code, b.err).toBe(0);
    build = b.out;
    const devices = /agent ble-cgm-e2e: (.*)/.exec(build)![1].split(', ');
    expect(devices.sort()).toEqual(['attest-ed25519', 'chacha20-poly1305', 'ed25519', 'lms', 'sha256', 'x25519']);
    expect(build).toMatch(/secure-boot: LMS SHA-256 M32 H10, LM-OTS W4 over SHA-256 digest/);
    // Exact figures from the ELF: RAM is its linear memory + stack + firmware data.
    const flash = bytesOf(build, 'flash'), ram = bytesOf(build, 'RAM');
    const linear = bytesOf(build, 'linear memory'), stack = bytesOf(build, 'stack'), data = bytesOf(build, 'firmware data');
    expect(ram).toBe(linear + stack + data);
    const full = JSON.parse(readFileSync(join(BUILD, 'fw', `${BOARD}.json`), 'utf8'));
    expect(flash).toBeLessThan(full.memory.flash_bytes / 2);   // the full agent carries every kernel
    expect(linear).toBeLessThan(full.fit.linear_memory_bytes);
  });

  it('is profiled with every output verified, and the results record its footprint', { timeout: 600_000 }, () => {
    const p = capmark(['profile', '--agent', NAME, '--board', BOARD, '--iterations', '1', '--out', product]);
    expect(p.code, p.err).toBe(0);
    const r = JSON.parse(readFileSync(product, 'utf8')) as ResultsFile;
    const ran = r.measurements.filter((m) => m.kernel !== 'null');
    expect(ran.length).toBeGreaterThan(10);
    for (const m of ran) expect(m.status === 'ok' && m.output_verified, `${m.kernel} ${m.op} ${m.param}: ${m.reason}`).toBe(true);
    expect(new Set(ran.map((m) => m.device_kernel))).toEqual(new Set(['attest-ed25519', 'chacha20-poly1305', 'ed25519', 'lms', 'sha256', 'x25519']));
    expect(r.footprint).toMatchObject({ flash_bytes: bytesOf(build, 'flash'), ram_bytes: bytesOf(build, 'RAM'), linear_memory_bytes: bytesOf(build, 'linear memory'), method: 'measured-elf' });
    // The verdict shows the measured footprint next to its estimates.
    const c = capmark(['check', '--requirements', 'ble-cgm', product]);
    expect(c.out).toContain(`${BOARD}: measured per-product agent firmware (attest-ed25519, chacha20-poly1305, ed25519, lms, sha256, x25519): flash ${r.footprint!.flash_bytes} B`);
  });

  it('is attested against its own build\'s reference values', { timeout: 300_000 }, () => {
    const a = capmark(['attest', '--agent', NAME, '--board', BOARD, '--state', join(dir, 'verifier.json'), '--out', join(dir, 'ear.json')]);
    expect(a.code, a.err).toBe(0);
    const ear = JSON.parse(readFileSync(join(dir, 'ear.json'), 'utf8'));
    const sub = Object.values(ear.submods)[0] as Record<string, any>;
    expect(sub['ear.status']).toBe('affirming');
    const fw = JSON.parse(readFileSync(join(BUILD, 'agents', NAME, 'fw', `${BOARD}.json`), 'utf8'));
    expect(sub['capmark.reference'].firmware_sha256).toBe(fw.image.sha256);
    expect(sub['capmark.claims'].measurements.firmware).toBe(`sha-256:${fw.image.sha256}`);
  });
});
