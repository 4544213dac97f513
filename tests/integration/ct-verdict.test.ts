// Constant time from QEMU to the verdict on the Cortex-M3 (mps2-an385), kept small (Ed25519,
// two secrets): capmark ct records the attestation key's op as operand-dependent (early-
// terminating long multiplies), a later capmark profile keeps the record, and a profile that
// requires constant time leaves its attestation need incomplete, saying why, in the terminal too.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkBoard } from '../../profiler/ct/index.ts';
import { profileVirtualBoard } from '../../profiler/profile/index.ts';
import { writeReports } from '../../profiler/report/index.ts';
import { readResults } from '../../profiler/results/index.ts';
import { ROOT } from '../../profiler/util/paths.ts';
import { checkRequirements } from '../../profiler/verdict/index.ts';
import { need, profile } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const BOARD = 'mps2-an385';
const dir = tempDir('ct-verdict-e2e');
const file = join(dir, `${BOARD}.json`);
const product = profile({
  id: 'ct-required', needs: [need('attestation', { max_time_ms: 60_000 })],
  policy: { frameworks: ['nist-sp800-57'], constant_time: 'required' },
});
const productFile = join(dir, 'ct-required.json');

beforeAll(async () => {
  writeFileSync(productFile, JSON.stringify(product));
  await checkBoard(BOARD, { kernels: ['ed25519'], secrets: 2, out: file });
  await profileVirtualBoard(BOARD, { kernels: ['ed25519'], iterations: 1, warmup: 0, out: file });
}, 900_000);

describe(`constant time in verdicts, end to end on ${BOARD}`, () => {
  it('keeps the constant-time records when capmark profile rewrites the results file', () => {
    const r = readResults(file);
    expect(r.status).toBe('complete');
    expect(r.measurements.some((m) => m.kernel === 'ed25519' && m.op === 'sign' && m.status === 'ok')).toBe(true);
    const sign = r.constant_time!.find((c) => c.kernel === 'ed25519' && c.op === 'sign')!;
    expect(sign.status).toBe('operand-dependent');
    expect(sign.operand_dependent_instructions).toBeGreaterThan(150_000);
  });

  it('leaves the attestation need incomplete when constant time is required, naming the multiplies', () => {
    const v = checkRequirements(product, [readResults(file)]).find((x) => x.need === 'attestation')!;
    expect(v.status).toBe('incomplete');
    expect(v.choice!.algorithm).toBe('Ed25519');
    expect(v.choice!.constant_time).toMatchObject({ status: 'operand-dependent', traced_on: BOARD });
    expect(v.reasons.join()).toMatch(/constant time required but not established for Ed25519: operand-dependent for the attestation key .*long multiply-accumulates \(mla_long\)/);
  });

  it('prints it in capmark check\'s terminal output (exit 3: incomplete)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'capmark.mjs'), 'check', '--requirements', productFile, file], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/Constant time of the long-term secrets .*\n {2}mps2-an385 \/ attestation: OPERAND-DEPENDENT for the attestation key .*: ed25519\/sign operand-dependent \([\d,]+ operand-dependent instructions\)/);
  });

  it('reports it in Markdown and HTML as well', () => {
    const results = [readResults(file)];
    const paths = writeReports(results, checkRequirements(product, results), join(dir, 'reports'), { profile: product });
    const line = /mps2-an385 \/ attestation: OPERAND-DEPENDENT for the attestation key/;
    expect(readFileSync(paths.markdown, 'utf8')).toMatch(line);
    expect(readFileSync(paths.html, 'utf8')).toMatch(line);
  });
});
