// A vitest reporter that turns test metadata into the conformance report, written after every requirement.
import { basename } from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import type { Report, SpecReport } from '../src/results.ts';
import { writeJsonReport } from './json.ts';

export interface ReporterOptions {
  dir: string;
  seed: number;
  runs: number;
  /** Spec name -> target, so specs that never started still appear. */
  targets: Record<string, string>;
  /** Prints a line per requirement as it finishes. */
  progress?: (line: string) => void;
  /** `--budget`, the run's cap. */
  budget?: number;
}

export class ConformanceReporter implements Reporter {
  readonly report: Report;
  file?: string;
  private interrupted = false;

  constructor(private readonly o: ReporterOptions) {
    this.report = { tool: 'sip-conformance', seed: o.seed, runs: o.runs, startedAt: new Date().toISOString(), complete: false, specs: [] };
    for (const [spec, target] of Object.entries(o.targets)) this.specReport(spec, target);
    this.write();
  }

  onTestCaseResult(testCase: TestCase): void {
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
    spec.transport = meta.transport;
    this.sumBudget();
    this.o.progress?.(`${meta.result.verdict.toUpperCase().padEnd(4)} ${meta.spec} ${meta.result.errorCode ?? '-'} ${meta.result.id} (${meta.result.cases} cases)`);
    this.write();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<{ message?: string }>): void {
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
    this.write();
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
