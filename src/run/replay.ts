// `sip-conformance replay`: re-sends the minimal counterexample of each failure in a report to a
// target (the same one by default), re-judges it with today's checks and says fixed or still failing.
import { isBundled, loadSpec } from '../../specs/index.ts';
import { specKeys } from '../cli/args.ts';
import type { ConfigFile } from '../load/config.ts';
import { describeExpected, type Engine } from './engine.ts';
import type { Case } from '../model/types.ts';
import type { FailureRecord, Report, RequirementResult, SpecReport } from '../results/report.ts';
import { prepareSpecRun, type SpecRun } from './run-spec.ts';

export interface ReplayOptions {
  /** Requirement ids to replay; empty: every failure. */
  only: string[];
  target?: string;
  config: ConfigFile;
  timeoutMs: number;
}

export interface ReplayOutcome {
  spec: string;
  id: string;
  case: string;
  fixed: boolean;
  /** What the target answered now (and what was expected, when still failing). */
  detail: string;
}

const selected = (s: SpecReport, only: string[]) => s.requirements.filter((r) => r.verdict === 'fail' && (only.length === 0 || only.includes(r.id)));

/** The failures `replay` would re-send, for checking --only before starting anything. */
export const replayable = (report: Report, only: string[]): RequirementResult[] => report.specs.flatMap((s) => selected(s, only));

/** The target a spec's failures go to: --target, the config's, else the report's (the embedded mock: undefined). */
function targetOf(s: SpecReport, o: Pick<ReplayOptions, 'target' | 'config'>): string | undefined {
  const reported = /^https?:\/\//.test(s.target) ? s.target : undefined;
  return o.target ?? (specKeys(o.config[s.spec]).target as string | undefined) ?? reported;
}

/** The targets `replay` will send to, for checking that they answer before starting anything. */
export const replayTargets = (report: Report, o: ReplayOptions): string[] =>
  [...new Set(report.specs.filter((s) => selected(s, o.only).length > 0).flatMap((s) => targetOf(s, o) ?? []))];

export async function replayReport(report: Report, o: ReplayOptions, onOutcome: (x: ReplayOutcome) => void): Promise<ReplayOutcome[]> {
  const outcomes: ReplayOutcome[] = [];
  const note = (x: ReplayOutcome) => {
    outcomes.push(x);
    onOutcome(x);
  };
  for (const s of report.specs) {
    const failing = selected(s, o.only);
    if (failing.length === 0) continue;
    const spec = await loadSpec(isBundled(s.spec) ? s.spec : s.origin, s.catalogue);
    const section = specKeys(o.config[spec.name]);
    let run: SpecRun;
    try {
      run = await prepareSpecRun(spec, {
        seed: report.seed, runs: report.runs, timeoutMs: o.timeoutMs, concurrency: 4, timeLimitMs: 60_000,
        section, target: targetOf(s, o), mock: s.mock,
      });
    } catch (err) {
      // As in a run, a spec that cannot start (e.g. its login is refused) fails, naming why.
      for (const r of failing) note({ spec: s.spec, id: r.id, case: '-', fixed: false, detail: `the spec could not run: ${(err as Error).message}` });
      continue;
    }
    try {
      for (const r of failing) {
        const req = spec.catalogue.find((x) => x.id === r.id);
        if (!req) {
          note({ spec: s.spec, id: r.id, case: '-', fixed: false, detail: 'not in the catalogue any more; rerun the suite' });
          continue;
        }
        for (const f of r.failures) if (f.level === 'MUST' && f.counterexample) note(await resend(s.spec, r.id, f, f.counterexample, run.engine));
        // A scenario (or a suite error) has no single case to re-send: it runs again, same seed.
        if (!r.failures.some((x) => x.level === 'MUST' && x.counterexample)) {
          const again = await run.engine.run(req);
          const first = again.failures.find((x) => x.level === 'MUST');
          note({ spec: s.spec, id: r.id, case: 'the whole requirement (no single counterexample)', fixed: again.verdict !== 'fail', detail: first ? `${first.case}: ${first.checks.map((c) => c.message).join('; ')}` : (again.reason ?? again.verdict) });
        }
      }
    } finally {
      await run.close();
    }
  }
  return outcomes;
}

async function resend(spec: string, id: string, f: FailureRecord, counterexample: Case, engine: Engine): Promise<ReplayOutcome> {
  const e = await engine.execute(counterexample);
  const failed = e.outcomes.filter((x) => !x.ok && x.level === 'MUST');
  const answer = e.response.error ? `${e.response.error.cause}: ${e.response.error.message}` : `${e.response.status} ${e.response.text.slice(0, 120)}`;
  return { spec, id, case: f.case, fixed: failed.length === 0, detail: failed.length ? `${answer}; expected ${describeExpected(e.expected, engine.spec.envelope)} (${failed.map((x) => x.message).join('; ')})` : answer };
}
