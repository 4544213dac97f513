// The worked example of docs/embedding.md on netduinoplus2 (STM32F405 in QEMU): firmware of its
// own (agent/examples/embed/main.c) calls the agent's kernels from C at boot — SHA-256 and DICE
// attestation, checked here against independent references — and the same image is then
// profiled over its serial port exactly as a real board is (capmark profile --port).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildAll, productAgent, type FirmwareManifest } from '../../profiler/build/index.ts';
import { tool } from '../../profiler/build/toolchain.ts';
import { checkEvidence, checkIdentity } from '../../profiler/kernels/attest.ts';
import { qemuArgs } from '../../profiler/qemu/launch.ts';
import type { ResultsFile } from '../../profiler/results/types.ts';
import { ROOT } from '../../profiler/util/paths.ts';
import { tempDir } from '../support/tmp.ts';

const board = boardById('netduinoplus2', loadBoards());
const agent = { ...productAgent('embed-example', ['sha256', 'attest-ed25519']), main: join(ROOT, 'agent', 'examples', 'embed', 'main.c') };
const dir = tempDir('embed');
const running: ReturnType<typeof spawn>[] = [];
afterAll(() => running.forEach((q) => q.kill('SIGKILL')));

/** Starts QEMU on the example image with its own arguments, the UART as `serial`. */
function qemu(fw: FirmwareManifest, serial: string, halted: boolean) {
  const args = qemuArgs(board, fw).filter((a, i, all) => !['-S', '-monitor', 'stdio', '-plugin', '-d'].includes(a)
    && !['-monitor', '-plugin', '-d'].includes(all[i - 1])).map((a, i, all) => (all[i - 1] === '-serial' ? serial : a));
  const q = spawn(tool('qemu', 'arm'), [...args, ...(halted ? ['-S', '-monitor', 'stdio'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  running.push(q);
  return q;
}

describe('the agent in a firmware team\'s own firmware (netduinoplus2)', () => {
  let fw: FirmwareManifest;

  it('runs kernels from C at boot: SHA-256 and a DICE identity and evidence that verify', async () => {
    fw = (await buildAll([board], 'mask', () => {}, agent)).firmware.get(board.id)!;
    expect(fw.fit.hostable).toBe(true);
    const out = join(dir, 'uart.txt');
    const q = qemu(fw, `file:${out}`, false);
    const deadline = Date.now() + 60_000;
    while (!(existsSync(out) && readFileSync(out).includes(0)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    q.kill('SIGKILL');
    const text = readFileSync(out).toString('latin1').split('\0')[0];
    const line = (label: string) => Buffer.from(new RegExp(`^${label.replace(/[()]/g, '\\$&')} ([0-9a-f]+)$`, 'm').exec(text)?.[1] ?? '', 'hex');
    expect(line('sha256(abc)').toString('hex')).toBe(createHash('sha256').update('abc').digest('hex'));
    expect(checkIdentity(new Uint8Array(line('device-id')))).toBe(true);
    const nonce = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(checkEvidence(nonce)(new Uint8Array(line('evidence')))).toBe(true);
    nonce[0] ^= 1;
    expect(checkEvidence(nonce)(new Uint8Array(line('evidence')))).toBe(false);   // the check can fail
  });

  it('is profiled over its serial port like a real board (capmark profile --port)', { timeout: 240_000 }, async () => {
    const q = qemu(fw, 'pty', true);
    let said = '';   // QEMU names the pty on stdout when the monitor is on stdio
    const pty = await new Promise<string>((resolve) => {
      const scan = (c: Buffer) => { said += c; const m = /redirected to (\/dev\/pts\/\d+)/.exec(said); if (m) resolve(m[1]); };
      q.stdout!.on('data', scan); q.stderr!.on('data', scan);
    });
    const results = join(dir, 'port.json');
    const cli = spawn(process.execPath, [join(ROOT, 'bin', 'capmark.mjs'), 'profile', '--port', pty, '--board', board.id, '--kernels', 'sha256,attest-ed25519', '--iterations', '1', '--out', results], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    cli.stdout.on('data', (c) => { log += c; });
    cli.stderr.on('data', (c) => { log += c; });
    // Booted once the host holds the port (QEMU drops UART output nobody reads); a monitor
    // command wakes QEMU's main loop to read the host's bytes (docs/agent.md "QEMU").
    await new Promise((r) => setTimeout(r, 1500));
    q.stdin!.write('cont\n');
    await new Promise((r) => setTimeout(r, 500));
    q.stdin!.write('info status\n');
    const code = await new Promise<number | null>((resolve) => cli.on('exit', resolve));
    q.kill('SIGKILL');
    expect(code, log).toBe(0);
    const r = JSON.parse(readFileSync(results, 'utf8')) as ResultsFile;
    expect(r.conditions.transport).toBe('serial');
    // HELLO says what the image holds: --kernels sha256 also names sha256-native, which it lacks.
    const ran = r.measurements.filter((m) => m.kernel !== 'null' && m.status !== 'skipped');
    expect(new Set(ran.map((m) => m.kernel))).toEqual(new Set(['sha256', 'attest-ed25519']));
    for (const m of ran) expect(m.status === 'ok' && m.output_verified, `${m.kernel} ${m.op} ${m.param}: ${m.reason}`).toBe(true);
    for (const m of r.measurements.filter((x) => x.status === 'skipped')) expect(m.reason).toMatch(/has no sha256-native:hash/);
  });
});
