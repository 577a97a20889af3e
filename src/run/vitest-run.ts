// Drives the suites/ test files through vitest's Node API with the conformance reporter.
import { rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { BaseSequencer, createVitest, type TestSpecification } from 'vitest/node';
import { formatReport, type Pace, ProgressLine } from '../../reports/console.ts';
import { ConformanceReporter, type ReporterOptions } from '../../reports/vitest-reporter.ts';
import { isBundled } from '../../specs/index.ts';
import { EXIT } from '../cli/args.ts';
import { finishRun, type RunGate } from '../cli/reports.ts';
import { takeSignals } from '../cli/signals.ts';
import type { Report, TransportSummary } from '../results/report.ts';
import type { SuiteOptions } from './suite.ts';
import { takeLeftTransports } from './interruption.ts';
import { isLargeRun, LEAN_YOUNG_GENERATION } from './lean-heap.ts';
import { splitSpecs } from './parts.ts';

export interface SuiteRun {
  options: SuiteOptions;
  targets: Record<string, string>;
  reportDir: string;
  root: string;
  report?: Pick<ReporterOptions, 'formats' | 'settings' | 'specs' | 'partFiles'>;
  gate?: RunGate;
  budget?: number;
  /** `--resume`: what the report this run continues already judged. */
  previous?: Report;
  /** Per paced spec, its plan: the progress line's ETA comes from the pace. */
  pace?: Record<string, Pace>;
  /** Per spec (as `options.specs` names it), how many requirements it runs: the largest file starts first. */
  sizes?: Record<string, number>;
}

/** `before`: the requests of the run a `--resume` continues, counted in `t`. */
function transportLine(spec: string, t: TransportSummary, before = 0): string {
  const parts = [`${t.requests} requests${before ? ` (${before} of them before --resume)` : ''}`];
  if (t.budget) parts.push(`budget ${t.budget.used}/${t.budget.limit}${t.budget.cleanup ? ` (+${t.budget.cleanup} cleanup)` : ''}`);
  if (t.rate) parts.push(`paced at ${t.rate}`);
  parts.push(`${t.rateLimitWaits} 429 waits, ${Math.round(t.waitedMs / 1000)} s waited (summed over requests)`, `${t.staleRetries} stale-connection retries`, `${t.reauthentications} re-authentications`);
  return `transport ${spec}: ${parts.join(', ')}`;
}

/**
 * The heap each spec worker may grow to, unless the user's NODE_OPTIONS says otherwise. A run holds
 * about 20 MB whatever its length, but under V8's default bound (a quarter of the machine's memory)
 * garbage waits: a million cases peaked at 354 MB RSS, and 215 MB under this bound, at the same speed.
 */
export const WORKER_HEAP_MIB = 1024;

const workerHeapBound = (): string[] => (/--max-old-space-size/.test(process.env.NODE_OPTIONS ?? '') ? [] : [`--max-old-space-size=${WORKER_HEAP_MIB}`]);

/** The spec workers' Node flags: the heap bound, and a large run's lean young generation. */
export const workerExecArgv = (sizes: SuiteRun['sizes']): string[] => [...workerHeapBound(), ...(isLargeRun(sizes) ? LEAN_YOUNG_GENERATION : [])];

/** Compiled (dist/), the suites are .js files and the workers load the engine natively, as Node does, not through vite. */
const COMPILED = extname(import.meta.filename) === '.js';

/** How long an interrupted run may take to stop and delete what it created before the CLI leaves anyway. */
export const CLEANUP_BOUND_MS = 30_000;

/**
 * Spec files with more requirements first. With one worker per core a file runs whole on one worker,
 * so the longest one (Voximplant's) must start at once, not after the others (vitest's own order is
 * by the last run's durations, or by the size of the one-line suite files).
 */
function largestFirst(size: Map<string, number>) {
  return class LargestFirst extends BaseSequencer {
    override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
      return [...files].sort((a, b) => (size.get(b.moduleId) ?? 0) - (size.get(a.moduleId) ?? 0));
    }
  };
}

