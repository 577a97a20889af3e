// A vitest reporter that turns test metadata into the conformance report: report.json at the start,
// at most once a second while requirements finish, and at the end (or on interruption).
import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { BaselineRecord, Report, RunSettingsRecord, SpecReport, TransportSummary } from '../src/results/report.ts';
import { sumTransport } from '../src/results/merge.ts';
import type { ProgressLine } from './console.ts';
import { type Format, FORMATS, writeReports } from './index.ts';
import { writeJsonReport } from './json.ts';
import { SharedValues } from './shared-values.ts';
import type { ConformanceMeta } from '../src/run/suite.ts';

export interface ReporterOptions {
  dir: string;
  seed: number;
  runs: number;
  /** Spec name -> target, so specs that never started still appear. */
  targets: Record<string, string>;
  /** Per spec: the embedded mock's settings and a file spec's catalogue, for replay. */
  specs?: Record<string, Pick<SpecReport, 'mock' | 'catalogue'>>;
  settings?: RunSettingsRecord;
  /** Written when the run ends; report.json is written always, and while the run goes (see WRITE_INTERVAL_MS). */
  formats?: Format[];
  progress?: ProgressLine;
  /** `--budget`, the run's cap. */
  budget?: number;
  /** `--resume`: the report this run continues (its judged requirements), kept in the one report. */
  previous?: Report;
  /** `--baseline`: the run is judged by it, and every format says which failures it knew. */
  baseline?: BaselineRecord;
  /** A split spec's part files (`part-1`...) -> the spec they run. */
  partFiles?: Record<string, string>;
}

export class ConformanceReporter implements Reporter {
  readonly report: Report;
  file?: string;
  /** Every file of the last full write (all formats). */
  files: string[] = [];
  private interrupted = false;
  private pending?: ReturnType<typeof setTimeout>;
  private writeIntervalMs = WRITE_INTERVAL_MS;
  /** Per spec, the latest transport summary of each of its parts (one part when not split). */
  private readonly transports = new Map<string, Map<number, TransportSummary>>();
  private readonly shared = new SharedValues();
  /** `--resume`: per spec, the transport of the run(s) this one continues, added to this run's. */
  private readonly before = new Map<string, TransportSummary>();

  constructor(private readonly o: ReporterOptions) {
    const { totals: _t, finishedAt: _f, budget: _b, baseline: _bl, ...previous } = o.previous ?? { specs: [] };
    // Its own copies: the report it continues stays as it was given.
    previous.specs = previous.specs.map((s) => ({ ...s, requirements: [...s.requirements] }));
    this.report = { tool: 'sip-conformance', seed: o.seed, runs: o.runs, startedAt: new Date().toISOString(), ...previous, complete: false, ...(o.settings && { settings: o.settings }), ...(o.baseline && { baseline: o.baseline }) };
    for (const s of o.previous?.specs ?? []) if (s.transport) this.before.set(s.spec, s.transport);
    for (const [spec, target] of Object.entries(o.targets)) Object.assign(this.specReport(spec, target), o.specs?.[spec]);
    this.writeNow();
  }

  /** Counts the requirements each spec will run, so a report of a run that stopped early says how many it never reached. */
  onTestModuleCollected(module: TestModule): void {
    for (const t of module.children.allTests()) {
      if (t.options.mode !== 'run' || t.name.startsWith('[probe]')) continue; // probes are not requirements
      const count = t.meta().requirements ?? 1;
      if (this.o.progress) this.o.progress.total += count;
      const spec = this.specReport(t.parent.type === 'suite' ? t.parent.name : this.specOfModule(module.moduleId));
      spec.planned = (spec.planned ?? 0) + count;
    }
  }

  onTestCaseResult(testCase: TestCase): void {
    // Vitest keeps every test's meta to the end of the run: once folded into the report, it is dropped.
    const task = testCase.meta();
    // Interrupted: a test's results are those its worker finished before it learnt of the interruption
    // (`runChunk`; one the interruption may have cut is left out), kept for the final partial report.
    if (this.interrupted) {
      this.fold(task.conformance);
      delete task.conformance;
      return;
    }
    const probed = task.probes;
    if (probed) {
      delete task.probes;
      const spec = this.specReport(probed.spec, probed.target);
      spec.probes = probed.probes;
      spec.transport = this.transportOf(probed.spec, probed.part, probed.transport);
      return this.write();
    }
    const meta = task.conformance;
    const state = testCase.result().state;
    if (!meta) {
      if (state === 'failed') {
        const spec = this.specReport(this.specOfModule(testCase.module.moduleId));
        spec.error ??= firstError(testCase.result().errors ?? []);
      }
      return this.write();
    }
    delete task.conformance;
    const spec = this.fold(meta)!;
    // The rest of this spec's run is not sent: the report says why, and is not complete.
    if (meta.transport.unreachable) spec.error ??= `target unreachable: ${meta.transport.unreachable}`;
    this.sumBudget();
    const sent = spec.transport!.requests - this.sentBefore(meta.spec);
    for (const result of meta.results) this.o.progress?.tick(result, meta.spec, sent);
    this.write();
  }

