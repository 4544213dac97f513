// The HTML report in headless Chromium (Debian's, through playwright-core): it renders offline
// with a clean console; its first screen (1280x800) names the product, its policy and support
// window, and the parts to buy with the algorithm and time per need, before the emulated boards;
// every chart has axes with ticks and units and a legend beside the data, and every bar and point
// sits at its value; the why columns show every reason, uncut; a twin board names its real part.
// A screenshot of the first screen is kept for review when CAPMARK_SCREENSHOT names a file.
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { loadCatalogue } from '../../profiler/catalogue/index.ts';
import { checkRequirements, loadRequirementProfile, recommend, type Recommendation, type Verdict } from '../../profiler/verdict/index.ts';
import { profilePath } from '../../profiler/commands/verdicts.ts';
import { buildModel, writeReports } from '../../profiler/report/index.ts';
import { rankingRow, whyCell } from '../../profiler/report/cells.ts';
import { KERNELS } from '../../profiler/kernels/index.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const CHROMIUM = '/usr/bin/chromium';
const VIEWPORT = { width: 1280, height: 800 };
const dir = tempDir('browser');
let browser: BrowserContext;
let page: Page;
const problems: string[] = [];
const catalogue = loadCatalogue();
const profile = loadRequirementProfile(profilePath('ble-cgm'));
let verdicts: Verdict[];
let recs: Recommendation[];
let rankingWhys: string[];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium to run the browser test`);
  // Three measured boards: the reference, one without signature kernels (its verdicts fail with
  // long reasons) and QEMU's twin of a real SoC at that SoC's clock.
  const signatures = KERNELS.filter((k) => k.kind === 'signature').map((k) => k.id).concat(['ecdsa-p256', 'ed25519', 'ml-dsa-44']);
  const twin = makeResults({ board: 'netduinoplus2', clock_hz: 168e6 });
  twin.conditions.twin_of = 'stm32f405rg';
  const results = [makeResults({ board: 'mps2-an386' }), makeResults({ board: 'mps2-an505', core: 'cortex-m33', scale: 0.95, omit: signatures }), twin];
  const ctx = { registry: TEST_REGISTRY, boards: boardsWith(), catalogue };
  verdicts = checkRequirements(profile, results, ctx);
  recs = recommend(profile, catalogue, results, ctx);
  const boards = buildModel(results, verdicts, { ...ctx, profile, recommendations: recs }).boards;
  rankingWhys = recs.map((r, i) => rankingRow(r, i, boards).at(-1)!);
  const paths = writeReports(results, verdicts, join(dir, 'out'), { ...ctx, profile, recommendations: recs });
  // A fresh profile directory each run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, viewport: VIEWPORT,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
  await page.goto(pathToFileURL(paths.html).href, { waitUntil: 'load' });
}, 60_000);
afterAll(async () => { await browser?.close(); });

const box = async (selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  expect(b, selector).not.toBeNull();
  return b!;
};

describe('HTML report in Chromium', () => {
  it('renders every chart offline without console errors', async () => {
    expect(await page.title()).toBe(`${profile.name}: capmark report`);
    for (const id of ['chart-parts', 'chart-needs', 'chart-price', 'chart-matrix', 'chart-cost', 'chart-symmetric', 'chart-energy', 'chart-securemark']) {
      const b = await box(`svg#${id}`);
      expect(b.width * b.height, id).toBeGreaterThan(10_000);
    }
    expect(await page.locator('#chart-cost rect.bar').count()).toBeGreaterThan(20);
    expect(await page.locator('#chart-matrix rect.cell').count()).toBe(verdicts.length);
    expect(await page.locator('#chart-price circle.point').count()).toBe(catalogue.length);
    expect(await page.locator('td.pass, td.fail').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it('the first screen names the product, its policy and support window, and the top parts with the algorithm and time per need', async () => {
    const fits = async (selector: string) => { const b = await box(selector); expect(b.y + b.height, `${selector} within the first screen`).toBeLessThanOrEqual(VIEWPORT.height); };
    expect(await page.locator('h1').first().innerText()).toBe(profile.name);
    await fits('h1');
    const facts = await page.locator('#product dl.facts').innerText();
    expect(facts).toMatch(/ships\s+2027/);
    expect(facts).toMatch(/supported\s+2027–2034 \(8 years\)/);
    expect(facts).toMatch(/policy\s+NIST SP 800-57 Part 1 Rev\. 5, NIST IR 8547/);
    await fits('#product dl.facts');
    const top = recs.filter((r) => r.status === 'pass').slice(0, 3);
    expect(top.length).toBe(3);
    expect(await page.locator('th.part[data-rank]').allInnerTexts()).toEqual(top.map((r) => expect.stringContaining(r.name)));
    for (const [i, r] of top.entries()) {
      const th = page.locator(`th.part[data-rank="${recs.indexOf(r) + 1}"]`);
      expect(await th.innerText()).toContain(r.name);
      await fits(`th.part[data-rank="${recs.indexOf(r) + 1}"]`);
      for (const n of profile.needs) {
        const s = r.needs.find((x) => x.need === n.id)!;
        const cell = page.locator('table.compare tbody tr', { hasText: n.id }).first().locator('td').nth(i);
        const text = await cell.innerText();
        if (n.kind === 'hardware') { expect(text, `${r.board} ${n.id}`).toMatch(/on chip \(datasheet\)/); continue; }
        expect(text, `${r.board} ${n.id}`).toContain(s.algorithm!);
        expect(text, `${r.board} ${n.id}`).toMatch(/ (ms|kB\/s) \(-[\d.]+\/\+[\d.]+%\)/);
        const b = await cell.boundingBox();
        expect(b!.y + b!.height, `${r.board} ${n.id} within the first screen`).toBeLessThanOrEqual(VIEWPORT.height);
      }
    }
    await fits('table.compare');
    await fits('#answer .rejected li');
    // The emulated boards come after the catalogue answer, as the measurement basis.
    expect((await box('#ranking')).y).toBeGreaterThan((await box('table.compare')).y);
    expect((await box('#basis')).y).toBeGreaterThan((await box('#ranking')).y);
    expect(await page.locator('#basis').innerText()).toMatch(/Measurement basis/);

    const shot = join(dir, 'first-screen.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    if (process.env.CAPMARK_SCREENSHOT) copyFileSync(shot, process.env.CAPMARK_SCREENSHOT);
  });

  it('every chart has axes with ticks and a unit, and its legend beside the data', async () => {
    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((svg) => {
      const rect = (el: Element) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
      const marks = [...svg.querySelectorAll('rect.bar, rect.cell, circle.point')].map(rect);
      return {
        id: svg.id,
        ticks: [...svg.querySelectorAll('.axis .tick')].map((t) => ({ value: Number(t.getAttribute('data-value')), label: t.querySelector('text')?.textContent ?? '' })),
        axisTitles: [...svg.querySelectorAll('.axis-title')].map((t) => t.textContent ?? ''),
        legend: svg.querySelector('.legend') ? rect(svg.querySelector('.legend')!) : undefined,
        legendEntries: svg.querySelectorAll('.legend text').length,
        data: { left: Math.min(...marks.map((m) => m.left)), right: Math.max(...marks.map((m) => m.right)), top: Math.min(...marks.map((m) => m.top)), bottom: Math.max(...marks.map((m) => m.bottom)) },
      };
    }));
    expect(charts.length).toBe(8);
    for (const c of charts) {
      expect(c.legend, `${c.id} legend`).toBeDefined();
      expect(c.legendEntries, c.id).toBeGreaterThan(0);
      // Beside: to the right of the data, starting within its height.
      expect(c.legend!.left, `${c.id} legend right of the data`).toBeGreaterThanOrEqual(c.data.right);
      expect(c.legend!.top, `${c.id} legend level with the data`).toBeLessThan(c.data.bottom);
      expect(c.legend!.top, c.id).toBeGreaterThanOrEqual(c.data.top - 20);
      if (c.id === 'chart-parts' || c.id === 'chart-matrix') continue;   // status grids: rows and columns are labels, not axes
      const numeric = c.ticks.filter((t) => !Number.isNaN(t.value));
      expect(numeric.length, `${c.id} ticks`).toBeGreaterThanOrEqual(3);
      expect(numeric.every((t) => t.label.trim().length > 0), c.id).toBe(true);
      expect(c.axisTitles.join(' '), `${c.id} axis title with a unit`).toMatch(/\((ms|µs|µJ|%|handshakes per 1000 s of CPU time|USD, catalogue data)\)/);
      if (c.axisTitles.join(' ').includes('log scale')) {
        const v = numeric.map((t) => t.value);
        for (let i = 1; i < v.length; i++) expect(v[i] / v[i - 1], `${c.id} decade ticks`).toBeCloseTo(10, 6);
      }
    }
    expect(charts.filter((c) => c.axisTitles.join(' ').includes('log scale')).length).toBeGreaterThan(0);
  });

  it('every bar and point sits at its value on its axis, and no two price labels overlap', async () => {
    const off = await page.$$eval('svg.chart', (svgs) => svgs.flatMap((svg) => {
      const ticks = [...svg.querySelectorAll('.axis .tick[data-value]')].map((t) => {
        const line = t.querySelector('line')!;
        return { v: Number(t.getAttribute('data-value')), x: Number(line.getAttribute('x1')), y: Number(line.getAttribute('y1')) };
      }).sort((a, b) => a.v - b.v);
      if (ticks.length < 2) return [];
      const log = (svg.querySelector('.axis-title')?.textContent ?? '').includes('log scale');
      const f = (v: number) => (log ? Math.log10(v) : v);
      /** Axis position of v from the two ticks around it (the axis as the reader reads it). */
      const at = (v: number, key: 'x' | 'y') => {
        let i = ticks.findIndex((t) => t.v >= v);
        if (i <= 0) i = 1;
        const a = ticks[i - 1], b = ticks[i];
        return a[key] + ((f(v) - f(a.v)) / (f(b.v) - f(a.v))) * (b[key] - a[key]);
      };
      const bars = [...svg.querySelectorAll('rect.bar')].filter((r) => Number(r.getAttribute('data-value')) >= ticks[0].v).map((r) => {
        const v = Number(r.getAttribute('data-value'));
        return { id: svg.id, v, error: Number(r.getAttribute('x')) + Number(r.getAttribute('width')) - at(v, 'x') };
      });
      const points = [...svg.querySelectorAll('circle.point')].map((c) => {
        const v = Number(c.getAttribute('data-value'));
        return { id: svg.id, v, error: Number(c.getAttribute('cy')) - at(v, 'y') };
      });
      return [...bars, ...points].filter((m) => Math.abs(m.error) > 0.6);
    }));
    expect(off).toEqual([]);
    expect(await page.locator('#chart-price circle.point').count()).toBe(catalogue.length);

    const overlaps = await page.$$eval('#chart-price text.value', (texts) => {
      const boxes = texts.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
      const out: string[] = [];
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
        if (a.r.left < b.r.right && b.r.left < a.r.right && a.r.top < b.r.bottom && b.r.top < a.r.bottom) out.push(`${a.text} / ${b.text}`);
      }));
      return out;
    });
    expect(overlaps).toEqual([]);
  });
  it('the verdict and ranking tables show every reason in their why column, uncut and unclipped', async () => {
    const why = (table: string) => page.$$eval(table, (tables) => {
      const t = tables[0];
      const col = [...t.querySelectorAll('thead th')].findIndex((th) => th.textContent === 'why');
      return [...t.querySelectorAll('tbody tr')].map((tr) => {
        const td = tr.querySelectorAll('td')[col] as HTMLElement;
        const style = getComputedStyle(td);
        return { text: td.innerText.trim(), clipped: td.scrollWidth > td.clientWidth + 1 || td.scrollHeight > td.clientHeight + 1 || style.textOverflow === 'ellipsis' };
      });
    });
    const verdictTable = await why('h3:has-text("Their verdicts") + table');
    expect(verdictTable.map((c) => c.text)).toEqual(verdicts.map((v) => whyCell(v)));
    expect(verdictTable.filter((c) => c.clipped)).toEqual([]);
    expect(Math.max(...verdictTable.map((c) => c.text.length)), 'long reasons in the fixture').toBeGreaterThan(120);
    for (const [i, v] of verdicts.entries()) for (const r of v.status === 'pass' ? [] : v.reasons) expect(verdictTable[i].text).toContain(r);
    const ranking = await why('#ranking + p + table');
    expect(ranking.map((c) => c.text)).toEqual(rankingWhys);
    expect(ranking.filter((c) => c.clipped)).toEqual([]);
    expect(await page.locator('td', { hasText: /…|\.\.\.$/ }).count(), 'no cell ends cut').toBe(0);
  });

  it('the price chart has a legend for status and radio; a twin board names its real part', async () => {
    const legend = await page.locator('#chart-price .legend text').allTextContents();
    expect(legend).toEqual(['PASS', 'FAIL', 'INCOMPLETE', 'hollow: lacks the product\'s radio']);
    expect(await page.locator('#chart-price circle.point[fill="#fff"]').count()).toBe(recs.filter((r) => r.radio_match === false).length);
    const basisRow = await page.locator('#basis ~ table tr', { hasText: 'netduinoplus2' }).first().innerText();
    expect(basisRow).toContain('Cortex-M4 emulated in QEMU, 168 MHz, twin of the real ST STM32F405RG');
    const partRow = await page.locator('#ranking ~ table tr', { hasText: '[stm32f405rg]' }).first().innerText();
    expect(partRow).toContain('netduinoplus2 (its QEMU twin)');
  });
});
