// Each format from one synthetic report: schema-valid JSON, JUnit a JUnit parser reads, Markdown, the matrix.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { FORMATS, parseFormats, writeReports } from '../../reports/index.ts';
import { renderJunit } from '../../reports/junit.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { cellKey, matrixOf } from '../../reports/matrix.ts';
import type { Report } from '../../src/results/report.ts';
import { failure, report, requirement, specReport, validReport } from '../support/report.ts';
import { scratch } from '../support/files.ts';

const sample = (): Report => {
  const r = report(
    requirement('pass', { id: 'RC-OK', covers: [{ location: 'body', path: '/device/id', keyword: 'pattern' }], durationMs: 12, requests: 4 }),
    requirement('fail', { id: 'RC-LEN', covers: [{ location: 'body', path: '/device/id', keyword: 'maxLength' }], failures: [failure({ actual: { status: 200, body: 'bad \u0001 <xml> & "quotes"' } })], durationMs: 30, requests: 9 }),
    requirement('warn', { id: 'RC-CODE', errorCode: 'CMN-101', level: 'SHOULD', covers: [{ location: 'body', path: '/sipInfo/*/transport', keyword: 'enum' }], failures: [failure({ level: 'SHOULD' })] }),
    requirement('skip', { id: 'RC-FIX', errorCode: 'CMN-402', reason: 'needs fixture nonAdminToken', covers: [{ location: 'fixture', path: 'nonAdminToken', keyword: 'fixture' }] }),
  );
  r.specs[0]!.probes = [{ point: 'proxy-case', title: 'upper-case SIP: scheme', source: 'inferred', case: '/proxy = "SIP:x"', outcome: 'accepted', status: 200 }];
  r.specs.push(specReport('voximplant', requirement('pass', { id: 'VOX-OK', level: 'SHOULD' })));
  return r;
};

const parseJunit = (xml: string) => {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(xml);
  return doc.testsuites as { tests: string; failures: string; skipped: string; testsuite: { name: string; tests: string; failures: string; skipped: string; testcase: Record<string, unknown>[] }[] };
};

