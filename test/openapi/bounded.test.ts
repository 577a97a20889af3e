// Generation always ends: an unsatisfiable filter is a GenerationError within bounded draws, not a hang.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounded, GenerationError, withGenerationDeadline } from '../../generators/bounded.ts';

describe('bounded filters', () => {
  it('give up with a named GenerationError when nothing passes', () => {
    const never = bounded(fc.integer(), () => false, 'odd even number');
    expect(() => fc.sample(never, { seed: 1, numRuns: 1 })).toThrow(new GenerationError('no odd even number in 1000 draws'));
  });

  it('keep what passes, shrink within the filter, and replay like fc.filter', () => {
    const even = bounded(fc.integer({ min: 0, max: 1000 }), (n) => n % 2 === 0, 'even number');
    expect(fc.sample(even, { seed: 3, numRuns: 20 })).toEqual(fc.sample(fc.integer({ min: 0, max: 1000 }).filter((n) => n % 2 === 0), { seed: 3, numRuns: 20 }));
    const plain = fc.check(fc.property(fc.integer({ min: 0, max: 1000 }).filter((n) => n % 2 === 0), (n) => n < 100), { seed: 3 });
    const ours = fc.check(fc.property(even, (n) => n < 100), { seed: 3 });
    expect(ours.counterexample).toEqual(plain.counterexample);
    expect(ours.numShrinks).toBeGreaterThan(0);
  });

  it('stop at the engine deadline even when each draw is slow', () => {
    let draws = 0;
    const slow = bounded(fc.integer(), () => {
      draws++;
      const until = Date.now() + 2;
      while (Date.now() < until);
      return false;
    }, 'slow value');
    expect(() => withGenerationDeadline(200, () => fc.sample(slow, { seed: 1, numRuns: 1 }))).toThrow(/within 200 ms/);
    // Each draw takes 2 ms or more, however busy the machine, and the deadline is looked at every
    // 64 tries: at most 100 draws within it and 64 past it (without the deadline, fast-check's own bound).
    expect(draws).toBeLessThanOrEqual(164);
  });
});
