// Synthetic reports for reporter and gate tests, and the checks every written report must pass.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { reportErrors } from '../../src/results/report-file.ts';
import { unpackReport } from '../../src/results/report-form.ts';
import { cliInProcess } from './cli.ts';
import type { FailureRecord, Report, RequirementResult, SpecReport } from '../../src/results/report.ts';

export const requirement = (verdict: RequirementResult['verdict'], over: Partial<RequirementResult> = {}): RequirementResult => ({
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

export const failure = (over: Partial<FailureRecord> = {}): FailureRecord => ({
  level: 'MUST',
  case: 'device.id of 39 digits',
  violations: [{ location: 'body', path: '/device/id', keyword: 'maxLength' }],
  request: { method: 'POST', url: 'http://h/x', headers: { 'Content-Type': 'application/json' }, body: '{"device":{"id":"1"}}' },
  expected: 'status 400',
  actual: { status: 200, body: '{}' },
  checks: [{ check: 'negative_data_rejection', level: 'MUST', message: 'invalid input answered 200' }],
  replay: 'sip-conformance run --seed 42 --only R-fail',
  curl: "curl -X POST 'http://h/x'",
  ...over,
});

export const specReport = (spec: string, ...rs: RequirementResult[]): SpecReport => ({ spec, target: 'mock', origin: 'o', requirements: rs });

export const report = (...rs: RequirementResult[]): Report => ({ tool: 'sip-conformance', seed: 42, runs: 10, startedAt: '2026-01-01T00:00:00Z', complete: true, specs: [specReport('ringcentral', ...rs)] });

/** Reads DIR/report.json, checks it against reports/report.schema.json, and returns it in the full form readers use. */
export function validReport(dir: string): Report {
  const data = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
  expect(reportErrors(data)).toBeUndefined();
  return unpackReport(data);
}

/**
 * Reads DIR/NAME/report.json back with every reader: diff, merge (unless a lone shard) and replay
 * (re-sends its failures, if any). The readers are the CLI's main in this process.
 */
export async function readsBack(dir: string, name: string, o: { failures: boolean; merge?: boolean; config?: string }): Promise<void> {
  const report = join(dir, name, 'report.json');
  const diff = await cliInProcess(['diff', report, report]);
  expect(diff.stderr).toBe('');
  expect(diff.code, `${name}: diff`).toBe(0);
  if (o.merge !== false) {
    const merged = await cliInProcess(['merge', report, '--report-dir', join(dir, `${name}-merged`)]);
    expect(merged.stdout, `${name}: merge ${merged.stderr}`).toMatch(/^merged 1 report\(s\)/);
    validReport(join(dir, `${name}-merged`));
  }
  const replay = await cliInProcess(['replay', report, ...(o.config ? ['--config', o.config] : [])]);
  expect(replay.stderr, `${name}: replay`).not.toMatch(/not a sip-conformance report|internal error/);
  if (o.failures) expect(replay.stdout, `${name}: replay ${replay.stderr}`).toMatch(/^replay: \d+ fixed, \d+ still failing$/m);
  else expect(replay.stderr).toMatch(/nothing to replay/);
}
