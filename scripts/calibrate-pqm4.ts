// Recipe for the Cortex-M4 silicon calibration data (boards/timing/calibration/pqm4.json):
// builds ML-KEM and ML-DSA from a pqm4 checkout (with its mupq and PQClean submodules) for
// QEMU's mps2-an386 with capmark's own harness and HAL (scripts/calibrate/), runs each
// operation under the classifying plugin, and records next to pqm4's published silicon
// cycles (the checkout's benchmarks.md) the exact instruction count and class profile.
//   npx tsx scripts/calibrate-pqm4.ts <path to pqm4 checkout> [--runs 10]
// No third-party code is copied: only the recorded counts and the published figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildPlugin } from '../profiler/build/plugin.ts';
import { tool, toolVersion } from '../profiler/build/toolchain.ts';
import { ROOT } from '../profiler/util/paths.ts';

const HERE = join(ROOT, 'scripts', 'calibrate');
const OUT = join(ROOT, 'boards', 'timing', 'calibration', 'pqm4.json');
// pqm4's own flags for mps2-an386 and its Cortex-M4 boards (mk/mps2-an386.mk, mupq/mk/config.mk).
const CFLAGS = ['-O3', '-std=gnu99', '-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-DPQM4'];

interface Case { scheme: string; impl: string; kind: 'kem' | 'sign'; dir: string; namespace: string }
const CASES: Case[] = [
  { scheme: 'ml-kem-768', impl: 'clean', kind: 'kem', dir: 'mupq/pqclean/crypto_kem/ml-kem-768/clean', namespace: 'PQCLEAN_MLKEM768_CLEAN_' },
  { scheme: 'ml-kem-768', impl: 'm4fspeed', kind: 'kem', dir: 'crypto_kem/ml-kem-768/m4fspeed', namespace: '' },
  { scheme: 'ml-kem-512', impl: 'clean', kind: 'kem', dir: 'mupq/pqclean/crypto_kem/ml-kem-512/clean', namespace: 'PQCLEAN_MLKEM512_CLEAN_' },
  { scheme: 'ml-kem-512', impl: 'm4fspeed', kind: 'kem', dir: 'crypto_kem/ml-kem-512/m4fspeed', namespace: '' },
  { scheme: 'ml-dsa-44', impl: 'clean', kind: 'sign', dir: 'mupq/pqclean/crypto_sign/ml-dsa-44/clean', namespace: 'PQCLEAN_MLDSA44_CLEAN_' },
  { scheme: 'ml-dsa-44', impl: 'm4f', kind: 'sign', dir: 'crypto_sign/ml-dsa-44/m4f', namespace: '' },
  { scheme: 'ml-dsa-65', impl: 'clean', kind: 'sign', dir: 'mupq/pqclean/crypto_sign/ml-dsa-65/clean', namespace: 'PQCLEAN_MLDSA65_CLEAN_' },
  { scheme: 'ml-dsa-65', impl: 'm4f', kind: 'sign', dir: 'crypto_sign/ml-dsa-65/m4f', namespace: '' },
];
// Signing is left out: its rejection loop makes the published average one over 1000 runs
// whose spread (3.3M-33M cycles for ML-DSA-44) no handful of emulated runs reproduces.
const OPS = { kem: ['keypair', 'encaps', 'decaps'], sign: ['keypair', 'sign', 'verify'] } as const;
const CALIBRATED = new Set(['keypair', 'encaps', 'decaps', 'verify']);

/** AVG cycles per op from the checkout's benchmarks.md speed table. */
function published(root: string, c: Case): number[] {
  const md = readFileSync(join(root, 'benchmarks.md'), 'utf8').split('# Hashing Evaluation')[0];
  const row = md.split('\n').find((l) => l.startsWith(`| ${c.scheme} (`) && l.split('|')[2].trim() === c.impl);
  if (!row) throw new Error(`benchmarks.md has no speed row for ${c.scheme} ${c.impl}`);
  return row.split('|').slice(3, 6).map((cell) => Number(cell.match(/AVG: ([\d,]+)/)![1].replace(/,/g, '')));
}

function build(root: string, c: Case, runs: number, dir: string): string {
  const impl = join(root, c.dir);
  const sources = readdirSync(impl).filter((f) => /\.(c|s|S)$/.test(f)).map((f) => join(impl, f));
  const elf = join(dir, `${c.scheme}-${c.impl}.elf`);
  execFileSync(tool('cc'), [...CFLAGS, `-D${c.kind.toUpperCase()}`, `-DRUNS=${runs}`, `-DMUPQ_NAMESPACE=${c.namespace}`,
    `-I${impl}`, `-I${join(root, 'common')}`, `-I${join(root, 'mupq/common')}`, '--specs=picolibc.specs', '-nostartfiles',
    '-Wl,--gc-sections', `-T${join(HERE, 'mps2-an386.ld')}`, '-o', elf,
    join(HERE, 'harness.c'), join(HERE, 'hal.c'), ...sources,
    join(root, 'mupq/common/fips202.c'), join(root, 'common/keccakf1600.S')], { stdio: 'inherit' });
  return elf;
}

