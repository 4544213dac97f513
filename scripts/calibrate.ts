// Recipe for the silicon calibration data (boards/timing/calibration/<suite>.json): builds
// ML-KEM/Kyber and ML-DSA/Dilithium from a pqm4 (Cortex-M4) or pqm3 (Cortex-M3) checkout, with
// its mupq and PQClean submodules, for the matching QEMU MPS2 board with capmark's own harness
// and HAL (scripts/calibrate/), runs each operation under the classifying plugin, and records
// next to the suite's published silicon cycles (its benchmarks markdown) the exact instruction
// count and class profile.
//   npx tsx scripts/calibrate.ts pqm4|pqm3 <checkout> [--runs 10]
// No third-party code is copied: only the recorded counts and the published figures.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildPlugin } from '../profiler/build/plugin.ts';
import { tool, toolVersion } from '../profiler/build/toolchain.ts';
import { ROOT } from '../profiler/util/paths.ts';

const HERE = join(ROOT, 'scripts', 'calibrate');
const OPT = ['-O3', '-std=gnu99', '-mthumb']; // mupq/mk/config.mk

interface Case { scheme: string; impl: string; kind: 'kem' | 'sign'; dir: string; namespace: string }
interface Suite {
  core: string; machine: string; cflags: string[]; benchmarks: string; keccak: string; silicon: string; cases: Case[];
}
const clean = (kind: 'kem' | 'sign', scheme: string): Case =>
  ({ scheme, impl: 'clean', kind, dir: `mupq/pqclean/crypto_${kind}/${scheme}/clean`, namespace: `PQCLEAN_${scheme.replace(/-/g, '').toUpperCase()}_CLEAN_` });
const own = (kind: 'kem' | 'sign', scheme: string, impl: string): Case => ({ scheme, impl, kind, dir: `crypto_${kind}/${scheme}/${impl}`, namespace: '' });

