// The HTML report in headless Chromium (Debian's, through playwright-core): it renders offline,
// every chart is there with content, the console stays clean, and a screenshot is taken.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { loadCatalogue } from '../../profiler/catalogue/index.ts';
import { checkRequirements, loadRequirementProfile, recommend } from '../../profiler/verdict/index.ts';
import { profilePath } from '../../profiler/commands/verdicts.ts';
import { writeReports } from '../../profiler/report/index.ts';
import { makeResults, TEST_REGISTRY } from '../support/results-fixture.ts';
import { boardsWith } from '../support/verdict-fixture.ts';
import { tempDir } from '../support/tmp.ts';

const CHROMIUM = '/usr/bin/chromium';
const dir = tempDir('browser');
let browser: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: install Debian's chromium to run the browser test`);
  // A fresh profile directory each run (playwright passes it as --user-data-dir).
  browser = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => { await browser?.close(); });

describe('HTML report in Chromium', () => {
  it('renders every chart offline without console errors and takes a screenshot', async () => {
    const catalogue = loadCatalogue();
    const results = [makeResults({ board: 'mps2-an386' }), makeResults({ board: 'mps2-an505', core: 'cortex-m33', scale: 0.95 })];
    const ctx = { registry: TEST_REGISTRY, boards: boardsWith(), catalogue };
    const profile = loadRequirementProfile(profilePath('ble-cgm'));
    const verdicts = checkRequirements(profile, results, ctx);
    const recommendations = recommend(profile, catalogue, results, ctx);
    const paths = writeReports(results, verdicts, join(dir, 'out'), { ...ctx, recommendations });

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
    await page.goto(pathToFileURL(paths.html).href, { waitUntil: 'load' });

    expect(await page.title()).toBe('capmark report');
    for (const id of ['chart-cost', 'chart-symmetric', 'chart-energy', 'chart-matrix', 'chart-price', 'chart-securemark']) {
      const box = await page.locator(`svg#${id}`).boundingBox();
      expect(box, id).not.toBeNull();
      expect(box!.width * box!.height, id).toBeGreaterThan(10_000);
    }
    expect(await page.locator('#chart-cost rect').count()).toBeGreaterThan(20);
    const cells = await page.locator('#chart-matrix rect.cell').count();
    expect(cells).toBe(verdicts.length);
    expect(await page.locator('#chart-price circle').count()).toBe(catalogue.length);
    expect(await page.locator('td.pass, td.fail').count()).toBeGreaterThan(0);

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(20_000);
    expect(problems).toEqual([]);
    await page.close();
  });
});
