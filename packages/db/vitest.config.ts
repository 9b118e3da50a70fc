import { defineProject } from 'vitest/config';

// The root config's timeouts do not reach projects; database tests (CREATE DATABASE, migrations,
// the 45k-row import) need more than vitest's 5 s default.
export default defineProject({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
