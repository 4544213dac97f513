// The generated device registry (profiler/build/registry.ts): declarations parsed from the kernel
// sources, checked for mistakes, selected and turned into the table and dispatch; a per-product
// agent built from a selection announces exactly its kernels and runs them; fitting an agent
// (whole pages or a sub-page agent) to a board's RAM.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declarationsIn, kernelDeclarations, registrySource, selectKernels } from '../../profiler/build/registry.ts';
import { productAgent } from '../../profiler/build/agent.ts';
import { fitBoard } from '../../profiler/build/firmware.ts';
import { boardById, loadBoards } from '../../profiler/boards/index.ts';
import { buildWasm } from '../../profiler/build/wasm.ts';
import { BASELINE, KERNELS, createRng } from '../../profiler/kernels/index.ts';
import { checkOutput } from '../../profiler/kernels/check.ts';
import { loadAgent } from '../support/agent.ts';
import { tempDir } from '../support/tmp.ts';

const ENTRY = '(op: i32, input: usize, inLen: i32, output: usize, outCap: i32): i32 { return 0; }';

describe('kernel declarations', () => {
  const dirs = [tempDir('registry'), tempDir('registry')];
  it('are read from the doc comment of an exported entry function', () => {
    const src = `/** SHA-1.\n *  @kernel sha1 hash,stream */\nexport function runSha1${ENTRY}\n/** not a kernel */\nexport function helper(): void {}\n`;
    expect(declarationsIn(src, 'sha1')).toEqual([{ name: 'sha1', ops: ['hash', 'stream'], file: 'sha1', entry: 'runSha1' }]);
  });

  it('reject a malformed tag with the file and function', () => {
    expect(() => declarationsIn(`/** @kernel Sha1 hash */\nexport function run${ENTRY}`, 'sha1')).toThrow(/wasm\/kernels\/sha1\.ts: @kernel on run: name "Sha1"/);
    expect(() => declarationsIn(`/** @kernel sha1 */\nexport function run${ENTRY}`, 'sha1')).toThrow(/write "@kernel <name> <op,op,...>"/);
    expect(() => declarationsIn(`/** @kernel sha1 hash,hash */\nexport function run${ENTRY}`, 'sha1')).toThrow(/an op is listed twice/);
  });

  it('reject a kernel name declared in two files, naming both', () => {
    const dir = dirs[0];
    writeFileSync(join(dir, 'null.ts'), `/** @kernel null none */\nexport function run${ENTRY}`);
    writeFileSync(join(dir, 'a.ts'), `/** @kernel dup hash */\nexport function run${ENTRY}`);
    writeFileSync(join(dir, 'b.ts'), `/** @kernel dup mac */\nexport function runB${ENTRY}`);
    expect(() => kernelDeclarations(dir)).toThrow(/kernel "dup" is declared twice: wasm\/kernels\/a\.ts \(run\) and wasm\/kernels\/b\.ts \(runB\)/);
  });

  it('must include the null baseline', () => {
    const dir = dirs[1];
    writeFileSync(join(dir, 'a.ts'), `/** @kernel a hash */\nexport function run${ENTRY}`);
    expect(() => kernelDeclarations(dir)).toThrow(/no "null" kernel/);
  });

  it('cover every kernel and op of the host registry', () => {
    const declared = new Map(kernelDeclarations().map((d) => [d.name, d.ops]));
    for (const k of [BASELINE, ...KERNELS]) {
      expect(declared.get(k.device), `${k.id}: device kernel ${k.device}`).toBeDefined();
      for (const op of k.ops) expect(declared.get(k.device), k.id).toContain(op.op);
    }
  });
});

describe('selection and generated source', () => {
  const all = kernelDeclarations();

  it('puts the baseline at wire id 0, then the selection in declaration order', () => {
    expect(selectKernels(all, ['x25519', 'attest-ed25519']).map((d) => d.name)).toEqual(['null', 'attest-ed25519', 'x25519']);
    const full = selectKernels(all);
    expect(full[0].name).toBe('null');
    expect(full).toHaveLength(all.length);
  });

  it('names an unknown kernel and lists the declared ones', () => {
    expect(() => selectKernels(all, ['sha1'])).toThrow(/no device kernel "sha1" declared in wasm\/kernels\/ \(declared: .*sha256/);
  });

  it('dispatches each wire id to its entry and announces the same order', () => {
    const src = registrySource(selectKernels(all, ['ml-dsa-65', 'sha224']));
    expect(src).toContain('export const TABLE = "null:none,trap;ml-dsa-65:keygen,sign,verify,sign-mu,sign-lowmem;sha224:hash,stream";');
    expect(src).toContain('case 1: return k_mldsa.runMlDsa65(op, input, inLen, output, outCap); // ml-dsa-65');
    expect(src).toContain('case 2: return k_sha256.runSha224(op, input, inLen, output, outCap); // sha224');
    expect(src).not.toMatch(/case 3:/);
  });
});

describe('a per-product agent', () => {
  it('announces only its kernels, runs them correctly and leaves the other kernels out', async () => {
    const wasm = buildWasm(productAgent('test-x25519-attest', ['x25519', 'attest-ed25519']));
    const agent = await loadAgent(undefined, wasm);
    expect([...agent.table.keys()]).toEqual(['null', 'attest-ed25519', 'x25519']);
    expect(agent.table.get('x25519')!.id).toBe(2);
    const x = KERNELS.find((k) => k.id === 'x25519')!;
    for (const op of x.ops) {
      const c = op.makeCase(op.params[0], createRng(`x25519/${op.op}`));
      const r = agent.run('x25519', op.op, c.input);
      expect(checkOutput(c, r.status, r.output).ok, op.op).toBe(true);
    }
    // The name section lists what was compiled in: no ML-DSA, P-256 or AES code (two ML-DSA
    // parameter globals remain: attest.ts imports mldsa, globals are not tree-shaken).
    const names = readFileSync(wasm).toString('latin1');
    const has = (re: RegExp) => re.test(names);
    expect(has(/wasm\/kernels\/attest\/sign1/) && has(/wasm\/kernels\/x25519\/x25519/)).toBe(true);
    expect(has(/wasm\/kernels\/mldsa\/(run|sign|keygen|verify)|wasm\/lib\/(weierstrass|aes|mldsa-poly)\//)).toBe(false);
    expect(() => agent.run('sha256', 'hash', new Uint8Array(0))).toThrow(/kernel sha256 not in the agent's table/);
  });
});

describe('fitting an agent to a board', () => {
  const board = { ...boardById('mps2-an386', loadBoards()), ram_bytes: 32 * 1024, stack_bytes: 2048 };
  it('gives a sub-page agent exactly its size, and says by how much a part is short', () => {
    const fit = fitBoard(board, 1800, 23552, 2560);
    expect(fit).toMatchObject({ hostable: true, linear_memory_bytes: 23552, required_ram_bytes: 23552 + 8 + 1800 + 2560 });
    const small = fitBoard({ ...board, ram_bytes: 16 * 1024 }, 1800, 23552, 2560);
    expect(small).toMatchObject({ hostable: false, short_of: 'RAM', shortfall_bytes: 23552 + 8 + 1800 + 2560 - 16 * 1024 });
  });
  it('gives a whole-page agent the largest power of two of pages that fits, never a partial page', () => {
    expect(fitBoard({ ...board, ram_bytes: 200 * 1024 }, 1800).linear_memory_bytes).toBe(128 * 1024);
    expect(fitBoard(board, 1800)).toMatchObject({ hostable: false, linear_memory_bytes: 0, required_ram_bytes: 65536 + 8 + 1800 + 2048 });
  });
});
