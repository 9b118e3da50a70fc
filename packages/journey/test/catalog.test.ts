import { describe, expect, it } from 'vitest';
import { fieldReasonCatalog, isProblemCode, problemCatalog, problemCodes } from '../src/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]).sort();

describe('message catalogs', () => {
  it.each(Object.entries({ ...problemCatalog, ...fieldReasonCatalog }))(
    '%s has an English and a Chinese text with the same placeholders',
    (_, text) => {
      expect(text.en.trim()).not.toBe('');
      expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(text['zh-CN'])).toEqual(placeholders(text.en));
    },
  );

  it('lists codes as stable area.what strings', () => {
    for (const code of problemCodes) expect(code).toMatch(/^[a-z]+(\.[a-z-]+)+$/);
    expect(isProblemCode('node.unreachable')).toBe(true);
    expect(isProblemCode('toString')).toBe(false);
  });
});