export async function runSuites(r: SuiteRun): Promise<number> {
  // A split spec runs in part files instead of its own (src/run/parts.ts).
  const split = splitSpecs(r.options.parts);
  const names = Object.keys(r.options.specs).filter((n) => !split.has(n));
  const ext = extname(import.meta.filename);
  const fileOf = (n: string) => join(r.root, 'suites', `${isBundled(n) ? n : 'files'}.test${ext}`);
  const size = new Map<string, number>();
  for (const n of names) size.set(fileOf(n), (size.get(fileOf(n)) ?? 0) + (r.sizes?.[n] ?? 0));
  for (const [slot, part] of Object.entries(r.options.parts ?? {})) size.set(join(r.root, 'suites', `part-${slot}${ext}`), part.ids.length);
  const files = [...size.keys()];
  const reporter = new ConformanceReporter({
    dir: r.reportDir,
    seed: r.options.seed,
    runs: r.options.runs,
    targets: r.targets,
    ...r.report,
    budget: r.budget,
    previous: r.previous,
    ...(r.gate?.baseline && { baseline: { file: r.gate.baselineFile ?? '', failOn: r.gate.failOn, knownFailures: r.gate.baseline.knownFailures } }),
    progress: new ProgressLine(process.stderr, undefined, r.pace, r.options.timeBox?.endsAt),
  });
  console.log(`sip-conformance: seed ${r.options.seed}, ${r.options.runs} runs per requirement, specs ${Object.keys(r.targets).join(', ')}`);
  const interruptFile = join(tmpdir(), `sipc-interrupted-${process.pid}-${Date.now()}`);
  const vitest = await createVitest(
    'test',
    {
      config: false,
      root: r.root,
      include: files.map((f) => f.slice(r.root.length + 1)),
      watch: false,
      reporters: [reporter],
      provide: { sipConformance: { ...r.options, interruptFile } },
      maxConcurrency: r.options.concurrency,
      passWithNoTests: true,
      fileParallelism: true,
      sequence: { sequencer: largestFirst(size) },
      // One worker per core, each loading the engine once for all the spec files it runs (the specs
      // keep no module state, so files need no isolation): most of a run's start-up is module loading.
      maxWorkers: Math.max(1, Math.min(availableParallelism(), files.length)),
      isolate: false,
      execArgv: workerExecArgv(r.sizes),
      // A finished test's results leave the worker once sent to this process (src/run/sent-meta-runner.ts).
      runner: join(r.root, 'src', 'run', `sent-meta-runner${ext}`),
      ...(COMPILED && { server: { deps: { external: [/\/dist\//] } } }),
    },
    { logLevel: 'error' },
  );
  // First signal: write the partial report, tell the workers (the file; a worker's own Ctrl-C reaches
  // it too), let the running requirements stop and the suites' teardown delete what the run created
  // (e.g. Voximplant registrations), within CLEANUP_BOUND_MS. Second signal: leave at once. Vitest's
  // own handlers (and the launcher's) would end the process 1 ms after the signal, with nothing deleted.
  let interrupted = false;
  // The final partial report: what the workers left of the requests they sent (the tests in flight are dropped).
  const finishInterrupted = () => {
    for (const left of takeLeftTransports(interruptFile)) reporter.foldLeftTransport(left.spec, left.part, left.target, left.transport);
    reporter.finish(false);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupted) {
      console.error(`sip-conformance: ${signal} again: quitting before the cleanup finished; what the run created may remain on the target`);
      finishInterrupted();
      rmSync(interruptFile, { force: true });
      process.exit(130);
    }
    interrupted = true;
    reporter.finish(false);
    writeFileSync(interruptFile, signal);
    console.error(`\nsip-conformance: interrupted (${signal}); partial report ${reporter.file}; stopping and deleting what the run created (at most ${CLEANUP_BOUND_MS / 1000} s; signal again to quit at once)`);
    setTimeout(() => {
      console.error(`sip-conformance: the cleanup did not finish within ${CLEANUP_BOUND_MS / 1000} s; what the run created may remain on the target`);
      finishInterrupted();
      rmSync(interruptFile, { force: true });
      process.exit(130);
    }, CLEANUP_BOUND_MS).unref();
    void vitest.cancelCurrentRun('keyboard-input');
  };
  takeSignals(onSignal);
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(interruptFile, { force: true });
  }
  const transportLines = () => {
    for (const spec of reporter.report.specs) if (spec.transport) console.log(transportLine(spec.spec, spec.transport, reporter.sentBefore(spec.spec)));
  };
  if (interrupted) {
    finishInterrupted();
    transportLines();
    return 130;
  }
  console.log(formatReport(reporter.report, reporter.files));
  transportLines();
  process.exitCode = 0;
  const down = reporter.report.specs.filter((s) => s.transport?.unreachable);
  for (const s of down) console.error(`sip-conformance: target unreachable: ${s.target}: ${s.transport!.unreachable}; the rest of the run was not sent (report ${reporter.file})`);
  if (down.length) return EXIT.unreachable;
  return finishRun(reporter.report, r.gate);
}
