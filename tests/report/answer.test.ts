// The report's answer for the buyer, as data and in every format: the product named, the parts
// that pass first (those with the product's radio before those without), every other part
// rejected in one line with its reason, the secure-boot score on a signature the product's policy
// accepts, the why back in the verdict tables, and no device secret anywhere.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../../profiler/catalogue/index.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { algorithmFacts, evaluatePolicy, FRAMEWORKS, type Component } from '../../profiler/policy/index.ts';
import { answer, buildModel, markdown, secureBootSuite, writeReports } from '../../profiler/report/index.ts';
import { TOP_PARTS } from '../../profiler/report/answer.ts';
import { whyCell } from '../../profiler/report/cells.ts';
import { readResults } from '../../profiler/results/store.ts';
import { checkRequirements, loadRequirementProfile, recommend } from '../../profiler/verdict/index.ts';
import { profilePath } from '../../profiler/commands/verdicts.ts';
import { coreName, num, price } from '../../profiler/util/format.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const dir = tempDir('answer');
const catalogue = loadCatalogue();
const ctx = { registry: TEST_REGISTRY, boards: boardsWith(), catalogue };
const results = [makeResults({ board: 'mps2-an386' })];
const cgm = loadRequirementProfile(profilePath('ble-cgm'));
const model = (profile = cgm) => buildModel(results, checkRequirements(profile, results, ctx),
  { ...ctx, profile, recommendations: recommend(profile, catalogue, results, ctx), now: new Date('2026-12-07T00:00:00Z') });

