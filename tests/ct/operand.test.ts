// Operand-dependent latency in capmark ct: which traced instructions count is the core's timing
// table's to say (boards/timing/), not a list of the check's own.
import { describe, it, expect } from 'vitest';
import { describeOperandDependent, operandDependentOf, whereOperandDependent, withoutPublicDivides } from '../../profiler/ct/operand.ts';
import { parseSymbols } from '../../profiler/ct/symbols.ts';
import { parseSitesLine } from '../../profiler/ct/trace.ts';

const x25519OnM3 = { alu: 1_000_000, mul_long: 25_610, mla_long: 175_710, load: 90_000 };

describe('operand-dependent instructions', () => {
  it('counts the long multiplies on the Cortex-M3, whose table says they terminate early', () => {
    const od = operandDependentOf('cortex-m3', x25519OnM3)!;
    expect(od).toMatchObject({ instructions: 201_320, classes: { mul_long: 25_610, mla_long: 175_710 } });
    expect(describeOperandDependent('cortex-m3', od)).toMatch(/^201,320 instructions of operand-dependent latency on cortex-m3 per run \(25,610 long multiplies \(mul_long\), 175,710 long multiply-accumulates \(mla_long\); .*terminate early.*\); whether their operands depend on the secret is not traced$/);
  });
  it('counts none of them on the Cortex-M4 (single-cycle UMULL/UMLAL), only divides', () => {
    expect(operandDependentOf('cortex-m4', x25519OnM3)).toMatchObject({ instructions: 0, classes: {} });
    expect(operandDependentOf('cortex-m4', { ...x25519OnM3, div: 40 })).toMatchObject({ instructions: 40, classes: { div: 40 } });
  });
  it('has nothing to say for a core without a timing table', () => {
    expect(operandDependentOf('no-such-core', x25519OnM3)).toBeUndefined();
  });
});

describe('where they ran', () => {
  const { locate } = parseSymbols([
    '00001000 00000100 t w2c_wasm_lib_fe25519_feMul',
    '00002000 00000100 t w2c_wasm_kernels_aes_setupCipher',
    '00003001 00000040 T __aeabi_lmul',
  ].join('\n'));
  it('reads the plugin\'s sites line', () => {
    expect(parseSitesLine('capmark-sites 1010:mla_long=100 2004:div=40')).toEqual({ lost: false, at: [{ pc: 0x1010, cls: 'mla_long', n: 100 }, { pc: 0x2004, cls: 'div', n: 40 }] });
    expect(parseSitesLine('capmark-sites lost')).toEqual({ lost: true, at: [] });
    expect(parseSitesLine('capmark-trace 1 0 1 0')).toBeUndefined();
  });
  it('names the functions of the counted classes only, most first', () => {
    const sites = parseSitesLine('capmark-sites 1010:mla_long=100 1020:mul_long=50 2004:div=40 3004:mul=7')!;
    const m3 = operandDependentOf('cortex-m3', { mla_long: 100, mul_long: 50, div: 40, mul: 7 })!;
    expect(whereOperandDependent(m3, sites, locate)).toBe('in wasm/lib/fe25519.ts feMul 150, wasm/kernels/aes.ts setupCipher 40');
    expect(whereOperandDependent(m3, sites, locate, 1)).toBe('most in wasm/lib/fe25519.ts feMul 150 (of 2 functions)');
    const m4 = operandDependentOf('cortex-m4', { div: 40 })!;
    expect(whereOperandDependent(m4, sites, locate)).toBe('in wasm/kernels/aes.ts setupCipher 40');
  });
});

describe('divides of public values', () => {
  const { locate } = parseSymbols([
    '00002000 00000100 t w2c_wasm_kernels_aes_setupCipher',
    '00004000 00000100 t w2c_wasm_kernels_aes_run',
  ].join('\n'));
  it('takes out only the divides of the listed functions, and says how many', () => {
    const sites = parseSitesLine('capmark-sites 2004:div=40 4010:div=3 2008:mul_long=5')!;
    const r = withoutPublicDivides({ alu: 100, div: 43, mul_long: 5 }, sites, locate);
    expect(r).toMatchObject({ classes: { alu: 100, div: 3, mul_long: 5 }, left: 40 });
    expect(r.reasons).toEqual([expect.stringMatching(/^AES key expansion/)]);
    expect(withoutPublicDivides({ div: 43 }, undefined, locate)).toMatchObject({ classes: { div: 43 }, left: 0 });
  });
});
