// Results of a run, as the reporters and the exit code see them.
import type { Variant } from '../../mocks/kit.ts';
import type { HttpRequest } from '../http/client.ts';
import type { Budget, TransportStats } from '../http/index.ts';
import type { Case, Level, Requirement, Violation } from '../model/types.ts';
import type { SipExchange } from '../sip/exchange.ts';

/** `error`: the suite itself failed on this requirement (a bug of ours): never a verdict on the server. */
export type Verdict = 'pass' | 'fail' | 'warn' | 'skip' | 'error';

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
  /** The body whole up to failure-record's BODY_CAP (64 KiB of characters); `bodyLength` when it was longer and cut there. */
  actual: { status: number; body: string; bodyLength?: number; error?: string };
  checks: CheckFailure[];
  replay: string;
  /** One curl line per request of the failure, in order (`before`'s, then the failing one). */
  curl: string;
  /** A failure of a sequence: the exchanges sent before the failing one, in order (e.g. the accepted POST before the GET). */
  before?: Array<{ request: HttpRequest; actual: FailureRecord['actual'] }>;
  /** The case as generated (secret-free), so `sip-conformance replay` can re-send and re-judge it. */
  counterexample?: Case;
}

/** The verdict of a requirement made of parts: the server's failure first, then the suite's error, a warning, a pass; skip when no part ran. */
export function worstOf(verdicts: Verdict[]): Verdict {
  const ran = verdicts.filter((v) => v !== 'skip');
  return (['fail', 'error', 'warn', 'pass'] as const).find((v) => ran.includes(v)) ?? 'skip';
}

/** What a result repeats of its requirement. */
export const headOf = (r: Requirement) => ({ id: r.id, errorCode: r.errorCode, title: r.title, level: r.level, source: r.source, operation: r.operation });

/** A requirement that sent no case: skipped, or ended by a suite error, with why. */
export const unrun = (r: Requirement, verdict: 'skip' | 'error', reason: string): RequirementResult => ({ ...headOf(r), verdict, cases: 0, reason, failures: [] });

/** A requirement as run: what the catalogue says of it, and what the run found. */
export interface RequirementResult extends Pick<Requirement, 'id' | 'errorCode' | 'title' | 'level' | 'source' | 'operation'> {
  verdict: Verdict;
  cases: number;
  /** Cases sent until the first MUST failure (shrinking excluded). */
  casesToFailure?: number;
  /** Why a requirement was skipped, or what stopped it early. */
  reason?: string;
  failures: FailureRecord[];
  /** What the requirement's cases break (field and keyword), for the field x violation matrix. */
  covers?: Violation[];
  /** Wall time of the requirement, shrinking included. */
  durationMs?: number;
  /** HTTP requests it sent (retries and shrinking included). */
  requests?: number;
  /** What stopped it before it was judged: the run's request budget or time box, or an unreachable target (`--resume` runs it again). */
  cut?: 'budget' | 'unreachable';
  /** SIP exchanges a wire requirement observed or made (REGISTER and its answers, digest responses redacted). */
  wire?: SipExchange[];
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
  /** What the answer showed of the choice, when the probe looks (e.g. `password: "WebPass"`). */
  observed?: string;
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
  /** The embedded mock's settings, when no target was given (replay starts the same mock). */
  mock?: { faults: string[]; variant: Variant };
  /** The JSON catalogue of a file spec. */
  catalogue?: string;
  /** Requirements selected to run (after --only and --shard); those missing from `requirements` never ran. */
  planned?: number;
  totals?: Totals;
}

export interface Counts {
  total: number;
  pass: number;
  fail: number;
  warn: number;
  skip: number;
  /** Requirements the suite could not judge (its own error). */
  error: number;
}

export interface Totals extends Counts {
  must: Counts;
  should: Counts;
  /** MUST requirements met / MUST requirements tested or ended by a suite error (skips excluded); absent when none was. */
  mustScore?: number;
  /** Requests the transport sent (requirements with their parts, logins, probes); without a transport summary, the requirements' sum. */
  requests: number;
  durationMs: number;
}

export type FailOn = 'must' | 'should';

/** A known failure: a requirement that fails on this target for a reason someone wrote down. */
export interface BaselineEntry {
  spec: string;
  id: string;
  reason: string;
}

