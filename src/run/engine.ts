// Runs one requirement: boundary cases first, then random cases; a failure is shrunk by fast-check.
import fc from 'fast-check';
import { GenerationError, withGenerationDeadline } from '../../generators/bounded.ts';
import { CaseBuilder, planCases, withValue } from '../../generators/cases.ts';
import { splitPointer } from '../../generators/values.ts';
import { runChecks, succeeded } from '../judge/checks.ts';
import { covers, expectationFor, type Expected } from '../judge/expectation.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import { Scope, type SendOptions, type Transport } from '../http/index.ts';
import type { Case, Probe, Requirement, UndecidedPoint } from '../model/types.ts';
import { CaseSequence, GENERATION_LIMIT_MS } from './case-sequence.ts';
import { informativeFirst, requirementSeed } from './planner.ts';
import { pool } from './pool.ts';
import { RwLock } from './rw-lock.ts';
import { failedChecks, recordFailure } from '../results/failure-record.ts';
import { redact, toHttpRequest } from '../http/request.ts';
import { type FailureRecord, headOf, type ProbeResult, type RequirementResult, unrun } from '../results/report.ts';
import type { ConformanceSpec, Execution, ScenarioContext, Session } from '../model/vendor.ts';
import type { SipEndpoint } from '../sip/endpoint.ts';

export interface RunSettings {
  target: string;
  seed: number;
  runs: number;
  /** Upper bound for one requirement, shrinking included. */
  timeLimitMs: number;
  /** Command that reruns this requirement; `{id}` is replaced. */
  replay: string;
  /** Under a request budget: cases per requirement id (src/planner.ts); 0 skips, absent ids (sub-requirements) run unplanned. */
  allotment?: Map<string, number>;
  /** The run's SIP endpoint (registrar), for wire requirements. */
  sip?: SipEndpoint;
}

/** Cases of one requirement in flight at once (the client bounds the total). */
const CASES_IN_FLIGHT = 4;

/** Index of the first case that fails, dispatching in order, at most `width` at a time; stops early. */
async function firstFailing(cases: CaseSequence, passes: (c: Case) => Promise<boolean>, width: number, scope: Scope): Promise<number | undefined> {
  let failed: number | undefined;
  const send = async (i: number) => {
    if (!(await passes(cases.at(i)))) failed = Math.min(failed ?? i, i);
  };
  await pool(cases.length, width, send, () => failed !== undefined || Date.now() >= scope.deadline);
  return failed;
}

/** How far past its time limit a requirement may run (the limit grows with pacing and 429 waits) before it is given up. */
export const OVERRUN_GRACE_MS = 30_000;

/**
 * A requirement that runs on past its deadline plus the grace is a bug of the suite (every request has
 * its own timeout, every wait is counted into the deadline): it ends as a suite error, so the run ends.
 */
async function overrunGuard(running: Promise<RequirementResult>, scope: Scope, req: Requirement): Promise<RequirementResult> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<RequirementResult>((resolve) => {
    const check = () => {
      if (Date.now() <= scope.deadline + OVERRUN_GRACE_MS) return void (timer = setTimeout(check, 1000));
      resolve(unrun(req, 'error', `suite error: still running ${Math.round(OVERRUN_GRACE_MS / 1000)} s past its time limit (${Math.round(scope.limitMs / 1000)} s, waits included); given up`));
    };
    timer = setTimeout(check, 1000);
  });
  try {
    return await Promise.race([running, overrun]);
  } finally {
    clearTimeout(timer);
  }
}

export class Engine {
  private readonly turns = new RwLock();

  constructor(
    readonly spec: ConformanceSpec,
    readonly session: Session,
    readonly transport: Transport,
    readonly settings: RunSettings,
  ) {}

  async execute(generated: Case, scope?: Scope): Promise<Execution> {
    const c = this.session.prepare?.(generated) ?? generated;
    const op = this.spec.model.operations[c.operation]!;
    const { request, response } = await this.send(c, scope);
    const expected = expectationFor(c.violations, this.spec.catalogue);
    const outcomes = runChecks({ expected, response, operation: op, envelope: this.spec.envelope, validators: this.spec.validators, responseMediaType: this.spec.responseMediaType });
    return { request, response, expected, outcomes };
  }

