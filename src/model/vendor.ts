// What a bundled or user-supplied spec provides to the engine.
import type { MockDefinition } from '../../mocks/kit.ts';
import type { Validators } from './validators.ts';
import type { CheckOutcome } from '../judge/checks.ts';
import type { Expected } from '../judge/expectation.ts';
import type { HttpRequest, HttpResponse } from '../http/client.ts';
import type { Rate, Transport } from '../http/index.ts';
import type { ApiModel, Case, ErrorEnvelope, Fixture, Level, Requirement, Rule, UndecidedPoint } from './types.ts';
import type { FailureRecord, RequirementResult } from '../results/report.ts';
import type { SipAccess, SipConfig } from '../sip/access.ts';

/** Per-spec settings after config validation; `raw` keeps the spec's own keys, as the spec validated them. */
export interface SpecSettings<Own extends object = Record<string, unknown>> {
  target?: string;
  headers: Record<string, string>;
  fixtures: Record<string, string>;
  raw: Own;
  /** Cases per requirement of this run (set by the runner before `open`), for specs that budget side effects. */
  runs?: number;
  /** The section's `sip` key (set by the CLI for `notices`: what the wire requirements will do). */
  sip?: SipConfig;
}

/** An authenticated connection to one target, made once per run. */
export interface Session {
  /** Auth headers/parameters for the case's AuthChoice. */
  authorize(c: Case): { headers?: Record<string, string>; query?: Record<string, string> };
  /** Headers every request carries unless the case omits them. */
  defaultHeaders: Record<string, string>;
  /** Fixture values available for this target (config, or the mock's own). */
  fixtures: Record<string, string>;
  /** Values that must never appear in reports or logs. */
  secrets: string[];
  /** Path overrides per operation id. */
  paths?: Record<string, string>;
  /** One line the run states with the target, e.g. where the session found the operations served. */
  notice?: string;
  /** Binds a generated case to data that exists on the target (ids of objects the session owns) just before it is sent. */
  prepare?(c: Case): Case;
  /** Sees every response to a case the engine or a scenario sent (e.g. to clean up what the run created). */
  observe?(c: Case, response: HttpResponse): void;
  /** Wraps each requirement run: may return a result without running it (skip) or serialise it. */
  around?(req: Requirement, run: () => Promise<RequirementResult>): Promise<RequirementResult>;
  /**
   * Renews expired credentials (logs in again, re-signs tokens) unless they were renewed after
   * `sentAt` (epoch ms), when the request that drew the 401 was built; a 401 to a valid request calls it once.
   */
  reauthenticate?(sentAt: number): Promise<void>;
  close?(): Promise<void>;
}

/** A case sent and judged: the request, the answer, what the catalogue expects of it and every check's outcome. */
export interface Execution {
  request: HttpRequest;
  response: HttpResponse;
  expected: Expected;
  outcomes: CheckOutcome[];
}

/** What a scenario may use while it checks one requirement; every request it sends counts against that requirement. */
export interface ScenarioContext<S extends Session = Session> {
  spec: ConformanceSpec;
  /** The session the spec's own `open` returned. */
  session: S;
  /** The run's transport, scoped to the requirement: raw requests a scenario builds itself go here. */
  client: Transport;
  /** The base URL the run sends to (the embedded mock's, or the target's). */
  target: string;
  seed: number;
  runs: number;
  /** Upper bound of the requirement's work, in ms. */
  timeLimitMs: number;
  /** Whether the requirement's own work has used its time limit (waits for the pacer and 429s excluded). */
  expired(): boolean;
  /** The command that reruns this requirement, for failure records a scenario builds itself. */
  replay: string;
  /** Sends a case as it is (no `prepare` hook), returning the request sent and the response. */
  send(c: Case): Promise<{ request: HttpRequest; response: HttpResponse }>;
  /** Sends a case as the runner does (`prepare` hook applied) and judges the answer with every check. */
  execute(c: Case): Promise<Execution>;
  /** A failure of this requirement as the runner records it: replay and curl lines, secrets redacted. */
  record(c: Case, execution: Execution, level: 'MUST' | 'SHOULD'): FailureRecord;
  /** Runs another requirement (a part of this one) as the runner would, with its own scope and seed. */
  runRequirement(req: Requirement): Promise<RequirementResult>;
  /** The run's registrar, started on first use, or why wire requirements cannot run (they skip with it). */
  sip(): Promise<SipAccess | { skip: string }>;
}

/** A requirement checked by a hand-written procedure (stateful behaviour, persistence). */
export type Scenario<S extends Session = Session> = (req: Requirement, ctx: ScenarioContext<S>) => Promise<ScenarioResult>;

/** A scenario's verdict; the runner adds the requirement's id, code, title, level and source. */
export type ScenarioResult = Omit<RequirementResult, 'id' | 'errorCode' | 'title' | 'level' | 'source'>;

/**
 * A vendor (or a user's document) as the engine runs it. `Own` is the type of the spec's own
 * config keys once validated, `S` its session: `settings` makes the one, `open` takes it and
 * makes the other, scenarios receive that session.
 */
export interface ConformanceSpec<Own extends object = Record<string, unknown>, S extends Session = Session> {
  name: string;
  model: ApiModel;
  catalogue: Requirement[];
  envelope: ErrorEnvelope;
  /** Media type successful and error responses must declare, with the rule's level and source. */
  responseMediaType?: { pattern: RegExp; level: Level; source: string };
  rules: Record<string, Rule>;
  /** This spec's own Ajv (its formats), created when the spec is loaded. */
  validators: Validators;
  fixtures: Record<string, Fixture>;
  scenarios: Record<string, Scenario<S>>;
  /** The reference mock; specs read from a user's file have none. */
  mock?: MockDefinition;
  /** Send one requirement's cases one at a time (stateful targets whose cases share data). */
  sequentialCases?: boolean;
  /** Documented contradictions, reported and tested under neither reading as MUST. */
  ambiguities?: string[];
  /** Where the documents leave a choice: probed and reported, never judged. */
  undecided?: UndecidedPoint[];
  /** Validates this spec's config section (throws ConfigError) and fills defaults. */
  settings(raw: Record<string, unknown>, embeddedMock: boolean): SpecSettings<Own>;
  /** Opens a session (logs in, signs tokens) against the target; every request it sends goes through `transport`. */
  open(settings: SpecSettings<Own>, transport: Transport): Promise<S>;
  /**
   * Lines a user must read before the run sends anything (what it may cost, what will skip for a
   * missing credential), printed by the CLI's main process; `settings.target` and `settings.runs` are set.
   */
  notices?(settings: SpecSettings<Own>, embedded: boolean): string[];
  /** The vendor's documented rate limit, applied to any target but the embedded mock. */
  rateLimit?: Rate;
  /** Decorates a valid case before a requirement's mutation (e.g. a spec's default parameters). */
  baseCase?(operation: string): Partial<Case>;
}

/**
 * A spec typed end to end, as the engine holds it. The one place its types are forgotten: sound,
 * because the engine gives `open` only what this spec's `settings` returned and gives its scenarios
 * only the session its `open` returned.
 */
export function defineVendor<Own extends object, S extends Session>(spec: ConformanceSpec<Own, S>): ConformanceSpec {
  return spec as unknown as ConformanceSpec;
}
