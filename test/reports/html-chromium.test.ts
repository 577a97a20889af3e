// report.html in real headless Chromium: it renders offline, logs no error, the filters work, long
// values wrap (no horizontal scroll at 1400 px), it prints; a screenshot is kept in
// reports/out/test-artifacts/. `.ci/run` installs Debian's chromium when it is missing; under CI=true
// a missing Chromium fails this test, elsewhere it is skipped with one line.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { writeReports } from '../../reports/index.ts';
import { loadSpec } from '../../specs/index.ts';
import type { Report } from '../../src/results/report.ts';
import { report as reportOf, requirement } from '../support/report.ts';
import { runAgainstMock } from '../support/run.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = new URL('../../reports/out/test-artifacts/', import.meta.url).pathname;
const ON_CI = process.env.CI === 'true';

/** Debian's chromium; missing: a failure under CI (the browser test must run there), else a skip with one line. */
function chromiumPath(): string | undefined {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  if (!ON_CI) console.warn(`skipping the HTML report test: ${CHROMIUM} is missing (apt-get install chromium; .ci/run installs it)`);
  return undefined;
}

const executablePath = chromiumPath();

/** A real run against the RingCentral mock with two faults: failures, passes and a fixture skip. */
async function sampleReport(): Promise<Report> {
  const spec = await loadSpec('ringcentral');
  const result = await runAgainstMock(spec, { faults: ['device-id-39-accepted', '500-on-bad-transport'], runs: 5, seed: 7, section: {} });
  result.requirements.push({ id: 'RC-EXAMPLE-SKIP', errorCode: 'CMN-402', title: 'a user without administrator permission is refused', level: 'MUST', source: 'example', operation: 'createSIPRegistration', verdict: 'skip', cases: 0, reason: 'needs fixture nonAdminToken', failures: [] });
  result.probes = [
    { point: 'transport-case', title: 'lower-case transport names', source: 'inferred: the documents list upper-case names only', case: '/sipInfo/0/transport = "udp"', outcome: 'accepted', status: 200 },
    // A long value with no place to break: it must wrap, not widen the page.
    { point: 'long-value', title: 'a very long device id', source: 'inferred', case: `/device/id = "${'7'.repeat(1000)}"`, outcome: 'rejected', status: 400, observed: 'x'.repeat(1000) },
  ];
  const failed = result.requirements.find((r) => r.failures.length)!.failures[0]!;
  failed.actual = { ...failed.actual, body: `{"message":"${'y'.repeat(1000)}"}` };
  return { tool: 'sip-conformance', seed: 7, runs: 5, startedAt: new Date().toISOString(), complete: true, specs: [result] };
}

/**
 * A large document as its report shows it: 11 requirements an operation, one failure (operation 123).
 * 300 operations show what 3,000 would (each operation collapsed, a matrix cell capped); how fast a
 * 3,000-operation run and its reports are is the bench's (`npm run bench`).
 */
const OPERATIONS = 300;
const REQUIREMENTS = OPERATIONS * 11;
function largeReport(): Report {
  const covers = [{ location: 'request' as const, path: '/path/id', keyword: 'type' }];
  const requirements = Array.from({ length: REQUIREMENTS }, (_, i) => {
    const op = Math.floor(i / 11);
    return requirement(op === 123 && i % 11 === 3 ? 'fail' : 'pass', { id: `OP${op}-R${i % 11}`, operation: `getItem${op}`, title: `GET /r${op}/items/{id}: check ${i % 11}`, source: `large.json: getItem${op} documents 400 for invalid requests`, covers });
  });
  return reportOf(...requirements);
}

/** One browser for both pages (a Chromium start is about a second of CPU), started by the first test that asks. */
let browser: Promise<Browser> | undefined;
const launch = () =>
  (browser ??= chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  }));
afterAll(async () => {
  await (await browser)?.close();
});

describe('report.html in headless Chromium', () => {
  it.runIf(ON_CI && !executablePath)('CI=true: Chromium must be there for this test (.ci/run installs it)', () => {
    expect.fail(`${CHROMIUM} is missing under CI=true: the browser test would not run (apt-get update && apt-get install -y chromium)`);
  });

  it.runIf(!!executablePath)('renders offline without console errors, filters by verdict, level, code and text, wraps long values, and prints', async () => {
    const report = await sampleReport();
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'report.html');
    writeFileSync(file, renderHtml(report));
    const page = await (await launch()).newPage({ viewport: { width: 1400, height: 900 } });
    try {
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
      // 1000 characters without a break (a probe value, a response body) wrap: no horizontal scroll.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1400);

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
      await page.close();
    }
  });

  it.runIf(!!executablePath)('a document of 300 operations (3,300 requirements): collapsed per operation, the failing one open, filters and links reach a closed one', async () => {
    const report = largeReport();
    const dir = join(ARTIFACTS, 'large');
    writeReports(dir, report, ['html']);
    const page = await (await launch()).newPage({ viewport: { width: 1400, height: 900 } });
    try {
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`file://${join(dir, 'report.html')}`, { timeout: 300_000 });
      expect(await page.locator('#f-count').textContent()).toBe(`${REQUIREMENTS} of ${REQUIREMENTS} requirements shown`);
      expect(await page.locator('details.op').count()).toBe(OPERATIONS);
      expect(await page.locator('details.op[open] summary').allTextContents()).toEqual(['getItem123: 1 FAIL (MUST), 10 PASS']);
      // The matrix cell every operation shares: its failure first, the rest counted, not a link per requirement.
      const cell = page.locator('table.matrix td.cell.fail');
      expect(await cell.locator('a').count()).toBe(12);
      expect(await cell.locator('.more').textContent()).toBe(`+${REQUIREMENTS - 12} more`);
      await page.fill('#f-text', 'op299-r7');
      expect(await page.locator('tr.req:not(.hidden)').count()).toBe(1);
      expect(await page.locator('details.op:not(.hidden)').count()).toBe(1);
      await page.fill('#f-text', '');
      // A link to a requirement of a closed operation opens it.
      await page.goto(`file://${join(dir, 'report.html')}#req-ringcentral-OP42-R5`, { timeout: 300_000 });
      await expect.poll(() => page.locator('details.op[open] summary').allTextContents()).toContain('getItem42: 11 PASS');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
