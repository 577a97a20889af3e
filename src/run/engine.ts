// Runs one requirement: boundary cases first, then random cases; a failure is shrunk by fast-check.
import fc from 'fast-check';
import { GenerationError, withGenerationDeadline } from '../../generators/bounded.ts';
import { CaseBuilder, planCases, withValue } from '../../generators/cases.ts';
import { splitPointer } from '../../generators/values.ts';
import { runChecks, succeeded } from '../judge/checks.ts';
import { covers, expectationFor, type Expected } from '../judge/expectation.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import { Scope, type SendOptions, type Transport } from '../http/index.ts';
import type { Case, ErrorEnvelope, Probe, Requirement, UndecidedPoint } from '../model/types.ts';
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
  /** Where the budget comes from, for the reasons of what it did not reach (e.g. `--budget 48`, `--max-time 15m`). */
  budgetFrom?: string;
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
  await pool(cases.length, width, send, () => failed !== undefined || scope.expired);
  return failed;
}

/** How far past its time limit a requirement's own work may run (waits for the pacer and 429s stop its clock) before it is given up. */
export const OVERRUN_GRACE_MS = 30_000;

/**
 * A requirement whose own work runs on past its time limit plus the grace is a bug of the suite (every
 * request has its own timeout; waits stop the clock): it ends as a suite error, so the run ends.
 */
