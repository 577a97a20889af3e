// What requirement results repeat, held once by the main process. Each result reaches it as its own
// copy (vitest carries it from the worker in the test's meta), so the 32,000 results of a large
// document held as many copies of the same titles, sources, operations, levels, verdicts and covered
// violations: about a third of their memory.
import type { Violation } from '../src/model/types.ts';
import type { RequirementResult } from '../src/results/report.ts';

export class SharedValues {
  private readonly strings = new Map<string, string>();
  private readonly violations = new Map<string, Violation>();

  /** The result, its repeated strings and covered violations replaced by the first equal ones seen. */
  share(r: RequirementResult): RequirementResult {
    r.title = this.string(r.title);
    r.source = this.string(r.source);
    r.operation = this.string(r.operation);
    r.level = this.string(r.level);
    r.verdict = this.string(r.verdict);
    if (r.errorCode !== undefined) r.errorCode = this.string(r.errorCode);
    if (r.covers) r.covers = r.covers.map((v) => this.violation(v));
    return r;
  }

  private string<T extends string>(s: T): T {
    const known = this.strings.get(s);
    if (known !== undefined) return known as T;
    this.strings.set(s, s);
    return s;
  }

  private violation(v: Violation): Violation {
    const key = JSON.stringify(v);
    const known = this.violations.get(key);
    if (known) return known;
    this.violations.set(key, v);
    return v;
  }
}
