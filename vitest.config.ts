import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'client/src/**/*.test.ts', 'client/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real-time audio tests are long but mostly idle; two files at a time matches the two cores.
    maxWorkers: 2,
  },
});
