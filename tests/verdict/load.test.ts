// Bad input: malformed profiles and results are rejected naming the file, the field and the
// reason; older results versions load (upgraded in memory, with a note). Shipped profiles validate.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../profiler/schema/index.ts';
import { loadRequirementProfile, loadResults } from '../../profiler/verdict/index.ts';
import { dataPath } from '../../profiler/catalogue/index.ts';
import { makeResults } from '../support/results-fixture.ts';
import { profile } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('load');
const file = (name: string, data: unknown) => {
  const p = join(dir, name);
  writeFileSync(p, typeof data === 'string' ? data : JSON.stringify(data));
  return p;
};
function dataError(fn: () => unknown): DataError {
  try { fn(); } catch (e) { if (e instanceof DataError) return e; throw e; }
  throw new Error('expected a DataError');
}

describe('requirement profile validation', () => {
  const good = profile();
  it('names a missing field', () => {
    const { needs: _n, ...bad } = good;
    const e = dataError(() => loadRequirementProfile(file('missing.json', bad)));
    expect(e.code).toBe('DATA_INVALID');
    expect(e.field).toBe('needs');
    expect(e.message).toContain('missing.json');
    expect(e.reason).toMatch(/required/);
  });
  it('names a field of the wrong type inside a need', () => {
    const e = dataError(() => loadRequirementProfile(file('type.json', { ...good, needs: [{ ...good.needs[0], max_time_ms: 'fast' }] })));
    expect(e.field).toBe('needs[0].max_time_ms');
    expect(e.reason).toMatch(/number/);
  });
  it('requires the fields of the need kind (secure boot without an image size)', () => {
    const { image_kib: _i, ...n } = good.needs[0];
    const e = dataError(() => loadRequirementProfile(file('kind.json', { ...good, needs: [n] })));
    expect(e.field).toBe('needs[0].image_kib');
  });
  it('rejects unknown fields and unknown policy frameworks', () => {
    expect(dataError(() => loadRequirementProfile(file('extra.json', { ...good, budget: {} }))).field).toBe('budget');
    const e = dataError(() => loadRequirementProfile(file('fw.json', { ...good, policy: { frameworks: ['nist-2099'] } })));
    expect(e.field).toBe('policy.frameworks[0]');
    expect(e.reason).toMatch(/must be one of/);
  });
  it('rejects duplicate need ids and files that are not JSON', () => {
    expect(dataError(() => loadRequirementProfile(file('dup.json', { ...good, needs: [good.needs[0], good.needs[0]] }))).field).toBe('needs[1].id');
    expect(dataError(() => loadRequirementProfile(file('bad.json', '{ not json'))).code).toBe('DATA_UNREADABLE');
    expect(dataError(() => loadRequirementProfile(join(dir, 'absent.json'))).code).toBe('DATA_UNREADABLE');
  });
});

describe('shipped requirement profiles', () => {
  const files = readdirSync(dataPath('boards/requirements')).filter((f) => f.endsWith('.json'));
  it('has at least four products, each valid and traced to the regulations', () => {
    expect(files.length).toBeGreaterThanOrEqual(4);
    const regs = new Set<string>();
    for (const f of files) {
      const p = loadRequirementProfile(join(dataPath('boards/requirements'), f));
      for (const n of p.needs) n.traces_to.forEach((t) => regs.add(t.regulation));
    }
    for (const r of ['fda-premarket', 'eu-mdr-annex-i', 'mdcg-2019-16', 'iec-62443-4-2', 'en-18031-1']) expect(regs).toContain(r);
  });
});

describe('results validation', () => {
  it('names the bad field of a measurement', () => {
    const r = makeResults();
    (r.measurements[0] as any).op = undefined;
    const e = dataError(() => loadResults([file('r-bad.json', r)]));
    expect(e.field).toBe('measurements[0].op');
    expect(e.file).toContain('r-bad.json');
  });
  it('refuses a results file of an unknown schema version', () => {
    const e = dataError(() => loadResults([file('r3.json', { ...makeResults(), schema: 'capmark.results/3' })]));
    expect(e.code).toBe('RESULTS_VERSION');
    expect(e.reason).toMatch(/capmark.results\/3.*capmark.results\/1.*capmark.results\/2/);
  });
  it('reads a version-1 file, upgraded in memory with a note saying what it lacks', () => {
    const { status: _s, ...v1 } = { ...makeResults(), schema: 'capmark.results/1' };
    const path = file('r1.json', v1);
    const [r] = loadResults([path]);
    expect(r.schema).toBe('capmark.results/2');
    expect(r.upgraded_from).toBe('capmark.results/1');
    expect(r.status).toBe('complete');
    expect(r.notes?.join(' ')).toMatch(/older capmark.*working sets/);
    expect(JSON.parse(readFileSync(path, 'utf8')).schema).toBe('capmark.results/1');
  });
  it('reads a real version-1 file written before the schema change', () => {
    const [r] = loadResults([join(import.meta.dirname, '../fixtures/results-v1-mps2-an386.json')]);
    expect(r.upgraded_from).toBe('capmark.results/1');
    expect(r.measurements.filter((m) => m.status === 'ok' && m.instructions).length).toBeGreaterThan(10);
  });
  it('reads version 1 and version 2 files together', () => {
    const a = file('ra.json', makeResults());
    const b = file('rb.json', { ...makeResults({ board: 'other' }), schema: 'capmark.results/1' });
    expect(loadResults([a, b]).map((r) => r.upgraded_from)).toEqual([undefined, 'capmark.results/1']);
  });
  it('loads valid files', () => {
    expect(loadResults([file('ok.json', makeResults())])[0].measurements.length).toBeGreaterThan(50);
  });
});
