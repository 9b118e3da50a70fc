import { readFileSync } from 'node:fs';
import { renderEnvDocsMarkdown } from '@waymark/config';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents exactly the environment variables the code reads', () => {
    const table = /<!-- env-table:start -->\n([\s\S]*?)\n<!-- env-table:end -->/.exec(readme)?.[1];
    expect(table, 'README has an env table between the env-table markers').toBeDefined();
    expect(table?.trim()).toBe(renderEnvDocsMarkdown().trim());
  });

  it('names the two commands and they exist in package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
    expect(pkg.scripts.start).toBeTruthy();
    expect(pkg.scripts.test).toBeTruthy();
  });
});
