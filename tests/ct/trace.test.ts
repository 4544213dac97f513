// The trace comparison of capmark ct, without a board: plugin lines, which trace differs,
// grouping by variant, the divergence search over dumped windows, and symbol lookup.
import { describe, it, expect } from 'vitest';
import { differences, distinctTraces, parseTraceLine, traceDifference, type Trace } from '../../profiler/ct/trace.ts';
import { firstDivergence, parseDump, sharedPrefix } from '../../profiler/ct/diverge.ts';
import { describeLocation, parseSymbols } from '../../profiler/ct/symbols.ts';

const T = (insns: number, insnHash: string, accesses: number, dataHash: string, classes: Record<string, number> = {}): Trace => ({ insns, insnHash, accesses, dataHash, classes });
const H = (c: string) => c.repeat(16);

describe('plugin lines', () => {
  it('reads a capmark-trace line and ignores anything else', () => {
    expect(parseTraceLine(`capmark-trace 1196892 ${H('a')} 541850 ${H('b')}`)).toEqual(T(1196892, H('a'), 541850, H('b')));
    expect(parseTraceLine(`capmark-trace 10 ${H('a')} 4 ${H('b')} alu=7 mul_long=3`)).toEqual(T(10, H('a'), 4, H('b'), { alu: 7, mul_long: 3 }));
    expect(parseTraceLine('capmark-insns 12')).toBeUndefined();
    expect(parseTraceLine('capmark-trace: unknown argument x')).toBeUndefined();
    expect(parseTraceLine(`capmark-trace 1 ${H('a')} 1`)).toBeUndefined();
  });
});

describe('which trace differs', () => {
  const a = T(100, H('1'), 40, H('2'));
  it('is the instruction trace when the path differs, even if the count is the same', () => {
    expect(traceDifference(a, T(100, H('3'), 40, H('2')))).toBe('instruction-trace');
    expect(traceDifference(a, T(101, H('1'), 40, H('2')))).toBe('instruction-trace');
    expect(traceDifference(a, T(100, H('3'), 41, H('4')))).toBe('instruction-trace');
  });
  it('is the data trace when only the addresses differ', () => {
    expect(traceDifference(a, T(100, H('1'), 40, H('4')))).toBe('data-trace');
    expect(traceDifference(a, T(100, H('1'), 41, H('2')))).toBe('data-trace');
  });
  it('is none for identical traces', () => expect(traceDifference(a, { ...a })).toBeUndefined());
});

describe('differences within groups', () => {
  const same = T(10, H('1'), 5, H('2')), other = T(12, H('3'), 5, H('2')), addr = T(10, H('1'), 5, H('9'));
  it('compares each case with the first of its own group only', () => {
    const cases = [
      { id: 'v0', group: 'valid', trace: same }, { id: 't0', group: 'tampered', trace: other },
      { id: 'v1', group: 'valid', trace: same }, { id: 't1', group: 'tampered', trace: other },
    ];
    expect(differences(cases)).toEqual([]); // valid and tampered differ, but each agrees with itself
    expect(differences(cases.map((c) => ({ ...c, group: 'all' })))).toHaveLength(1); // alike: they must not differ
  });
  it('reports each distinct differing trace once, with the trace that shows it', () => {
    const cases = ['ref', 'a', 'b', 'c', 'd'].map((id, i) => ({ id, group: '-', trace: [same, other, other, addr, same][i] }));
    const d = differences(cases);
    expect(d.map((x) => [x.reference.id, x.other.id, x.kind])).toEqual([['ref', 'a', 'instruction-trace'], ['ref', 'c', 'data-trace']]);
    expect(distinctTraces(cases.map((c) => c.trace))).toBe(3);
  });
});

