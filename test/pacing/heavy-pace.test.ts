// Pacing is never a verdict and never a suite error: RingCentral's Heavy pace (10 a minute), on a
// fake clock, with a mock answering in memory that enforces the same limit and penalty.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSpec } from '../../specs/index.ts';
import { parseRate } from '../../src/http/index.ts';
import type { SpecReport } from '../../src/results/report.ts';
import { runSpec, type SpecRunOptions } from '../../src/run/run-spec.ts';
import { memoryClient } from '../support/memory-client.ts';
import { explain } from '../support/run.ts';

const HEAVY_MOCK = { limit: 10, windowMs: 60_000, penaltyMs: 60_000, group: 'heavy' };

/** Runs RingCentral against its mock at Heavy pace on a fake clock; resolves with the report, the mock's counts and the fake time taken. */
export async function pacedRun(o: Partial<SpecRunOptions> = {}) {
  const spec = await loadSpec('ringcentral');
  const client = memoryClient(spec.mock!, { faults: [], variant: 'strict', rateLimit: HEAVY_MOCK });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const started = Date.now();
  let report: SpecReport | undefined;
  const running = runSpec(spec, {
    seed: 1, runs: 50, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000,
    section: { target: 'http://127.0.0.1:9', token: spec.mock!.fixtures.token, fixtures: fixturesOf(spec.mock!.fixtures) },
    rate: parseRate('10/m', 'test'), client, ...o,
  }).then((r) => (report = r));
  // Bounded: 4 hours of fake time at most.
  for (let s = 0; s < 4 * 3600 && !report; s++) await vi.advanceTimersByTimeAsync(1000);
  await running;
  return { report: report!, mock: client.stats(), fakeMs: Date.now() - started };
}

const fixturesOf = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'token'));

afterEach(() => void vi.useRealTimers());

describe('a run at RingCentral\'s Heavy pace (10 a minute) on a fake clock', () => {
  it('with --budget 48: every request paced, 0 answers 429, no suite error, every requirement judged', async () => {
    const { report, mock, fakeMs } = await pacedRun({ budget: 48 });
    expect(report.requirements.filter((r) => r.verdict === 'error'), explain(report.requirements)).toEqual([]);
    expect(report.requirements.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
    expect(mock.rateLimited).toBe(0);
    expect(report.transport).toMatchObject({ requests: 48, rateLimitWaits: 0 });
    // 48 requests at 10 a minute take more than 4 minutes: the waits really happened.
    expect(fakeMs).toBeGreaterThan(4 * 60_000);
  }, 120_000);
});
