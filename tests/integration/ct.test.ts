// capmark ct end to end on the M4 board in QEMU, kept small (a few kernels, four secrets):
// the positive control is caught, each leak by the right trace and at its source; real
// secret ops are trace-equal (so a leak introduced into them fails here), ML-DSA signing is
// the allowed variation of its retry count; the records join a results file's measurements.
// On the M0 and RV32EC, ops that leaked through libgcc's multiplies are trace-equal.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkBoard, controlCaught, type BoardReport } from '../../profiler/ct/index.ts';
import { readSymbols } from '../../profiler/ct/symbols.ts';
import { PUBLIC_DIVIDES } from '../../profiler/ct/operand.ts';
import { CT_CONTROL, KERNELS, isSecretCases } from '../../profiler/kernels/index.ts';
import { readResults } from '../../profiler/results/index.ts';
import { BUILD, ROOT } from '../../profiler/util/paths.ts';

const BOARD = 'mps2-an386';
const KERNEL_IDS = ['aes-128-gcm', 'chacha20-poly1305', 'ascon-aead128', 'hmac-sha256', 'x25519', 'ed25519', 'ecdsa-p256', 'ml-kem-512', 'ml-dsa-44'];
const dir = mkdtempSync(join(tmpdir(), 'capmark-ct-test-'));
const file = join(dir, `${BOARD}.json`);
let report: BoardReport;
const op = (kernel: string, name: string) => report.ops.find((o) => o.kernel === kernel && o.op === name)!;