describe('the first divergence', () => {
  // Checkpoints every 4 entries; the traces part after entry 5.
  const dumpA = parseDump('i 4 aaaa\ni 8 bbbb\ni 10 cccc\nd 4 1111\nd 6 2222\n');
  const dumpB = parseDump('i 4 aaaa\ni 8 dddd\ni 9 eeee\nd 4 1111\nd 6 3333\n');
  it('is narrowed by the checkpoints to after the last shared one', () => {
    expect(dumpA.insnCheckpoints).toEqual([{ count: 4, hash: 'aaaa' }, { count: 8, hash: 'bbbb' }, { count: 10, hash: 'cccc' }]);
    expect(sharedPrefix(dumpA.insnCheckpoints, dumpB.insnCheckpoints)).toBe(4);
    expect(sharedPrefix(dumpA.dataCheckpoints, dumpB.dataCheckpoints)).toBe(4);
    expect(sharedPrefix([{ count: 4, hash: 'x' }], [{ count: 4, hash: 'y' }])).toBe(0);
  });
  it('blames the last shared instruction (the branch) and names both successors', () => {
    const a = parseDump('I 3 100\nI 4 102\nI 5 104\nI 6 106\n');
    const b = parseDump('I 3 100\nI 4 102\nI 5 110\nI 6 112\n');
    expect(firstDivergence('instruction-trace', a, b)).toEqual({ kind: 'instruction-trace', index: 5, pc: 0x102, a: '0x104', b: '0x110' });
  });
  it('says "end" when one run had already returned', () => {
    const a = parseDump('I 3 100\nI 4 102\n');
    const b = parseDump('I 3 100\nI 4 102\nI 5 104\n');
    expect(firstDivergence('instruction-trace', a, b)).toMatchObject({ index: 5, pc: 0x102, a: 'end', b: '0x104' });
    expect(firstDivergence('instruction-trace', b, a)).toMatchObject({ index: 5, pc: 0x102, a: '0x104', b: 'end' });
  });
  it('blames the accessing instruction for a data difference, with both accesses', () => {
    const a = parseDump('D 7 2000 20001000 4 r\nD 8 2004 20004e70 1 r\n');
    const b = parseDump('D 7 2000 20001000 4 r\nD 8 2004 20004f6f 1 r\n');
    expect(firstDivergence('data-trace', a, b)).toEqual({ kind: 'data-trace', index: 8, pc: 0x2004, a: 'read of 1 B at 0x20004e70', b: 'read of 1 B at 0x20004f6f' });
    const w = parseDump('D 7 2000 20001000 4 w\nD 8 2004 20004e70 1 r\n');
    expect(firstDivergence('data-trace', a, w)).toMatchObject({ index: 7, a: 'read of 4 B at 0x20001000', b: 'write of 4 B at 0x20001000' });
  });
  it('finds nothing in identical windows', () => {
    const a = parseDump('I 0 100\nI 1 102\nD 0 100 2000 4 r\n');
    expect(firstDivergence('instruction-trace', a, a)).toBeUndefined();
    expect(firstDivergence('data-trace', a, a)).toBeUndefined();
  });
});

describe('symbols', () => {
  const { locate, ranges } = parseSymbols([
    '00002fe0 00000700 t w2c_wasm_lib_mldsa_poly_ntt',
    '0000b261 0000002c t w2c_wasm_kernels_ct_control_leakyCompare', // Thumb: bit 0 set
    '0000c214 00000848 t w2c_wasm_lib_mldsa_poly_invnttTomont.part.0',
    '0000d000 00000010 T memcpy',
    '20000000 B some_data',
  ].join('\n'));
  it('finds the function holding an address, its wasm/ source and the offset', () => {
    expect(locate(0xb272)).toEqual({ symbol: 'w2c_wasm_kernels_ct_control_leakyCompare', offset: 0x12, fn: 'leakyCompare', source: 'wasm/kernels/ct-control.ts' });
    expect(locate(0xc300)).toMatchObject({ fn: 'invnttTomont', source: 'wasm/lib/mldsa-poly.ts' });
    expect(describeLocation(0xb272, locate(0xb272))).toBe('wasm/kernels/ct-control.ts leakyCompare (w2c_wasm_kernels_ct_control_leakyCompare+0x12)');
  });
  it('names firmware C plainly and says when no symbol covers an address', () => {
    expect(describeLocation(0xd004, locate(0xd004))).toBe('firmware C memcpy+0x4');
    expect(locate(0xd010)).toBeUndefined();
    expect(describeLocation(0x1000, locate(0x1000))).toBe('0x1000 (no symbol)');
  });
  it('gives the address ranges of the functions a pattern names', () => {
    expect(ranges(/_ct_control_leaky/)).toEqual([{ name: 'w2c_wasm_kernels_ct_control_leakyCompare', start: 0xb260, end: 0xb28c }]);
    expect(ranges(/_invnttTomont$/).map((r) => r.name)).toEqual(['w2c_wasm_lib_mldsa_poly_invnttTomont.part.0']);
    expect(ranges(/nosuch/)).toEqual([]);
  });
  it('reads RISC-V firmware at 0x80000000 and above (beyond 32-bit signed bit operations)', () => {
    const rv = parseSymbols('80000192 0000004a t w2c_wasm_kernels_ct_control_leakyCompare\n');
    expect(rv.locate(0x8000019c)).toMatchObject({ fn: 'leakyCompare', offset: 0xa });
    expect(rv.ranges(/leakyCompare/)).toEqual([{ name: 'w2c_wasm_kernels_ct_control_leakyCompare', start: 0x80000192, end: 0x800001dc }]);
  });
});
