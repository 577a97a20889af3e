// Results of a run, as the reporters and the exit code see them.
import type { HttpRequest } from './http-client.ts';
import type { Budget, TransportStats } from './http/index.ts';
import type { Level, Violation } from './model.ts';

export type Verdict = 'pass' | 'fail' | 'warn' | 'skip';

export interface CheckFailure {
  check: string;
  level: Level;
  message: string;
}

export interface FailureRecord {
  /** MUST: fails the requirement; SHOULD: a warning. */
  level: Level;
  case: string;
  violations: Violation[];
  request: HttpRequest;
  expected: string;
  actual: { status: number; body: string; error?: string };
  checks: CheckFailure[];
  replay: string;
  curl: string;
}

export interface RequirementResult {
  id: string;
  errorCode?: string;
  title: string;
  level: Level;
  source: string;
  operation: string;
  verdict: Verdict;
  cases: number;
  /** Cases sent until the first MUST failure (shrinking excluded). */
  casesToFailure?: number;
  /** Why a requirement was skipped, or what stopped it early. */
  reason?: string;
  failures: FailureRecord[];
}

/**
 * What a server chose at one undecided point (the documents allow either answer): observed and
 * reported, never judged.
 */
export interface ProbeResult {
  /** Id of the undecided point in the spec's table. */
  point: string;
  /** What the documents leave open. */
  title: string;
  source: string;
  /** The probe sent (e.g. `/proxy = "SIP:10.0.0.1"`). */
  case: string;
  outcome: 'accepted' | 'rejected' | 'no-answer';
  status: number;
  /** Error codes the answer carried, if any. */
  codes?: string[];
}

/** What the transport did during a spec's run. */
export interface TransportSummary extends TransportStats {
  /** The pace per credential, and its source (`--rate`, a vendor document, the target's headers). */
  rate?: string;
  /** `--budget`: this spec's share, what it used, and cleanup deletes (never refused, counted apart). */
  budget?: Budget;
}

export interface SpecReport {
  spec: string;
  target: string;
  origin: string;
  requirements: RequirementResult[];
  /** Documented contradictions the suite tests under neither reading as MUST. */
  ambiguities?: string[];
  /** Tolerance probes: what this server chose where the documents leave a choice. */
  probes?: ProbeResult[];
  transport?: TransportSummary;
  error?: string;
}

export interface Report {
  tool: string;
  seed: number;
  runs: number;
  startedAt: string;
  finishedAt?: string;
  complete: boolean;
  /** `--budget`: the run's cap and the requests its specs used. */
  budget?: { limit: number; used: number };
  specs: SpecReport[];
}

/** 1 when a MUST requirement failed, else 0. */
export function exitCodeOf(report: Report): 0 | 1 {
  return report.specs.some((s) => s.error || s.requirements.some((r) => r.verdict === 'fail')) ? 1 : 0;
}
