// Headlines that say what was tested, and request counts from one source in every format.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { renderJson } from '../../reports/json.ts';
import { renderJunit } from '../../reports/junit.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { reportErrors } from '../../src/results/report-file.ts';
import type { Report } from '../../src/results/report.ts';
import { report, requirement, specReport } from '../support/report.ts';

const mdHeadline = (r: Report) => /^## sip-conformance: (.*)$/m.exec(renderMarkdown(r))![1];
const htmlHeadline = (r: Report) => /<h1>sip-conformance report: (.*)<\/h1>/.exec(renderHtml(r))![1];
const passes = (n: number) => Array.from({ length: n }, (_, i) => requirement('pass', { id: `R-${i}` }));

describe('headlines say what was tested', () => {
  it('a complete run: every MUST met only when it tested all it selected', () => {
    expect(mdHeadline(report(...passes(3)))).toBe('every MUST requirement met; 3 of 3 requirements tested');
    expect(mdHeadline(report(...passes(2), requirement('skip', { id: 'S' })))).toBe('every tested MUST requirement met; 2 of 3 requirements tested');
    expect(mdHeadline(report(requirement('fail'), ...passes(1)))).toBe('1 MUST failure; 2 of 2 requirements tested');
  });

  it('a run whose login was refused names the spec first and never says every MUST met', () => {
    const refused: Report = { ...report(), complete: false, specs: [{ ...specReport('basip-android'), planned: 21, error: 'login refused: 401' }] };
    for (const headline of [mdHeadline(refused), htmlHeadline(refused)]) {
      expect(headline).toBe('basip-android could not run; incomplete run: nothing tested; 0 of 21 requirements tested');
    }
    expect(renderJunit(refused)).toContain('name="sip-conformance seed 42: basip-android could not run; incomplete run: nothing tested; 0 of 21 requirements tested"');
  });

  it('a run stopped after 11 of 114 requirements is incomplete', () => {
    const stopped: Report = { ...report(...passes(11)), complete: false };
    stopped.specs[0]!.planned = 114;
    expect(mdHeadline(stopped)).toBe('incomplete run: no MUST failure in what ran; 11 of 114 requirements tested');
    expect(htmlHeadline(stopped)).toBe(mdHeadline(stopped));
    expect(reportErrors(JSON.parse(renderJson(stopped)))).toBeUndefined();
  });
});

describe('request counts from one source', () => {
  it('the transport count is the spec total in JSON, HTML, Markdown and JUnit', () => {
    const r = report(requirement('pass', { id: 'A', requests: 500 }), requirement('pass', { id: 'B', requests: 55 }));
    r.specs[0]!.transport = { requests: 1437, staleRetries: 0, rateLimitWaits: 0, waitedMs: 0, reauthentications: 0, overBudget: 0 };
    const json = JSON.parse(renderJson(r)) as Report;
    expect(json.specs[0]!.totals!.requests).toBe(1437);
    expect(json.totals!.requests).toBe(1437);
    expect(renderHtml(r)).toContain('<div class="stat "><b>1437</b><span>requests</span></div>');
    expect(renderMarkdown(r)).toMatch(/^\| ringcentral \| mock \| 2 \| 0 \| 0 \| 0 \| 100\.0% \| 1437 \|$/m);
    const junit = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(renderJunit(r));
    expect(junit.testsuites.testsuite.properties.property).toContainEqual({ name: 'requests', value: '1437' });
  });

  // A composite requirement counts its parts' requests (Voximplant): test/reports/round-trip.test.ts
  // reads it from the report of its run of every bundled spec.
});