beforeAll(async () => {
  // A real results file (capmark.results/1) of this board: the records must join its measurements.
  copyFileSync(join(ROOT, 'tests', 'fixtures', 'results-v1-mps2-an386.json'), file);
  report = await checkBoard(BOARD, { kernels: KERNEL_IDS, secrets: 4, out: file });
}, 900_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`capmark ct on ${BOARD}`, () => {
  it('catches the early-exit compare by the instruction trace, in the leaky function', () => {
    const c = report.control.find((o) => o.op === 'compare')!;
    expect(c.status).toBe('leaks');
    expect(c.diverged).toBe('instruction-trace');
    expect(c.location).toMatch(/^wasm\/kernels\/ct-control\.ts leakyCompare \(w2c_wasm_kernels_ct_control_leakyCompare\+0x[0-9a-f]+\)$/);
  });

  it('catches the secret-indexed table read by the data trace only (the path is the same)', () => {
    const l = report.control.find((o) => o.op === 'lookup')!;
    expect(l.status).toBe('leaks');
    expect(l.diverged).toBe('data-trace');
    expect(l.location).toMatch(/^wasm\/kernels\/ct-control\.ts leakyLookup /);
    expect(l.instructions!.min).toBe(l.instructions!.max);
    expect(controlCaught(report)).toBe(true);
  });

  it('finds the real secret ops trace-equal (on the M4 only divides have operand-dependent latency, and those of public values are left out)', () => {
    const equal = report.ops.filter((o) => !/^ml-(dsa|kem)/.test(o.kernel) || o.op === 'encaps' || o.op === 'decaps');
    expect(equal.length).toBeGreaterThanOrEqual(16);
    for (const o of equal) expect(o.status, `${o.kernel} ${o.op}: ${o.detail}`).toBe('trace-equal');
    expect(op('aes-128-gcm', 'encrypt').detail).toMatch(/; 40 divides of public values left out \(AES key expansion/);
    // valid and tampered decryptions ran, each compared with its own kind; decapsulation alike
    expect(op('aes-128-gcm', 'decrypt').cases).toBe(8);
    expect(op('ml-kem-512', 'decaps').detail).toMatch(/valid, tampered; all alike/);
  });

  it('reports ML-DSA signing as the allowed variation of its retry count, and keygen rejection sampling', () => {
    const sign = op('ml-dsa-44', 'sign');
    expect(sign.status).toBe('allowed-variation');
    expect(sign.detail).toMatch(/retry count/);
    expect(sign.location).toMatch(/^wasm\/kernels\/mldsa\.ts run /);
    expect(sign.instructions!.max).toBeGreaterThan(sign.instructions!.min);
    expect(op('ml-dsa-44', 'keygen').status).toBe('allowed-variation');
    expect(op('ml-kem-512', 'keygen').status).toMatch(/^(trace-equal|allowed-variation)$/);
  });

  it('records every checked op in the results file and keeps its measurements', () => {
    const before = JSON.parse(readFileSync(join(ROOT, 'tests', 'fixtures', 'results-v1-mps2-an386.json'), 'utf8'));
    const after = readResults(file);
    expect(after.measurements).toEqual(before.measurements);
    expect(after.constant_time!.map((r) => `${r.kernel} ${r.op} ${r.status}`)).toEqual(report.ops.map((o) => `${o.kernel} ${o.op} ${o.status}`));
    expect(after.constant_time!.find((r) => r.kernel === 'ct-control')).toBeUndefined();
    expect(after.constant_time!.find((r) => r.kernel === 'ml-dsa-44' && r.op === 'sign')).toMatchObject({ status: 'allowed-variation', secrets: 4, diverged: 'instruction-trace' });
  });

  it('names only functions the firmware has, in every spec\'s allowed and untraced lists and the public divides', () => {
    const { ranges } = readSymbols(join(BUILD, 'fw', `${BOARD}.elf`), 'arm');
    for (const f of PUBLIC_DIVIDES) expect(ranges(f.functions).length, `${f.functions}`).toBeGreaterThan(0);
    for (const k of [CT_CONTROL, ...KERNELS]) {
      for (const o of k.ops) {
        if (!isSecretCases(o.ct)) continue;
        for (const f of [...(o.ct.allowed ?? []), ...(o.ct.untraced ?? [])]) {
          expect(ranges(f.functions).length, `${k.id} ${o.op}: ${f.functions}`).toBeGreaterThan(0);
        }
      }
    }
  });
});

describe('capmark ct on mps2-an385 (Cortex-M3): operand-dependent latency', () => {
  it('reports X25519 as trace-equal but with ~200,000 early-terminating long multiplies', async () => {
    const m3 = await checkBoard('mps2-an385', { kernels: ['x25519'], secrets: 2, out: false });
    expect(controlCaught(m3)).toBe(true);
    const shared = m3.ops.find((o) => o.op === 'shared')!;
    expect(shared.status, shared.detail).toBe('operand-dependent');
    expect(shared.distinct).toBe(1);
    const { classes, instructions } = shared.operandDependent!;
    expect(Object.keys(classes).sort()).toEqual(['mla_long', 'mul_long']);
    expect(instructions).toBeGreaterThan(150_000);
    expect(instructions).toBeLessThan(shared.instructions!.min / 4);
    expect(shared.detail).toMatch(/^identical instruction and data traces over 2 secrets; but [\d,]+ instructions of operand-dependent latency on cortex-m3/);
  }, 300_000);
});

describe.each([
  ['microbit-profiling', ['x25519']],
  ['riscv-virt-rv32ec', ['poly1305', 'ml-kem-512']],
] as const)('capmark ct on %s: the branch-free multiplies (agent/arch/<arch>/ct/) in place of libgcc\'s', (board, kernels) => {
  it(`finds ${kernels.join(', ')} trace-equal where libgcc's multiplies leaked them`, async () => {
    const r = await checkBoard(board, { kernels: [...kernels], secrets: 4, out: false });
    expect(controlCaught(r)).toBe(true);
    const real = r.ops.filter((o) => o.kernel !== CT_CONTROL.id);
    expect(real.map((o) => o.kernel)).toEqual(expect.arrayContaining([...kernels]));
    // ML-KEM decapsulation's valid and tampered ciphertexts must trace alike; keygen's rejection
    // sampling of the public A may vary (the allowed variation).
    for (const o of real) expect(`${o.kernel} ${o.op}: ${o.status}`, o.detail).toMatch(o.op === 'keygen' && o.kernel === 'ml-kem-512' ? /: (trace-equal|allowed-variation)$/ : /: trace-equal$/);
  }, 600_000);
});

describe('capmark ct: bad input', () => {
  const capmark = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'capmark.mjs'), 'ct', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
  it('names an unknown kernel and a bad secret count before building anything', () => {
    const k = capmark('--board', BOARD, '--kernels', 'x25519,nosuch');
    expect(k.status).toBe(2);
    expect(k.stderr).toMatch(/--kernels: no kernel "nosuch"/);
    const s = capmark('--board', BOARD, '--secrets', '1');
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/--secrets must be an integer >= 2/);
    expect(`${k.stderr}${s.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});
