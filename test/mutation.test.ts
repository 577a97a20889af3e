// The fault score as a test: every fault of every reference mock is detected by a requirement it
// claims to break, under strict or strictest in turn (both: `npm run mutation`), and the clean
// mocks in every variant give no failure and no warning.
import { describe, expect, it } from 'vitest';
import { cleanRuns, FAULT_VARIANTS, faultRow } from '../src/run/fault-score.ts';
import { loadSpec, SPEC_NAMES } from '../specs/index.ts';
import { explain } from './support/run.ts';

// Focused: each fault runs the requirements it claims to break; `npm run mutation` runs everything.
const options = { runs: 25, seed: 1, focused: true };

for (const name of SPEC_NAMES) {
  const spec = await loadSpec(name);
  const faults = spec.mock!.faults;

  describe.concurrent(`${name}: mutation score`, () => {
    it('has at least 8 faults, each naming requirements of the catalogue', () => {
      expect(faults.length).toBeGreaterThanOrEqual(8);
      const ids = new Set(spec.catalogue.map((r) => r.id));
      for (const f of faults) for (const id of f.breaks) expect(ids, `${f.name} breaks ${id}`).toContain(id);
    });

    it('clean mock, every variant: no failure and no warning', async () => {
      for (const run of await cleanRuns(spec, options)) expect(explain(run.unexpected), run.variant).toBe('');
    });

    // A sample: each fault under one of the fault variants, in turn (`npm run mutation` runs each under all).
    const jobs = faults.map((f, i) => [f.name, FAULT_VARIANTS[i % FAULT_VARIANTS.length]!, f] as const);
    it.each(jobs)('fault %s (%s) is detected by a requirement it breaks', async (_name, variant, fault) => {
      const row = await faultRow(spec, fault, options, variant);
      expect(row.detectedBy, `${fault.name} breaks ${fault.breaks.join(', ')}; flagged instead: ${row.alsoFailed.join(', ') || 'nothing'}`).not.toEqual([]);
    });
  });
}
