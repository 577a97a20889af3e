import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

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
    // Modules load once per worker, not once per file (most of a small file's time); so spies are
    // restored after each test, and no module keeps state a test could leave behind.
    isolate: false,
    restoreMocks: true,
    // The suites run against the embedded mocks with a fixed seed here, so the project's own tests
    // are reproducible; SIPC_SEED picks another. 10 cases a requirement: the clean mocks get 25 in
    // the extreme readings and 10 more on seeds of their own in the everyday ones in the fault score
    // test, and `npm run conformance` 50.
    env: { SIPC_SEED: process.env.SIPC_SEED ?? '20261123', SIPC_RUNS: process.env.SIPC_RUNS ?? '10' },
  },
});
