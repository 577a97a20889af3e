// A requirement's cases by index, generated lazily: its fixed examples, then `runs` random cases
// sampled in chunks, each chunk dropped once the run has moved past it, so memory stays flat in
// the number of cases. Chunk 0 is sampled with the requirement's seed, exactly as fc.check would
// generate it; chunk c > 0 with a seed derived from it, so a run seed still replays every case.
import fc from 'fast-check';
import { withGenerationDeadline } from '../../generators/bounded.ts';
import type { Case } from '../model/types.ts';
import { requirementSeed } from './planner.ts';

const CHUNK = 1000;
/** Wall-clock bound on generating one chunk (the engine's guard against runaway generation). */
export const GENERATION_LIMIT_MS = 5000;

export class CaseSequence {
  readonly length: number;
  private readonly chunks = new Map<number, Case[]>();

  constructor(
    readonly fixed: Case[],
    private readonly arbitrary: fc.Arbitrary<Case>,
    private readonly seed: number,
    private readonly runs: number,
  ) {
    this.length = fixed.length + Math.max(0, runs);
  }

  at(i: number): Case {
    if (i < this.fixed.length) return this.fixed[i]!;
    const k = i - this.fixed.length;
    const c = Math.floor(k / CHUNK);
    let cases = this.chunks.get(c);
    if (!cases) {
      cases = withGenerationDeadline(GENERATION_LIMIT_MS, () => fc.sample(this.arbitrary, this.replay(i)));
      this.chunks.set(c, cases);
      // Cases are sent in order, a few at a time: two chunks back is done with.
      this.chunks.delete(c - 2);
    }
    return cases[k % CHUNK]!;
  }

  /** fc parameters whose stream holds random case `i` at `path` (what fc.check shrinks from). */
  replay(i: number): { seed: number; numRuns: number; path: string } {
    const k = i - this.fixed.length;
    const c = Math.floor(k / CHUNK);
    return { seed: c === 0 ? this.seed : requirementSeed(this.seed, `chunk ${c}`), numRuns: Math.min(CHUNK, this.runs - c * CHUNK), path: String(k % CHUNK) };
  }
}
