// The CLI as a user meets it: bad input gets a clear error and exit code 2 without a stack
// trace; a silent board is given up on in bounded time; Ctrl-C leaves no QEMU behind; and
// profile -> check -> report works on a virtual board.
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../profiler/util/paths.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const dir = mkdtempSync(join(tmpdir(), 'capmark-cli-'));

function capmark(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('capmark CLI: bad input', () => {
  it('an unknown board names the known ones', () => {
    const r = capmark(['profile', '--board', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no board "nope"; known boards: .*mps2-an386/);
    noStackTrace(r.err);
  });

  it('a missing toolchain says which Debian package to install', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    if (!existsSync(join(bin, 'node'))) symlinkSync(process.execPath, join(bin, 'node'));
    const r = capmark(['build', '--board', 'mps2-an386'], { ...process.env, PATH: bin });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not found: install the Debian package/);
    noStackTrace(r.err);
  });

  it('a serial port that does not exist is reported as such', () => {
    const r = capmark(['profile', '--port', '/dev/ttyCAPMARK-NONE', '--board', 'mps2-an386']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot open serial port \/dev\/ttyCAPMARK-NONE/);
    noStackTrace(r.err);
  });

  it('a bad numeric option is rejected', () => {
    const r = capmark(['profile', '--iterations', 'many']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--iterations must be a positive integer/);
  });

  it('a board that never answers is given up on with advice, in bounded time', async () => {
    // A real QEMU board that is never started (-S): its UART is on a pty but nothing runs.
    const qemu = spawn('qemu-system-arm', ['-machine', 'mps2-an386', '-kernel', join(ROOT, 'build/fw/mps2-an386.elf'),
      '-S', '-monitor', 'none', '-serial', 'pty', '-display', 'none', '-nodefaults'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const pty = await new Promise<string>((resolve) => {
        let text = '';
        const scan = (c: Buffer) => { text += c; const m = text.match(/\/dev\/pts\/\d+/); if (m) resolve(m[0]); };
        qemu.stdout.on('data', scan); qemu.stderr.on('data', scan);
      });
      const t0 = Date.now();
      const r = capmark(['profile', '--port', pty, '--board', 'mps2-an386']);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/no valid answer from the agent on serial port .* after \d+ attempts/);
      expect(Date.now() - t0).toBeLessThan(30_000);
    } finally { qemu.kill('SIGKILL'); }
  }, 60_000);
});

describe('capmark CLI: runs', () => {
  it('Ctrl-C during a profile leaves no QEMU process behind', async () => {
    const child = spawn(process.execPath, [CLI, 'profile', '--board', 'mps2-an386', '--out', join(dir, 'interrupted.json')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no HELLO: ${err}`)), 180_000);
      child.stderr.on('data', (c) => { err += c; if (/answered HELLO/.test(err)) { clearTimeout(t); resolve(); } });
    });
    const qemuPids = spawnSync('pgrep', ['-P', String(child.pid), 'qemu-system-arm'], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
    expect(qemuPids.length).toBe(1);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    // Gone, or a zombie waiting for init to reap it (it no longer runs).
    const running = (pid: string) => existsSync(`/proc/${pid}`) && !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'utf8'));
    for (const pid of qemuPids) expect(running(pid), `QEMU ${pid} still running`).toBe(false);
  }, 240_000);

  it('profile -> check -> report on a virtual board', () => {
    const results = join(dir, 'mps2-an386.json');
    const p = capmark(['profile', '--board', 'mps2-an386', '--kernels', 'sha256,chacha20-poly1305,ml-dsa-44', '--out', results]);
    expect(p.code, p.err).toBe(0);
    expect(p.out).toMatch(/results: .*mps2-an386\.json/);
    expect(p.out).toMatch(/Verdict: mps2-an386 (PASSES|FAILS|is INCOMPLETE for) /);
    expect(p.out).toMatch(/ml-dsa-44 +verify +tampered message /);
    const saved = JSON.parse(readFileSync(results, 'utf8'));
    const verify = saved.measurements.find((m: any) => m.kernel === 'ml-dsa-44' && m.op === 'verify' && m.param === 0);
    expect(verify.output_verified).toBe(true);
    // The product's view of the op: its working set and the flash it reaches, listed in the code map.
    expect(verify.working_set_bytes).toBe(verify.stack_bytes + verify.heap_bytes + verify.input_bytes + verify.output_bytes);
    expect(verify.code_bytes).toBeGreaterThan(1000);
    expect(saved.code_map.ops['ml-dsa-44/verify'].length).toBeGreaterThan(3);
    // The virtual board has no TRNG, so the coin-cell wearable profile fails: check exits 1.
    const c = capmark(['check', '--requirements', 'ble-cgm', results]);
    expect(c.code).toBe(1);
    expect(c.out).toMatch(/session .*FAIL/);
    expect(c.out + c.err).toMatch(/no TRNG/);
    // A catalogue part without results of its own is predicted from the measured board.
    const part = capmark(['check', '--requirements', 'ble-cgm', '--board', 'nrf52840', '--results', dir]);
    expect(part.code, part.err).toBe(1);
    expect(part.out).toMatch(/nrf52840 +ble-cgm +attestation +FAIL/);
    expect(part.out).toMatch(/predicted from mps2-an386/);
    // An uncovered core with every feature the profile needs: incomplete, its own exit code.
    const esp = capmark(['check', '--requirements', 'ble-cgm', '--board', 'esp32-c3', '--results', dir]);
    expect(esp.code, esp.out + esp.err).toBe(3);
    expect(esp.out).toMatch(/performance not predicted: core rv32imc not covered/);
    const none = capmark(['check', '--requirements', 'ble-cgm', '--board', 'no-such-part', '--results', dir]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no results for "no-such-part".*no catalogue part/);
    const out = join(dir, 'reports');
    const r = capmark(['report', '--requirements', 'ble-cgm', '--out', out, results]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 300_000);
});
