import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    // Tests start HTTPS simulators and DuckDB files: two workers fit this two-core machine.
    maxWorkers: 2,
  },
});
