// The CLI as a user meets it: bad input gets a clear error and exit code 2 without a stack
// trace, before any work starts; a silent board is given up on in bounded time; Ctrl-C leaves
// no QEMU behind; and profile -> check -> report works on a virtual board.
import { describe, it, expect } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../profiler/util/paths.ts';
import { tempDir } from '../support/tmp.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const dir = tempDir('cli');

function capmark(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A PATH with node only: a command that started any work (build, QEMU) would fail on the
 *  missing toolchain instead of with the argument's own message. */
function noToolchain(): NodeJS.ProcessEnv {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, 'node'))) symlinkSync(process.execPath, join(bin, 'node'));
  return { ...process.env, PATH: bin };
}

describe('capmark CLI: every argument is checked before any work starts', () => {
  const file = join(dir, 'a-file');
  writeFileSync(file, 'not JSON');
  const fifo = join(dir, 'a-fifo');
  execFileSync('mkfifo', [fifo]);
  const kept = join(dir, 'kept.json');
  const cases: [string, string[], RegExp][] = [
    ['an iteration count beyond the protocol (used to wrap in a u16)', ['profile', '--iterations', '1e12'], /--iterations must be an integer from 1 to 64, got "1e12"/],
    ['an unknown kernel (used to profile the baseline only and overwrite the results)', ['profile', '--kernels', 'sha256,nosuch', '--out', kept], /--kernels: no kernel "nosuch"; known kernels .*: sha256, .*ml-dsa-44/],
    ['an unknown product profile on profile', ['profile', '--requirements', 'nosuch'], /--requirements "nosuch" is neither a file nor a shipped profile \(ble-cgm, /],
    ['a broken product profile on profile', ['profile', '--requirements', file], new RegExp(`${file}: \\(top level\\): is not valid JSON`)],
    ['--out under a regular file', ['profile', '--out', join(file, 'r.json')], new RegExp(`--out ${file}/r\\.json: a part of ${file} is a file, not a folder`)],
    ['--out in /proc', ['profile', '--out', '/proc/capmark.json'], /--out \/proc\/capmark\.json: files cannot be created in \/proc/],
    ['--out naming a directory', ['profile', '--out', dir], new RegExp(`--out ${dir} is a directory; name a file`)],
    ['--out naming a named pipe (a write would block)', ['profile', '--out', fifo], /is a named pipe; name a file/],
    ['a regular file as --port', ['profile', '--port', file, '--board', 'mps2-an386'], /--port .*a-file is a file, not a serial port \(a character device/],
    ['a regular file as --port on attest', ['attest', '--port', file, '--board', 'mps2-an386'], /--port .*a-file is a file, not a serial port/],
    ['a bad --baud', ['profile', '--port', file, '--board', 'mps2-an386', '--baud', '12x'], /--baud must be an integer from 50 to 4000000, got "12x"/],
    ['recommend --top abc (used to exit 0 with nothing)', ['recommend', '--requirements', 'ble-cgm', '--top', 'abc'], /--top must be an integer >= 1, got "abc"/],
    ['report --out naming a file', ['report', '--out', file], /--out .*a-file is a file; name a folder/],
    ['attest --out in /proc', ['attest', '--out', '/proc/x.json'], /--out \/proc\/x\.json: files cannot be created in \/proc/],
    ['a verifier interval beyond what a timer takes', ['verifier', '--interval', '1e400'], /--interval must be a number from 0 to 86400/],
    ['a listen port beyond 65535', ['gateway', '--listen', '70000'], /--listen must be an integer from 0 to 65535/],
  ];
  it.each(cases)('%s', (_what, args, message) => {
    writeFileSync(kept, '{"kept": true}');
    const r = capmark(args, noToolchain());
    expect(r.err).toMatch(message);
    expect(r.code).toBe(2);
    noStackTrace(r.err);
    expect(readFileSync(kept, 'utf8')).toBe('{"kept": true}');
  });
});

describe('capmark CLI: bad input', () => {
  it('an unknown board names the known ones', () => {
    const r = capmark(['profile', '--board', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no board "nope"; known boards: .*mps2-an386/);
    noStackTrace(r.err);
  });

  it('a missing toolchain says which Debian package to install', () => {
    const r = capmark(['build', '--board', 'mps2-an386'], noToolchain());
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
    // A folder of its own: --results reads every *.json in it (this file's other tests leave files in dir).
    const resultsDir = join(dir, 'results');
    const results = join(resultsDir, 'mps2-an386.json');
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
    const part = capmark(['check', '--requirements', 'ble-cgm', '--board', 'nrf52840', '--results', resultsDir]);
    expect(part.code, part.err).toBe(1);
    expect(part.out).toMatch(/nrf52840 +ble-cgm +attestation +FAIL/);
    expect(part.out).toMatch(/predicted from mps2-an386/);
    // An uncovered core with every feature the profile needs: incomplete, its own exit code.
    const esp = capmark(['check', '--requirements', 'ble-cgm', '--board', 'esp32-c3', '--results', resultsDir]);
    expect(esp.code, esp.out + esp.err).toBe(3);
    expect(esp.out).toMatch(/performance not predicted: core rv32imc not covered/);
    const none = capmark(['check', '--requirements', 'ble-cgm', '--board', 'no-such-part', '--results', resultsDir]);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/no results for "no-such-part".*no catalogue part/);
    const out = join(dir, 'reports');
    const r = capmark(['report', '--requirements', 'ble-cgm', '--out', out, results]);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 300_000);
});
