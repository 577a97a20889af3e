// Cases drawn again: fast-check draws small domains over and over (a request without credentials has
// one form; a missing body, a handful), and a repeat would only send the same request again. The
// outcomes of the latest cases are kept, so a repeat (random or a shrink candidate) is answered from
// them; memory stays bounded in the number of cases.
import type { Case } from '../model/types.ts';

/** Outcomes kept: a window, not every case (a run of a million cases stays flat in memory). */
const KEPT = 1024;

/**
 * A case's identity: every field but its note (a boundary case and a random one may be the same case),
 * with the values JSON would blur (-0, NaN, Infinity, undefined) kept apart.
 */
export function caseKey({ note: _, ...c }: Case): string {
  return JSON.stringify(c, (_, v: unknown) => (v === undefined ? '\u0000undefined' : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `\u0000${Object.is(v, -0) ? '-0' : v}` : v));
}

export class Repeats<T> {
  private readonly kept = new Map<string, T>();

  /** The outcome of the same case seen before, if it is still kept. */
  of(key: string): T | undefined {
    return this.kept.get(key);
  }

  remember(key: string, outcome: T): void {
    if (this.kept.size >= KEPT) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(key, outcome);
  }
}