describe('report formats', () => {
  it('writes every format by default; report.json has totals per spec and overall, the MUST/SHOULD split, and matches its schema', () => {
    const { dir } = scratch('formats');
    const files = writeReports(dir, sample());
    expect(files.map((f) => f.slice(dir.length + 1))).toEqual(['report.json', 'junit.xml', 'report.html', 'report.md']);
    const data = validReport(dir);
    expect(data.totals).toMatchObject({ total: 5, pass: 2, fail: 1, warn: 1, skip: 1, must: { total: 3, pass: 1, fail: 1, skip: 1 }, should: { total: 2, pass: 1, warn: 1 }, requests: 13, durationMs: 42 });
    expect(data.specs[0]!.totals).toMatchObject({ total: 4, mustScore: 0.5 });
    expect(data.specs[0]!.probes).toHaveLength(1);
    expect(data.schemaVersion).toBe(2);
  });

  it('the schema rejects what is not a report (a check that can fail)', async () => {
    const { reportErrors } = await import('../../src/results/report-file.ts');
    const { renderJson } = await import('../../reports/json.ts');
    const good = JSON.parse(renderJson(sample()));
    expect(reportErrors(good)).toBeUndefined();
    expect(reportErrors({ ...good, schemaVersion: 3 })).toMatch(/schemaVersion/);
    expect(reportErrors({ ...good, schemaVersion: 1 })).toMatch(/^\/specs\/0 /);
    good.specs[0].requirements[0].verdict = 'maybe';
    expect(reportErrors(good)).toMatch(/verdict/);
  });

  it('--format takes a comma list and names the known formats on a typo', () => {
    expect(parseFormats('junit, md')).toEqual(['junit', 'md']);
    expect(parseFormats(undefined)).toEqual(FORMATS);
    expect(() => parseFormats('json,pdf')).toThrow('--format: unknown format "pdf" (known: json, junit, html, md)');
  });

  it('junit.xml parses: a testsuite per spec, testcases named [LEVEL] CODE ID: title, only MUST failures as <failure>, skips with reason', () => {
    const suites = parseJunit(renderJunit(sample()));
    expect(suites).toMatchObject({ tests: '5', failures: '1', skipped: '1' });
    expect(suites.testsuite.map((s) => s.name)).toEqual(['ringcentral', 'voximplant']);
    const cases = suites.testsuite[0]!.testcase;
    const byName = (prefix: string) => cases.find((c) => String(c.name).startsWith(prefix))!;
    expect(cases.map((c) => c.name)).toContain('[MUST] SPR-114 RC-LEN: t');
    expect(byName('[MUST] SPR-114 RC-LEN')).toHaveProperty('failure');
    expect(String((byName('[MUST] SPR-114 RC-LEN').failure as Record<string, string>)['#text'])).toContain('bad \ufffd <xml> & "quotes"');
    const warn = byName('[SHOULD] CMN-101 RC-CODE');
    expect(warn).not.toHaveProperty('failure');
    expect(String(warn['system-out'])).toMatch(/^WARN \(SHOULD\)/);
    expect(byName('[MUST] CMN-402 RC-FIX').skipped).toMatchObject({ message: 'needs fixture nonAdminToken' });
    expect(cases.filter((c) => 'failure' in c)).toHaveLength(1);
  });

  it('junit.xml reports a spec that could not run as an error', () => {
    const r = sample();
    r.specs[1]!.error = 'login refused <401>';
    const suites = parseJunit(renderJunit(r));
    expect(suites.testsuite[1]).toMatchObject({ errors: '1' });
    expect(suites.testsuite[1]!.testcase.at(-1)).toMatchObject({ name: 'spec setup', error: { message: 'login refused <401>' } });
  });

  it('report.md: summary table, failures and warnings collapsed with their counterexample, skips, probes', () => {
    const md = renderMarkdown(sample());
    expect(md).toMatch(/^## sip-conformance: 1 MUST failure; 4 of 5 requirements tested$/m);
    expect(md).toContain('| ringcentral | mock | 1 | 1 | 1 | 1 | 50.0% |');
    expect(md).toContain('| **all** | | 2 | 1 | 1 | 1 | 50.0% |');
    expect(md).toMatch(/<details><summary>FAIL \(MUST\) ringcentral \[MUST\] SPR-114 RC-LEN: t<\/summary>[\s\S]*?```text\ncase:     device\.id of 39 digits\nexpected: status 400\nactual:   200 bad[\s\S]*?curl -X POST[\s\S]*?<\/details>/);
    expect(md).toMatch(/<summary>WARN \(SHOULD\) ringcentral \[SHOULD\] CMN-101 RC-CODE: t<\/summary>/);
    expect(md).toContain('- RC-FIX: needs fixture nonAdminToken');
    expect(md).toContain('| proxy-case | /proxy = "SIP:x" | accepted | 200 |  |');
  });

  it('the field x violation matrix: rows are fields, columns violation kinds, cells the worst verdict', () => {
    const m = matrixOf(sample().specs[0]!);
    expect(m.rows).toEqual(['body /device/id', 'body /sipInfo/*/transport', 'fixture nonAdminToken']);
    expect(m.kinds).toEqual(['over-length', 'enum', 'pattern', 'fixture']);
    expect(m.cells.get(cellKey('body /device/id', 'over-length'))).toMatchObject({ verdict: 'fail' });
    expect(m.cells.get(cellKey('body /device/id', 'pattern'))).toMatchObject({ verdict: 'pass' });
    expect(m.cells.get(cellKey('body /sipInfo/*/transport', 'enum'))).toMatchObject({ verdict: 'warn' });
    expect(m.cells.get(cellKey('fixture nonAdminToken', 'fixture'))).toMatchObject({ verdict: 'skip' });
  });

  it("a file spec's matrix has a row per parameter (location and name) and per body field", () => {
    const at = (path: string, keyword: string) => ({ location: 'request' as const, path, keyword });
    const spec = report(
      requirement('pass', { id: 'A', covers: [at('/query/limit', 'maximum'), at('/path/petId', 'type')] }),
      requirement('fail', { id: 'B', covers: [at('/header/X-Trace', 'pattern'), at('/body/tags/*', 'maxLength'), at('/body', 'required')] }),
      requirement('pass', { id: 'C', covers: [{ location: 'auth', path: '', keyword: 'missing' }] }),
    ).specs[0]!;
    const m = matrixOf(spec);
    expect(m.rows).toEqual(['body /', 'body /tags/*', 'header X-Trace', 'path petId', 'query limit', 'auth']);
    expect(m.cells.get(cellKey('query limit', 'range'))).toMatchObject({ verdict: 'pass' });
    expect(m.cells.get(cellKey('header X-Trace', 'pattern'))).toMatchObject({ verdict: 'fail' });
  });

  it('lists a requirement once in a cell its covers and its failures both reach, after the ones before it', () => {
    const len = { location: 'body' as const, path: '/device/id', keyword: 'maxLength' };
    const a = requirement('pass', { id: 'A', covers: [len] });
    const b = requirement('fail', { id: 'B', covers: [len, len], failures: [failure({ violations: [len] })] });
    const c = requirement('pass', { id: 'C', covers: [len] });
    const cell = matrixOf(report(a, b, c).specs[0]!).cells.get(cellKey('body /device/id', 'over-length'))!;
    expect(cell.requirements.map((r) => r.id)).toEqual(['A', 'B', 'C']);
    expect(cell.verdict).toBe('fail');
  });
});
