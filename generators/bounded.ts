// Generation that always ends: fast-check's `filter` retries forever when nothing passes (an
// unsatisfiable schema, a violation the oracle cannot see), which pins a CPU and never lets a timer fire.
import fc from 'fast-check';

/** A requirement whose cases cannot be generated: reported as a named skip, never a hang. */
export class GenerationError extends Error {
  /** The skip reason of a requirement whose cases cannot be generated (the run's and the dry run's). */
  get reason(): string {
    return `cannot generate cases: ${this.message}`;
  }
}

/** Consecutive rejected draws before a filter gives up (deterministic, so replays agree). */
export const MAX_REJECTIONS = 1000;

let deadline = Number.POSITIVE_INFINITY;
let deadlineMs = 0;

/** Runs `fn` with a wall-clock bound on every bounded filter's retries inside it (the engine's guard). */
export function withGenerationDeadline<T>(ms: number, fn: () => T): T {
  const saved = [deadline, deadlineMs] as const;
  deadline = Date.now() + ms;
  deadlineMs = ms;
  try {
    return fn();
  } finally {
    [deadline, deadlineMs] = saved;
  }
}

class BoundedFilter<T> extends fc.Arbitrary<T> {
  constructor(
    private readonly arb: fc.Arbitrary<T>,
    private readonly keep: (t: T) => boolean,
    private readonly what: string,
  ) {
    super();
  }

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<T> {
    for (let tries = 1; ; tries++) {
      const g = this.arb.generate(mrng, biasFactor);
      if (this.keep(g.value)) return g;
      if (tries >= MAX_REJECTIONS) throw new GenerationError(`no ${this.what} in ${MAX_REJECTIONS} draws`);
      if ((tries & 63) === 0 && Date.now() > deadline) throw new GenerationError(`no ${this.what} within ${deadlineMs} ms`);
    }
  }

  canShrinkWithoutContext(value: unknown): value is T {
    return this.arb.canShrinkWithoutContext(value) && this.keep(value);
  }

  shrink(value: T, context: unknown): fc.Stream<fc.Value<T>> {
    return this.arb.shrink(value, context).filter((v) => this.keep(v.value));
  }
}

/** `arb.filter(keep)` that throws a GenerationError naming `what` instead of looping forever. */
export function bounded<T>(arb: fc.Arbitrary<T>, keep: (t: T) => boolean, what: string): fc.Arbitrary<T> {
  return new BoundedFilter(arb, keep, what);
}