  /** A test's results into its spec's report. */
  private fold(meta: ConformanceMeta | undefined): SpecReport | undefined {
    if (!meta) return;
    // A split spec's target is its first part's mock (each part has its own).
    const spec = this.specReport(meta.spec, (meta.part ?? 1) === 1 ? meta.target : undefined);
    // What is the same for every requirement of a spec comes with its first result only.
    if (meta.origin !== undefined) spec.origin = meta.origin;
    if (meta.ambiguities?.length) spec.ambiguities = meta.ambiguities;
    for (const result of meta.results) spec.requirements.push(this.shared.share(result));
    spec.transport = this.transportOf(meta.spec, meta.part, meta.transport);
    return spec;
  }

  /**
   * An interrupted spec run's transport as its worker left it at teardown (src/run/interruption.ts):
   * vitest drops the tests in flight, so the requests of requirements cut by the signal count only here.
   */
  foldLeftTransport(spec: string, part: number | undefined, target: string, transport: TransportSummary): void {
    this.specReport(spec, (part ?? 1) === 1 ? target : undefined).transport = this.transportOf(spec, part, transport);
    this.sumBudget();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    if (this.interrupted) return;
    for (const m of modules) {
      const errors = m.errors();
      if (errors.length) this.specReport(this.specOfModule(m.moduleId)).error ??= firstError(errors);
    }
    if (unhandled.length && this.report.specs[0]) this.report.specs[0].error ??= unhandled[0]!.message ?? 'unhandled error';
    this.finish(true);
  }

  /** Writes the final report; `complete` is false for an interrupted run, and stays false. */
  finish(complete: boolean): void {
    this.interrupted ||= !complete;
    this.report.complete = !this.interrupted && this.report.specs.every((s) => !s.error);
    this.report.finishedAt = new Date().toISOString();
    this.o.progress?.clear();
    this.writeNow();
    // report.json is always written: partial runs, diff, merge and replay rely on it.
    this.files = [this.file!, ...writeReports(this.o.dir, this.report, (this.o.formats ?? FORMATS).filter((f) => f !== 'json'))];
  }

  /** `--resume`: the requests the run(s) this one continues sent for the spec (counted in its transport). */
  sentBefore(spec: string): number {
    return this.before.get(spec)?.requests ?? 0;
  }

  private sumBudget(): void {
    const shares = this.report.specs.flatMap((s) => (s.transport?.budget ? [s.transport.budget] : []));
    if (shares.length) this.report.budget = { limit: this.o.budget ?? 0, used: shares.reduce((n, b) => n + b.used, 0) };
  }

  /**
   * The spec's transport so far: the sum over its parts of each part's latest summary, and the counts
   * of the run it resumes (its budget, pace and reachability are this run's).
   */
  private transportOf(spec: string, part: number | undefined, summary: TransportSummary): TransportSummary {
    let parts = this.transports.get(spec);
    if (!parts) this.transports.set(spec, (parts = new Map()));
    parts.set(part ?? 1, latest(parts.get(part ?? 1), summary)!);
    return sumTransport([...parts.values()].reduce((a, b) => sumTransport(a, b)!), this.before.get(spec))!;
  }

  private specOfModule(moduleId: string): string {
    const file = basename(moduleId).replace(/\.test\.[jt]s$|\.[jt]s$/, '');
    return this.o.partFiles?.[file] ?? file;
  }

  private specReport(spec: string, target?: string): SpecReport {
    let found = this.report.specs.find((s) => s.spec === spec);
    if (!found) {
      found = { spec, target: target ?? 'unknown', origin: '', requirements: [] };
      this.report.specs.push(found);
    }
    if (target) found.target = target;
    return found;
  }

  /** Writes soon: a requirement's result reaches report.json within WRITE_INTERVAL_MS. */
  private write(): void {
    this.pending ??= setTimeout(() => this.writeNow(), this.writeIntervalMs);
  }

  private writeNow(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    const started = performance.now();
    this.file = writeJsonReport(this.o.dir, this.report);
    // A report of tens of thousands of requirements takes a while to write: at most 5% of the time.
    this.writeIntervalMs = Math.max(WRITE_INTERVAL_MS, 20 * (performance.now() - started));
  }
}

/**
 * How often report.json is rewritten while a run goes (or less often: a write may take at most 5%
 * of the time). Each write renders the whole report: written after every requirement, it cost
 * seconds of CPU per run and grew quadratically with a document's size. A run stopped by a signal
 * writes at once; one killed outright loses the last interval's results.
 */
export const WRITE_INTERVAL_MS = 1000;

const firstError = (errors: ReadonlyArray<{ message?: string }>) => (errors[0]?.message ?? 'suite error').split('\n')[0]!;

/** Concurrent tests report in any order: the summary that has counted the most requests is the latest. */
const latest = (a: TransportSummary | undefined, b: TransportSummary | undefined) => (!a || (b && b.requests >= a.requests) ? b : a);
