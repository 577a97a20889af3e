// The scenario kit: what every hand-written scenario does alike, whatever the vendor. It sends cases
// through the requirement's transport (as the runner would, or as an exact reshaped request), judges
// each exchange by its check outcomes, tallies MUST failures and SHOULD warnings under a cap, turns
// failed outcomes into failure records as the runner writes them, and makes the scenario's result.
import fc from 'fast-check';
import type { CheckOutcome } from '../judge/checks.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import type { Case, Level, Operation, Requirement } from '../model/types.ts';
import { type Exchange, failedChecks, type FailureNote, recordFailure } from '../results/failure-record.ts';
import { toHttpRequest } from '../http/request.ts';
import type { FailureRecord } from '../results/report.ts';
import type { ScenarioContext, ScenarioResult, Session } from '../model/vendor.ts';

/** An exchange judged: the outcomes of the scenario's own checks and what it expected, for the report. */
export interface Step extends Exchange {
  outcomes: CheckOutcome[];
  expected: string;
}

/** How a scenario alters what the runner would send: another operation (method, path), or the built request itself. */
export interface Reshape {
  operation?: (op: Operation) => Operation;
  request?: (request: HttpRequest) => HttpRequest;
}

/** A session that knows its target: a reshaped request is built against it. */
export type TargetSession = Session & { target: string };

export const outcome = (check: string, ok: boolean, level: Level, message: string): CheckOutcome => ({ check, ok, level, message });

const excerpt = (text: string) => (text.length > 120 ? `${text.slice(0, 120)}…` : text);
const is2xx = (r: HttpResponse) => !r.error && r.status >= 200 && r.status < 300;

/** A status outcome; transport failures always fail. */
export function statusOutcome(r: HttpResponse, want: number[] | '2xx', level: Level, what: string): CheckOutcome {
  if (r.error) return outcome('response_received', false, 'MUST', `${what}: ${r.error.cause}: ${r.error.message}`);
  const ok = want === '2xx' ? is2xx(r) : want.includes(r.status);
  return outcome('status', ok, level, `${what} answered ${r.status}${ok ? '' : ` ${excerpt(r.text)}`}, expected ${want === '2xx' ? '2xx' : want.join(' or ')}`);
}

/** Sends a case as the runner would (`ctx.send`) or, reshaped, as the exact request built from it. */
export async function sendCase<S extends TargetSession>(ctx: ScenarioContext<S>, c: Case, reshape?: Reshape): Promise<Exchange> {
  if (!reshape) return { case: c, ...(await ctx.send(c)) };
  const documented = ctx.spec.model.operations[c.operation]!;
  const op = reshape.operation?.(documented) ?? documented;
  const built = toHttpRequest(c, op, ctx.session, ctx.session.target);
  return sendExact(ctx, c, reshape.request?.(built) ?? built, op);
}

/** Sends an exact request for a case through the requirement's transport; the session observes the answer. */
export async function sendExact(ctx: ScenarioContext, c: Case, request: HttpRequest, op = ctx.spec.model.operations[c.operation]): Promise<Exchange> {
  const response = await ctx.client.send(request, { idempotent: op?.idempotent });
  ctx.session.observe?.(c, response);
  return { case: c, request, response };
}

/** A failure as the runner records one: replay and curl lines, secrets redacted. */
export function failureRecord(ctx: ScenarioContext, x: Exchange | undefined, note: FailureNote): FailureRecord {
  return recordFailure(x, note, ctx.replay, ctx.session.secrets);
}


/** A scenario's cases and failures, at most `cap` recorded; the verdict follows the worst recorded level. */
export class Tally {
  cases = 0;
  readonly failures: FailureRecord[] = [];
  constructor(
    readonly req: Requirement,
    readonly ctx: ScenarioContext,
    readonly o: { cap: number; counterexamples?: boolean },
  ) {}

  /** A failure record of a judged step; `before`, the steps of its sequence sent before it. */
  record(s: Step, level: Level, before: Step[] = []): FailureRecord {
    return failureRecord(this.ctx, s, { level, expected: s.expected, checks: failedChecks(s.outcomes, level), counterexample: this.o.counterexamples, before });
  }

