// The branch-free multiplies linked ahead of libgcc on cores without a full multiplier
// (agent/arch/<arch>/ct/, docs/constant-time.md): right against BigInt on edge and seeded
// operands (built natively), free of branches and calls as the cross compiler emits them, and
// configured for every core whose gcc would otherwise call libgcc's multiply.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORES } from '../../profiler/build/cores.ts';
import { OPT_FLAGS } from '../../profiler/build/firmware.ts';
import { tool } from '../../profiler/build/toolchain.ts';
import { createRng } from '../../profiler/kernels/index.ts';
import { tempDir } from '../support/tmp.ts';

const ROOT = join(import.meta.dirname, '../..');
const dir = tempDir('ct-mul');
const FILES = [...new Set(Object.values(CORES).filter((c) => c.ct_multiply).map((c) => `${c.arch}/ct/${c.ct_multiply}`))];
const M64 = (1n << 64n) - 1n;

/** Edge values (0, 1, all ones, top bits, half-word and word borders) and seeded random ones. */
function operands(): bigint[] {
  const edges = [0n, 1n, 2n, M64, 1n << 63n, (1n << 63n) - 1n, 0xffffn, 0x10000n, 0xffffffffn, 1n << 32n,
    0x7fffffffn, 0x80000000n, 0xffffffff00000000n, 0x00000000ffff0000n, 0xffff0000ffff0000n, 0x8000000080000000n];
  const rng = createRng('tests/ct-mul');
  const random = Array.from({ length: 24 }, () => BigInt(`0x${Buffer.from(rng.bytes(8)).toString('hex')}`));
  return [...edges, ...random];
}

describe.each(FILES)('agent/arch/%s', (file) => {
  it('multiplies like BigInt (a*b mod 2^64, and mod 2^32 for __mulsi3) on every pair of edge and random operands', () => {
    const exe = join(dir, file.replace(/\W/g, '-'));
    execFileSync('gcc', ['-O2', '-Wall', '-Werror', '-o', exe, join(ROOT, 'tests/support/ct-mul-harness.c'), join(ROOT, 'agent/arch', file)]);
    const ops = operands();
    const pairs = ops.flatMap((a) => ops.map((b) => [a, b] as const));
    const out = execFileSync(exe, { input: pairs.map(([a, b]) => `${a.toString(16)} ${b.toString(16)}`).join('\n') + '\n', encoding: 'utf8' }).trim().split('\n');
    expect(out).toHaveLength(pairs.length);
    const hasMulsi3 = file.startsWith('riscv32/');
    pairs.forEach(([a, b], i) => {
      const [p64, p32] = out[i].split(' ');
      expect(BigInt(`0x${p64}`), `${a.toString(16)} * ${b.toString(16)}`).toBe((a * b) & M64);
      if (hasMulsi3) expect(BigInt(`0x${p32}`), `__mulsi3 ${a.toString(16)} ${b.toString(16)}`).toBe(((a & 0xffffffffn) * (b & 0xffffffffn)) & 0xffffffffn);
      else expect(p32).toBe('-');
    });
  });
});

/** Mnemonics that branch or call: conditional and unconditional branches, calls, jumps. */
const BRANCH = { arm: /^(b|bl|blx|cbn?z|b(eq|ne|cs|cc|hs|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le))(\.[nw])?$/, riscv32: /^(b[a-z]+|j|jr|jal|jalr|call|tail)$/ };

describe.each(Object.entries(CORES).filter(([, c]) => c.ct_multiply))('%s', (core, c) => {
  it(`compiles ${c.ct_multiply} with the firmware's flags into straight-line code: no branch, no call, no relocation`, () => {
    const obj = join(dir, `${core}.o`);
    execFileSync(tool('cc', c.arch), [...c.cflags, ...OPT_FLAGS, '--specs=picolibc.specs', '-c', join(ROOT, 'agent/arch', c.arch, 'ct', c.ct_multiply!), '-o', obj]);
    const dis = execFileSync(tool('objdump', c.arch), ['-dr', obj], { encoding: 'utf8' });
    const insns = dis.split('\n').filter((l) => /^\s+[0-9a-f]+:\t/.test(l)).map((l) => l.split('\t')[2]?.trim() ?? '');
    const fns = [...dis.matchAll(/^[0-9a-f]+ <(\w+)>:$/gm)].map((m) => m[1]);
    expect(fns).toEqual(expect.arrayContaining(c.arch === 'arm' ? ['__aeabi_lmul'] : ['__mulsi3', '__muldi3']));
    expect(insns.length).toBeGreaterThan(20);
    expect(insns.filter((m) => BRANCH[c.arch].test(m))).toEqual([]);
    expect(dis).not.toMatch(/R_(ARM|RISCV)_/);
  });
});

describe('which cores need them', () => {
  it("sets ct_multiply on exactly the cores whose gcc calls libgcc's multiplies for C's 32- and 64-bit *", () => {
    const src = join(dir, 'mul.c');
    writeFileSync(src, '#include <stdint.h>\nuint64_t m64(uint64_t a, uint64_t b) { return a * b; }\n'
      + 'uint64_t m32x32(uint32_t a, uint32_t b) { return (uint64_t)a * b; }\nuint32_t m32(uint32_t a, uint32_t b) { return a * b; }\n');
    const needs = Object.entries(CORES).map(([core, c]) => {
      const obj = join(dir, `need-${core}.o`);
      execFileSync(tool('cc', c.arch), [...c.cflags, ...OPT_FLAGS, '--specs=picolibc.specs', '-c', src, '-o', obj]);
      const calls = execFileSync(tool('objdump', c.arch), ['-dr', obj], { encoding: 'utf8' }).match(/__aeabi_lmul|__muldi3|__mulsi3/g);
      return [core, calls !== null] as const;
    });
    expect(Object.fromEntries(needs.map(([core]) => [core, Boolean(CORES[core].ct_multiply)]))).toEqual(Object.fromEntries(needs));
    expect(needs.filter(([, n]) => n).map(([core]) => core).sort()).toEqual(['cortex-m0', 'cortex-m0plus', 'cortex-m23', 'rv32ec']);
  });
});