describe('the answer for the buyer', () => {
  const m = model();
  const a = answer(m)!;
  const recs = m.recommendations!;

  it('names the product, its support window and policy', () => {
    expect(m.product).toMatchObject({ name: cgm.name, window: [2027, 2034], frameworks: ['NIST SP 800-57 Part 1 Rev. 5', 'NIST IR 8547'], radios: ['Bluetooth LE'] });
  });

  it('shows the best parts that pass, in ranking order, with an algorithm and a time per need at the part\'s own clock', () => {
    const passing = recs.filter((r) => r.status === 'pass');
    expect(passing.length).toBeGreaterThan(0);
    expect(a.columns.map((c) => c.id)).toEqual(passing.slice(0, 3).map((r) => r.board));
    expect(a.headline).toMatch(new RegExp(`^${passing.length} of ${recs.length} catalogue parts meet every need.* Best fit: ${recs[0].name}\\.$`));
    const top = recs[0], col = a.columns[0];
    expect(col.facts).toBe(`${coreName(top.core)}, ${num(top.clock_hz / 1e6)} MHz, ${price(top.price_band_usd)}`);
    for (const n of cgm.needs) {
      const s = top.needs.find((x) => x.need === n.id)!;
      expect(col.needs[n.id].algorithm).toBe(s.algorithm);
      // The prediction is at the part's clock: the same op on the 25 MHz board takes longer by about the clock ratio.
      if (s.time_ms !== undefined && s.throughput_kbytes_per_s === undefined) expect(col.needs[n.id].figure).toMatch(new RegExp(`^${num(s.time_ms).replace('.', '\\.')} ms \\(-[\\d.]+/\\+[\\d.]+%\\)$`));
    }
    expect(col.ram).toMatch(/ KiB of 24 KiB, [\d.]+ (KiB|B) free$/);
    expect(col.flash).toMatch(/ KiB of 64 KiB, [\d.]+ (KiB|B) free$/);
    expect(col.energy).toMatch(/ mJ\/day \(-[\d.]+\/\+[\d.]+%\), .* of battery$/);
  });

  it('ranks parts with the product\'s radio before those without, and says which lack it', () => {
    const shown = [...a.columns.map((c) => recs.find((r) => r.board === c.id)!)];
    const firstWithout = recs.findIndex((r) => r.status === 'pass' && r.radio_match === false);
    expect(firstWithout).toBeGreaterThan(-1);
    expect(recs.slice(0, firstWithout).every((r) => r.radio_match === true)).toBe(true);
    expect(shown.every((r) => r.radio_match === true)).toBe(true);
    expect(a.others.length).toBeGreaterThan(0);
    expect(a.others.filter((o) => o.includes('no Bluetooth LE')).length).toBe(recs.filter((r) => r.status === 'pass' && r.radio_match === false).length);
  });

  it('rejects every other part in one line with its reason; parts of uncovered cores say what is missing', () => {
    const rejected = recs.filter((r) => r.status !== 'pass');
    const listed = a.rejected.flatMap((g) => g.parts);
    expect(listed).toHaveLength(rejected.length);
    for (const r of rejected) {
      const g = a.rejected.find((x) => x.parts.some((p) => p.startsWith(`${r.name} (`)))!;
      expect(g.status).toBe(r.status);
      if (r.status === 'fail') expect(r.reasons).toContain(g.reason);
    }
    const incomplete = a.rejected.find((g) => g.status === 'incomplete')!;
    expect(incomplete.reason).toMatch(/performance not predicted: capmark has measured no board of their core/);
    expect(incomplete.parts).toContainEqual(expect.stringMatching(/^Espressif ESP32-C3 \(\$1-2, RV32IMC\)$/));
  });

  it('opens the text and Markdown reports with the product and the top part', () => {
    const paths = writeReports(results, m.verdicts, join(dir, 'cgm'), { ...ctx, profile: cgm, recommendations: recs });
    const text = readFileSync(paths.text, 'utf8').split('\n');
    expect(text[0]).toBe(cgm.name);
    expect(text.slice(0, 12).join('\n')).toContain(`1. ${recs[0].name}: PASS`);
    const md = readFileSync(paths.markdown, 'utf8');
    expect(md.split('\n')[0]).toBe(`# ${cgm.name}: which microcontroller?`);
    expect(md.indexOf(recs[0].name)).toBeLessThan(md.indexOf('## Catalogue ranking'));
    expect(md.indexOf('## Catalogue ranking')).toBeLessThan(md.indexOf('## Measurement basis'));
  });

  it('when no part passes, shows the closest parts that have predicted figures; uncovered cores go with the rejected', () => {
    // No key-agreement kernel measured: the session need fails on every covered part.
    const r = [makeResults({ board: 'mps2-an386', omit: TEST_REGISTRY.filter((k) => k.kind === 'kem' || k.kind === 'key-agreement').map((k) => k.id) })];
    const none = recommend(cgm, catalogue, r, ctx);
    expect(none.some((x) => x.status === 'pass')).toBe(false);
    expect(none.findIndex((x) => x.performance_note)).toBeLessThan(TOP_PARTS);   // the ranking puts INCOMPLETE first
    const b = answer(buildModel(r, checkRequirements(cgm, r, ctx), { ...ctx, profile: cgm, recommendations: none }))!;
    expect(b.headline).toBe(`No catalogue part meets every need of the product; the ${TOP_PARTS} closest with predicted figures are shown.`);
    expect(b.columns.map((c) => c.id)).toEqual(none.filter((x) => !x.performance_note).slice(0, TOP_PARTS).map((x) => x.board));
    expect(b.columns.every((c) => Object.values(c.needs).some((n) => n.figure.match(/ ms /)))).toBe(true);
    const uncovered = b.rejected.find((g) => g.reason.startsWith('performance not predicted'))!;
    expect(uncovered.parts.length).toBe(none.filter((x) => x.status === 'incomplete' && x.performance_note).length);
  });

  it('without a catalogue, answers with the measured boards, labelled as the measurement basis', () => {
    const bare = buildModel(results, m.verdicts, { ...ctx, profile: cgm });
    const b = answer(bare)!;
    expect(b.columns.map((c) => c.name)).toEqual(['mps2-an386 (measurement basis, not a part to buy)']);
    expect(b.headline).toMatch(/add --catalogue/);
    expect(answer(buildModel(results, [], ctx))).toBeUndefined();
  });
});

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; } else field += c;
  }
  return rows;
}

