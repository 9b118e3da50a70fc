import { defineConfig } from 'vitest/config';

// One test run for the whole monorepo: every package's tests are a project, so
// `pnpm test` prints one summary. Tests that need Postgres or Redis create their
// own database / queue prefix, so files run in parallel safely.
export default defineConfig({
  test: {
    projects: ['packages/*', 'server', 'workers', 'web', 'test'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
