// Runs a whole spec in-process against its reference mock (optionally with faults) for tests.
import type { Variant } from '../../mocks/kit.ts';
import type { RequirementResult, SpecReport } from '../../src/results/report.ts';
import { IN_PROCESS_TIMEOUT_MS } from '../../src/run/fault-score.ts';
import { parseRate } from '../../src/http/index.ts';
import { runSpec } from '../../src/run/run-spec.ts';
import type { ConformanceSpec } from '../../src/model/vendor.ts';

export interface MockRunOptions {
  faults?: string[];
  variant?: Variant;
  runs?: number;
  seed?: number;
  section?: Record<string, unknown>;
  only?: string[];
  budget?: number;
  /** `--rate`, e.g. `10/s`. */
  rate?: string;
}

export function runAgainstMock(spec: ConformanceSpec, o: MockRunOptions = {}): Promise<SpecReport> {
  return runSpec(spec, {
    only: o.only,
    seed: o.seed ?? 1,
    runs: o.runs ?? 30,
    timeoutMs: IN_PROCESS_TIMEOUT_MS,
    concurrency: 8,
    timeLimitMs: 20_000,
    section: o.section ?? {},
    mock: { faults: o.faults ?? [], variant: o.variant ?? 'strict' },
    budget: o.budget,
    // A loopback mock given as a target is not the vendor: no vendor pace unless a test asks for one.
    rate: o.rate === undefined ? 'none' : parseRate(o.rate, '--rate'),
  });
}

export const failed = (r: SpecReport): RequirementResult[] => r.requirements.filter((x) => x.verdict === 'fail');
export const warned = (r: SpecReport): RequirementResult[] => r.requirements.filter((x) => x.verdict === 'warn');
export const ids = (rs: RequirementResult[]) => rs.map((r) => r.id);

/** One line per failing requirement, for assertion messages. */
export const explain = (rs: RequirementResult[]) =>
  rs.map((r) => `${r.id} ${r.verdict} ${r.reason ?? ''} ${r.failures.map((f) => `${f.case}: ${f.checks.map((c) => c.message).join('; ')}`).join(' | ')}`).join('\n');
