// A requirement that sent no case is never a pass (engine and scenario kit); a property scenario
// stopped by its time limit says so in its result.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { blankCase, type Requirement } from '../../src/model/types.ts';
import type { ScenarioContext } from '../../src/model/vendor.ts';
import { fixedScenario, outcome, propertyScenario, type Step } from '../../src/run/scenario-kit.ts';
import { scenarioRequirement, thingsSpec } from '../support/things.ts';

const options = (timeLimitMs = 10_000) => ({ seed: 1, runs: 3, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 2, timeLimitMs, section: {} });
const passingStep = (req: Requirement): Step => ({ case: blankCase(req.id, 'addThing', 'x'), request: { method: 'POST', url: '-', headers: {} }, response: { status: 200, headers: {}, text: '', ms: 1 }, outcomes: [outcome('status', true, 'MUST', 'answered 200')], expected: '200' });

describe('no pass on nothing', () => {
  it('a scenario that judged no exchange, or passed with 0 cases, is a suite error; one that judged some passes', async () => {
    const spec = await thingsSpec('no-pass');
    spec.scenarios = {
      emptyKit: (req, ctx) => fixedScenario(req, ctx, async () => []),
      emptyOwn: async (req) => ({ operation: req.operation, verdict: 'pass', cases: 0, failures: [] }),
      some: (req, ctx) => fixedScenario(req, ctx, async () => [passingStep(req)]),
    };
    spec.catalogue = [scenarioRequirement('EMPTY-KIT', 'emptyKit'), scenarioRequirement('EMPTY-OWN', 'emptyOwn'), scenarioRequirement('SOME', 'some')];
    const report = await runSpec(spec, options());
    const by = (id: string) => report.requirements.find((r) => r.id === id)!;
    expect(by('EMPTY-KIT')).toMatchObject({ verdict: 'error', cases: 0, reason: 'suite error: the scenario judged no exchange' });
    expect(by('EMPTY-OWN')).toMatchObject({ verdict: 'error', cases: 0, reason: 'suite error: the scenario passed without judging any exchange' });
    expect(by('SOME')).toMatchObject({ verdict: 'pass', cases: 1 });
  });

  it('a generated requirement whose time limit ran out before its first case is skipped with that reason', async () => {
    const spec = await thingsSpec('no-pass-time');
    spec.catalogue = spec.catalogue.filter((r) => r.trigger.kind === 'valid');
    // The session makes time pass before anything is sent: the requirement's deadline is gone.
    const open = spec.open.bind(spec);
    spec.open = async (settings, transport) => {
      const session = await open(settings, transport);
      return { ...session, around: async (_req, run) => (await new Promise((r) => setTimeout(r, 1200)), run()) };
    };
    const report = await runSpec(spec, options(1000));
    expect(report.requirements[0]).toMatchObject({ verdict: 'skip', cases: 0, reason: 'the time limit (--time-limit 1000 ms) ran out before a case was sent' });
  });

  it('a property scenario stopped by its time limit says so, with how many runs it made', async () => {
    const spec = await thingsSpec('no-pass-limit');
    const slow = (req: Requirement, ctx: ScenarioContext) =>
      propertyScenario(req, ctx, fc.nat(), async () => {
        await new Promise((r) => setTimeout(r, 300));
        return [passingStep(req)];
      });
    spec.scenarios = { slow };
    spec.catalogue = [scenarioRequirement('SLOW', 'slow')];
    const report = await runSpec(spec, { ...options(1000), runs: 1000 });
    expect(report.requirements[0]!.verdict).toBe('pass');
    expect(report.requirements[0]!.reason).toMatch(/^stopped by its time limit \(--time-limit 1000 ms\) after \d+ of 1000 runs$/);
  });
});
