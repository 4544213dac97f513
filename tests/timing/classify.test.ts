// The instruction decoder of the classifying plugin (agent/qemu-plugin/classify.c) on known
// encodings: snippets assembled by arm-none-eabi-as (each line names the expected class and
// word count), and RV32IMC words from the RISC-V Unprivileged ISA spec's encoding tables.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
let dir: string;
let dump: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'capmark-classify-'));
  dump = join(dir, 'classify-dump');
  execFileSync('gcc', ['-O1', '-Wall', '-Werror', '-o', dump, join(HERE, '../support/classify-dump.c'), join(HERE, '../../agent/qemu-plugin/classify.c')]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function decode(isa: 'thumb' | 'rv32', bin: string) {
  return execFileSync(dump, [isa, bin], { encoding: 'utf8' }).trim().split('\n').map((l) => {
    const [, size, cls, regs] = l.split(' ');
    return { size: Number(size), cls, regs: Number(regs) };
  });
}

/** Assembles a snippet; returns its expected (class, words) per instruction and the decoded ones. */
function assembleAndDecode(snippet: string, cpu: string) {
  const src = join(HERE, 'snippets', snippet);
  const expected = readFileSync(src, 'utf8').split('\n')
    .filter((l) => /^\s+[a-z]/.test(l) && !/^\s+\./.test(l))
    .map((l) => { const [cls, words] = l.split('@')[1].trim().split(/\s+/); return { line: l.split('@')[0].trim(), cls, regs: Number(words ?? 0) }; });
  const obj = join(dir, `${snippet}.o`), bin = join(dir, `${snippet}.bin`);
  execFileSync('arm-none-eabi-as', [`-mcpu=${cpu}`, '-mthumb', ...(cpu === 'cortex-m4' ? ['-mfpu=fpv4-sp-d16'] : []), '-o', obj, src]);
  execFileSync('arm-none-eabi-objcopy', ['-O', 'binary', '-j', '.text', obj, bin]);
  // A literal pool (ldr r0, =...) is placed after the code: decode only the instructions.
  return { expected, got: decode('thumb', bin).slice(0, expected.length) };
}

describe('Thumb decoder', () => {
  for (const [snippet, cpu] of [['armv7em.s', 'cortex-m4'], ['armv6m.s', 'cortex-m0'], ['armv8m.s', 'cortex-m33']]) {
    it(`classifies every instruction of ${snippet} (${cpu})`, () => {
      const { expected, got } = assembleAndDecode(snippet, cpu);
      expect(expected.length).toBeGreaterThan(5);
      const wrong = expected.map((e, i) => ({ ...e, got: got[i] }))
        .filter((e) => !e.got || e.got.cls !== e.cls || e.got.regs !== e.regs)
        .map((e) => `${e.line}: expected ${e.cls} ${e.regs}, got ${e.got?.cls} ${e.got?.regs}`);
      expect(wrong).toEqual([]);
    });
  }
});

describe('RV32IMC decoder', () => {
  // Words from the spec's instruction listings (RV32I ch. 2, M ch. 7, C ch. 16), as gcc emits them.
  const cases: [number, 2 | 4, string][] = [
    [0x00b50533, 4, 'alu'],       // add a0, a0, a1
    [0x00150513, 4, 'alu'],       // addi a0, a0, 1
    [0x123452b7, 4, 'alu'],       // lui t0, 0x12345
    [0x0005a503, 4, 'load'],      // lw a0, 0(a1)
    [0x00a5a023, 4, 'store'],     // sw a0, 0(a1)
    [0x02b50533, 4, 'mul'],       // mul a0, a0, a1
    [0x02b53533, 4, 'mul_long'],  // mulhu a0, a0, a1
    [0x02b51533, 4, 'mul_long'],  // mulh a0, a0, a1
    [0x02b54533, 4, 'div'],       // div a0, a0, a1
    [0x02b57533, 4, 'div'],       // remu a0, a0, a1
    [0x00b50463, 4, 'branch_cond'], // beq a0, a1, +8
    [0x008000ef, 4, 'branch'],    // jal ra, +8
    [0x00008067, 4, 'branch'],    // jalr x0, 0(ra) (ret)
    [0x30047073, 4, 'system'],    // csrci mstatus, 8
    [0x0000000f, 4, 'system'],    // fence
    [0x0505, 2, 'alu'],           // c.addi a0, 1
    [0x4188, 2, 'load'],          // c.lw a0, 0(a1)
    [0xc188, 2, 'store'],         // c.sw a0, 0(a1)
    [0x4502, 2, 'load'],          // c.lwsp a0, 0(sp)
    [0xc02a, 2, 'store'],         // c.swsp a0, 0(sp)
    [0x852e, 2, 'alu'],           // c.mv a0, a1
    [0x952e, 2, 'alu'],           // c.add a0, a1
    [0x8082, 2, 'branch'],        // c.jr ra (ret)
    [0x9582, 2, 'branch'],        // c.jalr a1
    [0xa011, 2, 'branch'],        // c.j +4
    [0xc111, 2, 'branch_cond'],   // c.beqz a0, +4
    [0xe111, 2, 'branch_cond'],   // c.bnez a0, +4
    [0x9002, 2, 'system'],        // c.ebreak
  ];
  it('classifies 32-bit and compressed encodings', () => {
    const bytes: number[] = [];
    for (const [w, size] of cases) for (let i = 0; i < size; i++) bytes.push((w >>> (8 * i)) & 0xff);
    const bin = join(dir, 'rv32.bin');
    writeFileSync(bin, Uint8Array.from(bytes));
    const got = decode('rv32', bin);
    expect(got.map((g) => `${g.size} ${g.cls}`)).toEqual(cases.map(([, s, c]) => `${s} ${c}`));
  });
});
