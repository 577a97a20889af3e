// A bug of the suite on one requirement is reported as such (`error`), never as the server's failure.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { VERDICT_LABEL } from '../../reports/labels.ts';
import { failing } from '../../src/results/gate.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { totalsOf, worstOf } from '../../src/results/report.ts';
import { OVERRUN_GRACE_MS } from '../../src/run/engine.ts';
import { prepareSpecRun, runSpec } from '../../src/run/run-spec.ts';
import { blankCase, type Requirement } from '../../src/model/types.ts';
import type { ScenarioContext } from '../../src/model/vendor.ts';
import { outcome, propertyScenario } from '../../src/run/scenario-kit.ts';
import { scenarioRequirement, thingsSpec } from '../support/things.ts';


describe('a suite error', () => {
  it('is an error verdict with its cause, counted apart and failing the run, never a FAIL of the server', async () => {
    const spec = await thingsSpec('suite-error');
    // A rule with a bug: every case it sees throws.
    spec.rules = { broken: { violatedBy: () => { throw new Error('rule bug'); }, break: (valid) => valid } };
    const report = await runSpec(spec, { seed: 1, runs: 3, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs: 10_000, section: {} });
    const valid = report.requirements.find((r) => r.id.endsWith('VALID-ACCEPTED'))!;
    expect(valid).toMatchObject({ verdict: 'error', reason: 'suite error: rule bug' });
    expect(VERDICT_LABEL[valid.verdict]).toBe('ERROR (suite)');
    expect(totalsOf(report.requirements)).toMatchObject({ fail: 0, error: report.requirements.length });
    expect(failing(valid, 'must')).toBe(true);
  });
});

describe('a suite error inside a scenario (the scenario kit)', () => {
  it('is an error verdict; a step that fails is still the server\'s failure', async () => {
    const spec = await thingsSpec('suite-error-kit');
    const failingStep = (req: Requirement, ctx: ScenarioContext) =>
      propertyScenario(req, ctx, fc.nat(), async () => [{ case: blankCase(req.id, 'addThing', 'x'), request: { method: 'POST', url: '-', headers: {} }, response: { status: 200, headers: {}, text: '', ms: 1 }, outcomes: [outcome('status', false, 'MUST', 'answered 200')], expected: '400' }]);
    spec.scenarios = {
      throws: (req, ctx) => propertyScenario(req, ctx, fc.nat(), async () => { throw new Error('scenario bug'); }),
      fails: failingStep,
    };
    spec.catalogue = [scenarioRequirement('THROWS', 'throws'), scenarioRequirement('FAILS', 'fails')];
    const report = await runSpec(spec, { seed: 1, runs: 3, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs: 10_000, section: {} });
    expect(report.requirements.find((r) => r.id === 'THROWS')).toMatchObject({ verdict: 'error', reason: 'suite error: scenario bug' });
    expect(report.requirements.find((r) => r.id === 'FAILS')).toMatchObject({ verdict: 'fail' });
  });
});

describe('a requirement that never ends', () => {
  it('is given up past its time limit and the grace, as a suite error (a run never hangs)', async () => {
    const spec = await thingsSpec('suite-error-hang');
    spec.scenarios = { hangs: () => new Promise<never>(() => {}) };
    const req = scenarioRequirement('HANGS', 'hangs');
    spec.catalogue = [req];
    const run = await prepareSpecRun(spec, { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 1, timeLimitMs: 2000, section: {} });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const result = run.engine.run(req);
      await vi.advanceTimersByTimeAsync(2000 + OVERRUN_GRACE_MS - 2000);
      let settled = false;
      void result.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(4000);
      expect(await result).toMatchObject({ verdict: 'error', reason: expect.stringMatching(/^suite error: still running 30 s past its time limit/) });
    } finally {
      vi.useRealTimers();
      await run.close();
    }
  });
});

describe('a requirement made of parts (worstOf)', () => {
  it("takes the server's failure first, then a suite error, never a pass over a part that errored", () => {
    expect(worstOf(['pass', 'error', 'warn'])).toBe('error');
    expect(worstOf(['error', 'fail'])).toBe('fail');
    expect(worstOf(['pass', 'warn', 'skip'])).toBe('warn');
    expect(worstOf(['skip', 'pass'])).toBe('pass');
    expect(worstOf(['skip', 'skip'])).toBe('skip');
  });
});