  /** Sends a case as it is (no prepare hook): what checks and scenarios both rely on. */
  private async send(c: Case, scope?: Scope): Promise<{ request: HttpRequest; response: HttpResponse }> {
    const op = this.spec.model.operations[c.operation]!;
    const build = () => toHttpRequest(c, op, this.session, this.settings.target);
    const sentAt = Date.now();
    const request = build();
    const options: SendOptions = { idempotent: op.idempotent, credential: credentialOf(c), scope };
    const { reauthenticate } = this.session;
    if (c.auth.kind === 'valid' && reauthenticate) options.reauthenticate = () => reauthenticate.call(this.session, sentAt).then(build);
    const response = await this.transport.send(request, options);
    this.session.observe?.(c, response);
    return { request, response };
  }

  /** Runs a requirement in its turn: an exclusive one alone, the others together. */
  async run(req: Requirement): Promise<RequirementResult> {
    const alone = req.exclusive === true;
    await this.turns.acquire(alone);
    try {
      return await this.runInTurn(req);
    } finally {
      this.turns.release(alone);
    }
  }

  /** Runs a requirement within the turn already taken (a composite scenario's parts run in their parent's). */
  private async runInTurn(req: Requirement): Promise<RequirementResult> {
    const scope = new Scope(this.settings.timeLimitMs);
    const started = performance.now();
    const running = this.session.around ? this.session.around(req, () => this.runOne(req, scope)) : this.runOne(req, scope);
    const result = await overrunGuard(running, scope, req);
    return { ...result, covers: covers(req), durationMs: Math.round(performance.now() - started), requests: scope.sent };
  }

  private async runOne(req: Requirement, scope: Scope): Promise<RequirementResult> {
    const head = headOf(req);
    const seed = requirementSeed(this.settings.seed, req.id);
    const allotted = this.settings.allotment?.get(req.id);
    if (allotted === 0) {
      return unrun(req, 'skip', 'the request budget did not reach this requirement (--budget)');
    }
    try {
      if (req.trigger.kind === 'scenario') {
        const scenario = this.spec.scenarios[req.trigger.scenario];
        if (!scenario) throw new Error(`unknown scenario ${req.trigger.scenario}`);
        const result = await scenario(req, this.scenarioContext(req, seed, scope, allotted ?? this.settings.runs));
        return overBudget({ ...head, ...result, failures: result.failures.map((f) => redact(f, this.session.secrets)) }, scope);
      }
      const plan = withGenerationDeadline(GENERATION_LIMIT_MS, () => planCases(req, this.spec, this.session, seed));
      if ('skip' in plan) return unrun(req, 'skip', plan.skip);
      return overBudget({ ...head, ...(await this.property(req, plan.arbitrary, plan.examples, seed, scope, allotted)) }, scope);
    } catch (err) {
      if (err instanceof GenerationError) return unrun(req, 'skip', `cannot generate cases: ${err.message}`);
      return unrun(req, 'error', `suite error: ${(err as Error).message}`);
    }
  }

