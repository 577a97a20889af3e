// Reports of a document of hundreds of operations stay usable: the HTML lists requirements per
// operation, collapsed unless something in it did not pass, and a matrix cell links a few of its
// requirements; report.json is one line per requirement and writes what requirements repeat once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CELL_LINKS, COLLAPSE_OVER, renderHtml } from '../../reports/html.ts';
import { renderJson } from '../../reports/json.ts';
import { readReport, reportErrors } from '../../src/results/report-file.ts';
import { unpackReport } from '../../src/results/report-form.ts';
import { withTotals } from '../../src/results/report.ts';
import { report, requirement } from '../support/report.ts';

const covers = [{ location: 'request' as const, path: '/path/id', keyword: 'type' }];
const requirements = (n: number) =>
  Array.from({ length: n }, (_, i) => requirement(i === 7 ? 'fail' : 'pass', { id: `R-${i}`, operation: `op${Math.floor(i / 3)}`, title: 'path parameter id breaking type is rejected', source: `doc.json: op${Math.floor(i / 3)} documents 400`, covers }));
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('reports of many requirements', () => {
  it('HTML: past COLLAPSE_OVER, one collapsed section per operation; the one with a failure open', () => {
    const html = renderHtml(report(...requirements(COLLAPSE_OVER + 1)));
    expect(html.match(/<details class="op"/g)).toHaveLength(Math.ceil((COLLAPSE_OVER + 1) / 3));
    expect(html.match(/<details class="op" open><summary>([^<]*)</g)).toEqual(['<details class="op" open><summary>op2: 1 FAIL (MUST), 2 PASS<']);
    expect(renderHtml(report(...requirements(COLLAPSE_OVER)))).not.toContain('<details class="op"');
  });

  it('HTML: a matrix cell that every operation shares links its worst requirements and counts the rest', () => {
    const html = renderHtml(report(...requirements(40)));
    const cell = /<td class="cell fail"[^>]*>(.*?)<\/td>/.exec(html)![1]!;
    expect(cell.match(/<a /g)).toHaveLength(CELL_LINKS);
    expect(cell).toMatch(/^<a href="#req-ringcentral-R-7"/);
    expect(cell).toContain(`+${40 - CELL_LINKS} more`);
  });

  it('JSON: the same report, each requirement on a line of its own, titles, sources and covers written once', () => {
    const r = report(...requirements(6));
    const text = renderJson(r);
    const data = JSON.parse(text);
    expect(reportErrors(data)).toBeUndefined();
    expect(unpackReport(data)).toEqual(plain(withTotals(r)));
    expect(text.split('path parameter id breaking type is rejected')).toHaveLength(2);
    expect(text.split('"keyword":"type"')).toHaveLength(2);
    expect(data.specs[0].shared.sources).toEqual(['doc.json: op0 documents 400', 'doc.json: op1 documents 400']);
    const lines = text.split('\n');
    for (const req of data.specs[0].requirements) expect(lines.some((line) => line.trim().replace(/,$/, '') === JSON.stringify(req))).toBe(true);
  });

  it('JSON: a report of schemaVersion 1 (every field in each requirement) still reads back as the same report', () => {
    const r = report(...requirements(4));
    const dir = mkdtempSync(join(tmpdir(), 'sipc-v1-'));
    writeFileSync(join(dir, 'v1.json'), JSON.stringify({ ...withTotals(r), schemaVersion: 1 }));
    writeFileSync(join(dir, 'v2.json'), renderJson(r));
    const v1 = readReport(join(dir, 'v1.json'));
    expect(plain(v1)).toEqual({ ...plain(readReport(join(dir, 'v2.json'))), schemaVersion: 1 });
    const broken = JSON.parse(renderJson(r));
    broken.specs[0].requirements[0].source = 5;
    writeFileSync(join(dir, 'broken.json'), JSON.stringify(broken));
    expect(() => readReport(join(dir, 'broken.json'))).toThrow(/source 5 is not in shared\.sources/);
  });
});
