// --budget: the planner spends exactly the budget, reaches every requirement it can, and the
// RingCentral reference mock's every fault is still detected with twice the floor (one run of each requirement, in requests).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createTransport, parseRate } from '../../src/http/index.ts';
import type { Requirement } from '../../src/model/types.ts';
import { allot, type PlannedRequirement } from '../../src/run/planner.ts';
import type { ConformanceSpec } from '../../src/model/vendor.ts';
import { explain, failed, ids, runAgainstMock } from '../support/run.ts';
import { loadSpec } from '../../specs/index.ts';

let spec: ConformanceSpec;
beforeAll(async () => {
  spec = await loadSpec('ringcentral');
});

const planned = (id: string, level: 'MUST' | 'SHOULD', examples: number, capacity: number, skip?: string): PlannedRequirement => ({
  requirement: { id, level } as Requirement,
  examples,
  capacity,
  scenario: false,
  skip,
});

describe('the budget planner', () => {
  it('gives every requirement one case first, then boundary examples, then random cases, never more than the budget', () => {
    const plan = [planned('A', 'MUST', 3, 10), planned('B', 'SHOULD', 0, 5), planned('C', 'MUST', 1, 1), planned('D', 'MUST', 2, 2, 'needs a fixture')];
    expect(Object.fromEntries(allot(plan, 3))).toEqual({ A: 1, B: 1, C: 1, D: 0 });
    expect(Object.fromEntries(allot(plan, 5))).toEqual({ A: 3, B: 1, C: 1, D: 0 });
    expect(Object.fromEntries(allot(plan, 7))).toEqual({ A: 4, B: 2, C: 1, D: 0 });
    expect(Object.fromEntries(allot(plan, 100))).toEqual({ A: 10, B: 5, C: 1, D: 0 });
    // Too small a budget: MUST requirements first.
    expect(Object.fromEntries(allot(plan, 2))).toEqual({ A: 1, B: 0, C: 1, D: 0 });
  });

  it('allots in requests: a scenario run costs its requests, and one that does not fit what is left is not given', () => {
    const sweep: PlannedRequirement = { requirement: { id: 'S', level: 'MUST' } as Requirement, examples: 0, capacity: 1, scenario: true, cost: 3 };
    const plan = [planned('A', 'MUST', 1, 10), sweep, planned('B', 'MUST', 0, 10)];
    expect(Object.fromEntries(allot(plan, 7))).toEqual({ A: 2, S: 1, B: 2 });
    // 3 left after A and before S: S fits; 2 left: S does not, B still gets its case.
    expect(Object.fromEntries(allot(plan, 4))).toEqual({ A: 1, S: 1, B: 0 });
    expect(Object.fromEntries(allot(plan, 3))).toEqual({ A: 2, S: 0, B: 1 });
  });

  it('spends exactly the budget against the RingCentral mock; every requirement gets cases', async () => {
    const budget = 2 * spec.catalogue.length;
    const report = await runAgainstMock(spec, { budget, runs: 50 });
    expect(report.transport?.budget).toMatchObject({ limit: budget, used: budget });
    expect(report.transport?.requests).toBe(budget);
    // The planner counts a scenario run at its requests (the HTTP method sweep sends several): none is cut.
    expect(report.requirements.filter((r) => r.verdict !== 'pass'), explain(report.requirements)).toEqual([]);
    expect(report.requirements.every((r) => r.cases >= 1)).toBe(true);
  });

  it('skips, never passes, the requirements a budget too small cannot reach', async () => {
    const report = await runAgainstMock(spec, { budget: 10, runs: 50 });
    const skipped = report.requirements.filter((r) => r.verdict === 'skip');
    expect(skipped.length).toBe(report.requirements.length - 10);
    for (const r of skipped) expect(r).toMatchObject({ cases: 0, reason: expect.stringMatching(/budget/) });
    expect(report.transport?.requests).toBe(10);
  });

});

describe('every RingCentral mock fault is detected with a budget of twice its floor (one run of each requirement, in requests)', async () => {
  const rc = await loadSpec('ringcentral');
  const budget = 2 * rc.catalogue.reduce((n, r) => n + (r.requestsPerRun ?? 1), 0);
  it.concurrent.each(rc.mock!.faults.map((f) => [f.name, f.breaks] as const))('%s', async (fault, breaks) => {
    const report = await runAgainstMock(rc, { budget, runs: 50, faults: [fault] });
    expect(report.transport?.requests).toBeLessThanOrEqual(budget);
    expect(ids(failed(report)).some((id) => breaks.includes(id)), explain(report.requirements)).toBe(true);
  });
});

describe('the budget counts what went on the wire', () => {
  it('an interrupted paced run: requests waiting for their turn end at once, unsent, and cost nothing (a line said "40 requests, budget 72")', async () => {
    vi.useFakeTimers();
    try {
      const abort = new AbortController();
      const wire = { send: async () => ({ status: 200, headers: {}, text: '', ms: 1 }) };
      const t = createTransport(wire, { rate: parseRate('1/s', 'test'), budget: { limit: 100, used: 0, cleanup: 0 }, signal: abort.signal });
      const req = { method: 'GET', url: 'http://127.0.0.1:9/x', headers: {} };
      let settled = 0;
      const answers = Array.from({ length: 5 }, () => t.send(req).finally(() => settled++));
      const cleanup = t.send({ ...req, method: 'DELETE' }, { cleanup: true });
      await vi.advanceTimersByTimeAsync(1500);
      abort.abort();
      // No time passes: the waits end with the signal, not at their turn.
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(5);
      await Promise.all(answers);
      const sent = t.stats.requests;
      // The cleanup still goes, at its turn.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(await cleanup).toMatchObject({ status: 200 });
      expect(t.stats.requests).toBe(sent + 1);
      expect(sent).toBeLessThan(5);
      expect(t.budget!.used).toBe(sent);
    } finally {
      vi.useRealTimers();
    }
  });
});