  /**
   * Boundaries first, then `runs` random cases, sent several at a time. The random cases are sampled
   * with the requirement's seed, which yields exactly the values fc.check generates: a failure at
   * random index k is handed to fc.check as path k, which replays it and shrinks it.
   */
  private async property(req: Requirement, arbitrary: fc.Arbitrary<Case>, examples: Case[], seed: number, scope: Scope, allotted?: number) {
    let cases = 0;
    let casesToFailure: number | undefined;
    let transportFailure = false;
    // Executions of failing cases only: memory stays flat in the number of passing cases.
    const failed = new WeakMap<Case, Execution>();
    const warnings: FailureRecord[] = [];
    const passes = async (c: Case): Promise<boolean> => {
      // Once the target stops answering, shrinking cannot make the input smaller in any useful way:
      // stop sending, so a hanging or resetting server costs one timeout per requirement, not hundreds.
      if (transportFailure) return true;
      const execution = await this.execute(c, scope);
      if (execution.response.error?.cause === 'budget') return true;
      cases++;
      if (execution.response.error) transportFailure = true;
      const broken = execution.outcomes.filter((o) => !o.ok);
      if (broken.some((o) => o.level === 'MUST')) {
        failed.set(c, execution);
        casesToFailure ??= cases;
        return false;
      }
      if (broken.length > 0 && warnings.length < 3) warnings.push(this.record(req, c, execution, 'SHOULD'));
      return true;
    };
    // Under a budget: the most informative examples first, then random cases, `allotted` in all.
    const fixed = allotted === undefined ? examples : informativeFirst(examples).slice(0, allotted);
    const runs = allotted === undefined ? this.settings.runs : allotted - fixed.length;
    const all = new CaseSequence(fixed, arbitrary, seed, runs);
    // Generate the first random chunk before anything is sent: a schema that cannot be satisfied is a skip, not a half-run.
    if (all.length > fixed.length) all.at(fixed.length);
    const failing = await firstFailing(all, passes, this.spec.sequentialCases ? 1 : CASES_IN_FLIGHT, scope);
    if (failing === undefined) {
      const interrupted = cases < all.length && !transportFailure && scope.refused === 0;
      const reason = interrupted ? `stopped after ${this.settings.timeLimitMs} ms of work (${cases} cases)` : undefined;
      return { verdict: warnings.length ? ('warn' as const) : ('pass' as const), cases, reason, failures: warnings };
    }
    let counterexample = all.at(failing);
    // Shrinking sends requests: under a budget the failing case is reported as it was sent.
    if (failing >= fixed.length && !transportFailure && allotted === undefined) {
      const details = await fc.check(fc.asyncProperty(arbitrary, passes), {
        ...all.replay(failing),
        interruptAfterTimeLimit: Math.max(1000, scope.deadline - Date.now()),
        markInterruptAsFailure: false,
      });
      if (details.failed && details.counterexample) counterexample = details.counterexample[0];
      else if (details.failed) return { verdict: 'error' as const, cases, reason: `suite error: ${String(details.errorInstance)}`, failures: warnings };
    }
    const execution = failed.get(counterexample) ?? (await this.execute(counterexample, scope));
    return { verdict: 'fail' as const, cases, casesToFailure, failures: [this.record(req, counterexample, execution, 'MUST'), ...warnings] };
  }

  /**
   * Sends each probe of the spec's undecided points once, one at a time (a probe the server accepts
   * may change its state), and reports what the server chose. Never a verdict.
   */
  async probeAll(points: UndecidedPoint[] = this.spec.undecided ?? []): Promise<ProbeResult[]> {
    const results: ProbeResult[] = [];
    let silent = 0;
    for (const point of points) {
      for (const probe of point.probes) {
        // A target that stopped answering would make every further probe wait out the timeout.
        const result = await this.probe(point, probe, silent >= PROBE_SILENCE_LIMIT);
        silent = result.outcome === 'no-answer' ? silent + 1 : 0;
        results.push(result);
      }
    }
    return results;
  }

