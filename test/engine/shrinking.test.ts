// For every bundled spec: shrunk counterexamples still break the rule they were generated for, and
// valid requests are never expected to be rejected.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaseBuilder, type CaseSource, planCases } from '../../generators/cases.ts';
import { expectationFor } from '../../src/judge/expectation.ts';
import type { Case } from '../../src/model/types.ts';
import type { Session } from '../../src/model/vendor.ts';
import { loadSpec, SPEC_NAMES } from '../../specs/index.ts';

const session: Session = { authorize: () => ({}), defaultHeaders: {}, fixtures: {}, secrets: [] };
const GENERATED = new Set(['constraint', 'rule', 'content', 'auth']);

for (const name of SPEC_NAMES) {
  const spec = await loadSpec(name);
  const generated = spec.catalogue.filter((r) => GENERATED.has(r.trigger.kind));

  describe(`${name}: verdicts survive shrinking`, () => {
    it.each(generated.map((r) => [r.id, r] as const))('%s: the shrunk case still breaks its rule', (_id, req) => {
      const plan = planCases(req, spec, session, 9) as CaseSource;
      const b = new CaseBuilder(spec, req, 9);
      const shrink = (holds: (c: Case) => boolean) => fc.check(fc.property(plan.arbitrary, holds), { seed: 9, numRuns: 50 });
      // Failing on every case big enough makes fast-check shrink for real; where every case is already
      // that small, failing on every case shrinks to the smallest one.
      let details = shrink((c) => JSON.stringify(c.input ?? null).length < 8);
      if (!details.failed) details = shrink(() => false);
      expect(details.failed).toBe(true);
      const [shrunk] = details.counterexample!;
      expect(b.breaks(shrunk), JSON.stringify(shrunk)).toBe(true);
      expect(expectationFor(shrunk.violations, spec.catalogue).accept).toBe(false);
    });

    const valid = spec.catalogue.filter((r) => r.trigger.kind === 'valid');
    it.each(valid.map((r) => [r.id, r] as const))('%s: a valid request is never expected to be rejected', (_id, req) => {
      const plan = planCases(req, spec, session, 9) as CaseSource;
      fc.assert(fc.property(plan.arbitrary, (c: Case) => c.violations.length === 0 && expectationFor(c.violations, spec.catalogue).accept === true), { seed: 9, numRuns: 100 });
    });
  });
}
