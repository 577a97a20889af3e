import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'specs/**/*.test.ts', 'suites/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The suites run against the embedded mocks with a fixed seed here, so the project's own tests
    // are reproducible; SIPC_SEED picks another.
    env: { SIPC_SEED: process.env.SIPC_SEED ?? '20261123' },
  },
});
