// check -> report on a results file through the CLI handlers: exit codes for CI, the terminal
// table, Markdown, CSV and the self-contained HTML page; bad files give exit 2 and a named field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, recommend, report, schema, profilePath, verdictEpilogue } from '../../profiler/commands/verdicts.ts';
import { Ajv } from 'ajv';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { buildModel, secureMarkScores, terminalTable } from '../../profiler/report/index.ts';
import { subjectFromResults } from '../../profiler/verdict/index.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith, need, profile } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('report');
const write = (name: string, data: unknown) => { const p = join(dir, name); writeFileSync(p, JSON.stringify(data, null, 2)); return p; };
const capture = () => {
  const out: string[] = [], err: string[] = [];
  return { io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) }, out, err };
};
// Results as a real nRF52840 would produce them over serial (catalogue facts give the power model),
// measured with only the kernels the registry really has, so the handlers use their defaults.
const results = write('nrf52840.json', makeResults({ board: 'nrf52840', registry: KERNELS, clock_hz: 64e6 }));
const fullResults = write('full.json', makeResults({ board: 'nrf52840', clock_hz: 64e6 }));
const easy = write('easy.json', profile({ id: 'easy', needs: [need('data-at-rest', { max_time_ms: 1e6 })] }));

describe('capmark check', () => {
  it('exits 1 and prints why when a need fails (no signature kernel measured)', async () => {
    // Independent of which kernels the registry has by now: the board measured no signature.
    const unsigned = write('nrf52840-unsigned.json',
      makeResults({ board: 'nrf52840', registry: KERNELS.filter((k) => k.kind !== 'signature'), clock_hz: 64e6 }));
    const c = capture();
    expect(await check(['--requirements', 'ble-cgm', unsigned], c.io)).toBe(1);
    expect(c.out.join('\n')).toMatch(/nrf52840 against ble-cgm: FAIL/);
  });
  it('exits 0 when every need passes', async () => {
    const c = capture();
    expect(await check(['--requirements', easy, fullResults], c.io, { registry: TEST_REGISTRY })).toBe(0);
    expect(c.out.join('\n')).toMatch(/nrf52840 against easy: PASS \(1\/1 pass\)/);
  });
  it('exits 2 for a profile without needs', async () => {
    const c = capture();
    const p = write('no-needs.json', profile({ id: 'no-needs', needs: [] as any }));
    expect(await check(['--requirements', p, results], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/no-needs.json: needs: must NOT have fewer than 1 items/);
  });
  it('exits 2 naming file and field for a malformed results file', async () => {
    const bad = write('bad.json', { ...makeResults(), measurements: [{ kernel: 'sha256' }] });
    const c = capture();
    expect(await check(['--requirements', 'ble-cgm', bad], c.io)).toBe(2);
    expect(c.err[0]).toMatch(/bad.json: measurements\[0\]\.op: is required but missing \[DATA_INVALID\]/);
  });
  it('exits 2 with usage when --requirements is missing', async () => {
    const c = capture();
    expect(await check([results], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/usage: capmark check/);
  });
  it('prints JSON verdicts on request', async () => {
    const c = capture();
    await check(['--requirements', easy, '--json', results], c.io);
    expect(JSON.parse(c.out.join(''))[0]).toMatchObject({ board: 'nrf52840', need: 'data-at-rest' });
  });
  it('resolves shipped profile ids', () => expect(profilePath('ble-cgm')).toMatch(/boards\/requirements\/ble-cgm.json$/));
});

describe('capmark report', () => {
  it('writes text, Markdown, CSV and HTML with the verdicts', async () => {
    const out = join(dir, 'reports');
    const c = capture();
    expect(await report(['--requirements', 'ble-cgm', '--catalogue', '--out', out, results], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain(join(out, 'report.html'));
    const csv = readFileSync(join(out, 'measurements.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe('board,kernel,op,param_name,param,status,time_us,band,method,instructions,stack_bytes,energy_uj,energy_method,clock_hz,conditions');
    expect(csv.length - 1).toBe(JSON.parse(readFileSync(results, 'utf8')).measurements.length);
    expect(readFileSync(join(out, 'verdicts.csv'), 'utf8')).toMatch(/nrf52840,ble-cgm,secure-boot,(PASS|FAIL),/) // outcome tested in tests/verdict;
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toMatch(/## Verdicts[\s\S]*\| board \| profile \| need \|/);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/<script|<link|src="http|href="http/);
    expect(html).toContain('id="chart-matrix"');
  });
  it('computes energy per operation from the board power model', () => {
    const m = buildModel([JSON.parse(readFileSync(results, 'utf8'))], []);
    const row = m.measurements.find((r) => r.kernel === 'sha256' && r.param === 1024)!;
    // nRF52840: 52 µA/MHz at 64 MHz = 3.328 mA, 3.0 V
    expect(row.energy_uj).toBeCloseTo(row.time_us! * 3 * 3.328 / 1000, 9);
    expect(row.energy_method).toMatch(/modelled: datasheet/);
  });
});

describe('TLS 1.3 handshake scores', () => {
  it('score = 1000 / weighted seconds, missing primitives listed', () => {
    const r = makeResults({ clock_hz: 64e6, omit: ['ecdh-p384'] });    // the heavy suite then lacks a primitive
    const s = subjectFromResults(r, boardsWith()('b'));
    const scores = secureMarkScores(s);
    const light = scores.find((x) => x.suite === 'light')!;
    expect(light.score).toBeCloseTo(1000 / light.seconds!, 9);
    const heavy = scores.find((x) => x.suite === 'heavy')!;
    expect(heavy.missing).toContain('ecdh-p384 keygen');
    expect(heavy.score).toBeUndefined();
    // Faster board, higher score.
    const fast = secureMarkScores(subjectFromResults(makeResults({ clock_hz: 128e6, omit: ['ecdh-p384'] }), boardsWith()('b'))).find((x) => x.suite === 'light')!;
    expect(fast.score! / light.score!).toBeCloseTo(2, 6);
  });
});

describe('capmark recommend and the profile epilogue', () => {
  it('ranks the catalogue', async () => {
    const c = capture();
    expect(await recommend(['--requirements', 'ble-cgm', '--top', '5', fullResults], c.io, { registry: TEST_REGISTRY })).toBe(0);
    expect(c.out).toHaveLength(7);    // two header lines, then one entry (two lines) per part
    expect(c.out[2]).toMatch(/^ 1\. .* PASS 7\/7, .*\n {6}meets all 7 checks/);
    expect(c.out[0]).toMatch(/Catalogue ranked for BLE continuous glucose monitor/);
  });
  it('ends with the verdict against the default profile and the HTML path', () => {
    const e = verdictEpilogue(JSON.parse(readFileSync(fullResults, 'utf8')), join(dir, 'epilogue'));
    expect(e.lines.at(-2)).toMatch(/^Verdict: nrf52840 (PASSES|FAILS|is INCOMPLETE for) BLE continuous glucose monitor/);
    expect(e.lines.at(-1)).toBe(`Report: ${join(dir, 'epilogue', 'report.html')}`);
  });
  it('terminal table has a header, one row per verdict and a per-board line', async () => {
    const c = capture();
    await check(['--requirements', 'ble-cgm', fullResults], c.io, { registry: TEST_REGISTRY });
    const lines = c.out.join('\n').split('\n');
    expect(lines[0]).toMatch(/^board\s+profile\s+need\s+verdict/);
    expect(lines.filter((l) => l.startsWith('nrf52840  ble-cgm'))).toHaveLength(7);   // 5 needs, product footprint, daily energy
    expect(lines).toContainEqual(expect.stringMatching(/^nrf52840 against ble-cgm: (PASS|FAIL|INCOMPLETE) \(\d\/7 pass/));
    expect(lines.join('\n')).not.toMatch(/\.\.\./);                                 // no cut text
    expect(lines.join('\n')).toMatch(/ KiB of (24|64) KiB/);                            // use of limit, with units
    expect(terminalTable([]).split('\n')[0]).toMatch(/^board/);
  });
});

describe('capmark schema', () => {
  it('prints a JSON schema that validates the shipped profiles', async () => {
    const c = capture();
    expect(await schema(['requirements'], c.io)).toBe(0);
    const validate = new Ajv({ strict: false }).compile(JSON.parse(c.out.join('')));
    expect(validate(JSON.parse(readFileSync(profilePath('ble-cgm'), 'utf8')))).toBe(true);
    expect(validate({ schema: 'capmark.requirements/1' })).toBe(false);
  });
  it('exits 2 for an unknown schema', async () => {
    const c = capture();
    expect(await schema(['boards'], c.io)).toBe(2);
    expect(c.err.join()).toMatch(/unknown schema "boards"/);
  });
});
