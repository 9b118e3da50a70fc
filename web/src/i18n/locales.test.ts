import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

function leaves(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof inner === 'string') out.set(path, inner);
    else for (const [k, v] of leaves(inner, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('locale files', () => {
  const english = leaves(en);
  const chinese = leaves(zhCN);

  it('have the same keys', () => {
    expect([...chinese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('use the same placeholders in every translation', () => {
    for (const [key, text] of english)
      expect(placeholders(chinese.get(key) ?? ''), key).toEqual(placeholders(text));
  });

  it('have no empty texts and Chinese texts that are actually translated', () => {
    const untranslated = [...chinese].filter(
      ([key, text]) => text === english.get(key) && /[a-z]{4,}/.test(text),
    );
    // Product names and sample values may stay as they are; everything else is translated.
    expect(untranslated.map(([key]) => key)).toEqual(['login.title']);
    for (const text of [...english.values(), ...chinese.values()]) expect(text.trim()).not.toBe('');
  });
});