  private async probe(point: UndecidedPoint, probe: Probe, targetSilent: boolean): Promise<ProbeResult> {
    const head = { point: point.id, title: point.title, source: point.source };
    const note = probe.note ?? (probe.path ? `${probe.path} ${probe.omit ? 'absent' : `= ${JSON.stringify(probe.value)}`}` : 'probe');
    if (targetSilent) return { ...head, case: `${note} (not sent: the target answered none of the last ${PROBE_SILENCE_LIMIT} probes)`, outcome: 'no-answer', status: 0 };
    try {
      const req: Requirement = { id: `probe:${point.id}`, title: point.title, level: 'SHOULD', source: point.source, operation: probe.operation, trigger: { kind: 'valid' }, expect: { status: [], statusLevel: 'SHOULD' } };
      const b = new CaseBuilder(this.spec, req, requirementSeed(this.settings.seed, req.id));
      const valid = b.minimal();
      const edited = probe.edit ? probe.edit(valid) : probe.path ? { ...valid, input: withValue(valid.input, splitPointer(probe.path), probe.omit ? { omit: true } : { value: probe.value ?? null }) } : valid;
      const c = this.session.prepare?.({ ...edited, note }) ?? { ...edited, note };
      const { response } = await this.send(c, new Scope(this.settings.timeLimitMs));
      if (response.error) return { ...head, case: note, outcome: 'no-answer', status: 0 };
      const body = response.json && 'value' in response.json ? response.json.value : undefined;
      const observed = probe.observe?.(body);
      const seen = observed === undefined ? {} : { observed };
      if (succeeded(response, this.spec.envelope)) return { ...head, case: note, outcome: 'accepted', status: response.status, ...seen };
      const codes = body === undefined ? [] : this.spec.envelope.read(body).codes;
      return { ...head, case: note, outcome: 'rejected', status: response.status, ...(codes.length && { codes }), ...seen };
    } catch (err) {
      return { ...head, case: `${note} (not sent: ${(err as Error).message})`, outcome: 'no-answer', status: 0 };
    }
  }

  record(req: Requirement, c: Case, e: Execution, level: 'MUST' | 'SHOULD'): FailureRecord {
    const note = { level, expected: describeExpected(e.expected), checks: failedChecks(e.outcomes, level), counterexample: true };
    return recordFailure({ case: c, request: e.request, response: e.response }, note, this.settings.replay.replace('{id}', req.id), this.session.secrets);
  }

  private scenarioContext(req: Requirement, seed: number, scope: Scope, runs: number): ScenarioContext {
    const { transport } = this;
    return {
      spec: this.spec,
      session: this.session,
      client: { send: (request, o) => transport.send(request, { scope, ...o }), stats: transport.stats },
      seed,
      runs,
      timeLimitMs: this.settings.timeLimitMs,
      replay: this.settings.replay.replace('{id}', req.id),
      send: (c) => this.send(c, scope),
      execute: (c) => this.execute(c, scope),
      record: (c, execution, level) => this.record(req, c, execution, level),
      runRequirement: (sub) => this.runInTurn(sub),
      sip: () => this.settings.sip?.access() ?? Promise.resolve({ skip: 'this run has no SIP endpoint' }),
    };
  }
}

/** Probes in a row without an answer after which the rest are reported unsent. */
const PROBE_SILENCE_LIMIT = 3;

/** Whom a vendor counts a case against: its role or fixture credential; no or wrong credentials count as the main one. */
function credentialOf(c: Case): string {
  if (c.auth.kind === 'fixture') return `fixture:${c.auth.fixture}`;
  if (c.auth.kind === 'valid' && c.auth.role) return `role:${c.auth.role}`;
  return 'default';
}

/** A requirement some of whose requests the budget refused: a verdict only from a failure it did see, else skip. */
function overBudget(result: RequirementResult, scope: Scope): RequirementResult {
  if (scope.refused === 0) return result;
  const seen = result.failures.some((f) => f.level === 'MUST' && !f.actual.error?.startsWith('budget'));
  if (result.verdict === 'fail' && seen) return result;
  return { ...result, verdict: 'skip', reason: `the request budget ran out after ${result.cases} case(s) of this requirement (--budget)`, failures: [] };
}

export function describeExpected(e: Expected): string {
  if (e.accept === true) return '2xx with a body valid against the success schema';
  if (e.accept === 'either') return 'any answer but a server error (the documents leave this case open)';
  const parts = [`status ${e.status.join(' or ')} (${e.statusLevel})`];
  if (e.codes) parts.push(`error code ${e.codes.join(' or ')} (${e.codeLevel})`);
  if (e.paramLevel) parts.push(`naming ${[...new Set(e.params)].join(' or ')} (${e.paramLevel})`);
  return parts.join(', ');
}
