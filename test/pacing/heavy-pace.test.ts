// Pacing is never a verdict and never a suite error: RingCentral's Heavy pace (10 a minute), on a
// fake clock, with a mock answering in memory that enforces the same limit and penalty.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadSpec } from '../../specs/index.ts';
import { createTransport, parseRate } from '../../src/http/index.ts';
import type { SpecReport } from '../../src/results/report.ts';
import { runSpec, type SpecRunOptions } from '../../src/run/run-spec.ts';
import { memoryClient } from '../support/memory-client.ts';
import { explain } from '../support/run.ts';
import { applyBox, chooseBox, DEFAULT_BOX_MS } from '../../src/cli/time-box.ts';
import type { DryRunSpec } from '../../src/run/dry-run.ts';
import type { SuiteOptions } from '../../src/run/suite.ts';

const HEAVY_MOCK = { limit: 10, windowMs: 60_000, penaltyMs: 60_000, group: 'heavy' };

/**
 * Runs RingCentral against its mock at Heavy pace on a fake clock, as the CLI would plan it (`--budget`,
 * `--max-time` or the default box); resolves with the report, the mock's counts and the fake time taken.
 */
export async function pacedRun(o: Partial<SpecRunOptions> & { maxTime?: number } = {}) {
  const spec = await loadSpec('ringcentral');
  const client = memoryClient(spec.mock!, { faults: [], variant: 'strict', rateLimit: HEAVY_MOCK });
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  const started = Date.now();
  const section = { target: 'http://127.0.0.1:9', token: spec.mock!.fixtures.token, fixtures: fixturesOf(spec.mock!.fixtures) };
  const rate = parseRate('10/m', 'test')!;
  // The CLI's planning: the time box (given or default) into a request budget at the pace.
  const planned: DryRunSpec = { spec, target: section.target, section, embedded: false, rate, budget: o.budget };
  const options: SuiteOptions = { seed: 1, runs: 50, timeoutMs: 5000, concurrency: 8, timeLimitMs: 60_000, specs: { ringcentral: { section, budget: o.budget } } };
  const box = chooseBox(o.maxTime, o.budget, [planned]);
  const timeBox = box && applyBox(box, [planned], options);
  let report: SpecReport | undefined;
  const running = runSpec(spec, {
    ...options, rate, client, timeBox, ...options.specs.ringcentral, ...o,
  }).then((r) => (report = r));
  // Bounded: 4 hours of fake time at most.
  for (let s = 0; s < 4 * 3600 && !report; s++) await vi.advanceTimersByTimeAsync(1000);
  await running;
  return { report: report!, mock: client.stats(), fakeMs: Date.now() - started, box };
}

const fixturesOf = (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'token'));

afterEach(() => void vi.useRealTimers());

/** Registering at a real RingCentral target is opt-in (`"wire": true`): skipped with that reason here. */
const wireOptIn = (r: SpecReport['requirements'][number]) => r.id.includes('-WIRE-') && r.verdict === 'skip' && /"wire": true/.test(r.reason ?? '');

describe('a run at RingCentral\'s Heavy pace (10 a minute) on a fake clock', () => {
  it('with --budget 48: every request paced, 0 answers 429, no suite error, every vendor requirement judged', async () => {
    const { report, mock, fakeMs } = await pacedRun({ budget: 48 });
    expect(report.requirements.filter((r) => r.verdict === 'error'), explain(report.requirements)).toEqual([]);
    // The planner counts the HTTP method sweep at its requests: every requirement (the HTTP ones too) is judged, none cut.
    expect(report.requirements.filter((r) => r.verdict !== 'pass' && !wireOptIn(r)), explain(report.requirements)).toEqual([]);
    expect(mock.rateLimited).toBe(0);
    // All 48 but the one request the planner gives RC-WIRE-REGISTER, which skips at a real target without `"wire": true`.
    expect(report.transport).toMatchObject({ requests: 48 - report.requirements.filter(wireOptIn).length, rateLimitWaits: 0 });
    // 48 requests at 10 a minute take more than 4 minutes: the waits really happened.
    expect(fakeMs).toBeGreaterThan(4 * 60_000);
  });

  it('bare (no --budget, no --max-time): ends inside the default 15-minute box, 0 answers 429, no suite error, every requirement tested', async () => {
    const { report, mock, fakeMs, box } = await pacedRun();
    expect(box?.ms).toBe(DEFAULT_BOX_MS);
    const tested = report.requirements.filter((r) => !wireOptIn(r));
    expect(tested.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
    expect(tested.every((r) => r.cases > 0)).toBe(true);
    expect(mock.rateLimited).toBe(0);
    expect(report.transport?.budget).toMatchObject({ limit: 135 });
    expect(fakeMs).toBeLessThan(DEFAULT_BOX_MS);
    // What the box left is told as such, never blamed on the target.
    for (const p of report.probes ?? []) expect(p.case).not.toMatch(/target answered none/);
    expect((report.probes ?? []).some((p) => /not sent \(budget\)/.test(p.case))).toBe(true);
  });

  it('--max-time 90s: the plan fits the box, requirements the box cannot reach are skipped as not sent (budget), and the run ends inside it', async () => {
    const { report, fakeMs } = await pacedRun({ maxTime: 90_000 });
    expect(report.transport?.budget).toMatchObject({ limit: 13 });
    expect(fakeMs).toBeLessThan(90_000);
    expect(report.requirements.filter((r) => r.verdict === 'error')).toEqual([]);
    const cut = report.requirements.filter((r) => r.cut === 'budget');
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) expect(r).toMatchObject({ verdict: 'skip', reason: expect.stringMatching(/^not sent \(budget\): /) });
  });
});

describe('requests waiting for a slot', () => {
  it('keep one timer each, however often a freed slot wakes them all (none left behind to pile up)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let answered = 0;
    const wire = { send: async () => (answered++, { status: 200, headers: {}, text: '', ms: 1 }) };
    const t = createTransport(wire, { rate: parseRate('2/s', 'test') });
    const waiting = 40;
    const all = Promise.all(Array.from({ length: waiting }, () => t.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {} })));
    let most = 0;
    // Bounded: 40 requests at 2 a second take about 20 s of fake time.
    for (let i = 0; i < 400 && answered < waiting; i++) {
      await vi.advanceTimersByTimeAsync(100);
      most = Math.max(most, vi.getTimerCount());
    }
    await all;
    expect(answered).toBe(waiting);
    expect(t.stats.waitedMs).toBeGreaterThan(0);
    // Each wake used to leave its timer behind: hundreds pending at once.
    expect(most).toBeLessThanOrEqual(waiting);
  });
});
