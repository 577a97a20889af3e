// Reports of a document of hundreds of operations stay usable: the HTML lists requirements per
// operation, collapsed unless something in it did not pass; report.json is one line per requirement.
import { describe, expect, it } from 'vitest';
import { COLLAPSE_OVER, renderHtml } from '../../reports/html.ts';
import { renderJson } from '../../reports/json.ts';
import { withTotals } from '../../src/results/report.ts';
import { report, requirement } from '../support/report.ts';

const requirements = (n: number) => Array.from({ length: n }, (_, i) => requirement(i === 7 ? 'fail' : 'pass', { id: `R-${i}`, operation: `op${Math.floor(i / 3)}` }));

describe('reports of many requirements', () => {
  it('HTML: past COLLAPSE_OVER, one collapsed section per operation; the one with a failure open', () => {
    const html = renderHtml(report(...requirements(COLLAPSE_OVER + 1)));
    expect(html.match(/<details class="op"/g)).toHaveLength(Math.ceil((COLLAPSE_OVER + 1) / 3));
    expect(html.match(/<details class="op" open><summary>([^<]*)</g)).toEqual(['<details class="op" open><summary>op2: 1 FAIL (MUST), 2 PASS<']);
    expect(renderHtml(report(...requirements(COLLAPSE_OVER)))).not.toContain('<details class="op"');
  });

  it('JSON: the same report, each requirement on a line of its own', () => {
    const r = report(...requirements(5));
    const text = renderJson(r);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(withTotals(r))));
    const lines = text.split('\n');
    for (const req of r.specs[0]!.requirements) expect(lines.some((line) => line.trim().replace(/,$/, '') === JSON.stringify(req))).toBe(true);
  });
});
