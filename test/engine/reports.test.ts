import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../reports/console.ts';
import { writeJsonReport } from '../../reports/json.ts';
import { curlOf, redact } from '../../src/request-builder.ts';
import { exitCodeOf, type Report, type RequirementResult } from '../../src/results.ts';

const requirement = (verdict: RequirementResult['verdict'], over: Partial<RequirementResult> = {}): RequirementResult => ({
  id: `R-${verdict}`,
  errorCode: 'SPR-114',
  title: 't',
  level: 'MUST',
  source: 'seed',
  operation: 'op',
  verdict,
  cases: 3,
  failures: [],
  ...over,
});
const report = (...rs: RequirementResult[]): Report => ({ tool: 'sip-conformance', seed: 42, runs: 10, startedAt: 'now', complete: true, specs: [{ spec: 'ringcentral', target: 'mock', origin: 'o', requirements: rs }] });

describe('results and reporters', () => {
  it('exits 1 only when a MUST requirement failed: warnings and skips keep 0', () => {
    expect(exitCodeOf(report(requirement('pass'), requirement('warn', { level: 'SHOULD' }), requirement('skip')))).toBe(0);
    expect(exitCodeOf(report(requirement('pass'), requirement('fail')))).toBe(1);
  });

  it('prints a table per error code and each failure with its counterexample, curl and replay', () => {
    const failure = {
      level: 'MUST' as const,
      case: 'device.id of 39 digits',
      violations: [],
      request: { method: 'POST', url: 'http://h/x', headers: {}, body: '{}' },
      expected: 'status 400',
      actual: { status: 200, body: '{}' },
      checks: [{ check: 'negative_data_rejection', level: 'MUST' as const, message: 'invalid input answered 200' }],
      replay: 'sip-conformance run --seed 42 --only R-fail',
      curl: "curl -X POST 'http://h/x'",
    };
    const text = formatReport(report(requirement('pass'), requirement('fail', { failures: [failure] })), 'out/report.json');
    expect(text).toMatch(/verdict\s+level\s+code\s+requirement\s+cases/);
    expect(text).toMatch(/FAIL\s+MUST\s+SPR-114\s+R-fail\s+3/);
    expect(text).toContain('counterexample (shrunk): device.id of 39 digits');
    expect(text).toContain("curl:     curl -X POST 'http://h/x'");
    expect(text).toContain('replay:   sip-conformance run --seed 42 --only R-fail');
    expect(text).toContain('1 passed, 1 failed, 0 warnings, 0 skipped (seed 42)');
  });

  it('writes report.json atomically with the documented shape', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipc-report-'));
    const file = writeJsonReport(dir, report(requirement('pass')));
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data).toMatchObject({ seed: 42, specs: [{ spec: 'ringcentral', target: 'mock', requirements: [{ id: 'R-pass', errorCode: 'SPR-114', level: 'MUST', source: 'seed', verdict: 'pass', cases: 3, failures: [] }] }] });
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
