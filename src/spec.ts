// What a bundled or user-supplied spec provides to the engine.
import type { MockDefinition } from '../mocks/kit.ts';
import type { CheckOutcome } from './checks.ts';
import type { Expected } from './expectation.ts';
import type { HttpRequest, HttpResponse } from './http-client.ts';
import type { Rate, Transport } from './http/index.ts';
import type { ApiModel, Case, ErrorEnvelope, Fixture, Level, Requirement, Rule, UndecidedPoint } from './model.ts';
import type { FailureRecord, RequirementResult } from './results.ts';

/** Per-spec settings after config validation; `raw` keeps the spec's own keys. */
export interface SpecSettings {
  target?: string;
  headers: Record<string, string>;
  fixtures: Record<string, string>;
  raw: Record<string, unknown>;
  /** Cases per requirement of this run (set by the runner before `open`), for specs that budget side effects. */
  runs?: number;
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
export interface ScenarioContext {
  spec: ConformanceSpec;
  session: Session;
  /** The run's transport, scoped to the requirement: raw requests a scenario builds itself go here. */
  client: Transport;
  seed: number;
  runs: number;
  /** Upper bound of the requirement's work, in ms. */
  timeLimitMs: number;
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
}

/** A requirement checked by a hand-written procedure (stateful behaviour, persistence). */
export type Scenario = (req: Requirement, ctx: ScenarioContext) => Promise<Omit<RequirementResult, 'id' | 'errorCode' | 'title' | 'level' | 'source'>>;

export interface ConformanceSpec {
  name: string;
  model: ApiModel;
  catalogue: Requirement[];
  envelope: ErrorEnvelope;
  /** Media type successful and error responses must declare, with the rule's level and source. */
  responseMediaType?: { pattern: RegExp; level: Level; source: string };
  rules: Record<string, Rule>;
  fixtures: Record<string, Fixture>;
  scenarios: Record<string, Scenario>;
  /** The reference mock; specs read from a user's file have none. */
  mock?: MockDefinition;
  /** Send one requirement's cases one at a time (stateful targets whose cases share data). */
  sequentialCases?: boolean;
  /** Documented contradictions, reported and tested under neither reading as MUST. */
  ambiguities?: string[];
  /** Where the documents leave a choice: probed and reported, never judged. */
  undecided?: UndecidedPoint[];
  /** Validates this spec's config section (throws ConfigError) and fills defaults. */
  settings(raw: Record<string, unknown>, embeddedMock: boolean): SpecSettings;
  /** Opens a session (logs in, signs tokens) against the target; every request it sends goes through `transport`. */
  open(settings: SpecSettings, transport: Transport): Promise<Session>;
  /** The vendor's documented rate limit, applied to any target but the embedded mock. */
  rateLimit?: Rate;
  /** Decorates a valid case before a requirement's mutation (e.g. a spec's default parameters). */
  baseCase?(operation: string): Partial<Case>;
}
