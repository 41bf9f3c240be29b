import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup-yield.ts'],
    globalSetup: ['test/server/global-postgres.ts'],
  },
});