describe('the why, in every verdict table, uncut', () => {
  // No signature kernel measured: secure boot and attestation fail with long reasons.
  const r = [makeResults({ board: 'mps2-an386', omit: KERNELS.filter((k) => k.kind === 'signature').map((k) => k.id).concat(['ecdsa-p256', 'ed25519', 'ml-dsa-44']) })];
  const verdicts = checkRequirements(cgm, r, ctx);
  const paths = writeReports(r, verdicts, join(dir, 'why'), { ...ctx, profile: cgm });
  const whys = verdicts.map(whyCell);
  /** What each why must hold, independent of how the report joins it. */
  const reasons = verdicts.map((v) => (v.status === 'pass' ? [] : v.reasons));

  it('the fixture has reasons long enough that a cut would show', () => {
    expect(verdicts.filter((v) => v.status === 'fail').length).toBeGreaterThan(1);
    expect(Math.max(...reasons.map((r) => r.join('; ').length))).toBeGreaterThan(120);
  });

  it('CSV: the why column of each verdict row is its every reason, in full', () => {
    const [head, ...rows] = parseCsv(readFileSync(paths.verdicts_csv, 'utf8'));
    expect(head).toEqual(['board', 'profile', 'need', 'verdict', 'algorithm', 'time', 'RAM', 'flash', 'energy', 'method', 'why', 'traces_to']);
    expect(rows).toHaveLength(verdicts.length);
    rows.forEach((row, i) => {
      expect(row[2]).toBe(verdicts[i].need);
      expect(row[head.indexOf('why')], verdicts[i].need).toBe(whys[i]);
      for (const reason of reasons[i]) expect(row[head.indexOf('why')]).toContain(reason);
    });
  });

  it('Markdown: the why is the last cell of each verdict row, in full', () => {
    const md = readFileSync(paths.markdown, 'utf8').split('\n');
    const start = md.findIndex((l) => /^\| board \| profile \| need \| verdict \|.* \| why \|$/.test(l));
    expect(start).toBeGreaterThan(-1);
    const rows = md.slice(start + 2, start + 2 + verdicts.length);
    rows.forEach((line, i) => {
      const cells = line.slice(2, -2).split(/ (?<!\\)\| /);
      expect(cells[2]).toBe(verdicts[i].need);
      expect(cells.at(-1)!.replace(/\\\|/g, '|'), verdicts[i].need).toBe(whys[i]);
      for (const reason of reasons[i]) expect(cells.at(-1)!.replace(/\\\|/g, '|')).toContain(reason);
    });
  });

  it('HTML: the why column carries each failing verdict\'s reasons (its cells are checked in Chromium too)', () => {
    const html = readFileSync(paths.html, 'utf8');
    expect(html).toMatch(/<th>why<\/th>/);
    const escape = (x: string) => x.replace(/&/g, '&#38;').replace(/</g, '&#60;').replace(/>/g, '&#62;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
    for (const r of reasons.flat()) expect(html).toContain(escape(r));
  });
});

describe('a twin board: QEMU\'s model of a real SoC', () => {
  const twin = makeResults({ board: 'netduinoplus2', clock_hz: 168e6 });
  twin.conditions.twin_of = 'stm32f405rg';
  const rs = [...results, twin];
  const recs = recommend(cgm, catalogue, rs, ctx);
  const m = buildModel(rs, checkRequirements(cgm, rs, ctx), { ...ctx, profile: cgm, recommendations: recs });

  it('names the real part it models, in the measurement basis', () => {
    expect(m.boards.find((b) => b.id === 'netduinoplus2')).toMatchObject({
      twin_of: { id: 'stm32f405rg', name: 'ST STM32F405RG' }, basis: 'Cortex-M4 emulated in QEMU, 168 MHz, twin of the real ST STM32F405RG' });
    expect(m.boards.find((b) => b.id === 'mps2-an386')).toMatchObject({ twin_of: undefined, basis: 'Cortex-M4 emulated in QEMU, 25 MHz' });
    expect(markdown(m)).toContain('| netduinoplus2 | Cortex-M4 emulated in QEMU, 168 MHz, twin of the real ST STM32F405RG |');
  });

  it('the part is predicted from its twin and says so; other parts of its core are not called twins', () => {
    const row = (id: string) => markdown(m).split('\n').find((l) => l.includes(`[${id}] |`))!;
    const part = recs.find((r) => r.board === 'stm32f405rg')!;
    expect(part.predicted_from).toBe('netduinoplus2');
    expect(row('stm32f405rg')).toContain('| netduinoplus2 (its QEMU twin) |');
    expect(row('stm32l476rg')).toMatch(/\| (mps2-an386|netduinoplus2) \|/);
    const first = answer({ ...m, recommendations: [part] })!;
    expect(first.columns[0].facts).toBe(`Cortex-M4, 168 MHz, ${price(part.price_band_usd)}, predicted from its QEMU twin netduinoplus2`);
    expect(answer(m)!.columns.every((c) => !c.facts.includes('twin'))).toBe(true);
  });
});

describe('secure-boot score', () => {
  const components = (kernels: string[]): Component[] => kernels.map((id, i) => ({
    facts: algorithmFacts(TEST_REGISTRY.find((k) => k.id === id)!), use: i === 0 ? 'firmware-signing' : 'hashing', role: 'single',
  }));
  const suiteKernels = (s: NonNullable<ReturnType<typeof secureBootSuite>>) => s.items.map((i) => i.kernel);

  it('uses a signature the product\'s policy accepts over its support window (not RSA-2048), and says so', () => {
    const s = secureBootSuite(results, cgm, ctx, 2026)!;
    expect(suiteKernels(s)).not.toContain('rsa-2048-pkcs1-verify');
    expect(evaluatePolicy(components(suiteKernels(s)), [2027, 2034], cgm.policy).acceptable).toBe(true);
    // The check above can fail: the same policy rejects EEMBC's RSA-2048 for this window.
    expect(evaluatePolicy(components(['rsa-2048-pkcs1-verify', 'sha256']), [2027, 2034], cgm.policy).acceptable).toBe(false);
    expect(s.title).toMatch(/the fastest signature the product's policy accepts \(NIST SP 800-57 Part 1 Rev\. 5, NIST IR 8547, 2027-2034\), not EEMBC's RSA-2048/);
  });

  it('without a product, uses what every shipped framework accepts for 15 years', () => {
    const s = secureBootSuite(results, undefined, ctx, 2026)!;
    const all = { frameworks: Object.keys(FRAMEWORKS) };
    expect(evaluatePolicy(components(suiteKernels(s)), [2026, 2040], all).acceptable).toBe(true);
    expect(s.title).toMatch(/every shipped framework accepts .*2026-2040/);
  });

  it('scores that suite on each board', () => {
    const m = model();
    const score = m.scores[0].scores.find((x) => x.suite === 'secure-boot')!;
    expect(score.score).toBeGreaterThan(0);
    expect(markdown(m)).toContain(score.title);
  });
});

describe('no device secret in any report', () => {
  it('results from an older build carry the UDS in their compiler flags: it is left out when read, reports never show it', () => {
    const uds = 'a5'.repeat(32);
    const old = makeResults({ board: 'mps2-an386' });
    old.conditions.cflags = `-mcpu=cortex-m4 -O2 -DCAPMARK_BOARD_ID="mps2-an386" -DCAPMARK_UDS="${uds}" -DCAPMARK_DEBUG_ENABLED=1`;
    const file = join(dir, 'old.json');
    writeFileSync(file, JSON.stringify(old));
    const r = readResults(file);
    expect(r.conditions.cflags).toBe('-mcpu=cortex-m4 -O2 -DCAPMARK_BOARD_ID="mps2-an386" -DCAPMARK_DEBUG_ENABLED=1');
    expect(r.notes?.join()).toMatch(/device secret \(-DCAPMARK_UDS\) of an older build: left out when read/);
    const out = join(dir, 'old-reports');
    writeReports([r], checkRequirements(cgm, [r], ctx), out, { ...ctx, profile: cgm, recommendations: recommend(cgm, catalogue, [r], ctx) });
    for (const f of readdirSync(out)) {
      const text = readFileSync(join(out, f), 'utf8');
      expect(text.includes(uds), f).toBe(false);
      expect(text.includes('CAPMARK_UDS='), f).toBe(false);
    }
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('left out when read');
  });
});
