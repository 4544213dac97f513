// Constant time in verdicts: needs that handle a long-term secret report what capmark ct found
// for their secret ops (results constant_time[]); policy.constant_time "required" fails a leaking
// op and leaves an unchecked or operand-dependent one incomplete, so another algorithm is chosen.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRequirements, loadRequirementProfile, type Verdict } from '../../profiler/verdict/index.ts';
import { terminalTable } from '../../profiler/report/text.ts';
import { DataError } from '../../profiler/schema/index.ts';
import type { ConstantTimeRecord } from '../../profiler/results/types.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const registry = TEST_REGISTRY.filter((k) => ['ed25519', 'ecdsa-p256', 'sha256', 'aes-128-gcm', 'ascon-aead128'].includes(k.id));
const rec = (kernel: string, op: string, status: ConstantTimeRecord['status'], extra: Partial<ConstantTimeRecord> = {}): ConstantTimeRecord =>
  ({ kernel, op, status, secrets: 16, detail: `${status} (test record)`, ...extra });
const LEAKY_ECDSA = [rec('ecdsa-p256', 'sign', 'leaks', { diverged: 'data-trace', location: 'wasm/lib/p256.ts select' }), rec('ed25519', 'sign', 'trace-equal')];

function verdicts(records: ConstantTimeRecord[] | undefined, constant_time?: 'required' | 'reported', needs = [need('attestation')]): Verdict[] {
  const p = profile({ needs, policy: { frameworks: ['nist-sp800-57', 'nist-ir8547'], ...(constant_time ? { constant_time } : {}) } });
  return checkRequirements(p, [{ ...makeResults({ registry }), ...(records ? { constant_time: records } : {}) }], { registry, boards: boardsWith() });
}
const dir = tempDir('ct-verdict');
const attestation = (vs: Verdict[]) => vs.find((v) => v.need === 'attestation')!;

describe('constant time reported (the default)', () => {
  it('shows the chosen algorithm\'s finding for the attestation key, without changing the choice', () => {
    const v = attestation(verdicts(LEAKY_ECDSA));
    expect(v.status).toBe('pass');
    expect(v.choice!.algorithm).toMatch(/ECDSA P-256/); // the cheapest
    expect(v.choice!.constant_time).toMatchObject({ status: 'leaks', secret: expect.stringMatching(/attestation key/), traced_on: 'mps2-an386' });
    expect(v.choice!.constant_time!.ops).toEqual([expect.objectContaining({ op: 'ecdsa-p256/sign', status: 'leaks' })]);
  });
  it('says so in the terminal output', () => {
    const out = terminalTable(verdicts(LEAKY_ECDSA));
    expect(out).toMatch(/Constant time of the long-term secrets.*\n {2}mps2-an386 \/ attestation: LEAKS for the attestation key .*: ecdsa-p256\/sign leaks; traced on mps2-an386/);
  });
  it('reports an op without a record as unchecked, naming the command that checks it', () => {
    const ct = attestation(verdicts(undefined)).choice!.constant_time!;
    expect(ct.status).toBe('unchecked');
    expect(ct.ops[0].detail).toMatch(/no constant-time record on mps2-an386: run capmark ct --board <id> --kernels ecdsa-p256/);
  });
  it('leaves needs without a long-term secret alone (secure boot verifies with a public key)', () => {
    const vs = verdicts(LEAKY_ECDSA, 'required', [need('secure-boot'), need('attestation')]);
    expect(vs.find((v) => v.need === 'secure-boot')!.choice!.constant_time).toBeUndefined();
  });
});

describe('constant time required', () => {
  it('fails a leaking op and takes the trace-equal algorithm instead', () => {
    const v = attestation(verdicts(LEAKY_ECDSA, 'required'));
    expect(v.status).toBe('pass');
    expect(v.choice!.algorithm).toBe('Ed25519');
    expect(v.choice!.constant_time!.status).toBe('trace-equal');
  });
  it('fails the need when every algorithm leaks, with each one\'s finding', () => {
    const v = attestation(verdicts([rec('ecdsa-p256', 'sign', 'leaks', { location: 'wasm/lib/p256.ts select' }), rec('ed25519', 'sign', 'leaks')], 'required'));
    expect(v.status).toBe('fail');
    expect(v.reasons.join()).toMatch(/^not constant time: /);
    expect(v.reasons.join()).toMatch(/ECDSA P-256: leaks for the attestation key .*: ecdsa-p256\/sign: leaks \(test record\)/);
    expect(v.reasons.join()).toMatch(/Ed25519: leaks for the attestation key .*: ed25519\/sign: leaks \(test record\)/);
  });
  it('leaves the need incomplete when the best it can say is operand-dependent or unchecked', () => {
    const od = attestation(verdicts([rec('ecdsa-p256', 'sign', 'leaks'), rec('ed25519', 'sign', 'operand-dependent', { operand_dependent_instructions: 213_172 })], 'required'));
    expect(od.status).toBe('incomplete');
    expect(od.choice!.algorithm).toBe('Ed25519');
    expect(od.reasons.join()).toMatch(/constant time required but not established for Ed25519: operand-dependent/);
    const none = attestation(verdicts(undefined, 'required'));
    expect(none.status).toBe('incomplete');
    expect(none.reasons.join()).toMatch(/unchecked for the attestation key/);
  });
  it('counts an allowed variation that runs operand-dependent instructions as operand-dependent', () => {
    const v = attestation(verdicts([rec('ecdsa-p256', 'sign', 'leaks'), rec('ed25519', 'sign', 'allowed-variation', { operand_dependent_instructions: 12 })], 'required'));
    expect(v.status).toBe('incomplete');
    expect(v.choice!.constant_time!.status).toBe('operand-dependent');
  });
  it('judges data at rest by its AEAD\'s encryption under the storage key', () => {
    const v = verdicts([rec('aes-128-gcm', 'encrypt', 'leaks'), rec('ascon-aead128', 'encrypt', 'trace-equal')], 'required', [need('data-at-rest')])[0];
    expect(v.choice!.algorithm).toMatch(/Ascon/);
    expect(v.choice!.constant_time).toMatchObject({ status: 'trace-equal', secret: expect.stringMatching(/storage key/) });
  });
});

describe('the profile field', () => {
  it('rejects another value, naming the field', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...profile(), policy: { frameworks: ['nist-sp800-57'], constant_time: 'sometimes' } }));
    let e: unknown;
    try { loadRequirementProfile(file); } catch (x) { e = x; }
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).field).toBe('policy.constant_time');
  });
});
