// A vitest reporter that turns test metadata into the conformance report, written after every requirement.
import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { Report, RunSettingsRecord, SpecReport, TransportSummary } from '../src/results/report.ts';
import type { ProgressLine } from './console.ts';
import { type Format, FORMATS, writeReports } from './index.ts';
import { writeJsonReport } from './json.ts';

export interface ReporterOptions {
  dir: string;
  seed: number;
  runs: number;
  /** Spec name -> target, so specs that never started still appear. */
  targets: Record<string, string>;
  /** Per spec: the embedded mock's settings and a file spec's catalogue, for replay. */
  specs?: Record<string, Pick<SpecReport, 'mock' | 'catalogue'>>;
  settings?: RunSettingsRecord;
  /** Written when the run ends; report.json is written always, and after every requirement. */
  formats?: Format[];
  progress?: ProgressLine;
  /** `--budget`, the run's cap. */
  budget?: number;
}

export class ConformanceReporter implements Reporter {
  readonly report: Report;
  file?: string;
  /** Every file of the last full write (all formats). */
  files: string[] = [];
  private interrupted = false;

  constructor(private readonly o: ReporterOptions) {
    this.report = { tool: 'sip-conformance', seed: o.seed, runs: o.runs, startedAt: new Date().toISOString(), complete: false, ...(o.settings && { settings: o.settings }), specs: [] };
    for (const [spec, target] of Object.entries(o.targets)) Object.assign(this.specReport(spec, target), o.specs?.[spec]);
    this.write();
  }

  onTestModuleCollected(module: TestModule): void {
    if (this.o.progress) for (const t of module.children.allTests()) if (t.options.mode === 'run' && !t.name.startsWith('[probe]')) this.o.progress.total++; // probes are not requirements
  }

  onTestCaseResult(testCase: TestCase): void {
    // Interrupted: the partial report stays as it was at the signal (requirements stopped by it have no verdict).
    if (this.interrupted) return;
    const probed = testCase.meta().probes;
    if (probed) {
      const spec = this.specReport(probed.spec, probed.target);
      spec.probes = probed.probes;
      spec.transport = latest(spec.transport, probed.transport);
      return this.write();
    }
    const meta = testCase.meta().conformance;
    const state = testCase.result().state;
    if (!meta) {
      if (state === 'failed') {
        const spec = this.specReport(specOfModule(testCase.module.moduleId));
        spec.error ??= firstError(testCase.result().errors ?? []);
      }
      return this.write();
    }
    const spec = this.specReport(meta.spec, meta.target);
    spec.origin = meta.origin;
    if (meta.ambiguities?.length) spec.ambiguities = meta.ambiguities;
    spec.requirements.push(meta.result);
    spec.transport = latest(spec.transport, meta.transport);
    this.sumBudget();
    this.o.progress?.tick(meta.result);
    this.write();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
    if (this.interrupted) return;
    for (const m of modules) {
      const errors = m.errors();
      if (errors.length) this.specReport(specOfModule(m.moduleId)).error ??= firstError(errors);
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
    this.write();
    // report.json is always written: partial runs, diff, merge and replay rely on it.
    this.files = [this.file!, ...writeReports(this.o.dir, this.report, (this.o.formats ?? FORMATS).filter((f) => f !== 'json'))];
  }

  private sumBudget(): void {
    const shares = this.report.specs.flatMap((s) => (s.transport?.budget ? [s.transport.budget] : []));
    if (shares.length) this.report.budget = { limit: this.o.budget ?? 0, used: shares.reduce((n, b) => n + b.used, 0) };
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

  private write(): void {
    this.file = writeJsonReport(this.o.dir, this.report);
  }
}

const specOfModule = (moduleId: string) => basename(moduleId).replace(/\.test\.ts$/, '');
const firstError = (errors: ReadonlyArray<{ message?: string }>) => (errors[0]?.message ?? 'suite error').split('\n')[0]!;

/** Concurrent tests report in any order: the summary that has counted the most requests is the latest. */
const latest = (a: TransportSummary | undefined, b: TransportSummary | undefined) => (!a || (b && b.requests >= a.requests) ? b : a);
