import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The builder runs evaluate, describe and parse in the browser: src must not reach for Node.
const srcDir = new URL('../src/', import.meta.url);
const nodeBuiltins =
  /from ['"](node:|fs|path|os|crypto|child_process|net|http|https|stream|util|url|buffer)(\/[^'"]*)?['"]/;

describe('universal code', () => {
  it('imports no Node module from src', () => {
    const files = readdirSync(srcDir).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(new URL(file, srcDir), 'utf8');
      expect(source, file).not.toMatch(nodeBuiltins);
      expect(source, file).not.toMatch(/\bprocess\.|\bBuffer\b|require\(/);
    }
  });
});
