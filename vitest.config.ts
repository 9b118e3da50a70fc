import { existsSync, readdirSync } from 'node:fs';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// One test run for the whole monorepo: every workspace folder is a project, so `npm test` prints one
// summary. A folder with its own vitest.config.ts uses it; the others inherit this file's settings
// (`extends: true`), since root test options do not reach projects otherwise. Tests that need
// Postgres or Redis create their own database / queue prefix, so files run in parallel safely.
const folders = [
  ...readdirSync('packages', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => `packages/${d.name}`),
  'server',
  'workers',
  'web',
  'test',
].filter((dir) => existsSync(`${dir}/package.json`));

const projects: (string | TestProjectInlineConfiguration)[] = folders.map((dir) =>
  existsSync(`${dir}/vitest.config.ts`)
    ? dir
    : { extends: true, test: { name: dir.replace(/^packages\//, ''), root: dir } },
);

export default defineConfig({
  test: {
    projects,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
