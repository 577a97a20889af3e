// `Requirement.exclusive`: the engine runs such a requirement with no other of its spec in flight.
import { describe, expect, it } from 'vitest';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import { scenarioRequirement, thingsSpec } from '../support/things.ts';

const pause = () => new Promise((r) => setTimeout(r, 20));

async function overlaps(exclusive: boolean): Promise<string[]> {
  const spec = await thingsSpec('exclusive');
  let active = 0;
  const seen: string[] = [];
  spec.scenarios = {
    busy: async (req) => {
      active++;
      await pause();
      if (req.id === 'ALONE' && active > 1) seen.push(`${req.id} ran beside ${active - 1} other(s)`);
      await pause();
      active--;
      return { operation: req.operation, verdict: 'pass', cases: 1, failures: [] };
    },
  };
  const busy = (id: string) => scenarioRequirement(id, 'busy');
  spec.catalogue = [busy('A'), busy('B'), scenarioRequirement('ALONE', 'busy', { exclusive }), busy('C'), busy('D')];
  const report = await runSpec(spec, { seed: 1, runs: 1, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 4, timeLimitMs: 10_000, section: {} });
  expect(report.requirements.map((r) => r.verdict)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass']);
  return seen;
}

describe('exclusive requirements', () => {
  it('run alone; without the flag the same requirement runs beside the others (the check can fail)', async () => {
    expect(await overlaps(true)).toEqual([]);
    expect(await overlaps(false)).not.toEqual([]);
  });
});
