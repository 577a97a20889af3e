import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport, ProgressLine } from '../../reports/console.ts';
import { writeJsonReport } from '../../reports/json.ts';
import { gate } from '../../src/results/gate.ts';
import { curlOf } from '../../src/http/curl.ts';
import { redact } from '../../src/http/request.ts';
import { totalsOf } from '../../src/results/report.ts';
import { failure, report, requirement } from '../support/report.ts';

describe('results and reporters', () => {
  it('exits 1 only when a MUST requirement failed: warnings and skips keep 0', () => {
    const must = { failOn: 'must' as const, filtered: false };
    expect(gate(report(requirement('pass'), requirement('warn', { level: 'SHOULD' }), requirement('skip')), must).code).toBe(0);
    expect(gate(report(requirement('pass'), requirement('fail')), must).code).toBe(1);
  });

  it('prints a table per error code, with titles and one clear verdict label, and each failure with its counterexample, curl and replay', () => {
    const text = formatReport(
      report(requirement('pass', { title: 'a long id is rejected' }), requirement('fail', { failures: [failure()] }), requirement('warn', { level: 'SHOULD', failures: [failure({ level: 'SHOULD' })] }), requirement('skip', { reason: 'needs fixture nonAdminToken' })),
      ['out/report.json'],
    );
    expect(text).toMatch(/result\s+level\s+code\s+requirement\s+cases\s+title/);
    expect(text).toMatch(/FAIL \(MUST\)\s+MUST\s+SPR-114\s+R-fail\s+3\s+t/);
    expect(text).toMatch(/PASS\s+MUST\s+SPR-114\s+R-pass\s+3\s+a long id is rejected/);
    expect(text).toMatch(/WARN \(SHOULD\)\s+SHOULD\s+SPR-114\s+R-warn/);
    expect(text).not.toMatch(/FAIL\s+SHOULD|WARN\s+MUST/);
    expect(text).toContain('skipped R-skip: needs fixture nonAdminToken');
    expect(text).toContain('counterexample (shrunk): device.id of 39 digits');
    expect(text).toContain("curl:     curl -X POST 'http://h/x'");
    expect(text).toContain('replay:   sip-conformance run --seed 42 --only R-fail');
    expect(text).toContain('1 passed, 1 failed, 0 ERROR (suite), 1 warnings, 1 skipped (seed 42)');
    expect(text).toContain('report: out/report.json');
  });

  it('counts suite errors in the summary line, and a run with one never shows a perfect MUST score', () => {
    const text = formatReport(report(requirement('pass'), requirement('pass'), requirement('error', { reason: 'suite error: bug' })));
    expect(text).toContain('2 passed, 0 failed, 1 ERROR (suite), 0 warnings, 0 skipped (seed 42)');
    expect(text).not.toContain('100.0%');
    expect(totalsOf([requirement('pass'), requirement('error')]).mustScore).toBe(0.5);
  });

  it('shows a progress line (done/total, cases/s) on a TTY only', () => {
    const written: string[] = [];
    const tty = new ProgressLine({ isTTY: true, write: (t: string) => written.push(t) }, true);
    tty.total = 2;
    tty.tick(requirement('pass', { cases: 10 }));
    expect(written.at(-1)).toMatch(/^\r\x1b\[K\[1\/2\] \d+ cases\/s {2}PASS R-pass$/);
    tty.clear();
    expect(written.at(-1)).toBe('\r\x1b[K');
    const quiet: string[] = [];
    const ci = new ProgressLine({ isTTY: false, write: (t: string) => quiet.push(t) });
    ci.tick(requirement('fail'));
    ci.clear();
    expect(quiet).toEqual([]);
  });

  it('writes report.json atomically with the documented shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-report-'));
    const file = writeJsonReport(dir, report(requirement('pass')));
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data).toMatchObject({ schemaVersion: 2, seed: 42, totals: { total: 1, pass: 1 }, specs: [{ spec: 'ringcentral', target: 'mock', totals: { pass: 1, mustScore: 1 }, shared: { sources: ['seed'] }, requirements: [{ id: 'R-pass', errorCode: 'SPR-114', level: 'MUST', source: 0, verdict: 'pass', cases: 3, failures: [] }] }] });
  });

  it('redacts secrets, also URL- and JSON-escaped, in anything it is given', () => {
    const secret = 'tok/en"with+chars';
    const req = { method: 'GET', url: `http://h/x?key=${encodeURIComponent(secret)}`, headers: { Authorization: `Bearer ${secret}` }, body: JSON.stringify({ secret }) };
    const cleaned = redact({ req, curl: curlOf(req) }, [secret]);
    expect(JSON.stringify(cleaned)).not.toContain('tok/en');
    expect(cleaned.req.headers.Authorization).toBe('Bearer [REDACTED]');
  });

  it('quotes curl arguments so they replay in a POSIX shell', () => {
    expect(curlOf({ method: 'POST', url: "http://h/it's", headers: { A: 'b' }, body: "{'x'}" })).toBe(
      `curl -sS -i -X POST 'http://h/it'\\''s' -H 'A: b' --data-raw '{'\\''x'\\''}'`,
    );
  });
});
