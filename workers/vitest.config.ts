import { defineProject } from 'vitest/config';

// Engine tests create a database, queues and a local SMS gateway per file; those hooks and
// end-to-end runs need more than vitest's 5 s default.
export default defineProject({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
