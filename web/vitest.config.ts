import { defineProject } from 'vitest/config';

// Unit tests of the web app's pure logic (undo stack, clipboard, autosave merge) run in Node;
// anything that needs a real page is a browser test under test/browser.
export default defineProject({
  test: {
    name: 'web',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
  },
});
