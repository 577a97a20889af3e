import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (measured: README, "The project's own tests"), longest first. The run
 * ends when its last file does, so a long file must not start last; vitest's own order needs the
 * durations of an earlier run (a fresh clone has none) and otherwise starts the largest files first.
 */
const LONGEST_FIRST = [
  'test/mutation.test.ts',
  'test/reports/packed.test.ts',
  'test/reports/cli-reports.test.ts',
  'specs/voximplant/interrupt.test.ts',
  'test/openapi/cli.test.ts',
  'test/reports/round-trip.test.ts',
  'test/hostile.test.ts',
  'test/openapi/relaxed.test.ts',
  'test/transport/transport.test.ts',
  'test/cli.test.ts',
  'specs/voximplant/stateful-pool.test.ts',
  'specs/voximplant/standalone.test.ts',
  'specs/basip-common/standalone.test.ts',
  'test/resume.test.ts',
  'test/parts.test.ts',
  'specs/voximplant/voximplant.test.ts',
  'specs/basip-android/mock/mock.test.ts',
  'test/sip/wire-reach.test.ts',
  'specs/basip-camdroid/mock/mock.test.ts',
  'test/openapi/corpus.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((path) => f.moduleId.endsWith(`/${path}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'specs/**/*.test.ts', 'suites/**/*.test.ts'],
    // A guard against hangs, not a speed check (CI runners are busy: a test may run several times
    // slower than alone). What a test runs bounds itself (engine time limits, the CLI helper's child
    // kill, server timeouts); speed goals live in `npm run bench`.
    testTimeout: 600_000,
    hookTimeout: 600_000,
    // Many files mostly wait (child processes, npm, servers, paced runs, timers): one worker more than
    // cores keeps them busy (on 2 cores, 2 workers left them idle: wall time about equal to CPU time).
    maxWorkers: Math.max(3, availableParallelism() + 1),
    sequence: { sequencer: LongestFirst },
    // One Stoplight Prism for the whole run, started when a test first asks (test/support/prism.ts).
    globalSetup: ['test/support/prism-broker.ts'],
    // Modules load once per worker, not once per file (most of a small file's time); so spies are
    // restored after each test, and no module keeps state a test could leave behind.
    isolate: false,
    restoreMocks: true,
    // The compiled CLI (dist/, which `npm test` builds first) is imported natively by the tests that
    // run it in their own process (test/support/cli.ts), not transformed again by vite.
    server: { deps: { external: [/\/dist\//] } },
    // The suites run against the embedded mocks with a fixed seed here, so the project's own tests
    // are reproducible; SIPC_SEED picks another. 10 cases a requirement: the clean mocks get 25 in
    // the extreme readings and 10 more on seeds of their own in the everyday ones in the fault score
    // test, and `npm run conformance` 50.
    env: { SIPC_SEED: process.env.SIPC_SEED ?? '20261123', SIPC_RUNS: process.env.SIPC_RUNS ?? '10' },
  },
});
