// The fault score as a test: every fault of every reference mock is detected by a requirement it
// claims to break, under strict or strictest in turn (both: `npm run mutation`), and the clean
// mocks in every variant give no failure and no warning.
import { describe, expect, it } from 'vitest';
import { type Variant, VARIANTS } from '../mocks/kit.ts';
import { cleanRuns, faultRow, faultVariants } from '../src/run/fault-score.ts';
import { loadSpec, SPEC_NAMES } from '../specs/index.ts';
import { explain } from './support/run.ts';

// Focused: each fault runs the requirements it claims to break; `npm run mutation` runs everything.
const options = { runs: 25, seed: 1, focused: true };

/**
 * The clean mocks: the two extreme readings with the faults' cases (a value the documents leave open
 * that slipped into a case fails there: `strictest` refuses every undecided value, `lenient` accepts
 * every one); the everyday readings, whose choices lie between them, with 10 cases each on seeds of
 * their own, so the four variants see 45 draws of every requirement rather than the same 25 four times
 * (`npm run mutation`: 30 of one seed in every variant).
 */
const CLEAN: Array<{ variants: Variant[]; runs: number; seed: number }> = [
  { variants: ['strictest', 'lenient'], runs: options.runs, seed: options.seed },
  { variants: ['strict'], runs: 10, seed: 2 },
  { variants: ['loose'], runs: 10, seed: 3 },
];

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
      expect(CLEAN.flatMap((c) => c.variants).sort()).toEqual([...VARIANTS].sort());
      const runs = await Promise.all(CLEAN.map((c) => cleanRuns(spec, c, c.variants)));
      for (const run of runs.flat()) expect(explain(run.unexpected), run.variant).toBe('');
    });

    // A sample: each fault under one of the fault variants that can see it, in turn (`npm run mutation` runs each under all).
    const jobs = faults.map((f, i) => [f.name, faultVariants(f)[i % faultVariants(f).length]!, f] as const);
    it.each(jobs)('fault %s (%s) is detected by a requirement it breaks', async (_name, variant, fault) => {
      const row = await faultRow(spec, fault, options, variant);
      expect(row.detectedBy, `${fault.name} breaks ${fault.breaks.join(', ')}; flagged instead: ${row.alsoFailed.join(', ') || 'nothing'}`).not.toEqual([]);
    });

    // A reading said to hide a fault must indeed hide it, or the score would skip a fault it could catch.
    const unseen = faults.flatMap((f) => Object.keys(f.unseenUnder ?? {}).map((variant) => [f.name, variant as Variant, f] as const));
    it.skipIf(!unseen.length).each(unseen)('fault %s is not seen under %s, as its mock declares', async (_name, variant, fault) => {
      const row = await faultRow(spec, fault, options, variant);
      expect(row.detectedBy, `${fault.name} is detected under ${variant}: remove it from unseenUnder`).toEqual([]);
    });
  });
}
