// report.json while a run goes: written at the start, at most once per WRITE_INTERVAL_MS as
// requirements finish (not after each one: that rendered the whole report per requirement), and at
// once when the run ends or is interrupted.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestCase, TestModule } from 'vitest/node';
import { ConformanceReporter, WRITE_INTERVAL_MS } from '../../reports/vitest-reporter.ts';
import { requirement } from '../support/report.ts';

const finished = (id: string) =>
  ({
    meta: () => ({ conformance: { spec: 'ringcentral', target: 'mock', origin: 'o', results: [requirement('pass', { id })], transport: { requests: 1 } } }),
    result: () => ({ state: 'passed' }),
  }) as unknown as TestCase;

describe('ConformanceReporter writes report.json', () => {
  let dir: string;
  const written = () => (JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { specs: { requirements: { id: string }[] }[] }).specs[0]!.requirements.map((r) => r.id);

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'sipc-writes-'));
  });
  afterEach(() => {
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('at the start, then within the interval for requirements that finish together, not once per requirement', () => {
    const reporter = new ConformanceReporter({ dir, seed: 1, runs: 1, targets: { ringcentral: 'mock' }, formats: ['json'] });
    expect(written()).toEqual([]);
    reporter.onTestCaseResult(finished('A'));
    reporter.onTestCaseResult(finished('B'));
    expect(written()).toEqual([]);
    vi.advanceTimersByTime(WRITE_INTERVAL_MS);
    expect(written()).toEqual(['A', 'B']);
    reporter.onTestCaseResult(finished('C'));
    vi.advanceTimersByTime(WRITE_INTERVAL_MS);
    expect(written()).toEqual(['A', 'B', 'C']);
    reporter.finish(true);
  });

  it('at once when the run ends or is interrupted, with nothing left pending', () => {
    const reporter = new ConformanceReporter({ dir, seed: 1, runs: 1, targets: { ringcentral: 'mock' }, formats: ['json'] });
    reporter.onTestCaseResult(finished('A'));
    reporter.finish(false);
    expect(written()).toEqual(['A']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('interrupted: results a worker finished before it learnt of the interruption are in the final partial report', () => {
    const reporter = new ConformanceReporter({ dir, seed: 1, runs: 1, targets: { ringcentral: 'mock' }, formats: ['json'] });
    reporter.onTestCaseResult(finished('A'));
    reporter.finish(false);
    // A chunk's test (src/run/chunks.ts) sends its results when its last requirement ends: after the signal.
    reporter.onTestCaseResult(finished('B'));
    expect(vi.getTimerCount()).toBe(0);
    reporter.finish(false);
    expect(written()).toEqual(['A', 'B']);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'))).toMatchObject({ complete: false });
  });

  it("counts a chunk's requirements as planned, not its test", () => {
    const reporter = new ConformanceReporter({ dir, seed: 1, runs: 1, targets: { ringcentral: 'mock' }, formats: ['json'] });
    const test = (name: string, requirements?: number) => ({ name, options: { mode: 'run' }, parent: { type: 'suite', name: 'ringcentral' }, meta: () => ({ requirements }) });
    const module = { moduleId: '/x/suites/ringcentral.test.ts', children: { allTests: () => [test('[4 requirements] A ... D', 4), test('[SHOULD] - E: e'), test('[probe] ringcentral: tolerance probes')] } };
    reporter.onTestModuleCollected(module as unknown as TestModule);
    expect(reporter.report.specs[0]!.planned).toBe(5);
    reporter.finish(true);
  });
});