async function overrunGuard(running: Promise<RequirementResult>, scope: Scope, req: Requirement): Promise<RequirementResult> {
  let timer: NodeJS.Timeout | undefined;
  const overrun = new Promise<RequirementResult>((resolve) => {
    const check = () => {
      if (scope.workMs() <= scope.limitMs + OVERRUN_GRACE_MS) return void (timer = setTimeout(check, 1000));
      resolve(unrun(req, 'error', `suite error: still running ${Math.round(OVERRUN_GRACE_MS / 1000)} s past its time limit (${Math.round(scope.limitMs / 1000)} s of its own work, waits excluded); given up`));
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

  #validOperations?: Set<string>;
  /** The operations a `valid` requirement covers (found once: a large document has tens of thousands of requirements). */
  private get validOperations(): Set<string> {
    return (this.#validOperations ??= new Set(this.spec.catalogue.filter((r) => r.trigger.kind === 'valid').map((r) => r.operation)));
  }

  async execute(generated: Case, scope?: Scope): Promise<Execution> {
    const c = this.session.prepare?.(generated) ?? generated;
    const op = this.spec.model.operations[c.operation]!;
    const { request, response } = await this.send(c, scope);
    const expected = expectationFor(c.violations, this.spec.catalogue, c.operation);
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

  /**
   * Runs a requirement within the turn already taken (a composite scenario's parts run in their
   * parent's, and the requests of a part count to its parent too).
   */
  private async runInTurn(req: Requirement, parent?: Scope): Promise<RequirementResult> {
    const scope = new Scope(this.settings.timeLimitMs);
    const started = performance.now();
    const running = this.session.around ? this.session.around(req, () => this.runOne(req, scope)) : this.runOne(req, scope);
    const result = await overrunGuard(running, scope, req);
    if (parent) parent.sent += scope.sent;
    return { ...result, covers: covers(req), durationMs: Math.round(performance.now() - started), requests: scope.sent };
  }

  private async runOne(req: Requirement, scope: Scope): Promise<RequirementResult> {
    const head = headOf(req);
    const seed = requirementSeed(this.settings.seed, req.id);
    const allotted = this.settings.allotment?.get(req.id);
    if (allotted === 0) {
      return { ...unrun(req, 'skip', `not sent (budget): the request budget (${this.settings.budgetFrom ?? '--budget'}) did not reach this requirement`), cut: 'budget' };
    }
    try {
      if (req.trigger.kind === 'scenario') {
        const scenario = this.spec.scenarios[req.trigger.scenario];
        if (!scenario) throw new Error(`unknown scenario ${req.trigger.scenario}`);
        const result = await scenario(req, this.scenarioContext(req, seed, scope, allotted ?? this.settings.runs));
        if (result.cases === 0 && (result.verdict === 'pass' || result.verdict === 'warn') && scope.refused === 0) return unrun(req, 'error', 'suite error: the scenario passed without judging any exchange');
        return unsent({ ...head, ...result, failures: result.failures.map((f) => redact(f, this.session.secrets)) }, scope);
      }
      const plan = withGenerationDeadline(GENERATION_LIMIT_MS, () => planCases(req, this.spec, this.session, seed));
      if ('skip' in plan) return unrun(req, 'skip', plan.skip);
      return unsent({ ...head, ...(await this.property(req, plan.arbitrary, plan.examples, seed, scope, allotted)) }, scope);
    } catch (err) {
      if (err instanceof GenerationError) return unrun(req, 'skip', err.reason);
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
    const own = ownChecks(req, this.validOperations);
    const passes = async (c: Case): Promise<boolean> => {
      // Once the target stops answering, shrinking cannot make the input smaller in any useful way:
      // stop sending, so a hanging or resetting server costs one timeout per requirement, not hundreds.
      // Past its time limit, the rest passes unsent: shrinking ends on the smallest failure found so far.
      if (transportFailure || scope.expired) return true;
      const execution = own(await this.execute(c, scope));
      if (execution.response.error?.cause === 'budget' || execution.response.error?.cause === 'unreachable') return true;
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
      // No case sent is no pass: the time limit ran out first (skip), or a bug of ours (error).
      if (cases === 0 && scope.refused === 0) {
        return interrupted
          ? { verdict: 'skip' as const, cases, reason: `the time limit (--time-limit ${this.settings.timeLimitMs} ms) ran out before a case was sent`, failures: [] }
          : { verdict: 'error' as const, cases, reason: 'suite error: no case was sent', failures: [] };
      }
      const reason = interrupted ? `stopped after ${this.settings.timeLimitMs} ms of work (${cases} cases)` : undefined;
      return { verdict: warnings.length ? ('warn' as const) : ('pass' as const), cases, reason, failures: warnings };
    }
    let counterexample = all.at(failing);
    // Shrinking sends requests: under a budget the failing case is reported as it was sent.
    if (failing >= fixed.length && !transportFailure && allotted === undefined) {
      const details = await fc.check(fc.asyncProperty(arbitrary, passes), {
        ...all.replay(failing),
      });
      if (details.failed && details.counterexample) counterexample = details.counterexample[0];
      else if (details.failed) return { verdict: 'error' as const, cases, reason: `suite error: ${String(details.errorInstance)}`, failures: warnings };
    }
    const execution = failed.get(counterexample) ?? own(await this.execute(counterexample, scope));
    return { verdict: 'fail' as const, cases, casesToFailure, failures: [this.record(req, counterexample, execution, 'MUST'), ...warnings] };
  }

  /**
   * Sends each probe of the spec's undecided points once, one at a time (a probe the server accepts
   * may change its state), and reports what the server chose. Never a verdict.
   */
  async probeAll(points: UndecidedPoint[] = this.spec.undecided ?? []): Promise<ProbeResult[]> {
    const results: ProbeResult[] = [];
    // Probes in a row the target did not answer: past the limit, the rest would each wait out the timeout.
    const silence = { count: 0 };
    for (const point of points) for (const probe of point.probes) results.push(await this.probe(point, probe, silence));
    return results;
  }

  private async probe(point: UndecidedPoint, probe: Probe, silence: { count: number }): Promise<ProbeResult> {
    const head = { point: point.id, title: point.title, source: point.source };
    const note = probe.note ?? (probe.path ? `${probe.path} ${probe.omit ? 'absent' : `= ${JSON.stringify(probe.value)}`}` : 'probe');
    if (silence.count >= PROBE_SILENCE_LIMIT) return { ...head, case: `${note} (not sent: the target answered none of the last ${PROBE_SILENCE_LIMIT} probes)`, outcome: 'no-answer', status: 0 };
    try {
      const req: Requirement = { id: `probe:${point.id}`, title: point.title, level: 'SHOULD', source: point.source, operation: probe.operation, trigger: { kind: 'valid' }, expect: { status: [], statusLevel: 'SHOULD' } };
      const b = new CaseBuilder(this.spec, req, requirementSeed(this.settings.seed, req.id));
      const valid = b.minimal();
      const edited = probe.edit ? probe.edit(valid) : probe.path ? { ...valid, input: withValue(valid.input, splitPointer(probe.path), probe.omit ? { omit: true } : { value: probe.value ?? null }) } : valid;
      const c = this.session.prepare?.({ ...edited, note }) ?? { ...edited, note };
      const { response } = await this.send(c, new Scope(this.settings.timeLimitMs));
      // A probe the budget or time box kept back says nothing of the target.
      const { cause, message } = response.error ?? {};
      if (cause === 'budget' || cause === 'unreachable') return { ...head, case: `${note} (not sent (${cause}): ${message!.replace(/; not sent$/, '')})`, outcome: 'no-answer', status: 0 };
      silence.count = response.error ? silence.count + 1 : 0;
      if (response.error) return { ...head, case: note, outcome: 'no-answer', status: 0 };
      const body = response.json && 'value' in response.json ? response.json.value : undefined;
      const observed = probe.observe?.(body);
      const seen = observed === undefined ? {} : { observed };
      if (succeeded(response, this.spec.envelope)) return { ...head, case: note, outcome: 'accepted', status: response.status, ...seen };
      const { words, read } = this.spec.envelope;
      const codes = body === undefined ? [] : words ? [words.in(body) ?? ''].filter(Boolean) : read(body).codes;
      return { ...head, case: note, outcome: 'rejected', status: response.status, ...(codes.length && { codes }), ...seen };
    } catch (err) {
      return { ...head, case: `${note} (not sent: ${(err as Error).message})`, outcome: 'no-answer', status: 0 };
    }
  }

  record(req: Requirement, c: Case, e: Execution, level: 'MUST' | 'SHOULD'): FailureRecord {
    const note = { level, expected: describeExpected(e.expected, this.spec.envelope), checks: failedChecks(e.outcomes, level), counterexample: true };
    return recordFailure({ case: c, request: e.request, response: e.response }, note, this.settings.replay.replaceAll('{id}', req.id), this.session.secrets);
  }

  private scenarioContext(req: Requirement, seed: number, scope: Scope, runs: number): ScenarioContext {
    const { transport } = this;
    return {
      spec: this.spec,
      session: this.session,
      client: { send: (request, o) => transport.send(request, { scope, ...o }), stats: transport.stats },
      target: this.settings.target,
      seed,
      runs,
      timeLimitMs: this.settings.timeLimitMs,
      expired: () => scope.expired,
      replay: this.settings.replay.replaceAll('{id}', req.id),
      send: (c) => this.send(c, scope),
      execute: (c) => this.execute(c, scope),
      record: (c, execution, level) => this.record(req, c, execution, level),
      runRequirement: (sub) => this.runInTurn(sub, scope),
      sip: () => this.settings.sip?.access() ?? Promise.resolve({ skip: 'this run has no SIP endpoint' }),
    };
  }
}

/**
 * One cause, one failure: a valid-side control of a negative requirement whose answer breaks the
 * success schema fails the operation's `valid` requirement (which sends valid requests too), not
 * this one, whose request side held. Without a `valid` requirement of the operation, it stays here.
 */
function ownChecks(req: Requirement, validOperations: Set<string>): (e: Execution) => Execution {
  const elsewhere = req.trigger.kind !== 'valid' && validOperations.has(req.operation);
  if (!elsewhere) return (e) => e;
  return (e) => ({ ...e, outcomes: e.outcomes.filter((o) => o.check !== 'response_schema_conformance') });
}

/** Probes in a row without an answer after which the rest are reported unsent. */
const PROBE_SILENCE_LIMIT = 3;

/** Whom a vendor counts a case against: its role or fixture credential; no or wrong credentials count as the main one. */
function credentialOf(c: Case): string {
  if (c.auth.kind === 'fixture') return `fixture:${c.auth.fixture}`;
  if (c.auth.kind === 'valid' && c.auth.role) return `role:${c.auth.role}`;
  return 'default';
}

/** A requirement some of whose requests were not sent (budget, time box, unreachable target): a verdict only from a failure it did see, else skip. */
function unsent(result: RequirementResult, scope: Scope): RequirementResult {
  if (scope.refused === 0) return result;
  const seen = result.failures.some((f) => f.level === 'MUST' && !/^(budget|unreachable):/.test(f.actual.error ?? ''));
  if (result.verdict === 'fail' && seen) return result;
  const { kind, why } = scope.refusal ?? { kind: 'budget', why: 'request budget spent' };
  return { ...result, verdict: 'skip', reason: `not sent (${kind}): ${why}, after ${result.cases} case(s) of this requirement`, failures: [], cut: kind };
}

/** What a case expected, in the vendor's words where its envelope has them. */
export function describeExpected(e: Expected, envelope?: Pick<ErrorEnvelope, 'words'>): string {
  if (e.accept === true) return '2xx with a body valid against the success schema';
  if (e.accept === 'either') return 'any answer but a server error (the documents leave this case open)';
  const parts = [`status ${e.status.join(' or ')} (${e.statusLevel})`];
  const words = envelope?.words;
  if (e.codes) parts.push(words ? `error ${e.codes.map(words.of).join(' or ')} (${e.codeLevel})` : `error code ${e.codes.join(' or ')} (${e.codeLevel})`);
  if (e.paramLevel) parts.push(`naming ${[...new Set(e.params)].join(' or ')} (${e.paramLevel})`);
  return parts.join(', ');
}
