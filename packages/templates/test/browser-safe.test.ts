import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sourceDir = new URL('../src/', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

const nodeOnly = /from\s+['"](node:|fs|path|os|crypto|child_process|worker_threads|stream|buffer|util)['"/]/;

describe('browser safety', () => {
  it('imports nothing Node-only and touches no Node globals, so the web preview can bundle it', () => {
    const files = sourceFiles(sourceDir);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(nodeOnly);
      expect(text, file).not.toMatch(/\b(process|Buffer|require)\s*[.(]/);
      const imports = [...text.matchAll(/from\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
      for (const specifier of imports)
        expect(
          ['handlebars'].includes(specifier ?? '') || specifier?.startsWith('.'),
          `${file}: ${specifier}`,
        ).toBe(true);
    }
  });
});
