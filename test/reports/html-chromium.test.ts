// report.html in real headless Chromium: it renders offline, logs no error, the filters work, it
// prints; a screenshot is kept in reports/out/test-artifacts/. Without Chromium: one line, skipped.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { loadSpec } from '../../specs/index.ts';
import type { Report } from '../../src/results/report.ts';
import { runAgainstMock } from '../support/run.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../../reports/out/test-artifacts/', import.meta.url).pathname;

/** Debian's chromium, installed when missing and we may (root with apt-get); else undefined. */
function chromiumPath(): string | undefined {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    try {
      execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'ignore', timeout: 300_000 });
    } catch {
      // falls through to the skip below
    }
  }
  if (existsSync(CHROMIUM)) return CHROMIUM;
  console.warn(`skipping the HTML report test: ${CHROMIUM} is missing and could not be installed (apt-get install chromium)`);
  return undefined;
}

const executablePath = chromiumPath();

/** A real run against the RingCentral mock with two faults: failures, passes and a fixture skip. */
async function sampleReport(): Promise<Report> {
  const spec = await loadSpec('ringcentral');
  const result = await runAgainstMock(spec, { faults: ['device-id-39-accepted', '500-on-bad-transport'], runs: 5, seed: 7, section: {} });
  result.requirements.push({ id: 'RC-EXAMPLE-SKIP', errorCode: 'CMN-402', title: 'a user without administrator permission is refused', level: 'MUST', source: 'example', operation: 'createSIPRegistration', verdict: 'skip', cases: 0, reason: 'needs fixture nonAdminToken', failures: [] });
  result.probes = [{ point: 'transport-case', title: 'lower-case transport names', source: 'inferred: the documents list upper-case names only', case: '/sipInfo/0/transport = "udp"', outcome: 'accepted', status: 200 }];
  return { tool: 'sip-conformance', seed: 7, runs: 5, startedAt: new Date().toISOString(), complete: true, specs: [result] };
}

describe.skipIf(!executablePath)('report.html in headless Chromium', () => {
  it('renders offline without console errors, filters by verdict, level, code and text, and prints', async () => {
    const report = await sampleReport();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.html');
    writeFileSync(file, renderHtml(report));
    const browser = await chromium.launch({
      executablePath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => !r.url().startsWith('file:') && problems.push(`network: ${r.url()}`));
      await page.goto(`file://${file}`);
      const rows = page.locator('tr.req');
      const visible = () => page.locator('tr.req:not(.hidden)').count();
      const all = report.specs[0]!.requirements;
      const failing = all.filter((r) => r.verdict === 'fail');
      expect(failing.length).toBeGreaterThanOrEqual(2);
      expect(await page.title()).toMatch(/^sip-conformance report: \d+ MUST failures; \d+ of \d+ requirements tested$/);
      expect(await rows.count()).toBe(all.length);
      expect(await page.locator('#f-count').textContent()).toBe(`${all.length} of ${all.length} requirements shown`);
      // The matrix: a red over-length cell for device.id that links to its failure.
      const cell = page.locator('table.matrix tr', { hasText: 'body /device/id' }).locator('td.cell.fail').first();
      await expect.poll(() => cell.count()).toBe(1);
      const href = await cell.locator('a').first().getAttribute('href');
      expect(await page.locator(href!).locator('pre').first().textContent()).toMatch(/^POST http:\/\/127\.0\.0\.1/);
      await page.screenshot({ path: join(ARTIFACTS, 'report-html.png'), fullPage: false });

      await page.selectOption('#f-verdict', 'fail');
      expect(await visible()).toBe(failing.length);
      expect(await page.locator('section.detail:not(.hidden)').count()).toBe(failing.length);
      await page.selectOption('#f-verdict', 'skip');
      expect(await visible()).toBe(1);
      await page.selectOption('#f-verdict', '');
      await page.selectOption('#f-code', 'SPR-114');
      expect(await visible()).toBe(all.filter((r) => r.errorCode === 'SPR-114').length);
      await page.selectOption('#f-code', '');
      await page.selectOption('#f-level', 'SHOULD');
      expect(await visible()).toBe(all.filter((r) => r.level === 'SHOULD').length);
      await page.selectOption('#f-level', '');
      await page.fill('#f-text', 'rc-transport-value');
      expect(await visible()).toBe(1);
      expect(await page.locator('table.code:not(.hidden)').count()).toBe(1);
      await page.fill('#f-text', '');
      expect(await visible()).toBe(all.length);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.filters').isVisible()).toBe(false);
      expect((await page.pdf()).length).toBeGreaterThan(10_000);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
