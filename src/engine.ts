// Runs one requirement: boundary cases first, then random cases; a failure is shrunk by fast-check.
import fc from 'fast-check';
import { GenerationError, withGenerationDeadline } from '../generators/bounded.ts';
import { planCases } from '../generators/cases.ts';
import { type CheckOutcome, runChecks } from './checks.ts';
import { expectationFor, type Expected } from './expectation.ts';
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.ts';
import type { Case, Requirement } from './model.ts';
import { curlOf, redact, toHttpRequest } from './request-builder.ts';
import type { FailureRecord, RequirementResult } from './results.ts';
import type { ConformanceSpec, ScenarioContext, Session } from './spec.ts';

export interface RunSettings {
  target: string;
  seed: number;
  runs: number;
  /** Upper bound for one requirement, shrinking included. */
  timeLimitMs: number;
  /** Command that reruns this requirement; `{id}` is replaced. */
  replay: string;
}

const RATE_LIMIT_TRIES = 3;
/** Cases of one requirement in flight at once (the client bounds the total). */
const CASES_IN_FLIGHT = 4;
/** Wall-clock bound on generating one requirement's cases (the guard against runaway generation). */
export const GENERATION_LIMIT_MS = 5000;

/** Index of the first case that fails, dispatching in order, at most `width` at a time; stops early. */
async function firstFailing(cases: Case[], passes: (c: Case) => Promise<boolean>, width: number, deadline: number): Promise<number | undefined> {
  let next = 0;
  let failed: number | undefined;
  const worker = async () => {
    while (failed === undefined && next < cases.length && Date.now() < deadline) {
      const i = next++;
      if (!(await passes(cases[i]!))) failed = Math.min(failed ?? i, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, cases.length) }, worker));
  return failed;
}

export interface Execution {
  request: HttpRequest;
  response: HttpResponse;
  expected: Expected;
  outcomes: CheckOutcome[];
}

/** A stable 31-bit seed per requirement, so one run seed replays every requirement alike. */
export function requirementSeed(runSeed: number, id: string): number {
  let h = runSeed | 0;
  for (const ch of id) h = Math.imul(h ^ ch.charCodeAt(0), 0x9e3779b1);
  return (h >>> 1) & 0x7fffffff;
}

export class Engine {
  constructor(
    readonly spec: ConformanceSpec,
    readonly session: Session,
    readonly client: HttpClient,
    readonly settings: RunSettings,
  ) {}

  async execute(generated: Case): Promise<Execution> {
    const c = this.session.prepare?.(generated) ?? generated;
    const op = this.spec.model.operations[c.operation]!;
    const { request, response } = await this.send(c);
    const expected = expectationFor(c.violations, this.spec.catalogue);
    const outcomes = runChecks({ expected, response, operation: op, envelope: this.spec.envelope, responseMediaType: this.spec.responseMediaType });
    return { request, response, expected, outcomes };
  }

  /** Sends a case as it is (no prepare hook): what checks and scenarios both rely on. */
  private async send(c: Case): Promise<{ request: HttpRequest; response: HttpResponse }> {
    const request = toHttpRequest(c, this.spec.model.operations[c.operation]!, this.session, this.settings.target);
    const response = await this.sendPolitely(request);
    this.session.observe?.(c, response);
    return { request, response };
  }

  /** Retries 429 answers a bounded number of times; a server that keeps refusing gets a named cause. */
  async sendPolitely(request: HttpRequest): Promise<HttpResponse> {
    for (let attempt = 1; ; attempt++) {
      const response = await this.client.send(request);
      if (response.status !== 429) return response;
      if (attempt === RATE_LIMIT_TRIES) {
        return { ...response, error: { cause: 'rate-limited', message: `429 Too Many Requests ${RATE_LIMIT_TRIES} times in a row` } };
      }
      const retryAfter = Number(response.headers['retry-after']);
      await new Promise((r) => setTimeout(r, Math.min(Number.isFinite(retryAfter) ? retryAfter * 1000 : 200, 1000)));
    }
  }

  async run(req: Requirement): Promise<RequirementResult> {
    return this.session.around ? this.session.around(req, () => this.runOne(req)) : this.runOne(req);
  }