/** The baseline a run was judged by, and what it found: failures known, new and entries gone stale. */
export interface BaselineRecord {
  file: string;
  failOn: FailOn;
  knownFailures: BaselineEntry[];
  /** Failing and listed: not a failure of this run. */
  known?: BaselineEntry[];
  /** Failing and not listed. */
  new?: Array<{ spec: string; id: string }>;
  /** Listed, ran, and no longer failing: the run fails until the entry is removed. */
  stale?: Array<BaselineEntry & { verdict: Verdict }>;
}

/** How the run was invoked, so replay and merge can redo or check it. */
export interface RunSettingsRecord {
  timeoutMs: number;
  concurrency: number;
  config?: string;
  only?: string;
  /** `i/n` when this report is one shard of a run. */
  shard?: string;
}

/** Bumped on any incompatible change to the report's shape (reports/report.schema.json). */
export const SCHEMA_VERSION = 2;

export interface Report {
  schemaVersion?: number;
  tool: string;
  seed: number;
  runs: number;
  startedAt: string;
  finishedAt?: string;
  complete: boolean;
  settings?: RunSettingsRecord;
  /** `--budget`: the run's cap and the requests its specs used. */
  budget?: { limit: number; used: number };
  /** `--baseline`: the known failures and what this run made of them. */
  baseline?: BaselineRecord;
  specs: SpecReport[];
  totals?: Totals;
}

const counts = (rs: RequirementResult[]): Counts => ({
  total: rs.length,
  pass: rs.filter((r) => r.verdict === 'pass').length,
  fail: rs.filter((r) => r.verdict === 'fail').length,
  warn: rs.filter((r) => r.verdict === 'warn').length,
  skip: rs.filter((r) => r.verdict === 'skip').length,
  error: rs.filter((r) => r.verdict === 'error').length,
});

/** A failure for the gate: a MUST failure or a suite error, and with --fail-on should a warning too. */
export const failing = (r: RequirementResult, failOn: FailOn) => r.verdict === 'fail' || r.verdict === 'error' || (failOn === 'should' && r.verdict === 'warn');

const key = (spec: string, id: string) => `${spec}\u0000${id}`;

/** The baseline's entries against this run's results: known, new and stale (an entry of a skipped requirement is neither). */
export function baselineState(specs: SpecReport[], b: BaselineRecord): BaselineRecord {
  const listed = new Map(b.knownFailures.map((e) => [key(e.spec, e.id), e]));
  const known: BaselineEntry[] = [];
  const fresh: Array<{ spec: string; id: string }> = [];
  const stale: Array<BaselineEntry & { verdict: Verdict }> = [];
  for (const s of specs) {
    for (const r of s.requirements) {
      const entry = listed.get(key(s.spec, r.id));
      if (failing(r, b.failOn)) (entry ? known.push(entry) : fresh.push({ spec: s.spec, id: r.id }));
      else if (entry && r.verdict !== 'skip') stale.push({ ...entry, verdict: r.verdict });
    }
  }
  return { file: b.file, failOn: b.failOn, knownFailures: b.knownFailures, known, new: fresh, stale };
}

export function totalsOf(rs: RequirementResult[]): Totals {
  const must = counts(rs.filter((r) => r.level === 'MUST'));
  // A suite error is not a requirement met: a run with one never shows a perfect score.
  const tested = must.total - must.skip;
  return {
    ...counts(rs),
    must,
    should: counts(rs.filter((r) => r.level === 'SHOULD')),
    // A MUST requirement with only SHOULD checks failed (warn) still meets its MUST.
    ...(tested > 0 && { mustScore: Math.round(((must.pass + must.warn) / tested) * 1000) / 1000 }),
    requests: rs.reduce((n, r) => n + (r.requests ?? 0), 0),
    durationMs: rs.reduce((n, r) => n + (r.durationMs ?? 0), 0),
  };
}

/** A spec's totals; its requests are the transport's count, the one the console's transport line shows. */
function specTotals(s: SpecReport): Totals {
  const totals = totalsOf(s.requirements);
  return s.transport ? { ...totals, requests: s.transport.requests } : totals;
}

/** The report with its schema version, totals per spec and overall, and its baseline's state, as reporters write it. */
export function withTotals(report: Report): Report {
  const { schemaVersion: _old, ...rest } = report;
  const specs = report.specs.map((s) => ({ ...s, totals: specTotals(s) }));
  const totals = { ...totalsOf(specs.flatMap((s) => s.requirements)), requests: specs.reduce((n, s) => n + s.totals.requests, 0) };
  return { schemaVersion: SCHEMA_VERSION, ...rest, ...(report.baseline && { baseline: baselineState(specs, report.baseline) }), specs, totals };
}
