// Fault score: the suite against every fault of a reference mock. Each fault must be detected by a
// requirement it claims to break, under the everyday and the strictest reading; the clean mock, in
// every variant, must give no failure and no warning.
import { type FaultInfo, type Variant, VARIANTS } from '../../mocks/kit.ts';
import type { RequirementResult, SpecReport } from '../results/report.ts';
import { pool } from './pool.ts';
import { runSpec } from './run-spec.ts';
import type { ConformanceSpec } from '../model/vendor.ts';

/** Readings every fault must still be detected under, unless the reading hides it. */
export const FAULT_VARIANTS: Variant[] = ['strict', 'strictest'];

/** The fault variants under which `fault` can be seen. */
export const faultVariants = (fault: FaultInfo): Variant[] => FAULT_VARIANTS.filter((v) => !fault.unseenUnder?.[v]);

export interface MutationRow {
  spec: string;
  fault: string;
  variant: Variant;
  breaks: string[];
  /** Requirements among `breaks` that failed (or warned, for SHOULD-level deviations). */
  detectedBy: string[];
  /** Everything else that failed: not wrong, but worth a look when it is long. */
  alsoFailed: string[];
  casesToDetection?: number;
  /** Not run: the reading hides the fault (`FaultInfo.unseenUnder`); the reason. */
  unseen?: string;
}

export interface CleanRun {
  spec: string;
  variant: Variant;
  unexpected: RequirementResult[];
}

export interface MutationOptions {
  runs: number;
  seed: number;
  /** Faults run in parallel (each on its own mock). */
  parallel?: number;
  /** Run only the requirements a fault claims to break (fast, for tests); the script runs everything. */
  focused?: boolean;
}

/**
 * The mock shares the event loop with the suite (and, in tests, with other runs): a generous
 * timeout keeps a busy loop from passing for a slow server.
 */
export const IN_PROCESS_TIMEOUT_MS = 30_000;

/**
 * A requirement's bound in these runs: they share one event loop (the test runs every variant and
 * fault side by side), so on a busy machine a requirement's own work stretches far past its quiet
 * length (VOX-PARAM-TYPES, 28 parts, ran over 60 s + 30 s at a load of 22 in `npm test`). The score
 * is about detection, not speed: the bound only keeps a hang from lasting.
 */
const TIME_LIMIT_MS = 300_000;

// No tolerance probes: they are never a verdict, and the score reads nothing but verdicts.
const run = (spec: ConformanceSpec, o: MutationOptions, faults: string[], variant: Variant, only?: string[]): Promise<SpecReport> =>
  runSpec(spec, { seed: o.seed, runs: o.runs, timeoutMs: IN_PROCESS_TIMEOUT_MS, concurrency: 8, timeLimitMs: TIME_LIMIT_MS, section: {}, mock: { faults, variant }, only, probes: false });

/** The clean mock in each of `variants` (default every one): what failed, warned or was a suite error. */
export async function cleanRuns(spec: ConformanceSpec, o: MutationOptions, variants: readonly Variant[] = VARIANTS): Promise<CleanRun[]> {
  return Promise.all(
    variants.map(async (variant) => ({
      spec: spec.name,
      variant,
      unexpected: (await run(spec, o, [], variant)).requirements.filter((r) => r.verdict === 'fail' || r.verdict === 'warn' || r.verdict === 'error'),
    })),
  );
}

export async function faultRow(spec: ConformanceSpec, fault: FaultInfo, o: MutationOptions, variant: Variant = 'strict'): Promise<MutationRow> {
  const report = await run(spec, o, [fault.name], variant, o.focused ? fault.breaks : undefined);
  const flagged = report.requirements.filter((r) => r.verdict === 'fail' || r.verdict === 'warn');
  const detecting = flagged.filter((r) => fault.breaks.includes(r.id));
  const counts = detecting.map((r) => r.casesToFailure ?? r.cases);
  return {
    spec: spec.name,
    fault: fault.name,
    variant,
    breaks: fault.breaks,
    detectedBy: detecting.map((r) => r.id),
    alsoFailed: flagged.filter((r) => !fault.breaks.includes(r.id)).map((r) => r.id),
    casesToDetection: counts.length ? Math.min(...counts) : undefined,
  };
}

export async function mutationRows(spec: ConformanceSpec, o: MutationOptions): Promise<MutationRow[]> {
  const jobs = (spec.mock?.faults ?? []).flatMap((fault) => FAULT_VARIANTS.map((variant) => ({ fault, variant })));
  const rows: MutationRow[] = new Array(jobs.length);
  await pool(jobs.length, o.parallel ?? 4, async (i) => {
    const { fault, variant } = jobs[i]!;
    const unseen = fault.unseenUnder?.[variant];
    rows[i] = unseen ? { spec: spec.name, fault: fault.name, variant, breaks: fault.breaks, detectedBy: [], alsoFailed: [], unseen } : await faultRow(spec, fault, o, variant);
  });
  return rows;
}