  private async runOne(req: Requirement): Promise<RequirementResult> {
    const head = { id: req.id, errorCode: req.errorCode, title: req.title, level: req.level, source: req.source, operation: req.operation };
    const seed = requirementSeed(this.settings.seed, req.id);
    try {
      if (req.trigger.kind === 'scenario') {
        const scenario = this.spec.scenarios[req.trigger.scenario];
        if (!scenario) throw new Error(`unknown scenario ${req.trigger.scenario}`);
        const result = await scenario(req, this.scenarioContext(seed));
        return { ...head, ...result, failures: result.failures.map((f) => redact(f, this.session.secrets)) };
      }
      const generated = withGenerationDeadline(GENERATION_LIMIT_MS, () => {
        const plan = planCases(req, this.spec, this.session, seed);
        return 'skip' in plan ? plan : { ...plan, random: fc.sample(plan.arbitrary, { seed, numRuns: this.settings.runs }) };
      });
      if ('skip' in generated) return { ...head, verdict: 'skip', cases: 0, reason: generated.skip, failures: [] };
      return { ...head, ...(await this.property(req, generated.arbitrary, [...generated.examples, ...generated.random], generated.examples.length, seed)) };
    } catch (err) {
      if (err instanceof GenerationError) return { ...head, verdict: 'skip', cases: 0, reason: `cannot generate cases: ${err.message}`, failures: [] };
      return { ...head, verdict: 'fail', cases: 0, reason: `suite error: ${(err as Error).message}`, failures: [] };
    }
  }

  /**
   * Boundaries first, then `runs` random cases, sent several at a time. The random cases are sampled
   * with the requirement's seed, which yields exactly the values fc.check generates: a failure at
   * random index k is handed to fc.check as path k, which replays it and shrinks it.
   */
  private async property(req: Requirement, arbitrary: fc.Arbitrary<Case>, all: Case[], boundaries: number, seed: number) {
    let cases = 0;
    let casesToFailure: number | undefined;
    let transportFailure = false;
    const seen = new WeakMap<Case, Execution>();
    const warnings: FailureRecord[] = [];
    const passes = async (c: Case): Promise<boolean> => {
      // Once the target stops answering, shrinking cannot make the input smaller in any useful way:
      // stop sending, so a hanging or resetting server costs one timeout per requirement, not hundreds.
      if (transportFailure) return true;
      cases++;
      const execution = await this.execute(c);
      seen.set(c, execution);
      if (execution.response.error) transportFailure = true;
      const failed = execution.outcomes.filter((o) => !o.ok);
      if (failed.some((o) => o.level === 'MUST')) {
        casesToFailure ??= cases;
        return false;
      }
      if (failed.length > 0 && warnings.length < 3) warnings.push(this.record(req, c, execution, 'SHOULD'));
      return true;
    };
    const started = Date.now();
    const failing = await firstFailing(all, passes, this.spec.sequentialCases ? 1 : CASES_IN_FLIGHT, started + this.settings.timeLimitMs);
    if (failing === undefined) {
      const interrupted = cases < all.length && !transportFailure;
      const reason = interrupted ? `stopped after ${this.settings.timeLimitMs} ms (${cases} cases)` : undefined;
      return { verdict: warnings.length ? ('warn' as const) : ('pass' as const), cases, reason, failures: warnings };
    }
    let counterexample = all[failing]!;
    if (failing >= boundaries && !transportFailure) {
      const details = await fc.check(fc.asyncProperty(arbitrary, passes), {
        seed,
        path: String(failing - boundaries),
        numRuns: this.settings.runs,
        interruptAfterTimeLimit: Math.max(1000, started + this.settings.timeLimitMs - Date.now()),
        markInterruptAsFailure: false,
      });
      if (details.failed && details.counterexample) counterexample = details.counterexample[0];
      else if (details.failed) return { verdict: 'fail' as const, cases, reason: `suite error: ${String(details.errorInstance)}`, failures: warnings };
    }
    const execution = seen.get(counterexample) ?? (await this.execute(counterexample));
    return { verdict: 'fail' as const, cases, casesToFailure, failures: [this.record(req, counterexample, execution, 'MUST'), ...warnings] };
  }

  record(req: Requirement, c: Case, e: Execution, level: 'MUST' | 'SHOULD'): FailureRecord {
    const failed = e.outcomes.filter((o) => !o.ok && (level === 'SHOULD' || o.level === 'MUST'));
    const record: FailureRecord = {
      level,
      case: c.note,
      violations: c.violations,
      request: e.request,
      expected: describeExpected(e.expected),
      actual: { status: e.response.status, body: e.response.text.slice(0, 500), ...(e.response.error && { error: `${e.response.error.cause}: ${e.response.error.message}` }) },
      checks: failed.map(({ check, level: l, message }) => ({ check, level: l, message })),
      replay: this.settings.replay.replace('{id}', req.id),
      curl: curlOf(e.request),
    };
    return redact(record, this.session.secrets);
  }

  private scenarioContext(seed: number): ScenarioContext {
    return {
      spec: this.spec,
      session: this.session,
      client: this.client,
      seed,
      runs: this.settings.runs,
      send: (c) => this.send(c),
      engine: this,
    };
  }
}

export function describeExpected(e: Expected): string {
  if (e.accept) return '2xx with a body valid against the success schema';
  const parts = [`status ${e.status.join(' or ')} (${e.statusLevel})`];
  if (e.codes) parts.push(`error code ${e.codes.join(' or ')} (${e.codeLevel})`);
  if (e.paramLevel) parts.push(`naming ${[...new Set(e.params)].join(' or ')} (${e.paramLevel})`);
  return parts.join(', ');
}