  /** Keeps a failure unless the cap is reached. */
  add(record: FailureRecord): void {
    if (this.failures.length < this.o.cap) this.failures.push(record);
  }

  /** Counts a judged step and keeps it as a warning when only SHOULD outcomes failed; true when a MUST outcome failed. */
  judge(s: Step, before: Step[] = []): boolean {
    this.cases++;
    const failed = s.outcomes.filter((o) => !o.ok);
    if (failed.some((o) => o.level === 'MUST')) return true;
    if (failed.length > 0) this.add(this.record(s, 'SHOULD', before));
    return false;
  }

  /** An exception of the suite's own inside the scenario: its verdict is `error`, never the server's failure. */
  suiteError(err: unknown): ScenarioResult {
    return { operation: this.req.operation, verdict: 'error', cases: this.cases, reason: `suite error: ${err instanceof Error ? err.message : String(err)}`, failures: this.failures };
  }

  /** The verdict; `failing`, a step whose MUST outcome failed, is reported first, after the steps of its sequence `before` it. */
  result(reason?: string, failing?: Step, before: Step[] = []): ScenarioResult {
    const failures = failing ? [this.record(failing, 'MUST', before), ...this.failures] : this.failures;
    // Nothing judged is no pass: a scenario that should have sent something and did not is our error.
    if (this.cases === 0 && failures.length === 0) return { operation: this.req.operation, verdict: 'error', cases: 0, reason: `suite error: the scenario judged no exchange${reason ? ` (${reason})` : ''}`, failures };
    const verdict = failures.some((f) => f.level === 'MUST') ? 'fail' : failures.length ? 'warn' : 'pass';
    return { operation: this.req.operation, verdict, cases: this.cases, ...(reason && { reason }), failures };
  }
}

/** The warnings a fixed or property scenario keeps beside its one MUST failure. */
const WARNINGS = 3;

/** A fixed list of steps: each is judged; the first MUST failure is reported. */
export async function fixedScenario(req: Requirement, ctx: ScenarioContext, steps: () => Promise<Step[]>, counterexamples = true): Promise<ScenarioResult> {
  const tally = new Tally(req, ctx, { cap: WARNINGS, counterexamples });
  let failing: Step | undefined;
  for (const s of await steps()) if (tally.judge(s) && !failing) failing = s;
  return tally.result(undefined, failing);
}

/** A property over generated values: fast-check shrinks a MUST failure to a small counterexample. */
export async function propertyScenario<T>(
  req: Requirement,
  ctx: ScenarioContext,
  arbitrary: fc.Arbitrary<T>,
  steps: (value: T) => Promise<Step[]>,
  examples: T[] = [],
): Promise<ScenarioResult> {
  const tally = new Tally(req, ctx, { cap: WARNINGS, counterexamples: true });
  // A value's steps are one sequence: a failing step is reported with those sent before it.
  const failing = new Map<T, { step: Step; before: Step[] }>();
  let sent = 0;
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (value) => {
      // Past the requirement's time limit (its own work), the rest passes unsent.
      if (ctx.expired()) return true;
      sent++;
      const sequence = await steps(value);
      for (const [i, s] of sequence.entries()) {
        if (tally.judge(s, sequence.slice(0, i))) {
          failing.set(value, { step: s, before: sequence.slice(0, i) });
          return false;
        }
      }
      return true;
    }),
    { seed: ctx.seed, numRuns: ctx.runs, examples: examples.map((e) => [e] as [T]) },
  );
  if (!details.failed) return tally.result(ctx.expired() ? `stopped by its time limit (--time-limit ${ctx.timeLimitMs} ms) after ${sent} of ${ctx.runs + examples.length} runs` : undefined);
  const found = details.counterexample && failing.get(details.counterexample[0]);
  // No step failed, so the property threw: the suite's error, not the server's.
  return found ? tally.result(undefined, found.step, found.before) : tally.suiteError(details.errorInstance);
}
