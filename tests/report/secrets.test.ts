// No device secret where a user, CI or a buyer sees it: the real CLI builds the firmware, profiles
// a small kernel set in QEMU, attests the board (the one path that reads the UDS) and writes every
// report; the board's UDS (build/fw/<id>.uds) is in none of their output, the results, the reports,
// the build manifest or the attestation files. The scan is first shown to find the secret where it
// must be: in the UDS file, as raw bytes in the ELF, and in a compiler flag as older builds set it.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { statusOf } from '../../profiler/attest/index.ts';
import { BUILD, ROOT } from '../../profiler/util/paths.ts';
import { tempDir } from '../support/tmp.ts';

const CLI = join(ROOT, 'bin', 'capmark.mjs');
const BOARD = 'mps2-an386';
const dir = tempDir('secrets');
const results = join(dir, 'results', `${BOARD}.json`);
const reports = join(dir, 'reports');
const attestation = join(dir, 'attest.json');
const state = join(dir, 'verifier.json');
/** stdout + stderr of each command: what a terminal or a CI log shows. */
const logs = new Map<string, string>();
let uds: Buffer;

function capmark(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  logs.set(`capmark ${args.join(' ')}`, r.stdout + r.stderr);
  return r;
}

/** The spellings of the secret a leak could take: a compiler flag, hex in either case, C byte
 *  literals, base64 or raw bytes. Hex and C forms match on the first 8 bytes: half a secret leaks too. */
function leaks(content: Buffer): string[] {
  const hex = uds.subarray(0, 8).toString('hex');
  const forms: Record<string, string> = {
    flag: 'CAPMARK_UDS=', hex, HEX: hex.toUpperCase(),
    'C bytes': [...uds.subarray(0, 8)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', '),
    base64: uds.toString('base64').slice(0, 16), base64url: uds.toString('base64url').slice(0, 16),
  };
  const text = content.toString('latin1');
  return [...Object.entries(forms).filter(([, f]) => text.includes(f)).map(([k]) => k), ...(content.includes(uds) ? ['raw bytes'] : [])];
}

beforeAll(() => {
  for (const args of [['build', '--board', BOARD], ['profile', '--board', BOARD, '--kernels', 'sha256', '--iterations', '1', '--out', results],
    ['attest', '--board', BOARD, '--state', state, '--out', attestation],
    ['report', '--requirements', 'ble-cgm', '--catalogue', '--out', reports, results]]) {
    const r = capmark(args);
    expect(r.status, `capmark ${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  }
  uds = Buffer.from(readFileSync(join(BUILD, 'fw', `${BOARD}.uds`), 'utf8').trim(), 'hex');
}, 1_200_000);

describe('the device secret (UDS) of a virtual board', () => {
  it('is a 32-byte secret the firmware carries, and the scan finds it in every spelling it checks', () => {
    expect(uds.length).toBe(32);
    expect(leaks(readFileSync(join(BUILD, 'fw', `${BOARD}.uds`)))).toContain('hex');
    expect(leaks(readFileSync(join(BUILD, 'fw', `${BOARD}.elf`)))).toContain('raw bytes');
    const hex = uds.toString('hex');
    expect(leaks(Buffer.from(`-DCAPMARK_BOARD_ID="x" -DCAPMARK_UDS="${hex}" -O2`))).toEqual(expect.arrayContaining(['flag', 'hex']));
    expect(leaks(Buffer.from(`UDS ${hex.toUpperCase()} / ${uds.toString('base64')}`))).toEqual(expect.arrayContaining(['HEX', 'base64']));
    // The attestation really read it: the verifier affirmed the board's DICE evidence.
    expect(statusOf(JSON.parse(readFileSync(attestation, 'utf8')))).toBe('affirming');
  });

  it('is in no command output, results file, report, build manifest or attestation file', () => {
    const files = [results, attestation, state, ...readdirSync(reports).map((f) => join(reports, f)),
      ...['json', 'code.json', 'ld'].map((ext) => join(BUILD, 'fw', `${BOARD}.${ext}`))];
    expect(readdirSync(reports).sort()).toEqual(['measurements.csv', 'report.html', 'report.md', 'report.txt', 'verdicts.csv']);
    const found = [
      ...[...logs].map(([cmd, out]) => ({ where: cmd, leaks: leaks(Buffer.from(out)) })),
      ...files.map((f) => ({ where: f, leaks: leaks(readFileSync(f)) })),
    ].filter((x) => x.leaks.length);
    expect(found).toEqual([]);
    // The results still say how the firmware was built, without the secret.
    const cflags = JSON.parse(readFileSync(results, 'utf8')).conditions.cflags;
    expect(cflags).toMatch(/-DCAPMARK_BOARD_ID="mps2-an386"/);
    // ... and without where this checkout lives: include paths are relative to the repository.
    expect(cflags).toMatch(/-Iagent\/runtime/);
    expect(cflags).not.toContain(ROOT);
  });
});
