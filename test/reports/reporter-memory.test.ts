// The main process holds a large run's 32,000 results: the reporter keeps one copy of each, drops
// the test's meta once folded (vitest keeps it to the end of the run), shares what results repeat,
// and takes a spec's per-run data (target, origin) from the one result that carries it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCase } from 'vitest/node';
import type { ConformanceMeta } from '../../src/run/suite.ts';
import { ConformanceReporter } from '../../reports/vitest-reporter.ts';
import { readReport } from '../../src/results/report-file.ts';
import { requirement } from '../support/report.ts';

const transport = (requests: number) => ({ requests, staleRetries: 0, rateLimitWaits: 0, waitedMs: 0, reauthentications: 0, overBudget: 0 });
const covers = () => [{ location: 'body' as const, path: '/name', keyword: 'maxLength' }];
const finished = (conformance: ConformanceMeta) => {
  const meta: { conformance?: ConformanceMeta } = { conformance };
  return { meta: () => meta, result: () => ({ state: 'passed' }) } as unknown as TestCase & { meta: () => typeof meta };
};

describe('ConformanceReporter and a large run', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sipc-reporter-memory-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops the meta it folded, shares repeated covers, and keeps the per-spec data of the first result', () => {
    const reporter = new ConformanceReporter({ dir, seed: 1, runs: 1, targets: { big: 'embedded mock' }, formats: ['json'] });
    const first = finished({ spec: 'big', target: 'embedded mock (http://127.0.0.1:1)', origin: 'big.json', results: [requirement('pass', { id: 'A', covers: covers() })], transport: transport(2) });
    const later = finished({ spec: 'big', results: [requirement('pass', { id: 'B', covers: covers() })], transport: transport(4) });
    reporter.onTestCaseResult(first);
    reporter.onTestCaseResult(later);
    expect(first.meta().conformance).toBeUndefined();
    expect(later.meta().conformance).toBeUndefined();
    const [a, b] = reporter.report.specs[0]!.requirements;
    expect(a!.covers![0]).toBe(b!.covers![0]);
    reporter.finish(true);
    const written = readReport(join(dir, 'report.json')).specs[0]!;
    expect(written).toMatchObject({ spec: 'big', target: 'embedded mock (http://127.0.0.1:1)', origin: 'big.json', transport: { requests: 4 } });
    expect(written.requirements.map((r) => [r.id, r.covers])).toEqual([['A', covers()], ['B', covers()]]);
  });
});
