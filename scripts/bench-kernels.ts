// Kernel figures against the issue targets and the published reference numbers (DESIGN.md),
// read from results files written by `capmark profile` (a script, not a test).
// Run: npx tsx scripts/bench-kernels.ts [results/mps2-an386.json]
import { readResults } from '../profiler/results/store.ts';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD, RESULTS } from '../profiler/util/paths.ts';

const file = process.argv[2] ?? join(RESULTS, 'mps2-an386.json');
const r = readResults(file);

type Row = [label: string, kernel: string, op: string, param: number, unit: 'B' | 'op', target: number | undefined, published: string];
const ROWS: Row[] = [
  ['SHA-256', 'sha256', 'hash', 4096, 'B', 45, '97 cpb portable C on M3 (rweather)'],
  ['ChaCha20', 'chacha20', 'encrypt', 4096, 'B', 30, '73 cpb portable C on M3 (rweather)'],
  ['Poly1305', 'poly1305', 'mac', 4096, 'B', 15, '-'],
  ['AES-128-CTR (constant-time)', 'aes-128-ctr', 'encrypt', 4096, 'B', 120, '33.6 cpb table asm / ~80 cpb fixsliced CT asm'],
  ['AES-128-GCM', 'aes-128-gcm', 'encrypt', 4096, 'B', 200, '-'],
  ['Ascon-AEAD128', 'ascon-aead128', 'encrypt', 4096, 'B', 80, '296 cpb portable C on M3 (rweather, Ascon-128)'],
  ['SHA3-256', 'sha3-256', 'hash', 4096, 'B', 150, '-'],
  ['ML-KEM-768 keygen', 'ml-kem-768', 'keygen', 0, 'op', 1.2e6, '988,722 (pqm4 clean) / 642,096 (m4fspeed)'],
  ['ML-KEM-768 encaps', 'ml-kem-768', 'encaps', 0, 'op', 1.4e6, '1,138,225 / 658,754'],
  ['ML-KEM-768 decaps', 'ml-kem-768', 'decaps', 0, 'op', 1.6e6, '1,387,984 / 707,827'],
  ['ML-DSA-44 verify', 'ml-dsa-44', 'verify', 0, 'op', 2.5e6, '2,063,096 (pqm4 clean)'],
  ['ML-DSA-44 sign (mean of 16)', 'ml-dsa-44', 'sign', 0, 'op', 8e6, '7,925,955 (pqm4 clean)'],
  ['X25519 shared', 'x25519', 'shared', 0, 'op', 1.5e6, '548,873 (asm)'],
  ['Ed25519 verify (32 B)', 'ed25519', 'verify', 32, 'op', 3e6, '-'],
  ['ECDSA P-256 sign', 'ecdsa-p256', 'sign', 0, 'op', 2e6, '375k (asm)'],
  ['ECDSA P-256 verify', 'ecdsa-p256', 'verify', 0, 'op', 3e6, '976k (asm)'],
  ['RSA-2048 verify (PKCS#1)', 'rsa-2048-pkcs1-verify', 'verify', 0, 'op', 5e6, '-'],
];

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });
console.log(`${r.board}: ${r.conditions.runtime}; ${r.conditions.compiler}; QEMU ${r.conditions.qemu_version}, icount ${r.conditions.icount}`);
console.log('instructions are exact-emulated (QEMU counting plugin, baseline subtracted); published figures are silicon cycles');
console.log('| primitive | measured | unit | target | met | stack B | published (cycles, DESIGN.md) |');
console.log('|---|---:|---|---:|---|---:|---|');
for (const [label, kernel, op, param, unit, target, published] of ROWS) {
  const m = r.measurements.find((x) => x.kernel === kernel && x.op === op && x.param === param && x.status === 'ok');
  if (!m) { console.log(`| ${label} | not measured | | | | | ${published} |`); continue; }
  const value = unit === 'B' ? m.instructions_per_byte! : (m.instructions!.mean ?? m.instructions!.median);
  const unitText = unit === 'B' ? `instr/B at ${param} B` : 'instructions';
  console.log(`| ${label} | ${fmt(value)} | ${unitText} | ${target ? fmt(target) : '-'} | ${target ? (value <= target ? 'yes' : 'NO') : '-'} | ${m.stack_bytes} | ${published} |`);
}

const manifest = join(BUILD, 'fw', `${r.board}.json`);
if (existsSync(manifest)) {
  const fw = JSON.parse(readFileSync(manifest, 'utf8'));
  console.log(`\nfirmware .text by source (bytes, ${fw.text_bytes} B in all; from the ELF symbols, functions inlined into a caller count there):`);
  for (const [src, bytes] of Object.entries(fw.code_bytes_by_source as Record<string, number>).sort((a, b) => b[1] - a[1])) console.log(`  ${src.padEnd(34)} ${bytes}`);
}