// Flags and sources as each suite builds them (mk/<platform>.mk, mk/crypto.mk); conditions
// from each suite's README and HAL.
const SUITES: Record<string, Suite> = {
  pqm4: {
    core: 'cortex-m4', machine: 'mps2-an386', cflags: ['-mcpu=cortex-m4', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-DPQM4', '-DFPU'],
    benchmarks: 'benchmarks.md', keccak: 'common/keccakf1600.S',
    silicon: 'pqm4 README: NUCLEO-L4R5ZI (STM32L4R5, Cortex-M4F) at 24 MHz "to avoid wait cycles due to the speed of the memory controller", arm-none-eabi-gcc 11.3.1 (Arm GNU Toolchain 11.3.Rel1), -O3, AVG over 10 (KEM) or 1000 (signature) runs',
    cases: [clean('kem', 'ml-kem-768'), own('kem', 'ml-kem-768', 'm4fspeed'), clean('kem', 'ml-kem-512'), own('kem', 'ml-kem-512', 'm4fspeed'),
      clean('sign', 'ml-dsa-44'), own('sign', 'ml-dsa-44', 'm4f'), clean('sign', 'ml-dsa-65'), own('sign', 'ml-dsa-65', 'm4f')],
  },
  pqm3: {
    core: 'cortex-m3', machine: 'mps2-an385', cflags: ['-mcpu=cortex-m3', '-mfloat-abi=soft', '-DPQM3'],
    benchmarks: 'benchmarks-nucleo-f207zg.md', keccak: 'common/keccakf1600.S',
    silicon: 'pqm3 benchmarks-nucleo-f207zg.md and HAL (common/hal-opencm3.c, CLOCK_BENCHMARK): NUCLEO-F207ZG (STM32F207, Cortex-M3) at 30 MHz, 0 flash wait states, ART caches and prefetch on, -O3, AVG over 100 runs; compiler version not published',
    cases: [clean('kem', 'kyber768'), own('kem', 'kyber768', 'm3'), clean('kem', 'kyber512'), own('kem', 'kyber512', 'm3'),
      clean('sign', 'dilithium2'), own('sign', 'dilithium2', 'm3'), clean('sign', 'dilithium3'), own('sign', 'dilithium3', 'm3')],
  },
};
// Signing is left out: its rejection loop makes the published average one over many runs
// whose spread (3.3M-33M cycles for ML-DSA-44) no handful of emulated runs reproduces.
const OPS = { kem: ['keypair', 'encaps', 'decaps'], sign: ['keypair', 'sign', 'verify'] } as const;
const CALIBRATED = new Set(['keypair', 'encaps', 'decaps', 'verify']);

/** AVG cycles per op from the checkout's benchmarks.md speed table. */
function published(root: string, suite: Suite, c: Case): number[] {
  const md = readFileSync(join(root, suite.benchmarks), 'utf8').split('# Hashing Evaluation')[0];
  const row = md.split('\n').find((l) => l.startsWith(`| ${c.scheme} (`) && l.split('|')[2].trim() === c.impl);
  if (!row) throw new Error(`${suite.benchmarks} has no speed row for ${c.scheme} ${c.impl}`);
  return row.split('|').slice(3, 6).map((cell) => Number(cell.match(/AVG: ([\d,]+)/)![1].replace(/,/g, '')));
}

function build(root: string, suite: Suite, c: Case, runs: number, dir: string): string {
  const impl = join(root, c.dir);
  const sources = readdirSync(impl).filter((f) => /\.(c|s|S)$/.test(f)).map((f) => join(impl, f));
  const elf = join(dir, `${c.scheme}-${c.impl}.elf`);
  execFileSync(tool('cc'), [...OPT, ...suite.cflags, `-D${c.kind.toUpperCase()}`, `-DRUNS=${runs}`, `-DMUPQ_NAMESPACE=${c.namespace}`,
    `-I${impl}`, `-I${join(root, 'common')}`, `-I${join(root, 'mupq/common')}`, '--specs=picolibc.specs', '-nostartfiles',
    '-Wl,--gc-sections', `-T${join(HERE, 'mps2.ld')}`, '-o', elf,
    join(HERE, 'harness.c'), join(HERE, 'hal.c'), ...sources,
    join(root, 'mupq/common/fips202.c'), join(root, suite.keccak)], { stdio: 'inherit' });
  return elf;
}

function symbol(elf: string, name: string): string {
  const line = execFileSync(tool('nm'), [elf], { encoding: 'utf8' }).split('\n').find((l) => l.endsWith(` ${name}`));
  if (!line) throw new Error(`${elf}: no symbol ${name}`);
  return line.split(' ')[0];
}

/** Runs the ELF under the plugin; one { instructions, classes } per measured operation. */
function run(elf: string, machine: string, plugin: string) {
  const r = spawnSync(tool('qemu'), ['-M', machine, '-display', 'none', '-nodefaults', '-semihosting', '-icount', 'shift=0',
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
  const [name, checkout] = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--runs');
  const suite = SUITES[name], root = resolve(checkout ?? '');
  const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
  if (!suite || !existsSync(join(root, suite.benchmarks)) || !existsSync(join(root, 'mupq/pqclean/crypto_kem'))) {
    console.error('usage: npx tsx scripts/calibrate.ts pqm4|pqm3 <checkout with the mupq and mupq/pqclean submodules> [--runs n]');
    process.exit(2);
  }
  const out = join(ROOT, 'boards', 'timing', 'calibration', `${name}.json`);
  const commit = (p: string) => execFileSync('git', ['-C', join(root, p), 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const plugin = buildPlugin();
  const dir = mkdtempSync(join(tmpdir(), 'capmark-calibrate-'));
  const cases: object[] = [];
  try {
    for (const c of suite.cases) {
      const cycles = published(root, suite, c);
      const regions = run(build(root, suite, c, runs, dir), suite.machine, plugin);
      if (regions.length !== runs * 3) throw new Error(`${c.scheme} ${c.impl}: ${regions.length} regions, expected ${runs * 3}`);
      OPS[c.kind].forEach((op, k) => {
        if (!CALIBRATED.has(op)) return;
        const mine = regions.filter((_, i) => i % 3 === k);
        const names = [...new Set(mine.flatMap((r) => Object.keys(r.classes)))].sort();
        const classes = Object.fromEntries(names.map((n) => [n, Math.round(mean(mine.map((r) => r.classes[n] ?? 0)))]));
        const instructions = Math.round(mean(mine.map((r) => r.instructions)));
        cases.push({ id: `${name}/${c.scheme}/${c.impl}/${op}`, core: suite.core, code: `${c.scheme} ${c.impl} (${c.dir}) crypto_${c.kind}_${op === 'verify' ? 'open' : op}`,
          published_cycles: cycles[k], instructions, instruction_classes: classes });
        console.log(`${c.scheme} ${c.impl} ${op}: published ${cycles[k]} cycles, ${instructions} instructions (mean of ${runs})`);
      });
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
  const data = {
    schema: 'capmark.calibration/1',
    source: `${name} ${suite.benchmarks} at ${name} ${commit('.')} (mupq ${commit('mupq')}, PQClean ${commit('mupq/pqclean')}): AVG cycles`,
    silicon_conditions: suite.silicon,
    emulated_conditions: `QEMU ${execFileSync(tool('qemu'), ['--version'], { encoding: 'utf8' }).split('\n')[0].replace(/^QEMU emulator version /, '')} ${suite.machine} -icount shift=0, capmark classifying plugin; ${toolVersion('cc')} ${[...OPT, ...suite.cflags].join(' ')}; picolibc; capmark harness and HAL (scripts/calibrate/); deterministic randombytes; mean of ${runs} runs; recipe scripts/calibrate.ts ${name}`,
    cases,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(`${out}.tmp`, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(`${out}.tmp`, out);
  console.log(`wrote ${out}`);
}

main();
