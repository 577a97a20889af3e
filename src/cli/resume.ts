// `run --resume REPORT.json`: continues a time-boxed, budgeted, interrupted or stopped run. The
// requirements the report judged are kept as they were; the rest (not reached, cut by the budget or
// time box, unsent to an unreachable target, ended by a suite error) run with the report's seed and
// settings, and the final report is one report.
import { resolve } from 'node:path';
import type { Report, RequirementResult, SpecReport } from '../results/report.ts';
import { UsageError } from './args.ts';

type Values = Record<string, string | string[] | boolean | undefined>;

export interface Resume {
  file: string;
  report: Report;
  /** Per spec name: the ids of the requirements kept as judged. */
  done: Record<string, string[]>;
  /** Per spec name: whether its tolerance probes were all sent (then kept, not sent again). */
  probesDone: Record<string, boolean>;
}

/** Judged: a verdict on the server, or a skip for what the target cannot give (a missing fixture); not a cut or a suite error. */
export const judged = (r: RequirementResult): boolean => r.verdict !== 'error' && r.cut === undefined;

const probesSent = (s: SpecReport): boolean => (s.probes?.length ?? 0) > 0 && s.probes!.every((p) => !/\(not sent/.test(p.case));

/** The flags the report fixes: given again they must agree; absent, they are taken from it. */
function fromReport(report: Report, isBundled: (spec: string) => boolean): Values {
  const specs = report.specs.map((s) => (isBundled(s.spec) ? s.spec : s.origin));
  const target = report.specs.length === 1 && !report.specs[0]!.mock && /^https?:\/\//.test(report.specs[0]!.target) ? report.specs[0]!.target : undefined;
  const mock = report.specs.find((s) => s.mock)?.mock;
  const catalogue = report.specs.find((s) => s.catalogue)?.catalogue;
  const s = report.settings;
  const values: Values = {
    seed: String(report.seed),
    runs: String(report.runs),
    spec: specs,
    target,
    config: s?.config,
    only: s?.only,
    shard: s?.shard,
    timeout: s && String(s.timeoutMs),
    concurrency: s && String(s.concurrency),
    fault: mock?.faults.length ? mock.faults : undefined,
    variant: mock && mock.variant !== 'strict' ? mock.variant : undefined,
    catalogue,
  };
  return Object.fromEntries(Object.entries(values).filter(([, x]) => x !== undefined));
}

/** Paths compare resolved (the report keeps absolute ones; a bundled spec's name resolves to itself). */
const PATHS = new Set(['config', 'catalogue', 'spec']);
const same = (key: string, a: Values[string], b: Values[string], isBundled: (spec: string) => boolean) => {
  const norm = (x: Values[string]) => JSON.stringify([x].flat().map((y) => (PATHS.has(key) && typeof y === 'string' && !isBundled(y) ? resolve(y) : y)));
  return norm(a) === norm(b);
};

/**
 * Fills `v` with the report's settings (seed first); a flag that says otherwise is a usage error.
 * `isBundled` tells a bundled spec's name from a spec file (the registry's, given by the CLI).
 */
export function resumeFrom(file: string, report: Report, v: Values, isBundled: (spec: string) => boolean): Resume {
  for (const [key, value] of Object.entries(fromReport(report, isBundled))) {
    if (v[key] !== undefined && !same(key, v[key], value, isBundled)) {
      throw new UsageError(`--resume: --${key} ${[v[key]].flat().join(' ')} conflicts with the report (${[value].flat().join(' ')}); a resumed run keeps the report's settings`);
    }
    v[key] = value;
  }
  const done = Object.fromEntries(report.specs.map((s) => [s.spec, s.requirements.filter(judged).map((r) => r.id)]));
  const probesDone = Object.fromEntries(report.specs.map((s) => [s.spec, probesSent(s)]));
  return { file, report, done, probesDone };
}

/**
 * The part of the old report a resumed run starts from: the judged requirements, the probes if all
 * were sent, and each spec's transport (the requests already sent count in the one report).
 */
export function keptReport(r: Resume): Report {
  return {
    ...r.report,
    specs: r.report.specs.map(({ totals: _t, error: _e, ...s }) => ({
      ...s,
      // What is kept counts as planned; this run adds what it plans (kept plus all of it was "57 of 95").
      planned: s.requirements.filter(judged).length,
      requirements: s.requirements.filter(judged),
      ...(r.probesDone[s.spec] ? {} : { probes: undefined }),
    })),
  };
}