function symbol(elf: string, name: string): string {
  const line = execFileSync(tool('nm'), [elf], { encoding: 'utf8' }).split('\n').find((l) => l.endsWith(` ${name}`));
  if (!line) throw new Error(`${elf}: no symbol ${name}`);
  return line.split(' ')[0];
}

/** Runs the ELF under the plugin; one { instructions, classes } per measured operation. */
function run(elf: string, plugin: string) {
  const r = spawnSync(tool('qemu'), ['-M', 'mps2-an386', '-display', 'none', '-nodefaults', '-semihosting', '-icount', 'shift=0',
    '-kernel', elf, '-plugin', `${plugin},begin=${symbol(elf, 'capmark_mark_begin')},end=${symbol(elf, 'capmark_mark_end')}`, '-d', 'plugin'],
  { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${elf}: QEMU exited with ${r.status} (a wrong result or a fault): ${r.stderr.slice(-300)}`);
  const lines = r.stderr.split('\n');
  return lines.flatMap((l, i) => {
    const m = l.match(/^capmark-insns (\d+)$/);
    if (!m) return [];
    const classes = Object.fromEntries(lines[i + 1].split(' ').slice(1).map((kv) => kv.split('=')).map(([k, v]) => [k, Number(v)]));
    return [{ instructions: Number(m[1]), classes }];
  });
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function main() {
  const args = process.argv.slice(2);
  const root = resolve(args.find((a) => !a.startsWith('--')) ?? '');
  const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
  if (!existsSync(join(root, 'benchmarks.md')) || !existsSync(join(root, 'mupq/pqclean/crypto_kem'))) {
    console.error('usage: npx tsx scripts/calibrate-pqm4.ts <pqm4 checkout with the mupq and mupq/pqclean submodules> [--runs n]');
    process.exit(2);
  }
  const commit = (p: string) => execFileSync('git', ['-C', join(root, p), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const plugin = buildPlugin();
  const dir = mkdtempSync(join(tmpdir(), 'capmark-calibrate-'));
  const cases: object[] = [];
  try {
    for (const c of CASES) {
      const cycles = published(root, c);
      const regions = run(build(root, c, runs, dir), plugin);
      if (regions.length !== runs * 3) throw new Error(`${c.scheme} ${c.impl}: ${regions.length} regions, expected ${runs * 3}`);
      OPS[c.kind].forEach((op, k) => {
        if (!CALIBRATED.has(op)) return;
        const mine = regions.filter((_, i) => i % 3 === k);
        const names = [...new Set(mine.flatMap((r) => Object.keys(r.classes)))].sort();
        const classes = Object.fromEntries(names.map((n) => [n, Math.round(mean(mine.map((r) => r.classes[n] ?? 0)))]));
        const instructions = Math.round(mean(mine.map((r) => r.instructions)));
        cases.push({ id: `pqm4/${c.scheme}/${c.impl}/${op}`, core: 'cortex-m4', code: `${c.scheme} ${c.impl} (${c.dir}) crypto_${c.kind}_${op === 'verify' ? 'open' : op}`,
          published_cycles: cycles[k], instructions, instruction_classes: classes });
        console.log(`${c.scheme} ${c.impl} ${op}: published ${cycles[k]} cycles, ${instructions} instructions (mean of ${runs})`);
      });
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  const data = {
    schema: 'capmark.calibration/1',
    source: `pqm4 benchmarks.md at pqm4 ${commit('.')} (mupq ${commit('mupq')}, PQClean ${commit('mupq/pqclean')}): AVG cycles`,
    silicon_conditions: 'pqm4 README: NUCLEO-L4R5ZI (STM32L4R5, Cortex-M4F) at 24 MHz "to avoid wait cycles due to the speed of the memory controller", arm-none-eabi-gcc 11.3.1 (Arm GNU Toolchain 11.3.Rel1), -O3, AVG over 10 (KEM) or 1000 (signature) runs',
    emulated_conditions: `QEMU ${execFileSync(tool('qemu'), ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/^QEMU emulator version /, '')} mps2-an386 -icount shift=0, capmark classifying plugin; ${toolVersion('cc')} ${CFLAGS.join(' ')}; picolibc; capmark harness and HAL (scripts/calibrate/); deterministic randombytes; mean of ${runs} runs; recipe scripts/calibrate-pqm4.ts`,
    cases,
  };
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(`${OUT}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${OUT}.tmp`, OUT);
  console.log(`wrote ${OUT}`);
}

main();
