// What a failure shows: a long body cut with a marker (kept whole in report.json up to a cap), the
// vendor's own error strings where our codes are labels, and every exchange of a failing sequence.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../reports/html.ts';
import { renderJson } from '../../reports/json.ts';
import { renderJunit } from '../../reports/junit.ts';
import { failureText } from '../../reports/labels.ts';
import { renderMarkdown } from '../../reports/markdown.ts';
import { loadSpec } from '../../specs/index.ts';
import { error_code_conformance } from '../../src/judge/checks.ts';
import { BODY_CAP, recordFailure } from '../../src/results/failure-record.ts';
import { reportErrors } from '../../src/results/report-file.ts';
import type { Report } from '../../src/results/report.ts';
import { describeExpected } from '../../src/run/engine.ts';
import type { HttpResponse } from '../../src/http/client.ts';
import { report, requirement } from '../support/report.ts';
import { runAgainstMock } from '../support/run.ts';

const response = (text: string, status = 200): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, text, json: { value: JSON.parse(text) }, ms: 1 });
const exchange = (text: string) => ({
  case: { requirement: 'R', operation: 'op', note: 'a case', headers: {}, omitHeaders: [], auth: { kind: 'valid' as const }, violations: [] },
  request: { method: 'POST', url: 'http://127.0.0.1/x', headers: {} },
  response: response(text),
});
const note = { level: 'MUST' as const, expected: 'status 400', checks: [] };

describe('response bodies in failures', () => {
  it('are kept whole up to the cap, cut there with their length, and each format says when it shows less', () => {
    const medium = `"${'m'.repeat(598)}"`;
    const kept = recordFailure(exchange(medium), note, 'replay', []);
    expect(kept.actual).toEqual({ status: 200, body: medium });
    expect(failureText(kept)).toContain(`… [cut: 200 of 600 characters shown; the whole body is in report.json]`);
    const huge = `"${'h'.repeat(99_998)}"`;
    const cut = recordFailure(exchange(huge), note, 'replay', []);
    expect(cut.actual).toEqual({ status: 200, body: huge.slice(0, BODY_CAP), bodyLength: 100_000 });
    const r: Report = report(requirement('fail', { failures: [cut] }));
    expect(reportErrors(JSON.parse(renderJson(r)))).toBeUndefined();
    const marker = /… \[cut: \d+ of 100000 characters shown; report\.json keeps the first 65536\]/;
    for (const text of [renderMarkdown(r), renderHtml(r), renderJunit(r)]) expect(text).toMatch(marker);
  });
});

describe("BAS-IP Android's error strings", () => {
  it('reports quote the vendor\'s strings, not our labels', async () => {
    const spec = await loadSpec('basip-android');
    const expected = { accept: false as const, status: [400], statusLevel: 'MUST' as const, codes: ['body', 'wrong-type'], codeLevel: 'MUST' as const, params: [], requirements: [] };
    const input = { expected, response: response('{"error":"Log In"}', 400), envelope: spec.envelope, operation: spec.model.operations[Object.keys(spec.model.operations)[0]!]!, validators: spec.validators };
    const said = error_code_conformance(input)!;
    expect(said.ok).toBe(false);
    expect(said.message).toBe('error "Log In", expected "Wrong JSON body" or "Wrong JSON body: value `<field>` was of the wrong type"');
    expect(describeExpected(expected, spec.envelope)).toBe('status 400 (MUST), error "Wrong JSON body" or "Wrong JSON body: value `<field>` was of the wrong type" (MUST)');
  });
});

describe('a failure of a sequence', () => {
  it('shows every exchange, in order: the accepted POST before the GET that did not read it back (BAS-IP not-persisted)', async () => {
    const spec = await loadSpec('basip-camdroid');
    const result = await runAgainstMock(spec, { faults: ['not-persisted'], only: ['BASIP-CAMDROID-PERSISTENCE'], runs: 3, seed: 3 });
    const failure = result.requirements[0]!.failures.find((f) => f.level === 'MUST')!;
    expect(failure.request.method).toBe('GET');
    expect(failure.before?.map((b) => `${b.request.method} ${b.actual.status}`)).toEqual(['POST 200']);
    // Each secret's `# export` line stands above its request; the requests themselves, in order:
    const curls = failure.curl.split('\n').filter((line) => line.startsWith('curl '));
    expect(curls).toHaveLength(2);
    expect(curls[0]).toMatch(/^curl .*-X POST /);
    expect(curls[1]).toMatch(/^curl .*-X GET /);
    const r: Report = { ...report(), specs: [result] };
    expect(reportErrors(JSON.parse(renderJson(r)))).toBeUndefined();
    expect(failureText(failure)).toMatch(/before: {3}POST http:\/\/127\.0\.0\.1:\d+\S* -> 200 /);
    expect(renderMarkdown(r)).toMatch(/before: {3}POST http:\/\/127\.0\.0\.1:\d+\S* -> 200 /);
    expect(renderJunit(r)).toMatch(/before: {3}POST http:\/\/127\.0\.0\.1:\d+\S* -&gt; 200 /);
    expect(renderHtml(r)).toMatch(/<h5>request 1 of 2<\/h5><pre>POST http:\/\/127\.0\.0\.1:\d+/);
  });
});
