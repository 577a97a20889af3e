// Drives the suites/ test files through vitest's Node API with the conformance reporter.
import { join } from 'node:path';
import { startVitest } from 'vitest/node';
import { formatReport } from '../reports/console.ts';
import { ConformanceReporter } from '../reports/vitest-reporter.ts';
import { isBundled } from '../specs/index.ts';
import { exitCodeOf } from './results.ts';
import type { SuiteOptions } from './suite.ts';

export interface SuiteRun {
  options: SuiteOptions;
  targets: Record<string, string>;
  reportDir: string;
  only?: string;
  root: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function runSuites(r: SuiteRun): Promise<number> {
  const names = Object.keys(r.options.specs);
  const files = [...new Set(names.map((n) => join(r.root, 'suites', isBundled(n) ? `${n}.test.ts` : 'files.test.ts')))];
  const reporter = new ConformanceReporter({
    dir: r.reportDir,
    seed: r.options.seed,
    runs: r.options.runs,
    targets: r.targets,
    progress: (line) => console.log(line),
  });
  console.log(`sip-conformance: seed ${r.options.seed}, ${r.options.runs} runs per requirement, specs ${Object.keys(r.targets).join(', ')}`);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    reporter.finish(false);
    console.error(`\nsip-conformance: interrupted; partial report ${reporter.file}`);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const vitest = await startVitest(
    'test',
    [],
    {
      config: false,
      root: r.root,
      include: files.map((f) => f.slice(r.root.length + 1)),
      watch: false,
      reporters: [reporter],
      provide: { sipConformance: r.options },
      testNamePattern: r.only ? new RegExp(escapeRegExp(r.only)) : undefined,
      maxConcurrency: r.options.concurrency,
      passWithNoTests: true,
      fileParallelism: true,
    },
    { logLevel: 'error' },
  );
  await vitest.close();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (interrupted) return 130;
  console.log(formatReport(reporter.report, reporter.file));
  process.exitCode = 0;
  return exitCodeOf(reporter.report);
}
